/**
 * Blue/green, linear and canary deployments (deploymentConfiguration.strategy; deployment-strategies.ts reads them).
 * The new revision (green) runs beside the one serving production (blue) in the other target group of each load
 * balancer's advancedConfiguration, and the deployment walks the lifecycle stages of the API model
 * (ServiceDeploymentLifecycleStage, BOTO; AmazonECS/latest/developerguide/blue-green-deployment-how-it-works.html):
 *
 *   PRE_SCALE_UP → SCALE_UP (green starts desiredCount tasks; done when all count as healthy) → POST_SCALE_UP →
 *   TEST_TRAFFIC_SHIFT (the test listener rule, if any, forwards to green) → POST_TEST_TRAFFIC_SHIFT →
 *   PRODUCTION_TRAFFIC_SHIFT (the production listener rule's weights move: BLUE_GREEN all at once; CANARY
 *   canaryPercent, canaryBakeTimeInMinutes, then the rest; LINEAR stepPercent at a time with stepBakeTimeInMinutes
 *   between steps, none after 100 %) → POST_PRODUCTION_TRAFFIC_SHIFT → BAKE_TIME (bakeTimeInMinutes, blue still
 *   running) → CLEAN_UP (blue's tasks drain and stop) → the deployment completes.
 *
 * Lifecycle hooks run at the end of their stage's work, one after another ([inferred] order; the
 * PRE_PRODUCTION_TRAFFIC_SHIFT hooks before production traffic moves). A PAUSE hook waits AWAITING_ACTION for
 * ContinueServiceDeployment (CONTINUE or ROLLBACK); a Lambda hook is simulated: it answers lambdaHookMs later with the
 * verdict DojoSandbox.SetHookVerdict set for its function (SUCCEEDED by default). A hook that times out takes its
 * timeoutConfiguration's action. A rollback — a hook's, an alarm's, the circuit breaker's or StopServiceDeployment's —
 * moves production (and test) traffic back to blue at once and blue becomes the PRIMARY deployment again, its green
 * tasks stopped by the rolling scheduler as old tasks; the history entry goes ROLLBACK_IN_PROGRESS, then
 * ROLLBACK_SUCCESSFUL when blue alone remains ([inferred]: AWS documents that traffic returns to blue, not the
 * deployments' bookkeeping).
 */
import type { DeploymentLifecycleHook, LoadBalancer } from "@aws-sdk/client-ecs";
import { serviceRevisionArn } from "./arns";
import { clusterNameOf, countsHealthy, historyOf, ROLLOUT_REASONS, serviceKeyOf } from "./deployments";
import { STRATEGY_RULES, isTrafficShifting } from "./deployment-strategies";
import { addEvent, SERVICE_EVENTS } from "./events";
import { nextUuid } from "./ids";
import { SANDBOX_LIMITS } from "./quotas";
import type { DeploymentRecord, RunningHook, SandboxState, ServiceRecord, TrafficShift } from "./state";
import { scheduleOnce } from "./timers";
import type { Wire } from "./wire";
import { epochSeconds } from "./wire";
import { protectedUntil } from "./task-protection";
import { reader } from "./transition";
import { setForwardWeights } from "../services/elbv2/ecs";

const STAGES = [
  "PRE_SCALE_UP",
  "SCALE_UP",
  "POST_SCALE_UP",
  "TEST_TRAFFIC_SHIFT",
  "POST_TEST_TRAFFIC_SHIFT",
  "PRODUCTION_TRAFFIC_SHIFT",
  "POST_PRODUCTION_TRAFFIC_SHIFT",
  "BAKE_TIME",
  "CLEAN_UP",
] as const;
type Stage = (typeof STAGES)[number];

/** [inferred] rolloutStateReason texts of a traffic-shifting deployment's failures, worded as the circuit breaker's. */
export const SHIFT_REASONS = {
  hookFailed: (hookId: string) => `ECS deployment lifecycle hook ${hookId} failed.`,
  hookTimedOut: (hookId: string) => `ECS deployment lifecycle hook ${hookId} timed out.`,
  hookRollback: (hookId: string) => `ECS deployment lifecycle hook ${hookId} requested a rollback.`,
  alarms: (names: string[]) => `ECS deployment alarms triggered: ${names.join(", ")}.`,
  stopped: "ECS deployment stopped by StopServiceDeployment.",
};

