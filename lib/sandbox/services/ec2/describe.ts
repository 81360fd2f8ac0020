/**
 * The Describe calls of the network: VPCs, subnets, route tables, internet and NAT gateways, VPC endpoints,
 * Availability Zones and network interfaces. Each takes its id list (an unknown id fails the call with the kind's
 * NotFound error, a misshapen one with its Malformed error, before anything is filtered), its Filters (filters.ts)
 * and, where the CLI pages, MaxResults/NextToken (pagination.ts).
 */
import type { Input } from "../../engine/input";
import type { SandboxState } from "../../engine/state";
import {
  internetGatewayNotFound,
  invalidZone,
  invalidZoneId,
  natGatewayNotFound,
  networkInterfaceNotFound,
  routeTableNotFound,
  subnetNotFound,
  vpcEndpointNotFound,
  vpcNotFound,
} from "./errors";
import { applyFilters, readFilters, type FilterSpec } from "./filters";
import { requireWellFormed, type IdKind } from "./ids";
import { strList } from "./input";
import { pageOf } from "./pagination";
import { EC2_FACTS } from "./quotas";
import { findResource, listResources, type Ec2Sandbox } from "./resources";
import type { EcsError } from "../../engine/errors";
import type { Ec2Tag, NatGatewayData, NetworkInterfaceData, RouteData, RouteTableData, SubnetData, VpcData, VpcEndpointData } from "./state";
import { endpointAt, vpcEndpointOut } from "./vpc-endpoints";
import { regionZones, s3PrefixListId } from "./zones";

/** Items selected by an explicit id list: every id must be well formed and exist. */
function selectByIds<T>(items: T[], ids: string[], idOf: (item: T) => string, kind: IdKind, notFound: (id: string) => EcsError): T[] {
  if (ids.length === 0) return items;
  requireWellFormed(kind, ids);
  const known = new Set(items.map(idOf));
  const missing = ids.find((id) => !known.has(id));
  if (missing !== undefined) throw notFound(missing);
  const wanted = new Set(ids);
  return items.filter((item) => wanted.has(idOf(item)));
}

const withTags = (tags: readonly Ec2Tag[]) => (tags.length > 0 ? { Tags: tags } : {});
const page = <K extends string>(key: K, result: { page: object[]; NextToken?: string }) => ({ [key]: result.page, ...(result.NextToken ? { NextToken: result.NextToken } : {}) });
const none: FilterSpec<unknown>[string] = () => undefined;

// ---------------------------------------------------------------------------------------------------------------

export function describeVpcs(state: SandboxState, input: Input): object {
  const ids = strList(input, "VpcIds") ?? [];
  let vpcs = selectByIds(listResources(state, "vpc"), ids, (v) => v.VpcId, "vpc", vpcNotFound);
  const spec: FilterSpec<VpcData> = {
    cidr: (v) => v.CidrBlock,
    "cidr-block-association.cidr-block": (v) => v.CidrBlockAssociationSet.map((a) => a.CidrBlock),
    "cidr-block-association.association-id": (v) => v.CidrBlockAssociationSet.map((a) => a.AssociationId),
    "cidr-block-association.state": (v) => v.CidrBlockAssociationSet.map((a) => a.CidrBlockState.State),
    "dhcp-options-id": (v) => v.DhcpOptionsId,
    "ipv6-cidr-block-association.ipv6-cidr-block": none,
    "ipv6-cidr-block-association.ipv6-pool": none,
    "ipv6-cidr-block-association.association-id": none,
    "ipv6-cidr-block-association.state": none,
    "is-default": (v) => v.IsDefault,
    "owner-id": (v) => v.OwnerId,
    state: (v) => v.State,
    "vpc-id": (v) => v.VpcId,
  };
  vpcs = applyFilters(vpcs, readFilters(input), spec, (v) => v.Tags);
  return page("Vpcs", pageOf("DescribeVpcs", vpcs.map(({ Tags, ...v }) => ({ ...v, ...withTags(Tags) })), input));
}

// ---------------------------------------------------------------------------------------------------------------

const RESERVED_ADDRESSES = EC2_FACTS.reservedAddressesPerSubnet;

/** Network interfaces in each subnet: task ENIs, interface endpoints' ENIs, NAT gateways' ENIs. */
function interfacesBySubnet(state: Ec2Sandbox): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (subnetId: string) => counts.set(subnetId, (counts.get(subnetId) ?? 0) + 1);
  for (const eni of listResources(state, "network-interface")) add(eni.SubnetId);
  for (const endpoint of listResources(state, "vpc-endpoint")) if (endpoint.State !== "deleted") endpoint.SubnetIds.forEach(add);
  for (const nat of listResources(state, "natgateway")) if (nat.State === "available" || nat.State === "pending") add(nat.SubnetId);
  return counts;
}

