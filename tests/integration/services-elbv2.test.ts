/**
 * Elastic Load Balancing v2 end to end with the real AWS CLI (v1), unchanged but for the endpoint (issue 14,
 * acceptances 1–3, the load-balancer parts): an ALB, a target group and a listener in the seeded VPC, targets whose
 * health moves on the simulated clock (describe-target-health between clock steps), an ECS service behind the ALB
 * that reaches healthy targets (`aws ecs create-service --load-balancers targetGroupArn=…,containerName=web,containerPort=80`),
 * AWS's exact error lines, refused calls that change nothing, two learners who never see each other's load balancers,
 * and the same calls at the same clock steps giving byte-identical describe outputs.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createSandboxState } from "@/lib/sandbox/engine";
import { sandboxNetwork } from "@/lib/sandbox/services/ec2/network";
import { requireAwsCli } from "./support/aws-cli";
import { ok, jsonFile } from "./support/cli-results";
import { expectAwsError } from "./support/aws-errors";
import { cliAs, startGatewayEndpoint, type GatewayEndpoint, type GatewayLearner } from "./support/gateway-endpoint";

const REGION = "ap-northeast-1";
const ARN = `arn:aws:elasticloadbalancing:${REGION}:`;

let endpoint: GatewayEndpoint;
let workDir: string;
let alice: GatewayLearner;
let bob: GatewayLearner;

const networkOf = (learner: GatewayLearner) => sandboxNetwork(createSandboxState(learner.accountId, REGION));

const file = (name: string, content: unknown) => jsonFile(workDir, name, content);

/** An ALB in two public subnets with sbx-alb, an ip target group (health check on /health every 10 s), an HTTP:80 listener. */
async function albWithTargetGroup(cli: ReturnType<typeof cliAs>, learner: GatewayLearner, name: string) {
  const net = networkOf(learner);
  const lb = (await ok(cli("elbv2", ["create-load-balancer", "--name", `${name}-alb`, "--subnets", ...net.publicSubnetIds.slice(0, 2), "--security-groups", net.securityGroupIds.alb]))).LoadBalancers[0];
  const tg = (
    await ok(
      cli("elbv2", [
        "create-target-group", "--name", `${name}-tg`, "--protocol", "HTTP", "--port", "80", "--vpc-id", net.vpcId, "--target-type", "ip",
        "--health-check-path", "/health", "--health-check-interval-seconds", "10", "--healthy-threshold-count", "2",
      ]),
    )
  ).TargetGroups[0];
  const listener = (
    await ok(cli("elbv2", ["create-listener", "--load-balancer-arn", lb.LoadBalancerArn, "--protocol", "HTTP", "--port", "80", "--default-actions", `Type=forward,TargetGroupArn=${tg.TargetGroupArn}`]))
  ).Listeners[0];
  return { net, lb, tg, listener };
}

beforeAll(async () => {
  await requireAwsCli();
  workDir = await mkdtemp(path.join(tmpdir(), "dojo-elbv2-cli-"));
  endpoint = await startGatewayEndpoint();
  alice = endpoint.newLearner();
  bob = endpoint.newLearner();
});

