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
  /** Who started it: a service's deployment id, `ecs-dojo/<lesson>` for the lesson page's Run (lib/course/actions.ts). */
  startedBy?: string;
  /** The task has its own network interface (awsvpc, so every Fargate task): it is provisioned and deprovisioned. */
  awsvpc: boolean;
  stopCode?: string;
  stoppedReason?: string;
  /** The lifecycle states the task has entered, in order, each at the simulated time ECS reports for it. */
  timeline: { status: string; at: number }[];
  /** The private IPv4 address of its network interface (awsvpc): an `ip` target group's target id. */
  address?: string;
  /** The host ports its containers are bound to (bridge/host): an `instance` target's port. */
  hostPorts?: number[];
  containers: { name: string; lastStatus: string; exitCode?: number; reason?: string }[];
}

/** Every state a task can pass through, in order (AWS task lifecycle). */
export const TASK_STATES = ["PROVISIONING", "PENDING", "ACTIVATING", "RUNNING", "DEACTIVATING", "STOPPING", "DEPROVISIONING", "STOPPED"] as const;
export type TaskState = (typeof TASK_STATES)[number];

type TimeField = "createdAt" | "connectivityAt" | "startedAt" | "stoppingAt" | "executionStoppedAt" | "stoppedAt";

/**
 * The Task timestamp that marks entering each state. An awsvpc task is created PROVISIONING and enters PENDING when its
 * network interface is attached (connectivityAt); a task without one is created PENDING. DEPROVISIONING begins when
 * its containers have stopped (executionStoppedAt). ACTIVATING and DEACTIVATING have no timestamp of their own.
 */
function stateTimes(awsvpc: boolean): [TaskState, TimeField][] {
  return awsvpc
    ? [["PROVISIONING", "createdAt"], ["PENDING", "connectivityAt"], ["RUNNING", "startedAt"], ["STOPPING", "stoppingAt"], ["DEPROVISIONING", "executionStoppedAt"], ["STOPPED", "stoppedAt"]]
    : [["PENDING", "createdAt"], ["RUNNING", "startedAt"], ["STOPPING", "stoppingAt"], ["STOPPED", "stoppedAt"]];
}

export function taskView(task: EcsShape<Task>): TaskView {
  const awsvpc = (task.attachments ?? []).some((a) => a.type === "ElasticNetworkInterface");
  const reached = TASK_STATES.indexOf((task.lastStatus ?? "") as TaskState);
  return {
    taskArn: task.taskArn ?? "",
    taskDefinitionArn: task.taskDefinitionArn ?? "",
    lastStatus: task.lastStatus ?? "",
    desiredStatus: task.desiredStatus ?? "",
    group: task.group,
    startedBy: task.startedBy,
    awsvpc,
    stopCode: task.stopCode,
    stoppedReason: task.stoppedReason,
    // A state counts once the task has reached it: stoppingAt is set by StopTask while the task is still RUNNING.
    timeline: stateTimes(awsvpc).flatMap(([status, field]) => {
      const at = epochMs(task[field]);
      return at === undefined || TASK_STATES.indexOf(status) > reached ? [] : [{ status, at }];
    }),
    ...addressOf(task),
    containers: (task.containers ?? []).map((c) => ({
      name: c.name ?? "",
      lastStatus: c.lastStatus ?? "",
      exitCode: c.exitCode,
      reason: c.reason,
    })),
  };
}

/** Where a load balancer reaches the task: its ENI's address, or its containers' host ports. */
function addressOf(task: EcsShape<Task>): Pick<TaskView, "address" | "hostPorts"> {
  const detail = (task.attachments ?? []).flatMap((a) => a.details ?? []).find((d) => d.name === "privateIPv4Address")?.value;
  const address = detail ?? task.containers?.flatMap((c) => c.networkInterfaces ?? []).find((n) => n.privateIpv4Address)?.privateIpv4Address;
  if (address) return { address };
  const hostPorts = (task.containers ?? []).flatMap((c) => c.networkBindings ?? []).flatMap((b) => (b.hostPort === undefined ? [] : [b.hostPort]));
  return hostPorts.length ? { hostPorts } : {};
}

/**
 * One row of the run panel's lifecycle: every state, whether this task passed it (`done`, with when), is in it now
 * (`current`), may still come (`next`), or does not apply to it (`skipped`, with why).
 */
export interface LifecycleStep {
  status: TaskState;
  phase: "done" | "current" | "next" | "skipped";
  at?: number;
  /** For a skipped state: "integrations" (no load balancer or service discovery), "network" (no awsvpc), "never-ran". */
  skipped?: "integrations" | "network" | "never-ran";
}

export function lifecycleOf(task: TaskView): LifecycleStep[] {
  const current = TASK_STATES.indexOf(task.lastStatus as TaskState);
  const at = new Map(task.timeline.map((step) => [step.status, step.at]));
  const neverRan = at.has("STOPPED") && !at.has("RUNNING");
  return TASK_STATES.map((status, index): LifecycleStep => {
    // The sandbox registers no targets and no service discovery, so its tasks never report these two (AWS shows them
    // only for such integrations); a task without its own network interface has nothing to provision.
    if (status === "ACTIVATING" || status === "DEACTIVATING") return { status, phase: "skipped", skipped: "integrations" };
    if (!task.awsvpc && (status === "PROVISIONING" || status === "DEPROVISIONING")) return { status, phase: "skipped", skipped: "network" };
    if (status === "RUNNING" && neverRan) return { status, phase: "skipped", skipped: "never-ran" };
    if (index === current) return { status, phase: "current", at: at.get(status) };
    if (index < current) return { status, phase: "done", at: at.get(status) };
    return { status, phase: "next" };
  });
}

/** What the sandbox console shows of a service: counts, deployments and the latest events. */
export interface ServiceView {
  serviceName: string;
  status: string;
  desiredCount: number;
  runningCount: number;
  pendingCount: number;
  taskDefinition: string;
  /** The target groups its load balancers name, the alternate ones (blue/green) included. */
  targetGroupArns: string[];
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
    targetGroupArns: [
      ...new Set(
        (service.loadBalancers ?? []).flatMap((lb) => [lb.targetGroupArn, lb.advancedConfiguration?.alternateTargetGroupArn].filter((arn): arn is string => typeof arn === "string")),
      ),
    ],
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
