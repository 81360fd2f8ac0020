/**
 * Services behind a load balancer (issue 14, acceptances 1–3, the load-balancer parts): ECS registers a service's
 * tasks in its target groups as they start (ACTIVATING), counts a task healthy only once its targets are, replaces a
 * task the target group marks unhealthy once healthCheckGracePeriodSeconds has passed, and drains a task for the
 * deregistration delay before it stops — with ECS's event texts and stopped reasons (ecs-behavior.md §4, §5.6).
 */
import { describe, expect, test } from "vitest";
import { runOperation } from "@/lib/sandbox/engine/simulation";
import { sandboxNetwork } from "@/lib/sandbox/services/ec2/network";
import { ec2Provider } from "@/lib/sandbox/services/ec2";
import { EC2_TD, EngineDriver, fargateTd, T0 } from "./support/engine";

const DEPLOYMENT = /^ecs-svc\/\d{19}$/;

interface Options {
  image?: string;
  environment?: { name: string; value: string }[];
  grace?: number;
  desiredCount?: number;
  path?: string;
  delaySeconds?: number;
  securityGroups?: string[];
}

/** An ALB in the seeded public subnets, an ip target group (checks every 10 s, 2 to turn healthy) and a Fargate service behind it. */
function serviceBehindAlb(options: Options = {}) {
  const sandbox = new EngineDriver();
  const net = sandboxNetwork(sandbox.state);
  const lb = sandbox.elb("CreateLoadBalancer", { Name: "web-alb", Subnets: net.publicSubnetIds, SecurityGroups: [net.securityGroupIds.alb] }).LoadBalancers[0].LoadBalancerArn;
  const group = sandbox.elb("CreateTargetGroup", {
    Name: "web-tg",
    Protocol: "HTTP",
    Port: 80,
    VpcId: net.vpcId,
    TargetType: "ip",
    HealthCheckPath: options.path ?? "/health",
    HealthCheckIntervalSeconds: 10,
    HealthyThresholdCount: 2,
  }).TargetGroups[0].TargetGroupArn as string;
  sandbox.elb("ModifyTargetGroupAttributes", { TargetGroupArn: group, Attributes: [{ Key: "deregistration_delay.timeout_seconds", Value: String(options.delaySeconds ?? 30) }] });
  sandbox.elb("CreateListener", { LoadBalancerArn: lb, Protocol: "HTTP", Port: 80, DefaultActions: [{ Type: "forward", TargetGroupArn: group }] });
  sandbox.call("CreateCluster", { clusterName: "dojo" });
  sandbox.call("RegisterTaskDefinition", fargateTd("web", options.image ?? "sbx/web:1.0", {}, { name: "web", portMappings: [{ containerPort: 80 }], environment: options.environment ?? [] }));
  sandbox.call("CreateService", {
    cluster: "dojo",
    serviceName: "web",
    taskDefinition: "web",
    desiredCount: options.desiredCount ?? 1,
    launchType: "FARGATE",
    networkConfiguration: { awsvpcConfiguration: { subnets: net.publicSubnetIds, securityGroups: options.securityGroups ?? [net.securityGroupIds.app], assignPublicIp: "ENABLED" } },
    loadBalancers: [{ targetGroupArn: group, containerName: "web", containerPort: 80 }],
    healthCheckGracePeriodSeconds: options.grace ?? 0,
  });
  const health = () =>
    (sandbox.elb("DescribeTargetHealth", { TargetGroupArn: group }).TargetHealthDescriptions as { Target: { Id: string }; TargetHealth: { State: string; Description?: string } }[]).map(
      (d) => `${d.TargetHealth.State}${d.TargetHealth.Description ? ` (${d.TargetHealth.Description})` : ""}`,
    );
  /** Events as "<seconds after T0> <message>", oldest first. */
  const events = () => (sandbox.service("web").events as { createdAt: number; message: string }[]).map((e) => `${e.createdAt - T0 / 1000} ${e.message}`).reverse();
  return { sandbox, net, lb, group, health, events };
}

