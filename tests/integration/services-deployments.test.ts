/**
 * Deployments as in 2026 with the real AWS CLI (v1), unchanged but for the endpoint (issue 14, acceptance 1): a
 * BLUE_GREEN deployment with a pause hook waits AWAITING_ACTION until `aws ecs continue-service-deployment`, then moves
 * production traffic (the listener rule's weights, as `aws elbv2 describe-rules` shows them) and completes; a CANARY
 * deployment of a failing revision rolls back on its CloudWatch alarm; `describe-service-revisions` and
 * `stop-service-deployment`, and AWS's error lines.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { createSandboxState } from "@/lib/sandbox/engine";
import { sandboxNetwork } from "@/lib/sandbox/services/ec2/network";
import { requireAwsCli } from "./support/aws-cli";
import { ok, jsonFile } from "./support/cli-results";
import { expectAwsError } from "./support/aws-errors";
import { cliAs, dojoCall, startGatewayEndpoint, type GatewayEndpoint, type GatewayLearner } from "./support/gateway-endpoint";

const REGION = "ap-northeast-1";

let endpoint: GatewayEndpoint;
let workDir: string;

const file = (name: string, content: unknown) => jsonFile(workDir, name, content);

/**
 * What a learner builds for blue/green: an ALB in every public subnet (a target in a zone the load balancer does not
 * serve would stay `unused`), two ip target groups, a listener whose rule forwards to both (100/0), a
 * cluster with web:1 (sbx/web:1), web:2 (sbx/web:2) and web:3 (the broken sbx/web:2.2-errors), and service "web"
 * steady on the first group with the given deployment configuration.
 */
async function blueGreenService(learner: GatewayLearner, deploymentConfiguration: object) {
  const cli = cliAs(endpoint, learner, workDir);
  const net = sandboxNetwork(createSandboxState(learner.accountId, REGION));
  const lb = (await ok(cli("elbv2", ["create-load-balancer", "--name", "web-alb", "--subnets", ...net.publicSubnetIds, "--security-groups", net.securityGroupIds.alb]))).LoadBalancers[0];
  const group = async (name: string) =>
    (
      await ok(
        cli("elbv2", ["create-target-group", "--name", name, "--protocol", "HTTP", "--port", "80", "--vpc-id", net.vpcId, "--target-type", "ip", "--health-check-interval-seconds", "10", "--healthy-threshold-count", "2"]),
      )
    ).TargetGroups[0].TargetGroupArn as string;
  const blue = await group("web-blue");
  const green = await group("web-green");
  const forward = await file("forward.json", [{ Type: "forward", ForwardConfig: { TargetGroups: [{ TargetGroupArn: blue, Weight: 100 }, { TargetGroupArn: green, Weight: 0 }] } }]);
  const listener = (await ok(cli("elbv2", ["create-listener", "--load-balancer-arn", lb.LoadBalancerArn, "--protocol", "HTTP", "--port", "80", "--default-actions", forward]))).Listeners[0].ListenerArn;
  const rule = (await ok(cli("elbv2", ["create-rule", "--listener-arn", listener, "--priority", "10", "--conditions", "Field=path-pattern,Values=/*", "--actions", forward]))).Rules[0].RuleArn as string;
  await ok(cli("ecs", ["create-cluster", "--cluster-name", "shop"]));
  for (const image of ["sbx/web:1", "sbx/web:2", "sbx/web:2.2-errors"]) {
    const definition = await file("web.json", {
      family: "web",
      networkMode: "awsvpc",
      requiresCompatibilities: ["FARGATE"],
      cpu: "256",
      memory: "512",
      containerDefinitions: [{ name: "web", image, essential: true, portMappings: [{ containerPort: 80 }] }],
    });
    await ok(cli("ecs", ["register-task-definition", "--cli-input-json", definition]));
  }
  const service = await file("service.json", {
    cluster: "shop",
    serviceName: "web",
    taskDefinition: "web:1",
    desiredCount: 2,
    launchType: "FARGATE",
    networkConfiguration: { awsvpcConfiguration: { subnets: net.publicSubnetIds, securityGroups: [net.securityGroupIds.app], assignPublicIp: "ENABLED" } },
    loadBalancers: [
      {
        targetGroupArn: blue,
        containerName: "web",
        containerPort: 80,
        advancedConfiguration: { alternateTargetGroupArn: green, productionListenerRule: rule, roleArn: `arn:aws:iam::${learner.accountId}:role/ecsInfrastructureRoleForLoadBalancers` },
      },
    ],
    deploymentConfiguration,
  });
  await ok(cli("ecs", ["create-service", "--cli-input-json", service]));
  endpoint.tick(60);
  const weights = async () =>
    ((await ok(cli("elbv2", ["describe-rules", "--rule-arns", rule]))).Rules[0].Actions[0].ForwardConfig.TargetGroups as { TargetGroupArn: string; Weight: number }[]).map(
      (g) => `${g.TargetGroupArn === blue ? "blue" : "green"}:${g.Weight}`,
    );
  const latest = async () => {
    const arn = (await ok(cli("ecs", ["list-service-deployments", "--cluster", "shop", "--service", "web"]))).serviceDeployments[0].serviceDeploymentArn as string;
    return (await ok(cli("ecs", ["describe-service-deployments", "--service-deployment-arns", arn]))).serviceDeployments[0];
  };
  return { cli, blue, green, rule, weights, latest };
}

