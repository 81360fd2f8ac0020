/**
 * CloudWatch's logic: the metrics computed from the simulation (AWS/ECS CPU and memory from the load generator and
 * the workloads; AWS/ApplicationELB request counts from a target group's healthy targets), the statistics over
 * periods, the alarms' state transitions on the simulated clock with AWS's StateReason texts, and the operations'
 * rules (DescribeAlarms filters and pages, DeleteAlarms all-or-nothing, GetMetricStatistics' 1,440-datapoint limit).
 */
import { describe, expect, test } from "vitest";
import { handleOperation, handleSandboxOperation, NEW_ACCOUNT } from "@/lib/sandbox/engine";
import { EcsError } from "@/lib/sandbox/engine/errors";
import { advanceTo, runOperation } from "@/lib/sandbox/engine/simulation";
import { createSandboxState, type SandboxState } from "@/lib/sandbox/engine/state";
import { workloadOf } from "@/lib/sandbox/engine/workloads";
import { cloudWatchOperations } from "@/lib/sandbox/services/cloudwatch";
import { javaDouble } from "@/lib/sandbox/services/cloudwatch/alarms";
import { loadAt } from "@/lib/sandbox/services/cloudwatch/load";
import { sampleAt } from "@/lib/sandbox/services/cloudwatch/metrics";
import { sandboxNetwork } from "@/lib/sandbox/services/ec2/network";
import { elbv2Provider } from "@/lib/sandbox/services/elbv2";

const T0 = Date.UTC(2026, 11, 7, 6, 0, 0);
const ACCOUNT = "123456789012";
const REGION = "ap-northeast-1";
const SERVICE_DIMENSIONS = [
  { Name: "ClusterName", Value: "shop" },
  { Name: "ServiceName", Value: "web" },
];

function sandbox() {
  let state: SandboxState = createSandboxState(ACCOUNT, REGION);
  let now = T0;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const keep = (readOnly: boolean, result: { state: SandboxState; output: object }): any => {
    if (!readOnly) state = result.state;
    return result.output;
  };
  const api = {
    ecs: (operation: string, input: object) => keep(false, handleOperation(state, operation, input, now, NEW_ACCOUNT)),
    cw: (operation: string, input: object = {}) => keep(cloudWatchOperations[operation].readOnly, runOperation(state, cloudWatchOperations[operation], input, now, NEW_ACCOUNT)),
    elb: (operation: string, input: object = {}) => keep(elbv2Provider.operations[operation].readOnly, runOperation(state, elbv2Provider.operations[operation], input, now, NEW_ACCOUNT)),
    dojo: (operation: string, input: object) => keep(false, handleSandboxOperation(state, operation, input, now, NEW_ACCOUNT)),
    fails(step: () => unknown) {
      const before = state;
      try {
        step();
      } catch (error) {
        if (!(error instanceof EcsError)) throw error;
        expect(state).toBe(before);
        return `${error.type}: ${error.message}`;
      }
      throw new Error("did not fail");
    },
    advance(seconds: number) {
      now += seconds * 1000;
      state = advanceTo(state, now, NEW_ACCOUNT);
    },
    get state() {
      return state;
    },
    get now() {
      return now;
    },
  };
  return api;
}

function service(s: ReturnType<typeof sandbox>, image: string, count: number, extra: object = {}) {
  s.ecs("CreateCluster", { clusterName: "shop" });
  s.ecs("RegisterTaskDefinition", {
    family: "web",
    networkMode: "awsvpc",
    requiresCompatibilities: ["FARGATE"],
    cpu: "256",
    memory: "512",
    containerDefinitions: [{ name: "web", image, essential: true, portMappings: [{ containerPort: 80 }] }],
  });
  const net = sandboxNetwork(s.state);
  s.ecs("CreateService", {
    cluster: "shop",
    serviceName: "web",
    taskDefinition: "web",
    desiredCount: count,
    launchType: "FARGATE",
    networkConfiguration: { awsvpcConfiguration: { subnets: net.publicSubnetIds, securityGroups: [net.securityGroupIds.app], assignPublicIp: "ENABLED" } },
    ...extra,
  });
}

describe("the workloads' CPU per request", () => {
  test("cpuburn costs CPU_MS_PER_REQUEST (20 by default), web 1 CPU-ms, others none", () => {
    expect(workloadOf("sbx/cpuburn:1", {}).cpuMsPerRequest).toBe(20);
    expect(workloadOf("sbx/cpuburn:1", { CPU_MS_PER_REQUEST: "5" }).cpuMsPerRequest).toBe(5);
    expect(workloadOf("ecs-dojo/web:2", {}).cpuMsPerRequest).toBe(1);
    expect(workloadOf("nginx:latest", {}).cpuMsPerRequest).toBeUndefined();
  });
});

