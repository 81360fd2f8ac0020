/**
 * Time: applies every due timer in order and, after each instant's timers, lets the service scheduler react.
 * The scheduler runs only at timer instants and after write operations, so reading the state at any time never
 * changes where the simulation goes (reads are not saved).
 *
 * One call does a bounded amount of simulation (quotas.ts, SANDBOX_LIMITS.workPerCall): a sandbox with more to do
 * than that falls behind, its clock stopping at the last instant it reached, and catches up in later calls. So a
 * crash-looping service left alone for a day costs each call the same, not a day's worth of restarts.
 */
import type { Account } from "./account";
import { runLifecyclePolicy } from "../services/ecr/lifecycle-policy";
import { applyScheduledTimer } from "../services/application-autoscaling/scheduled";
import { applyAlarmTimer } from "../services/cloudwatch/alarms";
import { applyTargetTimer } from "../services/elbv2/health";
import { checkIndexes } from "./engine-checks";
import { asInput } from "./input";
import type { Operation } from "./operation";
import { applyTaskTimer, isTaskStep } from "./lifecycle";
import { applyCapacityTimer } from "./managed-scaling";
import { SANDBOX_ERRORS, SANDBOX_LIMITS } from "./quotas";
import { forgetOldestInactive } from "./sandbox-bounds";
import { rebalanceZones } from "./az-rebalancing";
import { reconcileService, type LaunchAllowance } from "./scheduler";
import type { SandboxState, Timer } from "./state";
import { keepTouched, takeTouched, touchAllServices, touchService } from "./touched";
import { nextDueAt, sweepTimers, takeDue } from "./timers";
import { detach, peek, transition } from "./transition";

/**
 * One scheduler step at atMs over every service, or over `only` (touched.ts); returns the work it did (tasks looked at,
 * tasks started).
 */
export function reconcileServices(state: SandboxState, atMs: number, account: Account, only?: ReadonlySet<string>): number {
  const launches: LaunchAllowance = { left: SANDBOX_LIMITS.launchesPerStep, account };
  let work = 0;
  let retired = false;
  for (const key of Object.keys(state.services)) {
    if (only !== undefined && !only.has(key)) continue;
    // INACTIVE services never change again; peeking at them does not make a draft of every one (transition.ts).
    if (peek(state.services, key)!.service.status === "INACTIVE") continue;
    const record = state.services[key];
    work += 1 + record.taskIds.length;
    reconcileService(state, record, atMs, launches);
    rebalanceZones(state, record, atMs, launches);
    retired ||= record.service.status === "INACTIVE";
  }
  if (retired) forgetOldestInactive(state.services, (record) => record.service.status === "INACTIVE");
  return work + (SANDBOX_LIMITS.launchesPerStep - launches.left) * SANDBOX_LIMITS.taskCreationWork;
}

/**
 * What of a task the scheduler acts on (scheduler.ts, load-balancing.ts): its wanted and reported status — of the
 * latter only RUNNING, ACTIVATING, DEACTIVATING and STOPPED tell it anything —, its health and its targets'.
 */
function schedulerView(state: SandboxState, taskId: string): string {
  const task = peek(state.tasks, taskId);
  if (task === undefined) return "gone";
  const note = peek(state.taskNotes, taskId);
  const status = SCHEDULER_STATUSES.includes(task.lastStatus ?? "") ? task.lastStatus : "";
  return `${task.desiredStatus}|${status}|${task.healthStatus}|${note?.healthyAtMs}|${note?.lb?.registered}|${note?.lb?.drain?.untilMs}`;
}
const SCHEDULER_STATUSES = ["RUNNING", "ACTIVATING", "DEACTIVATING", "STOPPED"];

/**
 * Applies a timer and marks what it touched (touched.ts): its service; its task's service when the scheduler can see the
 * change (a task going PROVISIONING → PENDING, or pulling its image, changes nothing it acts on), and always for
 * "counts-healthy", whose news is the time itself; every service when it frees what a task held ("stopped") or is not
 * a task's (target health, alarms, scaling, capacity).
 */
function applyTimer(state: SandboxState, timer: Timer, account: Account): void {
  if (timer.step === "service-check") return touchService(state, timer.id);
  if (!isTaskStep(timer.step) || timer.step === "stopped") touchAllServices(state);
  if (timer.step === "ecr-lifecycle") runLifecyclePolicy(state, timer.id, timer.atMs);
  else if (timer.step === "elb-target") applyTargetTimer(state, timer);
  else if (timer.step === "alarm-check") applyAlarmTimer(state, timer);
  else if (timer.step === "scheduled-action") applyScheduledTimer(state, timer);
  else if (timer.step === "capacity-check" || timer.step === "instance-registered") applyCapacityTimer(state, timer);
  else {
    const before = schedulerView(state, timer.id);
    applyTaskTimer(state, timer, account);
    const serviceKey = peek(state.taskNotes, timer.id)?.serviceKey;
    if (serviceKey !== undefined && (timer.step === "counts-healthy" || schedulerView(state, timer.id) !== before)) touchService(state, serviceKey);
  }
}

/**
 * Applies the steps due up to clockMs, in time order, as far as one call's work allows; never moves the clock
 * backwards, and past the last instant it applied only when nothing due is left.
 */
export function runUntil(state: SandboxState, clockMs: number, account: Account): void {
  let work = 0;
  let at = nextDueAt(state, clockMs);
  while (at !== undefined && work < SANDBOX_LIMITS.workPerCall) {
    // Every timer of this instant (including ones scheduled for it meanwhile), then one scheduler step.
    for (let timer = takeDue(state, at); timer !== undefined; timer = takeDue(state, at)) {
      applyTimer(state, timer, account);
      work += 1;
    }
    state.clock.simMs = Math.max(state.clock.simMs, at);
    work += reconcileServices(state, at, account, takeTouched(state));
    at = nextDueAt(state, clockMs);
  }
  if (at === undefined) state.clock.simMs = Math.max(state.clock.simMs, clockMs);
}

/** Moves every task and service up to clockMs (never backwards), as far as one call's work allows. Returns a new state. */
export function advanceTo(state: SandboxState, clockMs: number, account: Account): SandboxState {
  return transition(state, (draft) => {
    runUntil(draft, clockMs, account);
    sweepTimers(draft);
    keepTouched(draft);
    checkIndexes(draft);
  }).state;
}

/**
 * Runs one operation at simulated time clockMs, after moving every task up to that time; after a write the service
 * scheduler reacts at once. The answer shows the call's own effect; what the scheduler does next shows in later
 * calls, as with AWS. A read runs on the moved state as it is, outside any draft: it reads plain objects (far faster
 * than drafts), and one that tried to change them would fail, as they are frozen.
 */
export function runOperation(
  state: SandboxState,
  { readOnly, touchesOwn, run }: Operation,
  input: unknown,
  clockMs: number,
  account: Account,
): { state: SandboxState; output: object } {
  if (readOnly) {
    const moved = advanceTo(state, clockMs, account);
    return { state: moved, output: detach(run(moved, asInput(input), moved.clock.simMs, account)) };
  }
  if ((JSON.stringify(input) ?? "").length > SANDBOX_LIMITS.requestCharacters) throw SANDBOX_ERRORS.request();
  return transition(state, (draft) => {
    runUntil(draft, clockMs, account);
    const output = detach(run(draft, asInput(input), draft.clock.simMs, account));
    const touched = takeTouched(draft);
    reconcileServices(draft, draft.clock.simMs, account, touchesOwn ? touched : undefined);
    sweepTimers(draft);
    keepTouched(draft);
    checkIndexes(draft);
    return output;
  });
}
