/**
 * The lesson page's Run (lib/course/actions.ts) against a sandbox behind the gateway, through the same SDK client the
 * page uses: one task per Run unless the learner asks for more, an unchanged file runs the revision it registered,
 * and the parameters are checked as the AWS CLI checks them before anything is sent.
 */
import fs from "node:fs";
import path from "node:path";
import { CreateClusterCommand, CreateServiceCommand, DescribeServicesCommand, DescribeTasksCommand, DeregisterTaskDefinitionCommand, ListTaskDefinitionsCommand, ListTasksCommand, RunTaskCommand, type ECSClient } from "@aws-sdk/client-ecs";
import { describe, expect, test } from "vitest";
import { ParamValidationError, REPLACED_REASON, runAction, type ActionResult, type RunOptions } from "@/lib/course/actions";
import { pageRunStartedBy } from "@/lib/course/page-runs";
import type { LessonAction } from "@/lib/course/schema";
import { stopAllTasks } from "@/lib/sandbox/stop-all";
import { sdkSandbox } from "../sandbox/support/sdk-sandbox";

const L302 = path.resolve(import.meta.dirname, "../../../lessons/M3-task-definitions/L302");
const starter = fs.readFileSync(path.join(L302, "_files/orders-api.json"), "utf8");
const solution = fs.readFileSync(path.join(L302, "_solution/orders-api.json"), "utf8");
const RUN: LessonAction = { kind: "run-task", file: "orders-api.json", cluster: "dojo", launchType: "FARGATE" };
const startedBy = pageRunStartedBy("L302", 0);

/** Runs as the page does: the last Run's revision and file hash go with the next one. */
function pageRunner(ecs: ECSClient) {
  let last: ActionResult | undefined;
  return async (text: string, options: RunOptions = {}) => {
    const previous = last?.taskDefinitionArn ? { fileHash: last.fileHash, taskDefinitionArn: last.taskDefinitionArn } : undefined;
    last = await runAction(ecs, RUN, text, undefined, { startedBy, previous, ...options });
    return last;
  };
}

const describeTask = async (ecs: ECSClient, taskArn: string) => (await ecs.send(new DescribeTasksCommand({ cluster: "dojo", tasks: [taskArn] }))).tasks![0];

describe("Run in sandbox", () => {
  test("answers the starter as the AWS CLI does (Parameter validation failed), and sends nothing", async () => {
    const sandbox = sdkSandbox();
    const refused = await runAction(sandbox.ecs, RUN, starter).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ParamValidationError);
    expect((refused as Error).message).toBe(
      "Parameter validation failed:\nInvalid type for parameter cpu, value: 256, type: <class 'int'>, valid types: <class 'str'>",
    );
    // Before, the SDK sent it and the sandbox answered SerializationException; now RegisterTaskDefinition is never called.
    expect(sandbox.calls.map((c) => c.operation)).not.toContain("RegisterTaskDefinition");
  });

  test("an unchanged file runs the revision it registered; a changed one registers the next", async () => {
    const sandbox = sdkSandbox();
    const run = pageRunner(sandbox.ecs);
    const first = await run(solution);
    expect([first.taskDefinitionArn?.split("/").pop(), first.reused]).toEqual(["orders-api:1", false]);
    // The same content, laid out differently, is the same file.
    const second = await run(JSON.stringify(JSON.parse(solution)));
    expect([second.taskDefinitionArn?.split("/").pop(), second.reused]).toEqual(["orders-api:1", true]);
    expect(second.task?.taskDefinitionArn).toBe(first.taskDefinitionArn);
    expect(sandbox.calls.filter((c) => c.operation === "RegisterTaskDefinition")).toHaveLength(1);

    const third = await run(solution.replace('"memory": "1024"', '"memory": "2048"'));
    expect([third.taskDefinitionArn?.split("/").pop(), third.reused]).toEqual(["orders-api:2", false]);
    const revisions = await sandbox.ecs.send(new ListTaskDefinitionsCommand({ familyPrefix: "orders-api" }));
    expect(revisions.taskDefinitionArns?.map((a) => a.split("/").pop())).toEqual(["orders-api:1", "orders-api:2"]);
  });

  test("a revision deregistered since is not reused", async () => {
    const sandbox = sdkSandbox();
    const run = pageRunner(sandbox.ecs);
    const first = await run(solution);
    await sandbox.ecs.send(new DeregisterTaskDefinitionCommand({ taskDefinition: first.taskDefinitionArn }));
    const second = await run(solution);
    expect([second.taskDefinitionArn?.split("/").pop(), second.reused]).toEqual(["orders-api:2", false]);
  });

  test("one task per Run: the previous Run's task is stopped, saying why", async () => {
    const sandbox = sdkSandbox();
    const run = pageRunner(sandbox.ecs);
    const first = await run(solution);
    sandbox.tick(30);
    const second = await run(solution);
    expect(second.replaced).toEqual([first.task!.taskArn]);
    const old = await describeTask(sandbox.ecs, first.task!.taskArn!);
    expect(old).toMatchObject({ desiredStatus: "STOPPED", stopCode: "UserInitiated", stoppedReason: REPLACED_REASON });
    const running = await sandbox.ecs.send(new ListTasksCommand({ cluster: "dojo", desiredStatus: "RUNNING" }));
    expect(running.taskArns).toEqual([second.task!.taskArn]);
    expect((await describeTask(sandbox.ecs, second.task!.taskArn!)).startedBy).toBe("ecs-dojo/L302");
  });

  test("more than one when the learner asks; tasks not started by the page are never touched", async () => {
    const sandbox = sdkSandbox();
    const run = pageRunner(sandbox.ecs);
    const first = await run(solution);
    // One of the learner's own, from the CLI: same family, no startedBy.
    const own = await sandbox.ecs.send(
      new RunTaskCommand({ cluster: "dojo", taskDefinition: first.taskDefinitionArn, launchType: "FARGATE", networkConfiguration: { awsvpcConfiguration: { subnets: ["subnet-0a1b2c3d"] } } }),
    );
    const second = await run(solution, { keepPrevious: true });
    expect(second.replaced).toEqual([]);
    const third = await run(solution);
    expect(third.replaced.sort()).toEqual([first.task!.taskArn, second.task!.taskArn].sort());
    const running = await sandbox.ecs.send(new ListTasksCommand({ cluster: "dojo", desiredStatus: "RUNNING" }));
    expect(running.taskArns?.sort()).toEqual([own.tasks![0].taskArn, third.task!.taskArn].sort());
  });

  test("a Run that AWS refuses leaves the previous Run's task running", async () => {
    const sandbox = sdkSandbox();
    const run = pageRunner(sandbox.ecs);
    const first = await run(solution);
    await expect(run(solution.replace('"memory": "1024"', '"memory": "4096"').replace('"cpu": "512"', '"cpu": "256"'))).rejects.toThrow(/No Fargate configuration exists/);
    expect((await describeTask(sandbox.ecs, first.task!.taskArn!)).desiredStatus).toBe("RUNNING");
  });
});