describe("AWS/ECS metrics from the load generator", () => {
  test("CPUUtilization follows the request rate; MemoryUtilization the resident memory; no datapoint before a task runs", () => {
    const s = sandbox();
    service(s, "sbx/cpuburn:1", 2);
    const cpu = { namespace: "AWS/ECS", metricName: "CPUUtilization", dimensions: SERVICE_DIMENSIONS };
    expect(sampleAt(s.state, cpu, s.now)).toBeUndefined();
    s.advance(120);
    expect(sampleAt(s.state, cpu, s.now)).toBe(0.5);
    s.dojo("SetLoad", { cluster: "shop", service: "web", requestsPerSecond: 10 });
    // 5 requests/s per task × 20 CPU-ms on a quarter vCPU: 40 % + 0.5 % idle.
    expect(sampleAt(s.state, cpu, s.now)).toBe(40.5);
    expect(sampleAt(s.state, { ...cpu, metricName: "MemoryUtilization" }, s.now)).toBe((80 / 512) * 100);
    // Capped at 100 %.
    s.dojo("SetLoad", { cluster: "shop", service: "web", requestsPerSecond: 1000 });
    expect(sampleAt(s.state, cpu, s.now)).toBe(100);
  });

  test("SetLoad's schedule is a step function; a later call replaces the steps from its first one on", () => {
    const s = sandbox();
    service(s, "sbx/cpuburn:1", 1);
    const answer = s.dojo("SetLoad", { cluster: "shop", service: "web", schedule: [{ afterSeconds: 0, requestsPerSecond: 10 }, { afterSeconds: 300, requestsPerSecond: 50 }] });
    expect(answer).toEqual({ target: "service/shop/web", schedule: [{ at: T0 / 1000, requestsPerSecond: 10 }, { at: T0 / 1000 + 300, requestsPerSecond: 50 }] });
    expect(loadAt(s.state, "service:shop/web", T0 + 299_999)).toBe(10);
    expect(loadAt(s.state, "service:shop/web", T0 + 300_000)).toBe(50);
    s.advance(100);
    s.dojo("SetLoad", { cluster: "shop", service: "web", requestsPerSecond: 0 });
    expect(loadAt(s.state, "service:shop/web", T0 + 50_000)).toBe(10);
    expect(loadAt(s.state, "service:shop/web", T0 + 400_000)).toBe(0);
    expect(s.fails(() => s.dojo("SetLoad", { cluster: "shop", service: "nope", requestsPerSecond: 1 }))).toBe("InvalidParameterException: Service shop/nope not found.");
    expect(s.fails(() => s.dojo("SetLoad", { cluster: "shop", service: "web", requestsPerSecond: -1 }))).toBe(
      "InvalidParameterException: schedule[0].requestsPerSecond must be a number from 0 to 1000000.",
    );
  });

  test("GetMetricStatistics: one-minute datapoints averaging the samples of their minute; ListMetrics lists the service's two", () => {
    const s = sandbox();
    service(s, "sbx/cpuburn:1", 2);
    s.advance(120);
    s.dojo("SetLoad", { cluster: "shop", service: "web", schedule: [{ afterSeconds: 60, requestsPerSecond: 10 }] });
    s.advance(180);
    const stats = s.cw("GetMetricStatistics", {
      Namespace: "AWS/ECS",
      MetricName: "CPUUtilization",
      Dimensions: SERVICE_DIMENSIONS,
      StartTime: (T0 + 120_000) / 1000,
      EndTime: (T0 + 300_000) / 1000,
      Period: 60,
      Statistics: ["Average", "Maximum"],
    });
    expect(stats).toEqual({
      Label: "CPUUtilization",
      Datapoints: [
        { Timestamp: (T0 + 120_000) / 1000, Average: 0.5, Maximum: 0.5, Unit: "Percent" },
        { Timestamp: (T0 + 180_000) / 1000, Average: 40.5, Maximum: 40.5, Unit: "Percent" },
        { Timestamp: (T0 + 240_000) / 1000, Average: 40.5, Maximum: 40.5, Unit: "Percent" },
      ],
    });
    const data = s.cw("GetMetricData", {
      StartTime: (T0 + 120_000) / 1000,
      EndTime: (T0 + 300_000) / 1000,
      MetricDataQueries: [{ Id: "cpu", MetricStat: { Metric: { Namespace: "AWS/ECS", MetricName: "CPUUtilization", Dimensions: SERVICE_DIMENSIONS }, Period: 60, Stat: "Average" } }],
    });
    expect(data.MetricDataResults).toEqual([
      { Id: "cpu", Label: "CPUUtilization", Timestamps: [(T0 + 240_000) / 1000, (T0 + 180_000) / 1000, (T0 + 120_000) / 1000], Values: [40.5, 40.5, 0.5], StatusCode: "Complete" },
    ]);
    expect(s.cw("ListMetrics", { Namespace: "AWS/ECS" }).Metrics).toEqual([
      { Namespace: "AWS/ECS", MetricName: "CPUUtilization", Dimensions: SERVICE_DIMENSIONS },
      { Namespace: "AWS/ECS", MetricName: "MemoryUtilization", Dimensions: SERVICE_DIMENSIONS },
    ]);
    expect(
      s.fails(() =>
        s.cw("GetMetricStatistics", { Namespace: "AWS/ECS", MetricName: "CPUUtilization", Dimensions: SERVICE_DIMENSIONS, StartTime: T0 / 1000, EndTime: T0 / 1000 + 2 * 86_400, Period: 60, Statistics: ["Average"] }),
      ),
    ).toBe(
      "InvalidParameterCombinationException: You have requested up to 2,880 datapoints, which exceeds the limit of 1,440. You may reduce the datapoints requested by increasing Period, or decreasing the time range.",
    );
  });
});

