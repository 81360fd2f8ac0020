/**
 * The EC2 (VPC) provider, driven through its operations as the gateway runs them: the seeded network of curriculum
 * §3.1 (shape, determinism, nothing stored until changed), Describe filters and ids, pagination, security groups and
 * their rules (authorize/revoke semantics, AWS's error texts, refused calls change nothing), VPC endpoints, the ENIs
 * ECS records, and what a task in a subnet can reach (network.ts, for the ECS integration).
 */
import { describe, expect, test } from "vitest";
import { createSandboxState, EcsError, NEW_ACCOUNT, type SandboxState } from "@/lib/sandbox/engine";
import { runOperation } from "@/lib/sandbox/engine/simulation";
import { transition } from "@/lib/sandbox/engine/transition";
import { changedDocuments, EMPTY_INDEX, stateOfDocuments } from "@/lib/sandbox/state-documents";
import { ec2Provider } from "@/lib/sandbox/services/ec2";
import {
  addNatGateway,
  addVpcEndpoint,
  forgetTaskNetworkInterface,
  missingSecurityGroup,
  missingSubnet,
  reachability,
  recordTaskNetworkInterface,
  routeTableOfSubnet,
  sandboxNetwork,
  securityGroupsExist,
  securityGroupsInVpc,
  subnetById,
  subnetsShareVpc,
} from "@/lib/sandbox/services/ec2/network";
import { EC2_QUOTAS } from "@/lib/sandbox/services/ec2/quotas";
import { canonicalIpv4Cidr, cidrContains, normalizeProtocol } from "@/lib/sandbox/services/ec2/security-groups";
import { regionCode, regionZones, seededZones } from "@/lib/sandbox/services/ec2/zones";

const ACCOUNT = "123456789012";
const REGION = "ap-northeast-1";
const T0 = Date.UTC(2026, 0, 1);
const HEX17 = /^[a-z-]+-[0-9a-f]{17}$/;

/* eslint-disable @typescript-eslint/no-explicit-any */

/** One learner's sandbox in one Region; EC2 calls at explicit simulated seconds after T0. */
class Ec2 {
  state: SandboxState;
  now = 0;

  constructor(options: { account?: string; region?: string; seed?: string } = {}) {
    this.state = createSandboxState(options.account ?? ACCOUNT, options.region ?? REGION, options.seed);
    this.state.clock = { simMs: T0, wallMs: T0 };
  }

  call(operation: string, input: object = {}, atSeconds = this.now): any {
    this.now = atSeconds;
    const handler = ec2Provider.operations[operation];
    if (!handler) throw new Error(`no ${operation}`);
    const { state, output } = runOperation(this.state, handler, input, T0 + atSeconds * 1000, NEW_ACCOUNT);
    if (!handler.readOnly) this.state = state;
    return output;
  }

  /** The error a call fails with; the state must be the very same object afterwards (a refused call changes nothing). */
  error(operation: string, input: object = {}): EcsError {
    const before = this.state;
    try {
      this.call(operation, input);
    } catch (error) {
      expect(error).toBeInstanceOf(EcsError);
      expect(this.state).toBe(before);
      return error as EcsError;
    }
    throw new Error(`${operation} did not fail`);
  }

  /** Runs `step` on a draft of the state, as the ECS engine and scenarios do. */
  change<T>(step: (draft: SandboxState) => T): T {
    const { state, output } = transition(this.state, step);
    this.state = state;
    return output;
  }

  get net() {
    return sandboxNetwork(this.state);
  }

  group(id: string): any {
    return this.call("DescribeSecurityGroups", { GroupIds: [id] }).SecurityGroups[0];
  }
}

const expectError = (error: EcsError, type: string, message: string) => expect({ type: error.type, message: error.message }).toEqual({ type, message });

// ---------------------------------------------------------------------------------------------------------------

