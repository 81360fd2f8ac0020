/**
 * Target health on the simulated clock. A registered target of a target group that a load balancer uses is checked
 * every HealthCheckIntervalSeconds, the first check ELB_TIMING.registrationMs after it was registered ([AWS-doc] ALB
 * guide, "Health checks for your target groups"):
 *
 *   initial (Elb.RegistrationInProgress)  until the first check, then
 *   initial (Elb.InitialHealthChecking)   until HealthyThresholdCount checks in a row pass → healthy,
 *                                          or UnhealthyThresholdCount checks in a row fail → unhealthy (with the failure's reason)
 *   healthy ⇄ unhealthy                    by the same thresholds
 *   draining (Target.DeregistrationInProgress) for the deregistration delay after DeregisterTargets, then gone
 *   unused (Target.NotInUse)               while no listener rule forwards to the group, or the target's zone is not enabled
 *
 * Checks are not run one by one: what a check would answer is known ahead (probe.ts: the target's workload as a few
 * time segments, each with its verdict), so the whole sequence of changes is planned at once and one timer per target
 * waits for the next change. A plan is redone when what it was built from changes (settings, listeners, the task).
 * Reason codes and descriptions: [AWS-doc] ALB guide, "Health check reason codes".
 */
import { cancelTimers, schedule } from "../../engine/timers";
import type { SandboxState, Timer } from "../../engine/state";
import { peek } from "../../engine/transition";
import { loadBalancersOf, type ElbSandbox } from "./common";
import { probeTarget } from "./probe";
import { targetHealthSet, targetKeysOf, targetKeysOfTask, targetRemoved } from "./target-index";
import { ELB_TIMING } from "./quotas";
import type { ElbHealthCheck, ElbTargetGroupRecord, ElbTargetRecord, PlannedChange, TargetHealthState } from "./state";

export const HEALTH = {
  registering: { state: "initial", reason: "Elb.RegistrationInProgress", description: "Target registration is in progress" },
  initialChecks: { state: "initial", reason: "Elb.InitialHealthChecking", description: "Initial health checks in progress" },
  healthy: { state: "healthy" },
  draining: { state: "draining", reason: "Target.DeregistrationInProgress", description: "Target deregistration is in progress" },
  notInUse: { state: "unused", reason: "Target.NotInUse", description: "Target group is not configured to receive traffic from the load balancer" },
  zoneNotEnabled: { state: "unused", reason: "Target.NotInUse", description: "Target is in an Availability Zone that is not enabled for the load balancer" },
  notRegistered: { state: "unused", reason: "Target.NotRegistered", description: "Target is not registered to the target group" },
  checksDisabled: { state: "unavailable", reason: "Target.HealthCheckDisabled", description: "Health checks are disabled" },
} as const satisfies Record<string, TargetHealthState>;

/** Why a health check failed: its reason code and description. */
export interface Verdict {
  reason: string;
  description: string;
}

export const VERDICTS = {
  failed: { reason: "Target.FailedHealthChecks", description: "Health checks failed" },
  timeout: { reason: "Target.Timeout", description: "Request timed out" },
  codes: (code: number): Verdict => ({ reason: "Target.ResponseCodeMismatch", description: `Health checks failed with these codes: [${code}]` }),
};

/** From `fromMs` on (until the next segment), every check answers `verdict` (null: it passes). */
export interface Segment {
  fromMs: number;
  verdict: Verdict | null;
}

/** The bound on checks one plan looks at: far more than thresholds × segments ever need. */
const MAX_PLANNED_CHECKS = 1_000;

/**
 * The changes checks make to a target's health from `start` on, the first check at `firstCheckAtMs`, given what each
 * check answers (`segments`, ordered, the first covering every earlier time). Where the verdict stays the same and the
 * state already agrees with it, the plan jumps to the next segment: its length does not grow with time.
 */
export function planChecks(start: TargetHealthState, segments: readonly Segment[], firstCheckAtMs: number, check: ElbHealthCheck): PlannedChange[] {
  const intervalMs = check.intervalSeconds * 1000;
  const plan: PlannedChange[] = [];
  let current: TargetHealthState = start;
  let passes = 0;
  let failures = 0;
  const verdictAt = (t: number) => {
    let verdict: Verdict | null = segments[0]?.verdict ?? null;
    for (const segment of segments) if (segment.fromMs <= t) verdict = segment.verdict;
    return verdict;
  };
  const nextBoundary = (t: number) => segments.find((s) => s.fromMs > t)?.fromMs;
  let k = 0;
  for (let n = 0; n < MAX_PLANNED_CHECKS; n++) {
    const t = firstCheckAtMs + k * intervalMs;
    const verdict = verdictAt(t);
    if (verdict === null) {
      passes += 1;
      failures = 0;
    } else {
      failures += 1;
      passes = 0;
    }
    let next: TargetHealthState | undefined;
    if (verdict === null && passes >= check.healthyThreshold && current.state !== "healthy") next = HEALTH.healthy;
    else if (verdict !== null && current.state === "unhealthy" && current.description !== verdict.description) next = { state: "unhealthy", ...verdict };
    else if (verdict !== null && failures >= check.unhealthyThreshold && current.state !== "unhealthy") next = { state: "unhealthy", ...verdict };
    else if (current.reason === HEALTH.registering.reason) next = HEALTH.initialChecks;
    if (next) {
      plan.push({ atMs: t, ...next });
      current = next;
    }
    const settled = verdict === null ? current.state === "healthy" : current.state === "unhealthy" && current.description === verdict.description;
    if (settled) {
      const boundary = nextBoundary(t);
      if (boundary === undefined) break;
      k = Math.max(k + 1, Math.ceil((boundary - firstCheckAtMs) / intervalMs));
      passes = 0;
      failures = 0;
      continue;
    }
    k += 1;
  }
  return plan;
}

