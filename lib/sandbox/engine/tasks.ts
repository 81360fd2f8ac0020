import type {
  DescribeTasksResponse,
  ListTasksResponse,
  RunTaskResponse,
  StartTaskResponse,
  StopTaskResponse,
  Tag,
} from "@aws-sdk/client-ecs";
import { containerArn, resourceOf, taskArn, taskIdOf } from "./arns";
import { placementsFor, readLaunchChoice, type Placement } from "./capacity";
import { attributeOf, findContainerInstance } from "./container-instances";
import { requireCluster } from "./clusters";
import { EcsError, invalidParameter } from "./errors";
import { nextHex, nextUuid } from "./ids";
import {
  optBoolean,
  optEnum,
  optInteger,
  optObject,
  optObjectList,
  optString,
  optStringList,
  type Input,
} from "./input";
import { startTask, stopTaskAs } from "./lifecycle";
import {
  firstFailure,
  place,
  PLACEMENT_FAILURES,
  readConstraints,
  readStrategies,
  reservationOf,
  reserve,
  RUN_TASK_DEFAULT_STRATEGY,
  type PlacementRequest,
} from "./placement";
import { availabilityZoneOf } from "./network";
import type { Operation } from "./operation";
import { paginate } from "./pagination";
import type { ContainerInstanceRecord, SandboxState, WireCluster, WireTask, WireTaskDefinition } from "./state";
import { readTags } from "./tags";
import { requireRunnableTaskDefinition } from "./task-definitions";
import { epochSeconds, type Wire } from "./wire";

type WireContainer = NonNullable<WireTask["containers"]>[number];

const MAX_TASKS_PER_RUN = 10;
const MAX_SUBNETS = 16;
const MAX_SECURITY_GROUPS = 5;
const MAX_DESCRIBE_TASKS = 100;
const STARTED_BY = /^[A-Za-z0-9/_-]{1,128}$/;
const FARGATE_PLATFORM_VERSIONS = ["LATEST", "1.4.0", "1.3.0"];

/** The platformVersion of a RunTask/CreateService/UpdateService request, when given, must exist. */
export function checkPlatformVersion(platformVersion: string | undefined): void {
  if (platformVersion !== undefined && !FARGATE_PLATFORM_VERSIONS.includes(platformVersion)) {
    throw new EcsError("PlatformUnknownException", "The specified platform version doesn't exist.");
  }
}
const LATEST_LINUX_PLATFORM = "1.4.0";
const LATEST_WINDOWS_PLATFORM = "1.0.0";
const DEFAULT_EPHEMERAL_GIB = 20;

export interface AwsvpcConfiguration {
  subnets: string[];
}

/** RunTask's network checks for an awsvpc task definition, in AWS's words where they are known. */
export function readAwsvpc(input: Input, taskDefinition: WireTaskDefinition): AwsvpcConfiguration {
  const networkConfiguration = optObject(input, "networkConfiguration");
  const awsvpc = networkConfiguration ? optObject(networkConfiguration, "awsvpcConfiguration") : undefined;
  if (taskDefinition.networkMode !== "awsvpc") {
    if (networkConfiguration) {
      throw invalidParameter("Network Configuration is not valid for the given networkMode of this task definition.");
    }
    return { subnets: [] };
  }
  if (!awsvpc) throw invalidParameter("Network Configuration must be provided when networkMode 'awsvpc' is specified.");
  const subnets = optStringList(awsvpc, "subnets") ?? [];
  const securityGroups = optStringList(awsvpc, "securityGroups") ?? [];
  optEnum(awsvpc, "assignPublicIp", ["ENABLED", "DISABLED"] as const);
  if (subnets.length === 0) throw invalidParameter("subnets can not be empty.");
  if (subnets.length > MAX_SUBNETS) throw invalidParameter("A maximum of 16 subnets can be specified.");
  if (securityGroups.length > MAX_SECURITY_GROUPS) throw invalidParameter("A maximum of 5 security groups can be specified.");
  const badSubnet = subnets.find((s) => !/^subnet-[0-9a-f]{8,17}$/.test(s));
  if (badSubnet) {
    throw invalidParameter(
      `Error retrieving subnet information for [${badSubnet}]: The subnet ID '${badSubnet}' does not exist (ErrorCode: InvalidSubnetID.NotFound)`,
    );
  }
  const badGroup = securityGroups.find((g) => !/^sg-[0-9a-f]{8,17}$/.test(g));
  if (badGroup) {
    throw invalidParameter(
      `Error retrieving security group information for [${badGroup}]: The security group '${badGroup}' does not exist (ErrorCode: InvalidGroup.NotFound)`,
    );
  }
  return { subnets };
}

