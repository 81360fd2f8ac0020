/**
 * Auto Scaling group capacity providers at work (ecs-behavior.md §6.3; [AWS-doc] developerguide/cluster-auto-scaling):
 *
 * - A task placed through such a provider runs only on its group's instances; while none has room it waits in
 *   PROVISIONING without an instance (task-creation.ts createTask) and is placed once one has (this module, every
 *   instant the group changes and every minute).
 * - Each minute ECS computes CapacityProviderReservation = M / N × 100 for each provider associated with a cluster:
 *   N the group's instances, M the instances its tasks need — those running a non-daemon task, or, while tasks wait,
 *   every instance plus the ones the waiting tasks would fill (packed onto empty instances of the group's type), less
 *   the instances still starting or warming up (instanceWarmupPeriod), which are on their way. N = 0: 200 while
 *   tasks wait, else 100. [AWS-doc] for the formula and its zero case; [inferred] the packing estimate.
 * - Managed scaling (status ENABLED) holds the metric at targetCapacity: above it the group grows to
 *   ceil(M × 100 / target) instances — from zero instances to ceil(200 / target), as a target tracking policy does with
 *   the 200 % ([observed] aws/containers-roadmap#1716: "at least 2 instances being launched" at target 100) — by at least
 *   minimumScalingStepSize and at most maximumScalingStepSize at a time, never past its max size; below it for MANAGED_SCALING.scaleInAfterMs the group shrinks to that size (never below its
 *   min). ECS never changes min or max.
 * - An instance its group launched before the group had a capacity provider is not the provider's ([observed]
 *   terraform-provider-aws#12582): create the group empty, or the provider within the instances' boot time.
 * - Managed termination protection (ENABLED) keeps every instance that runs a non-daemon task protected from scale-in,
 *   so scale-in terminates empty instances only; without it scale-in may take an instance with tasks, which stop.
 * - CloudWatch shows the metric (namespace AWS/ECS/ManagedScaling, dimensions ClusterName and CapacityProviderName;
 *   services/cloudwatch/metrics.ts) while managed scaling is on.
 */
import { AUTO_SCALING, converge, providerOfGroup } from "./auto-scaling-groups";
import { registerGroupInstance } from "./container-instances";
import { attachToInstance } from "./task-creation";
import { registeredResourcesOf, taskEniSlotsOf } from "./instance-types";
import { idOfInstance, place, reservationOf, SERVICE_DEFAULT_STRATEGY, RUN_TASK_DEFAULT_STRATEGY } from "./placement";
import type { AutoScalingGroupRecord, AutoScalingInstance, Reservation, SandboxState, Timer, WireCapacityProvider, WireTask } from "./state";
import { findTaskDefinition } from "./task-definitions";
import { scheduleOnce } from "./timers";
import { peek } from "./transition";

/** Every tunable number of managed scaling, with its source. */
export const MANAGED_SCALING = {
  /** [AWS-doc] ECS publishes CapacityProviderReservation once a minute. */
  periodMs: 60_000,
  /**
   * [observed] The managed low alarm wants 15 datapoints in 15 minutes; users see "around ~15 min to scale in an
   * instance" (aws/containers-roadmap#653).
   */
  scaleInAfterMs: 15 * 60_000,
  /** Reservation change points kept per group: a day of minutes. */
  reservationPointsKept: 1_440,
  /** [inferred] ecs-behavior.md §6.3: tasks that may wait in PROVISIONING per cluster. */
  provisioningTasksPerCluster: 500,
} as const;

/** [observed] ecs-behavior.md §1.2: RunTask over the PROVISIONING quota. */
export const PROVISIONING_LIMIT_MESSAGE = "Tasks provisioning capacity limit exceeded.";

const nextMinute = (atMs: number) => (Math.floor(atMs / MANAGED_SCALING.periodMs) + 1) * MANAGED_SCALING.periodMs;

