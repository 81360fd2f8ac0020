import type {
  Attribute,
  Tag,
  DeregisterContainerInstanceResponse,
  DescribeContainerInstancesResponse,
  ListContainerInstancesResponse,
  RegisterContainerInstanceResponse,
  Resource,
  UpdateContainerInstancesStateResponse,
} from "@aws-sdk/client-ecs";
import { containerInstanceArn, resourceOf } from "./arns";
import { requireCluster } from "./clusters";
import { invalidParameter } from "./errors";
import { hashHex, nextHex } from "./ids";
import { optBoolean, optEnum, optInteger, optObjectList, optString, optStringList, type Input } from "./input";
import { DEFAULT_INSTANCE_TYPE, instanceTypes, registeredResourcesOf } from "./instance-types";
import { stopTaskAs } from "./lifecycle";
import { availabilityZones } from "./network";
import type { Operation } from "./operation";
import { paginate } from "./pagination";
import { API_LIMITS, ECS_QUOTAS, QUOTA_ERRORS, SANDBOX_ERRORS, SANDBOX_LIMITS } from "./quotas";
import { matchesQuery, parseQuery } from "./query";
import { countOf, forgetOldestInactive } from "./sandbox-bounds";
import type { ContainerInstanceRecord, SandboxState, WireCluster, WireContainerInstance } from "./state";
import { readTags } from "./tags";
import { capabilityAttributeNames } from "./task-definitions";
import { peek, standing } from "./transition";
import { epochSeconds, type Wire } from "./wire";

/** Ports the agent reserves on every Linux instance (SSH, Docker, the agent's introspection and credentials ports). */
export const RESERVED_PORTS = [22, 2375, 2376, 51678, 51679];
const AGENT_VERSION = "1.89.2";
const DOCKER_VERSION = "DockerVersion: 25.0.8";
const MAX_ADD = 50;

/** The instance a request names in a cluster: its id or its ARN. */
export function findContainerInstance(state: SandboxState, cluster: WireCluster, ref: string): ContainerInstanceRecord | undefined {
  const resource = resourceOf(state, ref, "container-instance");
  if (resource === null) return undefined;
  const parts = resource.split("/");
  if (parts.length > 2 || (parts.length === 2 && parts[0] !== cluster.clusterName)) return undefined;
  const record = state.containerInstances[parts[parts.length - 1]];
  return record?.clusterName === cluster.clusterName ? record : undefined;
}

export function instancesOf(state: SandboxState, clusterName: string): ContainerInstanceRecord[] {
  return Object.values(state.containerInstances).filter((r) => r.clusterName === clusterName && r.instance.status !== "INACTIVE");
}

const integerResource = (name: string, value: number): Wire<Resource> => ({
  name,
  type: "INTEGER",
  doubleValue: 0,
  longValue: 0,
  integerValue: value,
});
const portsResource = (name: string, ports: number[]): Wire<Resource> => ({
  name,
  type: "STRINGSET",
  doubleValue: 0,
  longValue: 0,
  integerValue: 0,
  stringSetValue: ports.map(String),
});

/**
 * An instance's registered resources and attributes never change once it is registered, and placement asks for
 * them for every instance and every task: they are read once per stored list, through the instance's draft without
 * drafting it (a draft of the list is a new object, and a trap per read, in every transition that touches the instance).
 */
const registeredByList = new WeakMap<object, { cpu: number; memory: number }>();
const attributesByList = new WeakMap<object, Map<string, string>>();

/** One of the instance's lists as it stands (transition.ts `standing`), without drafting the instance or the list. */
function listOf<K extends "registeredResources" | "attributes">(record: ContainerInstanceRecord, key: K): NonNullable<WireContainerInstance[K]> {
  const instance = peek(record as unknown as Record<string, WireContainerInstance>, "instance")!;
  const list = peek(instance as unknown as Record<string, WireContainerInstance[K]>, key);
  return list == null ? ([] as NonNullable<WireContainerInstance[K]>) : standing(list);
}

export function registeredOf(record: ContainerInstanceRecord): { cpu: number; memory: number } {
  const resources = listOf(record, "registeredResources");
  let registered = registeredByList.get(resources);
  if (!registered) {
    const value = (name: string) => resources.find((r) => r.name === name)?.integerValue ?? 0;
    registered = { cpu: value("CPU"), memory: value("MEMORY") };
    registeredByList.set(resources, registered);
  }
  return registered;
}

