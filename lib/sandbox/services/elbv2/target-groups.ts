/**
 * Target groups: CreateTargetGroup, DescribeTargetGroups, ModifyTargetGroup, DeleteTargetGroup,
 * DescribeTargetGroupAttributes, ModifyTargetGroupAttributes. Target types `instance` and `ip` (what ECS services
 * use); health-check settings with AWS's defaults and bounds (quotas.ts); the deregistration delay
 * (`deregistration_delay.timeout_seconds`, 300 by default) that draining waits for. CreateTargetGroup is idempotent
 * as AWS's is: the same name with the same settings answers the existing group.
 */
import type { Input } from "../../engine/input";
import type { Operation } from "../../engine/operation";
import type { SandboxState } from "../../engine/state";
import { findResource } from "../ec2/resources";
import { bool, bounded, int, list, loadBalancersOf, newElbId, oneOf, pageOf, readTags, requiredStr, str, strList, targetGroupArn, throwIfFailed } from "./common";
import {
  badAttributeValue,
  badMatcher,
  delayOutOfRange,
  duplicateTargetGroup,
  intervalNotAboveTimeout,
  loadBalancersNotFound,
  mustBeSpecified,
  targetGroupInUse,
  targetGroupNameCharacters,
  targetGroupNameHyphen,
  targetGroupNameTooLong,
  targetGroupNamesNotFound,
  targetGroupsNotFound,
  targetTypeNotEmulated,
  timeoutNotBelowInterval,
  unknownAttribute,
  validation,
  vpcNotFound,
} from "./errors";
import { removeTarget, replanTargetGroup } from "./health";
import { targetKeysOf } from "./target-index";
import { defaultHealthCheck, ELB_QUOTAS, ELB_SANDBOX_LIMITS, HEALTH_CHECK_BOUNDS, sandboxLimitText, targetGroupAttributes } from "./quotas";
import type { ElbHealthCheck, ElbTargetGroupRecord } from "./state";
import { EcsError } from "../../engine/errors";

const PROTOCOLS = ["HTTP", "HTTPS", "TCP", "TLS", "UDP", "TCP_UDP", "GENEVE", "QUIC", "TCP_QUIC"] as const;
const EMULATED_PROTOCOLS = ["HTTP", "HTTPS", "TCP", "TLS", "UDP", "TCP_UDP"];
const HEALTH_PROTOCOLS = ["HTTP", "HTTPS", "TCP"] as const;
const MATCHER = /^\d{3}(-\d{3})?(,\d{3}(-\d{3})?)*$/;

export const isHttp = (protocol: string) => protocol === "HTTP" || protocol === "HTTPS";

export function presentTargetGroup(state: SandboxState, group: ElbTargetGroupRecord): object {
  const check = group.healthCheck;
  const http = isHttp(check.protocol);
  return {
    TargetGroupArn: group.arn,
    TargetGroupName: group.name,
    Protocol: group.protocol,
    Port: group.port,
    VpcId: group.vpcId,
    HealthCheckProtocol: check.protocol,
    HealthCheckPort: check.port,
    HealthCheckEnabled: check.enabled,
    HealthCheckIntervalSeconds: check.intervalSeconds,
    HealthCheckTimeoutSeconds: check.timeoutSeconds,
    HealthyThresholdCount: check.healthyThreshold,
    UnhealthyThresholdCount: check.unhealthyThreshold,
    ...(http ? { HealthCheckPath: check.path, Matcher: { HttpCode: check.matcher } } : {}),
    LoadBalancerArns: loadBalancersOf(state, group.arn),
    TargetType: group.targetType,
    ...(group.protocolVersion ? { ProtocolVersion: group.protocolVersion } : {}),
    IpAddressType: group.ipAddressType,
  };
}

export function requireTargetGroup(state: SandboxState, arn: string): ElbTargetGroupRecord {
  const group = state.elbTargetGroups[arn];
  if (!group) throw targetGroupsNotFound();
  return group;
}

