/**
 * The sandbox console's snapshot: clusters, and for the chosen one its services and tasks, read with the ECS
 * operations a learner would call. On the embedded backend they run straight on the engine, at one simulated instant
 * (consoleReader in app/_server/sandbox.ts: one store read instead of six signed calls, measured in npm run bench --
 * load); on any other backend through the learner's own SDK client, so it shows the same everywhere.
 */
import {
  DescribeCapacityProvidersCommand,
  DescribeClustersCommand,
  DescribeServicesCommand,
  DescribeTasksCommand,
  ECSServiceException,
  ListClustersCommand,
  ListServicesCommand,
  ListTasksCommand,
  type DescribeCapacityProvidersCommandOutput,
  type DescribeClustersCommandOutput,
  type DescribeServicesCommandOutput,
  type DescribeTasksCommandOutput,
  type ECSClient,
  type ListClustersCommandOutput,
  type ListServicesCommandOutput,
  type ListTasksCommandOutput,
} from "@aws-sdk/client-ecs";
import { EcsError } from "@/lib/sandbox/engine";
import { serviceView, taskView, type EcsShape, type ServiceView, type TaskView } from "@/lib/sandbox-view";
import { capacityViews } from "./console-capacity";
import { trafficSnapshot, type ServiceRead, type TrafficView } from "./console-traffic";
import { MINUTE_MS, type TrafficService } from "./console-series";
import type { EngineReader } from "./gateway";

// DescribeServices/DescribeTasks take at most 10/100 ids per call; the console shows a workshop-sized sandbox.
const SERVICES_PER_CALL = 10;
const TASKS_PER_CALL = 100;

interface ConsoleOperations {
  ListClusters: [Record<string, never>, ListClustersCommandOutput];
  DescribeClusters: [{ clusters: string[] }, DescribeClustersCommandOutput];
  DescribeCapacityProviders: [{ capacityProviders: string[] }, DescribeCapacityProvidersCommandOutput];
  ListServices: [{ cluster: string }, ListServicesCommandOutput];
  DescribeServices: [{ cluster: string; services: string[] }, DescribeServicesCommandOutput];
  ListTasks: [{ cluster: string; desiredStatus: "RUNNING" | "STOPPED" }, ListTasksCommandOutput];
  DescribeTasks: [{ cluster: string; tasks: string[] }, DescribeTasksCommandOutput];
}

/**
 * Runs one read-only ECS operation; throws the backend's ECS error (an ECSServiceException or an EcsError).
 * `answersFrom`, when the reader has one, is the object its answers are derived from: two readers with the same one
 * answer alike, so a snapshot is built once per such object (the embedded engine's moved state).
 */
export type ConsoleReader = (<Op extends keyof ConsoleOperations>(
  operation: Op,
  input: ConsoleOperations[Op][0],
) => Promise<EcsShape<ConsoleOperations[Op][1]>>) & {
  readonly answersFrom?: object;
  /** Load balancers, scaling and metrics (console-traffic.ts), where the reader can answer them, at `nowMs`. */
  readonly traffic?: { read: ServiceRead; nowMs: number };
};

export type ConsoleSnapshot = Awaited<ReturnType<typeof buildSnapshot>>;

const COMMANDS = {
  ListClusters: ListClustersCommand,
  DescribeClusters: DescribeClustersCommand,
  DescribeCapacityProviders: DescribeCapacityProvidersCommand,
  ListServices: ListServicesCommand,
  DescribeServices: DescribeServicesCommand,
  ListTasks: ListTasksCommand,
  DescribeTasks: DescribeTasksCommand,
};

/** The console's reads through an SDK client. */
export function sdkReader(ecs: ECSClient): ConsoleReader {
  return (operation, input) => {
    const Command = COMMANDS[operation] as unknown as new (input: unknown) => Parameters<ECSClient["send"]>[0];
    return ecs.send(new Command(input)) as never;
  };
}

/**
 * The console's reads straight from the embedded engine: ECS, and load balancers, scaling and metrics, all on the one
 * moved state at one instant.
 */
export function engineConsoleReader(engine: EngineReader): ConsoleReader {
  const read = async (service: TrafficService, operation: string, input: object) => engine.service(service, operation, input) as Record<string, unknown>;
  return Object.assign(async (operation: string, input: unknown) => engine(operation, input) as never, {
    answersFrom: engine.state,
    traffic: { read, nowMs: engine.simNow },
  }) as ConsoleReader;
}

