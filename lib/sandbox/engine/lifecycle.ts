import type { Attachment } from "@aws-sdk/client-ecs";
import { taskIdOf } from "./arns";
import { releaseFargate } from "./fargate-quota";
import { healthTimeline, taskHealthOf } from "./health";
import { hashHex } from "./ids";
import { detailOf, newEniDetails } from "./network";
import { release } from "./placement";
import { inOwnAccount, NEW_ACCOUNT, statesFrom, type Account } from "./account";
import { writeContainerOutput } from "./container-logs";
import { startOrder } from "./firelens";
import { ACTIVATION_MS, containersChanged, endpointOf, loadBalancersOfTask, registeredWithLoadBalancer, releaseTargets } from "./load-balancing";
import { behaviourImageOf, startupFailureOf } from "./startup-failures";
import { probed } from "./workload-probes";
import { scheduleCapacityCheck } from "./managed-scaling";
import { resolveSecretReference } from "../services/secrets/resolve";
import type { SandboxState, Timer, TimerStep, WireTask, WireTaskDefinition } from "./state";
import { findTaskDefinition } from "./task-definitions";
import { cancelTimers, schedule, takeEarliest } from "./timers";
import { touchService } from "./touched";
import { peek } from "./transition";
import { epochSeconds, type Wire } from "./wire";
import { OOM_EXIT_CODE, OOM_REASON, oomAfterMs, outputLines, SIGKILL_EXIT_CODE, workloadOf, type Workload } from "./workloads";

/**
 * How long each step of a task takes on the simulated clock. Real Fargate needs 30–60 s to start
 * a small task; the sandbox keeps the same order of events in about 25 s. The stop side follows the 2026
 * observation in ecs-behavior.md §4.1 (STOPPING → DEPROVISIONING ≈ 12 s → STOPPED ≈ 16 s).
 * Tasks on EC2 without awsvpc skip the ENI steps and start PENDING.
 */
export const FARGATE_TIMING = {
  /** RunTask → ENI attachment PRECREATED → ATTACHING. */
  eniAttachStartMs: 2_000,
  /** ATTACHING → ATTACHED; the task moves PROVISIONING → PENDING. */
  eniAttachMs: 8_000,
  /** PENDING → image pull starts. */
  pullStartMs: 2_000,
  /** Image pull duration. */
  pullMs: 10_000,
  /** Pull finished → containers RUNNING. */
  containerStartMs: 3_000,
  /** StopTask → the agent acts on it (lastStatus leaves RUNNING/PENDING) and sends SIGTERM. */
  stopSignalMs: 1_000,
  /**
   * STOPPING → the agent reports the containers stopped and the task DEPROVISIONING, when they exit at once on SIGTERM.
   * A container that takes longer keeps the task STOPPING until it exits or its stopTimeout kills it (STOP_TIMEOUT).
   */
  containerStopMs: 12_000,
  /** DEPROVISIONING → STOPPED (ENI detached and deleted). */
  eniDetachMs: 16_000,
  /** STOPPED tasks stay describable this long ("at least 1 hour"), then vanish. */
  stoppedRetentionMs: 3_600_000,
} as const;

/** What a container that handles SIGTERM and exits reports (128 + 15). */
export const SIGTERM_EXIT_CODE = 143;
/**
 * How long a stopping container has between SIGTERM and SIGKILL ([AWS-doc] ContainerDefinition.stopTimeout): its
 * definition's `stopTimeout`, else 30 s (on EC2 the agent's ECS_CONTAINER_STOP_TIMEOUT, whose default is also 30 s;
 * the sandbox's agents keep it). On Fargate at most 120 s: a larger value is held to 120 s ([inferred]: AWS states the
 * maximum, not what it does with more; the editor's FG-STOPTIMEOUT rule flags it). It applies to every stop: StopTask,
 * scale-in, deployments, an essential container's exit, a Fargate Spot interruption.
 */
