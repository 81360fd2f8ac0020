"use client";
import { useRef, useState } from "react";
import { postJson } from "@/components/workspace/api";
import { examUiText } from "@/lib/i18n/exam-ui";
import type { Locale } from "@/lib/i18n/locales";
import type { FeedbackView, QuestionView } from "@/lib/exam/views";
import { Feedback } from "./feedback";
import { FlagButton } from "./flag-button";
import { QuestionFields } from "./question-fields";

interface Answered {
  correct: boolean;
  choice: string[];
  feedback: FeedbackView;
}

/**
 * Practice mode: one question at a time; Answer stores the choice (the server marks it) and shows the explanation
 * of every option at once. Focus moves to the result, then to the next question, so a keyboard or screen reader user
 * follows along.
 */
export function PracticeRunner({
  locale,
  exam,
  questions,
  againHref,
  flagged = [],
  notes = {},
  review = false,
}: {
  locale: Locale;
  exam: string;
  questions: QuestionView[];
  againHref: string;
  /** Questions the learner has flagged, so each shows its flag as it stands. */
  flagged?: string[];
  /** Why a question is in a review ("Missed last time · Flagged"), by question id. */
  notes?: Record<string, string>;
  /** A review of missed, flagged or due questions rather than a domain: the closing words say so. */
  review?: boolean;
}) {
  const t = examUiText(locale);
  const [index, setIndex] = useState(0);
  const [choice, setChoice] = useState<string[]>([]);
  const [answered, setAnswered] = useState<Answered | null>(null);
  const [score, setScore] = useState({ correct: 0, total: 0 });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const resultRef = useRef<HTMLDivElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const question = questions[index];

  if (!question) {
    return (
      <div className="practice-done" data-testid="practice-done">
        <p className="banner success" role="status">
          {review ? t.reviewDone(score.correct, score.total) : t.practiceDone(score.correct, score.total)}
        </p>
        <p>
          <a href={againHref}>{review ? t.reviewAgain : t.practiceAgain}</a>
        </p>
      </div>
    );
  }
  const needed = question.choose;

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    if (choice.length !== needed || busy) return;
    setBusy(true);
    setError(null);
    try {
      const result = await postJson<Answered>("/api/exam/practice/answer", { exam, questionId: question.id, choice }, locale);
      setAnswered(result);
      setScore((s) => ({ correct: s.correct + (result.correct ? 1 : 0), total: s.total + 1 }));
      requestAnimationFrame(() => resultRef.current?.focus());
    } catch (err) {
      setError(t.errorAnswering((err as Error).message));
    } finally {
      setBusy(false);
    }
  }

  function next() {
    setIndex((i) => i + 1);
    setChoice([]);
    setAnswered(null);
    requestAnimationFrame(() => headingRef.current?.focus());
  }

  return (
    <form className="practice" onSubmit={submit} data-testid="practice" data-index={index}>
      <h2 ref={headingRef} tabIndex={-1} className="question-number">
        {t.questionOf(index + 1, questions.length)}
      </h2>
      <div className="question-tools">
        {notes[question.id] && (
          <span className="muted" data-testid="review-reason">
            {notes[question.id]}
          </span>
        )}
        <FlagButton key={question.id} locale={locale} questionId={question.id} initial={flagged.includes(question.id)} />
      </div>
      <QuestionFields question={question} choice={answered ? answered.choice : choice} onChange={setChoice} disabled={answered !== null} name={`q-${question.id}`} />
      {!answered && (
        <>
          {question.multiple && <p className="muted">{t.chooseCount(needed)}</p>}
          <div className="actions">
            <button type="submit" className="primary" disabled={choice.length !== needed || busy} data-testid="submit-answer">
              {t.submitAnswer}
            </button>
          </div>
        </>
      )}
      {error && (
        <p className="banner error" role="alert">
          {error}
        </p>
      )}
      {answered && (
        <div ref={resultRef} tabIndex={-1} className="answer-result">
          <Feedback question={question} feedback={answered.feedback} choice={answered.choice} t={t} />
          <div className="actions">
            <button type="button" className="primary" onClick={next} data-testid="next-question">
              {t.nextQuestion}
            </button>
          </div>
        </div>
      )}
    </form>
  );
}
