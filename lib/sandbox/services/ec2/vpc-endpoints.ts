/**
 * VPC endpoints: how a task in a private subnet reaches AWS services without a NAT gateway (lesson L503). Interface
 * endpoints (ecr.api, ecr.dkr, logs, secretsmanager, ssm, …) put a network interface in each chosen subnet, behind
 * security groups, and with private DNS on answer the service's usual name inside the VPC; the S3 gateway endpoint
 * adds a route to S3's prefix list in each chosen route table (describe.ts derives that route from the endpoint).
 * Image layers come from S3, so pulling from ECR privately takes ecr.api, ecr.dkr AND the S3 gateway endpoint.
 */
import type { Input } from "../../engine/input";
import { hashHex } from "../../engine/ids";
import type { SandboxState } from "../../engine/state";
import {
  duplicateSubnetsInZone,
  endpointTypeMismatch,
  groupNotFound,
  groupOfOtherVpc,
  invalidParameter,
  invalidServiceName,
  missingParameter,
  routeTableNotFound,
  subnetNotFound,
  vpcEndpointLimit,
  vpcEndpointNotFound,
  vpcNotFound,
} from "./errors";
import { newId, requireWellFormed } from "./ids";
import { bool, str, strList } from "./input";
import { EC2_FACTS, EC2_QUOTAS, EC2_SANDBOX_LIMITS } from "./quotas";
import { createdCount, editResource, findResource, listResources, putResource, removeResource, type Ec2Sandbox } from "./resources";
import type { VpcEndpointData } from "./state";
import { readTagSpecifications } from "./tags";

/**
 * The endpoint services of AWS the sandbox knows, by the last part of `com.amazonaws.<region>.<name>`, with the
 * endpoint types each offers (the VPC console's service list). Others fail with InvalidServiceName.
 */
export const ENDPOINT_SERVICES: Record<string, readonly ("Interface" | "Gateway")[]> = {
  "ecr.api": ["Interface"],
  "ecr.dkr": ["Interface"],
  logs: ["Interface"],
  secretsmanager: ["Interface"],
  ssm: ["Interface"],
  ssmmessages: ["Interface"],
  ec2messages: ["Interface"],
  kms: ["Interface"],
  sts: ["Interface"],
  ecs: ["Interface"],
  "ecs-agent": ["Interface"],
  "ecs-telemetry": ["Interface"],
  monitoring: ["Interface"],
  elasticloadbalancing: ["Interface"],
  ec2: ["Interface"],
  s3: ["Gateway", "Interface"],
  dynamodb: ["Gateway", "Interface"],
};

/** The policy an endpoint gets when none is given: full access (what AWS shows for a new endpoint). */
export const DEFAULT_ENDPOINT_POLICY = '{"Version":"2008-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}]}';

/** The short service name (`ecr.api`) of a full one in this Region, or undefined for a service the sandbox does not know. */
export function endpointServiceOf(region: string, serviceName: string): string | undefined {
  const prefix = `com.amazonaws.${region}.`;
  if (!serviceName.startsWith(prefix)) return undefined;
  const short = serviceName.slice(prefix.length);
  return Object.hasOwn(ENDPOINT_SERVICES, short) ? short : undefined;
}

/** The endpoint's state at `nowMs` (an interface endpoint turns available once provisioned). */
export function endpointState(endpoint: VpcEndpointData, nowMs: number): string {
  if (endpoint.State === "pending" && endpoint.availableAtMs !== undefined && nowMs >= endpoint.availableAtMs) return "available";
  return endpoint.State;
}

/** The endpoint as the API shows it (without the sandbox's own bookkeeping). */
export function vpcEndpointOut(endpoint: VpcEndpointData): object {
  const shown: Partial<VpcEndpointData> = { ...endpoint };
  delete shown.availableAtMs;
  return shown;
}

/** The endpoint with its state at `nowMs`. */
export function endpointAt(endpoint: VpcEndpointData, nowMs: number): VpcEndpointData {
  const State = endpointState(endpoint, nowMs);
  return State === endpoint.State ? endpoint : { ...endpoint, State };
}