export const STOP_TIMEOUT = { defaultSeconds: 30, fargateMaxSeconds: 120 } as const;
export const ESSENTIAL_CONTAINER_EXITED = "Essential container in task exited";
/**
 * Without load balancer and essential-container health checks, a service task counts as healthy this long after it
 * reaches RUNNING (API reference, DeploymentConfiguration.minimumHealthyPercent).
 */
export const HEALTHY_WITHOUT_CHECKS_MS = 40_000;

const T = FARGATE_TIMING;

function eniOf(task: WireTask): Wire<Attachment> | undefined {
  return task.attachments?.find((a) => a.type === "ElasticNetworkInterface");
}

/** ECS bumps a task's version on every state change it reports. */
function setLastStatus(task: WireTask, status: string): void {
  task.lastStatus = status;
  task.version = (task.version ?? 0) + 1;
}

function definitionOf(state: SandboxState, task: WireTask): WireTaskDefinition | undefined {
  return findTaskDefinition(state, task.taskDefinitionArn!)?.taskDefinition;
}

function environmentOf(task: WireTask, definition: WireTaskDefinition, index: number): Record<string, string> {
  const container = definition.containerDefinitions![index];
  const override = task.overrides?.containerOverrides?.find((o) => o.name === container.name);
  // Overrides reach the engine unchecked beyond their container name: keep only well-formed pairs.
  const pairs = [container.environment, override?.environment].flatMap((list) => (Array.isArray(list) ? list : []));
  return Object.fromEntries(
    pairs.filter((p) => typeof p?.name === "string" && typeof p.value === "string").map((p) => [p.name!, p.value!]),
  );
}

type Step = (state: SandboxState, task: WireTask, atMs: number, timer: Timer, account: Account) => void;

/** What the task's container at `index` does once it runs (workloads.ts), with what it finds (workload-probes.ts). */
function workloadAt(state: SandboxState, task: WireTask, definition: WireTaskDefinition, index: number, account: Account): Workload {
  const environment = { ...environmentOf(task, definition, index), ...secretValuesOf(state, definition, index, account) };
  const workload = workloadOf(behaviourImageOf(state, task.containers![index].image ?? "", account), environment);
  return probed(workload, environment, state, task, definition, account);
}

/** The container's `secrets`, as the environment variables ECS injects (the task started, so each one resolved). */
function secretValuesOf(state: SandboxState, definition: WireTaskDefinition, index: number, account: Account): Record<string, string> {
  const values: Record<string, string> = {};
  for (const secret of definition.containerDefinitions![index].secrets ?? []) {
    const resolved = resolveSecretReference(statesFrom(state, account), inOwnAccount(state, secret.valueFrom ?? ""), state.region, { clockMs: state.clock.simMs });
    if ("value" in resolved && secret.name) values[secret.name] = resolved.value;
  }
  return values;
}

/** The container's stopTimeout in ms (STOP_TIMEOUT). */
function stopTimeoutMsOf(task: WireTask, definition: WireTaskDefinition, index: number): number {
  const given = definition.containerDefinitions![index].stopTimeout;
  const seconds = typeof given === "number" && Number.isFinite(given) && given >= 0 ? given : STOP_TIMEOUT.defaultSeconds;
  return (task.launchType === "FARGATE" ? Math.min(seconds, STOP_TIMEOUT.fargateMaxSeconds) : seconds) * 1000;
}

/**
 * How a running container ends once it has SIGTERM: `afterMs` after the signal, with `exitCode` — 143 when its app
 * exits within stopTimeout, 137 when SIGKILL ends it there (workloads.ts: SHUTDOWN_SECONDS, IGNORE_SIGTERM). Its image
 * and environment decide (no probes: what the app found at start does not change how it stops).
 */
function containerStopOf(state: SandboxState, task: WireTask, definition: WireTaskDefinition, index: number, account: Account) {
  const workload = workloadOf(behaviourImageOf(state, task.containers![index].image ?? "", account), environmentOf(task, definition, index));
  const timeoutMs = stopTimeoutMsOf(task, definition, index);
  return workload.shutdownMs <= timeoutMs
    ? { afterMs: workload.shutdownMs, exitCode: SIGTERM_EXIT_CODE, handled: true }
    : { afterMs: timeoutMs, exitCode: SIGKILL_EXIT_CODE, handled: workload.shutdownMs !== Infinity };
}

