/**
 * Availability Zone rebalancing (2024-11; `availabilityZoneRebalancing`, ENABLED by default on new services since
 * 2025-06-30). [AWS-doc] developerguide/service-rebalancing.html: ECS watches a service once it has reached a steady
 * state; when its tasks are spread unevenly over the Availability Zones it can use, it reports so, starts tasks in
 * the zones with the fewest and stops tasks in the zones with the most, and reports when the zones are balanced.
 * Only services whose first placement strategy spreads over zones are rebalanced (the guide: "services that specify
 * their first placement strategy to be Availability Zone spread"; Fargate services always spread), never DAEMON ones.
 *
 * Here one task moves per step: a task starts in the zone with the fewest (the usual spread, task-creation.ts and
 * placement.ts) and one in the zone with the most is stopped at once, which drains it from its load balancers first
 * (load-balancing.ts). The next move waits for the service to be steady again. Zones count as usable when they are not
 * impaired (impaired-zones.ts) and the service can place tasks there: its subnets' zones on Fargate, its cluster's
 * connected instances' zones on EC2. Balanced: the zones' counts differ by at most one.
 *
 * Texts [AWS-doc] developerguide/service-rebalancing-event-messages-list.html, word for word (the first count of
 * "is not AZ balanced" has "tasks" and the others not, as the guide writes it); with two zones the list reads
 * "A and B" [inferred]; the task lists are written "(task <id>)" as in ECS's other events [inferred]; the stopped
 * task's stoppedReason is the scheduler's [inferred]: AWS does not publish one for rebalancing.
 */
import type { Account } from "./account";
import { taskIdOf } from "./arns";
import { instancesOf } from "./container-instances";
import { clusterNameOf, scalingActivity } from "./deployments";
import { addEvent } from "./events";
import { isImpaired } from "./impaired-zones";
import { stopTaskAs } from "./lifecycle";
import { attributeOf } from "./container-instances";
import { firstFailure, reservationOf, type PlacementRequest } from "./placement";
import { launch } from "./service-launch";
import { findTaskDefinition } from "./task-definitions";
import type { SandboxState, ServiceRecord, WireTask } from "./state";
import { zoneOf } from "./task-creation";
import { members, reader } from "./transition";

const listed = (counts: [string, number][], others: string) => {
  const parts = counts.map(([zone, n], i) => (i === 0 ? `${n} tasks in ${zone}` : `${n}${others} in ${zone}`));
  return parts.length <= 2 ? parts.join(" and ") : `${parts.slice(0, -1).join(", ")}, and ${parts[parts.length - 1]}`;
};

export const REBALANCING_EVENTS = {
  started: (service: string, counts: [string, number][]) => `service (${service}) is not AZ balanced with ${listed(counts, "")}. AZ Rebalancing in progress.`,
  completed: (service: string, counts: [string, number][]) => `service (${service}) is AZ balanced with ${listed(counts, " tasks")}.`,
  tasksStarted: (service: string, zone: string, taskIds: string[]) =>
    `${service} has started ${taskIds.length} tasks in ${zone} to AZ Rebalance: ${taskIds.map((id) => `(task ${id})`).join(" ")}.`,
  tasksStopped: (service: string, zone: string, taskIds: string[]) =>
    `${service} has stopped ${taskIds.length} running tasks in ${zone} due to AZ rebalancing: ${taskIds.map((id) => `(task ${id})`).join(" ")}.`,
};

/**
 * The zones the service spreads over now, in name order (`counted`), and those of them that can take one more of its
 * tasks now (`receiving`): on EC2 a zone with a connected instance the task fits on.
 */