export interface EndpointSpec {
  vpcId: string;
  serviceName: string;
  type?: "Interface" | "Gateway";
  subnetIds?: string[];
  securityGroupIds?: string[];
  routeTableIds?: string[];
  privateDnsEnabled?: boolean;
  policyDocument?: string;
  tags?: { Key: string; Value: string }[];
}

function requireVpc(state: Ec2Sandbox, vpcId: string): void {
  requireWellFormed("vpc", [vpcId]);
  if (!findResource(state, "vpc", vpcId)) throw vpcNotFound(vpcId);
}

function checkSubnets(state: Ec2Sandbox, vpcId: string, subnetIds: readonly string[]): void {
  requireWellFormed("subnet", subnetIds);
  const zones = new Set<string>();
  for (const id of subnetIds) {
    const subnet = findResource(state, "subnet", id);
    if (!subnet) throw subnetNotFound(id);
    // [inferred] wording: a subnet of another VPC.
    if (subnet.VpcId !== vpcId) throw invalidParameter(`The subnet ID '${id}' does not belong to VPC '${vpcId}'`);
    if (zones.has(subnet.AvailabilityZone)) throw duplicateSubnetsInZone();
    zones.add(subnet.AvailabilityZone);
  }
}

function checkGroups(state: Ec2Sandbox, vpcId: string, groupIds: readonly string[]): { GroupId: string; GroupName: string }[] {
  requireWellFormed("group", groupIds);
  return groupIds.map((id) => {
    const group = findResource(state, "security-group", id);
    if (!group) throw groupNotFound(id);
    if (group.VpcId !== vpcId) throw groupOfOtherVpc(id, vpcId);
    return { GroupId: group.GroupId, GroupName: group.GroupName };
  });
}

function checkRouteTables(state: Ec2Sandbox, vpcId: string, tableIds: readonly string[]): void {
  requireWellFormed("routeTable", tableIds);
  for (const id of tableIds) {
    const table = findResource(state, "route-table", id);
    if (!table) throw routeTableNotFound(id);
    if (table.VpcId !== vpcId) throw invalidParameter(`The route table ID '${id}' does not belong to VPC '${vpcId}'`); // [inferred]
  }
}

/** Creates an endpoint (CreateVpcEndpoint, or a lesson scenario), checked as AWS checks one. */
export function addVpcEndpoint(state: SandboxState, spec: EndpointSpec, nowMs: number): VpcEndpointData {
  requireVpc(state, spec.vpcId);
  const short = endpointServiceOf(state.region, spec.serviceName);
  if (short === undefined) throw invalidServiceName(spec.serviceName);
  // "VpcEndpointType … Default: Gateway" (CreateVpcEndpoint's model).
  const type = spec.type ?? "Gateway";
  const offered = ENDPOINT_SERVICES[short];
  if (!offered.includes(type)) throw endpointTypeMismatch(type, offered);
  const subnetIds = [...new Set(spec.subnetIds ?? [])];
  const routeTableIds = [...new Set(spec.routeTableIds ?? [])];
  const groupIds = [...new Set(spec.securityGroupIds ?? [])];
  const endpoints = listResources(state, "vpc-endpoint");
  if (type === "Gateway") {
    // [inferred] wordings: members of the other endpoint type.
    if (subnetIds.length > 0 || groupIds.length > 0) throw invalidParameter("Subnets and security groups are not supported for gateway endpoints.");
    if (spec.privateDnsEnabled) throw invalidParameter("Private DNS is not supported for gateway endpoints.");
    checkRouteTables(state, spec.vpcId, routeTableIds);
    if (endpoints.filter((e) => e.VpcEndpointType === "Gateway").length >= EC2_QUOTAS.gatewayEndpointsPerRegion) throw vpcEndpointLimit();
  } else {
    if (routeTableIds.length > 0) throw invalidParameter("Route tables are not supported for interface endpoints.");
    checkSubnets(state, spec.vpcId, subnetIds);
    if (endpoints.filter((e) => e.VpcEndpointType === "Interface" && e.VpcId === spec.vpcId).length >= EC2_QUOTAS.interfaceEndpointsPerVpc) throw vpcEndpointLimit();
  }
  if (createdCount(state, "vpc-endpoint") >= EC2_SANDBOX_LIMITS.createdVpcEndpoints) throw vpcEndpointLimit();
  // An interface endpoint without security groups gets the VPC's default group.
  const defaultGroup = listResources(state, "security-group").find((g) => g.VpcId === spec.vpcId && g.GroupName === "default");
  const groups = type === "Interface" ? checkGroups(state, spec.vpcId, groupIds.length > 0 ? groupIds : defaultGroup ? [defaultGroup.GroupId] : []) : [];
  const VpcEndpointId = newId(state, "vpcEndpoint");
  const privateDns = type === "Interface" && (spec.privateDnsEnabled ?? true);
  const endpoint: VpcEndpointData = {
    VpcEndpointId,
    VpcEndpointType: type,
    VpcId: spec.vpcId,
    ServiceName: spec.serviceName,
    State: type === "Interface" ? "pending" : "available",
    ...(type === "Interface" ? { availableAtMs: nowMs + EC2_FACTS.interfaceEndpointPendingMs } : {}),
    PolicyDocument: spec.policyDocument ?? DEFAULT_ENDPOINT_POLICY,
    RouteTableIds: routeTableIds,
    SubnetIds: subnetIds,
    Groups: groups,
    PrivateDnsEnabled: privateDns,
    RequesterManaged: false,
    NetworkInterfaceIds: subnetIds.map(() => newId(state, "networkInterface")),
    DnsEntries: type === "Interface" ? dnsEntries(state.region, VpcEndpointId, short, privateDns) : [],
    IpAddressType: "ipv4",
    DnsOptions: { DnsRecordIpType: type === "Interface" ? "ipv4" : "service-defined" },
    CreationTimestamp: nowMs / 1000,
    OwnerId: state.accountId,
    Tags: spec.tags ?? [],
  };
  putResource(state, "vpc-endpoint", VpcEndpointId, endpoint);
  return endpoint;
}

