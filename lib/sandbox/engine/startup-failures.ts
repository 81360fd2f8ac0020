/**
 * What stops a task before its containers run (stopCode TaskFailedToStart), found by asking the account's other
 * services what the ECS agent would ask them, in the agent's order: the network path, then the "execution
 * resources" (ECR registry auth, Secrets Manager and SSM values), then the image pull, then the awslogs log stream
 * when the containers are created ([AWS-code] aws/amazon-ecs-agent: task resources before the pull; ecs-behavior.md
 * §2.5). The execution role's permissions are IAM's real evaluation (services/iam); images, secrets, parameters, log
 * groups and subnets are the services' own records, read through their narrow exports.
 *
 * Texts: the log-group, log-stream, registry-auth and ECR-network ones are [observed] (ecs-behavior.md §2.5); the
 * secrets ones come from services/secrets/resolve.ts; the others follow the same observed shapes with the service's
 * own error at the end, marked [inferred] where they are built.
 */
import { iamOf, inOwnAccount, statesFrom, type Account } from "./account";
import { logGroupArn, roleNameOf, stsAssumedRoleArn, taskIdOf } from "./arns";
import { hashHex } from "./ids";
import type { SandboxState, WireTask, WireTaskDefinition } from "./state";
import { findImage, parseEcrImageUri } from "../services/ecr";
import { defaultSecurityGroupOf, reachability, subnetById, type Reachability } from "../services/ec2/network";
import { isAllowed, type AccessReason } from "../services/iam";
import { logGroupExists } from "../services/logs";
import { locateSecretReference, requestIdOf, resolveSecretReference, secretsAccessDenied } from "../services/secrets/resolve";

const EXECUTION_RESOURCES = "ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed:";
const LOGGER_PREFIX = "ResourceInitializationError: failed to validate logger args: create stream has been retried 1 times:";
const PULL_PREFIX = "CannotPullContainerError: pull image manifest has been retried 5 time(s): failed to resolve ref";

/** A public-looking address for an endpoint's name, stable per name (the agent's message shows the one it dialled). */
function addressOf(host: string): string {
  const bytes = hashHex(`address|${host}`, 6).match(/../g)!.map((b) => parseInt(b, 16));
  return `${3 + (bytes[0] % 50)}.${bytes[1]}.${bytes[2]}.${4 + (bytes[0] % 250)}`;
}

const timeout = (method: "Post" | "Head" | "Get", url: string) =>
  `RequestError: send request failed caused by: ${method} "${url}": dial tcp ${addressOf(new URL(url).host)}:443: i/o timeout`;

