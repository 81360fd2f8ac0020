/**
 * Fault F12 and AZ rebalancing (issue 14 acceptance 2, "an AZ impairment rebalances tasks"; lesson L703):
 * DojoSandbox.ImpairAvailabilityZone / RestoreAvailabilityZone, with the texts ECS writes (zone-impairment.ts,
 * az-rebalancing.ts).
 */
import { describe, expect, test } from "vitest";
import { sandboxNetwork } from "@/lib/sandbox/services/ec2/network";
import { EngineDriver, fargateTd, T0 } from "./support/engine";

function webService(options: { lb?: boolean; desiredCount?: number; grace?: number; subnets?: string[]; rebalancing?: string } = {}) {
  const sandbox = new EngineDriver();
  const net = sandboxNetwork(sandbox.state);
  let group: string | undefined;
  if (options.lb) {
    const lb = sandbox.elb("CreateLoadBalancer", { Name: "web-alb", Subnets: net.publicSubnetIds, SecurityGroups: [net.securityGroupIds.alb] }).LoadBalancers[0].LoadBalancerArn;
    group = sandbox.elb("CreateTargetGroup", {
      Name: "web-tg",
      Protocol: "HTTP",
      Port: 80,
      VpcId: net.vpcId,
      TargetType: "ip",
      HealthCheckPath: "/health",
      HealthCheckIntervalSeconds: 10,
      HealthyThresholdCount: 2,
      UnhealthyThresholdCount: 2,
    }).TargetGroups[0].TargetGroupArn as string;
    sandbox.elb("ModifyTargetGroupAttributes", { TargetGroupArn: group, Attributes: [{ Key: "deregistration_delay.timeout_seconds", Value: "30" }] });
    sandbox.elb("CreateListener", { LoadBalancerArn: lb, Protocol: "HTTP", Port: 80, DefaultActions: [{ Type: "forward", TargetGroupArn: group }] });
  }
  sandbox.call("CreateCluster", { clusterName: "dojo" });
  sandbox.call("RegisterTaskDefinition", fargateTd("web", "sbx/web:1.0", {}, { name: "web", portMappings: [{ containerPort: 80 }] }));
  sandbox.call("CreateService", {
    cluster: "dojo",
    serviceName: "web",
    taskDefinition: "web",
    desiredCount: options.desiredCount ?? 4,
    launchType: "FARGATE",
    networkConfiguration: { awsvpcConfiguration: { subnets: options.subnets ?? net.publicSubnetIds, securityGroups: [net.securityGroupIds.app], assignPublicIp: "ENABLED" } },
    ...(options.rebalancing ? { availabilityZoneRebalancing: options.rebalancing } : {}),
    ...(group ? { loadBalancers: [{ targetGroupArn: group, containerName: "web", containerPort: 80 }], healthCheckGracePeriodSeconds: options.grace ?? 0 } : {}),
  });
  const zones = () => {
    const live = sandbox.serviceTasks("web").filter((t) => t.desiredStatus === "RUNNING");
    return Object.fromEntries(["ap-northeast-1a", "ap-northeast-1c", "ap-northeast-1d"].map((z) => [z, live.filter((t) => t.availabilityZone === z).length]));
  };
  const events = () => (sandbox.service("web").events as { createdAt: number; message: string }[]).map((e) => `${e.createdAt - T0 / 1000} ${e.message}`).reverse();
  return { sandbox, net, group, zones, events };
}

const A = "ap-northeast-1a";
const idOf = (arn: string) => arn.split("/").pop()!;
const DEPLOYMENT = /ecs-svc\/\d{19}/g;
/** Events from `from` seconds on, with deployment ids and task ids replaced by names the test can read. */
function since(events: string[], from: number, names: Record<string, string>) {
  return events
    .filter((e) => Number(e.split(" ")[0]) >= from)
    .map((e) => Object.entries(names).reduce((text, [id, name]) => text.replaceAll(id, name), e.replace(DEPLOYMENT, "ecs-svc/D")));
}

