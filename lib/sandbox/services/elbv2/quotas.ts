/**
 * Every number the Elastic Load Balancing v2 provider uses, with where it comes from: [AWS-doc] with the page,
 * [observed] with where AWS's answer was seen, [inferred] where the sandbox chose. AWS's quotas are a new account's
 * defaults (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-limits.html and
 * …/network/load-balancer-limits.html); a sandbox is one account in one Region.
 */
import type { ElbHealthCheck, LoadBalancerType } from "./state";

export const ELB_QUOTAS = {
  /** "Application Load Balancers per Region: 50"; "Network Load Balancers per Region: 50" (counted together here). */
  loadBalancers: 50,
  /** "Listeners per load balancer: 50". */
  listenersPerLoadBalancer: 50,
  /** "Rules per Application Load Balancer (not counting default rules): 100". */
  rulesPerLoadBalancer: 100,
  /** "Target groups per action: 5" (weighted forward). */
  targetGroupsPerAction: 5,
  /** "Target groups per Region: 3,000" — the sandbox keeps far fewer (ELB_SANDBOX_LIMITS). */
  targetGroups: 3000,
  /** "Targets per target group per Region (instances or IP addresses): 1,000". */
  targetsPerTargetGroup: 1000,
  /** Tags per resource (AddTags): 50. */
  tagsPerResource: 50,
  /** Load balancer and target group names: up to 32 characters ([AWS-doc] CreateLoadBalancer / CreateTargetGroup Name). */
  nameLength: 32,
  /** DescribeTags: "You can specify up to 20 resources in a single call" ([AWS-doc] DescribeTags ResourceArns). */
  describeTagsResources: 20,
  /** deregistration_delay.timeout_seconds: "The range is 0-3600 seconds" ([AWS-doc] TargetGroupAttribute). */
  deregistrationDelayMaxSeconds: 3600,
  /** Listener rule priorities 1–50,000 (the model's RulePriority). */
  rulePriority: { min: 1, max: 50_000 },
  /** Describe* PageSize 1–400 (the model's PageSize); without it AWS pages at 400 [inferred]. */
  pageSize: { min: 1, max: 400, default: 400 },
} as const;

/** The sandbox's own bounds, below AWS's quotas where those are far larger than a lesson needs (kept small per learner). */
export const ELB_SANDBOX_LIMITS = {
  targetGroups: 100,
  /** Targets across all target groups of a sandbox. */
  targets: 2000,
};

export const sandboxLimitText = (what: string, limit: number) =>
  `This ECS Dojo sandbox holds at most ${limit} ${what}. This is a limit of the sandbox, not of Elastic Load Balancing.`;

/** [AWS-doc] CreateTargetGroup HealthCheck* members and the ALB/NLB guides' "Health check settings" tables. */
export const HEALTH_CHECK_BOUNDS = {
  intervalSeconds: { min: 5, max: 300 },
  timeoutSeconds: { min: 2, max: 120 },
  threshold: { min: 2, max: 10 },
} as const;

/**
 * A new target group's health check, by its protocol ([AWS-doc] CreateTargetGroup: "If the target group protocol is
 * HTTP or HTTPS, the default is HTTP" path `/`, interval 30, timeout 5, healthy 5, unhealthy 2, matcher 200; TCP
 * target groups check with TCP, timeout 10 — the NLB guide's defaults).
 */
export function defaultHealthCheck(protocol: string): ElbHealthCheck {
  const http = protocol === "HTTP" || protocol === "HTTPS";
  return http
    ? { enabled: true, protocol, port: "traffic-port", path: "/", intervalSeconds: 30, timeoutSeconds: 5, healthyThreshold: 5, unhealthyThreshold: 2, matcher: "200" }
    : { enabled: true, protocol: "TCP", port: "traffic-port", intervalSeconds: 30, timeoutSeconds: 10, healthyThreshold: 5, unhealthyThreshold: 2 };
}

/**
 * DescribeTargetGroupAttributes of a new target group, in the order listed ([AWS-doc] TargetGroupAttribute keys and
 * defaults; the order is [inferred]). Changed ones are stored on the record.
 */
