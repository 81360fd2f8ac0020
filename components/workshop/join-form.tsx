"use client";

import type { FormEvent } from "react";
import type { Locale } from "@/lib/i18n/locales";
import { workshopText } from "@/lib/i18n/workshop-ui";
import { Field, useSubmit } from "../form-parts";
import { rememberSession } from "../session-guard";
import { postJson } from "../workspace/api";

/** POST /api/workshops/join; on success the server gave this browser a new session (its own learner), so the guard is told before the page moves on. */
export function JoinForm({ locale, code }: { locale: Locale; code: string }) {
  const t = workshopText(locale);
  const { busy, run, errorView } = useSubmit(t.requestFailed);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    void run(async () => {
      const joined = await postJson<{ home: string; session?: { fingerprint: string; ticket: string } }>(
        "/api/workshops/join",
        { code: form.get("code"), displayName: form.get("displayName") },
        locale,
      );
      if (joined.session) rememberSession(joined.session);
      window.location.assign(joined.home);
    });
  };
  return (
    <form onSubmit={submit} className="workshop-form panel" data-testid="join-form">
      <Field
        label={t.code}
        hint={t.codeHint}
        name="code"
        required
        defaultValue={code}
        autoComplete="off"
        autoCapitalize="characters"
        spellCheck={false}
        maxLength={12}
        className="code-input"
        testId="join-code-input"
      />
      <Field label={t.displayName} hint={t.displayNameHint} name="displayName" required maxLength={40} autoComplete="nickname" testId="join-name" />
      {errorView}
      <button type="submit" className="primary" disabled={busy} data-testid="join-submit">
        {busy ? t.joining : t.join}
      </button>
    </form>
  );
}
