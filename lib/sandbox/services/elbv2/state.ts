/**
 * Elastic Load Balancing v2's part of a sandbox state (the provider in this folder owns these records). Plain JSON: each
 * record is one stored document (state-documents.ts), so a target's health change writes that target alone, not its
 * target group. Times are simulated epoch milliseconds; the operations turn them into the wire's timestamps.
 */

export interface ElbTag {
  Key: string;
  Value?: string;
}

export type LoadBalancerType = "application" | "network";

export interface ElbLoadBalancerRecord {
  arn: string;
  name: string;
  type: LoadBalancerType;
  scheme: "internet-facing" | "internal";
  ipAddressType: string;
  vpcId: string;
  /** The subnets it was given, one per Availability Zone, in the order given. */
  zones: { zoneName: string; subnetId: string }[];
  /** An ALB always has at least one (the VPC's default group when none is given); an NLB may have none. */
  securityGroups: string[];
  dnsName: string;
  canonicalHostedZoneId: string;
  createdAtMs: number;
  /** Only the attributes changed from their defaults (quotas.ts LOAD_BALANCER_ATTRIBUTES). */
  attributes: Record<string, string>;
  tags: ElbTag[];
}

export interface ElbHealthCheck {
  enabled: boolean;
  protocol: string;
  /** "traffic-port" or a port number as text, as the API carries it. */
  port: string;
  /** HTTP(S) checks only. */
  path?: string;
  intervalSeconds: number;
  timeoutSeconds: number;
  healthyThreshold: number;
  unhealthyThreshold: number;
  /** HTTP(S) checks only: "200", "200-299", "200,202". */
  matcher?: string;
}

export interface ElbTargetGroupRecord {
  arn: string;
  name: string;
  targetType: "instance" | "ip";
  protocol: string;
  protocolVersion?: string;
  port: number;
  vpcId: string;
  ipAddressType: string;
  healthCheck: ElbHealthCheck;
  createdAtMs: number;
  /** Only the attributes changed from their defaults (quotas.ts targetGroupAttributes). */
  attributes: Record<string, string>;
  tags: ElbTag[];
}

/** An action as the API shows it (Type, TargetGroupArn, ForwardConfig, RedirectConfig, FixedResponseConfig, Order). */
export type ElbAction = Record<string, unknown> & { Type: string };
/** A rule condition as the API shows it (Field, Values and the field's own config). */
export type ElbCondition = Record<string, unknown>;

export interface ElbListenerRecord {
  arn: string;
  loadBalancerArn: string;
  port: number;
  protocol: string;
  defaultActions: ElbAction[];
  sslPolicy?: string;
  certificates?: { CertificateArn: string }[];
  /** The ARN of its default rule (DescribeRules lists it; it is the listener's default actions). */
  defaultRuleArn: string;
  tags: ElbTag[];
}

export interface ElbRuleRecord {
  arn: string;
  listenerArn: string;
  priority: number;
  conditions: ElbCondition[];
  actions: ElbAction[];
  tags: ElbTag[];
}

export type TargetState = "initial" | "healthy" | "unhealthy" | "unused" | "draining" | "unavailable";

/** One health state of a target, as TargetHealth shows it (no reason or description when healthy). */
export interface TargetHealthState {
  state: TargetState;
  reason?: string;
  description?: string;
}

/** A planned change of a target's health: what its timer applies when it comes due (health.ts). */
export interface PlannedChange extends TargetHealthState {
  atMs: number;
}

export interface ElbTargetRecord {
  targetGroupArn: string;
  id: string;
  port: number;
  /** Known for targets in the VPC (from their subnet or their task), or as given for an IP outside it. */
  availabilityZone?: string;
  registeredAtMs: number;
  health: TargetHealthState;
  /** The changes its health checks will make, earliest first, as far as they can be foreseen (health.ts). */
  plan: PlannedChange[];
  /** When the first health check after (re)registration runs; the next ones follow every interval. */
  firstCheckAtMs?: number;
  /** While draining: when the deregistration delay ends and the target is removed. */
  drainUntilMs?: number;
  /** The ECS task behind the target, when one is (ECS registered it, or its address is a task's). */
  taskId?: string;
}

export interface ElbState {
  /** By load balancer ARN. */
  elbLoadBalancers: Record<string, ElbLoadBalancerRecord>;
  /** By target group ARN. */
  elbTargetGroups: Record<string, ElbTargetGroupRecord>;
  /** By listener ARN. */
  elbListeners: Record<string, ElbListenerRecord>;
  /** By rule ARN (the listeners' default rules are not stored: they are their listener's default actions). */
  elbRules: Record<string, ElbRuleRecord>;
  /** By targetKey(target group ARN, id, port), in registration order. */
  elbTargets: Record<string, ElbTargetRecord>;
}

export const ELB_MAPS = ["elbLoadBalancers", "elbTargetGroups", "elbListeners", "elbRules", "elbTargets"] as const;

/** A target is its id and port within its target group (the same IP on two ports is two targets). */
export const targetKey = (targetGroupArn: string, id: string, port: number) => `${targetGroupArn}|${id}|${port}`;