function checkName(name: string): void {
  if (name.length > ELB_QUOTAS.nameLength) throw targetGroupNameTooLong(name);
  if (!/^[a-zA-Z0-9-]+$/.test(name)) throw targetGroupNameCharacters(name);
  if (name.startsWith("-") || name.endsWith("-")) throw targetGroupNameHyphen(name);
}

/** The health-check members of a Create/ModifyTargetGroup request laid over `base`; bounds as the model's. */
function readHealthCheck(input: Input, base: ElbHealthCheck, groupProtocol: string): ElbHealthCheck {
  const failures: string[] = [];
  const protocol = oneOf(str(input, "HealthCheckProtocol"), "healthCheckProtocol", HEALTH_PROTOCOLS, failures);
  const interval = int(input, "HealthCheckIntervalSeconds");
  const timeout = int(input, "HealthCheckTimeoutSeconds");
  const healthy = int(input, "HealthyThresholdCount");
  const unhealthy = int(input, "UnhealthyThresholdCount");
  bounded(interval, "healthCheckIntervalSeconds", HEALTH_CHECK_BOUNDS.intervalSeconds.min, HEALTH_CHECK_BOUNDS.intervalSeconds.max, failures);
  bounded(timeout, "healthCheckTimeoutSeconds", HEALTH_CHECK_BOUNDS.timeoutSeconds.min, HEALTH_CHECK_BOUNDS.timeoutSeconds.max, failures);
  bounded(healthy, "healthyThresholdCount", HEALTH_CHECK_BOUNDS.threshold.min, HEALTH_CHECK_BOUNDS.threshold.max, failures);
  bounded(unhealthy, "unhealthyThresholdCount", HEALTH_CHECK_BOUNDS.threshold.min, HEALTH_CHECK_BOUNDS.threshold.max, failures);
  throwIfFailed(failures);
  const port = str(input, "HealthCheckPort");
  // [inferred] texts: AWS's HealthCheckPort is "traffic-port" or a port number.
  if (port !== undefined && port !== "traffic-port" && !(/^\d{1,5}$/.test(port) && Number(port) >= 1 && Number(port) <= 65535)) {
    throw validation(`Health check port '${port}' must be 'traffic-port' or a number from 1 to 65535`);
  }
  if (protocol !== undefined && isHttp(groupProtocol) && !isHttp(protocol)) {
    throw validation(`Health check protocol '${protocol}' is not supported for target groups with the ${groupProtocol} protocol`); // [inferred]
  }
  const path = str(input, "HealthCheckPath");
  if (path !== undefined && !path.startsWith("/")) throw validation(`Health check path '${path}' must begin with a '/' character`); // [inferred]
  const matcher = str(input.Matcher as Input ?? {}, "HttpCode");
  if (matcher !== undefined && !MATCHER.test(matcher)) throw badMatcher();
  const checked = protocol ?? base.protocol;
  const http = isHttp(checked);
  const next: ElbHealthCheck = {
    enabled: bool(input, "HealthCheckEnabled") ?? base.enabled,
    protocol: checked,
    port: port ?? base.port,
    intervalSeconds: interval ?? base.intervalSeconds,
    timeoutSeconds: timeout ?? base.timeoutSeconds,
    healthyThreshold: healthy ?? base.healthyThreshold,
    unhealthyThreshold: unhealthy ?? base.unhealthyThreshold,
    ...(http ? { path: path ?? base.path ?? "/", matcher: matcher ?? base.matcher ?? "200" } : {}),
  };
  return next;
}

const sameCheck = (a: ElbHealthCheck, b: ElbHealthCheck) => JSON.stringify(a) === JSON.stringify(b);

