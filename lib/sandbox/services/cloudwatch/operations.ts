/**
 * CloudWatch's operations the sandbox answers: PutMetricAlarm, DescribeAlarms, DeleteAlarms (alarms.ts evaluates
 * them), GetMetricStatistics, GetMetricData, ListMetrics (metrics.ts computes the values). Outputs are the API's shapes
 * with timestamps as epoch seconds, as the other providers give them to their wire protocol.
 */
import { EcsError } from "../../engine/errors";
import { optInteger, optObject, optObjectList, optString, optStringList, type Input } from "../../engine/input";
import type { Operation } from "../../engine/operation";
import type { SandboxState } from "../../engine/state";
import { peek } from "../../engine/transition";
import { ALARM_TEXTS, COMPARISON_OPERATORS, removeAlarm, scheduleAlarm } from "./alarms";
import { existingMetrics, METRIC_TUNING, periodStatistics, unitOf, type MetricId } from "./metrics";
import type { AlarmRecord, MetricDimension } from "./state";

const invalidValue = (message: string) => new EcsError("InvalidParameterValueException", message);
const invalidCombination = (message: string) => new EcsError("InvalidParameterCombinationException", message);
const missing = (message: string) => new EcsError("MissingRequiredParameterException", message);

export const CLOUDWATCH_LIMITS = {
  /** Sandbox bound (AWS: 10,000 alarms per Region per account, [AWS-doc] cloudwatch_limits.html). */
  alarms: 200,
  /** [AWS-doc] API_DescribeAlarms: MaxRecords 1–100, default 50. */
  describePage: 50,
  /** [AWS-doc] API_PutMetricAlarm: 10, 20, 30 or a multiple of 60 seconds. */
  periods: [10, 20, 30],
  /** [AWS-doc] API_PutMetricAlarm: EvaluationPeriods × Period at most one day (periods of a minute or more). */
  maxEvaluationSeconds: 86_400,
} as const;

const STATISTICS = ["SampleCount", "Average", "Sum", "Minimum", "Maximum"] as const;

function readDimensions(input: Input): MetricDimension[] {
  return (optObjectList(input, "Dimensions") ?? []).map((d) => ({ Name: String(d.Name ?? ""), Value: String(d.Value ?? "") }));
}

