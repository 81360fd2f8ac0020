import type { CapacityProvider, Cluster, ContainerInstance, Deployment, Service, ServiceDeployment, ServiceRevision, Tag, Task, TaskDefinition } from "@aws-sdk/client-ecs";
import type { ZoneImpairment } from "./impaired-zones";
import type { Wire } from "./wire";
import { seedIam } from "../services/iam/seed";
import { GLOBAL_REGION } from "../services/provider";
import { emptyServicesState, SERVICE_MAPS, type ServicesState } from "../services/state";

/** Fargate's capacity pools, each with its own vCPU quota (quotas.ts). */
export type FargatePool = "FARGATE" | "FARGATE_SPOT";

export type WireCluster = Wire<Cluster>;
export type WireTask = Wire<Task>;
export type WireTaskDefinition = Wire<TaskDefinition>;
export type WireContainerInstance = Wire<ContainerInstance>;
export type WireService = Wire<Service>;
export type WireDeployment = Wire<Deployment>;
export type WireServiceDeployment = Wire<ServiceDeployment>;
export type WireServiceRevision = Wire<ServiceRevision>;
export type WireCapacityProvider = Wire<CapacityProvider>;

/**
 * A simulated EC2 Auto Scaling group (DojoSandbox.CreateAutoScalingGroup; auto-scaling-groups.ts): the sandbox has no
 * Auto Scaling API, only what an ECS capacity provider needs of one.
 */
export interface AutoScalingGroupRecord {
  name: string;
  arn: string;
  instanceType: string;
  minSize: number;
  maxSize: number;
  desiredCapacity: number;
  availabilityZones: string[];
  /** The cluster its instances' agents join (ECS_CLUSTER in a launch template's user data; "default" without one). */
  cluster: string;
  /** Whether new instances start protected from scale-in (ECS turns it on for managed termination protection). */
  newInstancesProtectedFromScaleIn: boolean;
  /** Its instances, oldest first; terminated ones leave. */
  instances: AutoScalingInstance[];
  /** Managed scaling: since when CapacityProviderReservation has stayed below the target (scale-in waits for it). */
  belowTargetSinceMs?: number;
  /**
   * CapacityProviderReservation as managed scaling computed it, each value from `atMs` until the next (null: no metric,
   * managed scaling off); oldest first, a day of minutes kept (services/cloudwatch/metrics.ts reads it).
   */
  reservation?: { atMs: number; cluster: string; provider: string; value: number | null }[];
  /** What it did, newest last (a few kept): DescribeAutoScalingGroups shows them as activities. */
  activities: { atMs: number; description: string }[];
}

export interface AutoScalingInstance {
  instanceId: string;
  availabilityZone: string;
  launchedAtMs: number;
  protectedFromScaleIn: boolean;
  /** Once its agent has registered it (container-instances.ts). */
  containerInstanceId?: string;
}

export interface TaskDefinitionRecord {
  taskDefinition: WireTaskDefinition;
  tags: Tag[];
}

/** Stored one document per revision (state-documents.ts): a field added here would not be saved; add it per revision. */
export interface FamilyRecord {
  /** Index = revision − 1. Revisions are never removed (AWS never reuses a number), so length is the last revision. */
  revisions: TaskDefinitionRecord[];
}

/** The steps the simulation can be scheduled to take next (lifecycle.ts, health.ts, services.ts). */
export type TimerStep =
  | "eni-attaching"
  | "eni-attached"
  | "pull-started"
  | "pull-stopped"
  | "containers-running"
  | "container-exited"
  | "health-changed"
  | "counts-healthy"
  /** Only in states stored before SIGTERM came with a Spot task's warning (lifecycle.ts). */
  | "spot-reclaimed"
  | "stopping"
  | "containers-stopped"
  | "stopped"
  | "expired"
  | "service-check"
  | "ecr-lifecycle"
  | "activated"
  | "elb-target"
  | "alarm-check"
  | "scheduled-action"
  /** Managed scaling's minute for one capacity provider, and an instance's agent registering (managed-scaling.ts). */
  | "capacity-check"
  | "instance-registered";

