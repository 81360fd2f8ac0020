/**
 * The service scheduler: after every change it moves each service toward its desired state, one rolling step at a
 * time, within minimumHealthyPercent and maximumPercent (ecs-behavior.md §5.2), replacing unhealthy tasks,
 * counting failures for the circuit breaker (§5.4), throttling failed starts (§5.5) and reporting events (§5.6).
 * It works from the service's own task index, so a step costs O(tasks of the service), not O(all tasks); the index
 * lets go of tasks once they are STOPPED and accounted for, so a crash-looping service does not drag its hour of
 * stopped tasks through every step. A step starts and stops at most SCHEDULER_STEP.batch tasks (quotas.ts).
 * Tasks and notes are read through `reader` (transition.ts) and handled by id: a pass drafts only the tasks it
 * changes, and every read sees what the pass changed before it.
 */
import {
  countsHealthy,
  historyOf,
  ROLLOUT_REASONS,
  scalingActivity,
  serviceKeyOf,
  TASK_FAILED_HEALTH_CHECKS,
} from "./deployments";
import { addEvent, addTasksEvents, reportProblem, resolveProblems, SERVICE_EVENTS } from "./events";
import { stopTaskAs } from "./lifecycle";
import { elbHealthFailure, isElbHealthFailure, stoppedNow, syncLoadBalancers, unhealthyEvent, unhealthyTargetOf } from "./load-balancing";
import { SCHEDULER_STEP } from "./quotas";
import { circuitBreakerThreshold, START_IMPAIRED_AFTER, startBackoffMs, STEADY_STATE_REPEAT_MS } from "./scheduler-rules";
import type { Account } from "./account";
import { daemonInstances, launch } from "./service-launch";
import type { SandboxState, ServiceRecord } from "./state";
import { scheduleOnce } from "./timers";
import { protectedUntil } from "./task-protection";
import { advanceShift, SHIFT_REASONS } from "./traffic-shift";
import { failDeployment } from "./deployment-failure";
import { members, peek, reader } from "./transition";
import { epochSeconds } from "./wire";

/** What one scheduler step shares across services. */
export interface LaunchAllowance {
  /** Tasks all services together may still start in this step (quotas.ts, SANDBOX_LIMITS.launchesPerStep). */
  left: number;
  /** The learner's account, which launching a task consults (its roles; account.ts). */
  account: Account;
}

const checkLater = (state: SandboxState, record: ServiceRecord, atMs: number) =>
  scheduleOnce(state, serviceKeyOf(record), "service-check", atMs);

/** One scheduler pass over a service at atMs. Idempotent when nothing changed since the last pass. */
export function reconcileService(state: SandboxState, record: ServiceRecord, atMs: number, launches: LaunchAllowance): void {
  const service = record.service;
  if (service.status === "INACTIVE") return;
  // Ids, each task read when it is used: launching may make room by forgetting long-STOPPED tasks (sandbox-bounds.ts),
  // so a task gone since reads as STOPPED, the last status it had.
  const task = reader(state.tasks);
  const scan = scanTasks(state, record);
  const { tasks } = scan;

  const replaced = replaceUnhealthy(state, record, scan.running, atMs);
  // What replaceUnhealthy stopped is news for settleStoppedTasks too, in the service's order.
  const stopping = new Set([...scan.unsettled, ...replaced]);
  const unsettled = replaced.size === 0 ? scan.unsettled : tasks.filter((id) => stopping.has(id));
  settleStoppedTasks(state, record, unsettled, atMs);
  noteHealthyTasks(state, record, scan.news, atMs);

  if (service.status === "DRAINING") {
    drain(state, record, tasks, atMs);
    syncLoadBalancers(state, record, atMs);
  } else {
    tripCircuitBreaker(state, record, atMs);
    watchDeploymentAlarms(state, record, atMs);
    const active = scan.wanted.filter((id) => task(id)?.desiredStatus === "RUNNING");
    if (record.deployments[0]?.shift) shiftTraffic(state, record, active, atMs, launches);
    else {
      rollOut(state, record, active, atMs, launches);
      finishDeployments(state, record, atMs);
    }
    // Registrations and drains are reported before the steady state they lead to (load-balancing.ts).
    syncLoadBalancers(state, record, atMs);
    reportSteadyState(state, record, tasks, atMs);
  }
  forgetSettledTasks(state, record);
}

