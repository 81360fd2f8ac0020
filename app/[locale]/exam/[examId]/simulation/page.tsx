import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { StartSetButton } from "@/components/practice/start-set-button";
import { loadQuestionBank } from "@/lib/exam/bank";
import { domainTitle } from "@/lib/exam/domain-titles";
import { formatClock, isOver, timeLeftMs } from "@/lib/exam/practice";
import { recentSets } from "@/lib/exam/practice-store";
import { planSimulation } from "@/lib/exam/simulation";
import { examUiText } from "@/lib/i18n/exam-ui";
import { uiText } from "@/lib/i18n/ui";
import { isLocale } from "@/lib/i18n/locales";
import { examOf } from "@/app/_server/exam-request";
import { requestLearner } from "@/app/_server/request-learner";

export async function generateMetadata({ params }: PageProps<"/[locale]/exam/[examId]/simulation">): Promise<Metadata> {
  const { locale, examId } = await params;
  const exam = examOf(examId);
  return isLocale(locale) && exam ? { title: `${exam} — ${examUiText(locale).simulationHeading}` } : {};
}

/**
 * The full-length simulation's start page: the real exam's count and time, the questions per domain by the exam
 * guide's weights, and Start — or, when the bank cannot fill it, a plain statement that it cannot start and why.
 */
export default async function SimulationPage({ params }: PageProps<"/[locale]/exam/[examId]/simulation">) {
  const { locale, examId } = await params;
  const exam = examOf(examId);
  if (!isLocale(locale) || !exam) notFound();
  const t = examUiText(locale);
  const plan = planSimulation(loadQuestionBank(), exam);
  const learner = await requestLearner();
  const sets = learner ? await recentSets(learner.id, exam, 5, "full") : [];
  const now = new Date();
  const running = sets.find((s) => !isOver(s, now));
  const finished = sets.filter((s) => isOver(s, now));
  const dateFormat = new Intl.DateTimeFormat(locale === "ja" ? "ja-JP" : "en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
  return (
    <div className="exam-page" data-testid="simulation">
      <nav aria-label={uiText(locale).breadcrumb} className="breadcrumb">
        <Link href={`/${locale}/exam`}>{t.allExams}</Link> › <Link href={`/${locale}/exam/${exam}`}>{exam}</Link>
      </nav>
      <h1>
        {exam} · {t.simulationHeading}
      </h1>
      <p className="score" data-testid="simulation-facts" data-questions={plan.questions} data-minutes={plan.minutes}>
        {t.simulationFacts(plan.questions, plan.minutes)}
      </p>
      <p>{t.simulationIntro(exam, plan.questions, plan.minutes)}</p>
      {!plan.ready ? (
        <p className="short-pool" role="status" data-testid="simulation-refused">
          {t.simulationShort(exam, plan.available, plan.questions)}
        </p>
      ) : running ? (
        <p>
          <Link href={`/${locale}/exam/${exam}/sets/${running.id}`} data-testid="resume-simulation" className="button-link">
            {t.resumeSimulation(formatClock(timeLeftMs(running, now)))}
          </Link>
        </p>
      ) : (
        <StartSetButton locale={locale} exam={exam} kind="full" />
      )}
      <section aria-labelledby="plan-heading" className="panel">
        <h2 id="plan-heading">{t.simulationPlanCaption}</h2>
        <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="plan-heading">
          <table className="plan-table" data-testid="simulation-plan">
            <thead>
              <tr>
                <th scope="col">{t.domainColumn}</th>
                <th scope="col">{t.colWeight}</th>
                <th scope="col">{t.colTarget}</th>
                <th scope="col">{t.colAvailable}</th>
                {plan.ready && <th scope="col">{t.colDrawn}</th>}
              </tr>
            </thead>
            <tbody>
              {plan.domains.map((d) => (
                <tr key={d.domain} data-domain={d.domain} data-target={d.target} data-available={d.available} data-drawn={d.drawn}>
                  <th scope="row">
                    {t.domain(d.domain)}: {domainTitle(exam, d.domain, locale)}
                  </th>
                  <td>{d.weight} %</td>
                  <td>{d.target}</td>
                  <td>{d.available}</td>
                  {plan.ready && <td>{d.drawn}</td>}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {plan.ready && plan.domains.some((d) => d.drawn < d.target) && (
          <p className="muted">
            {plan.domains
              .filter((d) => d.drawn < d.target)
              .map((d) => t.domain(d.domain))
              .join(", ")}
            : {t.domainShortNote}
          </p>
        )}
      </section>
      {finished.length > 0 && (
        <section aria-labelledby="recent-simulations-heading" className="panel">
          <h2 id="recent-simulations-heading">{t.recentSimulations}</h2>
          <ul>
            {finished.map((s) => (
              <li key={s.id}>
                <Link href={`/${locale}/exam/${exam}/sets/${s.id}`}>{t.setLine(`${dateFormat.format(s.startedAt)} UTC`, s.correct, s.questionIds.length)}</Link>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
