import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PracticeRunner } from "@/components/practice/practice-runner";
import { loadQuestionBank } from "@/lib/exam/bank";
import { domainTitle, examDomains } from "@/lib/exam/domain-titles";
import { domainIn, questionsFor } from "@/lib/exam/practice";
import { questionView } from "@/lib/exam/views";
import { examUiText } from "@/lib/i18n/exam-ui";
import { uiText } from "@/lib/i18n/ui";
import { isLocale } from "@/lib/i18n/locales";
import { examOf } from "@/app/_server/exam-request";

export async function generateMetadata({ params }: PageProps<"/[locale]/exam/[examId]/practice">): Promise<Metadata> {
  const { locale, examId } = await params;
  const exam = examOf(examId);
  return isLocale(locale) && exam ? { title: `${exam} — ${examUiText(locale).practiceByDomain}` } : {};
}

/** Practice mode for one domain (or every domain in turn): the questions go to the page without their answers. */
export default async function PracticePage({ params, searchParams }: PageProps<"/[locale]/exam/[examId]/practice">) {
  const { locale, examId } = await params;
  const exam = examOf(examId);
  if (!isLocale(locale) || !exam) notFound();
  const { domain: domainParam } = await searchParams;
  const domain = typeof domainParam === "string" && examDomains(exam).includes(domainParam) ? domainParam : undefined;
  const t = examUiText(locale);
  const questions = questionsFor(loadQuestionBank(), exam, domain);
  // Every domain in turn: domain order, bank order within a domain.
  if (!domain) questions.sort((a, b) => Number(domainIn(a, exam)) - Number(domainIn(b, exam)));
  const here = `/${locale}/exam/${exam}/practice${domain ? `?domain=${domain}` : ""}`;
  return (
    <div className="exam-page">
      <nav aria-label={uiText(locale).breadcrumb} className="breadcrumb">
        <Link href={`/${locale}/exam`}>{t.allExams}</Link> › <Link href={`/${locale}/exam/${exam}`}>{exam}</Link>
      </nav>
      <h1>{domain ? `${exam} · ${t.domain(domain)}: ${domainTitle(exam, domain, locale)}` : `${exam} · ${t.practiceByDomain}`}</h1>
      {questions.length === 0 ? (
        <p>{t.noQuestionsYet}</p>
      ) : (
        <PracticeRunner key={here} locale={locale} exam={exam} questions={questions.map((q) => questionView(q, locale))} againHref={here} />
      )}
    </div>
  );
}
