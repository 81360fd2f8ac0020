"use client";
import { useState } from "react";
import { postJson } from "@/components/workspace/api";
import { examUiText } from "@/lib/i18n/exam-ui";
import type { Locale } from "@/lib/i18n/locales";

/**
 * "Flag for review": a toggle button (aria-pressed) that stores the flag at once, so the question appears under
 * "Missed and flagged" on the exam's page. Its name stays the same; its pressed state says whether it is on.
 */
export function FlagButton({ locale, questionId, initial }: { locale: Locale; questionId: string; initial: boolean }) {
  const t = examUiText(locale);
  const [flagged, setFlagged] = useState(initial);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function toggle() {
    const next = !flagged;
    setBusy(true);
    setError(null);
    try {
      await postJson("/api/exam/flags", { questionId, flagged: next }, locale);
      setFlagged(next);
    } catch (err) {
      setError(t.errorFlagging((err as Error).message));
    } finally {
      setBusy(false);
    }
  }
  return (
    <span className="flag">
      <button type="button" className="flag-button" aria-pressed={flagged} onClick={toggle} disabled={busy} data-testid="flag" data-flagged={String(flagged)}>
        <span aria-hidden="true">{flagged ? "★ " : "☆ "}</span>
        {t.flag}
      </button>
      {flagged && <span className="tag tag-flagged"> {t.flagged}</span>}
      {error && (
        <span className="banner error" role="alert">
          {error}
        </span>
      )}
    </span>
  );
}