function putMetricAlarm(state: SandboxState, input: Input, clockMs: number): object {
  const name = optString(input, "AlarmName") ?? "";
  const metricName = optString(input, "MetricName");
  const namespace = optString(input, "Namespace");
  const statistic = optString(input, "Statistic");
  const period = optInteger(input, "Period");
  const evaluationPeriods = optInteger(input, "EvaluationPeriods");
  const threshold = typeof input.Threshold === "number" ? input.Threshold : undefined;
  const comparison = optString(input, "ComparisonOperator");
  // [inferred] the sandbox alarms on one metric; metric-math alarms (Metrics) are not emulated.
  if (input.Metrics !== undefined) throw invalidValue("The ECS Dojo sandbox does not emulate metric math alarms: give MetricName, Namespace and Statistic.");
  if (!metricName || !namespace || !statistic || period === undefined || evaluationPeriods === undefined || threshold === undefined || !comparison) {
    // [inferred] CloudWatch asks for the members a single-metric alarm needs.
    throw missing("MetricName, Namespace, Statistic, Period, EvaluationPeriods, Threshold and ComparisonOperator are required for an alarm on a metric.");
  }
  if (!(STATISTICS as readonly string[]).includes(statistic)) throw invalidValue(`The parameter Statistic must be one of ${STATISTICS.join(", ")}.`);
  if (!COMPARISON_OPERATORS.includes(comparison)) throw invalidValue(`The ECS Dojo sandbox evaluates ${COMPARISON_OPERATORS.join(", ")} alarms.`);
  // [AWS-doc] API_PutMetricAlarm Period: "Valid values are 10, 20, 30, and any multiple of 60."
  if (!((CLOUDWATCH_LIMITS.periods as readonly number[]).includes(period) || (period > 0 && period % 60 === 0))) {
    throw invalidValue("The parameter Period must be 10, 20, 30 or a multiple of 60.");
  }
  if (evaluationPeriods < 1 || evaluationPeriods * period > CLOUDWATCH_LIMITS.maxEvaluationSeconds) {
    throw invalidValue("The evaluation period (EvaluationPeriods × Period) must not exceed one day."); // [inferred]
  }
  const datapoints = optInteger(input, "DatapointsToAlarm");
  if (datapoints !== undefined && (datapoints < 1 || datapoints > evaluationPeriods)) {
    throw invalidValue("DatapointsToAlarm must be between 1 and EvaluationPeriods."); // [inferred]
  }
  const existing = peek(state.cwAlarms, name);
  if (!existing && Object.keys(state.cwAlarms).length >= CLOUDWATCH_LIMITS.alarms) {
    throw new EcsError("LimitExceededFault", `The ECS Dojo sandbox keeps at most ${CLOUDWATCH_LIMITS.alarms} alarms.`);
  }
  const alarm: AlarmRecord = {
    name,
    arn: `arn:aws:cloudwatch:${state.region}:${state.accountId}:alarm:${name}`,
    ...(optString(input, "AlarmDescription") !== undefined ? { description: optString(input, "AlarmDescription") } : {}),
    namespace,
    metricName,
    dimensions: readDimensions(input),
    statistic,
    period,
    evaluationPeriods,
    ...(datapoints !== undefined ? { datapointsToAlarm: datapoints } : {}),
    threshold,
    comparisonOperator: comparison,
    ...(optString(input, "TreatMissingData") !== undefined ? { treatMissingData: optString(input, "TreatMissingData") } : {}),
    ...(optString(input, "Unit") !== undefined ? { unit: optString(input, "Unit") } : {}),
    actionsEnabled: input.ActionsEnabled !== false,
    alarmActions: optStringList(input, "AlarmActions") ?? [],
    okActions: optStringList(input, "OKActions") ?? [],
    insufficientDataActions: optStringList(input, "InsufficientDataActions") ?? [],
    // A changed alarm is evaluated afresh ([AWS-doc]: updating an alarm resets it to INSUFFICIENT_DATA).
    state: "INSUFFICIENT_DATA",
    stateReason: ALARM_TEXTS.created,
    stateUpdatedMs: clockMs,
    configurationUpdatedMs: clockMs,
    ...(existing?.managedBy ? { managedBy: existing.managedBy } : {}),
  };
  state.cwAlarms[name] = alarm;
  scheduleAlarm(state, alarm, clockMs);
  // A step scaling policy lists the alarms that invoke it.
  for (const key of Object.keys(state.aasPolicies)) {
    const policy = peek(state.aasPolicies, key)!;
    if (policy.policyType !== "StepScaling") continue;
    const named = alarm.alarmActions.includes(policy.arn);
    const listed = policy.alarms.some((a) => a.AlarmName === name);
    if (named && !listed) state.aasPolicies[key].alarms.push({ AlarmName: name, AlarmARN: alarm.arn });
    if (!named && listed) state.aasPolicies[key].alarms = policy.alarms.filter((a) => a.AlarmName !== name);
  }
  return {};
}

