/**
 * Exam practice per learner in the progress database (Prisma, SQLite or PostgreSQL), like lesson progress: every
 * practice answer, and timed sets with their server-set deadline and current answers. Marking and timing rules are
 * practice.ts's; this module only reads and writes.
 */
import { randomUUID } from "node:crypto";
import { db } from "@/lib/progress/db";
import type { BankQuestion, QuestionBank } from "./load";
import { acceptsAnswer, drawSet, isCorrect, isOver, timeLimitMs, type GivenAnswer, type SetKind, type TimedSet } from "./practice";
import { rateQuestion } from "./review-store";
import { drawSimulation } from "./simulation";
import { EXAM_IDS } from "@/lib/course/schema";
import type { ExamId } from "./schema";

function parseLetters(text: string): string[] {
  try {
    const value = JSON.parse(text);
    return Array.isArray(value) ? value.filter((x): x is string => typeof x === "string") : [];
  } catch {
    return [];
  }
}

/** Records one answer in practice mode and rates the question's review card with it; answers whether it was right. */
export async function recordPracticeAnswer(learnerId: string, exam: ExamId, q: BankQuestion, choice: string[], at = new Date()): Promise<boolean> {
  const correct = isCorrect(q, choice);
  await db().examAnswer.create({ data: { learnerId, questionId: q.id, exam, choice: JSON.stringify(choice), correct, answeredAt: at } });
  await rateQuestion(learnerId, q.id, correct, at);
  return correct;
}

/** Per question of `exam`, the learner's latest practice answer: whether it was right (for the exam page's counts). */
export async function latestPracticeResults(learnerId: string, exam: ExamId): Promise<Map<string, boolean>> {
  const rows = await db().examAnswer.findMany({
    where: { learnerId, exam },
    orderBy: { id: "asc" },
    select: { questionId: true, correct: true },
  });
  return new Map(rows.map((r) => [r.questionId, r.correct]));
}

function toSet(row: { id: string; exam: string; kind: string; questionIds: string; startedAt: Date; deadline: Date; finishedAt: Date | null }): TimedSet {
  return {
    id: row.id,
    kind: row.kind === "full" ? "full" : "short",
    exam: (EXAM_IDS as readonly string[]).includes(row.exam) ? (row.exam as ExamId) : "SAA-C03",
    questionIds: parseLetters(row.questionIds),
    startedAt: row.startedAt,
    deadline: row.deadline,
    finishedAt: row.finishedAt,
  };
}

/**
 * Starts a timed set: draws its questions and fixes its deadline now, on the server. A "short" set is `size`
 * questions from every domain in turn; a "full" one is the real exam's count by the guide's weights (simulation.ts),
 * which throws rather than start shorter when the pool is short — the caller checks planSimulation first.
 */
export async function startSet(learnerId: string, bank: QuestionBank, exam: ExamId, size: number, now = new Date(), random = Math.random, kind: SetKind = "short"): Promise<TimedSet> {
  const questionIds = kind === "full" ? drawSimulation(bank, exam, random) : drawSet(bank, exam, size, random);
  const deadline = new Date(now.getTime() + timeLimitMs(exam, questionIds.length));
  const row = await db().examSet.create({
    data: { id: randomUUID(), learnerId, exam, kind, questionIds: JSON.stringify(questionIds), startedAt: now, deadline },
  });
  return toSet(row);
}

/** The learner's set with their answers; null when there is no such set or it is someone else's. */
export async function loadSet(learnerId: string, setId: string): Promise<{ set: TimedSet; answers: Map<string, GivenAnswer> } | null> {
  const row = await db().examSet.findUnique({ where: { id: setId }, include: { answers: true } });
  if (!row || row.learnerId !== learnerId) return null;
  return { set: toSet(row), answers: new Map(row.answers.map((a) => [a.questionId, { choice: parseLetters(a.choice), correct: a.correct }])) };
}

/** The learner's sets of one kind for `exam`, newest first: the one still running (to resume) and the finished ones. */
export async function recentSets(learnerId: string, exam: ExamId, take = 5, kind: SetKind = "short"): Promise<(TimedSet & { answered: number; correct: number })[]> {
  const rows = await db().examSet.findMany({
    where: { learnerId, exam, kind },
    orderBy: { startedAt: "desc" },
    take,
    include: { answers: { select: { correct: true } } },
  });
  return rows.map((row) => ({ ...toSet(row), answered: row.answers.length, correct: row.answers.filter((a) => a.correct).length }));
}

export type SetAnswerOutcome = "saved" | "no-set" | "not-in-set" | "over";

/** Saves (or changes) the answer to one question of a running set. */
export async function answerInSet(learnerId: string, setId: string, q: BankQuestion, choice: string[], now = new Date()): Promise<SetAnswerOutcome> {
  const row = await db().examSet.findUnique({ where: { id: setId } });
  if (!row || row.learnerId !== learnerId) return "no-set";
  const set = toSet(row);
  if (!set.questionIds.includes(q.id)) return "not-in-set";
  if (!acceptsAnswer(set, now)) return "over";
  const data = { choice: JSON.stringify(choice), correct: isCorrect(q, choice), answeredAt: now };
  await db().examSetAnswer.upsert({
    where: { setId_questionId: { setId, questionId: q.id } },
    create: { setId, questionId: q.id, ...data },
    update: data,
  });
  return "saved";
}

/** Ends a set before its time is up (Finish). A set already over stays as it was. */
export async function finishSet(learnerId: string, setId: string, now = new Date()): Promise<"finished" | "no-set"> {
  const row = await db().examSet.findUnique({ where: { id: setId } });
  if (!row || row.learnerId !== learnerId) return "no-set";
  if (!isOver(toSet(row), now)) await db().examSet.update({ where: { id: setId }, data: { finishedAt: now } });
  return "finished";
}
