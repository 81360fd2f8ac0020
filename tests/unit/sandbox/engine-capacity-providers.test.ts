/**
 * Auto Scaling group capacity providers with managed scaling (lesson L702; capacity-providers.ts, auto-scaling-groups.ts,
 * managed-scaling.ts): tasks wait in PROVISIONING while their group has no room, CapacityProviderReservation drives the
 * group toward targetCapacity, and managed termination protection decides which instances scale-in may take.
 */
import { describe, expect, test } from "vitest";
import { EC2_TD, EngineDriver, T0 } from "./support/engine";

const GROUP = "dojo-asg";
const PROVIDER = "dojo-cp";

interface Setup {
  /** Managed scaling settings (status ENABLED unless given). */
  scaling?: Record<string, unknown>;
  protection?: "ENABLED" | "DISABLED";
  group?: Record<string, unknown>;
}

/**
 * A cluster "dojo" whose default strategy is one Auto Scaling group capacity provider (t3.medium instances: 2,048 CPU
 * units, 3,993 MiB registered, so seven 256-unit/512-MiB tasks each), and the task definition "api" (EC2_TD).
 */
function capacityCluster({ scaling = {}, protection = "ENABLED", group = {} }: Setup = {}): EngineDriver {
  const sandbox = new EngineDriver();
  sandbox.call("CreateCluster", { clusterName: "dojo" });
  const { autoScalingGroupArn } = sandbox.sandbox("CreateAutoScalingGroup", { name: GROUP, instanceType: "t3.medium", min: 0, max: 5, desired: 0, cluster: "dojo", ...group });
  sandbox.call("CreateCapacityProvider", {
    name: PROVIDER,
    autoScalingGroupProvider: {
      autoScalingGroupArn,
      managedScaling: { status: "ENABLED", targetCapacity: 100, instanceWarmupPeriod: 60, ...scaling },
      managedTerminationProtection: protection,
    },
  });
  sandbox.call("PutClusterCapacityProviders", {
    cluster: "dojo",
    capacityProviders: [PROVIDER],
    defaultCapacityProviderStrategy: [{ capacityProvider: PROVIDER, weight: 1 }],
  });
  sandbox.call("RegisterTaskDefinition", EC2_TD);
  return sandbox;
}

function groupOf(sandbox: EngineDriver) {
  return sandbox.sandbox("DescribeAutoScalingGroups", { names: [GROUP] }).autoScalingGroups[0];
}

function reservation(sandbox: EngineDriver, fromSeconds: number, toSeconds: number): number[] {
  const { Datapoints } = sandbox.cw("GetMetricStatistics", {
    Namespace: "AWS/ECS/ManagedScaling",
    MetricName: "CapacityProviderReservation",
    Dimensions: [{ Name: "ClusterName", Value: "dojo" }, { Name: "CapacityProviderName", Value: PROVIDER }],
    StartTime: new Date(T0 + fromSeconds * 1000).toISOString(),
    EndTime: new Date(T0 + toSeconds * 1000).toISOString(),
    Period: 60,
    Statistics: ["Maximum"],
  });
  return (Datapoints as { Timestamp: string; Maximum: number }[]).sort((a, b) => Date.parse(a.Timestamp) - Date.parse(b.Timestamp)).map((d) => d.Maximum);
}

