/**
 * Services behind load balancers (ecs-behavior.md §4.1, §4.4, §5.2, §5.6; services/elbv2 through its narrow interface
 * services/elbv2/ecs.ts):
 *
 * - CreateService/UpdateService check each `loadBalancers` entry: a target group that exists and is used by a load
 *   balancer, a target type that fits the task definition's network mode (`ip` for awsvpc), a container and a
 *   container port the task definition has.
 * - A service task whose containers start goes ACTIVATING: the scheduler registers it in each target group (its ENI's
 *   IP and the container port for `ip` groups; its container instance and host port for `instance` groups) and
 *   reports `registered N targets`; ACTIVATION_MS later it is RUNNING.
 * - It counts as healthy (minimumHealthyPercent, deployments completing) only once every target of it is `healthy`.
 * - A RUNNING task one of whose targets is `unhealthy` is replaced once healthCheckGracePeriodSeconds has passed
 *   since it started: the event names the port, target group and reason, the task stops with "Task failed ELB health
 *   checks in (target-group …)".
 * - Stopping a registered task deregisters it first: DEACTIVATING while its targets drain (the target group's
 *   deregistration delay), then STOPPING; the service reports the draining, the deregistration and — for the tasks
 *   it stopped itself — "has stopped N running tasks" once they have drained.
 */
import type { LoadBalancer } from "@aws-sdk/client-ecs";
import { taskIdOf } from "./arns";
import { invalidParameter } from "./errors";
import { addEvent, addTasksEvents, SERVICE_EVENTS } from "./events";
import type { Input } from "./input";
import type { SandboxState, ServiceRecord, TaskLoadBalancing, TaskNote, WireTask, WireTaskDefinition } from "./state";
import { members, reader } from "./transition";
import type { Wire } from "./wire";
import type { Workload } from "./workloads";
import { targetGroupsOf } from "./traffic-shift";
import { subnetById } from "../services/ec2/network";
import {
  anyTargetUnhealthy,
  deregisterTaskTargets,
  registerTaskTargets,
  targetGroupForService,
  targetHealthOf,
  targetIsHealthy,
  targetIsUnhealthy,
  taskEndpointsChanged,
  type TaskTarget,
} from "../services/elbv2/ecs";

/** [inferred] How long a task stays ACTIVATING while ECS registers it (AWS gives no figure; seconds in practice). */
export const ACTIVATION_MS = 2_000;

/** Service event texts (ecs-behavior.md §5.6, [observed] unless marked). */
export const LB_EVENTS = {
  /** No trailing period, as AWS writes it. */
  registered: (service: string, count: number, group: string) => `(service ${service}) registered ${count} targets in (target-group ${group})`,
  deregistered: (service: string, count: number, group: string) => `(service ${service}) deregistered ${count} targets in (target-group ${group})`,
  draining: (service: string, deploymentId: string, count: number) => `(service ${service}, taskSet ${deploymentId}) has begun draining connections on ${count} tasks.`,
  /** [AWS-doc] service-unhealthy-event-messages: the awsvpc (Fargate) form ends with a period, the EC2 form does not. */
  unhealthy: (service: string, taskId: string, port: number, group: string, reason: string, instanceId?: string) =>
    instanceId
      ? `(service ${service}) (task ${taskId}) (instance ${instanceId}) (port ${port}) is unhealthy in (target-group ${group}) due to (reason ${reason})`
      : `(service ${service}) (task ${taskId}) (port ${port}) is unhealthy in (target-group ${group}) due to (reason ${reason}).`,
};

/** [observed] copilot gist (ecs-behavior.md §4.2): the stoppedReason of a task the target group found unhealthy. */
export const elbHealthFailure = (targetGroupArn: string) => `Task failed ELB health checks in (target-group ${targetGroupArn})`;
export const isElbHealthFailure = (reason: string | undefined) => reason?.startsWith("Task failed ELB health checks in (target-group ") === true;

