/**
 * DojoSandbox.ImpairAvailabilityZone / RestoreAvailabilityZone (fault F12, lesson L703): one Availability Zone of the
 * sandbox's Region becomes unusable, and later comes back. While a zone is impaired:
 *
 * - EC2 container instances there stop: their agent is disconnected (no placement, as for fault F16) and their tasks
 *   stop with "Host EC2 (instance <id>) stopped." ([observed], ecs-behavior.md §4.2).
 * - Fargate tasks there lose their network. A task registered behind a load balancer is left to it: the target
 *   group's health checks time out (Target.Timeout "Request timed out", services/elbv2/probe.ts), the target turns
 *   unhealthy and the service replaces the task once healthCheckGracePeriodSeconds has passed, with ECS's texts for an
 *   ELB health check failure. Every other task there stops at once with stopCode InfrastructureHealth.
 * - New tasks avoid the zone: Fargate picks a subnet in another zone of the task's subnets (task-creation.ts) and,
 *   when every subnet is in impaired zones, refuses with Fargate's capacity text (quotas.ts FARGATE_REFUSALS.zone);
 *   EC2 placement skips the disconnected instances.
 *
 * When the zone is restored its instances reconnect, its targets pass their checks again, and services with
 * `availabilityZoneRebalancing: ENABLED` move tasks back into it (az-rebalancing.ts).
 *
 * [inferred]: AWS publishes no stoppedReason for a Fargate task lost with its zone; InfrastructureHealth is the
 * newest TaskStopCode value (ecs-behavior.md §4.2) and the reason below is ours. That tasks behind a load balancer
 * are found through its health checks, and the others at once, is the sandbox's model of a zonal outage.
 */
import { taskIdOf } from "./arns";
import { invalidParameter } from "./errors";
import { optString, type Input } from "./input";
import { stopTaskAs } from "./lifecycle";
import { registeredWithLoadBalancer } from "./load-balancing";
import { attributeOf } from "./container-instances";
import { isImpaired } from "./impaired-zones";
import { availabilityZones } from "./network";
import type { Operation } from "./operation";
import type { SandboxState } from "./state";
import { replanZoneTargets } from "../services/elbv2/zones";

export const ZONE_STOP = {
  code: "InfrastructureHealth",
  /** [observed] ecs-behavior.md §4.2, "EC2 host gone". */
  host: (ec2InstanceId: string) => `Host EC2 (instance ${ec2InstanceId}) stopped.`,
  /** [inferred] no AWS text is published for a Fargate task lost with its Availability Zone. */
  fargate: (zone: string) => `Task stopped because its Availability Zone (${zone}) is impaired.`,
} as const;

function requireZone(state: SandboxState, input: Input): string {
  const zone = optString(input, "availabilityZone");
  const zones = availabilityZones(state.region);
  if (zone === undefined || !zones.includes(zone)) {
    throw invalidParameter(`availabilityZone must be one of ${zones.join(", ")} (the Availability Zones of ${state.region}).`);
  }
  return zone;
}

/** Tasks not yet told to stop in `zone`, in creation order. */
function liveTasksIn(state: SandboxState, zone: string) {
  return Object.values(state.tasks).filter((t) => t.availabilityZone === zone && t.desiredStatus === "RUNNING" && t.lastStatus !== "STOPPED");
}

/** `{"availabilityZone"}`: impairs the zone now. Impairing an impaired zone changes nothing. */
function impairAvailabilityZone(state: SandboxState, input: Input, clockMs: number): object {
  const zone = requireZone(state, input);
  if (isImpaired(state, zone)) return presentZones(state);
  const hosts = new Map<string, string>();
  const disconnected: string[] = [];
  for (const [id, record] of Object.entries(state.containerInstances)) {
    if (record.instance.status === "INACTIVE" || attributeOf(record, "ecs.availability-zone") !== zone) continue;
    hosts.set(id, record.instance.ec2InstanceId!);
    // Instances whose agent was already disconnected (fault F16) stay so when the zone comes back.
    if (!record.instance.agentConnected) continue;
    record.instance.agentConnected = false;
    record.instance.version = (record.instance.version ?? 0) + 1;
    disconnected.push(id);
  }
  (state.impairedZones ??= {})[zone] = { sinceMs: clockMs, disconnected };
  for (const task of liveTasksIn(state, zone)) {
    const taskId = taskIdOf(task.taskArn!);
    const instanceId = state.taskNotes[taskId]?.instanceId;
    const host = instanceId === undefined ? undefined : hosts.get(instanceId);
    if (host !== undefined) stopTaskAs(state, taskId, ZONE_STOP.code, ZONE_STOP.host(host), clockMs);
    else if (!registeredWithLoadBalancer(state, taskId)) stopTaskAs(state, taskId, ZONE_STOP.code, ZONE_STOP.fargate(zone), clockMs);
  }
  replanZoneTargets(state, zone, clockMs);
  return presentZones(state);
}

/** `{"availabilityZone"}`: the zone works again; its instances reconnect. */
function restoreAvailabilityZone(state: SandboxState, input: Input, clockMs: number): object {
  const zone = requireZone(state, input);
  if (!isImpaired(state, zone)) return presentZones(state);
  const disconnected = [...state.impairedZones![zone].disconnected];
  delete state.impairedZones![zone];
  if (Object.keys(state.impairedZones!).length === 0) delete state.impairedZones;
  for (const id of disconnected) {
    const record = state.containerInstances[id];
    if (!record || record.instance.status === "INACTIVE") continue;
    record.instance.agentConnected = true;
    record.instance.version = (record.instance.version ?? 0) + 1;
  }
  replanZoneTargets(state, zone, clockMs);
  return presentZones(state);
}

function presentZones(state: SandboxState): object {
  return {
    availabilityZones: availabilityZones(state.region).map((zone) => ({ zoneName: zone, impaired: isImpaired(state, zone) })),
  };
}

export const zoneOperations: Record<string, Operation> = {
  ImpairAvailabilityZone: { readOnly: false, run: impairAvailabilityZone },
  RestoreAvailabilityZone: { readOnly: false, run: restoreAvailabilityZone },
};
