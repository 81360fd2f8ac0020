import type {
  CapacityProviderStrategyItem,
  ClusterSetting,
  CreateClusterResponse,
  DeleteClusterResponse,
  DescribeClustersResponse,
  ListClustersResponse,
  PutClusterCapacityProvidersResponse,
  UpdateClusterSettingsResponse,
} from "@aws-sdk/client-ecs";
import { clusterArn, resourceOf } from "./arns";
import { isFargateStrategy } from "./capacity";
import { scheduleCapacityCheck } from "./managed-scaling";
import { clusterNotFound, EcsError, invalidParameter } from "./errors";
import { optObjectList, optString, optStringList, type Input } from "./input";
import type { Operation } from "./operation";
import { paginate } from "./pagination";
import { API_LIMITS, ECS_QUOTAS, QUOTA_ERRORS } from "./quotas";
import { countOf, forgetOldestInactive } from "./sandbox-bounds";
import type { ContainerInstanceRecord, SandboxState, ServiceRecord, WireCluster, WireTask } from "./state";
import { readTags } from "./tags";
import type { Wire } from "./wire";

export const DEFAULT_CLUSTER = "default";
const CLUSTER_NAME = /^[a-zA-Z0-9_-]{1,255}$/;
/** The only capacity providers that exist without creating one (every account has them). */
export const FARGATE_PROVIDERS = ["FARGATE", "FARGATE_SPOT"] as const;

export const NOT_ASSOCIATED_PROVIDER =
  "The specified capacity provider strategy cannot contain a capacity provider that is not associated with the cluster. Associate the capacity provider with the cluster or specify a valid capacity provider and try again.";

/** The cluster a request names (short name or ARN; omitted = `default`), or ClusterNotFoundException. */
export function requireCluster(state: SandboxState, ref: string | undefined): WireCluster {
  const name = resourceOf(state, ref || DEFAULT_CLUSTER, "cluster");
  const cluster = name === null ? undefined : state.clusters[name];
  if (!cluster || cluster.status !== "ACTIVE") throw clusterNotFound();
  return cluster;
}

/** Validates a capacity provider strategy against the providers associated with a cluster. */
export function readStrategy(input: Input, key: string, associated: string[]): CapacityProviderStrategyItem[] | undefined {
  const items = optObjectList(input, key);
  if (items === undefined) return undefined;
  if (items.length > API_LIMITS.capacityProvidersPerStrategy) throw QUOTA_ERRORS.capacityProvidersPerStrategy();
  return items.map((item) => {
    const capacityProvider = optString(item, "capacityProvider");
    if (!capacityProvider) throw invalidParameter("The capacity provider strategy contains an item without a capacityProvider.");
    if (!associated.includes(capacityProvider)) throw invalidParameter(NOT_ASSOCIATED_PROVIDER);
    const weight = item.weight ?? 0;
    const base = item.base ?? 0;
    if (typeof weight !== "number" || !Number.isInteger(weight) || weight < 0 || weight > 1000) {
      throw invalidParameter("The capacity provider strategy weight must be an integer between 0 and 1000.");
    }
    if (typeof base !== "number" || !Number.isInteger(base) || base < 0 || base > 100000) {
      throw invalidParameter("The capacity provider strategy base must be an integer between 0 and 100000.");
    }
    return { capacityProvider, weight, base };
  });
}

