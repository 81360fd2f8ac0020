/**
 * What the console's traffic and scaling views share: how they read the other services, and the minutes their charts
 * cover on the sandbox clock.
 */

/** The other services the console reads; "dojo-sandbox" is the sandbox's own DojoSandbox reads (DescribeAutoScalingGroups). */
export type TrafficService = "elasticloadbalancing" | "application-autoscaling" | "monitoring" | "dojo-sandbox";

/**
 * One read-only operation of another service on the learner's sandbox, answered in the API's shape (timestamps as
 * epoch seconds, as the embedded providers hand them to their wire protocol). Throws the service's error.
 */
export type ServiceRead = (service: TrafficService, operation: string, input: object) => Promise<Record<string, unknown>>;

/** How far back the console's charts look, in one-minute points (CloudWatch's ECS and ALB metrics are per minute). */
export const CHART_MINUTES = 30;
export const MINUTE_MS = 60_000;

/** The complete minutes of a chart (their starts, epoch ms): at most CHART_MINUTES, none before `sinceMs`. */
export function chartMinutes(nowMs: number, sinceMs: number): number[] {
  const end = Math.floor(nowMs / MINUTE_MS) * MINUTE_MS;
  const start = Math.max(end - CHART_MINUTES * MINUTE_MS, Math.floor(sinceMs / MINUTE_MS) * MINUTE_MS);
  const times: number[] = [];
  for (let t = start; t < end; t += MINUTE_MS) times.push(t);
  return times;
}

/** One GetMetricData result as a value per chart minute (`missing` where CloudWatch has no datapoint). */
export function perMinute(result: { Timestamps?: number[]; Values?: number[] } | undefined, times: number[], missing: number | null): (number | null)[] {
  const byTime = new Map((result?.Timestamps ?? []).map((t, i) => [t * 1000, result!.Values![i]]));
  return times.map((t) => byTime.get(t) ?? missing);
}
