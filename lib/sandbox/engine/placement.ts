/**
 * EC2 task placement, in AWS's order: instances that can run the task (agent connected, ACTIVE, enough CPU and
 * memory, free static host ports), then the placement constraints, then the strategies to pick among them.
 * Resources are kept as running sums on each instance (state.ts `used`), so placing n tasks costs O(n × instances),
 * on plain copies of what placement reads.
 */
import type { PlacementConstraint, PlacementStrategy } from "@aws-sdk/client-ecs";
import { hashHex } from "./ids";
import { invalidParameter } from "./errors";
import { attributeOf, registeredOf, RESERVED_PORTS } from "./container-instances";
import { taskEniSlotsOf } from "./instance-types";
import { matchesQuery, parseQuery, type Query } from "./query";
import { API_LIMITS } from "./quotas";
import type { ContainerInstanceRecord, Reservation, SandboxState, WireTask, WireTaskDefinition } from "./state";
import { members, peek, reader, standing } from "./transition";
import type { Wire } from "./wire";

/**
 * Why an instance cannot take the task: the RunTask `failures[].reason` and the end of the service event
 * "The closest matching (container-instance …) <event>". AWS-doc/observed for CPU, MEMORY, PORTS and AGENT;
 * the ENI and constraint event wordings are [inferred] (RESOURCE:ENI itself is observed).
 */
export const PLACEMENT_FAILURES = {
  agent: { reason: "AGENT", event: 'encountered error "AGENT".' },
  cpu: { reason: "RESOURCE:CPU", event: "has insufficient CPU units available." },
  memory: { reason: "RESOURCE:MEMORY", event: "has insufficient memory available." },
  ports: { reason: "RESOURCE:PORTS", event: "is already using a port required by your task." },
  eni: { reason: "RESOURCE:ENI", event: 'encountered error "RESOURCE:ENI".' },
  portsUdp: { reason: "RESOURCE:PORTS_UDP", event: "is already using a port required by your task." },
  memberOf: { reason: "ATTRIBUTE", event: "is missing an attribute required by your task." },
  distinctInstance: { reason: "ATTRIBUTE", event: "is missing an attribute required by your task." },
} as const;
export type PlacementFailureKind = keyof typeof PLACEMENT_FAILURES;
/** Check order: an instance failing a later check is a "closer" match than one failing an earlier one. */
const CHECK_ORDER: PlacementFailureKind[] = ["agent", "cpu", "memory", "ports", "portsUdp", "eni", "memberOf", "distinctInstance"];

export const NO_CONTAINER_INSTANCES = "No Container Instances were found in your cluster.";

type Constraint = { type: "distinctInstance" } | { type: "memberOf"; query: Query };

/** What one task of this definition reserves on its instance. */
export function reservationOf(taskDefinition: WireTaskDefinition): Reservation {
  const containers = taskDefinition.containerDefinitions ?? [];
  const cpu = taskDefinition.cpu ? Number(taskDefinition.cpu) : containers.reduce((sum, c) => sum + (c.cpu ?? 0), 0);
  const memory = taskDefinition.memory
    ? Number(taskDefinition.memory)
    : containers.reduce((sum, c) => sum + (c.memoryReservation ?? c.memory ?? 0), 0);
  const ports: number[] = [];
  const portsUdp: number[] = [];
  const mode = taskDefinition.networkMode ?? "bridge";
  if (mode === "bridge" || mode === "host") {
    for (const mapping of containers.flatMap((c) => c.portMappings ?? [])) {
      const hostPort = mode === "host" ? (mapping.hostPort ?? mapping.containerPort) : mapping.hostPort;
      if (hostPort) (mapping.protocol === "udp" ? portsUdp : ports).push(hostPort);
    }
  }
  return { cpu, memory, ports, portsUdp, enis: mode === "awsvpc" ? 1 : 0 };
}

