/**
 * Scaling policies: PutScalingPolicy (target tracking with the three predefined ECS metrics or a customized metric,
 * and step scaling), DescribeScalingPolicies, DeleteScalingPolicy — and what a policy does when its alarm invokes it
 * (invokeScalingPolicy, from cloudwatch/alarms.ts).
 *
 * Target tracking creates two CloudWatch alarms and owns them ([observed], ecs-behavior.md §8):
 * `TargetTracking-<resource id>-AlarmHigh-<uuid>` (metric > target for 3 one-minute datapoints) scales out,
 * `TargetTracking-<resource id>-AlarmLow-<uuid>` (metric < 0.9 × target for 15) scales in; no AlarmLow when
 * DisableScaleIn. The new capacity is ceil(current × metric ÷ target) ([inferred]: AWS says "proportional"), inside
 * [MinCapacity, MaxCapacity]. Cooldowns (default 300 s): no scale-out during a scale-out cooldown, no scale-in during
 * either cooldown; a scale-out ends a running scale-in cooldown ([AWS-doc], ecs-behavior.md §8). Scale-in waits while
 * the service deploys ([AWS-doc] service-auto-scaling.md: "scale-in is suspended during deployments").
 *
 * Step scaling runs the step whose interval (relative to the alarm's threshold) holds the metric: ChangeInCapacity,
 * PercentChangeInCapacity (MinAdjustmentMagnitude at least) or ExactCapacity; its Cooldown (default 300 s) applies in
 * the direction it scaled.
 */
import { EcsError } from "../../engine/errors";
import { nextUuid } from "../../engine/ids";
import { optBoolean, optInteger, optObject, optObjectList, optString, optStringList, type Input } from "../../engine/input";
import type { Operation } from "../../engine/operation";
import type { SandboxState } from "../../engine/state";
import { peek } from "../../engine/transition";
import { ALARM_TEXTS, removeAlarm, scheduleAlarm } from "../cloudwatch/alarms";
import { resourceLabelParts } from "../cloudwatch/metrics";
import type { AlarmRecord, MetricDimension } from "../cloudwatch/state";
import {
  AAS_LIMITS,
  ACTIVITY_TEXTS,
  ECS_DIMENSION,
  notFound,
  pageOf,
  readKeys,
  requireTarget,
  scalingPolicyArn,
  serviceOfResource,
  setDesiredCount,
  validation,
} from "./common";
import { policyKey, type ScalingPolicyRecord } from "./state";

export const ECS_PREDEFINED_METRICS = ["ECSServiceAverageCPUUtilization", "ECSServiceAverageMemoryUtilization", "ALBRequestCountPerTarget"] as const;

/** The tunable numbers of target tracking, with their sources. */
export const TARGET_TRACKING = {
  /** [observed] "3 datapoints within 3 minutes" / "15 datapoints within 15 minutes", one-minute periods. */
  highDatapoints: 3,
  lowDatapoints: 15,
  periodSeconds: 60,
  /** [observed] the low alarm's threshold: 90 % of the target (target 30 ⇒ 27). */
  lowFactor: 0.9,
} as const;

