import { describe, expect, test } from "vitest";
import { HEALTHY_WITHOUT_CHECKS_MS } from "@/lib/sandbox/engine";
import { AWSVPC, EngineDriver, fargateTd } from "./support/engine";

const HEALTHY_AFTER_S = HEALTHY_WITHOUT_CHECKS_MS / 1000;

function fargateService(options: { desired?: number; image?: string; deploymentConfiguration?: object; td?: object } = {}) {
  const sandbox = new EngineDriver();
  sandbox.call("CreateCluster", { clusterName: "dojo" });
  sandbox.call("RegisterTaskDefinition", options.td ?? fargateTd("web", options.image ?? "ecs-dojo/web:1"));
  const created = sandbox.call("CreateService", {
    cluster: "dojo",
    serviceName: "web",
    taskDefinition: "web:1",
    desiredCount: options.desired ?? 2,
    launchType: "FARGATE",
    networkConfiguration: AWSVPC,
    ...(options.deploymentConfiguration ? { deploymentConfiguration: options.deploymentConfiguration } : {}),
  }).service;
  return { sandbox, created };
}

const ids = (messages: string[]) => messages.join("\n");

describe("CreateService and the steady state", () => {
  test("answers with an ACTIVE service and one PRIMARY deployment IN_PROGRESS", () => {
    const { created } = fargateService();
    expect(created).toMatchObject({
      serviceArn: "arn:aws:ecs:ap-northeast-1:123456789012:service/dojo/web",
      serviceName: "web",
      status: "ACTIVE",
      desiredCount: 2,
      runningCount: 0,
      pendingCount: 0,
      launchType: "FARGATE",
      schedulingStrategy: "REPLICA",
      deploymentController: { type: "ECS" },
      deploymentConfiguration: { maximumPercent: 200, minimumHealthyPercent: 100, deploymentCircuitBreaker: { enable: false, rollback: false } },
      networkConfiguration: { awsvpcConfiguration: { subnets: ["subnet-0a1b2c3d"], assignPublicIp: "ENABLED" } },
    });
    expect(created.deployments).toHaveLength(1);
    const deployment = created.deployments[0];
    expect(deployment.id).toMatch(/^ecs-svc\/[1-9]\d{18}$/);
    expect(deployment).toMatchObject({ status: "PRIMARY", rolloutState: "IN_PROGRESS", rolloutStateReason: `ECS deployment ${deployment.id} in progress.` });
  });

  test("the answer is the service as created: what the scheduler does next shows only in later calls", () => {
    const { sandbox, created } = fargateService();
    expect(created.events).toEqual([]);
    expect(sandbox.service("web").events.map((e: { message: string }) => e.message)).toEqual([
      expect.stringMatching(/^\(service web\) has started 2 tasks: /),
    ]);
  });

  test("starts the tasks, completes the deployment and reports the steady state in AWS's words", () => {
    const { sandbox, created } = fargateService();
    const deploymentId = created.deployments[0].id;
    sandbox.advance(120);
    const service = sandbox.service("web");
    expect(service).toMatchObject({ runningCount: 2, pendingCount: 0 });
    expect(service.deployments).toEqual([
      expect.objectContaining({ id: deploymentId, status: "PRIMARY", rolloutState: "COMPLETED", rolloutStateReason: `ECS deployment ${deploymentId} completed.`, runningCount: 2 }),
    ]);
    const tasks = sandbox.serviceTasks("web");
    expect(tasks.map((t) => [t.group, t.startedBy])).toEqual([
      ["service:web", deploymentId],
      ["service:web", deploymentId],
    ]);
    const taskIds = tasks.map((t) => t.taskArn!.split("/").pop());
    expect(sandbox.events("web")).toEqual([
      `(service web) has started 2 tasks: (task ${taskIds[0]}) (task ${taskIds[1]}).`,
      `(service web) (deployment ${deploymentId}) deployment completed.`,
      "(service web) has reached a steady state.",
    ]);
    // Nothing changes: no further events for hours, then the steady state is reported again every 6 hours.
    sandbox.advance(5 * 3600);
    expect(sandbox.events("web")).toHaveLength(3);
    sandbox.advance(13 * 3600);
    const events = sandbox.service("web").events as { message: string; createdAt: number }[];
    expect(events.slice(0, 3).map((e) => e.message)).toEqual(Array(3).fill("(service web) has reached a steady state."));
    expect(events[0].createdAt - events[1].createdAt).toBe(21_600);
  });

  test("the same name again is not idempotent; unknown services are not found", () => {
    const { sandbox } = fargateService();
    const again = sandbox.error("CreateService", { cluster: "dojo", serviceName: "web", taskDefinition: "web:1", desiredCount: 3, launchType: "FARGATE", networkConfiguration: AWSVPC });
    expect([again.type, again.message]).toEqual(["InvalidParameterException", "Creation of service was not idempotent."]);
    const missing = sandbox.error("UpdateService", { cluster: "dojo", service: "nope", desiredCount: 1 });
    expect([missing.type, missing.message]).toEqual(["ServiceNotFoundException", "Service not found."]);
    expect(sandbox.call("DescribeServices", { cluster: "dojo", services: ["nope"] }).failures).toEqual([
      { arn: "arn:aws:ecs:ap-northeast-1:123456789012:service/dojo/nope", reason: "MISSING" },
    ]);
  });

  test("an awsvpc task definition needs a network configuration", () => {
    const sandbox = new EngineDriver();
    sandbox.call("CreateCluster", { clusterName: "dojo" });
    sandbox.call("RegisterTaskDefinition", fargateTd("web", "ecs-dojo/web:1"));
    const error = sandbox.error("CreateService", { cluster: "dojo", serviceName: "web", taskDefinition: "web", desiredCount: 1, launchType: "FARGATE" });
    expect(error.message).toBe("Network Configuration must be provided when networkMode 'awsvpc' is specified.");
  });

  test("scaling in stops tasks with ServiceSchedulerInitiated and the deployment's scaling activity reason", () => {
    const { sandbox, created } = fargateService({ desired: 3 });
    sandbox.advance(120);
    sandbox.call("UpdateService", { cluster: "dojo", service: "web", desiredCount: 1 });
    sandbox.advance(180);
    const stopped = sandbox.serviceTasks("web").filter((t) => t.desiredStatus === "STOPPED");
    expect(stopped).toHaveLength(2);
    for (const task of stopped) {
      expect(task).toMatchObject({
        stopCode: "ServiceSchedulerInitiated",
        stoppedReason: `Scaling activity initiated by (deployment ${created.deployments[0].id})`,
        lastStatus: "STOPPED",
      });
    }
    expect(sandbox.events("web").at(-2)).toMatch(/^\(service web\) has stopped 2 running tasks: \(task [0-9a-f]{32}\) \(task [0-9a-f]{32}\)\.$/);
    expect(sandbox.service("web").runningCount).toBe(1);
  });
});