describe("tasks wait in PROVISIONING while the group is short, and managed scaling grows it", () => {
  test("10 tasks on an empty group: PROVISIONING, the reservation 200 %, two instances launched, then placed and RUNNING", () => {
    const sandbox = capacityCluster();
    sandbox.call("CreateService", { cluster: "dojo", serviceName: "api", taskDefinition: "api", desiredCount: 10 });
    const waiting = sandbox.serviceTasks("api");
    expect(waiting).toHaveLength(10);
    for (const task of waiting) {
      expect(task).toMatchObject({ lastStatus: "PROVISIONING", desiredStatus: "RUNNING", launchType: "EC2", capacityProviderName: PROVIDER });
      expect(task.containerInstanceArn).toBeUndefined();
    }
    // No placement failure: with a capacity provider the tasks wait instead (ecs-behavior.md §3.5 F06).
    expect(sandbox.events("api").some((m) => m.includes("was unable to place a task"))).toBe(false);

    // The first minute: N = 0 and tasks wait, so 200 %; 10 tasks need two instances (seven fit one).
    sandbox.advance(60);
    let group = groupOf(sandbox);
    expect(group.DesiredCapacity).toBe(2);
    expect(group.Instances).toHaveLength(2);
    expect(group.Activities[0].Description).toMatch(/^Launching a new EC2 instance: i-[0-9a-f]{17}\. Cause: /);
    expect(sandbox.serviceTasks("api").every((t) => t.lastStatus === "PROVISIONING")).toBe(true);

    // The agents register a minute after launch; the waiting tasks go there at once.
    sandbox.advance(120);
    group = groupOf(sandbox);
    expect(group.Instances.every((i: { ContainerInstanceArn?: string }) => i.ContainerInstanceArn !== undefined)).toBe(true);
    const instances = sandbox.call("ListContainerInstances", { cluster: "dojo" }).containerInstanceArns;
    expect(instances).toHaveLength(2);
    const described = sandbox.call("DescribeContainerInstances", { cluster: "dojo", containerInstances: instances }).containerInstances;
    expect(described.map((i: { capacityProviderName: string }) => i.capacityProviderName)).toEqual([PROVIDER, PROVIDER]);
    expect(sandbox.serviceTasks("api").every((t) => t.containerInstanceArn !== undefined && t.lastStatus !== "PROVISIONING")).toBe(true);

    sandbox.advance(300);
    expect(sandbox.service("api")).toMatchObject({ runningCount: 10, pendingCount: 0 });
    // Minute by minute: 200 % while nothing ran, then 100 % (both instances in use).
    expect(reservation(sandbox, 60, 300)).toEqual([200, 100, 100, 100]);
  });

  test("maximumScalingStepSize limits each step; instances still warming count as coming capacity", () => {
    const sandbox = capacityCluster({ scaling: { maximumScalingStepSize: 1 } });
    sandbox.call("CreateService", { cluster: "dojo", serviceName: "api", taskDefinition: "api", desiredCount: 20 });
    const desiredAt = (seconds: number) => {
      sandbox.advance(seconds);
      return groupOf(sandbox).DesiredCapacity;
    };
    // 20 tasks need three instances, one at a time: the first at the first minute, the next once it has registered
    // and its warm-up (60 s here) is over.
    expect([desiredAt(60), desiredAt(119), desiredAt(120), desiredAt(180)]).toEqual([1, 1, 2, 3]);
    sandbox.advance(600);
    expect(sandbox.service("api").runningCount).toBe(20);
  });

  test("from zero instances the 200 % launches two even for one task (as AWS does); minimumScalingStepSize 3 launches three", () => {
    for (const [minimumScalingStepSize, launched] of [[1, 2], [3, 3]]) {
      const sandbox = capacityCluster({ scaling: { minimumScalingStepSize } });
      sandbox.call("RunTask", { cluster: "dojo", taskDefinition: "api", capacityProviderStrategy: [{ capacityProvider: PROVIDER, weight: 1 }] });
      sandbox.advance(60);
      expect(groupOf(sandbox).DesiredCapacity).toBe(launched);
    }
  });

  test("the instance the one task did not need sits idle, then goes after 15 minutes below target", () => {
    const sandbox = capacityCluster();
    sandbox.call("RunTask", { cluster: "dojo", taskDefinition: "api" });
    sandbox.advance(60 + 60 + 14 * 60);
    expect(groupOf(sandbox).Instances).toHaveLength(2);
    sandbox.advance(60 + 60 + 16 * 60);
    expect(groupOf(sandbox).Instances).toHaveLength(1);
  });

  test("the same calls at the same times give byte-identical outputs", () => {
    const run = () => {
      const sandbox = capacityCluster({ scaling: { maximumScalingStepSize: 1 } });
      sandbox.call("CreateService", { cluster: "dojo", serviceName: "api", taskDefinition: "api", desiredCount: 12 });
      sandbox.advance(900);
      return JSON.stringify([groupOf(sandbox), sandbox.service("api"), reservation(sandbox, 0, 900)]);
    };
    expect(run()).toBe(run());
  });

  test("targetCapacity 50 keeps half the group spare (with binpack placement)", () => {
    const sandbox = capacityCluster({ scaling: { targetCapacity: 50 } });
    const binpack = [{ type: "binpack", field: "memory" }];
    sandbox.call("CreateService", { cluster: "dojo", serviceName: "api", taskDefinition: "api", desiredCount: 7, placementStrategy: binpack });
    // From zero: ceil(200 / 50) = 4 instances; binpack puts the seven tasks on one of them.
    sandbox.advance(60);
    expect(groupOf(sandbox).DesiredCapacity).toBe(4);
    sandbox.advance(60 + 60 + 16 * 60);
    // M = 1, so after 15 minutes at 25 % the group holds ceil(1 × 100 / 50) = 2.
    expect(groupOf(sandbox).DesiredCapacity).toBe(2);
    expect(sandbox.service("api").runningCount).toBe(7);
  });

  test("with the default spread placement every instance runs a task, so a target below 100 grows the group to its max", () => {
    const sandbox = capacityCluster({ scaling: { targetCapacity: 50 } });
    sandbox.call("CreateService", { cluster: "dojo", serviceName: "api", taskDefinition: "api", desiredCount: 7 });
    sandbox.advance(600);
    // M counts the instances running a task: spread over all four, 4 / 4 = 100 % > 50 %, so up to max (5).
    expect(groupOf(sandbox).DesiredCapacity).toBe(5);
  });

  test("with managed scaling off the tasks wait until the group is given capacity by hand", () => {
    const sandbox = capacityCluster({ scaling: { status: "DISABLED" }, protection: "DISABLED" });
    const { tasks } = sandbox.call("RunTask", { cluster: "dojo", taskDefinition: "api", count: 2 });
    sandbox.advance(600);
    expect(groupOf(sandbox).DesiredCapacity).toBe(0);
    expect(sandbox.describeTask(tasks[0].taskArn).lastStatus).toBe("PROVISIONING");
    expect(sandbox.cw("ListMetrics", { Namespace: "AWS/ECS/ManagedScaling" }).Metrics).toEqual([]);

    sandbox.sandbox("UpdateAutoScalingGroup", { name: GROUP, desired: 1 });
    sandbox.advance(600 + 61);
    expect(sandbox.describeTask(tasks[0].taskArn).lastStatus).not.toBe("PROVISIONING");
    sandbox.advance(700);
    expect(sandbox.describeTask(tasks[1].taskArn).lastStatus).toBe("RUNNING");
  });
});