describe("the seeded network (curriculum §3.1)", () => {
  test("one VPC 10.0.0.0/16, not the default VPC, named sbx-vpc", () => {
    const ec2 = new Ec2();
    const { Vpcs } = ec2.call("DescribeVpcs");
    expect(Vpcs).toHaveLength(1);
    expect(Vpcs[0]).toMatchObject({
      VpcId: ec2.net.vpcId,
      OwnerId: ACCOUNT,
      CidrBlock: "10.0.0.0/16",
      IsDefault: false,
      State: "available",
      InstanceTenancy: "default",
      Tags: [{ Key: "Name", Value: "sbx-vpc" }],
    });
    expect(Vpcs[0].CidrBlockAssociationSet).toEqual([{ AssociationId: expect.stringMatching(HEX17), CidrBlock: "10.0.0.0/16", CidrBlockState: { State: "associated" } }]);
  });

  test("a public and a private /20 in each of the Region's first three zones (ap-northeast-1a/c/d)", () => {
    const ec2 = new Ec2();
    const { Subnets } = ec2.call("DescribeSubnets");
    expect(Subnets.map((s: any) => [s.AvailabilityZone, s.AvailabilityZoneId, s.CidrBlock, s.Tags[0].Value, s.AvailableIpAddressCount])).toEqual([
      ["ap-northeast-1a", "apne1-az4", "10.0.0.0/20", "sbx-subnet-public1-ap-northeast-1a", 4091],
      ["ap-northeast-1c", "apne1-az1", "10.0.16.0/20", "sbx-subnet-public2-ap-northeast-1c", 4091],
      ["ap-northeast-1d", "apne1-az2", "10.0.32.0/20", "sbx-subnet-public3-ap-northeast-1d", 4091],
      ["ap-northeast-1a", "apne1-az4", "10.0.128.0/20", "sbx-subnet-private1-ap-northeast-1a", 4091],
      ["ap-northeast-1c", "apne1-az1", "10.0.144.0/20", "sbx-subnet-private2-ap-northeast-1c", 4091],
      ["ap-northeast-1d", "apne1-az2", "10.0.160.0/20", "sbx-subnet-private3-ap-northeast-1d", 4091],
    ]);
    for (const s of Subnets) {
      expect(s).toMatchObject({ VpcId: ec2.net.vpcId, State: "available", DefaultForAz: false, MapPublicIpOnLaunch: false, OwnerId: ACCOUNT });
      expect(s.SubnetArn).toBe(`arn:aws:ec2:${REGION}:${ACCOUNT}:subnet/${s.SubnetId}`);
    }
  });

  test("public subnets route 0.0.0.0/0 to the attached internet gateway; private ones have only the local route", () => {
    const ec2 = new Ec2();
    const { RouteTables } = ec2.call("DescribeRouteTables");
    expect(RouteTables).toHaveLength(5);
    const byId = new Map(RouteTables.map((t: any) => [t.RouteTableId, t]));
    const local = { DestinationCidrBlock: "10.0.0.0/16", GatewayId: "local", Origin: "CreateRouteTable", State: "active" };
    const pub: any = byId.get(ec2.net.publicRouteTableId);
    expect(pub.Routes).toEqual([local, { DestinationCidrBlock: "0.0.0.0/0", GatewayId: ec2.net.internetGatewayId, Origin: "CreateRoute", State: "active" }]);
    expect(pub.Associations.map((a: any) => a.SubnetId)).toEqual(ec2.net.publicSubnetIds);
    ec2.net.privateRouteTableIds.forEach((id, i) => {
      const table: any = byId.get(id);
      expect(table.Routes).toEqual([local]);
      expect(table.Associations).toEqual([
        { Main: false, RouteTableAssociationId: expect.stringMatching(HEX17), RouteTableId: id, SubnetId: ec2.net.privateSubnetIds[i], AssociationState: { State: "associated" } },
      ]);
    });
    const main = RouteTables.find((t: any) => t.Associations.some((a: any) => a.Main));
    expect(main.Routes).toEqual([local]);
    expect(main.Associations).toHaveLength(1);
    expect(ec2.call("DescribeInternetGateways").InternetGateways).toEqual([
      { InternetGatewayId: ec2.net.internetGatewayId, OwnerId: ACCOUNT, Attachments: [{ State: "available", VpcId: ec2.net.vpcId }], Tags: [{ Key: "Name", Value: "sbx-igw" }] },
    ]);
    expect(ec2.call("DescribeNatGateways").NatGateways).toEqual([]);
    expect(ec2.call("DescribeVpcEndpoints").VpcEndpoints).toEqual([]);
    expect(ec2.call("DescribeNetworkInterfaces").NetworkInterfaces).toEqual([]);
  });

  test("security groups default, sbx-alb (80/443 from anywhere) and sbx-app (80 from sbx-alb)", () => {
    const ec2 = new Ec2();
    const { SecurityGroups } = ec2.call("DescribeSecurityGroups");
    const { default: def, alb, app } = ec2.net.securityGroupIds;
    expect(SecurityGroups.map((g: any) => g.GroupName)).toEqual(["default", "sbx-alb", "sbx-app"]);
    const allOut = [{ IpProtocol: "-1", IpRanges: [{ CidrIp: "0.0.0.0/0" }], Ipv6Ranges: [], PrefixListIds: [], UserIdGroupPairs: [] }];
    expect(SecurityGroups[0]).toEqual({
      GroupId: def,
      GroupName: "default",
      Description: "default VPC security group",
      IpPermissions: [{ IpProtocol: "-1", IpRanges: [], Ipv6Ranges: [], PrefixListIds: [], UserIdGroupPairs: [{ GroupId: def, UserId: ACCOUNT }] }],
      IpPermissionsEgress: allOut,
      OwnerId: ACCOUNT,
      VpcId: ec2.net.vpcId,
      SecurityGroupArn: `arn:aws:ec2:${REGION}:${ACCOUNT}:security-group/${def}`,
    });
    expect(SecurityGroups[1].IpPermissions).toEqual([
      { IpProtocol: "tcp", FromPort: 80, ToPort: 80, IpRanges: [{ CidrIp: "0.0.0.0/0" }], Ipv6Ranges: [], PrefixListIds: [], UserIdGroupPairs: [] },
      { IpProtocol: "tcp", FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: "0.0.0.0/0" }], Ipv6Ranges: [], PrefixListIds: [], UserIdGroupPairs: [] },
    ]);
    expect(SecurityGroups[1].GroupId).toBe(alb);
    expect(SecurityGroups[2].GroupId).toBe(app);
    expect(SecurityGroups[2].IpPermissions).toEqual([
      { IpProtocol: "tcp", FromPort: 80, ToPort: 80, IpRanges: [], Ipv6Ranges: [], PrefixListIds: [], UserIdGroupPairs: [{ GroupId: alb, UserId: ACCOUNT }] },
    ]);
    expect(SecurityGroups[2].IpPermissionsEgress).toEqual(allOut);
  });

  test("exists from the first call and is not stored; a change stores only the resource it changes", () => {
    const ec2 = new Ec2();
    ec2.call("DescribeSubnets");
    ec2.call("DescribeSecurityGroups");
    expect(ec2.state.ec2Resources).toEqual({});
    ec2.call("AuthorizeSecurityGroupIngress", { GroupId: ec2.net.securityGroupIds.app, IpPermissions: [{ IpProtocol: "tcp", FromPort: 8080, ToPort: 8080, IpRanges: [{ CidrIp: "10.0.0.0/16" }] }] });
    expect(Object.keys(ec2.state.ec2Resources)).toEqual([ec2.net.securityGroupIds.app]);
    // The other seeded resources still come from the seed, unchanged.
    expect(ec2.call("DescribeSecurityGroups").SecurityGroups.map((g: any) => g.GroupName)).toEqual(["default", "sbx-alb", "sbx-app"]);
  });

  test("what was changed survives the store: one document per changed resource, tombstones included", () => {
    const ec2 = new Ec2();
    const initial = changedDocuments(null, EMPTY_INDEX, ec2.state);
    expect(initial.documents.map((d) => d.key)).toEqual(["meta"]);
    const before = ec2.state;
    ec2.call("DeleteSecurityGroup", { GroupId: ec2.net.securityGroupIds.app });
    const web = ec2.call("CreateSecurityGroup", { GroupName: "web", Description: "x", VpcId: ec2.net.vpcId }).GroupId;
    const { documents } = changedDocuments(before, initial.index, ec2.state);
    expect(documents.map((d) => d.key).sort()).toEqual(["meta", `ec2Resources/${ec2.net.securityGroupIds.app}`, `ec2Resources/${web}`].sort());
    const reloaded = stateOfDocuments([...initial.documents, ...documents]).state;
    const describe = (state: SandboxState) => runOperation(state, ec2Provider.operations.DescribeSecurityGroups, {}, T0, NEW_ACCOUNT).output;
    expect(describe(reloaded)).toEqual(describe(ec2.state));
    expect((describe(reloaded) as any).SecurityGroups.map((g: any) => g.GroupName)).toEqual(["default", "sbx-alb", "web"]);
  });

  test("ids are 17 hex digits, unique, the same for the same sandbox and different for another account or Region", () => {
    const ids = (ec2: Ec2) => [
      ...ec2.call("DescribeVpcs").Vpcs.map((v: any) => v.VpcId),
      ...ec2.call("DescribeSubnets").Subnets.map((s: any) => s.SubnetId),
      ...ec2.call("DescribeRouteTables").RouteTables.flatMap((t: any) => [t.RouteTableId, ...t.Associations.map((a: any) => a.RouteTableAssociationId)]),
      ...ec2.call("DescribeInternetGateways").InternetGateways.map((g: any) => g.InternetGatewayId),
      ...ec2.call("DescribeSecurityGroups").SecurityGroups.map((g: any) => g.GroupId),
    ];
    const first = ids(new Ec2());
    expect(first).toHaveLength(1 + 6 + 5 + 7 + 1 + 3);
    for (const id of first) expect(id).toMatch(HEX17);
    expect(new Set(first.map((id) => id.slice(id.lastIndexOf("-") + 1))).size).toBe(first.length);
    expect(ids(new Ec2())).toEqual(first);
    const other = ids(new Ec2({ account: "210987654321" }));
    expect(other.filter((id) => first.includes(id))).toEqual([]);
    expect(ids(new Ec2({ region: "us-east-1" })).filter((id) => first.includes(id))).toEqual([]);
    expect(ids(new Ec2({ seed: "another-seed" })).filter((id) => first.includes(id))).toEqual([]);
  });

  test("us-east-1 spans us-east-1a/b/c; DescribeAvailabilityZones lists every zone of the Region", () => {
    const ec2 = new Ec2({ region: "us-east-1" });
    expect([...new Set(ec2.call("DescribeSubnets").Subnets.map((s: any) => s.AvailabilityZone))]).toEqual(["us-east-1a", "us-east-1b", "us-east-1c"]);
    const zones = ec2.call("DescribeAvailabilityZones").AvailabilityZones;
    expect(zones.map((z: any) => [z.ZoneName, z.ZoneId])).toEqual(["a", "b", "c", "d", "e", "f"].map((l, i) => [`us-east-1${l}`, `use1-az${i + 1}`]));
    expect(zones[0]).toEqual({
      State: "available",
      OptInStatus: "opt-in-not-required",
      Messages: [],
      RegionName: "us-east-1",
      ZoneName: "us-east-1a",
      ZoneId: "use1-az1",
      GroupName: "us-east-1",
      NetworkBorderGroup: "us-east-1",
      ZoneType: "availability-zone",
    });
    expect(new Ec2().call("DescribeAvailabilityZones").AvailabilityZones.map((z: any) => z.ZoneName)).toEqual(["ap-northeast-1a", "ap-northeast-1c", "ap-northeast-1d"]);
  });

  test("zones of any Region are derived deterministically", () => {
    expect(["ap-northeast-1", "us-east-1", "eu-central-1", "ap-southeast-2", "us-gov-west-1", "ap-south-1"].map(regionCode)).toEqual([
      "apne1",
      "use1",
      "euc1",
      "apse2",
      "usgw1",
      "aps1",
    ]);
    expect(seededZones("eu-west-3")).toEqual([
      { ZoneName: "eu-west-3a", ZoneId: "euw3-az1" },
      { ZoneName: "eu-west-3b", ZoneId: "euw3-az2" },
      { ZoneName: "eu-west-3c", ZoneId: "euw3-az3" },
    ]);
    expect(regionZones("us-west-1").map((z) => z.ZoneName)).toEqual(["us-west-1b", "us-west-1c"]);
  });
});

// ---------------------------------------------------------------------------------------------------------------