export function createCluster(state: SandboxState, input: Input, clockMs = state.clock.simMs): Wire<CreateClusterResponse> {
  const name = optString(input, "clusterName") || DEFAULT_CLUSTER;
  if (!CLUSTER_NAME.test(name)) throw invalidParameter(`Cluster must match ^[a-zA-Z0-9\\-_]{1,255}$, but was ${name}`);
  // CreateCluster is idempotent: an existing cluster of that name is returned as it is.
  const existing = state.clusters[name];
  if (existing?.status === "ACTIVE") return { cluster: presentCluster(state, existing, ["TAGS", "SETTINGS"]) };
  if (countOf(state.clusters, (c) => c.status === "ACTIVE") >= ECS_QUOTAS.clustersPerAccount) throw QUOTA_ERRORS.clusters();

  const capacityProviders = readProviders(state, input, name);
  const cluster: WireCluster = {
    clusterArn: clusterArn(state, name),
    clusterName: name,
    status: "ACTIVE",
    tags: readTags(input),
    settings: readSettings(input),
    capacityProviders,
    defaultCapacityProviderStrategy: readStrategy(input, "defaultCapacityProviderStrategy", capacityProviders) ?? [],
  };
  state.clusters[name] = cluster;
  for (const provider of capacityProviders) if (state.capacityProviders?.[provider]) scheduleCapacityCheck(state, provider, clockMs);
  return { cluster: presentCluster(state, cluster, ["TAGS", "SETTINGS"]) };
}

/**
 * The capacity providers a cluster is to have: Fargate's, and Auto Scaling group ones that exist and no other cluster
 * has (an Auto Scaling group capacity provider serves one cluster, [AWS-doc] asg-capacity-providers).
 */
function readProviders(state: SandboxState, input: Input, clusterName: string): string[] {
  const capacityProviders = optStringList(input, "capacityProviders") ?? [];
  if (capacityProviders.length > ECS_QUOTAS.capacityProvidersPerCluster) throw QUOTA_ERRORS.capacityProvidersPerCluster();
  for (const provider of capacityProviders) {
    if ((FARGATE_PROVIDERS as readonly string[]).includes(provider)) continue;
    if (state.capacityProviders?.[provider]?.status !== "ACTIVE") {
      throw invalidParameter("The specified capacity provider does not exist. Specify a valid name or ARN and try again.");
    }
    const other = Object.values(state.clusters).find((c) => c.status === "ACTIVE" && c.clusterName !== clusterName && (c.capacityProviders ?? []).includes(provider));
    // [inferred] text: AWS refuses it; its wording was not found.
    if (other) throw invalidParameter(`The capacity provider ${provider} is already associated with cluster ${other.clusterName}. An Auto Scaling group capacity provider can be associated with one cluster only.`);
  }
  return capacityProviders;
}

function readSettings(input: Input): ClusterSetting[] {
  const settings = optObjectList(input, "settings") ?? [];
  const insights = settings.find((s) => s.name === "containerInsights");
  const value = insights ? optString(insights, "value") : undefined;
  if (value !== undefined && !["enabled", "disabled", "enhanced"].includes(value)) {
    throw invalidParameter("The containerInsights setting must be enabled, enhanced or disabled.");
  }
  return [{ name: "containerInsights", value: value ?? "disabled" }];
}

function describeClusters(state: SandboxState, input: Input): Wire<DescribeClustersResponse> {
  const refs = optStringList(input, "clusters") ?? [];
  if (refs.length > API_LIMITS.describeClusters) throw QUOTA_ERRORS.describeClusters();
  const include = optStringList(input, "include") ?? [];
  const response: Wire<DescribeClustersResponse> = { clusters: [], failures: [] };
  const contents = contentsByCluster(state);
  for (const ref of refs.length > 0 ? refs : [DEFAULT_CLUSTER]) {
    const name = resourceOf(state, ref, "cluster");
    const cluster = name === null ? undefined : state.clusters[name];
    // A deleted cluster stays describable as INACTIVE.
    if (cluster) response.clusters!.push(presentCluster(state, cluster, include, contents));
    else response.failures!.push({ arn: ref.startsWith("arn:") ? ref : clusterArn(state, ref), reason: "MISSING" });
  }
  return response;
}

function listClusters(state: SandboxState, input: Input): Wire<ListClustersResponse> {
  const { page, nextToken } = paginate(
    Object.values(state.clusters)
      .filter((c) => c.status === "ACTIVE")
      .map((c) => c.clusterArn!),
    input,
  );
  return nextToken ? { clusterArns: page, nextToken } : { clusterArns: page };
}

