/**
 * The console's view of a service's Service Auto Scaling: its scalable target (MinCapacity/MaxCapacity), its scaling
 * policies, the CloudWatch alarms that invoke them with their states, the recent scaling activities with AWS's texts,
 * and per minute the service's desired count, running count and CPUUtilization — read with
 * DescribeScalableTargets, DescribeScalingPolicies, DescribeScalingActivities, DescribeAlarms and GetMetricData.
 */
import { TASK_STATES, type ServiceView, type TaskState, type TaskView } from "@/lib/sandbox-view";
import { chartMinutes, MINUTE_MS, perMinute, type ServiceRead } from "./console-series";

/** The scaling activities the console lists per service (DescribeScalingActivities answers newest first). */
const ACTIVITIES_SHOWN = 10;

export interface ScalingView {
  serviceName: string;
  /** `service/<cluster>/<service>`. */
  resourceId: string;
  minCapacity: number;
  maxCapacity: number;
  /** The SuspendedState flags that are on (DynamicScalingInSuspended, …). */
  suspended: string[];
  /** Each policy's name, type and its settings as the API names them ("TargetValue: 50", …). */
  policies: { name: string; type: string; settings: string[] }[];
  alarms: { name: string; state: string; reason: string; updatedAt: number }[];
  activities: { id: string; startAt: number; endAt?: number; description: string; cause: string; statusCode: string; statusMessage?: string }[];
  /** Per minute (`times`: each minute's end, epoch ms): desired and running count then, CPUUtilization (Average) over it. */
  chart: { times: number[]; desired: (number | null)[]; running: number[]; cpu: (number | null)[] };
}

interface Target {
  ResourceId: string;
  MinCapacity: number;
  MaxCapacity: number;
  CreationTime?: number;
  SuspendedState?: Record<string, boolean>;
}
interface Policy {
  PolicyName: string;
  ResourceId: string;
  PolicyType: string;
  TargetTrackingScalingPolicyConfiguration?: Record<string, unknown>;
  StepScalingPolicyConfiguration?: Record<string, unknown>;
  Alarms?: { AlarmName: string }[];
}
interface Activity {
  ActivityId: string;
  Description: string;
  Cause: string;
  StartTime: number;
  EndTime?: number;
  StatusCode: string;
  StatusMessage?: string;
}
interface Alarm {
  AlarmName: string;
  StateValue: string;
  StateReason: string;
  StateUpdatedTimestamp: number;
}

/** Every service of the chosen cluster that has a scalable target, in the order of the service list. */
export async function scalingViews(read: ServiceRead, at: { nowMs: number; cluster: string | null; services: ServiceView[]; tasks: TaskView[] }): Promise<ScalingView[]> {
  const aas = (operation: string, input: object) => read("application-autoscaling", operation, { ServiceNamespace: "ecs", ...input });
  const targets = ((await aas("DescribeScalableTargets", {})).ScalableTargets ?? []) as Target[];
  const byResource = new Map(targets.map((t) => [t.ResourceId, t]));
  const scaled = at.services.flatMap((service) => {
    const target = byResource.get(`service/${at.cluster}/${service.serviceName}`);
    return target ? [{ service, target }] : [];
  });
  if (scaled.length === 0) return [];
  const policies = ((await aas("DescribeScalingPolicies", {})).ScalingPolicies ?? []) as Policy[];
  const alarmNames = [...new Set(policies.flatMap((p) => (p.Alarms ?? []).map((a) => a.AlarmName)))];
  const alarms = alarmNames.length ? (((await read("monitoring", "DescribeAlarms", { AlarmNames: alarmNames.slice(0, 100) })).MetricAlarms ?? []) as Alarm[]) : [];
  const views: ScalingView[] = [];
  for (const { service, target } of scaled) {
    const activities = ((await aas("DescribeScalingActivities", { ResourceId: target.ResourceId, ScalableDimension: "ecs:service:DesiredCount" })).ScalingActivities ?? []) as Activity[];
    const own = policies.filter((p) => p.ResourceId === target.ResourceId);
    const names = new Set(own.flatMap((p) => (p.Alarms ?? []).map((a) => a.AlarmName)));
    const tasks = at.tasks.filter((t) => t.group === `service:${service.serviceName}`);
    views.push({
      serviceName: service.serviceName,
      resourceId: target.ResourceId,
      minCapacity: target.MinCapacity,
      maxCapacity: target.MaxCapacity,
      suspended: Object.entries(target.SuspendedState ?? {}).flatMap(([flag, on]) => (on ? [flag] : [])),
      policies: own.map((p) => ({ name: p.PolicyName, type: p.PolicyType, settings: policySettings(p) })),
      alarms: alarms.filter((a) => names.has(a.AlarmName)).map((a) => ({ name: a.AlarmName, state: a.StateValue, reason: a.StateReason, updatedAt: a.StateUpdatedTimestamp * 1000 })),
      activities: activities.slice(0, ACTIVITIES_SHOWN).map((a) => ({
        id: a.ActivityId,
        startAt: a.StartTime * 1000,
        ...(a.EndTime !== undefined ? { endAt: a.EndTime * 1000 } : {}),
        description: a.Description,
        cause: a.Cause,
        statusCode: a.StatusCode,
        ...(a.StatusMessage ? { statusMessage: a.StatusMessage } : {}),
      })),
      chart: await serviceChart(read, at, service, target, tasks, activities),
    });
  }
  return views;
}

