/**
 * Lesson scenarios: JSON files that set up a learner's sandbox account before a lesson — clusters, simulated EC2
 * capacity (fixed instances, or Auto Scaling groups behind capacity providers with managed scaling), the IAM roles tasks use (and what they may do), Secrets Manager secrets, SSM parameters, CloudWatch
 * Logs groups and Amazon ECR repositories with their images — and the workloads already running there: task
 * definitions, services and standalone tasks, created with the very operations a learner calls, the traffic reaching
 * them (`load`, as DojoSandbox.SetLoad sends it), then `advanceSeconds`
 * of simulated time (so a broken service is already crash-looping when the learner arrives). `SCENARIO_SCHEMA` is the
 * JSON Schema of such a file; `applyScenario` checks a value against the same rules and applies it. Applying a scenario
 * adds to what exists: a role named again gets the permissions the scenario gives it. `ResetScenario` first removes the
 * scenario's clusters, capacity providers, Auto Scaling groups and ECR repositories with everything in them, so a learner can start one exercise again without
 * touching the rest of their sandbox.
 */
import { checkIndexes } from "./engine-checks";
import { applyLoadScenario, LOAD_SCENARIO_SCHEMA, readLoadScenario, type LoadScenarioEntry } from "../services/cloudwatch/scenario";
import { applyEcrScenario, ECR_SCENARIO_SCHEMA, readEcrScenario, removeEcrScenario, type EcrScenario } from "../services/ecr/scenario";
import { type ScenarioRole } from "../services/iam/seed";
import { logGroupExists, logsProvider } from "../services/logs";
import type { ServiceProvider } from "../services/provider";
import { secretsManagerProvider } from "../services/secrets";
import { ssmProvider } from "../services/ssm";
import type { Account } from "./account";
import { autoScalingGroupOperations } from "./auto-scaling-groups";
import { capacityProviderOperations } from "./capacity-providers";
import { createCluster, putClusterCapacityProviders, requireCluster } from "./clusters";
import { hashHex } from "./ids";
import { addContainerInstances } from "./container-instances";
import { EcsError, invalidParameter } from "./errors";
import { forgetFargateUsage } from "./fargate-quota";
import type { Input } from "./input";
import type { Operation } from "./operation";
import { asInput } from "./input";
import { serviceOperations } from "./services";
import { reconcileServices, runUntil } from "./simulation";
import type { SandboxState } from "./state";
import { taskDefinitionOperations } from "./task-definitions";
import { taskOperations } from "./tasks";
import { spotOperations } from "./spot";
import { dropTimers, sweepTimers } from "./timers";
import { keepTouched } from "./touched";
import { transition } from "./transition";
import { zoneOperations } from "./zone-impairment";

export interface Scenario {
  /** Shown to nobody; helps whoever maintains the file. */
  description?: string;
  clusters?: {
    name: string;
    /** FARGATE, FARGATE_SPOT, or capacity providers this scenario creates (`capacityProviders` below). */
    capacityProviders?: string[];
    defaultCapacityProviderStrategy?: { capacityProvider: string; weight?: number; base?: number }[];
    instances?: { instanceType: string; count?: number; availabilityZone?: string; agentConnected?: boolean }[];
  }[];
  /** Simulated Auto Scaling groups: DojoSandbox.CreateAutoScalingGroup inputs (auto-scaling-groups.ts). */
  autoScalingGroups?: object[];
  /**
   * Auto Scaling group capacity providers (lesson L702): CreateCapacityProvider's members, with the group named by
   * `autoScalingGroup` (its ARN holds an id the file cannot know) instead of autoScalingGroupProvider's ARN.
   */
  capacityProviders?: ScenarioCapacityProvider[];
  /**
   * IAM roles by name, with the actions they allow on every resource (`service:Action`, `*` wildcards allowed) and the
   * service that may assume them (default ecs-tasks.amazonaws.com). IAM is global: the gateway applies them to the
   * account's IAM before the rest (services/iam/seed.ts, applyScenarioRoles).
   */
  roles?: ScenarioRole[];
  /** Secrets Manager secrets: a name (its value made up from the name), or a name and its SecretString. */
  secrets?: (string | { name: string; value: string })[];
  /** SSM parameters: a name (a String parameter), or a name, value and type. */
  parameters?: (string | { name: string; value: string; type?: "String" | "StringList" | "SecureString" })[];
  logGroups?: string[];
  /** Amazon ECR repositories and the images already pushed to them (services/ecr/scenario.ts). */
  ecr?: EcrScenario;
  /** RegisterTaskDefinition inputs, registered in order (so a family named three times ends at revision 3). */
  taskDefinitions?: object[];
  /** CreateService inputs. */
  services?: object[];
  /** RunTask inputs: standalone tasks. */
  tasks?: object[];
  /**
   * Traffic to services or target groups (services/cloudwatch/scenario.ts): DojoSandbox.SetLoad inputs, applied once
   * the services exist, before `advanceSeconds` pass.
   */
  load?: LoadScenarioEntry[];
  /** Simulated seconds that pass once everything is set up (at most a day). */
  advanceSeconds?: number;
  /**
   * Faults that strike once those seconds have passed, in order (curriculum §3.5): F12, an Availability Zone
   * impairment (zone-impairment.ts), and F11, a Fargate Spot interruption (spot.ts) — as the DojoSandbox operations
   * of the same names do.
   */
  faults?: ScenarioFault[];
}