export const STARTUP_FAILURE_TEXTS = {
  /** [observed] ecs-behavior.md §2.5, "No network path to ECR". */
  ecrUnreachable: (region: string) =>
    `${EXECUTION_RESOURCES} unable to retrieve ecr registry auth: service call has been retried 3 time(s): ${timeout("Post", `https://api.ecr.${region}.amazonaws.com/`)}. Please check your task network configuration.`,
  ecrDenied: (denied: string) =>
    `${EXECUTION_RESOURCES} unable to retrieve ecr registry auth: service call has been retried 3 time(s): AccessDeniedException: ${denied}`,
  /** [inferred] the same shape for Secrets Manager and Parameter Store endpoints out of reach. */
  secretsUnreachable: (region: string) =>
    `${EXECUTION_RESOURCES} unable to retrieve secret from asm: service call has been retried 1 time(s): ${timeout("Post", `https://secretsmanager.${region}.amazonaws.com/`)}. Please check your task network configuration.`,
  parametersUnreachable: (region: string) =>
    `${EXECUTION_RESOURCES} unable to retrieve secrets from ssm: service call has been retried 1 time(s): ${timeout("Post", `https://ssm.${region}.amazonaws.com/`)}. Please check your task network configuration.`,
  /** [observed] "failed to resolve ref <image>: ...not found" (ecs-behavior.md §2.5); containerd repeats the ref. */
  imageNotFound: (image: string) => `${PULL_PREFIX} ${image}: ${image}: not found`,
  /** [observed] the "403 Forbidden" variant; [inferred] the middle, as containerd reports a refused manifest request. */
  imageForbidden: (image: string, host: string, reference: string) =>
    `${PULL_PREFIX} ${image}: pulling from host ${host} failed with status code [manifests ${reference}]: 403 Forbidden`,
  /** [observed] the "i/o timeout" variant, for a registry on the internet. */
  registryUnreachable: (image: string, manifestUrl: string) => `${PULL_PREFIX} ${image}: failed to do request: ${timeout("Head", manifestUrl).replace("RequestError: send request failed caused by: ", "")}`,
  /** [observed] ecs-behavior.md §2.5. */
  logGroupMissing: () =>
    `${LOGGER_PREFIX} failed to create Cloudwatch log stream: ResourceNotFoundException: The specified log group does not exist. : exit status 1`,
  logStreamDenied: (principal: string, resource: string) =>
    `${LOGGER_PREFIX} failed to create Cloudwatch log stream: AccessDeniedException: User: ${principal} is not authorized to perform: logs:CreateLogStream on resource: ${resource} : exit status 1`,
  logGroupDenied: (principal: string, resource: string) =>
    `${LOGGER_PREFIX} failed to create Cloudwatch log group: AccessDeniedException: User: ${principal} is not authorized to perform: logs:CreateLogGroup on resource: ${resource} : exit status 1`,
  /** [inferred] the logs endpoint out of reach, in the logger's shape. */
  logsUnreachable: (region: string) => `${LOGGER_PREFIX} failed to create Cloudwatch log stream: ${timeout("Post", `https://logs.${region}.amazonaws.com/`)} : exit status 1`,
};

/** IAM's AccessDeniedException message for an assumed role ([observed] forms in ecs-behavior.md §2.5). */
export function accessDeniedMessage(principal: string, action: string, resource: string, reason: AccessReason): string {
  const why = reason === "explicit-deny" ? "with an explicit deny in an identity-based policy" : `because no identity-based policy allows the ${action} action`;
  return `User: ${principal} is not authorized to perform: ${action} on resource: ${resource} ${why}`;
}

/** The simulated images every sandbox has (workloads.ts): in any registry, under `ecs-dojo/` or `sbx/`. */
const CATALOG_REPOSITORY = /^(?:ecs-dojo|sbx)\//;
const AWS_FOR_FLUENT_BIT_REPOSITORY = "aws-for-fluent-bit";

/** Where an image not in ECR is pulled from: Docker Hub for a bare name, else the host before the first slash. */
function manifestUrlOf(image: string): string {
  const [path, tag = "latest"] = image.split("@")[0].split(/:(?=[^/]*$)/);
  const first = path.split("/")[0];
  const hosted = path.includes("/") && (first.includes(".") || first.includes(":") || first === "localhost");
  const host = hosted ? first : "registry-1.docker.io";
  const repository = hosted ? path.slice(first.length + 1) : path.includes("/") ? path : `library/${path}`;
  return `https://${host}/v2/${repository}/manifests/${tag}`;
}

/** What the task's ENI reaches; everything when its subnet is not one the sandbox's EC2 knows (tasks without awsvpc, and lessons written before the network model). */
function reachabilityOf(state: SandboxState, task: WireTask): Reachability | undefined {
  const eni = task.attachments?.find((a) => a.type === "ElasticNetworkInterface");
  const subnetId = eni?.details?.find((d) => d.name === "subnetId")?.value;
  const subnet = subnetId ? subnetById(state, subnetId) : undefined;
  if (!subnet) return undefined;
  const awsvpc = state.taskNotes[taskIdOf(task.taskArn!)]?.awsvpc;
  // Without security groups the task gets its VPC's default group.
  const defaultGroup = defaultSecurityGroupOf(state, subnet.VpcId);
  const groups = awsvpc?.securityGroups.length ? awsvpc.securityGroups : defaultGroup ? [defaultGroup] : [];
  return reachability(state, subnet.SubnetId, awsvpc?.assignPublicIp as "ENABLED" | "DISABLED" | undefined, groups);
}