export const LB_ERRORS = {
  /** [observed] Shippable/support#4698, trussworks/terraform-aws-ecs-service#335: a target group ARN ECS cannot find. */
  unknownTargetGroup: () =>
    invalidParameter("Unable to assume role and validate the specified targetGroupArn. Please verify that the ECS service role being passed has the proper permissions."),
  /** [observed] umotif-public/terraform-aws-ecs-fargate#43, cloudposse/terraform-aws-ecs-web-app#226. */
  noLoadBalancer: (arn: string) => invalidParameter(`The target group with targetGroupArn ${arn} does not have an associated load balancer.`),
  /** [observed] riboseinc/terraform-aws-ecs-gitlab#5 (instance/awsvpc); hashicorp/terraform#24266 (ip/bridge). */
  targetType: (arn: string, targetType: string, networkMode: string) =>
    invalidParameter(`The provided target group ${arn} has target type ${targetType}, which is incompatible with the ${networkMode} network mode specified in the task definition.`),
  /** [observed] aws/amazon-ecs-cli#359 (2017). */
  containerNameBlank: () => invalidParameter("Container Name can not be blank."),
  /** [inferred] worded as the container port's. */
  noSuchContainer: (name: string) => invalidParameter(`The container ${name} does not exist in the task definition.`),
  /** [observed] pulumi/pulumi-awsx#1172 (2023). */
  noSuchPort: (name: string, port: number | undefined) => invalidParameter(`The container ${name} did not have a container port ${port} defined.`),
  /** [inferred] the sandbox has no Classic Load Balancers. */
  classic: () => invalidParameter("The ECS Dojo sandbox has no Classic Load Balancers: give a targetGroupArn of an Application or Network Load Balancer."),
};

/** Checks a service's `loadBalancers` against the sandbox's target groups and the task definition (see the top). */
export function checkServiceLoadBalancers(state: SandboxState, loadBalancers: Input[], definition: WireTaskDefinition): void {
  const networkMode = definition.networkMode ?? "bridge";
  for (const entry of loadBalancers) {
    const arn = typeof entry.targetGroupArn === "string" ? entry.targetGroupArn : undefined;
    if (arn === undefined && typeof entry.loadBalancerName === "string") throw LB_ERRORS.classic();
    const name = typeof entry.containerName === "string" ? entry.containerName : "";
    if (name === "") throw LB_ERRORS.containerNameBlank();
    const group = arn === undefined ? undefined : targetGroupForService(state, arn);
    if (!group) throw LB_ERRORS.unknownTargetGroup();
    if (!group.hasLoadBalancer) throw LB_ERRORS.noLoadBalancer(arn!);
    if (networkMode === "awsvpc" ? group.targetType !== "ip" : group.targetType === "ip") throw LB_ERRORS.targetType(arn!, group.targetType, networkMode);
    const container = definition.containerDefinitions?.find((c) => c.name === name);
    if (!container) throw LB_ERRORS.noSuchContainer(name);
    const port = typeof entry.containerPort === "number" ? entry.containerPort : undefined;
    if (port === undefined || !(container.portMappings ?? []).some((m) => m.containerPort === port)) throw LB_ERRORS.noSuchPort(name, port);
  }
}

const serviceOf = (state: SandboxState, note: TaskNote | undefined): ServiceRecord | undefined =>
  note?.serviceKey === undefined ? undefined : state.services[note.serviceKey];

/** The load balancers of the task's service (none for a standalone task). */
export function loadBalancersOfTask(state: SandboxState, taskId: string): Wire<LoadBalancer>[] {
  return serviceOf(state, state.taskNotes[taskId])?.service.loadBalancers ?? [];
}

/**
 * What a container listens on once it runs ([inferred] from the curriculum's catalog, §3.2): web and slowstart serve
 * HTTP on $PORT (80 by default); crash and batch serve nothing; the log router listens for its forward protocol (not
 * HTTP); any other server on the container ports its definition maps (80 without mappings).
 */