export function subnetOut(subnet: SubnetData, used: number): object {
  const bits = Number(subnet.CidrBlock.split("/")[1]);
  const { Tags, ...rest } = subnet;
  return { ...rest, AvailableIpAddressCount: Math.max(0, 2 ** (32 - bits) - RESERVED_ADDRESSES - used), ...withTags(Tags) };
}

export function describeSubnets(state: SandboxState, input: Input): object {
  const ids = strList(input, "SubnetIds") ?? [];
  const used = interfacesBySubnet(state);
  const available = (s: SubnetData) => 2 ** (32 - Number(s.CidrBlock.split("/")[1])) - RESERVED_ADDRESSES - (used.get(s.SubnetId) ?? 0);
  let subnets = selectByIds(listResources(state, "subnet"), ids, (s) => s.SubnetId, "subnet", subnetNotFound);
  const spec: FilterSpec<SubnetData> = {
    "availability-zone": (s) => s.AvailabilityZone,
    "availability-zone-id": (s) => s.AvailabilityZoneId,
    "available-ip-address-count": available,
    "cidr-block": (s) => s.CidrBlock,
    // Older names AWS still answers for the same filter.
    cidr: (s) => s.CidrBlock,
    cidrBlock: (s) => s.CidrBlock,
    "customer-owned-ipv4-pool": none,
    "default-for-az": (s) => s.DefaultForAz,
    defaultForAz: (s) => s.DefaultForAz,
    "enable-dns64": (s) => s.EnableDns64,
    "enable-lni-at-device-index": none,
    "ipv6-cidr-block-association.ipv6-cidr-block": none,
    "ipv6-cidr-block-association.association-id": none,
    "ipv6-cidr-block-association.state": none,
    "ipv6-native": (s) => s.Ipv6Native,
    "map-customer-owned-ip-on-launch": (s) => s.MapCustomerOwnedIpOnLaunch,
    "map-public-ip-on-launch": (s) => s.MapPublicIpOnLaunch,
    "outpost-arn": none,
    "owner-id": (s) => s.OwnerId,
    "private-dns-name-options-on-launch.hostname-type": (s) => s.PrivateDnsNameOptionsOnLaunch.HostnameType,
    "private-dns-name-options-on-launch.enable-resource-name-dns-a-record": (s) => s.PrivateDnsNameOptionsOnLaunch.EnableResourceNameDnsARecord,
    "private-dns-name-options-on-launch.enable-resource-name-dns-aaaa-record": (s) => s.PrivateDnsNameOptionsOnLaunch.EnableResourceNameDnsAAAARecord,
    state: (s) => s.State,
    "subnet-arn": (s) => s.SubnetArn,
    "subnet-id": (s) => s.SubnetId,
    "vpc-id": (s) => s.VpcId,
  };
  subnets = applyFilters(subnets, readFilters(input), spec, (s) => s.Tags);
  return page("Subnets", pageOf("DescribeSubnets", subnets.map((s) => subnetOut(s, used.get(s.SubnetId) ?? 0)), input));
}

// ---------------------------------------------------------------------------------------------------------------

/** A table's routes: its own, then one per gateway endpoint associated with it (S3's prefix list → vpce-…). */
export function routesOf(state: Ec2Sandbox, table: RouteTableData): RouteData[] {
  const endpointRoutes = listResources(state, "vpc-endpoint")
    .filter((e) => e.VpcEndpointType === "Gateway" && e.State === "available" && e.RouteTableIds.includes(table.RouteTableId))
    .map((e): RouteData => ({ DestinationPrefixListId: prefixListOfService(state, e.ServiceName), GatewayId: e.VpcEndpointId, Origin: "CreateRoute", State: "active" }));
  return [...table.Routes, ...endpointRoutes];
}

function prefixListOfService(state: Ec2Sandbox, serviceName: string): string {
  // Only S3's gateway endpoint is offered (vpc-endpoints.ts); DynamoDB's would have its own list.
  return serviceName.endsWith(".s3") ? s3PrefixListId(state.region) : s3PrefixListId(`${state.region}|${serviceName}`);
}

