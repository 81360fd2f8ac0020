import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PracticeRunner } from "@/components/practice/practice-runner";
import { loadQuestionBank } from "@/lib/exam/bank";
import { domainTitle, examDomains } from "@/lib/exam/domain-titles";
import { domainIn, questionsFor } from "@/lib/exam/practice";
import { missedAndFlagged } from "@/lib/exam/review";
import { dueForReview, flaggedQuestions, latestExamResults, reviewFinishedSets } from "@/lib/exam/review-store";
import { questionView } from "@/lib/exam/views";
import type { BankQuestion } from "@/lib/exam/load";
import { examUiText } from "@/lib/i18n/exam-ui";
import { uiText } from "@/lib/i18n/ui";
import { isLocale } from "@/lib/i18n/locales";
import { examOf } from "@/app/_server/exam-request";
import { requestLearner } from "@/app/_server/request-learner";

export async function generateMetadata({ params, searchParams }: PageProps<"/[locale]/exam/[examId]/practice">): Promise<Metadata> {
  const { locale, examId } = await params;
  const { mode } = await searchParams;
  const exam = examOf(examId);
  if (!isLocale(locale) || !exam) return {};
  const t = examUiText(locale);
  return { title: `${exam} — ${mode === "due" ? t.dueTitle : mode === "review" ? t.missedTitle : t.practiceByDomain}` };
}

/**
 * Practice mode: one domain, every domain in turn, the questions due for review (`?mode=due`, most overdue first) or
 * those missed and flagged (`?mode=review`). The questions go to the page without their answers.
 */
export default async function PracticePage({ params, searchParams }: PageProps<"/[locale]/exam/[examId]/practice">) {
  const { locale, examId } = await params;
  const exam = examOf(examId);
  if (!isLocale(locale) || !exam) notFound();
  const { domain: domainParam, mode: modeParam } = await searchParams;
  const mode = modeParam === "due" || modeParam === "review" ? modeParam : undefined;
  const domain = !mode && typeof domainParam === "string" && examDomains(exam).includes(domainParam) ? domainParam : undefined;
  const t = examUiText(locale);
  const bank = loadQuestionBank();
  const learner = await requestLearner();
  const now = new Date();
  if (learner) await reviewFinishedSets(learner.id, bank, now);
  const flagged = learner ? await flaggedQuestions(learner.id) : new Set<string>();
  let questions: BankQuestion[];
  const notes: Record<string, string> = {};
  if (mode === "due") {
    const due = learner ? (await dueForReview(learner.id, bank, exam, now)).due : [];
    questions = due.flatMap((id) => bank.byId.get(id) ?? []);
  } else if (mode === "review") {
    const items = learner ? missedAndFlagged(bank, exam, await latestExamResults(learner.id, bank, exam, now), flagged) : [];
    questions = items.map((i) => i.question);
    for (const i of items) notes[i.question.id] = [i.missed && t.reasonMissed, i.flagged && t.reasonFlagged].filter(Boolean).join(" · ");
  } else {
    questions = questionsFor(bank, exam, domain);
    // Every domain in turn: domain order, bank order within a domain.
    if (!domain) questions.sort((a, b) => Number(domainIn(a, exam)) - Number(domainIn(b, exam)));
  }
  const here = `/${locale}/exam/${exam}/practice${mode ? `?mode=${mode}` : domain ? `?domain=${domain}` : ""}`;
  const title = mode === "due" ? t.dueTitle : mode === "review" ? t.missedTitle : domain ? `${t.domain(domain)}: ${domainTitle(exam, domain, locale)}` : t.practiceByDomain;
  return (
    <div className="exam-page">
      <nav aria-label={uiText(locale).breadcrumb} className="breadcrumb">
        <Link href={`/${locale}/exam`}>{t.allExams}</Link> › <Link href={`/${locale}/exam/${exam}`}>{exam}</Link>
      </nav>
      <h1>{`${exam} · ${title}`}</h1>
      {mode && <p>{t.reviewModeIntro}</p>}
      {questions.length === 0 ? (
        <p data-testid="nothing-to-practise">{mode === "due" ? t.dueNone : mode === "review" ? t.missedNone : t.noQuestionsYet}</p>
      ) : (
        <PracticeRunner
          key={here}
          locale={locale}
          exam={exam}
          questions={questions.map((q) => questionView(q, locale))}
          againHref={mode ? `/${locale}/exam/${exam}` : here}
          flagged={questions.filter((q) => flagged.has(q.id)).map((q) => q.id)}
          notes={notes}
          review={mode !== undefined}
        />
      )}
    </div>
  );
}