const PENDING_STATUSES = ["PROVISIONING", "PENDING", "ACTIVATING"];

interface ClusterContents {
  tasks: WireTask[];
  services: ServiceRecord[];
  instances: ContainerInstanceRecord[];
}

/** Every cluster's tasks, services and registered instances, gathered in one pass over each (by cluster ARN). */
function contentsByCluster(state: SandboxState): Map<string, ClusterContents> {
  const contents = new Map<string, ClusterContents>();
  const of = (clusterArn: string) => {
    let found = contents.get(clusterArn);
    if (!found) contents.set(clusterArn, (found = { tasks: [], services: [], instances: [] }));
    return found;
  };
  for (const task of Object.values(state.tasks)) of(task.clusterArn!).tasks.push(task);
  for (const record of Object.values(state.services)) of(record.service.clusterArn!).services.push(record);
  for (const record of Object.values(state.containerInstances)) {
    const clusterArn = state.clusters[record.clusterName]?.clusterArn;
    if (clusterArn && record.instance.status !== "INACTIVE") of(clusterArn).instances.push(record);
  }
  return contents;
}

/** A cluster as the API shows it: stored fields plus counts derived from its tasks, instances and services. */
function presentCluster(state: SandboxState, cluster: WireCluster, include: string[], contents = contentsByCluster(state)): WireCluster {
  const { tasks, services, instances } = contents.get(cluster.clusterArn!) ?? { tasks: [], services: [], instances: [] };
  const running = tasks.filter((t) => t.lastStatus === "RUNNING");
  const pending = tasks.filter((t) => PENDING_STATUSES.includes(t.lastStatus ?? ""));
  const { tags, settings, ...stored } = cluster;
  const active = cluster.status === "ACTIVE";
  const shown: WireCluster = {
    ...stored,
    registeredContainerInstancesCount: active ? instances.length : 0,
    runningTasksCount: running.length,
    pendingTasksCount: pending.length,
    activeServicesCount: active ? services.filter((r) => r.service.status === "ACTIVE").length : 0,
    statistics: [],
    tags: include.includes("TAGS") ? tags : [],
  };
  if (include.includes("SETTINGS")) shown.settings = settings;
  if (include.includes("STATISTICS")) {
    const count = <T>(list: T[], launchType: string, of: (item: T) => string | undefined) =>
      String(list.filter((item) => of(item) === launchType).length);
    const taskLaunch = (t: WireTask) => t.launchType;
    const activeServices = services.filter((r) => r.service.status === "ACTIVE");
    const drainingServices = services.filter((r) => r.service.status === "DRAINING");
    const serviceLaunch = (r: ServiceRecord) => r.service.launchType ?? (isFargateStrategy(r.service.capacityProviderStrategy) ? "FARGATE" : "EC2");
    shown.statistics = [
      { name: "runningEC2TasksCount", value: count(running, "EC2", taskLaunch) },
      { name: "runningFargateTasksCount", value: count(running, "FARGATE", taskLaunch) },
      { name: "pendingEC2TasksCount", value: count(pending, "EC2", taskLaunch) },
      { name: "pendingFargateTasksCount", value: count(pending, "FARGATE", taskLaunch) },
      { name: "activeEC2ServiceCount", value: count(activeServices, "EC2", serviceLaunch) },
      { name: "activeFargateServiceCount", value: count(activeServices, "FARGATE", serviceLaunch) },
      { name: "drainingEC2ServiceCount", value: count(drainingServices, "EC2", serviceLaunch) },
      { name: "drainingFargateServiceCount", value: count(drainingServices, "FARGATE", serviceLaunch) },
    ];
  }
  return shown;
}

function servicesIn(state: SandboxState, cluster: WireCluster): ServiceRecord[] {
  return Object.values(state.services).filter((r) => r.service.clusterArn === cluster.clusterArn);
}