export function readConstraints(items: Wire<PlacementConstraint>[], allowDistinct: boolean): Constraint[] {
  if (items.length > API_LIMITS.placementConstraints) {
    throw invalidParameter(`A maximum of ${API_LIMITS.placementConstraints} placement constraints can be specified.`);
  }
  return items.map((item) => {
    if (item.type === "distinctInstance") {
      if (!allowDistinct) throw invalidParameter("distinctInstance placement constraints are not supported in task definitions.");
      if (item.expression) throw invalidParameter("The distinctInstance placement constraint does not take an expression.");
      return { type: "distinctInstance" };
    }
    if (item.type === "memberOf") {
      if (typeof item.expression !== "string" || item.expression === "") {
        throw invalidParameter("A memberOf placement constraint needs an expression.");
      }
      return { type: "memberOf", query: parseQuery(item.expression) };
    }
    throw invalidParameter(`Unknown placement constraint type: ${String(item.type)}.`);
  });
}

export function readStrategies(items: Wire<PlacementStrategy>[]): Wire<PlacementStrategy>[] {
  if (items.length > API_LIMITS.placementStrategies) {
    throw invalidParameter(`A maximum of ${API_LIMITS.placementStrategies} placement strategies can be specified.`);
  }
  for (const item of items) {
    if (item.type === "random") continue;
    if (item.type === "binpack" && (item.field === "cpu" || item.field === "memory")) continue;
    const field = typeof item.field === "string" ? item.field : "";
    if (item.type === "spread" && (field === "instanceId" || field === "host" || field.startsWith("attribute:"))) {
      continue;
    }
    throw invalidParameter(`Invalid placement strategy: ${item.type ?? ""} ${item.field ?? ""}`.trim() + ".");
  }
  return items;
}

/** Services spread over Availability Zones, then instances, unless told otherwise. */
export const SERVICE_DEFAULT_STRATEGY: Wire<PlacementStrategy>[] = [
  { type: "spread", field: "attribute:ecs.availability-zone" },
  { type: "spread", field: "instanceId" },
];
/** [inferred] RunTask without strategies: random (deterministic here). */
export const RUN_TASK_DEFAULT_STRATEGY: Wire<PlacementStrategy>[] = [{ type: "random" }];

export interface PlacementRequest {
  clusterName: string;
  reservation: Reservation;
  constraints: Constraint[];
  strategies: Wire<PlacementStrategy>[];
  /** Task group (`service:<name>` or `family:<family>`): distinctInstance and spread count its tasks. */
  group: string;
  count: number;
  /**
   * Placed through an Auto Scaling group capacity provider: only its group's instances are candidates, and a cluster
   * without them is no error (the tasks wait for capacity, managed-scaling.ts).
   */
  capacityProviderName?: string;
}

export type PlacementResult =
  | { placed: true; instance: ContainerInstanceRecord }
  | { placed: false; instance?: ContainerInstanceRecord; failure?: PlacementFailureKind };

/**
 * What placement reads of an instance, copied once per placement: checking thousands of instances for every task
 * through drafts costs a proxy trap per read. `record` is the instance as it stands (maybe frozen), for queries.
 */
interface Slot {
  record: ContainerInstanceRecord;
  agentConnected: boolean;
  cpu: number;
  memory: number;
  used: { cpu: number; memory: number; ports: number[]; portsUdp: number[]; enis: number };
  eniSlots: number;
  /** Tasks of the request's group on the instance. */
  group: number;
  /** Attribute values a spread strategy asked for. */
  values: Map<string, string>;
}

function slotOf(record: ContainerInstanceRecord, group: number): Slot {
  const { used } = record;
  return {
    record,
    agentConnected: record.instance.agentConnected === true,
    ...registeredOf(record),
    used: { cpu: used.cpu, memory: used.memory, ports: [...used.ports], portsUdp: [...used.portsUdp], enis: used.enis ?? 0 },
    eniSlots: taskEniSlotsOf(attributeOf(record, "ecs.instance-type") ?? ""),
    group,
    values: new Map(),
  };
}