describe("scale-in and managed termination protection", () => {
  /** A group of two registered instances and one task pinned on the first (the oldest), the other instance empty. */
  function oneBusyInstance(protection: "ENABLED" | "DISABLED") {
    const sandbox = capacityCluster({ protection, group: { desired: 2 } });
    sandbox.advance(61);
    const [first, second] = groupOf(sandbox).Instances.map((i: { InstanceId: string }) => i.InstanceId);
    const { tasks } = sandbox.call("RunTask", {
      cluster: "dojo",
      taskDefinition: "api",
      capacityProviderStrategy: [{ capacityProvider: PROVIDER, weight: 1 }],
      placementConstraints: [{ type: "memberOf", expression: `ec2InstanceId == ${first}` }],
    });
    return { sandbox, first, second, taskArn: tasks[0].taskArn as string };
  }

  test("ENABLED: after 15 minutes below target the empty instance goes; the busy one is protected", () => {
    const { sandbox, first, second, taskArn } = oneBusyInstance("ENABLED");
    sandbox.advance(61 + 14 * 60);
    expect(groupOf(sandbox).Instances).toHaveLength(2);
    sandbox.advance(61 + 17 * 60);
    const group = groupOf(sandbox);
    expect(group.Instances.map((i: { InstanceId: string }) => i.InstanceId)).toEqual([first]);
    expect(group.Instances[0].ProtectedFromScaleIn).toBe(true);
    expect(group.Activities[0].Description).toBe(`Terminating EC2 instance: ${second}. Cause: a target tracking policy (ECS managed scaling of capacity provider ${PROVIDER}) lowered the capacity to 1.`);
    expect(sandbox.describeTask(taskArn).lastStatus).toBe("RUNNING");
    expect(reservation(sandbox, 120, 180)).toEqual([50]);
  });

  test("DISABLED: scale-in takes the oldest instance though it runs a task, which stops: Host EC2 (instance …) terminated.", () => {
    const { sandbox, first, second, taskArn } = oneBusyInstance("DISABLED");
    sandbox.advance(61 + 17 * 60);
    expect(groupOf(sandbox).Instances.map((i: { InstanceId: string }) => i.InstanceId)).toEqual([second]);
    expect(sandbox.describeTask(taskArn)).toMatchObject({ desiredStatus: "STOPPED", stoppedReason: `Host EC2 (instance ${first}) terminated.` });
  });

  test("no scale-in below the group's min size", () => {
    const sandbox = capacityCluster({ group: { min: 2, desired: 2 } });
    sandbox.advance(3600);
    expect(groupOf(sandbox).Instances).toHaveLength(2);
  });
});