describe("rolling update", () => {
  /** Checks minimumHealthyPercent and maximumPercent at every simulated second of a rollout. */
  function rollOut(desired: number, minimumHealthyPercent: number, maximumPercent: number) {
    const { sandbox } = fargateService({ desired, deploymentConfiguration: { minimumHealthyPercent, maximumPercent } });
    sandbox.advance(120);
    sandbox.call("RegisterTaskDefinition", fargateTd("web", "ecs-dojo/web:2"));
    sandbox.call("UpdateService", { cluster: "dojo", service: "web", taskDefinition: "web:2" });
    const upper = Math.floor((desired * maximumPercent) / 100);
    const lower = Math.ceil((desired * minimumHealthyPercent) / 100);
    let highest = 0;
    let lowest = Infinity;
    sandbox.stepTo(900, 1, (now) => {
      const tasks = sandbox.serviceTasks("web").filter((t) => t.desiredStatus === "RUNNING");
      const healthy = tasks.filter((t) => t.lastStatus === "RUNNING" && now >= t.startedAt! - Date.UTC(2026, 0, 1) / 1000 + HEALTHY_AFTER_S);
      highest = Math.max(highest, tasks.length);
      lowest = Math.min(lowest, healthy.length);
      expect(tasks.length, `at ${now} s`).toBeLessThanOrEqual(upper);
      expect(healthy.length, `at ${now} s`).toBeGreaterThanOrEqual(lower);
    });
    return { sandbox, highest, lowest, upper, lower };
  }

  test.each([
    [4, 100, 200],
    [4, 50, 150],
    [6, 50, 100],
    [3, 0, 100],
  ])("desired %i, minimumHealthyPercent %i, maximumPercent %i: bounds hold at every step and every task ends on the new revision", (desired, min, max) => {
    const { sandbox, highest, upper } = rollOut(desired, min, max);
    expect(highest).toBe(upper);
    const running = sandbox.serviceTasks("web").filter((t) => t.desiredStatus === "RUNNING");
    expect(running).toHaveLength(desired);
    expect(running.every((t) => t.taskDefinitionArn!.endsWith("task-definition/web:2"))).toBe(true);
    const service = sandbox.service("web");
    expect(service.deployments).toHaveLength(1);
    expect(service.deployments[0]).toMatchObject({ taskDefinition: expect.stringMatching(/web:2$/), rolloutState: "COMPLETED" });
    expect(sandbox.events("web").at(-1)).toBe("(service web) has reached a steady state.");
  });

  test("old tasks stop with the new deployment's scaling activity reason", () => {
    const { sandbox } = rollOut(2, 100, 200);
    const newId = sandbox.service("web").deployments[0].id;
    const old = sandbox.serviceTasks("web").filter((t) => t.taskDefinitionArn!.endsWith(":1"));
    expect(old.map((t) => t.stoppedReason)).toEqual([`Scaling activity initiated by (deployment ${newId})`, `Scaling activity initiated by (deployment ${newId})`]);
  });

  test("DescribeServiceDeployments counts the tasks of the source and target revisions as they are now", () => {
    const { sandbox } = fargateService({ desired: 2 });
    sandbox.advance(120);
    sandbox.call("UpdateService", { cluster: "dojo", service: "web", forceNewDeployment: true });
    sandbox.advance(150);
    const [latest] = sandbox.call("ListServiceDeployments", { cluster: "dojo", service: "web" }).serviceDeployments;
    expect(latest.status).toBe("IN_PROGRESS");
    const described = sandbox.call("DescribeServiceDeployments", { serviceDeploymentArns: [latest.serviceDeploymentArn] }).serviceDeployments[0];
    expect(described.targetServiceRevision).toMatchObject({ requestedTaskCount: 2, runningTaskCount: 2, pendingTaskCount: 0 });
    expect(described.sourceServiceRevisions).toEqual([expect.objectContaining({ runningTaskCount: 2 })]);
    expect(described.serviceDeploymentArn).toMatch(/^arn:aws:ecs:ap-northeast-1:123456789012:service-deployment\/dojo\/web\/\d{19}$/);
  });

  test("while it runs, describe-services shows the PRIMARY and the ACTIVE deployment", () => {
    const { sandbox, created } = fargateService({ desired: 2 });
    sandbox.advance(120);
    sandbox.call("UpdateService", { cluster: "dojo", service: "web", forceNewDeployment: true });
    sandbox.advance(130);
    const deployments = sandbox.service("web").deployments;
    expect(deployments.map((d: { status: string }) => d.status)).toEqual(["PRIMARY", "ACTIVE"]);
    expect(deployments[1]).toMatchObject({ id: created.deployments[0].id, runningCount: 2, desiredCount: 2 });
    expect(deployments[0].id).not.toBe(created.deployments[0].id);
  });

  test("a configuration that allows neither a start nor a stop says so", () => {
    const { sandbox } = fargateService({ desired: 3, deploymentConfiguration: { minimumHealthyPercent: 100, maximumPercent: 125 } });
    sandbox.advance(120);
    sandbox.call("UpdateService", { cluster: "dojo", service: "web", forceNewDeployment: true });
    sandbox.advance(300);
    expect(sandbox.events("web")).toContain(
      "(service web) was unable to stop or start tasks during a deployment because of the service deployment configuration. Update the minimumHealthyPercent or maximumPercent value and try again.",
    );
  });
});