function valueOf(slot: Slot, attribute: string): string {
  let value = slot.values.get(attribute);
  if (value === undefined) slot.values.set(attribute, (value = attributeOf(slot.record, attribute) ?? ""));
  return value;
}

function slotFailure(state: SandboxState, slot: Slot, request: PlacementRequest): PlacementFailureKind | undefined {
  const need = request.reservation;
  const { used } = slot;
  if (!slot.agentConnected) return "agent";
  if (used.cpu + need.cpu > slot.cpu) return "cpu";
  if (used.memory + need.memory > slot.memory) return "memory";
  if (need.ports.some((p) => RESERVED_PORTS.includes(p) || used.ports.includes(p))) return "ports";
  if (need.portsUdp.some((p) => used.portsUdp.includes(p))) return "portsUdp";
  if ((need.enis ?? 0) > 0 && used.enis + (need.enis ?? 0) > slot.eniSlots) return "eni";
  for (const constraint of request.constraints) {
    if (constraint.type === "memberOf" && !matchesQuery(constraint.query, state, slot.record)) return "memberOf";
    if (constraint.type === "distinctInstance" && slot.group > 0) return "distinctInstance";
  }
  return undefined;
}

export function firstFailure(state: SandboxState, record: ContainerInstanceRecord, request: PlacementRequest, groupCount: number): PlacementFailureKind | undefined {
  return slotFailure(state, slotOf(record, groupCount), request);
}

/**
 * Chooses an instance for each of `count` tasks; `onPlaced` creates the task there (and reserves its resources)
 * before the next one is placed. Throws "No Container Instances were found in your cluster." when the cluster has none.
 */
export function place(state: SandboxState, request: PlacementRequest, onPlaced: (record: ContainerInstanceRecord) => void): PlacementResult[] {
  const all = state.containerInstances;
  // Only spreading and distinctInstance ask how many of the group's tasks an instance holds: counting looks at every
  // task the cluster's instances hold.
  const grouped = request.strategies.some((s) => s.type === "spread") || request.constraints.some((c) => c.type === "distinctInstance");
  const task = reader(state.tasks);
  const slots = Object.keys(standing(all))
    .map((id) => peek(all, id)!)
    .filter((r) => r.clusterName === request.clusterName && r.instance.status === "ACTIVE")
    .filter((r) => request.capacityProviderName === undefined || r.instance.capacityProviderName === request.capacityProviderName)
    .map((record) => slotOf(record, grouped ? members(record.taskIds).filter((id) => isOfGroup(task(id), request.group)).length : 0));
  if (slots.length === 0 && request.capacityProviderName === undefined) throw invalidParameter(NO_CONTAINER_INSTANCES);
  const results: PlacementResult[] = [];
  const spreads: Spreads = new Map();
  for (let n = 0; n < request.count; n++) {
    const fitting: Slot[] = [];
    let closest: { slot: Slot; rank: number; kind: PlacementFailureKind } | undefined;
    for (const slot of slots) {
      const kind = slotFailure(state, slot, request);
      if (kind === undefined) fitting.push(slot);
      else {
        const rank = CHECK_ORDER.indexOf(kind);
        if (!closest || rank > closest.rank) closest = { slot, rank, kind };
      }
    }
    if (fitting.length === 0) {
      results.push({ placed: false, instance: closest?.slot.record, failure: closest?.kind });
      continue;
    }
    const chosen = choose(state, fitting, slots, request, n, spreads);
    // The task is created on the instance's draft, which the slot follows from now on (queries read its tasks).
    chosen.record = all[idOfInstance(chosen.record)];
    onPlaced(chosen.record);
    const { used } = chosen;
    const need = request.reservation;
    used.cpu += need.cpu;
    used.memory += need.memory;
    used.ports.push(...need.ports);
    used.portsUdp.push(...need.portsUdp);
    used.enis += need.enis ?? 0;
    chosen.group += 1;
    for (const [attribute, perValue] of spreads) perValue.set(valueOf(chosen, attribute), perValue.get(valueOf(chosen, attribute))! + 1);
    results.push({ placed: true, instance: chosen.record });
  }
  return results;
}

