/**
 * Load balancers: CreateLoadBalancer, DescribeLoadBalancers, DeleteLoadBalancer, DescribeLoadBalancerAttributes,
 * ModifyLoadBalancerAttributes. Application and network load balancers in the sandbox's VPC (services/ec2): an ALB
 * needs subnets in two Availability Zones or more and always has security groups (the VPC's default group when none is
 * given); an NLB may have one subnet and no groups. CreateLoadBalancer is idempotent as AWS's is: the same name with
 * the same settings answers the existing load balancer.
 */
import { hashHex } from "../../engine/ids";
import type { Input } from "../../engine/input";
import type { Operation } from "../../engine/operation";
import type { SandboxState } from "../../engine/state";
import { findResource, listResources } from "../ec2/resources";
import {
  dnsNameOf,
  forwardedTargetGroups,
  list,
  loadBalancerArn,
  newElbId,
  oneOf,
  pageOf,
  readTags,
  requiredStr,
  str,
  strList,
  throwIfFailed,
} from "./common";
import {
  badAttributeValue,
  deletionProtected,
  duplicateLoadBalancer,
  loadBalancerNameInvalid,
  loadBalancerNamesNotFound,
  loadBalancersNotFound,
  securityGroupNotFound,
  securityGroupOfOtherVpc,
  subnetNotFound,
  subnetsInDifferentVpcs,
  subnetsInSameZone,
  tooManyLoadBalancers,
  twoZonesRequired,
  typeNotEmulated,
  unknownAttribute,
  validation,
} from "./errors";
import { replanTargetGroup } from "./health";
import { ELB_QUOTAS, ELB_TIMING, HOSTED_ZONES, loadBalancerAttributes } from "./quotas";
import type { ElbLoadBalancerRecord, LoadBalancerType } from "./state";

const NAME = /^(?!-)(?!internal-)[a-zA-Z0-9-]{1,32}(?<!-)$/;

/** The load balancer as the API shows it; `provisioning` for ELB_TIMING.provisioningMs after it was created. */
export function presentLoadBalancer(lb: ElbLoadBalancerRecord, nowMs: number): object {
  return {
    LoadBalancerArn: lb.arn,
    DNSName: lb.dnsName,
    CanonicalHostedZoneId: lb.canonicalHostedZoneId,
    CreatedTime: lb.createdAtMs / 1000,
    LoadBalancerName: lb.name,
    Scheme: lb.scheme,
    VpcId: lb.vpcId,
    State: { Code: nowMs < lb.createdAtMs + ELB_TIMING.provisioningMs ? "provisioning" : "active" },
    Type: lb.type,
    AvailabilityZones: lb.zones.map((z) => ({ ZoneName: z.zoneName, SubnetId: z.subnetId, LoadBalancerAddresses: [] })),
    ...(lb.type === "application" || lb.securityGroups.length > 0 ? { SecurityGroups: [...lb.securityGroups] } : {}),
    IpAddressType: lb.ipAddressType,
  };
}

export function requireLoadBalancer(state: SandboxState, arn: string): ElbLoadBalancerRecord {
  const lb = state.elbLoadBalancers[arn];
  if (!lb) throw loadBalancersNotFound();
  return lb;
}

function hostedZoneOf(region: string, type: LoadBalancerType): string {
  return HOSTED_ZONES[region]?.[type] ?? `Z${hashHex(`elb-zone|${region}|${type}`, 13).toUpperCase()}`;
}

function readSubnets(state: SandboxState, input: Input): { zoneName: string; subnetId: string; vpcId: string }[] {
  const ids = [...(strList(input, "Subnets") ?? []), ...(list<Input>(input, "SubnetMappings") ?? []).map((m) => str(m, "SubnetId") ?? "")];
  const subnets = ids.map((id) => {
    const subnet = findResource(state, "subnet", id);
    if (!subnet) throw subnetNotFound();
    return { zoneName: subnet.AvailabilityZone, subnetId: subnet.SubnetId, vpcId: subnet.VpcId };
  });
  if (new Set(subnets.map((s) => s.vpcId)).size > 1) throw subnetsInDifferentVpcs();
  if (new Set(subnets.map((s) => s.zoneName)).size < subnets.length) throw subnetsInSameZone();
  return subnets;
}