describe("CreateCapacityProvider, DescribeCapacityProviders, UpdateCapacityProvider, DeleteCapacityProvider", () => {
  test("the provider as created, with AWS's defaults; Fargate's two are listed beside it", () => {
    const sandbox = new EngineDriver();
    const { autoScalingGroupArn } = sandbox.sandbox("CreateAutoScalingGroup", { name: GROUP, instanceType: "m5.large", min: 0, max: 3, desired: 0 });
    expect(autoScalingGroupArn).toMatch(/^arn:aws:autoscaling:ap-northeast-1:123456789012:autoScalingGroup:[0-9a-f-]{36}:autoScalingGroupName\/dojo-asg$/);
    const { capacityProvider } = sandbox.call("CreateCapacityProvider", { name: PROVIDER, autoScalingGroupProvider: { autoScalingGroupArn } });
    expect(capacityProvider).toEqual({
      capacityProviderArn: `arn:aws:ecs:ap-northeast-1:123456789012:capacity-provider/${PROVIDER}`,
      name: PROVIDER,
      status: "ACTIVE",
      autoScalingGroupProvider: {
        autoScalingGroupArn,
        managedScaling: { status: "DISABLED", targetCapacity: 100, minimumScalingStepSize: 1, maximumScalingStepSize: 10000, instanceWarmupPeriod: 300 },
        managedTerminationProtection: "DISABLED",
        managedDraining: "ENABLED",
      },
      tags: [],
      type: "EC2_AUTOSCALING",
    });
    const names = sandbox.call("DescribeCapacityProviders").capacityProviders.map((p: { name: string }) => p.name);
    expect(names).toEqual(["FARGATE", "FARGATE_SPOT", PROVIDER]);
  });

  test("AWS's errors: the name taken, the group taken, termination protection without managed scaling", () => {
    const sandbox = new EngineDriver();
    const { autoScalingGroupArn } = sandbox.sandbox("CreateAutoScalingGroup", { name: GROUP, instanceType: "m5.large", min: 0, max: 3, desired: 0 });
    sandbox.call("CreateCapacityProvider", { name: PROVIDER, autoScalingGroupProvider: { autoScalingGroupArn } });
    let error = sandbox.error("CreateCapacityProvider", { name: PROVIDER, autoScalingGroupProvider: { autoScalingGroupArn } });
    expect([error.type, error.message]).toEqual([
      "ClientException",
      "The specified capacity provider already exists. To change the configuration of an existing capacity provider, update the capacity provider.",
    ]);
    error = sandbox.error("CreateCapacityProvider", { name: "other", autoScalingGroupProvider: { autoScalingGroupArn } });
    expect([error.type, error.message]).toEqual([
      "ClientException",
      "The specified Auto Scaling group ARN is already being used by another capacity provider. Specify a unique Auto Scaling group ARN and try again.",
    ]);
    error = sandbox.error("UpdateCapacityProvider", { name: PROVIDER, autoScalingGroupProvider: { managedTerminationProtection: "ENABLED" } });
    expect(error.type).toBe("ClientException");
    expect(error.message).toMatch(/^The managed termination protection setting for the capacity provider is invalid\./);
    expect(sandbox.error("CreateCapacityProvider", { name: "fargate-ish", autoScalingGroupProvider: { autoScalingGroupArn } }).type).toBe("InvalidParameterException");
    expect(sandbox.error("UpdateCapacityProvider", { name: "FARGATE", autoScalingGroupProvider: {} }).message).toBe("The FARGATE capacity provider is reserved and cannot be changed or deleted.");
  });

  test("UpdateCapacityProvider changes managed scaling; the metric appears once it is on and associated", () => {
    const sandbox = capacityCluster({ scaling: { status: "DISABLED" }, protection: "DISABLED" });
    const { capacityProvider } = sandbox.call("UpdateCapacityProvider", { name: PROVIDER, autoScalingGroupProvider: { managedScaling: { status: "ENABLED", targetCapacity: 90 } } });
    expect(capacityProvider.updateStatus).toBe("UPDATE_IN_PROGRESS");
    expect(capacityProvider.autoScalingGroupProvider.managedScaling).toEqual({ status: "ENABLED", targetCapacity: 90, minimumScalingStepSize: 1, maximumScalingStepSize: 10000, instanceWarmupPeriod: 60 });
    sandbox.advance(60);
    expect(sandbox.call("DescribeCapacityProviders", { capacityProviders: [PROVIDER] }).capacityProviders[0].updateStatus).toBe("UPDATE_COMPLETE");
    expect(sandbox.cw("ListMetrics", { Namespace: "AWS/ECS/ManagedScaling" }).Metrics).toEqual([
      { Namespace: "AWS/ECS/ManagedScaling", MetricName: "CapacityProviderReservation", Dimensions: [{ Name: "ClusterName", Value: "dojo" }, { Name: "CapacityProviderName", Value: PROVIDER }] },
    ]);
  });

  test("DeleteCapacityProvider while associated: DELETE_FAILED with AWS's reason; after disassociation: INACTIVE", () => {
    const sandbox = capacityCluster();
    const failed = sandbox.call("DeleteCapacityProvider", { capacityProvider: PROVIDER }).capacityProvider;
    expect(failed).toMatchObject({
      status: "ACTIVE",
      updateStatus: "DELETE_FAILED",
      updateStatusReason: "The capacity provider cannot be deleted because it is associated with cluster: dojo. Remove the capacity provider from the cluster and try again.",
    });
    sandbox.advance(60);
    expect(sandbox.cw("ListMetrics", { Namespace: "AWS/ECS/ManagedScaling" }).Metrics).toHaveLength(1);
    sandbox.call("PutClusterCapacityProviders", { cluster: "dojo", capacityProviders: [], defaultCapacityProviderStrategy: [] });
    // Disassociated: ECS removes the metric.
    sandbox.advance(120);
    expect(sandbox.cw("ListMetrics", { Namespace: "AWS/ECS/ManagedScaling" }).Metrics).toEqual([]);
    expect(sandbox.call("DeleteCapacityProvider", { capacityProvider: PROVIDER }).capacityProvider.updateStatus).toBe("DELETE_IN_PROGRESS");
    expect(sandbox.call("DescribeCapacityProviders", { capacityProviders: [PROVIDER] }).capacityProviders[0]).toMatchObject({ status: "INACTIVE", updateStatus: "DELETE_COMPLETE" });
    expect(sandbox.call("DescribeCapacityProviders").capacityProviders.map((p: { name: string }) => p.name)).toEqual(["FARGATE", "FARGATE_SPOT"]);
  });

  test("a strategy mixing Fargate and Auto Scaling group providers is refused; a provider serves one cluster", () => {
    const sandbox = capacityCluster();
    sandbox.call("PutClusterCapacityProviders", { cluster: "dojo", capacityProviders: [PROVIDER, "FARGATE"], defaultCapacityProviderStrategy: [] });
    const mixed = sandbox.error("RunTask", {
      cluster: "dojo",
      taskDefinition: "api",
      capacityProviderStrategy: [{ capacityProvider: PROVIDER, weight: 1 }, { capacityProvider: "FARGATE", weight: 1 }],
    });
    expect(mixed.type).toBe("InvalidParameterException");
    sandbox.call("CreateCluster", { clusterName: "other" });
    expect(sandbox.error("PutClusterCapacityProviders", { cluster: "other", capacityProviders: [PROVIDER], defaultCapacityProviderStrategy: [] }).type).toBe("InvalidParameterException");
  });
});
