import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { isLocale } from "@/lib/i18n/locales";
import { uiText } from "@/lib/i18n/ui";
import { RULES } from "@/lib/validator";

export async function generateMetadata({ params }: PageProps<"/[locale]/reference/rules">): Promise<Metadata> {
  const { locale } = await params;
  return isLocale(locale) ? { title: uiText(locale).rulesHeading } : {};
}

export default async function RulesPage({ params }: PageProps<"/[locale]/reference/rules">) {
  const { locale } = await params;
  if (!isLocale(locale)) notFound();
  const t = uiText(locale);
  const levelLabel = { error: t.levelError, runtime: t.levelRuntime, warning: t.levelWarning };
  return (
    <div>
      <h1>{t.rulesHeading}</h1>
      <p>{t.rulesIntro}</p>
      <table className="rules-table">
        <thead>
          <tr>
            <th scope="col">{t.ruleId}</th>
            <th scope="col">{t.ruleLevel}</th>
            <th scope="col">{t.ruleSummary}</th>
            <th scope="col">{t.ruleSource}</th>
          </tr>
        </thead>
        <tbody>
          {RULES.map((rule) => (
            <tr key={rule.id} id={rule.id}>
              <th scope="row">
                <code>{rule.id}</code>
              </th>
              <td>{levelLabel[rule.level]}</td>
              <td>{rule.summary[locale]}</td>
              <td>{rule.source}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
