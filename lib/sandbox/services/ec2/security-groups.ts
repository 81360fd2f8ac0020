/**
 * Security groups: create, delete, describe, and their rules. A group keeps its rules one per peer (state.ts,
 * SecurityGroupRuleRecord) — the unit AWS gives an sgr- id, counts against the 60-rule quota, refuses twice and
 * revokes; DescribeSecurityGroups folds them back into IpPermissions by protocol and ports, as AWS shows them.
 *
 * The sandbox's VPC is not a default VPC, so what AWS reserves for default VPCs fails as it does there: a group named
 * instead of given by id, a group created without VpcId, a revoke that matches nothing (an error, not a quiet
 * "UnknownIpPermissions" — the API reference: "For a non-default VPC, if the values you specify do not match the
 * existing rule's values, an InvalidPermission.NotFound client error is returned, and no rules are revoked").
 */
import type { Input } from "../../engine/input";
import type { SandboxState } from "../../engine/state";
import {
  cannotDeleteDefault,
  cidrMalformed,
  dependencyViolation,
  groupDuplicate,
  groupNameSgPrefix,
  groupNotFound,
  icmpOutOfRange,
  invalidCharacters,
  invalidParameterValue,
  missingParameter,
  noDefaultVpc,
  permissionDuplicate,
  permissionNotFound,
  permissionRepeated,
  portOutOfRange,
  portRangeReversed,
  portsRequired,
  rulesLimit,
  securityGroupLimit,
  tooLong,
  unknownProtocol,
  vpcNotFound,
} from "./errors";
import { applyFilters, readFilters, type FilterSpec } from "./filters";
import { newId, requireWellFormed } from "./ids";
import { int, objList, str, strList } from "./input";
import { pageOf } from "./pagination";
import { EC2_QUOTAS, EC2_SANDBOX_LIMITS } from "./quotas";
import { createdCount, editResource, findResource, listResources, putResource, removeResource, type Ec2Sandbox } from "./resources";
import type { SecurityGroupData, SecurityGroupRuleRecord } from "./state";
import { readTagSpecifications } from "./tags";
import { EcsError } from "../../engine/errors";

// ---------------------------------------------------------------------------------------------------------------
// Protocols and CIDRs

const PROTOCOL_NAMES: Record<string, string> = { tcp: "tcp", "6": "tcp", udp: "udp", "17": "udp", icmp: "icmp", "1": "icmp", icmpv6: "icmpv6", "58": "icmpv6", "-1": "-1", all: "-1" };

/** AWS's name for a protocol: tcp/udp/icmp/icmpv6 by name (also when given by number), "-1" for all, else the number. */
export function normalizeProtocol(raw: string): string {
  const value = raw.trim().toLowerCase();
  if (Object.hasOwn(PROTOCOL_NAMES, value)) return PROTOCOL_NAMES[value];
  if (/^\d{1,3}$/.test(value) && Number(value) <= 255) return String(Number(value));
  throw unknownProtocol(raw);
}

/** An IPv4 CIDR with its host bits cleared (AWS canonicalizes 100.68.0.18/18 to 100.68.0.0/18), or undefined. */
export function canonicalIpv4Cidr(cidr: string): string | undefined {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(cidr.trim());
  if (!match) return undefined;
  const octets = match.slice(1, 5).map(Number);
  const bits = Number(match[5]);
  if (octets.some((o) => o > 255) || bits > 32) return undefined;
  const address = octets.reduce((n, o) => n * 256 + o, 0);
  const size = 2 ** (32 - bits);
  const network = Math.floor(address / size) * size;
  return `${[24, 16, 8, 0].map((shift) => Math.floor(network / 2 ** shift) % 256).join(".")}/${bits}`;
}

