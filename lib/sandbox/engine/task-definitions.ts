import type {
  Attribute,
  DeleteTaskDefinitionsResponse,
  DeregisterTaskDefinitionResponse,
  ListTaskDefinitionFamiliesResponse,
  DescribeTaskDefinitionResponse,
  ListTaskDefinitionsResponse,
  RegisterTaskDefinitionRequest,
  RegisterTaskDefinitionResponse,
} from "@aws-sdk/client-ecs";
import { awsRejection } from "@/lib/validator";
import { parseTaskCpu, parseTaskMemory } from "@/lib/validator/fargate/sizes";
import { callerArn, resourceOf, taskDefinitionArn } from "./arns";
import { clientException, EcsError, invalidParameter } from "./errors";
import { optEnum, optObjectList, optString, optStringList, type Input } from "./input";
import type { Operation } from "./operation";
import { paginate } from "./pagination";
import { ECS_QUOTAS, QUOTA_ERRORS, SANDBOX_ERRORS, SANDBOX_LIMITS } from "./quotas";
import type { SandboxState, TaskDefinitionRecord, WireTaskDefinition } from "./state";
import { readTags } from "./tags";
import { epochSeconds, type Wire } from "./wire";

/** Request members that become part of the task definition (`tags` are kept beside it). */
const DEFINITION_MEMBERS = [
  "family",
  "taskRoleArn",
  "executionRoleArn",
  "networkMode",
  "containerDefinitions",
  "volumes",
  "placementConstraints",
  "requiresCompatibilities",
  "cpu",
  "memory",
  "pidMode",
  "ipcMode",
  "proxyConfiguration",
  "inferenceAccelerators",
  "ephemeralStorage",
  "runtimePlatform",
  "enableFaultInjection",
] as const satisfies readonly (keyof RegisterTaskDefinitionRequest)[];

type Container = Record<string, unknown>;

export const ECR_IMAGE = /^\d{12}\.dkr\.ecr(-fips)?\.[a-z0-9-]+\.amazonaws\.com(\.cn)?\//;

/** Attributes ECS derives from a definition; EC2 placement later requires instances to have them. */
const REQUIRED_ATTRIBUTES: [string, (td: Input, containers: Container[]) => boolean][] = [
  ["com.amazonaws.ecs.capability.logging-driver.awslogs", (_, cs) => cs.some(usesAwslogs)],
  ["ecs.capability.execution-role-awslogs", (td, cs) => !!td.executionRoleArn && cs.some(usesAwslogs)],
  ["com.amazonaws.ecs.capability.ecr-auth", (_, cs) => cs.some(usesEcrImage)],
  ["com.amazonaws.ecs.capability.docker-remote-api.1.19", (_, cs) => cs.some(usesAwslogs)],
  ["ecs.capability.execution-role-ecr-pull", (td, cs) => !!td.executionRoleArn && cs.some(usesEcrImage)],
  ["com.amazonaws.ecs.capability.docker-remote-api.1.18", (_, cs) => cs.some((c) => !!c.logConfiguration)],
  ["ecs.capability.task-eni", (td) => td.networkMode === "awsvpc"],
  ["com.amazonaws.ecs.capability.task-iam-role", (td) => !!td.taskRoleArn],
  ["ecs.capability.container-health-check", (_, cs) => cs.some((c) => !!c.healthCheck)],
  ["ecs.capability.secrets.ssm.environment-variables", (_, cs) => secretSources(cs).some((s) => !s.includes(":secretsmanager:"))],
  ["ecs.capability.secrets.asm.environment-variables", (_, cs) => secretSources(cs).some((s) => s.includes(":secretsmanager:"))],
  ["ecs.capability.container-ordering", (_, cs) => cs.some((c) => Array.isArray(c.dependsOn) && c.dependsOn.length > 0)],
  ["ecs.capability.env-files.s3", (_, cs) => cs.some((c) => Array.isArray(c.environmentFiles) && c.environmentFiles.length > 0)],
];

/** Every capability a task definition can require; simulated container instances have them all. */
export const capabilityAttributeNames = (): string[] => REQUIRED_ATTRIBUTES.map(([name]) => name);

