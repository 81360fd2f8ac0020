/**
 * What the run panel shows of a task: each lifecycle state at the simulated time the task entered it, the states it
 * does not pass and why, and what a fast-forward moved.
 */
import { CreateClusterCommand, CreateServiceCommand, DescribeTasksCommand, RegisterTaskDefinitionCommand, RunTaskCommand, StopTaskCommand } from "@aws-sdk/client-ecs";
import { describe, expect, test } from "vitest";
import { sandboxOperation } from "@/lib/sandbox/gateway";
import { sandboxOverview, whatMoved } from "@/lib/sandbox/moved";
import { lifecycleOf, taskView, type TaskView } from "@/lib/sandbox-view";
import { AWSVPC, FARGATE_TD } from "./support/engine";
import { LEARNER, REGION, sdkSandbox, WALL_START } from "./support/sdk-sandbox";

async function startedTask() {
  const sandbox = sdkSandbox();
  await sandbox.ecs.send(new CreateClusterCommand({ clusterName: "dojo" }));
  await sandbox.ecs.send(new RegisterTaskDefinitionCommand(FARGATE_TD as never));
  const run = await sandbox.ecs.send(new RunTaskCommand({ cluster: "dojo", taskDefinition: "web", launchType: "FARGATE", networkConfiguration: AWSVPC as never }));
  const taskArn = run.tasks![0].taskArn!;
  const view = async () => taskView((await sandbox.ecs.send(new DescribeTasksCommand({ cluster: "dojo", tasks: [taskArn] }))).tasks![0]);
  return { sandbox, taskArn, view };
}

const phases = (task: TaskView) => Object.fromEntries(lifecycleOf(task).map((step) => [step.status, step.skipped ? `skipped:${step.skipped}` : step.phase]));

describe("a Fargate task's lifecycle, as the run panel shows it", () => {
  test("PENDING is the state ECS reports from the moment the network interface is attached, with that time", async () => {
    const { sandbox, view } = await startedTask();
    sandbox.tick(10); // ENI attached at +10 s (lifecycle.ts FARGATE_TIMING); the image pull starts 2 s later
    const pending = await view();
    expect(pending.lastStatus).toBe("PENDING");
    expect(pending.timeline).toEqual([
      { status: "PROVISIONING", at: WALL_START },
      { status: "PENDING", at: WALL_START + 10_000 },
    ]);
    expect(phases(pending)).toEqual({
      PROVISIONING: "done",
      PENDING: "current",
      ACTIVATING: "skipped:integrations",
      RUNNING: "next",
      DEACTIVATING: "skipped:integrations",
      STOPPING: "next",
      DEPROVISIONING: "next",
      STOPPED: "next",
    });
  });

  test("every state to STOPPED, DEPROVISIONING included, each at the time it was entered", async () => {
    const { sandbox, taskArn, view } = await startedTask();
    sandbox.tick(30);
    await sandbox.ecs.send(new StopTaskCommand({ cluster: "dojo", task: taskArn }));
    // StopTask answers at once, but the task is still RUNNING until the agent acts: STOPPING is not there yet.
    expect((await view()).timeline.map((s) => s.status)).toEqual(["PROVISIONING", "PENDING", "RUNNING"]);
    sandbox.tick(1);
    expect((await view()).lastStatus).toBe("STOPPING");
    sandbox.tick(12);
    const deprovisioning = await view();
    expect(deprovisioning.lastStatus).toBe("DEPROVISIONING");
    sandbox.tick(16);
    const stopped = await view();
    expect(stopped.timeline).toEqual([
      { status: "PROVISIONING", at: WALL_START },
      { status: "PENDING", at: WALL_START + 10_000 },
      { status: "RUNNING", at: WALL_START + 25_000 },
      { status: "STOPPING", at: WALL_START + 30_000 },
      { status: "DEPROVISIONING", at: WALL_START + 43_000 },
      { status: "STOPPED", at: WALL_START + 59_000 },
    ]);
    expect(stopped).toMatchObject({ stopCode: "UserInitiated", stoppedReason: "Task stopped by user", awsvpc: true });
    expect(phases(stopped)).toMatchObject({ RUNNING: "done", STOPPING: "done", DEPROVISIONING: "done", STOPPED: "current" });
  });

  test("a task without its own network interface starts PENDING and is never provisioned", () => {
    const task = taskView({ taskArn: "t", lastStatus: "RUNNING", createdAt: 1000, startedAt: 1020 });
    expect(task.timeline).toEqual([
      { status: "PENDING", at: 1_000_000 },
      { status: "RUNNING", at: 1_020_000 },
    ]);
    expect(phases(task)).toMatchObject({ PROVISIONING: "skipped:network", PENDING: "done", RUNNING: "current", DEPROVISIONING: "skipped:network" });
  });
});

describe("what a fast-forward moved", () => {
  test("the tasks that changed state, with the states passed on the way, and the services' new events", async () => {
    const { sandbox, taskArn } = await startedTask();
    await sandbox.ecs.send(
      new CreateServiceCommand({ cluster: "dojo", serviceName: "api", taskDefinition: "web", desiredCount: 1, launchType: "FARGATE", networkConfiguration: AWSVPC as never }),
    );
    const before = await sandboxOverview(await sandbox.reader());
    await sandboxOperation(LEARNER.accountId, REGION, "AdvanceClock", { seconds: 300 }, sandbox.deps);
    const moved = whatMoved(before, await sandboxOverview(await sandbox.reader()));
    const mine = moved.tasks.find((t) => t.taskArn === taskArn)!;
    expect(mine).toEqual({ taskArn, cluster: "dojo", taskDefinition: "web:1", from: "PROVISIONING", to: "RUNNING", passed: ["PENDING"] });
    expect(moved.tasks.filter((t) => t.taskArn !== taskArn).map((t) => [t.from, t.to])).toEqual([["PROVISIONING", "RUNNING"]]);
    expect(moved.services).toHaveLength(1);
    expect(moved.services[0].events.at(-1)).toMatch(/has reached a steady state\.$/);
  });

  test("nothing when nothing changed", async () => {
    const { sandbox } = await startedTask();
    await sandboxOperation(LEARNER.accountId, REGION, "AdvanceClock", { seconds: 60 }, sandbox.deps);
    const before = await sandboxOverview(await sandbox.reader());
    await sandboxOperation(LEARNER.accountId, REGION, "AdvanceClock", { seconds: 60 }, sandbox.deps);
    expect(whatMoved(before, await sandboxOverview(await sandbox.reader()))).toEqual({ tasks: [], services: [] });
  });
});