/** The metric a target tracking configuration tracks, as an alarm watches it. */
function trackedMetric(resourceId: string, config: Input): { namespace: string; metricName: string; statistic: string; dimensions: MetricDimension[]; unit?: string } {
  const [, cluster, service] = resourceId.split("/");
  const predefined = optObject(config, "PredefinedMetricSpecification");
  const customized = optObject(config, "CustomizedMetricSpecification");
  if (predefined) {
    const type = optString(predefined, "PredefinedMetricType") ?? "";
    const ecsDimensions = [
      { Name: "ClusterName", Value: cluster },
      { Name: "ServiceName", Value: service },
    ];
    if (type === "ECSServiceAverageCPUUtilization") return { namespace: "AWS/ECS", metricName: "CPUUtilization", statistic: "Average", dimensions: ecsDimensions };
    if (type === "ECSServiceAverageMemoryUtilization") return { namespace: "AWS/ECS", metricName: "MemoryUtilization", statistic: "Average", dimensions: ecsDimensions };
    if (type === "ALBRequestCountPerTarget") {
      const label = optString(predefined, "ResourceLabel");
      const parts = label === undefined ? undefined : resourceLabelParts(label);
      // [inferred] AWS requires the label for this metric type and refuses a malformed one.
      if (!parts) throw validation("ResourceLabel must be of the form app/<load-balancer-name>/<load-balancer-id>/targetgroup/<target-group-name>/<target-group-id> for ALBRequestCountPerTarget");
      return { namespace: "AWS/ApplicationELB", metricName: "RequestCountPerTarget", statistic: "Sum", dimensions: [{ Name: "TargetGroup", Value: parts.targetGroup }] };
    }
    // [inferred] the model's enum holds the other services' metric types.
    throw validation(`Unsupported metric type ${type} for service namespace ecs`);
  }
  if (customized) {
    const metricName = optString(customized, "MetricName");
    const namespace = optString(customized, "Namespace");
    const statistic = optString(customized, "Statistic");
    if (!metricName || !namespace || !statistic) throw validation("CustomizedMetricSpecification requires MetricName, Namespace and Statistic"); // [inferred]
    const dimensions = (optObjectList(customized, "Dimensions") ?? []).map((d) => ({ Name: String(d.Name), Value: String(d.Value) }));
    return { namespace, metricName, statistic, dimensions, unit: optString(customized, "Unit") };
  }
  // [inferred]
  throw validation("Either PredefinedMetricSpecification or CustomizedMetricSpecification must be specified");
}

function newAlarm(state: SandboxState, name: string, policyArn: string, metric: ReturnType<typeof trackedMetric>, threshold: number, high: boolean, clockMs: number): AlarmRecord {
  return {
    name,
    arn: `arn:aws:cloudwatch:${state.region}:${state.accountId}:alarm:${name}`,
    // [observed] the managed alarms' description.
    description: `DO NOT EDIT OR DELETE. For TargetTrackingScaling policy ${policyArn}.`,
    namespace: metric.namespace,
    metricName: metric.metricName,
    dimensions: metric.dimensions,
    statistic: metric.statistic,
    period: TARGET_TRACKING.periodSeconds,
    evaluationPeriods: high ? TARGET_TRACKING.highDatapoints : TARGET_TRACKING.lowDatapoints,
    datapointsToAlarm: high ? TARGET_TRACKING.highDatapoints : TARGET_TRACKING.lowDatapoints,
    threshold,
    comparisonOperator: high ? "GreaterThanThreshold" : "LessThanThreshold",
    ...(metric.unit ? { unit: metric.unit } : {}),
    actionsEnabled: true,
    alarmActions: [policyArn],
    okActions: [],
    insufficientDataActions: [],
    state: "INSUFFICIENT_DATA",
    stateReason: ALARM_TEXTS.created,
    stateUpdatedMs: clockMs,
    configurationUpdatedMs: clockMs,
    managedBy: policyArn,
  };
}

function readTargetTracking(input: Input): Input {
  const config = optObject(input, "TargetTrackingScalingPolicyConfiguration");
  if (!config) throw validation("TargetTrackingScalingPolicyConfiguration is required for a policy of type TargetTrackingScaling"); // [inferred]
  const target = typeof config.TargetValue === "number" ? config.TargetValue : undefined;
  // [inferred] AWS's bounds: a positive target (8.515920e-109 to 1.174271e+108).
  if (target === undefined || !(target > 0)) throw validation("The target value must be greater than 0");
  const out: Input = { TargetValue: target };
  if (config.PredefinedMetricSpecification !== undefined) out.PredefinedMetricSpecification = config.PredefinedMetricSpecification;
  if (config.CustomizedMetricSpecification !== undefined) out.CustomizedMetricSpecification = config.CustomizedMetricSpecification;
  // Kept as given (DescribeScalingPolicies shows what was put); the defaults apply when the policy runs.
  const scaleOut = optInteger(config, "ScaleOutCooldown");
  const scaleIn = optInteger(config, "ScaleInCooldown");
  const disableScaleIn = optBoolean(config, "DisableScaleIn");
  if (scaleOut !== undefined) out.ScaleOutCooldown = scaleOut;
  if (scaleIn !== undefined) out.ScaleInCooldown = scaleIn;
  if (disableScaleIn !== undefined) out.DisableScaleIn = disableScaleIn;
  return out;
}

