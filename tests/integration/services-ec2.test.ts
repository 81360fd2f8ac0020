/**
 * Amazon EC2 (the VPC part) end to end with the real AWS CLI (v1), unchanged but for the endpoint: the seeded network
 * of curriculum §3.1 (describe-vpcs, describe-subnets with filters, describe-security-groups), issue 10's "authorize a
 * security group rule" (create-security-group, authorize-security-group-ingress in both the --ip-permissions JSON and
 * the --protocol/--port/--cidr shorthand, revoke), lesson L503's endpoints, AWS's exact error lines, refused calls that
 * change nothing, and two learners who never see each other's network.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createSandboxState } from "@/lib/sandbox/engine";
import { sandboxNetwork } from "@/lib/sandbox/services/ec2/network";
import { awsCli, type CliResult, requireAwsCli } from "./support/aws-cli";
import { expectAwsError } from "./support/aws-errors";
import { startGatewayEndpoint, type GatewayEndpoint, type GatewayLearner } from "./support/gateway-endpoint";

const REGION = "ap-northeast-1";

let endpoint: GatewayEndpoint;
let workDir: string;
let alice: GatewayLearner;
let bob: GatewayLearner;

function ec2(args: string[], learner: GatewayLearner = alice): Promise<CliResult> {
  return awsCli("ec2", args, { endpointUrl: endpoint.url, accessKeyId: learner.accessKeyId, secretAccessKey: learner.secretAccessKey, region: REGION, workDir });
}

async function ok(args: string[], learner: GatewayLearner = alice) {
  const result = await ec2(args, learner);
  expect(result.stderr).toBe("");
  expect(result.code).toBe(0);
  return result.json;
}

/** The ids the seed gives a learner's network (the same function the provider builds it with). */
const networkOf = (learner: GatewayLearner) => sandboxNetwork(createSandboxState(learner.accountId, REGION));

beforeAll(async () => {
  await requireAwsCli();
  workDir = await mkdtemp(path.join(tmpdir(), "dojo-ec2-cli-"));
  endpoint = await startGatewayEndpoint();
  alice = endpoint.newLearner();
  bob = endpoint.newLearner();
});

