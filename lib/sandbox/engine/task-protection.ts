/**
 * Task scale-in protection (UpdateTaskProtection, GetTaskProtection): a service task protected by it is left running
 * by scale-in — a lower desiredCount, from Service Auto Scaling or by hand — and by deployments, which wait for the
 * protection to end before they stop it (scheduler.ts, traffic-shift.ts). [AWS-doc]
 * AmazonECS/latest/developerguide/task-scale-in-protection.html and API_UpdateTaskProtection: 2 hours by default,
 * 1 to 2,880 minutes, reset by every call that enables it; service tasks only (a standalone task is TASK_NOT_VALID).
 * It does not stop a task that fails its health checks, crashes or is stopped with StopTask.
 */
import type { GetTaskProtectionResponse, UpdateTaskProtectionResponse } from "@aws-sdk/client-ecs";
import { taskArn, taskIdOf } from "./arns";
import { requireCluster } from "./clusters";
import { invalidParameter } from "./errors";
import { optBoolean, optInteger, optString, optStringList, type Input } from "./input";
import type { Operation } from "./operation";
import type { SandboxState, WireCluster, WireTask } from "./state";
import { peek } from "./transition";
import { findTask } from "./tasks";
import { epochSeconds, type Wire } from "./wire";

/** [AWS-doc] task-scale-in-protection.html: "protected for 2 hours by default … a minimum of 1 minute and up to 2880". */
export const PROTECTION_MINUTES = { default: 120, min: 1, max: 2_880 } as const;
/** [inferred] as many tasks per call as DescribeTasks takes. */
const TASKS_PER_CALL = 100;

/** Until when scale-in and deployments must leave the task running, if they must at `atMs` (read without a draft). */
export function protectedUntil(state: SandboxState, taskId: string, atMs: number): number | undefined {
  const until = peek(state.taskNotes, taskId)?.protectedUntilMs;
  return until !== undefined && until > atMs ? until : undefined;
}

function present(state: SandboxState, task: WireTask, atMs: number) {
  const taskId = taskIdOf(task.taskArn!);
  const until = state.taskNotes[taskId]?.protectedUntilMs;
  const on = until !== undefined && until > atMs && task.desiredStatus === "RUNNING";
  return { taskArn: task.taskArn, protectionEnabled: on, ...(on ? { expirationDate: epochSeconds(until) } : {}) };
}

/** The tasks a call names: found ones, and a failure for each other (MISSING; TASK_NOT_VALID for a standalone task). */
function resolve(state: SandboxState, cluster: WireCluster, refs: string[]) {
  const found: WireTask[] = [];
  const failures: { arn: string; reason: string; detail?: string }[] = [];
  for (const ref of refs) {
    const task = findTask(state, cluster, ref);
    const arn = ref.startsWith("arn:") ? ref : taskArn(state, cluster.clusterName!, ref);
    if (!task || task.lastStatus === "STOPPED") failures.push({ arn, reason: "MISSING" });
    else if (!task.group?.startsWith("service:")) failures.push({ arn, reason: "TASK_NOT_VALID", detail: "The task is not part of a service." });
    else found.push(task);
  }
  return { found, failures };
}

function readTasks(input: Input, required: boolean): string[] | undefined {
  const refs = optStringList(input, "tasks");
  if (refs === undefined && !required) return undefined;
  if (!refs || refs.length === 0) throw invalidParameter("Tasks cannot be empty.");
  if (refs.length > TASKS_PER_CALL) throw invalidParameter(`A maximum of ${TASKS_PER_CALL} tasks can be specified at once.`);
  return refs;
}

function updateTaskProtection(state: SandboxState, input: Input, clockMs: number): Wire<UpdateTaskProtectionResponse> {
  const cluster = requireCluster(state, optString(input, "cluster"));
  const refs = readTasks(input, true)!;
  const enabled = optBoolean(input, "protectionEnabled");
  if (enabled === undefined) throw invalidParameter("protectionEnabled must be specified.");
  const minutes = optInteger(input, "expiresInMinutes") ?? PROTECTION_MINUTES.default;
  if (minutes < PROTECTION_MINUTES.min || minutes > PROTECTION_MINUTES.max) {
    throw invalidParameter(`expiresInMinutes must be between ${PROTECTION_MINUTES.min} and ${PROTECTION_MINUTES.max}.`);
  }
  const { found, failures } = resolve(state, cluster, refs);
  for (const task of found) {
    const note = state.taskNotes[taskIdOf(task.taskArn!)];
    if (!note) continue;
    if (enabled) note.protectedUntilMs = clockMs + minutes * 60_000;
    else delete note.protectedUntilMs;
  }
  return { protectedTasks: found.map((task) => present(state, task, clockMs)), failures };
}

function getTaskProtection(state: SandboxState, input: Input, clockMs: number): Wire<GetTaskProtectionResponse> {
  const cluster = requireCluster(state, optString(input, "cluster"));
  const refs = readTasks(input, false);
  // Without `tasks`: the cluster's service tasks that are protected now [inferred: the model makes `tasks` optional].
  if (refs === undefined) {
    const tasks = Object.values(state.tasks).filter((t) => t.clusterArn === cluster.clusterArn && t.desiredStatus === "RUNNING" && protectedUntil(state, taskIdOf(t.taskArn!), clockMs) !== undefined);
    return { protectedTasks: tasks.map((task) => present(state, task, clockMs)), failures: [] };
  }
  const { found, failures } = resolve(state, cluster, refs);
  return { protectedTasks: found.map((task) => present(state, task, clockMs)), failures };
}

export const taskProtectionOperations: Record<string, Operation> = {
  UpdateTaskProtection: { readOnly: false, run: updateTaskProtection },
  GetTaskProtection: { readOnly: true, run: getTaskProtection },
};
