/**
 * The sandbox console's snapshot: clusters, and for the chosen one its services and tasks, read through the
 * learner's own ECS client (so it shows the same on every backend).
 */
import {
  DescribeClustersCommand,
  DescribeServicesCommand,
  DescribeTasksCommand,
  ECSServiceException,
  ListClustersCommand,
  ListServicesCommand,
  ListTasksCommand,
  type ECSClient,
} from "@aws-sdk/client-ecs";
import { serviceView, taskView, type ServiceView, type TaskView } from "@/lib/sandbox-view";

// DescribeServices/DescribeTasks take at most 10/100 ids per call; the console shows a workshop-sized sandbox.
const SERVICES_PER_CALL = 10;
const TASKS_PER_CALL = 100;

export async function consoleSnapshot(ecs: ECSClient, wanted: string | null) {
  const arns = (await ecs.send(new ListClustersCommand({}))).clusterArns ?? [];
  const clusters = arns.length ? ((await ecs.send(new DescribeClustersCommand({ clusters: arns }))).clusters ?? []) : [];
  const cluster = clusters.find((c) => c.clusterName === wanted) ?? clusters[0];
  const [services, tasks] = cluster?.clusterName
    ? await Promise.all([servicesOf(ecs, cluster.clusterName), tasksOf(ecs, cluster.clusterName)])
    : [[], []];
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
  };
}

async function servicesOf(ecs: ECSClient, cluster: string): Promise<ServiceView[]> {
  try {
    const arns = (await ecs.send(new ListServicesCommand({ cluster }))).serviceArns ?? [];
    const views: ServiceView[] = [];
    for (let i = 0; i < arns.length; i += SERVICES_PER_CALL) {
      const out = await ecs.send(new DescribeServicesCommand({ cluster, services: arns.slice(i, i + SERVICES_PER_CALL) }));
      views.push(...(out.services ?? []).map(serviceView));
    }
    return views;
  } catch (err) {
    // A backend without services (or a peer endpoint that lacks them) still shows its tasks.
    if (err instanceof ECSServiceException) return [];
    throw err;
  }
}

async function tasksOf(ecs: ECSClient, cluster: string): Promise<TaskView[]> {
  const [running, stopped] = await Promise.all(
    (["RUNNING", "STOPPED"] as const).map(
      async (desiredStatus) => (await ecs.send(new ListTasksCommand({ cluster, desiredStatus }))).taskArns ?? [],
    ),
  );
  const arns = [...running, ...stopped].slice(0, TASKS_PER_CALL);
  if (!arns.length) return [];
  const out = await ecs.send(new DescribeTasksCommand({ cluster, tasks: arns }));
  return (out.tasks ?? []).map(taskView);
}
