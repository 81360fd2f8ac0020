/**
 * Exam practice without I/O: which questions an exam or a domain asks, how an answer is read and marked, how a timed
 * set is drawn, how long it lasts, whether it is still running, and its result per domain. The database side is
 * practice-store.ts; the pages only render what these functions return.
 */
import type { BankQuestion, QuestionBank } from "./load";
import { EXAM_GUIDES } from "./exam-guides";
import { OPTION_IDS, type ExamId } from "./schema";

/** The short timed set the practice home offers (issue 15); the full-length simulation is simulation.ts's. */
export const SET_SIZE = 20;

/**
 * The real exams' length (exam-guides.ts, from AWS's exam guides): 65 questions in 130 minutes, 75 in 180 for DOP-C02.
 * A shorter set keeps the real exam's pace — the same minutes per question — so 20 questions get 40 minutes (48 for
 * DOP-C02): a learner who finishes in time here is on pace for the real one. Unscored questions are included in AWS's
 * counts, so the pace is the one the candidate actually has to keep.
 */
export const EXAM_FORMAT: Record<ExamId, { questions: number; minutes: number }> = Object.fromEntries(
  Object.entries(EXAM_GUIDES).map(([exam, g]) => [exam, { questions: g.questions, minutes: g.minutes }]),
) as Record<ExamId, { questions: number; minutes: number }>;

/**
 * An answer sent in the last moments of a set may arrive just after the deadline: accepted for this long after it,
 * so a choice made on time is not lost on its way. Small next to a set's 40 minutes.
 */
export const DEADLINE_GRACE_MS = 5_000;

/** Time for `count` questions at the real exam's pace, in milliseconds (whole seconds). */
export function timeLimitMs(exam: ExamId, count: number): number {
  const { questions, minutes } = EXAM_FORMAT[exam];
  return Math.round((count * minutes * 60) / questions) * 1000;
}

/** The questions that count toward `exam` (and its `domain`, when given), in bank order. */
export function questionsFor(bank: QuestionBank, exam: ExamId, domain?: string): BankQuestion[] {
  return bank.questions.filter((q) => q.tags.some((t) => t.exam === exam && (domain === undefined || t.domain === domain)));
}

/** The domain a question counts toward in `exam` (one per exam, as on the real exam). */
export function domainIn(q: BankQuestion, exam: ExamId): string {
  const tag = q.tags.find((t) => t.exam === exam);
  if (!tag) throw new Error(`${q.id} is not asked in ${exam}`);
  return tag.domain;
}

export type ChoiceReading = { choice: string[] } | { error: "not-letters" | "not-an-option" | "wrong-count" };

/**
 * Reads a submitted choice: an array of option letters of this question, as many as it asks for (one, or its
 * `choose`). Sorted, so ["c", "a"] and ["a", "c"] are the same answer.
 */
export function readChoice(q: BankQuestion, raw: unknown): ChoiceReading {
  if (!Array.isArray(raw) || !raw.every((x): x is string => typeof x === "string")) return { error: "not-letters" };
  const letters = Object.keys(q.en.options);
  if (!raw.every((x) => letters.includes(x))) return { error: "not-an-option" };
  const choice = [...new Set(raw)].sort((a, b) => OPTION_IDS.indexOf(a as never) - OPTION_IDS.indexOf(b as never));
  if (choice.length !== (q.choose ?? 1)) return { error: "wrong-count" };
  return { choice };
}

/** Right when the learner chose exactly the answer's letters: a multiple-response item has no partial credit on AWS's exams. */
export function isCorrect(q: Pick<BankQuestion, "answer">, choice: readonly string[]): boolean {
  return choice.length === q.answer.length && q.answer.every((a) => choice.includes(a));
}

/**
 * Draws a timed set: up to `size` of the exam's questions, in random order, taking the domains in turn so that every
 * domain with questions is asked (a plain random draw from a bank that is mostly one domain could leave a domain out,
 * and its result would be empty). `random` returns [0, 1), as Math.random does; tests pass a seeded one.
 */