describe("AWS/ApplicationELB metrics", () => {
  test("RequestCountPerTarget: the target group's requests over its healthy targets, per minute", () => {
    const s = sandbox();
    const net = sandboxNetwork(s.state);
    const lb = s.elb("CreateLoadBalancer", { Name: "shop-alb", Subnets: net.publicSubnetIds, SecurityGroups: [net.securityGroupIds.alb] }).LoadBalancers[0];
    const tg = s.elb("CreateTargetGroup", { Name: "web-tg", Protocol: "HTTP", Port: 80, VpcId: net.vpcId, TargetType: "ip", HealthCheckIntervalSeconds: 10, HealthyThresholdCount: 2 }).TargetGroups[0];
    s.elb("CreateListener", { LoadBalancerArn: lb.LoadBalancerArn, Protocol: "HTTP", Port: 80, DefaultActions: [{ Type: "forward", TargetGroupArn: tg.TargetGroupArn }] });
    service(s, "sbx/web:1", 2, { loadBalancers: [{ targetGroupArn: tg.TargetGroupArn, containerName: "web", containerPort: 80 }] });
    s.advance(120);
    s.dojo("SetLoad", { targetGroupArn: tg.TargetGroupArn, requestsPerSecond: 100 });
    s.advance(120);
    const group = `targetgroup/${tg.TargetGroupArn.split(":targetgroup/")[1]}`;
    const loadBalancer = `app/${lb.LoadBalancerArn.split(":loadbalancer/app/")[1]}`;
    const stats = s.cw("GetMetricStatistics", {
      Namespace: "AWS/ApplicationELB",
      MetricName: "RequestCountPerTarget",
      Dimensions: [{ Name: "TargetGroup", Value: group }],
      StartTime: (s.now - 60_000) / 1000,
      EndTime: s.now / 1000,
      Period: 60,
      Statistics: ["Sum"],
    });
    // 100 requests/s for a minute over two healthy targets.
    expect(stats.Datapoints).toEqual([{ Timestamp: (s.now - 60_000) / 1000, Sum: 3000, Unit: "Count" }]);
    expect(s.cw("ListMetrics", { Namespace: "AWS/ApplicationELB", MetricName: "RequestCountPerTarget" }).Metrics).toEqual([
      { Namespace: "AWS/ApplicationELB", MetricName: "RequestCountPerTarget", Dimensions: [{ Name: "TargetGroup", Value: group }, { Name: "LoadBalancer", Value: loadBalancer }] },
      { Namespace: "AWS/ApplicationELB", MetricName: "RequestCountPerTarget", Dimensions: [{ Name: "TargetGroup", Value: group }] },
    ]);
    // The web image spends 1 CPU-ms per request: 50 requests/s on a quarter vCPU is 20 % (+ 0.5 % idle).
    expect(sampleAt(s.state, { namespace: "AWS/ECS", metricName: "CPUUtilization", dimensions: SERVICE_DIMENSIONS }, s.now)).toBe(20.5);
  });
});

