/**
 * Fargate Spot interruptions (fault F11, DojoSandbox.InterruptSpotTasks) and the stop signal every stop shares: SIGTERM,
 * then SIGKILL after the container's stopTimeout (ecs-behavior.md §4.1, §4.2; lifecycle.ts STOP_TIMEOUT).
 */
import { describe, expect, test } from "vitest";
import { FARGATE_TIMING } from "@/lib/sandbox/engine";
import { runOperation } from "@/lib/sandbox/engine/simulation";
import { sandboxNetwork } from "@/lib/sandbox/services/ec2/network";
import { logsProvider } from "@/lib/sandbox/services/logs";
import { at, AWSVPC, EC2_TD, EngineDriver, fargateTd, T0 } from "./support/engine";

const T = { stopSignal: FARGATE_TIMING.stopSignalMs / 1000, containerStop: FARGATE_TIMING.containerStopMs / 1000, eniDetach: FARGATE_TIMING.eniDetachMs / 1000 };
const awslogs = { logDriver: "awslogs", options: { "awslogs-group": "/ecs/app", "awslogs-region": "ap-northeast-1", "awslogs-stream-prefix": "app" } };
const EXEC = "arn:aws:iam::123456789012:role/ecsTaskExecutionRole";
/** When the Spot tasks of `spotService` run and are interrupted. */
const WARNING = 120;

/** A cluster "dojo" with a two-task service "web" on FARGATE_SPOT, its container "app" running `image` with `container`. */
function spotService(container: Record<string, unknown> = {}, image = "ecs-dojo/web:1"): EngineDriver {
  const sandbox = new EngineDriver();
  sandbox.sandbox("ApplyScenario", { clusters: [{ name: "dojo", capacityProviders: ["FARGATE", "FARGATE_SPOT"] }], logGroups: ["/ecs/app"] });
  sandbox.call("RegisterTaskDefinition", fargateTd("web", image, { executionRoleArn: EXEC }, { logConfiguration: awslogs, ...container }));
  sandbox.call("CreateService", {
    cluster: "dojo",
    serviceName: "web",
    taskDefinition: "web",
    desiredCount: 2,
    capacityProviderStrategy: [{ capacityProvider: "FARGATE_SPOT", weight: 1 }],
    networkConfiguration: AWSVPC,
  });
  sandbox.advance(WARNING);
  return sandbox;
}

function interruptOne(sandbox: EngineDriver): string {
  const { taskArns } = sandbox.sandbox("InterruptSpotTasks", { cluster: "dojo", count: 1 });
  expect(taskArns).toHaveLength(1);
  return taskArns[0];
}

/** What the task's container "app" wrote to CloudWatch Logs, with when (seconds after T0). */
function logOf(sandbox: EngineDriver, taskArn: string): { at: number; message: string }[] {
  const stream = `app/app/${taskArn.split("/").pop()}`;
  const { output } = runOperation(sandbox.state, logsProvider.operations.GetLogEvents, { logGroupName: "/ecs/app", logStreamName: stream, startFromHead: true }, sandbox.state.clock.simMs, sandbox.account);
  return (output as { events: { timestamp: number; message: string }[] }).events.map((e) => ({ at: (e.timestamp - T0) / 1000, message: e.message }));
}

