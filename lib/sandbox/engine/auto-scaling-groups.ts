/**
 * Simulated EC2 Auto Scaling groups, the capacity behind an ECS Auto Scaling group capacity provider. The sandbox has
 * no Auto Scaling API: these DojoSandbox operations stand in for the few calls a lesson needs of one.
 *
 * | Operation                   | Input                                                                 | Output |
 * |-----------------------------|-----------------------------------------------------------------------|--------|
 * | `CreateAutoScalingGroup`    | `{"name", "instanceType", "min", "max", "desired", "availabilityZones"?, "cluster"?, "newInstancesProtectedFromScaleIn"?}` | `{"autoScalingGroupArn", "autoScalingGroup"}` |
 * | `UpdateAutoScalingGroup`    | `{"name", "min"?, "max"?, "desired"?}` (what `aws autoscaling update-auto-scaling-group` sets) | `{"autoScalingGroup"}` |
 * | `DescribeAutoScalingGroups` | `{"names"?}`                                                          | `{"autoScalingGroups": [...]}`, each with its instances and recent activities |
 *
 * A group launches instances up to its desired capacity (Availability Zones kept balanced) and terminates them down to
 * it. A launched instance's ECS agent registers it in `cluster` (what ECS_CLUSTER in a launch template's user data
 * says; "default" without it, as the agent does) MANAGED_SCALING.instanceBootMs later (managed-scaling.ts). A terminated
 * instance's tasks stop with "Host EC2 (instance <id>) terminated." ([observed]/DG list, ecs-behavior.md §4.2) and its
 * container instance is deregistered. Scale-in never terminates an instance protected from scale-in; which unprotected
 * one goes follows the default termination policy: from the zone with the most instances, the oldest first ([AWS-doc]
 * ec2/userguide/ec2-auto-scaling-termination-policies: zone balance, then the oldest launch template; [inferred]: the
 * sandbox has one launch template, so the oldest instance stands in for it).
 */
import { containerInstanceArn } from "./arns";
import { DEFAULT_CLUSTER } from "./clusters";
import { invalidParameter } from "./errors";
import { nextHex, nextUuid } from "./ids";
import { optBoolean, optInteger, optString, optStringList, type Input } from "./input";
import { instanceTypes, registeredResourcesOf } from "./instance-types";
import { stopTaskAs } from "./lifecycle";
import { availabilityZones } from "./network";
import type { Operation } from "./operation";
import type { AutoScalingGroupRecord, AutoScalingInstance, SandboxState } from "./state";
import { schedule } from "./timers";
import { epochSeconds } from "./wire";

/** Every tunable number of the simulated groups, with its source. */
export const AUTO_SCALING = {
  /** [inferred] EC2 launch to the ECS agent registering the instance (ECS-optimized AMI): about a minute. */
  instanceBootMs: 60_000,
  /** [AWS-doc] Auto Scaling quotas: the sandbox keeps groups small (it simulates every instance). */
  maxSize: 50,
  /** Activities kept per group (DescribeScalingActivities shows the recent ones). */
  activitiesKept: 20,
} as const;

const GROUP_NAME = /^[\w .:/@+=-]{1,255}$/;
/** [AWS-doc] ASG ARNs: `arn:aws:autoscaling:<region>:<account>:autoScalingGroup:<uuid>:autoScalingGroupName/<name>`. */
const groupArn = (state: SandboxState, name: string) =>
  `arn:aws:autoscaling:${state.region}:${state.accountId}:autoScalingGroup:${nextUuid(state, "asg")}:autoScalingGroupName/${name}`;

export const TERMINATED_HOST = (ec2InstanceId: string) => `Host EC2 (instance ${ec2InstanceId}) terminated.`;

/** The group an Auto Scaling group ARN names, if the sandbox has it. */
export function groupOfArn(state: SandboxState, arn: string): AutoScalingGroupRecord | undefined {
  return Object.values(state.autoScalingGroups ?? {}).find((g) => g.arn === arn);
}

/** The capacity provider (ACTIVE) whose group this is, by name. */
export function providerOfGroup(state: SandboxState, group: AutoScalingGroupRecord): string | undefined {
  const provider = Object.values(state.capacityProviders ?? {}).find(
    (p) => p.status === "ACTIVE" && p.autoScalingGroupProvider?.autoScalingGroupArn === group.arn,
  );
  return provider?.name;
}

function record(group: AutoScalingGroupRecord, atMs: number, description: string): void {
  group.activities.push({ atMs, description });
  if (group.activities.length > AUTO_SCALING.activitiesKept) group.activities.splice(0, group.activities.length - AUTO_SCALING.activitiesKept);
}

