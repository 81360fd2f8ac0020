/**
 * Fault F12 end to end with the real AWS CLI, unchanged but for the endpoint (issue 14, acceptance 2's "an AZ
 * impairment rebalances tasks"; lesson L703's game day): a Fargate service behind an ALB across the sandbox VPC's
 * three zones; DojoSandbox.ImpairAvailabilityZone (signed as the SDK signs, the CLI cannot send it); the lost zone's
 * target times out at the load balancer and ECS replaces the task in another zone; RestoreAvailabilityZone; AZ
 * rebalancing moves a task back — every text as ECS writes it, and byte-identical outputs for the same calls at the
 * same clock steps on another gateway.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createSandboxState } from "@/lib/sandbox/engine";
import { sandboxNetwork } from "@/lib/sandbox/services/ec2/network";
import { requireAwsCli } from "./support/aws-cli";
import { ok } from "./support/cli-results";
import { cliAs, dojoCall, startGatewayEndpoint, type GatewayEndpoint, type GatewayLearner } from "./support/gateway-endpoint";

const REGION = "ap-northeast-1";
const A = "ap-northeast-1a";
const START_MS = Math.floor(Date.now() / 60_000) * 60_000;

let endpoint: GatewayEndpoint;
let twin: GatewayEndpoint;
let workDir: string;

const dojo = async (on: GatewayEndpoint, learner: GatewayLearner, operation: string, input: object) => {
  const answer = await dojoCall(on, learner, operation, input, REGION);
  expect(answer.status).toBe(200);
  return answer.json;
};

beforeAll(async () => {
  await requireAwsCli();
  workDir = await mkdtemp(path.join(tmpdir(), "dojo-az-cli-"));
  endpoint = await startGatewayEndpoint({ startMs: START_MS });
  twin = await startGatewayEndpoint({ startMs: START_MS });
});

afterAll(async () => {
  await endpoint?.stop();
  await twin?.stop();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

/** The game day; returns what the describe calls answered at each step (for the determinism check). */
async function gameDay(on: GatewayEndpoint, learner: GatewayLearner) {
  const cli = cliAs(on, learner, workDir);
  const net = sandboxNetwork(createSandboxState(learner.accountId, REGION));
  const outputs: unknown[] = [];
  const lb = (await ok(cli("elbv2", ["create-load-balancer", "--name", "web-alb", "--subnets", ...net.publicSubnetIds, "--security-groups", net.securityGroupIds.alb]))).LoadBalancers[0];
  const group = (
    await ok(
      cli("elbv2", [
        "create-target-group", "--name", "web-tg", "--protocol", "HTTP", "--port", "80", "--vpc-id", net.vpcId, "--target-type", "ip",
        "--health-check-path", "/health", "--health-check-interval-seconds", "10", "--healthy-threshold-count", "2", "--unhealthy-threshold-count", "2",
      ]),
    )
  ).TargetGroups[0].TargetGroupArn as string;
  await ok(cli("elbv2", ["modify-target-group-attributes", "--target-group-arn", group, "--attributes", "Key=deregistration_delay.timeout_seconds,Value=30"]));
  await ok(cli("elbv2", ["create-listener", "--load-balancer-arn", lb.LoadBalancerArn, "--protocol", "HTTP", "--port", "80", "--default-actions", `Type=forward,TargetGroupArn=${group}`]));
  await ok(cli("ecs", ["create-cluster", "--cluster-name", "shop"]));
  const definition = path.join(workDir, `web-${learner.accountId}.json`);
  await writeFile(
    definition,
    JSON.stringify({
      family: "web",
      networkMode: "awsvpc",
      requiresCompatibilities: ["FARGATE"],
      cpu: "256",
      memory: "512",
      containerDefinitions: [{ name: "web", image: "sbx/web:1.0", essential: true, portMappings: [{ containerPort: 80 }] }],
    }),
  );
  await ok(cli("ecs", ["register-task-definition", "--cli-input-json", `file://${definition}`]));
  const network = `awsvpcConfiguration={subnets=[${net.publicSubnetIds.join(",")}],securityGroups=[${net.securityGroupIds.app}],assignPublicIp=ENABLED}`;
  const created = await ok(
    cli("ecs", [
      "create-service", "--cluster", "shop", "--service-name", "web", "--task-definition", "web", "--desired-count", "4", "--launch-type", "FARGATE",
      "--network-configuration", network, "--load-balancers", `targetGroupArn=${group},containerName=web,containerPort=80`, "--availability-zone-rebalancing", "ENABLED",
    ]),
  );
  expect(created.service.availabilityZoneRebalancing).toBe("ENABLED");
  await dojo(on, learner, "AdvanceClock", { seconds: 120 });

  const zonesOfTasks = async () => {
    const arns = (await ok(cli("ecs", ["list-tasks", "--cluster", "shop", "--service-name", "web"]))).taskArns as string[];
    const tasks = (await ok(cli("ecs", ["describe-tasks", "--cluster", "shop", "--tasks", ...arns]))).tasks as { availabilityZone: string; taskArn: string }[];
    return tasks.map((t) => t.availabilityZone).sort();
  };
  expect(await zonesOfTasks()).toEqual([A, "ap-northeast-1c", "ap-northeast-1d", "ap-northeast-1d"]);

  expect(await dojo(on, learner, "ImpairAvailabilityZone", { availabilityZone: A })).toEqual({
    availabilityZones: [
      { zoneName: A, impaired: true },
      { zoneName: "ap-northeast-1c", impaired: false },
      { zoneName: "ap-northeast-1d", impaired: false },
    ],
  });
  await dojo(on, learner, "AdvanceClock", { seconds: 15 });
  // The lost task's target: two health checks timed out.
  const health = (await ok(cli("elbv2", ["describe-target-health", "--target-group-arn", group]))).TargetHealthDescriptions as { TargetHealth: { State: string } }[];
  expect(health.map((d) => d.TargetHealth).filter((h) => h.State !== "healthy")).toEqual([{ State: "draining", Reason: "Target.DeregistrationInProgress", Description: "Target deregistration is in progress" }]);
  await dojo(on, learner, "AdvanceClock", { seconds: 165 });
  expect(await zonesOfTasks()).toEqual(["ap-northeast-1c", "ap-northeast-1c", "ap-northeast-1d", "ap-northeast-1d"]);
  const stopped = (await ok(cli("ecs", ["list-tasks", "--cluster", "shop", "--desired-status", "STOPPED"]))).taskArns as string[];
  const [lost] = (await ok(cli("ecs", ["describe-tasks", "--cluster", "shop", "--tasks", ...stopped]))).tasks;
  expect(lost).toMatchObject({ availabilityZone: A, lastStatus: "STOPPED", stopCode: "ServiceSchedulerInitiated", stoppedReason: `Task failed ELB health checks in (target-group ${group})` });
  outputs.push(lost);

  await dojo(on, learner, "RestoreAvailabilityZone", { availabilityZone: A });
  await dojo(on, learner, "AdvanceClock", { seconds: 600 });
  expect(await zonesOfTasks()).toEqual([A, "ap-northeast-1c", "ap-northeast-1d", "ap-northeast-1d"]);
  const service = (await ok(cli("ecs", ["describe-services", "--cluster", "shop", "--services", "web"]))).services[0];
  const messages = (service.events as { message: string }[]).map((e) => e.message.replace(/[0-9a-f]{32}/g, "T")).reverse();
  expect(messages.slice(-8)).toEqual([
    `service (web) is not AZ balanced with 0 tasks in ${A}, 2 in ap-northeast-1c, and 2 in ap-northeast-1d. AZ Rebalancing in progress.`,
    `web has started 1 tasks in ${A} to AZ Rebalance: (task T).`,
    "web has stopped 1 running tasks in ap-northeast-1c due to AZ rebalancing: (task T).",
    expect.stringMatching(/^\(service web, taskSet ecs-svc\/\d{19}\) has begun draining connections on 1 tasks\.$/),
    `(service web) registered 1 targets in (target-group ${group})`,
    `(service web) deregistered 1 targets in (target-group ${group})`,
    "(service web) has reached a steady state.",
    `service (web) is AZ balanced with 1 tasks in ${A}, 1 tasks in ap-northeast-1c, and 2 tasks in ap-northeast-1d.`,
  ]);
  outputs.push(service, await ok(cli("elbv2", ["describe-target-health", "--target-group-arn", group])));
  return outputs;
}

describe("an AZ impairment rebalances tasks, through the AWS CLI", () => {
  test("impair, replace elsewhere, restore, rebalance; the same steps give the same bytes on another gateway", async () => {
    const first = await gameDay(endpoint, endpoint.newLearner());
    const again = await gameDay(twin, twin.newLearner());
    expect(JSON.stringify(again)).toBe(JSON.stringify(first));
  }, 120_000);

  test("an unknown zone is refused with the zones the Region has", async () => {
    const answer = await dojoCall(endpoint, endpoint.newLearner(), "ImpairAvailabilityZone", { availabilityZone: "ap-northeast-1b" }, REGION);
    expect(answer.status).toBe(400);
    expect(answer.json).toMatchObject({
      __type: "InvalidParameterException",
      message: "availabilityZone must be one of ap-northeast-1a, ap-northeast-1c, ap-northeast-1d (the Availability Zones of ap-northeast-1).",
    });
  });
});
