/**
 * Deployments as in 2026 (issue 14): BLUE_GREEN, LINEAR and CANARY move production traffic between a service's target
 * group and its alternate through the production listener rule's weights, through the lifecycle stages, with pause
 * hooks (ContinueServiceDeployment), simulated Lambda hooks, bake times, alarm-based rollback and StopServiceDeployment.
 */
import { describe, expect, test } from "vitest";
import { sandboxNetwork } from "@/lib/sandbox/services/ec2/network";
import { EngineDriver, fargateTd, T0 } from "./support/engine";

const MINUTE = 60;

interface Options {
  strategy?: "BLUE_GREEN" | "LINEAR" | "CANARY";
  extra?: Record<string, unknown>;
  desiredCount?: number;
}

/**
 * An ALB whose listener forwards to two ip target groups (blue 100, green 0), a test listener on 8080, and a Fargate
 * service "web" (web:1) with the given strategy, steady on the blue group.
 */
function blueGreenService(options: Options = {}) {
  const sandbox = new EngineDriver();
  const net = sandboxNetwork(sandbox.state);
  const lb = sandbox.elb("CreateLoadBalancer", { Name: "web-alb", Subnets: net.publicSubnetIds, SecurityGroups: [net.securityGroupIds.alb] }).LoadBalancers[0].LoadBalancerArn;
  const group = (name: string) =>
    sandbox.elb("CreateTargetGroup", { Name: name, Protocol: "HTTP", Port: 80, VpcId: net.vpcId, TargetType: "ip", HealthCheckPath: "/", HealthCheckIntervalSeconds: 10, HealthyThresholdCount: 2 }).TargetGroups[0]
      .TargetGroupArn as string;
  const blue = group("blue");
  const green = group("green");
  for (const arn of [blue, green]) sandbox.elb("ModifyTargetGroupAttributes", { TargetGroupArn: arn, Attributes: [{ Key: "deregistration_delay.timeout_seconds", Value: "30" }] });
  const forward = [{ Type: "forward", ForwardConfig: { TargetGroups: [{ TargetGroupArn: blue, Weight: 100 }, { TargetGroupArn: green, Weight: 0 }] } }];
  const listener = sandbox.elb("CreateListener", { LoadBalancerArn: lb, Protocol: "HTTP", Port: 80, DefaultActions: forward }).Listeners[0].ListenerArn;
  const production = sandbox.elb("CreateRule", { ListenerArn: listener, Priority: 1, Conditions: [{ Field: "path-pattern", Values: ["/*"] }], Actions: forward }).Rules[0].RuleArn as string;
  const testListener = sandbox.elb("CreateListener", { LoadBalancerArn: lb, Protocol: "HTTP", Port: 8080, DefaultActions: forward }).Listeners[0].ListenerArn;
  const testRule = sandbox.elb("CreateRule", { ListenerArn: testListener, Priority: 1, Conditions: [{ Field: "path-pattern", Values: ["/*"] }], Actions: forward }).Rules[0].RuleArn as string;
  sandbox.call("CreateCluster", { clusterName: "dojo" });
  for (const image of ["sbx/web:1", "sbx/web:2", "sbx/web:2.2-errors"]) {
    sandbox.call("RegisterTaskDefinition", fargateTd("web", image, {}, { name: "web", portMappings: [{ containerPort: 80 }] }));
  }
  const roleArn = "arn:aws:iam::123456789012:role/ecsInfrastructureRoleForLoadBalancers";
  sandbox.call("CreateService", {
    cluster: "dojo",
    serviceName: "web",
    taskDefinition: "web:1",
    desiredCount: options.desiredCount ?? 2,
    launchType: "FARGATE",
    networkConfiguration: { awsvpcConfiguration: { subnets: net.publicSubnetIds, securityGroups: [net.securityGroupIds.app], assignPublicIp: "ENABLED" } },
    loadBalancers: [
      { targetGroupArn: blue, containerName: "web", containerPort: 80, advancedConfiguration: { alternateTargetGroupArn: green, productionListenerRule: production, testListenerRule: testRule, roleArn } },
    ],
    deploymentConfiguration: { strategy: options.strategy ?? "BLUE_GREEN", bakeTimeInMinutes: 2, ...options.extra },
  });
  sandbox.advance(60);
  const weights = (rule = production) =>
    (sandbox.elb("DescribeRules", { RuleArns: [rule] }).Rules[0].Actions[0].ForwardConfig.TargetGroups as { TargetGroupArn: string; Weight: number }[]).map(
      (g) => `${g.TargetGroupArn === blue ? "blue" : "green"}:${g.Weight}`,
    );
  const targets = (arn: string) => (sandbox.elb("DescribeTargetHealth", { TargetGroupArn: arn }).TargetHealthDescriptions as { TargetHealth: { State: string } }[]).map((t) => t.TargetHealth.State);
  const deploymentArn = () => sandbox.call("ListServiceDeployments", { cluster: "dojo", service: "web" }).serviceDeployments[0].serviceDeploymentArn as string;
  const deployment = () => sandbox.call("DescribeServiceDeployments", { serviceDeploymentArns: [deploymentArn()] }).serviceDeployments[0];
  return { sandbox, blue, green, production, testRule, weights, targets, deployment, deploymentArn };
}

