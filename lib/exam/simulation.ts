/**
 * The full-length exam simulation without I/O: how many questions of each domain it asks (the exam guide's weights,
 * exam-guides.ts), whether the bank can fill it, and the draw. A simulation is never shorter than the real exam: when
 * the exam's pool holds fewer questions than the exam asks, the plan says so and there is nothing to draw.
 */
import type { BankQuestion, QuestionBank } from "./load";
import { EXAM_GUIDES } from "./exam-guides";
import { examDomains } from "./domain-titles";
import { domainIn, questionsFor, shuffle } from "./practice";
import type { ExamId } from "./schema";

export interface DomainPlan {
  domain: string;
  /** Percent of the exam, from the guide. */
  weight: number;
  /** The weight's share of the exam's questions, before the pool is looked at. */
  target: number;
  /** Questions of this domain in the bank. */
  available: number;
  /** Questions the simulation asks: the target, or fewer when the domain's pool is short (the rest go to the others). */
  drawn: number;
}

export interface SimulationPlan {
  exam: ExamId;
  questions: number;
  minutes: number;
  /** Questions the bank holds for this exam. */
  available: number;
  /** False when `available` is under `questions`: the simulation refuses to start. */
  ready: boolean;
  domains: DomainPlan[];
}

/**
 * Splits `total` between domains in proportion to their weights by largest remainder (the sum is exactly `total`),
 * never giving a domain more than its `cap`; what a capped domain cannot take is split again among the others.
 * Ties go to the heavier domain, then to the lower domain number, so the split is the same on every run.
 */
export function apportion(total: number, domains: { domain: string; weight: number; cap: number }[]): Map<string, number> {
  const given = new Map(domains.map((d) => [d.domain, 0]));
  let open = domains.filter((d) => d.cap > 0 && d.weight > 0);
  let remaining = Math.min(total, domains.reduce((n, d) => n + d.cap, 0));
  while (remaining > 0 && open.length > 0) {
    const weightSum = open.reduce((n, d) => n + d.weight, 0);
    const exact = open.map((d) => ({ d, share: (remaining * d.weight) / weightSum }));
    const shares = new Map(exact.map(({ d, share }) => [d.domain, Math.floor(share)]));
    let left = remaining - [...shares.values()].reduce((a, b) => a + b, 0);
    const byRemainder = [...exact].sort(
      (a, b) => b.share - Math.floor(b.share) - (a.share - Math.floor(a.share)) || b.d.weight - a.d.weight || Number(a.d.domain) - Number(b.d.domain),
    );
    for (const { d } of byRemainder) {
      if (left === 0) break;
      shares.set(d.domain, shares.get(d.domain)! + 1);
      left--;
    }
    for (const d of open) {
      const room = d.cap - given.get(d.domain)!;
      const give = Math.min(room, shares.get(d.domain)!);
      given.set(d.domain, given.get(d.domain)! + give);
      remaining -= give;
    }
    open = open.filter((d) => given.get(d.domain)! < d.cap);
  }
  return given;
}

/** The simulation for `exam` over this bank: its length and time from the exam guide, and the questions per domain. */
export function planSimulation(bank: QuestionBank, exam: ExamId): SimulationPlan {
  const guide = EXAM_GUIDES[exam];
  const pool = questionsFor(bank, exam);
  const counts = new Map<string, number>();
  for (const q of pool) counts.set(domainIn(q, exam), (counts.get(domainIn(q, exam)) ?? 0) + 1);
  const domains = examDomains(exam).map((domain) => ({ domain, weight: guide.weights[domain] ?? 0, available: counts.get(domain) ?? 0 }));
  const targets = apportion(guide.questions, domains.map((d) => ({ ...d, cap: guide.questions })));
  const ready = pool.length >= guide.questions;
  const drawn = ready ? apportion(guide.questions, domains.map((d) => ({ ...d, cap: d.available }))) : new Map<string, number>();
  return {
    exam,
    questions: guide.questions,
    minutes: guide.minutes,
    available: pool.length,
    ready,
    domains: domains.map((d) => ({ ...d, target: targets.get(d.domain) ?? 0, drawn: drawn.get(d.domain) ?? 0 })),
  };
}

/**
 * Draws the simulation's questions: each domain's share (planSimulation) at random from that domain, then all of
 * them in random order. Throws when the plan is not ready: a caller that skipped the check must not get a shorter exam.
 */
export function drawSimulation(bank: QuestionBank, exam: ExamId, random: () => number): string[] {
  const plan = planSimulation(bank, exam);
  if (!plan.ready) throw new Error(`${exam} has ${plan.available} questions; its simulation needs ${plan.questions}`);
  const byDomain = new Map<string, BankQuestion[]>();
  for (const q of questionsFor(bank, exam)) byDomain.set(domainIn(q, exam), [...(byDomain.get(domainIn(q, exam)) ?? []), q]);
  const drawn = plan.domains.flatMap((d) => shuffle(byDomain.get(d.domain) ?? [], random).slice(0, d.drawn).map((q) => q.id));
  return shuffle(drawn, random);
}
