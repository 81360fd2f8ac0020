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
  return pool && fargateRefusal(state, pool, cpuUnitsOf(sizeText(plan.overrides.task.cpu ?? plan.taskDefinition.cpu)));
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
  const { subnets, securityGroups, assignPublicIp } = plan.network;
  const subnetId = awsvpc ? subnets[parseInt(taskId.slice(0, 8), 16) % subnets.length] : undefined;
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