describe("an AZ impairment rebalances tasks", () => {
  test("behind a load balancer: the zone's targets time out, the task is replaced in another zone, and moved back once the zone returns", () => {
    const { sandbox, zones, events, group } = webService({ lb: true });
    sandbox.advance(120);
    expect(zones()).toEqual({ [A]: 1, "ap-northeast-1c": 1, "ap-northeast-1d": 2 });
    const lost = sandbox.serviceTasks("web").find((t) => t.availabilityZone === A)!;
    expect(sandbox.sandbox("ImpairAvailabilityZone", { availabilityZone: A })).toEqual({
      availabilityZones: [
        { zoneName: A, impaired: true },
        { zoneName: "ap-northeast-1c", impaired: false },
        { zoneName: "ap-northeast-1d", impaired: false },
      ],
    });
    // Checks every 10 s: one timeout at 125 s, the second at 135 s turns the target unhealthy.
    sandbox.advance(130);
    const health = () =>
      Object.fromEntries(
        (sandbox.elb("DescribeTargetHealth", { TargetGroupArn: group }).TargetHealthDescriptions as { Target: { Id: string }; TargetHealth: object }[]).map((d) => [d.Target.Id, d.TargetHealth]),
      );
    const lostIp = lost.attachments![0].details!.find((d) => d.name === "privateIPv4Address")!.value!;
    expect(health()[lostIp]).toEqual({ State: "healthy" });
    sandbox.advance(300);
    expect(zones()).toEqual({ [A]: 0, "ap-northeast-1c": 2, "ap-northeast-1d": 2 });
    expect(sandbox.describeTask(lost.taskArn!)).toMatchObject({
      lastStatus: "STOPPED",
      stopCode: "ServiceSchedulerInitiated",
      stoppedReason: `Task failed ELB health checks in (target-group ${group})`,
    });
    const replacement = sandbox.serviceTasks("web").find((t) => t.createdAt === (T0 / 1000) + 135)!;

    sandbox.sandbox("RestoreAvailabilityZone", { availabilityZone: A });
    sandbox.advance(900);
    expect(zones()).toEqual({ [A]: 1, "ap-northeast-1c": 1, "ap-northeast-1d": 2 });
    const mover = sandbox.serviceTasks("web").find((t) => t.createdAt === (T0 / 1000) + 300)!;
    expect(mover.availabilityZone).toBe(A);
    expect(sandbox.describeTask(replacement.taskArn!)).toMatchObject({
      lastStatus: "STOPPED",
      stopCode: "ServiceSchedulerInitiated",
      stoppedReason: expect.stringMatching(/^Scaling activity initiated by \(deployment ecs-svc\/\d{19}\)$/),
    });
    const tg = `(target-group ${group})`;
    expect(since(events(), 120, { [idOf(lost.taskArn!)]: "LOST", [idOf(replacement.taskArn!)]: "REPLACEMENT", [idOf(mover.taskArn!)]: "MOVER" })).toEqual([
      `135 (service web) (task LOST) (port 80) is unhealthy in ${tg} due to (reason Request timed out).`,
      "135 (service web) has started 1 tasks: (task REPLACEMENT). Amazon ECS replaced 1 tasks due to an unhealthy status.",
      "135 (service web, taskSet ecs-svc/D) has begun draining connections on 1 tasks.",
      `160 (service web) registered 1 targets in ${tg}`,
      `165 (service web) deregistered 1 targets in ${tg}`,
      "165 (service web) has reached a steady state.",
      `300 service (web) is not AZ balanced with 0 tasks in ${A}, 2 in ap-northeast-1c, and 2 in ap-northeast-1d. AZ Rebalancing in progress.`,
      `300 web has started 1 tasks in ${A} to AZ Rebalance: (task MOVER).`,
      "300 web has stopped 1 running tasks in ap-northeast-1c due to AZ rebalancing: (task REPLACEMENT).",
      "302 (service web, taskSet ecs-svc/D) has begun draining connections on 1 tasks.",
      `325 (service web) registered 1 targets in ${tg}`,
      `330 (service web) deregistered 1 targets in ${tg}`,
      "330 (service web) has reached a steady state.",
      `330 service (web) is AZ balanced with 1 tasks in ${A}, 1 tasks in ap-northeast-1c, and 2 tasks in ap-northeast-1d.`,
    ]);
    expect(Object.values(health()).map((h) => (h as { State: string }).State)).toEqual(["healthy", "healthy", "healthy", "healthy"]);
  });

  test("a long healthCheckGracePeriodSeconds keeps the unreachable task, unhealthy at its target group, until the grace period ends", () => {
    const { sandbox, zones, group } = webService({ lb: true, grace: 300 });
    sandbox.advance(120);
    sandbox.sandbox("ImpairAvailabilityZone", { availabilityZone: A });
    const lost = sandbox.serviceTasks("web").find((t) => t.availabilityZone === A)!;
    const ip = lost.attachments![0].details!.find((d) => d.name === "privateIPv4Address")!.value!;
    const stateOf = () =>
      (sandbox.elb("DescribeTargetHealth", { TargetGroupArn: group }).TargetHealthDescriptions as { Target: { Id: string }; TargetHealth: object }[]).find((d) => d.Target.Id === ip)?.TargetHealth;
    sandbox.advance(135);
    expect(stateOf()).toEqual({ State: "unhealthy", Reason: "Target.Timeout", Description: "Request timed out" });
    sandbox.advance(324);
    expect(sandbox.describeTask(lost.taskArn!)).toMatchObject({ lastStatus: "RUNNING", desiredStatus: "RUNNING" });
    // The task started at 25 s: the scheduler may act on the load balancer's verdict from 325 s on.
    sandbox.advance(325);
    expect(sandbox.describeTask(lost.taskArn!)).toMatchObject({ desiredStatus: "STOPPED", stoppedReason: `Task failed ELB health checks in (target-group ${group})` });
    expect(stateOf()).toEqual({ State: "draining", Reason: "Target.DeregistrationInProgress", Description: "Target deregistration is in progress" });
    sandbox.advance(400);
    expect(zones()[A]).toBe(0);
  });

  test("without a load balancer the zone's tasks stop at once (InfrastructureHealth); with rebalancing DISABLED nothing moves back", () => {
    const { sandbox, zones, events } = webService({ rebalancing: "DISABLED" });
    sandbox.advance(120);
    expect(zones()).toEqual({ [A]: 2, "ap-northeast-1c": 1, "ap-northeast-1d": 1 });
    const lost = sandbox.serviceTasks("web").filter((t) => t.availabilityZone === A);
    sandbox.sandbox("ImpairAvailabilityZone", { availabilityZone: A });
    for (const task of lost) {
      expect(sandbox.describeTask(task.taskArn!)).toMatchObject({
        lastStatus: "RUNNING",
        desiredStatus: "STOPPED",
        stopCode: "InfrastructureHealth",
        stoppedReason: `Task stopped because its Availability Zone (${A}) is impaired.`,
      });
    }
    sandbox.advance(300);
    expect(zones()).toEqual({ [A]: 0, "ap-northeast-1c": 2, "ap-northeast-1d": 2 });
    sandbox.sandbox("RestoreAvailabilityZone", { availabilityZone: A });
    sandbox.advance(900);
    expect(zones()).toEqual({ [A]: 0, "ap-northeast-1c": 2, "ap-northeast-1d": 2 });
    expect(events().some((e) => e.includes("AZ balanced"))).toBe(false);
    expect(sandbox.service("web").availabilityZoneRebalancing).toBe("DISABLED");
  });

  test("a service whose every subnet is in the impaired zone cannot place tasks: Fargate's capacity texts", () => {
    const sandbox0 = new EngineDriver();
    const only1a = [sandboxNetwork(sandbox0.state).publicSubnetIds[0]];
    const { sandbox, zones, events } = webService({ desiredCount: 2, subnets: only1a });
    sandbox.advance(120);
    expect(zones()).toEqual({ [A]: 2, "ap-northeast-1c": 0, "ap-northeast-1d": 0 });
    sandbox.sandbox("ImpairAvailabilityZone", { availabilityZone: A });
    sandbox.advance(300);
    expect(zones()).toEqual({ [A]: 0, "ap-northeast-1c": 0, "ap-northeast-1d": 0 });
    expect(since(events(), 120, {})).toContain(
      "120 (service web) was unable to place a task. Reason: Capacity is unavailable at this time. Please try again later or in a different availability zone.",
    );
    const run = sandbox.call("RunTask", {
      cluster: "dojo",
      taskDefinition: "web",
      launchType: "FARGATE",
      networkConfiguration: { awsvpcConfiguration: { subnets: only1a, assignPublicIp: "ENABLED" } },
    });
    expect(run).toEqual({ tasks: [], failures: [{ reason: "Capacity is unavailable at this time. Please try again later or in a different availability zone" }] });
    // Back in service: the tasks start again in the zone.
    sandbox.sandbox("RestoreAvailabilityZone", { availabilityZone: A });
    sandbox.advance(600);
    expect(zones()).toEqual({ [A]: 2, "ap-northeast-1c": 0, "ap-northeast-1d": 0 });
    expect(sandbox.service("web").runningCount).toBe(2);
  });
});

