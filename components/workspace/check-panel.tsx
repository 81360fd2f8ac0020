import Link from "next/link";
import type { RefObject } from "react";
import type { CheckResult } from "@/lib/course/grading/grade";
import { sandboxUiText } from "@/lib/i18n/sandbox-ui";
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
  /** When the checks shown are the last Check's, restored after a reload: when it was (ISO 8601). */
  checkedAt: string | null;
  next: { href: string; label: string } | null;
  courseHref: string;
  /** The file in the editor and the messages its Problems list shows now: a check's detail does not repeat them. */
  shown: { file: string; messages: string[] };
  hints: string[];
  solution: Record<string, string> | null;
  onLoadSolution(name: string): void;
}) {
  const { locale, checks, resultsHeading, ruleHints, progress, hints, solution, onLoadSolution, next, checkedAt } = props;
  const t = uiText(locale);
  const s = sandboxUiText(locale);
  const unlocked = hintsUnlocked(progress);
  return (
    <>
      {progress.completed && (
        <div className="banner success" role="status" data-testid="lesson-completed">
          <p>{checks?.every((c) => c.passed) ? t.allPassed : t.lessonCompleted}</p>
          <p data-testid="next-step">
            {next ? (
              <>
                {s.nextLesson} <Link href={next.href}>{next.label}</Link>
              </>
            ) : (
              <Link href={props.courseHref}>{s.courseDone}</Link>
            )}
          </p>
        </div>
      )}
      {checks && (
        <section aria-labelledby="checks-heading" className="checks">
          <h3 id="checks-heading" ref={resultsHeading} tabIndex={-1}>
            {t.checksHeading}
          </h3>
          {checkedAt && (
            <p className="muted" data-testid="checks-restored">
              <time dateTime={checkedAt} suppressHydrationWarning>
                {s.lastCheckAt(new Date(checkedAt).toLocaleString(locale))}
              </time>
            </p>
          )}
          <ul>
            {checks.map((c) => (
              <li key={c.id} className={c.passed ? "passed" : "failed"} data-check={c.id} data-passed={c.passed}>
                <span className="badge">{c.passed ? `✓ ${t.checkPassed}` : `✗ ${t.checkFailed}`}</span> {c.title}
                {c.detail && !c.question && <p className="detail">{withoutRepeats(c.detail, props.shown, s.seeProblems)}</p>}
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

/**
 * A check about the file in the editor quotes the first failure in AWS's words, which the Problems list right above
 * already shows in full: the row says where it is and leaves the words to Problems.
 */
function withoutRepeats(detail: string, shown: { file: string; messages: string[] }, pointer: string): string {
  if (!detail.includes(shown.file)) return detail;
  return shown.messages.reduce((text, message) => (message.length >= 40 && text.includes(message) ? text.replace(message, pointer) : text), detail);
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
