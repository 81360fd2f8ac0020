import type {
  CreateServiceResponse,
  DeleteServiceResponse,
  DeploymentConfiguration,
  LoadBalancer,
  DescribeServicesResponse,
  ListServicesResponse,
  UpdateServiceResponse,
} from "@aws-sdk/client-ecs";
import { callerArn, resourceOf, serviceArn } from "./arns";
import { isFargateStrategy, readLaunchChoice } from "./capacity";
import { requireCluster } from "./clusters";
import { presentDeployments, serviceKey, serviceKeyOf, startDeployment } from "./deployments";
import { touchService } from "./touched";
import { members, reader } from "./transition";
import { clientException, EcsError, invalidParameter } from "./errors";
import { optBoolean, optEnum, optInteger, optObject, optObjectList, optString, optStringList, type Input } from "./input";
import type { Operation } from "./operation";
import { paginate } from "./pagination";
import { readConstraints, readStrategies } from "./placement";
import { API_LIMITS, ECS_QUOTAS, QUOTA_ERRORS, SANDBOX_ERRORS, SANDBOX_LIMITS } from "./quotas";
import { countOf } from "./sandbox-bounds";
import { DEPLOYMENT_DEFAULTS, LIST_SERVICES_PAGE_SIZE } from "./scheduler-rules";
import type { SandboxState, ServiceRecord, WireCluster, WireService, WireTaskDefinition } from "./state";
import { readTags } from "./tags";
import { findTaskDefinition, requireRunnableTaskDefinition } from "./task-definitions";
import { checkPlatformVersion, readAwsvpc } from "./task-creation";
import { epochSeconds, type Wire } from "./wire";
import { checkServiceLoadBalancers } from "./load-balancing";
import { checkAdvancedConfiguration, readStrategyMembers } from "./deployment-strategies";

const SERVICE_NAME = /^[a-zA-Z0-9_-]{1,255}$/;

export const SERVICE_ERRORS = {
  notFound: () => new EcsError("ServiceNotFoundException", "Service not found."),
  notActive: () => new EcsError("ServiceNotActiveException", "Service was not ACTIVE."),
  notIdempotent: () => invalidParameter("Creation of service was not idempotent."),
  stillDraining: () => invalidParameter("Unable to Start a service that is still Draining."),
  scaledAboveZero: () => invalidParameter("The service cannot be stopped while it is scaled above 0."),
  daemonWithStrategy: () =>
    invalidParameter(
      "Specifying a capacity provider strategy is not supported when you create a service using the DAEMON scheduling strategy.",
    ),
};

/** The service a request names in a cluster (name or ARN), whatever its status. */
export function findService(state: SandboxState, cluster: WireCluster, ref: string): ServiceRecord | undefined {
  const resource = resourceOf(state, ref, "service");
  if (resource === null) return undefined;
  const parts = resource.split("/");
  if (parts.length > 2 || (parts.length === 2 && parts[0] !== cluster.clusterName)) return undefined;
  return state.services[serviceKey(cluster.clusterName!, parts[parts.length - 1])];
}

function readDeploymentConfiguration(input: Input, strategy: "REPLICA" | "DAEMON", current?: Wire<DeploymentConfiguration>) {
  const given = optObject(input, "deploymentConfiguration");
  const defaults = DEPLOYMENT_DEFAULTS[strategy];
  const merged: Wire<DeploymentConfiguration> = {
    deploymentCircuitBreaker: { enable: false, rollback: false },
    maximumPercent: defaults.maximumPercent,
    minimumHealthyPercent: defaults.minimumHealthyPercent,
    ...current,
  };
  if (!given) return merged;
  const max = optInteger(given, "maximumPercent");
  const min = optInteger(given, "minimumHealthyPercent");
  if (max !== undefined) merged.maximumPercent = max;
  if (min !== undefined) merged.minimumHealthyPercent = min;
  const breaker = optObject(given, "deploymentCircuitBreaker");
  if (breaker) {
    const enable = optBoolean(breaker, "enable");
    const rollback = optBoolean(breaker, "rollback");
    if (enable === undefined || rollback === undefined) {
      throw invalidParameter("deploymentCircuitBreaker requires both enable and rollback.");
    }
    merged.deploymentCircuitBreaker = { enable, rollback };
  }
  readStrategyMembers(given, merged);
  if (merged.minimumHealthyPercent! < 0 || merged.minimumHealthyPercent! > 100) {
    throw invalidParameter("minimumHealthyPercent must be between 0 and 100.");
  }
  if (merged.maximumPercent! < 100 && strategy === "REPLICA") {
    throw invalidParameter("maximumPercent must be at least 100 for a service using the REPLICA scheduling strategy.");
  }
  return merged;
}

