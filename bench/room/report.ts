// Markdown for one workshop run: the steady window's table per route, the ramp's (the joins), the grid update delay
// against its 2 s target, the instructors' streams, memory and CPU.
import { summarize } from "../stats";
import { routesFor } from "../load/learner";
import { mib, ms, P95_TARGET_MS, table } from "../load/report";
import { ROOM_ROUTES } from "./participant";
import type { RoomResult } from "./run";

const DELAY_TARGET_MS = 2_000;

function percentiles(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const { median, p95 } = summarize(sorted);
  return { n: sorted.length, p50: median, p95, p99: sorted[Math.min(sorted.length - 1, Math.floor(0.99 * sorted.length))], max: sorted[sorted.length - 1] };
}

export function reportRoom(label: string, result: RoomResult): void {
  const { options, recorder, delays, memory, cpu } = result;
  const order = [...new Set([ROOM_ROUTES.joinPage, ROOM_ROUTES.join, ...options.lessons.flatMap((l) => Object.values(routesFor(l)).filter((r): r is string => typeof r === "string")), ROOM_ROUTES.hand])];
  const steady = recorder.summary("steady", order);
  const all = steady.find((r) => r.route === "all");
  const worst = steady.filter((r) => r.route !== "all").reduce<(typeof steady)[number] | undefined>((w, r) => (w && w.p95 >= r.p95 ? w : r), undefined);
  const out: string[] = [`### ${label}: ${options.participants} participants, 3 instructors, ${options.lessons.length} lessons`, ""];
  out.push(`Steady window: ${options.steadySeconds} s after a ${options.rampSeconds} s ramp in which the participants joined.`, "");
  out.push(...table(steady, options.steadySeconds));
  if (result.arrived < options.participants) out.push("", `Only ${result.arrived} of ${options.participants} participants joined and got their lesson page.`);
  out.push(
    "",
    `Errors: ${all?.errors ?? 0} (target 0). Worst route p95: ${worst ? `${ms(worst.p95)} (\`${worst.route}\`)` : "–"} (target < ${P95_TARGET_MS} ms): ` +
      `${all && all.errors === 0 && worst && worst.p95 < P95_TARGET_MS ? "met" : "NOT met"}.`,
  );
  const failures = recorder.failures("steady").concat(recorder.failures("ramp"));
  if (failures.length > 0) out.push("", "Failures (ramp and steady), by route and reason:", ...failures.map((f) => `- \`${f.route}\` ${f.reason} ×${f.count}: ${f.sample}`));
  out.push("", `Ramp (${options.rampSeconds} s, participants joining):`, "", ...table(recorder.summary("ramp", order), options.rampSeconds));

  const d = percentiles(delays.delays);
  out.push(
    "",
    `Grid update delay (answer of a join, Check or raised hand → the instructor's stream shows it), over ${d.n} sightings of ${delays.changes} changes × 3 instructors: ` +
      `p50 ${ms(d.p50)}, p95 ${ms(d.p95)}, p99 ${ms(d.p99)}, max ${ms(d.max)}; never shown ${delays.missed}. ` +
      `Target p95 < ${DELAY_TARGET_MS / 1000} s and none missed: ${d.n > 0 && d.p95 < DELAY_TARGET_MS && delays.missed === 0 ? "met" : "NOT met"}.`,
  );
  for (const [kind, k] of Object.entries(delays.byKind)) {
    const p = percentiles(k.delays);
    out.push(`- ${kind}: ${p.n} sightings, p50 ${ms(p.p50)}, p95 ${ms(p.p95)}, max ${ms(p.max)}, never shown ${k.missed}`);
  }
  const wall = options.rampSeconds + options.steadySeconds;
  out.push(
    "",
    `Instructors' streams: ${result.streams.map((s) => `${s.events} events, ${(s.bytes / 1024 / 1024).toFixed(1)} MiB${s.errors ? `, **${s.errors} broken (${s.lastError})**` : ""}`).join("; ")} ` +
      `(about ${(result.streams.reduce((n, s) => n + s.events, 0) / result.streams.length / wall).toFixed(1)} events/s each).`,
  );
  out.push(`Memory (RSS of ${options.apps.length === 1 ? "the app's process tree" : `the ${options.apps.length} app instances' process trees`}): start ${mib(memory.startBytes)}, peak ${mib(memory.peakBytes)}, end ${mib(memory.endBytes)}.`);
  const database = cpu.database === undefined ? "" : `, PostgreSQL ${cpu.database.toFixed(2)}`;
  const others = Math.max(0, cpu.machine - cpu.apps.reduce((a, b) => a + b, 0) - (cpu.database ?? 0) - cpu.generator);
  out.push(
    `CPU over the steady window, in busy cores of ${cpu.cores}: app${cpu.apps.length > 1 ? "s" : ""} ${cpu.apps.map((c) => c.toFixed(2)).join(" + ")}${database}, ` +
      `load generator ${cpu.generator.toFixed(2)}, whole machine ${cpu.machine.toFixed(2)} (other processes ${others.toFixed(2)}).`,
  );
  if (others > 0.25) out.push(`**Other processes kept ${others.toFixed(2)} cores busy during the window: these figures understate the capacity.**`);
  console.log(out.join("\n") + "\n");
}