function readSizes(input: Input, current?: AutoScalingGroupRecord): { minSize: number; maxSize: number; desiredCapacity: number } {
  const minSize = optInteger(input, "min") ?? current?.minSize;
  const maxSize = optInteger(input, "max") ?? current?.maxSize;
  if (minSize === undefined || maxSize === undefined) throw invalidParameter("min and max are required: the group's minimum and maximum number of instances.");
  const desiredCapacity = optInteger(input, "desired") ?? current?.desiredCapacity ?? minSize;
  if (minSize < 0 || maxSize > AUTO_SCALING.maxSize || minSize > maxSize) {
    throw invalidParameter(`min and max must satisfy 0 <= min <= max <= ${AUTO_SCALING.maxSize} (the sandbox simulates every instance).`);
  }
  // [AWS-doc] Auto Scaling's own rule; its ValidationError wording is not ECS's, so the sandbox says what to change.
  if (desiredCapacity < minSize || desiredCapacity > maxSize) throw invalidParameter("desired must be between min and max.");
  return { minSize, maxSize, desiredCapacity };
}

function createAutoScalingGroup(state: SandboxState, input: Input, clockMs: number): object {
  const name = optString(input, "name");
  if (!name || !GROUP_NAME.test(name)) throw invalidParameter("name is required: 1 to 255 letters, digits and the characters _ .:/@+=- .");
  const groups = (state.autoScalingGroups ??= {});
  if (groups[name]) throw invalidParameter(`An Auto Scaling group named ${name} already exists. Choose another name, or change it with DojoSandbox.UpdateAutoScalingGroup.`);
  const instanceType = optString(input, "instanceType") ?? "";
  if (!registeredResourcesOf(instanceType)) throw invalidParameter(`instanceType must be one the sandbox simulates: ${instanceTypes().join(", ")}.`);
  const zones = availabilityZones(state.region);
  const chosen = optStringList(input, "availabilityZones") ?? zones;
  const unknown = chosen.find((z) => !zones.includes(z));
  if (chosen.length === 0 || unknown !== undefined) throw invalidParameter(`availabilityZones must be some of ${zones.join(", ")}.`);
  const group: AutoScalingGroupRecord = {
    name,
    arn: groupArn(state, name),
    instanceType,
    ...readSizes(input),
    availabilityZones: [...new Set(chosen)],
    cluster: optString(input, "cluster") ?? DEFAULT_CLUSTER,
    newInstancesProtectedFromScaleIn: optBoolean(input, "newInstancesProtectedFromScaleIn") ?? false,
    instances: [],
    activities: [],
  };
  groups[name] = group;
  converge(state, group, clockMs, `a user request created an AutoScalingGroup`);
  return { autoScalingGroupArn: group.arn, autoScalingGroup: presentGroup(state, group) };
}

function requireGroup(state: SandboxState, name: string | undefined): AutoScalingGroupRecord {
  const group = name === undefined ? undefined : state.autoScalingGroups?.[name];
  if (!group) throw invalidParameter(`There is no Auto Scaling group named ${name ?? ""}. Create it with DojoSandbox.CreateAutoScalingGroup.`);
  return group;
}

function updateAutoScalingGroup(state: SandboxState, input: Input, clockMs: number): object {
  const group = requireGroup(state, optString(input, "name"));
  Object.assign(group, readSizes(input, group));
  converge(state, group, clockMs, "a user request update of AutoScalingGroup constraints");
  return { autoScalingGroup: presentGroup(state, group) };
}

function describeAutoScalingGroups(state: SandboxState, input: Input): object {
  const names = optStringList(input, "names");
  const groups = Object.values(state.autoScalingGroups ?? {}).filter((g) => names === undefined || names.includes(g.name));
  return { autoScalingGroups: groups.map((g) => presentGroup(state, g)) };
}

/** A group as DescribeAutoScalingGroups shows it (Auto Scaling's member names). */
export function presentGroup(state: SandboxState, group: AutoScalingGroupRecord): object {
  return {
    AutoScalingGroupName: group.name,
    AutoScalingGroupARN: group.arn,
    MinSize: group.minSize,
    MaxSize: group.maxSize,
    DesiredCapacity: group.desiredCapacity,
    AvailabilityZones: group.availabilityZones,
    NewInstancesProtectedFromScaleIn: group.newInstancesProtectedFromScaleIn,
    Instances: group.instances.map((i) => ({
      InstanceId: i.instanceId,
      InstanceType: group.instanceType,
      AvailabilityZone: i.availabilityZone,
      LifecycleState: "InService",
      HealthStatus: "Healthy",
      ProtectedFromScaleIn: i.protectedFromScaleIn,
      ...(i.containerInstanceId ? { ContainerInstanceArn: containerInstanceArn(state, group.cluster, i.containerInstanceId) } : {}),
    })),
    Activities: [...group.activities].reverse().map((a) => ({ StartTime: epochSeconds(a.atMs), Description: a.description, StatusCode: "Successful" })),
  };
}

