"use client";

import { useId, useState, type FormEvent } from "react";
import type { Locale } from "@/lib/i18n/locales";
import { workshopText } from "@/lib/i18n/workshop-ui";
import { useConfirm } from "../confirm-dialog";
import { postJson } from "../workspace/api";

/** Resets one lesson's exercise for this participant, after a confirmation that says what stays. */
export function ResetLesson({ locale, workshopId, participantId, lessons }: { locale: Locale; workshopId: string; participantId: string; lessons: string[] }) {
  const t = workshopText(locale);
  const id = useId();
  const { confirm, dialog } = useConfirm();
  const [note, setNote] = useState<string | null>(null);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const lessonId = String(new FormData(event.currentTarget).get("lessonId"));
    if (!(await confirm({ title: t.resetLesson, message: t.resetDone, confirmLabel: t.resetLesson, cancelLabel: locale === "ja" ? "キャンセル" : "Cancel" }))) return;
    try {
      await postJson(`/api/workshops/${workshopId}/actions`, { action: "reset", participantId, lessonId }, locale);
      setNote(t.resetDone);
    } catch (e) {
      setNote(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <form onSubmit={submit} className="one-field">
      {dialog}
      <label htmlFor={id}>{t.resetLesson}</label>
      <div className="one-field-row">
        <select id={id} name="lessonId">
          {lessons.map((l) => (
            <option key={l}>{l}</option>
          ))}
        </select>
        <button type="submit" data-testid="reset-lesson">
          {t.resetLesson}
        </button>
      </div>
      <p role="status" className="hint">
        {note}
      </p>
    </form>
  );
}