const MINUTE_MS = 60_000;

/** What the scheduler lends a traffic shift: starting and stopping tasks the way the rolling update does. */
export interface ShiftTools {
  /** Starts up to `count` tasks of the PRIMARY (green) deployment now; returns their ids. */
  start: (count: number) => string[];
  /** Stops a task (by id) as the scheduler does (it drains from its targets first). */
  stop: (taskId: string) => void;
  /** Asks for another scheduler pass at `atMs`. */
  later: (atMs: number) => void;
}

// --- opening ----------------------------------------------------------------------------------------------------------

const loadBalancersOf = (record: ServiceRecord): Wire<LoadBalancer>[] => record.service.loadBalancers ?? [];
const shifting = (record: ServiceRecord) => loadBalancersOf(record).some((lb) => lb.advancedConfiguration);

/** The target groups a deployment's tasks register in (the service's own when it has not moved traffic yet). */
export function targetGroupsOf(record: ServiceRecord, deployment: DeploymentRecord | undefined): string[] {
  return loadBalancersOf(record).map((lb, i) => deployment?.targetGroups?.[i] ?? lb.targetGroupArn ?? "");
}

/** The other target group of a load balancer entry: where green goes when blue is in `current`. */
function otherGroup(lb: Wire<LoadBalancer>, current: string): string {
  const alternate = lb.advancedConfiguration?.alternateTargetGroupArn;
  return alternate && current === lb.targetGroupArn ? alternate : (lb.targetGroupArn ?? current);
}

/**
 * Called as a deployment opens (deployments.ts): resolves the target groups it registers in and, when the strategy
 * shifts traffic and a previous revision serves, starts its lifecycle at PRE_SCALE_UP.
 */
export function openShift(state: SandboxState, record: ServiceRecord, created: DeploymentRecord, previous: DeploymentRecord | undefined, atMs: number): void {
  if (!shifting(record)) return;
  // The revision serving production is blue: the previous deployment, or — when that one was itself shifting and is
  // now replaced mid-way — the revision it was replacing, which gets all production traffic back at once.
  const interrupted = previous?.shift;
  const blue = interrupted ? record.deployments.find((d) => d.deployment.id === interrupted.blueId) : previous;
  if (interrupted && blue) moveProductionTraffic(state, record, blue, previous!, 0, atMs);
  if (previous) delete previous.shift;
  const blueGroups = targetGroupsOf(record, blue);
  const strategy = record.service.deploymentConfiguration?.strategy;
  if (!blue || !isTrafficShifting(strategy)) {
    created.targetGroups = blueGroups;
    return;
  }
  created.targetGroups = loadBalancersOf(record).map((lb, i) => otherGroup(lb, blueGroups[i]));
  created.shift = { strategy: strategy as TrafficShift["strategy"], blueId: blue.deployment.id!, stage: "PRE_SCALE_UP", greenPercent: 0, hooksDone: [] };
  const entry = historyOf(record, created.deployment.id!);
  if (entry) entry.lifecycleStage = "PRE_SCALE_UP";
}

// --- traffic ----------------------------------------------------------------------------------------------------------

/** Sets the production (and, at 100 or 0, the test) listener rules to send `greenPercent` to green, and records it. */
function moveProductionTraffic(state: SandboxState, record: ServiceRecord, blue: DeploymentRecord, green: DeploymentRecord, greenPercent: number, atMs: number, test = false): void {
  const blueGroups = targetGroupsOf(record, blue);
  const greenGroups = targetGroupsOf(record, green);
  const weights: Record<string, number> = {};
  loadBalancersOf(record).forEach((lb, i) => {
    const rule = test ? lb.advancedConfiguration?.testListenerRule : lb.advancedConfiguration?.productionListenerRule;
    if (!rule) return;
    const greenWeight = Math.round(greenPercent * 10) / 10;
    // ELB weights are whole numbers from 0 to 999: whole percents as they are, tenths of a percent (LINEAR and CANARY
    // allow them) scaled by ten on both sides of the rule [inferred: AWS does not say how ECS writes them].
    const scale = Number.isInteger(greenWeight) ? 1 : 10;
    setForwardWeights(state, rule, [
      { TargetGroupArn: blueGroups[i], Weight: Math.round((100 - greenWeight) * scale) },
      { TargetGroupArn: greenGroups[i], Weight: Math.round(greenWeight * scale) },
    ]);
    weights[blueGroups[i]] = 100 - greenWeight;
    weights[greenGroups[i]] = greenWeight;
  });
  if (test) return;
  const traffic = (record.traffic ??= []);
  traffic.push({ atMs, weights });
  const over = traffic.length - SANDBOX_LIMITS.trafficStepsKept;
  if (over > 0) traffic.splice(0, over);
}