/**
 * The stoppedReason of a task that cannot start, or undefined when it can. Creates the awslogs log streams (and the
 * group, with awslogs-create-group) of a task that starts, as the agent does before it starts the containers.
 */
export function startupFailureOf(state: SandboxState, task: WireTask, definition: WireTaskDefinition, account: Account): string | undefined {
  const iam = iamOf(account, state.accountId);
  const taskId = taskIdOf(task.taskArn!);
  const role = definition.executionRoleArn && inOwnAccount(state, definition.executionRoleArn);
  const principal = role ? stsAssumedRoleArn(state, roleNameOf(role), taskId) : "";
  /** Undefined when allowed, else IAM's message. Without an execution role the container instance's role acts (EC2); the sandbox lets it. */
  const denied = (action: string, resource: string) => {
    if (!role) return undefined;
    const decision = isAllowed(iam, role, action, resource);
    return decision.allowed ? undefined : accessDeniedMessage(principal, action, resource, decision.reason);
  };
  const reach = reachabilityOf(state, task);
  const containers = definition.containerDefinitions ?? [];

  // Execution resources: registry auth for ECR images, then each secret.
  if (containers.some((c) => parseEcrImageUri(c.image ?? "") !== undefined)) {
    if (reach && !reach.ecrEndpoints) return STARTUP_FAILURE_TEXTS.ecrUnreachable(state.region);
    const authDenied = denied("ecr:GetAuthorizationToken", "*");
    if (authDenied) return STARTUP_FAILURE_TEXTS.ecrDenied(authDenied);
  }
  for (const container of containers) {
    for (const secret of container.secrets ?? []) {
      const failure = secretFailure(state, inOwnAccount(state, secret.valueFrom ?? ""), reach, denied, account);
      if (failure) return failure;
    }
  }

  // The pull.
  for (const container of containers) {
    const failure = pullFailure(state, container.image ?? "", reach, denied, account);
    if (failure) return failure;
  }

  // Containers are created: awslogs makes each container's log stream.
  for (const container of containers) {
    const log = container.logConfiguration;
    if (log?.logDriver !== "awslogs") continue;
    // A group in another Region is looked up there; the sandbox writes only to the task's own Region (container-logs.ts).
    const region = log.options?.["awslogs-region"] ?? state.region;
    const logs = region === state.region ? state : account.stateOf(region);
    if (reach && !reach.logsEndpoint) return STARTUP_FAILURE_TEXTS.logsUnreachable(region);
    const group = log.options?.["awslogs-group"] ?? "";
    const groupArn = logGroupArn({ region, accountId: state.accountId }, group);
    if (!logs || !logGroupExists(logs, group)) {
      if (log.options?.["awslogs-create-group"] !== "true") return STARTUP_FAILURE_TEXTS.logGroupMissing();
      if (denied("logs:CreateLogGroup", `${groupArn}:log-stream:`)) return STARTUP_FAILURE_TEXTS.logGroupDenied(principal, `${groupArn}:log-stream:`);
    }
    const stream = logStreamOf(log.options ?? {}, container.name!, taskId);
    if (denied("logs:CreateLogStream", `${groupArn}:log-stream:${stream}`)) return STARTUP_FAILURE_TEXTS.logStreamDenied(principal, `${groupArn}:log-stream:${stream}`);
  }
  return undefined;
}

/** The awslogs stream of a container: `<prefix>/<container>/<task id>` (without a prefix, the task id: the sandbox has no Docker container ids). */
export function logStreamOf(options: Record<string, string>, containerName: string, taskId: string): string {
  const prefix = options["awslogs-stream-prefix"];
  return prefix ? `${prefix}/${containerName}/${taskId}` : taskId;
}

type Denied = (action: string, resource: string) => string | undefined;

const KMS_NOT_ALLOWED = "Access to KMS is not allowed";

