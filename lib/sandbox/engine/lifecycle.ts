import type { Attachment } from "@aws-sdk/client-ecs";
import { taskIdOf } from "./arns";
import { hashHex } from "./ids";
import { detailOf, newEniDetails } from "./network";
import type { SandboxState, TaskStep, WireTask } from "./state";
import { epochSeconds, type Wire } from "./wire";

/**
 * How long each step of a Fargate task takes on the simulated clock. Real Fargate needs 30–60 s to start
 * a small task; the sandbox keeps the same order of events in about 25 s. The stop side follows the 2026
 * observation in ecs-behavior.md §4.1 (STOPPING → DEPROVISIONING ≈ 12 s → STOPPED ≈ 16 s).
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
  /** StopTask → the agent acts on it (lastStatus leaves RUNNING/PENDING). */
  stopSignalMs: 1_000,
  /** STOPPING → containers exited, task DEPROVISIONING. */
  containerStopMs: 12_000,
  /** DEPROVISIONING → STOPPED (ENI detached and deleted). */
  eniDetachMs: 16_000,
  /** STOPPED tasks stay describable this long ("at least 1 hour"), then vanish. */
  stoppedRetentionMs: 3_600_000,
} as const;

/** What a container that handles SIGTERM and exits reports (128 + 15). */
export const SIGTERM_EXIT_CODE = 143;

const T = FARGATE_TIMING;

export function schedule(state: SandboxState, taskId: string, step: TaskStep, atMs: number): void {
  let i = state.timers.length;
  while (i > 0 && state.timers[i - 1].atMs > atMs) i--;
  state.timers.splice(i, 0, { atMs, taskId, step });
}

function cancelTimers(state: SandboxState, taskId: string): void {
  state.timers = state.timers.filter((t) => t.taskId !== taskId);
}

function eniOf(task: WireTask): Wire<Attachment> | undefined {
  return task.attachments?.find((a) => a.type === "ElasticNetworkInterface");
}

/** ECS bumps a task's version on every state change it reports. */
function setLastStatus(task: WireTask, status: string): void {
  task.lastStatus = status;
  task.version = (task.version ?? 0) + 1;
}

type Step = (state: SandboxState, task: WireTask, atMs: number) => void;

const STEPS: Record<TaskStep, Step> = {
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
  "pull-started": (state, task, at) => {
    task.pullStartedAt = epochSeconds(at);
    schedule(state, idOf(task), "pull-stopped", at + T.pullMs);
  },
  "pull-stopped": (state, task, at) => {
    task.pullStoppedAt = epochSeconds(at);
    for (const container of task.containers ?? []) container.imageDigest = `sha256:${hashHex(`image|${container.image}`, 64)}`;
    schedule(state, idOf(task), "containers-running", at + T.containerStartMs);
  },
  "containers-running": (_state, task, at) => {
    (task.containers ?? []).forEach((container, index) => {
      container.lastStatus = "RUNNING";
      container.runtimeId = `${idOf(task)}-${runtimeSuffix(idOf(task), index)}`;
    });
    task.startedAt = epochSeconds(at);
    setLastStatus(task, "RUNNING");
  },
  stopping: (state, task, at) => {
    setLastStatus(task, "STOPPING");
    schedule(state, idOf(task), "containers-stopped", at + T.containerStopMs);
  },
  "containers-stopped": (state, task, at) => {
    for (const container of task.containers ?? []) {
      if (container.lastStatus === "RUNNING") container.exitCode = SIGTERM_EXIT_CODE;
      container.lastStatus = "STOPPED";
    }
    task.executionStoppedAt = epochSeconds(at);
    const eni = eniOf(task);
    if (eni) eni.status = "DETACHING";
    setLastStatus(task, "DEPROVISIONING");
    schedule(state, idOf(task), "stopped", at + T.eniDetachMs);
  },
  stopped: (state, task, at) => {
    const eni = eniOf(task);
    if (eni) eni.status = "DELETED";
    task.stoppedAt = epochSeconds(at);
    setLastStatus(task, "STOPPED");
    schedule(state, idOf(task), "expired", at + T.stoppedRetentionMs);
  },
  expired: (state, task) => {
    delete state.tasks[idOf(task)];
  },
};

function idOf(task: WireTask): string {
  return taskIdOf(task.taskArn!);
}

/** Fargate runtime ids are `<taskId>-<10 digits>`. */
function runtimeSuffix(taskId: string, index: number): string {
  return String(parseInt(hashHex(`runtime|${taskId}|${index}`, 8), 16) % 10_000_000_000).padStart(10, "0");
}

/** A just-created Fargate task begins its walk to RUNNING. */
export function startTask(state: SandboxState, taskId: string, atMs: number): void {
  schedule(state, taskId, "eni-attaching", atMs + T.eniAttachStartMs);
}

/** After desiredStatus became STOPPED: the remaining start steps are dropped and the stop walk begins. */
export function beginStop(state: SandboxState, taskId: string, atMs: number): void {
  const task = state.tasks[taskId];
  cancelTimers(state, taskId);
  const step: TaskStep = task.lastStatus === "RUNNING" ? "stopping" : "containers-stopped";
  schedule(state, taskId, step, atMs + T.stopSignalMs);
}

/** Applies every lifecycle step due up to clockMs, in time order; never moves the clock backwards. */
export function runUntil(state: SandboxState, clockMs: number): void {
  while (state.timers.length > 0 && state.timers[0].atMs <= clockMs) {
    const timer = state.timers.shift()!;
    const task = state.tasks[timer.taskId];
    if (task) STEPS[timer.step](state, task, timer.atMs);
  }
  state.clock.simMs = Math.max(state.clock.simMs, clockMs);
}
