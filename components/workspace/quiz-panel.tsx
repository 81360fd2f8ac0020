"use client";

import type { CheckResult } from "@/lib/course/grading/grade";
import type { Locale } from "@/lib/i18n/locales";
import { uiText } from "@/lib/i18n/ui";

/** A question as the page shows it: no correct answers leave the server; they come back as check results. */
export interface QuizView {
  id: string;
  multiple: boolean;
  prompt: string;
  options: { id: string; text: string }[];
}

export function QuizPanel(props: {
  locale: Locale;
  questions: QuizView[];
  answers: Record<string, string[]>;
  results: CheckResult[] | null;
  onChange(answers: Record<string, string[]>): void;
}) {
  const { locale, questions, answers, results, onChange } = props;
  const t = uiText(locale);
  const toggle = (question: QuizView, option: string, on: boolean) => {
    const current = answers[question.id] ?? [];
    const next = question.multiple ? (on ? [...current, option] : current.filter((id) => id !== option)) : [option];
    onChange({ ...answers, [question.id]: next });
  };
  return (
    <section className="quiz" aria-labelledby="quiz-heading">
      <h3 id="quiz-heading">{t.quizHeading}</h3>
      {questions.map((question, n) => {
        const result = results?.find((r) => r.question === question.id);
        return (
          <fieldset key={question.id} data-question={question.id}>
            <legend>
              {n + 1}. {question.prompt} {question.multiple && <span className="muted">({t.chooseAll})</span>}
            </legend>
            {question.options.map((option) => (
              <label key={option.id} className="quiz-option">
                <input
                  type={question.multiple ? "checkbox" : "radio"}
                  name={`q-${question.id}`}
                  value={option.id}
                  checked={(answers[question.id] ?? []).includes(option.id)}
                  onChange={(e) => toggle(question, option.id, e.target.checked)}
                />{" "}
                {option.text}
              </label>
            ))}
            {result?.detail && (
              <p className={result.passed ? "quiz-feedback passed" : "quiz-feedback failed"} role="status">
                {result.detail}
              </p>
            )}
          </fieldset>
        );
      })}
    </section>
  );
}