export interface Timer {
  atMs: number;
  /**
   * A task id, a service key for "service-check", `ecr-lifecycle:<repository>` for "ecr-lifecycle", `elb:<target key>`
   * for "elb-target" (services/elbv2/health.ts), `alarm:<alarm name>` for "alarm-check" (services/cloudwatch/alarms.ts),
   * `scheduled:<resource id>|<name>` for "scheduled-action" (services/application-autoscaling/scheduled.ts),
   * `capacity:<capacity provider name>` for "capacity-check", `asg:<group name>|<instance id>` for
   * "instance-registered" (managed-scaling.ts).
   */
  id: string;
  step: TimerStep;
  /** Container index for container-level steps. */
  container?: number;
  /** New health status for "health-changed"; exit code for "container-exited". */
  value?: string | number;
}

/** What a task holds on its container instance until it is STOPPED (placement.ts). */
export interface Reservation {
  cpu: number;
  memory: number;
  ports: number[];
  portsUdp: number[];
  /** Network interfaces: 1 for an awsvpc task on EC2. Absent in states saved before ENIs were counted. */
  enis?: number;
}

/** Facts about a task the API does not show. */
export interface TaskNote {
  serviceKey?: string;
  deploymentId?: string;
  instanceId?: string;
  reservation?: Reservation;
  /** When the scheduler may count the task toward minimumHealthyPercent (deployments.ts). */
  healthyAtMs?: number;
  /** Whether the stop has already been accounted for by its service. */
  settled?: boolean;
  /** Whether its service has seen it RUNNING (resets start throttling once). */
  seenRunning?: boolean;
  /** Task scale-in protection (UpdateTaskProtection): until when scale-in and deployments leave it running. */
  protectedUntilMs?: number;
  /**
   * Placed through an Auto Scaling group capacity provider with no room yet: PROVISIONING without an instance until
   * its group has room (managed-scaling.ts).
   */
  awaitingCapacity?: boolean;
  /** The awsvpcConfiguration it was started with, beyond its subnet (the ENI shows that): what its ENI may reach. */
  awsvpc?: { assignPublicIp?: string; securityGroups: string[] };
  /**
   * What its containers listen on once they run, by container index (load-balancing.ts): what a load balancer's
   * health checks find there. `readyAtMs` null: never ready.
   */
  endpoints?: {
    ports: number[];
    readyAtMs: number | null;
    http: boolean;
    /** Its resident memory once warmed up, and the CPU one request costs it (services/cloudwatch/metrics.ts). */
    memoryMiB?: number;
    cpuMsPerRequest?: number;
    /** The share (0–1) of requests it answers with a 5xx once ready (an `-errors` build of the web image). */
    errorShare?: number;
  }[];
  /** Its service's load balancers (load-balancing.ts): the targets ECS registered it as, and its deregistration. */
  lb?: TaskLoadBalancing;
}

export interface TaskLoadBalancing {
  /** Registered (the task was ACTIVATING); empty until the scheduler registers it. */
  targets: { targetGroupArn: string; id: string; port: number }[];
  registered: boolean;
  /** Deregistration: when its targets began draining and when the longest deregistration delay ends. */
  drain?: { startedAtMs: number; untilMs: number };
  /** Which of its service events were written: "registered", "draining", "deregistered". */
  reported: string[];
  /** The scheduler stopped it: "has stopped … running tasks" is written once it has drained. */
  announceStop?: boolean;
}

export interface ContainerInstanceRecord {
  clusterName: string;
  instance: WireContainerInstance;
  /** Tasks placed on the instance and not yet STOPPED: their reservations make up the used resources. */
  taskIds: string[];
  used: Reservation;
}

