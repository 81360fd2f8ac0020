/**
 * The sandbox console's traffic part: load balancers with their listeners, rules and target groups, each target's
 * health with AWS's reason code and description (linked to the task and service behind it), each scaled service's
 * Application Auto Scaling state (console-scaling.ts), and the requests each target group received per minute — read
 * with the Elastic Load Balancing, Application Auto Scaling and CloudWatch operations a learner would call, so what it
 * shows is what `aws elbv2 describe-target-health` and `aws cloudwatch get-metric-data` answer.
 */
import type { ServiceView, TaskView } from "@/lib/sandbox-view";
import { scalingViews, type ScalingView } from "./console-scaling";
import { chartMinutes, MINUTE_MS, perMinute, type ServiceRead } from "./console-series";

export type { ServiceRead } from "./console-series";

export interface ActionView {
  type: string;
  /** forward: the target groups and their weights (a weighted ForwardConfig moves traffic between them). */
  forward?: { targetGroup: string; weight?: number }[];
  /** redirect / fixed-response: what it answers, e.g. "HTTPS:443" or "404". */
  detail?: string;
}

export interface RuleView {
  /** "default" or the rule's priority. */
  priority: string;
  /** "path-pattern: /api/*", … */
  conditions: string[];
  actions: ActionView[];
}

export interface LoadBalancerView {
  name: string;
  type: string;
  scheme: string;
  state: string;
  dnsName: string;
  listeners: { protocol: string; port: number; rules: RuleView[] }[];
}

export interface TargetView {
  id: string;
  port: number;
  availabilityZone?: string;
  /** initial, healthy, unhealthy, unused, draining, unavailable. */
  state: string;
  /** AWS's reason code (Elb.RegistrationInProgress, Target.FailedHealthChecks, …) and its description. */
  reason?: string;
  description?: string;
  /** The task behind the target (its id, as the task list shows it) and the task's service, when known. */
  taskId?: string;
  service?: string;
}

export interface TargetGroupView {
  name: string;
  arn: string;
  targetType: string;
  protocol: string;
  port: number;
  healthCheck: { protocol: string; path?: string; intervalSeconds: number; healthyThreshold: number; unhealthyThreshold: number; matcher?: string };
  loadBalancers: string[];
  /** The services of the chosen cluster whose load balancers name this group. */
  services: string[];
  targets: TargetView[];
}

/** Per-minute series on the sandbox clock: `times` are the minutes' ends (epoch ms), with one value per minute each. */
export interface RequestChart {
  times: number[];
  series: { targetGroup: string; values: number[] }[];
}

export interface TrafficView {
  loadBalancers: LoadBalancerView[];
  targetGroups: TargetGroupView[];
  /** Requests per target group per minute (AWS/ApplicationELB RequestCount, Sum): traffic moving between groups shows. */
  requests: RequestChart;
  scaling: ScalingView[];
}

interface Described {
  LoadBalancers?: { LoadBalancerArn: string; LoadBalancerName: string; Type: string; Scheme: string; State?: { Code?: string }; DNSName: string; CreatedTime?: number }[];
  Listeners?: { ListenerArn: string; Port: number; Protocol: string }[];
  Rules?: { Priority: string; Conditions?: Record<string, unknown>[]; Actions?: Record<string, unknown>[] }[];
  TargetGroups?: {
    TargetGroupArn: string;
    TargetGroupName: string;
    TargetType: string;
    Protocol?: string;
    Port?: number;
    HealthCheckProtocol?: string;
    HealthCheckPath?: string;
    HealthCheckIntervalSeconds: number;
    HealthyThresholdCount: number;
    UnhealthyThresholdCount: number;
    Matcher?: { HttpCode?: string };
    LoadBalancerArns?: string[];
  }[];
  TargetHealthDescriptions?: { Target: { Id: string; Port: number; AvailabilityZone?: string }; TargetHealth: { State: string; Reason?: string; Description?: string } }[];
}

const nameOf = (arn: string) => /:(?:targetgroup|loadbalancer\/(?:app|net))\/([^/]+)\//.exec(arn)?.[1] ?? arn;