export interface ScenarioCapacityProvider {
  name: string;
  autoScalingGroup: string;
  managedScaling?: object;
  managedTerminationProtection?: "ENABLED" | "DISABLED";
  managedDraining?: "ENABLED" | "DISABLED";
}

export type ScenarioFault =
  | { type: "ImpairAvailabilityZone"; availabilityZone: string }
  | { type: "InterruptSpotTasks"; cluster: string; count?: number };

const FAULT_OPERATIONS: Record<ScenarioFault["type"], Operation> = {
  ImpairAvailabilityZone: zoneOperations.ImpairAvailabilityZone,
  InterruptSpotTasks: spotOperations.InterruptSpotTasks,
};

/** One scenario may move its sandbox's clock at most this far, like one AdvanceClock call. */
const MAX_ADVANCE_SECONDS = 86_400;

const NAME = "^[a-zA-Z0-9_-]{1,255}$";
const stringList = { type: "array", items: { type: "string", minLength: 1 } } as const;
/** A name, or an object with a name and a value (and more members). */
const namedValues = (more: Record<string, object> = {}) =>
  ({
    type: "array",
    items: {
      anyOf: [
        { type: "string", minLength: 1 },
        { type: "object", additionalProperties: false, required: ["name", "value"], properties: { name: { type: "string", minLength: 1 }, value: { type: "string" }, ...more } },
      ],
    },
  }) as const;