/** Per-deployment scheduler bookkeeping beside the API's Deployment object. */
export interface DeploymentRecord {
  deployment: WireDeployment;
  /** Consecutive failed tasks for the circuit breaker; reset once a task of the deployment counts as healthy. */
  failures: number;
  hadHealthyTask: boolean;
  /**
   * With load balancers that have an advancedConfiguration: the target group this revision's tasks register in, per
   * entry of the service's loadBalancers (its targetGroupArn or its alternateTargetGroupArn; traffic-shift.ts).
   */
  targetGroups?: string[];
  /** A blue/green, linear or canary deployment under way (traffic-shift.ts). */
  shift?: TrafficShift;
  /** Its deployment alarms that were already in ALARM when it started, until they leave it (scheduler.ts). */
  alarmsAtStart?: string[];
}

/** Where a traffic-shifting deployment (the green revision) is in its lifecycle. */
export interface TrafficShift {
  strategy: "BLUE_GREEN" | "LINEAR" | "CANARY";
  /** The deployment serving production traffic when this one started (blue). */
  blueId: string;
  /** A ServiceDeploymentLifecycleStage. */
  stage: string;
  /** Percent of production traffic on green now. */
  greenPercent: number;
  /** The end of a bake (between traffic steps, or after the last) while one lasts. */
  waitUntilMs?: number;
  /** Hook stages whose hooks have all succeeded. */
  hooksDone: string[];
  /** The lifecycle hook running now. */
  hook?: RunningHook;
}

export interface RunningHook {
  /** The hook stage it runs for, and its index among that stage's hooks. */
  stage: string;
  index: number;
  hookId: string;
  targetType: "AWS_LAMBDA" | "PAUSE";
  targetArn?: string;
  status: "IN_PROGRESS" | "AWAITING_ACTION" | "SUCCEEDED" | "FAILED" | "TIMED_OUT";
  startedAtMs: number;
  expiresAtMs: number;
  timeoutAction: "CONTINUE" | "ROLLBACK";
  /** What ContinueServiceDeployment asked for, until the scheduler acts on it. */
  action?: "CONTINUE" | "ROLLBACK";
}

export interface ServiceRecord {
  service: WireService;
  /** Newest first; [0] is the PRIMARY deployment. Only PRIMARY and ACTIVE ones are kept here. */
  deployments: DeploymentRecord[];
  /** Every deployment of the service for List/DescribeServiceDeployments, oldest first. */
  history: WireServiceDeployment[];
  /** Ids of the service's tasks that still exist (index, so the scheduler never scans every task). */
  taskIds: string[];
  /** Start throttling (throttle.ts). */
  startFailures: number;
  nextStartAtMs: number;
  /** Replacements owed for tasks stopped as unhealthy: their start event says so. */
  unhealthyReplacements: number;
  steady: boolean;
  /** When the last steady-state event was emitted (it repeats while the service stays steady). */
  steadyEventAtMs?: number;
  /** Messages already emitted and not yet resolved: AWS does not repeat them (events.ts). */
  openMessages: string[];
  lastCompletedDeploymentId?: string;
  /** The task definition of that deployment: what a circuit-breaker rollback returns to. */
  completedTaskDefinition?: string;
  /** While a rollback runs: the failed deployment it rolls back from (its history entry records the outcome). */
  rollbackOf?: string;
  /**
   * An Availability Zone rebalancing is under way (az-rebalancing.ts; its end is reported once the zones balance);
   * false: it gave up (placement would not put a task where it was needed) until the zones balance.
   */
  azRebalancing?: boolean;
  /** Production traffic on each of the service's target groups over time, percent, newest last (traffic-shift.ts). */
  traffic?: { atMs: number; weights: Record<string, number> }[];
  /** Service revisions for DescribeServiceRevisions, oldest first (as many as `history` keeps). */
  revisions?: WireServiceRevision[];
}

/**
 * One learner's ECS in one Region, with the other services' parts (services/state.ts). Plain JSON: it is stored
 * between requests.
 */