function checkLaunchCompatibility(taskDefinition: WireTaskDefinition, launchType: string | undefined, fargateStrategy: boolean): void {
  if ((launchType === "FARGATE" || fargateStrategy) && !taskDefinition.compatibilities?.includes("FARGATE")) {
    throw invalidParameter("Task definition does not support launch_type FARGATE.");
  }
}

function createService(state: SandboxState, input: Input, clockMs: number): Wire<CreateServiceResponse> {
  const cluster = requireCluster(state, optString(input, "cluster"));
  const name = optString(input, "serviceName");
  if (!name) throw invalidParameter("serviceName can not be blank.");
  if (!SERVICE_NAME.test(name)) {
    throw invalidParameter("Service names can have up to 255 letters (uppercase and lowercase), numbers, underscores, and hyphens.");
  }
  const existing = state.services[serviceKey(cluster.clusterName!, name)];
  if (existing?.service.status === "DRAINING") throw SERVICE_ERRORS.stillDraining();
  if (existing?.service.status === "ACTIVE") throw SERVICE_ERRORS.notIdempotent();
  checkRoomForService(state, cluster);

  const schedulingStrategy = optEnum(input, "schedulingStrategy", ["REPLICA", "DAEMON"] as const) ?? "REPLICA";
  const taskDefinition = requireRunnableTaskDefinition(state, optString(input, "taskDefinition"));
  const desiredCount = optInteger(input, "desiredCount");
  if (schedulingStrategy === "REPLICA" && desiredCount === undefined) {
    throw invalidParameter("The desiredCount parameter is required for a service using the REPLICA scheduling strategy.");
  }
  if (desiredCount !== undefined) checkDesiredCount(desiredCount);
  const choice = readLaunchChoice(cluster, input);
  if (schedulingStrategy === "DAEMON" && choice.strategy) throw SERVICE_ERRORS.daemonWithStrategy();
  if (schedulingStrategy === "DAEMON" && choice.launchType === "FARGATE") {
    throw invalidParameter("The DAEMON scheduling strategy is not supported with the FARGATE launch type.");
  }
  checkLaunchCompatibility(taskDefinition, choice.launchType, isFargateStrategy(choice.strategy));
  const fargate = choice.launchType === "FARGATE" || isFargateStrategy(choice.strategy);
  readAwsvpc(input, taskDefinition);
  const platformVersion = optString(input, "platformVersion");
  checkPlatformVersion(platformVersion);
  const placementConstraints = optObjectList(input, "placementConstraints") ?? [];
  const placementStrategy = optObjectList(input, "placementStrategy") ?? [];
  if (fargate && (placementConstraints.length > 0 || placementStrategy.length > 0)) {
    throw invalidParameter("Task placement constraints and strategies are not supported for tasks using the Fargate launch type.");
  }
  readConstraints(placementConstraints as never, true);
  readStrategies(placementStrategy as never);
  const loadBalancers = optObjectList(input, "loadBalancers") ?? [];
  if (loadBalancers.length > ECS_QUOTAS.targetGroupsPerService) throw QUOTA_ERRORS.targetGroups();
  checkServiceLoadBalancers(state, loadBalancers, taskDefinition);
  const deploymentConfiguration = readDeploymentConfiguration(input, schedulingStrategy);
  checkAdvancedConfiguration(state, deploymentConfiguration.strategy, loadBalancers as Wire<LoadBalancer>[]);
  const serviceRegistries = optObjectList(input, "serviceRegistries") ?? [];
  if (serviceRegistries.length > API_LIMITS.serviceRegistries) throw QUOTA_ERRORS.serviceRegistries();

  const service: WireService = {
    serviceArn: serviceArn(state, cluster.clusterName!, name),
    serviceName: name,
    clusterArn: cluster.clusterArn,
    loadBalancers: loadBalancers as never,
    serviceRegistries: serviceRegistries as never,
    status: "ACTIVE",
    desiredCount: schedulingStrategy === "DAEMON" ? 0 : desiredCount,
    runningCount: 0,
    pendingCount: 0,
    ...(choice.launchType ? { launchType: choice.launchType } : { capacityProviderStrategy: choice.strategy }),
    ...(fargate ? { platformVersion: platformVersion ?? "LATEST", platformFamily: "Linux" } : {}),
    taskDefinition: taskDefinition.taskDefinitionArn,
    deploymentConfiguration,
    deployments: [],
    events: [],
    createdAt: epochSeconds(clockMs),
    placementConstraints: placementConstraints as never,
    placementStrategy: placementStrategy as never,
    ...(input.networkConfiguration ? { networkConfiguration: withDefaultPublicIp(optObject(input, "networkConfiguration")!) } : {}),
    healthCheckGracePeriodSeconds: optInteger(input, "healthCheckGracePeriodSeconds") ?? 0,
    schedulingStrategy,
    deploymentController: { type: "ECS" },
    tags: readTags(input),
    createdBy: callerArn(state),
    enableECSManagedTags: optBoolean(input, "enableECSManagedTags") ?? false,
    propagateTags: optEnum(input, "propagateTags", ["TASK_DEFINITION", "SERVICE", "NONE"] as const) ?? "NONE",
    enableExecuteCommand: optBoolean(input, "enableExecuteCommand") ?? false,
    availabilityZoneRebalancing: optEnum(input, "availabilityZoneRebalancing", ["ENABLED", "DISABLED"] as const) ?? "ENABLED",
  };
  const record: ServiceRecord = {
    service,
    deployments: [],
    history: [],
    taskIds: [],
    startFailures: 0,
    nextStartAtMs: clockMs,
    unhealthyReplacements: 0,
    steady: false,
    openMessages: [],
  };
  state.services[serviceKey(cluster.clusterName!, name)] = record;
  startDeployment(state, record, clockMs);
  return { service: presentService(state, record, true) };
}

