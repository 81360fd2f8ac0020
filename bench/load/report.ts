// Markdown for one load run: the steady window's table per route, the ramp's, failures by reason, memory and CPU.
import { fmt } from "../stats";
import { TIMEOUT_MS } from "./http";
import { ARRIVAL_RETRY_MS } from "./learner";
import type { Phase, RouteSummary } from "./recorder";
import type { LoadResult } from "./run";

export const P95_TARGET_MS = 200;

export const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
export const ms = (x: number | undefined) => (x === undefined ? "–" : x >= 1000 ? `${(x / 1000).toFixed(2)} s` : fmt(x));

export function table(rows: RouteSummary[], seconds: number): string[] {
  const lines = ["| route | requests | req/s | errors | p50 | p95 | p99 | max |", "|---|--:|--:|--:|--:|--:|--:|--:|"];
  for (const r of rows) {
    const name = r.route === "all" ? "**all**" : `\`${r.route}\``;
    const errors = r.errors === 0 ? "0" : `**${r.errors}** (${((100 * r.errors) / r.requests).toFixed(1)} %)`;
    lines.push(`| ${name} | ${r.requests} | ${(r.requests / seconds).toFixed(1)} | ${errors} | ${ms(r.p50)} | ${ms(r.p95)} | ${ms(r.p99)} | ${ms(r.max)} |`);
  }
  return lines;
}

function failures(result: LoadResult, phase: Phase): string[] {
  return result.recorder
    .failures(phase)
    .sort((a, b) => b.count - a.count)
    .map((f) => `- \`${f.route}\` ${f.reason} ×${f.count}: ${f.sample || "(no body)"}`);
}

export function report(label: string, result: LoadResult): void {
  const { options, recorder, routeOrder, memory, cpu } = result;
  const steady = recorder.summary("steady", routeOrder);
  const ramp = recorder.summary("ramp", routeOrder);
  const all = steady.find((r) => r.route === "all");
  const out: string[] = [];
  out.push(`### ${label}: ${options.learners} learners`);
  out.push("");
  out.push(
    `Steady window: ${options.steadySeconds} s after a ${options.rampSeconds} s ramp (requests started in the window; latencies include failed requests, a timeout counts its ${TIMEOUT_MS / 1000} s).`,
  );
  out.push("");
  out.push(...table(steady, options.steadySeconds));
  if (result.arrived < options.learners) {
    out.push(
      "",
      `Only ${result.arrived} of ${options.learners} learners ever got the lesson page; the others retried it every ~${ARRIVAL_RETRY_MS / 1000} s and sent nothing else.`,
    );
  }
  const routes = steady.filter((r) => r.route !== "all");
  const worst = routes.reduce<RouteSummary | undefined>((w, r) => (w && w.p95 >= r.p95 ? w : r), undefined);
  out.push("");
  out.push(
    `Errors: ${all?.errors ?? 0} (target 0). Worst route p95: ${worst ? `${ms(worst.p95)} (\`${worst.route}\`)` : "–"} ` +
      `(target < ${P95_TARGET_MS} ms per route at 300 learners): ${all && all.errors === 0 && worst && worst.p95 < P95_TARGET_MS ? "met" : "NOT met"}.`,
  );
  const steadyFailures = failures(result, "steady");
  if (steadyFailures.length > 0) out.push("", "Failures in the steady window, by route and reason (first message):", ...steadyFailures);
  out.push("", `Ramp (${options.rampSeconds} s, learners arriving):`, "", ...table(ramp, options.rampSeconds));
  const rampFailures = failures(result, "ramp");
  if (rampFailures.length > 0) out.push("", "Failures in the ramp:", ...rampFailures);
  const connects = recorder.connectTimes("steady");
  if (connects) {
    out.push(
      "",
      `New connections (the signed AWS calls) in the steady window: TCP connect p50 ${ms(connects.p50)}, p95 ${ms(connects.p95)}, ` +
        `max ${ms(connects.max)} over ${connects.n}.`,
    );
  }
  const { tcp } = result;
  out.push(
    `Machine-wide TCP from the first arrival until the learners had left: ${tcp.synRetransmits} SYN retransmits, ` +
      `${tcp.listenOverflows} listen-queue overflows, ${tcp.listenDrops} listen drops.`,
  );
  out.push(
    `Memory (RSS of the server and its child processes, peak ${memory.peakProcesses} process${memory.peakProcesses === 1 ? "" : "es"}): ` +
      `start ${mib(memory.startBytes)}, peak ${mib(memory.peakBytes)}, end of load ${mib(memory.endOfLoadBytes)}, ` +
      `after ${options.idleSeconds} s idle ${mib(memory.afterIdleBytes)} (${mib(memory.afterIdleBytes - memory.startBytes)} above start).`,
  );
  const others = Math.max(0, cpu.machine - cpu.server - (cpu.database ?? 0) - cpu.generator);
  const database = cpu.database === undefined ? "" : `, database server ${cpu.database.toFixed(2)}`;
  out.push(
    `CPU over the steady window, in busy cores of ${cpu.cores}: server process tree ${cpu.server.toFixed(2)}${database}, ` +
      `load generator ${cpu.generator.toFixed(2)}, whole machine ${cpu.machine.toFixed(2)} ` +
      `(other processes ${others.toFixed(2)}); the server tree during the idle pause after: ${(cpu.serverIdle ?? 0).toFixed(2)}.`,
  );
  if (result.credentialsFromPage) {
    out.push("Sandbox keys: read from the lesson page (POST /api/sandbox/credentials answered 404 in this build, counted as an answer).");
  }
  if (others > 0.25) {
    out.push(`**Other processes kept ${others.toFixed(2)} cores busy during the window: these figures understate the server's capacity.**`);
  }
  out.push(`Learners left in ${result.drainSeconds.toFixed(1)} s (their last requests finishing).`);
  if (result.serverExited) out.push("**The server process exited during the run.**");
  console.log(out.join("\n") + "\n");
}