describe("EC2 capacity in an impaired zone", () => {
  test("the zone's instances lose their agent and their tasks stop (Host EC2 … stopped.); the service places elsewhere; they reconnect on restore", () => {
    const sandbox = new EngineDriver();
    sandbox.call("CreateCluster", { clusterName: "dojo" });
    const instances = sandbox.addInstances("t3.medium", 3);
    expect(instances.map((i: { attributes: { name: string; value?: string }[] }) => i.attributes.find((a) => a.name === "ecs.availability-zone")!.value)).toEqual([
      A,
      "ap-northeast-1c",
      "ap-northeast-1d",
    ]);
    sandbox.call("RegisterTaskDefinition", { family: "api", containerDefinitions: [{ name: "api", image: "sbx/web:1.0", cpu: 256, memory: 512 }] });
    sandbox.call("CreateService", { cluster: "dojo", serviceName: "api", taskDefinition: "api", desiredCount: 3, launchType: "EC2" });
    sandbox.advance(120);
    const onA = sandbox.serviceTasks("api").find((t) => t.availabilityZone === A)!;
    sandbox.sandbox("ImpairAvailabilityZone", { availabilityZone: A });
    const ec2Id = instances[0].ec2InstanceId;
    expect(sandbox.describeTask(onA.taskArn!)).toMatchObject({ desiredStatus: "STOPPED", stopCode: "InfrastructureHealth", stoppedReason: `Host EC2 (instance ${ec2Id}) stopped.` });
    const described = () => sandbox.call("DescribeContainerInstances", { cluster: "dojo", containerInstances: [instances[0].containerInstanceArn] }).containerInstances[0];
    expect(described().agentConnected).toBe(false);
    sandbox.advance(300);
    const live = sandbox.serviceTasks("api").filter((t) => t.desiredStatus === "RUNNING");
    expect(live.map((t) => t.availabilityZone).sort()).toEqual(["ap-northeast-1c", "ap-northeast-1c", "ap-northeast-1d"].sort());
    sandbox.sandbox("RestoreAvailabilityZone", { availabilityZone: A });
    expect(described().agentConnected).toBe(true);
    sandbox.advance(900);
    const after = sandbox.serviceTasks("api").filter((t) => t.desiredStatus === "RUNNING" && t.lastStatus === "RUNNING");
    expect(after.map((t) => t.availabilityZone).sort()).toEqual([A, "ap-northeast-1c", "ap-northeast-1d"]);
    expect(sandbox.events("api").filter((e) => e.includes("AZ")).map((e) => e.replace(/\(task [0-9a-f]{32}\)/g, "(task T)"))).toEqual([
      `service (api) is not AZ balanced with 0 tasks in ${A}, 2 in ap-northeast-1c, and 1 in ap-northeast-1d. AZ Rebalancing in progress.`,
      `api has started 1 tasks in ${A} to AZ Rebalance: (task T).`,
      "api has stopped 1 running tasks in ap-northeast-1c due to AZ rebalancing: (task T).",
      `service (api) is AZ balanced with 1 tasks in ${A}, 1 tasks in ap-northeast-1c, and 1 tasks in ap-northeast-1d.`,
    ]);
  });
});

