/**
 * Lesson scenarios: JSON files that set up a learner's sandbox account before a lesson — clusters, simulated EC2
 * capacity, the IAM roles tasks use (and what they may do), Secrets Manager secrets, SSM parameters, CloudWatch
 * Logs groups and Amazon ECR repositories with their images — and the workloads already running there: task
 * definitions, services and standalone tasks, created with the very operations a learner calls, then `advanceSeconds`
 * of simulated time (so a broken service is already crash-looping when the learner arrives). `SCENARIO_SCHEMA` is the
 * JSON Schema of such a file; `applyScenario` checks a value against the same rules and applies it. Applying a scenario
 * adds to what exists: a role named again gets the permissions the scenario gives it. `ResetScenario` first removes the
 * scenario's clusters and ECR repositories with everything in them, so a learner can start one exercise again without
 * touching the rest of their sandbox.
 */
import { applyEcrScenario, ECR_SCENARIO_SCHEMA, readEcrScenario, removeEcrScenario, type EcrScenario } from "../services/ecr/scenario";
import { createCluster, putClusterCapacityProviders, requireCluster } from "./clusters";
import { addContainerInstances } from "./container-instances";
import { invalidParameter } from "./errors";
import { forgetFargateUsage } from "./fargate-quota";
import type { Input } from "./input";
import type { Operation } from "./operation";
import { asInput } from "./input";
import { SANDBOX_ERRORS, SANDBOX_LIMITS } from "./quotas";
import { serviceOperations } from "./services";
import { reconcileServices, runUntil } from "./simulation";
import type { SandboxState } from "./state";
import { taskDefinitionOperations } from "./task-definitions";
import { taskOperations } from "./tasks";
import { dropTimers, sweepTimers } from "./timers";
import { transition } from "./transition";

export interface Scenario {
  /** Shown to nobody; helps whoever maintains the file. */
  description?: string;
  clusters?: {
    name: string;
    capacityProviders?: ("FARGATE" | "FARGATE_SPOT")[];
    instances?: { instanceType: string; count?: number; availabilityZone?: string; agentConnected?: boolean }[];
  }[];
  /** IAM roles by name, with the actions they allow (`service:Action`, `*` wildcards allowed). */
  roles?: { name: string; permissions: string[] }[];
  secrets?: string[];
  parameters?: string[];
  logGroups?: string[];
  /** Amazon ECR repositories and the images already pushed to them (services/ecr/scenario.ts). */
  ecr?: EcrScenario;
  /** RegisterTaskDefinition inputs, registered in order (so a family named three times ends at revision 3). */
  taskDefinitions?: object[];
  /** CreateService inputs. */
  services?: object[];
  /** RunTask inputs: standalone tasks. */
  tasks?: object[];
  /** Simulated seconds that pass once everything is set up (at most a day). */
  advanceSeconds?: number;
}

/** One scenario may move its sandbox's clock at most this far, like one AdvanceClock call. */
const MAX_ADVANCE_SECONDS = 86_400;

const NAME = "^[a-zA-Z0-9_-]{1,255}$";
const stringList = { type: "array", items: { type: "string", minLength: 1 } } as const;

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
          capacityProviders: { type: "array", items: { enum: ["FARGATE", "FARGATE_SPOT"] } },
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
    roles: {
      type: "array",
      items: {
        type: "object",
        additionalProperties: false,
        required: ["name", "permissions"],
        properties: { name: { type: "string", minLength: 1 }, permissions: stringList },
      },
    },
    secrets: stringList,
    parameters: stringList,
    logGroups: stringList,
    ecr: ECR_SCENARIO_SCHEMA,
    taskDefinitions: { type: "array", items: { type: "object" }, description: "RegisterTaskDefinition inputs" },
    services: { type: "array", items: { type: "object" }, description: "CreateService inputs" },
    tasks: { type: "array", items: { type: "object" }, description: "RunTask inputs" },
    advanceSeconds: { type: "number", minimum: 0, maximum: MAX_ADVANCE_SECONDS },
  },
} as const;

const bad = (path: string, what: string) => invalidParameter(`Scenario ${path} ${what}.`);

function isStringList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === "string" && v !== "");
}