/** AWS's quota on services per cluster, then the sandbox's on services in all (ACTIVE and DRAINING count). */
function checkRoomForService(state: SandboxState, cluster: WireCluster): void {
  const live = (r: ServiceRecord) => r.service.status !== "INACTIVE";
  if (countOf(state.services, (r) => live(r) && r.service.clusterArn === cluster.clusterArn) >= ECS_QUOTAS.servicesPerCluster) {
    throw QUOTA_ERRORS.servicesPerCluster();
  }
  if (countOf(state.services, live) >= SANDBOX_LIMITS.services) throw SANDBOX_ERRORS.services();
}

function checkDesiredCount(desiredCount: number): void {
  if (desiredCount < 0) throw invalidParameter("desiredCount cannot be a negative number.");
  if (desiredCount > ECS_QUOTAS.tasksPerService) throw QUOTA_ERRORS.desiredCount();
}

function withDefaultPublicIp(network: Input): Wire<WireService["networkConfiguration"]> {
  const awsvpc = optObject(network, "awsvpcConfiguration");
  if (!awsvpc) return network as never;
  return { awsvpcConfiguration: { ...awsvpc, assignPublicIp: awsvpc.assignPublicIp ?? "DISABLED" } } as never;
}

/** A service as the API shows it: counts derived from its tasks, tags only when asked for. */
export function presentService(state: SandboxState, record: ServiceRecord, includeTags: boolean): WireService {
  const deployments = presentDeployments(state, record);
  let running = 0;
  let pending = 0;
  const read = reader(state.tasks);
  for (const id of members(record.taskIds)) {
    const task = read(id);
    if (!task || task.desiredStatus !== "RUNNING") continue;
    if (task.lastStatus === "RUNNING") running += 1;
    else pending += 1;
  }
  const shown: WireService = { ...record.service, runningCount: running, pendingCount: pending, deployments };
  if (!includeTags) delete shown.tags;
  return shown;
}

function requireActiveService(state: SandboxState, input: Input): { cluster: WireCluster; record: ServiceRecord } {
  const cluster = requireCluster(state, optString(input, "cluster"));
  const ref = optString(input, "service");
  const record = ref ? findService(state, cluster, ref) : undefined;
  if (!record) throw SERVICE_ERRORS.notFound();
  if (record.service.status !== "ACTIVE") throw SERVICE_ERRORS.notActive();
  return { cluster, record };
}

