/**
 * Application Auto Scaling's logic on the simulated clock: scalable targets and their bounds, target tracking (the
 * two alarms it creates, scale-out proportional to the metric, scale-in after 15 low minutes and the cooldowns), step
 * scaling's step choice, scheduled actions, the activities' texts — and desiredCount changes reaching the ECS
 * scheduler (tasks start and stop). The sandbox's load generator (DojoSandbox.SetLoad) makes the service busy.
 */
import { describe, expect, test } from "vitest";
import { handleOperation, handleSandboxOperation, NEW_ACCOUNT } from "@/lib/sandbox/engine";
import { EcsError } from "@/lib/sandbox/engine/errors";
import { advanceTo, runOperation } from "@/lib/sandbox/engine/simulation";
import { createSandboxState, type SandboxState } from "@/lib/sandbox/engine/state";
import { applicationAutoScalingProvider } from "@/lib/sandbox/services/application-autoscaling";
import { stepCapacity, trackingCapacity } from "@/lib/sandbox/services/application-autoscaling/policies";
import { nextRunAt } from "@/lib/sandbox/services/application-autoscaling/scheduled";
import { cloudWatchOperations } from "@/lib/sandbox/services/cloudwatch";

const T0 = Date.UTC(2026, 11, 7, 6, 0, 0);
const ACCOUNT = "123456789012";
const REGION = "ap-northeast-1";
const RESOURCE = "service/shop/web";
const KEYS = { ServiceNamespace: "ecs", ResourceId: RESOURCE, ScalableDimension: "ecs:service:DesiredCount" };

/** One learner's sandbox: ECS, Application Auto Scaling and DojoSandbox calls at a clock the test moves. */
function sandbox() {
  let state: SandboxState = createSandboxState(ACCOUNT, REGION);
  let now = T0;
  const run = (step: () => { state: SandboxState; output: object }, readOnly = false) => {
    const { state: next, output } = step();
    if (!readOnly) state = next;
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    return output as any;
  };
  const api = {
    ecs: (operation: string, input: object) => run(() => handleOperation(state, operation, input, now, NEW_ACCOUNT)),
    aas: (operation: string, input: object = {}) => {
      const op = applicationAutoScalingProvider.operations[operation];
      return run(() => runOperation(state, op, input, now, NEW_ACCOUNT), op.readOnly);
    },
    aasFails(operation: string, input: object) {
      const before = state;
      try {
        api.aas(operation, input);
      } catch (error) {
        if (!(error instanceof EcsError)) throw error;
        expect(state).toBe(before);
        return `${error.type}: ${error.message}`;
      }
      throw new Error(`${operation} did not fail`);
    },
    cw: (operation: string, input: object = {}) => {
      const op = cloudWatchOperations[operation];
      return run(() => runOperation(state, op, input, now, NEW_ACCOUNT), op.readOnly);
    },
    dojo: (operation: string, input: object) => run(() => handleSandboxOperation(state, operation, input, now, NEW_ACCOUNT)),
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
    desired: () => state.services["shop/web"].service.desiredCount,
    running: () => Object.values(state.tasks).filter((t) => t.group === "service:web" && t.lastStatus === "RUNNING").length,
    alarm: (part: string) => Object.values(state.cwAlarms).find((a) => a.name.includes(part))!,
  };
  return api;
}

/** A cluster with a cpuburn service of `count` Fargate tasks (256 CPU units: 12.8 requests/s fill one at 20 ms each). */
function withService(count = 2) {
  const s = sandbox();
  s.ecs("CreateCluster", { clusterName: "shop" });
  s.ecs("RegisterTaskDefinition", {
    family: "web",
    networkMode: "awsvpc",
    requiresCompatibilities: ["FARGATE"],
    cpu: "256",
    memory: "512",
    containerDefinitions: [{ name: "web", image: "sbx/cpuburn:1", essential: true, portMappings: [{ containerPort: 80 }] }],
  });
  s.ecs("CreateService", {
    cluster: "shop",
    serviceName: "web",
    taskDefinition: "web",
    desiredCount: count,
    launchType: "FARGATE",
    networkConfiguration: { awsvpcConfiguration: { subnets: ["subnet-0a1b2c3d4e5f60001"], assignPublicIp: "ENABLED" } },
  });
  s.advance(120);
  expect(s.running()).toBe(count);
  return s;
}