export const SCENARIO_SCHEMA = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  title: "ECS Dojo sandbox scenario",
  type: "object",
  additionalProperties: false,
  properties: {
    description: { type: "string" },
    clusters: {
      type: "array",
      items: {
        type: "object",
        additionalProperties: false,
        required: ["name"],
        properties: {
          name: { type: "string", pattern: NAME },
          capacityProviders: { type: "array", items: { type: "string", pattern: NAME }, description: "FARGATE, FARGATE_SPOT or a capacity provider of this scenario" },
          defaultCapacityProviderStrategy: {
            type: "array",
            items: {
              type: "object",
              additionalProperties: false,
              required: ["capacityProvider"],
              properties: { capacityProvider: { type: "string" }, weight: { type: "integer", minimum: 0, maximum: 1000 }, base: { type: "integer", minimum: 0, maximum: 100000 } },
            },
          },
          instances: {
            type: "array",
            items: {
              type: "object",
              additionalProperties: false,
              required: ["instanceType"],
              properties: {
                instanceType: { type: "string" },
                count: { type: "integer", minimum: 1, maximum: 50 },
                availabilityZone: { type: "string" },
                agentConnected: { type: "boolean" },
              },
            },
          },
        },
      },
    },
    autoScalingGroups: { type: "array", items: { type: "object", required: ["name", "instanceType", "min", "max"] }, description: "DojoSandbox.CreateAutoScalingGroup inputs" },
    capacityProviders: {
      type: "array",
      items: {
        type: "object",
        additionalProperties: false,
        required: ["name", "autoScalingGroup"],
        properties: {
          name: { type: "string" },
          autoScalingGroup: { type: "string", description: "the name of one of autoScalingGroups" },
          managedScaling: { type: "object" },
          managedTerminationProtection: { enum: ["ENABLED", "DISABLED"] },
          managedDraining: { enum: ["ENABLED", "DISABLED"] },
        },
      },
    },
    roles: {
      type: "array",
      items: {
        type: "object",
        additionalProperties: false,
        required: ["name", "permissions"],
        properties: { name: { type: "string", minLength: 1 }, permissions: stringList, trustedService: { type: "string", minLength: 1 } },
      },
    },
    secrets: namedValues(),
    parameters: namedValues({ type: { enum: ["String", "StringList", "SecureString"] } }),
    logGroups: stringList,
    ecr: ECR_SCENARIO_SCHEMA,
    taskDefinitions: { type: "array", items: { type: "object" }, description: "RegisterTaskDefinition inputs" },
    services: { type: "array", items: { type: "object" }, description: "CreateService inputs" },
    tasks: { type: "array", items: { type: "object" }, description: "RunTask inputs" },
    load: LOAD_SCENARIO_SCHEMA,
    advanceSeconds: { type: "number", minimum: 0, maximum: MAX_ADVANCE_SECONDS },
    faults: {
      type: "array",
      items: {
        oneOf: [
          {
            type: "object",
            additionalProperties: false,
            required: ["type", "availabilityZone"],
            properties: { type: { const: "ImpairAvailabilityZone" }, availabilityZone: { type: "string" } },
          },
          {
            type: "object",
            additionalProperties: false,
            required: ["type", "cluster"],
            properties: { type: { const: "InterruptSpotTasks" }, cluster: { type: "string", pattern: NAME }, count: { type: "integer", minimum: 1 } },
          },
        ],
      },
    },
  },
} as const;

const bad = (path: string, what: string) => invalidParameter(`Scenario ${path} ${what}.`);

function isStringList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === "string" && v !== "");
}

function isNamedValue(value: unknown): boolean {
  if (typeof value === "string") return value !== "";
  const v = value as Record<string, unknown> | null;
  return typeof v === "object" && v !== null && typeof v.name === "string" && v.name !== "" && typeof v.value === "string";
}