/**
 * What a pass reads of every task once, so that the loops after it look only at their candidates (each still reads
 * its candidates as they stand then): `tasks`, the service's tasks that exist; `running`, those RUNNING and wanted
 * RUNNING (the only ones replaceUnhealthy may stop); `unsettled`, those wanted STOPPED whose stop is not yet accounted
 * for (settleStoppedTasks); `news`, the running ones noteHealthyTasks has something to learn from (not yet seen
 * RUNNING, or of a deployment still waiting for its first healthy task); `wanted`, those wanted RUNNING. All in the
 * service's order.
 */
function scanTasks(state: SandboxState, record: ServiceRecord) {
  const task = reader(state.tasks);
  const note = reader(state.taskNotes);
  const waiting = new Set(record.deployments.filter((d) => !d.hadHealthyTask).map((d) => d.deployment.id));
  const scan = { tasks: [] as string[], running: [] as string[], unsettled: [] as string[], news: [] as string[], wanted: [] as string[] };
  for (const id of members(record.taskIds)) {
    const stored = task(id);
    if (stored === undefined) continue;
    scan.tasks.push(id);
    if (stored.desiredStatus === "RUNNING") {
      scan.wanted.push(id);
      if (stored.lastStatus !== "RUNNING") continue;
      scan.running.push(id);
      const seen = note(id);
      if (!seen?.seenRunning || waiting.has(seen.deploymentId)) scan.news.push(id);
    } else if (stored.desiredStatus === "STOPPED") {
      const seen = note(id);
      if (seen !== undefined && !seen.settled) scan.unsettled.push(id);
    }
  }
  return scan;
}

/** A deleted service stops its tasks, a step at a time, and becomes INACTIVE once they have all stopped. */
function drain(state: SandboxState, record: ServiceRecord, tasks: string[], atMs: number): void {
  const task = reader(state.tasks);
  const live = tasks.filter((id) => task(id)?.desiredStatus === "RUNNING");
  const stopping = live.slice(0, SCHEDULER_STEP.batch);
  for (const taskId of stopping) {
    stopTaskAs(state, taskId, "ServiceSchedulerInitiated", scalingActivity(record.deployments[0]?.deployment.id ?? ""), atMs);
  }
  // Tasks behind a load balancer are reported once they have drained (load-balancing.ts).
  const reported = stoppedNow(state, stopping);
  if (reported.length > 0) addEvent(state, record, SERVICE_EVENTS.stopped(record.service.serviceName!, reported), atMs);
  if (live.length > stopping.length) checkLater(state, record, atMs + SCHEDULER_STEP.stepMs);
  if (tasks.every((id) => (task(id)?.lastStatus ?? "STOPPED") === "STOPPED")) {
    record.service.status = "INACTIVE";
    record.deployments = [];
  }
}

/**
 * Drops the tasks that are STOPPED and settled (or already gone) from the service's index: nothing here needs them
 * again — unless their targets are still draining (a task that stopped by itself or at a Spot warning does not wait for
 * its drain): "deregistered N targets" is reported once the drain ends (load-balancing.ts).
 */
function forgetSettledTasks(state: SandboxState, record: ServiceRecord): void {
  const task = reader(state.tasks);
  const note = reader(state.taskNotes);
  const kept = members(record.taskIds).filter((id) => {
    const stored = task(id);
    if (stored === undefined) return false;
    if (stored.lastStatus !== "STOPPED" || !note(id)?.settled) return true;
    const lb = note(id)?.lb;
    return lb?.drain !== undefined && !lb.reported.includes("deregistered");
  });
  if (kept.length !== record.taskIds.length) record.taskIds = kept;
}