/**
 * When the containers get SIGTERM: a Fargate Spot task's at its two-minute warning (AWS: "The warning is sent as a
 * task state change event to Amazon EventBridge and a SIGTERM signal to the running task"), any other's as it goes
 * STOPPING.
 */
function sigtermAtMs(task: WireTask, stoppingMs: number): number {
  return task.stopCode === "TerminationNotice" && typeof task.stoppingAt === "number" ? Math.min(task.stoppingAt * 1000, stoppingMs) : stoppingMs;
}

/** When the task's containers started (they all start together), in simulated ms. */
const startedAtMs = (task: WireTask) => (task.startedAt as number) * 1000;

/** Timers that are not a task's (simulation.ts hands them to their own modules). */
const OTHER_STEPS = ["service-check", "ecr-lifecycle", "elb-target", "alarm-check", "scheduled-action", "capacity-check", "instance-registered"] as const;

const STEPS: Record<Exclude<TimerStep, (typeof OTHER_STEPS)[number]>, Step> = {
  "eni-attaching": (state, task, at) => {
    const eni = eniOf(task)!;
    eni.status = "ATTACHING";
    eni.details = newEniDetails(state, detailOf(eni.details, "subnetId")!);
    schedule(state, idOf(task), "eni-attached", at + T.eniAttachMs);
  },
  "eni-attached": (state, task, at) => {
    const eni = eniOf(task)!;
    eni.status = "ATTACHED";
    task.connectivity = "CONNECTED";
    task.connectivityAt = epochSeconds(at);
    const privateIpv4Address = detailOf(eni.details, "privateIPv4Address");
    for (const container of task.containers ?? []) {
      container.networkInterfaces = [{ attachmentId: eni.id, privateIpv4Address }];
    }
    setLastStatus(task, "PENDING");
    schedule(state, idOf(task), "pull-started", at + T.pullStartMs);
  },
  "pull-started": (state, task, at, _timer, account) => {
    const definition = definitionOf(state, task);
    const failure = definition ? startupFailureOf(state, task, definition, account) : undefined;
    if (failure !== undefined) {
      failToStart(state, task, failure, at);
      return;
    }
    task.pullStartedAt = epochSeconds(at);
    schedule(state, idOf(task), "pull-stopped", at + T.pullMs);
  },
  "pull-stopped": (state, task, at) => {
    task.pullStoppedAt = epochSeconds(at);
    for (const container of task.containers ?? []) container.imageDigest = `sha256:${hashHex(`image|${container.image}`, 64)}`;
    schedule(state, idOf(task), "containers-running", at + T.containerStartMs);
  },
  "containers-running": (state, task, at, _timer, account) => {
    const definition = definitionOf(state, task);
    const taskId = idOf(task);
    const endpoints: ReturnType<typeof endpointOf>[] = [];
    // In dependency order (firelens.ts): a log router runs before the containers whose lines go through it.
    for (const index of containerOrder(task, definition)) {
      const container = task.containers![index];
      container.lastStatus = "RUNNING";
      container.runtimeId = `${taskId}-${runtimeSuffix(taskId, index)}`;
      if (!definition) continue;
      const workload = workloadAt(state, task, definition, index, account);
      scheduleWorkload(state, task, definition, index, workload, at);
      writeContainerOutput(state, task, definition, index, outputLines(workload, "start", 0, 0, at), at, at, account);
      const mapped = (definition.containerDefinitions![index].portMappings ?? []).flatMap((m) => (m.containerPort === undefined ? [] : [m.containerPort]));
      endpoints[index] = endpointOf(workload, environmentOf(task, definition, index), mapped, at);
    }
    bindPorts(state, task, definition);
    task.startedAt = epochSeconds(at);
    const note = state.taskNotes[taskId];
    if (note && definition) note.endpoints = Array.from({ length: task.containers?.length ?? 0 }, (_, i) => endpoints[i] ?? { ports: [], readyAtMs: null, http: false });
    // Behind a load balancer: ACTIVATING while the scheduler registers its targets (load-balancing.ts), then RUNNING.
    const balanced = note?.serviceKey !== undefined && loadBalancersOfTask(state, taskId).length > 0;
    setLastStatus(task, balanced ? "ACTIVATING" : "RUNNING");
    if (balanced) {
      note!.lb = { targets: [], registered: false, reported: [] };
      schedule(state, taskId, "activated", at + ACTIVATION_MS);
    }
    const checked = definition?.containerDefinitions?.some((c) => c.essential !== false && c.healthCheck) ?? false;
    // With a load balancer the task counts once its targets are healthy (deployments.ts countsHealthy), not after 40 s.
    if (note?.serviceKey && !checked && balanced) note.healthyAtMs = at;
    else if (note?.serviceKey && !checked) {
      note.healthyAtMs = at + HEALTHY_WITHOUT_CHECKS_MS;
      schedule(state, taskId, "counts-healthy", note.healthyAtMs);
    }
    containersChanged(state, taskId, at);
  },
  activated: (_state, task) => {
    if (task.lastStatus === "ACTIVATING" && task.desiredStatus === "RUNNING") setLastStatus(task, "RUNNING");
  },
  "container-exited": (state, task, at, timer, account) => {
    const index = timer.container!;
    const container = task.containers![index];
    if (container.lastStatus !== "RUNNING") return;
    container.lastStatus = "STOPPED";
    container.exitCode = Number(timer.value);
    if (container.exitCode === OOM_EXIT_CODE) container.reason = OOM_REASON;
    const definition = definitionOf(state, task);
    if (definition) {
      const lines = outputLines(workloadAt(state, task, definition, index, account), "exit", at - startedAtMs(task), container.exitCode, startedAtMs(task));
      writeContainerOutput(state, task, definition, index, lines, startedAtMs(task), at, account);
    }
    containersChanged(state, idOf(task), at);
    const essential = definition?.containerDefinitions?.[index]?.essential !== false;
    if (!essential) return;
    task.desiredStatus = "STOPPED";
    task.stopCode = "EssentialContainerExited";
    task.stoppedReason = ESSENTIAL_CONTAINER_EXITED;
    task.stoppingAt = epochSeconds(at);
    task.executionStoppedAt = epochSeconds(at);
    cancelTimers(state, idOf(task));
    STEPS.stopping(state, task, at, timer, account);
  },
  "health-changed": (state, task, at, timer) => {
    const container = task.containers![timer.container!];
    if (container.lastStatus !== "RUNNING") return;
    container.healthStatus = timer.value as WireTask["healthStatus"];
    const essential = (definitionOf(state, task)?.containerDefinitions ?? []).map((c) => c.essential !== false);
    task.healthStatus = taskHealthOf(task, essential) as WireTask["healthStatus"];
    const note = state.taskNotes[idOf(task)];
    if (note && task.healthStatus === "HEALTHY") note.healthyAtMs ??= at;
  },
  // Only wakes the scheduler (simulation.ts): the task now counts toward minimumHealthyPercent.
  "counts-healthy": () => {},
  // Only in states stored while an interruption stopped the task at the reclaim: it is stopped now, as then.
  "spot-reclaimed": (state, task, at, timer, account) => {
    if (task.lastStatus !== "RUNNING") return;
    STEPS.stopping(state, task, at, timer, account);
  },
  stopping: (state, task, at, _timer, account) => {
    // Any stop of a registered task deregisters it (a crash too): a scheduler stop has drained it already (beginStop).
    releaseTargets(state, idOf(task), at);
    setLastStatus(task, "STOPPING");
    // SIGTERM now (a Spot task's came with its warning); the agent reports once the last container has exited.
    const signalAt = sigtermAtMs(task, at);
    const definition = definitionOf(state, task);
    let lastExitAt = signalAt;
    (task.containers ?? []).forEach((container, index) => {
      if (container.lastStatus === "RUNNING" && definition) lastExitAt = Math.max(lastExitAt, signalAt + containerStopOf(state, task, definition, index, account).afterMs);
    });
    schedule(state, idOf(task), "containers-stopped", Math.max(at + T.containerStopMs, lastExitAt), { value: signalAt });
  },
  "containers-stopped": (state, task, at, timer, account) => {
    const definition = definitionOf(state, task);
    // When SIGTERM went out (timers stored before it was kept: when the task went STOPPING).
    const signalAt = typeof timer.value === "number" ? timer.value : at - T.containerStopMs;
    // In reverse dependency order: a log router stops after the containers that log through it.
    for (const index of containerOrder(task, definition).reverse()) {
      const container = task.containers![index];
      if (container.lastStatus === "RUNNING") {
        container.exitCode = SIGTERM_EXIT_CODE;
        if (definition) {
          const stop = containerStopOf(state, task, definition, index, account);
          container.exitCode = stop.exitCode;
          const lines = stop.handled ? outputLines(workloadAt(state, task, definition, index, account), "sigterm", signalAt - startedAtMs(task), 0, startedAtMs(task)) : [];
          writeContainerOutput(state, task, definition, index, lines, startedAtMs(task), at, account);
        }
      }
      container.lastStatus = "STOPPED";
    }
    // [inferred] An interrupted Spot task reads TerminationNotice while it is told, SpotInterruption once its
    // containers are gone (the observed code of a stopped interrupted task).
    if (task.stopCode === "TerminationNotice") task.stopCode = "SpotInterruption";
    task.executionStoppedAt ??= epochSeconds(at);
    containersChanged(state, idOf(task), at);
    const eni = eniOf(task);
    if (eni) {
      eni.status = "DETACHING";
      setLastStatus(task, "DEPROVISIONING");
    }
    schedule(state, idOf(task), "stopped", at + (eni ? T.eniDetachMs : 0));
  },
  stopped: (state, task, at) => {
    const eni = eniOf(task);
    if (eni) eni.status = "DELETED";
    task.stoppedAt = epochSeconds(at);
    releaseFargate(state, task);
    setLastStatus(task, "STOPPED");
    const provider = peek(state.containerInstances, peek(state.taskNotes, idOf(task))?.instanceId ?? "")?.instance.capacityProviderName;
    release(state, idOf(task));
    // Its instance has room again, maybe none in use: managed scaling looks at its group (managed-scaling.ts).
    if (provider) scheduleCapacityCheck(state, provider, at);
    schedule(state, idOf(task), "expired", at + T.stoppedRetentionMs);
  },
  // Its service has already let go of it (scheduler.ts keeps only tasks that have not settled as STOPPED).
  expired: (state, task) => {
    const taskId = idOf(task);
    delete state.tasks[taskId];
    delete state.taskNotes[taskId];
  },
};