export function presentAlarm(alarm: AlarmRecord): object {
  return {
    AlarmName: alarm.name,
    AlarmArn: alarm.arn,
    ...(alarm.description !== undefined ? { AlarmDescription: alarm.description } : {}),
    AlarmConfigurationUpdatedTimestamp: alarm.configurationUpdatedMs / 1000,
    ActionsEnabled: alarm.actionsEnabled,
    OKActions: alarm.okActions,
    AlarmActions: alarm.alarmActions,
    InsufficientDataActions: alarm.insufficientDataActions,
    StateValue: alarm.state,
    StateReason: alarm.stateReason,
    StateUpdatedTimestamp: alarm.stateUpdatedMs / 1000,
    MetricName: alarm.metricName,
    Namespace: alarm.namespace,
    Statistic: alarm.statistic,
    Dimensions: alarm.dimensions,
    Period: alarm.period,
    ...(alarm.unit !== undefined ? { Unit: alarm.unit } : {}),
    EvaluationPeriods: alarm.evaluationPeriods,
    ...(alarm.datapointsToAlarm !== undefined ? { DatapointsToAlarm: alarm.datapointsToAlarm } : {}),
    Threshold: alarm.threshold,
    ComparisonOperator: alarm.comparisonOperator,
    ...(alarm.treatMissingData !== undefined ? { TreatMissingData: alarm.treatMissingData } : {}),
    StateTransitionedTimestamp: alarm.stateUpdatedMs / 1000,
  };
}

function describeAlarms(state: SandboxState, input: Input): object {
  const names = optStringList(input, "AlarmNames");
  const prefix = optString(input, "AlarmNamePrefix");
  const stateValue = optString(input, "StateValue");
  const actionPrefix = optString(input, "ActionPrefix");
  const alarms = Object.keys(state.cwAlarms)
    .sort()
    .map((name) => peek(state.cwAlarms, name)!)
    .filter((a) => !names?.length || names.includes(a.name))
    .filter((a) => prefix === undefined || a.name.startsWith(prefix))
    .filter((a) => stateValue === undefined || a.state === stateValue)
    .filter((a) => actionPrefix === undefined || a.alarmActions.some((action) => action.startsWith(actionPrefix)));
  const max = optInteger(input, "MaxRecords") ?? CLOUDWATCH_LIMITS.describePage;
  const token = optString(input, "NextToken");
  const offset = token === undefined ? 0 : Number(/^cw-(\d+)$/.exec(token)?.[1] ?? NaN);
  if (!Number.isInteger(offset) || offset > alarms.length) throw new EcsError("InvalidNextToken", "The service returned an invalid NextToken."); // [inferred]
  const page = alarms.slice(offset, offset + max).map(presentAlarm);
  return { MetricAlarms: page, CompositeAlarms: [], ...(offset + max < alarms.length ? { NextToken: `cw-${offset + max}` } : {}) };
}

function deleteAlarms(state: SandboxState, input: Input): object {
  const names = optStringList(input, "AlarmNames") ?? [];
  const unknown = names.filter((name) => !peek(state.cwAlarms, name));
  // [AWS-doc] API_DeleteAlarms: "If you specify any alarm that does not exist, no alarms are deleted"; the message is [inferred].
  if (unknown.length > 0) throw new EcsError("ResourceNotFound", `Alarm(s) not found: ${unknown.join(", ")}`);
  for (const name of names) removeAlarm(state, name);
  return {};
}

function readTime(value: unknown, member: string): number {
  if (typeof value === "number" && Number.isFinite(value)) return value * 1000;
  if (typeof value === "string" && !Number.isNaN(Date.parse(value))) return Date.parse(value);
  throw missing(`The parameter ${member} is required.`);
}

/** The periods' start times between two instants, aligned to the period, checked against CloudWatch's 1,440 limit. */
function periodStarts(startMs: number, endMs: number, periodSeconds: number): number[] {
  const period = periodSeconds * 1000;
  const first = Math.ceil(startMs / period) * period;
  const count = Math.max(0, Math.ceil((endMs - first) / period));
  if (count > METRIC_TUNING.maxDatapoints) {
    // [observed] CloudWatch's answer to an oversized request.
    throw invalidCombination(
      `You have requested up to ${count.toLocaleString("en-US")} datapoints, which exceeds the limit of 1,440. You may reduce the datapoints requested by increasing Period, or decreasing the time range.`,
    );
  }
  return Array.from({ length: count }, (_, i) => first + i * period);
}