function reportSteadyState(state: SandboxState, record: ServiceRecord, tasks: string[], atMs: number): void {
  const service = record.service;
  const primary = record.deployments[0]?.deployment;
  // The tasks are counted only when the deployments allow a steady state (not during a deployment's passes).
  const steady = record.deployments.length === 1 && primary?.rolloutState === "COMPLETED" && tasksSettled(state, tasks, service.desiredCount);
  // While nothing changes, AWS repeats the steady-state event about every 6 hours.
  const due = steady && (!record.steady || (record.steadyEventAtMs ?? 0) + STEADY_STATE_REPEAT_MS <= atMs);
  if (due) {
    addEvent(state, record, SERVICE_EVENTS.steadyState(service.serviceName!), atMs);
    record.steadyEventAtMs = atMs;
    checkLater(state, record, atMs + STEADY_STATE_REPEAT_MS);
  }
  record.steady = steady;
}

/** Whether exactly `desired` of the tasks run, none is pending and none is still draining from its load balancer. */
function tasksSettled(state: SandboxState, tasks: string[], desired: number | undefined): boolean {
  const task = reader(state.tasks);
  let running = 0;
  for (const id of tasks) {
    const { desiredStatus, lastStatus } = task(id) ?? {};
    // A task still draining from its load balancer (load-balancing.ts) keeps the service from a steady state.
    if (desiredStatus === "RUNNING" ? lastStatus !== "RUNNING" : lastStatus === "DEACTIVATING") return false;
    if (desiredStatus === "RUNNING") running += 1;
  }
  return running === desired;
}

/**
 * Service tasks whose essential container turned UNHEALTHY, or that a target group marks unhealthy, are stopped and
 * replaced once healthCheckGracePeriodSeconds has passed since they started (ecs-behavior.md §4.4).
 */
function replaceUnhealthy(state: SandboxState, record: ServiceRecord, tasks: string[], atMs: number): Set<string> {
  const stopped = new Set<string>();
  const graceMs = (record.service.healthCheckGracePeriodSeconds ?? 0) * 1000;
  const balanced = (record.service.loadBalancers?.length ?? 0) > 0;
  const read = reader(state.tasks);
  const note = reader(state.taskNotes);
  for (const taskId of tasks) {
    const task = read(taskId);
    if (task?.desiredStatus !== "RUNNING" || task.lastStatus !== "RUNNING") continue;
    const target = task.healthStatus === "UNHEALTHY" || !balanced ? undefined : unhealthyTargetOf(state, note(taskId));
    if (task.healthStatus !== "UNHEALTHY" && !target) continue;
    const graceEnds = (task.startedAt ?? 0) * 1000 + graceMs;
    if (atMs < graceEnds) {
      checkLater(state, record, graceEnds);
      continue;
    }
    if (target) {
      addEvent(state, record, unhealthyEvent(state, record, taskId, target.target, target.description), atMs);
      stopTaskAs(state, taskId, "ServiceSchedulerInitiated", elbHealthFailure(target.target.targetGroupArn), atMs);
    } else {
      addEvent(state, record, SERVICE_EVENTS.failedHealthChecks(record.service.serviceName!, taskId), atMs);
      stopTaskAs(state, taskId, "ServiceSchedulerInitiated", TASK_FAILED_HEALTH_CHECKS, atMs);
    }
    record.unhealthyReplacements += 1;
    stopped.add(taskId);
  }
  return stopped;
}

const FAILURE_STOP_CODES = ["TaskFailedToStart", "EssentialContainerExited"];

