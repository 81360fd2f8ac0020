/**
 * Creating a task, the same for RunTask, StartTask and services: its containers, its ENI attachment (awsvpc) in
 * one of the given subnets, its instance's resources (EC2), and the start of its lifecycle.
 */
import type { Tag } from "@aws-sdk/client-ecs";
import { containerArn, taskArn } from "./arns";
import type { Placement } from "./capacity";
import { attributeOf } from "./container-instances";
import { EcsError, invalidParameter } from "./errors";
import { cpuUnitsOf, fargateRefusal, holdFargate, poolOf, type FargateRefusal } from "./fargate-quota";
import { nextHex, nextUuid } from "./ids";
import { optEnum, optObject, optObjectList, optString, optStringList, type Input } from "./input";
import { startTask } from "./lifecycle";
import { availabilityZoneOf } from "./network";
import { isImpaired } from "./impaired-zones";
import { peek } from "./transition";
import { zoneOfSubnet } from "../services/ec2/network";
import { reservationOf, reserve } from "./placement";
import { API_LIMITS, ECS_QUOTAS, QUOTA_ERRORS } from "./quotas";
import type { ContainerInstanceRecord, SandboxState, WireCluster, WireTask, WireTaskDefinition } from "./state";
import { epochSeconds } from "./wire";

type WireContainer = NonNullable<WireTask["containers"]>[number];

const FARGATE_PLATFORM_VERSIONS = ["LATEST", "1.4.0", "1.3.0"];
const LATEST_LINUX_PLATFORM = "1.4.0";
const LATEST_WINDOWS_PLATFORM = "1.0.0";
const DEFAULT_EPHEMERAL_GIB = 20;

/** The platformVersion of a RunTask/CreateService/UpdateService request, when given, must exist. */
export function checkPlatformVersion(platformVersion: string | undefined): void {
  if (platformVersion !== undefined && !FARGATE_PLATFORM_VERSIONS.includes(platformVersion)) {
    throw new EcsError("PlatformUnknownException", "The specified platform version doesn't exist.");
  }
}

export interface AwsvpcConfiguration {
  subnets: string[];
  securityGroups: string[];
  assignPublicIp?: "ENABLED" | "DISABLED";
}

/** RunTask's network checks for an awsvpc task definition, in AWS's words where they are known. */
export function readAwsvpc(input: Input, taskDefinition: WireTaskDefinition): AwsvpcConfiguration {
  const networkConfiguration = optObject(input, "networkConfiguration");
  const awsvpc = networkConfiguration ? optObject(networkConfiguration, "awsvpcConfiguration") : undefined;
  if (taskDefinition.networkMode !== "awsvpc") {
    if (networkConfiguration) {
      throw invalidParameter("Network Configuration is not valid for the given networkMode of this task definition.");
    }
    return { subnets: [], securityGroups: [] };
  }
  if (!awsvpc) throw invalidParameter("Network Configuration must be provided when networkMode 'awsvpc' is specified.");
  const subnets = optStringList(awsvpc, "subnets") ?? [];
  const securityGroups = optStringList(awsvpc, "securityGroups") ?? [];
  const assignPublicIp = optEnum(awsvpc, "assignPublicIp", ["ENABLED", "DISABLED"] as const);
  if (subnets.length === 0) throw invalidParameter("subnets can not be empty.");
  if (subnets.length > ECS_QUOTAS.subnetsPerAwsvpcConfiguration) {
    throw invalidParameter(`A maximum of ${ECS_QUOTAS.subnetsPerAwsvpcConfiguration} subnets can be specified.`);
  }
  if (securityGroups.length > ECS_QUOTAS.securityGroupsPerAwsvpcConfiguration) {
    throw invalidParameter(`A maximum of ${ECS_QUOTAS.securityGroupsPerAwsvpcConfiguration} security groups can be specified.`);
  }
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
  return { subnets, securityGroups, ...(assignPublicIp ? { assignPublicIp } : {}) };
}

export type ContainerOverride = Input & { name: string };

