/**
 * The learner's review state in the progress database: flags, spaced-repetition cards (ExamReviewCard, FSRS), and the
 * answers "review missed and flagged" and readiness read. The rules are review.ts's, spaced.ts's and readiness.ts's;
 * this module only reads and writes. Every row belongs to a learner and goes when the learner does (cascade).
 */
import { db } from "@/lib/progress/db";
import { courseProgress } from "@/lib/progress/lesson-progress";
import type { QuestionBank } from "./load";
import { isCorrect, isOver, questionsFor } from "./practice";
import { latestResults, type PastAnswer } from "./review";
import type { ExamId } from "./schema";
import { dueCards, nextDue, rateAnswer, type ReviewCard } from "./spaced";

function letters(text: string): string[] {
  try {
    const value = JSON.parse(text);
    return Array.isArray(value) ? value.filter((x): x is string => typeof x === "string") : [];
  } catch {
    return [];
  }
}

/** Flags or unflags a question for the learner; flagging twice is one flag. */
export async function setFlag(learnerId: string, questionId: string, flagged: boolean, now = new Date()): Promise<void> {
  if (flagged) {
    await db().examFlag.upsert({ where: { learnerId_questionId: { learnerId, questionId } }, create: { learnerId, questionId, flaggedAt: now }, update: {} });
  } else {
    await db().examFlag.deleteMany({ where: { learnerId, questionId } });
  }
}

export async function flaggedQuestions(learnerId: string): Promise<Set<string>> {
  const rows = await db().examFlag.findMany({ where: { learnerId }, select: { questionId: true } });
  return new Set(rows.map((r) => r.questionId));
}

/** Rates the learner's card for a question after an answer at `now` (spaced.ts: a wrong answer makes one). */
export async function rateQuestion(learnerId: string, questionId: string, correct: boolean, now = new Date()): Promise<ReviewCard | null> {
  const row = await db().examReviewCard.findUnique({ where: { learnerId_questionId: { learnerId, questionId } } });
  const next = rateAnswer(row, questionId, correct, now);
  if (!next) return null;
  const data = { due: next.due, stability: next.stability, difficulty: next.difficulty, scheduledDays: next.scheduledDays, learningSteps: next.learningSteps, reps: next.reps, lapses: next.lapses, state: next.state, lastReview: next.lastReview };
  await db().examReviewCard.upsert({ where: { learnerId_questionId: { learnerId, questionId } }, create: { learnerId, questionId, ...data }, update: data });
  return next;
}

/**
 * Rates the answers of the learner's sets that are over and not rated yet, in the order they were given. A set ends
 * by Finish or by its deadline passing with nobody there, so this runs when the learner next opens an exam page.
 * Each set is claimed with a conditional update first, so two pages loading at once rate it once.
 */
export async function reviewFinishedSets(learnerId: string, bank: QuestionBank, now = new Date()): Promise<number> {
  const pending = await db().examSet.findMany({ where: { learnerId, reviewedAt: null }, include: { answers: true } });
  let rated = 0;
  for (const set of pending.filter((s) => isOver(s, now))) {
    const claimed = await db().examSet.updateMany({ where: { id: set.id, reviewedAt: null }, data: { reviewedAt: now } });
    if (claimed.count === 0) continue;
    for (const answer of [...set.answers].sort((a, b) => a.answeredAt.getTime() - b.answeredAt.getTime())) {
      const q = bank.byId.get(answer.questionId);
      if (!q) continue;
      await rateQuestion(learnerId, q.id, isCorrect(q, letters(answer.choice)), answer.answeredAt);
      rated++;
    }
  }
  return rated;
}

/** Every answer the learner gave for `exam`: practice answers, and answers in sets that are over (a running set's may still change). */
export async function pastAnswers(learnerId: string, exam: ExamId, now = new Date()): Promise<PastAnswer[]> {
  const [practice, sets] = await Promise.all([
    db().examAnswer.findMany({ where: { learnerId, exam }, select: { questionId: true, choice: true, answeredAt: true } }),
    db().examSet.findMany({ where: { learnerId, exam }, include: { answers: true } }),
  ]);
  return [
    ...practice.map((a) => ({ questionId: a.questionId, choice: letters(a.choice), answeredAt: a.answeredAt })),
    ...sets.filter((s) => isOver(s, now)).flatMap((s) => s.answers.map((a) => ({ questionId: a.questionId, choice: letters(a.choice), answeredAt: a.answeredAt }))),
  ];
}

/** Per question of `exam`, whether the learner's latest answer (practice or a finished set) was right. */
export async function latestExamResults(learnerId: string, bank: QuestionBank, exam: ExamId, now = new Date()): Promise<Map<string, boolean>> {
  return latestResults(bank, await pastAnswers(learnerId, exam, now));
}

/** The exam's questions due for review at `now`, most overdue first, and when the next one falls due. */
export async function dueForReview(learnerId: string, bank: QuestionBank, exam: ExamId, now = new Date()): Promise<{ due: string[]; next: Date | null }> {
  const inExam = new Set(questionsFor(bank, exam).map((q) => q.id));
  const cards = (await db().examReviewCard.findMany({ where: { learnerId } })).filter((c) => inExam.has(c.questionId));
  return { due: dueCards(cards, now).map((c) => c.questionId), next: nextDue(cards, now) };
}

/** The lessons the learner has completed (readiness counts those that teach each domain). */
export async function completedLessons(learnerId: string): Promise<Set<string>> {
  return new Set([...(await courseProgress(learnerId))].filter(([, p]) => p.completed).map(([id]) => id));
}