describe("registration and health", () => {
  test("a task goes ACTIVATING, is registered, counts once its target is healthy; the deployment completes then", () => {
    const { sandbox, group, health, events } = serviceBehindAlb();
    const statuses: string[] = [];
    sandbox.stepTo(44, 1, () => statuses.push(sandbox.serviceTasks("web")[0].lastStatus!));
    expect([...new Set(statuses)]).toEqual(["PROVISIONING", "PENDING", "ACTIVATING", "RUNNING"]);
    // Containers started at 25 s; registered then; checks at 35 (initial) and 45 (the second success).
    expect(health()).toEqual(["initial (Initial health checks in progress)"]);
    expect(sandbox.service("web").deployments[0].rolloutState).toBe("IN_PROGRESS");
    sandbox.advance(45);
    expect(health()).toEqual(["healthy"]);
    const service = sandbox.service("web");
    expect(service.deployments[0].rolloutState).toBe("COMPLETED");
    const taskId = sandbox.serviceTasks("web")[0].taskArn!.split("/").pop();
    expect(events()).toEqual([
      `0 (service web) has started 1 tasks: (task ${taskId}).`,
      `25 (service web) registered 1 targets in (target-group ${group})`,
      expect.stringMatching(/^45 \(service web\) \(deployment ecs-svc\/\d{19}\) deployment completed\.$/),
      "45 (service web) has reached a steady state.",
    ]);
    const ip = sandbox.serviceTasks("web")[0].containers![0].networkInterfaces![0].privateIpv4Address;
    expect(sandbox.elb("DescribeTargetHealth", { TargetGroupArn: group }).TargetHealthDescriptions[0].Target).toEqual({ Id: ip, Port: 80, AvailabilityZone: expect.stringMatching(/^ap-northeast-1[acd]$/) });
  });

  test("unhealthy targets are replaced once the grace period has passed, with ECS's texts", () => {
    const { sandbox, group, health, events } = serviceBehindAlb({ path: "/nope", grace: 60 });
    sandbox.advance(84);
    const first = sandbox.serviceTasks("web")[0];
    const taskId = first.taskArn!.split("/").pop();
    // Unhealthy since 45 s (two checks answered 404), but the grace period runs until 25 + 60 s.
    expect([first.lastStatus, health()]).toEqual(["RUNNING", ["unhealthy (Health checks failed with these codes: [404])"]]);
    sandbox.advance(85);
    const stopped = sandbox.describeTask(first.taskArn!);
    expect(stopped).toMatchObject({
      desiredStatus: "STOPPED",
      lastStatus: "DEACTIVATING",
      stopCode: "ServiceSchedulerInitiated",
      stoppedReason: `Task failed ELB health checks in (target-group ${group})`,
    });
    const replacement = sandbox.serviceTasks("web")[1].taskArn!.split("/").pop();
    expect(events().slice(2)).toEqual([
      `85 (service web) (task ${taskId}) (port 80) is unhealthy in (target-group ${group}) due to (reason Health checks failed with these codes: [404]).`,
      `85 (service web) has started 1 tasks: (task ${replacement}). Amazon ECS replaced 1 tasks due to an unhealthy status.`,
      expect.stringMatching(/^85 \(service web, taskSet ecs-svc\/\d{19}\) has begun draining connections on 1 tasks\.$/),
    ]);
    expect(sandbox.service("web").deployments[0].failedTasks).toBe(1);
  });

  test("slowstart is replaced with a short grace period and healthy with a long enough one", () => {
    const environment = [{ name: "STARTUP_SECONDS", value: "60" }];
    // Started at 25 s, ready at 85 s: checks from 35 s answer 503 until then; healthy at the second passing check, 95 s.
    const short = serviceBehindAlb({ image: "sbx/slowstart:1.0", environment, grace: 30 });
    short.sandbox.advance(200);
    expect(short.events().filter((e) => e.includes("is unhealthy in")).length).toBeGreaterThanOrEqual(2);
    expect(short.events()[2]).toMatch(/^55 \(service web\) \(task [0-9a-f]{32}\) \(port 80\) is unhealthy in \(target-group .*\) due to \(reason Health checks failed with these codes: \[503\]\)\.$/);
    expect(short.sandbox.service("web").deployments[0].rolloutState).toBe("IN_PROGRESS");

    const long = serviceBehindAlb({ image: "sbx/slowstart:1.0", environment, grace: 120 });
    long.sandbox.advance(94);
    expect(long.health()).toEqual(["unhealthy (Health checks failed with these codes: [503])"]);
    long.sandbox.advance(200);
    expect(long.health()).toEqual(["healthy"]);
    expect(long.events().some((e) => e.includes("is unhealthy in"))).toBe(false);
    expect(long.events()[2]).toMatch(/^95 \(service web\) \(deployment ecs-svc\/\d{19}\) deployment completed\.$/);
  });

  test("a task whose security group does not admit the load balancer times out", () => {
    const sandbox = new EngineDriver();
    const net = sandboxNetwork(sandbox.state);
    const { state, output } = runOperation(sandbox.state, ec2Provider.operations.CreateSecurityGroup, { GroupName: "closed", Description: "no inbound", VpcId: net.vpcId }, T0, sandbox.account);
    sandbox.state = state;
    const closed = (output as { GroupId: string }).GroupId;
    const { sandbox: other, health } = serviceBehindAlbIn(sandbox, [closed]);
    other.advance(44);
    expect(health()).toEqual(["initial (Initial health checks in progress)"]);
    other.advance(45);
    // Unhealthy at the second check, and replaced at once (no grace period): the event gives the reason.
    expect(other.events("web").find((e) => e.includes("is unhealthy in"))).toMatch(/\(port 80\) is unhealthy in \(target-group .*\) due to \(reason Request timed out\)\.$/);
  });
});