beforeAll(async () => {
  await requireAwsCli();
  workDir = await mkdtemp(path.join(tmpdir(), "dojo-deployments-cli-"));
});

// Each test has its own gateway: its clock moves many minutes ahead, and the CLI signs with the wall clock (a request
// signed more than 15 minutes before the sandbox's now is refused, as AWS refuses it).
beforeEach(async () => {
  endpoint = await startGatewayEndpoint();
});

afterEach(async () => {
  await endpoint?.stop();
});

afterAll(async () => {
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

describe("BLUE_GREEN with a pause hook", () => {
  test("the deployment waits AWAITING_ACTION; continue-service-deployment moves production traffic; blue drains after the bake", async () => {
    const env = await blueGreenService(endpoint.newLearner(), {
      strategy: "BLUE_GREEN",
      bakeTimeInMinutes: 1,
      lifecycleHooks: [{ targetType: "PAUSE", lifecycleStages: ["POST_SCALE_UP"] }],
    });
    expect(await env.weights()).toEqual(["blue:100", "green:0"]);
    await ok(env.cli("ecs", ["update-service", "--cluster", "shop", "--service", "web", "--task-definition", "web:2"]));
    endpoint.tick(60);
    const paused = await env.latest();
    expect(paused).toMatchObject({ status: "IN_PROGRESS", lifecycleStage: "POST_SCALE_UP", lifecycleHookDetails: [{ targetType: "PAUSE", status: "AWAITING_ACTION", timeoutAction: "ROLLBACK" }] });
    const green = (await ok(env.cli("elbv2", ["describe-target-health", "--target-group-arn", env.green]))).TargetHealthDescriptions.map((d: { TargetHealth: { State: string } }) => d.TargetHealth.State);
    expect(green).toEqual(["healthy", "healthy"]);
    endpoint.tick(120);
    expect([(await env.latest()).lifecycleStage, await env.weights()]).toEqual(["POST_SCALE_UP", ["blue:100", "green:0"]]);

    expectAwsError(
      await env.cli("ecs", ["continue-service-deployment", "--service-deployment-arn", paused.serviceDeploymentArn, "--hook-id", "nope"]),
      "ContinueServiceDeployment",
      "InvalidParameterException",
      "The lifecycle hook nope is not awaiting an action.",
    );
    const answer = await ok(env.cli("ecs", ["continue-service-deployment", "--service-deployment-arn", paused.serviceDeploymentArn, "--hook-id", paused.lifecycleHookDetails[0].hookId]));
    expect(answer).toEqual({ serviceDeploymentArn: paused.serviceDeploymentArn });
    expect(await env.weights()).toEqual(["blue:0", "green:100"]);
    expect(await env.latest()).toMatchObject({ lifecycleStage: "BAKE_TIME", status: "IN_PROGRESS" });
    endpoint.tick(60);
    expect(await env.latest()).toMatchObject({ lifecycleStage: "CLEAN_UP", status: "SUCCESSFUL" });
    // Blue's targets drain for the target groups' default deregistration delay, 300 s, before its tasks stop.
    endpoint.tick(360);
    const service = (await ok(env.cli("ecs", ["describe-services", "--cluster", "shop", "--services", "web"]))).services[0];
    expect(service.deployments.map((d: { status: string; rolloutState: string; taskDefinition: string }) => [d.status, d.rolloutState, d.taskDefinition.split("/").pop()])).toEqual([["PRIMARY", "COMPLETED", "web:2"]]);
    const revisions = await ok(env.cli("ecs", ["describe-service-revisions", "--service-revision-arns", paused.targetServiceRevision.arn]));
    expect(revisions.serviceRevisions[0].resolvedConfiguration).toEqual({ loadBalancers: [{ targetGroupArn: env.green, productionListenerRule: env.rule }] });
    expectAwsError(
      await env.cli("ecs", ["stop-service-deployment", "--service-deployment-arn", paused.serviceDeploymentArn, "--stop-type", "ROLLBACK"]),
      "StopServiceDeployment",
      "ConflictException",
      "The service deployment cannot be stopped because its status is SUCCESSFUL.",
    );
  });
});

describe("CANARY of a failing revision", () => {
  test("its alarm on the green group's 5xx count fires during the canary bake: traffic returns to blue, ROLLBACK_SUCCESSFUL", async () => {
    const learner = endpoint.newLearner();
    const env = await blueGreenService(learner, {
      strategy: "CANARY",
      canaryConfiguration: { canaryPercent: 20, canaryBakeTimeInMinutes: 10 },
      alarms: { alarmNames: ["web-green-5xx"], enable: true, rollback: true },
    });
    const greenDimension = `targetgroup/${env.green.split(":targetgroup/")[1]}`;
    await ok(
      env.cli("cloudwatch", [
        "put-metric-alarm", "--alarm-name", "web-green-5xx", "--namespace", "AWS/ApplicationELB", "--metric-name", "HTTPCode_Target_5XX_Count",
        "--dimensions", `Name=TargetGroup,Value=${greenDimension}`, "--statistic", "Sum", "--period", "60", "--evaluation-periods", "1",
        "--threshold", "200", "--comparison-operator", "GreaterThanThreshold", "--treat-missing-data", "notBreaching",
      ]),
    );
    await dojoCall(endpoint, learner, "SetLoad", { cluster: "shop", service: "web", requestsPerSecond: 100 }, REGION);
    await ok(env.cli("ecs", ["update-service", "--cluster", "shop", "--service", "web", "--task-definition", "web:3"]));
    endpoint.tick(60);
    expect(await env.weights()).toEqual(["blue:80", "green:20"]);
    expect(await env.latest()).toMatchObject({ status: "IN_PROGRESS", lifecycleStage: "PRODUCTION_TRAFFIC_SHIFT", alarms: { status: "MONITORING" } });
    endpoint.tick(180);
    expect(await env.weights()).toEqual(["blue:100", "green:0"]);
    expect(await env.latest()).toMatchObject({ status: "ROLLBACK_IN_PROGRESS" });
    // Green's targets drain for the default deregistration delay, 300 s; then blue is alone and the rollback is done.
    endpoint.tick(360);
    const entry = await env.latest();
    expect(entry).toMatchObject({ status: "ROLLBACK_SUCCESSFUL", statusReason: "ECS deployment alarms triggered: web-green-5xx.", alarms: { status: "TRIGGERED", triggeredAlarmNames: ["web-green-5xx"] } });
    const service = (await ok(env.cli("ecs", ["describe-services", "--cluster", "shop", "--services", "web"]))).services[0];
    expect([service.taskDefinition.split("/").pop(), service.runningCount]).toEqual(["web:1", 2]);
  });
});