/** The zone of the group with the fewest instances (first of the group's list among equals): where the next one goes. */
function nextZone(group: AutoScalingGroupRecord): string {
  const count = (zone: string) => group.instances.filter((i) => i.availabilityZone === zone).length;
  return group.availabilityZones.reduce((best, zone) => (count(zone) < count(best) ? zone : best));
}

/**
 * Which instance scale-in takes: an unprotected one (isProtected decides) from the zone with the most instances, the
 * oldest there; undefined when every instance is protected.
 */
function scaleInVictim(group: AutoScalingGroupRecord, isProtected: (instance: AutoScalingInstance) => boolean): AutoScalingInstance | undefined {
  const open = group.instances.filter((i) => !isProtected(i));
  if (open.length === 0) return undefined;
  const perZone = (zone: string) => group.instances.filter((i) => i.availabilityZone === zone).length;
  const crowded = Math.max(...open.map((i) => perZone(i.availabilityZone)));
  return open.find((i) => perZone(i.availabilityZone) === crowded);
}

/**
 * Launches or terminates instances until the group has its desired capacity; `cause` goes into the activities as
 * Auto Scaling words it ([observed] "Launching a new EC2 instance: i-…" / "Terminating EC2 instance: i-…").
 * `isProtected` (managed termination protection: instances running tasks) adds to each instance's own protection.
 * Returns the desired capacity it settled on: scale-in stops at the protected instances.
 */
export function converge(
  state: SandboxState,
  group: AutoScalingGroupRecord,
  atMs: number,
  cause: string,
  isProtected: (instance: AutoScalingInstance) => boolean = () => false,
): number {
  while (group.instances.length < group.desiredCapacity) {
    const instance: AutoScalingInstance = {
      instanceId: `i-${nextHex(state, "asg-instance", 17)}`,
      availabilityZone: nextZone(group),
      launchedAtMs: atMs,
      protectedFromScaleIn: group.newInstancesProtectedFromScaleIn,
    };
    group.instances.push(instance);
    record(group, atMs, `Launching a new EC2 instance: ${instance.instanceId}. Cause: ${cause}.`);
    schedule(state, `asg:${group.name}|${instance.instanceId}`, "instance-registered", atMs + AUTO_SCALING.instanceBootMs);
  }
  while (group.instances.length > group.desiredCapacity) {
    const victim = scaleInVictim(group, (i) => i.protectedFromScaleIn || isProtected(i));
    if (!victim) {
      group.desiredCapacity = group.instances.length;
      break;
    }
    terminate(state, group, victim, atMs);
    record(group, atMs, `Terminating EC2 instance: ${victim.instanceId}. Cause: ${cause}.`);
  }
  return group.desiredCapacity;
}

/** The instance goes: its container instance is deregistered and its tasks stop (the host is gone). */
function terminate(state: SandboxState, group: AutoScalingGroupRecord, instance: AutoScalingInstance, atMs: number): void {
  group.instances = group.instances.filter((i) => i !== instance);
  const container = instance.containerInstanceId ? state.containerInstances[instance.containerInstanceId] : undefined;
  if (!container || container.instance.status === "INACTIVE") return;
  for (const taskId of [...container.taskIds]) {
    // [inferred] ServiceSchedulerInitiated: ecs-behavior.md §4.2 leaves the code of a task whose host went open.
    if (state.tasks[taskId]?.desiredStatus === "RUNNING") stopTaskAs(state, taskId, "ServiceSchedulerInitiated", TERMINATED_HOST(instance.instanceId), atMs);
  }
  container.instance.status = "INACTIVE";
  container.instance.agentConnected = false;
  container.instance.version = (container.instance.version ?? 0) + 1;
}

export const autoScalingGroupOperations: Record<string, Operation> = {
  CreateAutoScalingGroup: { readOnly: false, run: createAutoScalingGroup },
  UpdateAutoScalingGroup: { readOnly: false, run: updateAutoScalingGroup },
  DescribeAutoScalingGroups: { readOnly: true, run: describeAutoScalingGroups },
};