/** Makes the provider's next minute happen (it stops ticking once nothing is left to do). */
export function scheduleCapacityCheck(state: SandboxState, providerName: string, atMs: number): void {
  scheduleOnce(state, `capacity:${providerName}`, "capacity-check", nextMinute(atMs));
}

/** Whether a provider name is an Auto Scaling group capacity provider's (not Fargate's). */
export function isGroupProvider(state: SandboxState, name: string | undefined): boolean {
  return name !== undefined && state.capacityProviders?.[name]?.type === "EC2_AUTOSCALING";
}

function groupOf(state: SandboxState, provider: WireCapacityProvider): AutoScalingGroupRecord | undefined {
  const arn = provider.autoScalingGroupProvider?.autoScalingGroupArn;
  return Object.values(state.autoScalingGroups ?? {}).find((g) => g.arn === arn);
}

/** The ACTIVE cluster the provider is associated with. */
function clusterOf(state: SandboxState, providerName: string): string | undefined {
  return Object.values(state.clusters).find((c) => c.status === "ACTIVE" && (c.capacityProviders ?? []).includes(providerName))?.clusterName;
}

/** The tasks waiting in PROVISIONING for the provider's capacity, oldest first. */
export function waitingTasks(state: SandboxState, providerName: string, clusterArn?: string): string[] {
  return Object.keys(state.tasks).filter((id) => {
    const task = peek(state.tasks, id)!;
    return (
      task.capacityProviderName === providerName &&
      task.desiredStatus === "RUNNING" &&
      (clusterArn === undefined || task.clusterArn === clusterArn) &&
      peek(state.taskNotes, id)?.awaitingCapacity === true
    );
  });
}

/** Tasks of a cluster waiting for any provider's capacity (the PROVISIONING quota counts them). */
export function waitingInCluster(state: SandboxState, clusterArn: string): number {
  return Object.keys(state.tasks).filter((id) => {
    const task = peek(state.tasks, id)!;
    return task.clusterArn === clusterArn && task.desiredStatus === "RUNNING" && peek(state.taskNotes, id)?.awaitingCapacity === true;
  }).length;
}

/** Places the provider's waiting tasks that now fit on its group's instances; returns how many it placed. */
export function placeWaitingTasks(state: SandboxState, providerName: string, atMs: number): number {
  let placed = 0;
  for (const taskId of waitingTasks(state, providerName)) {
    const task = state.tasks[taskId];
    const definition = findTaskDefinition(state, task.taskDefinitionArn!)?.taskDefinition;
    if (!definition) continue;
    const service = state.taskNotes[taskId]?.serviceKey === undefined ? undefined : state.services[state.taskNotes[taskId].serviceKey!]?.service;
    const strategies = service ? (service.placementStrategy?.length ? service.placementStrategy : SERVICE_DEFAULT_STRATEGY) : RUN_TASK_DEFAULT_STRATEGY;
    const clusterName = task.clusterArn!.slice(task.clusterArn!.lastIndexOf("/") + 1);
    // [inferred] A waiting task keeps its strategies but not its placement constraints (they are checked when it is created).
    const [result] = place(state, { clusterName, reservation: reservationOf(definition), constraints: [], strategies, group: task.group!, count: 1, capacityProviderName: providerName }, (instance) =>
      attachToInstance(state, taskId, instance, atMs),
    );
    if (result?.placed) placed += 1;
  }
  return placed;
}