function secretFailure(state: SandboxState, valueFrom: string, reach: Reachability | undefined, denied: Denied, account: Account): string | undefined {
  const location = locateSecretReference(valueFrom, state.region, state.accountId);
  if ("error" in location) return location.error;
  if (reach && location.kind === "secretsmanager" && !reach.secretsEndpoint) return STARTUP_FAILURE_TEXTS.secretsUnreachable(location.region);
  if (reach && location.kind === "ssm" && !reach.ssmEndpoint) return STARTUP_FAILURE_TEXTS.parametersUnreachable(location.region);
  const sources = statesFrom(state, account);
  const requestId = requestIdOf(valueFrom, state.region, state.clock.simMs);
  const resolution = resolveSecretReference(sources, valueFrom, state.region, { clockMs: state.clock.simMs, requestId });
  // IAM is asked about the resource as ECS names it once found (the secret's full ARN), else as written.
  const named = "location" in resolution && resolution.location ? resolution.location : location;
  const refused = denied(named.action, named.resourceArn);
  if (refused) return secretsAccessDenied(named, refused, requestId);
  if ("error" in resolution) return resolution.error;
  if (resolution.kmsKeyId) {
    const key = resolution.kmsKeyId.startsWith("arn:") ? resolution.kmsKeyId : `arn:aws:kms:${named.region}:${state.accountId}:${resolution.kmsKeyId.startsWith("alias/") ? resolution.kmsKeyId : `key/${resolution.kmsKeyId}`}`;
    const kmsRefused = denied("kms:Decrypt", key);
    // Secrets Manager answers a refused decryption in its own words ([observed] GiamPy5/terraform-aws-directus#10);
    // for Parameter Store the IAM form is [inferred].
    if (kmsRefused) return secretsAccessDenied(named, named.kind === "secretsmanager" ? KMS_NOT_ALLOWED : kmsRefused, requestId);
  }
  return undefined;
}

function pullFailure(state: SandboxState, image: string, reach: Reachability | undefined, denied: Denied, account: Account): string | undefined {
  const uri = parseEcrImageUri(inOwnAccount(state, image));
  if (!uri) {
    if (reach && !reach.internet) return STARTUP_FAILURE_TEXTS.registryUnreachable(image, manifestUrlOf(image));
    return undefined;
  }
  // Layers come from Amazon S3: without the internet, the S3 gateway endpoint is the only way.
  if (reach && !reach.s3Gateway) return STARTUP_FAILURE_TEXTS.registryUnreachable(image, `https://prod-${uri.region}-starport-layer-bucket.s3.${uri.region}.amazonaws.com/`);
  const repositoryArn = `arn:aws:ecr:${uri.region}:${uri.registryId}:repository/${uri.repositoryName}`;
  const host = `${uri.registryId}.dkr.ecr.${uri.region}.amazonaws.com`;
  if (denied("ecr:BatchGetImage", repositoryArn) || denied("ecr:GetDownloadUrlForLayer", repositoryArn)) {
    return STARTUP_FAILURE_TEXTS.imageForbidden(image, host, uri.imageDigest ?? uri.imageTag!);
  }
  if (CATALOG_REPOSITORY.test(uri.repositoryName)) return undefined;
  // AWS publishes its log router in a registry of its own in most Regions ([AWS-doc] firelens-using-fluentbit.html).
  if (uri.registryId !== state.accountId && uri.repositoryName === AWS_FOR_FLUENT_BIT_REPOSITORY) return undefined;
  if (!ecrImageOf(state, image, account)) return STARTUP_FAILURE_TEXTS.imageNotFound(image);
  return undefined;
}

/** The learner's ECR image an image URI names (in any of their Regions), or undefined. Another account's registry is not theirs to read. */
function ecrImageOf(state: SandboxState, image: string, account: Account) {
  const own = inOwnAccount(state, image);
  const uri = parseEcrImageUri(own);
  if (!uri || uri.registryId !== state.accountId) return undefined;
  const registry = uri.region === state.region ? state : account.stateOf(uri.region);
  return registry ? findImage(registry, own) : undefined;
}

/**
 * The image whose simulated behaviour a container has (workloads.ts): an ECR image pushed with a `source` behaves as
 * that catalog image (curriculum §3.2, learner-built images); any other image as itself.
 */
export function behaviourImageOf(state: SandboxState, image: string, account: Account): string {
  return ecrImageOf(state, image, account)?.source ?? image;
}