describe("deployment circuit breaker", () => {
  test("a crashing revision trips it after the threshold (3 for 2 tasks) and rolls back to the last completed deployment", () => {
    const { sandbox, created } = fargateService({
      desired: 2,
      deploymentConfiguration: { deploymentCircuitBreaker: { enable: true, rollback: true } },
    });
    const goodId = created.deployments[0].id;
    sandbox.advance(120);
    sandbox.call("RegisterTaskDefinition", fargateTd("web", "ecs-dojo/crash:1"));
    const badId = sandbox.call("UpdateService", { cluster: "dojo", service: "web", taskDefinition: "web:2" }).service.deployments[0].id;
    // Step until the breaker trips, then look at the deployments at that moment.
    const failedEvent = `(service web) (deployment ${badId}) deployment failed: tasks failed to start.`;
    sandbox.stepTo(600, 1, () => {});
    const events = sandbox.events("web");
    const failedAt = events.indexOf(failedEvent);
    expect(failedAt).toBeGreaterThan(0);
    expect(events[failedAt + 1]).toBe(`(service web) rolling back to deployment ${goodId}.`);
    const replay = fargateService({ desired: 2, deploymentConfiguration: { deploymentCircuitBreaker: { enable: true, rollback: true } } }).sandbox;
    replay.advance(120);
    replay.call("RegisterTaskDefinition", fargateTd("web", "ecs-dojo/crash:1"));
    replay.call("UpdateService", { cluster: "dojo", service: "web", taskDefinition: "web:2" });
    let service = replay.service("web");
    while (!replay.events("web").includes(failedEvent)) {
      replay.advance(replay.now + 1);
      service = replay.service("web");
    }
    const failed = service.deployments.find((d: { id: string }) => d.id === badId);
    expect(failed).toMatchObject({ status: "ACTIVE", rolloutState: "FAILED", rolloutStateReason: "ECS deployment circuit breaker: tasks failed to start." });
    expect(failed.failedTasks).toBeGreaterThanOrEqual(3);
    const rollback = service.deployments[0];
    expect(rollback.id).not.toBe(goodId);
    expect(rollback.id).not.toBe(badId);
    expect(rollback).toMatchObject({ status: "PRIMARY", rolloutState: "IN_PROGRESS", rolloutStateReason: `ECS deployment circuit breaker: rolling back to deploymentId ${goodId}.` });
    expect(service.taskDefinition).toMatch(/task-definition\/web:1$/);
    expect(rollback.taskDefinition).toMatch(/task-definition\/web:1$/);

    sandbox.advance(900);
    const settled = sandbox.service("web");
    expect(settled.deployments).toHaveLength(1);
    expect(settled.deployments[0]).toMatchObject({ taskDefinition: expect.stringMatching(/web:1$/), rolloutState: "COMPLETED" });
    expect(settled.runningCount).toBe(2);
    const rollbackId = settled.deployments[0].id;
    expect(rollbackId).not.toBe(goodId);
    expect(sandbox.events("web").slice(-2)).toEqual([`(service web) (deployment ${rollbackId}) deployment completed.`, "(service web) has reached a steady state."]);
    // Crashed tasks stopped on their own; the old revision's tasks were replaced by the rollback.
    const crashed = sandbox.serviceTasks("web").filter((t) => t.taskDefinitionArn!.endsWith(":2"));
    expect(crashed.length).toBeGreaterThanOrEqual(3);
    expect(crashed.every((t) => t.stopCode === "EssentialContainerExited" && t.containers![0].exitCode === 1)).toBe(true);
  });

  test("the rollout reason of the rollback names the deployment it returns to; ListServiceDeployments records the outcome", () => {
    const { sandbox, created } = fargateService({ desired: 1, deploymentConfiguration: { deploymentCircuitBreaker: { enable: true, rollback: true } } });
    const goodId = created.deployments[0].id;
    sandbox.advance(120);
    sandbox.call("RegisterTaskDefinition", fargateTd("web", "ecs-dojo/crash:1"));
    sandbox.call("UpdateService", { cluster: "dojo", service: "web", taskDefinition: "web:2" });
    let reason: string | undefined;
    sandbox.stepTo(600, 5, () => {
      const primary = sandbox.service("web").deployments[0];
      if (primary.rolloutStateReason?.includes("rolling back")) reason ??= primary.rolloutStateReason;
    });
    expect(reason).toBe(`ECS deployment circuit breaker: rolling back to deploymentId ${goodId}.`);
    const list = sandbox.call("ListServiceDeployments", { cluster: "dojo", service: "web" }).serviceDeployments;
    expect(list.map((d: { status: string }) => d.status)).toEqual(["ROLLBACK_SUCCESSFUL", "SUCCESSFUL"]);
    const described = sandbox.call("DescribeServiceDeployments", { serviceDeploymentArns: [list[0].serviceDeploymentArn] }).serviceDeployments[0];
    expect(described.deploymentCircuitBreaker).toMatchObject({ status: "TRIGGERED", threshold: 3 });
    expect(described.rollback.reason).toBe(`ECS deployment circuit breaker: rolling back to deploymentId ${goodId}.`);
  });

  test("without the circuit breaker a crashing revision keeps being replaced and never completes", () => {
    const { sandbox } = fargateService({ desired: 1 });
    sandbox.advance(120);
    sandbox.call("RegisterTaskDefinition", fargateTd("web", "ecs-dojo/crash:1"));
    sandbox.call("UpdateService", { cluster: "dojo", service: "web", taskDefinition: "web:2" });
    sandbox.advance(900);
    const service = sandbox.service("web");
    expect(service.deployments[0].rolloutState).toBe("IN_PROGRESS");
    expect(sandbox.serviceTasks("web").filter((t) => t.taskDefinitionArn!.endsWith(":2")).length).toBeGreaterThan(5);
    // The old task keeps serving: minimumHealthyPercent 100 never lets it go.
    expect(sandbox.serviceTasks("web").filter((t) => t.taskDefinitionArn!.endsWith(":1") && t.desiredStatus === "RUNNING")).toHaveLength(1);
  });
});