function usesAwslogs(c: Container): boolean {
  return (c.logConfiguration as { logDriver?: unknown } | undefined)?.logDriver === "awslogs";
}

function usesEcrImage(c: Container): boolean {
  return typeof c.image === "string" && ECR_IMAGE.test(c.image);
}

function secretSources(containers: Container[]): string[] {
  return containers.flatMap((c) =>
    Array.isArray(c.secrets) ? c.secrets.map((s: { valueFrom?: unknown }) => String(s?.valueFrom ?? "")) : [],
  );
}

function rejectLikeAws(input: unknown): void {
  const rejection = awsRejection(input);
  if (rejection) throw new EcsError(rejection.type, rejection.message);
}

/**
 * ECS lists FARGATE among a definition's compatibilities when it could be registered requiring FARGATE,
 * whether or not it asked for it (an awsvpc definition with a valid Fargate size).
 */
function compatibilitiesOf(input: Input, required: string[]): string[] {
  const fargate =
    required.includes("FARGATE") ||
    (input.networkMode === "awsvpc" && awsRejection({ ...input, requiresCompatibilities: [...required, "FARGATE"] }) === null);
  return [
    "EC2",
    ...(required.includes("EXTERNAL") ? ["EXTERNAL"] : []),
    ...(fargate ? ["FARGATE"] : []),
    "MANAGED_INSTANCES",
  ];
}

function withContainerDefaults(container: Container, networkMode: string | undefined): Container {
  const portMappings = Array.isArray(container.portMappings) ? (container.portMappings as Container[]) : [];
  const hostPortFollowsContainer = networkMode === "awsvpc" || networkMode === "host";
  return {
    ...container,
    cpu: container.cpu ?? 0,
    portMappings: portMappings.map((pm) => ({
      ...pm,
      ...(hostPortFollowsContainer && pm.containerPort !== undefined ? { hostPort: pm.hostPort ?? pm.containerPort } : {}),
      protocol: pm.protocol ?? "tcp",
    })),
    essential: container.essential ?? true,
    environment: container.environment ?? [],
    mountPoints: container.mountPoints ?? [],
    volumesFrom: container.volumesFrom ?? [],
  };
}

/** Task-level sizes are stored as integer strings whatever form they were given in ("1 vCPU" → "1024"). */
function normalisedSize(text: string | undefined, parse: (t: string) => number | undefined): string | undefined {
  if (text === undefined) return undefined;
  const value = parse(text.trim());
  return value === undefined ? text : String(value);
}

function registerTaskDefinition(state: SandboxState, input: Input, clockMs: number): Wire<RegisterTaskDefinitionResponse> {
  rejectLikeAws(input);
  const family = optString(input, "family");
  const containers = optObjectList(input, "containerDefinitions");
  if (!family || !containers) throw clientException("Container definitions and family are required.");
  const tags = readTags(input);
  const required = optStringList(input, "requiresCompatibilities") ?? [];
  const networkMode = optString(input, "networkMode");

  const given = Object.fromEntries(DEFINITION_MEMBERS.filter((m) => input[m] != null).map((m) => [m, input[m]]));
  if (new TextEncoder().encode(JSON.stringify(given)).length > ECS_QUOTAS.taskDefinitionBytes) throw QUOTA_ERRORS.taskDefinitionSize();
  const stored = Object.values(state.taskDefinitions).reduce((sum, family) => sum + family.revisions.length, 0);
  if (stored >= SANDBOX_LIMITS.taskDefinitionRevisions) throw SANDBOX_ERRORS.taskDefinitionRevisions();

  const record = (state.taskDefinitions[family] ??= { revisions: [] });
  const revision = record.revisions.length + 1;
  const containerDefinitions = containers.map((c) => withContainerDefaults(c, networkMode));
  const taskDefinition = {
    taskDefinitionArn: taskDefinitionArn(state, family, revision),
    ...given,
    containerDefinitions,
    cpu: normalisedSize(optString(input, "cpu"), parseTaskCpu),
    memory: normalisedSize(optString(input, "memory"), parseTaskMemory),
    revision,
    volumes: input.volumes ?? [],
    status: "ACTIVE",
    requiresAttributes: REQUIRED_ATTRIBUTES.filter(([, applies]) => applies(input, containerDefinitions)).map(
      ([name]): Attribute => ({ name }),
    ),
    placementConstraints: input.placementConstraints ?? [],
    compatibilities: compatibilitiesOf(input, required),
    ...(required.includes("FARGATE") && !input.runtimePlatform
      ? { runtimePlatform: { cpuArchitecture: "X86_64", operatingSystemFamily: "LINUX" } }
      : {}),
    registeredAt: epochSeconds(clockMs),
    registeredBy: callerArn(state),
    enableFaultInjection: input.enableFaultInjection ?? false,
  } as WireTaskDefinition;
  for (const key of ["cpu", "memory"] as const) if (taskDefinition[key] === undefined) delete taskDefinition[key];

  record.revisions.push({ taskDefinition, tags });
  return { taskDefinition, tags };
}