export function drawSet(bank: QuestionBank, exam: ExamId, size: number, random: () => number): string[] {
  const byDomain = new Map<string, BankQuestion[]>();
  for (const q of shuffle(questionsFor(bank, exam), random)) {
    const domain = domainIn(q, exam);
    byDomain.set(domain, [...(byDomain.get(domain) ?? []), q]);
  }
  const queues = shuffle([...byDomain.values()], random);
  const drawn: string[] = [];
  while (drawn.length < size && queues.some((queue) => queue.length > 0)) {
    for (const queue of queues) {
      const next = queue.shift();
      if (next && drawn.length < size) drawn.push(next.id);
    }
  }
  // Asked in random order, not domain after domain.
  return shuffle(drawn, random);
}

export function shuffle<T>(items: T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** "short": the 20-question set; "full": the full-length simulation (simulation.ts). */
export type SetKind = "short" | "full";

/** A timed set as stored (practice-store.ts). */
export interface TimedSet {
  id: string;
  kind: SetKind;
  exam: ExamId;
  questionIds: string[];
  startedAt: Date;
  deadline: Date;
  finishedAt: Date | null;
}

/** Over when the learner finished it or its time ran out; the deadline is the server's, never the browser's. */
export function isOver(set: Pick<TimedSet, "deadline" | "finishedAt">, now: Date): boolean {
  return set.finishedAt !== null || now.getTime() >= set.deadline.getTime();
}

/** Whether an answer arriving `now` still counts (see DEADLINE_GRACE_MS). */
export function acceptsAnswer(set: Pick<TimedSet, "deadline" | "finishedAt">, now: Date): boolean {
  return set.finishedAt === null && now.getTime() < set.deadline.getTime() + DEADLINE_GRACE_MS;
}

/** What is left of the set's time at `now`, never below zero: what a reloaded page counts down from. */
export function timeLeftMs(set: Pick<TimedSet, "deadline" | "finishedAt">, now: Date): number {
  return isOver(set, now) ? 0 : set.deadline.getTime() - now.getTime();
}

/** The learner's answer to one question of a set. */
export interface GivenAnswer {
  choice: string[];
  correct: boolean;
}

export interface DomainResult {
  domain: string;
  correct: number;
  total: number;
}

export interface SetResult {
  correct: number;
  total: number;
  answered: number;
  /** Every domain the set asked, in domain order; a question left unanswered counts as missed, as on the exam. */
  domains: DomainResult[];
  /** Every question in the order asked, with the learner's answer (null when unanswered). */
  review: { question: BankQuestion; domain: string; given: GivenAnswer | null; correct: boolean }[];
}

/**
 * The result of a set. Correctness is marked again from the bank rather than read from the stored flag, so a
 * question whose key was corrected since is scored as it now reads. Questions no longer in the bank are left out.
 */
export function scoreSet(bank: QuestionBank, set: Pick<TimedSet, "exam" | "questionIds">, answers: ReadonlyMap<string, GivenAnswer>): SetResult {
  const review = set.questionIds.flatMap((id) => {
    const question = bank.byId.get(id);
    if (!question || !question.tags.some((t) => t.exam === set.exam)) return [];
    const given = answers.get(id) ?? null;
    return [{ question, domain: domainIn(question, set.exam), given, correct: given !== null && isCorrect(question, given.choice) }];
  });
  const domains = new Map<string, DomainResult>();
  for (const item of review) {
    const entry = domains.get(item.domain) ?? { domain: item.domain, correct: 0, total: 0 };
    entry.total++;
    if (item.correct) entry.correct++;
    domains.set(item.domain, entry);
  }
  return {
    correct: review.filter((r) => r.correct).length,
    total: review.length,
    answered: review.filter((r) => r.given !== null).length,
    domains: [...domains.values()].sort((a, b) => Number(a.domain) - Number(b.domain)),
    review,
  };
}

/** Whole percent, for a result line; 0 of 0 is 0 %. */
export function percent(correct: number, total: number): number {
  return total === 0 ? 0 : Math.round((correct / total) * 100);
}

/** "39:05" for a time left; "2:59:05" once it is an hour or more (the full-length simulations). */
export function formatClock(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const mm = h > 0 ? String(m).padStart(2, "0") : String(m);
  return `${h > 0 ? `${h}:` : ""}${mm}:${String(s).padStart(2, "0")}`;
}
