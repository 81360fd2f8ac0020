/**
 * Problems RegisterTaskDefinition does not catch and that stop a task before its containers run
 * (stopCode TaskFailedToStart), with the agent's stoppedReason texts (ecs-behavior.md §2.5). The agent fetches
 * secrets and registry credentials first, then creates the containers and their log streams.
 * Confidence: the log-group-missing text is [observed] verbatim; the others follow the observed prefixes with the
 * AWS service's own error text at the end [inferred].
 */
import { logGroupArn, roleNameOf, stsAssumedRoleArn, taskIdOf } from "./arns";
import { isSecretsManagerRef, parameterExists, parameterNameOf, roleMay, secretExists } from "./permissions";
import type { SandboxState, WireTask, WireTaskDefinition } from "./state";
import { ECR_IMAGE } from "./task-definitions";

const SECRETS_PREFIX = "ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed:";
const LOGGER_PREFIX = "ResourceInitializationError: failed to validate logger args: create stream has been retried 1 times:";

export const STARTUP_FAILURE_TEXTS = {
  secretMissing: (arn: string) =>
    `${SECRETS_PREFIX} unable to retrieve secret from asm: service call has been retried 1 time(s): failed to fetch secret ${arn} from secrets manager: ResourceNotFoundException: Secrets Manager can't find the specified secret.`,
  secretDenied: (arn: string, principal: string) =>
    `${SECRETS_PREFIX} unable to retrieve secret from asm: service call has been retried 1 time(s): failed to fetch secret ${arn} from secrets manager: AccessDeniedException: User: ${principal} is not authorized to perform: secretsmanager:GetSecretValue on resource: ${arn} because no identity-based policy allows the secretsmanager:GetSecretValue action`,
  parameterMissing: (name: string) =>
    `${SECRETS_PREFIX} unable to retrieve secrets from ssm: service call has been retried 1 time(s): invalid parameters: ${name}`,
  parameterDenied: (resource: string, principal: string) =>
    `${SECRETS_PREFIX} unable to retrieve secrets from ssm: service call has been retried 1 time(s): AccessDeniedException: User: ${principal} is not authorized to perform: ssm:GetParameters on resource: ${resource} because no identity-based policy allows the ssm:GetParameters action`,
  ecrDenied: (principal: string) =>
    `${SECRETS_PREFIX} unable to retrieve ecr registry auth: service call has been retried 3 time(s): AccessDeniedException: User: ${principal} is not authorized to perform: ecr:GetAuthorizationToken on resource: * because no identity-based policy allows the ecr:GetAuthorizationToken action`,
  logGroupMissing: () =>
    `${LOGGER_PREFIX} failed to create Cloudwatch log stream: ResourceNotFoundException: The specified log group does not exist. : exit status 1`,
  logStreamDenied: (principal: string, resource: string) =>
    `${LOGGER_PREFIX} failed to create Cloudwatch log stream: AccessDeniedException: User: ${principal} is not authorized to perform: logs:CreateLogStream on resource: ${resource} : exit status 1`,
  logGroupDenied: (principal: string, resource: string) =>
    `${LOGGER_PREFIX} failed to create Cloudwatch log group: AccessDeniedException: User: ${principal} is not authorized to perform: logs:CreateLogGroup on resource: ${resource} : exit status 1`,
};


function parameterArn(state: SandboxState, valueFrom: string): string {
  if (valueFrom.startsWith("arn:")) return valueFrom;
  const name = parameterNameOf(valueFrom);
  return `arn:aws:ssm:${state.region}:${state.accountId}:parameter/${name.replace(/^\//, "")}`;
}

/** The stoppedReason of a task that cannot start, or undefined when it can. May create a log group (awslogs-create-group). */
export function startupFailureOf(state: SandboxState, task: WireTask, taskDefinition: WireTaskDefinition): string | undefined {
  const role = taskDefinition.executionRoleArn;
  const principal = role ? stsAssumedRoleArn(state, roleNameOf(role), taskIdOf(task.taskArn!)) : "";
  const may = (action: string) => role !== undefined && roleMay(state, role, action);
  const containers = taskDefinition.containerDefinitions ?? [];

  for (const container of containers) {
    if (role && ECR_IMAGE.test(container.image ?? "") && !may("ecr:GetAuthorizationToken")) return STARTUP_FAILURE_TEXTS.ecrDenied(principal);
    for (const secret of container.secrets ?? []) {
      const ref = secret.valueFrom ?? "";
      if (isSecretsManagerRef(ref)) {
        if (!may("secretsmanager:GetSecretValue")) return STARTUP_FAILURE_TEXTS.secretDenied(ref, principal);
        if (!secretExists(state, ref)) return STARTUP_FAILURE_TEXTS.secretMissing(ref);
      } else {
        if (!may("ssm:GetParameters")) return STARTUP_FAILURE_TEXTS.parameterDenied(parameterArn(state, ref), principal);
        if (!parameterExists(state, ref)) return STARTUP_FAILURE_TEXTS.parameterMissing(parameterNameOf(ref));
      }
    }
  }
  for (const container of containers) {
    const log = container.logConfiguration;
    if (log?.logDriver !== "awslogs") continue;
    const group = log.options?.["awslogs-group"] ?? "";
    const groupArn = logGroupArn(state, group);
    // Without an execution role the instance role writes logs (EC2); the sandbox lets it.
    const allowed = (action: string) => role === undefined || may(action);
    if (!state.world.logGroups.includes(group)) {
      if (log.options?.["awslogs-create-group"] !== "true") return STARTUP_FAILURE_TEXTS.logGroupMissing();
      if (!allowed("logs:CreateLogGroup")) return STARTUP_FAILURE_TEXTS.logGroupDenied(principal, `${groupArn}:log-stream:`);
      state.world.logGroups.push(group);
    }
    if (!allowed("logs:CreateLogStream")) {
      const prefix = log.options?.["awslogs-stream-prefix"];
      const stream = prefix ? `${prefix}/${container.name}/${taskIdOf(task.taskArn!)}` : taskIdOf(task.taskArn!);
      return STARTUP_FAILURE_TEXTS.logStreamDenied(principal, `${groupArn}:log-stream:${stream}`);
    }
  }
  return undefined;
}