afterAll(async () => {
  await endpoint?.stop();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

describe("the seeded network", () => {
  test("describe-vpcs: one VPC 10.0.0.0/16 from the first call", async () => {
    const net = networkOf(alice);
    expect(await ok(["describe-vpcs"])).toEqual({
      Vpcs: [
        {
          VpcId: net.vpcId,
          OwnerId: alice.accountId,
          CidrBlock: "10.0.0.0/16",
          CidrBlockAssociationSet: [{ AssociationId: expect.stringMatching(/^vpc-cidr-assoc-[0-9a-f]{17}$/), CidrBlock: "10.0.0.0/16", CidrBlockState: { State: "associated" } }],
          DhcpOptionsId: expect.stringMatching(/^dopt-[0-9a-f]{17}$/),
          InstanceTenancy: "default",
          IsDefault: false,
          State: "available",
          BlockPublicAccessStates: { InternetGatewayBlockMode: "off" },
          Tags: [{ Key: "Name", Value: "sbx-vpc" }],
        },
      ],
    });
  });

  test("describe-subnets --filters: the private subnet of ap-northeast-1c, as AWS shows it", async () => {
    const net = networkOf(alice);
    const out = await ok(["describe-subnets", "--filters", "Name=availability-zone,Values=ap-northeast-1c", "Name=tag:Name,Values=*private*"]);
    expect(out).toEqual({
      Subnets: [
        {
          AvailabilityZone: "ap-northeast-1c",
          AvailabilityZoneId: "apne1-az1",
          AvailableIpAddressCount: 4091,
          CidrBlock: "10.0.144.0/20",
          DefaultForAz: false,
          MapPublicIpOnLaunch: false,
          MapCustomerOwnedIpOnLaunch: false,
          State: "available",
          SubnetId: net.privateSubnetIds[1],
          VpcId: net.vpcId,
          OwnerId: alice.accountId,
          AssignIpv6AddressOnCreation: false,
          Ipv6CidrBlockAssociationSet: [],
          Tags: [{ Key: "Name", Value: "sbx-subnet-private2-ap-northeast-1c" }],
          SubnetArn: `arn:aws:ec2:${REGION}:${alice.accountId}:subnet/${net.privateSubnetIds[1]}`,
          EnableDns64: false,
          Ipv6Native: false,
          PrivateDnsNameOptionsOnLaunch: { HostnameType: "ip-name", EnableResourceNameDnsARecord: false, EnableResourceNameDnsAAAARecord: false },
          BlockPublicAccessStates: { InternetGatewayBlockMode: "off" },
        },
      ],
    });
    const ids = await ok(["describe-subnets", "--filters", `Name=vpc-id,Values=${net.vpcId}`, "--query", "Subnets[].SubnetId"]);
    expect(ids).toEqual([...net.publicSubnetIds, ...net.privateSubnetIds]);
  });

  test("the CLI follows NextToken (--page-size) and hands one back with --max-items", async () => {
    expect(await ok(["describe-subnets", "--page-size", "5", "--query", "length(Subnets)"])).toBe(6);
    const first = await ok(["describe-subnets", "--max-items", "4"]);
    expect(first.Subnets).toHaveLength(4);
    const rest = await ok(["describe-subnets", "--max-items", "4", "--starting-token", first.NextToken]);
    expect(rest.Subnets).toHaveLength(2);
  });

  test("describe-route-tables, describe-internet-gateways, describe-availability-zones", async () => {
    const net = networkOf(alice);
    const routes = await ok(["describe-route-tables", "--route-table-ids", net.publicRouteTableId, "--query", "RouteTables[0].Routes"]);
    expect(routes).toEqual([
      { DestinationCidrBlock: "10.0.0.0/16", GatewayId: "local", Origin: "CreateRouteTable", State: "active" },
      { DestinationCidrBlock: "0.0.0.0/0", GatewayId: net.internetGatewayId, Origin: "CreateRoute", State: "active" },
    ]);
    expect(await ok(["describe-internet-gateways", "--query", "InternetGateways[].Attachments[].VpcId"])).toEqual([net.vpcId]);
    expect(await ok(["describe-availability-zones", "--query", "AvailabilityZones[].[ZoneName,ZoneId,State]"])).toEqual([
      ["ap-northeast-1a", "apne1-az4", "available"],
      ["ap-northeast-1c", "apne1-az1", "available"],
      ["ap-northeast-1d", "apne1-az2", "available"],
    ]);
    expect(await ok(["describe-nat-gateways"])).toEqual({ NatGateways: [] });
    expect(await ok(["describe-network-interfaces"])).toEqual({ NetworkInterfaces: [] });
  });

  test("describe-security-groups: default, sbx-alb and sbx-app", async () => {
    const net = networkOf(alice);
    const out = await ok(["describe-security-groups", "--group-ids", net.securityGroupIds.app]);
    expect(out).toEqual({
      SecurityGroups: [
        {
          GroupId: net.securityGroupIds.app,
          GroupName: "sbx-app",
          Description: "ECS tasks: HTTP from the load balancer",
          IpPermissions: [{ IpProtocol: "tcp", FromPort: 80, ToPort: 80, IpRanges: [], Ipv6Ranges: [], PrefixListIds: [], UserIdGroupPairs: [{ GroupId: net.securityGroupIds.alb, UserId: alice.accountId }] }],
          IpPermissionsEgress: [{ IpProtocol: "-1", IpRanges: [{ CidrIp: "0.0.0.0/0" }], Ipv6Ranges: [], PrefixListIds: [], UserIdGroupPairs: [] }],
          OwnerId: alice.accountId,
          VpcId: net.vpcId,
          SecurityGroupArn: `arn:aws:ec2:${REGION}:${alice.accountId}:security-group/${net.securityGroupIds.app}`,
          Tags: [{ Key: "Name", Value: "sbx-app" }],
        },
      ],
    });
    expect(await ok(["describe-security-groups", "--query", "SecurityGroups[].GroupName"])).toEqual(["default", "sbx-alb", "sbx-app"]);
    expect(await ok(["describe-security-groups", "--filters", "Name=group-name,Values=sbx-alb", "--query", "SecurityGroups[].GroupId"])).toEqual([net.securityGroupIds.alb]);
  });

  test("AWS's error lines for ids that do not exist or are malformed, names outside a default VPC, unknown filters", async () => {
    expectAwsError(await ec2(["describe-subnets", "--subnet-ids", "subnet-0a1b2c3d"]), "DescribeSubnets", "InvalidSubnetID.NotFound", "The subnet ID 'subnet-0a1b2c3d' does not exist");
    expectAwsError(await ec2(["describe-vpcs", "--vpc-ids", "vpc-0123456789abcdef0"]), "DescribeVpcs", "InvalidVpcID.NotFound", "The vpc ID 'vpc-0123456789abcdef0' does not exist");
    expectAwsError(await ec2(["describe-security-groups", "--group-ids", "sg-0a1b2c3d"]), "DescribeSecurityGroups", "InvalidGroup.NotFound", "The security group 'sg-0a1b2c3d' does not exist");
    expectAwsError(await ec2(["describe-security-groups", "--group-ids", "sbx-app"]), "DescribeSecurityGroups", "InvalidGroupId.Malformed", 'Invalid id: "sbx-app" (expecting "sg-...")');
    expectAwsError(await ec2(["describe-security-groups", "--group-names", "sbx-app"]), "DescribeSecurityGroups", "VPCIdNotSpecified", "No default VPC for this user");
    expectAwsError(await ec2(["describe-subnets", "--filters", "Name=zone,Values=a"]), "DescribeSubnets", "InvalidParameterValue", "The filter 'zone' is invalid");
    expectAwsError(
      await ec2(["describe-availability-zones", "--zone-names", "ap-northeast-1b"]),
      "DescribeAvailabilityZones",
      "InvalidParameterValue",
      "Invalid availability zone: [ap-northeast-1b]",
    );
  });
});

describe("security groups with the CLI", () => {
  test("create-security-group, authorize (JSON and shorthand), duplicate, revoke, and refused calls change nothing", async () => {
    const net = networkOf(alice);
    const created = await ok(["create-security-group", "--group-name", "web", "--description", "web tier", "--vpc-id", net.vpcId]);
    expect(created).toEqual({ GroupId: expect.stringMatching(/^sg-[0-9a-f]{17}$/), SecurityGroupArn: `arn:aws:ec2:${REGION}:${alice.accountId}:security-group/${created.GroupId}` });
    const web = created.GroupId;

    const shorthand = await ok(["authorize-security-group-ingress", "--group-id", web, "--protocol", "tcp", "--port", "80", "--cidr", "0.0.0.0/0"]);
    expect(shorthand).toEqual({
      Return: true,
      SecurityGroupRules: [
        {
          SecurityGroupRuleId: expect.stringMatching(/^sgr-[0-9a-f]{17}$/),
          GroupId: web,
          GroupOwnerId: alice.accountId,
          IsEgress: false,
          IpProtocol: "tcp",
          FromPort: 80,
          ToPort: 80,
          CidrIpv4: "0.0.0.0/0",
          SecurityGroupRuleArn: `arn:aws:ec2:${REGION}:${alice.accountId}:security-group-rule/${shorthand.SecurityGroupRules[0].SecurityGroupRuleId}`,
        },
      ],
    });
    const permissions = JSON.stringify([
      { IpProtocol: "tcp", FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: "10.0.0.0/16", Description: "from the VPC" }] },
      { IpProtocol: "tcp", FromPort: 8080, ToPort: 8090, UserIdGroupPairs: [{ GroupId: net.securityGroupIds.alb, Description: "from the ALB" }] },
    ]);
    const json = await ok(["authorize-security-group-ingress", "--group-id", web, "--ip-permissions", permissions]);
    expect(json.SecurityGroupRules.map((r: { FromPort: number; ToPort: number }) => [r.FromPort, r.ToPort])).toEqual([
      [443, 443],
      [8080, 8090],
    ]);
    expect(json.SecurityGroupRules[1].ReferencedGroupInfo).toEqual({ GroupId: net.securityGroupIds.alb, UserId: alice.accountId });

    const described = await ok(["describe-security-groups", "--group-ids", web, "--query", "SecurityGroups[0].IpPermissions"]);
    expect(described).toEqual([
      { IpProtocol: "tcp", FromPort: 80, ToPort: 80, IpRanges: [{ CidrIp: "0.0.0.0/0" }], Ipv6Ranges: [], PrefixListIds: [], UserIdGroupPairs: [] },
      { IpProtocol: "tcp", FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: "10.0.0.0/16", Description: "from the VPC" }], Ipv6Ranges: [], PrefixListIds: [], UserIdGroupPairs: [] },
      {
        IpProtocol: "tcp",
        FromPort: 8080,
        ToPort: 8090,
        IpRanges: [],
        Ipv6Ranges: [],
        PrefixListIds: [],
        UserIdGroupPairs: [{ GroupId: net.securityGroupIds.alb, UserId: alice.accountId, Description: "from the ALB" }],
      },
    ]);

    // Refused calls: the exact lines, and the group is as it was.
    expectAwsError(
      await ec2(["authorize-security-group-ingress", "--group-id", web, "--protocol", "tcp", "--port", "80", "--cidr", "0.0.0.0/0"]),
      "AuthorizeSecurityGroupIngress",
      "InvalidPermission.Duplicate",
      'the specified rule "peer: 0.0.0.0/0, TCP, from port: 80, to port: 80, ALLOW" already exists',
    );
    expectAwsError(
      await ec2(["revoke-security-group-ingress", "--group-id", web, "--protocol", "tcp", "--port", "22", "--cidr", "0.0.0.0/0"]),
      "RevokeSecurityGroupIngress",
      "InvalidPermission.NotFound",
      "The specified rule does not exist in this security group.",
    );
    expectAwsError(
      await ec2(["authorize-security-group-ingress", "--group-id", web, "--protocol", "tcp", "--port", "all", "--cidr", "10.1.0.0/16"]),
      "AuthorizeSecurityGroupIngress",
      "InvalidPermission.Malformed",
      "TCP/UDP port (-1) out of range",
    );
    expectAwsError(
      await ec2(["authorize-security-group-ingress", "--group-id", web, "--protocol", "tcp", "--port", "22", "--cidr", "10.1.0.0"]),
      "AuthorizeSecurityGroupIngress",
      "InvalidParameterValue",
      "CIDR block 10.1.0.0 is malformed",
    );
    expectAwsError(
      await ec2(["authorize-security-group-ingress", "--group-name", "web", "--protocol", "tcp", "--port", "22", "--cidr", "10.1.0.0/16"]),
      "AuthorizeSecurityGroupIngress",
      "VPCIdNotSpecified",
      "No default VPC for this user",
    );
    expect(await ok(["describe-security-groups", "--group-ids", web, "--query", "SecurityGroups[0].IpPermissions"])).toEqual(described);

    // Revoke: the shorthand and the JSON, each removing exactly its rule.
    const revoked = await ok(["revoke-security-group-ingress", "--group-id", web, "--protocol", "tcp", "--port", "80", "--cidr", "0.0.0.0/0"]);
    expect(revoked).toEqual({
      Return: true,
      RevokedSecurityGroupRules: [
        { SecurityGroupRuleId: shorthand.SecurityGroupRules[0].SecurityGroupRuleId, GroupId: web, IsEgress: false, IpProtocol: "tcp", FromPort: 80, ToPort: 80, CidrIpv4: "0.0.0.0/0" },
      ],
    });
    await ok(["revoke-security-group-ingress", "--group-id", web, "--ip-permissions", JSON.stringify([{ IpProtocol: "tcp", FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: "10.0.0.0/16" }] }])]);
    expect(await ok(["describe-security-groups", "--group-ids", web, "--query", "SecurityGroups[0].IpPermissions[].FromPort"])).toEqual([8080]);

    // Egress: the group's default all-traffic rule can be revoked and granted again.
    await ok(["revoke-security-group-egress", "--group-id", web, "--ip-permissions", JSON.stringify([{ IpProtocol: "-1", IpRanges: [{ CidrIp: "0.0.0.0/0" }] }])]);
    expect(await ok(["describe-security-groups", "--group-ids", web, "--query", "SecurityGroups[0].IpPermissionsEgress"])).toEqual([]);
    await ok(["authorize-security-group-egress", "--group-id", web, "--protocol", "tcp", "--port", "443", "--cidr", "0.0.0.0/0"]);
  });

  test("create-security-group twice, delete the default group, delete a referenced group: AWS's lines", async () => {
    const net = networkOf(alice);
    expectAwsError(
      await ec2(["create-security-group", "--group-name", "WEB", "--description", "again", "--vpc-id", net.vpcId]),
      "CreateSecurityGroup",
      "InvalidGroup.Duplicate",
      `The security group 'WEB' already exists for VPC '${net.vpcId}'`,
    );
    expectAwsError(await ec2(["create-security-group", "--group-name", "nowhere", "--description", "no VPC"]), "CreateSecurityGroup", "VPCIdNotSpecified", "No default VPC for this user");
    expectAwsError(
      await ec2(["delete-security-group", "--group-id", net.securityGroupIds.default]),
      "DeleteSecurityGroup",
      "CannotDelete",
      `the specified group: "${net.securityGroupIds.default}" name: "default" cannot be deleted by a user`,
    );
    expectAwsError(
      await ec2(["delete-security-group", "--group-id", net.securityGroupIds.alb]),
      "DeleteSecurityGroup",
      "DependencyViolation",
      `resource ${net.securityGroupIds.alb} has a dependent object`,
    );
    const temp = (await ok(["create-security-group", "--group-name", "temp", "--description", "to delete", "--vpc-id", net.vpcId])).GroupId;
    expect(await ok(["delete-security-group", "--group-id", temp])).toEqual({ Return: true, GroupId: temp });
    expectAwsError(await ec2(["delete-security-group", "--group-id", temp]), "DeleteSecurityGroup", "InvalidGroup.NotFound", `The security group '${temp}' does not exist`);
  });
});

