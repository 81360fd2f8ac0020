/**
 * The rest of issue 15's modes, without a database: the full-length simulation's draw by the exam guides' weights,
 * spaced repetition of missed questions (FSRS: ratings and due order), "missed and flagged", and readiness per domain.
 */
import { describe, expect, it } from "vitest";
import { Rating, State } from "ts-fsrs";
import { readCourse } from "@/lib/course/load";
import { examDomains } from "@/lib/exam/domain-titles";
import { EXAM_GUIDES } from "@/lib/exam/exam-guides";
import { readQuestionBank, type QuestionBank } from "@/lib/exam/load";
import { domainIn, EXAM_FORMAT, questionsFor, timeLimitMs } from "@/lib/exam/practice";
import { readiness, readinessTotals } from "@/lib/exam/readiness";
import { latestResults, missedAndFlagged } from "@/lib/exam/review";
import { apportion, drawSimulation, planSimulation } from "@/lib/exam/simulation";
import { dueCards, nextDue, rateAnswer, ratingFor } from "@/lib/exam/spaced";
import { readinessSummary } from "@/lib/i18n/exam-readiness";

const bank = readQuestionBank(readCourse());

function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The bank with only `keep` of an exam's questions per domain (to model a short pool without editing the real one). */
function trimmed(exam: "DVA-C02", perDomain: Record<string, number>): QuestionBank {
  const left = { ...perDomain };
  const questions = bank.questions.filter((q) => {
    const tag = q.tags.find((t) => t.exam === exam);
    if (!tag) return true;
    if ((left[tag.domain] ?? 0) <= 0) return false;
    left[tag.domain]--;
    return true;
  });
  return { questions, byId: new Map(questions.map((q) => [q.id, q])) };
}

describe("the exam guides in one place", () => {
  it("every exam's weights cover its domains and add up to 100 %", () => {
    for (const [exam, guide] of Object.entries(EXAM_GUIDES)) {
      expect(Object.keys(guide.weights).sort(), exam).toEqual(examDomains(exam as never).sort());
      expect(Object.values(guide.weights).reduce((a, b) => a + b, 0), exam).toBe(100);
    }
  });

  it("the real exams' length: 65 questions in 130 minutes, 75 in 180 for DOP-C02", () => {
    expect(EXAM_FORMAT).toEqual({
      "SAA-C03": { questions: 65, minutes: 130 },
      "DVA-C02": { questions: 65, minutes: 130 },
      "SOA-C03": { questions: 65, minutes: 130 },
      "DOP-C02": { questions: 75, minutes: 180 },
    });
  });
});

describe("apportioning questions by weight", () => {
  it("splits by largest remainder, summing exactly to the total", () => {
    // 65 × 30/26/24/20 % = 19.5, 16.9, 15.6, 13: remainders .9 and .6 and .5 take the two left over.
    const split = apportion(65, [
      { domain: "1", weight: 30, cap: 99 },
      { domain: "2", weight: 26, cap: 99 },
      { domain: "3", weight: 24, cap: 99 },
      { domain: "4", weight: 20, cap: 99 },
    ]);
    expect(Object.fromEntries(split)).toEqual({ "1": 19, "2": 17, "3": 16, "4": 13 });
  });

  it("gives what a capped domain cannot take to the others, by their weights", () => {
    const split = apportion(65, [
      { domain: "1", weight: 32, cap: 14 },
      { domain: "2", weight: 26, cap: 16 },
      { domain: "3", weight: 24, cap: 99 },
      { domain: "4", weight: 18, cap: 99 },
    ]);
    expect(split.get("1")).toBe(14);
    expect(split.get("2")).toBe(16);
    expect([...split.values()].reduce((a, b) => a + b, 0)).toBe(65);
    // The 35 left split 24:18 between domains 3 and 4.
    expect(split.get("3")).toBe(20);
    expect(split.get("4")).toBe(15);
  });
});

