import type { RefObject } from "react";
import type { CheckResult } from "@/lib/course/grading/grade";
import { hintsUnlocked } from "@/lib/course/grading/policy";
import type { Locale } from "@/lib/i18n/locales";
import { uiText } from "@/lib/i18n/ui";
import { ScrollRegion } from "../scroll-region";

export interface ProgressState {
  failedChecks: number;
  completed: boolean;
}

export function CheckPanel(props: {
  locale: Locale;
  checks: CheckResult[] | null;
  /** The results' heading, where focus goes after each Check. */
  resultsHeading?: RefObject<HTMLHeadingElement | null>;
  ruleHints: { ruleId: string; text: string }[];
  progress: ProgressState;
  hints: string[];
  solution: Record<string, string> | null;
  onLoadSolution(name: string): void;
}) {
  const { locale, checks, resultsHeading, ruleHints, progress, hints, solution, onLoadSolution } = props;
  const t = uiText(locale);
  const unlocked = hintsUnlocked(progress);
  return (
    <>
      {progress.completed && (
        <p className="banner success" role="status" data-testid="lesson-completed">
          {checks?.every((c) => c.passed) ? t.allPassed : t.lessonCompleted}
        </p>
      )}
      {checks && (
        <section aria-labelledby="checks-heading" className="checks">
          <h3 id="checks-heading" ref={resultsHeading} tabIndex={-1}>
            {t.checksHeading}
          </h3>
          <ul>
            {checks.map((c) => (
              <li key={c.id} className={c.passed ? "passed" : "failed"} data-check={c.id} data-passed={c.passed}>
                <span className="badge">{c.passed ? `✓ ${t.checkPassed}` : `✗ ${t.checkFailed}`}</span> {c.title}
                {c.detail && !c.question && <p className="detail">{c.detail}</p>}
                {c.hint && (
                  <p className="check-hint" data-testid="check-hint">
                    <strong>{t.hintsHeading}:</strong> <InlineCode text={c.hint} />
                  </p>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}
      <section aria-labelledby="hints-heading" className="hints">
        <h3 id="hints-heading">{t.hintsHeading}</h3>
        {unlocked === 0 && ruleHints.length === 0 && <p className="muted">{t.hintLocked}</p>}
        {ruleHints.length > 0 && (
          <ul className="rule-hints">
            {ruleHints.map((h) => (
              <li key={h.ruleId} data-rule-hint={h.ruleId}>
                <code>{h.ruleId}</code> <InlineCode text={h.text} />
              </li>
            ))}
          </ul>
        )}
        <ol>
          {/* Each unlocked hint is opened by the learner, so a later one never gives the answer away unasked. */}
          {hints.slice(0, unlocked).map((hint, i) => (
            <li key={i} data-hint={i + 1}>
              <details>
                <summary>{t.hintN(i + 1)}</summary>
                <InlineCode text={hint} />
              </details>
            </li>
          ))}
        </ol>
      </section>
      {solution && (
        <details className="solution" data-testid="solution">
          <summary>{t.showSolution}</summary>
          {Object.entries(solution).map(([name, text]) => (
            <div key={name}>
              <p>
                <code>{name}</code>
              </p>
              <ScrollRegion as="pre" label={name}>
                <code>{text}</code>
              </ScrollRegion>
              <button type="button" onClick={() => onLoadSolution(name)}>
                {t.loadSolution}
              </button>
            </div>
          ))}
        </details>
      )}
    </>
  );
}

/** Hints may use `backticks`; render those as code without interpreting any other markup. */
function InlineCode({ text }: { text: string }) {
  return (
    <>
      {text.split(/(`[^`]+`)/).map((part, i) =>
        part.startsWith("`") && part.endsWith("`") ? <code key={i}>{part.slice(1, -1)}</code> : part,
      )}
    </>
  );
}