describe("VPC endpoints (lesson L503)", () => {
  test("the S3 gateway endpoint adds its route; an ECR endpoint must be an interface endpoint", async () => {
    const net = networkOf(alice);
    const table = net.privateRouteTableIds[0];
    const s3 = await ok(["create-vpc-endpoint", "--vpc-id", net.vpcId, "--service-name", `com.amazonaws.${REGION}.s3`, "--route-table-ids", table]);
    expect(s3.VpcEndpoint).toMatchObject({ VpcEndpointType: "Gateway", State: "available", RouteTableIds: [table], ServiceName: `com.amazonaws.${REGION}.s3` });
    expect(await ok(["describe-route-tables", "--route-table-ids", table, "--query", "RouteTables[0].Routes[1]"])).toEqual({
      DestinationPrefixListId: "pl-61a54008",
      GatewayId: s3.VpcEndpoint.VpcEndpointId,
      Origin: "CreateRoute",
      State: "active",
    });
    expectAwsError(
      await ec2(["create-vpc-endpoint", "--vpc-id", net.vpcId, "--service-name", `com.amazonaws.${REGION}.ecr.dkr`]),
      "CreateVpcEndpoint",
      "InvalidParameter",
      "Endpoint type (Gateway) does not match available service types ([Interface]).",
    );
    const dkr = await ok([
      "create-vpc-endpoint",
      "--vpc-id",
      net.vpcId,
      "--vpc-endpoint-type",
      "Interface",
      "--service-name",
      `com.amazonaws.${REGION}.ecr.dkr`,
      "--subnet-ids",
      ...net.privateSubnetIds,
      "--security-group-ids",
      net.securityGroupIds.app,
    ]);
    expect(dkr.VpcEndpoint).toMatchObject({ VpcEndpointType: "Interface", State: "pending", PrivateDnsEnabled: true, SubnetIds: net.privateSubnetIds });
    expect(await ok(["describe-vpc-endpoints", "--filters", "Name=vpc-endpoint-type,Values=Interface", "--query", "VpcEndpoints[].ServiceName"])).toEqual([
      `com.amazonaws.${REGION}.ecr.dkr`,
    ]);
  });
});