describe("Describe filters", () => {
  const names = (items: any[]) => items.map((i) => (i.Tags ?? []).find((t: any) => t.Key === "Name")?.Value ?? i.GroupName);

  test("vpc-id, is-default and cidr on DescribeVpcs", () => {
    const ec2 = new Ec2();
    expect(ec2.call("DescribeVpcs", { Filters: [{ Name: "vpc-id", Values: [ec2.net.vpcId] }] }).Vpcs).toHaveLength(1);
    expect(ec2.call("DescribeVpcs", { Filters: [{ Name: "is-default", Values: ["true"] }] }).Vpcs).toEqual([]);
    expect(ec2.call("DescribeVpcs", { Filters: [{ Name: "cidr", Values: ["10.0.*"] }] }).Vpcs).toHaveLength(1);
  });

  test("availability-zone, and several values of one filter match any of them (OR)", () => {
    const ec2 = new Ec2();
    const one = ec2.call("DescribeSubnets", { Filters: [{ Name: "availability-zone", Values: ["ap-northeast-1c"] }] }).Subnets;
    expect(names(one)).toEqual(["sbx-subnet-public2-ap-northeast-1c", "sbx-subnet-private2-ap-northeast-1c"]);
    const two = ec2.call("DescribeSubnets", { Filters: [{ Name: "availability-zone", Values: ["ap-northeast-1a", "ap-northeast-1d"] }] }).Subnets;
    expect(two).toHaveLength(4);
  });

  test("tag:Name with a wildcard, and several filters must all match (AND)", () => {
    const ec2 = new Ec2();
    const privates = ec2.call("DescribeSubnets", { Filters: [{ Name: "tag:Name", Values: ["*private*"] }] }).Subnets;
    expect(privates.map((s: any) => s.SubnetId)).toEqual(ec2.net.privateSubnetIds);
    const both = ec2.call("DescribeSubnets", {
      Filters: [
        { Name: "tag:Name", Values: ["*private*"] },
        { Name: "availability-zone-id", Values: ["apne1-az2"] },
      ],
    }).Subnets;
    expect(names(both)).toEqual(["sbx-subnet-private3-ap-northeast-1d"]);
    expect(ec2.call("DescribeSubnets", { Filters: [{ Name: "tag:Name", Values: ["sbx-subnet-public?-ap-northeast-1a"] }] }).Subnets).toHaveLength(1);
  });

  test("filter values are case-sensitive, and \\* matches a literal star", () => {
    const ec2 = new Ec2();
    expect(ec2.call("DescribeSubnets", { Filters: [{ Name: "tag:Name", Values: ["*PRIVATE*"] }] }).Subnets).toEqual([]);
    expect(ec2.call("DescribeSubnets", { Filters: [{ Name: "tag:Name", Values: ["sbx\\*"] }] }).Subnets).toEqual([]);
  });

  test("vpc-id and cidr-block on DescribeSubnets; map-public-ip-on-launch and available-ip-address-count", () => {
    const ec2 = new Ec2();
    expect(ec2.call("DescribeSubnets", { Filters: [{ Name: "vpc-id", Values: [ec2.net.vpcId] }] }).Subnets).toHaveLength(6);
    expect(ec2.call("DescribeSubnets", { Filters: [{ Name: "vpc-id", Values: ["vpc-00000000000000000"] }] }).Subnets).toEqual([]);
    expect(names(ec2.call("DescribeSubnets", { Filters: [{ Name: "cidr-block", Values: ["10.0.128.0/20"] }] }).Subnets)).toEqual(["sbx-subnet-private1-ap-northeast-1a"]);
    expect(ec2.call("DescribeSubnets", { Filters: [{ Name: "map-public-ip-on-launch", Values: ["false"] }] }).Subnets).toHaveLength(6);
    expect(ec2.call("DescribeSubnets", { Filters: [{ Name: "available-ip-address-count", Values: ["4091"] }] }).Subnets).toHaveLength(6);
  });

  test("tag-key", () => {
    const ec2 = new Ec2();
    expect(ec2.call("DescribeSecurityGroups", { Filters: [{ Name: "tag-key", Values: ["Name"] }] }).SecurityGroups.map((g: any) => g.GroupName)).toEqual(["sbx-alb", "sbx-app"]);
  });

  test("group-name, group-id and description on DescribeSecurityGroups", () => {
    const ec2 = new Ec2();
    expect(ec2.call("DescribeSecurityGroups", { Filters: [{ Name: "group-name", Values: ["sbx-app"] }] }).SecurityGroups.map((g: any) => g.GroupId)).toEqual([
      ec2.net.securityGroupIds.app,
    ]);
    expect(ec2.call("DescribeSecurityGroups", { Filters: [{ Name: "group-id", Values: [ec2.net.securityGroupIds.alb] }] }).SecurityGroups).toHaveLength(1);
    expect(ec2.call("DescribeSecurityGroups", { Filters: [{ Name: "description", Values: ["*load balancer*"] }] }).SecurityGroups.map((g: any) => g.GroupName)).toEqual([
      "sbx-app",
    ]);
  });

  test("ip-permission.* on the inbound rules, egress.ip-permission.* on the outbound ones", () => {
    const ec2 = new Ec2();
    const groups = (filters: object[]) => ec2.call("DescribeSecurityGroups", { Filters: filters }).SecurityGroups.map((g: any) => g.GroupName);
    expect(groups([{ Name: "ip-permission.from-port", Values: ["443"] }])).toEqual(["sbx-alb"]);
    expect(groups([{ Name: "ip-permission.group-id", Values: [ec2.net.securityGroupIds.alb] }])).toEqual(["sbx-app"]);
    expect(groups([{ Name: "ip-permission.group-name", Values: ["sbx-alb"] }])).toEqual(["sbx-app"]);
    expect(groups([{ Name: "ip-permission.cidr", Values: ["0.0.0.0/0"] }])).toEqual(["sbx-alb"]);
    expect(groups([{ Name: "ip-permission.protocol", Values: ["-1"] }])).toEqual(["default"]);
    expect(groups([{ Name: "egress.ip-permission.cidr", Values: ["0.0.0.0/0"] }])).toEqual(["default", "sbx-alb", "sbx-app"]);
  });

  test("route tables by association.subnet-id, route.gateway-id and association.main", () => {
    const ec2 = new Ec2();
    const tables = (filters: object[]) => ec2.call("DescribeRouteTables", { Filters: filters }).RouteTables.map((t: any) => t.RouteTableId);
    expect(tables([{ Name: "association.subnet-id", Values: [ec2.net.privateSubnetIds[1]] }])).toEqual([ec2.net.privateRouteTableIds[1]]);
    expect(tables([{ Name: "route.gateway-id", Values: ["igw-*"] }])).toEqual([ec2.net.publicRouteTableId]);
    expect(tables([{ Name: "association.main", Values: ["true"] }])).toHaveLength(1);
  });

  test("internet gateways by attachment.vpc-id; zones by zone-name", () => {
    const ec2 = new Ec2();
    expect(ec2.call("DescribeInternetGateways", { Filters: [{ Name: "attachment.vpc-id", Values: [ec2.net.vpcId] }] }).InternetGateways).toHaveLength(1);
    expect(ec2.call("DescribeAvailabilityZones", { Filters: [{ Name: "zone-name", Values: ["*1d"] }] }).AvailabilityZones.map((z: any) => z.ZoneId)).toEqual(["apne1-az2"]);
  });

  test("an unknown filter name fails the call with AWS's text", () => {
    const ec2 = new Ec2();
    expectError(ec2.error("DescribeSubnets", { Filters: [{ Name: "zone", Values: ["a"] }] }), "InvalidParameterValue", "The filter 'zone' is invalid");
    expectError(ec2.error("DescribeSecurityGroups", { Filters: [{ Name: "group_name", Values: ["a"] }] }), "InvalidParameterValue", "The filter 'group_name' is invalid");
  });

  test("too many filter values", () => {
    const values = Array.from({ length: EC2_QUOTAS.filterValuesPerRequest + 1 }, (_, i) => `v${i}`);
    expect(new Ec2().error("DescribeVpcs", { Filters: [{ Name: "vpc-id", Values: values }] }).type).toBe("FilterLimitExceeded");
  });
});

// ---------------------------------------------------------------------------------------------------------------