describe("ImpairAvailabilityZone / RestoreAvailabilityZone", () => {
  test("a zone the Region does not have is refused with the zones it has", () => {
    const sandbox = new EngineDriver();
    const error = sandbox.sandboxError("ImpairAvailabilityZone", { availabilityZone: "ap-northeast-1b" });
    expect(error.type).toBe("InvalidParameterException");
    expect(error.message).toBe("availabilityZone must be one of ap-northeast-1a, ap-northeast-1c, ap-northeast-1d (the Availability Zones of ap-northeast-1).");
  });

  test("determinism: the same steps give byte-identical describe outputs", () => {
    const run = () => {
      const { sandbox, group } = webService({ lb: true });
      sandbox.advance(120);
      sandbox.sandbox("ImpairAvailabilityZone", { availabilityZone: A });
      sandbox.advance(300);
      sandbox.sandbox("RestoreAvailabilityZone", { availabilityZone: A });
      sandbox.advance(900);
      const arns = sandbox.call("ListTasks", { cluster: "dojo", desiredStatus: "STOPPED" }).taskArns.concat(sandbox.call("ListTasks", { cluster: "dojo" }).taskArns);
      return JSON.stringify([
        sandbox.call("DescribeServices", { cluster: "dojo", services: ["web"] }),
        sandbox.call("DescribeTasks", { cluster: "dojo", tasks: arns }),
        sandbox.elb("DescribeTargetHealth", { TargetGroupArn: group }),
      ]);
    };
    const first = run();
    expect(run()).toBe(first);
    expect(first).toContain("AZ balanced");
  });
});