const createTargetGroup: Operation = {
  readOnly: false,
  run(state: SandboxState, input, clockMs) {
    const name = requiredStr(input, "Name");
    const failures: string[] = [];
    const targetType = oneOf(str(input, "TargetType"), "targetType", ["instance", "ip", "lambda", "alb"] as const, failures) ?? "instance";
    const protocol = oneOf(str(input, "Protocol"), "protocol", PROTOCOLS, failures);
    const port = int(input, "Port");
    bounded(port, "port", 1, 65535, failures);
    const protocolVersion = oneOf(str(input, "ProtocolVersion"), "protocolVersion", ["HTTP1", "HTTP2", "GRPC"] as const, failures);
    const ipAddressType = oneOf(str(input, "IpAddressType"), "ipAddressType", ["ipv4", "ipv6"] as const, failures) ?? "ipv4";
    throwIfFailed(failures);
    checkName(name);
    if (targetType === "lambda" || targetType === "alb") throw targetTypeNotEmulated(targetType);
    if (protocol === undefined) throw mustBeSpecified("protocol");
    if (port === undefined) throw mustBeSpecified("port");
    const vpcId = str(input, "VpcId");
    if (vpcId === undefined) throw mustBeSpecified("VPC ID");
    if (!EMULATED_PROTOCOLS.includes(protocol)) throw new EcsError("UnsupportedProtocolException", `Protocol '${protocol}' is not supported`); // [inferred]
    if (!findResource(state, "vpc", vpcId)) throw vpcNotFound(vpcId);
    const healthCheck = readHealthCheck(input, defaultHealthCheck(protocol), protocol);
    if (isHttp(healthCheck.protocol) && healthCheck.intervalSeconds <= healthCheck.timeoutSeconds) throw intervalNotAboveTimeout();
    const tags = readTags(input) ?? [];
    const candidate = {
      targetType,
      protocol,
      port,
      vpcId,
      ipAddressType,
      healthCheck,
      ...(isHttp(protocol) ? { protocolVersion: protocolVersion ?? "HTTP1" } : {}),
    };
    const existing = Object.values(state.elbTargetGroups).find((g) => g.name === name);
    if (existing) {
      const same =
        existing.targetType === candidate.targetType &&
        existing.protocol === candidate.protocol &&
        existing.port === candidate.port &&
        existing.vpcId === candidate.vpcId &&
        sameCheck(existing.healthCheck, candidate.healthCheck);
      if (!same) throw duplicateTargetGroup(name);
      return { TargetGroups: [presentTargetGroup(state, existing)] };
    }
    if (Object.keys(state.elbTargetGroups).length >= ELB_SANDBOX_LIMITS.targetGroups) {
      throw new EcsError("TooManyTargetGroupsException", sandboxLimitText("target groups", ELB_SANDBOX_LIMITS.targetGroups));
    }
    const arn = targetGroupArn(state, name, newElbId(state, "targetgroup"));
    const group: ElbTargetGroupRecord = { arn, name, ...candidate, createdAtMs: clockMs, attributes: {}, tags };
    state.elbTargetGroups[arn] = group;
    return { TargetGroups: [presentTargetGroup(state, group)] };
  },
};

const describeTargetGroups: Operation = {
  readOnly: true,
  run(state: SandboxState, input) {
    const lbArn = str(input, "LoadBalancerArn");
    const arns = strList(input, "TargetGroupArns");
    const names = strList(input, "Names");
    let found = Object.values(state.elbTargetGroups);
    if (lbArn !== undefined) {
      if (!state.elbLoadBalancers[lbArn]) throw loadBalancersNotFound();
      found = found.filter((g) => loadBalancersOf(state, g.arn).includes(lbArn));
    }
    if (arns?.length) {
      if (arns.some((arn) => !state.elbTargetGroups[arn])) throw targetGroupsNotFound();
      found = found.filter((g) => arns.includes(g.arn));
    }
    if (names?.length) {
      const missing = names.filter((n) => !found.some((g) => g.name === n));
      if (missing.length > 0) throw targetGroupNamesNotFound(missing);
      found = found.filter((g) => names.includes(g.name));
    }
    const { page, NextMarker } = pageOf(found, input);
    return { TargetGroups: page.map((g) => presentTargetGroup(state, g)), ...(NextMarker ? { NextMarker } : {}) };
  },
};