describe("ids and pagination", () => {
  test("an unknown id fails with the kind's NotFound error, a misshapen one with its Malformed error", () => {
    const ec2 = new Ec2();
    expectError(ec2.error("DescribeSubnets", { SubnetIds: ["subnet-0123456789abcdef0"] }), "InvalidSubnetID.NotFound", "The subnet ID 'subnet-0123456789abcdef0' does not exist");
    expectError(ec2.error("DescribeSubnets", { SubnetIds: ["subnet-xyz"] }), "InvalidSubnetID.Malformed", 'Invalid id: "subnet-xyz" (expecting "subnet-...")');
    expectError(ec2.error("DescribeVpcs", { VpcIds: ["vpc-12345678"] }), "InvalidVpcID.NotFound", "The vpc ID 'vpc-12345678' does not exist");
    expectError(ec2.error("DescribeSecurityGroups", { GroupIds: ["sg-12345678"] }), "InvalidGroup.NotFound", "The security group 'sg-12345678' does not exist");
    expectError(ec2.error("DescribeSecurityGroups", { GroupIds: ["web"] }), "InvalidGroupId.Malformed", 'Invalid id: "web" (expecting "sg-...")');
    expectError(ec2.error("DescribeRouteTables", { RouteTableIds: ["rtb-12345678"] }), "InvalidRouteTableID.NotFound", "The routeTable ID 'rtb-12345678' does not exist");
    expectError(ec2.error("DescribeInternetGateways", { InternetGatewayIds: ["igw-12345678"] }), "InvalidInternetGatewayID.NotFound", "The internetGateway ID 'igw-12345678' does not exist");
    expect(ec2.error("DescribeNatGateways", { NatGatewayIds: ["nat-12345678"] }).type).toBe("NatGatewayNotFound");
    expect(ec2.error("DescribeVpcEndpoints", { VpcEndpointIds: ["vpce-12345678"] }).type).toBe("InvalidVpcEndpointId.NotFound");
    expectError(
      ec2.error("DescribeNetworkInterfaces", { NetworkInterfaceIds: ["eni-12345678"] }),
      "InvalidNetworkInterfaceID.NotFound",
      "The networkInterface ID 'eni-12345678' does not exist",
    );
    expectError(ec2.error("DescribeAvailabilityZones", { ZoneNames: ["ap-northeast-1b"] }), "InvalidParameterValue", "Invalid availability zone: [ap-northeast-1b]");
  });

  test("ids select, in the Region's order", () => {
    const ec2 = new Ec2();
    const [a, , c] = ec2.net.privateSubnetIds;
    expect(ec2.call("DescribeSubnets", { SubnetIds: [c, a] }).Subnets.map((s: any) => s.SubnetId)).toEqual([a, c]);
  });

  test("GroupNames work only in a default VPC, which the sandbox has not", () => {
    expectError(new Ec2().error("DescribeSecurityGroups", { GroupNames: ["sbx-app"] }), "VPCIdNotSpecified", "No default VPC for this user");
  });

  test("MaxResults pages and NextToken continues; without MaxResults everything comes at once", () => {
    const ec2 = new Ec2();
    const first = ec2.call("DescribeSubnets", { MaxResults: 5 });
    expect(first.Subnets).toHaveLength(5);
    expect(typeof first.NextToken).toBe("string");
    const second = ec2.call("DescribeSubnets", { MaxResults: 5, NextToken: first.NextToken });
    expect(second.Subnets).toHaveLength(1);
    expect(second.NextToken).toBeUndefined();
    expect([...first.Subnets, ...second.Subnets]).toEqual(ec2.call("DescribeSubnets").Subnets);
    expect(ec2.call("DescribeSubnets").NextToken).toBeUndefined();
  });

  test("MaxResults out of range, with an id list, and a foreign token are refused", () => {
    const ec2 = new Ec2();
    expectError(ec2.error("DescribeSubnets", { MaxResults: 2 }), "InvalidParameterValue", "Value ( 2 ) for parameter maxResults is invalid. Parameter must be between 5 and 1000.");
    expectError(ec2.error("DescribeRouteTables", { MaxResults: 101 }), "InvalidParameterValue", "Value ( 101 ) for parameter maxResults is invalid. Parameter must be between 5 and 100.");
    expectError(
      ec2.error("DescribeSecurityGroups", { GroupIds: [ec2.net.securityGroupIds.app], MaxResults: 5 }),
      "InvalidParameterCombination",
      "The parameter groupIds cannot be used with the parameter maxResults",
    );
    const token = ec2.call("DescribeSubnets", { MaxResults: 5 }).NextToken;
    expect(ec2.error("DescribeVpcs", { NextToken: token }).type).toBe("InvalidPaginationToken");
    expect(ec2.error("DescribeVpcs", { NextToken: "garbage" }).type).toBe("InvalidPaginationToken");
  });
});

// ---------------------------------------------------------------------------------------------------------------