/** The share (0–1) of a service's production traffic that the target group received at `atMs` (metrics read it). */
export function productionShareAt(record: Pick<ServiceRecord, "traffic" | "service">, targetGroupArn: string, atMs: number): number {
  let weights: Record<string, number> | undefined;
  for (const step of record.traffic ?? []) {
    if (step.atMs > atMs) break;
    weights = step.weights;
  }
  if (!weights) return (record.service.loadBalancers ?? [])[0]?.targetGroupArn === targetGroupArn ? 1 : 0;
  return (weights[targetGroupArn] ?? 0) / 100;
}

/** The production percentages a strategy moves through, and the bake after each step but the last. */
function productionSteps(record: ServiceRecord): { percent: number; bakeMs: number }[] {
  const config = record.service.deploymentConfiguration ?? {};
  if (config.strategy === "CANARY") {
    const canary = config.canaryConfiguration ?? {};
    const first = canary.canaryPercent ?? STRATEGY_RULES.canaryPercent.default;
    const bake = (canary.canaryBakeTimeInMinutes ?? STRATEGY_RULES.canaryBakeMinutes.default) * MINUTE_MS;
    return first >= 100 ? [{ percent: 100, bakeMs: 0 }] : [{ percent: first, bakeMs: bake }, { percent: 100, bakeMs: 0 }];
  }
  if (config.strategy === "LINEAR") {
    const linear = config.linearConfiguration ?? {};
    const step = linear.stepPercent ?? STRATEGY_RULES.linearStepPercent.default;
    const bake = (linear.stepBakeTimeInMinutes ?? STRATEGY_RULES.linearStepBakeMinutes.default) * MINUTE_MS;
    const steps: { percent: number; bakeMs: number }[] = [];
    for (let k = 1; Math.round(k * step * 10) / 10 < 100; k++) steps.push({ percent: Math.round(k * step * 10) / 10, bakeMs: bake });
    steps.push({ percent: 100, bakeMs: 0 });
    return steps;
  }
  return [{ percent: 100, bakeMs: 0 }];
}

// --- the lifecycle ----------------------------------------------------------------------------------------------------

interface Shift {
  state: SandboxState;
  record: ServiceRecord;
  green: DeploymentRecord;
  blue: DeploymentRecord | undefined;
  shift: TrafficShift;
  /** Ids of the tasks of each that the scheduler wants running. */
  greenTasks: string[];
  blueTasks: string[];
  atMs: number;
  tools: ShiftTools;
}

/**
 * One scheduler pass over a service whose PRIMARY deployment shifts traffic: moves through as many stages as can be
 * done at `atMs`, then waits (a timer asks again when a bake or hook timeout ends).
 */
