/**
 * Exam practice per learner over a real database (lib/exam/practice-store.ts): practice answers kept per try, a timed
 * set's deadline fixed at its start and read back on a reload, answers changed while it runs and refused after it, a
 * set that is one learner's only. Run on SQLite (exam-store.test.ts) and PostgreSQL (exam-store-postgres.test.ts).
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
let db: typeof import("@/lib/progress/db").db;

const wrongFor = (q: (typeof bank.questions)[number]) => Object.keys(q.en.options).filter((l) => !q.answer.includes(l as never)).slice(0, q.answer.length);

/** The suite, over the empty database `databaseUrl()` names (called once, before the first test). */
export function examStoreSuite(name: string, databaseUrl: () => string) {
  beforeAll(async () => {
    process.env.DATABASE_URL = databaseUrl();
    execFileSync(process.execPath, ["scripts/db.mjs", "deploy"], { cwd: ROOT, env: process.env, stdio: "pipe" });
    // Imported only now: the database client reads DATABASE_URL when it is first used.
    store = await import("@/lib/exam/practice-store");
    db = (await import("@/lib/progress/db")).db;
    for (const [id, n] of [["ann", 1], ["bob", 2]] as const) {
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
}