describe("Fargate Spot interruption (DojoSandbox.InterruptSpotTasks)", () => {
  test("the warning: TerminationNotice while RUNNING, SIGTERM at once, the replacement started; SpotInterruption once the containers are gone", () => {
    const sandbox = spotService();
    expect(sandbox.serviceTasks("web").map((t) => t.capacityProviderName)).toEqual(["FARGATE_SPOT", "FARGATE_SPOT"]);
    const arn = interruptOne(sandbox);

    // The warning itself (AWS's EventBridge example: lastStatus RUNNING, desiredStatus STOPPED, TerminationNotice).
    expect(sandbox.describeTask(arn)).toMatchObject({
      lastStatus: "RUNNING",
      desiredStatus: "STOPPED",
      stopCode: "TerminationNotice",
      stoppedReason: "Your Spot Task was interrupted.",
      stoppingAt: at(WARNING),
    });
    // The service no longer counts it and has already started its replacement.
    expect(sandbox.serviceTasks("web").filter((t) => t.desiredStatus === "RUNNING")).toHaveLength(2);

    // Changed: the task used to stay RUNNING for the whole two minutes and get SIGTERM only at the reclaim. AWS sends
    // SIGTERM with the warning, so a second later (the agent's pace, as for StopTask) the task is STOPPING.
    sandbox.advance(WARNING + T.stopSignal);
    expect(sandbox.describeTask(arn)).toMatchObject({ lastStatus: "STOPPING", stopCode: "TerminationNotice" });

    // Changed: the web image exits at once on SIGTERM, so the task is gone long before the two minutes end (it used to
    // reach STOPPING only at +120 s). SpotInterruption once its containers have stopped.
    const deprovisioning = WARNING + T.stopSignal + T.containerStop;
    sandbox.advance(deprovisioning);
    let task = sandbox.describeTask(arn);
    expect(task).toMatchObject({ lastStatus: "DEPROVISIONING", stopCode: "SpotInterruption", executionStoppedAt: at(deprovisioning) });
    expect(task.containers[0]).toMatchObject({ lastStatus: "STOPPED", exitCode: 143 });

    sandbox.advance(deprovisioning + T.eniDetach);
    task = sandbox.describeTask(arn);
    expect(task).toMatchObject({ lastStatus: "STOPPED", stopCode: "SpotInterruption", stoppedReason: "Your Spot Task was interrupted.", stoppedAt: at(deprovisioning + T.eniDetach) });
    // The app's line is dated when SIGTERM reached it: at the warning.
    expect(logOf(sandbox, arn).at(-1)).toEqual({ at: WARNING, message: "received SIGTERM, shutting down" });

    sandbox.advance(WARNING + 400);
    expect(sandbox.service("web").runningCount).toBe(2);
  });

  test("an app that ignores SIGTERM runs until stopTimeout (30 s by default) and is killed: exit 137, no SIGTERM line", () => {
    const sandbox = spotService({ environment: [{ name: "IGNORE_SIGTERM", value: "true" }] });
    const arn = interruptOne(sandbox);
    sandbox.advance(WARNING + 29);
    expect(sandbox.describeTask(arn)).toMatchObject({ lastStatus: "STOPPING", stopCode: "TerminationNotice" });
    expect(sandbox.describeTask(arn).containers[0].lastStatus).toBe("RUNNING");

    sandbox.advance(WARNING + 30);
    const task = sandbox.describeTask(arn);
    expect(task).toMatchObject({ lastStatus: "DEPROVISIONING", stopCode: "SpotInterruption", executionStoppedAt: at(WARNING + 30) });
    expect(task.containers[0]).toMatchObject({ lastStatus: "STOPPED", exitCode: 137 });
    expect(logOf(sandbox, arn).map((l) => l.message)).not.toContain("received SIGTERM, shutting down");
  });

  test("stopTimeout 120 lets an app that ignores SIGTERM run to the reclaim; a larger one is held to Fargate's 120 s", () => {
    for (const stopTimeout of [120, 300]) {
      const sandbox = spotService({ stopTimeout, environment: [{ name: "IGNORE_SIGTERM", value: "true" }] });
      const arn = interruptOne(sandbox);
      sandbox.advance(WARNING + 119);
      expect(sandbox.describeTask(arn).lastStatus).toBe("STOPPING");
      sandbox.advance(WARNING + 120);
      expect(sandbox.describeTask(arn)).toMatchObject({ lastStatus: "DEPROVISIONING", executionStoppedAt: at(WARNING + 120) });
      expect(sandbox.describeTask(arn).containers[0].exitCode).toBe(137);
    }
  });

  test("a graceful shutdown within stopTimeout exits 143 when it is done; one longer than stopTimeout is killed there (137)", () => {
    const finishes = spotService({ stopTimeout: 60, environment: [{ name: "SHUTDOWN_SECONDS", value: "45" }] });
    const done = interruptOne(finishes);
    finishes.advance(WARNING + 45);
    expect(finishes.describeTask(done)).toMatchObject({ lastStatus: "DEPROVISIONING", executionStoppedAt: at(WARNING + 45) });
    expect(finishes.describeTask(done).containers[0].exitCode).toBe(143);

    const cut = spotService({ stopTimeout: 20, environment: [{ name: "SHUTDOWN_SECONDS", value: "45" }] });
    const killed = interruptOne(cut);
    cut.advance(WARNING + 20);
    expect(cut.describeTask(killed)).toMatchObject({ lastStatus: "DEPROVISIONING", executionStoppedAt: at(WARNING + 20) });
    expect(cut.describeTask(killed).containers[0].exitCode).toBe(137);
    // It had begun shutting down when SIGTERM came.
    expect(logOf(cut, killed).at(-1)).toEqual({ at: WARNING, message: "received SIGTERM, shutting down" });
  });

  test("behind a load balancer: the target drains from the warning while SIGTERM already went out; the replacement registers", () => {
    const sandbox = new EngineDriver();
    const net = sandboxNetwork(sandbox.state);
    const lb = sandbox.elb("CreateLoadBalancer", { Name: "web-alb", Subnets: net.publicSubnetIds, SecurityGroups: [net.securityGroupIds.alb] }).LoadBalancers[0].LoadBalancerArn;
    const group = sandbox.elb("CreateTargetGroup", {
      Name: "web-tg", Protocol: "HTTP", Port: 80, VpcId: net.vpcId, TargetType: "ip", HealthCheckPath: "/health", HealthCheckIntervalSeconds: 10, HealthyThresholdCount: 2,
    }).TargetGroups[0].TargetGroupArn as string;
    // AWS's advice for Fargate Spot: a deregistration delay under the two minutes.
    sandbox.elb("ModifyTargetGroupAttributes", { TargetGroupArn: group, Attributes: [{ Key: "deregistration_delay.timeout_seconds", Value: "90" }] });
    sandbox.elb("CreateListener", { LoadBalancerArn: lb, Protocol: "HTTP", Port: 80, DefaultActions: [{ Type: "forward", TargetGroupArn: group }] });
    sandbox.call("CreateCluster", { clusterName: "dojo", capacityProviders: ["FARGATE_SPOT"] });
    sandbox.call("RegisterTaskDefinition", fargateTd("web", "sbx/web:1.0", {}, { name: "web", portMappings: [{ containerPort: 80 }] }));
    sandbox.call("CreateService", {
      cluster: "dojo",
      serviceName: "web",
      taskDefinition: "web",
      desiredCount: 1,
      capacityProviderStrategy: [{ capacityProvider: "FARGATE_SPOT", weight: 1 }],
      networkConfiguration: { awsvpcConfiguration: { subnets: net.publicSubnetIds, securityGroups: [net.securityGroupIds.app], assignPublicIp: "ENABLED" } },
      loadBalancers: [{ targetGroupArn: group, containerName: "web", containerPort: 80 }],
    });
    sandbox.advance(WARNING);
    const health = () => (sandbox.elb("DescribeTargetHealth", { TargetGroupArn: group }).TargetHealthDescriptions as { TargetHealth: { State: string } }[]).map((d) => d.TargetHealth.State).sort();
    expect(health()).toEqual(["healthy"]);
    const arn = interruptOne(sandbox);
    expect(health()).toEqual(["draining"]);
    // SIGTERM did not wait for the drain: the task is gone well before the 90 s delay ends.
    sandbox.advance(WARNING + T.stopSignal + T.containerStop + T.eniDetach);
    expect(sandbox.describeTask(arn)).toMatchObject({ lastStatus: "STOPPED", stopCode: "SpotInterruption" });
    sandbox.advance(WARNING + 90);
    expect(health()).toEqual(["healthy"]);
    const messages = sandbox.events("web").map((m) => m.replace(/ecs-svc\/\d{19}/, "ecs-svc/D").replace(/[0-9a-f]{32}/g, "T"));
    // The drain outlives the task: its end is still reported (after the replacement made the service steady).
    expect(messages.slice(-5)).toEqual([
      "(service web) has started 1 tasks: (task T).",
      "(service web, taskSet ecs-svc/D) has begun draining connections on 1 tasks.",
      `(service web) registered 1 targets in (target-group ${group})`,
      "(service web) has reached a steady state.",
      `(service web) deregistered 1 targets in (target-group ${group})`,
    ]);
  });

  test("only RUNNING tasks on FARGATE_SPOT are interrupted", () => {
    const sandbox = new EngineDriver().withFargateBasics();
    sandbox.runTask();
    sandbox.advance(60);
    expect(sandbox.sandbox("InterruptSpotTasks", { cluster: "dojo" }).taskArns).toEqual([]);
  });

  test("a task already told is not interrupted again", () => {
    const sandbox = spotService();
    const first = interruptOne(sandbox);
    const { taskArns } = sandbox.sandbox("InterruptSpotTasks", { cluster: "dojo" });
    expect(taskArns).not.toContain(first);
    expect(taskArns).toHaveLength(1);
  });
});