/** IPv4 CIDR membership (both canonical or not): whether `inner` lies within `outer`. */
export function cidrContains(outer: string, inner: string): boolean {
  const parse = (cidr: string) => {
    const [address, bits] = cidr.split("/");
    return { value: address.split(".").reduce((n, o) => n * 256 + Number(o), 0), bits: Number(bits) };
  };
  const o = parse(outer);
  const i = parse(inner);
  if (i.bits < o.bits) return false;
  const size = 2 ** (32 - o.bits);
  return Math.floor(o.value / size) === Math.floor(i.value / size);
}

function checkIpv6Cidr(cidr: string): string {
  // [inferred] A light check: hex groups and "::", then a prefix length up to 128; AWS keeps the text.
  const match = /^([0-9a-fA-F:]+)\/(\d{1,3})$/.exec(cidr.trim());
  if (!match || !match[1].includes(":") || Number(match[2]) > 128 || /:::/.test(match[1])) throw cidrMalformed(cidr);
  return cidr.trim().toLowerCase();
}

// ---------------------------------------------------------------------------------------------------------------
// Reading rules from a request

type RuleDraft = Omit<SecurityGroupRuleRecord, "id">;

/** Rules named by a request: its IpPermissions, or the old flat members (IpProtocol, FromPort, ToPort, CidrIp, …). */
function requestedRules(state: Ec2Sandbox, group: SecurityGroupData, input: Input, egress: boolean): RuleDraft[] {
  const permissions = objList(input, "IpPermissions") ?? [];
  const rules = permissions.flatMap((permission) => rulesOfPermission(state, group, permission, egress));
  const flatProtocol = str(input, "IpProtocol");
  const flatCidr = str(input, "CidrIp");
  const sourceGroup = str(input, "SourceSecurityGroupName");
  const pair = sourceGroup === undefined ? [] : [{ GroupName: sourceGroup, UserId: str(input, "SourceSecurityGroupOwnerId") }];
  if (flatProtocol !== undefined || flatCidr !== undefined) {
    rules.push(
      ...rulesOfPermission(
        state,
        group,
        { IpProtocol: flatProtocol, FromPort: input.FromPort, ToPort: input.ToPort, IpRanges: flatCidr === undefined ? [] : [{ CidrIp: flatCidr }], UserIdGroupPairs: pair },
        egress,
      ),
    );
  } else if (sourceGroup !== undefined) {
    // "The rule grants full ICMP, UDP, and TCP access" (SourceSecurityGroupName without a protocol).
    for (const p of [
      { IpProtocol: "tcp", FromPort: 0, ToPort: 65535 },
      { IpProtocol: "udp", FromPort: 0, ToPort: 65535 },
      { IpProtocol: "icmp", FromPort: -1, ToPort: -1 },
    ]) {
      rules.push(...rulesOfPermission(state, group, { ...p, UserIdGroupPairs: pair }, egress));
    }
  }
  return rules;
}

function rulesOfPermission(state: Ec2Sandbox, group: SecurityGroupData, permission: Input, egress: boolean): RuleDraft[] {
  const rawProtocol = str(permission, "IpProtocol");
  // [inferred] wording: the model leaves IpProtocol optional, AWS requires it.
  if (rawProtocol === undefined || rawProtocol === "") throw missingParameter("ipPermissions.ipProtocol");
  const protocol = normalizeProtocol(rawProtocol);
  const ports = portsOf(protocol, int(permission, "FromPort"), int(permission, "ToPort"));
  const base = { egress, protocol, ...ports };
  const rules: RuleDraft[] = [];
  for (const range of objList(permission, "IpRanges") ?? []) {
    const raw = str(range, "CidrIp") ?? "";
    const cidr = canonicalIpv4Cidr(raw);
    if (cidr === undefined) throw cidrMalformed(raw);
    rules.push({ ...base, cidrIpv4: cidr, ...description(range) });
  }
  for (const range of objList(permission, "Ipv6Ranges") ?? []) {
    rules.push({ ...base, cidrIpv6: checkIpv6Cidr(str(range, "CidrIpv6") ?? ""), ...description(range) });
  }
  for (const prefixList of objList(permission, "PrefixListIds") ?? []) {
    const id = str(prefixList, "PrefixListId") ?? "";
    // [inferred] code and wording: a prefix list id must look like one.
    if (!/^pl-[0-9a-f]{8,17}$/.test(id)) throw new EcsError("InvalidPrefixListId.Malformed", `Invalid id: "${id}" (expecting "pl-...")`);
    rules.push({ ...base, prefixListId: id, ...description(prefixList) });
  }
  for (const pair of objList(permission, "UserIdGroupPairs") ?? []) {
    const peer = peerGroup(state, group, str(pair, "GroupId"), str(pair, "GroupName"));
    rules.push({ ...base, groupId: peer.GroupId, groupOwnerId: str(pair, "UserId") ?? peer.OwnerId, ...description(pair) });
  }
  return rules;
}