describe("Stop all tasks", () => {
  test("stops every task no service owns, in every cluster, and leaves the services' tasks", async () => {
    const sandbox = sdkSandbox();
    const run = pageRunner(sandbox.ecs);
    const a = await run(solution, { keepPrevious: true });
    const b = await run(solution, { keepPrevious: true });
    await sandbox.ecs.send(new CreateClusterCommand({ clusterName: "other" }));
    const other = await sandbox.ecs.send(
      new RunTaskCommand({ cluster: "other", taskDefinition: a.taskDefinitionArn, launchType: "FARGATE", networkConfiguration: { awsvpcConfiguration: { subnets: ["subnet-0a1b2c3d"] } } }),
    );
    await sandbox.ecs.send(
      new CreateServiceCommand({
        cluster: "dojo",
        serviceName: "api",
        taskDefinition: a.taskDefinitionArn,
        desiredCount: 2,
        launchType: "FARGATE",
        networkConfiguration: { awsvpcConfiguration: { subnets: ["subnet-0a1b2c3d"] } },
      }),
    );
    sandbox.tick(5);
    const result = await stopAllTasks(sandbox.ecs);
    expect(result.stopped.sort()).toEqual([a.task!.taskArn, b.task!.taskArn, other.tasks![0].taskArn].sort());
    expect(result.serviceTasks).toBe(2);
    const stillRunning = await sandbox.ecs.send(new ListTasksCommand({ cluster: "dojo", desiredStatus: "RUNNING" }));
    expect(stillRunning.taskArns).toHaveLength(2);
    expect(sandbox.calls.filter((c) => c.operation === "StopTask")).toHaveLength(3);
  });
});

describe("Deploy", () => {
  const DEPLOY: LessonAction = { kind: "deploy", file: "orders-api.json", cluster: "dojo", service: "api" };

  /** A service on the cluster to deploy to, and a runner that deploys as the page does (the last Deploy goes with the next). */
  async function deployer() {
    const sandbox = sdkSandbox();
    const first = await runAction(sandbox.ecs, RUN, solution);
    await sandbox.ecs.send(
      new CreateServiceCommand({
        cluster: "dojo",
        serviceName: "api",
        taskDefinition: first.taskDefinitionArn,
        desiredCount: 1,
        launchType: "FARGATE",
        networkConfiguration: { awsvpcConfiguration: { subnets: ["subnet-0a1b2c3d"] } },
      }),
    );
    let last: ActionResult | undefined;
    const deploy = async (text: string) => {
      const previous = last?.taskDefinitionArn ? { fileHash: last.fileHash, taskDefinitionArn: last.taskDefinitionArn } : undefined;
      last = await runAction(sandbox.ecs, DEPLOY, text, undefined, { previous });
      return last;
    };
    const deployments = async () => (await sandbox.ecs.send(new DescribeServicesCommand({ cluster: "dojo", services: ["api"] }))).services![0].deployments!;
    return { sandbox, deploy, deployments };
  }

  test("an unchanged file deploys the revision it registered, as a new deployment; a changed one registers the next", async () => {
    const { sandbox, deploy, deployments } = await deployer();
    const registered = () => sandbox.calls.filter((c) => c.operation === "RegisterTaskDefinition").length;
    const before = registered();
    const first = await deploy(solution);
    expect([first.taskDefinitionArn?.split("/").pop(), first.reused]).toEqual(["orders-api:2", false]);
    expect(registered()).toBe(before + 1);
    sandbox.tick(60);
    const deploymentsBefore = (await deployments()).map((d) => d.id);

    const again = await deploy(JSON.stringify(JSON.parse(solution)));
    expect([again.taskDefinitionArn, again.reused]).toEqual([first.taskDefinitionArn, true]);
    expect(registered()).toBe(before + 1);
    // Still a new deployment (of the same revision): the learner pressed Deploy to roll the service.
    const primary = (await deployments()).find((d) => d.status === "PRIMARY")!;
    expect(deploymentsBefore).not.toContain(primary.id);
    expect(primary.taskDefinition).toBe(first.taskDefinitionArn);

    const changed = await deploy(solution.replace('"memory": "1024"', '"memory": "2048"'));
    expect([changed.taskDefinitionArn?.split("/").pop(), changed.reused]).toEqual(["orders-api:3", false]);
  });
});