/** serviceBehindAlb on a sandbox prepared by the caller (the same steps, other security groups). */
function serviceBehindAlbIn(sandbox: EngineDriver, securityGroups: string[]) {
  const net = sandboxNetwork(sandbox.state);
  const lb = sandbox.elb("CreateLoadBalancer", { Name: "web-alb", Subnets: net.publicSubnetIds, SecurityGroups: [net.securityGroupIds.alb] }).LoadBalancers[0].LoadBalancerArn;
  const group = sandbox.elb("CreateTargetGroup", { Name: "web-tg", Protocol: "HTTP", Port: 80, VpcId: net.vpcId, TargetType: "ip", HealthCheckIntervalSeconds: 10 }).TargetGroups[0].TargetGroupArn;
  sandbox.elb("CreateListener", { LoadBalancerArn: lb, Protocol: "HTTP", Port: 80, DefaultActions: [{ Type: "forward", TargetGroupArn: group }] });
  sandbox.call("CreateCluster", { clusterName: "dojo" });
  sandbox.call("RegisterTaskDefinition", fargateTd("web", "sbx/web:1.0", {}, { name: "web", portMappings: [{ containerPort: 80 }] }));
  sandbox.call("CreateService", {
    cluster: "dojo",
    serviceName: "web",
    taskDefinition: "web",
    desiredCount: 1,
    launchType: "FARGATE",
    networkConfiguration: { awsvpcConfiguration: { subnets: net.publicSubnetIds, securityGroups, assignPublicIp: "ENABLED" } },
    loadBalancers: [{ targetGroupArn: group, containerName: "web", containerPort: 80 }],
  });
  const health = () =>
    (sandbox.elb("DescribeTargetHealth", { TargetGroupArn: group }).TargetHealthDescriptions as { TargetHealth: { State: string; Description?: string } }[]).map(
      (d) => `${d.TargetHealth.State}${d.TargetHealth.Description ? ` (${d.TargetHealth.Description})` : ""}`,
    );
  return { sandbox, health };
}