/** Advances in 5-second steps, recording each change of the deployment's lifecycle stage with the seconds it happened at. */
function stagesUntil(env: ReturnType<typeof blueGreenService>, seconds: number): string[] {
  const seen: string[] = [];
  env.sandbox.stepTo(seconds, 5, (now) => {
    const stage = env.deployment().lifecycleStage ?? "-";
    if (seen.at(-1)?.split(" ")[1] !== stage) seen.push(`${now} ${stage}`);
  });
  return seen;
}

describe("BLUE_GREEN", () => {
  test("green starts in the alternate group, a pause hook waits for ContinueServiceDeployment, traffic moves at once, blue drains after the bake", () => {
    const env = blueGreenService({
      extra: { lifecycleHooks: [{ targetType: "PAUSE", lifecycleStages: ["POST_TEST_TRAFFIC_SHIFT"], timeoutConfiguration: { timeoutInMinutes: 30, action: "ROLLBACK" } }] },
    });
    const { sandbox } = env;
    expect(env.targets(env.blue)).toEqual(["healthy", "healthy"]);
    expect(env.deployment().status).toBe("SUCCESSFUL");
    sandbox.call("UpdateService", { cluster: "dojo", service: "web", taskDefinition: "web:2" }, 60);
    const stages = stagesUntil(env, 200);
    // Green's two tasks register in the green group; the test listener rule forwards to green, then the hook pauses.
    expect(stages).toEqual(["65 SCALE_UP", "105 POST_TEST_TRAFFIC_SHIFT"]);
    expect(env.targets(env.green)).toEqual(["healthy", "healthy"]);
    expect([env.weights(), env.weights(env.testRule)]).toEqual([
      ["blue:100", "green:0"],
      ["blue:0", "green:100"],
    ]);
    const paused = env.deployment();
    expect(paused).toMatchObject({ status: "IN_PROGRESS", lifecycleStage: "POST_TEST_TRAFFIC_SHIFT" });
    expect(paused.lifecycleHookDetails).toEqual([
      { hookId: expect.stringMatching(/^[0-9a-f-]{36}$/), targetType: "PAUSE", status: "AWAITING_ACTION", expiresAt: (T0 + (105 + 30 * MINUTE) * 1000) / 1000, timeoutAction: "ROLLBACK" },
    ]);
    const service = sandbox.service("web");
    expect(service.deployments.map((d: { status: string; runningCount: number; rolloutState: string }) => [d.status, d.runningCount, d.rolloutState])).toEqual([
      ["PRIMARY", 2, "IN_PROGRESS"],
      ["ACTIVE", 2, "COMPLETED"],
    ]);

    sandbox.call("ContinueServiceDeployment", { serviceDeploymentArn: env.deploymentArn(), hookId: paused.lifecycleHookDetails[0].hookId }, 200);
    expect(env.weights()).toEqual(["blue:0", "green:100"]);
    expect(env.deployment()).toMatchObject({ lifecycleStage: "BAKE_TIME", lifecycleHookDetails: [{ status: "SUCCEEDED" }] });
    // Blue keeps running for the two-minute bake, then drains (30 s) and stops.
    sandbox.advance(200 + 2 * MINUTE - 5);
    expect(env.targets(env.blue)).toEqual(["healthy", "healthy"]);
    sandbox.advance(200 + 2 * MINUTE);
    expect(env.deployment()).toMatchObject({ status: "SUCCESSFUL", lifecycleStage: "CLEAN_UP" });
    expect(env.targets(env.blue)).toEqual(["draining", "draining"]);
    sandbox.advance(400);
    const done = sandbox.service("web");
    expect(done.deployments).toHaveLength(1);
    expect(done.deployments[0]).toMatchObject({ status: "PRIMARY", rolloutState: "COMPLETED", taskDefinition: expect.stringMatching(/web:2$/), runningCount: 2 });
    expect(sandbox.events("web").slice(-2)).toEqual([expect.stringMatching(/^\(service web\) has stopped 2 running tasks: /), "(service web) has reached a steady state."]);

    // The revision names the target group it resolved to; the next deployment goes back to the blue group.
    const revision = sandbox.call("DescribeServiceRevisions", { serviceRevisionArns: [env.deployment().targetServiceRevision.arn] }).serviceRevisions[0];
    expect(revision).toMatchObject({ taskDefinition: expect.stringMatching(/web:2$/), resolvedConfiguration: { loadBalancers: [{ targetGroupArn: env.green, productionListenerRule: env.production }] } });
  });

  test("ContinueServiceDeployment ROLLBACK returns traffic to blue and stops green; the history entry ends ROLLBACK_SUCCESSFUL", () => {
    const env = blueGreenService({ extra: { lifecycleHooks: [{ targetType: "PAUSE", lifecycleStages: ["PRE_PRODUCTION_TRAFFIC_SHIFT"] }] } });
    const { sandbox } = env;
    sandbox.call("UpdateService", { cluster: "dojo", service: "web", taskDefinition: "web:2" }, 60);
    sandbox.advance(200);
    const hookId = env.deployment().lifecycleHookDetails[0].hookId;
    expect(sandbox.error("ContinueServiceDeployment", { serviceDeploymentArn: env.deploymentArn(), hookId: "not-a-hook" }).message).toBe("The lifecycle hook not-a-hook is not awaiting an action.");
    const arn = env.deploymentArn();
    sandbox.call("ContinueServiceDeployment", { serviceDeploymentArn: arn, hookId, action: "ROLLBACK" }, 200);
    expect([env.weights(), env.weights(env.testRule)]).toEqual([
      ["blue:100", "green:0"],
      ["blue:100", "green:0"],
    ]);
    sandbox.advance(300);
    const entry = sandbox.call("DescribeServiceDeployments", { serviceDeploymentArns: [arn] }).serviceDeployments[0];
    expect(entry).toMatchObject({ status: "ROLLBACK_SUCCESSFUL", statusReason: `ECS deployment lifecycle hook ${hookId} requested a rollback.`, rollback: { reason: expect.stringMatching(/^ECS deployment circuit breaker: rolling back to deploymentId ecs-svc\/\d{19}\.$/) } });
    const service = sandbox.service("web");
    expect(service.taskDefinition).toMatch(/web:1$/);
    expect(service.deployments).toHaveLength(1);
    expect(env.targets(env.green)).toEqual([]);
    expect(env.targets(env.blue)).toEqual(["healthy", "healthy"]);
  });

  test("a Lambda hook answers with its simulated verdict: FAILED rolls the deployment back", () => {
    const fn = "arn:aws:lambda:ap-northeast-1:123456789012:function:smoke-test";
    const env = blueGreenService({
      extra: { lifecycleHooks: [{ targetType: "AWS_LAMBDA", hookTargetArn: fn, roleArn: "arn:aws:iam::123456789012:role/hook", lifecycleStages: ["POST_SCALE_UP"] }] },
    });
    env.sandbox.sandbox("SetHookVerdict", { hookTargetArn: fn, verdict: "FAILED" });
    env.sandbox.call("UpdateService", { cluster: "dojo", service: "web", taskDefinition: "web:2" }, 60);
    env.sandbox.advance(300);
    expect(env.deployment()).toMatchObject({ status: "ROLLBACK_SUCCESSFUL", lifecycleHookDetails: [{ targetType: "AWS_LAMBDA", targetArn: fn, status: "FAILED" }] });
    expect(env.weights()).toEqual(["blue:100", "green:0"]);
  });

  test("refused configurations, with what to fix", () => {
    const env = blueGreenService();
    const update = (input: Record<string, unknown>) => env.sandbox.error("UpdateService", { cluster: "dojo", service: "web", ...input }).message;
    expect(update({ deploymentConfiguration: { strategy: "BLUE_GREEN", bakeTimeInMinutes: 2, linearConfiguration: { stepPercent: 10 } } })).toBe("linearConfiguration cannot be specified for the BLUE_GREEN deployment strategy.");
    expect(update({ deploymentConfiguration: { strategy: "LINEAR", linearConfiguration: { stepPercent: 2 } } })).toBe("linearConfiguration.stepPercent must be between 3 and 100.");
    expect(update({ deploymentConfiguration: { strategy: "CANARY", canaryConfiguration: { canaryPercent: 5.05 } } })).toBe("canaryConfiguration.canaryPercent must be a multiple of 0.1.");
    expect(update({ deploymentConfiguration: { strategy: "BLUE_GREEN", lifecycleHooks: [{ targetType: "PAUSE", lifecycleStages: ["SCALE_UP"] }] } })).toBe("Invalid lifecycle stage: SCALE_UP.");
    expect(update({ loadBalancers: [{ targetGroupArn: env.blue, containerName: "web", containerPort: 80 }] })).toBe(
      "advancedConfiguration must be specified for each load balancer when the deployment strategy is BLUE_GREEN.",
    );
    expect(
      update({ loadBalancers: [{ targetGroupArn: env.blue, containerName: "web", containerPort: 80, advancedConfiguration: { alternateTargetGroupArn: env.blue, productionListenerRule: env.production, roleArn: "arn:aws:iam::123456789012:role/r" } }] }),
    ).toBe("The alternateTargetGroupArn must be different from the targetGroupArn.");
    const fresh = new EngineDriver().withFargateBasics();
    expect(fresh.error("CreateService", { cluster: "dojo", serviceName: "x", taskDefinition: "web", desiredCount: 1, launchType: "FARGATE", networkConfiguration: sandboxNetworkConfiguration(fresh), deploymentConfiguration: { strategy: "BLUE_GREEN" } }).message).toBe(
      "bakeTimeInMinutes must be specified when the deployment strategy is BLUE_GREEN.",
    );
  });
});

