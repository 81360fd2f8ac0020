/**
 * The four exams as AWS's exam guides describe them: how many questions, how many minutes, and how much of the exam
 * each content domain is. Kept in this one place so the timed sets, the full-length simulation's draw and the
 * readiness view all read the same figures.
 *
 * Sources (checked 2026-12-07):
 * - SAA-C03: https://docs.aws.amazon.com/aws-certification/latest/solutions-architect-associate-03/solutions-architect-associate-03.html
 *   and https://aws.amazon.com/certification/certified-solutions-architect-associate/ — 65 questions, 130 minutes;
 *   domains 30 / 26 / 24 / 20 %.
 * - DVA-C02: https://docs.aws.amazon.com/aws-certification/latest/developer-associate-02/developer-associate-02.html
 *   and https://aws.amazon.com/certification/certified-developer-associate/ — 65 questions, 130 minutes;
 *   domains 32 / 26 / 24 / 18 %.
 * - SOA-C03 (CloudOps Engineer – Associate; AWS still hosts its guide under the SysOps path):
 *   https://docs.aws.amazon.com/aws-certification/latest/sysops-administrator-associate-03/sysops-administrator-associate-03.html
 *   and https://aws.amazon.com/certification/certified-cloudops-engineer-associate/ — 65 questions, 130 minutes
 *   (no exam labs since C03); domains 22 / 22 / 22 / 16 / 18 %.
 * - DOP-C02: https://docs.aws.amazon.com/aws-certification/latest/examguides/devops-engineer-professional-02.html
 *   and https://aws.amazon.com/certification/certified-devops-engineer-professional/ — 75 questions, 180 minutes;
 *   domains 22 / 17 / 15 / 15 / 14 / 17 %.
 * AWS's counts include the unscored questions (15 on the associate exams, 10 on DOP-C02): a candidate answers them
 * all in the time, so the simulation asks them all too.
 */
import type { ExamId } from "./schema";

export interface ExamGuide {
  questions: number;
  minutes: number;
  /** Domain number → percent of the exam's scored content, as the guide's "Exam content" table gives it. */
  weights: Record<string, number>;
}

export const EXAM_GUIDES: Record<ExamId, ExamGuide> = {
  "SAA-C03": { questions: 65, minutes: 130, weights: { "1": 30, "2": 26, "3": 24, "4": 20 } },
  "DVA-C02": { questions: 65, minutes: 130, weights: { "1": 32, "2": 26, "3": 24, "4": 18 } },
  "SOA-C03": { questions: 65, minutes: 130, weights: { "1": 22, "2": 22, "3": 22, "4": 16, "5": 18 } },
  "DOP-C02": { questions: 75, minutes: 180, weights: { "1": 22, "2": 17, "3": 15, "4": 15, "5": 14, "6": 17 } },
};

/** The domain's share of the exam in percent (0 for a domain the guide does not list). */
export function domainWeight(exam: ExamId, domain: string): number {
  return EXAM_GUIDES[exam].weights[domain] ?? 0;
}
