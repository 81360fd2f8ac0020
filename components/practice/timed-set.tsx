"use client";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { postJson, ApiError } from "@/components/workspace/api";
import { examUiText } from "@/lib/i18n/exam-ui";
import type { Locale } from "@/lib/i18n/locales";
import { formatClock } from "@/lib/exam/practice";
import type { QuestionView } from "@/lib/exam/views";
import { FlagButton } from "./flag-button";
import { QuestionFields } from "./question-fields";

type SaveState = "saving" | "saved" | { error: string };

/**
 * A running timed set: every question on one page, each answer saved as soon as it is complete, a countdown and
 * Finish. The countdown starts from the time left that the server computed from the deadline it stored when the set
 * began (`remainingMs`), measured on the browser's monotonic clock — never from the browser's wall clock, so a wrong
 * system time or a reload changes nothing. When it reaches zero the page reloads and the server shows the result.
 */
export function TimedSet({
  locale,
  setId,
  deadline,
  remainingMs,
  questions,
  initialAnswers,
  flagged = [],
}: {
  locale: Locale;
  setId: string;
  deadline: string;
  remainingMs: number;
  questions: QuestionView[];
  initialAnswers: Record<string, string[]>;
  /** Questions the learner has flagged (a flag outlives the set: it is the learner's, for "Missed and flagged"). */
  flagged?: string[];
}) {
  const t = examUiText(locale);
  const router = useRouter();
  const [answers, setAnswers] = useState(initialAnswers);
  const [saves, setSaves] = useState<Record<string, SaveState>>({});
  const [left, setLeft] = useState(remainingMs);
  const [finishing, setFinishing] = useState(false);
  const origin = useRef<number | null>(null);

  useEffect(() => {
    origin.current = performance.now();
    const tick = () => {
      const now = Math.max(0, remainingMs - (performance.now() - (origin.current ?? performance.now())));
      setLeft(now);
      if (now === 0) {
        clearInterval(timer);
        router.refresh();
      }
    };
    const timer = setInterval(tick, 500);
    return () => clearInterval(timer);
  }, [remainingMs, router]);

  async function choose(q: QuestionView, choice: string[]) {
    setAnswers((a) => ({ ...a, [q.id]: choice }));
    if (choice.length !== q.choose) return;
    setSaves((s) => ({ ...s, [q.id]: "saving" }));
    try {
      await postJson(`/api/exam/sets/${setId}/answer`, { questionId: q.id, choice }, locale);
      setSaves((s) => ({ ...s, [q.id]: "saved" }));
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) router.refresh();
      setSaves((s) => ({ ...s, [q.id]: { error: t.errorSaving((err as Error).message) } }));
    }
  }

  async function finish() {
    setFinishing(true);
    try {
      await postJson(`/api/exam/sets/${setId}/finish`, {}, locale);
    } finally {
      router.refresh();
    }
  }

  const answered = questions.filter((q) => (answers[q.id]?.length ?? 0) === q.choose).length;
  const timeUp = left === 0;
  return (
    <div className="timed-set" data-testid="timed-set">
      <div className="set-status">
        <p>
          <span>{t.timeLeft}: </span>
          <span role="timer" aria-label={t.timerLabel} data-testid="time-left" data-deadline={deadline} data-remaining-ms={Math.round(left)} className="clock">
            {formatClock(left)}
          </span>
        </p>
        <p data-testid="answered-count">{t.answeredCount(answered, questions.length)}</p>
      </div>
      {timeUp && (
        <p className="banner error" role="alert">
          {t.timeUp}
        </p>
      )}
      <ol className="set-questions">
        {questions.map((q, i) => {
          const save = saves[q.id];
          return (
            <li key={q.id} id={`question-${i + 1}`}>
              <h2 className="question-number">{t.questionOf(i + 1, questions.length)}</h2>
              <div className="question-tools">
                <FlagButton locale={locale} questionId={q.id} initial={flagged.includes(q.id)} />
              </div>
              <QuestionFields question={q} choice={answers[q.id] ?? []} onChange={(c) => choose(q, c)} disabled={timeUp || finishing} name={`q-${q.id}`} />
              <p className="save-state" aria-live="polite" data-state={typeof save === "object" ? "failed" : (save ?? "none")}>
                {q.multiple && (answers[q.id]?.length ?? 0) !== q.choose && <span className="muted">{t.chooseCount(q.choose)} </span>}
                {save === "saving" ? t.saving : save === "saved" ? t.saved : typeof save === "object" ? save.error : ""}
              </p>
            </li>
          );
        })}
      </ol>
      <div className="actions finish">
        {answered < questions.length && <p className="muted">{t.confirmFinish(questions.length - answered)}</p>}
        <button type="button" className="primary" onClick={finish} disabled={finishing || timeUp} data-testid="finish-set">
          {t.finish}
        </button>
      </div>
    </div>
  );
}
