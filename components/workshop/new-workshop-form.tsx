"use client";

import { useRouter } from "next/navigation";
import { useId, type FormEvent } from "react";
import type { Locale } from "@/lib/i18n/locales";
import { workshopText } from "@/lib/i18n/workshop-ui";
import { Field, useSubmit } from "../form-parts";
import { postJson } from "../workspace/api";

/** Title, language, lessons or an exam track, optional start and end → POST /api/workshops, then the live page. */
export function NewWorkshopForm({ locale, lessons, tracks }: { locale: Locale; lessons: { id: string; title: string }[]; tracks: { id: string; title: string }[] }) {
  const t = workshopText(locale);
  const router = useRouter();
  const id = useId();
  const { busy, run, errorView } = useSubmit(t.requestFailed);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const local = (name: string) => {
      const value = String(form.get(name) ?? "");
      return value ? new Date(value).toISOString() : undefined;
    };
    void run(async () => {
      const track = String(form.get("track") ?? "");
      const created = await postJson<{ id: string }>(
        "/api/workshops",
        {
          title: form.get("title"),
          language: form.get("language"),
          ...(track ? { track } : { lessons: form.getAll("lessons") }),
          startsAt: local("startsAt"),
          endsAt: local("endsAt"),
        },
        locale,
      );
      router.push(`/${locale}/workshops/${created.id}`);
    });
  };
  return (
    <form onSubmit={submit} className="workshop-form" data-testid="new-workshop">
      <Field label={t.title} name="title" required maxLength={120} testId="workshop-title" />
      <div className="field">
        <label htmlFor={`${id}-lang`}>{t.language}</label>
        <select id={`${id}-lang`} name="language" defaultValue={locale} data-testid="workshop-language">
          <option value="en">{t.languages.en}</option>
          <option value="ja">{t.languages.ja}</option>
        </select>
      </div>
      <fieldset className="lesson-choices">
        <legend>{t.chooseLessons}</legend>
        <div className="lesson-choice-list">
          {lessons.map((l) => (
            <label key={l.id}>
              <input type="checkbox" name="lessons" value={l.id} data-testid={`choose-${l.id}`} /> <span>{l.id} {l.title}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <div className="field">
        <label htmlFor={`${id}-track`}>{t.orTrack}</label>
        <select id={`${id}-track`} name="track" defaultValue="" data-testid="workshop-track">
          <option value="">{t.noTrack}</option>
          {tracks.map((tr) => (
            <option key={tr.id} value={tr.id}>
              {tr.title}
            </option>
          ))}
        </select>
      </div>
      <div className="field-row">
        <Field label={t.startsAt} name="startsAt" type="datetime-local" />
        <Field label={t.endsAt} name="endsAt" type="datetime-local" />
      </div>
      {errorView}
      <button type="submit" className="primary" disabled={busy} data-testid="create-workshop">
        {busy ? t.creating : t.create}
      </button>
    </form>
  );
}