export type ContainerOverride = Input & { name: string };

export function readOverrides(input: Input, taskDefinition: WireTaskDefinition): { task: Input; containers: ContainerOverride[] } {
  const task = optObject(input, "overrides") ?? {};
  const names = (taskDefinition.containerDefinitions ?? []).map((c) => c.name);
  const containers = (optObjectList(task, "containerOverrides") ?? []).map((override) => {
    const name = optString(override, "name");
    if (!name || !names.includes(name)) {
      throw invalidParameter(`Override for container named ${name} is not a container in the TaskDefinition.`);
    }
    return override as ContainerOverride;
  });
  return { task, containers };
}

function readTaskTags(input: Input, taskDefinitionTags: Tag[], cluster: WireCluster): Tag[] {
  const tags = readTags(input);
  const propagate = optEnum(input, "propagateTags", ["TASK_DEFINITION", "SERVICE", "NONE"] as const);
  if (propagate === "SERVICE") {
    throw invalidParameter("The SERVICE value for propagateTags is only valid for tasks started by a service.");
  }
  const propagated = propagate === "TASK_DEFINITION" ? taskDefinitionTags : [];
  const managed = optBoolean(input, "enableECSManagedTags") ? [{ key: "aws:ecs:clusterName", value: cluster.clusterName }] : [];
  return [...propagated, ...tags, ...managed];
}

const sizeText = (value: unknown) => (value === undefined || value === null ? undefined : String(value));

export interface TaskPlan {
  cluster: WireCluster;
  taskDefinition: WireTaskDefinition;
  placement: Placement;
  subnets: string[];
  overrides: { task: Input; containers: ContainerOverride[] };
  platformVersion: string;
  group: string;
  startedBy?: string;
  tags: Tag[];
  enableExecuteCommand: boolean;
  /** Service tasks: which service owns the task (its startedBy is the deployment id). */
  serviceKey?: string;
}

/**
 * Creates one task and starts its lifecycle. Fargate tasks and awsvpc tasks on EC2 get an ENI in one of the
 * subnets; EC2 tasks run on `instance`, whose resources they reserve.
 */
