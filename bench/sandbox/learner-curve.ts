// Many learners at once (issue 13, target 7): N learners, each with a sandbox (an account) of its own, run the bench
// sequence concurrently against each target; the targets take turns point by point. Every call counts, waits for a
// throttled retry included (sequence.ts).
import { CALLS, prepared, sequenceTime, type Times } from "./sequence";
import { load, medianP95, ratio, row } from "./table";
import type { Target } from "./targets";

/** Learners made ready at once: a room arrives over a minute or so, not in one instant. */
const ARRIVING_AT_ONCE = 25;

interface Point {
  sequences: number[];
  calls: number[];
  perSecond: number;
}

async function point(target: Target, learners: number, passes: number, first: number): Promise<Point> {
  const runs: Array<Awaited<ReturnType<typeof prepared>>> = [];
  for (let i = 0; i < learners; i += ARRIVING_AT_ONCE) {
    const batch = Array.from({ length: Math.min(ARRIVING_AT_ONCE, learners - i) }, (_, j) => first + i + j);
    runs.push(...(await Promise.all(batch.map(async (n) => prepared(await target.learner(n))))));
  }
  const all: Times[] = [];
  const started = performance.now();
  await Promise.all(
    runs.map(async (run) => {
      for (let i = 0; i < passes; i++) all.push(await run.pass(i));
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return { sequences: all.map(sequenceTime), calls: all.flatMap((t) => CALLS.map((c) => t[c])), perSecond: all.length / seconds };
}

/** `plan`: learners and passes each, e.g. [[1, 20], [50, 3], [300, 1]]. */
export async function learnerCurve(targets: [product: Target, moto: Target, floor: Target], plan: Array<[number, number]>): Promise<void> {
  const results: Point[][] = plan.map(() => []);
  let first = 0;
  for (const [p, [learners, passes]] of plan.entries()) {
    for (const target of targets) results[p].push(await point(target, learners, passes, first));
    first += learners;
  }
  console.log(`\nMany learners (each a sandbox of its own running the sequence concurrently; targets in turn per point; ${load()}).`);
  console.log("A sequence's time includes any throttled retry (the product's per-sandbox CPU budget); /s = sequences per second.\n");
  row(["learners × passes", ...targets.map((t) => `${t.label} sequence`), "product ÷ moto", "product ÷ floor"], 22, 32);
  for (const [p, [learners, passes]] of plan.entries()) {
    const points = results[p];
    row(
      [`${learners} × ${passes}`, ...points.map((x) => `${medianP95(x.sequences)} ${x.perSecond.toFixed(0)}/s`), ratio(points[0].sequences, points[1].sequences), ratio(points[0].sequences, points[2].sequences)],
      22,
      32,
    );
  }
  console.log("");
  row(["one call, median / p95", ...targets.map((t) => t.label)], 22, 32);
  for (const [p, [learners]] of plan.entries()) row([`${learners} learners`, ...results[p].map((x) => medianP95(x.calls))], 22, 32);
}