function sandboxNetworkConfiguration(sandbox: EngineDriver) {
  const net = sandboxNetwork(sandbox.state);
  return { awsvpcConfiguration: { subnets: net.publicSubnetIds, securityGroups: [net.securityGroupIds.app], assignPublicIp: "ENABLED" } };
}

describe("LINEAR and CANARY", () => {
  test("LINEAR moves stepPercent at a time with the step bake time between steps, none after 100 %", () => {
    const env = blueGreenService({ strategy: "LINEAR", extra: { bakeTimeInMinutes: 0, linearConfiguration: { stepPercent: 25, stepBakeTimeInMinutes: 1 } } });
    env.sandbox.call("UpdateService", { cluster: "dojo", service: "web", taskDefinition: "web:2" }, 60);
    const moves: string[] = [];
    env.sandbox.stepTo(400, 5, (now) => {
      const w = env.weights().join(" ");
      if (moves.at(-1)?.slice(moves.at(-1)!.indexOf(" ") + 1) !== w) moves.push(`${now} ${w}`);
    });
    expect(moves).toEqual(["65 blue:100 green:0", "105 blue:75 green:25", "165 blue:50 green:50", "225 blue:25 green:75", "285 blue:0 green:100"]);
    expect(env.deployment()).toMatchObject({ status: "SUCCESSFUL" });
  });

  test("CANARY of a broken build: its 5xx alarm fires during the canary bake and the deployment rolls back", () => {
    const env = blueGreenService({
      strategy: "CANARY",
      extra: { bakeTimeInMinutes: 5, canaryConfiguration: { canaryPercent: 20, canaryBakeTimeInMinutes: 10 }, alarms: { alarmNames: ["web-5xx"], enable: true, rollback: true } },
    });
    const { sandbox } = env;
    const groupDimension = (arn: string) => `targetgroup/${arn.split(":targetgroup/")[1]}`;
    sandbox.cw("PutMetricAlarm", {
      AlarmName: "web-5xx",
      Namespace: "AWS/ApplicationELB",
      MetricName: "HTTPCode_Target_5XX_Count",
      Dimensions: [{ Name: "TargetGroup", Value: groupDimension(env.green) }, { Name: "LoadBalancer", Value: "app/web-alb/x" }],
      Statistic: "Sum",
      Period: 60,
      EvaluationPeriods: 1,
      // Over 200 failed requests in a minute: the canary's first partial minute (105–120 s) stays under it.
      Threshold: 200,
      ComparisonOperator: "GreaterThanThreshold",
      TreatMissingData: "notBreaching",
    });
    sandbox.sandbox("SetLoad", { cluster: "dojo", service: "web", requestsPerSecond: 100 });
    // web:3 is the broken build (sbx/web:2.2-errors).
    sandbox.call("UpdateService", { cluster: "dojo", service: "web", taskDefinition: "web:3" }, 60);
    sandbox.advance(110);
    expect(env.weights()).toEqual(["blue:80", "green:20"]);
    expect(env.deployment()).toMatchObject({ lifecycleStage: "PRODUCTION_TRAFFIC_SHIFT", alarms: { status: "MONITORING", alarmNames: ["web-5xx"] } });
    sandbox.advance(179);
    expect([env.deployment().status, env.weights()]).toEqual(["IN_PROGRESS", ["blue:80", "green:20"]]);
    // At 180 s the alarm sums the minute before: 20 requests a second reached green and 30 % of them failed.
    sandbox.advance(180);
    expect(sandbox.cw("DescribeAlarms", { AlarmNames: ["web-5xx"] }).MetricAlarms[0]).toMatchObject({
      StateValue: "ALARM",
      StateReason:
        "Threshold Crossed: 1 out of the last 1 datapoints [360.0 (01/01/26 00:02:00)] was greater than the threshold (200.0) (minimum 1 datapoint for OK -> ALARM transition).",
    });
    expect(env.weights()).toEqual(["blue:100", "green:0"]);
    sandbox.advance(300);
    const entry = env.deployment();
    expect(entry).toMatchObject({ status: "ROLLBACK_SUCCESSFUL", statusReason: "ECS deployment alarms triggered: web-5xx.", alarms: { status: "TRIGGERED", triggeredAlarmNames: ["web-5xx"] } });
    expect(env.weights()).toEqual(["blue:100", "green:0"]);
    expect(sandbox.events("web")).toContainEqual(expect.stringMatching(/^\(service web\) \(deployment ecs-svc\/\d{19}\) deployment failed: alarm detected: web-5xx\.$/));
  });
});