describe("security groups", () => {
  const create = (ec2: Ec2, name = "web", extra: object = {}) => ec2.call("CreateSecurityGroup", { GroupName: name, Description: "web tier", VpcId: ec2.net.vpcId, ...extra });

  test("CreateSecurityGroup answers the id and ARN; the group allows all outbound traffic and nothing inbound", () => {
    const ec2 = new Ec2();
    const out = create(ec2, "web", { TagSpecifications: [{ ResourceType: "security-group", Tags: [{ Key: "team", Value: "a" }] }] });
    expect(out).toEqual({
      GroupId: expect.stringMatching(/^sg-[0-9a-f]{17}$/),
      SecurityGroupArn: `arn:aws:ec2:${REGION}:${ACCOUNT}:security-group/${out.GroupId}`,
      Tags: [{ Key: "team", Value: "a" }],
    });
    expect(ec2.group(out.GroupId)).toMatchObject({
      GroupName: "web",
      Description: "web tier",
      VpcId: ec2.net.vpcId,
      IpPermissions: [],
      IpPermissionsEgress: [{ IpProtocol: "-1", IpRanges: [{ CidrIp: "0.0.0.0/0" }], Ipv6Ranges: [], PrefixListIds: [], UserIdGroupPairs: [] }],
      Tags: [{ Key: "team", Value: "a" }],
    });
  });

  test("names are unique in the VPC, case-insensitively, with AWS's text", () => {
    const ec2 = new Ec2();
    create(ec2, "web");
    expectError(ec2.error("CreateSecurityGroup", { GroupName: "WEB", Description: "x", VpcId: ec2.net.vpcId }), "InvalidGroup.Duplicate", `The security group 'WEB' already exists for VPC '${ec2.net.vpcId}'`);
    expectError(ec2.error("CreateSecurityGroup", { GroupName: "default", Description: "x", VpcId: ec2.net.vpcId }), "InvalidGroup.Duplicate", `The security group 'default' already exists for VPC '${ec2.net.vpcId}'`);
  });

  test("a group needs a VPC that exists (no default VPC), a name not starting with sg-, ASCII text", () => {
    const ec2 = new Ec2();
    expectError(ec2.error("CreateSecurityGroup", { GroupName: "web", Description: "x" }), "VPCIdNotSpecified", "No default VPC for this user");
    expectError(ec2.error("CreateSecurityGroup", { GroupName: "web", Description: "x", VpcId: "vpc-0123456789abcdef0" }), "InvalidVpcID.NotFound", "The vpc ID 'vpc-0123456789abcdef0' does not exist");
    expect(ec2.error("CreateSecurityGroup", { GroupName: "sg-web", Description: "x", VpcId: ec2.net.vpcId }).type).toBe("InvalidParameterValue");
    expect(ec2.error("CreateSecurityGroup", { GroupName: "ウェブ", Description: "x", VpcId: ec2.net.vpcId }).type).toBe("InvalidParameterValue");
    expect(ec2.error("CreateSecurityGroup", { GroupName: "w".repeat(256), Description: "x", VpcId: ec2.net.vpcId }).type).toBe("InvalidParameterValue");
  });

  test("DeleteSecurityGroup: the default group cannot go, a referenced group cannot go, others can (seeded ones too)", () => {
    const ec2 = new Ec2();
    const { default: def, alb, app } = ec2.net.securityGroupIds;
    expectError(ec2.error("DeleteSecurityGroup", { GroupId: def }), "CannotDelete", `the specified group: "${def}" name: "default" cannot be deleted by a user`);
    expectError(ec2.error("DeleteSecurityGroup", { GroupId: alb }), "DependencyViolation", `resource ${alb} has a dependent object`);
    expect(ec2.call("DeleteSecurityGroup", { GroupId: app })).toEqual({ Return: true, GroupId: app });
    expect(ec2.call("DescribeSecurityGroups").SecurityGroups.map((g: any) => g.GroupName)).toEqual(["default", "sbx-alb"]);
    expect(ec2.state.ec2Resources[app]).toMatchObject({ deleted: true });
    expectError(ec2.error("DescribeSecurityGroups", { GroupIds: [app] }), "InvalidGroup.NotFound", `The security group '${app}' does not exist`);
    expect(ec2.call("DeleteSecurityGroup", { GroupId: alb })).toEqual({ Return: true, GroupId: alb });
    const web = create(ec2).GroupId;
    ec2.call("DeleteSecurityGroup", { GroupId: web });
    expect(ec2.state.ec2Resources[web]).toBeUndefined();
    expectError(ec2.error("DeleteSecurityGroup", { GroupName: "web" }), "VPCIdNotSpecified", "No default VPC for this user");
    expectError(ec2.error("DeleteSecurityGroup", {}), "MissingParameter", "The request must contain the parameter groupName or groupId");
  });

  test("authorize adds one rule per peer, with sgr- ids, folded into IpPermissions by protocol and ports", () => {
    const ec2 = new Ec2();
    const web = create(ec2).GroupId;
    const out = ec2.call("AuthorizeSecurityGroupIngress", {
      GroupId: web,
      IpPermissions: [
        { IpProtocol: "tcp", FromPort: 80, ToPort: 80, IpRanges: [{ CidrIp: "0.0.0.0/0" }, { CidrIp: "10.0.0.0/16", Description: "vpc" }] },
        { IpProtocol: "tcp", FromPort: 80, ToPort: 80, UserIdGroupPairs: [{ GroupId: ec2.net.securityGroupIds.alb }] },
      ],
    });
    expect(out.Return).toBe(true);
    expect(out.SecurityGroupRules).toHaveLength(3);
    expect(out.SecurityGroupRules[1]).toEqual({
      SecurityGroupRuleId: expect.stringMatching(/^sgr-[0-9a-f]{17}$/),
      GroupId: web,
      GroupOwnerId: ACCOUNT,
      IsEgress: false,
      IpProtocol: "tcp",
      FromPort: 80,
      ToPort: 80,
      CidrIpv4: "10.0.0.0/16",
      Description: "vpc",
      SecurityGroupRuleArn: `arn:aws:ec2:${REGION}:${ACCOUNT}:security-group-rule/${out.SecurityGroupRules[1].SecurityGroupRuleId}`,
    });
    expect(out.SecurityGroupRules[2].ReferencedGroupInfo).toEqual({ GroupId: ec2.net.securityGroupIds.alb, UserId: ACCOUNT });
    expect(ec2.group(web).IpPermissions).toEqual([
      {
        IpProtocol: "tcp",
        FromPort: 80,
        ToPort: 80,
        IpRanges: [{ CidrIp: "0.0.0.0/0" }, { CidrIp: "10.0.0.0/16", Description: "vpc" }],
        Ipv6Ranges: [],
        PrefixListIds: [],
        UserIdGroupPairs: [{ GroupId: ec2.net.securityGroupIds.alb, UserId: ACCOUNT }],
      },
    ]);
  });

  test("a rule that exists already: InvalidPermission.Duplicate quoting it as AWS does, and nothing is added", () => {
    const ec2 = new Ec2();
    const { alb, app } = ec2.net.securityGroupIds;
    expectError(
      ec2.error("AuthorizeSecurityGroupIngress", { GroupId: alb, IpPermissions: [{ IpProtocol: "tcp", FromPort: 80, ToPort: 80, IpRanges: [{ CidrIp: "0.0.0.0/0", Description: "other text" }] }] }),
      "InvalidPermission.Duplicate",
      'the specified rule "peer: 0.0.0.0/0, TCP, from port: 80, to port: 80, ALLOW" already exists',
    );
    expectError(
      ec2.error("AuthorizeSecurityGroupIngress", { GroupId: app, IpPermissions: [{ IpProtocol: "6", FromPort: 80, ToPort: 80, UserIdGroupPairs: [{ GroupId: alb }] }] }),
      "InvalidPermission.Duplicate",
      `the specified rule "peer: ${alb}, TCP, from port: 80, to port: 80, ALLOW" already exists`,
    );
    expectError(
      ec2.error("AuthorizeSecurityGroupEgress", { GroupId: app, IpPermissions: [{ IpProtocol: "-1", IpRanges: [{ CidrIp: "0.0.0.0/0" }] }] }),
      "InvalidPermission.Duplicate",
      'the specified rule "peer: 0.0.0.0/0, ALL, ALLOW" already exists',
    );
    // One new and one existing rule: all or nothing.
    expect(
      ec2.error("AuthorizeSecurityGroupIngress", {
        GroupId: alb,
        IpPermissions: [{ IpProtocol: "tcp", FromPort: 80, ToPort: 80, IpRanges: [{ CidrIp: "10.9.0.0/16" }, { CidrIp: "0.0.0.0/0" }] }],
      }).type,
    ).toBe("InvalidPermission.Duplicate");
    expectError(
      ec2.error("AuthorizeSecurityGroupIngress", { GroupId: alb, IpPermissions: [{ IpProtocol: "tcp", FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: "10.9.0.0/16" }, { CidrIp: "10.9.0.0/16" }] }] }),
      "InvalidParameterValue",
      "The same permission must not appear multiple times",
    );
  });

  test("revoke removes exactly the rule named, keeping the other peers of the same ports", () => {
    const ec2 = new Ec2();
    const { alb } = ec2.net.securityGroupIds;
    ec2.call("AuthorizeSecurityGroupIngress", { GroupId: alb, IpPermissions: [{ IpProtocol: "tcp", FromPort: 80, ToPort: 80, IpRanges: [{ CidrIp: "10.0.0.0/16" }] }] });
    const out = ec2.call("RevokeSecurityGroupIngress", { GroupId: alb, IpPermissions: [{ IpProtocol: "tcp", FromPort: 80, ToPort: 80, IpRanges: [{ CidrIp: "0.0.0.0/0" }] }] });
    expect(out).toEqual({
      Return: true,
      RevokedSecurityGroupRules: [
        { SecurityGroupRuleId: expect.stringMatching(HEX17), GroupId: alb, IsEgress: false, IpProtocol: "tcp", FromPort: 80, ToPort: 80, CidrIpv4: "0.0.0.0/0" },
      ],
    });
    // AWS promises no order of IpPermissions; the sandbox lists them by their oldest rule.
    expect(ec2.group(alb).IpPermissions.map((p: any) => [p.FromPort, p.IpRanges])).toEqual([
      [443, [{ CidrIp: "0.0.0.0/0" }]],
      [80, [{ CidrIp: "10.0.0.0/16" }]],
    ]);
  });

  test("revoking a rule that does not exist fails (a non-default VPC) and revokes nothing of the request", () => {
    const ec2 = new Ec2();
    const { alb } = ec2.net.securityGroupIds;
    const before = ec2.group(alb);
    expectError(
      ec2.error("RevokeSecurityGroupIngress", {
        GroupId: alb,
        IpPermissions: [
          { IpProtocol: "tcp", FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: "0.0.0.0/0" }] },
          { IpProtocol: "tcp", FromPort: 81, ToPort: 81, IpRanges: [{ CidrIp: "0.0.0.0/0" }] },
        ],
      }),
      "InvalidPermission.NotFound",
      "The specified rule does not exist in this security group.",
    );
    // Ports must match exactly: 80–80 is not 0–65535.
    expect(ec2.error("RevokeSecurityGroupIngress", { GroupId: alb, IpPermissions: [{ IpProtocol: "tcp", FromPort: 0, ToPort: 65535, IpRanges: [{ CidrIp: "0.0.0.0/0" }] }] }).type).toBe(
      "InvalidPermission.NotFound",
    );
    expect(ec2.group(alb)).toEqual(before);
  });

  test("revoke by SecurityGroupRuleIds, and egress rules apart from ingress ones", () => {
    const ec2 = new Ec2();
    const web = create(ec2).GroupId;
    const egressRule = ec2.call("DescribeSecurityGroups", { GroupIds: [web] }) && ec2.call("AuthorizeSecurityGroupEgress", { GroupId: web, IpPermissions: [{ IpProtocol: "tcp", FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: "10.0.0.0/16" }] }] }).SecurityGroupRules[0].SecurityGroupRuleId;
    expect(ec2.error("RevokeSecurityGroupIngress", { GroupId: web, SecurityGroupRuleIds: [egressRule] }).type).toBe("InvalidSecurityGroupRuleId.NotFound");
    expect(ec2.call("RevokeSecurityGroupEgress", { GroupId: web, SecurityGroupRuleIds: [egressRule] }).RevokedSecurityGroupRules[0].SecurityGroupRuleId).toBe(egressRule);
    ec2.call("RevokeSecurityGroupEgress", { GroupId: web, IpPermissions: [{ IpProtocol: "-1", IpRanges: [{ CidrIp: "0.0.0.0/0" }] }] });
    expect(ec2.group(web).IpPermissionsEgress).toEqual([]);
  });

  test("the old flat members (IpProtocol/FromPort/ToPort/CidrIp) and SourceSecurityGroupName work like IpPermissions", () => {
    const ec2 = new Ec2();
    const web = create(ec2).GroupId;
    ec2.call("AuthorizeSecurityGroupIngress", { GroupId: web, IpProtocol: "tcp", FromPort: "22", ToPort: "22", CidrIp: "203.0.113.7/32" });
    ec2.call("AuthorizeSecurityGroupIngress", { GroupId: web, SourceSecurityGroupName: "sbx-alb" });
    expect(ec2.group(web).IpPermissions.map((p: any) => [p.IpProtocol, p.FromPort, p.ToPort, p.IpRanges.length, p.UserIdGroupPairs.length])).toEqual([
      ["tcp", 22, 22, 1, 0],
      ["tcp", 0, 65535, 0, 1],
      ["udp", 0, 65535, 0, 1],
      ["icmp", -1, -1, 0, 1],
    ]);
    ec2.call("RevokeSecurityGroupIngress", { GroupId: web, IpProtocol: "tcp", FromPort: 22, ToPort: 22, CidrIp: "203.0.113.7/32" });
    expect(ec2.group(web).IpPermissions).toHaveLength(3);
  });

  test("protocols by name or number, -1 for all (no ports), ICMP type and code; CIDRs canonicalized", () => {
    expect(["tcp", "TCP", "6", "17", "icmp", "1", "58", "-1", "all", "50"].map(normalizeProtocol)).toEqual(["tcp", "tcp", "tcp", "udp", "icmp", "icmp", "icmpv6", "-1", "-1", "50"]);
    expect(() => normalizeProtocol("foo")).toThrow(EcsError);
    expect(canonicalIpv4Cidr("100.68.0.18/18")).toBe("100.68.0.0/18");
    expect(canonicalIpv4Cidr("10.0.0.1")).toBeUndefined();
    expect(canonicalIpv4Cidr("10.0.0.256/8")).toBeUndefined();
    expect(cidrContains("10.0.0.0/16", "10.0.128.0/20")).toBe(true);
    expect(cidrContains("10.0.0.0/16", "10.1.0.0/20")).toBe(false);
    expect(cidrContains("0.0.0.0/0", "10.1.0.0/20")).toBe(true);
    const ec2 = new Ec2();
    const web = create(ec2).GroupId;
    ec2.call("AuthorizeSecurityGroupIngress", {
      GroupId: web,
      IpPermissions: [
        { IpProtocol: "-1", FromPort: 5, ToPort: 6, IpRanges: [{ CidrIp: "10.0.0.0/8" }] },
        { IpProtocol: "icmp", FromPort: 8, ToPort: -1, IpRanges: [{ CidrIp: "10.1.2.3/16" }] },
        { IpProtocol: "50", IpRanges: [{ CidrIp: "10.0.0.0/8" }] },
      ],
    });
    expect(ec2.group(web).IpPermissions).toEqual([
      { IpProtocol: "-1", IpRanges: [{ CidrIp: "10.0.0.0/8" }], Ipv6Ranges: [], PrefixListIds: [], UserIdGroupPairs: [] },
      { IpProtocol: "icmp", FromPort: 8, ToPort: -1, IpRanges: [{ CidrIp: "10.1.0.0/16" }], Ipv6Ranges: [], PrefixListIds: [], UserIdGroupPairs: [] },
      { IpProtocol: "50", IpRanges: [{ CidrIp: "10.0.0.0/8" }], Ipv6Ranges: [], PrefixListIds: [], UserIdGroupPairs: [] },
    ]);
    expectError(
      ec2.error("AuthorizeSecurityGroupIngress", { GroupId: web, IpPermissions: [{ IpProtocol: "icmp", FromPort: 8, ToPort: -1, IpRanges: [{ CidrIp: "10.1.0.0/16" }] }] }),
      "InvalidPermission.Duplicate",
      'the specified rule "peer: 10.1.0.0/16, ICMP, type: 8, code: -1, ALLOW" already exists',
    );
  });

  test("ports and CIDRs are checked with AWS's texts", () => {
    const ec2 = new Ec2();
    const web = create(ec2).GroupId;
    const authorize = (permission: object) => ec2.error("AuthorizeSecurityGroupIngress", { GroupId: web, IpPermissions: [permission] });
    expectError(authorize({ IpProtocol: "tcp", ToPort: 80, IpRanges: [{ CidrIp: "0.0.0.0/0" }] }), "InvalidParameterValue", "Invalid value 'Must specify both from and to ports with TCP/UDP.' for portRange.");
    expectError(authorize({ IpProtocol: "icmp", IpRanges: [{ CidrIp: "0.0.0.0/0" }] }), "InvalidParameterValue", "Invalid value 'Must specify both from and to ports with ICMP.' for portRange.");
    expectError(authorize({ IpProtocol: "tcp", FromPort: -1, ToPort: -1, IpRanges: [{ CidrIp: "0.0.0.0/0" }] }), "InvalidPermission.Malformed", "TCP/UDP port (-1) out of range");
    expectError(authorize({ IpProtocol: "udp", FromPort: 1, ToPort: 70000, IpRanges: [{ CidrIp: "0.0.0.0/0" }] }), "InvalidPermission.Malformed", "TCP/UDP port (70000) out of range");
    expectError(authorize({ IpProtocol: "tcp", FromPort: 80, ToPort: 80, IpRanges: [{ CidrIp: "0.0.0.0" }] }), "InvalidParameterValue", "CIDR block 0.0.0.0 is malformed");
    expectError(authorize({ IpProtocol: "tcp", FromPort: 80, ToPort: 80, UserIdGroupPairs: [{ GroupId: "sg-0123456789abcdef0" }] }), "InvalidGroup.NotFound", "The security group 'sg-0123456789abcdef0' does not exist");
    expect(authorize({ IpProtocol: "tcp", FromPort: 90, ToPort: 80, IpRanges: [{ CidrIp: "0.0.0.0/0" }] }).type).toBe("InvalidParameterValue");
    expect(authorize({ IpProtocol: "gre", FromPort: 90, ToPort: 80, IpRanges: [{ CidrIp: "0.0.0.0/0" }] }).type).toBe("InvalidParameterValue");
    expectError(ec2.error("AuthorizeSecurityGroupIngress", { GroupName: "web", IpPermissions: [] }), "VPCIdNotSpecified", "No default VPC for this user");
    expectError(ec2.error("AuthorizeSecurityGroupIngress", { GroupId: "sg-0123456789abcdef0", IpPermissions: [] }), "InvalidGroup.NotFound", "The security group 'sg-0123456789abcdef0' does not exist");
  });

  test("60 inbound rules per group (AWS's quota); outbound counted apart", () => {
    const ec2 = new Ec2();
    const web = create(ec2).GroupId;
    const ranges = (from: number, n: number) => Array.from({ length: n }, (_, i) => ({ CidrIp: `10.${from + i}.0.0/16` }));
    ec2.call("AuthorizeSecurityGroupIngress", { GroupId: web, IpPermissions: [{ IpProtocol: "tcp", FromPort: 80, ToPort: 80, IpRanges: ranges(0, EC2_QUOTAS.rulesPerSecurityGroup) }] });
    expect(ec2.error("AuthorizeSecurityGroupIngress", { GroupId: web, IpPermissions: [{ IpProtocol: "tcp", FromPort: 81, ToPort: 81, IpRanges: ranges(0, 1) }] }).type).toBe(
      "RulesPerSecurityGroupLimitExceeded",
    );
    ec2.call("AuthorizeSecurityGroupEgress", { GroupId: web, IpPermissions: [{ IpProtocol: "tcp", FromPort: 81, ToPort: 81, IpRanges: ranges(0, 1) }] });
  });
});