export function targetGroupAttributes(protocol: string, targetType: string): [string, string][] {
  const common: [string, string][] = [["deregistration_delay.timeout_seconds", "300"]];
  if (protocol === "HTTP" || protocol === "HTTPS") {
    return [
      ["stickiness.enabled", "false"],
      ...common,
      ["stickiness.app_cookie.cookie_name", ""],
      ["stickiness.type", "lb_cookie"],
      ["stickiness.lb_cookie.duration_seconds", "86400"],
      ["slow_start.duration_seconds", "0"],
      ["stickiness.app_cookie.duration_seconds", "86400"],
      ["load_balancing.algorithm.type", "round_robin"],
      ["load_balancing.algorithm.anomaly_mitigation", "off"],
      ["load_balancing.cross_zone.enabled", "use_load_balancer_configuration"],
      ["target_group_health.dns_failover.minimum_healthy_targets.count", "1"],
      ["target_group_health.dns_failover.minimum_healthy_targets.percentage", "off"],
      ["target_group_health.unhealthy_state_routing.minimum_healthy_targets.count", "1"],
      ["target_group_health.unhealthy_state_routing.minimum_healthy_targets.percentage", "off"],
      ["waf.fail_open.enabled", "false"],
    ];
  }
  return [
    ["proxy_protocol_v2.enabled", "false"],
    ["preserve_client_ip.enabled", targetType === "instance" ? "true" : "false"],
    ["stickiness.enabled", "false"],
    ...common,
    ["deregistration_delay.connection_termination.enabled", "false"],
    ["stickiness.type", "source_ip"],
    ["load_balancing.cross_zone.enabled", "use_load_balancer_configuration"],
    ["target_health_state.unhealthy.connection_termination.enabled", "true"],
    ["target_health_state.unhealthy.draining_interval_seconds", "0"],
    ["target_group_health.dns_failover.minimum_healthy_targets.count", "1"],
    ["target_group_health.dns_failover.minimum_healthy_targets.percentage", "off"],
    ["target_group_health.unhealthy_state_routing.minimum_healthy_targets.count", "1"],
    ["target_group_health.unhealthy_state_routing.minimum_healthy_targets.percentage", "off"],
  ];
}

/** DescribeLoadBalancerAttributes of a new load balancer ([AWS-doc] LoadBalancerAttribute keys and defaults; order [inferred]). */
export function loadBalancerAttributes(type: LoadBalancerType): [string, string][] {
  const common: [string, string][] = [
    ["access_logs.s3.enabled", "false"],
    ["access_logs.s3.bucket", ""],
    ["access_logs.s3.prefix", ""],
    ["deletion_protection.enabled", "false"],
    ["load_balancing.cross_zone.enabled", type === "application" ? "true" : "false"],
  ];
  if (type === "network") return [...common, ["dns_record.client_routing_policy", "any_availability_zone"], ["ipv6.deny_all_igw_traffic", "false"]];
  return [
    ...common,
    ["idle_timeout.timeout_seconds", "60"],
    ["client_keep_alive.seconds", "3600"],
    ["connection_logs.s3.enabled", "false"],
    ["connection_logs.s3.bucket", ""],
    ["connection_logs.s3.prefix", ""],
    ["routing.http2.enabled", "true"],
    ["routing.http.drop_invalid_header_fields.enabled", "false"],
    ["routing.http.preserve_host_header.enabled", "false"],
    ["routing.http.x_amzn_tls_version_and_cipher_suite.enabled", "false"],
    ["routing.http.xff_client_port.enabled", "false"],
    ["routing.http.xff_header_processing.mode", "append"],
    ["routing.http.desync_mitigation_mode", "defensive"],
    ["waf.fail_open.enabled", "false"],
    ["zonal_shift.config.enabled", "false"],
  ];
}

/**
 * Simulated time ([inferred], no AWS figure): how long a new load balancer is `provisioning` before `active` (real
 * ALBs take a few minutes; the sandbox keeps the order of events in one), and how long a new registration takes before
 * the first health check runs ([AWS-doc] the guides: "It can take a few minutes for the registration process to
 * complete and health checks to start").
 */
export const ELB_TIMING = {
  provisioningMs: 60_000,
  registrationMs: 10_000,
} as const;

/**
 * The Route 53 hosted zone of a Region's load balancers (CanonicalHostedZoneId), [AWS-doc] "Elastic Load Balancing
 * endpoints and quotas" (AWS General Reference): ALB column, NLB column. Regions not listed get a made-up id of the
 * same form ([inferred]).
 */
export const HOSTED_ZONES: Record<string, { application: string; network: string }> = {
  "us-east-1": { application: "Z35SXDOTRQ7X7K", network: "Z26RNL4JYFTOTI" },
  "us-east-2": { application: "Z3AADJGX6KTTL2", network: "ZLMOA37VPKANP" },
  "us-west-1": { application: "Z368ELLRRE2KJ0", network: "Z24FKFUX50B4VW" },
  "us-west-2": { application: "Z1H1FL5HABSF5", network: "Z18D5FSROUN65G" },
  "ap-northeast-1": { application: "Z14GRHDCWA56QT", network: "Z31USIVHYNEOWT" },
  "ap-northeast-2": { application: "ZWKZPGTI48KDX", network: "ZIBE1TIR4HY56" },
  "ap-southeast-1": { application: "Z1LMS91P8CMLE5", network: "ZKVM4W9LS7TM" },
  "ap-southeast-2": { application: "Z1GM3OXH4ZPM65", network: "ZCT6FZBF4DROD" },
  "eu-central-1": { application: "Z215JYRZR1TBD5", network: "Z3F0SRJ5LGBH90" },
  "eu-west-1": { application: "Z32O12XQLNTSW2", network: "Z2IFOLAFXWLO4F" },
};