describe("the full-length simulation", () => {
  it("asks DOP-C02's 75 questions in 180 minutes, per domain as its weights say", () => {
    const plan = planSimulation(bank, "DOP-C02");
    expect(plan).toMatchObject({ questions: 75, minutes: 180, ready: true });
    expect(plan.domains.reduce((n, d) => n + d.drawn, 0)).toBe(75);
    for (const d of plan.domains) expect(Math.abs(d.target - (75 * d.weight) / 100), `domain ${d.domain}`).toBeLessThan(1);
    const ids = drawSimulation(bank, "DOP-C02", seeded(7));
    expect(ids).toHaveLength(75);
    expect(new Set(ids).size).toBe(75);
    const perDomain = new Map<string, number>();
    for (const id of ids) perDomain.set(domainIn(bank.byId.get(id)!, "DOP-C02"), (perDomain.get(domainIn(bank.byId.get(id)!, "DOP-C02")) ?? 0) + 1);
    for (const d of plan.domains) expect(perDomain.get(d.domain) ?? 0, `domain ${d.domain}`).toBe(d.drawn);
    expect(timeLimitMs("DOP-C02", ids.length)).toBe(180 * 60_000);
  });

  it("draws different questions with a different seed, the same with the same one", () => {
    expect(drawSimulation(bank, "SOA-C03", seeded(1))).toEqual(drawSimulation(bank, "SOA-C03", seeded(1)));
    expect(drawSimulation(bank, "SOA-C03", seeded(1))).not.toEqual(drawSimulation(bank, "SOA-C03", seeded(2)));
  });

  it("refuses to start, rather than start shorter, when the exam's pool is short", () => {
    const short = trimmed("DVA-C02", { "1": 10, "2": 10, "3": 20, "4": 20 });
    const plan = planSimulation(short, "DVA-C02");
    expect(plan).toMatchObject({ ready: false, available: 60, questions: 65 });
    expect(plan.domains.every((d) => d.drawn === 0)).toBe(true);
    expect(() => drawSimulation(short, "DVA-C02", seeded(3))).toThrow(/60 questions; its simulation needs 65/);
  });

  it("SAA-C03 is refused while its pool is under 65 (and starts once it is not)", () => {
    const plan = planSimulation(bank, "SAA-C03");
    expect(plan.ready).toBe(questionsFor(bank, "SAA-C03").length >= 65);
  });
});

describe("spaced repetition (FSRS)", () => {
  const t0 = new Date("2026-12-07T10:00:00Z");
  const at = (ms: number) => new Date(t0.getTime() + ms);

  it("rates Again when wrong and Good when right", () => {
    expect(ratingFor(false)).toBe(Rating.Again);
    expect(ratingFor(true)).toBe(Rating.Good);
  });

  it("makes a card on the first wrong answer, none on a right one", () => {
    expect(rateAnswer(null, "q", true, t0)).toBeNull();
    const card = rateAnswer(null, "q", false, t0)!;
    expect(card).toMatchObject({ questionId: "q", reps: 1, lapses: 0, state: State.Learning });
    // A miss comes back soon (the first learning step), not tomorrow.
    expect(card.due.getTime()).toBeGreaterThan(t0.getTime());
    expect(card.due.getTime() - t0.getTime()).toBeLessThanOrEqual(10 * 60_000);
  });

  it("pushes a card further out each time it is answered right, and back in when missed again", () => {
    let card = rateAnswer(null, "q", false, t0)!;
    const gaps: number[] = [];
    let now = t0;
    for (let i = 0; i < 4; i++) {
      now = new Date(card.due.getTime() + 1000);
      card = rateAnswer(card, "q", true, now)!;
      gaps.push(card.due.getTime() - now.getTime());
    }
    expect(card.state).toBe(State.Review);
    for (let i = 1; i < gaps.length; i++) expect(gaps[i], `gap ${i}`).toBeGreaterThan(gaps[i - 1]);
    const reviewGap = gaps.at(-1)!;
    now = new Date(card.due.getTime() + 1000);
    const missed = rateAnswer(card, "q", false, now)!;
    expect(missed.lapses).toBe(1);
    expect(missed.state).toBe(State.Relearning);
    expect(missed.due.getTime() - now.getTime()).toBeLessThan(reviewGap);
  });

  it("lists what is due, most overdue first, and says when the next one falls due", () => {
    const cards = [
      { questionId: "b", due: at(-60_000) },
      { questionId: "a", due: at(-60_000) },
      { questionId: "c", due: at(-3_600_000) },
      { questionId: "d", due: at(600_000) },
    ];
    expect(dueCards(cards, t0).map((c) => c.questionId)).toEqual(["c", "a", "b"]);
    expect(nextDue(cards, t0)).toEqual(at(600_000));
    expect(nextDue(cards.slice(0, 3), t0)).toBeNull();
  });
});

