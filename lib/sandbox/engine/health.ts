/**
 * Container health checks, computed from the workload instead of run: Docker runs the check every `interval`
 * seconds after the container starts; failures within `startPeriod` do not count; `retries` counted failures in a
 * row make the container UNHEALTHY; any success makes it HEALTHY. The task's health comes from its essential
 * containers: UNHEALTHY over UNKNOWN over HEALTHY (a container without a check is UNKNOWN).
 */
import type { HealthCheck } from "@aws-sdk/client-ecs";
import type { WireTask } from "./state";
import type { Wire } from "./wire";

/** AWS's defaults for unset healthCheck members (seconds). */
export const HEALTH_CHECK_DEFAULTS = { interval: 30, timeout: 5, retries: 3, startPeriod: 0 } as const;

export interface HealthChange {
  afterMs: number;
  status: "HEALTHY" | "UNHEALTHY";
}

/** The health transitions of a container whose check passes from `healthyAfterMs` after it starts. */
export function healthTimeline(check: Wire<HealthCheck>, healthyAfterMs: number): HealthChange[] {
  const intervalMs = positive(check.interval, HEALTH_CHECK_DEFAULTS.interval) * 1000;
  const retries = Math.max(1, Math.floor(positive(check.retries, HEALTH_CHECK_DEFAULTS.retries)));
  const startPeriodMs = (Number.isFinite(check.startPeriod) && check.startPeriod! >= 0 ? check.startPeriod! : HEALTH_CHECK_DEFAULTS.startPeriod) * 1000;
  // Check k (k ≥ 1) runs at k × interval and passes once the workload is up.
  const firstPass = Number.isFinite(healthyAfterMs) ? Math.max(1, Math.ceil(healthyAfterMs / intervalMs)) : Infinity;
  const firstCounted = Math.floor(startPeriodMs / intervalMs) + 1;
  const unhealthyAt = firstCounted + retries - 1;
  const changes: HealthChange[] = [];
  if (unhealthyAt < firstPass) changes.push({ afterMs: unhealthyAt * intervalMs, status: "UNHEALTHY" });
  if (Number.isFinite(firstPass)) changes.push({ afterMs: firstPass * intervalMs, status: "HEALTHY" });
  return changes;
}

/** Registration checks the ranges; anything else still gives a usable schedule. */
function positive(value: number | undefined, fallback: number): number {
  return typeof value === "number" && Number.isFinite(value) && value > 0 ? value : fallback;
}

export function taskHealthOf(task: WireTask, essential: boolean[]): string {
  const statuses = (task.containers ?? []).filter((_, i) => essential[i]).map((c) => c.healthStatus ?? "UNKNOWN");
  if (statuses.includes("UNHEALTHY")) return "UNHEALTHY";
  if (statuses.includes("UNKNOWN") || statuses.length === 0) return "UNKNOWN";
  return "HEALTHY";
}