/** The indexes of the task's containers in the order they start (firelens.ts, startOrder); written order without a definition. */
function containerOrder(task: WireTask, definition: WireTaskDefinition | undefined): number[] {
  const count = task.containers?.length ?? 0;
  const order = definition && definition.containerDefinitions?.length === count ? startOrder(definition) : [];
  return order.length === count ? order : Array.from({ length: count }, (_, i) => i);
}

/** Exits, OOM kills and health changes the container's workload will cause, as timers. */
function scheduleWorkload(state: SandboxState, task: WireTask, definition: WireTaskDefinition, index: number, workload: Workload, at: number): void {
  const container = task.containers![index];
  const containerDefinition = definition.containerDefinitions![index];
  // A container's own limit, else the task's memory, which caps all its containers (always set on Fargate).
  const hardLimit = container.memory ?? task.memory;
  const oomAt = oomAfterMs(workload, hardLimit === undefined ? undefined : Number(hardLimit));
  const taskId = idOf(task);
  const exitAt = workload.exitAfterMs;
  if (oomAt !== undefined && (exitAt === undefined || oomAt <= exitAt)) {
    schedule(state, taskId, "container-exited", at + oomAt, { container: index, value: OOM_EXIT_CODE });
  } else if (exitAt !== undefined) {
    schedule(state, taskId, "container-exited", at + exitAt, { container: index, value: workload.exitCode ?? 0 });
  }
  if (containerDefinition.healthCheck) {
    for (const change of healthTimeline(containerDefinition.healthCheck, workload.healthyAfterMs)) {
      schedule(state, taskId, "health-changed", at + change.afterMs, { container: index, value: change.status });
    }
  }
}

