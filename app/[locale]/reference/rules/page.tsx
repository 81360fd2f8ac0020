import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ScrollRegion } from "@/components/scroll-region";
import { loadCourse } from "@/lib/course/load";
import { DOCKERFILE_RULES } from "@/lib/docker/lint";
import { isLocale, type Locale } from "@/lib/i18n/locales";
import { uiText } from "@/lib/i18n/ui";
import { RULES } from "@/lib/validator";
import { sourceKinds } from "@/lib/validator/rule-sources";
import type { Lang, Level } from "@/lib/validator/types";

export async function generateMetadata({ params }: PageProps<"/[locale]/reference/rules">): Promise<Metadata> {
  const { locale } = await params;
  return isLocale(locale) ? { title: uiText(locale).rulesHeading } : {};
}

interface RuleRow {
  id: string;
  level: Level;
  summary: Record<Lang, string>;
  source: string;
  /** The lesson the rule's definition names as its explanation, if any. */
  lesson?: string;
}

/**
 * Every rule the editor checks, one row each with the rule id as its anchor: the editor's "Explanation" links land
 * on a row (`#FG-NETWORKMODE`), which says what the rule expects, what it rests on and which lessons teach it.
 */
export default async function RulesPage({ params }: PageProps<"/[locale]/reference/rules">) {
  const { locale } = await params;
  if (!isLocale(locale)) notFound();
  const t = uiText(locale);
  return (
    <div className="rules-page">
      <h1>{t.rulesHeading}</h1>
      <p>{t.rulesIntro}</p>
      <section aria-labelledby="rules-task-definitions">
        <h2 id="rules-task-definitions">{t.rulesTaskDefinitions}</h2>
        <RulesTable rules={RULES} locale={locale} label={t.rulesTaskDefinitions} />
      </section>
      <section aria-labelledby="rules-dockerfiles">
        <h2 id="rules-dockerfiles">{t.rulesDockerfiles}</h2>
        <RulesTable rules={DOCKERFILE_RULES} locale={locale} label={t.rulesDockerfiles} />
      </section>
    </div>
  );
}

function RulesTable({ rules, locale, label }: { rules: readonly RuleRow[]; locale: Locale; label: string }) {
  const t = uiText(locale);
  const levelLabel = { error: t.levelError, runtime: t.levelRuntime, warning: t.levelWarning };
  const teaching = lessonsTeaching();
  return (
    <ScrollRegion className="table-scroll" label={label}>
      <table className="rules-table stack-on-phone">
        <thead>
          <tr>
            <th scope="col">{t.ruleId}</th>
            <th scope="col">{t.ruleLevel}</th>
            <th scope="col">{t.ruleSummary}</th>
            <th scope="col">{t.ruleSource}</th>
            <th scope="col">{t.ruleLessons}</th>
          </tr>
        </thead>
        <tbody>
          {rules.map((rule) => {
            const lessons = [...new Set([...(rule.lesson ? [rule.lesson] : []), ...(teaching.get(rule.id) ?? [])])];
            return (
              <tr key={rule.id} id={rule.id}>
                <th scope="row">
                  <code>{rule.id}</code>
                </th>
                <td className={`rule-level level-${rule.level}`} data-label={t.ruleLevel}>
                  {levelLabel[rule.level]}
                </td>
                <td data-label={t.ruleSummary}>{rule.summary[locale]}</td>
                <td data-label={t.ruleSource}>
                  <ul className="source-kinds">
                    {sourceKinds(rule.source).map((kind) => (
                      <li key={kind} data-source-kind={kind}>
                        {t.sourceKinds[kind]}
                      </li>
                    ))}
                  </ul>
                  <details className="source-note">
                    <summary>{t.ruleSourceNote}</summary>
                    <span lang="en">{rule.source}</span>
                  </details>
                </td>
                <td data-label={t.ruleLessons}>
                  {lessons.length === 0 ? (
                    <span className="muted">—</span>
                  ) : (
                    lessons.map((id, i) => (
                      <span key={id}>
                        {i > 0 && ", "}
                        <LessonLink id={id} locale={locale} />
                      </span>
                    ))
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

function LessonLink({ id, locale }: { id: string; locale: Locale }) {
  const lesson = loadCourse().lessons.get(id);
  if (!lesson) return <span>{id}</span>;
  return (
    <Link href={`/${locale}/lessons/${id}`} title={lesson.meta[locale].title}>
      {id}
    </Link>
  );
}

/** Rule id → the lessons that list it in `teaches`, in course order. */
function lessonsTeaching(): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const lesson of loadCourse().lessons.values()) {
    for (const rule of lesson.teaches) map.set(rule, [...(map.get(rule) ?? []), lesson.id]);
  }
  return map;
}
