/**
 * A scenario's `load` (services/cloudwatch/scenario.ts): traffic already reaching a service or a target group when the
 * learner arrives, as DojoSandbox.SetLoad sends it — checked against the scenario schema's rules with errors that name
 * the member, and applied before the scenario's `advanceSeconds`, so its CPU metric shows the busy and the quiet
 * minutes.
 */
import { describe, expect, test } from "vitest";
import { EcsError, SCENARIO_SCHEMA } from "@/lib/sandbox/engine";
import { runOperation } from "@/lib/sandbox/engine/simulation";
import { readScenario } from "@/lib/sandbox/engine/scenarios";
import { cloudWatchOperations } from "@/lib/sandbox/services/cloudwatch";
import { sandboxNetwork } from "@/lib/sandbox/services/ec2/network";
import { EngineDriver, fargateTd, T0 } from "./support/engine";

/** A Fargate cluster and a cpuburn service of two tasks (256 CPU units: 20 CPU-ms per request), with `load`. */
function busyShop(load: object[], advanceSeconds = 900) {
  return {
    clusters: [{ name: "shop", capacityProviders: ["FARGATE"] }],
    taskDefinitions: [fargateTd("web", "sbx/cpuburn:1", {}, { name: "web", portMappings: [{ containerPort: 80 }] })],
    services: [
      {
        cluster: "shop",
        serviceName: "web",
        taskDefinition: "web",
        desiredCount: 2,
        launchType: "FARGATE",
        networkConfiguration: { awsvpcConfiguration: { subnets: ["subnet-0a1b2c3d4e5f60001"], assignPublicIp: "ENABLED" } },
      },
    ],
    load,
    advanceSeconds,
  };
}

/** The service's one-minute average CPU, minute by minute from T0 (rounded to a tenth of a percent). */
function cpuByMinute(sandbox: EngineDriver, minutes: number): Record<number, number> {
  const { output } = runOperation(
    sandbox.state,
    cloudWatchOperations.GetMetricStatistics,
    {
      Namespace: "AWS/ECS",
      MetricName: "CPUUtilization",
      Dimensions: [{ Name: "ClusterName", Value: "shop" }, { Name: "ServiceName", Value: "web" }],
      StartTime: T0 / 1000,
      EndTime: T0 / 1000 + minutes * 60,
      Period: 60,
      Statistics: ["Average"],
    },
    sandbox.state.clock.simMs,
    sandbox.account,
  );
  const points = (output as { Datapoints: { Timestamp: number; Average: number }[] }).Datapoints;
  return Object.fromEntries(points.map((p) => [(p.Timestamp - T0 / 1000) / 60, Math.round(p.Average * 10) / 10]));
}

