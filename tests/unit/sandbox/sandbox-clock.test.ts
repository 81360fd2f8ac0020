/**
 * The sandbox clock a learner sees: it starts at the wall clock, keeps its pace by default, and is ahead of it by
 * exactly what was fast-forwarded; "reset sandbox" empties the sandbox and starts the clock again at the wall clock.
 */
import { CreateClusterCommand, ListClustersCommand, RegisterTaskDefinitionCommand, RunTaskCommand } from "@aws-sdk/client-ecs";
import { describe, expect, test } from "vitest";
import { DEFAULT_SANDBOX_SPEED, resetSandbox, sandboxClock, sandboxOperation } from "@/lib/sandbox/gateway";
import { AWSVPC, FARGATE_TD } from "./support/engine";
import { LEARNER, REGION, sdkSandbox, WALL_START } from "./support/sdk-sandbox";

const HOUR = 3600;

describe("the sandbox clock", () => {
  test("keeps the wall clock's pace by default: no drift, however long the sandbox lives", async () => {
    expect(DEFAULT_SANDBOX_SPEED).toBe(1);
    const sandbox = sdkSandbox();
    await sandbox.ecs.send(new CreateClusterCommand({ clusterName: "dojo" }));
    // At the old default (10 times the wall clock) these 3 hours of wall time were 30 simulated hours: a day ahead.
    sandbox.tick(3 * HOUR);
    const clock = (await sandboxClock(LEARNER.accountId, REGION, sandbox.deps))!;
    expect(clock).toEqual({ simMs: WALL_START + 3 * HOUR * 1000, wallMs: WALL_START + 3 * HOUR * 1000, speed: 1, fastForwardedMs: 0 });
  });

  test("a sandbox nobody has stored starts at the wall clock, and reading its clock stores nothing", async () => {
    const sandbox = sdkSandbox();
    sandbox.tick(60);
    expect(await sandboxClock(LEARNER.accountId, REGION, sandbox.deps)).toEqual({ simMs: sandbox.wall, wallMs: sandbox.wall, speed: 1, fastForwardedMs: 0 });
    expect(sandbox.store.peek(LEARNER.accountId, REGION)).toBeNull();
  });

  test("is ahead of the wall clock by exactly what the learner fast-forwarded, and says so", async () => {
    const sandbox = sdkSandbox();
    await sandbox.ecs.send(new CreateClusterCommand({ clusterName: "dojo" }));
    await sandboxOperation(LEARNER.accountId, REGION, "AdvanceClock", { seconds: 300 }, sandbox.deps);
    sandbox.tick(120);
    await sandboxOperation(LEARNER.accountId, REGION, "AdvanceClock", { seconds: 30 }, sandbox.deps);
    sandbox.tick(600);
    const clock = (await sandboxClock(LEARNER.accountId, REGION, sandbox.deps))!;
    expect(clock.simMs - clock.wallMs).toBe(330_000);
    expect(clock.fastForwardedMs).toBe(330_000);
  });

  test("a faster site speed is reported, so the page can say why the clock runs ahead on its own", async () => {
    const sandbox = sdkSandbox({ speed: 10 });
    await sandbox.ecs.send(new CreateClusterCommand({ clusterName: "dojo" }));
    sandbox.tick(60);
    const clock = (await sandboxClock(LEARNER.accountId, REGION, sandbox.deps))!;
    expect(clock).toMatchObject({ speed: 10, fastForwardedMs: 0 });
    expect(clock.simMs - clock.wallMs).toBe(540_000);
  });
});

describe("reset sandbox", () => {
  test("empties every given Region and restarts the clock at the wall clock", async () => {
    const sandbox = sdkSandbox();
    await sandbox.ecs.send(new CreateClusterCommand({ clusterName: "dojo" }));
    await sandbox.ecs.send(new RegisterTaskDefinitionCommand(FARGATE_TD as never));
    await sandbox.ecs.send(new RunTaskCommand({ cluster: "dojo", taskDefinition: "web", launchType: "FARGATE", networkConfiguration: AWSVPC as never }));
    await sandboxOperation(LEARNER.accountId, REGION, "AdvanceClock", { seconds: 3600 }, sandbox.deps);
    sandbox.tick(10);

    const clock = await resetSandbox(LEARNER.accountId, [REGION, "us-west-2"], sandbox.deps);
    expect(clock).toEqual({ simMs: sandbox.wall, wallMs: sandbox.wall, speed: 1, fastForwardedMs: 0 });
    expect((await sandbox.ecs.send(new ListClustersCommand({}))).clusterArns).toEqual([]);
    expect(sandbox.store.peek(LEARNER.accountId, REGION)!.clock).toEqual({ simMs: sandbox.wall, wallMs: sandbox.wall });
    // A Region with nothing stored stays without a sandbox.
    expect(sandbox.store.peek(LEARNER.accountId, "us-west-2")).toBeNull();
    expect(await sandbox.store.regions(LEARNER.accountId)).toEqual([REGION]);
  });
});