/** Resolves `family`, `family:revision` or a task definition ARN; `family` alone means its latest ACTIVE revision. */
export function findTaskDefinition(state: SandboxState, ref: string): TaskDefinitionRecord | undefined {
  const name = resourceOf(state, ref, "task-definition");
  if (name === null) return undefined;
  const [family, revisionText, ...rest] = name.split(":");
  const record = state.taskDefinitions[family];
  if (!record || rest.length > 0) return undefined;
  if (revisionText === undefined) {
    return record.revisions.findLast((r) => r.taskDefinition.status === "ACTIVE");
  }
  if (!/^[1-9]\d*$/.test(revisionText)) return undefined;
  return record.revisions[Number(revisionText) - 1];
}

/** The definition RunTask (and later CreateService) will start, with AWS's errors for missing or retired ones. */
export function requireRunnableTaskDefinition(state: SandboxState, ref: string | undefined): WireTaskDefinition {
  if (!ref) throw invalidParameter("TaskDefinition can not be blank.");
  const found = findTaskDefinition(state, ref);
  if (!found) throw clientException("TaskDefinition not found.");
  if (found.taskDefinition.status !== "ACTIVE") throw invalidParameter("TaskDefinition is inactive");
  return found.taskDefinition;
}

function describeTaskDefinition(state: SandboxState, input: Input): Wire<DescribeTaskDefinitionResponse> {
  const ref = optString(input, "taskDefinition");
  const found = ref ? findTaskDefinition(state, ref) : undefined;
  if (!found) throw clientException("Unable to describe task definition.");
  const include = optStringList(input, "include") ?? [];
  return include.includes("TAGS")
    ? { taskDefinition: found.taskDefinition, tags: found.tags }
    : { taskDefinition: found.taskDefinition };
}

function listTaskDefinitions(state: SandboxState, input: Input): Wire<ListTaskDefinitionsResponse> {
  const family = optString(input, "familyPrefix");
  const status = optEnum(input, "status", ["ACTIVE", "INACTIVE", "DELETE_IN_PROGRESS"] as const) ?? "ACTIVE";
  const sort = optEnum(input, "sort", ["ASC", "DESC"] as const) ?? "ASC";
  // AWS's familyPrefix is the full family name despite its name (API reference, ListTaskDefinitions).
  const families = Object.keys(state.taskDefinitions)
    .filter((name) => family === undefined || name === family)
    .sort();
  const arns = families.flatMap((name) =>
    state.taskDefinitions[name].revisions
      .map((r) => r.taskDefinition)
      .filter((td) => td.status === status)
      .map((td) => td.taskDefinitionArn!),
  );
  if (sort === "DESC") arns.reverse();
  const { page, nextToken } = paginate(arns, input);
  return nextToken ? { taskDefinitionArns: page, nextToken } : { taskDefinitionArns: page };
}

