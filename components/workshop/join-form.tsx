"use client";

import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import type { Locale } from "@/lib/i18n/locales";
import { workshopText } from "@/lib/i18n/workshop-ui";
import { rememberSession } from "../session-guard";
import { postJson } from "../workspace/api";

/** POST /api/workshops/join; on success the server gave this browser a new session (its own learner), so the guard is told before the page moves on. */
export function JoinForm({ locale, code }: { locale: Locale; code: string }) {
  const t = workshopText(locale);
  const id = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const errorRef = useRef<HTMLParagraphElement>(null);
  // Focus moves to the message once it is on the page, so a screen reader and a keyboard user land on it.
  useEffect(() => {
    if (error) errorRef.current?.focus();
  }, [error]);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(null);
    try {
      const joined = await postJson<{ home: string; session?: { fingerprint: string; ticket: string } }>(
        "/api/workshops/join",
        { code: form.get("code"), displayName: form.get("displayName") },
        locale,
      );
      if (joined.session) rememberSession(joined.session);
      window.location.assign(joined.home);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      setBusy(false);
    }
  };
  return (
    <form onSubmit={submit} className="workshop-form panel" data-testid="join-form">
      <div className="field">
        <label htmlFor={`${id}-code`}>{t.code}</label>
        <input
          id={`${id}-code`}
          name="code"
          required
          defaultValue={code}
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          maxLength={12}
          aria-describedby={`${id}-code-hint`}
          className="code-input"
          data-testid="join-code-input"
        />
        <p id={`${id}-code-hint`} className="hint">
          {t.codeHint}
        </p>
      </div>
      <div className="field">
        <label htmlFor={`${id}-name`}>{t.displayName}</label>
        <input id={`${id}-name`} name="displayName" required maxLength={40} autoComplete="nickname" aria-describedby={`${id}-name-hint`} data-testid="join-name" />
        <p id={`${id}-name-hint`} className="hint">
          {t.displayNameHint}
        </p>
      </div>
      {error && (
        <p role="alert" className="form-error" tabIndex={-1} ref={errorRef} data-testid="form-error">
          {error}
        </p>
      )}
      <button type="submit" className="primary" disabled={busy} data-testid="join-submit">
        {busy ? t.joining : t.join}
      </button>
    </form>
  );
}
