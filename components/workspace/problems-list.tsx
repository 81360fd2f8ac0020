import type { Locale } from "@/lib/i18n/locales";
import { uiText } from "@/lib/i18n/ui";
import type { Diagnostic } from "@/lib/validator/types";

export function ProblemsList({
  diagnostics,
  locale,
  onSelect,
}: {
  diagnostics: Diagnostic[];
  locale: Locale;
  onSelect(offset: number): void;
}) {
  const t = uiText(locale);
  const levelLabel = { error: t.levelError, runtime: t.levelRuntime, warning: t.levelWarning };
  return (
    <section className="problems" aria-labelledby="problems-heading">
      <h3 id="problems-heading">
        {t.problemsHeading} <span className="count">{diagnostics.length}</span>
      </h3>
      {diagnostics.length === 0 ? (
        <p className="ok">{t.noProblems}</p>
      ) : (
        <ul aria-live="polite">
          {diagnostics.map((d, i) => (
            <li key={`${d.ruleId}-${d.range.start}-${i}`} className={`problem level-${d.level}`} data-rule={d.ruleId}>
              <button type="button" onClick={() => onSelect(d.range.start)}>
                <span className="where">
                  {d.range.line}:{d.range.column}
                </span>{" "}
                <span className="level">{levelLabel[d.level]}</span> <code>{d.ruleId}</code>
                <span className="message">{d.message}</span>
              </button>
              {d.docs && (
                // The rule's row on the rules page; a new tab, so the learner's editor (and its unsaved last keystrokes)
                // stays where it is.
                <a href={`/${locale}${d.docs}`} className="explain" target="_blank" rel="noopener" data-testid="explain">
                  {t.explainLink}
                  <span className="visually-hidden"> {t.opensInNewTab}</span>
                </a>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