/** A policy's settings, named as DescribeScalingPolicies names them (the same words in both languages). */
function policySettings(policy: Policy): string[] {
  const tracking = policy.TargetTrackingScalingPolicyConfiguration;
  if (tracking) {
    const predefined = tracking.PredefinedMetricSpecification as { PredefinedMetricType?: string; ResourceLabel?: string } | undefined;
    const custom = tracking.CustomizedMetricSpecification as { MetricName?: string; Namespace?: string } | undefined;
    return [
      `TargetValue: ${String(tracking.TargetValue)}`,
      predefined?.PredefinedMetricType ? `PredefinedMetricType: ${predefined.PredefinedMetricType}` : `MetricName: ${custom?.Namespace ?? ""} ${custom?.MetricName ?? ""}`.trim(),
      ...(predefined?.ResourceLabel ? [`ResourceLabel: ${predefined.ResourceLabel}`] : []),
      ...["ScaleOutCooldown", "ScaleInCooldown", "DisableScaleIn"].filter((k) => tracking[k] !== undefined).map((k) => `${k}: ${String(tracking[k])}`),
    ];
  }
  const step = policy.StepScalingPolicyConfiguration ?? {};
  const steps = ((step.StepAdjustments ?? []) as { MetricIntervalLowerBound?: number; MetricIntervalUpperBound?: number; ScalingAdjustment: number }[]).map(
    (s) => `[${s.MetricIntervalLowerBound ?? "-∞"}, ${s.MetricIntervalUpperBound ?? "+∞"}) ${s.ScalingAdjustment > 0 ? "+" : ""}${s.ScalingAdjustment}`,
  );
  return [
    ...["AdjustmentType", "Cooldown", "MetricAggregationType", "MinAdjustmentMagnitude"].filter((k) => step[k] !== undefined).map((k) => `${k}: ${String(step[k])}`),
    ...(steps.length ? [`StepAdjustments: ${steps.join("; ")}`] : []),
  ];
}

const DESIRED = /^Setting desired count to (\d+)\.$/;
const RUNNING_INDEX = TASK_STATES.indexOf("RUNNING");

/** Whether a task was RUNNING at `atMs`: it had entered RUNNING and no later state yet. */
function runningAt(task: TaskView, atMs: number): boolean {
  let running = false;
  for (const step of task.timeline) {
    if (step.at > atMs) break;
    running = TASK_STATES.indexOf(step.status as TaskState) === RUNNING_INDEX;
  }
  return running;
}

/**
 * The service's desired count follows its successful scaling activities ("Setting desired count to N."); before the
 * first one the console does not know it (null) — unless Application Auto Scaling never changed it, then it is today's.
 */
function desiredAt(activities: Activity[], current: number, atMs: number): number | null {
  const done = activities.filter((a) => a.StatusCode === "Successful" && DESIRED.test(a.Description));
  if (done.length === 0) return current;
  const last = done.filter((a) => (a.EndTime ?? a.StartTime) * 1000 <= atMs).sort((a, b) => (b.EndTime ?? b.StartTime) - (a.EndTime ?? a.StartTime))[0];
  return last ? Number(DESIRED.exec(last.Description)![1]) : null;
}

async function serviceChart(read: ServiceRead, at: { nowMs: number; cluster: string | null }, service: ServiceView, target: Target, tasks: TaskView[], activities: Activity[]): Promise<ScalingView["chart"]> {
  const since = Math.min((target.CreationTime ?? Number.POSITIVE_INFINITY) * 1000, ...tasks.map((t) => t.timeline[0]?.at ?? Number.POSITIVE_INFINITY));
  const starts = Number.isFinite(since) ? chartMinutes(at.nowMs, since) : [];
  if (starts.length === 0) return { times: [], desired: [], running: [], cpu: [] };
  const out = (await read("monitoring", "GetMetricData", {
    StartTime: starts[0] / 1000,
    EndTime: (starts[starts.length - 1] + MINUTE_MS) / 1000,
    MetricDataQueries: [
      {
        Id: "cpu",
        MetricStat: {
          Metric: { Namespace: "AWS/ECS", MetricName: "CPUUtilization", Dimensions: [{ Name: "ClusterName", Value: at.cluster }, { Name: "ServiceName", Value: service.serviceName }] },
          Period: 60,
          Stat: "Average",
        },
      },
    ],
  })) as { MetricDataResults?: { Timestamps?: number[]; Values?: number[] }[] };
  const times = starts.map((t) => t + MINUTE_MS);
  return {
    times,
    desired: times.map((t) => desiredAt(activities, service.desiredCount, t)),
    running: times.map((t) => tasks.filter((task) => runningAt(task, t)).length),
    // One decimal, as the console shows it; no datapoint in a minute without a running task.
    cpu: perMinute(out.MetricDataResults?.[0], starts, null).map((v) => (v === null ? null : Math.round(v * 10) / 10)),
  };
}
