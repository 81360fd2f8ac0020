"use client";

import { useRouter } from "next/navigation";
import { useCallback, useState } from "react";
import type { Locale } from "@/lib/i18n/locales";
import { uiText } from "@/lib/i18n/ui";
import { useConfirm } from "@/components/confirm-dialog";
import { postJson } from "./api";
import { useSandboxChanges, type SandboxChange } from "./sandbox-events";

/** Sets up the lesson's prepared sandbox, or resets it (only this exercise's clusters; the rest stays). */
export function ExercisePanel({ locale, lessonId, started }: { locale: Locale; lessonId: string; started: boolean }) {
  const t = uiText(locale);
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [isStarted, setStarted] = useState(started);
  const { confirm, dialog } = useConfirm();
  // "Reset sandbox" removed this exercise's clusters with everything else: it needs setting up again.
  useSandboxChanges(useCallback((change: SandboxChange) => change.reset && setStarted(false), []));

  async function setUp(reset: boolean) {
    if (busy) return;
    if (reset && !(await confirm({ title: t.resetExercise, message: t.resetExerciseConfirm, confirmLabel: t.resetExercise, cancelLabel: t.cancel }))) return;
    setBusy(true);
    setError(null);
    try {
      await postJson(`/api/lessons/${lessonId}/exercise`, { reset }, locale);
      setStarted(true);
      router.refresh();
    } catch (e) {
      setError(e instanceof Error ? e.message : t.requestFailed);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="exercise-panel" data-testid="exercise-panel" data-started={isStarted}>
      <p>{isStarted ? t.exerciseReady : t.exerciseIntro}</p>
      {isStarted ? (
        // aria-disabled rather than disabled while busy: a disabled button would drop the focus the dialog gave back.
        <button type="button" onClick={() => setUp(true)} aria-disabled={busy} data-testid="reset-exercise">
          {t.resetExercise}
        </button>
      ) : (
        <button type="button" className="primary" onClick={() => setUp(false)} disabled={busy} data-testid="setup-exercise">
          {busy ? t.settingUp : t.setUpExercise}
        </button>
      )}
      {error && (
        <p className="banner error" role="alert">
          {error}
        </p>
      )}
      {dialog}
    </div>
  );
}