/** Checks a parsed scenario file against SCENARIO_SCHEMA's rules. */
export function readScenario(value: unknown): Scenario {
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw bad("", "must be an object");
  const input = value as Record<string, unknown>;
  const known = Object.keys(SCENARIO_SCHEMA.properties);
  for (const key of Object.keys(input)) if (!known.includes(key)) throw bad(key, "is not a scenario member");
  if (input.logGroups !== undefined && !isStringList(input.logGroups)) throw bad("logGroups", "must be a list of names");
  for (const key of ["secrets", "parameters"] as const) {
    const list = input[key];
    if (list !== undefined && (!Array.isArray(list) || !list.every(isNamedValue))) throw bad(key, "must be a list of names or {name, value} objects");
  }
  const groups = (input.autoScalingGroups ?? []) as unknown[];
  if (!Array.isArray(groups) || groups.some((g) => typeof (g as { name?: unknown })?.name !== "string")) throw bad("autoScalingGroups", "must be a list of DojoSandbox.CreateAutoScalingGroup inputs, each with a name");
  const groupNames = groups.map((g) => (g as { name: string }).name);
  const clusterNames = (Array.isArray(input.clusters) ? input.clusters : []).map((c) => (c as { name?: unknown })?.name);
  groups.forEach((g, i) => {
    // ResetScenario removes a group with its cluster's tasks: the group's instances join one of the scenario's clusters.
    if (!clusterNames.includes((g as { cluster?: unknown }).cluster)) throw bad(`autoScalingGroups[${i}].cluster`, "must name one of the scenario's clusters");
  });
  const capacityProviders = (input.capacityProviders ?? []) as unknown[];
  if (!Array.isArray(capacityProviders)) throw bad("capacityProviders", "must be a list");
  capacityProviders.forEach((provider, i) => {
    const p = provider as Record<string, unknown> | null;
    if (typeof p?.name !== "string") throw bad(`capacityProviders[${i}].name`, "is required");
    if (!groupNames.includes(p.autoScalingGroup as string)) throw bad(`capacityProviders[${i}].autoScalingGroup`, "must name one of the scenario's autoScalingGroups");
  });
  const ownProviders: unknown[] = capacityProviders.map((p) => (p as { name: string }).name);
  const clusters = (input.clusters ?? []) as unknown[];
  if (!Array.isArray(clusters)) throw bad("clusters", "must be a list");
  clusters.forEach((cluster, i) => {
    const c = cluster as Record<string, unknown>;
    if (typeof c?.name !== "string" || !new RegExp(NAME).test(c.name)) throw bad(`clusters[${i}].name`, "must be a cluster name");
    const providers = c.capacityProviders ?? [];
    if (!Array.isArray(providers) || providers.some((p) => p !== "FARGATE" && p !== "FARGATE_SPOT" && !ownProviders.includes(p))) {
      throw bad(`clusters[${i}].capacityProviders`, "may list FARGATE, FARGATE_SPOT and the capacity providers the scenario creates (capacityProviders)");
    }
    const strategy = c.defaultCapacityProviderStrategy ?? [];
    if (!Array.isArray(strategy) || strategy.some((item) => !providers.includes((item as { capacityProvider?: unknown })?.capacityProvider))) {
      throw bad(`clusters[${i}].defaultCapacityProviderStrategy`, "must be a list of {capacityProvider, weight, base} naming the cluster's capacityProviders");
    }
    const instances = c.instances ?? [];
    if (!Array.isArray(instances)) throw bad(`clusters[${i}].instances`, "must be a list");
    instances.forEach((instance, j) => {
      const spec = instance as Record<string, unknown>;
      if (typeof spec?.instanceType !== "string") throw bad(`clusters[${i}].instances[${j}].instanceType`, "is required");
      if (spec.count !== undefined && (!Number.isInteger(spec.count) || (spec.count as number) < 1)) {
        throw bad(`clusters[${i}].instances[${j}].count`, "must be a positive integer");
      }
    });
  });
  for (const key of ["taskDefinitions", "services", "tasks"] as const) {
    const list = input[key];
    if (list !== undefined && (!Array.isArray(list) || list.some((item) => typeof item !== "object" || item === null || Array.isArray(item)))) {
      throw bad(key, "must be a list of API inputs (objects)");
    }
  }
  if (input.ecr !== undefined) readEcrScenario(input.ecr);
  if (input.load !== undefined) readLoadScenario(input.load);
  const advance = input.advanceSeconds;
  if (advance !== undefined && (typeof advance !== "number" || !Number.isFinite(advance) || advance < 0 || advance > MAX_ADVANCE_SECONDS)) {
    throw bad("advanceSeconds", `must be a number of seconds from 0 to ${MAX_ADVANCE_SECONDS}`);
  }
  const faults = (input.faults ?? []) as unknown[];
  if (!Array.isArray(faults)) throw bad("faults", "must be a list");
  faults.forEach((fault, i) => {
    const f = fault as Record<string, unknown> | null;
    if (typeof f?.type !== "string" || !Object.hasOwn(FAULT_OPERATIONS, f.type)) throw bad(`faults[${i}].type`, `must be one of ${Object.keys(FAULT_OPERATIONS).join(", ")}`);
    if (f.type === "ImpairAvailabilityZone" && typeof f.availabilityZone !== "string") throw bad(`faults[${i}].availabilityZone`, "is required");
    if (f.type === "InterruptSpotTasks" && typeof f.cluster !== "string") throw bad(`faults[${i}].cluster`, "is required");
  });
  const roles = (input.roles ?? []) as unknown[];
  if (!Array.isArray(roles)) throw bad("roles", "must be a list");
  roles.forEach((role, i) => {
    const r = role as Record<string, unknown>;
    if (typeof r?.name !== "string" || r.name === "") throw bad(`roles[${i}].name`, "is required");
    if (!Array.isArray(r.permissions) || !r.permissions.every((p) => typeof p === "string")) {
      throw bad(`roles[${i}].permissions`, "must be a list of actions");
    }
    if (r.trustedService !== undefined && typeof r.trustedService !== "string") throw bad(`roles[${i}].trustedService`, "must be a service principal");
  });
  return input as Scenario;
}