function readStepScaling(input: Input): Input {
  const config = optObject(input, "StepScalingPolicyConfiguration");
  if (!config) throw validation("StepScalingPolicyConfiguration is required for a policy of type StepScaling"); // [inferred]
  const type = optString(config, "AdjustmentType");
  if (!type) throw validation("AdjustmentType is required for a step scaling policy"); // [inferred]
  const steps = optObjectList(config, "StepAdjustments") ?? [];
  if (steps.length === 0) throw validation("StepAdjustments must contain at least one step adjustment"); // [inferred]
  return {
    AdjustmentType: type,
    StepAdjustments: steps.map((s) => ({
      ...(s.MetricIntervalLowerBound !== undefined ? { MetricIntervalLowerBound: s.MetricIntervalLowerBound } : {}),
      ...(s.MetricIntervalUpperBound !== undefined ? { MetricIntervalUpperBound: s.MetricIntervalUpperBound } : {}),
      ScalingAdjustment: s.ScalingAdjustment,
    })),
    ...(config.MinAdjustmentMagnitude !== undefined ? { MinAdjustmentMagnitude: config.MinAdjustmentMagnitude } : {}),
    ...(optInteger(config, "Cooldown") !== undefined ? { Cooldown: optInteger(config, "Cooldown") } : {}),
    ...(optString(config, "MetricAggregationType") !== undefined ? { MetricAggregationType: optString(config, "MetricAggregationType") } : {}),
  };
}

function putScalingPolicy(state: SandboxState, input: Input, clockMs: number): object {
  const name = optString(input, "PolicyName") ?? "";
  const { resourceId, dimension } = readKeys(input, { resourceId: true, dimension: true }) as { resourceId: string; dimension: string };
  requireTarget(state, resourceId, dimension);
  const type = optString(input, "PolicyType") ?? "StepScaling";
  if (type !== "TargetTrackingScaling" && type !== "StepScaling") {
    throw validation(`The ECS Dojo sandbox runs TargetTrackingScaling and StepScaling policies, not ${type}.`); // [inferred]
  }
  const key = policyKey(resourceId, name);
  const existing = peek(state.aasPolicies, key);
  const count = Object.values(state.aasPolicies).filter((p) => p.resourceId === resourceId).length;
  if (!existing && count >= AAS_LIMITS.policiesPerTarget) {
    throw new EcsError("LimitExceededException", `You have reached the maximum number of scaling policies (${AAS_LIMITS.policiesPerTarget}) for this scalable target.`); // [inferred]
  }
  const arn = existing?.arn ?? scalingPolicyArn(state, resourceId, name);
  if (existing) removeManagedAlarms(state, existing);
  const policy: ScalingPolicyRecord = { arn, name, resourceId, policyType: type, alarms: [], createdAtMs: existing?.createdAtMs ?? clockMs };
  if (type === "TargetTrackingScaling") {
    const config = readTargetTracking(input);
    const metric = trackedMetric(resourceId, config);
    policy.targetTracking = config;
    const target = config.TargetValue as number;
    const uuid = nextUuid(state, "aas-alarm");
    const high = newAlarm(state, `TargetTracking-${resourceId}-AlarmHigh-${uuid}`, arn, metric, target, true, clockMs);
    const alarms = [high];
    if (!config.DisableScaleIn) alarms.push(newAlarm(state, `TargetTracking-${resourceId}-AlarmLow-${uuid}`, arn, metric, target * TARGET_TRACKING.lowFactor, false, clockMs));
    for (const alarm of alarms) {
      state.cwAlarms[alarm.name] = alarm;
      scheduleAlarm(state, alarm, clockMs);
    }
    policy.alarms = alarms.map((a) => ({ AlarmName: a.name, AlarmARN: a.arn }));
  } else {
    policy.stepScaling = readStepScaling(input);
    // A step policy's alarms are the learner's: those that already name it in their AlarmActions.
    policy.alarms = Object.values(state.cwAlarms)
      .filter((a) => a.alarmActions.includes(arn))
      .map((a) => ({ AlarmName: a.name, AlarmARN: a.arn }));
  }
  state.aasPolicies[key] = policy;
  return { PolicyARN: arn, ...(type === "TargetTrackingScaling" ? { Alarms: policy.alarms } : {}) };
}