/** Checks a parsed scenario file against SCENARIO_SCHEMA's rules. */
export function readScenario(value: unknown): Scenario {
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw bad("", "must be an object");
  const input = value as Record<string, unknown>;
  const known = Object.keys(SCENARIO_SCHEMA.properties);
  for (const key of Object.keys(input)) if (!known.includes(key)) throw bad(key, "is not a scenario member");
  for (const key of ["secrets", "parameters", "logGroups"] as const) {
    if (input[key] !== undefined && !isStringList(input[key])) throw bad(key, "must be a list of names");
  }
  const clusters = (input.clusters ?? []) as unknown[];
  if (!Array.isArray(clusters)) throw bad("clusters", "must be a list");
  clusters.forEach((cluster, i) => {
    const c = cluster as Record<string, unknown>;
    if (typeof c?.name !== "string" || !new RegExp(NAME).test(c.name)) throw bad(`clusters[${i}].name`, "must be a cluster name");
    const providers = c.capacityProviders ?? [];
    if (!Array.isArray(providers) || providers.some((p) => p !== "FARGATE" && p !== "FARGATE_SPOT")) {
      throw bad(`clusters[${i}].capacityProviders`, "may list only FARGATE and FARGATE_SPOT");
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
  const advance = input.advanceSeconds;
  if (advance !== undefined && (typeof advance !== "number" || !Number.isFinite(advance) || advance < 0 || advance > MAX_ADVANCE_SECONDS)) {
    throw bad("advanceSeconds", `must be a number of seconds from 0 to ${MAX_ADVANCE_SECONDS}`);
  }
  const roles = (input.roles ?? []) as unknown[];
  if (!Array.isArray(roles)) throw bad("roles", "must be a list");
  roles.forEach((role, i) => {
    const r = role as Record<string, unknown>;
    if (typeof r?.name !== "string" || r.name === "") throw bad(`roles[${i}].name`, "is required");
    if (!Array.isArray(r.permissions) || !r.permissions.every((p) => typeof p === "string")) {
      throw bad(`roles[${i}].permissions`, "must be a list of actions");
    }
  });
  return input as Scenario;
}

/**
 * Sets up a scenario in a new state, through the same operations a learner would call, at the state's current
 * simulated time. Throws EcsError for an invalid scenario.
 */
export function applyScenario(state: SandboxState, scenario: unknown): SandboxState {
  const valid = readScenario(scenario);
  return transition(state, (draft) => {
    applyTo(draft, valid, draft.clock.simMs);
    sweepTimers(draft);
  }).state;
}

function applyTo(state: SandboxState, scenario: Scenario, clockMs: number): void {
  for (const cluster of scenario.clusters ?? []) {
    createCluster(state, { clusterName: cluster.name });
    if (cluster.capacityProviders?.length) {
      const existing = requireCluster(state, cluster.name).capacityProviders ?? [];
      putClusterCapacityProviders(
        state,
        {
          cluster: cluster.name,
          capacityProviders: [...new Set([...existing, ...cluster.capacityProviders])],
          defaultCapacityProviderStrategy: requireCluster(state, cluster.name).defaultCapacityProviderStrategy ?? [],
        },
      );
    }
    for (const instances of cluster.instances ?? []) {
      addContainerInstances(state, { cluster: cluster.name, ...instances }, clockMs);
    }
  }
  for (const role of scenario.roles ?? []) state.world.roles[role.name] = { permissions: [...role.permissions] };
  const add = (list: string[], names: string[] | undefined) => {
    for (const name of names ?? []) if (!list.includes(name)) list.push(name);
  };
  add(state.world.secrets, scenario.secrets);
  add(state.world.parameters, scenario.parameters);
  add(state.world.logGroups, scenario.logGroups);
  const { world } = state;
  const named = {
    "IAM roles": Object.keys(world.roles).length,
    secrets: world.secrets.length,
    parameters: world.parameters.length,
    "log groups": world.logGroups.length,
  };
  for (const [kind, count] of Object.entries(named)) if (count > SANDBOX_LIMITS.worldNames) throw SANDBOX_ERRORS.worldNames(kind);
  if (scenario.ecr) applyEcrScenario(state, scenario.ecr, clockMs);
  // Workloads go through the learner's own operations, so they answer exactly as those calls would.
  for (const input of scenario.taskDefinitions ?? []) taskDefinitionOperations.RegisterTaskDefinition.run(state, asInput(input), clockMs);
  for (const input of scenario.services ?? []) serviceOperations.CreateService.run(state, asInput(input), clockMs);
  for (const input of scenario.tasks ?? []) taskOperations.RunTask.run(state, asInput(input), clockMs);
  reconcileServices(state, clockMs);
  if (scenario.advanceSeconds) runUntil(state, clockMs + scenario.advanceSeconds * 1000);
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

function applyScenarioOperation(state: SandboxState, input: Input, clockMs: number): object {
  const scenario = readScenario(input.scenario ?? input);
  applyTo(state, scenario, clockMs);
  return {
    clusters: (scenario.clusters ?? []).map((c) => requireCluster(state, c.name).clusterArn),
    roles: Object.keys(state.world.roles),
    secrets: state.world.secrets,
    parameters: state.world.parameters,
    logGroups: state.world.logGroups,
  };
}

function resetScenarioOperation(state: SandboxState, input: Input, clockMs: number): object {
  const scenario = readScenario(input.scenario ?? input);
  for (const cluster of scenario.clusters ?? []) removeCluster(state, cluster.name);
  if (scenario.ecr) removeEcrScenario(state, scenario.ecr);
  return applyScenarioOperation(state, asInput(scenario), clockMs);
}

export const scenarioOperations: Record<string, Operation> = {
  ApplyScenario: { readOnly: false, run: applyScenarioOperation },
  ResetScenario: { readOnly: false, run: resetScenarioOperation },
};