/**
 * Sets up a scenario in a new state, through the same operations a learner would call, at the state's current
 * simulated time. Throws EcsError for an invalid scenario.
 */
export function applyScenario(state: SandboxState, scenario: unknown, account: Account): SandboxState {
  const valid = readScenario(scenario);
  return transition(state, (draft) => {
    applyTo(draft, valid, draft.clock.simMs, account);
    sweepTimers(draft);
    keepTouched(draft);
    checkIndexes(draft);
  }).state;
}

function applyTo(state: SandboxState, scenario: Scenario, clockMs: number, account: Account): void {
  for (const cluster of scenario.clusters ?? []) createCluster(state, { clusterName: cluster.name });
  // Capacity as a learner would build it: the groups, their providers, then each cluster's providers and strategy.
  for (const input of scenario.autoScalingGroups ?? []) autoScalingGroupOperations.CreateAutoScalingGroup.run(state, asInput(input), clockMs, account);
  for (const { name, autoScalingGroup, ...members } of scenario.capacityProviders ?? []) {
    const autoScalingGroupArn = state.autoScalingGroups![autoScalingGroup].arn;
    capacityProviderOperations.CreateCapacityProvider.run(state, asInput({ name, autoScalingGroupProvider: { autoScalingGroupArn, ...members } }), clockMs, account);
  }
  for (const cluster of scenario.clusters ?? []) {
    if (cluster.capacityProviders?.length) {
      const current = requireCluster(state, cluster.name);
      putClusterCapacityProviders(
        state,
        {
          cluster: cluster.name,
          capacityProviders: [...new Set([...(current.capacityProviders ?? []), ...cluster.capacityProviders])],
          defaultCapacityProviderStrategy: cluster.defaultCapacityProviderStrategy ?? current.defaultCapacityProviderStrategy ?? [],
        },
        clockMs,
      );
    }
    for (const instances of cluster.instances ?? []) {
      addContainerInstances(state, { cluster: cluster.name, ...instances }, clockMs);
    }
  }
  // Like the workloads below, the other services' resources are made by their own operations (their quotas apply).
  const call = (provider: ServiceProvider, operation: string, input: object) => provider.operations[operation].run(state, asInput(input), clockMs, account);
  const exists = (provider: ServiceProvider, operation: string, input: object) => {
    try {
      call(provider, operation, input);
      return true;
    } catch (error) {
      if (error instanceof EcsError && /NotFound/.test(error.type)) return false;
      throw error;
    }
  };
  for (const name of scenario.logGroups ?? []) {
    if (!logGroupExists(state, name)) call(logsProvider, "CreateLogGroup", { logGroupName: name });
  }
  for (const secret of scenario.secrets ?? []) {
    const { name, value } = typeof secret === "string" ? { name: secret, value: madeUpValue(state, secret) } : secret;
    if (!exists(secretsManagerProvider, "DescribeSecret", { SecretId: name })) call(secretsManagerProvider, "CreateSecret", { Name: name, SecretString: value });
  }
  for (const parameter of scenario.parameters ?? []) {
    const { name, value, type = "String" } = typeof parameter === "string" ? { name: parameter, value: madeUpValue(state, parameter) } : parameter;
    call(ssmProvider, "PutParameter", { Name: name, Value: value, Type: type, Overwrite: true });
  }
  if (scenario.ecr) applyEcrScenario(state, scenario.ecr, clockMs);
  // Workloads go through the learner's own operations, so they answer exactly as those calls would.
  for (const input of scenario.taskDefinitions ?? []) taskDefinitionOperations.RegisterTaskDefinition.run(state, asInput(input), clockMs, account);
  for (const input of scenario.services ?? []) serviceOperations.CreateService.run(state, asInput(input), clockMs, account);
  for (const input of scenario.tasks ?? []) taskOperations.RunTask.run(state, asInput(input), clockMs, account);
  reconcileServices(state, clockMs, account);
  if (scenario.load) applyLoadScenario(state, scenario.load, clockMs, account);
  if (scenario.advanceSeconds) runUntil(state, clockMs + scenario.advanceSeconds * 1000, account);
  for (const { type, ...input } of scenario.faults ?? []) FAULT_OPERATIONS[type].run(state, asInput(input), state.clock.simMs, account);
  if (scenario.faults?.length) reconcileServices(state, state.clock.simMs, account);
}