export interface SandboxState extends ServicesState {
  schemaVersion: 1;
  accountId: string;
  region: string;
  seed: string;
  /** Counter behind every generated identifier (ids.ts). */
  sequence: number;
  /**
   * simMs: how far the simulation has run; wallMs: the wall-clock time that simMs corresponds to (gateway/clock.ts);
   * fastForwardedMs: the total the learner moved it ahead with AdvanceClock (absent in states stored before it was kept).
   */
  clock: { simMs: number; wallMs: number; fastForwardedMs?: number };
  /** By cluster name. Counts (running tasks, …) are derived when described, never stored. */
  clusters: Record<string, WireCluster>;
  /** By family name. */
  taskDefinitions: Record<string, FamilyRecord>;
  /** By task id, in creation order. */
  tasks: Record<string, WireTask>;
  taskNotes: Record<string, TaskNote>;
  /** By container instance id (the last ARN segment). */
  containerInstances: Record<string, ContainerInstanceRecord>;
  /** By `<cluster name>/<service name>`. */
  services: Record<string, ServiceRecord>;
  /** Account settings changed from their defaults (account-settings.ts). */
  accountSettings: Record<string, string>;
  /** Pending steps, ordered by time, then by when they were scheduled. */
  timers: Timer[];
  /**
   * CPU units that Fargate tasks not yet STOPPED hold, per pool (fargate-quota.ts). Absent in states stored before
   * it was kept: counted from the tasks when first needed.
   */
  fargateCpuUnits?: Record<FargatePool, number>;
  /** What a simulated Lambda lifecycle hook answers, by function ARN (DojoSandbox.SetHookVerdict; default SUCCEEDED). */
  hookVerdicts?: Record<string, "SUCCEEDED" | "FAILED">;
  /**
   * Services touched by a transition's last scheduler step, for the next step to look at (touched.ts); absent: none.
   */
  touchedServices?: string[];
  /** Availability Zones impaired by DojoSandbox.ImpairAvailabilityZone, by name (impaired-zones.ts); absent: none. */
  impairedZones?: Record<string, ZoneImpairment>;
  /** Auto Scaling group capacity providers, by name (capacity-providers.ts; FARGATE and FARGATE_SPOT are implicit). */
  capacityProviders?: Record<string, WireCapacityProvider>;
  /** Simulated Auto Scaling groups, by name (auto-scaling-groups.ts). */
  autoScalingGroups?: Record<string, AutoScalingGroupRecord>;
}

/** An empty state: the members every state has, before anything is in them. */
export function createSandboxState(accountId: string, region: string, seed = "ecs-dojo", nowMs = 0): SandboxState {
  return {
    schemaVersion: 1,
    accountId,
    region,
    seed,
    sequence: 0,
    clock: { simMs: nowMs, wallMs: nowMs },
    clusters: {},
    taskDefinitions: {},
    tasks: {},
    taskNotes: {},
    containerInstances: {},
    services: {},
    accountSettings: {},
    timers: [],
    fargateCpuUnits: { FARGATE: 0, FARGATE_SPOT: 0 },
    ...emptyServicesState(),
  };
}

/**
 * The state of a sandbox nobody has used yet, its clock at `nowMs`: a new account's GLOBAL_REGION state holds the roles
 * every sandbox account starts with (services/iam/seed.ts).
 */
export function newSandboxState(accountId: string, region: string, nowMs: number): SandboxState {
  const state = createSandboxState(accountId, region, undefined, nowMs);
  if (region === GLOBAL_REGION) seedIam(state, nowMs);
  return state;
}

/**
 * States stored before services existed lack the newer members; they start empty. `world` (roles, secrets, parameters
 * and log groups a scenario named, before the services were real) is dropped: the services hold them now.
 */
export function withCurrentMembers(state: SandboxState): SandboxState {
  const missing = (["taskNotes", "containerInstances", "services", "accountSettings", ...SERVICE_MAPS] as const).filter((key) => state[key] === undefined);
  if (missing.length > 0) {
    const fresh = createSandboxState(state.accountId, state.region, state.seed);
    for (const key of missing) (state as unknown as Record<string, unknown>)[key] = fresh[key];
  }
  delete (state as { world?: unknown }).world;
  // Timers used to name their task `taskId`.
  for (const timer of state.timers as (Timer & { taskId?: string })[]) {
    if (timer.id === undefined && timer.taskId !== undefined) {
      timer.id = timer.taskId;
      delete timer.taskId;
    }
  }
  return state;
}