// ---------------------------------------------------------------------------------------------------------------

describe("VPC endpoints", () => {
  test("an interface endpoint is pending for a minute, then available; private DNS on by default", () => {
    const ec2 = new Ec2();
    const { VpcEndpoint } = ec2.call("CreateVpcEndpoint", {
      VpcId: ec2.net.vpcId,
      ServiceName: `com.amazonaws.${REGION}.ecr.api`,
      VpcEndpointType: "Interface",
      SubnetIds: ec2.net.privateSubnetIds,
    });
    expect(VpcEndpoint).toMatchObject({
      VpcEndpointId: expect.stringMatching(/^vpce-[0-9a-f]{17}$/),
      VpcEndpointType: "Interface",
      State: "pending",
      PrivateDnsEnabled: true,
      SubnetIds: ec2.net.privateSubnetIds,
      Groups: [{ GroupId: ec2.net.securityGroupIds.default, GroupName: "default" }],
      RouteTableIds: [],
      CreationTimestamp: T0 / 1000,
    });
    expect(VpcEndpoint.NetworkInterfaceIds).toHaveLength(3);
    expect(VpcEndpoint.DnsEntries.map((e: any) => e.DnsName)).toContain(`api.ecr.${REGION}.amazonaws.com`);
    expect(VpcEndpoint.availableAtMs).toBeUndefined();
    expect(ec2.call("DescribeVpcEndpoints", {}, 59).VpcEndpoints[0].State).toBe("pending");
    expect(ec2.call("DescribeVpcEndpoints", {}, 60).VpcEndpoints[0].State).toBe("available");
    expect(ec2.call("DescribeVpcEndpoints", { Filters: [{ Name: "vpc-endpoint-state", Values: ["available"] }] }, 61).VpcEndpoints).toHaveLength(1);
    // Its interfaces use addresses of the subnets.
    expect(ec2.call("DescribeSubnets", { SubnetIds: [ec2.net.privateSubnetIds[0]] }).Subnets[0].AvailableIpAddressCount).toBe(4090);
  });

  test("a gateway endpoint (the default type) adds S3's prefix-list route to its route tables", () => {
    const ec2 = new Ec2();
    const table = ec2.net.privateRouteTableIds[0];
    const { VpcEndpoint } = ec2.call("CreateVpcEndpoint", { VpcId: ec2.net.vpcId, ServiceName: `com.amazonaws.${REGION}.s3`, RouteTableIds: [table] });
    expect(VpcEndpoint).toMatchObject({ VpcEndpointType: "Gateway", State: "available", RouteTableIds: [table], PrivateDnsEnabled: false });
    expect(ec2.call("DescribeRouteTables", { RouteTableIds: [table] }).RouteTables[0].Routes[1]).toEqual({
      DestinationPrefixListId: "pl-61a54008",
      GatewayId: VpcEndpoint.VpcEndpointId,
      Origin: "CreateRoute",
      State: "active",
    });
    ec2.call("ModifyVpcEndpoint", { VpcEndpointId: VpcEndpoint.VpcEndpointId, AddRouteTableIds: [ec2.net.privateRouteTableIds[1]], RemoveRouteTableIds: [table] });
    expect(ec2.call("DescribeRouteTables", { Filters: [{ Name: "route.gateway-id", Values: ["vpce-*"] }] }).RouteTables.map((t: any) => t.RouteTableId)).toEqual([
      ec2.net.privateRouteTableIds[1],
    ]);
    expect(ec2.call("DeleteVpcEndpoints", { VpcEndpointIds: [VpcEndpoint.VpcEndpointId, "vpce-0123456789abcdef0"] })).toEqual({
      Unsuccessful: [{ Error: { Code: "InvalidVpcEndpointId.NotFound", Message: "The Vpc Endpoint Id 'vpce-0123456789abcdef0' does not exist" }, ResourceId: "vpce-0123456789abcdef0" }],
    });
    expect(ec2.call("DescribeVpcEndpoints").VpcEndpoints).toEqual([]);
  });

  test("AWS's texts for a service without that type and for another Region's service", () => {
    const ec2 = new Ec2();
    expectError(
      ec2.error("CreateVpcEndpoint", { VpcId: ec2.net.vpcId, ServiceName: `com.amazonaws.${REGION}.ecr.dkr` }),
      "InvalidParameter",
      "Endpoint type (Gateway) does not match available service types ([Interface]).",
    );
    expectError(
      ec2.error("CreateVpcEndpoint", { VpcId: ec2.net.vpcId, ServiceName: "com.amazonaws.us-east-1.s3" }),
      "InvalidServiceName",
      "The Vpc Endpoint Service 'com.amazonaws.us-east-1.s3' does not exist",
    );
    expect(
      ec2.error("CreateVpcEndpoint", {
        VpcId: ec2.net.vpcId,
        ServiceName: `com.amazonaws.${REGION}.logs`,
        VpcEndpointType: "Interface",
        SubnetIds: [ec2.net.privateSubnetIds[0], ec2.net.publicSubnetIds[0]],
      }).type,
    ).toBe("DuplicateSubnetsInSameZone");
  });
});