/** The service's private DNS name as an endpoint with private DNS answers it inside the VPC. */
function privateDnsName(region: string, short: string): string {
  if (short === "ecr.api") return `api.ecr.${region}.amazonaws.com`;
  if (short === "ecr.dkr") return `*.dkr.ecr.${region}.amazonaws.com`;
  return `${short}.${region}.amazonaws.com`;
}

function dnsEntries(region: string, endpointId: string, short: string, privateDns: boolean): { DnsName: string; HostedZoneId: string }[] {
  // [inferred] hosted zone ids: AWS's differ per Region and are not derivable; stable made-up ones stand in.
  const zone = (purpose: string) => `Z${hashHex(`vpce-zone|${region}|${purpose}`, 12).toUpperCase()}`;
  const entries = [{ DnsName: `${endpointId}-${hashHex(endpointId, 8)}.${short}.${region}.vpce.amazonaws.com`, HostedZoneId: zone("regional") }];
  if (privateDns) entries.push({ DnsName: privateDnsName(region, short), HostedZoneId: zone(`private|${endpointId}`) });
  return entries;
}

export function createVpcEndpoint(state: SandboxState, input: Input, nowMs: number): object {
  const vpcId = str(input, "VpcId");
  if (vpcId === undefined) throw missingParameter("VpcId");
  const serviceName = str(input, "ServiceName");
  if (serviceName === undefined) throw missingParameter("ServiceName");
  const type = str(input, "VpcEndpointType");
  // The model's VpcEndpointType enum also has GatewayLoadBalancer, Resource and ServiceNetwork: no AWS service offers those.
  if (type !== undefined && type !== "Interface" && type !== "Gateway") throw endpointTypeMismatch(type, ENDPOINT_SERVICES[endpointServiceOf(state.region, serviceName) ?? ""] ?? []);
  const endpoint = addVpcEndpoint(
    state,
    {
      vpcId,
      serviceName,
      type,
      subnetIds: strList(input, "SubnetIds"),
      securityGroupIds: strList(input, "SecurityGroupIds"),
      routeTableIds: strList(input, "RouteTableIds"),
      privateDnsEnabled: bool(input, "PrivateDnsEnabled"),
      policyDocument: str(input, "PolicyDocument"),
      tags: readTagSpecifications(input, "vpc-endpoint"),
    },
    nowMs,
  );
  const token = str(input, "ClientToken");
  return { VpcEndpoint: vpcEndpointOut(endpoint), ...(token === undefined ? {} : { ClientToken: token }) };
}