describe("scenario fault F12", () => {
  test("ApplyScenario's faults impair the zone once advanceSeconds have passed: the learner arrives as the zone fails", () => {
    const sandbox = new EngineDriver();
    const net = sandboxNetwork(sandbox.state);
    sandbox.sandbox("ApplyScenario", {
      clusters: [{ name: "dojo" }],
      taskDefinitions: [fargateTd("web", "sbx/web:1.0")],
      services: [
        {
          cluster: "dojo",
          serviceName: "web",
          taskDefinition: "web",
          desiredCount: 3,
          launchType: "FARGATE",
          networkConfiguration: { awsvpcConfiguration: { subnets: net.publicSubnetIds, assignPublicIp: "ENABLED" } },
        },
      ],
      advanceSeconds: 120,
      faults: [{ type: "ImpairAvailabilityZone", availabilityZone: A }],
    });
    const inA = sandbox.serviceTasks("web").filter((t) => t.availabilityZone === A);
    expect(inA.map((t) => [t.desiredStatus, t.stopCode])).toEqual([["STOPPED", "InfrastructureHealth"]]);
    sandbox.advance(300);
    const live = sandbox.serviceTasks("web").filter((t) => t.desiredStatus === "RUNNING");
    expect(live.map((t) => t.availabilityZone).sort()).toEqual(["ap-northeast-1c", "ap-northeast-1c", "ap-northeast-1d"].sort());
    expect(sandbox.sandboxError("ApplyScenario", { faults: [{ type: "Meteor" }] }).message).toBe(
      "Scenario faults[0].type must be one of ImpairAvailabilityZone, InterruptSpotTasks.",
    );
  });
});
