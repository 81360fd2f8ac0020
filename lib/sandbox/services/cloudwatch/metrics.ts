/**
 * The metrics the sandbox publishes, computed on demand from the state and the clock — nothing is stored per second:
 *
 * | Namespace             | Metric                      | Dimensions                 | From                                                       |
 * |-----------------------|-----------------------------|----------------------------|------------------------------------------------------------|
 * | `AWS/ECS`             | `CPUUtilization`            | ClusterName, ServiceName   | the requests each running task serves × the CPU one request costs its workload (workloads.ts), over the task's CPU units |
 * | `AWS/ECS`             | `MemoryUtilization`         | ClusterName, ServiceName   | the workloads' resident memory over the task's memory      |
 * | `AWS/ApplicationELB`  | `RequestCount`              | TargetGroup, LoadBalancer  | the requests the target group receives (Sum)                |
 * | `AWS/ApplicationELB`  | `RequestCountPerTarget`     | TargetGroup (LoadBalancer) | the target group's requests ÷ its healthy targets (Sum)     |
 * | `AWS/ApplicationELB`  | `HTTPCode_Target_5XX_Count` | TargetGroup, LoadBalancer  | requests routed to targets not yet ready (503), and the share a broken build fails (500; workloads.ts) |
 * | `AWS/ApplicationELB`  | `TargetResponseTime`        | TargetGroup, LoadBalancer  | a base latency stretched as the targets' CPU fills up       |
 * | `AWS/ECS/ManagedScaling` | `CapacityProviderReservation` | ClusterName, CapacityProviderName | managed scaling's M / N × 100 of the minute (engine/managed-scaling.ts, which keeps the value each time it changes) |
 *
 * Requests come from the load generator (load.ts, DojoSandbox.SetLoad): to a service (shared by its running tasks;
 * counted in its first target group's metrics too when it has one; with blue/green, linear or canary load balancing,
 * split between its target groups by the production listener rule's weights of the moment, traffic-shift.ts) or to a target group (shared by its healthy
 * targets; by all of them when none is healthy, as an ALB fails open). AWS/ECS metrics are published once a minute
 * ([AWS-doc] AmazonECS/latest/developerguide/cloudwatch-metrics.html); a one-minute datapoint here is the average of
 * SAMPLES_PER_MINUTE samples in its minute, so a load change inside a minute shows in proportion. A minute in which the
 * service has no running task has no datapoint (missing data), as in CloudWatch.
 */
import { clusterNameOf, serviceKeyOf } from "../../engine/deployments";
import type { SandboxState, ServiceRecord, WireTask } from "../../engine/state";
import { peek } from "../../engine/transition";
import { productionShareAt } from "../../engine/traffic-shift";
import { targetKeysOf } from "../elbv2/target-index";
import { loadAt, serviceLoadKey, targetGroupLoadKey } from "./load";
import type { MetricDimension } from "./state";

/** Every tunable number of the metrics, with where it comes from. */
export const METRIC_TUNING = {
  /** [AWS-doc] cloudwatch-metrics.html: ECS sends its service metrics once a minute. */
  minuteMs: 60_000,
  /** [inferred] samples averaged into one one-minute datapoint (cheap, and a mid-minute change shows in proportion). */
  samplesPerMinute: 6,
  /** [inferred] what an idle server's CPU shows, percent of its reservation. */
  idleCpuPercent: 0.5,
  /** [inferred] CPU units assumed for a task with no task-level or container-level cpu (EC2 tasks may omit it). */
  defaultTaskCpuUnits: 1024,
  /** [inferred] a target's response time with idle CPU, seconds. */
  baseResponseSeconds: 0.005,
  /** Query limits (CloudWatch's own: [AWS-doc] API_GetMetricStatistics, "a maximum of 1,440 data points"). */
  maxDatapoints: 1440,
} as const;

export interface MetricId {
  namespace: string;
  metricName: string;
  dimensions: MetricDimension[];
}