describe("scalable targets", () => {
  test("register, describe, update the bounds (moving the desired count inside them), deregister", () => {
    const s = withService(2);
    const { ScalableTargetARN } = s.aas("RegisterScalableTarget", { ...KEYS, MinCapacity: 1, MaxCapacity: 10 });
    expect(ScalableTargetARN).toMatch(/^arn:aws:application-autoscaling:ap-northeast-1:123456789012:scalable-target\/[0-9a-f]{36}$/);
    expect(s.aas("DescribeScalableTargets", { ServiceNamespace: "ecs" })).toEqual({
      ScalableTargets: [
        {
          ...KEYS,
          MinCapacity: 1,
          MaxCapacity: 10,
          RoleARN: "arn:aws:iam::123456789012:role/aws-service-role/ecs.application-autoscaling.amazonaws.com/AWSServiceRoleForApplicationAutoScaling_ECSService",
          CreationTime: s.now / 1000,
          SuspendedState: { DynamicScalingInSuspended: false, DynamicScalingOutSuspended: false, ScheduledScalingSuspended: false },
          ScalableTargetARN,
        },
      ],
    });
    s.aas("RegisterScalableTarget", { ...KEYS, MinCapacity: 3 });
    expect(s.desired()).toBe(3);
    expect(s.aas("DescribeScalingActivities", { ServiceNamespace: "ecs" }).ScalingActivities[0]).toMatchObject({
      Description: "Setting desired count to 3.",
      Cause: "minimum capacity was set to 3",
      StatusCode: "Successful",
      StatusMessage: "Successfully set desired count to 3. Change successfully fulfilled by ecs.",
    });
    s.advance(120);
    expect(s.running()).toBe(3);
    s.aas("DeregisterScalableTarget", KEYS);
    expect(s.aas("DescribeScalableTargets", { ServiceNamespace: "ecs" }).ScalableTargets).toEqual([]);
  });

  test("refusals: a service that does not exist, a first registration without bounds, min above max, no target", () => {
    const s = withService(1);
    expect(s.aasFails("RegisterScalableTarget", { ...KEYS, ResourceId: "service/shop/nope", MinCapacity: 1, MaxCapacity: 2 })).toBe(
      "ValidationException: ECS service doesn't exist: service/shop/nope",
    );
    expect(s.aasFails("RegisterScalableTarget", { ...KEYS, MinCapacity: 1 })).toBe("ValidationException: MinCapacity and MaxCapacity are required for registering a new scalable target");
    expect(s.aasFails("RegisterScalableTarget", { ...KEYS, MinCapacity: 5, MaxCapacity: 2 })).toBe("ValidationException: Minimum capacity cannot be greater than maximum capacity");
    expect(s.aasFails("PutScalingPolicy", { ...KEYS, PolicyName: "cpu", PolicyType: "TargetTrackingScaling", TargetTrackingScalingPolicyConfiguration: { TargetValue: 50 } })).toBe(
      "ObjectNotFoundException: No scalable target registered for service namespace: ecs, resource ID: service/shop/web, scalable dimension: ecs:service:DesiredCount",
    );
    expect(s.aasFails("DeregisterScalableTarget", KEYS)).toBe(
      "ObjectNotFoundException: No scalable target registered for service namespace: ecs, resource ID: service/shop/web, scalable dimension: ecs:service:DesiredCount",
    );
    s.aas("RegisterScalableTarget", { ...KEYS, MinCapacity: 1, MaxCapacity: 4 });
    expect(s.aasFails("DeleteScalingPolicy", { ...KEYS, PolicyName: "cpu" })).toBe(
      "ObjectNotFoundException: No scaling policy found for service namespace: ecs, resource ID: service/shop/web, scalable dimension: ecs:service:DesiredCount, policy name: cpu",
    );
  });
});

const CPU_POLICY = {
  ...KEYS,
  PolicyName: "cpu50",
  PolicyType: "TargetTrackingScaling",
  TargetTrackingScalingPolicyConfiguration: { TargetValue: 50, PredefinedMetricSpecification: { PredefinedMetricType: "ECSServiceAverageCPUUtilization" } },
};

