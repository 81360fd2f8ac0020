import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Feedback } from "@/components/practice/feedback";
import { FlagButton } from "@/components/practice/flag-button";
import { TimedSet } from "@/components/practice/timed-set";
import { loadCourse } from "@/lib/course/load";
import { loadQuestionBank } from "@/lib/exam/bank";
import { domainTitle } from "@/lib/exam/domain-titles";
import { isOver, percent, scoreSet, timeLeftMs } from "@/lib/exam/practice";
import { loadSet } from "@/lib/exam/practice-store";
import { flaggedQuestions, reviewFinishedSets } from "@/lib/exam/review-store";
import { feedbackView, questionView } from "@/lib/exam/views";
import { examUiText } from "@/lib/i18n/exam-ui";
import { uiText } from "@/lib/i18n/ui";
import { isLocale } from "@/lib/i18n/locales";
import { examOf } from "@/app/_server/exam-request";
import { requestLearner } from "@/app/_server/request-learner";

export async function generateMetadata({ params }: PageProps<"/[locale]/exam/[examId]/sets/[setId]">): Promise<Metadata> {
  const { locale, examId } = await params;
  const exam = examOf(examId);
  return isLocale(locale) && exam ? { title: `${exam} — ${examUiText(locale).timedHeading}` } : {};
}

/**
 * A timed set: while it runs, its questions and the time left (computed here from the stored deadline, so a reload
 * resumes where the learner was); once over, the score per domain and every answer explained.
 */
export default async function SetPage({ params }: PageProps<"/[locale]/exam/[examId]/sets/[setId]">) {
  const { locale, examId, setId } = await params;
  const exam = examOf(examId);
  if (!isLocale(locale) || !exam) notFound();
  const learner = await requestLearner();
  const found = learner ? await loadSet(learner.id, setId) : null;
  if (!found || found.set.exam !== exam) notFound();
  const { set, answers } = found;
  const t = examUiText(locale);
  const bank = loadQuestionBank();
  const now = new Date();
  const heading = set.kind === "full" ? t.simulationHeading : t.timedHeading;
  const flagged = await flaggedQuestions(learner!.id);
  const crumbs = (
    <nav aria-label={uiText(locale).breadcrumb} className="breadcrumb">
      <Link href={`/${locale}/exam`}>{t.allExams}</Link> › <Link href={`/${locale}/exam/${exam}`}>{exam}</Link>
    </nav>
  );

  if (!isOver(set, now)) {
    const questions = set.questionIds.flatMap((id) => {
      const q = bank.byId.get(id);
      return q ? [questionView(q, locale)] : [];
    });
    return (
      <div className="exam-page">
        {crumbs}
        <h1>
          {exam} · {heading}
        </h1>
        <TimedSet
          locale={locale}
          setId={set.id}
          deadline={set.deadline.toISOString()}
          remainingMs={timeLeftMs(set, now)}
          questions={questions}
          initialAnswers={Object.fromEntries([...answers].map(([id, a]) => [id, a.choice]))}
          flagged={set.questionIds.filter((id) => flagged.has(id))}
        />
      </div>
    );
  }

  // Over: its answers rate the learner's review cards now (once), so "Due for review" counts them straight away.
  await reviewFinishedSets(learner!.id, bank, now);
  const result = scoreSet(bank, set, answers);
  const course = loadCourse();
  const weakest = [...result.domains].sort((a, b) => a.correct / a.total - b.correct / b.total)[0];
  return (
    <div className="exam-page" data-testid="set-result">
      {crumbs}
      <h1>
        {exam} · {heading} · {t.resultHeading}
      </h1>
      <p className="score" data-testid="score">
        {t.score(result.correct, result.total, percent(result.correct, result.total))}
      </p>
      {result.answered < result.total && <p>{t.unansweredNote(result.total - result.answered)}</p>}
      <section aria-labelledby="per-domain-heading" className="panel">
        <h2 id="per-domain-heading">{t.perDomain}</h2>
        <div className="table-scroll">
          <table className="domain-results" data-testid="domain-results">
            <thead>
              <tr>
                <th scope="col">{t.domainColumn}</th>
                <th scope="col">{t.scoreColumn}</th>
                <th scope="col">%</th>
              </tr>
            </thead>
            <tbody>
              {result.domains.map((d) => (
                <tr key={d.domain} data-domain={d.domain} data-correct={d.correct} data-total={d.total}>
                  <th scope="row">
                    {t.domain(d.domain)}: {domainTitle(exam, d.domain, locale)}
                  </th>
                  <td>
                    {d.correct} / {d.total}
                  </td>
                  <td>{percent(d.correct, d.total)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {weakest && weakest.correct < weakest.total && (
          <p>
            {t.weakest}
            <Link href={`/${locale}/exam/${exam}/practice?domain=${weakest.domain}`}>{t.practiseDomain(weakest.domain)}</Link>
          </p>
        )}
      </section>
      <section aria-labelledby="review-heading">
        <h2 id="review-heading">{t.reviewHeading}</h2>
        <ol className="review" data-testid="review">
          {result.review.map((item, i) => {
            const view = questionView(item.question, locale);
            return (
              <li key={item.question.id} className="panel" data-question-id={item.question.id} data-correct={String(item.correct)}>
                <h3 className="question-number">
                  {t.questionOf(i + 1, result.total)} · {t.domain(item.domain)} · {item.correct ? t.markCorrect : item.given ? t.markWrong : t.unanswered}
                </h3>
                <div className="question-tools">
                  <FlagButton locale={locale} questionId={item.question.id} initial={flagged.has(item.question.id)} />
                </div>
                <p className="question-stem">
                  {view.stem}
                  {view.instruction && <strong className="choose"> {view.instruction}</strong>}
                </p>
                <Feedback question={view} feedback={feedbackView(item.question, locale, course)} choice={item.given?.choice ?? null} t={t} />
              </li>
            );
          })}
        </ol>
      </section>
    </div>
  );
}