export function describeRouteTables(state: SandboxState, input: Input): object {
  const ids = strList(input, "RouteTableIds") ?? [];
  let tables = selectByIds(listResources(state, "route-table"), ids, (t) => t.RouteTableId, "routeTable", routeTableNotFound);
  const routes = (t: RouteTableData) => routesOf(state, t);
  const spec: FilterSpec<RouteTableData> = {
    "association.gateway-id": none,
    "association.route-table-association-id": (t) => t.Associations.map((a) => a.RouteTableAssociationId),
    "association.route-table-id": (t) => t.Associations.map((a) => a.RouteTableId),
    "association.subnet-id": (t) => t.Associations.map((a) => a.SubnetId),
    "association.main": (t) => t.Associations.some((a) => a.Main),
    "owner-id": (t) => t.OwnerId,
    "route-table-id": (t) => t.RouteTableId,
    "route.destination-cidr-block": (t) => routes(t).map((r) => r.DestinationCidrBlock),
    "route.destination-ipv6-cidr-block": none,
    "route.destination-prefix-list-id": (t) => routes(t).map((r) => r.DestinationPrefixListId),
    "route.egress-only-internet-gateway-id": none,
    "route.gateway-id": (t) => routes(t).map((r) => r.GatewayId),
    "route.instance-id": none,
    "route.nat-gateway-id": (t) => routes(t).map((r) => r.NatGatewayId),
    "route.transit-gateway-id": none,
    "route.origin": (t) => routes(t).map((r) => r.Origin),
    "route.state": (t) => routes(t).map((r) => r.State),
    "route.vpc-peering-connection-id": none,
    "vpc-id": (t) => t.VpcId,
  };
  tables = applyFilters(tables, readFilters(input), spec, (t) => t.Tags);
  // Route tables show their (possibly empty) tag list, as the EC2 CLI reference's examples do.
  const out = tables.map((t) => ({ ...t, Routes: routes(t) }));
  return page("RouteTables", pageOf("DescribeRouteTables", out, input));
}

// ---------------------------------------------------------------------------------------------------------------

export function describeInternetGateways(state: SandboxState, input: Input): object {
  const ids = strList(input, "InternetGatewayIds") ?? [];
  let gateways = selectByIds(listResources(state, "internet-gateway"), ids, (g) => g.InternetGatewayId, "internetGateway", internetGatewayNotFound);
  gateways = applyFilters(
    gateways,
    readFilters(input),
    {
      "attachment.state": (g) => g.Attachments.map((a) => a.State),
      "attachment.vpc-id": (g) => g.Attachments.map((a) => a.VpcId),
      "internet-gateway-id": (g) => g.InternetGatewayId,
      "owner-id": (g) => g.OwnerId,
    },
    (g) => g.Tags,
  );
  return page("InternetGateways", pageOf("DescribeInternetGateways", gateways.map(({ Tags, ...g }) => ({ ...g, ...withTags(Tags) })), input));
}

// ---------------------------------------------------------------------------------------------------------------

export function describeNatGateways(state: SandboxState, input: Input): object {
  const ids = strList(input, "NatGatewayIds") ?? [];
  let gateways = selectByIds(listResources(state, "natgateway"), ids, (g) => g.NatGatewayId, "natGateway", natGatewayNotFound);
  const spec: FilterSpec<NatGatewayData> = {
    "nat-gateway-id": (g) => g.NatGatewayId,
    state: (g) => g.State,
    "subnet-id": (g) => g.SubnetId,
    "vpc-id": (g) => g.VpcId,
  };
  gateways = applyFilters(gateways, readFilters(input, "Filter"), spec, (g) => g.Tags);
  return page("NatGateways", pageOf("DescribeNatGateways", gateways.map(({ Tags, ...g }) => ({ ...g, ...withTags(Tags) })), input));
}

// ---------------------------------------------------------------------------------------------------------------

export function describeVpcEndpoints(state: SandboxState, input: Input, nowMs: number): object {
  const ids = strList(input, "VpcEndpointIds") ?? [];
  const all = listResources(state, "vpc-endpoint").map((e) => endpointAt(e, nowMs));
  let endpoints = selectByIds(all, ids, (e) => e.VpcEndpointId, "vpcEndpoint", vpcEndpointNotFound);
  const spec: FilterSpec<VpcEndpointData> = {
    "ip-address-type": (e) => e.IpAddressType,
    "service-name": (e) => e.ServiceName,
    "service-region": () => state.region,
    "vpc-id": (e) => e.VpcId,
    "vpc-endpoint-id": (e) => e.VpcEndpointId,
    "vpc-endpoint-state": (e) => e.State,
    "vpc-endpoint-type": (e) => e.VpcEndpointType,
  };
  endpoints = applyFilters(endpoints, readFilters(input), spec, (e) => e.Tags);
  return page("VpcEndpoints", pageOf("DescribeVpcEndpoints", endpoints.map(vpcEndpointOut), input));
}

// ---------------------------------------------------------------------------------------------------------------

