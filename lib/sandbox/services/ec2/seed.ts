/**
 * The network every sandbox starts with (curriculum §3.1), built from the sandbox's seed, account and Region — never
 * stored. Laid out as the VPC console's "VPC and more" wizard lays out a project named "sbx": one VPC 10.0.0.0/16,
 * in each of the Region's first three Availability Zones a public subnet (10.0.0.0/20, 10.0.16.0/20, …) and a
 * private one (10.0.128.0/20, 10.0.144.0/20, …), one public route table (local + 0.0.0.0/0 → the internet gateway)
 * for the public subnets, one private route table per zone with only the local route (§3.1: "no default route unless
 * the exercise adds NAT/endpoints"; scenarios add a NAT gateway with addNatGateway, learners add endpoints), the VPC's
 * main route table (local only, no subnet uses it), an attached internet gateway, and the security groups `default`,
 * `sbx-alb` (§3.1's sg-alb: HTTP and HTTPS from anywhere) and `sbx-app` (sg-app: HTTP from sbx-alb). Group names
 * cannot start with "sg-" on AWS, hence sbx-.
 *
 * Why built on read rather than stored on the first call: a sandbox that never calls EC2 (most lessons) stores
 * nothing; a learner who changes one security group stores that one group; and the ids and shapes stay a function of
 * the seed, so they are the same in every test and every replay. resources.ts lays what was changed over this.
 */
import { hashHex } from "../../engine/ids";
import type {
  Ec2ResourceRecord,
  Ec2Tag,
  InternetGatewayData,
  RouteTableData,
  SecurityGroupData,
  SecurityGroupRuleRecord,
  SubnetData,
  VpcData,
} from "./state";
import { seededZones } from "./zones";

export interface SandboxIdentity {
  seed: string;
  accountId: string;
  region: string;
}

export const SEEDED_VPC_CIDR = "10.0.0.0/16";
export const PROJECT = "sbx";

/** The seeded groups' names: what lessons call sg-alb and sg-app. */
export const SEEDED_GROUP_NAMES = { alb: `${PROJECT}-alb`, app: `${PROJECT}-app` } as const;

export interface SeededNetwork {
  /** In the order Describe calls list them (VPC, subnets by zone, …). */
  records: readonly Ec2ResourceRecord[];
  byId: ReadonlyMap<string, Ec2ResourceRecord>;
  vpcId: string;
  publicSubnetIds: readonly string[];
  privateSubnetIds: readonly string[];
  publicRouteTableId: string;
  privateRouteTableIds: readonly string[];
  mainRouteTableId: string;
  internetGatewayId: string;
  groupIds: { default: string; alb: string; app: string };
}

/** A 17-hex-digit id of a seeded resource: the same for the same sandbox, different between accounts and Regions. */
export function seededId(identity: SandboxIdentity, prefix: string, purpose: string): string {
  return `${prefix}-${hashHex(`${identity.seed}|${identity.accountId}|${identity.region}|ec2-seed|${prefix}|${purpose}`, 17)}`;
}

const name = (value: string): Ec2Tag[] => [{ Key: "Name", Value: value }];

/** The public and private /20 blocks of the zone at `index` (the wizard's layout; room for 16 zones each). */
function subnetCidr(kind: "public" | "private", index: number): string {
  return `10.0.${(kind === "public" ? 0 : 128) + index * 16}.0/20`;
}

