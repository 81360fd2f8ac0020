import { describe, expect, it } from "vitest";
import { readCourse } from "@/lib/course/load";
import { examDomains } from "@/lib/exam/domain-titles";
import { readQuestionBank } from "@/lib/exam/load";
import {
  DEADLINE_GRACE_MS,
  EXAM_FORMAT,
  acceptsAnswer,
  domainIn,
  drawSet,
  formatClock,
  isCorrect,
  isOver,
  questionsFor,
  readChoice,
  scoreSet,
  timeLeftMs,
  timeLimitMs,
  type GivenAnswer,
} from "@/lib/exam/practice";

const course = readCourse();
const bank = readQuestionBank(course);

/** A seeded generator (mulberry32), so a draw can be repeated. */
function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const single = bank.questions.find((q) => q.type === "single")!;
const multiple = bank.questions.find((q) => q.type === "multiple")!;
const wrongLetter = (q: typeof single) => Object.keys(q.en.options).find((l) => !q.answer.includes(l as never))!;

describe("the time limit", () => {
  it("keeps the real exam's pace: 20 questions get 40 minutes (65 in 130), 48 for DOP-C02 (75 in 180)", () => {
    expect(timeLimitMs("SAA-C03", 20)).toBe(40 * 60_000);
    expect(timeLimitMs("DVA-C02", 20)).toBe(40 * 60_000);
    expect(timeLimitMs("SOA-C03", 20)).toBe(40 * 60_000);
    expect(timeLimitMs("DOP-C02", 20)).toBe(48 * 60_000);
  });

  it("is the real exam's own time for the real exam's question count", () => {
    for (const [exam, format] of Object.entries(EXAM_FORMAT)) expect(timeLimitMs(exam as never, format.questions)).toBe(format.minutes * 60_000);
  });
});

describe("reading and marking an answer", () => {
  it("takes the question's own letters, as many as it asks for, in letter order", () => {
    expect(readChoice(multiple, [...multiple.answer].reverse())).toEqual({ choice: [...multiple.answer].sort() });
    expect(readChoice(single, ["z"])).toEqual({ error: "not-an-option" });
    expect(readChoice(single, "a")).toEqual({ error: "not-letters" });
    expect(readChoice(single, [1])).toEqual({ error: "not-letters" });
    expect(readChoice(single, ["a", "b"])).toEqual({ error: "wrong-count" });
    expect(readChoice(multiple, [multiple.answer[0]])).toEqual({ error: "wrong-count" });
    // A letter twice is one choice, so it does not make up the count.
    expect(readChoice(multiple, [multiple.answer[0], multiple.answer[0]])).toEqual({ error: "wrong-count" });
  });

  it("marks right only the exact answer: no partial credit for a multiple-response item", () => {
    expect(isCorrect(single, single.answer)).toBe(true);
    expect(isCorrect(single, [wrongLetter(single)])).toBe(false);
    expect(isCorrect(multiple, multiple.answer)).toBe(true);
    expect(isCorrect(multiple, [multiple.answer[0], wrongLetter(multiple)])).toBe(false);
  });
});

describe("drawing a timed set", () => {
  it("draws 20 different questions of the exam, every domain that has questions included", () => {
    const ids = drawSet(bank, "SOA-C03", 20, seeded(1));
    expect(ids).toHaveLength(20);
    expect(new Set(ids).size).toBe(20);
    const drawnDomains = new Set(ids.map((id) => domainIn(bank.byId.get(id)!, "SOA-C03")));
    const withQuestions = examDomains("SOA-C03").filter((d) => questionsFor(bank, "SOA-C03", d).length > 0);
    expect([...drawnDomains].sort()).toEqual(withQuestions);
  });

  it("asks every question once when the exam has fewer than the set's size", () => {
    const available = questionsFor(bank, "DOP-C02").length;
    const ids = drawSet(bank, "DOP-C02", available + 10, seeded(2));
    expect(ids.sort()).toEqual(questionsFor(bank, "DOP-C02").map((q) => q.id).sort());
  });

  it("is random, and repeatable from the same seed", () => {
    expect(drawSet(bank, "SOA-C03", 20, seeded(3))).toEqual(drawSet(bank, "SOA-C03", 20, seeded(3)));
    expect(drawSet(bank, "SOA-C03", 20, seeded(3))).not.toEqual(drawSet(bank, "SOA-C03", 20, seeded(4)));
  });
});

