import type { Service, Task } from "@aws-sdk/client-ecs";

/** What the lesson page shows of a task: its state, why it stopped, and when each lifecycle step happened. */
export interface TaskView {
  taskArn: string;
  taskDefinitionArn: string;
  lastStatus: string;
  desiredStatus: string;
  stopCode?: string;
  stoppedReason?: string;
  timeline: { status: string; at: number }[];
  containers: { name: string; lastStatus: string; exitCode?: number; reason?: string }[];
}

const STEPS: [status: string, field: keyof Task][] = [
  ["PROVISIONING", "createdAt"],
  ["PENDING", "pullStartedAt"],
  ["RUNNING", "startedAt"],
  ["STOPPING", "stoppingAt"],
  ["STOPPED", "stoppedAt"],
];

export function taskView(task: Task): TaskView {
  return {
    taskArn: task.taskArn ?? "",
    taskDefinitionArn: task.taskDefinitionArn ?? "",
    lastStatus: task.lastStatus ?? "",
    desiredStatus: task.desiredStatus ?? "",
    stopCode: task.stopCode,
    stoppedReason: task.stoppedReason,
    timeline: STEPS.flatMap(([status, field]) => {
      const at = task[field];
      return at instanceof Date ? [{ status, at: at.getTime() }] : [];
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

export function serviceView(service: Service): ServiceView {
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
      at: e.createdAt instanceof Date ? e.createdAt.getTime() : 0,
      message: e.message ?? "",
    })),
  };
}

/** "arn:aws:ecs:…:task-definition/orders-api:3" → "orders-api:3". */
export function shortTaskDefinition(arn: string | undefined): string {
  return arn?.split("/").pop() ?? "";
}