/** UpdateService members that start a new deployment (API reference: "This parameter triggers a new service deployment"). */
const DEPLOYING_MEMBERS = ["taskDefinition", "networkConfiguration", "platformVersion", "loadBalancers", "serviceRegistries"];

function updateService(state: SandboxState, input: Input, clockMs: number): Wire<UpdateServiceResponse> {
  const { cluster, record } = requireActiveService(state, input);
  const service = record.service;
  let deploy = optBoolean(input, "forceNewDeployment") ?? false;
  const desiredCount = optInteger(input, "desiredCount");
  if (desiredCount !== undefined) {
    checkDesiredCount(desiredCount);
    if (service.schedulingStrategy === "DAEMON") throw invalidParameter("The desiredCount of a DAEMON service cannot be changed.");
  }
  const ref = optString(input, "taskDefinition");
  let taskDefinition = findTaskDefinition(state, service.taskDefinition!)!.taskDefinition;
  if (ref !== undefined) {
    const found = findTaskDefinition(state, ref);
    if (!found) throw clientException("TaskDefinition not found.");
    if (found.taskDefinition.status !== "ACTIVE") throw clientException("TaskDefinition is inactive");
    taskDefinition = found.taskDefinition;
  }
  checkLaunchCompatibility(taskDefinition, service.launchType, isFargateStrategy(service.capacityProviderStrategy));
  const networkInput = input.networkConfiguration != null ? input : { networkConfiguration: service.networkConfiguration };
  readAwsvpc(networkInput as Input, taskDefinition);
  const platformVersion = optString(input, "platformVersion");
  checkPlatformVersion(platformVersion);
  const loadBalancers = optObjectList(input, "loadBalancers");
  if (loadBalancers && loadBalancers.length > ECS_QUOTAS.targetGroupsPerService) throw QUOTA_ERRORS.targetGroups();
  // A new task definition must still have the containers and ports the service's load balancers name.
  if (loadBalancers || ref !== undefined) checkServiceLoadBalancers(state, loadBalancers ?? ((service.loadBalancers ?? []) as Input[]), taskDefinition);
  if (input.capacityProviderStrategy != null && !deploy) {
    throw invalidParameter(
      "When switching from launch type to capacity provider strategy on an existing service, or making a change to a capacity provider strategy on a service that is already using one, you must force a new deployment.",
    );
  }
  const deploymentConfiguration = readDeploymentConfiguration(input, service.schedulingStrategy as "REPLICA" | "DAEMON", service.deploymentConfiguration);
  checkAdvancedConfiguration(state, deploymentConfiguration.strategy, (loadBalancers ?? service.loadBalancers ?? []) as Wire<LoadBalancer>[]);
  const placementConstraints = optObjectList(input, "placementConstraints");
  const placementStrategy = optObjectList(input, "placementStrategy");
  if (placementConstraints) readConstraints(placementConstraints as never, true);
  if (placementStrategy) readStrategies(placementStrategy as never);

  if (ref !== undefined && taskDefinition.taskDefinitionArn !== service.taskDefinition) deploy = true;
  if (DEPLOYING_MEMBERS.some((m) => m !== "taskDefinition" && input[m] != null)) deploy = true;
  service.taskDefinition = taskDefinition.taskDefinitionArn;
  if (desiredCount !== undefined) service.desiredCount = desiredCount;
  if (input.networkConfiguration != null) service.networkConfiguration = withDefaultPublicIp(optObject(input, "networkConfiguration")!);
  if (platformVersion !== undefined) service.platformVersion = platformVersion;
  if (loadBalancers) service.loadBalancers = loadBalancers as never;
  if (input.capacityProviderStrategy != null) {
    const choice = readLaunchChoice(cluster, { capacityProviderStrategy: input.capacityProviderStrategy });
    delete service.launchType;
    service.capacityProviderStrategy = choice.strategy;
  }
  service.deploymentConfiguration = deploymentConfiguration;
  if (placementConstraints) service.placementConstraints = placementConstraints as never;
  if (placementStrategy) service.placementStrategy = placementStrategy as never;
  const grace = optInteger(input, "healthCheckGracePeriodSeconds");
  if (grace !== undefined) service.healthCheckGracePeriodSeconds = grace;
  const exec = optBoolean(input, "enableExecuteCommand");
  if (exec !== undefined) service.enableExecuteCommand = exec;
  const propagate = optEnum(input, "propagateTags", ["TASK_DEFINITION", "SERVICE", "NONE"] as const);
  if (propagate !== undefined) service.propagateTags = propagate;
  const managed = optBoolean(input, "enableECSManagedTags");
  if (managed !== undefined) service.enableECSManagedTags = managed;
  service.availabilityZoneRebalancing = optEnum(input, "availabilityZoneRebalancing", ["ENABLED", "DISABLED"] as const) ?? service.availabilityZoneRebalancing;

  touchService(state, serviceKeyOf(record));
  if (deploy) startDeployment(state, record, clockMs);
  else if (record.deployments[0]) record.deployments[0].deployment.desiredCount = service.desiredCount;
  record.steady = record.steady && desiredCount === undefined;
  return { service: presentService(state, record, false) };
}