/** DeregisterTaskDefinition needs `family:revision` (or the ARN): a bare family names no single revision. */
function deregisterTaskDefinition(state: SandboxState, input: Input, clockMs: number): Wire<DeregisterTaskDefinitionResponse> {
  const ref = optString(input, "taskDefinition");
  if (!ref) throw invalidParameter("TaskDefinition can not be blank.");
  const name = resourceOf(state, ref, "task-definition");
  if (name !== null && !name.includes(":")) {
    throw clientException("A revision must be specified to deregister a task definition (family:revision).");
  }
  const found = findTaskDefinition(state, ref);
  if (!found) throw clientException("The specified task definition does not exist.");
  const taskDefinition = found.taskDefinition;
  if (taskDefinition.status === "ACTIVE") {
    taskDefinition.status = "INACTIVE";
    taskDefinition.deregisteredAt = epochSeconds(clockMs);
  }
  return { taskDefinition };
}

/** Reasons for DeleteTaskDefinitions failures ([moto-only] wording; AWS's exact texts are not published). */
const DELETE_FAILURES = {
  active: "The specified task definition is still in ACTIVE status. Please deregister the target and try again.",
  missing: "The specified task definition does not exist. Specify a valid task definition and try again.",
};

function deleteTaskDefinitions(state: SandboxState, input: Input, clockMs: number): Wire<DeleteTaskDefinitionsResponse> {
  const refs = optStringList(input, "taskDefinitions") ?? [];
  if (refs.length === 0) throw invalidParameter("taskDefinitions can not be empty.");
  if (refs.length > 10) throw invalidParameter("A maximum of 10 task definitions can be deleted at once.");
  const response: Wire<DeleteTaskDefinitionsResponse> = { taskDefinitions: [], failures: [] };
  for (const ref of refs) {
    const name = resourceOf(state, ref, "task-definition");
    const found = name !== null && name.includes(":") ? findTaskDefinition(state, ref) : undefined;
    const [family, revision] = ref.split(":");
    const arn = ref.startsWith("arn:") ? ref : taskDefinitionArn(state, family, Number(revision));
    if (!found) {
      response.failures!.push({ arn, reason: "TASK_DEFINITION_NOT_FOUND", detail: DELETE_FAILURES.missing });
      continue;
    }
    const taskDefinition = found.taskDefinition;
    if (taskDefinition.status === "ACTIVE") {
      response.failures!.push({ arn: taskDefinition.taskDefinitionArn, reason: "TASK_DEFINITION_IN_ACTIVE_STATE", detail: DELETE_FAILURES.active });
      continue;
    }
    if (taskDefinition.status === "INACTIVE") {
      taskDefinition.status = "DELETE_IN_PROGRESS";
      taskDefinition.deleteRequestedAt = epochSeconds(clockMs);
    }
    response.taskDefinitions!.push(taskDefinition);
  }
  return response;
}

/** A family is ACTIVE while one of its revisions is; INACTIVE once none is. */
function listTaskDefinitionFamilies(state: SandboxState, input: Input): Wire<ListTaskDefinitionFamiliesResponse> {
  const prefix = optString(input, "familyPrefix") ?? "";
  const status = optEnum(input, "status", ["ACTIVE", "INACTIVE", "ALL"] as const) ?? "ACTIVE";
  const families = Object.keys(state.taskDefinitions)
    .filter((name) => name.startsWith(prefix))
    .filter((name) => {
      const active = state.taskDefinitions[name].revisions.some((r) => r.taskDefinition.status === "ACTIVE");
      return status === "ALL" || (status === "ACTIVE") === active;
    })
    .sort();
  const { page, nextToken } = paginate(families, input);
  return nextToken ? { families: page, nextToken } : { families: page };
}

export const taskDefinitionOperations: Record<string, Operation> = {
  RegisterTaskDefinition: { readOnly: false, run: registerTaskDefinition },
  DeregisterTaskDefinition: { readOnly: false, run: deregisterTaskDefinition },
  DeleteTaskDefinitions: { readOnly: false, run: deleteTaskDefinitions },
  ListTaskDefinitionFamilies: { readOnly: true, run: listTaskDefinitionFamilies },
  DescribeTaskDefinition: { readOnly: true, run: describeTaskDefinition },
  ListTaskDefinitions: { readOnly: true, run: listTaskDefinitions },
};