export function endpointOf(workload: Workload, environment: Record<string, string>, mappedPorts: number[], startedAtMs: number) {
  const envPort = Number(environment.PORT);
  const own = Number.isInteger(envPort) && envPort > 0 && envPort < 65536 ? envPort : 80;
  const ports = workload.name === "web" || workload.name === "slowstart" ? [own] : workload.name === "crash" || workload.name === "batch" ? [] : workload.name === "fluent-bit" ? [24224] : mappedPorts.length > 0 ? mappedPorts : [80];
  return {
    ports,
    readyAtMs: Number.isFinite(workload.healthyAfterMs) ? startedAtMs + workload.healthyAfterMs : null,
    http: workload.name !== "fluent-bit",
    // What CloudWatch's AWS/ECS metrics are computed from (services/cloudwatch/metrics.ts).
    memoryMiB: workload.ramp ? workload.ramp.targetMiB : workload.memoryMiB,
    ...(workload.cpuMsPerRequest !== undefined ? { cpuMsPerRequest: workload.cpuMsPerRequest } : {}),
    ...(workload.errorShare !== undefined ? { errorShare: workload.errorShare } : {}),
  };
}

/**
 * The containers started: the task's targets (if any were registered by hand) see what now answers. The target index
 * finds them without a look at every target (elbv2/target-index.ts).
 */
export function containersChanged(state: SandboxState, taskId: string, atMs: number): void {
  taskEndpointsChanged(state, taskId, atMs);
}

/**
 * The targets the task is in each of its service's target groups: the group its deployment resolved for each load
 * balancer entry (blue/green: the entry's targetGroupArn or its alternate; traffic-shift.ts).
 */
function targetsOf(state: SandboxState, task: WireTask, loadBalancers: Wire<LoadBalancer>[], groupArns: string[]): TaskTarget[] {
  const targets: TaskTarget[] = [];
  for (const [i, lb] of loadBalancers.entries()) {
    const targetGroupArn = groupArns[i] || lb.targetGroupArn;
    const group = targetGroupArn ? targetGroupForService(state, targetGroupArn) : undefined;
    if (!group || !targetGroupArn || !lb.containerName || lb.containerPort === undefined) continue;
    if (group.targetType === "ip") {
      const details = task.attachments?.find((a) => a.type === "ElasticNetworkInterface")?.details;
      const ip = details?.find((d) => d.name === "privateIPv4Address")?.value;
      const subnetId = details?.find((d) => d.name === "subnetId")?.value;
      const availabilityZone = (subnetId ? subnetById(state, subnetId)?.AvailabilityZone : undefined) ?? task.availabilityZone;
      if (ip) targets.push({ targetGroupArn, id: ip, port: lb.containerPort, availabilityZone });
      continue;
    }
    const instanceId = state.containerInstances[state.taskNotes[taskIdOf(task.taskArn!)]?.instanceId ?? ""]?.instance.ec2InstanceId;
    const binding = task.containers?.find((c) => c.name === lb.containerName)?.networkBindings?.find((b) => b.containerPort === lb.containerPort);
    if (instanceId && binding?.hostPort !== undefined) targets.push({ targetGroupArn, id: instanceId, port: binding.hostPort });
  }
  return targets;
}

/** Whether the task is (or was) registered with a load balancer and its targets are not yet released. */
export function registeredWithLoadBalancer(state: SandboxState, taskId: string): boolean {
  const lb = state.taskNotes[taskId]?.lb;
  return lb !== undefined && lb.registered && lb.targets.length > 0 && lb.drain === undefined;
}

/** Starts draining the task's targets (once); returns how long until the last one is gone. */
export function releaseTargets(state: SandboxState, taskId: string, atMs: number): number {
  const lb = state.taskNotes[taskId]?.lb;
  if (!lb || !lb.registered || lb.targets.length === 0) return 0;
  if (lb.drain) return Math.max(0, lb.drain.untilMs - atMs);
  const drainMs = deregisterTaskTargets(state, lb.targets, atMs);
  lb.drain = { startedAtMs: atMs, untilMs: atMs + drainMs };
  return drainMs;
}

/** Whether every target the task was registered as is healthy (true for a task without load balancers). */
export function targetsHealthy(state: SandboxState, note: TaskNote | undefined): boolean {
  const lb = note?.lb;
  if (!lb) return true;
  return lb.registered && lb.targets.every((t) => targetIsHealthy(state, t));
}

/** The first target of the task (`note`, its note) that its target group marks unhealthy, with the reason's description. */
export function unhealthyTargetOf(state: SandboxState, note: TaskNote | undefined): { target: TaskTarget; description: string } | undefined {
  const lb = note?.lb;
  if (!lb?.registered || lb.drain || !anyTargetUnhealthy(state)) return undefined;
  for (const target of lb.targets) {
    if (targetIsUnhealthy(state, target)) return { target, description: targetHealthOf(state, target)?.description ?? "" };
  }
  return undefined;
}