export function advanceShift(state: SandboxState, record: ServiceRecord, active: string[], atMs: number, tools: ShiftTools): void {
  const green = record.deployments[0];
  const shift = green.shift!;
  const blue = record.deployments.find((d) => d.deployment.id === shift.blueId);
  const note = reader(state.taskNotes);
  const greenTasks: string[] = [];
  const blueTasks: string[] = [];
  for (const taskId of active) {
    const id = note(taskId)?.deploymentId;
    if (id === green.deployment.id) greenTasks.push(taskId);
    else if (id === shift.blueId) blueTasks.push(taskId);
    // Tasks of a deployment this one replaced mid-way serve nothing: they go at once.
    else tools.stop(taskId);
  }
  const ctx: Shift = { state, record, green, blue, shift, greenTasks, blueTasks, atMs, tools };
  for (let guard = 0; guard < STAGES.length + 1 && green.shift; guard++) {
    const stage = shift.stage as Stage;
    if (!STAGE_WORK[stage](ctx)) return;
    if (!green.shift) return;
    const next = STAGES[STAGES.indexOf(stage) + 1];
    if (next === undefined) return complete(ctx);
    shift.stage = next;
    shift.waitUntilMs = undefined;
    const entry = historyOf(record, green.deployment.id!);
    if (entry) {
      entry.lifecycleStage = next;
      entry.updatedAt = epochSeconds(atMs);
    }
  }
}

/** Each stage's work; true once done (its hooks included). */
const STAGE_WORK: Record<Stage, (ctx: Shift) => boolean> = {
  PRE_SCALE_UP: (ctx) => runHooks(ctx, "PRE_SCALE_UP"),
  SCALE_UP: (ctx) => {
    const desired = ctx.record.service.desiredCount ?? 0;
    const missing = desired - ctx.greenTasks.length;
    if (missing > 0) ctx.tools.start(missing);
    const task = reader(ctx.state.tasks);
    const note = reader(ctx.state.taskNotes);
    const healthy = ctx.greenTasks.filter((id) => countsHealthy(ctx.state, task(id)!, note(id), ctx.atMs)).length;
    return healthy >= desired;
  },
  POST_SCALE_UP: (ctx) => runHooks(ctx, "POST_SCALE_UP"),
  TEST_TRAFFIC_SHIFT: (ctx) => {
    if (ctx.blue && !ctx.shift.hooksDone.includes("TEST_TRAFFIC_SHIFT") && !ctx.shift.hook) moveProductionTraffic(ctx.state, ctx.record, ctx.blue, ctx.green, 100, ctx.atMs, true);
    return runHooks(ctx, "TEST_TRAFFIC_SHIFT");
  },
  POST_TEST_TRAFFIC_SHIFT: (ctx) => runHooks(ctx, "POST_TEST_TRAFFIC_SHIFT"),
  PRODUCTION_TRAFFIC_SHIFT: (ctx) => {
    if (!runHooks(ctx, "PRE_PRODUCTION_TRAFFIC_SHIFT")) return false;
    const { shift, atMs } = ctx;
    while (shift.greenPercent < 100) {
      if (shift.waitUntilMs !== undefined && atMs < shift.waitUntilMs) {
        ctx.tools.later(shift.waitUntilMs);
        return false;
      }
      const step = productionSteps(ctx.record).find((s) => s.percent > shift.greenPercent)!;
      shift.greenPercent = step.percent;
      if (ctx.blue) moveProductionTraffic(ctx.state, ctx.record, ctx.blue, ctx.green, step.percent, atMs);
      shift.waitUntilMs = step.percent < 100 ? atMs + step.bakeMs : undefined;
    }
    return runHooks(ctx, "PRODUCTION_TRAFFIC_SHIFT");
  },
  POST_PRODUCTION_TRAFFIC_SHIFT: (ctx) => runHooks(ctx, "POST_PRODUCTION_TRAFFIC_SHIFT"),
  BAKE_TIME: (ctx) => {
    const { shift, atMs } = ctx;
    shift.waitUntilMs ??= atMs + (ctx.record.service.deploymentConfiguration?.bakeTimeInMinutes ?? 0) * MINUTE_MS;
    if (atMs >= shift.waitUntilMs) return true;
    ctx.tools.later(shift.waitUntilMs);
    return false;
  },
  CLEAN_UP: (ctx) => {
    // Blue's tasks under scale-in protection stay until it ends (task-protection.ts); the deployment waits for them.
    const ends: number[] = [];
    for (const taskId of ctx.blueTasks) {
      const until = protectedUntil(ctx.state, taskId, ctx.atMs);
      if (until === undefined) ctx.tools.stop(taskId);
      else ends.push(until);
    }
    if (ends.length === 0) return true;
    ctx.tools.later(Math.min(...ends));
    return false;
  },
};

