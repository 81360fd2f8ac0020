/**
 * Exam practice per learner over a real database (lib/exam/practice-store.ts): practice answers kept per try, a timed
 * set's deadline fixed at its start and read back on a reload, answers changed while it runs and refused after it, a
 * set that is one learner's only; the full-length simulation; flags, spaced-repetition cards rated by practice answers
 * and by sets once over, due order, and everything gone with the learner. Run on SQLite (exam-store.test.ts) and PostgreSQL (exam-store-postgres.test.ts).
 */
import { execFileSync } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readCourse } from "@/lib/course/load";
import { readQuestionBank } from "@/lib/exam/load";
import { DEADLINE_GRACE_MS, timeLimitMs } from "@/lib/exam/practice";

const ROOT = path.resolve(import.meta.dirname, "..", "..", "..");
const bank = readQuestionBank(readCourse());

type Store = typeof import("@/lib/exam/practice-store");
let store: Store;
let review: typeof import("@/lib/exam/review-store");
let db: typeof import("@/lib/progress/db").db;

const wrongFor = (q: (typeof bank.questions)[number]) => Object.keys(q.en.options).filter((l) => !q.answer.includes(l as never)).slice(0, q.answer.length);

/** The suite, over the empty database `databaseUrl()` names (called once, before the first test). */
export function examStoreSuite(name: string, databaseUrl: () => string) {
  beforeAll(async () => {
    process.env.DATABASE_URL = databaseUrl();
    execFileSync(process.execPath, ["scripts/db.mjs", "deploy"], { cwd: ROOT, env: process.env, stdio: "pipe" });
    // Imported only now: the database client reads DATABASE_URL when it is first used.
    store = await import("@/lib/exam/practice-store");
    review = await import("@/lib/exam/review-store");
    db = (await import("@/lib/progress/db")).db;
    for (const [id, n] of [["ann", 1], ["bob", 2], ["cat", 3], ["dan", 4]] as const) {
      await db().learner.create({ data: { id, sessionHash: `hash-${id}`, accountId: `00000000000${n}`, accessKeyId: `AKIATEST${id.toUpperCase()}` } });
    }
  });

  afterAll(async () => {
    await db?.().$disconnect();
  });

  describe(`${name}: practice answers per learner`, () => {
    it("keeps every try and reports the latest per question", async () => {
      const q = bank.questions.find((x) => x.tags.some((t) => t.exam === "DVA-C02"))!;
      expect(await store.recordPracticeAnswer("ann", "DVA-C02", q, wrongFor(q))).toBe(false);
      expect(await store.recordPracticeAnswer("ann", "DVA-C02", q, [...q.answer])).toBe(true);
      expect((await store.latestPracticeResults("ann", "DVA-C02")).get(q.id)).toBe(true);
      expect((await store.latestPracticeResults("bob", "DVA-C02")).size).toBe(0);
      expect(await db().examAnswer.count({ where: { learnerId: "ann" } })).toBe(2);
    });
  });

  describe(`${name}: a timed set`, () => {
    const start = new Date("2026-12-07T10:00:00Z");
    const after = (ms: number) => new Date(start.getTime() + ms);

    it("stores its questions and a deadline fixed at the start, which a reload reads back", async () => {
      const set = await store.startSet("ann", bank, "SOA-C03", 20, start);
      expect(set.deadline.getTime() - start.getTime()).toBe(timeLimitMs("SOA-C03", 20));
      const q = bank.byId.get(set.questionIds[0])!;
      expect(await store.answerInSet("ann", set.id, q, [...q.answer], after(60_000))).toBe("saved");
      const again = await store.loadSet("ann", set.id);
      expect(again?.set.deadline.toISOString()).toBe(set.deadline.toISOString());
      expect(again?.set.questionIds).toEqual(set.questionIds);
      expect(again?.answers.get(q.id)).toEqual({ choice: [...q.answer], correct: true });
    });

    it("lets an answer change while it runs, and refuses one after the deadline", async () => {
      const set = await store.startSet("ann", bank, "SOA-C03", 20, start);
      const q = bank.byId.get(set.questionIds[1])!;
      expect(await store.answerInSet("ann", set.id, q, [...q.answer], after(1_000))).toBe("saved");
      expect(await store.answerInSet("ann", set.id, q, wrongFor(q), after(2_000))).toBe("saved");
      expect((await store.loadSet("ann", set.id))?.answers.get(q.id)?.correct).toBe(false);
      const late = set.deadline.getTime() - start.getTime() + DEADLINE_GRACE_MS;
      expect(await store.answerInSet("ann", set.id, q, [...q.answer], after(late))).toBe("over");
      expect((await store.loadSet("ann", set.id))?.answers.get(q.id)?.correct).toBe(false);
    });

    it("is the learner's own: another learner can neither read nor answer nor finish it", async () => {
      const set = await store.startSet("ann", bank, "SOA-C03", 20, start);
      const q = bank.byId.get(set.questionIds[0])!;
      expect(await store.loadSet("bob", set.id)).toBeNull();
      expect(await store.answerInSet("bob", set.id, q, [...q.answer], after(1_000))).toBe("no-set");
      expect(await store.finishSet("bob", set.id, after(1_000))).toBe("no-set");
    });

    it("refuses a question that is not in the set", async () => {
      const set = await store.startSet("ann", bank, "SOA-C03", 5, start);
      const other = bank.questions.find((q) => !set.questionIds.includes(q.id))!;
      expect(await store.answerInSet("ann", set.id, other, [...other.answer], after(1_000))).toBe("not-in-set");
    });

    it("ends at Finish: later answers are refused and the recent sets show it over", async () => {
      const set = await store.startSet("bob", bank, "DVA-C02", 20, start);
      expect(await store.finishSet("bob", set.id, after(10_000))).toBe("finished");
      const q = bank.byId.get(set.questionIds[0])!;
      expect(await store.answerInSet("bob", set.id, q, [...q.answer], after(11_000))).toBe("over");
      const [recent] = await store.recentSets("bob", "DVA-C02");
      expect(recent.id).toBe(set.id);
      expect(recent.finishedAt?.toISOString()).toBe(after(10_000).toISOString());
    });
  });

  describe(`${name}: the full-length simulation`, () => {
    const start = new Date("2026-12-07T11:00:00Z");
    it("asks the real exam's count by the guide's weights, with the real exam's time, and resumes as a set", async () => {
      const set = await store.startSet("ann", bank, "DOP-C02", 20, start, Math.random, "full");
      expect(set.kind).toBe("full");
      expect(set.questionIds).toHaveLength(75);
      expect(set.deadline.getTime() - start.getTime()).toBe(180 * 60_000);
      expect((await store.loadSet("ann", set.id))?.set.kind).toBe("full");
      expect((await store.recentSets("ann", "DOP-C02", 5, "full")).map((s) => s.id)).toContain(set.id);
      expect((await store.recentSets("ann", "DOP-C02", 5, "short")).map((s) => s.id)).not.toContain(set.id);
    });

    it("refuses, rather than start shorter, for an exam whose pool is short", async () => {
      // The bank with DVA-C02 cut to 60 questions (SAA-C03 is short today, but is being filled: this stays short).
      let keep = 60;
      const questions = bank.questions.filter((q) => !q.tags.some((t) => t.exam === "DVA-C02") || keep-- > 0);
      const short = { questions, byId: new Map(questions.map((q) => [q.id, q])) };
      await expect(store.startSet("ann", short, "DVA-C02", 20, start, Math.random, "full")).rejects.toThrow(/60 questions; its simulation needs 65/);
      expect(await db().examSet.count({ where: { learnerId: "ann", exam: "DVA-C02", kind: "full" } })).toBe(0);
    });
  });

  describe(`${name}: flags and spaced repetition`, () => {
    const t0 = new Date("2026-12-07T12:00:00Z");
    const at = (ms: number) => new Date(t0.getTime() + ms);
    const soa = bank.questions.filter((q) => q.tags.some((t) => t.exam === "SOA-C03"));

    it("keeps one flag per learner and question, and removes it", async () => {
      await review.setFlag("cat", soa[0].id, true, t0);
      await review.setFlag("cat", soa[0].id, true, at(1000));
      await review.setFlag("cat", soa[1].id, true, t0);
      expect([...(await review.flaggedQuestions("cat"))].sort()).toEqual([soa[0].id, soa[1].id].sort());
      await review.setFlag("cat", soa[1].id, false);
      expect([...(await review.flaggedQuestions("cat"))]).toEqual([soa[0].id]);
      expect((await review.flaggedQuestions("dan")).size).toBe(0);
    });

    it("makes a card on a wrong practice answer; it falls due, most overdue first, and a right answer pushes it out", async () => {
      const [a, b, c] = [soa[2], soa[3], soa[4]];
      await store.recordPracticeAnswer("cat", "SOA-C03", c, [...c.answer], t0);
      await store.recordPracticeAnswer("cat", "SOA-C03", a, wrongFor(a), t0);
      await store.recordPracticeAnswer("cat", "SOA-C03", b, wrongFor(b), at(30_000));
      expect(await db().examReviewCard.count({ where: { learnerId: "cat" } })).toBe(2);
      expect((await review.dueForReview("cat", bank, "SOA-C03", t0)).due).toEqual([]);
      const later = at(60 * 60_000);
      const due = await review.dueForReview("cat", bank, "SOA-C03", later);
      expect(due.due).toEqual([a.id, b.id]);
      await store.recordPracticeAnswer("cat", "SOA-C03", a, [...a.answer], later);
      const after = await review.dueForReview("cat", bank, "SOA-C03", later);
      expect(after.due).toEqual([b.id]);
      expect(after.next!.getTime()).toBeGreaterThan(later.getTime());
      const card = await db().examReviewCard.findUnique({ where: { learnerId_questionId: { learnerId: "cat", questionId: a.id } } });
      expect(card).toMatchObject({ reps: 2, lapses: 0 });
      // Missed and flagged reads practice answers: a right now, b still missed, soa[0] flagged.
      const latest = await review.latestExamResults("cat", bank, "SOA-C03", later);
      expect(latest.get(a.id)).toBe(true);
      expect(latest.get(b.id)).toBe(false);
    });

    it("rates a set's answers once it is over, once", async () => {
      const set = await store.startSet("dan", bank, "SOA-C03", 5, t0);
      const [q1, q2] = set.questionIds.map((id) => bank.byId.get(id)!);
      await store.answerInSet("dan", set.id, q1, wrongFor(q1), at(1000));
      await store.answerInSet("dan", set.id, q2, [...q2.answer], at(2000));
      // Still running: nothing rated, and its answers are not yet "past answers".
      expect(await review.reviewFinishedSets("dan", bank, at(3000))).toBe(0);
      expect((await review.pastAnswers("dan", "SOA-C03", at(3000))).length).toBe(0);
      await store.finishSet("dan", set.id, at(4000));
      expect(await review.reviewFinishedSets("dan", bank, at(5000))).toBe(2);
      expect(await review.reviewFinishedSets("dan", bank, at(6000))).toBe(0);
      const cards = await db().examReviewCard.findMany({ where: { learnerId: "dan" } });
      expect(cards.map((c) => c.questionId)).toEqual([q1.id]);
      expect((await review.dueForReview("dan", bank, "SOA-C03", at(60 * 60_000))).due).toEqual([q1.id]);
      expect((await review.latestExamResults("dan", bank, "SOA-C03", at(5000))).get(q1.id)).toBe(false);
    });

    it("goes with the learner: flags, cards, answers and sets are deleted in cascade", async () => {
      await db().learner.delete({ where: { id: "dan" } });
      expect(await db().examReviewCard.count({ where: { learnerId: "dan" } })).toBe(0);
      expect(await db().examFlag.count({ where: { learnerId: "dan" } })).toBe(0);
      expect(await db().examSet.count({ where: { learnerId: "dan" } })).toBe(0);
      await db().learner.delete({ where: { id: "cat" } });
      expect(await db().examReviewCard.count({ where: { learnerId: "cat" } })).toBe(0);
      expect(await db().examFlag.count({ where: { learnerId: "cat" } })).toBe(0);
      expect(await db().examAnswer.count({ where: { learnerId: "cat" } })).toBe(0);
    });
  });
}
