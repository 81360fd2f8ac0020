import type {
  DescribeTasksResponse,
  ListTasksResponse,
  RunTaskResponse,
  StartTaskResponse,
  StopTaskResponse,
  Tag,
} from "@aws-sdk/client-ecs";
import type { Account } from "./account";
import { resourceOf, taskArn, taskIdOf } from "./arns";
import { placementsFor, readLaunchChoice } from "./capacity";
import { findContainerInstance } from "./container-instances";
import { requireCluster } from "./clusters";
import { clientException, EcsError, invalidParameter } from "./errors";
import { MANAGED_SCALING, PROVISIONING_LIMIT_MESSAGE, waitingInCluster } from "./managed-scaling";
import { optBoolean, optEnum, optInteger, optObjectList, optString, optStringList, type Input } from "./input";
import { stopTaskAs } from "./lifecycle";
import {
  firstFailure,
  place,
  PLACEMENT_FAILURES,
  readConstraints,
  readStrategies,
  reservationOf,
  RUN_TASK_DEFAULT_STRATEGY,
  type PlacementRequest,
} from "./placement";
import type { Operation } from "./operation";
import { paginate } from "./pagination";
import { API_LIMITS, ECS_QUOTAS, FARGATE_REFUSALS, SANDBOX_ERRORS } from "./quotas";
import { roomForTasks } from "./sandbox-bounds";
import type { SandboxState, WireCluster, WireTask, WireTaskDefinition } from "./state";
import { readTags } from "./tags";
import { checkPlatformVersion, createTask, fargateRefusalFor, readAwsvpc, readOverrides } from "./task-creation";
import { requireRunnableTaskDefinition } from "./task-definitions";
import { roleRefusalOf } from "./task-roles";
import type { Wire } from "./wire";

const STARTED_BY = /^[A-Za-z0-9/_-]{1,128}$/;
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

/** Checks and defaults shared by RunTask and StartTask; `fargate` says which launch type the tasks use. */
function readTaskRequest(state: SandboxState, input: Input, cluster: WireCluster, taskDefinition: WireTaskDefinition, fargate: boolean, account: Account) {
  if (fargate && !taskDefinition.compatibilities?.includes("FARGATE")) {
    throw invalidParameter("Task definition does not support launch_type FARGATE.");
  }
  const network = readAwsvpc(input, taskDefinition);
  const refusal = roleRefusalOf(state, taskDefinition, account);
  if (refusal) throw new EcsError("ClientException", refusal);
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
    network,
    overrides: readOverrides(input, taskDefinition),
    platformVersion,
    group: optString(input, "group") ?? `family:${family}`,
    startedBy,
    tags: readTaskTags(input, taskDefinitionTags, cluster),
    enableExecuteCommand: optBoolean(input, "enableExecuteCommand") ?? false,
  };
}

/** RunTask and StartTask start all their tasks or none: a sandbox without room for them refuses the call. */
function requireRoomForTasks(state: SandboxState, count: number): void {
  if (roomForTasks(state, count) < count) throw SANDBOX_ERRORS.tasks();
}

function runTask(state: SandboxState, input: Input, clockMs: number, account: Account): Wire<RunTaskResponse> {
  const cluster = requireCluster(state, optString(input, "cluster"));
  const taskDefinition = requireRunnableTaskDefinition(state, optString(input, "taskDefinition"));
  const count = optInteger(input, "count") ?? 1;
  if (count < 1 || count > ECS_QUOTAS.tasksPerRunTask) throw invalidParameter(`count must be between 1 and ${ECS_QUOTAS.tasksPerRunTask}.`);
  const placements = placementsFor(readLaunchChoice(cluster, input), count);
  const fargate = placements[0].launchType === "FARGATE";
  const base = readTaskRequest(state, input, cluster, taskDefinition, fargate, account);
  if (fargate) {
    if (input.placementConstraints != null || input.placementStrategy != null) {
      throw invalidParameter("Task placement constraints and strategies are not supported for tasks using the Fargate launch type.");
    }
    requireRoomForTasks(state, count);
    // Tasks over the account's Fargate vCPU quota are not started; each comes back as a failure, like a placement one.
    const response: Wire<RunTaskResponse> = { tasks: [], failures: [] };
    for (const placement of placements) {
      const refusal = fargateRefusalFor(state, { ...base, placement });
      if (refusal) response.failures!.push({ reason: FARGATE_REFUSALS[refusal].failure });
      else response.tasks!.push(createTask(state, { ...base, placement }, clockMs));
    }
    return response;
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
  requireRoomForTasks(state, count);
  const response: Wire<RunTaskResponse> = { tasks: [], failures: [] };
  if (placements[0].capacityProviderName !== undefined) {
    // Through Auto Scaling group capacity providers: what does not fit waits in PROVISIONING (managed-scaling.ts).
    if (waitingInCluster(state, cluster.clusterArn!) + count > MANAGED_SCALING.provisioningTasksPerCluster) throw clientException(PROVISIONING_LIMIT_MESSAGE);
    for (const placement of placements) {
      const [result] = place(state, { ...request, count: 1, capacityProviderName: placement.capacityProviderName }, (instance) => {
        response.tasks!.push(createTask(state, { ...base, placement }, clockMs, instance));
      });
      if (!result?.placed) response.tasks!.push(createTask(state, { ...base, placement }, clockMs));
    }
    return response;
  }
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
export function findTask(state: SandboxState, cluster: WireCluster, ref: string): WireTask | undefined {
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
  if (refs.length > API_LIMITS.describeTasks) throw invalidParameter(`A maximum of ${API_LIMITS.describeTasks} tasks can be described at once.`);
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
function startTaskOn(state: SandboxState, input: Input, clockMs: number, account: Account): Wire<StartTaskResponse> {
  const cluster = requireCluster(state, optString(input, "cluster"));
  const taskDefinition = requireRunnableTaskDefinition(state, optString(input, "taskDefinition"));
  const refs = optStringList(input, "containerInstances") ?? [];
  if (refs.length === 0) throw invalidParameter("Container instances cannot be empty.");
  if (refs.length > ECS_QUOTAS.containerInstancesPerStartTask) {
    throw invalidParameter(`A maximum of ${ECS_QUOTAS.containerInstancesPerStartTask} container instances can be specified.`);
  }
  const base = readTaskRequest(state, input, cluster, taskDefinition, false, account);
  requireRoomForTasks(state, refs.length);
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
  // New standalone tasks only take capacity: no service waiting for some can start sooner for it.
  RunTask: { readOnly: false, touchesOwn: true, run: runTask },
  StartTask: { readOnly: false, touchesOwn: true, run: startTaskOn },
  DescribeTasks: { readOnly: true, run: describeTasks },
  ListTasks: { readOnly: true, run: listTasks },
  // What a stop frees is freed once the task is STOPPED, by a timer that touches every service.
  StopTask: { readOnly: false, touchesOwn: true, run: stopTask },
};