describe("target tracking on ECSServiceAverageCPUUtilization", () => {
  test("the policy creates its two alarms, as AWS names and configures them", () => {
    const s = withService(2);
    s.aas("RegisterScalableTarget", { ...KEYS, MinCapacity: 2, MaxCapacity: 10 });
    const put = s.aas("PutScalingPolicy", CPU_POLICY);
    expect(put.PolicyARN).toMatch(/^arn:aws:autoscaling:ap-northeast-1:123456789012:scalingPolicy:[0-9a-f-]{36}:resource\/ecs\/service\/shop\/web:policyName\/cpu50$/);
    expect(put.Alarms.map((a: { AlarmName: string }) => a.AlarmName)).toEqual([
      expect.stringMatching(/^TargetTracking-service\/shop\/web-AlarmHigh-[0-9a-f-]{36}$/),
      expect.stringMatching(/^TargetTracking-service\/shop\/web-AlarmLow-[0-9a-f-]{36}$/),
    ]);
    expect(s.alarm("AlarmHigh")).toMatchObject({ threshold: 50, evaluationPeriods: 3, comparisonOperator: "GreaterThanThreshold", metricName: "CPUUtilization", namespace: "AWS/ECS", state: "INSUFFICIENT_DATA", stateReason: "Unchecked: Initial alarm creation" });
    expect(s.alarm("AlarmLow")).toMatchObject({ threshold: 45, evaluationPeriods: 15, comparisonOperator: "LessThanThreshold" });
    const [policy] = s.aas("DescribeScalingPolicies", { ServiceNamespace: "ecs", ResourceId: RESOURCE }).ScalingPolicies;
    // As put: the cooldowns' defaults (300 s) apply without being shown.
    expect(policy.TargetTrackingScalingPolicyConfiguration).toEqual({
      TargetValue: 50,
      PredefinedMetricSpecification: { PredefinedMetricType: "ECSServiceAverageCPUUtilization" },
    });
    s.aas("DeleteScalingPolicy", { ...KEYS, PolicyName: "cpu50" });
    expect(Object.keys(s.state.cwAlarms)).toEqual([]);
  });

  test("load raises CPU, AlarmHigh goes ALARM after 3 minutes, desired 2 → N; load drops, scale-in after 15 low minutes", () => {
    const s = withService(2);
    s.aas("RegisterScalableTarget", { ...KEYS, MinCapacity: 2, MaxCapacity: 10 });
    s.aas("PutScalingPolicy", CPU_POLICY);
    // Idle: the low alarm's minutes pile up but min capacity holds.
    s.advance(60);
    expect(s.alarm("AlarmHigh").state).toBe("OK");
    // 20 requests/s over 2 tasks at 20 ms each on 256 CPU units: 0.5 + 10 × 20 / 0.25 / 10 = 80.5 %.
    s.dojo("SetLoad", { cluster: "shop", service: "web", requestsPerSecond: 20 });
    s.advance(120);
    expect(s.alarm("AlarmHigh").state).toBe("OK");
    s.advance(60);
    const high = s.alarm("AlarmHigh");
    expect(high.state).toBe("ALARM");
    expect(high.stateReason).toMatch(
      /^Threshold Crossed: 3 out of the last 3 datapoints \[80\.5 \(07\/12\/26 06:0\d:00\), 80\.5 \(07\/12\/26 06:0\d:00\), 80\.5 \(07\/12\/26 06:0\d:00\)\] were greater than the threshold \(50\.0\) \(minimum 3 datapoints for OK -> ALARM transition\)\.$/,
    );
    // ceil(2 × 80.5 / 50) = 4.
    expect(s.desired()).toBe(4);
    const [activity] = s.aas("DescribeScalingActivities", { ServiceNamespace: "ecs", ResourceId: RESOURCE }).ScalingActivities;
    expect(activity).toMatchObject({
      Description: "Setting desired count to 4.",
      Cause: `monitor alarm ${high.name} in state ALARM triggered policy cpu50`,
      StatusCode: "Successful",
      StatusMessage: "Successfully set desired count to 4. Change successfully fulfilled by ecs.",
    });
    s.advance(90);
    expect(s.running()).toBe(4);
    // 4 tasks: 0.5 + 5 × 20 / 0.25 / 10 = 40.5 % — between the low (45) alarm and the target: no more scaling.
    s.advance(600);
    expect(s.desired()).toBe(4);
    expect(s.alarm("AlarmHigh").state).toBe("OK");
    expect(s.alarm("AlarmLow").state).toBe("OK");
    // 15 minutes under 45 %: AlarmLow goes ALARM, but ceil(4 × 40.5 ÷ 50) = 4 — nothing to remove.
    s.advance(6 * 60);
    expect(s.alarm("AlarmLow").state).toBe("ALARM");
    expect(s.alarm("AlarmLow").stateReason).toMatch(/^Threshold Crossed: 15 out of the last 15 datapoints \[40\.5 \(/);
    expect(s.desired()).toBe(4);
    // Load drops: 0.5 % CPU; the low alarm stays in ALARM and, its cooldowns over, scales in to the minimum.
    s.dojo("SetLoad", { cluster: "shop", service: "web", requestsPerSecond: 0 });
    s.advance(16 * 60);
    expect(s.desired()).toBe(2);
    s.advance(120);
    expect(s.running()).toBe(2);
  });

  test("cooldowns: no second scale-out within ScaleOutCooldown", () => {
    const s = withService(2);
    s.aas("RegisterScalableTarget", { ...KEYS, MinCapacity: 2, MaxCapacity: 20 });
    s.aas("PutScalingPolicy", { ...CPU_POLICY, TargetTrackingScalingPolicyConfiguration: { ...CPU_POLICY.TargetTrackingScalingPolicyConfiguration, ScaleOutCooldown: 600 } });
    s.dojo("SetLoad", { cluster: "shop", service: "web", requestsPerSecond: 200 });
    s.advance(4 * 60);
    const first = s.desired()!;
    expect(first).toBeGreaterThan(2);
    s.advance(5 * 60);
    expect(s.desired()).toBe(first);
    s.advance(6 * 60);
    expect(s.desired()).toBeGreaterThan(first);
  });

  test("the same calls at the same clock steps give the same state", () => {
    const runOnce = () => {
      const s = withService(2);
      s.aas("RegisterScalableTarget", { ...KEYS, MinCapacity: 2, MaxCapacity: 10 });
      s.aas("PutScalingPolicy", CPU_POLICY);
      s.dojo("SetLoad", { cluster: "shop", service: "web", schedule: [{ afterSeconds: 0, requestsPerSecond: 40 }, { afterSeconds: 900, requestsPerSecond: 0 }] });
      s.advance(40 * 60);
      return JSON.stringify([s.state.aasActivities, s.state.cwAlarms, s.state.services["shop/web"].service.desiredCount]);
    };
    expect(runOnce()).toBe(runOnce());
  });
});

describe("target tracking on ALBRequestCountPerTarget", () => {
  test("the alarms watch the target group's RequestCountPerTarget (Sum); a malformed ResourceLabel is refused", () => {
    const s = withService(2);
    s.aas("RegisterScalableTarget", { ...KEYS, MinCapacity: 2, MaxCapacity: 10 });
    const label = "app/shop-alb/0123456789abcdef/targetgroup/web-tg/fedcba9876543210";
    const policy = (ResourceLabel: string) => ({
      ...KEYS,
      PolicyName: "requests",
      PolicyType: "TargetTrackingScaling",
      TargetTrackingScalingPolicyConfiguration: { TargetValue: 1000, PredefinedMetricSpecification: { PredefinedMetricType: "ALBRequestCountPerTarget", ResourceLabel } },
    });
    expect(s.aasFails("PutScalingPolicy", policy("web-tg"))).toBe(
      "ValidationException: ResourceLabel must be of the form app/<load-balancer-name>/<load-balancer-id>/targetgroup/<target-group-name>/<target-group-id> for ALBRequestCountPerTarget",
    );
    s.aas("PutScalingPolicy", policy(label));
    expect(s.alarm("AlarmHigh")).toMatchObject({
      namespace: "AWS/ApplicationELB",
      metricName: "RequestCountPerTarget",
      statistic: "Sum",
      dimensions: [{ Name: "TargetGroup", Value: "targetgroup/web-tg/fedcba9876543210" }],
      threshold: 1000,
    });
    expect(s.alarm("AlarmLow").threshold).toBe(900);
  });
});

describe("the arithmetic", () => {
  test("target tracking: ceil(current × metric ÷ target)", () => {
    expect(trackingCapacity(2, 80.5, 50)).toBe(4);
    expect(trackingCapacity(2, 75, 75)).toBe(2);
    expect(trackingCapacity(4, 10, 50)).toBe(1);
  });

  test("step scaling: the step whose interval holds the distance from the threshold", () => {
    const config = {
      AdjustmentType: "ChangeInCapacity",
      StepAdjustments: [
        { MetricIntervalLowerBound: 0, MetricIntervalUpperBound: 20, ScalingAdjustment: 1 },
        { MetricIntervalLowerBound: 20, ScalingAdjustment: 3 },
      ],
    };
    expect(stepCapacity(2, config, 5)).toBe(3);
    expect(stepCapacity(2, config, 25)).toBe(5);
    expect(stepCapacity(2, config, -1)).toBeUndefined();
    expect(stepCapacity(10, { AdjustmentType: "PercentChangeInCapacity", MinAdjustmentMagnitude: 2, StepAdjustments: [{ MetricIntervalLowerBound: 0, ScalingAdjustment: 10 }] }, 1)).toBe(12);
    expect(stepCapacity(3, { AdjustmentType: "ExactCapacity", StepAdjustments: [{ MetricIntervalUpperBound: 0, ScalingAdjustment: 1 }] }, -4)).toBe(1);
  });

  test("scheduled actions: at() once, rate() every period, cron() at its next match (application-autoscaling-cron.test.ts)", () => {
    const base = { arn: "a", name: "n", resourceId: RESOURCE, createdAtMs: T0 };
    expect(nextRunAt({ ...base, schedule: "at(2026-12-07T07:00:00)" }, T0)).toBe(Date.UTC(2026, 11, 7, 7));
    expect(nextRunAt({ ...base, schedule: "at(2026-12-07T07:00:00)" }, Date.UTC(2026, 11, 7, 7))).toBeUndefined();
    expect(nextRunAt({ ...base, schedule: "rate(5 minutes)" }, T0 + 1)).toBe(T0 + 300_000);
    expect(nextRunAt({ ...base, schedule: "cron(0 9 * * ? *)" }, T0)).toBe(Date.UTC(2026, 11, 7, 9));
  });
});

describe("step scaling with a learner's own alarm", () => {
  test("a step policy named in a metric alarm's AlarmActions scales by the matching step, then waits out its Cooldown", () => {
    const s = withService(2);
    s.aas("RegisterScalableTarget", { ...KEYS, MinCapacity: 1, MaxCapacity: 10 });
    const { PolicyARN } = s.aas("PutScalingPolicy", {
      ...KEYS,
      PolicyName: "step-out",
      PolicyType: "StepScaling",
      StepScalingPolicyConfiguration: {
        AdjustmentType: "ChangeInCapacity",
        Cooldown: 120,
        StepAdjustments: [
          { MetricIntervalLowerBound: 0, MetricIntervalUpperBound: 20, ScalingAdjustment: 1 },
          { MetricIntervalLowerBound: 20, ScalingAdjustment: 3 },
        ],
      },
    });
    s.cw("PutMetricAlarm", {
      AlarmName: "web-cpu-high",
      Namespace: "AWS/ECS",
      MetricName: "CPUUtilization",
      Dimensions: [{ Name: "ClusterName", Value: "shop" }, { Name: "ServiceName", Value: "web" }],
      Statistic: "Average",
      Period: 60,
      EvaluationPeriods: 2,
      Threshold: 50,
      ComparisonOperator: "GreaterThanThreshold",
      AlarmActions: [PolicyARN],
    });
    expect(s.aas("DescribeScalingPolicies", { ServiceNamespace: "ecs" }).ScalingPolicies[0].Alarms).toEqual([
      { AlarmName: "web-cpu-high", AlarmARN: "arn:aws:cloudwatch:ap-northeast-1:123456789012:alarm:web-cpu-high" },
    ]);
    // 80.5 % is 30.5 above the threshold: the second step, +3.
    s.dojo("SetLoad", { cluster: "shop", service: "web", requestsPerSecond: 20 });
    s.advance(150);
    expect(s.cw("DescribeAlarms", { AlarmNames: ["web-cpu-high"] }).MetricAlarms[0].StateValue).toBe("ALARM");
    expect(s.desired()).toBe(5);
    expect(s.aas("DescribeScalingActivities", { ServiceNamespace: "ecs" }).ScalingActivities[0].Cause).toBe("monitor alarm web-cpu-high in state ALARM triggered policy step-out");
  });
});