function buildNetwork(identity: SandboxIdentity): SeededNetwork {
  const id = (prefix: string, purpose: string) => seededId(identity, prefix, purpose);
  const { accountId: OwnerId, region } = identity;
  const VpcId = id("vpc", "vpc");
  const zones = seededZones(region);
  const records: Ec2ResourceRecord[] = [];
  const add = <K extends Ec2ResourceRecord["kind"]>(kind: K, resourceId: string, data: Ec2ResourceRecord<K>["data"]) =>
    records.push({ kind, id: resourceId, data } as Ec2ResourceRecord);

  const vpc: VpcData = {
    VpcId,
    OwnerId,
    CidrBlock: SEEDED_VPC_CIDR,
    CidrBlockAssociationSet: [{ AssociationId: id("vpc-cidr-assoc", "vpc-cidr"), CidrBlock: SEEDED_VPC_CIDR, CidrBlockState: { State: "associated" } }],
    DhcpOptionsId: id("dopt", "dhcp-options"),
    InstanceTenancy: "default",
    IsDefault: false,
    State: "available",
    BlockPublicAccessStates: { InternetGatewayBlockMode: "off" },
    Tags: name(`${PROJECT}-vpc`),
  };
  add("vpc", VpcId, vpc);

  const subnet = (kind: "public" | "private", index: number): SubnetData => {
    const zone = zones[index];
    const SubnetId = id("subnet", `${kind}-${index}`);
    return {
      SubnetId,
      SubnetArn: `arn:aws:ec2:${region}:${OwnerId}:subnet/${SubnetId}`,
      VpcId,
      OwnerId,
      AvailabilityZone: zone.ZoneName,
      AvailabilityZoneId: zone.ZoneId,
      CidrBlock: subnetCidr(kind, index),
      DefaultForAz: false,
      // As CreateSubnet leaves it: Fargate's public IP comes from assignPublicIp, never from this flag.
      MapPublicIpOnLaunch: false,
      MapCustomerOwnedIpOnLaunch: false,
      AssignIpv6AddressOnCreation: false,
      Ipv6CidrBlockAssociationSet: [],
      EnableDns64: false,
      Ipv6Native: false,
      PrivateDnsNameOptionsOnLaunch: { HostnameType: "ip-name", EnableResourceNameDnsARecord: false, EnableResourceNameDnsAAAARecord: false },
      BlockPublicAccessStates: { InternetGatewayBlockMode: "off" },
      State: "available",
      Tags: name(`${PROJECT}-subnet-${kind}${index + 1}-${zone.ZoneName}`),
    };
  };
  const publicSubnets = zones.map((_, i) => subnet("public", i));
  const privateSubnets = zones.map((_, i) => subnet("private", i));
  for (const s of [...publicSubnets, ...privateSubnets]) add("subnet", s.SubnetId, s);

  const internetGatewayId = id("igw", "igw");
  const igw: InternetGatewayData = {
    InternetGatewayId: internetGatewayId,
    OwnerId,
    Attachments: [{ State: "available", VpcId }],
    Tags: name(`${PROJECT}-igw`),
  };

  const localRoute = { DestinationCidrBlock: SEEDED_VPC_CIDR, GatewayId: "local", Origin: "CreateRouteTable", State: "active" };
  const association = (RouteTableId: string, purpose: string, SubnetId?: string) => ({
    Main: SubnetId === undefined,
    RouteTableAssociationId: id("rtbassoc", purpose),
    RouteTableId,
    ...(SubnetId === undefined ? {} : { SubnetId }),
    AssociationState: { State: "associated" },
  });
  const mainRouteTableId = id("rtb", "main");
  const publicRouteTableId = id("rtb", "public");
  const routeTables: RouteTableData[] = [
    {
      RouteTableId: mainRouteTableId,
      VpcId,
      OwnerId,
      Routes: [localRoute],
      Associations: [association(mainRouteTableId, "main")],
      PropagatingVgws: [],
      Tags: [],
    },
    {
      RouteTableId: publicRouteTableId,
      VpcId,
      OwnerId,
      Routes: [localRoute, { DestinationCidrBlock: "0.0.0.0/0", GatewayId: internetGatewayId, Origin: "CreateRoute", State: "active" }],
      Associations: publicSubnets.map((s, i) => association(publicRouteTableId, `public-${i}`, s.SubnetId)),
      PropagatingVgws: [],
      Tags: name(`${PROJECT}-rtb-public`),
    },
    ...privateSubnets.map((s, i): RouteTableData => {
      const RouteTableId = id("rtb", `private-${i}`);
      return {
        RouteTableId,
        VpcId,
        OwnerId,
        Routes: [localRoute],
        Associations: [association(RouteTableId, `private-${i}`, s.SubnetId)],
        PropagatingVgws: [],
        Tags: name(`${PROJECT}-rtb-private${i + 1}-${s.AvailabilityZone}`),
      };
    }),
  ];
  for (const table of routeTables) add("route-table", table.RouteTableId, table);
  add("internet-gateway", internetGatewayId, igw);

  const groupIds = { default: id("sg", "default"), alb: id("sg", "alb"), app: id("sg", "app") };
  const allOut = (group: string): SecurityGroupRuleRecord => ({ id: id("sgr", `${group}-egress`), egress: true, protocol: "-1", cidrIpv4: "0.0.0.0/0" });
  const groups: SecurityGroupData[] = [
    {
      GroupId: groupIds.default,
      GroupName: "default",
      Description: "default VPC security group",
      VpcId,
      OwnerId,
      Tags: [],
      rules: [
        { id: id("sgr", "default-self"), egress: false, protocol: "-1", groupId: groupIds.default, groupOwnerId: OwnerId },
        allOut("default"),
      ],
    },
    {
      GroupId: groupIds.alb,
      GroupName: SEEDED_GROUP_NAMES.alb,
      Description: "Load balancer: HTTP and HTTPS from anywhere",
      VpcId,
      OwnerId,
      Tags: name(SEEDED_GROUP_NAMES.alb),
      rules: [
        { id: id("sgr", "alb-http"), egress: false, protocol: "tcp", fromPort: 80, toPort: 80, cidrIpv4: "0.0.0.0/0" },
        { id: id("sgr", "alb-https"), egress: false, protocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: "0.0.0.0/0" },
        allOut("alb"),
      ],
    },
    {
      GroupId: groupIds.app,
      GroupName: SEEDED_GROUP_NAMES.app,
      Description: "ECS tasks: HTTP from the load balancer",
      VpcId,
      OwnerId,
      Tags: name(SEEDED_GROUP_NAMES.app),
      rules: [
        { id: id("sgr", "app-http"), egress: false, protocol: "tcp", fromPort: 80, toPort: 80, groupId: groupIds.alb, groupOwnerId: OwnerId },
        allOut("app"),
      ],
    },
  ];
  for (const group of groups) add("security-group", group.GroupId, group);

  deepFreeze(records);
  return {
    records,
    byId: new Map(records.map((record) => [record.id, record])),
    vpcId: VpcId,
    publicSubnetIds: publicSubnets.map((s) => s.SubnetId),
    privateSubnetIds: privateSubnets.map((s) => s.SubnetId),
    publicRouteTableId,
    privateRouteTableIds: routeTables.slice(2).map((t) => t.RouteTableId),
    mainRouteTableId,
    internetGatewayId,
    groupIds,
  };
}

function deepFreeze(value: unknown): void {
  if (value === null || typeof value !== "object" || Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const member of Object.values(value)) deepFreeze(member);
}

/**
 * Built networks, by sandbox: building one costs a few dozen hashes, and every EC2 call reads it. Bounded (the
 * oldest entry goes first); entries are frozen, so sharing them between calls is safe.
 */
const BUILT = new Map<string, SeededNetwork>();
const BUILT_KEPT = 256;

export function seededNetwork(identity: SandboxIdentity): SeededNetwork {
  const key = `${identity.seed}|${identity.accountId}|${identity.region}`;
  let network = BUILT.get(key);
  if (!network) {
    network = buildNetwork(identity);
    if (BUILT.size >= BUILT_KEPT) BUILT.delete(BUILT.keys().next().value as string);
    BUILT.set(key, network);
  }
  return network;
}
