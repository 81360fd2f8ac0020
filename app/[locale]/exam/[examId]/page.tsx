import type { Metadata } from "next";
import Link from "next/link";
import { examMetadata, examRoute } from "@/app/_server/exam-page";
import { ExamHeader, FinishedSets } from "@/components/practice/exam-header";
import { ReadinessChart } from "@/components/practice/readiness-chart";
import { StartSetButton } from "@/components/practice/start-set-button";
import { loadQuestionBank } from "@/lib/exam/bank";
import { domainTitle, examDomains } from "@/lib/exam/domain-titles";
import { EXAM_FORMAT, SET_SIZE, domainIn, formatClock, isOver, questionsFor, timeLeftMs, timeLimitMs } from "@/lib/exam/practice";
import { latestPracticeResults, recentSets } from "@/lib/exam/practice-store";
import { readiness, readinessTotals } from "@/lib/exam/readiness";
import { missedAndFlagged } from "@/lib/exam/review";
import { completedLessons, dueForReview, flaggedQuestions, latestExamResults, reviewFinishedSets } from "@/lib/exam/review-store";
import { readinessSummary } from "@/lib/i18n/exam-readiness";
import { examUiText } from "@/lib/i18n/exam-ui";
import { requestLearner } from "@/app/_server/request-learner";

export async function generateMetadata({ params }: PageProps<"/[locale]/exam/[examId]">): Promise<Metadata> {
  return examMetadata(params, (exam, t) => `${exam} — ${t.homeTitle}`);
}

/**
 * One exam: start (or resume) a timed set, open the full-length simulation, review what is due or was missed and
 * flagged, practise a domain, and see readiness per domain. Sets that ended since the last visit are rated for
 * spaced repetition first, so the due count includes them.
 */
export default async function ExamPage({ params }: PageProps<"/[locale]/exam/[examId]">) {
  const { locale, exam } = await examRoute(params);
  const t = examUiText(locale);
  const bank = loadQuestionBank();
  const questions = questionsFor(bank, exam);
  const learner = await requestLearner();
  const now = new Date();
  if (learner) await reviewFinishedSets(learner.id, bank, now);
  const [latest, sets, allLatest, flagged, due, lessonsDone] = learner
    ? await Promise.all([
        latestPracticeResults(learner.id, exam),
        recentSets(learner.id, exam),
        latestExamResults(learner.id, bank, exam, now),
        flaggedQuestions(learner.id),
        dueForReview(learner.id, bank, exam, now),
        completedLessons(learner.id),
      ])
    : [new Map<string, boolean>(), [], new Map<string, boolean>(), new Set<string>(), { due: [], next: null }, new Set<string>()];
  const review = missedAndFlagged(bank, exam, allLatest, flagged);
  const rows = readiness(bank, exam, allLatest, lessonsDone);
  const totals = readinessTotals(bank, exam, allLatest, lessonsDone);
  const running = sets.find((s) => !isOver(s, now));
  const finished = sets.filter((s) => isOver(s, now));
  const size = Math.min(SET_SIZE, questions.length);
  const format = EXAM_FORMAT[exam];
  const dateFormat = new Intl.DateTimeFormat(locale === "ja" ? "ja-JP" : "en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
  return (
    <div className="exam-page">
      <ExamHeader locale={locale} exam={exam} heading={t.examTitle(exam, t.examNames[exam])} />
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
            <FinishedSets locale={locale} exam={exam} sets={finished} />
          </>
        )}
      </section>
      <section aria-labelledby="simulation-heading" className="panel">
        <h2 id="simulation-heading">{t.simulationHeading}</h2>
        <p>{t.simulationIntro(exam, format.questions, format.minutes)}</p>
        <p>
          <Link href={`/${locale}/exam/${exam}/simulation`} data-testid="open-simulation">
            {t.openSimulation}
          </Link>
        </p>
      </section>
      <section aria-labelledby="review-modes-heading" className="panel">
        <h2 id="review-modes-heading">{t.reviewModesHeading}</h2>
        <p>{t.dueIntro}</p>
        <ul className="review-links">
          <li data-testid="due-count" data-count={due.due.length}>
            {due.due.length > 0 ? (
              <Link href={`/${locale}/exam/${exam}/practice?mode=due`}>{t.dueLink(due.due.length)}</Link>
            ) : (
              <span>
                {t.dueNone}
                {due.next && ` ${t.dueNext(`${dateFormat.format(due.next)} UTC`)}`}
              </span>
            )}
          </li>
          <li data-testid="missed-count" data-missed={review.filter((r) => r.missed).length} data-flagged={review.filter((r) => r.flagged).length}>
            {review.length > 0 ? (
              <Link href={`/${locale}/exam/${exam}/practice?mode=review`}>{t.missedLink(review.filter((r) => r.missed).length, review.filter((r) => r.flagged).length)}</Link>
            ) : (
              <span>{t.missedNone}</span>
            )}
          </li>
        </ul>
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
      <section aria-labelledby="readiness-heading" className="panel">
        <h2 id="readiness-heading">{t.readinessHeading}</h2>
        <p>{t.readinessIntro}</p>
        <ReadinessChart
          locale={locale}
          exam={exam}
          rows={rows.map((r) => ({ ...r, title: domainTitle(exam, r.domain, locale) }))}
          summary={readinessSummary(locale, exam, rows, totals)}
        />
      </section>
    </div>
  );
}