export function attributeOf(record: ContainerInstanceRecord, name: string): string | undefined {
  const attributes = listOf(record, "attributes");
  let byName = attributesByList.get(attributes);
  if (!byName) {
    byName = new Map();
    // The first attribute of a name wins, as a search from the start would find it.
    for (const a of attributes) if (!byName.has(a.name!)) byName.set(a.name!, a.value ?? "");
    attributesByList.set(attributes, byName);
  }
  return byName.get(name);
}

interface NewInstance {
  instanceType: string;
  availabilityZone: string;
  ec2InstanceId?: string;
  cpu?: number;
  memory?: number;
  attributes?: Attribute[];
  tags?: Tag[];
  /** false simulates an instance whose agent lost its connection (fault F16): it gets no tasks. */
  agentConnected?: boolean;
  /** The Auto Scaling group capacity provider whose group launched it (managed-scaling.ts). */
  capacityProviderName?: string;
}

/** AWS's quota on instances per cluster, then the sandbox's on instances in all; deregistered ones do not count. */
function checkRoomForInstances(state: SandboxState, cluster: WireCluster, count: number): void {
  const registered = (r: ContainerInstanceRecord) => r.instance.status !== "INACTIVE";
  if (countOf(state.containerInstances, (r) => registered(r) && r.clusterName === cluster.clusterName) + count > ECS_QUOTAS.containerInstancesPerCluster) {
    throw QUOTA_ERRORS.containerInstancesPerCluster();
  }
  if (countOf(state.containerInstances, registered) + count > SANDBOX_LIMITS.containerInstances) throw SANDBOX_ERRORS.containerInstances();
}

/** Registers one simulated instance (what the ECS agent does when an EC2 instance boots into the cluster). */
function register(state: SandboxState, cluster: WireCluster, spec: NewInstance, clockMs: number): ContainerInstanceRecord {
  const resources = registeredResourcesOf(spec.instanceType) ?? registeredResourcesOf(DEFAULT_INSTANCE_TYPE)!;
  const id = nextHex(state, "container-instance");
  const instance: WireContainerInstance = {
    containerInstanceArn: containerInstanceArn(state, cluster.clusterName!, id),
    ec2InstanceId: spec.ec2InstanceId ?? `i-${hashHex(`ec2|${state.seed}|${id}`, 17)}`,
    version: 1,
    versionInfo: { agentVersion: AGENT_VERSION, agentHash: hashHex(`agent|${AGENT_VERSION}`, 8), dockerVersion: DOCKER_VERSION },
    registeredResources: [
      integerResource("CPU", spec.cpu ?? resources.cpu),
      integerResource("MEMORY", spec.memory ?? resources.memory),
      portsResource("PORTS", RESERVED_PORTS),
      portsResource("PORTS_UDP", []),
    ],
    status: "ACTIVE",
    agentConnected: spec.agentConnected ?? true,
    attributes: [
      ...capabilityAttributeNames().map((name) => ({ name })),
      { name: "ecs.ami-id", value: `ami-${hashHex(`ami|${state.region}`, 17)}` },
      { name: "ecs.availability-zone", value: spec.availabilityZone },
      { name: "ecs.instance-type", value: spec.instanceType },
      { name: "ecs.os-type", value: "linux" },
      { name: "ecs.os-family", value: "LINUX" },
      { name: "ecs.cpu-architecture", value: /^[a-z]\dg/.test(spec.instanceType) ? "arm64" : "x86_64" },
      ...(spec.attributes ?? []),
    ],
    registeredAt: epochSeconds(clockMs),
    ...(spec.capacityProviderName ? { capacityProviderName: spec.capacityProviderName } : {}),
    attachments: [],
    tags: spec.tags ?? [],
  };
  const record: ContainerInstanceRecord = {
    clusterName: cluster.clusterName!,
    instance,
    taskIds: [],
    used: { cpu: 0, memory: 0, ports: [], portsUdp: [], enis: 0 },
  };
  state.containerInstances[id] = record;
  return record;
}

/**
 * The agent of an Auto Scaling group's instance registers it (managed-scaling.ts); undefined when the cluster is gone or
 * full (the agent would keep failing, and the instance runs on outside the cluster).
 */
export function registerGroupInstance(state: SandboxState, clusterName: string, spec: NewInstance, clockMs: number): ContainerInstanceRecord | undefined {
  const cluster = state.clusters[clusterName];
  if (cluster?.status !== "ACTIVE") return undefined;
  try {
    checkRoomForInstances(state, cluster, 1);
  } catch {
    return undefined;
  }
  return register(state, cluster, spec, clockMs);
}

