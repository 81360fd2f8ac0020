import type { Service, Task } from "@aws-sdk/client-ecs";

/**
 * An ECS shape as the SDK hands it over or as AWS JSON carries it: the same members, timestamps as Date or as epoch
 * seconds. The console reads the embedded engine's JSON directly (lib/sandbox/console.ts), other callers the SDK's.
 */
export type EcsShape<T> = T extends Date ? Date | number : T extends (infer E)[] ? EcsShape<E>[] : T extends object ? { [K in keyof T]: EcsShape<T[K]> } : T;

function epochMs(at: Date | number | undefined): number | undefined {
  return at instanceof Date ? at.getTime() : typeof at === "number" ? Math.round(at * 1000) : undefined;
}

/** What the lesson page shows of a task: its state, why it stopped, and when each lifecycle step happened. */
export interface TaskView {
  taskArn: string;
  taskDefinitionArn: string;
  lastStatus: string;
  desiredStatus: string;
  /** `service:<name>` for a service's task, `family:<name>` for one started on its own. */
  group?: string;
  stopCode?: string;
  stoppedReason?: string;
  timeline: { status: string; at: number }[];
  containers: { name: string; lastStatus: string; exitCode?: number; reason?: string }[];
}

const STEPS: [status: string, field: "createdAt" | "pullStartedAt" | "startedAt" | "stoppingAt" | "stoppedAt"][] = [
  ["PROVISIONING", "createdAt"],
  ["PENDING", "pullStartedAt"],
  ["RUNNING", "startedAt"],
  ["STOPPING", "stoppingAt"],
  ["STOPPED", "stoppedAt"],
];

export function taskView(task: EcsShape<Task>): TaskView {
  return {
    taskArn: task.taskArn ?? "",
    taskDefinitionArn: task.taskDefinitionArn ?? "",
    lastStatus: task.lastStatus ?? "",
    desiredStatus: task.desiredStatus ?? "",
    group: task.group,
    stopCode: task.stopCode,
    stoppedReason: task.stoppedReason,
    timeline: STEPS.flatMap(([status, field]) => {
      const at = epochMs(task[field]);
      return at === undefined ? [] : [{ status, at }];
    }),
    containers: (task.containers ?? []).map((c) => ({
      name: c.name ?? "",
      lastStatus: c.lastStatus ?? "",
      exitCode: c.exitCode,
      reason: c.reason,
    })),
  };
}

/** What the sandbox console shows of a service: counts, deployments and the latest events. */
export interface ServiceView {
  serviceName: string;
  status: string;
  desiredCount: number;
  runningCount: number;
  pendingCount: number;
  taskDefinition: string;
  deployments: {
    id: string;
    status: string;
    taskDefinition: string;
    desiredCount: number;
    runningCount: number;
    rolloutState?: string;
    rolloutStateReason?: string;
  }[];
  events: { id: string; at: number; message: string }[];
}

const EVENTS_SHOWN = 20;

export function serviceView(service: EcsShape<Service>): ServiceView {
  return {
    serviceName: service.serviceName ?? "",
    status: service.status ?? "",
    desiredCount: service.desiredCount ?? 0,
    runningCount: service.runningCount ?? 0,
    pendingCount: service.pendingCount ?? 0,
    taskDefinition: shortTaskDefinition(service.taskDefinition),
    deployments: (service.deployments ?? []).map((d) => ({
      id: d.id ?? "",
      status: d.status ?? "",
      taskDefinition: shortTaskDefinition(d.taskDefinition),
      desiredCount: d.desiredCount ?? 0,
      runningCount: d.runningCount ?? 0,
      rolloutState: d.rolloutState,
      rolloutStateReason: d.rolloutStateReason,
    })),
    events: (service.events ?? []).slice(0, EVENTS_SHOWN).map((e) => ({
      id: e.id ?? "",
      at: epochMs(e.createdAt) ?? 0,
      message: e.message ?? "",
    })),
  };
}

/** "arn:aws:ecs:…:task-definition/orders-api:3" → "orders-api:3". */
export function shortTaskDefinition(arn: string | undefined): string {
  return arn?.split("/").pop() ?? "";
}
