import type { Metadata } from "next";
import Link from "next/link";
import { examMetadata, examRoute } from "@/app/_server/exam-page";
import { ExamHeader, FinishedSets } from "@/components/practice/exam-header";
import { StartSetButton } from "@/components/practice/start-set-button";
import { loadQuestionBank } from "@/lib/exam/bank";
import { domainTitle } from "@/lib/exam/domain-titles";
import { formatClock, isOver, timeLeftMs } from "@/lib/exam/practice";
import { recentSets } from "@/lib/exam/practice-store";
import { planSimulation } from "@/lib/exam/simulation";
import { examUiText } from "@/lib/i18n/exam-ui";
import { requestLearner } from "@/app/_server/request-learner";

export async function generateMetadata({ params }: PageProps<"/[locale]/exam/[examId]/simulation">): Promise<Metadata> {
  return examMetadata(params, (exam, t) => `${exam} — ${t.simulationHeading}`);
}

/**
 * The full-length simulation's start page: the real exam's count and time, the questions per domain by the exam
 * guide's weights, and Start — or, when the bank cannot fill it, a plain statement that it cannot start and why.
 */
export default async function SimulationPage({ params }: PageProps<"/[locale]/exam/[examId]/simulation">) {
  const { locale, exam } = await examRoute(params);
  const t = examUiText(locale);
  const plan = planSimulation(loadQuestionBank(), exam);
  const learner = await requestLearner();
  const sets = learner ? await recentSets(learner.id, exam, 5, "full") : [];
  const now = new Date();
  const running = sets.find((s) => !isOver(s, now));
  const finished = sets.filter((s) => isOver(s, now));
  return (
    <div className="exam-page" data-testid="simulation">
      <ExamHeader locale={locale} exam={exam} heading={`${exam} · ${t.simulationHeading}`} subPage />
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
          <FinishedSets locale={locale} exam={exam} sets={finished} />
        </section>
      )}
    </div>
  );
}