export function modifyVpcEndpoint(state: SandboxState, input: Input): object {
  const id = str(input, "VpcEndpointId");
  if (id === undefined) throw missingParameter("VpcEndpointId");
  requireWellFormed("vpcEndpoint", [id]);
  const current = findResource(state, "vpc-endpoint", id);
  if (!current) throw vpcEndpointNotFound(id);
  const addTables = strList(input, "AddRouteTableIds") ?? [];
  const removeTables = strList(input, "RemoveRouteTableIds") ?? [];
  const addSubnets = strList(input, "AddSubnetIds") ?? [];
  const removeSubnets = strList(input, "RemoveSubnetIds") ?? [];
  const addGroups = strList(input, "AddSecurityGroupIds") ?? [];
  const removeGroups = strList(input, "RemoveSecurityGroupIds") ?? [];
  const privateDns = bool(input, "PrivateDnsEnabled");
  const gateway = current.VpcEndpointType === "Gateway";
  if (gateway && (addSubnets.length || removeSubnets.length || addGroups.length || removeGroups.length || privateDns)) {
    throw invalidParameter("Subnets, security groups and private DNS are not supported for gateway endpoints."); // [inferred]
  }
  if (!gateway && (addTables.length || removeTables.length)) throw invalidParameter("Route tables are not supported for interface endpoints."); // [inferred]
  checkRouteTables(state, current.VpcId, [...addTables, ...removeTables]);
  const tables = [...current.RouteTableIds.filter((t) => !removeTables.includes(t)), ...addTables.filter((t) => !current.RouteTableIds.includes(t))];
  const keptSubnets = current.SubnetIds.filter((s) => !removeSubnets.includes(s));
  const subnets = [...keptSubnets, ...addSubnets.filter((s) => !keptSubnets.includes(s))];
  checkSubnets(state, current.VpcId, subnets);
  const groupIds = [...current.Groups.map((g) => g.GroupId).filter((g) => !removeGroups.includes(g)), ...addGroups.filter((g) => !current.Groups.some((c) => c.GroupId === g))];
  const groups = gateway ? [] : checkGroups(state, current.VpcId, groupIds);
  const policy = input.ResetPolicy === true || input.ResetPolicy === "true" ? DEFAULT_ENDPOINT_POLICY : str(input, "PolicyDocument");
  const stored = editResource(state, "vpc-endpoint", id);
  stored.RouteTableIds = tables;
  if (!gateway) {
    stored.NetworkInterfaceIds = subnets.map((s) => {
      const kept = current.SubnetIds.indexOf(s);
      return kept >= 0 ? current.NetworkInterfaceIds[kept] : newId(state, "networkInterface");
    });
    stored.SubnetIds = subnets;
    stored.Groups = groups;
  }
  if (privateDns !== undefined && !gateway) {
    stored.PrivateDnsEnabled = privateDns;
    stored.DnsEntries = dnsEntries(state.region, id, endpointServiceOf(state.region, current.ServiceName) ?? current.ServiceName, privateDns);
  }
  if (policy !== undefined) stored.PolicyDocument = policy;
  return { Return: true };
}

export function deleteVpcEndpoints(state: SandboxState, input: Input): object {
  const ids = strList(input, "VpcEndpointIds") ?? [];
  if (ids.length === 0) throw missingParameter("VpcEndpointId");
  const unsuccessful: object[] = [];
  for (const id of ids) {
    if (!findResource(state, "vpc-endpoint", id)) {
      // Bulk calls report each failure instead of failing ("the response includes a list of the unsuccessful items").
      const error = vpcEndpointNotFound(id);
      unsuccessful.push({ Error: { Code: error.type, Message: error.message }, ResourceId: id });
      continue;
    }
    removeResource(state, "vpc-endpoint", id);
  }
  return { Unsuccessful: unsuccessful };
}

/** For a scenario's reset: every created endpoint of the sandbox. */
export function vpcEndpoints(state: Ec2Sandbox, nowMs: number): VpcEndpointData[] {
  return listResources(state, "vpc-endpoint").map((e) => endpointAt(e, nowMs));
}