export const ECS_METRICS = ["CPUUtilization", "MemoryUtilization"] as const;
export const ALB_METRICS = ["RequestCount", "RequestCountPerTarget", "HTTPCode_Target_5XX_Count", "TargetResponseTime"] as const;
/** [AWS-doc] cluster-auto-scaling: ECS publishes it for each Auto Scaling group capacity provider with managed scaling on. */
export const MANAGED_SCALING_NAMESPACE = "AWS/ECS/ManagedScaling";

/** CapacityProviderReservation at `atMs`: the value managed scaling last computed for that cluster and provider. */
function reservationAt(state: SandboxState, dimensions: MetricDimension[], atMs: number): number | undefined {
  const cluster = dimension(dimensions, "ClusterName");
  const provider = dimension(dimensions, "CapacityProviderName");
  if (cluster === undefined || provider === undefined || dimensions.length !== 2) return undefined;
  for (const group of Object.values(state.autoScalingGroups ?? {})) {
    let value: number | null | undefined;
    for (const point of group.reservation ?? []) {
      if (point.atMs > atMs) break;
      if (point.cluster === cluster && point.provider === provider) value = point.value;
      else value = undefined;
    }
    if (value !== undefined && value !== null) return value;
  }
  return undefined;
}

const dimension = (dimensions: MetricDimension[], name: string) => dimensions.find((d) => d.Name === name)?.Value;

/** The service a metric's ClusterName/ServiceName dimensions name, if it exists. */
function serviceOf(state: SandboxState, dimensions: MetricDimension[]): ServiceRecord | undefined {
  const cluster = dimension(dimensions, "ClusterName");
  const service = dimension(dimensions, "ServiceName");
  if (cluster === undefined || service === undefined) return undefined;
  return peek(state.services, `${cluster}/${service}`);
}

/** The target group ARN a `targetgroup/<name>/<id>` dimension names. */
function targetGroupArnOf(state: SandboxState, dimensions: MetricDimension[]): string | undefined {
  const value = dimension(dimensions, "TargetGroup");
  if (value === undefined) return undefined;
  return Object.keys(state.elbTargetGroups).find((arn) => arn.endsWith(`:${value}`));
}

/** Whether the task was running at `atMs` (started, not yet stopping). */
function runningAt(task: WireTask, atMs: number): boolean {
  if (task.startedAt === undefined) return false;
  const started = Number(task.startedAt) * 1000;
  const stopping = task.stoppingAt === undefined ? Number.POSITIVE_INFINITY : Number(task.stoppingAt) * 1000;
  return started <= atMs && atMs < stopping;
}

function runningTasksOf(state: SandboxState, record: ServiceRecord, atMs: number): string[] {
  return record.taskIds.filter((id) => {
    const task = peek(state.tasks, id);
    return task !== undefined && runningAt(task, atMs);
  });
}

/** The targets a target group sends requests to at `atMs`: the healthy ones, or all of them when none is (fail open). */
function servingTargets(state: SandboxState, groupArn: string): { taskId?: string }[] {
  const targets = targetKeysOf(state, groupArn)
    .map((key) => peek(state.elbTargets, key)!)
    .filter((t) => t.health.state !== "draining" && t.health.state !== "unused");
  const healthy = targets.filter((t) => t.health.state === "healthy");
  return healthy.length > 0 ? healthy : targets;
}

/**
 * Requests per second a target group receives at `atMs`: its own load, and its services' load — the share of it the
 * service's production traffic sent there then (its first target group; a blue/green, linear or canary deployment's
 * weights while it shifts: traffic-shift.ts).
 */
function groupRequestRate(state: SandboxState, groupArn: string, atMs: number): number {
  let rate = loadAt(state, targetGroupLoadKey(groupArn), atMs);
  for (const key of Object.keys(state.cwLoads)) {
    if (!key.startsWith("service:")) continue;
    const record = peek(state.services, key.slice("service:".length));
    if (record) rate += loadAt(state, key, atMs) * productionShareAt(record, groupArn, atMs);
  }
  return rate;
}