/** The scheduler then stops the tasks and makes the service INACTIVE once they have all stopped (deployments.ts). */
function deleteService(state: SandboxState, input: Input): Wire<DeleteServiceResponse> {
  const cluster = requireCluster(state, optString(input, "cluster"));
  const ref = optString(input, "service");
  const record = ref ? findService(state, cluster, ref) : undefined;
  if (!record) throw SERVICE_ERRORS.notFound();
  const service = record.service;
  if (service.status !== "ACTIVE") throw SERVICE_ERRORS.notActive();
  if (service.schedulingStrategy === "REPLICA" && (service.desiredCount ?? 0) > 0 && !optBoolean(input, "force")) {
    throw SERVICE_ERRORS.scaledAboveZero();
  }
  service.status = "DRAINING";
  service.desiredCount = 0;
  return { service: presentService(state, record, false) };
}

function describeServices(state: SandboxState, input: Input): Wire<DescribeServicesResponse> {
  const cluster = requireCluster(state, optString(input, "cluster"));
  const refs = optStringList(input, "services") ?? [];
  if (refs.length === 0) throw invalidParameter("Services cannot be empty.");
  if (refs.length > API_LIMITS.describeServices) {
    throw invalidParameter(`A maximum of ${API_LIMITS.describeServices} services can be described at once.`);
  }
  const includeTags = (optStringList(input, "include") ?? []).includes("TAGS");
  const response: Wire<DescribeServicesResponse> = { services: [], failures: [] };
  for (const ref of refs) {
    const record = findService(state, cluster, ref);
    if (record) response.services!.push(presentService(state, record, includeTags));
    else response.failures!.push({ arn: ref.startsWith("arn:") ? ref : serviceArn(state, cluster.clusterName!, ref), reason: "MISSING" });
  }
  return response;
}

function listServices(state: SandboxState, input: Input): Wire<ListServicesResponse> {
  const cluster = requireCluster(state, optString(input, "cluster"));
  const launchType = optEnum(input, "launchType", ["EC2", "FARGATE", "EXTERNAL", "MANAGED_INSTANCES"] as const);
  const schedulingStrategy = optEnum(input, "schedulingStrategy", ["REPLICA", "DAEMON"] as const);
  const arns = servicesOf(state, cluster.clusterName!)
    .filter((r) => r.service.status === "ACTIVE")
    .filter((r) => launchType === undefined || r.service.launchType === launchType)
    .filter((r) => schedulingStrategy === undefined || r.service.schedulingStrategy === schedulingStrategy)
    .map((r) => r.service.serviceArn!);
  const { page, nextToken } = paginate(arns, input, LIST_SERVICES_PAGE_SIZE);
  return nextToken ? { serviceArns: page, nextToken } : { serviceArns: page };
}

export function servicesOf(state: SandboxState, clusterName: string): ServiceRecord[] {
  return Object.entries(state.services)
    .filter(([key]) => key.startsWith(`${clusterName}/`))
    .map(([, record]) => record);
}

export const serviceOperations: Record<string, Operation> = {
  CreateService: { readOnly: false, run: createService },
  UpdateService: { readOnly: false, touchesOwn: true, run: updateService },
  DeleteService: { readOnly: false, run: deleteService },
  DescribeServices: { readOnly: true, run: describeServices },
  ListServices: { readOnly: true, run: listServices },
};
