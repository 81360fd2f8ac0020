// Per-route latencies and failures, kept apart for the ramp (learners still arriving) and the steady window.
import { summarize } from "../stats";

export type Phase = "ramp" | "steady";

export interface Failure {
  count: number;
  /** The first failure's message (status line and the start of the body, or the network error). */
  sample: string;
}

export interface RouteRecord {
  /** Milliseconds of every request, failed ones too (a timeout counts its full wait). */
  times: number[];
  errors: number;
  /** By reason: "HTTP 500", "timeout", "ECONNREFUSED", … */
  failures: Map<string, Failure>;
}

export interface RouteSummary {
  route: string;
  requests: number;
  errors: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export class Recorder {
  private readonly routes: Record<Phase, Map<string, RouteRecord>> = { ramp: new Map(), steady: new Map() };
  /** TCP connect times of the requests sent on a new connection. */
  private readonly connects: Record<Phase, number[]> = { ramp: [], steady: [] };
  private steadyFrom = Infinity;

  /** Requests started from now on count in the steady window. */
  startSteady(): void {
    this.steadyFrom = performance.now();
  }

  phaseAt(startedAt: number): Phase {
    return startedAt >= this.steadyFrom ? "steady" : "ramp";
  }

  record(route: string, startedAt: number, failure?: { reason: string; message: string }): void {
    const phase = this.phaseAt(startedAt);
    let entry = this.routes[phase].get(route);
    if (!entry) this.routes[phase].set(route, (entry = { times: [], errors: 0, failures: new Map() }));
    entry.times.push(performance.now() - startedAt);
    if (!failure) return;
    entry.errors++;
    const known = entry.failures.get(failure.reason);
    if (known) known.count++;
    else entry.failures.set(failure.reason, { count: 1, sample: failure.message });
  }

  recordConnect(startedAt: number, ms: number): void {
    this.connects[this.phaseAt(startedAt)].push(ms);
  }

  /** p50, p95 and max of the TCP connect times of new connections, or undefined when there were none. */
  connectTimes(phase: Phase): { n: number; p50: number; p95: number; max: number } | undefined {
    const times = this.connects[phase];
    if (times.length === 0) return undefined;
    const { n, median, p95 } = summarize(times);
    return { n, p50: median, p95, max: times.reduce((a, b) => Math.max(a, b), 0) };
  }

  summary(phase: Phase, order: string[]): RouteSummary[] {
    const routes = this.routes[phase];
    const names = [...order.filter((r) => routes.has(r)), ...[...routes.keys()].filter((r) => !order.includes(r)).sort()];
    const rows = names.map((route) => summaryOf(route, [routes.get(route)!]));
    if (rows.length > 0) rows.push(summaryOf("all", [...routes.values()]));
    return rows;
  }

  failures(phase: Phase): Array<{ route: string; reason: string } & Failure> {
    return [...this.routes[phase]].flatMap(([route, r]) => [...r.failures].map(([reason, f]) => ({ route, reason, ...f })));
  }
}

function summaryOf(route: string, records: RouteRecord[]): RouteSummary {
  const times = records.flatMap((r) => r.times).sort((a, b) => a - b);
  const { median, p95 } = summarize(times);
  return {
    route,
    requests: times.length,
    errors: records.reduce((sum, r) => sum + r.errors, 0),
    p50: median,
    p95,
    p99: times[Math.min(times.length - 1, Math.floor(0.99 * times.length))],
    max: times[times.length - 1],
  };
}