/** The console's traffic view of the sandbox at `nowMs`, for the chosen cluster's services and tasks. */
export async function trafficSnapshot(read: ServiceRead, at: { nowMs: number; cluster: string | null; services: ServiceView[]; tasks: TaskView[] }): Promise<TrafficView> {
  const elb = async (operation: string, input: object = {}) => (await read("elasticloadbalancing", operation, input)) as Described;
  const balancers = (await elb("DescribeLoadBalancers")).LoadBalancers ?? [];
  const groups = (await elb("DescribeTargetGroups")).TargetGroups ?? [];
  const groupName = new Map(groups.map((g) => [g.TargetGroupArn, g.TargetGroupName]));
  const loadBalancers: LoadBalancerView[] = [];
  for (const lb of balancers) {
    const listeners = [];
    for (const listener of (await elb("DescribeListeners", { LoadBalancerArn: lb.LoadBalancerArn })).Listeners ?? []) {
      const rules = (await elb("DescribeRules", { ListenerArn: listener.ListenerArn })).Rules ?? [];
      listeners.push({ protocol: listener.Protocol, port: listener.Port, rules: rules.map((rule) => ruleView(rule, groupName)) });
    }
    loadBalancers.push({ name: lb.LoadBalancerName, type: lb.Type, scheme: lb.Scheme, state: lb.State?.Code ?? "", dnsName: lb.DNSName, listeners });
  }
  const targetGroups: TargetGroupView[] = [];
  for (const group of groups) {
    const health = (await elb("DescribeTargetHealth", { TargetGroupArn: group.TargetGroupArn })).TargetHealthDescriptions ?? [];
    const services = at.services.filter((s) => s.targetGroupArns.includes(group.TargetGroupArn)).map((s) => s.serviceName);
    targetGroups.push({
      name: group.TargetGroupName,
      arn: group.TargetGroupArn,
      targetType: group.TargetType,
      protocol: group.Protocol ?? "",
      port: group.Port ?? 0,
      healthCheck: {
        protocol: group.HealthCheckProtocol ?? "",
        ...(group.HealthCheckPath ? { path: group.HealthCheckPath } : {}),
        intervalSeconds: group.HealthCheckIntervalSeconds,
        healthyThreshold: group.HealthyThresholdCount,
        unhealthyThreshold: group.UnhealthyThresholdCount,
        ...(group.Matcher?.HttpCode ? { matcher: group.Matcher.HttpCode } : {}),
      },
      loadBalancers: (group.LoadBalancerArns ?? []).map(nameOf),
      services,
      targets: health.map((d) => targetView(d, group.TargetType, services, at.tasks)),
    });
  }
  const firstBalancer = Math.min(...balancers.map((lb) => (lb.CreatedTime ?? 0) * 1000));
  const requests = await requestChart(read, groups, at.nowMs, firstBalancer);
  return { loadBalancers, targetGroups, requests, scaling: at.cluster ? await scalingViews(read, at) : [] };
}

function ruleView(rule: NonNullable<Described["Rules"]>[number], groupName: Map<string, string>): RuleView {
  return {
    priority: rule.Priority,
    conditions: (rule.Conditions ?? []).map(conditionText),
    actions: (rule.Actions ?? []).map((action) => actionView(action, groupName)),
  };
}

/** "path-pattern: /api/*, /v2/*" from a condition's Values or its field's own config (PathPatternConfig, …). */
function conditionText(condition: Record<string, unknown>): string {
  const field = String(condition.Field ?? "");
  const configs = Object.entries(condition).filter(([key]) => key.endsWith("Config")).map(([, value]) => value as Record<string, unknown>);
  const values = [
    ...((condition.Values as string[] | undefined) ?? []),
    ...configs.flatMap((config) => {
      if (Array.isArray(config.Values)) return config.Values.map((v) => (typeof v === "string" ? v : `${(v as { Key?: string }).Key ?? ""}=${(v as { Value?: string }).Value ?? ""}`));
      return config.HttpHeaderName ? [`${String(config.HttpHeaderName)}`] : [];
    }),
  ];
  return `${field}: ${[...new Set(values)].join(", ")}`;
}