/** Bridge and host tasks on EC2 show their host ports once running; dynamic ones come from the ephemeral range. */
/**
 * [AWS-doc] task_definition_parameters (portMappings): a bridge-mode mapping without a host port gets one from the
 * instance's ephemeral range, 49153–65535 on Linux by default — one no other task on the instance holds. Each
 * dynamic port joins the task's reservation, so placement sees it taken and the task's stop gives it back.
 */
const DYNAMIC_PORTS = { first: 49153, last: 65535 } as const;

function bindPorts(state: SandboxState, task: WireTask, definition: WireTaskDefinition | undefined): void {
  const mode = definition?.networkMode ?? "bridge";
  if (!definition || task.launchType !== "EC2" || mode === "awsvpc" || mode === "none") return;
  const note = state.taskNotes[idOf(task)];
  const instance = note?.instanceId === undefined ? undefined : state.containerInstances[note.instanceId];
  const taken = new Set(instance?.used.ports ?? []);
  const span = DYNAMIC_PORTS.last - DYNAMIC_PORTS.first + 1;
  // Where the search starts is spread by the task id (deterministic), then the next free port.
  let next = parseInt(hashHex(`ports|${idOf(task)}`, 4), 16) % span;
  const dynamicPort = () => {
    for (let tries = 0; tries < span; tries++, next = (next + 1) % span) {
      const port = DYNAMIC_PORTS.first + next;
      if (taken.has(port)) continue;
      taken.add(port);
      note?.reservation?.ports.push(port);
      instance?.used.ports.push(port);
      next = (next + 1) % span;
      return port;
    }
    return DYNAMIC_PORTS.first; // [inferred] unreachable: an instance holds far fewer tasks than the range has ports
  };
  (task.containers ?? []).forEach((container, index) => {
    const mappings = definition.containerDefinitions![index].portMappings ?? [];
    container.networkBindings = mappings.map((m) => ({
      bindIP: "0.0.0.0",
      containerPort: m.containerPort,
      hostPort: mode === "host" ? (m.hostPort ?? m.containerPort) : m.hostPort || dynamicPort(),
      protocol: m.protocol ?? "tcp",
    }));
  });
}

