/**
 * The sandbox console's traffic part (lib/sandbox/console-traffic.ts, console-scaling.ts) read the way the site reads
 * it — sandboxReader on the stored sandbox, at the gateway's clock — after real operations on that sandbox: an ALB,
 * target groups and a listener, a cpuburn service behind them, a target-tracking policy and the load generator, with
 * the clock moved by DojoSandbox.AdvanceClock. What it shows must be what the services answer: target health with
 * AWS's reason codes, linked to the tasks; the scaling activity's texts; the alarm's state; requests per target group
 * and the service's counts and CPU per minute.
 */
import { describe, expect, test } from "vitest";
import { onSandbox } from "@/lib/sandbox/backends/embedded";
import { consoleSnapshot, engineConsoleReader, type ConsoleSnapshot } from "@/lib/sandbox/console";
import { handleOperation } from "@/lib/sandbox/engine";
import { runOperation } from "@/lib/sandbox/engine/simulation";
import { createSandboxState } from "@/lib/sandbox/engine/state";
import { sandboxOperation, sandboxReader, type GatewayDeps } from "@/lib/sandbox/gateway";
import { MemorySandboxStore } from "@/lib/sandbox/memory-store";
import { PROVIDERS } from "@/lib/sandbox/services";
import { sandboxNetwork } from "@/lib/sandbox/services/ec2/network";

const ACCOUNT = "444455556666";
const REGION = "ap-northeast-1";
// On a minute boundary, so the chart's minutes are the same on every run.
const WALL = Date.UTC(2026, 11, 7, 9, 0, 0);

/** One learner's sandbox in the gateway's store (a store of its own, or one shared with another account's); every call runs a real operation at the gateway's clock. */
function sandbox(store = new MemorySandboxStore(), accountId = ACCOUNT) {
  let wall = WALL;
  const deps: GatewayDeps = { store, credentials: { lookup: async () => null }, now: () => wall, speed: 1 };
  const caller = { accountId, region: REGION };
  const on = <T>(run: (state: Parameters<typeof handleOperation>[0], simNow: number, account: Parameters<typeof handleOperation>[4]) => { state: typeof state; output: T }) =>
    onSandbox(caller, deps, (current, simNow, _unstored, account) => {
      const { state, output } = run(current, simNow, account);
      return { state, result: output };
    });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const call = (service: string, operation: string, input: object): Promise<any> =>
    service === "ecs"
      ? on((state, simNow, account) => handleOperation(state, operation, input, simNow, account))
      : on((state, simNow, account) => runOperation(state, PROVIDERS[service]!.operations[operation], input, simNow, account));
  return {
    ecs: (operation: string, input: object) => call("ecs", operation, input),
    elb: (operation: string, input: object) => call("elasticloadbalancing", operation, input),
    aas: (operation: string, input: object) => call("application-autoscaling", operation, input),
    dojo: (operation: string, input: object) => sandboxOperation(accountId, REGION, operation, input, deps),
    /** Moves the sandbox clock (AdvanceClock, as the console's fast-forward does); the wall clock stays. */
    advance: (seconds: number) => sandboxOperation(accountId, REGION, "AdvanceClock", { seconds }, deps),
    tickWall: (seconds: number) => void (wall += seconds * 1000),
    /** The console's snapshot of cluster `shop`, as GET /api/sandbox/console builds it. */
    snapshot: async (): Promise<ConsoleSnapshot> => consoleSnapshot(engineConsoleReader((await sandboxReader(accountId, REGION, deps))!), "shop"),
  };
}