/** Accounts once for each task that stopped on its own or failed health checks: circuit breaker and throttling. */
function settleStoppedTasks(state: SandboxState, record: ServiceRecord, tasks: string[], atMs: number): void {
  const name = record.service.serviceName!;
  const read = reader(state.tasks);
  const readNote = reader(state.taskNotes);
  for (const taskId of tasks) {
    const task = read(taskId);
    if (task?.desiredStatus !== "STOPPED") continue;
    const seen = readNote(taskId);
    if (!seen || seen.settled) continue;
    const note = state.taskNotes[taskId];
    note.settled = true;
    const failed = FAILURE_STOP_CODES.includes(task.stopCode ?? "") || task.stoppedReason === TASK_FAILED_HEALTH_CHECKS || isElbHealthFailure(task.stoppedReason);
    if (!failed) continue;
    const deployment = record.deployments.find((d) => d.deployment.id === note.deploymentId);
    if (deployment && deployment.deployment.rolloutState === "IN_PROGRESS") {
      deployment.failures += 1;
      deployment.deployment.failedTasks = (deployment.deployment.failedTasks ?? 0) + 1;
      const entry = historyOf(record, deployment.deployment.id!);
      if (entry?.deploymentCircuitBreaker && entry.deploymentCircuitBreaker.status !== "DISABLED") {
        entry.deploymentCircuitBreaker.failureCount = deployment.failures;
      }
    }
    if (task.startedAt === undefined) {
      // Never reached RUNNING: throttle further starts (tasks that ran and then died are not throttled).
      record.startFailures += 1;
      record.nextStartAtMs = Math.max(record.nextStartAtMs, atMs + startBackoffMs(record.startFailures));
      if (record.nextStartAtMs > atMs) checkLater(state, record, record.nextStartAtMs);
      if (task.stopCode === "TaskFailedToStart" && task.stoppedReason?.startsWith("ResourceInitializationError")) {
        reportProblem(state, record, SERVICE_EVENTS.unableToPlace(name, task.stoppedReason), atMs);
      }
      if (record.startFailures >= START_IMPAIRED_AFTER) reportProblem(state, record, SERVICE_EVENTS.startImpaired(name), atMs);
    }
  }
}

/**
 * A task newly RUNNING resets the start throttle (tasks that were already running do not: they say nothing about
 * whether new ones can start); a task that counts as healthy resets its deployment's failure count.
 */
function noteHealthyTasks(state: SandboxState, record: ServiceRecord, tasks: string[], atMs: number): void {
  // Only a task of a deployment that has not had a healthy task yet has news here: the health lookups, the cost of
  // this loop, are for those alone (none once every deployment has had one).
  const waiting = new Set(record.deployments.filter((d) => !d.hadHealthyTask).map((d) => d.deployment.id));
  const read = reader(state.tasks);
  const readNote = reader(state.taskNotes);
  for (const taskId of tasks) {
    const task = read(taskId);
    if (task?.desiredStatus !== "RUNNING" || task.lastStatus !== "RUNNING") continue;
    const seen = readNote(taskId);
    if (seen && !seen.seenRunning) {
      state.taskNotes[taskId].seenRunning = true;
      if (record.startFailures > 0) {
        record.startFailures = 0;
        record.nextStartAtMs = atMs;
        resolveProblems(record, (m) => m.includes("unable to consistently start") || m.includes("was unable to place a task. Reason:"));
      }
    }
    const deploymentId = readNote(taskId)?.deploymentId;
    if (!waiting.has(deploymentId) || !countsHealthy(state, task, readNote(taskId), atMs)) continue;
    const deployment = record.deployments.find((d) => d.deployment.id === deploymentId)!;
    deployment.hadHealthyTask = true;
    deployment.failures = 0;
    waiting.delete(deploymentId);
  }
}

function tripCircuitBreaker(state: SandboxState, record: ServiceRecord, atMs: number): void {
  const service = record.service;
  const breaker = service.deploymentConfiguration?.deploymentCircuitBreaker;
  const primary = record.deployments[0];
  if (!breaker?.enable || !primary || primary.deployment.rolloutState !== "IN_PROGRESS") return;
  if (primary.failures < circuitBreakerThreshold(service.desiredCount ?? 0)) return;
  const entry = historyOf(record, primary.deployment.id!);
  if (entry?.deploymentCircuitBreaker) entry.deploymentCircuitBreaker.status = "TRIGGERED";
  failDeployment(state, record, atMs, ROLLOUT_REASONS.failed, SERVICE_EVENTS.deploymentFailed(service.serviceName!, primary.deployment.id!), breaker.rollback ?? false);
}