/** How many empty instances of the type the reservations fill, first fit by decreasing size; tasks no instance fits are left out. */
function instancesNeeded(instanceType: string, needs: Reservation[]): number {
  const capacity = registeredResourcesOf(instanceType);
  if (!capacity) return 0;
  const eniSlots = taskEniSlotsOf(instanceType);
  const fits = (r: Reservation) => r.cpu <= capacity.cpu && r.memory <= capacity.memory && (r.enis ?? 0) <= eniSlots;
  const bins: { cpu: number; memory: number; enis: number }[] = [];
  for (const need of needs.filter(fits).sort((a, b) => b.memory - a.memory || b.cpu - a.cpu)) {
    let bin = bins.find((b) => b.cpu + need.cpu <= capacity.cpu && b.memory + need.memory <= capacity.memory && b.enis + (need.enis ?? 0) <= eniSlots);
    if (!bin) bins.push((bin = { cpu: 0, memory: 0, enis: 0 }));
    bin.cpu += need.cpu;
    bin.memory += need.memory;
    bin.enis += need.enis ?? 0;
  }
  return bins.length;
}

/** Whether a task counts as using its instance for managed scaling: running or starting, and not a DAEMON service's. */
function usesInstance(state: SandboxState, task: WireTask | undefined, taskId: string): boolean {
  if (!task || task.desiredStatus !== "RUNNING") return false;
  const key = peek(state.taskNotes, taskId)?.serviceKey;
  return key === undefined || peek(state.services, key)?.service.schedulingStrategy !== "DAEMON";
}

function busy(state: SandboxState, instance: AutoScalingInstance): boolean {
  const record = instance.containerInstanceId ? peek(state.containerInstances, instance.containerInstanceId) : undefined;
  return record !== undefined && record.instance.status !== "INACTIVE" && record.taskIds.some((id) => usesInstance(state, peek(state.tasks, id), id));
}

export interface ReservationFigures {
  /** Instances the tasks need (M) and the group has (N). */
  needed: number;
  instances: number;
  /** CapacityProviderReservation, percent. */
  value: number;
  waiting: number;
}

/** CapacityProviderReservation of the provider's group now (see the top). */
export function reservationNow(state: SandboxState, provider: WireCapacityProvider, group: AutoScalingGroupRecord, atMs: number): ReservationFigures {
  const warmupMs = (provider.autoScalingGroupProvider?.managedScaling?.instanceWarmupPeriod ?? 300) * 1000;
  const n = group.instances.length;
  const waiting = waitingTasks(state, provider.name!);
  let m: number;
  if (waiting.length > 0) {
    const needs = waiting.map((id) => reservationOf(findTaskDefinition(state, state.tasks[id].taskDefinitionArn!)?.taskDefinition ?? {}));
    const coming = group.instances.filter((i) => atMs < i.launchedAtMs + Math.max(warmupMs, AUTO_SCALING.instanceBootMs) && !busy(state, i)).length;
    m = n + Math.max(0, instancesNeeded(group.instanceType, needs) - coming);
  } else {
    m = group.instances.filter((i) => busy(state, i)).length;
  }
  const value = n === 0 ? (m > 0 ? 200 : 100) : (m / n) * 100;
  return { needed: m, instances: n, value, waiting: waiting.length };
}

function recordReservation(group: AutoScalingGroupRecord, atMs: number, cluster: string, provider: string, value: number | null): void {
  const points = (group.reservation ??= []);
  const last = points[points.length - 1];
  if (last && last.value === value && last.cluster === cluster && last.provider === provider) return;
  points.push({ atMs, cluster, provider, value });
  if (points.length > MANAGED_SCALING.reservationPointsKept) points.splice(0, points.length - MANAGED_SCALING.reservationPointsKept);
}