function complete(ctx: Shift): void {
  const { record, green, atMs } = ctx;
  const id = green.deployment.id!;
  delete green.shift;
  green.deployment.rolloutState = "COMPLETED";
  green.deployment.rolloutStateReason = ROLLOUT_REASONS.completed(id);
  green.deployment.updatedAt = epochSeconds(atMs);
  record.lastCompletedDeploymentId = id;
  record.completedTaskDefinition = green.deployment.taskDefinition;
  addEvent(ctx.state, record, SERVICE_EVENTS.deploymentCompleted(record.service.serviceName!, id), atMs);
  const entry = historyOf(record, id);
  if (entry) {
    entry.status = "SUCCESSFUL";
    entry.finishedAt = epochSeconds(atMs);
    entry.updatedAt = epochSeconds(atMs);
    if (entry.alarms && entry.alarms.status === "MONITORING") entry.alarms.status = "MONITORING_COMPLETE";
  }
}

// --- hooks ------------------------------------------------------------------------------------------------------------

const hooksAt = (record: ServiceRecord, stage: string): Wire<DeploymentLifecycleHook>[] =>
  (record.service.deploymentConfiguration?.lifecycleHooks ?? []).filter((h) => (h.lifecycleStages as string[] | undefined)?.includes(stage));

/** Runs the hooks of a hook stage in turn; true once all have succeeded (or none exist). */
function runHooks(ctx: Shift, stage: string): boolean {
  const { state, record, shift, atMs } = ctx;
  if (shift.hooksDone.includes(stage)) return true;
  const hooks = hooksAt(record, stage);
  for (let index = shift.hook?.stage === stage ? shift.hook.index : 0; index < hooks.length; index++) {
    if (shift.hook?.stage !== stage || shift.hook.index !== index) {
      startHook(ctx, stage, index, hooks[index]);
      showHook(ctx);
    }
    const hook = shift.hook!;
    const verdict = hookVerdict(state, hook, atMs);
    if (verdict === "waiting") {
      ctx.tools.later(hook.targetType === "AWS_LAMBDA" ? Math.min(hook.expiresAtMs, hook.startedAtMs + STRATEGY_RULES.lambdaHookMs) : hook.expiresAtMs);
      return false;
    }
    hook.status = verdict.status;
    showHook(ctx);
    if (!verdict.proceed) {
      rollBackShift(state, record, atMs, verdict.reason);
      return false;
    }
  }
  shift.hooksDone.push(stage);
  shift.hook = undefined;
  return true;
}

function startHook(ctx: Shift, stage: string, index: number, hook: Wire<DeploymentLifecycleHook>): void {
  const timeout = hook.timeoutConfiguration;
  const targetType = (hook.targetType ?? "AWS_LAMBDA") as RunningHook["targetType"];
  ctx.shift.hook = {
    stage,
    index,
    hookId: nextUuid(ctx.state, "hook"),
    targetType,
    ...(hook.hookTargetArn ? { targetArn: hook.hookTargetArn } : {}),
    status: targetType === "PAUSE" ? "AWAITING_ACTION" : "IN_PROGRESS",
    startedAtMs: ctx.atMs,
    expiresAtMs: ctx.atMs + (timeout?.timeoutInMinutes ?? STRATEGY_RULES.hookTimeoutMinutes.default) * MINUTE_MS,
    timeoutAction: (timeout?.action ?? "ROLLBACK") as RunningHook["timeoutAction"],
  };
}

type Verdict = "waiting" | { status: RunningHook["status"]; proceed: boolean; reason: string };

function hookVerdict(state: SandboxState, hook: RunningHook, atMs: number): Verdict {
  if (hook.action === "CONTINUE") return { status: "SUCCEEDED", proceed: true, reason: "" };
  if (hook.action === "ROLLBACK") return { status: "FAILED", proceed: false, reason: SHIFT_REASONS.hookRollback(hook.hookId) };
  if (hook.targetType === "AWS_LAMBDA" && atMs >= hook.startedAtMs + STRATEGY_RULES.lambdaHookMs && atMs < hook.expiresAtMs) {
    const answer = state.hookVerdicts?.[hook.targetArn ?? ""] ?? "SUCCEEDED";
    return answer === "SUCCEEDED" ? { status: "SUCCEEDED", proceed: true, reason: "" } : { status: "FAILED", proceed: false, reason: SHIFT_REASONS.hookFailed(hook.hookId) };
  }
  if (atMs >= hook.expiresAtMs) return { status: "TIMED_OUT", proceed: hook.timeoutAction === "CONTINUE", reason: SHIFT_REASONS.hookTimedOut(hook.hookId) };
  return "waiting";
}

