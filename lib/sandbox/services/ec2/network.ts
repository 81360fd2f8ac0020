/**
 * What the ECS engine may ask of the network — the narrow interface between the two (issue 10: "the ECS engine asks
 * the other services through narrow interfaces, not by reaching into their state"). Every function reads a sandbox
 * state (or a draft of one) and changes nothing, except recordTaskNetworkInterface/forgetTaskNetworkInterface and the
 * scenario helpers, which ECS and scenarios call inside a transition.
 */
import type { SandboxState } from "../../engine/state";
import { routesOf, subnetOut } from "./describe";
import { canonicalIpv4Cidr, cidrContains } from "./security-groups";
import { findResource, listResources, networkOf, type Ec2Sandbox } from "./resources";
import type { RouteTableData, SecurityGroupData, SecurityGroupRuleRecord, SubnetData, VpcEndpointData } from "./state";
import { endpointServiceOf, endpointState } from "./vpc-endpoints";

export { addNatGateway, removeNatGateway, type NatGatewaySpec } from "./nat-gateways";
export { addVpcEndpoint, type EndpointSpec } from "./vpc-endpoints";
export { forgetNetworkInterface as forgetTaskNetworkInterface, networkInterfaces, publicIpFor, recordNetworkInterface as recordTaskNetworkInterface, type TaskNetworkInterface } from "./network-interfaces";

/** The subnet as DescribeSubnets shows it (AvailableIpAddressCount counted now), or undefined. */
export function subnetById(state: Ec2Sandbox, id: string): (SubnetData & { AvailableIpAddressCount: number }) | undefined {
  const subnet = findResource(state, "subnet", id);
  if (!subnet) return undefined;
  let used = listResources(state, "network-interface").filter((eni) => eni.SubnetId === id).length;
  used += listResources(state, "vpc-endpoint").filter((e) => e.SubnetIds.includes(id)).length;
  used += listResources(state, "natgateway").filter((n) => n.SubnetId === id).length;
  return subnetOut(subnet, used) as SubnetData & { AvailableIpAddressCount: number };
}

/** The Availability Zone of a subnet of the sandbox, or undefined (cheaper than subnetById: nothing is counted). */
export function zoneOfSubnet(state: Ec2Sandbox, id: string): string | undefined {
  return findResource(state, "subnet", id)?.AvailabilityZone;
}

/** The first of `ids` that is not a subnet of the sandbox (for ECS's "Error retrieving subnet information for [...]"). */
export function missingSubnet(state: Ec2Sandbox, ids: readonly string[]): string | undefined {
  return ids.find((id) => !findResource(state, "subnet", id));
}

/**
 * Whether every subnet exists and all are in one VPC (AWS rejects a service or task whose subnets span VPCs). False
 * for an empty list or an unknown subnet.
 */
export function subnetsShareVpc(state: Ec2Sandbox, ids: readonly string[]): boolean {
  const vpcs = new Set(ids.map((id) => findResource(state, "subnet", id)?.VpcId));
  return ids.length > 0 && !vpcs.has(undefined) && vpcs.size === 1;
}

/** The VPC of a subnet, or undefined. */
export function vpcOfSubnet(state: Ec2Sandbox, subnetId: string): string | undefined {
  return findResource(state, "subnet", subnetId)?.VpcId;
}

/** Whether every security group exists. */
export function securityGroupsExist(state: Ec2Sandbox, ids: readonly string[]): boolean {
  return missingSecurityGroup(state, ids) === undefined;
}

/** The first of `ids` that is not a security group of the sandbox. */
export function missingSecurityGroup(state: Ec2Sandbox, ids: readonly string[]): string | undefined {
  return ids.find((id) => !findResource(state, "security-group", id));
}

/** Whether every security group exists and belongs to `vpcId` (a task's groups must be in its subnets' VPC). */
/** The VPC's `default` security group: what a task started without security groups gets ([AWS-doc] awsvpcConfiguration.securityGroups). */
export function defaultSecurityGroupOf(state: Ec2Sandbox, vpcId: string): string | undefined {
  return listResources(state, "security-group").find((g) => g.VpcId === vpcId && g.GroupName === "default")?.GroupId;
}

export function securityGroupsInVpc(state: Ec2Sandbox, ids: readonly string[], vpcId: string): boolean {
  return ids.every((id) => findResource(state, "security-group", id)?.VpcId === vpcId);
}