/** One minute of a provider: place what fits, publish the metric, scale the group. */
function checkProvider(state: SandboxState, providerName: string, atMs: number): void {
  const provider = state.capacityProviders?.[providerName];
  const group = provider?.status === "ACTIVE" ? groupOf(state, provider) : undefined;
  if (!provider || !group) return;
  placeWaitingTasks(state, providerName, atMs);
  const cluster = clusterOf(state, providerName);
  const settings = provider.autoScalingGroupProvider!;
  const scaling = settings.managedScaling!;
  if (cluster === undefined || scaling.status !== "ENABLED") {
    // ECS removes the metric when managed scaling is turned off or the provider leaves its cluster.
    const last = group.reservation?.[group.reservation.length - 1];
    if (last && last.value !== null) recordReservation(group, atMs, last.cluster, last.provider, null);
    delete group.belowTargetSinceMs;
    if (waitingTasks(state, providerName).length > 0) scheduleCapacityCheck(state, providerName, atMs);
    return;
  }
  const protect = settings.managedTerminationProtection === "ENABLED";
  // Managed termination protection: ECS protects the instances running tasks and lifts it from the empty ones.
  if (protect) for (const instance of group.instances) instance.protectedFromScaleIn = busy(state, instance);
  const figures = reservationNow(state, provider, group, atMs);
  recordReservation(group, atMs, cluster, providerName, figures.value);
  const target = scaling.targetCapacity!;
  const wanted = figures.instances === 0 ? Math.ceil(figures.value / target) : Math.ceil((figures.needed * 100) / target);
  let more = false;
  if (figures.value > target) {
    delete group.belowTargetSinceMs;
    const step = Math.min(Math.max(wanted - figures.instances, scaling.minimumScalingStepSize!), scaling.maximumScalingStepSize!);
    const desired = Math.min(group.maxSize, figures.instances + step);
    if (desired > group.desiredCapacity) {
      group.desiredCapacity = desired;
      converge(state, group, atMs, `a target tracking policy (ECS managed scaling of capacity provider ${providerName}) raised the capacity to ${desired}`);
    }
    more = true;
  } else if (figures.value < target && figures.waiting === 0) {
    group.belowTargetSinceMs ??= atMs;
    const floor = Math.max(group.minSize, wanted);
    if (atMs - group.belowTargetSinceMs >= MANAGED_SCALING.scaleInAfterMs && floor < group.desiredCapacity) {
      group.desiredCapacity = floor;
      converge(state, group, atMs, `a target tracking policy (ECS managed scaling of capacity provider ${providerName}) lowered the capacity to ${floor}`);
      delete group.belowTargetSinceMs;
    }
    // Keep watching while a scale-in could still happen (an instance above the floor that may be terminated).
    more = floor < group.desiredCapacity && group.instances.some((i) => !i.protectedFromScaleIn);
    if (!more) delete group.belowTargetSinceMs;
  } else delete group.belowTargetSinceMs;
  const starting = group.instances.some((i) => i.containerInstanceId === undefined);
  if (more || starting || figures.waiting > 0) scheduleCapacityCheck(state, providerName, atMs);
}

/** An instance's agent registers it in its group's cluster; waiting tasks may go there at once (checkProvider). */
function registerInstance(state: SandboxState, timer: Timer): void {
  const [groupName, instanceId] = timer.id.slice("asg:".length).split("|");
  const group = state.autoScalingGroups?.[groupName];
  const instance = group?.instances.find((i) => i.instanceId === instanceId);
  if (!group || !instance || instance.containerInstanceId) return;
  const providerName = providerOfGroup(state, group);
  const record = registerGroupInstance(
    state,
    group.cluster,
    { instanceType: group.instanceType, availabilityZone: instance.availabilityZone, ec2InstanceId: instance.instanceId, capacityProviderName: providerName },
    timer.atMs,
  );
  if (!record) return;
  instance.containerInstanceId = idOfInstance(record);
  // Waiting tasks are placed in this same instant, once every instance registering now has (so spread sees them all).
  if (providerName) scheduleOnce(state, `capacity:${providerName}`, "capacity-check", timer.atMs);
}

/** Applies a "capacity-check" or "instance-registered" timer (simulation.ts). */
export function applyCapacityTimer(state: SandboxState, timer: Timer): void {
  if (timer.step === "instance-registered") registerInstance(state, timer);
  else checkProvider(state, timer.id.slice("capacity:".length), timer.atMs);
}