/** The unhealthy-target event for a task (the EC2 form names its container instance). */
export function unhealthyEvent(state: SandboxState, record: ServiceRecord, taskId: string, target: TaskTarget, description: string): string {
  const instanceId = target.id.startsWith("i-") ? target.id : undefined;
  return LB_EVENTS.unhealthy(record.service.serviceName!, taskId, target.port, target.targetGroupArn, description, instanceId);
}

/**
 * Tasks the scheduler just stopped that drain first: their "has stopped" event waits for the drain (they are marked);
 * the others are returned, to be reported now.
 */
export function stoppedNow(state: SandboxState, taskIds: string[]): string[] {
  return taskIds.filter((id) => {
    const lb = state.taskNotes[id]?.lb;
    if (state.tasks[id]?.lastStatus !== "DEACTIVATING" || !lb) return true;
    lb.announceStop = true;
    return false;
  });
}

const reported = (lb: TaskLoadBalancing, what: string) => lb.reported.includes(what);

/**
 * One scheduler pass over a service's load balancing: registers its ACTIVATING tasks, and reports registrations,
 * drains begun and drains finished (batched per target group or deployment, as AWS batches them). Notes are peeked
 * at: only the tasks with something to do are drafted.
 */
export function syncLoadBalancers(state: SandboxState, record: ServiceRecord, atMs: number): void {
  const name = record.service.serviceName!;
  const loadBalancers = record.service.loadBalancers ?? [];
  const registered = new Map<string, number>();
  const draining = new Map<string, number>();
  const deregistered = new Map<string, number>();
  const stopped: string[] = [];
  const readTask = reader(state.tasks);
  const readNote = reader(state.taskNotes);
  for (const taskId of members(record.taskIds)) {
    const seen = readNote(taskId)?.lb;
    const task = readTask(taskId);
    if (!seen || !task) continue;
    const register = !seen.registered && task.lastStatus === "ACTIVATING" && task.desiredStatus === "RUNNING";
    const drained = seen.drain !== undefined && seen.drain.untilMs <= atMs && !reported(seen, "deregistered");
    const report = (seen.registered && !reported(seen, "registered")) || (seen.drain !== undefined && !reported(seen, "draining"));
    if (!register && !drained && !report) continue;
    const note = state.taskNotes[taskId];
    const lb = note.lb!;
    if (register) {
      const deployment = record.deployments.find((d) => d.deployment.id === note.deploymentId);
      lb.targets = registerTaskTargets(state, taskId, targetsOf(state, task, loadBalancers, targetGroupsOf(record, deployment)), atMs);
      lb.registered = true;
    }
    if (lb.registered && !reported(lb, "registered")) {
      for (const t of lb.targets) registered.set(t.targetGroupArn, (registered.get(t.targetGroupArn) ?? 0) + 1);
      lb.reported.push("registered");
    }
    if (lb.drain && lb.targets.length > 0 && !reported(lb, "draining")) {
      const deployment = note.deploymentId ?? "";
      draining.set(deployment, (draining.get(deployment) ?? 0) + 1);
      lb.reported.push("draining");
    }
    if (lb.drain && lb.drain.untilMs <= atMs && !reported(lb, "deregistered")) {
      for (const t of lb.targets) deregistered.set(t.targetGroupArn, (deregistered.get(t.targetGroupArn) ?? 0) + 1);
      lb.reported.push("deregistered");
      if (lb.announceStop) stopped.push(taskId);
    }
  }
  for (const [group, count] of registered) addEvent(state, record, LB_EVENTS.registered(name, count, group), atMs);
  for (const [deployment, count] of draining) addEvent(state, record, LB_EVENTS.draining(name, deployment, count), atMs);
  for (const [group, count] of deregistered) addEvent(state, record, LB_EVENTS.deregistered(name, count, group), atMs);
  addTasksEvents(state, record, (ids) => SERVICE_EVENTS.stopped(name, ids), stopped, atMs);
}