export function readOverrides(input: Input, taskDefinition: WireTaskDefinition): { task: Input; containers: ContainerOverride[] } {
  const task = optObject(input, "overrides") ?? {};
  // Every task of the request stores them: AWS's cap on their size also caps what a RunTask call can store.
  if (JSON.stringify(task).length > API_LIMITS.overridesCharacters) throw QUOTA_ERRORS.overrides();
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

const sizeText = (value: unknown) => (value === undefined || value === null ? undefined : String(value));

export interface TaskPlan {
  cluster: WireCluster;
  taskDefinition: WireTaskDefinition;
  placement: Placement;
  /** Empty subnets: not awsvpc. */
  network: AwsvpcConfiguration;
  overrides: { task: Input; containers: ContainerOverride[] };
  platformVersion: string;
  group: string;
  startedBy?: string;
  tags: Tag[];
  enableExecuteCommand: boolean;
  /** Service tasks: which service owns the task (its startedBy is the deployment id). */
  serviceKey?: string;
}

/** Why Fargate would not start this task now (the account's vCPU quota); undefined when it fits or runs on EC2. */
export function fargateRefusalFor(state: SandboxState, plan: TaskPlan): FargateRefusal | undefined {
  const pool = poolOf({ launchType: plan.placement.launchType, capacityProviderName: plan.placement.capacityProviderName });
  if (pool && noUsableZone(state, plan)) return "zone";
  return pool && fargateRefusal(state, pool, cpuUnitsOf(sizeText(plan.overrides.task.cpu ?? plan.taskDefinition.cpu)));
}

/** A subnet's Availability Zone: the sandbox VPC's, else one derived from the id (made-up subnets in lessons and tests). */
export function zoneOf(state: SandboxState, subnetId: string): string {
  return zoneOfSubnet(state, subnetId) ?? availabilityZoneOf(state.region, subnetId);
}

/**
 * The subnet of a new awsvpc task, never one in an impaired Availability Zone (impaired-zones.ts) while another is
 * given. A service's task goes to the zone where the service runs the fewest tasks, as Fargate spreads a service over
 * its subnets' zones (service-rebalancing: "a best effort to evenly distribute service tasks across the available
 * Availability Zones"); among equals, and for standalone tasks, the task id decides, stably.
 */
function subnetFor(state: SandboxState, plan: TaskPlan, taskId: string): string {
  const { subnets } = plan.network;
  const usable = subnets.filter((s) => !isImpaired(state, zoneOf(state, s)));
  let candidates = usable.length > 0 ? usable : subnets;
  const record = plan.serviceKey === undefined ? undefined : state.services[plan.serviceKey];
  if (record && new Set(candidates.map((s) => zoneOf(state, s))).size > 1) {
    const perZone = zoneCounts(state, plan.serviceKey!, record.taskIds);
    const countOf = (s: string) => perZone.get(zoneOf(state, s)) ?? 0;
    const fewest = Math.min(...candidates.map(countOf));
    candidates = candidates.filter((s) => countOf(s) === fewest);
  }
  const chosen = candidates[parseInt(taskId.slice(0, 8), 16) % candidates.length];
  if (record) {
    const counts = zoneCounts(state, plan.serviceKey!, record.taskIds);
    counts.set(zoneOf(state, chosen), (counts.get(zoneOf(state, chosen)) ?? 0) + 1);
  }
  return chosen;
}

/**
 * A service's live tasks per zone, counted once per scheduler instant and kept up to date as its tasks are created
 * (a 1,000-task launch would otherwise count the service's tasks 1,000 times). Kept per transition (the draft) and
 * instant; a stop within the same instant after the count leaves it one high there, which only nudges the spread.
 */
const zoneCountCache = new WeakMap<SandboxState, Map<string, { atMs: number; counts: Map<string, number> }>>();

function zoneCounts(state: SandboxState, serviceKey: string, taskIds: readonly string[]): Map<string, number> {
  let byService = zoneCountCache.get(state);
  if (!byService) zoneCountCache.set(state, (byService = new Map()));
  const cached = byService.get(serviceKey);
  if (cached && cached.atMs === state.clock.simMs) return cached.counts;
  const counts = new Map<string, number>();
  for (const id of taskIds) {
    const task = peek(state.tasks, id);
    if (task?.desiredStatus === "RUNNING" && task.availabilityZone) counts.set(task.availabilityZone, (counts.get(task.availabilityZone) ?? 0) + 1);
  }
  byService.set(serviceKey, { atMs: state.clock.simMs, counts });
  return counts;
}

/** Whether every subnet of an awsvpc plan is in an impaired zone: Fargate has no capacity for it (quotas.ts). */
export function noUsableZone(state: SandboxState, plan: TaskPlan): boolean {
  const { subnets } = plan.network;
  return subnets.length > 0 && subnets.every((s) => isImpaired(state, zoneOf(state, s)));
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
  const { securityGroups, assignPublicIp } = plan.network;
  const subnetId = awsvpc ? subnetFor(state, plan, taskId) : undefined;
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
    availabilityZone: instance ? attributeOf(instance, "ecs.availability-zone") : zoneOf(state, subnetId!),
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
  holdFargate(state, task);
  state.tasks[taskId] = task;
  const note = {
    ...(plan.serviceKey ? { serviceKey: plan.serviceKey, deploymentId: plan.startedBy } : {}),
    ...(subnetId ? { awsvpc: { securityGroups, ...(assignPublicIp ? { assignPublicIp } : {}) } } : {}),
  };
  if (Object.keys(note).length > 0) state.taskNotes[taskId] = note;
  if (instance) reserve(state, instance, taskId, reservationOf(taskDefinition));
  startTask(state, taskId, clockMs);
  return task;
}