function getMetricStatistics(state: SandboxState, input: Input): object {
  const metric: MetricId = { namespace: optString(input, "Namespace") ?? "", metricName: optString(input, "MetricName") ?? "", dimensions: readDimensions(input) };
  const period = optInteger(input, "Period") ?? 0;
  if (period < 1 || (period >= 60 && period % 60 !== 0)) throw invalidValue("The parameter Period must be a multiple of 60."); // [inferred] wording
  const statistics = optStringList(input, "Statistics") ?? [];
  if (statistics.length === 0) throw missing("Must specify either Statistics or ExtendedStatistics."); // [inferred] wording
  const starts = periodStarts(readTime(input.StartTime, "StartTime"), readTime(input.EndTime, "EndTime"), Math.max(60, period));
  const unit = unitOf(metric.metricName);
  const datapoints = starts.flatMap((startMs) => {
    const stats = periodStatistics(state, metric, startMs, Math.max(60, period));
    if (!stats) return [];
    return [{ Timestamp: startMs / 1000, ...Object.fromEntries(statistics.map((s) => [s, stats[s as keyof typeof stats]])), Unit: unit }];
  });
  return { Label: metric.metricName, Datapoints: datapoints };
}

function getMetricData(state: SandboxState, input: Input): object {
  const queries = optObjectList(input, "MetricDataQueries") ?? [];
  const startMs = readTime(input.StartTime, "StartTime");
  const endMs = readTime(input.EndTime, "EndTime");
  const results = queries.map((query) => {
    const stat = optObject(query, "MetricStat");
    // [inferred] the sandbox answers MetricStat queries; math expressions are not emulated.
    if (!stat) throw invalidValue("The ECS Dojo sandbox answers MetricStat queries only (no Expression).");
    const metricInput = optObject(stat, "Metric") ?? {};
    const metric: MetricId = { namespace: optString(metricInput, "Namespace") ?? "", metricName: optString(metricInput, "MetricName") ?? "", dimensions: readDimensions(metricInput) };
    const period = Math.max(60, optInteger(stat, "Period") ?? 60);
    const statistic = optString(stat, "Stat") ?? "Average";
    const points = periodStarts(startMs, endMs, period)
      .map((start) => ({ start, stats: periodStatistics(state, metric, start, period) }))
      .filter((p) => p.stats !== undefined)
      .reverse(); // TimestampDescending, the default ScanBy
    return {
      Id: optString(query, "Id") ?? "",
      Label: optString(query, "Label") ?? metric.metricName,
      Timestamps: points.map((p) => p.start / 1000),
      Values: points.map((p) => p.stats![statistic as keyof typeof p.stats] ?? p.stats!.Average),
      StatusCode: "Complete",
    };
  });
  return { MetricDataResults: results, Messages: [] };
}

function listMetrics(state: SandboxState, input: Input): object {
  const namespace = optString(input, "Namespace");
  const metricName = optString(input, "MetricName");
  const wanted = readDimensions(input);
  const metrics = existingMetrics(state)
    .filter((m) => namespace === undefined || m.namespace === namespace)
    .filter((m) => metricName === undefined || m.metricName === metricName)
    .filter((m) => wanted.every((w) => m.dimensions.some((d) => d.Name === w.Name && (w.Value === "" || d.Value === w.Value))))
    .map((m) => ({ Namespace: m.namespace, MetricName: m.metricName, Dimensions: m.dimensions }));
  return { Metrics: metrics };
}

export const cloudWatchOperations: Record<string, Operation> = {
  PutMetricAlarm: { readOnly: false, run: (state, input, clockMs) => putMetricAlarm(state, input, clockMs) },
  DescribeAlarms: { readOnly: true, run: (state, input) => describeAlarms(state, input) },
  DeleteAlarms: { readOnly: false, run: (state, input) => deleteAlarms(state, input) },
  GetMetricStatistics: { readOnly: true, run: (state, input) => getMetricStatistics(state, input) },
  GetMetricData: { readOnly: true, run: (state, input) => getMetricData(state, input) },
  ListMetrics: { readOnly: true, run: (state, input) => listMetrics(state, input) },
};
