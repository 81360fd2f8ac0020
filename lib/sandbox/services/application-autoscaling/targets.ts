/**
 * Scalable targets: RegisterScalableTarget (create, or update the bounds and suspended state), DescribeScalableTargets,
 * DeregisterScalableTarget (which deletes the target's policies, their alarms and its scheduled actions, as AWS does:
 * [AWS-doc] API_DeregisterScalableTarget). Registering bounds that exclude the service's desired count moves it
 * inside them at once, as a scaling activity.
 */
import { EcsError } from "../../engine/errors";
import { optBoolean, optInteger, optObject, optString, optStringList, type Input } from "../../engine/input";
import type { Operation } from "../../engine/operation";
import type { SandboxState } from "../../engine/state";
import { peek } from "../../engine/transition";
import { removeAlarm } from "../cloudwatch/alarms";
import {
  AAS_LIMITS,
  ACTIVITY_TEXTS,
  ECS_DIMENSION,
  pageOf,
  readKeys,
  requireTarget,
  scalableTargetArn,
  serviceLinkedRole,
  serviceOfResource,
  setDesiredCount,
  validation,
} from "./common";
import type { ScalableTargetRecord } from "./state";

function registerScalableTarget(state: SandboxState, input: Input, clockMs: number): object {
  const { resourceId } = readKeys(input, { resourceId: true, dimension: true }) as { resourceId: string };
  const record = serviceOfResource(state, resourceId);
  // [observed] hashicorp/terraform-provider-aws users: "ValidationException: ECS service doesn't exist: service/<cluster>/<service>".
  if (!record) throw validation(`ECS service doesn't exist: ${resourceId}`);
  const min = optInteger(input, "MinCapacity");
  const max = optInteger(input, "MaxCapacity");
  const existing = peek(state.aasTargets, resourceId);
  // [inferred] AWS refuses a first registration without both bounds.
  if (!existing && (min === undefined || max === undefined)) throw validation("MinCapacity and MaxCapacity are required for registering a new scalable target");
  const newMin = min ?? existing!.minCapacity;
  const newMax = max ?? existing!.maxCapacity;
  if (newMin < 0 || newMax < 0) throw validation("Capacity cannot be negative"); // [inferred]
  // [inferred] worded after AWS's other capacity checks.
  if (newMin > newMax) throw validation(`Minimum capacity cannot be greater than maximum capacity`);
  if (!existing && Object.keys(state.aasTargets).length >= AAS_LIMITS.targets) {
    // Sandbox bound, in AWS's error for a quota.
    throw new EcsError("LimitExceededException", `The ECS Dojo sandbox keeps at most ${AAS_LIMITS.targets} scalable targets.`);
  }
  const suspended = optObject(input, "SuspendedState");
  const target: ScalableTargetRecord = existing
    ? state.aasTargets[resourceId]
    : {
        resourceId,
        arn: scalableTargetArn(state),
        minCapacity: newMin,
        maxCapacity: newMax,
        roleArn: optString(input, "RoleARN") ?? serviceLinkedRole(state.accountId),
        createdAtMs: clockMs,
        suspended: { DynamicScalingInSuspended: false, DynamicScalingOutSuspended: false, ScheduledScalingSuspended: false },
      };
  target.minCapacity = newMin;
  target.maxCapacity = newMax;
  if (suspended) {
    for (const key of ["DynamicScalingInSuspended", "DynamicScalingOutSuspended", "ScheduledScalingSuspended"] as const) {
      const value = optBoolean(suspended, key);
      if (value !== undefined) target.suspended[key] = value;
    }
  }
  if (!existing) state.aasTargets[resourceId] = target;
  const desired = record.service.desiredCount ?? 0;
  if (desired < newMin) setDesiredCount(state, record, resourceId, newMin, ACTIVITY_TEXTS.minimum(newMin), clockMs);
  else if (desired > newMax) setDesiredCount(state, record, resourceId, newMax, ACTIVITY_TEXTS.maximum(newMax), clockMs);
  return { ScalableTargetARN: target.arn };
}

export function presentTarget(target: ScalableTargetRecord): object {
  return {
    ServiceNamespace: "ecs",
    ResourceId: target.resourceId,
    ScalableDimension: ECS_DIMENSION,
    MinCapacity: target.minCapacity,
    MaxCapacity: target.maxCapacity,
    RoleARN: target.roleArn,
    CreationTime: target.createdAtMs / 1000,
    SuspendedState: { ...target.suspended },
    ScalableTargetARN: target.arn,
  };
}

function describeScalableTargets(state: SandboxState, input: Input): object {
  readKeys(input, { resourceId: false, dimension: false });
  const ids = optStringList(input, "ResourceIds");
  const targets = Object.keys(state.aasTargets)
    .filter((id) => ids === undefined || ids.length === 0 || ids.includes(id))
    .map((id) => presentTarget(peek(state.aasTargets, id)!));
  const { page, NextToken } = pageOf(targets, input);
  return { ScalableTargets: page, ...(NextToken ? { NextToken } : {}) };
}

function deregisterScalableTarget(state: SandboxState, input: Input): object {
  const { resourceId, dimension } = readKeys(input, { resourceId: true, dimension: true }) as { resourceId: string; dimension: string };
  requireTarget(state, resourceId, dimension);
  for (const key of Object.keys(state.aasPolicies)) {
    const policy = peek(state.aasPolicies, key)!;
    if (policy.resourceId !== resourceId) continue;
    for (const alarm of policy.alarms) if (peek(state.cwAlarms, alarm.AlarmName)?.managedBy === policy.arn) removeAlarm(state, alarm.AlarmName);
    delete state.aasPolicies[key];
  }
  for (const key of Object.keys(state.aasScheduledActions)) {
    if (peek(state.aasScheduledActions, key)!.resourceId === resourceId) delete state.aasScheduledActions[key];
  }
  delete state.aasTargets[resourceId];
  return {};
}

export const targetOperations: Record<string, Operation> = {
  RegisterScalableTarget: { readOnly: false, run: (state, input, clockMs) => registerScalableTarget(state, input, clockMs) },
  DescribeScalableTargets: { readOnly: true, run: (state, input) => describeScalableTargets(state, input) },
  DeregisterScalableTarget: { readOnly: false, run: (state, input) => deregisterScalableTarget(state, input) },
};