const isOfGroup = (task: WireTask | undefined, group: string) => task?.group === group && task.desiredStatus === "RUNNING";

/**
 * For each attribute a spread strategy asked for, the group's tasks per value over every slot: counted once per
 * placement and kept as tasks are placed (counting again for each task made placing n tasks cost n × instances more).
 */
type Spreads = Map<string, Map<string, number>>;

function choose(state: SandboxState, fitting: Slot[], slots: Slot[], request: PlacementRequest, n: number, spreads: Spreads): Slot {
  let candidates = fitting;
  for (const strategy of request.strategies) {
    const scores = candidates.map(scorer(state, strategy, slots, n, spreads));
    const best = Math.min(...scores);
    candidates = candidates.filter((_, i) => scores[i] === best);
    if (candidates.length === 1) break;
  }
  return candidates[0];
}

/** Lower is better. Spreading counts the group's tasks over every ACTIVE instance of the cluster. */
function scorer(state: SandboxState, strategy: Wire<PlacementStrategy>, slots: Slot[], n: number, spreads: Spreads): (slot: Slot) => number {
  if (strategy.type === "binpack") {
    return (slot) => (strategy.field === "cpu" ? slot.cpu - slot.used.cpu : slot.memory - slot.used.memory);
  }
  if (strategy.type === "random") {
    return (slot) => parseInt(hashHex(`place|${state.sequence}|${n}|${slot.record.instance.containerInstanceArn}`, 8), 16);
  }
  const field = strategy.field ?? "instanceId";
  if (field === "instanceId" || field === "host") return (slot) => slot.group;
  const attribute = field.slice("attribute:".length);
  let perValue = spreads.get(attribute);
  if (perValue === undefined) {
    spreads.set(attribute, (perValue = new Map()));
    for (const slot of slots) {
      const value = valueOf(slot, attribute);
      perValue.set(value, (perValue.get(value) ?? 0) + slot.group);
    }
  }
  return (slot) => perValue.get(valueOf(slot, attribute))!;
}

/** Records a placed task's reservation on its instance. */
export function reserve(state: SandboxState, record: ContainerInstanceRecord, taskId: string, reservation: Reservation): void {
  record.taskIds.push(taskId);
  record.used.cpu += reservation.cpu;
  record.used.memory += reservation.memory;
  record.used.ports.push(...reservation.ports);
  record.used.portsUdp.push(...reservation.portsUdp);
  record.used.enis = (record.used.enis ?? 0) + (reservation.enis ?? 0);
  const note = (state.taskNotes[taskId] ??= {});
  note.instanceId = idOfInstance(record);
  note.reservation = reservation;
}

/** A STOPPED task gives its resources back. */
export function release(state: SandboxState, taskId: string): void {
  const note = state.taskNotes[taskId];
  const record = note?.instanceId ? state.containerInstances[note.instanceId] : undefined;
  if (!record || !note.reservation) return;
  const r = note.reservation;
  record.taskIds = record.taskIds.filter((id) => id !== taskId);
  record.used.cpu -= r.cpu;
  record.used.memory -= r.memory;
  record.used.ports = without(record.used.ports, r.ports);
  record.used.portsUdp = without(record.used.portsUdp, r.portsUdp);
  record.used.enis = (record.used.enis ?? 0) - (r.enis ?? 0);
  delete note.reservation;
}

function without(list: number[], remove: number[]): number[] {
  const rest = [...list];
  for (const port of remove) {
    const i = rest.indexOf(port);
    if (i >= 0) rest.splice(i, 1);
  }
  return rest;
}

export function idOfInstance(record: ContainerInstanceRecord): string {
  const arn = record.instance.containerInstanceArn!;
  return arn.slice(arn.lastIndexOf("/") + 1);
}