function idOf(task: WireTask): string {
  return taskIdOf(task.taskArn!);
}

/** Fargate runtime ids are `<taskId>-<10 digits>`. */
function runtimeSuffix(taskId: string, index: number): string {
  return String(parseInt(hashHex(`runtime|${taskId}|${index}`, 8), 16) % 10_000_000_000).padStart(10, "0");
}

/** A just-created task begins its walk to RUNNING: through its ENI when it has one. */
export function startTask(state: SandboxState, taskId: string, atMs: number): void {
  const task = state.tasks[taskId];
  if (eniOf(task)) schedule(state, taskId, "eni-attaching", atMs + T.eniAttachStartMs);
  else schedule(state, taskId, "pull-started", atMs + T.pullStartMs);
}

/** After desiredStatus became STOPPED: the remaining start steps are dropped and the stop walk begins. */
export function beginStop(state: SandboxState, taskId: string, atMs: number): void {
  const task = state.tasks[taskId];
  cancelTimers(state, taskId);
  const live = task.lastStatus === "RUNNING" || task.lastStatus === "ACTIVATING";
  if (live && registeredWithLoadBalancer(state, taskId)) {
    // DEACTIVATING while its targets drain (the deregistration delay), then the stop signal (ecs-behavior.md §4.1).
    const drainMs = releaseTargets(state, taskId, atMs);
    setLastStatus(task, "DEACTIVATING");
    schedule(state, taskId, "stopping", atMs + Math.max(drainMs, T.stopSignalMs));
    return;
  }
  const step: TimerStep = live ? "stopping" : "containers-stopped";
  schedule(state, taskId, step, atMs + T.stopSignalMs);
}