/**
 * deploymentConfiguration.alarms: while a deployment is in progress, any of its alarms in ALARM fails it, and rolls it
 * back when `rollback` is set ([AWS-doc] API_DeploymentAlarms). The history entry shows MONITORING, then TRIGGERED with
 * the alarms' names, or MONITORING_COMPLETE once the deployment completes.
 */
function watchDeploymentAlarms(state: SandboxState, record: ServiceRecord, atMs: number): void {
  const alarms = record.service.deploymentConfiguration?.alarms;
  const primary = record.deployments[0];
  if (!primary) return;
  const entry = historyOf(record, primary.deployment.id!);
  if (!alarms?.enable || primary.deployment.rolloutState !== "IN_PROGRESS" || record.rollbackOf) {
    if (entry?.alarms?.status === "MONITORING" && primary.deployment.rolloutState === "COMPLETED") entry.alarms.status = "MONITORING_COMPLETE";
    return;
  }
  const alarmNames = alarms.alarmNames ?? [];
  const inAlarm = alarmNames.filter((name) => peek(state.cwAlarms, name)?.state === "ALARM");
  // An alarm fails the deployment when it enters ALARM ([AWS-doc] CDK AlarmBehavior; Copilot's docs: alarms already in
  // ALARM when the deployment starts are ignored): those are set aside until they leave it.
  if (entry && !entry.alarms) {
    entry.alarms = { status: "MONITORING", alarmNames };
    primary.alarmsAtStart = inAlarm;
  }
  const setAside = primary.alarmsAtStart ?? [];
  if (setAside.some((name) => !inAlarm.includes(name))) primary.alarmsAtStart = setAside.filter((name) => inAlarm.includes(name));
  const triggered = inAlarm.filter((name) => !setAside.includes(name));
  if (triggered.length === 0) return;
  if (entry) entry.alarms = { status: "TRIGGERED", alarmNames, triggeredAlarmNames: triggered };
  const id = primary.deployment.id!;
  failDeployment(state, record, atMs, SHIFT_REASONS.alarms(triggered), SERVICE_EVENTS.deploymentFailedAlarms(record.service.serviceName!, id, triggered), alarms.rollback ?? false);
}

/** A blue/green, linear or canary deployment's pass (traffic-shift.ts), starting and stopping tasks as rollOut does. */
function shiftTraffic(state: SandboxState, record: ServiceRecord, active: string[], atMs: number, launches: LaunchAllowance): void {
  const name = record.service.serviceName!;
  const primaryId = record.deployments[0].deployment.id!;
  const started: string[] = [];
  const stopped: string[] = [];
  advanceShift(state, record, active, atMs, {
    start: (count) => {
      if (atMs < record.nextStartAtMs) {
        checkLater(state, record, record.nextStartAtMs);
        return [];
      }
      const ids = startStep(state, record, count, [], atMs, launches);
      started.push(...ids);
      return ids;
    },
    stop: (taskId) => {
      stopTaskAs(state, taskId, "ServiceSchedulerInitiated", scalingActivity(primaryId), atMs);
      stopped.push(taskId);
    },
    later: (laterMs) => checkLater(state, record, laterMs),
  });
  addTasksEvents(state, record, (ids) => SERVICE_EVENTS.stopped(name, ids), stoppedNow(state, stopped), atMs);
  addTasksEvents(state, record, (ids) => SERVICE_EVENTS.started(name, ids), started, atMs);
}