describe("draining", () => {
  test("a task the scheduler stops drains for the deregistration delay, then stops; the events say so in AWS's order", () => {
    const { sandbox, group, health, events } = serviceBehindAlb({ delaySeconds: 30 });
    sandbox.advance(50);
    const task = sandbox.serviceTasks("web")[0];
    const taskId = task.taskArn!.split("/").pop();
    sandbox.call("UpdateService", { cluster: "dojo", service: "web", desiredCount: 0 });
    expect([sandbox.describeTask(task.taskArn!).lastStatus, health()]).toEqual(["DEACTIVATING", ["draining (Target deregistration is in progress)"]]);
    sandbox.advance(79);
    expect([sandbox.describeTask(task.taskArn!).lastStatus, health()]).toEqual(["DEACTIVATING", ["draining (Target deregistration is in progress)"]]);
    sandbox.advance(80);
    expect([sandbox.describeTask(task.taskArn!).lastStatus, health()]).toEqual(["STOPPING", []]);
    expect(events().slice(4)).toEqual([
      expect.stringMatching(/^50 \(service web, taskSet ecs-svc\/\d{19}\) has begun draining connections on 1 tasks\.$/),
      `80 (service web) deregistered 1 targets in (target-group ${group})`,
      `80 (service web) has stopped 1 running tasks: (task ${taskId}).`,
      // Not before: a task still draining keeps the service from a steady state.
      "80 (service web) has reached a steady state.",
    ]);
  });

  test("a rolling deployment drains the old task only once the new one's target is healthy", () => {
    const { sandbox, health, events } = serviceBehindAlb({ delaySeconds: 30 });
    sandbox.advance(60);
    sandbox.call("RegisterTaskDefinition", fargateTd("web", "sbx/web:2.0", {}, { name: "web", portMappings: [{ containerPort: 80 }] }));
    sandbox.call("UpdateService", { cluster: "dojo", service: "web", taskDefinition: "web:2" });
    // The new task registers at 85 s and is healthy at 105 s: only then may the old one go (minimumHealthyPercent 100).
    sandbox.advance(104);
    expect(health()).toEqual(["healthy", "initial (Initial health checks in progress)"]);
    sandbox.advance(105);
    expect(health()).toEqual(["draining (Target deregistration is in progress)", "healthy"]);
    sandbox.advance(200);
    const messages = events().map((e) => e.replace(/ecs-svc\/\d{19}/g, "ecs-svc/N").replace(/[0-9a-f]{32}/g, "T"));
    expect(messages.slice(4)).toEqual([
      "60 (service web) has started 1 tasks: (task T).",
      "85 (service web) registered 1 targets in (target-group arn:aws:elasticloadbalancing:ap-northeast-1:123456789012:targetgroup/web-tg/0a519c58bcadccf6)",
      "105 (service web, taskSet ecs-svc/N) has begun draining connections on 1 tasks.",
      "135 (service web) deregistered 1 targets in (target-group arn:aws:elasticloadbalancing:ap-northeast-1:123456789012:targetgroup/web-tg/0a519c58bcadccf6)",
      "135 (service web) has stopped 1 running tasks: (task T).",
      "163 (service web) (deployment ecs-svc/N) deployment completed.",
      "163 (service web) has reached a steady state.",
    ]);
  });

  test("a task whose container exits is deregistered at once; StopTask drains", () => {
    const { sandbox, health } = serviceBehindAlb({ image: "sbx/crash:1.0", environment: [{ name: "CRASH_SECONDS", value: "10" }] });
    sandbox.advance(35);
    expect(health()).toEqual(["draining (Target deregistration is in progress)"]);
    const other = serviceBehindAlb({ delaySeconds: 20 });
    other.sandbox.advance(50);
    const arn = other.sandbox.serviceTasks("web")[0].taskArn!;
    other.sandbox.call("StopTask", { cluster: "dojo", task: arn });
    expect(other.sandbox.describeTask(arn).lastStatus).toBe("DEACTIVATING");
    other.sandbox.advance(70);
    expect(other.sandbox.describeTask(arn).lastStatus).toBe("STOPPING");
    // A user's stop is not the scheduler's: no "has stopped … running tasks" for it.
    expect(other.events().some((e) => e.includes("has stopped"))).toBe(false);
  });
});

describe("CreateService checks its load balancers", () => {
  function prepared() {
    const { sandbox, net, lb, group } = serviceBehindAlb();
    const create = (loadBalancers: object[], taskDefinition = "web", extra: object = {}) =>
      sandbox.error("CreateService", {
        cluster: "dojo",
        serviceName: "api",
        taskDefinition,
        desiredCount: 1,
        launchType: "FARGATE",
        networkConfiguration: { awsvpcConfiguration: { subnets: net.publicSubnetIds } },
        loadBalancers,
        ...extra,
      });
    return { sandbox, net, lb, group, create };
  }

  test("target groups: known, used by a load balancer, of the type the network mode needs", () => {
    const { sandbox, net, lb, create } = prepared();
    const missing = "arn:aws:elasticloadbalancing:ap-northeast-1:123456789012:targetgroup/gone/0123456789abcdef";
    expect(create([{ targetGroupArn: missing, containerName: "web", containerPort: 80 }]).message).toBe(
      "Unable to assume role and validate the specified targetGroupArn. Please verify that the ECS service role being passed has the proper permissions.",
    );
    const idle = sandbox.elb("CreateTargetGroup", { Name: "idle-tg", Protocol: "HTTP", Port: 80, VpcId: net.vpcId, TargetType: "ip" }).TargetGroups[0].TargetGroupArn;
    expect(create([{ targetGroupArn: idle, containerName: "web", containerPort: 80 }]).message).toBe(`The target group with targetGroupArn ${idle} does not have an associated load balancer.`);
    const instance = sandbox.elb("CreateTargetGroup", { Name: "inst-tg", Protocol: "HTTP", Port: 80, VpcId: net.vpcId }).TargetGroups[0].TargetGroupArn;
    sandbox.elb("CreateListener", { LoadBalancerArn: lb, Protocol: "HTTP", Port: 8080, DefaultActions: [{ Type: "forward", TargetGroupArn: instance }] });
    const error = create([{ targetGroupArn: instance, containerName: "web", containerPort: 80 }]);
    expect([error.type, error.message]).toEqual([
      "InvalidParameterException",
      `The provided target group ${instance} has target type instance, which is incompatible with the awsvpc network mode specified in the task definition.`,
    ]);
  });

  test("containers and ports the task definition has", () => {
    const { sandbox, group, create } = prepared();
    expect(create([{ targetGroupArn: group, containerPort: 80 }]).message).toBe("Container Name can not be blank.");
    expect(create([{ targetGroupArn: group, containerName: "app", containerPort: 80 }]).message).toBe("The container app does not exist in the task definition.");
    expect(create([{ targetGroupArn: group, containerName: "web", containerPort: 8080 }]).message).toBe("The container web did not have a container port 8080 defined.");
    // UpdateService to a revision without that container is refused too.
    sandbox.call("RegisterTaskDefinition", fargateTd("web", "sbx/web:2.0", {}, { name: "site", portMappings: [{ containerPort: 80 }] }));
    expect(sandbox.error("UpdateService", { cluster: "dojo", service: "web", taskDefinition: "web:2" }).message).toBe("The container web does not exist in the task definition.");
  });

  test("an ip target group with a bridge-mode task definition", () => {
    const { sandbox, group } = prepared();
    sandbox.call("RegisterTaskDefinition", EC2_TD);
    const error = sandbox.error("CreateService", {
      cluster: "dojo",
      serviceName: "api",
      taskDefinition: "api",
      desiredCount: 1,
      launchType: "EC2",
      loadBalancers: [{ targetGroupArn: group, containerName: "api", containerPort: 80 }],
    });
    expect(error.message).toBe(`The provided target group ${group} has target type ip, which is incompatible with the bridge network mode specified in the task definition.`);
  });
});