function description(item: Input): { description?: string } {
  const text = str(item, "Description");
  if (text === undefined) return {};
  if (text.length > EC2_QUOTAS.ruleDescriptionLength) throw tooLong("Description", text, EC2_QUOTAS.ruleDescriptionLength);
  if (!DESCRIPTION_CHARACTERS.test(text)) throw invalidCharacters("Description", text);
  return { description: text };
}

function portsOf(protocol: string, from: number | undefined, to: number | undefined): { fromPort?: number; toPort?: number } {
  if (protocol === "tcp" || protocol === "udp") {
    if (from === undefined || to === undefined) throw portsRequired("TCP/UDP");
    for (const port of [from, to]) if (port < 0 || port > 65535) throw portOutOfRange(port);
    if (from > to) throw portRangeReversed(from, to);
    return { fromPort: from, toPort: to };
  }
  if (protocol === "icmp" || protocol === "icmpv6") {
    if (protocol === "icmp" && (from === undefined || to === undefined)) throw portsRequired("ICMP");
    const type = from ?? -1;
    const code = to ?? -1;
    for (const value of [type, code]) if (value < -1 || value > 255) throw icmpOutOfRange(value);
    // "If the start port is -1 (all ICMP types), then the end port must be -1 (all ICMP codes)." [inferred] wording.
    if (type === -1 && code !== -1) throw invalidParameterValue(`Invalid ICMP code (${code}): the code must be -1 when the ICMP type is -1.`);
    return { fromPort: type, toPort: code };
  }
  // Every other protocol covers all ports, "regardless of any ports that you specify".
  return {};
}

/** The group a rule refers to, by id or (in the same VPC) by name. */
function peerGroup(state: Ec2Sandbox, group: SecurityGroupData, id: string | undefined, name: string | undefined): SecurityGroupData {
  if (id !== undefined) {
    requireWellFormed("group", [id]);
    const peer = findResource(state, "security-group", id);
    if (!peer) throw groupNotFound(id);
    return peer;
  }
  if (name !== undefined) {
    const peer = listResources(state, "security-group").find((g) => g.VpcId === group.VpcId && g.GroupName === name);
    if (!peer) throw groupNotFound(name);
    return peer;
  }
  // [inferred] wording: a pair must name a group.
  throw missingParameter("groupId or groupName");
}

/** Same rule: direction, protocol, ports and peer (a description does not make a rule different). */
function sameRule(a: RuleDraft, b: RuleDraft): boolean {
  return (
    a.egress === b.egress &&
    a.protocol === b.protocol &&
    a.fromPort === b.fromPort &&
    a.toPort === b.toPort &&
    a.cidrIpv4 === b.cidrIpv4 &&
    a.cidrIpv6 === b.cidrIpv6 &&
    a.groupId === b.groupId &&
    a.prefixListId === b.prefixListId
  );
}