/** A container instance as the API shows it: remaining resources and task counts derived from its tasks. */
export function presentContainerInstance(state: SandboxState, record: ContainerInstanceRecord, includeTags = true): WireContainerInstance {
  const { cpu, memory } = registeredOf(record);
  const tasks = record.taskIds.map((id) => state.tasks[id]).filter((t) => t !== undefined);
  const shown: WireContainerInstance = {
    ...record.instance,
    remainingResources: [
      integerResource("CPU", cpu - record.used.cpu),
      integerResource("MEMORY", memory - record.used.memory),
      portsResource("PORTS", [...RESERVED_PORTS, ...record.used.ports]),
      portsResource("PORTS_UDP", record.used.portsUdp),
    ],
    runningTasksCount: tasks.filter((t) => t.lastStatus === "RUNNING").length,
    pendingTasksCount: tasks.filter((t) => t.lastStatus === "PENDING" || t.lastStatus === "PROVISIONING").length,
  };
  if (!includeTags) delete shown.tags;
  return shown;
}

/**
 * `{"cluster", "instanceType", "count", "availabilityZone", "agentConnected"}`: simulated EC2 capacity for a lesson
 * (`agentConnected: false` adds instances whose agent is disconnected).
 */
export function addContainerInstances(state: SandboxState, input: Input, clockMs: number): object {
  const cluster = requireCluster(state, optString(input, "cluster"));
  const instanceType = optString(input, "instanceType") ?? DEFAULT_INSTANCE_TYPE;
  if (!registeredResourcesOf(instanceType)) {
    throw invalidParameter(`The sandbox simulates these instance types: ${instanceTypes().join(", ")}.`);
  }
  const count = optInteger(input, "count") ?? 1;
  if (count < 1 || count > MAX_ADD) throw invalidParameter(`count must be between 1 and ${MAX_ADD}.`);
  const zones = availabilityZones(state.region);
  const zone = optString(input, "availabilityZone");
  if (zone !== undefined && !zones.includes(zone)) {
    throw invalidParameter(`availabilityZone must be one of ${zones.join(", ")}.`);
  }
  checkRoomForInstances(state, cluster, count);
  const existing = instancesOf(state, cluster.clusterName!).length;
  const agentConnected = optBoolean(input, "agentConnected") ?? true;
  const added = Array.from({ length: count }, (_, i) =>
    register(state, cluster, { instanceType, availabilityZone: zone ?? zones[(existing + i) % zones.length], agentConnected }, clockMs),
  );
  return { containerInstances: added.map((r) => presentContainerInstance(state, r)) };
}

function registerContainerInstance(state: SandboxState, input: Input, clockMs: number): Wire<RegisterContainerInstanceResponse> {
  const cluster = requireCluster(state, optString(input, "cluster"));
  let identity: Record<string, unknown> = {};
  const document = optString(input, "instanceIdentityDocument");
  if (document !== undefined) {
    try {
      identity = JSON.parse(document) as Record<string, unknown>;
    } catch {
      throw invalidParameter("The instance identity document is not valid JSON.");
    }
    if (typeof identity !== "object" || identity === null || Array.isArray(identity)) {
      throw invalidParameter("The instance identity document must be a JSON object.");
    }
  }
  const total = optObjectList(input, "totalResources") ?? [];
  const totalOf = (name: string) => {
    const item = total.find((r) => r.name === name);
    return item ? (optInteger(item, "integerValue") ?? undefined) : undefined;
  };
  const zones = availabilityZones(state.region);
  const attributes = (optObjectList(input, "attributes") ?? []).map((a) => ({ name: optString(a, "name") ?? "", value: optString(a, "value") }));
  if (attributes.length > API_LIMITS.customAttributes) throw QUOTA_ERRORS.customAttributes();
  checkRoomForInstances(state, cluster, 1);
  const record = register(
    state,
    cluster,
    {
      instanceType: typeof identity.instanceType === "string" ? identity.instanceType : DEFAULT_INSTANCE_TYPE,
      availabilityZone: typeof identity.availabilityZone === "string" ? identity.availabilityZone : zones[0],
      ec2InstanceId: typeof identity.instanceId === "string" ? identity.instanceId : undefined,
      cpu: totalOf("CPU"),
      memory: totalOf("MEMORY"),
      attributes,
      tags: readTags(input),
    },
    clockMs,
  );
  return { containerInstance: presentContainerInstance(state, record) };
}

const FORCED_DEREGISTRATION = "Container instance deregistration forced by user";

