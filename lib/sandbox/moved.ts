/**
 * What a fast-forward moved: the sandbox before and after, read the way the console reads it, and the difference a
 * learner wants to see — which tasks changed state (and the states they passed on the way), which services reported
 * something new.
 */
import { shortTaskDefinition, TASK_STATES, type ServiceView, type TaskState, type TaskView } from "@/lib/sandbox-view";
import { servicesOf, tasksOf, type ConsoleReader } from "./console";

/** Every cluster's services and tasks at one moment. */
export interface SandboxOverview {
  clusters: { cluster: string; services: ServiceView[]; tasks: TaskView[] }[];
}

export async function sandboxOverview(read: ConsoleReader): Promise<SandboxOverview> {
  const arns = (await read("ListClusters", {})).clusterArns ?? [];
  const names = arns.map((arn) => arn.split("/").pop() ?? arn);
  return {
    clusters: await Promise.all(names.map(async (cluster) => ({ cluster, services: await servicesOf(read, cluster), tasks: await tasksOf(read, cluster) }))),
  };
}

export interface TaskMove {
  taskArn: string;
  cluster: string;
  /** "orders-api:3". */
  taskDefinition: string;
  /** Null: the task did not exist before (a service started it). */
  from: string | null;
  to: string;
  /** States it entered and left again in between, in order. */
  passed: string[];
}

export interface ServiceNews {
  cluster: string;
  serviceName: string;
  /** The service events that are new, oldest first (at most MAX_EVENTS). */
  events: string[];
}

export interface Moved {
  tasks: TaskMove[];
  services: ServiceNews[];
}

const MAX_EVENTS = 3;
const stateIndex = (status: string) => TASK_STATES.indexOf(status as TaskState);

export function whatMoved(before: SandboxOverview, after: SandboxOverview): Moved {
  const earlier = new Map(before.clusters.flatMap((c) => c.tasks.map((t) => [t.taskArn, t] as const)));
  const earlierEvents = new Map(before.clusters.flatMap((c) => c.services.map((s) => [`${c.cluster}/${s.serviceName}`, new Set(s.events.map((e) => e.id))] as const)));
  const tasks: TaskMove[] = [];
  const services: ServiceNews[] = [];
  for (const { cluster, tasks: now, services: serviceViews } of after.clusters) {
    for (const task of now) {
      const from = earlier.get(task.taskArn)?.lastStatus ?? null;
      if (from === task.lastStatus) continue;
      const low = from === null ? -1 : stateIndex(from);
      const high = stateIndex(task.lastStatus);
      const passed = task.timeline.map((step) => step.status).filter((status) => stateIndex(status) > low && stateIndex(status) < high);
      tasks.push({ taskArn: task.taskArn, cluster, taskDefinition: shortTaskDefinition(task.taskDefinitionArn), from, to: task.lastStatus, passed });
    }
    for (const service of serviceViews) {
      const seen = earlierEvents.get(`${cluster}/${service.serviceName}`) ?? new Set<string>();
      // Events come newest first.
      const fresh = service.events.filter((e) => !seen.has(e.id)).slice(0, MAX_EVENTS).reverse();
      if (fresh.length) services.push({ cluster, serviceName: service.serviceName, events: fresh.map((e) => e.message) });
    }
  }
  return { tasks, services };
}