/** Stops and starts tasks within the deployment configuration's bounds, a step's worth of each. */
function rollOut(state: SandboxState, record: ServiceRecord, active: string[], atMs: number, launches: LaunchAllowance): void {
  const service = record.service;
  const name = service.serviceName!;
  const primary = record.deployments[0];
  if (!primary) return;
  const primaryId = primary.deployment.id!;
  const daemon = service.schedulingStrategy === "DAEMON";
  const eligible = daemon ? daemonInstances(state, record) : [];
  const desired = daemon ? eligible.length : (service.desiredCount ?? 0);
  if (daemon) service.desiredCount = desired;
  const config = service.deploymentConfiguration ?? {};
  const maxTasks = Math.floor((desired * (config.maximumPercent ?? 200)) / 100);
  const minHealthy = Math.ceil((desired * (config.minimumHealthyPercent ?? 100)) / 100);
  const primaryFailed = primary.deployment.rolloutState === "FAILED";

  const task = reader(state.tasks);
  const note = reader(state.taskNotes);
  const instance = reader(state.containerInstances);
  const instanceActive = new Map<string, boolean>();
  const onDrainingInstance = (instanceId: string | undefined) => {
    if (instanceId === undefined) return false;
    if (!instanceActive.has(instanceId)) instanceActive.set(instanceId, instance(instanceId)?.instance.status === "ACTIVE");
    return !instanceActive.get(instanceId);
  };
  let primaryTasks: string[] = [];
  const oldTasks: string[] = [];
  // Stopping a task does not change whether it counts as healthy: asked once per task, not once per comparison.
  const healthyTasks = new Set<string>();
  for (const taskId of active) {
    const seen = note(taskId);
    const old = seen?.deploymentId !== primaryId || onDrainingInstance(seen?.instanceId);
    (old ? oldTasks : primaryTasks).push(taskId);
    if (countsHealthy(state, task(taskId)!, seen, atMs)) healthyTasks.add(taskId);
  }
  let healthy = healthyTasks.size;
  const stopped: string[] = [];
  const stop = (taskId: string) => {
    if (healthyTasks.has(taskId)) healthy -= 1;
    stopTaskAs(state, taskId, "ServiceSchedulerInitiated", scalingActivity(primaryId), atMs);
    stopped.push(taskId);
  };
  // Those not (yet) healthy first, each part in its order (a stable sort on health, without a comparison per pair).
  const unhealthyFirst = (ids: string[]) => [...ids.filter((id) => !healthyTasks.has(id)), ...ids.filter((id) => healthyTasks.has(id))];

  // Tasks under scale-in protection (task-protection.ts) stay until it ends; the scheduler looks again then.
  let protectionEndsAt = Number.POSITIVE_INFINITY;
  const shielded = (taskId: string) => {
    const until = protectedUntil(state, taskId, atMs);
    if (until === undefined) return false;
    protectionEndsAt = Math.min(protectionEndsAt, until);
    return true;
  };
  // Scale-in: the primary deployment has more tasks than wanted (never-healthy ones go first).
  let moreToStop = false;
  if (primaryTasks.length > desired) {
    const excess = primaryTasks.length - desired;
    const extra = unhealthyFirst(primaryTasks.filter((t) => !shielded(t))).slice(0, Math.min(excess, SCHEDULER_STEP.batch));
    extra.forEach(stop);
    const gone = new Set(extra);
    primaryTasks = primaryTasks.filter((t) => !gone.has(t));
    moreToStop = excess > extra.length;
  }
  // Old tasks go while enough healthy tasks remain; those not (yet) healthy can always go. A failed deployment
  // that is not rolled back launches nothing, so its predecessor's tasks are kept.
  let stoppedOld = 0;
  for (const taskId of unhealthyFirst(oldTasks)) {
    if (shielded(taskId)) continue;
    if (!healthyTasks.has(taskId) || (!primaryFailed && healthy - 1 >= minHealthy)) {
      if (stopped.length >= SCHEDULER_STEP.batch) {
        moreToStop = true;
        break;
      }
      stop(taskId);
      stoppedOld += 1;
    }
  }
  if (moreToStop) checkLater(state, record, atMs + SCHEDULER_STEP.stepMs);
  if (protectionEndsAt < Number.POSITIVE_INFINITY) checkLater(state, record, protectionEndsAt);
  const remaining = active.length - stopped.length;
  const want = primaryFailed ? 0 : desired - primaryTasks.length;
  const room = maxTasks - remaining;
  let started: string[] = [];
  if (want > 0 && room > 0) {
    if (atMs >= record.nextStartAtMs) started = startStep(state, record, Math.min(want, room), eligible, atMs, launches);
    else checkLater(state, record, record.nextStartAtMs);
  } else if (want > 0 && stoppedOld === 0 && oldTasks.length > 0 && remaining === healthy) {
    reportProblem(state, record, SERVICE_EVENTS.deploymentConfigurationDeadlock(name), atMs);
  }
  const reported = stoppedNow(state, stopped);
  if (reported.length > 0) addEvent(state, record, SERVICE_EVENTS.stopped(name, reported), atMs);
  if (started.length > 0) {
    let message = SERVICE_EVENTS.started(name, started);
    const replaced = Math.min(record.unhealthyReplacements, started.length);
    if (replaced > 0) {
      message += ` ${SERVICE_EVENTS.replacedUnhealthy(replaced)}`;
      record.unhealthyReplacements -= replaced;
    }
    addEvent(state, record, message, atMs);
    resolveProblems(record, (m) => m.includes("was unable to stop or start tasks"));
  }
}