/** An ALB with a listener forwarding to `web-blue` (ip, /health every 10 s, 2 to turn healthy), a second group `web-green`, and service `web` (two cpuburn tasks) behind `web-blue`. */
async function serviceBehindAlb(grace = 0, s = sandbox()) {
  const net = sandboxNetwork(createSandboxState(ACCOUNT, REGION));
  const lb = (await s.elb("CreateLoadBalancer", { Name: "shop-alb", Subnets: net.publicSubnetIds, SecurityGroups: [net.securityGroupIds.alb] })).LoadBalancers[0].LoadBalancerArn as string;
  const group = async (Name: string) =>
    (await s.elb("CreateTargetGroup", { Name, Protocol: "HTTP", Port: 80, VpcId: net.vpcId, TargetType: "ip", HealthCheckPath: "/health", HealthCheckIntervalSeconds: 10, HealthyThresholdCount: 2 }))
      .TargetGroups[0].TargetGroupArn as string;
  const blue = await group("web-blue");
  const green = await group("web-green");
  const listener = (await s.elb("CreateListener", { LoadBalancerArn: lb, Protocol: "HTTP", Port: 80, DefaultActions: [{ Type: "forward", TargetGroupArn: blue }] })).Listeners[0].ListenerArn as string;
  await s.elb("CreateRule", {
    ListenerArn: listener,
    Priority: 10,
    Conditions: [{ Field: "path-pattern", PathPatternConfig: { Values: ["/api/*"] } }],
    Actions: [{ Type: "forward", ForwardConfig: { TargetGroups: [{ TargetGroupArn: blue, Weight: 90 }, { TargetGroupArn: green, Weight: 10 }] } }],
  });
  await s.ecs("CreateCluster", { clusterName: "shop" });
  await s.ecs("RegisterTaskDefinition", {
    family: "web",
    networkMode: "awsvpc",
    requiresCompatibilities: ["FARGATE"],
    cpu: "256",
    memory: "512",
    containerDefinitions: [{ name: "web", image: "sbx/cpuburn:1", essential: true, portMappings: [{ containerPort: 80 }] }],
  });
  await s.ecs("CreateService", {
    cluster: "shop",
    serviceName: "web",
    taskDefinition: "web",
    desiredCount: 2,
    launchType: "FARGATE",
    networkConfiguration: { awsvpcConfiguration: { subnets: net.publicSubnetIds, securityGroups: [net.securityGroupIds.app], assignPublicIp: "ENABLED" } },
    loadBalancers: [{ targetGroupArn: blue, containerName: "web", containerPort: 80 }],
    healthCheckGracePeriodSeconds: grace,
  });
  return { s, blue, green };
}

describe("load balancers and target health", () => {
  test("listeners, rules with weights, and each target's health with AWS's reason, linked to its task and service", async () => {
    const { s } = await serviceBehindAlb();
    await s.advance(30);
    let snap = await s.snapshot();
    const traffic = snap.traffic!;
    expect(traffic.loadBalancers).toEqual([
      {
        name: "shop-alb",
        type: "application",
        scheme: "internet-facing",
        state: "provisioning",
        dnsName: expect.stringMatching(/^shop-alb-\d{10}\.ap-northeast-1\.elb\.amazonaws\.com$/),
        listeners: [
          {
            protocol: "HTTP",
            port: 80,
            rules: [
              { priority: "10", conditions: ["path-pattern: /api/*"], actions: [{ type: "forward", forward: [{ targetGroup: "web-blue", weight: 90 }, { targetGroup: "web-green", weight: 10 }] }] },
              { priority: "default", conditions: [], actions: [{ type: "forward", forward: [{ targetGroup: "web-blue" }] }] },
            ],
          },
        ],
      },
    ]);
    const [blueView, greenView] = traffic.targetGroups;
    expect(greenView).toMatchObject({ name: "web-green", services: [], targets: [], loadBalancers: ["shop-alb"] });
    expect(blueView).toMatchObject({
      name: "web-blue",
      targetType: "ip",
      services: ["web"],
      healthCheck: { protocol: "HTTP", path: "/health", intervalSeconds: 10, healthyThreshold: 2, unhealthyThreshold: 2, matcher: "200" },
    });
    // Both tasks are registered while they start: in registration, then in their first checks.
    const taskIds = snap.tasks.map((t) => t.taskArn.split("/").pop());
    expect(blueView.targets).toHaveLength(2);
    for (const target of blueView.targets) {
      expect(target).toMatchObject({ port: 80, state: "initial", service: "web" });
      expect(taskIds).toContain(target.taskId);
      expect(snap.tasks.find((t) => t.taskArn.endsWith(target.taskId!))!.address).toBe(target.id);
      expect([target.reason, target.description]).toSatisfy(
        ([reason, description]: string[]) =>
          (reason === "Elb.RegistrationInProgress" && description === "Target registration is in progress") ||
          (reason === "Elb.InitialHealthChecking" && description === "Initial health checks in progress"),
      );
    }
    await s.advance(60);
    snap = await s.snapshot();
    expect(snap.traffic!.targetGroups[0].targets.map((t) => [t.state, t.reason ?? null])).toEqual([["healthy", null], ["healthy", null]]);
    expect(snap.traffic!.loadBalancers[0].state).toBe("active");
  });

  test("an unhealthy target shows Target.ResponseCodeMismatch with the codes its checks got", async () => {
    // A long grace period: ECS leaves the unhealthy tasks running, so the targets stay unhealthy rather than draining.
    const { s, blue } = await serviceBehindAlb(300);
    await s.elb("ModifyTargetGroup", { TargetGroupArn: blue, HealthCheckPath: "/missing" });
    await s.advance(90);
    const targets = (await s.snapshot()).traffic!.targetGroups[0].targets;
    expect(targets.map((t) => [t.state, t.reason, t.description])).toContainEqual(["unhealthy", "Target.ResponseCodeMismatch", "Health checks failed with these codes: [404]"]);
  });
});