export function createTask(state: SandboxState, plan: TaskPlan, clockMs: number, instance?: ContainerInstanceRecord): WireTask {
  const { cluster, taskDefinition, overrides } = plan;
  const clusterName = cluster.clusterName!;
  const taskId = nextHex(state, "task");
  const arn = taskArn(state, clusterName, taskId);
  const fargate = plan.placement.launchType === "FARGATE";
  const awsvpc = taskDefinition.networkMode === "awsvpc";
  const subnetId = awsvpc ? plan.subnets[parseInt(taskId.slice(0, 8), 16) % plan.subnets.length] : undefined;
  const os = taskDefinition.runtimePlatform?.operatingSystemFamily ?? "LINUX";
  const containers = (taskDefinition.containerDefinitions ?? []).map((definition): WireContainer => {
    const override: Input = overrides.containers.find((o) => o.name === definition.name) ?? {};
    const memory = sizeText(override.memory ?? definition.memory);
    const memoryReservation = sizeText(override.memoryReservation ?? definition.memoryReservation);
    return {
      containerArn: containerArn(state, clusterName, taskId, nextUuid(state, "container")),
      taskArn: arn,
      name: definition.name,
      image: definition.image,
      lastStatus: "PENDING",
      networkInterfaces: [],
      healthStatus: "UNKNOWN",
      cpu: sizeText(override.cpu ?? definition.cpu) ?? "0",
      ...(memory !== undefined ? { memory } : {}),
      ...(memoryReservation !== undefined ? { memoryReservation } : {}),
    };
  });
  const ephemeralStorage = {
    sizeInGiB:
      (optObject(overrides.task, "ephemeralStorage")?.sizeInGiB as number | undefined) ??
      taskDefinition.ephemeralStorage?.sizeInGiB ??
      DEFAULT_EPHEMERAL_GIB,
  };
  const task: WireTask = {
    attachments: subnetId
      ? [
          {
            id: nextUuid(state, "attachment"),
            type: "ElasticNetworkInterface",
            status: "PRECREATED",
            details: [{ name: "subnetId", value: subnetId }],
          },
        ]
      : [],
    attributes: [
      { name: "ecs.cpu-architecture", value: taskDefinition.runtimePlatform?.cpuArchitecture === "ARM64" ? "arm64" : "x86_64" },
    ],
    availabilityZone: instance ? attributeOf(instance, "ecs.availability-zone") : availabilityZoneOf(state.region, subnetId!),
    ...(plan.placement.capacityProviderName ? { capacityProviderName: plan.placement.capacityProviderName } : {}),
    clusterArn: cluster.clusterArn,
    ...(instance ? { containerInstanceArn: instance.instance.containerInstanceArn } : {}),
    containers,
    cpu: sizeText(overrides.task.cpu ?? taskDefinition.cpu),
    createdAt: epochSeconds(clockMs),
    desiredStatus: "RUNNING",
    enableExecuteCommand: plan.enableExecuteCommand,
    group: plan.group,
    healthStatus: "UNKNOWN",
    lastStatus: subnetId ? "PROVISIONING" : "PENDING",
    launchType: plan.placement.launchType,
    memory: sizeText(overrides.task.memory ?? taskDefinition.memory),
    overrides: {
      ...overrides.task,
      containerOverrides: (taskDefinition.containerDefinitions ?? []).map(
        (definition) => overrides.containers.find((o) => o.name === definition.name) ?? { name: definition.name },
      ),
      inferenceAcceleratorOverrides: [],
    },
    ...(fargate
      ? {
          platformVersion:
            plan.platformVersion !== "LATEST" ? plan.platformVersion : os === "LINUX" ? LATEST_LINUX_PLATFORM : LATEST_WINDOWS_PLATFORM,
          platformFamily: os === "LINUX" ? "Linux" : os,
        }
      : {}),
    ...(plan.startedBy !== undefined ? { startedBy: plan.startedBy } : {}),
    tags: plan.tags,
    taskArn: arn,
    taskDefinitionArn: taskDefinition.taskDefinitionArn,
    version: 1,
    ...(fargate ? { ephemeralStorage, fargateEphemeralStorage: { ...ephemeralStorage } } : {}),
  };
  state.tasks[taskId] = task;
  if (plan.serviceKey) state.taskNotes[taskId] = { serviceKey: plan.serviceKey, deploymentId: plan.startedBy };
  if (instance) reserve(state, instance, taskId, reservationOf(taskDefinition));
  startTask(state, taskId, clockMs);
  return task;
}

/** Checks and defaults shared by RunTask and StartTask; `fargate` says which launch type the tasks use. */
function readTaskRequest(state: SandboxState, input: Input, cluster: WireCluster, taskDefinition: WireTaskDefinition, fargate: boolean) {
  if (fargate && !taskDefinition.compatibilities?.includes("FARGATE")) {
    throw invalidParameter("Task definition does not support launch_type FARGATE.");
  }
  const { subnets } = readAwsvpc(input, taskDefinition);
  const platformVersion = optString(input, "platformVersion") ?? "LATEST";
  checkPlatformVersion(platformVersion);
  const startedBy = optString(input, "startedBy");
  if (startedBy !== undefined && !STARTED_BY.test(startedBy)) {
    throw invalidParameter(
      "startedBy can have up to 128 letters (uppercase and lowercase), numbers, hyphens (-), forward slashes (/), and underscores (_).",
    );
  }
  const family = taskDefinition.family!;
  const taskDefinitionTags = state.taskDefinitions[family].revisions[taskDefinition.revision! - 1].tags;
  return {
    cluster,
    taskDefinition,
    subnets,
    overrides: readOverrides(input, taskDefinition),
    platformVersion,
    group: optString(input, "group") ?? `family:${family}`,
    startedBy,
    tags: readTaskTags(input, taskDefinitionTags, cluster),
    enableExecuteCommand: optBoolean(input, "enableExecuteCommand") ?? false,
  };
}