describe("container health checks", () => {
  const slow = (healthCheck: object) =>
    fargateTd("web", "ecs-dojo/slowstart:1", {}, {
      environment: [{ name: "STARTUP_SECONDS", value: "60" }],
      healthCheck: { command: ["CMD-SHELL", "curl -f http://localhost/health || exit 1"], interval: 10, retries: 3, ...healthCheck },
    });

  test("a slow starter without startPeriod is replaced for failing health checks, with AWS's events", () => {
    const { sandbox } = fargateService({ desired: 1, td: slow({}) });
    sandbox.advance(200);
    const first = sandbox.serviceTasks("web")[0];
    const firstId = first.taskArn!.split("/").pop();
    expect(first).toMatchObject({ desiredStatus: "STOPPED", stopCode: "ServiceSchedulerInitiated", stoppedReason: "Task failed container health checks" });
    expect(first.containers![0].healthStatus).toBe("UNHEALTHY");
    const events = sandbox.events("web");
    expect(events).toContain(`(service web) (task ${firstId}) failed container health checks.`);
    const replacement = sandbox.serviceTasks("web")[1].taskArn!.split("/").pop();
    expect(events).toContain(`(service web) has started 1 tasks: (task ${replacement}). Amazon ECS replaced 1 tasks due to an unhealthy status.`);
    expect(ids(events)).not.toContain("has reached a steady state");
  });

  test("with startPeriod covering the start-up the task turns HEALTHY and the service reaches a steady state", () => {
    const { sandbox } = fargateService({ desired: 1, td: slow({}) });
    sandbox.advance(60);
    sandbox.call("RegisterTaskDefinition", slow({ startPeriod: 90 }));
    sandbox.call("UpdateService", { cluster: "dojo", service: "web", taskDefinition: "web:2" });
    sandbox.advance(600);
    const current = sandbox.serviceTasks("web").filter((t) => t.desiredStatus === "RUNNING");
    expect(current).toHaveLength(1);
    expect(current[0]).toMatchObject({ healthStatus: "HEALTHY", taskDefinitionArn: expect.stringMatching(/web:2$/) });
    expect(sandbox.events("web").at(-1)).toBe("(service web) has reached a steady state.");
    expect(sandbox.service("web").deployments).toEqual([expect.objectContaining({ rolloutState: "COMPLETED" })]);
  });

  test("a standalone task that turns UNHEALTHY keeps running", () => {
    const sandbox = new EngineDriver();
    sandbox.call("CreateCluster", { clusterName: "dojo" });
    sandbox.call("RegisterTaskDefinition", slow({}));
    const arn = sandbox.call("RunTask", { cluster: "dojo", taskDefinition: "web", launchType: "FARGATE", networkConfiguration: AWSVPC }).tasks[0].taskArn;
    sandbox.advance(60);
    expect(sandbox.describeTask(arn)).toMatchObject({ lastStatus: "RUNNING", healthStatus: "UNHEALTHY" });
    sandbox.advance(120);
    expect(sandbox.describeTask(arn)).toMatchObject({ lastStatus: "RUNNING", healthStatus: "HEALTHY" });
  });
});