/**
 * Snapshots already built, per reader source, chosen cluster and sandbox minute (the charts end with the last complete
 * minute): a console polled every 2 s mostly finds nothing new.
 */
const SNAPSHOTS_PER_STATE = 4;
const built = new WeakMap<object, Map<string | null, ConsoleSnapshot>>();

export async function consoleSnapshot(read: ConsoleReader, wanted: string | null): Promise<ConsoleSnapshot> {
  if (!read.answersFrom) return buildSnapshot(read, wanted);
  let byCluster = built.get(read.answersFrom);
  // A few clusters per moment at most: a console asking for ever new names rebuilds instead of growing this.
  if (!byCluster || byCluster.size >= SNAPSHOTS_PER_STATE) built.set(read.answersFrom, (byCluster = new Map()));
  const key = read.traffic ? `${wanted ?? ""}|${Math.floor(read.traffic.nowMs / MINUTE_MS)}` : wanted;
  let snapshot = byCluster.get(key);
  // Frozen: every poll of this moment shares it.
  if (!snapshot) byCluster.set(key, (snapshot = Object.freeze(await buildSnapshot(read, wanted))));
  return snapshot;
}

async function buildSnapshot(read: ConsoleReader, wanted: string | null) {
  const arns = (await read("ListClusters", {})).clusterArns ?? [];
  const clusters = arns.length ? ((await read("DescribeClusters", { clusters: arns })).clusters ?? []) : [];
  const cluster = clusters.find((c) => c.clusterName === wanted) ?? clusters[0];
  const [services, tasks] = cluster?.clusterName
    ? await Promise.all([servicesOf(read, cluster.clusterName), tasksOf(read, cluster.clusterName)])
    : [[], []];
  const traffic = read.traffic ? await trafficOf(read.traffic, cluster?.clusterName ?? null, services, tasks) : null;
  const capacity = cluster
    ? await capacityViews(cluster, async (names) => (await read("DescribeCapacityProviders", { capacityProviders: names })).capacityProviders ?? [], read.traffic?.read)
    : [];
  return {
    clusters: clusters.map((c) => ({
      clusterName: c.clusterName,
      status: c.status,
      runningTasksCount: c.runningTasksCount,
      pendingTasksCount: c.pendingTasksCount,
      activeServicesCount: c.activeServicesCount,
    })),
    cluster: cluster?.clusterName ?? null,
    services,
    tasks,
    traffic,
    capacity,
  };
}

/** The traffic part, or null where the backend does not answer those services (the ECS part still shows). */
async function trafficOf(traffic: { read: ServiceRead; nowMs: number }, cluster: string | null, services: ServiceView[], tasks: TaskView[]): Promise<TrafficView | null> {
  try {
    return await trafficSnapshot(traffic.read, { nowMs: traffic.nowMs, cluster, services, tasks });
  } catch (err) {
    if (err instanceof EcsError) return null;
    throw err;
  }
}

export async function servicesOf(read: ConsoleReader, cluster: string): Promise<ServiceView[]> {
  try {
    const arns = (await read("ListServices", { cluster })).serviceArns ?? [];
    const views: ServiceView[] = [];
    for (let i = 0; i < arns.length; i += SERVICES_PER_CALL) {
      const out = await read("DescribeServices", { cluster, services: arns.slice(i, i + SERVICES_PER_CALL) });
      views.push(...(out.services ?? []).map(serviceView));
    }
    return views;
  } catch (err) {
    // A backend without services (or a peer endpoint that lacks them) still shows its tasks.
    if (err instanceof ECSServiceException || err instanceof EcsError) return [];
    throw err;
  }
}

export async function tasksOf(read: ConsoleReader, cluster: string): Promise<TaskView[]> {
  const [running, stopped] = await Promise.all(
    (["RUNNING", "STOPPED"] as const).map(async (desiredStatus) => (await read("ListTasks", { cluster, desiredStatus })).taskArns ?? []),
  );
  const arns = [...running, ...stopped].slice(0, TASKS_PER_CALL);
  if (!arns.length) return [];
  const out = await read("DescribeTasks", { cluster, tasks: arns });
  return (out.tasks ?? []).map(taskView);
}