/** Stops a task for a reason of ECS's own (scheduler, deregistration, user). A task already stopping is left alone. */
export function stopTaskAs(state: SandboxState, taskId: string, stopCode: string, reason: string, atMs: number): void {
  const task = state.tasks[taskId];
  if (!task || task.desiredStatus === "STOPPED") return;
  task.desiredStatus = "STOPPED";
  task.stopCode = stopCode as WireTask["stopCode"];
  task.stoppedReason = reason;
  task.stoppingAt = epochSeconds(atMs);
  task.version = (task.version ?? 0) + 1;
  const serviceKey = peek(state.taskNotes, taskId)?.serviceKey;
  if (serviceKey !== undefined) touchService(state, serviceKey);
  beginStop(state, taskId, atMs);
}

/**
 * Fargate Spot takes the capacity back with a two-minute warning: the task is told at once (desiredStatus STOPPED,
 * stopCode TerminationNotice, still RUNNING: the EventBridge example, [AWS-doc]) and its containers get SIGTERM with
 * the warning ([AWS-doc] knowledge-center/fargate-spot-termination-notice). Each has its stopTimeout (at most 120 s on
 * Fargate, so never past the reclaim) to exit before SIGKILL; the task then stops as any other, SpotInterruption once
 * its containers are gone ([observed]), "Your Spot Task was interrupted." throughout. Its service starts a replacement
 * at the warning (it no longer wants the task).
 */
export const SPOT_INTERRUPTION = { reason: "Your Spot Task was interrupted.", warningMs: 120_000 } as const;

export function interruptSpotTask(state: SandboxState, taskId: string, atMs: number): void {
  const task = state.tasks[taskId];
  if (!task || task.desiredStatus === "STOPPED" || task.lastStatus !== "RUNNING") return;
  task.desiredStatus = "STOPPED";
  task.stopCode = "TerminationNotice";
  task.stoppedReason = SPOT_INTERRUPTION.reason;
  task.stoppingAt = epochSeconds(atMs);
  task.version = (task.version ?? 0) + 1;
  cancelTimers(state, taskId);
  // [inferred] Its targets start draining at the warning too: AWS asks for a deregistration delay under two minutes
  // on FARGATE_SPOT target groups, so that the drain ends before the reclaim. SIGTERM does not wait for the drain.
  releaseTargets(state, taskId, atMs);
  schedule(state, taskId, "stopping", atMs + T.stopSignalMs);
}

/** The task cannot start (secrets, logs, registry auth): it never reaches RUNNING. */
function failToStart(state: SandboxState, task: WireTask, reason: string, atMs: number): void {
  task.desiredStatus = "STOPPED";
  task.stopCode = "TaskFailedToStart";
  task.stoppedReason = reason;
  task.stoppingAt = epochSeconds(atMs);
  cancelTimers(state, idOf(task));
  schedule(state, idOf(task), "containers-stopped", atMs);
}

/**
 * Forgets the `count` tasks that stopped longest ago now rather than an hour after they stopped (a full sandbox
 * makes room this way, sandbox-bounds.ts). Returns how many there were.
 */
export function expireOldestStopped(state: SandboxState, count: number): number {
  const timers = takeEarliest(state, "expired", count);
  for (const timer of timers) {
    const task = state.tasks[timer.id];
    if (task) STEPS.expired(state, task, timer.atMs, timer, NEW_ACCOUNT);
  }
  return timers.length;
}

/** Whether the step is one of a task's (its timer's id is the task's). */
export const isTaskStep = (step: TimerStep) => !(OTHER_STEPS as readonly string[]).includes(step);

/** Applies one due timer (service timers are the scheduler's, see simulation.ts). */
export function applyTaskTimer(state: SandboxState, timer: Timer, account: Account): void {
  if (!isTaskStep(timer.step)) return;
  const task = state.tasks[timer.id];
  if (task) STEPS[timer.step as keyof typeof STEPS](state, task, timer.atMs, timer, account);
}