/** AWS's texts ([observed] for services and container instances; the tasks one follows their pattern, [inferred]). */
export const CLUSTER_NOT_EMPTY = {
  services: () =>
    new EcsError("ClusterContainsServicesException", "The Cluster cannot be deleted while Services are active."),
  containerInstances: () =>
    new EcsError("ClusterContainsContainerInstancesException", "The Cluster cannot be deleted while Container Instances are active."),
  tasks: () => new EcsError("ClusterContainsTasksException", "The Cluster cannot be deleted while Tasks are active."),
};

function deleteCluster(state: SandboxState, input: Input): Wire<DeleteClusterResponse> {
  const cluster = requireCluster(state, optString(input, "cluster"));
  if (Object.values(state.containerInstances).some((r) => r.clusterName === cluster.clusterName && r.instance.status !== "INACTIVE")) {
    throw CLUSTER_NOT_EMPTY.containerInstances();
  }
  if (servicesIn(state, cluster).some((r) => r.service.status !== "INACTIVE")) throw CLUSTER_NOT_EMPTY.services();
  if (Object.values(state.tasks).some((t) => t.clusterArn === cluster.clusterArn && t.lastStatus !== "STOPPED")) {
    throw CLUSTER_NOT_EMPTY.tasks();
  }
  cluster.status = "INACTIVE";
  const shown = presentCluster(state, cluster, ["TAGS", "SETTINGS"]);
  forgetOldestInactive(state.clusters, (c) => c.status !== "ACTIVE");
  return { cluster: shown };
}

function updateClusterSettings(state: SandboxState, input: Input): Wire<UpdateClusterSettingsResponse> {
  const cluster = requireCluster(state, optString(input, "cluster"));
  if (optObjectList(input, "settings") === undefined) throw invalidParameter("settings can not be empty.");
  cluster.settings = readSettings(input);
  return { cluster: presentCluster(state, cluster, ["SETTINGS"]) };
}

export function putClusterCapacityProviders(state: SandboxState, input: Input, clockMs = state.clock.simMs): Wire<PutClusterCapacityProvidersResponse> {
  const cluster = requireCluster(state, optString(input, "cluster"));
  if (input.capacityProviders == null || input.defaultCapacityProviderStrategy == null) {
    throw invalidParameter("capacityProviders and defaultCapacityProviderStrategy are required.");
  }
  const capacityProviders = readProviders(state, input, cluster.clusterName!);
  const strategy = readStrategy(input, "defaultCapacityProviderStrategy", capacityProviders) ?? [];
  const inUse = servicesIn(state, cluster)
    .filter((r) => r.service.status !== "INACTIVE")
    .flatMap((r) => r.service.capacityProviderStrategy ?? [])
    .map((item) => item.capacityProvider!);
  if (inUse.some((provider) => !capacityProviders.includes(provider))) {
    throw new EcsError("ResourceInUseException", "The specified capacity provider is in use and cannot be removed.");
  }
  const before = cluster.capacityProviders ?? [];
  cluster.capacityProviders = capacityProviders;
  cluster.defaultCapacityProviderStrategy = strategy;
  // Managed scaling starts for the Auto Scaling group providers now associated and stops for the ones removed (managed-scaling.ts).
  for (const provider of new Set([...before, ...capacityProviders])) if (state.capacityProviders?.[provider]) scheduleCapacityCheck(state, provider, clockMs);
  return { cluster: presentCluster(state, cluster, ["TAGS", "SETTINGS"]) };
}

export const clusterOperations: Record<string, Operation> = {
  CreateCluster: { readOnly: false, run: createCluster },
  DeleteCluster: { readOnly: false, run: deleteCluster },
  UpdateClusterSettings: { readOnly: false, run: updateClusterSettings },
  PutClusterCapacityProviders: { readOnly: false, run: putClusterCapacityProviders },
  DescribeClusters: { readOnly: true, run: describeClusters },
  ListClusters: { readOnly: true, run: listClusters },
};
