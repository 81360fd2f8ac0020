/**
 * What the Application Auto Scaling modules share: errors, limits, ARNs, reading the target's three keys, pages, and
 * the one way a scaling change reaches ECS (setDesiredCount: what UpdateService(desiredCount) does, recorded as a
 * scaling activity with AWS's texts).
 */
import { clusterNameOf } from "../../engine/deployments";
import { EcsError } from "../../engine/errors";
import { nextHex, nextUuid } from "../../engine/ids";
import { optInteger, optString, type Input } from "../../engine/input";
import type { SandboxState, ServiceRecord } from "../../engine/state";
import { peek } from "../../engine/transition";
import type { ScalableTargetRecord } from "./state";

export const validation = (message: string) => new EcsError("ValidationException", message);
export const notFound = (message: string) => new EcsError("ObjectNotFoundException", message);

export const AAS_LIMITS = {
  /** [AWS-doc] application-auto-scaling-limits.html: 50 scaling policies per scalable target. */
  policiesPerTarget: 50,
  /** [AWS-doc] 200 scheduled actions per scalable target. */
  scheduledActionsPerTarget: 200,
  /** Sandbox bound (AWS allows 3,000 per namespace): a lesson needs a handful. */
  targets: 100,
  /** Sandbox bound: AWS keeps six weeks of activities; the sandbox keeps the newest this many. */
  activities: 500,
  /** [AWS-doc] API_DescribeScalingActivities etc.: MaxResults 1–50, default 50. */
  maxResults: 50,
  /** [AWS-doc] "Define cooldown periods": 300 s for ECS services when not given. */
  defaultCooldownSeconds: 300,
} as const;

export const ECS_NAMESPACE = "ecs";
export const ECS_DIMENSION = "ecs:service:DesiredCount";

/** [AWS-doc] the ECS service-linked role Application Auto Scaling uses when RoleARN is not given. */
export const serviceLinkedRole = (accountId: string) =>
  `arn:aws:iam::${accountId}:role/aws-service-role/ecs.application-autoscaling.amazonaws.com/AWSServiceRoleForApplicationAutoScaling_ECSService`;

export const scalableTargetArn = (state: SandboxState) =>
  `arn:aws:application-autoscaling:${state.region}:${state.accountId}:scalable-target/${nextHex(state, "aas-target", 36)}`;

/** [AWS-doc] `arn:aws:autoscaling:<region>:<account>:scalingPolicy:<uuid>:resource/ecs/service/<c>/<s>:policyName/<name>`. */
export const scalingPolicyArn = (state: SandboxState, resourceId: string, name: string) =>
  `arn:aws:autoscaling:${state.region}:${state.accountId}:scalingPolicy:${nextUuid(state, "aas-policy")}:resource/ecs/${resourceId}:policyName/${name}`;

/** [observed] "No scalable target registered for service namespace: ecs, resource ID: …, scalable dimension: …". */
export const noTarget = (resourceId: string, dimension: string) =>
  notFound(`No scalable target registered for service namespace: ecs, resource ID: ${resourceId}, scalable dimension: ${dimension}`);

export interface TargetKeys {
  namespace: string;
  resourceId: string;
  dimension: string;
}

/**
 * ServiceNamespace, ResourceId and ScalableDimension of a request: the sandbox scales ECS services only. The model's
 * enums are checked by the wire protocol; what is left is the namespace and the dimension the sandbox answers.
 */
export function readKeys(input: Input, required: { resourceId: boolean; dimension: boolean }): Partial<TargetKeys> & { namespace: string } {
  const namespace = optString(input, "ServiceNamespace") ?? "";
  // [inferred] the sandbox's own refusal: AWS scales many more resources.
  if (namespace !== ECS_NAMESPACE) throw validation(`The ECS Dojo sandbox scales ECS services only: ServiceNamespace must be ecs, not ${namespace}.`);
  const resourceId = optString(input, "ResourceId");
  const dimension = optString(input, "ScalableDimension");
  if (required.resourceId && resourceId === undefined) throw validation("ResourceId is required.");
  if (required.dimension && dimension === undefined) throw validation("ScalableDimension is required.");
  // [inferred] worded as AWS's mismatches of dimension and namespace.
  if (dimension !== undefined && dimension !== ECS_DIMENSION) throw validation(`Unsupported scalable dimension '${dimension}' for service namespace 'ecs'`);
  return { namespace, resourceId, dimension };
}