function deregisterContainerInstance(state: SandboxState, input: Input, clockMs: number): Wire<DeregisterContainerInstanceResponse> {
  const cluster = requireCluster(state, optString(input, "cluster"));
  const ref = optString(input, "containerInstance");
  const record = ref ? findContainerInstance(state, cluster, ref) : undefined;
  if (!record || record.instance.status === "INACTIVE") {
    throw invalidParameter("The referenced container instance was not found.");
  }
  const active = record.taskIds.filter((id) => state.tasks[id]?.desiredStatus === "RUNNING");
  if (active.length > 0 && !optBoolean(input, "force")) {
    throw invalidParameter("The container instance has tasks running. Stop them first, or deregister with force.");
  }
  for (const id of active) stopTaskAs(state, id, "UserInitiated", FORCED_DEREGISTRATION, clockMs);
  record.instance.status = "INACTIVE";
  record.instance.agentConnected = false;
  record.instance.version = (record.instance.version ?? 0) + 1;
  const shown = presentContainerInstance(state, record);
  forgetOldestInactive(state.containerInstances, (r) => r.instance.status === "INACTIVE");
  return { containerInstance: shown };
}

function describeContainerInstances(state: SandboxState, input: Input): Wire<DescribeContainerInstancesResponse> {
  const cluster = requireCluster(state, optString(input, "cluster"));
  const refs = optStringList(input, "containerInstances") ?? [];
  if (refs.length === 0) throw invalidParameter("Container instances cannot be empty.");
  if (refs.length > 100) throw invalidParameter("A maximum of 100 container instances can be described at once.");
  const includeTags = (optStringList(input, "include") ?? []).includes("TAGS");
  const response: Wire<DescribeContainerInstancesResponse> = { containerInstances: [], failures: [] };
  for (const ref of refs) {
    const record = findContainerInstance(state, cluster, ref);
    if (record) response.containerInstances!.push(presentContainerInstance(state, record, includeTags));
    else {
      response.failures!.push({
        arn: ref.startsWith("arn:") ? ref : containerInstanceArn(state, cluster.clusterName!, ref),
        reason: "MISSING",
      });
    }
  }
  return response;
}

function listContainerInstances(state: SandboxState, input: Input): Wire<ListContainerInstancesResponse> {
  const cluster = requireCluster(state, optString(input, "cluster"));
  const status = optEnum(input, "status", ["ACTIVE", "DRAINING", "REGISTERING", "DEREGISTERING", "REGISTRATION_FAILED"] as const);
  const filter = optString(input, "filter");
  const query = filter === undefined ? undefined : parseQuery(filter);
  const arns = instancesOf(state, cluster.clusterName!)
    .filter((r) => status === undefined || r.instance.status === status)
    .filter((r) => query === undefined || matchesQuery(query, state, r))
    .map((r) => r.instance.containerInstanceArn!);
  const { page, nextToken } = paginate(arns, input);
  return nextToken ? { containerInstanceArns: page, nextToken } : { containerInstanceArns: page };
}

function updateContainerInstancesState(state: SandboxState, input: Input): Wire<UpdateContainerInstancesStateResponse> {
  const cluster = requireCluster(state, optString(input, "cluster"));
  const refs = optStringList(input, "containerInstances") ?? [];
  const status = optEnum(input, "status", ["ACTIVE", "DRAINING", "REGISTERING", "DEREGISTERING", "REGISTRATION_FAILED"] as const);
  if (status !== "ACTIVE" && status !== "DRAINING") {
    throw invalidParameter("Container instances can only be set to ACTIVE or DRAINING.");
  }
  const response: Wire<UpdateContainerInstancesStateResponse> = { containerInstances: [], failures: [] };
  for (const ref of refs) {
    const record = findContainerInstance(state, cluster, ref);
    if (!record || record.instance.status === "INACTIVE") {
      response.failures!.push({ arn: ref.startsWith("arn:") ? ref : containerInstanceArn(state, cluster.clusterName!, ref), reason: "MISSING" });
      continue;
    }
    if (record.instance.status !== status) {
      record.instance.status = status;
      record.instance.version = (record.instance.version ?? 0) + 1;
    }
    response.containerInstances!.push(presentContainerInstance(state, record));
  }
  return response;
}

export const containerInstanceOperations: Record<string, Operation> = {
  RegisterContainerInstance: { readOnly: false, run: registerContainerInstance },
  DeregisterContainerInstance: { readOnly: false, run: deregisterContainerInstance },
  DescribeContainerInstances: { readOnly: true, run: describeContainerInstances },
  ListContainerInstances: { readOnly: true, run: listContainerInstances },
  UpdateContainerInstancesState: { readOnly: false, run: updateContainerInstancesState },
};

export const containerInstanceSandboxOperations: Record<string, Operation> = {
  AddContainerInstances: { readOnly: false, run: addContainerInstances },
};