/** The ids of the seeded network, for scenarios and tests (public/private subnets by zone, groups sbx-alb/sbx-app). */
export function sandboxNetwork(state: Ec2Sandbox) {
  const n = networkOf(state);
  return {
    vpcId: n.vpcId,
    publicSubnetIds: [...n.publicSubnetIds],
    privateSubnetIds: [...n.privateSubnetIds],
    publicRouteTableId: n.publicRouteTableId,
    privateRouteTableIds: [...n.privateRouteTableIds],
    internetGatewayId: n.internetGatewayId,
    securityGroupIds: { ...n.groupIds },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Reachability

/**
 * What a Fargate task in a subnet can reach at the moment, each true when some path works:
 * - `internet`: 0.0.0.0/0 routes to an attached internet gateway AND the task has a public IP (assignPublicIp
 *   ENABLED), or 0.0.0.0/0 routes to an available NAT gateway that itself sits in a subnet routed to an internet
 *   gateway. With the internet, every AWS service below is reachable too.
 * - `ecrEndpoints`: the ECR API and registry — interface endpoints for both `ecr.api` and `ecr.dkr`.
 * - `logsEndpoint`, `secretsEndpoint`, `ssmEndpoint`: interface endpoints `logs`, `secretsmanager`, `ssm`.
 * - `s3Gateway`: Amazon S3, where ECR keeps image layers — the S3 gateway endpoint in the subnet's route table.
 * An interface endpoint counts when it is in the subnet's VPC, `available`, has private DNS on (without it the
 * service's name resolves to public addresses), and — when the task's security groups are given — its groups let
 * TCP 443 in from the task (a group reference or a CIDR covering the subnet) and the task's groups let it out.
 * Pulling a private ECR image needs `ecrEndpoints && s3Gateway` (or the internet); awslogs needs `logsEndpoint`.
 */
export interface Reachability {
  internet: boolean;
  ecrEndpoints: boolean;
  logsEndpoint: boolean;
  secretsEndpoint: boolean;
  ssmEndpoint: boolean;
  s3Gateway: boolean;
}

const UNREACHABLE: Reachability = { internet: false, ecrEndpoints: false, logsEndpoint: false, secretsEndpoint: false, ssmEndpoint: false, s3Gateway: false };
const HTTPS = 443;

/** The route table a subnet uses: its explicit association, else its VPC's main table. */
export function routeTableOfSubnet(state: Ec2Sandbox, subnetId: string): RouteTableData | undefined {
  const tables = listResources(state, "route-table");
  const vpcId = findResource(state, "subnet", subnetId)?.VpcId;
  return (
    tables.find((t) => t.Associations.some((a) => a.SubnetId === subnetId)) ??
    tables.find((t) => t.VpcId === vpcId && t.Associations.some((a) => a.Main))
  );
}

/** Whether a subnet's route table sends 0.0.0.0/0 to an internet gateway attached to its VPC. */
function routesToInternetGateway(state: Ec2Sandbox, subnet: SubnetData): boolean {
  const table = routeTableOfSubnet(state, subnet.SubnetId);
  const route = table && routesOf(state, table).find((r) => r.DestinationCidrBlock === "0.0.0.0/0" && r.State === "active");
  if (!route?.GatewayId?.startsWith("igw-")) return false;
  const igw = findResource(state, "internet-gateway", route.GatewayId);
  return igw?.Attachments.some((a) => a.VpcId === subnet.VpcId && a.State === "available") ?? false;
}

/** Whether a rule lets TCP 443 through. */
const coversHttps = (rule: SecurityGroupRuleRecord) =>
  rule.protocol === "-1" || (rule.protocol === "tcp" && (rule.fromPort ?? 0) <= HTTPS && HTTPS <= (rule.toPort ?? 65535));

/** Whether the task's groups let HTTPS out to `destination` (a CIDR) or to a member of `destinationGroups`. */
function egressAllows(groups: readonly SecurityGroupData[], destination: string, destinationGroups: readonly string[] = [], prefixList?: string): boolean {
  return groups.some((g) =>
    g.rules.some(
      (r) =>
        r.egress &&
        coversHttps(r) &&
        ((r.cidrIpv4 !== undefined && cidrContains(r.cidrIpv4, destination)) ||
          (r.groupId !== undefined && destinationGroups.includes(r.groupId)) ||
          (prefixList !== undefined && r.prefixListId === prefixList)),
    ),
  );
}

/** Whether an interface endpoint lets a task of `subnet` with `taskGroups` reach it on 443. */
function endpointAdmits(state: Ec2Sandbox, endpoint: VpcEndpointData, subnet: SubnetData, taskGroupIds: readonly string[] | undefined): boolean {
  if (taskGroupIds === undefined) return true;
  const taskGroups = taskGroupIds.map((id) => findResource(state, "security-group", id)).filter((g): g is SecurityGroupData => g !== undefined);
  const endpointGroups = endpoint.Groups.map((g) => findResource(state, "security-group", g.GroupId)).filter((g): g is SecurityGroupData => g !== undefined);
  const inbound = endpointGroups.some((g) =>
    g.rules.some(
      (r) =>
        !r.egress &&
        coversHttps(r) &&
        ((r.cidrIpv4 !== undefined && cidrContains(r.cidrIpv4, canonicalIpv4Cidr(subnet.CidrBlock) ?? subnet.CidrBlock)) ||
          (r.groupId !== undefined && taskGroupIds.includes(r.groupId))),
    ),
  );
  // The endpoint's interfaces are in its subnets; a rule to the VPC's block or to the endpoint's groups reaches them.
  const endpointCidrs = endpoint.SubnetIds.map((id) => findResource(state, "subnet", id)?.CidrBlock).filter((c): c is string => c !== undefined);
  const outbound = endpointCidrs.some((cidr) => egressAllows(taskGroups, cidr, endpoint.Groups.map((g) => g.GroupId)));
  return inbound && outbound;
}

/**
 * What a task in `subnetId` reaches (see Reachability). `assignPublicIp` as in awsvpcConfiguration ("ENABLED" /
 * "DISABLED", or a boolean); `securityGroupIds`, when given, are the task's groups, checked against the endpoints'
 * groups and for outbound HTTPS. A subnet that does not exist reaches nothing.
 */
export function reachability(
  state: Ec2Sandbox & Partial<Pick<SandboxState, "clock">>,
  subnetId: string,
  assignPublicIp: boolean | "ENABLED" | "DISABLED" | undefined,
  securityGroupIds?: readonly string[],
): Reachability {
  const subnet = findResource(state, "subnet", subnetId);
  if (!subnet) return { ...UNREACHABLE };
  const publicIp = assignPublicIp === true || assignPublicIp === "ENABLED";
  const nowMs = state.clock?.simMs ?? 0;
  const taskGroups = securityGroupIds?.map((id) => findResource(state, "security-group", id)).filter((g): g is SecurityGroupData => g !== undefined);
  const table = routeTableOfSubnet(state, subnetId);
  const routes = table ? routesOf(state, table) : [];
  const defaultRoute = routes.find((r) => r.DestinationCidrBlock === "0.0.0.0/0" && r.State === "active");

  let internet = false;
  if (defaultRoute?.GatewayId?.startsWith("igw-")) {
    internet = publicIp && routesToInternetGateway(state, subnet);
  } else if (defaultRoute?.NatGatewayId !== undefined) {
    const nat = findResource(state, "natgateway", defaultRoute.NatGatewayId);
    const natSubnet = nat && findResource(state, "subnet", nat.SubnetId);
    internet = nat?.State === "available" && natSubnet !== undefined && routesToInternetGateway(state, natSubnet);
  }
  if (internet && taskGroups !== undefined) internet = egressAllows(taskGroups, "0.0.0.0/0");

  const endpoints = listResources(state, "vpc-endpoint").filter((e) => e.VpcId === subnet.VpcId && endpointState(e, nowMs) === "available");
  const interfaceTo = (service: string) =>
    endpoints.some(
      (e) =>
        e.VpcEndpointType === "Interface" &&
        e.PrivateDnsEnabled &&
        e.SubnetIds.length > 0 &&
        endpointServiceOf(state.region, e.ServiceName) === service &&
        endpointAdmits(state, e, subnet, securityGroupIds),
    );
  const s3Endpoint = endpoints.some(
    (e) =>
      e.VpcEndpointType === "Gateway" &&
      endpointServiceOf(state.region, e.ServiceName) === "s3" &&
      table !== undefined &&
      e.RouteTableIds.includes(table.RouteTableId) &&
      (taskGroups === undefined || egressAllows(taskGroups, "0.0.0.0/0", [], routes.find((r) => r.GatewayId === e.VpcEndpointId)?.DestinationPrefixListId)),
  );
  return {
    internet,
    ecrEndpoints: internet || (interfaceTo("ecr.api") && interfaceTo("ecr.dkr")),
    logsEndpoint: internet || interfaceTo("logs"),
    secretsEndpoint: internet || interfaceTo("secretsmanager"),
    ssmEndpoint: internet || interfaceTo("ssm"),
    s3Gateway: internet || s3Endpoint,
  };
}