describe("DeleteService", () => {
  test("needs force while scaled above 0; drains, then INACTIVE; the cluster can then be deleted", () => {
    const { sandbox } = fargateService();
    sandbox.advance(120);
    const refused = sandbox.error("DeleteService", { cluster: "dojo", service: "web" });
    expect([refused.type, refused.message]).toEqual(["InvalidParameterException", "The service cannot be stopped while it is scaled above 0."]);
    expect(sandbox.call("DeleteService", { cluster: "dojo", service: "web", force: true }).service.status).toBe("DRAINING");
    expect(sandbox.events("web").at(-1)).toMatch(/^\(service web\) has stopped 2 running tasks: \(task [0-9a-f]{32}\) \(task [0-9a-f]{32}\)\.$/);
    expect(sandbox.call("ListServices", { cluster: "dojo" }).serviceArns).toEqual([]);
    const busy = sandbox.error("DeleteCluster", { cluster: "dojo" });
    expect([busy.type, busy.message]).toEqual(["ClusterContainsServicesException", "The Cluster cannot be deleted while Services are active."]);
    const notActive = sandbox.error("UpdateService", { cluster: "dojo", service: "web", desiredCount: 1 });
    expect([notActive.type, notActive.message]).toEqual(["ServiceNotActiveException", "Service was not ACTIVE."]);
    sandbox.advance(200);
    expect(sandbox.service("web").status).toBe("INACTIVE");
    expect(sandbox.call("DeleteCluster", { cluster: "dojo" }).cluster.status).toBe("INACTIVE");
    expect(sandbox.error("ListServices", { cluster: "dojo" }).type).toBe("ClusterNotFoundException");
  });

  test("a draining service's name cannot be reused yet", () => {
    const { sandbox } = fargateService();
    sandbox.call("DeleteService", { cluster: "dojo", service: "web", force: true });
    const error = sandbox.error("CreateService", { cluster: "dojo", serviceName: "web", taskDefinition: "web:1", desiredCount: 1, launchType: "FARGATE", networkConfiguration: AWSVPC });
    expect(error.message).toBe("Unable to Start a service that is still Draining.");
  });
});

describe("ListServices", () => {
  test("pages by 10 by default", () => {
    const sandbox = new EngineDriver();
    sandbox.call("CreateCluster", { clusterName: "dojo" });
    sandbox.call("RegisterTaskDefinition", fargateTd("web", "ecs-dojo/web:1"));
    for (let i = 0; i < 12; i++) {
      sandbox.call("CreateService", { cluster: "dojo", serviceName: `s${i}`, taskDefinition: "web", desiredCount: 0, launchType: "FARGATE", networkConfiguration: AWSVPC });
    }
    const first = sandbox.call("ListServices", { cluster: "dojo" });
    expect(first.serviceArns).toHaveLength(10);
    expect(sandbox.call("ListServices", { cluster: "dojo", nextToken: first.nextToken }).serviceArns).toHaveLength(2);
  });
});