function readSecurityGroups(state: SandboxState, ids: string[], vpcId: string): string[] {
  for (const id of ids) {
    const group = findResource(state, "security-group", id);
    if (!group) throw securityGroupNotFound(id);
    if (group.VpcId !== vpcId) throw securityGroupOfOtherVpc(id);
  }
  return [...new Set(ids)];
}

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));

const createLoadBalancer: Operation = {
  readOnly: false,
  run(state: SandboxState, input, clockMs) {
    const name = requiredStr(input, "Name");
    const failures: string[] = [];
    const type = oneOf(str(input, "Type"), "type", ["application", "network", "gateway"] as const, failures) ?? "application";
    const scheme = oneOf(str(input, "Scheme"), "scheme", ["internet-facing", "internal"] as const, failures) ?? "internet-facing";
    const ipAddressType = oneOf(str(input, "IpAddressType"), "ipAddressType", ["ipv4", "dualstack", "dualstack-without-public-ipv4"] as const, failures) ?? "ipv4";
    throwIfFailed(failures);
    if (!NAME.test(name)) throw loadBalancerNameInvalid(name);
    if (type === "gateway") throw typeNotEmulated(type);
    const subnets = readSubnets(state, input);
    if (type === "application" && subnets.length < 2) throw twoZonesRequired();
    // [inferred] an NLB with no subnet at all, worded as the ALB's rule.
    if (subnets.length === 0) throw validation("At least one subnet must be specified");
    const vpcId = subnets[0].vpcId;
    let securityGroups = readSecurityGroups(state, strList(input, "SecurityGroups") ?? [], vpcId);
    if (type === "application" && securityGroups.length === 0) {
      const fallback = listResources(state, "security-group").find((g) => g.VpcId === vpcId && g.GroupName === "default");
      securityGroups = fallback ? [fallback.GroupId] : [];
    }
    const tags = readTags(input) ?? [];
    const existing = Object.values(state.elbLoadBalancers).find((lb) => lb.name === name);
    if (existing) {
      const same =
        existing.type === type &&
        existing.scheme === scheme &&
        sameSet(existing.zones.map((z) => z.subnetId), subnets.map((s) => s.subnetId)) &&
        sameSet(existing.securityGroups, securityGroups);
      if (!same) throw duplicateLoadBalancer(name);
      return { LoadBalancers: [presentLoadBalancer(existing, clockMs)] };
    }
    if (Object.keys(state.elbLoadBalancers).length >= ELB_QUOTAS.loadBalancers) throw tooManyLoadBalancers();
    const arn = loadBalancerArn(state, type, name, newElbId(state, "loadbalancer"));
    const record: ElbLoadBalancerRecord = {
      arn,
      name,
      type,
      scheme,
      ipAddressType,
      vpcId,
      zones: subnets.map(({ zoneName, subnetId }) => ({ zoneName, subnetId })),
      securityGroups,
      dnsName: "",
      canonicalHostedZoneId: hostedZoneOf(state.region, type),
      createdAtMs: clockMs,
      attributes: {},
      tags,
    };
    record.dnsName = dnsNameOf(record, state.region);
    state.elbLoadBalancers[arn] = record;
    return { LoadBalancers: [presentLoadBalancer(record, clockMs)] };
  },
};

const describeLoadBalancers: Operation = {
  readOnly: true,
  run(state: SandboxState, input, clockMs) {
    const arns = strList(input, "LoadBalancerArns");
    const names = strList(input, "Names");
    // [inferred] AWS takes one way of naming them at a time.
    if (arns?.length && names?.length) throw validation("Load balancer names and load balancer ARNs cannot be specified at the same time");
    let found = Object.values(state.elbLoadBalancers);
    if (arns?.length) {
      if (arns.some((arn) => !state.elbLoadBalancers[arn])) throw loadBalancersNotFound();
      found = found.filter((lb) => arns.includes(lb.arn));
    } else if (names?.length) {
      const missing = names.filter((n) => !found.some((lb) => lb.name === n));
      if (missing.length > 0) throw loadBalancerNamesNotFound(missing);
      found = found.filter((lb) => names.includes(lb.name));
    }
    const { page, NextMarker } = pageOf(found, input);
    return { LoadBalancers: page.map((lb) => presentLoadBalancer(lb, clockMs)), ...(NextMarker ? { NextMarker } : {}) };
  },
};