/** Every zone of the Region (not only the three the seeded network uses), as DescribeAvailabilityZones lists them. */
export function describeAvailabilityZones(state: SandboxState, input: Input): object {
  const names = strList(input, "ZoneNames") ?? [];
  const zoneIds = strList(input, "ZoneIds") ?? [];
  const region = state.region;
  let zones = regionZones(region).map((zone) => ({
    State: "available",
    OptInStatus: "opt-in-not-required",
    Messages: [] as never[],
    RegionName: region,
    ZoneName: zone.ZoneName,
    ZoneId: zone.ZoneId,
    // [inferred] The zone group was the Region's name until AWS introduced "<region>-zg-1" group names.
    GroupName: region,
    NetworkBorderGroup: region,
    ZoneType: "availability-zone",
  }));
  const unknownName = names.find((n) => !zones.some((z) => z.ZoneName === n));
  if (unknownName !== undefined) throw invalidZone(unknownName);
  const unknownId = zoneIds.find((id) => !zones.some((z) => z.ZoneId === id));
  if (unknownId !== undefined) throw invalidZoneId(unknownId);
  if (names.length > 0 || zoneIds.length > 0) zones = zones.filter((z) => names.includes(z.ZoneName) || zoneIds.includes(z.ZoneId));
  zones = applyFilters(zones, readFilters(input), {
    "group-long-name": none,
    "group-name": (z) => z.GroupName,
    message: none,
    "opt-in-status": (z) => z.OptInStatus,
    "parent-zone-id": none,
    "parent-zone-name": none,
    "region-name": (z) => z.RegionName,
    state: (z) => z.State,
    "zone-id": (z) => z.ZoneId,
    "zone-name": (z) => z.ZoneName,
    "zone-type": (z) => z.ZoneType,
  });
  return { AvailabilityZones: zones };
}

// ---------------------------------------------------------------------------------------------------------------

export function describeNetworkInterfaces(state: SandboxState, input: Input): object {
  const ids = strList(input, "NetworkInterfaceIds") ?? [];
  let interfaces = selectByIds(listResources(state, "network-interface"), ids, (n) => n.NetworkInterfaceId, "networkInterface", networkInterfaceNotFound);
  const groupName = (id: string) => findResource(state, "security-group", id)?.GroupName;
  const spec: FilterSpec<NetworkInterfaceData> = {
    "addresses.private-ip-address": (n) => n.PrivateIpAddresses.map((a) => a.PrivateIpAddress),
    "addresses.primary": (n) => n.PrivateIpAddresses.map((a) => a.Primary),
    "addresses.association.public-ip": (n) => n.PrivateIpAddresses.map((a) => a.Association?.PublicIp),
    "addresses.association.owner-id": (n) => n.PrivateIpAddresses.map((a) => a.Association?.IpOwnerId),
    "association.allocation-id": none,
    "association.association-id": none,
    "association.ip-owner-id": (n) => n.Association?.IpOwnerId,
    "association.public-ip": (n) => n.Association?.PublicIp,
    "association.public-dns-name": (n) => n.Association?.PublicDnsName,
    "attachment.attach-time": none,
    "attachment.attachment-id": (n) => n.Attachment?.AttachmentId,
    "attachment.delete-on-termination": (n) => n.Attachment?.DeleteOnTermination,
    "attachment.device-index": (n) => n.Attachment?.DeviceIndex,
    "attachment.instance-id": none,
    "attachment.instance-owner-id": (n) => n.Attachment?.InstanceOwnerId,
    "attachment.status": (n) => n.Attachment?.Status,
    "availability-zone": (n) => n.AvailabilityZone,
    "availability-zone-id": (n) => n.AvailabilityZoneId,
    description: (n) => n.Description,
    "group-id": (n) => n.Groups.map((g) => g.GroupId),
    "group-name": (n) => n.Groups.map((g) => g.GroupName ?? groupName(g.GroupId)),
    "ipv6-addresses.ipv6-address": none,
    "interface-type": (n) => n.InterfaceType,
    "mac-address": (n) => n.MacAddress,
    "network-interface-id": (n) => n.NetworkInterfaceId,
    "operator.managed": none,
    "operator.principal": none,
    "owner-id": (n) => n.OwnerId,
    "private-dns-name": (n) => n.PrivateDnsName,
    "private-ip-address": (n) => n.PrivateIpAddress,
    "requester-id": (n) => n.RequesterId,
    "requester-managed": (n) => n.RequesterManaged,
    "source-dest-check": (n) => n.SourceDestCheck,
    status: (n) => n.Status,
    "subnet-id": (n) => n.SubnetId,
    "vpc-id": (n) => n.VpcId,
  };
  interfaces = applyFilters(interfaces, readFilters(input), spec, (n) => n.TagSet);
  return page("NetworkInterfaces", pageOf("DescribeNetworkInterfaces", interfaces, input, { given: ids.length > 0, parameter: "networkInterfaceIds" }));
}