function removeManagedAlarms(state: SandboxState, policy: ScalingPolicyRecord): void {
  for (const alarm of policy.alarms) if (peek(state.cwAlarms, alarm.AlarmName)?.managedBy === policy.arn) removeAlarm(state, alarm.AlarmName);
}

export function presentPolicy(policy: ScalingPolicyRecord): object {
  return {
    PolicyARN: policy.arn,
    PolicyName: policy.name,
    ServiceNamespace: "ecs",
    ResourceId: policy.resourceId,
    ScalableDimension: ECS_DIMENSION,
    PolicyType: policy.policyType,
    ...(policy.stepScaling ? { StepScalingPolicyConfiguration: policy.stepScaling } : {}),
    ...(policy.targetTracking ? { TargetTrackingScalingPolicyConfiguration: policy.targetTracking } : {}),
    Alarms: policy.alarms,
    CreationTime: policy.createdAtMs / 1000,
  };
}

function describeScalingPolicies(state: SandboxState, input: Input): object {
  const { resourceId } = readKeys(input, { resourceId: false, dimension: false });
  const names = optStringList(input, "PolicyNames");
  const policies = Object.values(state.aasPolicies)
    .filter((p) => (resourceId === undefined || p.resourceId === resourceId) && (!names?.length || names.includes(p.name)))
    .map((p) => presentPolicy(p));
  const { page, NextToken } = pageOf(policies, input);
  return { ScalingPolicies: page, ...(NextToken ? { NextToken } : {}) };
}

function deleteScalingPolicy(state: SandboxState, input: Input): object {
  const name = optString(input, "PolicyName") ?? "";
  const { resourceId, dimension } = readKeys(input, { resourceId: true, dimension: true }) as { resourceId: string; dimension: string };
  const key = policyKey(resourceId, name);
  const policy = peek(state.aasPolicies, key);
  // [observed] (terraform-provider-aws reports): "No scaling policy found for service namespace: …, resource ID: …,
  // scalable dimension: …, policy name: …".
  if (!policy) throw notFound(`No scaling policy found for service namespace: ecs, resource ID: ${resourceId}, scalable dimension: ${dimension}, policy name: ${name}`);
  removeManagedAlarms(state, policy);
  delete state.aasPolicies[key];
  return {};
}

/** The capacity a target tracking policy asks for at `metric`, before the target's bounds. */
export function trackingCapacity(current: number, metric: number, target: number): number {
  // A tiny epsilon keeps 2 × 75 / 75 from rounding up to 3 through floating-point noise.
  return Math.max(0, Math.ceil((current * metric) / target - 1e-9));
}