function actionView(action: Record<string, unknown>, groupName: Map<string, string>): ActionView {
  const type = String(action.Type ?? "");
  const name = (arn: string) => groupName.get(arn) ?? nameOf(arn);
  if (type === "forward") {
    const weighted = (action.ForwardConfig as { TargetGroups?: { TargetGroupArn: string; Weight?: number }[] } | undefined)?.TargetGroups;
    // ELB describes a plain forward as a ForwardConfig of one group too (weight 1): a weight matters only beside another.
    if (weighted && weighted.length > 1) return { type, forward: weighted.map((g) => ({ targetGroup: name(g.TargetGroupArn), weight: g.Weight ?? 1 })) };
    if (weighted?.length === 1) return { type, forward: [{ targetGroup: name(weighted[0].TargetGroupArn) }] };
    return { type, forward: typeof action.TargetGroupArn === "string" ? [{ targetGroup: name(action.TargetGroupArn) }] : [] };
  }
  if (type === "redirect") {
    const to = (action.RedirectConfig ?? {}) as Record<string, string>;
    return { type, detail: `${to.Protocol ?? "#{protocol}"}:${to.Port ?? "#{port}"} ${to.StatusCode ?? ""}`.trim() };
  }
  if (type === "fixed-response") return { type, detail: String((action.FixedResponseConfig as { StatusCode?: string } | undefined)?.StatusCode ?? "") };
  return { type };
}

/**
 * The target and what is behind it: an `ip` target is the task whose network interface has its address; an
 * `instance` target the one task of the group's services bound to its port on a host.
 */
function targetView(d: NonNullable<Described["TargetHealthDescriptions"]>[number], targetType: string, services: string[], tasks: TaskView[]): TargetView {
  const live = tasks.filter((t) => t.lastStatus !== "STOPPED");
  let task: TaskView | undefined;
  if (targetType === "ip") task = live.find((t) => t.address === d.Target.Id) ?? tasks.find((t) => t.address === d.Target.Id);
  else if (targetType === "instance") {
    const bound = live.filter((t) => t.hostPorts?.includes(d.Target.Port) && services.some((s) => t.group === `service:${s}`));
    if (bound.length === 1) task = bound[0];
  }
  const service = task?.group?.startsWith("service:") ? task.group.slice("service:".length) : undefined;
  return {
    id: d.Target.Id,
    port: d.Target.Port,
    ...(d.Target.AvailabilityZone ? { availabilityZone: d.Target.AvailabilityZone } : {}),
    state: d.TargetHealth.State,
    ...(d.TargetHealth.Reason ? { reason: d.TargetHealth.Reason } : {}),
    ...(d.TargetHealth.Description ? { description: d.TargetHealth.Description } : {}),
    ...(task ? { taskId: task.taskArn.split("/").pop() } : {}),
    ...(service ? { service } : {}),
  };
}

/** RequestCount (Sum, per minute) of every target group an application load balancer forwards to. */
async function requestChart(read: ServiceRead, groups: NonNullable<Described["TargetGroups"]>, nowMs: number, sinceMs: number): Promise<RequestChart> {
  const starts = Number.isFinite(sinceMs) ? chartMinutes(nowMs, sinceMs) : [];
  const times = starts.map((t) => t + MINUTE_MS);
  const charted = groups.flatMap((g) => {
    const lb = (g.LoadBalancerArns ?? []).find((arn) => arn.includes(":loadbalancer/app/"));
    return lb ? [{ group: g, dimensions: [{ Name: "TargetGroup", Value: g.TargetGroupArn.slice(g.TargetGroupArn.indexOf("targetgroup/")) }, { Name: "LoadBalancer", Value: lb.slice(lb.indexOf("app/")) }] }] : [];
  });
  if (charted.length === 0) return { times: [], series: [] };
  if (starts.length === 0) return { times, series: charted.map((c) => ({ targetGroup: c.group.TargetGroupName, values: [] })) };
  const out = (await read("monitoring", "GetMetricData", {
    StartTime: starts[0] / 1000,
    EndTime: (starts[starts.length - 1] + MINUTE_MS) / 1000,
    MetricDataQueries: charted.map((c, i) => ({
      Id: `tg${i}`,
      MetricStat: { Metric: { Namespace: "AWS/ApplicationELB", MetricName: "RequestCount", Dimensions: c.dimensions }, Period: 60, Stat: "Sum" },
    })),
  })) as { MetricDataResults?: { Id: string; Timestamps?: number[]; Values?: number[] }[] };
  const results = new Map((out.MetricDataResults ?? []).map((r) => [r.Id, r]));
  // No datapoint for a minute is no request in it: CloudWatch publishes request counts only for minutes with traffic.
  return { times, series: charted.map((c, i) => ({ targetGroup: c.group.TargetGroupName, values: perMinute(results.get(`tg${i}`), starts, 0).map((v) => Math.round(v ?? 0)) })) };
}