/** Deleting a load balancer deletes its listeners and their rules; its target groups stay, unused. */
const deleteLoadBalancer: Operation = {
  readOnly: false,
  run(state: SandboxState, input, clockMs) {
    const arn = requiredStr(input, "LoadBalancerArn");
    const lb = state.elbLoadBalancers[arn];
    // [AWS-doc] DeleteLoadBalancer: "If the load balancer does not exist or has already been deleted, the call succeeds."
    if (!lb) return {};
    if (attributeOf(lb, "deletion_protection.enabled") === "true") throw deletionProtected(arn);
    const groups = new Set<string>();
    for (const listenerArn of Object.keys(state.elbListeners)) {
      const listener = state.elbListeners[listenerArn];
      if (listener.loadBalancerArn !== arn) continue;
      forwardedTargetGroups(listener.defaultActions).forEach((g) => groups.add(g));
      for (const ruleArn of Object.keys(state.elbRules)) {
        if (state.elbRules[ruleArn].listenerArn !== listenerArn) continue;
        forwardedTargetGroups(state.elbRules[ruleArn].actions).forEach((g) => groups.add(g));
        delete state.elbRules[ruleArn];
      }
      delete state.elbListeners[listenerArn];
    }
    delete state.elbLoadBalancers[arn];
    for (const group of groups) replanTargetGroup(state, group, clockMs);
    return {};
  },
};

export function attributeOf(lb: ElbLoadBalancerRecord, key: string): string | undefined {
  return lb.attributes[key] ?? loadBalancerAttributes(lb.type).find(([k]) => k === key)?.[1];
}

const attributesOf = (lb: ElbLoadBalancerRecord) => loadBalancerAttributes(lb.type).map(([Key, value]) => ({ Key, Value: lb.attributes[Key] ?? value }));

const describeLoadBalancerAttributes: Operation = {
  readOnly: true,
  run(state: SandboxState, input) {
    return { Attributes: attributesOf(requireLoadBalancer(state, requiredStr(input, "LoadBalancerArn"))) };
  },
};

/** [AWS-doc] LoadBalancerAttribute: the values each key takes. */
function checkLoadBalancerAttribute(key: string, value: string): void {
  const boolean = key.endsWith(".enabled");
  if (boolean && value !== "true" && value !== "false") throw badAttributeValue(key, value);
  if (key === "idle_timeout.timeout_seconds" && !(/^\d+$/.test(value) && Number(value) >= 1 && Number(value) <= 4000)) throw badAttributeValue(key, value);
  if (key === "client_keep_alive.seconds" && !(/^\d+$/.test(value) && Number(value) >= 60 && Number(value) <= 604800)) throw badAttributeValue(key, value);
}

const modifyLoadBalancerAttributes: Operation = {
  readOnly: false,
  run(state: SandboxState, input) {
    const lb = requireLoadBalancer(state, requiredStr(input, "LoadBalancerArn"));
    const given = (list<Input>(input, "Attributes") ?? []).map((a) => ({ key: str(a, "Key") ?? "", value: str(a, "Value") ?? "" }));
    const known = new Set(loadBalancerAttributes(lb.type).map(([k]) => k));
    for (const { key, value } of given) {
      if (!known.has(key)) throw unknownAttribute(key);
      checkLoadBalancerAttribute(key, value);
    }
    for (const { key, value } of given) lb.attributes[key] = value;
    return { Attributes: attributesOf(lb) };
  },
};

export const loadBalancerOperations: Record<string, Operation> = {
  CreateLoadBalancer: createLoadBalancer,
  DescribeLoadBalancers: describeLoadBalancers,
  DeleteLoadBalancer: deleteLoadBalancer,
  DescribeLoadBalancerAttributes: describeLoadBalancerAttributes,
  ModifyLoadBalancerAttributes: modifyLoadBalancerAttributes,
};