/** A value for a secret or parameter the scenario names without one: stable, and unlike any other. */
function madeUpValue(state: SandboxState, name: string): string {
  return `dojo-${hashHex(`scenario-value|${state.seed}|${state.accountId}|${name}`, 16)}`;
}

/** Removes a cluster and everything in it: services, tasks (running or not), container instances and their timers. */
function removeCluster(state: SandboxState, clusterName: string): void {
  const cluster = state.clusters[clusterName];
  if (!cluster) return;
  const taskIds = new Set(Object.keys(state.tasks).filter((id) => state.tasks[id].clusterArn === cluster.clusterArn));
  const serviceKeys = new Set(Object.keys(state.services).filter((key) => key.startsWith(`${clusterName}/`)));
  for (const id of taskIds) {
    delete state.tasks[id];
    delete state.taskNotes[id];
  }
  for (const key of serviceKeys) delete state.services[key];
  for (const [id, record] of Object.entries(state.containerInstances)) if (record.clusterName === clusterName) delete state.containerInstances[id];
  dropTimers(state, new Set([...taskIds, ...serviceKeys]));
  forgetFargateUsage(state);
  delete state.clusters[clusterName];
}

/** The scenario's roles, for the gateway to apply to the account's IAM first (null when the input is no scenario). */
export function scenarioRolesOf(input: unknown): ScenarioRole[] | null {
  const value = (input as { scenario?: unknown } | null)?.scenario ?? input;
  try {
    return readScenario(value).roles ?? [];
  } catch {
    return null;
  }
}

const nameOf = (entry: string | { name: string }) => (typeof entry === "string" ? entry : entry.name);

function applyScenarioOperation(state: SandboxState, input: Input, clockMs: number, account: Account): object {
  const scenario = readScenario(input.scenario ?? input);
  applyTo(state, scenario, clockMs, account);
  return {
    clusters: (scenario.clusters ?? []).map((c) => requireCluster(state, c.name).clusterArn),
    capacityProviders: (scenario.capacityProviders ?? []).map((p) => state.capacityProviders![p.name].capacityProviderArn),
    roles: (scenario.roles ?? []).map(nameOf),
    secrets: (scenario.secrets ?? []).map(nameOf),
    parameters: (scenario.parameters ?? []).map(nameOf),
    logGroups: scenario.logGroups ?? [],
  };
}

/** Removes the scenario's capacity providers and Auto Scaling groups (their clusters, tasks included, go first). */
function removeCapacity(state: SandboxState, scenario: Scenario): void {
  const timers = new Set<string>();
  for (const { name } of scenario.capacityProviders ?? []) {
    delete state.capacityProviders?.[name];
    timers.add(`capacity:${name}`);
  }
  for (const { name } of (scenario.autoScalingGroups ?? []) as { name: string }[]) {
    for (const instance of state.autoScalingGroups?.[name]?.instances ?? []) timers.add(`asg:${name}|${instance.instanceId}`);
    delete state.autoScalingGroups?.[name];
  }
  dropTimers(state, timers);
}

function resetScenarioOperation(state: SandboxState, input: Input, clockMs: number, account: Account): object {
  const scenario = readScenario(input.scenario ?? input);
  for (const cluster of scenario.clusters ?? []) removeCluster(state, cluster.name);
  removeCapacity(state, scenario);
  if (scenario.ecr) removeEcrScenario(state, scenario.ecr);
  return applyScenarioOperation(state, asInput(scenario), clockMs, account);
}

export const scenarioOperations: Record<string, Operation> = {
  ApplyScenario: { readOnly: false, run: applyScenarioOperation },
  ResetScenario: { readOnly: false, run: resetScenarioOperation },
};