/** The rule as AWS quotes it in InvalidPermission.Duplicate (errors.ts). */
function quoteRule(rule: RuleDraft): string {
  const peer = rule.cidrIpv4 ?? rule.cidrIpv6 ?? rule.groupId ?? rule.prefixListId;
  let what: string;
  if (rule.protocol === "-1") what = "ALL";
  else if (rule.protocol === "tcp" || rule.protocol === "udp") what = `${rule.protocol.toUpperCase()}, from port: ${rule.fromPort}, to port: ${rule.toPort}`;
  else if (rule.protocol === "icmp" || rule.protocol === "icmpv6") what = `${rule.protocol.toUpperCase()}, type: ${rule.fromPort}, code: ${rule.toPort}`;
  else what = `protocol: ${rule.protocol}`;
  return `"peer: ${peer}, ${what}, ALLOW"`;
}

// ---------------------------------------------------------------------------------------------------------------
// Answers

interface IpPermissionOut {
  IpProtocol: string;
  FromPort?: number;
  ToPort?: number;
  IpRanges: { CidrIp: string; Description?: string }[];
  Ipv6Ranges: { CidrIpv6: string; Description?: string }[];
  PrefixListIds: { PrefixListId: string; Description?: string }[];
  UserIdGroupPairs: { GroupId: string; UserId: string; Description?: string }[];
}

/** A group's rules of one direction as IpPermissions: one per protocol and port range, with every peer of it. */
export function ipPermissions(rules: readonly SecurityGroupRuleRecord[], egress: boolean): IpPermissionOut[] {
  const out: IpPermissionOut[] = [];
  const byKey = new Map<string, IpPermissionOut>();
  for (const rule of rules) {
    if (rule.egress !== egress) continue;
    const key = `${rule.protocol}|${rule.fromPort}|${rule.toPort}`;
    let permission = byKey.get(key);
    if (!permission) {
      permission = {
        IpProtocol: rule.protocol,
        ...(rule.fromPort === undefined ? {} : { FromPort: rule.fromPort, ToPort: rule.toPort }),
        IpRanges: [],
        Ipv6Ranges: [],
        PrefixListIds: [],
        UserIdGroupPairs: [],
      };
      byKey.set(key, permission);
      out.push(permission);
    }
    const text = rule.description === undefined ? {} : { Description: rule.description };
    if (rule.cidrIpv4 !== undefined) permission.IpRanges.push({ CidrIp: rule.cidrIpv4, ...text });
    else if (rule.cidrIpv6 !== undefined) permission.Ipv6Ranges.push({ CidrIpv6: rule.cidrIpv6, ...text });
    else if (rule.prefixListId !== undefined) permission.PrefixListIds.push({ PrefixListId: rule.prefixListId, ...text });
    else if (rule.groupId !== undefined) permission.UserIdGroupPairs.push({ GroupId: rule.groupId, UserId: rule.groupOwnerId ?? "", ...text });
  }
  return out;
}

const groupArn = (state: Ec2Sandbox, group: SecurityGroupData) => `arn:aws:ec2:${state.region}:${group.OwnerId}:security-group/${group.GroupId}`;

export function describeGroup(state: Ec2Sandbox, group: SecurityGroupData): object {
  return {
    GroupId: group.GroupId,
    GroupName: group.GroupName,
    Description: group.Description,
    IpPermissions: ipPermissions(group.rules, false),
    IpPermissionsEgress: ipPermissions(group.rules, true),
    OwnerId: group.OwnerId,
    VpcId: group.VpcId,
    SecurityGroupArn: groupArn(state, group),
    ...(group.Tags.length > 0 ? { Tags: group.Tags } : {}),
  };
}