/** Services whose load balancers have an advancedConfiguration send their load through their target groups' weights. */
const shiftsTraffic = (record: ServiceRecord) => (record.service.loadBalancers ?? []).some((lb) => lb.advancedConfiguration);

/** A target group's own load at one instant, shared by its serving targets: per task, the requests it gets. */
type GroupShares = Map<string, Map<string, number>>;

function groupShares(state: SandboxState, arn: string, atMs: number, cache: GroupShares): Map<string, number> {
  let shares = cache.get(arn);
  if (!shares) {
    shares = new Map();
    const own = loadAt(state, targetGroupLoadKey(arn), atMs);
    const serving = own === 0 ? [] : servingTargets(state, arn);
    for (const target of serving) {
      if (target.taskId !== undefined) shares.set(target.taskId, (shares.get(target.taskId) ?? 0) + own / serving.length);
    }
    cache.set(arn, shares);
  }
  return shares;
}

/** Requests per second one task serves at `atMs` (`cache`: the target groups' shares at that instant, built once). */
function taskRequestRate(state: SandboxState, taskId: string, record: ServiceRecord | undefined, runningCount: number, atMs: number, cache: GroupShares): number {
  let rate = 0;
  const groups = new Set(peek(state.taskNotes, taskId)?.lb?.targets.map((t) => t.targetGroupArn) ?? []);
  const serviceLoad = record ? loadAt(state, serviceLoadKey(serviceKeyOf(record)), atMs) : 0;
  if (record && serviceLoad > 0 && shiftsTraffic(record)) {
    // Through the target group the task is in, at that group's share of production traffic, among its serving targets.
    for (const arn of groups) {
      const serving = servingTargets(state, arn);
      if (serving.some((t) => t.taskId === taskId)) rate += (serviceLoad * productionShareAt(record, arn, atMs)) / serving.length;
    }
  } else if (record && runningCount > 0) rate += serviceLoad / runningCount;
  for (const arn of groups) rate += groupShares(state, arn, atMs, cache).get(taskId) ?? 0;
  return rate;
}

function taskCpuUnits(task: WireTask): number {
  const units = Number(task.cpu);
  return Number.isFinite(units) && units > 0 ? units : METRIC_TUNING.defaultTaskCpuUnits;
}

/** One task's CPU use at `atMs`, percent of its CPU units (may exceed 100 on EC2: [inferred] capped there). */
function taskCpuPercent(state: SandboxState, taskId: string, rate: number): number {
  const task = peek(state.tasks, taskId)!;
  const endpoints = peek(state.taskNotes, taskId)?.endpoints ?? [];
  const perRequest = endpoints.find((e) => e.cpuMsPerRequest !== undefined)?.cpuMsPerRequest ?? 0;
  // CPU-milliseconds per second over the task's share of a vCPU (1,024 units = 1,000 CPU-ms per second).
  const used = (rate * perRequest) / (taskCpuUnits(task) / 1024) / 10;
  return Math.min(100, METRIC_TUNING.idleCpuPercent + used);
}

function taskMemoryPercent(state: SandboxState, taskId: string): number {
  const task = peek(state.tasks, taskId)!;
  const endpoints = peek(state.taskNotes, taskId)?.endpoints ?? [];
  const used = endpoints.reduce((sum, e) => sum + (e.memoryMiB ?? 0), 0);
  const memory = Number(task.memory) || task.containers?.length || 1;
  return (used / memory) * 100;
}