/** A change of health-check settings applies to the next checks of every target (health.ts replans them). */
const modifyTargetGroup: Operation = {
  readOnly: false,
  run(state: SandboxState, input, clockMs) {
    const group = requireTargetGroup(state, requiredStr(input, "TargetGroupArn"));
    const healthCheck = readHealthCheck(input, group.healthCheck, group.protocol);
    if (isHttp(healthCheck.protocol) && healthCheck.timeoutSeconds >= healthCheck.intervalSeconds) {
      throw timeoutNotBelowInterval(healthCheck.timeoutSeconds, healthCheck.intervalSeconds);
    }
    const changed = !sameCheck(group.healthCheck, healthCheck);
    group.healthCheck = healthCheck;
    if (changed) replanTargetGroup(state, group.arn, clockMs);
    return { TargetGroups: [presentTargetGroup(state, group)] };
  },
};

const deleteTargetGroup: Operation = {
  readOnly: false,
  run(state: SandboxState, input) {
    const arn = requiredStr(input, "TargetGroupArn");
    // [inferred] from the model, which gives DeleteTargetGroup no not-found error: an unknown group is already gone.
    if (!state.elbTargetGroups[arn]) return {};
    if (loadBalancersOf(state, arn).length > 0) throw targetGroupInUse(arn);
    for (const key of targetKeysOf(state, arn)) removeTarget(state, key);
    delete state.elbTargetGroups[arn];
    return {};
  },
};

/** A target group's deregistration delay in ms (draining lasts this long). */
export function deregistrationDelayMs(group: ElbTargetGroupRecord): number {
  return Number(group.attributes["deregistration_delay.timeout_seconds"] ?? "300") * 1000;
}

const attributesOf = (group: ElbTargetGroupRecord) =>
  targetGroupAttributes(group.protocol, group.targetType).map(([Key, value]) => ({ Key, Value: group.attributes[Key] ?? value }));

const describeTargetGroupAttributes: Operation = {
  readOnly: true,
  run(state: SandboxState, input) {
    return { Attributes: attributesOf(requireTargetGroup(state, requiredStr(input, "TargetGroupArn"))) };
  },
};

/** [AWS-doc] TargetGroupAttribute: the values each key takes. */
function checkAttribute(key: string, value: string): void {
  const integer = /^\d{1,10}$/.test(value) ? Number(value) : Number.NaN;
  if (key === "deregistration_delay.timeout_seconds" && !(integer >= 0 && integer <= ELB_QUOTAS.deregistrationDelayMaxSeconds)) throw delayOutOfRange(value);
  if (key.endsWith(".enabled") && key !== "load_balancing.cross_zone.enabled" && value !== "true" && value !== "false") throw badAttributeValue(key, value);
  if (key === "slow_start.duration_seconds" && !(integer === 0 || (integer >= 30 && integer <= 900))) throw badAttributeValue(key, value);
  if (key === "stickiness.lb_cookie.duration_seconds" && !(integer >= 1 && integer <= 604800)) throw badAttributeValue(key, value);
}

const modifyTargetGroupAttributes: Operation = {
  readOnly: false,
  run(state: SandboxState, input) {
    const group = requireTargetGroup(state, requiredStr(input, "TargetGroupArn"));
    const given = (list<Input>(input, "Attributes") ?? []).map((a) => ({ key: str(a, "Key") ?? "", value: str(a, "Value") ?? "" }));
    const known = new Set(targetGroupAttributes(group.protocol, group.targetType).map(([k]) => k));
    for (const { key, value } of given) {
      if (!known.has(key)) throw unknownAttribute(key);
      checkAttribute(key, value);
    }
    for (const { key, value } of given) group.attributes[key] = value;
    return { Attributes: attributesOf(group) };
  },
};

export const targetGroupOperations: Record<string, Operation> = {
  CreateTargetGroup: createTargetGroup,
  DescribeTargetGroups: describeTargetGroups,
  ModifyTargetGroup: modifyTargetGroup,
  DeleteTargetGroup: deleteTargetGroup,
  DescribeTargetGroupAttributes: describeTargetGroupAttributes,
  ModifyTargetGroupAttributes: modifyTargetGroupAttributes,
};