function runTask(state: SandboxState, input: Input, clockMs: number): Wire<RunTaskResponse> {
  const cluster = requireCluster(state, optString(input, "cluster"));
  const taskDefinition = requireRunnableTaskDefinition(state, optString(input, "taskDefinition"));
  const count = optInteger(input, "count") ?? 1;
  if (count < 1 || count > MAX_TASKS_PER_RUN) throw invalidParameter("count must be between 1 and 10.");
  const placements = placementsFor(readLaunchChoice(cluster, input), count);
  const fargate = placements[0].launchType === "FARGATE";
  const base = readTaskRequest(state, input, cluster, taskDefinition, fargate);
  if (fargate) {
    if (input.placementConstraints != null || input.placementStrategy != null) {
      throw invalidParameter("Task placement constraints and strategies are not supported for tasks using the Fargate launch type.");
    }
    return { tasks: placements.map((placement) => createTask(state, { ...base, placement }, clockMs)), failures: [] };
  }
  const request: PlacementRequest = {
    clusterName: cluster.clusterName!,
    reservation: reservationOf(taskDefinition),
    constraints: readConstraints(
      [...(taskDefinition.placementConstraints ?? []), ...(optObjectList(input, "placementConstraints") ?? [])] as never,
      true,
    ),
    strategies: readStrategies((optObjectList(input, "placementStrategy") ?? RUN_TASK_DEFAULT_STRATEGY) as never),
    group: base.group,
    count,
  };
  const response: Wire<RunTaskResponse> = { tasks: [], failures: [] };
  // Each placed task reserves its instance before the next one is placed (createTask → reserve).
  const results = place(state, request, (instance) => {
    response.tasks!.push(createTask(state, { ...base, placement: placements[0] }, clockMs, instance));
  });
  for (const result of results) {
    if (!result.placed) {
      response.failures!.push({ arn: result.instance?.instance.containerInstanceArn, reason: PLACEMENT_FAILURES[result.failure!].reason });
    }
  }
  return response;
}

/** The task a StopTask/DescribeTasks reference names within a cluster: an id, or a long or short task ARN. */
function findTask(state: SandboxState, cluster: WireCluster, ref: string): WireTask | undefined {
  const resource = resourceOf(state, ref, "task");
  if (resource === null) return undefined;
  const parts = resource.split("/");
  if (parts.length > 2 || (parts.length === 2 && parts[0] !== cluster.clusterName)) return undefined;
  const task = state.tasks[parts[parts.length - 1]];
  return task?.clusterArn === cluster.clusterArn ? task : undefined;
}

/** Tags are part of a task's description only when asked for with include=["TAGS"]. */
function presentTask(task: WireTask, includeTags: boolean): WireTask {
  if (includeTags) return task;
  const shown = { ...task };
  delete shown.tags;
  return shown;
}

function describeTasks(state: SandboxState, input: Input): Wire<DescribeTasksResponse> {
  const cluster = requireCluster(state, optString(input, "cluster"));
  const refs = optStringList(input, "tasks") ?? [];
  if (refs.length === 0) throw invalidParameter("Tasks cannot be empty.");
  if (refs.length > MAX_DESCRIBE_TASKS) throw invalidParameter("A maximum of 100 tasks can be described at once.");
  const includeTags = (optStringList(input, "include") ?? []).includes("TAGS");
  const response: Wire<DescribeTasksResponse> = { tasks: [], failures: [] };
  for (const ref of refs) {
    const task = findTask(state, cluster, ref);
    if (task) response.tasks!.push(presentTask(task, includeTags));
    else response.failures!.push({ arn: ref.startsWith("arn:") ? ref : taskArn(state, cluster.clusterName!, ref), reason: "MISSING" });
  }
  return response;
}