const timerId = (key: string) => `elb:${key}`;

/** Sets the target's one timer to its next planned change (or the end of its draining). */
function arm(state: SandboxState, key: string, target: ElbTargetRecord): void {
  cancelTimers(state, timerId(key));
  const at = target.health.state === "draining" ? target.drainUntilMs : target.plan[0]?.atMs;
  if (at !== undefined) schedule(state, timerId(key), "elb-target", at);
}

/** Whether the target can receive traffic at all: its group is used by a load balancer that has the target's zone. */
function idleReasonOf(state: ElbSandbox, group: ElbTargetGroupRecord, target: ElbTargetRecord): TargetHealthState | undefined {
  const loadBalancers = loadBalancersOf(state, group.arn);
  if (loadBalancers.length === 0) return HEALTH.notInUse;
  if (target.availabilityZone === undefined || target.availabilityZone === "all") return undefined;
  const zones = new Set(loadBalancers.flatMap((arn) => state.elbLoadBalancers[arn]?.zones.map((z) => z.zoneName) ?? []));
  return zones.has(target.availabilityZone) ? undefined : HEALTH.zoneNotEnabled;
}

/**
 * (Re)plans a target's health from `nowMs`: `fresh` for a new registration (or one that comes into use), which
 * starts over at Elb.RegistrationInProgress; otherwise the checks go on at the same pace from the state they reached
 * (what changed is what they will answer). A draining target is left to drain.
 */
export function replanTarget(state: SandboxState, key: string, nowMs: number, fresh: boolean): void {
  const target = state.elbTargets[key];
  const group = target && state.elbTargetGroups[target.targetGroupArn];
  if (!target || !group || target.health.state === "draining") return;
  const unused = idleReasonOf(state, group, target);
  const idle = unused ?? (group.healthCheck.enabled ? undefined : HEALTH.checksDisabled);
  if (idle) {
    target.health = { ...idle };
    targetHealthSet(state, key, target.health);
    target.plan = [];
    delete target.firstCheckAtMs;
    arm(state, key, target);
    return;
  }
  const intervalMs = group.healthCheck.intervalSeconds * 1000;
  const restart = fresh || target.firstCheckAtMs === undefined || target.health.state === "unused" || target.health.state === "unavailable";
  if (restart) {
    target.health = { ...HEALTH.registering };
    targetHealthSet(state, key, target.health);
    target.firstCheckAtMs = nowMs + ELB_TIMING.registrationMs;
  } else {
    // The next check after now, at the target's own pace.
    const first = target.firstCheckAtMs!;
    target.firstCheckAtMs = first + Math.max(0, Math.floor((nowMs - first) / intervalMs) + 1) * intervalMs;
  }
  target.plan = planChecks(target.health, probeTarget(state, group, target), target.firstCheckAtMs!, group.healthCheck);
  arm(state, key, target);
}

/** Replans every target of the group (its settings or its listeners changed). */
export function replanTargetGroup(state: SandboxState, groupArn: string, nowMs: number, fresh = false): void {
  for (const key of targetKeysOf(state, groupArn)) replanTarget(state, key, nowMs, fresh);
}

/** Replans the targets that an ECS task stands behind (its containers started or stopped). */
export function replanTaskTargets(state: SandboxState, taskId: string, nowMs: number): void {
  for (const key of targetKeysOfTask(state, taskId)) replanTarget(state, key, nowMs, false);
}

/**
 * Starts draining: the target is `draining` for the group's deregistration delay, then removed. A target that was not
 * in use (no load balancer sends it traffic) is removed at once [inferred: nothing to drain]. Returns the delay.
 */
export function drainTarget(state: SandboxState, key: string, nowMs: number, delayMs: number): number {
  const target = state.elbTargets[key];
  if (!target) return 0;
  if (target.health.state === "draining") return Math.max(0, (target.drainUntilMs ?? nowMs) - nowMs);
  if (target.health.state === "unused" || delayMs === 0) {
    removeTarget(state, key);
    return 0;
  }
  target.health = { ...HEALTH.draining };
  targetHealthSet(state, key, target.health);
  target.plan = [];
  target.drainUntilMs = nowMs + delayMs;
  arm(state, key, target);
  return delayMs;
}

export function removeTarget(state: SandboxState, key: string): void {
  cancelTimers(state, timerId(key));
  const taskId = peek(state.elbTargets, key)?.taskId;
  delete state.elbTargets[key];
  targetRemoved(state, key, taskId);
}

/** Applies a target's due timer: its next planned change, or the end of its draining (engine/simulation.ts). */
export function applyTargetTimer(state: SandboxState, timer: Timer): void {
  const key = timer.id.slice("elb:".length);
  const target = state.elbTargets[key];
  if (!target) return;
  if (target.health.state === "draining") {
    if ((target.drainUntilMs ?? 0) <= timer.atMs) removeTarget(state, key);
    return;
  }
  const [change, ...rest] = target.plan;
  if (!change || change.atMs !== timer.atMs) return;
  target.health = { state: change.state, ...(change.reason ? { reason: change.reason, description: change.description } : {}) };
  targetHealthSet(state, key, target.health);
  target.plan = rest;
  arm(state, key, target);
}