/**
 * Starts one step's worth of the `wanted` tasks: at most SCHEDULER_STEP.batch, and no more than all services may
 * still start in this scheduler step. The rest wait for the next step, SCHEDULER_STEP.stepMs later (the launch rate).
 */
function startStep(state: SandboxState, record: ServiceRecord, wanted: number, eligible: ReturnType<typeof daemonInstances>, atMs: number, launches: LaunchAllowance): string[] {
  const now = Math.min(wanted, SCHEDULER_STEP.batch, launches.left);
  const started = now > 0 ? launch(state, record, now, eligible, atMs, launches.account) : [];
  launches.left -= started.length;
  if (now < wanted) {
    record.nextStartAtMs = atMs + SCHEDULER_STEP.stepMs;
    checkLater(state, record, record.nextStartAtMs);
  }
  return started;
}

/** Old deployments leave once their tasks are all STOPPED; the PRIMARY completes when it runs desiredCount healthy tasks. */
function finishDeployments(state: SandboxState, record: ServiceRecord, atMs: number): void {
  const service = record.service;
  const primary = record.deployments[0];
  if (!primary) return;
  const read = reader(state.tasks);
  const note = reader(state.taskNotes);
  const ids = members(record.taskIds);
  if (record.deployments.length > 1) {
    // The older deployments that still have a task not STOPPED stay; the look ends once every one has been seen.
    const older = new Set(record.deployments.slice(1).map((d) => d.deployment.id));
    const live = new Set<string | undefined>();
    for (let i = 0; i < ids.length && live.size < older.size; i++) {
      const task = read(ids[i]);
      const deploymentId = task && task.lastStatus !== "STOPPED" ? note(ids[i])?.deploymentId : undefined;
      if (older.has(deploymentId)) live.add(deploymentId);
    }
    const kept = record.deployments.filter((d, i) => i === 0 || live.has(d.deployment.id));
    if (kept.length !== record.deployments.length) record.deployments = kept;
  }
  if (primary.deployment.rolloutState !== "IN_PROGRESS" || record.deployments.length > 1) return;
  const id = primary.deployment.id!;
  const desired = service.desiredCount ?? 0;
  let healthy = 0;
  for (let i = 0; i < ids.length && healthy < desired; i++) {
    const task = read(ids[i]);
    if (task?.desiredStatus !== "RUNNING") continue;
    const seen = note(ids[i]);
    if (seen?.deploymentId === id && countsHealthy(state, task, seen, atMs)) healthy += 1;
  }
  if (healthy < desired) return;
  primary.deployment.rolloutState = "COMPLETED";
  primary.deployment.rolloutStateReason = ROLLOUT_REASONS.completed(id);
  primary.deployment.updatedAt = epochSeconds(atMs);
  record.lastCompletedDeploymentId = id;
  record.completedTaskDefinition = primary.deployment.taskDefinition;
  addEvent(state, record, SERVICE_EVENTS.deploymentCompleted(service.serviceName!, id), atMs);
  const entry = record.rollbackOf ? historyOf(record, record.rollbackOf) : historyOf(record, id);
  if (entry) {
    entry.status = record.rollbackOf ? "ROLLBACK_SUCCESSFUL" : "SUCCESSFUL";
    entry.finishedAt = epochSeconds(atMs);
    entry.updatedAt = epochSeconds(atMs);
  }
  record.rollbackOf = undefined;
}
