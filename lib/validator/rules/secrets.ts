/** Section F: secrets, environment, and what the execution and task roles must be there for. */
import { keySpan, type ContainerView, type RuleContext } from "../engine/context";
import type { JsonNode } from "../json/tree";
import { at, defineRule, list, logConfigurationOf, obj, objectsOf, present, str, top, type Value } from "./define";

const SECRETS_MANAGER_ARN = /^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:[A-Za-z0-9/_+=.@-]+(?::[^:]*(?::[^:]*(?::[^:]*)?)?)?$/;
const SSM_ARN = /^arn:aws[a-z-]*:ssm:[a-z0-9-]+:(\d{12}):parameter\/?[A-Za-z0-9/_.-]+$/;
/** A parameter name in the task's own Region: letters, digits, . - _ and / separators. */
const SSM_NAME = /^\/?[A-Za-z0-9_.-]+(?:\/[A-Za-z0-9_.-]+)*$/;
const S3_OBJECT_ARN = /^arn:aws[a-z-]*:s3:::[a-z0-9.-]{3,63}\/.+$/;
const PRIVATE_ECR = /^\d{12}\.dkr\.ecr(?:-fips)?\.[a-z0-9-]+\.amazonaws\.com(?:\.cn)?\//;
const MAX_ENV_FILES = 10;
/** Names AWS's own controls flag (Security Hub ECS.8, Config ecs-no-environment-secrets). */
const AWS_SECRET_NAMES = new Set(["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "ECS_ENGINE_AUTH_DATA"]);
/** trivy's name heuristics, minus the names that merely point at a secret (…_ARN, …_NAME, …_URL, …_PATH, …_FILE). */
const SECRET_WORDS = /(password|passwd|secret|private_?key|api_?key|access_?key|token)/i;
const POINTER_SUFFIX = /_(arn|name|id|url|uri|path|file|type|version|length|ttl|expiry|endpoint|region|header)$/i;

function secretsOf(ctx: RuleContext, container: ContainerView) {
  return objectsOf(ctx, container.node, "secrets").map(({ node, index }) => ({ node, index, name: str(ctx, node, "name"), valueFrom: str(ctx, node, "valueFrom") }));
}

/** Where a rule about a missing execution role points: the member that needs the role. */
function firstNeeding(ctx: RuleContext, test: (container: ContainerView) => { span: { start: number; end: number }; path: (string | number)[] } | undefined) {
  for (const container of ctx.taskDefinition.containers) {
    const hit = test(container);
    if (hit) return hit;
  }
  return undefined;
}

function needsExecutionRole<K extends "SEC-SECRETS-EXECROLE" | "SEC-REPOCREDS-EXECROLE" | "SEC-ECR-EXECROLE-FARGATE" | "SEC-AWSLOGS-EXECROLE-FARGATE">(
  id: K,
  fargateOnly: boolean,
  test: (ctx: RuleContext, container: ContainerView) => { span: { start: number; end: number }; path: (string | number)[] } | undefined,
) {
  return (ctx: RuleContext) => {
    const view = ctx.taskDefinition;
    if (!view.object || view.hasExecutionRole || (fargateOnly && !view.fargate)) return;
    const hit = firstNeeding(ctx, (container) => test(ctx, container));
    if (hit) ctx.report(id as "SEC-SECRETS-EXECROLE", {}, hit.span, hit.path);
  };
}

function keyOf(container: ContainerView, member: string) {
  const prop = container.node.props?.find((p) => p.key === member && p.node.kind !== "null");
  return prop ? { span: keySpan(prop), path: at(container, member) } : undefined;
}

export const secretsNeedExecutionRole = defineRule(
  "SEC-SECRETS-EXECROLE",
  "error",
  "F",
  "[AWS-obs] fabfuel/ecs-deploy#87, sil-org/ecs-deploy#179, terraform-provider-aws#6503",
  needsExecutionRole("SEC-SECRETS-EXECROLE", false, (ctx, container) => {
    if ((list(ctx, container.node, "secrets")?.value.length ?? 0) > 0) return keyOf(container, "secrets");
    const log = logConfigurationOf(ctx, container);
    const secretOptions = log && list(ctx, log.config, "secretOptions");
    return secretOptions && secretOptions.value.length > 0 ? { span: secretOptions.span, path: at(container, "logConfiguration", "secretOptions") } : undefined;
  }),
);

export const repositoryCredentialsNeedExecutionRole = defineRule(
  "SEC-REPOCREDS-EXECROLE",
  "error",
  "F",
  "[AWS-obs] sil-org/ecs-deploy#188",
  needsExecutionRole("SEC-REPOCREDS-EXECROLE", false, (_ctx, container) => keyOf(container, "repositoryCredentials")),
);

export const privateEcrNeedsExecutionRole = defineRule(
  "SEC-ECR-EXECROLE-FARGATE",
  "error",
  "F",
  "[AWS-obs] terraform-provider-aws#3051, nathanpeck/aws-cloudformation-fargate#1",
  needsExecutionRole("SEC-ECR-EXECROLE-FARGATE", true, (ctx, container) => {
    const image = str(ctx, container.node, "image");
    return image && PRIVATE_ECR.test(image.value) ? { span: image.span, path: at(container, "image") } : undefined;
  }),
);

export const awslogsNeedsExecutionRole = defineRule(
  "SEC-AWSLOGS-EXECROLE-FARGATE",
  "error",
  "F",
  "[AWS-obs] virtual-kubelet#193, aws-cdk#1279; cdk-preflight pf-ecs-fargate-execution-role-missing-awslogs",
  needsExecutionRole("SEC-AWSLOGS-EXECROLE-FARGATE", true, (ctx, container) => {
    const driver = logConfigurationOf(ctx, container)?.driver;
    return driver?.value === "awslogs" ? { span: driver.span, path: at(container, "logConfiguration", "logDriver") } : undefined;
  }),
);

export const ec2ExecutionRoleHint = defineRule("SEC-EXECROLE-EC2-HINT", "warning", "F", "[AWS-doc] task execution IAM role", (ctx) => {
  const view = ctx.taskDefinition;
  if (!view.object || view.hasExecutionRole || view.fargate) return;
  for (const container of view.containers) {
    const image = str(ctx, container.node, "image");
    const reason = image && PRIVATE_ECR.test(image.value) ? "ecr" : logConfigurationOf(ctx, container)?.driver?.value === "awslogs" ? "awslogs" : present(container.node, "environmentFiles") ? "environmentFiles" : undefined;
    if (reason) {
      ctx.report("SEC-EXECROLE-EC2-HINT", { container: container.label, reason }, container.span, at(container));
      return;
    }
  }
});

function valueFromProblem(value: string): "arn" | undefined {
  if (value.startsWith("arn:")) return SECRETS_MANAGER_ARN.test(value) || SSM_ARN.test(value) ? undefined : "arn";
  return SSM_NAME.test(value) ? undefined : "arn";
}

/** Every valueFrom a task reads at start: container secrets and log driver secretOptions. */
function valueFroms(ctx: RuleContext): Array<Value<string> & { path: (string | number)[] }> {
  const out: Array<Value<string> & { path: (string | number)[] }> = [];
  for (const container of ctx.taskDefinition.containers) {
    for (const secret of secretsOf(ctx, container)) if (secret.valueFrom) out.push({ ...secret.valueFrom, path: at(container, "secrets", secret.index, "valueFrom") });
    const log = logConfigurationOf(ctx, container);
    for (const { node, index } of objectsOf(ctx, log?.config, "secretOptions")) {
      const valueFrom = str(ctx, node, "valueFrom");
      if (valueFrom) out.push({ ...valueFrom, path: at(container, "logConfiguration", "secretOptions", index, "valueFrom") });
    }
  }
  return out;
}

export const valueFromFormat = defineRule("SEC-VALUEFROM-FORMAT", "error", "F", "[AWS-doc] Secret.valueFrom; [AWS-obs] aws/aws-sdk#311", (ctx) => {
  for (const valueFrom of valueFroms(ctx)) {
    if (valueFromProblem(valueFrom.value)) ctx.report("SEC-VALUEFROM-FORMAT", { value: valueFrom.value }, valueFrom.span, valueFrom.path);
  }
});

export const valueFromCrossAccount = defineRule("SEC-VALUEFROM-CROSS-ACCOUNT", "error", "F", "[AWS-obs] cdk-preflight pf-ecs-secrets-without-execution-role bench log", (ctx) => {
  if (ctx.accountId === undefined) return;
  for (const valueFrom of valueFroms(ctx)) {
    const account = SSM_ARN.exec(valueFrom.value)?.[1];
    if (account !== undefined && account !== ctx.accountId) {
      ctx.report("SEC-VALUEFROM-CROSS-ACCOUNT", { current: ctx.accountId, arnAccount: account }, valueFrom.span, valueFrom.path);
    }
  }
});

function environmentNames(ctx: RuleContext, container: ContainerView) {
  return objectsOf(ctx, container.node, "environment").flatMap(({ node, index }) => {
    const name = str(ctx, node, "name");
    return name ? [{ ...name, index, entry: node }] : [];
  });
}

export const secretNameDuplicate = defineRule("SEC-SECRET-NAME-DUP", "warning", "F", "our addition", (ctx) => {
  for (const container of ctx.taskDefinition.containers) {
    const env = new Set(environmentNames(ctx, container).map((e) => e.value));
    const seen = new Set<string>();
    for (const secret of secretsOf(ctx, container)) {
      if (!secret.name) continue;
      if (seen.has(secret.name.value) || env.has(secret.name.value)) {
        ctx.report("SEC-SECRET-NAME-DUP", { container: container.label, name: secret.name.value, inEnvironment: env.has(secret.name.value) }, secret.name.span, at(container, "secrets", secret.index, "name"));
      }
      seen.add(secret.name.value);
    }
  }
});

export const environmentDuplicate = defineRule("SEC-ENV-DUP", "warning", "F", "cfn-lint E3002 (uniqueKeys ['Name'])", (ctx) => {
  for (const container of ctx.taskDefinition.containers) {
    const seen = new Set<string>();
    for (const env of environmentNames(ctx, container)) {
      if (seen.has(env.value)) ctx.report("SEC-ENV-DUP", { container: container.label, name: env.value }, env.span, at(container, "environment", env.index, "name"));
      seen.add(env.value);
    }
  }
});

export const environmentFilesMax = defineRule("SEC-ENVFILES-MAX", "error", "F", "[AWS-obs] cdk-preflight pf-ecs-environment-files-max", (ctx) => {
  for (const container of ctx.taskDefinition.containers) {
    const files = list(ctx, container.node, "environmentFiles");
    if (files && files.value.length > MAX_ENV_FILES) ctx.report("SEC-ENVFILES-MAX", { count: files.value.length, max: MAX_ENV_FILES }, files.span, at(container, "environmentFiles"));
  }
});

export const environmentFileValue = defineRule("SEC-ENVFILES-VALUE", "error", "F", "[AWS-obs] cdk-preflight pf-ecs-environment-files-type; [AWS-doc] (.env)", (ctx) => {
  for (const container of ctx.taskDefinition.containers) {
    for (const { node, index } of objectsOf(ctx, container.node, "environmentFiles")) {
      const value = str(ctx, node, "value");
      if (!value) continue;
      if (!S3_OBJECT_ARN.test(value.value)) {
        ctx.report("SEC-ENVFILES-VALUE", { value: value.value, problem: "arn" }, value.span, at(container, "environmentFiles", index, "value"));
      } else if (!value.value.endsWith(".env")) {
        const finding = ctx.report("SEC-ENVFILES-VALUE", { value: value.value, problem: "extension" }, value.span, at(container, "environmentFiles", index, "value"));
        // The documentation asks for .env; nothing observed rejects other names, so this part only warns.
        finding.level = "warning";
        finding.stage = "advice";
      }
    }
  }
});

export function looksSecretName(name: string): boolean {
  if (AWS_SECRET_NAMES.has(name.toUpperCase())) return true;
  return SECRET_WORDS.test(name) && !POINTER_SUFFIX.test(name);
}

export const plaintextSecret = defineRule("SEC-ENV-PLAINTEXT-SECRET", "warning", "F", "Security Hub ECS.8; Config ecs-no-environment-secrets; CT.ECS.PR.12; trivy AVD-AWS-0036", (ctx) => {
  for (const container of ctx.taskDefinition.containers) {
    for (const env of environmentNames(ctx, container)) {
      const value = str(ctx, env.entry, "value");
      // An empty value or a placeholder holds no secret yet.
      if (!value || value.value === "" || !looksSecretName(env.value)) continue;
      ctx.report("SEC-ENV-PLAINTEXT-SECRET", { container: container.label, name: env.value }, env.span, at(container, "environment", env.index, "name"));
    }
  }
});

export const rolesDistinct = defineRule("SEC-ROLES-DISTINCT", "warning", "F", "checkov CKV_AWS_249", (ctx) => {
  const root = top(ctx);
  const execution = str(ctx, root, "executionRoleArn");
  const task = str(ctx, root, "taskRoleArn");
  if (execution && task && execution.value === task.value) ctx.report("SEC-ROLES-DISTINCT", {}, task.span, ["taskRoleArn"]);
});

function volumesWith(ctx: RuleContext, member: string): Array<{ node: JsonNode; index: number; config: JsonNode }> {
  return objectsOf(ctx, top(ctx), "volumes").flatMap(({ node, index }) => {
    const config = obj(ctx, node, member)?.value;
    return config ? [{ node, index, config }] : [];
  });
}

export const s3FilesTaskRole = defineRule("SEC-S3FILES-TASKROLE", "error", "F", "[AWS-doc] S3FilesVolumeConfiguration", (ctx) => {
  if (!top(ctx) || ctx.taskDefinition.hasTaskRole) return;
  const [volume] = volumesWith(ctx, "s3filesVolumeConfiguration");
  if (volume) ctx.report("SEC-S3FILES-TASKROLE", {}, { start: volume.config.start, end: volume.config.start + 1 }, ["volumes", volume.index, "s3filesVolumeConfiguration"]);
});

export const efsIamTaskRole = defineRule("SEC-EFS-IAM-TASKROLE", "runtime", "F", "[AWS-doc] EFSAuthorizationConfig.iam", (ctx) => {
  if (!top(ctx) || ctx.taskDefinition.hasTaskRole) return;
  for (const volume of volumesWith(ctx, "efsVolumeConfiguration")) {
    const iam = str(ctx, obj(ctx, volume.config, "authorizationConfig")?.value, "iam");
    if (iam?.value === "ENABLED") ctx.report("SEC-EFS-IAM-TASKROLE", {}, iam.span, ["volumes", volume.index, "efsVolumeConfiguration", "authorizationConfig", "iam"]);
  }
});

export const secretsRules = [
  secretsNeedExecutionRole,
  repositoryCredentialsNeedExecutionRole,
  privateEcrNeedsExecutionRole,
  awslogsNeedsExecutionRole,
  ec2ExecutionRoleHint,
  valueFromFormat,
  valueFromCrossAccount,
  secretNameDuplicate,
  environmentDuplicate,
  environmentFilesMax,
  environmentFileValue,
  plaintextSecret,
  rolesDistinct,
  s3FilesTaskRole,
  efsIamTaskRole,
];