/** A sample of the metric at `atMs`, or undefined when nothing reports it then. */
export function sampleAt(state: SandboxState, metric: MetricId, atMs: number): number | undefined {
  if (metric.namespace === MANAGED_SCALING_NAMESPACE) return metric.metricName === "CapacityProviderReservation" ? reservationAt(state, metric.dimensions, atMs) : undefined;
  if (metric.namespace === "AWS/ECS") {
    const record = serviceOf(state, metric.dimensions);
    if (!record || metric.dimensions.length !== 2) return undefined;
    const running = runningTasksOf(state, record, atMs);
    if (running.length === 0) return undefined;
    if (metric.metricName === "CPUUtilization") {
      const cache: GroupShares = new Map();
      const total = running.reduce((sum, id) => sum + taskCpuPercent(state, id, taskRequestRate(state, id, record, running.length, atMs, cache)), 0);
      return total / running.length;
    }
    if (metric.metricName === "MemoryUtilization") return running.reduce((sum, id) => sum + taskMemoryPercent(state, id), 0) / running.length;
    return undefined;
  }
  if (metric.namespace === "AWS/ApplicationELB") {
    const arn = targetGroupArnOf(state, metric.dimensions);
    if (arn === undefined) return undefined;
    const rate = groupRequestRate(state, arn, atMs);
    // Request metrics have no datapoint while no request arrives ([AWS-doc] load-balancer-cloudwatch-metrics.html).
    if (rate === 0) return undefined;
    // The requests routed to the group follow the load and the listener's weights of the moment, both kept; its targets
    // of a past minute are not (a deregistered target is gone), so RequestCount does not ask for them: a blue/green
    // deployment's blue group keeps its history after it drained.
    if (metric.metricName === "RequestCount") return rate;
    const serving = servingTargets(state, arn);
    if (serving.length === 0) return undefined;
    if (metric.metricName === "RequestCountPerTarget") return rate / serving.length;
    if (metric.metricName === "HTTPCode_Target_5XX_Count") {
      // A target not ready yet answers every request with a 503; a broken build a share of them with a 500.
      const failing = serving.reduce((sum, t) => sum + (t.taskId === undefined ? 0 : failingShare(state, t.taskId, atMs)), 0);
      return (rate * failing) / serving.length;
    }
    if (metric.metricName === "TargetResponseTime") {
      const busy = serving.map((t) => (t.taskId === undefined ? 0 : taskCpuPercent(state, t.taskId, rate / serving.length) / 100));
      const mean = busy.reduce((a, b) => a + b, 0) / busy.length;
      // [inferred] a queue: response time grows as 1 / (1 − utilisation), capped at 95 % busy.
      return METRIC_TUNING.baseResponseSeconds / (1 - Math.min(mean, 0.95));
    }
  }
  return undefined;
}

/** The share (0–1) of its requests a task answers with a 5xx at `atMs`. */
function failingShare(state: SandboxState, taskId: string, atMs: number): number {
  const endpoints = peek(state.taskNotes, taskId)?.endpoints ?? [];
  const ready = endpoints.find((e) => e.readyAtMs !== null && e.readyAtMs <= atMs);
  return ready ? (ready.errorShare ?? 0) : 1;
}

/** Whether a metric is summed over time (request counts) rather than averaged (utilisation, latency). */
const isCount = (metric: MetricId) => metric.metricName === "RequestCount" || metric.metricName === "RequestCountPerTarget" || metric.metricName === "HTTPCode_Target_5XX_Count";

/**
 * The one-minute datapoint of the minute starting at `minuteMs`: the average of its samples (a count metric: the
 * requests of the minute), undefined when no sample had data.
 */
export function minuteValue(state: SandboxState, metric: MetricId, minuteMs: number): number | undefined {
  const { samplesPerMinute, minuteMs: minute } = METRIC_TUNING;
  const step = minute / samplesPerMinute;
  const samples: number[] = [];
  for (let i = 0; i < samplesPerMinute; i++) {
    const value = sampleAt(state, metric, minuteMs + step / 2 + i * step);
    if (value !== undefined) samples.push(value);
  }
  if (samples.length === 0) return undefined;
  const mean = samples.reduce((a, b) => a + b, 0) / samples.length;
  // Counts: requests per second × the seconds of the minute that had data.
  return isCount(metric) ? (mean * 60 * samples.length) / samplesPerMinute : mean;
}

export interface Statistics {
  SampleCount: number;
  Average: number;
  Sum: number;
  Minimum: number;
  Maximum: number;
}