// ---------------------------------------------------------------------------------------------------------------

describe("network interfaces of tasks (recorded by ECS)", () => {
  test("a recorded ENI is described, filtered and counted against its subnet's addresses until it is forgotten", () => {
    const ec2 = new Ec2();
    const subnet = ec2.net.privateSubnetIds[1];
    ec2.change((draft) =>
      recordTaskNetworkInterface(draft, {
        networkInterfaceId: "eni-0a1b2c3d4e5f60718",
        subnetId: subnet,
        privateIpv4Address: "10.0.150.4",
        macAddress: "0a:11:22:33:44:55",
        privateDnsName: "ip-10-0-150-4.ap-northeast-1.compute.internal",
        securityGroupIds: [ec2.net.securityGroupIds.app],
        attachmentId: "5f3c9d2e-1111-4222-8333-444455556666",
        attachedAtMs: T0,
      }),
    );
    const [eni] = ec2.call("DescribeNetworkInterfaces", { Filters: [{ Name: "subnet-id", Values: [subnet] }] }).NetworkInterfaces;
    expect(eni).toMatchObject({
      NetworkInterfaceId: "eni-0a1b2c3d4e5f60718",
      SubnetId: subnet,
      VpcId: ec2.net.vpcId,
      AvailabilityZone: "ap-northeast-1c",
      Groups: [{ GroupId: ec2.net.securityGroupIds.app, GroupName: "sbx-app" }],
      PrivateIpAddress: "10.0.150.4",
      Status: "in-use",
      InterfaceType: "interface",
      Description: `arn:aws:ecs:${REGION}:${ACCOUNT}:attachment/5f3c9d2e-1111-4222-8333-444455556666`,
    });
    expect(subnetById(ec2.state, subnet)?.AvailableIpAddressCount).toBe(4090);
    expect(ec2.call("DescribeNetworkInterfaces", { Filters: [{ Name: "group-name", Values: ["sbx-app"] }] }).NetworkInterfaces).toHaveLength(1);
    // A group in use by an ENI cannot be deleted.
    expect(ec2.error("DeleteSecurityGroup", { GroupId: ec2.net.securityGroupIds.app }).type).toBe("DependencyViolation");
    ec2.change((draft) => forgetTaskNetworkInterface(draft, "eni-0a1b2c3d4e5f60718"));
    expect(ec2.call("DescribeNetworkInterfaces").NetworkInterfaces).toEqual([]);
    expect(ec2.state.ec2Resources).toEqual({});
  });

  test("an ENI in a subnet that does not exist is refused", () => {
    const ec2 = new Ec2();
    expect(() =>
      ec2.change((draft) =>
        recordTaskNetworkInterface(draft, {
          networkInterfaceId: "eni-0a1b2c3d4e5f60718",
          subnetId: "subnet-0a1b2c3d",
          privateIpv4Address: "10.0.0.4",
          macAddress: "0a:00:00:00:00:00",
          privateDnsName: "x",
          securityGroupIds: [],
          attachmentId: "a",
          attachedAtMs: T0,
        }),
      ),
    ).toThrow("The subnet ID 'subnet-0a1b2c3d' does not exist");
  });
});

// ---------------------------------------------------------------------------------------------------------------