function listTasks(state: SandboxState, input: Input): Wire<ListTasksResponse> {
  const cluster = requireCluster(state, optString(input, "cluster"));
  const desiredStatus = optEnum(input, "desiredStatus", ["RUNNING", "PENDING", "STOPPED"] as const) ?? "RUNNING";
  const family = optString(input, "family");
  const startedBy = optString(input, "startedBy");
  const serviceName = optString(input, "serviceName");
  const launchType = optEnum(input, "launchType", ["EC2", "FARGATE", "EXTERNAL", "MANAGED_INSTANCES"] as const);
  const containerInstance = optString(input, "containerInstance");
  const arns = Object.values(state.tasks)
    .filter(
      (task) =>
        task.clusterArn === cluster.clusterArn &&
        task.desiredStatus === desiredStatus &&
        (family === undefined || familyOf(task) === family) &&
        (startedBy === undefined || task.startedBy === startedBy) &&
        (serviceName === undefined || task.group === `service:${serviceName}`) &&
        (launchType === undefined || task.launchType === launchType) &&
        (containerInstance === undefined || task.containerInstanceArn?.endsWith(containerInstance) === true),
    )
    .map((task) => task.taskArn!);
  const { page, nextToken } = paginate(arns, input);
  return nextToken ? { taskArns: page, nextToken } : { taskArns: page };
}

function familyOf(task: WireTask): string {
  const arn = task.taskDefinitionArn ?? "";
  return arn.slice(arn.lastIndexOf("/") + 1, arn.lastIndexOf(":"));
}

function stopTask(state: SandboxState, input: Input, clockMs: number): Wire<StopTaskResponse> {
  const cluster = requireCluster(state, optString(input, "cluster"));
  const ref = optString(input, "task");
  const task = ref ? findTask(state, cluster, ref) : undefined;
  if (!task) throw invalidParameter("The referenced task was not found.");
  // Stopping a task that is already on its way down changes nothing; AWS answers with the task as it is.
  stopTaskAs(state, taskIdOf(task.taskArn!), "UserInitiated", optString(input, "reason") || "Task stopped by user", clockMs);
  return { task };
}

/** StartTask: one task on each named container instance (EC2 only, no placement strategies). */
function startTaskOn(state: SandboxState, input: Input, clockMs: number): Wire<StartTaskResponse> {
  const cluster = requireCluster(state, optString(input, "cluster"));
  const taskDefinition = requireRunnableTaskDefinition(state, optString(input, "taskDefinition"));
  const refs = optStringList(input, "containerInstances") ?? [];
  if (refs.length === 0) throw invalidParameter("Container instances cannot be empty.");
  if (refs.length > MAX_TASKS_PER_RUN) throw invalidParameter("A maximum of 10 container instances can be specified.");
  const base = readTaskRequest(state, input, cluster, taskDefinition, false);
  const request: PlacementRequest = {
    clusterName: cluster.clusterName!,
    reservation: reservationOf(taskDefinition),
    constraints: readConstraints((taskDefinition.placementConstraints ?? []) as never, false),
    strategies: [],
    group: base.group,
    count: 1,
  };
  const response: Wire<StartTaskResponse> = { tasks: [], failures: [] };
  for (const ref of refs) {
    const instance = findContainerInstance(state, cluster, ref);
    if (!instance || instance.instance.status === "INACTIVE") {
      response.failures!.push({ arn: ref, reason: "MISSING" });
      continue;
    }
    const failure = firstFailure(state, instance, request, 0);
    if (failure) response.failures!.push({ arn: instance.instance.containerInstanceArn, reason: PLACEMENT_FAILURES[failure].reason });
    else response.tasks!.push(createTask(state, { ...base, placement: { launchType: "EC2" } }, clockMs, instance));
  }
  return response;
}

export const taskOperations: Record<string, Operation> = {
  RunTask: { readOnly: false, run: runTask },
  StartTask: { readOnly: false, run: startTaskOn },
  DescribeTasks: { readOnly: true, run: describeTasks },
  ListTasks: { readOnly: true, run: listTasks },
  StopTask: { readOnly: false, run: stopTask },
};
