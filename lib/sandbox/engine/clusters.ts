import type {
  CapacityProviderStrategyItem,
  ClusterSetting,
  CreateClusterResponse,
  DescribeClustersResponse,
  ListClustersResponse,
} from "@aws-sdk/client-ecs";
import { clusterArn, resourceOf } from "./arns";
import { clusterNotFound, invalidParameter } from "./errors";
import { optObjectList, optString, optStringList, type Input } from "./input";
import type { Operation } from "./operation";
import { paginate } from "./pagination";
import type { SandboxState, WireCluster } from "./state";
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
  if (!cluster) throw clusterNotFound();
  return cluster;
}

/** Validates a capacity provider strategy against the providers associated with a cluster. */
export function readStrategy(input: Input, key: string, associated: string[]): CapacityProviderStrategyItem[] | undefined {
  const items = optObjectList(input, key);
  if (items === undefined) return undefined;
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

function createCluster(state: SandboxState, input: Input): Wire<CreateClusterResponse> {
  const name = optString(input, "clusterName") || DEFAULT_CLUSTER;
  if (!CLUSTER_NAME.test(name)) throw invalidParameter(`Cluster must match ^[a-zA-Z0-9\\-_]{1,255}$, but was ${name}`);
  // CreateCluster is idempotent: an existing cluster of that name is returned as it is.
  const existing = state.clusters[name];
  if (existing) return { cluster: presentCluster(state, existing, ["TAGS", "SETTINGS"]) };

  const capacityProviders = optStringList(input, "capacityProviders") ?? [];
  for (const provider of capacityProviders) {
    if (!(FARGATE_PROVIDERS as readonly string[]).includes(provider)) {
      throw invalidParameter("The specified capacity provider does not exist. Specify a valid name or ARN and try again.");
    }
  }
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
  return { cluster: presentCluster(state, cluster, ["TAGS", "SETTINGS"]) };
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
  const include = optStringList(input, "include") ?? [];
  const response: Wire<DescribeClustersResponse> = { clusters: [], failures: [] };
  for (const ref of refs.length > 0 ? refs : [DEFAULT_CLUSTER]) {
    const name = resourceOf(state, ref, "cluster");
    const cluster = name === null ? undefined : state.clusters[name];
    if (cluster) response.clusters!.push(presentCluster(state, cluster, include));
    else response.failures!.push({ arn: ref.startsWith("arn:") ? ref : clusterArn(state, ref), reason: "MISSING" });
  }
  return response;
}

function listClusters(state: SandboxState, input: Input): Wire<ListClustersResponse> {
  const { page, nextToken } = paginate(
    Object.values(state.clusters).map((c) => c.clusterArn!),
    input,
  );
  return nextToken ? { clusterArns: page, nextToken } : { clusterArns: page };
}

const PENDING_STATUSES = ["PROVISIONING", "PENDING", "ACTIVATING"];

/** A cluster as the API shows it: stored fields plus counts derived from the tasks now in it. */
function presentCluster(state: SandboxState, cluster: WireCluster, include: string[]): WireCluster {
  const tasks = Object.values(state.tasks).filter((t) => t.clusterArn === cluster.clusterArn);
  const running = tasks.filter((t) => t.lastStatus === "RUNNING");
  const pending = tasks.filter((t) => PENDING_STATUSES.includes(t.lastStatus ?? ""));
  const { tags, settings, ...stored } = cluster;
  const shown: WireCluster = {
    ...stored,
    registeredContainerInstancesCount: 0,
    runningTasksCount: running.length,
    pendingTasksCount: pending.length,
    activeServicesCount: 0,
    statistics: [],
    tags: include.includes("TAGS") ? tags : [],
  };
  if (include.includes("SETTINGS")) shown.settings = settings;
  if (include.includes("STATISTICS")) {
    const fargate = (list: typeof tasks) => String(list.filter((t) => t.launchType === "FARGATE").length);
    shown.statistics = [
      { name: "runningEC2TasksCount", value: "0" },
      { name: "runningFargateTasksCount", value: fargate(running) },
      { name: "pendingEC2TasksCount", value: "0" },
      { name: "pendingFargateTasksCount", value: fargate(pending) },
      { name: "activeEC2ServiceCount", value: "0" },
      { name: "activeFargateServiceCount", value: "0" },
      { name: "drainingEC2ServiceCount", value: "0" },
      { name: "drainingFargateServiceCount", value: "0" },
    ];
  }
  return shown;
}

export const clusterOperations: Record<string, Operation> = {
  CreateCluster: { readOnly: false, run: createCluster },
  DescribeClusters: { readOnly: true, run: describeClusters },
  ListClusters: { readOnly: true, run: listClusters },
};