/** The running hook as DescribeServiceDeployments shows it (lifecycleHookDetails). */
function showHook(ctx: Shift): void {
  const hook = ctx.shift.hook;
  const entry = historyOf(ctx.record, ctx.green.deployment.id!);
  if (!entry || !hook) return;
  entry.lifecycleHookDetails = [
    {
      hookId: hook.hookId,
      targetType: hook.targetType,
      ...(hook.targetArn ? { targetArn: hook.targetArn } : {}),
      status: hook.status,
      expiresAt: epochSeconds(hook.expiresAtMs),
      timeoutAction: hook.timeoutAction,
    },
  ];
  entry.updatedAt = epochSeconds(ctx.atMs);
}

/** ContinueServiceDeployment: acts on the paused hook; false when no such hook awaits an action. */
export function continueHook(record: ServiceRecord, hookId: string, action: "CONTINUE" | "ROLLBACK", atMs: number, state: SandboxState): boolean {
  const hook = record.deployments[0]?.shift?.hook;
  if (!hook || hook.hookId !== hookId || hook.status !== "AWAITING_ACTION") return false;
  hook.action = action;
  scheduleOnce(state, serviceKeyOf(record), "service-check", atMs);
  return true;
}

// --- rollback ---------------------------------------------------------------------------------------------------------

/**
 * Ends a traffic-shifting deployment as failed: traffic back to blue, blue PRIMARY again (rolling back), green's tasks
 * left to the rolling scheduler to stop. Returns false when there is no blue to return to (a first deployment).
 */
export function rollBackShift(state: SandboxState, record: ServiceRecord, atMs: number, reason: string): boolean {
  const green = record.deployments[0];
  const shift = green?.shift;
  const blueIndex = shift ? record.deployments.findIndex((d) => d.deployment.id === shift.blueId) : -1;
  if (!shift || blueIndex < 0) return false;
  const blue = record.deployments[blueIndex];
  moveProductionTraffic(state, record, blue, green, 0, atMs);
  moveProductionTraffic(state, record, blue, green, 0, atMs, true);
  const greenId = green.deployment.id!;
  const blueId = blue.deployment.id!;
  delete green.shift;
  green.deployment.status = "ACTIVE";
  green.deployment.rolloutState = "FAILED";
  green.deployment.rolloutStateReason = reason;
  green.deployment.updatedAt = epochSeconds(atMs);
  record.deployments.splice(blueIndex, 1);
  record.deployments.unshift(blue);
  blue.deployment.status = "PRIMARY";
  blue.deployment.rolloutState = "IN_PROGRESS";
  blue.deployment.rolloutStateReason = ROLLOUT_REASONS.rollingBack(blueId);
  blue.deployment.updatedAt = epochSeconds(atMs);
  record.service.taskDefinition = blue.deployment.taskDefinition;
  record.rollbackOf = greenId;
  // The rolling scheduler takes over from here (it stops green's tasks): at once, not at the next timer.
  scheduleOnce(state, serviceKeyOf(record), "service-check", atMs);
  addEvent(state, record, SERVICE_EVENTS.rollingBack(record.service.serviceName!, blueId), atMs);
  const entry = historyOf(record, greenId);
  if (entry) {
    entry.status = "ROLLBACK_IN_PROGRESS";
    entry.statusReason = reason;
    entry.updatedAt = epochSeconds(atMs);
    entry.rollback = { reason: ROLLOUT_REASONS.rollingBack(blueId), startedAt: epochSeconds(atMs), serviceRevisionArn: serviceRevisionArn(state, clusterNameOf(record.service.clusterArn!), record.service.serviceName!, blueId) };
  }
  return true;
}
