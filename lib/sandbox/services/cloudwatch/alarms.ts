/**
 * CloudWatch metric alarms on the simulated clock. An alarm is evaluated once per period, at the period's boundary
 * (an "alarm-check" timer, id `alarm:<name>`), over its last EvaluationPeriods periods of the metric (metrics.ts):
 *
 * - ALARM when at least DatapointsToAlarm (default EvaluationPeriods) of them breach the threshold;
 * - INSUFFICIENT_DATA when none of them has data (TreatMissingData `missing`, the default; `breaching`/`notBreaching`
 *   count a missing datapoint as such; `ignore` keeps the state);
 * - OK otherwise.
 *
 * A new alarm starts INSUFFICIENT_DATA, "Unchecked: Initial alarm creation". A state change writes AWS's StateReason
 * ("Threshold Crossed: …"). Actions: an Application Auto Scaling policy ARN in AlarmActions is invoked at every
 * evaluation in ALARM ([AWS-doc] AlarmThatSendsEmail.html: "the alarm continues to invoke the action for every period
 * that the alarm remains in the new state" for Auto Scaling actions); other actions (SNS, EC2) are recorded, not run.
 */
import { cancelTimers, schedule } from "../../engine/timers";
import type { SandboxState, Timer } from "../../engine/state";
import { peek } from "../../engine/transition";
import { invokeScalingPolicy } from "../application-autoscaling/policies";
import { periodStatistics, type MetricId } from "./metrics";
import type { AlarmRecord, AlarmStateValue } from "./state";

export const ALARM_TEXTS = {
  /** [observed] every new alarm's StateReason. */
  created: "Unchecked: Initial alarm creation",
  /** [inferred] worded like CloudWatch's "Insufficient Data" reasons. */
  insufficient: (count: number) => `Insufficient Data: ${count} ${count === 1 ? "datapoint was" : "datapoints were"} unknown.`,
} as const;

const COMPARISONS: Record<string, { words: string; test: (value: number, threshold: number) => boolean }> = {
  GreaterThanThreshold: { words: "greater than", test: (v, t) => v > t },
  GreaterThanOrEqualToThreshold: { words: "greater than or equal to", test: (v, t) => v >= t },
  LessThanThreshold: { words: "less than", test: (v, t) => v < t },
  LessThanOrEqualToThreshold: { words: "less than or equal to", test: (v, t) => v <= t },
};
export const COMPARISON_OPERATORS = Object.keys(COMPARISONS);

/** A double as Java prints it (CloudWatch's texts): 70 → "70.0", 6.04 → "6.04". */
export const javaDouble = (value: number) => (Number.isInteger(value) ? value.toFixed(1) : String(value));