describe("StopServiceDeployment", () => {
  test("a rolling deployment in progress rolls back to the last completed one; a finished one cannot be stopped", () => {
    const sandbox = new EngineDriver().withFargateBasics();
    sandbox.call("RegisterTaskDefinition", fargateTd("web", "sbx/slowstart:1", {}, { name: "web", environment: [{ name: "STARTUP_SECONDS", value: "600" }] }));
    sandbox.call("CreateService", { cluster: "dojo", serviceName: "web", taskDefinition: "web:1", desiredCount: 1, launchType: "FARGATE", networkConfiguration: sandboxNetworkConfiguration(sandbox) });
    sandbox.advance(100);
    const first = sandbox.call("ListServiceDeployments", { cluster: "dojo", service: "web" }).serviceDeployments[0].serviceDeploymentArn;
    expect(sandbox.error("StopServiceDeployment", { serviceDeploymentArn: first, stopType: "ROLLBACK" })).toMatchObject({ type: "ConflictException", message: "The service deployment cannot be stopped because its status is SUCCESSFUL." });
    sandbox.call("UpdateService", { cluster: "dojo", service: "web", taskDefinition: "web:2" }, 100);
    const second = sandbox.call("ListServiceDeployments", { cluster: "dojo", service: "web" }).serviceDeployments[0].serviceDeploymentArn;
    sandbox.call("StopServiceDeployment", { serviceDeploymentArn: second, stopType: "ROLLBACK" }, 120);
    expect(sandbox.service("web").taskDefinition).toMatch(/web:1$/);
    sandbox.advance(300);
    const entry = sandbox.call("DescribeServiceDeployments", { serviceDeploymentArns: [second] }).serviceDeployments[0];
    expect(entry).toMatchObject({ status: "ROLLBACK_SUCCESSFUL", statusReason: "ECS deployment stopped by StopServiceDeployment." });
    expect(sandbox.error("StopServiceDeployment", { serviceDeploymentArn: second.replace(/\d+$/, "1") })).toMatchObject({ type: "ServiceDeploymentNotFoundException" });
  });
});

test("determinism: the same calls and clock steps give byte-identical describe outputs", () => {
  const run = () => {
    const env = blueGreenService({ strategy: "LINEAR", extra: { bakeTimeInMinutes: 1, linearConfiguration: { stepPercent: 50, stepBakeTimeInMinutes: 1 } } });
    env.sandbox.call("UpdateService", { cluster: "dojo", service: "web", taskDefinition: "web:2" }, 60);
    const outputs: string[] = [];
    env.sandbox.stepTo(400, 20, () => outputs.push(JSON.stringify([env.sandbox.service("web"), env.deployment(), env.weights()])));
    return outputs.join("\n");
  };
  expect(run()).toBe(run());
});