/** The ECS service a `service/<cluster>/<service>` resource id names, if it exists and is not deleted. */
export function serviceOfResource(state: SandboxState, resourceId: string): ServiceRecord | undefined {
  const match = /^service\/([^/]+)\/([^/]+)$/.exec(resourceId);
  if (!match) return undefined;
  const record = peek(state.services, `${clusterNameOf(match[1])}/${match[2]}`);
  return record && record.service.status !== "INACTIVE" ? record : undefined;
}

export function requireTarget(state: SandboxState, resourceId: string, dimension: string): ScalableTargetRecord {
  const target = peek(state.aasTargets, resourceId);
  if (!target) throw noTarget(resourceId, dimension);
  return state.aasTargets[resourceId];
}

/** A page of `items` (MaxResults 1–50, NextToken an offset the sandbox hands out). */
export function pageOf<T>(items: T[], input: Input): { page: T[]; NextToken?: string } {
  const max = optInteger(input, "MaxResults") ?? AAS_LIMITS.maxResults;
  if (max < 1 || max > AAS_LIMITS.maxResults) throw validation(`1 validation error detected: Value '${max}' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 50`);
  const token = optString(input, "NextToken");
  let offset = 0;
  if (token !== undefined) {
    const decoded = /^aas-(\d+)$/.exec(token);
    // [inferred] AWS's text for a token it did not hand out.
    if (!decoded || Number(decoded[1]) > items.length) throw validation("Invalid NextToken");
    offset = Number(decoded[1]);
  }
  const page = items.slice(offset, offset + max);
  return offset + max < items.length ? { page, NextToken: `aas-${offset + max}` } : { page };
}

/** [AWS-doc] application-auto-scaling-scaling-activities.html: the texts of a desired-count change. */
export const ACTIVITY_TEXTS = {
  description: (count: number) => `Setting desired count to ${count}.`,
  success: (count: number) => `Successfully set desired count to ${count}. Change successfully fulfilled by ecs.`,
  alarm: (alarm: string, policy: string) => `monitor alarm ${alarm} in state ALARM triggered policy ${policy}`,
  /** [inferred] the cause of a change that brings the service inside a new minimum or maximum. */
  minimum: (min: number) => `minimum capacity was set to ${min}`,
  maximum: (max: number) => `maximum capacity was set to ${max}`,
  /** [inferred] a scheduled action's cause. */
  scheduled: (name: string) => `scheduled action name ${name} was triggered`,
} as const;

/**
 * Sets the service's desired count as UpdateService(desiredCount) does (no new deployment; the scheduler reacts at
 * the next step) and records the activity. The activity ends when it starts: ECS takes the change at once
 * ([inferred]; AWS's EndTime is some seconds later).
 */
export function setDesiredCount(state: SandboxState, record: ServiceRecord, resourceId: string, count: number, cause: string, atMs: number): void {
  const key = `${clusterNameOf(record.service.clusterArn!)}/${record.service.serviceName}`;
  const draft = state.services[key];
  draft.service.desiredCount = count;
  if (draft.deployments[0]) draft.deployments[0].deployment.desiredCount = count;
  draft.steady = false;
  const activityId = nextUuid(state, "aas-activity");
  state.aasActivities[activityId] = {
    activityId,
    resourceId,
    description: ACTIVITY_TEXTS.description(count),
    cause,
    startMs: atMs,
    endMs: atMs,
    statusCode: "Successful",
    statusMessage: ACTIVITY_TEXTS.success(count),
  };
  const ids = Object.keys(state.aasActivities);
  if (ids.length > AAS_LIMITS.activities) {
    const oldest = ids.sort((x, y) => state.aasActivities[x].startMs - state.aasActivities[y].startMs);
    for (const old of oldest.slice(0, ids.length - AAS_LIMITS.activities)) delete state.aasActivities[old];
  }
}