describe("instance target groups", () => {
  test("bridge tasks on EC2 register as their container instance and dynamic host port, and turn healthy", () => {
    const sandbox = new EngineDriver();
    const net = sandboxNetwork(sandbox.state);
    sandbox.call("CreateCluster", { clusterName: "dojo" });
    const instances = sandbox.addInstances("t3.medium", 2);
    const lb = sandbox.elb("CreateLoadBalancer", { Name: "api-alb", Subnets: net.publicSubnetIds, SecurityGroups: [net.securityGroupIds.alb] }).LoadBalancers[0].LoadBalancerArn;
    const group = sandbox.elb("CreateTargetGroup", { Name: "api-tg", Protocol: "HTTP", Port: 80, VpcId: net.vpcId, HealthCheckIntervalSeconds: 10, HealthyThresholdCount: 2 }).TargetGroups[0]
      .TargetGroupArn;
    sandbox.elb("CreateListener", { LoadBalancerArn: lb, Protocol: "HTTP", Port: 80, DefaultActions: [{ Type: "forward", TargetGroupArn: group }] });
    sandbox.call("RegisterTaskDefinition", EC2_TD);
    sandbox.call("CreateService", {
      cluster: "dojo",
      serviceName: "api",
      taskDefinition: "api",
      desiredCount: 2,
      launchType: "EC2",
      loadBalancers: [{ targetGroupArn: group, containerName: "api", containerPort: 80 }],
    });
    sandbox.advance(120);
    const targets = sandbox.elb("DescribeTargetHealth", { TargetGroupArn: group }).TargetHealthDescriptions;
    const bindings = sandbox.serviceTasks("api").map((t) => ({ Id: instances.find((i: { containerInstanceArn: string }) => i.containerInstanceArn === t.containerInstanceArn).ec2InstanceId, Port: t.containers![0].networkBindings![0].hostPort }));
    expect(targets.map((d: { Target: object }) => d.Target)).toEqual(expect.arrayContaining(bindings));
    expect(targets.map((d: { TargetHealth: { State: string } }) => d.TargetHealth.State)).toEqual(["healthy", "healthy"]);
    expect(sandbox.service("api").deployments[0].rolloutState).toBe("COMPLETED");
  });
});

test("determinism: the same calls at the same instants give byte-identical describe outputs", () => {
  const run = () => {
    const { sandbox, group, lb } = serviceBehindAlb({ image: "sbx/slowstart:1.0", environment: [{ name: "STARTUP_SECONDS", value: "40" }], desiredCount: 2, grace: 15 });
    const outputs: string[] = [];
    for (let t = 10; t <= 150; t += 7) {
      sandbox.advance(t);
      outputs.push(JSON.stringify(sandbox.elb("DescribeTargetHealth", { TargetGroupArn: group })));
      outputs.push(JSON.stringify(sandbox.call("DescribeServices", { cluster: "dojo", services: ["web"] })));
      outputs.push(JSON.stringify(sandbox.elb("DescribeLoadBalancers", { LoadBalancerArns: [lb] })));
    }
    return outputs.join("\n");
  };
  const first = run();
  expect(first).toMatch(new RegExp(DEPLOYMENT.source.slice(1, -1)));
  expect(run()).toBe(first);
});