describe("stopTimeout applies to every stop", () => {
  const ignoring = { stopTimeout: 45, environment: [{ name: "IGNORE_SIGTERM", value: "true" }] };

  test("StopTask: SIGTERM as the task goes STOPPING, SIGKILL 45 s later", () => {
    const sandbox = new EngineDriver();
    sandbox.call("CreateCluster", { clusterName: "dojo" });
    sandbox.call("RegisterTaskDefinition", fargateTd("web", "ecs-dojo/web:1", {}, ignoring));
    const arn = sandbox.runTask().tasks[0].taskArn;
    sandbox.advance(60);
    sandbox.call("StopTask", { cluster: "dojo", task: arn }, 60);
    sandbox.advance(60 + T.stopSignal + 44);
    expect(sandbox.describeTask(arn).lastStatus).toBe("STOPPING");
    sandbox.advance(60 + T.stopSignal + 45);
    const task = sandbox.describeTask(arn);
    expect(task).toMatchObject({ lastStatus: "DEPROVISIONING", stopCode: "UserInitiated" });
    expect(task.containers[0].exitCode).toBe(137);
  });

  test("scale-in: the task the scheduler stops is killed after its stopTimeout too", () => {
    const sandbox = new EngineDriver();
    sandbox.call("CreateCluster", { clusterName: "dojo" });
    sandbox.call("RegisterTaskDefinition", fargateTd("web", "ecs-dojo/web:1", {}, ignoring));
    sandbox.call("CreateService", { cluster: "dojo", serviceName: "web", taskDefinition: "web", desiredCount: 2, launchType: "FARGATE", networkConfiguration: AWSVPC });
    sandbox.advance(120);
    sandbox.call("UpdateService", { cluster: "dojo", service: "web", desiredCount: 1 }, 120);
    const stopped = sandbox.serviceTasks("web").find((t) => t.desiredStatus === "STOPPED")!;
    expect(stopped.stopCode).toBe("ServiceSchedulerInitiated");
    sandbox.advance(120 + T.stopSignal + 44);
    expect(sandbox.describeTask(stopped.taskArn!).lastStatus).toBe("STOPPING");
    sandbox.advance(120 + T.stopSignal + 45);
    expect(sandbox.describeTask(stopped.taskArn!).containers[0]).toMatchObject({ lastStatus: "STOPPED", exitCode: 137 });
  });

  test("on EC2 a stopTimeout beyond 120 s is kept (only Fargate caps it)", () => {
    const sandbox = new EngineDriver();
    sandbox.call("CreateCluster", { clusterName: "dojo" });
    sandbox.addInstances("m5.large");
    const [container] = EC2_TD.containerDefinitions;
    sandbox.call("RegisterTaskDefinition", { ...EC2_TD, containerDefinitions: [{ ...container, stopTimeout: 200, environment: [{ name: "IGNORE_SIGTERM", value: "true" }] }] });
    const arn = sandbox.call("RunTask", { cluster: "dojo", taskDefinition: "api", launchType: "EC2" }).tasks[0].taskArn;
    sandbox.advance(60);
    sandbox.call("StopTask", { cluster: "dojo", task: arn }, 60);
    sandbox.advance(60 + T.stopSignal + 199);
    expect(sandbox.describeTask(arn).lastStatus).toBe("STOPPING");
    sandbox.advance(60 + T.stopSignal + 200);
    expect(sandbox.describeTask(arn)).toMatchObject({ lastStatus: "STOPPED", executionStoppedAt: at(60 + T.stopSignal + 200) });
    expect(sandbox.describeTask(arn).containers[0].exitCode).toBe(137);
  });

  test("an essential container's exit gives the others SIGTERM: a sidecar that ignores it is killed after its stopTimeout", () => {
    const sandbox = new EngineDriver();
    sandbox.call("CreateCluster", { clusterName: "dojo" });
    sandbox.call("RegisterTaskDefinition", {
      ...fargateTd("job", "ecs-dojo/batch:1", {}, { environment: [{ name: "JOB_SECONDS", value: "10" }] }),
      containerDefinitions: [
        { name: "app", image: "ecs-dojo/batch:1", essential: true, environment: [{ name: "JOB_SECONDS", value: "10" }] },
        { name: "sidecar", image: "ecs-dojo/web:1", essential: false, stopTimeout: 15, environment: [{ name: "IGNORE_SIGTERM", value: "true" }] },
      ],
    });
    const arn = sandbox.call("RunTask", { cluster: "dojo", taskDefinition: "job", launchType: "FARGATE", networkConfiguration: AWSVPC }).tasks[0].taskArn;
    // Its containers start about 25 s in; the job ends 10 s later.
    sandbox.advance(30);
    const running = sandbox.describeTask(arn);
    expect(running.lastStatus).toBe("RUNNING");
    const exitAt = (running.startedAt - T0 / 1000) + 10;
    sandbox.advance(exitAt + 14);
    expect(sandbox.describeTask(arn).containers.map((c: { lastStatus: string }) => c.lastStatus)).toEqual(["STOPPED", "RUNNING"]);
    sandbox.advance(exitAt + 15);
    const task = sandbox.describeTask(arn);
    expect(task.stopCode).toBe("EssentialContainerExited");
    expect(task.containers.map((c: { exitCode: number }) => c.exitCode)).toEqual([0, 137]);
  });
});