/** The capacity a step scaling policy asks for, given how far the metric is from the alarm's threshold. */
export function stepCapacity(current: number, config: Input, distance: number): number | undefined {
  const steps = (config.StepAdjustments as Input[]) ?? [];
  const step = steps.find((s) => {
    const lower = typeof s.MetricIntervalLowerBound === "number" ? s.MetricIntervalLowerBound : Number.NEGATIVE_INFINITY;
    const upper = typeof s.MetricIntervalUpperBound === "number" ? s.MetricIntervalUpperBound : Number.POSITIVE_INFINITY;
    return distance >= lower && distance < upper;
  });
  if (!step) return undefined;
  const adjustment = Number(step.ScalingAdjustment);
  if (config.AdjustmentType === "ExactCapacity") return adjustment;
  if (config.AdjustmentType === "PercentChangeInCapacity") {
    let change = Math.trunc((current * adjustment) / 100);
    const minimum = Number(config.MinAdjustmentMagnitude ?? 0);
    if (Math.abs(change) < minimum) change = Math.sign(adjustment) * minimum;
    return current + change;
  }
  return current + adjustment;
}

/** Called by an alarm in ALARM whose actions name this policy: scale the service if the policy and cooldowns allow. */
export function invokeScalingPolicy(state: SandboxState, policyArn: string, alarm: AlarmRecord, metric: number | undefined, atMs: number): void {
  const policy = Object.values(state.aasPolicies).find((p) => p.arn === policyArn);
  if (!policy || metric === undefined) return;
  const target = peek(state.aasTargets, policy.resourceId);
  const record = serviceOfResource(state, policy.resourceId);
  if (!target || !record) return;
  const current = record.service.desiredCount ?? 0;
  let wanted: number | undefined;
  let outCooldown = 0;
  let inCooldown = 0;
  if (policy.targetTracking) {
    const config = policy.targetTracking;
    const high = alarm.comparisonOperator === "GreaterThanThreshold";
    if (!high && config.DisableScaleIn) return;
    wanted = trackingCapacity(current, metric, config.TargetValue as number);
    if (high) wanted = Math.max(wanted, current + (wanted > current ? 0 : 1));
    outCooldown = (config.ScaleOutCooldown as number | undefined) ?? AAS_LIMITS.defaultCooldownSeconds;
    inCooldown = (config.ScaleInCooldown as number | undefined) ?? AAS_LIMITS.defaultCooldownSeconds;
  } else if (policy.stepScaling) {
    wanted = stepCapacity(current, policy.stepScaling, metric - alarm.threshold);
    outCooldown = inCooldown = (policy.stepScaling.Cooldown as number | undefined) ?? AAS_LIMITS.defaultCooldownSeconds;
  }
  if (wanted === undefined) return;
  wanted = Math.min(target.maxCapacity, Math.max(target.minCapacity, wanted));
  if (wanted === current) return;
  const draft = state.aasTargets[policy.resourceId];
  if (wanted > current) {
    if (target.suspended.DynamicScalingOutSuspended) return;
    if ((target.scaleOutCooldownUntilMs ?? 0) > atMs) return;
    draft.scaleOutCooldownUntilMs = atMs + outCooldown * 1000;
    delete draft.scaleInCooldownUntilMs;
  } else {
    if (target.suspended.DynamicScalingInSuspended) return;
    if ((target.scaleInCooldownUntilMs ?? 0) > atMs || (target.scaleOutCooldownUntilMs ?? 0) > atMs) return;
    if (record.deployments.length > 1) return;
    draft.scaleInCooldownUntilMs = atMs + inCooldown * 1000;
  }
  setDesiredCount(state, record, policy.resourceId, wanted, ACTIVITY_TEXTS.alarm(alarm.name, policy.name), atMs);
}

export const policyOperations: Record<string, Operation> = {
  PutScalingPolicy: { readOnly: false, run: (state, input, clockMs) => putScalingPolicy(state, input, clockMs) },
  DescribeScalingPolicies: { readOnly: true, run: (state, input) => describeScalingPolicies(state, input) },
  DeleteScalingPolicy: { readOnly: false, run: (state, input) => deleteScalingPolicy(state, input) },
};
