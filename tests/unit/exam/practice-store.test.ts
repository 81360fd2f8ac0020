import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// A fresh SQLite database for this file, migrated as `npm start` migrates it; set before the client is created.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ecs-dojo-exam-store-"));
process.env.DATABASE_URL = `file:${path.join(dir, "dojo.db")}`;
execFileSync(process.execPath, ["scripts/db.mjs", "deploy"], { cwd: path.resolve(import.meta.dirname, "../../.."), env: process.env, stdio: "pipe" });

const { db } = await import("@/lib/progress/db");
const { readCourse } = await import("@/lib/course/load");
const { readQuestionBank } = await import("@/lib/exam/load");
const { timeLimitMs, DEADLINE_GRACE_MS } = await import("@/lib/exam/practice");
const store = await import("@/lib/exam/practice-store");

const bank = readQuestionBank(readCourse());

async function learner(id: string) {
  await db().learner.create({ data: { id, sessionHash: `hash-${id}`, accountId: `0000000000${id.length}${id}`.slice(-12), accessKeyId: `AKIA${id.toUpperCase()}` } });
  return id;
}

beforeAll(async () => {
  await learner("ann");
  await learner("bob");
});

afterAll(async () => {
  await db().$disconnect();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("practice answers per learner", () => {
  it("keeps every try and reports the latest per question", async () => {
    const q = bank.questions.find((x) => x.tags.some((t) => t.exam === "DVA-C02"))!;
    const wrong = Object.keys(q.en.options).find((l) => !q.answer.includes(l as never))!;
    expect(await store.recordPracticeAnswer("ann", "DVA-C02", q, [wrong])).toBe(false);
    expect(await store.recordPracticeAnswer("ann", "DVA-C02", q, [...q.answer])).toBe(true);
    expect((await store.latestPracticeResults("ann", "DVA-C02")).get(q.id)).toBe(true);
    expect((await store.latestPracticeResults("bob", "DVA-C02")).size).toBe(0);
    expect(await db().examAnswer.count({ where: { learnerId: "ann" } })).toBe(2);
  });
});

describe("a timed set", () => {
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
    const wrong = Object.keys(q.en.options).filter((l) => !q.answer.includes(l as never)).slice(0, q.answer.length);
    expect(await store.answerInSet("ann", set.id, q, [...q.answer], after(1_000))).toBe("saved");
    expect(await store.answerInSet("ann", set.id, q, wrong, after(2_000))).toBe("saved");
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