afterAll(async () => {
  await endpoint?.stop();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

describe("load balancer, target group, listener", () => {
  test("create-load-balancer, create-target-group and create-listener answer as AWS does", async () => {
    const cli = cliAs(endpoint, alice, workDir);
    const net = networkOf(alice);
    const lb = await ok(cli("elbv2", ["create-load-balancer", "--name", "shop-alb", "--subnets", net.publicSubnetIds[0], net.publicSubnetIds[1], "--security-groups", net.securityGroupIds.alb]));
    expect(lb).toEqual({
      LoadBalancers: [
        {
          LoadBalancerArn: expect.stringMatching(new RegExp(`^${ARN}${alice.accountId}:loadbalancer/app/shop-alb/[0-9a-f]{16}$`)),
          DNSName: expect.stringMatching(/^shop-alb-\d{10}\.ap-northeast-1\.elb\.amazonaws\.com$/),
          CanonicalHostedZoneId: "Z14GRHDCWA56QT",
          CreatedTime: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
          LoadBalancerName: "shop-alb",
          Scheme: "internet-facing",
          VpcId: net.vpcId,
          State: { Code: "provisioning" },
          Type: "application",
          AvailabilityZones: [
            { ZoneName: "ap-northeast-1a", SubnetId: net.publicSubnetIds[0], LoadBalancerAddresses: [] },
            { ZoneName: "ap-northeast-1c", SubnetId: net.publicSubnetIds[1], LoadBalancerAddresses: [] },
          ],
          SecurityGroups: [net.securityGroupIds.alb],
          IpAddressType: "ipv4",
        },
      ],
    });
    const tg = await ok(cli("elbv2", ["create-target-group", "--name", "shop-tg", "--protocol", "HTTP", "--port", "80", "--vpc-id", net.vpcId, "--target-type", "ip"]));
    expect(tg).toEqual({
      TargetGroups: [
        {
          TargetGroupArn: expect.stringMatching(new RegExp(`^${ARN}${alice.accountId}:targetgroup/shop-tg/[0-9a-f]{16}$`)),
          TargetGroupName: "shop-tg",
          Protocol: "HTTP",
          Port: 80,
          VpcId: net.vpcId,
          HealthCheckProtocol: "HTTP",
          HealthCheckPort: "traffic-port",
          HealthCheckEnabled: true,
          HealthCheckIntervalSeconds: 30,
          HealthCheckTimeoutSeconds: 5,
          HealthyThresholdCount: 5,
          UnhealthyThresholdCount: 2,
          HealthCheckPath: "/",
          Matcher: { HttpCode: "200" },
          LoadBalancerArns: [],
          TargetType: "ip",
          ProtocolVersion: "HTTP1",
          IpAddressType: "ipv4",
        },
      ],
    });
    const tgArn = tg.TargetGroups[0].TargetGroupArn;
    const lbArn = lb.LoadBalancers[0].LoadBalancerArn;
    const listener = await ok(cli("elbv2", ["create-listener", "--load-balancer-arn", lbArn, "--protocol", "HTTP", "--port", "80", "--default-actions", `Type=forward,TargetGroupArn=${tgArn}`]));
    const forward = { Type: "forward", TargetGroupArn: tgArn, ForwardConfig: { TargetGroups: [{ TargetGroupArn: tgArn, Weight: 1 }], TargetGroupStickinessConfig: { Enabled: false } } };
    expect(listener).toEqual({
      Listeners: [
        {
          ListenerArn: expect.stringMatching(new RegExp(`^${ARN}${alice.accountId}:listener/app/shop-alb/${lbArn.split("/").pop()}/[0-9a-f]{16}$`)),
          LoadBalancerArn: lbArn,
          Port: 80,
          Protocol: "HTTP",
          DefaultActions: [forward],
        },
      ],
    });
    expect((await ok(cli("elbv2", ["describe-target-groups", "--names", "shop-tg"]))).TargetGroups[0].LoadBalancerArns).toEqual([lbArn]);
    const rules = await ok(cli("elbv2", ["describe-rules", "--listener-arn", listener.Listeners[0].ListenerArn]));
    expect(rules.Rules).toEqual([{ RuleArn: expect.stringContaining(":listener-rule/app/shop-alb/"), Priority: "default", Conditions: [], Actions: [forward], IsDefault: true }]);
    const attributes = await ok(cli("elbv2", ["describe-target-group-attributes", "--target-group-arn", tgArn]));
    expect(attributes.Attributes).toContainEqual({ Key: "deregistration_delay.timeout_seconds", Value: "300" });
    endpoint.tick(60);
    expect((await ok(cli("elbv2", ["describe-load-balancers", "--names", "shop-alb"]))).LoadBalancers[0].State).toEqual({ Code: "active" });
  });

  test("register-targets: describe-target-health moves from unused to initial to unhealthy over clock steps", async () => {
    const cli = cliAs(endpoint, alice, workDir);
    const net = networkOf(alice);
    const tg = (await ok(cli("elbv2", ["create-target-group", "--name", "probe-tg", "--protocol", "HTTP", "--port", "80", "--vpc-id", net.vpcId, "--target-type", "ip"]))).TargetGroups[0];
    await ok(cli("elbv2", ["register-targets", "--target-group-arn", tg.TargetGroupArn, "--targets", "Id=10.0.0.10"]));
    const health = async () => (await ok(cli("elbv2", ["describe-target-health", "--target-group-arn", tg.TargetGroupArn]))).TargetHealthDescriptions;
    const override = { State: "no_override", Reason: "AdministrativeOverride.NoOverride", Description: "No override is currently active on target" };
    expect(await health()).toEqual([
      {
        Target: { Id: "10.0.0.10", Port: 80, AvailabilityZone: "ap-northeast-1a" },
        HealthCheckPort: "80",
        TargetHealth: { State: "unused", Reason: "Target.NotInUse", Description: "Target group is not configured to receive traffic from the load balancer" },
        AdministrativeOverride: override,
      },
    ]);
    const lb = (await ok(cli("elbv2", ["create-load-balancer", "--name", "probe-alb", "--subnets", ...net.publicSubnetIds]))).LoadBalancers[0];
    await ok(cli("elbv2", ["create-listener", "--load-balancer-arn", lb.LoadBalancerArn, "--protocol", "HTTP", "--port", "8080", "--default-actions", `Type=forward,TargetGroupArn=${tg.TargetGroupArn}`]));
    const states: unknown[] = [];
    for (const step of [0, 10, 30]) {
      endpoint.tick(step);
      states.push((await health())[0].TargetHealth);
    }
    expect(states).toEqual([
      { State: "initial", Reason: "Elb.RegistrationInProgress", Description: "Target registration is in progress" },
      { State: "initial", Reason: "Elb.InitialHealthChecking", Description: "Initial health checks in progress" },
      // Nothing answers at that address: the two checks (default UnhealthyThresholdCount) time out.
      { State: "unhealthy", Reason: "Target.Timeout", Description: "Request timed out" },
    ]);
    expect((await ok(cli("elbv2", ["describe-target-health", "--target-group-arn", tg.TargetGroupArn, "--targets", "Id=10.0.0.11,Port=80"]))).TargetHealthDescriptions[0].TargetHealth).toEqual({
      State: "unused",
      Reason: "Target.NotRegistered",
      Description: "Target is not registered to the target group",
    });
    await ok(cli("elbv2", ["modify-target-group-attributes", "--target-group-arn", tg.TargetGroupArn, "--attributes", "Key=deregistration_delay.timeout_seconds,Value=20"]));
    await ok(cli("elbv2", ["deregister-targets", "--target-group-arn", tg.TargetGroupArn, "--targets", "Id=10.0.0.10"]));
    expect((await health())[0].TargetHealth).toEqual({ State: "draining", Reason: "Target.DeregistrationInProgress", Description: "Target deregistration is in progress" });
    endpoint.tick(19);
    expect((await health())[0].TargetHealth.State).toBe("draining");
    endpoint.tick(1);
    expect(await health()).toEqual([]);
  });
});

describe("a service behind the ALB", () => {
  test("create-service --load-balancers: the tasks register, their targets turn healthy, the deployment completes", async () => {
    const cli = cliAs(endpoint, alice, workDir);
    const { net, tg } = await albWithTargetGroup(cli, alice, "web");
    await ok(cli("ecs", ["create-cluster", "--cluster-name", "shop"]));
    const definition = await file("web.json", {
      family: "web",
      networkMode: "awsvpc",
      requiresCompatibilities: ["FARGATE"],
      cpu: "256",
      memory: "512",
      containerDefinitions: [{ name: "web", image: "sbx/web:1.0", essential: true, portMappings: [{ containerPort: 80 }] }],
    });
    await ok(cli("ecs", ["register-task-definition", "--cli-input-json", definition]));
    const network = `awsvpcConfiguration={subnets=[${net.publicSubnetIds.join(",")}],securityGroups=[${net.securityGroupIds.app}],assignPublicIp=ENABLED}`;
    const created = await ok(
      cli("ecs", [
        "create-service", "--cluster", "shop", "--service-name", "web", "--task-definition", "web", "--desired-count", "2", "--launch-type", "FARGATE",
        "--network-configuration", network, "--load-balancers", `targetGroupArn=${tg.TargetGroupArn},containerName=web,containerPort=80`,
      ]),
    );
    expect(created.service.loadBalancers).toEqual([{ targetGroupArn: tg.TargetGroupArn, containerName: "web", containerPort: 80 }]);
    const health = async () =>
      (await ok(cli("elbv2", ["describe-target-health", "--target-group-arn", tg.TargetGroupArn]))).TargetHealthDescriptions.map(
        (d: { TargetHealth: { State: string } }) => d.TargetHealth.State,
      );
    endpoint.tick(30);
    expect(await health()).toEqual(["initial", "initial"]);
    endpoint.tick(30);
    expect(await health()).toEqual(["healthy", "healthy"]);
    const service = (await ok(cli("ecs", ["describe-services", "--cluster", "shop", "--services", "web"]))).services[0];
    const events = (service.events as { message: string }[]).map((e) => e.message).reverse();
    expect(events[1]).toBe(`(service web) registered 2 targets in (target-group ${tg.TargetGroupArn})`);
    expect(events.slice(2)).toEqual([expect.stringMatching(/^\(service web\) \(deployment ecs-svc\/\d{19}\) deployment completed\.$/), "(service web) has reached a steady state."]);
    expect(service.deployments[0].rolloutState).toBe("COMPLETED");
    const tasks = (await ok(cli("ecs", ["list-tasks", "--cluster", "shop", "--service-name", "web"]))).taskArns;
    const described = (await ok(cli("ecs", ["describe-tasks", "--cluster", "shop", "--tasks", ...tasks]))).tasks;
    const ips = described.map((t: { containers: { networkInterfaces: { privateIpv4Address: string }[] }[] }) => t.containers[0].networkInterfaces[0].privateIpv4Address).sort();
    const targets = (await ok(cli("elbv2", ["describe-target-health", "--target-group-arn", tg.TargetGroupArn]))).TargetHealthDescriptions.map((d: { Target: { Id: string } }) => d.Target.Id).sort();
    expect(targets).toEqual(ips);
  });
});

describe("errors, exactly as AWS words them", () => {
  test("load balancers, target groups and listeners", async () => {
    const cli = cliAs(endpoint, alice, workDir);
    const net = networkOf(alice);
    expectAwsError(
      await cli("elbv2", ["create-load-balancer", "--name", "lonely-alb", "--subnets", net.publicSubnetIds[0]]),
      "CreateLoadBalancer",
      "ValidationError",
      "At least two subnets in two different Availability Zones must be specified",
    );
    expectAwsError(
      await cli("elbv2", ["create-load-balancer", "--name", "twin-alb", "--subnets", net.publicSubnetIds[0], net.privateSubnetIds[0]]),
      "CreateLoadBalancer",
      "InvalidConfigurationRequest",
      "A load balancer cannot be attached to multiple subnets in the same Availability Zone",
    );
    const { lb, tg } = await albWithTargetGroup(cli, alice, "err");
    expectAwsError(
      await cli("elbv2", ["create-load-balancer", "--name", "err-alb", "--subnets", ...net.publicSubnetIds]),
      "CreateLoadBalancer",
      "DuplicateLoadBalancerName",
      "A load balancer with the same name 'err-alb' exists, but with different settings",
    );
    expectAwsError(
      await cli("elbv2", ["create-listener", "--load-balancer-arn", lb.LoadBalancerArn, "--protocol", "HTTP", "--port", "80", "--default-actions", `Type=forward,TargetGroupArn=${tg.TargetGroupArn}`]),
      "CreateListener",
      "DuplicateListener",
      `A listener already exists on this port for this load balancer '${lb.LoadBalancerArn}'`,
    );
    expectAwsError(
      await cli("elbv2", ["delete-target-group", "--target-group-arn", tg.TargetGroupArn]),
      "DeleteTargetGroup",
      "ResourceInUse",
      `Target group '${tg.TargetGroupArn}' is currently in use by a listener or a rule`,
    );
    expectAwsError(
      await cli("elbv2", ["create-target-group", "--name", "slow-tg", "--protocol", "HTTP", "--port", "80", "--vpc-id", net.vpcId, "--health-check-interval-seconds", "5", "--health-check-timeout-seconds", "5"]),
      "CreateTargetGroup",
      "ValidationError",
      "Health check interval must be greater than the timeout.",
    );
    expectAwsError(
      await cli("elbv2", ["describe-target-health", "--target-group-arn", `${ARN}${alice.accountId}:targetgroup/nope/0123456789abcdef`]),
      "DescribeTargetHealth",
      "TargetGroupNotFound",
      "One or more target groups not found",
    );
    expectAwsError(await cli("elbv2", ["describe-load-balancers", "--names", "nope"]), "DescribeLoadBalancers", "LoadBalancerNotFound", "Load balancers '[nope]' not found");
    expectAwsError(
      await cli("elbv2", ["register-targets", "--target-group-arn", tg.TargetGroupArn, "--targets", "Id=192.168.1.10"]),
      "RegisterTargets",
      "ValidationError",
      "The Availability Zone is required for IP address '192.168.1.10' because it is not in the VPC",
    );
  });

  test("create-service refuses target groups ECS cannot use", async () => {
    const cli = cliAs(endpoint, alice, workDir);
    const net = networkOf(alice);
    await ok(cli("ecs", ["create-cluster", "--cluster-name", "errs"]));
    await ok(
      cli("ecs", [
        "register-task-definition", "--family", "api", "--network-mode", "awsvpc", "--requires-compatibilities", "FARGATE", "--cpu", "256", "--memory", "512",
        "--container-definitions", '[{"name":"web","image":"sbx/web:1.0","portMappings":[{"containerPort":80}]}]',
      ]),
    );
    const instanceTg = (await ok(cli("elbv2", ["create-target-group", "--name", "inst-tg", "--protocol", "HTTP", "--port", "80", "--vpc-id", net.vpcId]))).TargetGroups[0].TargetGroupArn;
    const network = `awsvpcConfiguration={subnets=[${net.publicSubnetIds[0]}],assignPublicIp=ENABLED}`;
    const create = (targetGroupArn: string, container = "web", port = 80) =>
      cli("ecs", [
        "create-service", "--cluster", "errs", "--service-name", "api", "--task-definition", "api", "--desired-count", "1", "--launch-type", "FARGATE",
        "--network-configuration", network, "--load-balancers", `targetGroupArn=${targetGroupArn},containerName=${container},containerPort=${port}`,
      ]);
    expectAwsError(await create(instanceTg), "CreateService", "InvalidParameterException", `The target group with targetGroupArn ${instanceTg} does not have an associated load balancer.`);
    const lb = (await ok(cli("elbv2", ["create-load-balancer", "--name", "inst-alb", "--subnets", ...net.publicSubnetIds]))).LoadBalancers[0];
    await ok(cli("elbv2", ["create-listener", "--load-balancer-arn", lb.LoadBalancerArn, "--protocol", "HTTP", "--port", "80", "--default-actions", `Type=forward,TargetGroupArn=${instanceTg}`]));
    expectAwsError(
      await create(instanceTg),
      "CreateService",
      "InvalidParameterException",
      `The provided target group ${instanceTg} has target type instance, which is incompatible with the awsvpc network mode specified in the task definition.`,
    );
    const ipTg = (await ok(cli("elbv2", ["create-target-group", "--name", "ip-tg", "--protocol", "HTTP", "--port", "80", "--vpc-id", net.vpcId, "--target-type", "ip"]))).TargetGroups[0].TargetGroupArn;
    await ok(cli("elbv2", ["create-listener", "--load-balancer-arn", lb.LoadBalancerArn, "--protocol", "HTTP", "--port", "8080", "--default-actions", `Type=forward,TargetGroupArn=${ipTg}`]));
    expectAwsError(await create(ipTg, "web", 8080), "CreateService", "InvalidParameterException", "The container web did not have a container port 8080 defined.");
    expectAwsError(
      await create(`${ARN}${alice.accountId}:targetgroup/gone/0123456789abcdef`),
      "CreateService",
      "InvalidParameterException",
      "Unable to assume role and validate the specified targetGroupArn. Please verify that the ECS service role being passed has the proper permissions.",
    );
    // None of these left a service behind.
    expect((await ok(cli("ecs", ["list-services", "--cluster", "errs"]))).serviceArns).toEqual([]);
  });

  test("a refused call changes nothing", async () => {
    const cli = cliAs(endpoint, alice, workDir);
    const before = await ok(cli("elbv2", ["describe-load-balancers"]));
    const lb = before.LoadBalancers[0];
    const listeners = await ok(cli("elbv2", ["describe-listeners", "--load-balancer-arn", lb.LoadBalancerArn]));
    expect((await cli("elbv2", ["create-listener", "--load-balancer-arn", lb.LoadBalancerArn, "--protocol", "TCP", "--port", "81", "--default-actions", "Type=fixed-response,FixedResponseConfig={StatusCode=200}"])).code).toBe(255);
    expect((await cli("elbv2", ["create-load-balancer", "--name", "half-alb", "--subnets", networkOf(alice).publicSubnetIds[0]])).code).toBe(255);
    expect(await ok(cli("elbv2", ["describe-load-balancers"]))).toEqual(before);
    expect(await ok(cli("elbv2", ["describe-listeners", "--load-balancer-arn", lb.LoadBalancerArn]))).toEqual(listeners);
  });
});

describe("isolation and determinism", () => {
  test("another learner sees none of alice's load balancers or target groups", async () => {
    const cli = cliAs(endpoint, bob, workDir);
    expect(await ok(cli("elbv2", ["describe-load-balancers"]))).toEqual({ LoadBalancers: [] });
    expect(await ok(cli("elbv2", ["describe-target-groups"]))).toEqual({ TargetGroups: [] });
    const alicesGroup = (await ok(cliAs(endpoint, alice, workDir)("elbv2", ["describe-target-groups", "--names", "shop-tg"]))).TargetGroups[0].TargetGroupArn;
    expectAwsError(await cli("elbv2", ["describe-target-health", "--target-group-arn", alicesGroup]), "DescribeTargetHealth", "TargetGroupNotFound", "One or more target groups not found");
  });

  test("the same calls at the same clock steps give byte-identical describe outputs", async () => {
    const startMs = Date.now();
    const run = async () => {
      const own = await startGatewayEndpoint({ startMs });
      try {
        const learner = own.newLearner();
        const cli = cliAs(own, learner, workDir);
        const { tg, lb } = await albWithTargetGroup(cli, learner, "same");
        await ok(cli("elbv2", ["register-targets", "--target-group-arn", tg.TargetGroupArn, "--targets", "Id=10.0.0.20", "Id=10.0.16.20,Port=8080"]));
        const outputs: string[] = [];
        for (const step of [0, 10, 10, 20]) {
          own.tick(step);
          outputs.push((await cli("elbv2", ["describe-target-health", "--target-group-arn", tg.TargetGroupArn])).stdout);
          outputs.push((await cli("elbv2", ["describe-load-balancers", "--load-balancer-arns", lb.LoadBalancerArn])).stdout);
        }
        outputs.push((await cli("elbv2", ["describe-target-groups"])).stdout);
        return outputs.join("\n");
      } finally {
        await own.stop();
      }
    };
    const first = await run();
    expect(first).toContain('"State": "unhealthy"');
    expect(await run()).toBe(first);
  });
});