describe("what the ECS integration asks (network.ts)", () => {
  test("subnets and security groups exist, share a VPC", () => {
    const ec2 = new Ec2();
    const { privateSubnetIds, publicSubnetIds, securityGroupIds, vpcId } = ec2.net;
    expect(subnetById(ec2.state, privateSubnetIds[0])).toMatchObject({ SubnetId: privateSubnetIds[0], AvailabilityZone: "ap-northeast-1a", AvailableIpAddressCount: 4091 });
    expect(subnetById(ec2.state, "subnet-0a1b2c3d")).toBeUndefined();
    expect(subnetsShareVpc(ec2.state, [...privateSubnetIds, ...publicSubnetIds])).toBe(true);
    expect(subnetsShareVpc(ec2.state, [privateSubnetIds[0], "subnet-0a1b2c3d"])).toBe(false);
    expect(subnetsShareVpc(ec2.state, [])).toBe(false);
    expect(missingSubnet(ec2.state, [privateSubnetIds[0], "subnet-0a1b2c3d"])).toBe("subnet-0a1b2c3d");
    expect(securityGroupsExist(ec2.state, [securityGroupIds.app, securityGroupIds.alb])).toBe(true);
    expect(securityGroupsExist(ec2.state, [securityGroupIds.app, "sg-0a1b2c3d"])).toBe(false);
    expect(missingSecurityGroup(ec2.state, ["sg-0a1b2c3d"])).toBe("sg-0a1b2c3d");
    expect(securityGroupsInVpc(ec2.state, [securityGroupIds.app], vpcId)).toBe(true);
    expect(routeTableOfSubnet(ec2.state, publicSubnetIds[2])?.RouteTableId).toBe(ec2.net.publicRouteTableId);
  });

  const nothing = { internet: false, ecrEndpoints: false, logsEndpoint: false, secretsEndpoint: false, ssmEndpoint: false, s3Gateway: false };
  const everything = { internet: true, ecrEndpoints: true, logsEndpoint: true, secretsEndpoint: true, ssmEndpoint: true, s3Gateway: true };

  test("a public subnet with a public IP reaches everything through the internet gateway", () => {
    const ec2 = new Ec2();
    expect(reachability(ec2.state, ec2.net.publicSubnetIds[0], "ENABLED")).toEqual(everything);
    expect(reachability(ec2.state, ec2.net.publicSubnetIds[0], true, [ec2.net.securityGroupIds.app])).toEqual(everything);
  });

  test("a public subnet without a public IP reaches nothing", () => {
    const ec2 = new Ec2();
    expect(reachability(ec2.state, ec2.net.publicSubnetIds[0], "DISABLED")).toEqual(nothing);
    expect(reachability(ec2.state, ec2.net.publicSubnetIds[0], undefined)).toEqual(nothing);
  });

  test("a private subnet with nothing reaches nothing, a public IP or not", () => {
    const ec2 = new Ec2();
    expect(reachability(ec2.state, ec2.net.privateSubnetIds[0], "DISABLED")).toEqual(nothing);
    expect(reachability(ec2.state, ec2.net.privateSubnetIds[0], "ENABLED")).toEqual(nothing);
    expect(reachability(ec2.state, "subnet-0a1b2c3d", "ENABLED")).toEqual(nothing);
  });

  test("a private subnet with a NAT gateway reaches everything without a public IP", () => {
    const ec2 = new Ec2();
    const nat = ec2.change((draft) => addNatGateway(draft, {}, T0));
    expect(ec2.call("DescribeNatGateways").NatGateways).toEqual([
      expect.objectContaining({ NatGatewayId: nat.NatGatewayId, SubnetId: ec2.net.publicSubnetIds[0], State: "available", ConnectivityType: "public" }),
    ]);
    expect(ec2.call("DescribeRouteTables", { RouteTableIds: [ec2.net.privateRouteTableIds[2]] }).RouteTables[0].Routes[1]).toEqual({
      DestinationCidrBlock: "0.0.0.0/0",
      NatGatewayId: nat.NatGatewayId,
      Origin: "CreateRoute",
      State: "active",
    });
    for (const subnet of ec2.net.privateSubnetIds) expect(reachability(ec2.state, subnet, "DISABLED")).toEqual(everything);
    // Outbound HTTPS revoked from the task's group: nothing gets out.
    const web = ec2.call("CreateSecurityGroup", { GroupName: "closed", Description: "x", VpcId: ec2.net.vpcId }).GroupId;
    ec2.call("RevokeSecurityGroupEgress", { GroupId: web, IpPermissions: [{ IpProtocol: "-1", IpRanges: [{ CidrIp: "0.0.0.0/0" }] }] });
    expect(reachability(ec2.state, ec2.net.privateSubnetIds[0], "DISABLED", [web]).internet).toBe(false);
  });

  test("a private subnet without NAT but with endpoints reaches what its endpoints serve", () => {
    const ec2 = new Ec2();
    const subnet = ec2.net.privateSubnetIds[0];
    const endpointGroup = ec2.call("CreateSecurityGroup", { GroupName: "endpoints", Description: "VPC endpoints", VpcId: ec2.net.vpcId }).GroupId;
    const later = (seconds: number) => ({ ...ec2.state, clock: { simMs: T0 + seconds * 1000, wallMs: 0 } });
    for (const service of ["ecr.api", "ecr.dkr", "logs"]) {
      ec2.call("CreateVpcEndpoint", {
        VpcId: ec2.net.vpcId,
        ServiceName: `com.amazonaws.${REGION}.${service}`,
        VpcEndpointType: "Interface",
        SubnetIds: ec2.net.privateSubnetIds.slice(0, 2),
        SecurityGroupIds: [endpointGroup],
      });
    }
    // Pending endpoints serve nothing yet.
    expect(reachability(later(30), subnet, "DISABLED")).toEqual(nothing);
    expect(reachability(later(60), subnet, "DISABLED")).toEqual({ ...nothing, ecrEndpoints: true, logsEndpoint: true });
    // Image layers come from S3: the gateway endpoint must be in this subnet's route table.
    ec2.call("CreateVpcEndpoint", { VpcId: ec2.net.vpcId, ServiceName: `com.amazonaws.${REGION}.s3`, RouteTableIds: [ec2.net.privateRouteTableIds[1]] });
    expect(reachability(later(60), subnet, "DISABLED").s3Gateway).toBe(false);
    expect(reachability(later(60), ec2.net.privateSubnetIds[1], "DISABLED").s3Gateway).toBe(true);
    // The endpoints' group lets nothing in yet: with the task's groups given, they are out of reach.
    expect(reachability(later(60), subnet, "DISABLED", [ec2.net.securityGroupIds.app])).toEqual(nothing);
    ec2.call("AuthorizeSecurityGroupIngress", { GroupId: endpointGroup, IpPermissions: [{ IpProtocol: "tcp", FromPort: 443, ToPort: 443, UserIdGroupPairs: [{ GroupId: ec2.net.securityGroupIds.app }] }] });
    expect(reachability(later(60), subnet, "DISABLED", [ec2.net.securityGroupIds.app])).toEqual({ ...nothing, ecrEndpoints: true, logsEndpoint: true });
    // A rule for the VPC's block admits any task in it.
    expect(reachability(later(60), subnet, "DISABLED", [ec2.net.securityGroupIds.default]).ecrEndpoints).toBe(false);
    ec2.call("AuthorizeSecurityGroupIngress", { GroupId: endpointGroup, IpPermissions: [{ IpProtocol: "tcp", FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: "10.0.0.0/16" }] }] });
    expect(reachability(later(60), subnet, "DISABLED", [ec2.net.securityGroupIds.default]).ecrEndpoints).toBe(true);
  });

  test("an interface endpoint without private DNS does not count, nor does one ECR endpoint of the two", () => {
    const ec2 = new Ec2();
    const subnet = ec2.net.privateSubnetIds[0];
    ec2.change((draft) => addVpcEndpoint(draft, { vpcId: ec2.net.vpcId, serviceName: `com.amazonaws.${REGION}.ecr.api`, type: "Interface", subnetIds: [subnet] }, T0 - 60_000));
    ec2.change((draft) =>
      addVpcEndpoint(draft, { vpcId: ec2.net.vpcId, serviceName: `com.amazonaws.${REGION}.secretsmanager`, type: "Interface", subnetIds: [subnet], privateDnsEnabled: false }, T0 - 60_000),
    );
    expect(reachability(ec2.state, subnet, "DISABLED")).toEqual(nothing);
    ec2.change((draft) => addVpcEndpoint(draft, { vpcId: ec2.net.vpcId, serviceName: `com.amazonaws.${REGION}.ecr.dkr`, type: "Interface", subnetIds: [subnet] }, T0 - 60_000));
    expect(reachability(ec2.state, subnet, "DISABLED")).toEqual({ ...nothing, ecrEndpoints: true });
  });
});

// ---------------------------------------------------------------------------------------------------------------

describe("two learners", () => {
  test("have their own networks: one learner's group is not the other's", () => {
    const alice = new Ec2();
    const bob = new Ec2({ account: "210987654321" });
    const web = alice.call("CreateSecurityGroup", { GroupName: "web", Description: "x", VpcId: alice.net.vpcId }).GroupId;
    expect(bob.call("DescribeSecurityGroups").SecurityGroups.map((g: any) => g.GroupName)).toEqual(["default", "sbx-alb", "sbx-app"]);
    expect(bob.error("DescribeSecurityGroups", { GroupIds: [web] }).type).toBe("InvalidGroup.NotFound");
    expect(bob.error("CreateSecurityGroup", { GroupName: "web", Description: "x", VpcId: alice.net.vpcId }).type).toBe("InvalidVpcID.NotFound");
  });
});