describe("missed and flagged", () => {
  const exam = "SOA-C03";
  const [q1, q2, q3] = questionsFor(bank, exam);
  const wrong = (q: typeof q1) => [Object.keys(q.en.options).find((l) => !q.answer.includes(l as never))!, ...q.answer.slice(1)];
  const t = (m: number) => new Date(Date.UTC(2026, 11, 7, 10, m));

  it("reads each question's latest answer, marked again from the bank", () => {
    const latest = latestResults(bank, [
      { questionId: q1.id, choice: wrong(q1), answeredAt: t(1) },
      { questionId: q1.id, choice: [...q1.answer], answeredAt: t(2) },
      { questionId: q2.id, choice: [...q2.answer], answeredAt: t(5) },
      { questionId: q2.id, choice: wrong(q2), answeredAt: t(3) },
      { questionId: q3.id, choice: wrong(q3), answeredAt: t(1) },
      { questionId: "no-such-question", choice: ["a"], answeredAt: t(1) },
    ]);
    expect(Object.fromEntries(latest)).toEqual({ [q1.id]: true, [q2.id]: true, [q3.id]: false });
  });

  it("lists the exam's questions last missed or flagged, with the reason", () => {
    const latest = new Map([
      [q1.id, true],
      [q3.id, false],
    ]);
    const items = missedAndFlagged(bank, exam, latest, new Set([q1.id, q3.id, "not-in-soa"]));
    expect(items.map((i) => [i.question.id, i.missed, i.flagged])).toEqual(
      [
        [q1.id, false, true],
        [q3.id, true, true],
      ].sort((a, b) => Number(domainIn(bank.byId.get(a[0] as string)!, exam)) - Number(domainIn(bank.byId.get(b[0] as string)!, exam))),
    );
  });
});

describe("readiness", () => {
  const exam = "DVA-C02";
  const pool = questionsFor(bank, exam);
  const inDomain = (d: string) => pool.filter((q) => domainIn(q, exam) === d);

  it("counts per domain what was seen, right at the latest answer, and the domain's lessons done", () => {
    const latest = new Map<string, boolean>([
      ...inDomain("1").slice(0, 4).map((q, i) => [q.id, i < 3] as [string, boolean]),
      ...inDomain("3").slice(0, 2).map((q) => [q.id, false] as [string, boolean]),
    ]);
    const lesson = inDomain("1")[0].sections[0].lesson;
    const rows = readiness(bank, exam, latest, new Set([lesson]));
    const d1 = rows.find((r) => r.domain === "1")!;
    expect(d1).toMatchObject({ weight: 32, questions: inDomain("1").length, seen: 4, correct: 3, accuracy: 75 });
    expect(d1.lessonsDone).toBe(1);
    expect(d1.lessons).toBe(new Set(inDomain("1").flatMap((q) => q.sections.map((s) => s.lesson))).size);
    expect(rows.find((r) => r.domain === "3")).toMatchObject({ seen: 2, correct: 0, accuracy: 0 });
    expect(rows.find((r) => r.domain === "2")).toMatchObject({ seen: 0, accuracy: null });
  });

  it("orders weakest first: never practised (heavier first), then lowest accuracy", () => {
    const latest = new Map<string, boolean>([
      ...inDomain("1").slice(0, 4).map((q, i) => [q.id, i < 3] as [string, boolean]),
      ...inDomain("3").slice(0, 2).map((q) => [q.id, false] as [string, boolean]),
    ]);
    // Domain 2 (26 %) and 4 (18 %) unseen; then 3 (0 %), then 1 (75 %).
    expect(readiness(bank, exam, latest, new Set()).map((r) => r.domain)).toEqual(["2", "4", "3", "1"]);
  });

  it("sums the exam and says it in one line, in both languages", () => {
    const latest = new Map<string, boolean>(inDomain("4").slice(0, 2).map((q, i) => [q.id, i === 0] as [string, boolean]));
    const rows = readiness(bank, exam, latest, new Set());
    const totals = readinessTotals(bank, exam, latest, new Set());
    expect(totals).toMatchObject({ questions: pool.length, seen: 2, correct: 1, accuracy: 50 });
    expect(readinessSummary("en", exam, rows, totals)).toMatch(/^Weakest: domain 1, not practised yet\. Overall 50 % right over 2 of \d+ questions seen; 0 of \d+ lessons done\.$/);
    expect(readinessSummary("ja", exam, rows, totals)).toMatch(/^最も苦手な分野は分野 1 です \(未着手\)。全体では \d+ 問中 2 問を解き、正解率は 50 % です。/);
    // Every domain practised: the weakest is named with its accuracy and how many were seen.
    const everywhere = new Map<string, boolean>(["1", "2", "3", "4"].map((d) => [inDomain(d)[0].id, d !== "3"] as [string, boolean]));
    const all = readiness(bank, exam, everywhere, new Set());
    expect(all[0].domain).toBe("3");
    expect(readinessSummary("en", exam, all, readinessTotals(bank, exam, everywhere, new Set()))).toMatch(/^Weakest: domain 3, 0 % right of 1 seen\. Overall 75 % right over 4 of /);
    expect(readinessSummary("ja", exam, all, readinessTotals(bank, exam, everywhere, new Set()))).toMatch(/^最も苦手な分野は分野 3 です \(1 問解答、正解率 0 %\)。/);
    const none = readiness(bank, exam, new Map(), new Set());
    expect(readinessSummary("en", exam, none, readinessTotals(bank, exam, new Map(), new Set()))).toBe("Nothing answered for DVA-C02 yet: start with domain 1, 32 % of the exam.");
  });
});