/** A rule as AuthorizeSecurityGroup* and DescribeSecurityGroupRules show it. */
function ruleOut(state: Ec2Sandbox, group: SecurityGroupData, rule: SecurityGroupRuleRecord): object {
  return {
    SecurityGroupRuleId: rule.id,
    GroupId: group.GroupId,
    GroupOwnerId: group.OwnerId,
    IsEgress: rule.egress,
    IpProtocol: rule.protocol,
    FromPort: rule.fromPort ?? -1,
    ToPort: rule.toPort ?? -1,
    ...(rule.cidrIpv4 !== undefined ? { CidrIpv4: rule.cidrIpv4 } : {}),
    ...(rule.cidrIpv6 !== undefined ? { CidrIpv6: rule.cidrIpv6 } : {}),
    ...(rule.prefixListId !== undefined ? { PrefixListId: rule.prefixListId } : {}),
    ...(rule.groupId !== undefined ? { ReferencedGroupInfo: { GroupId: rule.groupId, UserId: rule.groupOwnerId } } : {}),
    ...(rule.description !== undefined ? { Description: rule.description } : {}),
    SecurityGroupRuleArn: `arn:aws:ec2:${state.region}:${group.OwnerId}:security-group-rule/${rule.id}`,
  };
}

/** A revoked rule as RevokeSecurityGroup* reports it (RevokedSecurityGroupRule). */
function revokedOut(group: SecurityGroupData, rule: SecurityGroupRuleRecord): object {
  return {
    SecurityGroupRuleId: rule.id,
    GroupId: group.GroupId,
    IsEgress: rule.egress,
    IpProtocol: rule.protocol,
    FromPort: rule.fromPort ?? -1,
    ToPort: rule.toPort ?? -1,
    ...(rule.cidrIpv4 !== undefined ? { CidrIpv4: rule.cidrIpv4 } : {}),
    ...(rule.cidrIpv6 !== undefined ? { CidrIpv6: rule.cidrIpv6 } : {}),
    ...(rule.prefixListId !== undefined ? { PrefixListId: rule.prefixListId } : {}),
    ...(rule.groupId !== undefined ? { ReferencedGroupId: rule.groupId } : {}),
    ...(rule.description !== undefined ? { Description: rule.description } : {}),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Operations

/**
 * The characters CreateSecurityGroup's model allows in names and descriptions: "a-z, A-Z, 0-9, spaces, and
 * ._-:/()#,@[]+=&;{}!$*".
 */
const NAME_CHARACTERS = /^[a-zA-Z0-9 ._\-:/()#,@[\]+=&;{}!$*]*$/;
/** Rule descriptions allow the same set ([inferred] from IpRange.Description's documentation). */
const DESCRIPTION_CHARACTERS = NAME_CHARACTERS;

/** The group a call names by GroupId (GroupName works only in a default VPC, which the sandbox has not). */
function namedGroup(state: Ec2Sandbox, input: Input): SecurityGroupData {
  const id = str(input, "GroupId");
  const name = str(input, "GroupName");
  if (id === undefined) {
    // [observed] "The request must contain the parameter groupName or groupId".
    if (name === undefined) throw missingParameter("groupName or groupId");
    throw noDefaultVpc();
  }
  requireWellFormed("group", [id]);
  const group = findResource(state, "security-group", id);
  if (!group) throw groupNotFound(id);
  return group;
}

export function createSecurityGroup(state: SandboxState, input: Input): object {
  const name = str(input, "GroupName");
  const text = str(input, "Description");
  // [observed] form "The request must contain the parameter …"; the CLI requires both before sending.
  if (name === undefined || name === "") throw missingParameter("GroupName");
  if (text === undefined || text === "") throw missingParameter("GroupDescription");
  if (name.length > EC2_QUOTAS.securityGroupNameLength) throw tooLong("GroupName", name, EC2_QUOTAS.securityGroupNameLength);
  if (text.length > EC2_QUOTAS.securityGroupDescriptionLength) throw tooLong("GroupDescription", text, EC2_QUOTAS.securityGroupDescriptionLength);
  if (!NAME_CHARACTERS.test(name)) throw invalidCharacters("GroupName", name);
  if (!NAME_CHARACTERS.test(text)) throw invalidCharacters("GroupDescription", text);
  if (name.toLowerCase().startsWith("sg-")) throw groupNameSgPrefix();
  const vpcId = str(input, "VpcId");
  if (vpcId === undefined) throw noDefaultVpc();
  requireWellFormed("vpc", [vpcId]);
  if (!findResource(state, "vpc", vpcId)) throw vpcNotFound(vpcId);
  // "Names are case-insensitive and must be unique within the VPC."
  const lower = name.toLowerCase();
  if (listResources(state, "security-group").some((g) => g.VpcId === vpcId && g.GroupName.toLowerCase() === lower)) throw groupDuplicate(name, vpcId);
  const tags = readTagSpecifications(input, "security-group");
  if (createdCount(state, "security-group") >= EC2_SANDBOX_LIMITS.createdSecurityGroups) throw securityGroupLimit(EC2_SANDBOX_LIMITS.createdSecurityGroups);
  const GroupId = newId(state, "group");
  const group: SecurityGroupData = {
    GroupId,
    GroupName: name,
    Description: text,
    VpcId: vpcId,
    OwnerId: state.accountId,
    Tags: tags,
    // A new VPC group allows all outbound traffic and no inbound (the EC2 User Guide, "Default security groups").
    rules: [{ id: newId(state, "rule"), egress: true, protocol: "-1", cidrIpv4: "0.0.0.0/0" }],
  };
  putResource(state, "security-group", GroupId, group);
  return { GroupId, SecurityGroupArn: groupArn(state, group), ...(tags.length > 0 ? { Tags: tags } : {}) };
}

export function deleteSecurityGroup(state: SandboxState, input: Input): object {
  const group = namedGroup(state, input);
  if (group.GroupName === "default") throw cannotDeleteDefault(group.GroupId);
  const referenced =
    listResources(state, "security-group").some((g) => g.GroupId !== group.GroupId && g.rules.some((r) => r.groupId === group.GroupId)) ||
    listResources(state, "network-interface").some((eni) => eni.Groups.some((g) => g.GroupId === group.GroupId)) ||
    listResources(state, "vpc-endpoint").some((e) => e.Groups.some((g) => g.GroupId === group.GroupId));
  if (referenced) throw dependencyViolation(group.GroupId);
  removeResource(state, "security-group", group.GroupId);
  return { Return: true, GroupId: group.GroupId };
}

function authorize(state: SandboxState, input: Input, egress: boolean): object {
  const group = namedGroup(state, input);
  const drafts = requestedRules(state, group, input, egress);
  // More rules than a group can hold never fit: refused before they are compared with each other.
  if (drafts.length > EC2_QUOTAS.rulesPerSecurityGroup) throw rulesLimit();
  drafts.forEach((rule, i) => {
    if (drafts.slice(0, i).some((earlier) => sameRule(earlier, rule))) throw permissionRepeated();
    if (group.rules.some((existing) => sameRule(existing, rule))) throw permissionDuplicate(quoteRule(rule));
  });
  const count = (rules: readonly RuleDraft[]) => rules.filter((r) => r.egress === egress).length;
  if (count(group.rules) + drafts.length > EC2_QUOTAS.rulesPerSecurityGroup) throw rulesLimit();
  if (drafts.length === 0) return { Return: true, SecurityGroupRules: [] };
  const stored = editResource(state, "security-group", group.GroupId);
  const added = drafts.map((draft) => ({ id: newId(state, "rule"), ...draft }));
  stored.rules.push(...added);
  return { Return: true, SecurityGroupRules: added.map((rule) => ruleOut(state, group, rule)) };
}

function revoke(state: SandboxState, input: Input, egress: boolean): object {
  const group = namedGroup(state, input);
  const ruleIds = strList(input, "SecurityGroupRuleIds") ?? [];
  requireWellFormed("rule", ruleIds);
  const doomed: SecurityGroupRuleRecord[] = [];
  for (const ruleId of ruleIds) {
    const rule = group.rules.find((r) => r.id === ruleId && r.egress === egress);
    // [inferred] wording, after the other NotFound messages.
    if (!rule) throw new EcsError("InvalidSecurityGroupRuleId.NotFound", `The security group rule ID '${ruleId}' does not exist`);
    if (!doomed.includes(rule)) doomed.push(rule);
  }
  for (const draft of requestedRules(state, group, input, egress)) {
    const rule = group.rules.find((r) => sameRule(r, draft));
    if (!rule) throw permissionNotFound();
    if (!doomed.includes(rule)) doomed.push(rule);
  }
  if (doomed.length > 0) {
    const ids = new Set(doomed.map((r) => r.id));
    const stored = editResource(state, "security-group", group.GroupId);
    stored.rules = stored.rules.filter((r) => !ids.has(r.id));
  }
  return { Return: true, RevokedSecurityGroupRules: doomed.map((rule) => revokedOut(group, rule)) };
}

export const authorizeIngress = (state: SandboxState, input: Input) => authorize(state, input, false);
export const authorizeEgress = (state: SandboxState, input: Input) => authorize(state, input, true);
export const revokeIngress = (state: SandboxState, input: Input) => revoke(state, input, false);
export const revokeEgress = (state: SandboxState, input: Input) => revoke(state, input, true);

function permissionFilters(state: Ec2Sandbox, egress: boolean): FilterSpec<SecurityGroupData> {
  const rules = (g: SecurityGroupData) => g.rules.filter((r) => r.egress === egress);
  const nameOf = (id: string | undefined) => (id === undefined ? undefined : findResource(state, "security-group", id)?.GroupName);
  const prefix = egress ? "egress.ip-permission." : "ip-permission.";
  return {
    [`${prefix}cidr`]: (g) => rules(g).map((r) => r.cidrIpv4),
    [`${prefix}from-port`]: (g) => rules(g).map((r) => r.fromPort ?? -1),
    [`${prefix}to-port`]: (g) => rules(g).map((r) => r.toPort ?? -1),
    [`${prefix}group-id`]: (g) => rules(g).map((r) => r.groupId),
    [`${prefix}group-name`]: (g) => rules(g).map((r) => nameOf(r.groupId)),
    [`${prefix}ipv6-cidr`]: (g) => rules(g).map((r) => r.cidrIpv6),
    [`${prefix}prefix-list-id`]: (g) => rules(g).map((r) => r.prefixListId),
    [`${prefix}protocol`]: (g) => rules(g).map((r) => r.protocol),
    [`${prefix}user-id`]: (g) => rules(g).map((r) => r.groupOwnerId),
  };
}

export function describeSecurityGroups(state: SandboxState, input: Input): object {
  const ids = strList(input, "GroupIds") ?? [];
  const names = strList(input, "GroupNames") ?? [];
  // [inferred] GroupNames selects groups of the default VPC; the sandbox's account has none.
  if (names.length > 0) throw noDefaultVpc();
  requireWellFormed("group", ids);
  let groups = listResources(state, "security-group");
  if (ids.length > 0) {
    const known = new Set(groups.map((g) => g.GroupId));
    const missing = ids.find((id) => !known.has(id));
    if (missing !== undefined) throw groupNotFound(missing);
    const wanted = new Set(ids);
    groups = groups.filter((g) => wanted.has(g.GroupId));
  }
  const spec: FilterSpec<SecurityGroupData> = {
    description: (g) => g.Description,
    "group-id": (g) => g.GroupId,
    "group-name": (g) => g.GroupName,
    "owner-id": (g) => g.OwnerId,
    "vpc-id": (g) => g.VpcId,
    ...permissionFilters(state, false),
    ...permissionFilters(state, true),
  };
  groups = applyFilters(groups, readFilters(input), spec, (g) => g.Tags);
  const { page, NextToken } = pageOf("DescribeSecurityGroups", groups, input, { given: ids.length > 0, parameter: "groupIds" });
  return { SecurityGroups: page.map((g) => describeGroup(state, g)), ...(NextToken ? { NextToken } : {}) };
}
