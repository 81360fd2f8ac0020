import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { StartSetButton } from "@/components/practice/start-set-button";
import { loadQuestionBank } from "@/lib/exam/bank";
import { domainTitle, examDomains } from "@/lib/exam/domain-titles";
import { EXAM_FORMAT, SET_SIZE, domainIn, formatClock, isOver, questionsFor, timeLeftMs, timeLimitMs } from "@/lib/exam/practice";
import { latestPracticeResults, recentSets } from "@/lib/exam/practice-store";
import { examUiText } from "@/lib/i18n/exam-ui";
import { uiText } from "@/lib/i18n/ui";
import { isLocale } from "@/lib/i18n/locales";
import { examOf } from "@/app/_server/exam-request";
import { requestLearner } from "@/app/_server/request-learner";

export async function generateMetadata({ params }: PageProps<"/[locale]/exam/[examId]">): Promise<Metadata> {
  const { locale, examId } = await params;
  const exam = examOf(examId);
  return isLocale(locale) && exam ? { title: `${exam} — ${examUiText(locale).homeTitle}` } : {};
}

/** One exam: practise a domain, or start (or resume) a timed set; the learner's recent sets. */
export default async function ExamPage({ params }: PageProps<"/[locale]/exam/[examId]">) {
  const { locale, examId } = await params;
  const exam = examOf(examId);
  if (!isLocale(locale) || !exam) notFound();
  const t = examUiText(locale);
  const bank = loadQuestionBank();
  const questions = questionsFor(bank, exam);
  const learner = await requestLearner();
  const [latest, sets] = learner ? await Promise.all([latestPracticeResults(learner.id, exam), recentSets(learner.id, exam)]) : [new Map<string, boolean>(), []];
  const now = new Date();
  const running = sets.find((s) => !isOver(s, now));
  const finished = sets.filter((s) => isOver(s, now));
  const size = Math.min(SET_SIZE, questions.length);
  const format = EXAM_FORMAT[exam];
  const dateFormat = new Intl.DateTimeFormat(locale === "ja" ? "ja-JP" : "en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
  return (
    <div className="exam-page">
      <nav aria-label={uiText(locale).breadcrumb} className="breadcrumb">
        <Link href={`/${locale}/exam`}>{t.allExams}</Link>
      </nav>
      <h1>{t.examTitle(exam, t.examNames[exam])}</h1>
      <section aria-labelledby="timed-heading" className="panel">
        <h2 id="timed-heading">{t.timedHeading}</h2>
        <p>{t.timedIntro(size, Math.round(timeLimitMs(exam, size) / 60_000), exam, format.questions, format.minutes)}</p>
        {running ? (
          <p>
            <Link href={`/${locale}/exam/${exam}/sets/${running.id}`} data-testid="resume-set" className="button-link">
              {t.resumeSet(formatClock(timeLeftMs(running, now)))}
            </Link>
          </p>
        ) : (
          <StartSetButton locale={locale} exam={exam} />
        )}
        {finished.length > 0 && (
          <>
            <h3>{t.recentSets}</h3>
            <ul>
              {finished.map((s) => (
                <li key={s.id}>
                  <Link href={`/${locale}/exam/${exam}/sets/${s.id}`}>{t.setLine(`${dateFormat.format(s.startedAt)} UTC`, s.correct, s.questionIds.length)}</Link>
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
      <section aria-labelledby="domains-heading" className="panel">
        <h2 id="domains-heading">{t.practiceByDomain}</h2>
        <p>{t.practiceByDomainIntro}</p>
        <ul className="domain-list">
          {examDomains(exam).map((d) => {
            const inDomain = questions.filter((q) => domainIn(q, exam) === d);
            const answered = inDomain.filter((q) => latest.has(q.id));
            return (
              <li key={d} data-domain={d}>
                {inDomain.length > 0 ? (
                  <Link href={`/${locale}/exam/${exam}/practice?domain=${d}`}>
                    {t.domain(d)}: {domainTitle(exam, d, locale)}
                  </Link>
                ) : (
                  <span>
                    {t.domain(d)}: {domainTitle(exam, d, locale)}
                  </span>
                )}
                <span className="meta"> — {inDomain.length > 0 ? t.domainStats(inDomain.length, answered.length, answered.filter((q) => latest.get(q.id)).length) : t.noQuestionsYet}</span>
              </li>
            );
          })}
        </ul>
        <p>
          <Link href={`/${locale}/exam/${exam}/practice`}>{t.practiceAll}</Link>
        </p>
      </section>
    </div>
  );
}