describe("the deadline", () => {
  const start = new Date("2026-12-07T10:00:00Z");
  const set = { deadline: new Date(start.getTime() + 40 * 60_000), finishedAt: null };
  const at = (ms: number) => new Date(start.getTime() + ms);

  it("counts down from the stored deadline, so a reload resumes with the time actually left", () => {
    expect(timeLeftMs(set, start)).toBe(40 * 60_000);
    expect(timeLeftMs(set, at(25 * 60_000 + 500))).toBe(14 * 60_000 + 59_500);
    expect(isOver(set, at(40 * 60_000 - 1))).toBe(false);
  });

  it("is over at the deadline, and a page loaded after it has no time left", () => {
    expect(isOver(set, at(40 * 60_000))).toBe(true);
    expect(timeLeftMs(set, at(41 * 60_000))).toBe(0);
  });

  it("takes an answer that left in time but arrives just after, never a later one", () => {
    expect(acceptsAnswer(set, at(40 * 60_000 + DEADLINE_GRACE_MS - 1))).toBe(true);
    expect(acceptsAnswer(set, at(40 * 60_000 + DEADLINE_GRACE_MS))).toBe(false);
  });

  it("ends when the learner finishes, whatever time is left", () => {
    const finished = { ...set, finishedAt: at(5 * 60_000) };
    expect(isOver(finished, at(6 * 60_000))).toBe(true);
    expect(acceptsAnswer(finished, at(6 * 60_000))).toBe(false);
    expect(timeLeftMs(finished, at(6 * 60_000))).toBe(0);
  });

  it("is shown as minutes and seconds", () => {
    expect(formatClock(40 * 60_000)).toBe("40:00");
    expect(formatClock(65_001)).toBe("1:06");
    expect(formatClock(0)).toBe("0:00");
    expect(formatClock(-5)).toBe("0:00");
  });
});

describe("the result per domain", () => {
  const ids = drawSet(bank, "SOA-C03", 20, seeded(5));
  const questions = ids.map((id) => bank.byId.get(id)!);

  it("counts right, missed and unanswered questions in their domain", () => {
    const answers = new Map<string, GivenAnswer>();
    // First five right, next five wrong, the rest unanswered.
    questions.slice(0, 5).forEach((q) => answers.set(q.id, { choice: q.answer, correct: true }));
    questions.slice(5, 10).forEach((q) => answers.set(q.id, { choice: [wrongLetter(q)], correct: false }));
    const result = scoreSet(bank, { exam: "SOA-C03", questionIds: ids }, answers);
    expect(result).toMatchObject({ correct: 5, total: 20, answered: 10 });
    for (const d of result.domains) {
      const inDomain = questions.filter((q) => domainIn(q, "SOA-C03") === d.domain);
      expect(d.total).toBe(inDomain.length);
      expect(d.correct).toBe(inDomain.filter((q) => questions.indexOf(q) < 5).length);
    }
    expect(result.domains.map((d) => d.domain)).toEqual([...result.domains.map((d) => d.domain)].sort());
    expect(result.domains.reduce((n, d) => n + d.total, 0)).toBe(20);
    expect(result.review.map((r) => r.question.id)).toEqual(ids);
    expect(result.review[15].given).toBeNull();
    expect(result.review[15].correct).toBe(false);
  });

  it("marks again from the bank, not from the stored flag (a corrected key counts as it now reads)", () => {
    const q = questions[0];
    const answers = new Map<string, GivenAnswer>([[q.id, { choice: q.answer, correct: false }]]);
    expect(scoreSet(bank, { exam: "SOA-C03", questionIds: [q.id] }, answers).correct).toBe(1);
  });

  it("leaves out a question no longer in the bank", () => {
    const result = scoreSet(bank, { exam: "SOA-C03", questionIds: ["no-such-question", ids[0]] }, new Map());
    expect(result.total).toBe(1);
  });
});