describe("two learners", () => {
  test("each has a network of their own, and cannot see or use the other's groups", async () => {
    const aliceNet = networkOf(alice);
    const bobNet = networkOf(bob);
    expect(bobNet.vpcId).not.toBe(aliceNet.vpcId);
    expect(await ok(["describe-vpcs", "--query", "Vpcs[].VpcId"], bob)).toEqual([bobNet.vpcId]);
    expect(await ok(["describe-security-groups", "--query", "SecurityGroups[].GroupName"], bob)).toEqual(["default", "sbx-alb", "sbx-app"]);
    const aliceGroups: string[] = await ok(["describe-security-groups", "--query", "SecurityGroups[].GroupId"]);
    expect(aliceGroups.length).toBeGreaterThan(3);
    const mine = aliceGroups.find((id) => !Object.values(aliceNet.securityGroupIds).includes(id))!;
    expectAwsError(await ec2(["describe-security-groups", "--group-ids", mine], bob), "DescribeSecurityGroups", "InvalidGroup.NotFound", `The security group '${mine}' does not exist`);
    expectAwsError(
      await ec2(["create-security-group", "--group-name", "web", "--description", "x", "--vpc-id", aliceNet.vpcId], bob),
      "CreateSecurityGroup",
      "InvalidVpcID.NotFound",
      `The vpc ID '${aliceNet.vpcId}' does not exist`,
    );
    expect(await ok(["describe-vpc-endpoints", "--query", "VpcEndpoints"], bob)).toEqual([]);
    // A learner's calls are recorded under their own account, with the service's name.
    expect(bob.calls.every((call) => call.accountId === bob.accountId)).toBe(true);
    expect(alice.calls.some((call) => call.service === "ec2" && call.operation === "AuthorizeSecurityGroupIngress" && call.error === undefined)).toBe(true);
  });
});