/** `15/08/18 21:15:00`: how a StateReason dates a datapoint (its period's start, UTC). */
function reasonDate(ms: number): string {
  const d = new Date(ms);
  const two = (n: number) => String(n).padStart(2, "0");
  return `${two(d.getUTCDate())}/${two(d.getUTCMonth() + 1)}/${two(d.getUTCFullYear() % 100)} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;
}

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? "" : "s"}`;

/**
 * [observed] "Threshold Crossed: 1 out of the last 1 datapoints [6.046241709654764 (15/08/18 21:15:00)] was less than or
 * equal to the threshold (70.0) (minimum 1 datapoint for OK -> ALARM transition)." (aws/aws-sdk-java#1723). The ALARM
 * -> OK form with "not" is [inferred] from it.
 */
function thresholdCrossed(alarm: AlarmRecord, shown: { atMs: number; value: number }[], evaluated: number, toAlarm: boolean, minimum: number): string {
  const words = COMPARISONS[alarm.comparisonOperator]?.words ?? alarm.comparisonOperator;
  const list = shown.map((d) => `${javaDouble(d.value)} (${reasonDate(d.atMs)})`).join(", ");
  const verb = shown.length === 1 ? "was" : "were";
  return `Threshold Crossed: ${shown.length} out of the last ${evaluated} datapoints [${list}] ${verb} ${toAlarm ? "" : "not "}${words} the threshold (${javaDouble(alarm.threshold)}) (minimum ${plural(minimum, "datapoint")} for ${toAlarm ? "OK -> ALARM" : "ALARM -> OK"} transition).`;
}

export const alarmTimerId = (name: string) => `alarm:${name}`;

/** The next evaluation after `nowMs`: the next boundary of the alarm's period. */
function nextCheckAt(alarm: AlarmRecord, nowMs: number): number {
  const period = Math.max(10, alarm.period) * 1000;
  return Math.floor(nowMs / period) * period + period;
}

export function scheduleAlarm(state: SandboxState, alarm: AlarmRecord, nowMs: number): void {
  cancelTimers(state, alarmTimerId(alarm.name));
  schedule(state, alarmTimerId(alarm.name), "alarm-check", nextCheckAt(alarm, nowMs));
}

export function removeAlarm(state: SandboxState, name: string): void {
  cancelTimers(state, alarmTimerId(name));
  delete state.cwAlarms[name];
}

const metricOf = (alarm: AlarmRecord): MetricId => ({ namespace: alarm.namespace, metricName: alarm.metricName, dimensions: alarm.dimensions });

/** The alarm's statistic of the period starting at `startMs`, or undefined when it has no data. */
function datapoint(state: SandboxState, alarm: AlarmRecord, startMs: number): number | undefined {
  const stats = periodStatistics(state, metricOf(alarm), startMs, alarm.period);
  return stats === undefined ? undefined : (stats[alarm.statistic as keyof typeof stats] ?? stats.Average);
}

/** Evaluates the alarm at `atMs` (a period boundary): its new state and reason, without changing anything. */
export function evaluateAlarm(state: SandboxState, alarm: AlarmRecord, atMs: number): { state: AlarmStateValue; reason: string; latest?: number } {
  const period = alarm.period * 1000;
  const n = alarm.evaluationPeriods;
  const m = alarm.datapointsToAlarm ?? n;
  const points: { atMs: number; value: number | undefined }[] = [];
  for (let k = 1; k <= n; k++) points.push({ atMs: atMs - k * period, value: datapoint(state, alarm, atMs - k * period) });
  const test = COMPARISONS[alarm.comparisonOperator]?.test ?? (() => false);
  const present = points.filter((p): p is { atMs: number; value: number } => p.value !== undefined);
  const latest = present[0]?.value;
  const missing = alarm.treatMissingData ?? "missing";
  const breachingMissing = missing === "breaching" ? points.length - present.length : 0;
  const breaching = present.filter((p) => test(p.value, alarm.threshold));
  if (breaching.length + breachingMissing >= m) {
    return { state: "ALARM", reason: thresholdCrossed(alarm, breaching, n, true, m), latest };
  }
  if (present.length === 0 && missing === "missing") return { state: "INSUFFICIENT_DATA", reason: ALARM_TEXTS.insufficient(n), latest };
  if (present.length === 0 && missing === "ignore") return { state: alarm.state, reason: alarm.stateReason, latest };
  const fine = present.filter((p) => !test(p.value, alarm.threshold));
  return { state: "OK", reason: thresholdCrossed(alarm, fine, n, false, Math.max(1, n - m + 1)), latest };
}

/** An "alarm-check" timer: evaluate, change state, run the alarm's Auto Scaling actions, plan the next check. */
export function applyAlarmTimer(state: SandboxState, timer: Timer): void {
  const name = timer.id.slice("alarm:".length);
  if (!peek(state.cwAlarms, name)) return;
  const alarm = state.cwAlarms[name];
  const result = evaluateAlarm(state, alarm, timer.atMs);
  if (result.state !== alarm.state) {
    alarm.state = result.state;
    alarm.stateReason = result.reason;
    alarm.stateUpdatedMs = timer.atMs;
  }
  if (alarm.actionsEnabled && alarm.state === "ALARM") {
    for (const action of alarm.alarmActions) {
      if (action.startsWith("arn:aws:autoscaling:") && action.includes(":scalingPolicy:")) invokeScalingPolicy(state, action, alarm, result.latest, timer.atMs);
    }
  }
  schedule(state, timer.id, "alarm-check", nextCheckAt(alarm, timer.atMs));
}
