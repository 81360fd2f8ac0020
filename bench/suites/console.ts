// What the sandbox console's snapshot costs to build (npm run bench -- console), without its cache: once per sandbox
// state and minute, a poll after a change pays it. Side by side, the ECS part alone (what the console read before it
// showed load balancers and scaling) and the whole snapshot, for a sandbox with an ALB, a target group and a service
// of N cpuburn tasks behind it, scaled on CPU under the load generator for 30 simulated minutes (the charts' window).
import { onSandbox } from "@/lib/sandbox/backends/embedded";
import { consoleSnapshot, engineConsoleReader, type ConsoleReader } from "@/lib/sandbox/console";
import { handleOperation } from "@/lib/sandbox/engine";
import { runOperation } from "@/lib/sandbox/engine/simulation";
import { createSandboxState } from "@/lib/sandbox/engine/state";
import { sandboxOperation, sandboxReader, type GatewayDeps } from "@/lib/sandbox/gateway";
import { MemorySandboxStore } from "@/lib/sandbox/memory-store";
import { PROVIDERS } from "@/lib/sandbox/services";
import { sandboxNetwork } from "@/lib/sandbox/services/ec2/network";
import { fmt, sample, summarize } from "../stats";

const ACCOUNT = "777788889999";
const REGION = "ap-northeast-1";
const RUNS = 30;

async function sandboxWith(tasks: number): Promise<{ deps: GatewayDeps }> {
  const deps: GatewayDeps = { store: new MemorySandboxStore(), credentials: { lookup: async () => null }, now: () => Date.UTC(2026, 11, 7, 9), speed: 1 };
  const on = (run: Parameters<typeof onSandbox>[2]) => onSandbox({ accountId: ACCOUNT, region: REGION }, deps, run);
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const call = (service: string, operation: string, input: object): Promise<any> =>
    on((current, simNow, _unstored, account) => {
      const { state, output } = service === "ecs" ? handleOperation(current, operation, input, simNow, account) : runOperation(current, PROVIDERS[service]!.operations[operation], input, simNow, account);
      return { state, result: output };
    });
  const net = sandboxNetwork(createSandboxState(ACCOUNT, REGION));
  const lb = (await call("elasticloadbalancing", "CreateLoadBalancer", { Name: "shop-alb", Subnets: net.publicSubnetIds, SecurityGroups: [net.securityGroupIds.alb] })).LoadBalancers[0].LoadBalancerArn;
  const group = (await call("elasticloadbalancing", "CreateTargetGroup", { Name: "web-tg", Protocol: "HTTP", Port: 80, VpcId: net.vpcId, TargetType: "ip", HealthCheckPath: "/health" })).TargetGroups[0].TargetGroupArn;
  await call("elasticloadbalancing", "CreateListener", { LoadBalancerArn: lb, Protocol: "HTTP", Port: 80, DefaultActions: [{ Type: "forward", TargetGroupArn: group }] });
  await call("ecs", "CreateCluster", { clusterName: "shop" });
  await call("ecs", "RegisterTaskDefinition", {
    family: "web",
    networkMode: "awsvpc",
    requiresCompatibilities: ["FARGATE"],
    cpu: "256",
    memory: "512",
    containerDefinitions: [{ name: "web", image: "sbx/cpuburn:1", essential: true, portMappings: [{ containerPort: 80 }] }],
  });
  await call("ecs", "CreateService", {
    cluster: "shop",
    serviceName: "web",
    taskDefinition: "web",
    desiredCount: tasks,
    launchType: "FARGATE",
    networkConfiguration: { awsvpcConfiguration: { subnets: net.publicSubnetIds, securityGroups: [net.securityGroupIds.app], assignPublicIp: "ENABLED" } },
    loadBalancers: [{ targetGroupArn: group, containerName: "web", containerPort: 80 }],
  });
  const keys = { ServiceNamespace: "ecs", ResourceId: "service/shop/web", ScalableDimension: "ecs:service:DesiredCount" };
  await call("application-autoscaling", "RegisterScalableTarget", { ...keys, MinCapacity: tasks, MaxCapacity: tasks * 2 });
  await call("application-autoscaling", "PutScalingPolicy", {
    ...keys,
    PolicyName: "cpu50",
    PolicyType: "TargetTrackingScaling",
    TargetTrackingScalingPolicyConfiguration: { TargetValue: 50, PredefinedMetricSpecification: { PredefinedMetricType: "ECSServiceAverageCPUUtilization" } },
  });
  await sandboxOperation(ACCOUNT, REGION, "SetLoad", { cluster: "shop", service: "web", requestsPerSecond: tasks * 10 }, deps);
  for (let i = 0; i < 6; i++) await sandboxOperation(ACCOUNT, REGION, "AdvanceClock", { seconds: 300 }, deps);
  return { deps };
}

/** A reader without `answersFrom`: every snapshot is built afresh, as after each change. */
const uncached = (reader: ConsoleReader, traffic: boolean): ConsoleReader =>
  Object.assign((operation: never, input: never) => reader(operation, input), traffic ? { traffic: reader.traffic } : {}) as unknown as ConsoleReader;

export default async function run() {
  console.log("| tasks | ECS part only (before) median / p95 | whole snapshot (after) median / p95 | chart points | snapshot JSON |");
  console.log("|---|---|---|---|---|");
  for (const tasks of [10, 100, 1000]) {
    const { deps } = await sandboxWith(tasks);
    const reader = engineConsoleReader((await sandboxReader(ACCOUNT, REGION, deps))!);
    const before = summarize(await sample(() => consoleSnapshot(uncached(reader, false), "shop"), RUNS, 3));
    const after = summarize(await sample(() => consoleSnapshot(uncached(reader, true), "shop"), RUNS, 3));
    const snapshot = await consoleSnapshot(uncached(reader, true), "shop");
    const points = (snapshot.traffic?.requests.times.length ?? 0) + (snapshot.traffic?.scaling[0]?.chart.times.length ?? 0);
    console.log(`| ${tasks} | ${fmt(before.median)} / ${fmt(before.p95)} | ${fmt(after.median)} / ${fmt(after.p95)} | ${points} | ${(JSON.stringify(snapshot).length / 1024).toFixed(0)} KiB |`);
  }
}
