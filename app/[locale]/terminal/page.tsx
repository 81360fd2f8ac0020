import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { TerminalPageBody } from "@/components/terminal/terminal-page-body";
import { isLocale } from "@/lib/i18n/locales";
import { terminalText } from "@/lib/i18n/terminal-ui";
import { uiText } from "@/lib/i18n/ui";

export async function generateMetadata({ params }: PageProps<"/[locale]/terminal">): Promise<Metadata> {
  const { locale } = await params;
  return isLocale(locale) ? { title: terminalText(locale).pageTitle } : {};
}

/** The AWS CLI terminal on its own page (issue 12): the learner's sandbox, nothing to install. */
export default async function TerminalPage({ params }: PageProps<"/[locale]/terminal">) {
  const { locale } = await params;
  if (!isLocale(locale)) notFound();
  const t = terminalText(locale);
  return (
    <div className="terminal-page">
      <nav aria-label={uiText(locale).breadcrumb} className="breadcrumb">
        <Link href={`/${locale}`}>{uiText(locale).courseHome}</Link>
      </nav>
      <h1>{t.pageTitle}</h1>
      <p>{t.pageIntro}</p>
      <p className="muted">{t.explainPage}</p>
      <TerminalPageBody locale={locale} />
    </div>
  );
}