describe("scaling and the charts", () => {
  test("target tracking under load: the activity's texts, the alarm in ALARM, requests, counts and CPU per minute", async () => {
    const { s, blue } = await serviceBehindAlb();
    await s.advance(120);
    const KEYS = { ServiceNamespace: "ecs", ResourceId: "service/shop/web", ScalableDimension: "ecs:service:DesiredCount" };
    await s.aas("RegisterScalableTarget", { ...KEYS, MinCapacity: 2, MaxCapacity: 10 });
    const policy = await s.aas("PutScalingPolicy", {
      ...KEYS,
      PolicyName: "cpu50",
      PolicyType: "TargetTrackingScaling",
      TargetTrackingScalingPolicyConfiguration: { TargetValue: 50, PredefinedMetricSpecification: { PredefinedMetricType: "ECSServiceAverageCPUUtilization" }, ScaleOutCooldown: 300, ScaleInCooldown: 300 },
    });
    const high = (policy.Alarms as { AlarmName: string }[]).find((a) => a.AlarmName.includes("AlarmHigh"))!.AlarmName;
    // 20 requests/s over two 256-unit cpuburn tasks: 80.5 % CPU against a 50 % target.
    await s.dojo("SetLoad", { cluster: "shop", service: "web", requestsPerSecond: 20 });
    await s.advance(240);
    const snap = await s.snapshot();
    const [scaling] = snap.traffic!.scaling;
    expect(scaling).toMatchObject({
      serviceName: "web",
      resourceId: "service/shop/web",
      minCapacity: 2,
      maxCapacity: 10,
      suspended: [],
      policies: [
        {
          name: "cpu50",
          type: "TargetTrackingScaling",
          settings: ["TargetValue: 50", "PredefinedMetricType: ECSServiceAverageCPUUtilization", "ScaleOutCooldown: 300", "ScaleInCooldown: 300"],
        },
      ],
    });
    expect(scaling.activities).toEqual([
      {
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        startAt: expect.any(Number),
        endAt: expect.any(Number),
        description: "Setting desired count to 4.",
        cause: `monitor alarm ${high} in state ALARM triggered policy cpu50`,
        statusCode: "Successful",
        statusMessage: "Successfully set desired count to 4. Change successfully fulfilled by ecs.",
      },
    ]);
    expect(scaling.alarms.find((a) => a.name === high)).toMatchObject({ state: "ALARM", reason: expect.stringMatching(/^Threshold Crossed: 3 out of the last 3 datapoints \[80\.5 /) });

    // The charts: whole minutes since the service began, up to the last complete one.
    const { chart } = scaling;
    expect(chart.times.length).toBeGreaterThanOrEqual(6);
    expect(chart.times.every((t, i) => t % 60_000 === 0 && (i === 0 || t - chart.times[i - 1] === 60_000))).toBe(true);
    expect(chart.times.at(-1)).toBeLessThanOrEqual(WALL + 390_000);
    const scaledAt = scaling.activities[0].endAt!;
    // Before the first activity the console does not know the desired count; from it on, 4.
    expect(chart.desired.filter((_, i) => chart.times[i] < scaledAt).every((v) => v === null)).toBe(true);
    expect(chart.desired.at(-1)).toBe(4);
    expect(chart.running.at(-1)).toBe(snap.services[0].runningCount);
    expect(Math.max(...chart.running)).toBeGreaterThanOrEqual(2);
    expect(chart.cpu).toContain(80.5);

    // The service's load is counted in its target group: 20 requests/s is 1,200 a minute.
    const { requests } = snap.traffic!;
    expect(requests.times).toEqual(expect.arrayContaining(chart.times.slice(-3)));
    expect(requests.series.map((r) => r.targetGroup)).toEqual(["web-blue", "web-green"]);
    expect(requests.series[0].values).toContain(1200);
    expect(requests.series[1].values.every((v) => v === 0)).toBe(true);
    expect(blue).toContain(":targetgroup/web-blue/");
  });

  test("traffic moving from one target group to the other shows minute by minute", async () => {
    const { s, blue, green } = await serviceBehindAlb();
    await s.advance(120);
    // The same tasks registered in the second group too, as a blue/green switch would have its new tasks there.
    const addresses = (await s.snapshot()).tasks.map((t) => ({ Id: t.address, Port: 80 }));
    await s.elb("RegisterTargets", { TargetGroupArn: green, Targets: addresses });
    await s.dojo("SetLoad", { targetGroupArn: blue, schedule: [{ afterSeconds: 0, requestsPerSecond: 10 }, { afterSeconds: 180, requestsPerSecond: 0 }] });
    await s.dojo("SetLoad", { targetGroupArn: green, schedule: [{ afterSeconds: 180, requestsPerSecond: 10 }] });
    await s.advance(360);
    const { requests } = (await s.snapshot()).traffic!;
    const [b, g] = requests.series.map((r) => r.values);
    const first = b.indexOf(600);
    expect(first).toBeGreaterThanOrEqual(0);
    // Blue takes the traffic first, then green: the minute totals cross over and never overlap.
    const switched = g.indexOf(600);
    expect(switched).toBeGreaterThan(first);
    expect(b.slice(switched)).toEqual(b.slice(switched).map(() => 0));
    expect(b.slice(first, switched).every((v) => v === 600)).toBe(true);
  });

  test("a LINEAR deployment's traffic moves from blue to green step by step, in the rule's weights and the chart", async () => {
    const s = sandbox();
    const net = sandboxNetwork(createSandboxState(ACCOUNT, REGION));
    const lb = (await s.elb("CreateLoadBalancer", { Name: "shop-alb", Subnets: net.publicSubnetIds, SecurityGroups: [net.securityGroupIds.alb] })).LoadBalancers[0].LoadBalancerArn;
    const group = async (Name: string) =>
      (await s.elb("CreateTargetGroup", { Name, Protocol: "HTTP", Port: 80, VpcId: net.vpcId, TargetType: "ip", HealthCheckPath: "/", HealthCheckIntervalSeconds: 10, HealthyThresholdCount: 2 })).TargetGroups[0]
        .TargetGroupArn as string;
    const blue = await group("web-blue");
    const green = await group("web-green");
    const forward = [{ Type: "forward", ForwardConfig: { TargetGroups: [{ TargetGroupArn: blue, Weight: 100 }, { TargetGroupArn: green, Weight: 0 }] } }];
    const listener = (await s.elb("CreateListener", { LoadBalancerArn: lb, Protocol: "HTTP", Port: 80, DefaultActions: forward })).Listeners[0].ListenerArn;
    const production = (await s.elb("CreateRule", { ListenerArn: listener, Priority: 1, Conditions: [{ Field: "path-pattern", Values: ["/*"] }], Actions: forward })).Rules[0].RuleArn;
    await s.ecs("CreateCluster", { clusterName: "shop" });
    for (const image of ["sbx/web:1", "sbx/web:2"]) {
      await s.ecs("RegisterTaskDefinition", {
        family: "web",
        networkMode: "awsvpc",
        requiresCompatibilities: ["FARGATE"],
        cpu: "256",
        memory: "512",
        containerDefinitions: [{ name: "web", image, essential: true, portMappings: [{ containerPort: 80 }] }],
      });
    }
    await s.ecs("CreateService", {
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
          advancedConfiguration: { alternateTargetGroupArn: green, productionListenerRule: production, roleArn: `arn:aws:iam::${ACCOUNT}:role/ecsInfrastructureRoleForLoadBalancers` },
        },
      ],
      deploymentConfiguration: { strategy: "LINEAR", bakeTimeInMinutes: 0, linearConfiguration: { stepPercent: 25, stepBakeTimeInMinutes: 2 } },
    });
    await s.dojo("SetLoad", { cluster: "shop", service: "web", requestsPerSecond: 10 });
    await s.advance(120);
    await s.ecs("UpdateService", { cluster: "shop", service: "web", taskDefinition: "web:2" });
    let snap = await s.snapshot();
    // The service names both groups: the console links both to it.
    expect(snap.traffic!.targetGroups.map((g) => [g.name, g.services])).toEqual([
      ["web-blue", ["web"]],
      ["web-green", ["web"]],
    ]);
    await s.advance(14 * 60);
    snap = await s.snapshot();
    const rule = snap.traffic!.loadBalancers[0].listeners[0].rules[0];
    expect(rule).toEqual({ priority: "1", conditions: ["path-pattern: /*"], actions: [{ type: "forward", forward: [{ targetGroup: "web-blue", weight: 0 }, { targetGroup: "web-green", weight: 100 }] }] });
    const { requests } = snap.traffic!;
    expect(requests.series.map((r) => r.targetGroup)).toEqual(["web-blue", "web-green"]);
    const [b, g] = requests.series.map((r) => r.values);
    const loaded = requests.times.map((_, i) => i).filter((i) => b[i] + g[i] > 0);
    // 10 requests a second, every minute split between the two groups: 600 in all, green's share growing by steps.
    expect(loaded.length).toBeGreaterThanOrEqual(10);
    expect(loaded.map((i) => b[i] + g[i]).every((total) => total === 600)).toBe(true);
    const greens = loaded.map((i) => g[i]);
    expect(greens).toEqual([...greens].sort((x, y) => x - y));
    expect(greens).toEqual(expect.arrayContaining([0, 150, 300, 450, 600]));
  });

  test("the snapshot is built once per state and sandbox minute", async () => {
    const { s } = await serviceBehindAlb();
    await s.advance(300);
    const first = await s.snapshot();
    expect(await s.snapshot()).toBe(first);
  });

  test("another learner's console shows none of it", async () => {
    const store = new MemorySandboxStore();
    const { s } = await serviceBehindAlb(0, sandbox(store));
    await s.advance(300);
    expect((await s.snapshot()).traffic!.loadBalancers).toHaveLength(1);
    const other = sandbox(store, "111122223333");
    await other.ecs("CreateCluster", { clusterName: "shop" });
    expect((await other.snapshot()).traffic).toEqual({ loadBalancers: [], targetGroups: [], requests: { times: [], series: [] }, scaling: [] });
  });

  test("a sandbox without load balancers or scaling shows empty lists and no chart", async () => {
    const s = sandbox();
    await s.ecs("CreateCluster", { clusterName: "shop" });
    const snap = await s.snapshot();
    expect(snap.traffic).toEqual({ loadBalancers: [], targetGroups: [], requests: { times: [], series: [] }, scaling: [] });
  });
});