describe("alarms on the simulated clock", () => {
  const ALARM = {
    AlarmName: "web-cpu-high",
    Namespace: "AWS/ECS",
    MetricName: "CPUUtilization",
    Dimensions: SERVICE_DIMENSIONS,
    Statistic: "Average",
    Period: 60,
    EvaluationPeriods: 2,
    Threshold: 30,
    ComparisonOperator: "GreaterThanThreshold",
  };

  test("INSUFFICIENT_DATA → OK → ALARM → OK, with AWS's StateReason texts", () => {
    const s = sandbox();
    service(s, "sbx/cpuburn:1", 2);
    s.cw("PutMetricAlarm", ALARM);
    const alarm = () => s.cw("DescribeAlarms", { AlarmNames: ["web-cpu-high"] }).MetricAlarms[0];
    expect(alarm()).toMatchObject({ StateValue: "INSUFFICIENT_DATA", StateReason: "Unchecked: Initial alarm creation", AlarmArn: `arn:aws:cloudwatch:${REGION}:${ACCOUNT}:alarm:web-cpu-high` });
    // The tasks run from the first minute: the minute before it has no datapoint (missing), the first one does.
    s.advance(60);
    expect(alarm()).toMatchObject({
      StateValue: "OK",
      StateReason: "Threshold Crossed: 1 out of the last 2 datapoints [0.5 (07/12/26 06:00:00)] was not greater than the threshold (30.0) (minimum 1 datapoint for ALARM -> OK transition).",
    });
    s.advance(120);
    s.dojo("SetLoad", { cluster: "shop", service: "web", requestsPerSecond: 10 });
    s.advance(120);
    expect(alarm()).toMatchObject({
      StateValue: "ALARM",
      StateReason: "Threshold Crossed: 2 out of the last 2 datapoints [40.5 (07/12/26 06:04:00), 40.5 (07/12/26 06:03:00)] were greater than the threshold (30.0) (minimum 2 datapoints for OK -> ALARM transition).",
      StateUpdatedTimestamp: (T0 + 300_000) / 1000,
    });
    s.dojo("SetLoad", { cluster: "shop", service: "web", requestsPerSecond: 0 });
    s.advance(60);
    expect(alarm()).toMatchObject({
      StateValue: "OK",
      StateReason: "Threshold Crossed: 1 out of the last 2 datapoints [0.5 (07/12/26 06:05:00)] was not greater than the threshold (30.0) (minimum 1 datapoint for ALARM -> OK transition).",
    });
  });

  test("DescribeAlarms filters and pages; DeleteAlarms deletes all or nothing; refusals change nothing", () => {
    const s = sandbox();
    service(s, "sbx/cpuburn:1", 1);
    for (const name of ["a-1", "a-2", "b-1"]) s.cw("PutMetricAlarm", { ...ALARM, AlarmName: name });
    expect(s.cw("DescribeAlarms", { AlarmNamePrefix: "a-" }).MetricAlarms.map((a: { AlarmName: string }) => a.AlarmName)).toEqual(["a-1", "a-2"]);
    const first = s.cw("DescribeAlarms", { MaxRecords: 2 });
    expect(first.MetricAlarms).toHaveLength(2);
    expect(s.cw("DescribeAlarms", { MaxRecords: 2, NextToken: first.NextToken }).MetricAlarms.map((a: { AlarmName: string }) => a.AlarmName)).toEqual(["b-1"]);
    expect(s.fails(() => s.cw("DeleteAlarms", { AlarmNames: ["a-1", "nope"] }))).toBe("ResourceNotFound: Alarm(s) not found: nope");
    s.cw("DeleteAlarms", { AlarmNames: ["a-1", "a-2"] });
    expect(Object.keys(s.state.cwAlarms)).toEqual(["b-1"]);
    expect(s.state.timers.filter((t) => t.step === "alarm-check").map((t) => t.id)).toEqual(["alarm:b-1"]);
    expect(s.fails(() => s.cw("PutMetricAlarm", { ...ALARM, Period: 45 }))).toBe("InvalidParameterValueException: The parameter Period must be 10, 20, 30 or a multiple of 60.");
  });

  test("numbers as CloudWatch's texts print them", () => {
    expect(javaDouble(70)).toBe("70.0");
    expect(javaDouble(6.046241709654764)).toBe("6.046241709654764");
  });
});