function zonesOf(state: SandboxState, record: ServiceRecord): { counted: string[]; receiving: Set<string> } {
  const service = record.service;
  const counted = new Set<string>();
  const receiving = new Set<string>();
  if (service.launchType === "EC2") {
    const definition = findTaskDefinition(state, service.taskDefinition!)?.taskDefinition;
    const request: PlacementRequest = {
      clusterName: clusterNameOf(service.clusterArn!),
      reservation: definition ? reservationOf(definition) : { cpu: 0, memory: 0, ports: [], portsUdp: [] },
      constraints: [],
      strategies: [],
      group: `service:${service.serviceName}`,
      count: 1,
    };
    for (const instance of instancesOf(state, request.clusterName)) {
      if (instance.instance.status !== "ACTIVE" || !instance.instance.agentConnected) continue;
      const zone = attributeOf(instance, "ecs.availability-zone") ?? "";
      counted.add(zone);
      if (firstFailure(state, instance, request, 0) === undefined) receiving.add(zone);
    }
  } else {
    for (const subnet of service.networkConfiguration?.awsvpcConfiguration?.subnets ?? []) counted.add(zoneOf(state, subnet));
    for (const zone of counted) receiving.add(zone);
  }
  const usable = [...counted].filter((z) => z !== "" && !isImpaired(state, z)).sort();
  return { counted: usable, receiving: new Set(usable.filter((z) => receiving.has(z))) };
}

/** AWS rebalances services whose first placement strategy spreads over zones (Fargate services always do). */
function spreadsOverZones(record: ServiceRecord): boolean {
  const first = record.service.placementStrategy?.[0];
  return first === undefined || (first.type === "spread" && first.field === "attribute:ecs.availability-zone");
}

/** One rebalancing step for a service, after the scheduler's pass (simulation.ts). */
export function rebalanceZones(state: SandboxState, record: ServiceRecord, atMs: number, launches: { left: number; account: Account }): void {
  const service = record.service;
  if (service.status !== "ACTIVE" || service.availabilityZoneRebalancing !== "ENABLED" || service.schedulingStrategy === "DAEMON") return;
  if (!spreadsOverZones(record) || !record.steady) return;
  const { counted, receiving } = zonesOf(state, record);
  if (counted.length < 2) return;
  const primaryId = record.deployments[0]?.deployment.id;
  const task = reader(state.tasks);
  const note = reader(state.taskNotes);
  const running = members(record.taskIds)
    .filter((id) => note(id)?.deploymentId === primaryId)
    .map((id) => task(id))
    .filter((t): t is WireTask => t?.desiredStatus === "RUNNING" && t.lastStatus === "RUNNING");
  const counts = counted.map((zone): [string, number] => [zone, running.filter((t) => t.availabilityZone === zone).length]);
  const most = counts.reduce((a, b) => (b[1] > a[1] ? b : a));
  const name = service.serviceName!;
  if (most[1] - Math.min(...counts.map(([, n]) => n)) <= 1) {
    if (record.azRebalancing) addEvent(state, record, REBALANCING_EVENTS.completed(name, counts), atMs);
    record.azRebalancing = undefined;
    return;
  }
  // Only a move into a zone that can take the task, and that ends with fewer tasks than the fullest, helps.
  const fewest = counts.filter(([zone, n]) => receiving.has(zone) && n < most[1] - 1);
  if (fewest.length === 0 || launches.left < 1 || record.azRebalancing === false) return;
  if (!record.azRebalancing) addEvent(state, record, REBALANCING_EVENTS.started(name, counts), atMs);
  record.azRebalancing = true;
  const started = launch(state, record, 1, [], atMs, launches.account);
  launches.left -= started.length;
  if (started.length === 0) return;
  const landed = state.tasks[started[0]].availabilityZone;
  if (!fewest.some(([zone]) => zone === landed)) {
    // Placement put it elsewhere (its constraints decided): take it back, and try no more until the zones balance.
    stopTaskAs(state, started[0], "ServiceSchedulerInitiated", scalingActivity(primaryId!), atMs);
    record.azRebalancing = false;
    return;
  }
  addEvent(state, record, REBALANCING_EVENTS.tasksStarted(name, state.tasks[started[0]].availabilityZone ?? "", started), atMs);
  // The newest task of the fullest zone goes (the longest-running ones keep serving).
  const leaving = running.filter((t) => t.availabilityZone === most[0]).pop()!;
  const leavingId = taskIdOf(leaving.taskArn!);
  stopTaskAs(state, leavingId, "ServiceSchedulerInitiated", scalingActivity(primaryId!), atMs);
  addEvent(state, record, REBALANCING_EVENTS.tasksStopped(name, most[0], [leavingId]), atMs);
  record.steady = false;
}