describe("load in a scenario", () => {
  test("the schema lists `load` with SetLoad's members", () => {
    expect(Object.keys(SCENARIO_SCHEMA.properties)).toContain("load");
    expect(Object.keys(SCENARIO_SCHEMA.properties.load.items.properties).sort()).toEqual(["cluster", "requestsPerSecond", "schedule", "service", "targetGroupArn", "targetGroupName"]);
  });

  test("a busy ten minutes, then quiet: the scenario's own advance runs under the load", () => {
    const sandbox = new EngineDriver();
    const output = sandbox.sandbox(
      "ApplyScenario",
      busyShop([{ cluster: "shop", service: "web", schedule: [{ afterSeconds: 0, requestsPerSecond: 20 }, { afterSeconds: 600, requestsPerSecond: 0 }] }]),
    );
    expect(output.clusters).toEqual([expect.stringMatching(/:cluster\/shop$/)]);
    expect(sandbox.state.clock.simMs).toBe(T0 + 900_000);
    const cpu = cpuByMinute(sandbox, 15);
    // 10 requests a second per task × 20 CPU-ms = 0.2 vCPU of the task's 0.25: 80 %, on top of an idle server's 0.5 %
    // (cloudwatch/metrics.ts, idleCpuPercent). Idle after the load stops.
    for (const minute of [3, 5, 9]) expect(cpu[minute]).toBe(80.5);
    for (const minute of [11, 13, 14]) expect(cpu[minute]).toBe(0.5);
  });

  test("requestsPerSecond alone is a constant load; a scenario without load leaves the service idle", () => {
    const busy = new EngineDriver();
    busy.sandbox("ApplyScenario", busyShop([{ cluster: "shop", service: "web", requestsPerSecond: 10 }], 600));
    const idle = new EngineDriver();
    idle.sandbox("ApplyScenario", { ...busyShop([], 600), load: undefined });
    expect(cpuByMinute(busy, 10)[8]).toBe(40.5);
    expect(cpuByMinute(idle, 10)[8]).toBe(0.5);
  });

  test("a target group named by its name, which the scenario cannot know the ARN of", () => {
    const sandbox = new EngineDriver();
    const net = sandboxNetwork(sandbox.state);
    const arn = sandbox.elb("CreateTargetGroup", { Name: "web-tg", Protocol: "HTTP", Port: 80, VpcId: net.vpcId, TargetType: "ip" }).TargetGroups[0].TargetGroupArn;
    sandbox.sandbox("ApplyScenario", { load: [{ targetGroupName: "web-tg", schedule: [{ requestsPerSecond: 50 }, { afterSeconds: 60, requestsPerSecond: 5 }] }] });
    expect(sandbox.state.cwLoads[`targetgroup:${arn}`].steps).toEqual([
      { atMs: T0, requestsPerSecond: 50 },
      { atMs: T0 + 60_000, requestsPerSecond: 5 },
    ]);
    expect(sandbox.sandboxError("ApplyScenario", { load: [{ targetGroupName: "api-tg", requestsPerSecond: 5 }] }).message).toBe(
      "Target group 'api-tg' not found. Create it first (aws elbv2 create-target-group), or name it by targetGroupArn.",
    );
  });

  test.each([
    [{ load: { service: "web" } }, "Scenario load must be a list of SetLoad inputs."],
    [{ load: [{ service: "web" }] }, "Scenario load[0] must give requestsPerSecond or a schedule."],
    [{ load: [{ requestsPerSecond: 5 }] }, "Scenario load[0] must name one service, targetGroupArn or targetGroupName."],
    [{ load: [{ service: "web", targetGroupName: "web-tg", requestsPerSecond: 5 }] }, "Scenario load[0] must name one service, targetGroupArn or targetGroupName."],
    [{ load: [{ service: "web", rps: 5 }] }, "Scenario load[0].rps is not a member of a load (cluster, service, targetGroupArn, targetGroupName, requestsPerSecond, schedule)."],
    [{ load: [{ service: "web", requestsPerSecond: -1 }] }, "Scenario load[0].requestsPerSecond must be a number from 0 to 1000000."],
    [{ load: [{ service: "web", schedule: [] }] }, "Scenario load[0].schedule must be a list of 1 to 100 steps."],
    [{ load: [{ service: "web", schedule: [{ afterSeconds: 90_000, requestsPerSecond: 1 }] }] }, "Scenario load[0].schedule[0].afterSeconds must be a number of seconds from 0 to 86400."],
    [{ load: [{ service: "web", schedule: [{ afterSeconds: 10 }] }] }, "Scenario load[0].schedule[0].requestsPerSecond must be a number from 0 to 1000000."],
  ])("refused before anything is applied: %j", (bad, message) => {
    expect(() => readScenario(bad)).toThrow(message);
    const sandbox = new EngineDriver();
    const before = sandbox.state;
    const error = sandbox.sandboxError("ApplyScenario", { clusters: [{ name: "shop" }], ...bad });
    expect(error).toBeInstanceOf(EcsError);
    expect(error.message).toBe(message);
    expect(sandbox.state).toBe(before);
  });

  test("a load for a service the scenario does not make is SetLoad's own refusal", () => {
    const sandbox = new EngineDriver();
    expect(sandbox.sandboxError("ApplyScenario", { clusters: [{ name: "shop" }], load: [{ cluster: "shop", service: "api", requestsPerSecond: 5 }] }).message).toBe("Service shop/api not found.");
  });
});