/** The statistics of the period [startMs, startMs + periodS) from its one-minute datapoints; undefined without data. */
export function periodStatistics(state: SandboxState, metric: MetricId, startMs: number, periodSeconds: number): Statistics | undefined {
  const values: number[] = [];
  const minutes = Math.max(1, Math.floor(periodSeconds / 60));
  for (let i = 0; i < minutes; i++) {
    const value = minuteValue(state, metric, startMs + i * METRIC_TUNING.minuteMs);
    if (value !== undefined) values.push(value);
  }
  if (values.length === 0) return undefined;
  const sum = values.reduce((a, b) => a + b, 0);
  return { SampleCount: values.length, Average: sum / values.length, Sum: sum, Minimum: Math.min(...values), Maximum: Math.max(...values) };
}

/** The unit CloudWatch gives each metric. */
export function unitOf(metricName: string): string {
  if (metricName === "CPUUtilization" || metricName === "MemoryUtilization" || metricName === "CapacityProviderReservation") return "Percent";
  if (metricName === "TargetResponseTime") return "Seconds";
  return "Count";
}

/** The metrics that exist now (ListMetrics): each ECS service's two, each target group in use's three. */
export function existingMetrics(state: SandboxState): MetricId[] {
  const metrics: MetricId[] = [];
  for (const key of Object.keys(state.services).sort()) {
    const record = peek(state.services, key)!;
    if (record.service.status === "INACTIVE") continue;
    const [cluster, service] = [clusterNameOf(record.service.clusterArn!), record.service.serviceName!];
    for (const metricName of ECS_METRICS) {
      metrics.push({ namespace: "AWS/ECS", metricName, dimensions: [{ Name: "ClusterName", Value: cluster }, { Name: "ServiceName", Value: service }] });
    }
  }
  for (const group of Object.values(state.autoScalingGroups ?? {})) {
    const last = group.reservation?.[group.reservation.length - 1];
    if (last && last.value !== null) {
      const dimensions = [{ Name: "ClusterName", Value: last.cluster }, { Name: "CapacityProviderName", Value: last.provider }];
      metrics.push({ namespace: MANAGED_SCALING_NAMESPACE, metricName: "CapacityProviderReservation", dimensions });
    }
  }
  for (const arn of Object.keys(state.elbTargetGroups).sort()) {
    const group = `targetgroup/${arn.split(":targetgroup/")[1]}`;
    for (const lbArn of loadBalancerArnsOf(state, arn)) {
      const lb = `app/${lbArn.split(":loadbalancer/app/")[1]}`;
      for (const metricName of ALB_METRICS) {
        metrics.push({ namespace: "AWS/ApplicationELB", metricName, dimensions: [{ Name: "TargetGroup", Value: group }, { Name: "LoadBalancer", Value: lb }] });
      }
      metrics.push({ namespace: "AWS/ApplicationELB", metricName: "RequestCountPerTarget", dimensions: [{ Name: "TargetGroup", Value: group }] });
    }
  }
  return metrics;
}

/** The application load balancers whose listeners forward to a target group. */
function loadBalancerArnsOf(state: SandboxState, groupArn: string): string[] {
  const arns = new Set<string>();
  for (const key of Object.keys(state.elbListeners)) {
    const listener = peek(state.elbListeners, key)!;
    const forwards = JSON.stringify(listener.defaultActions).includes(groupArn) ||
      Object.values(state.elbRules).some((rule) => rule.listenerArn === key && JSON.stringify(rule.actions).includes(groupArn));
    if (forwards && listener.loadBalancerArn.includes(":loadbalancer/app/")) arns.add(listener.loadBalancerArn);
  }
  return [...arns].sort();
}

/** `app/<name>/<id>/targetgroup/<name>/<id>`: the ResourceLabel ALBRequestCountPerTarget names a target group by. */
export function resourceLabelParts(label: string): { loadBalancer: string; targetGroup: string } | undefined {
  const match = /^(app\/[^/]+\/[^/]+)\/(targetgroup\/[^/]+\/[^/]+)$/.exec(label);
  return match ? { loadBalancer: match[1], targetGroup: match[2] } : undefined;
}
