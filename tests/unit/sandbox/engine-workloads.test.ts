import { describe, expect, test } from "vitest";
import { FARGATE_TIMING } from "@/lib/sandbox/engine";
import { oomAfterMs, workloadOf } from "@/lib/sandbox/engine/workloads";
import { AWSVPC, EngineDriver, fargateTd } from "./support/engine";

const T = FARGATE_TIMING;
/** Seconds from RunTask to RUNNING for a Fargate task. */
const RUNNING_AFTER = (T.eniAttachStartMs + T.eniAttachMs + T.pullStartMs + T.pullMs + T.containerStartMs) / 1000;

function run(td: Record<string, unknown>) {
  const sandbox = new EngineDriver();
  sandbox.call("CreateCluster", { clusterName: "dojo" });
  sandbox.call("RegisterTaskDefinition", td);
  const arn = sandbox.call("RunTask", { cluster: "dojo", taskDefinition: td.family, launchType: "FARGATE", networkConfiguration: AWSVPC })
    .tasks[0].taskArn as string;
  return { sandbox, arn };
}

const memhog = (containerMemory: number) =>
  fargateTd("hog", "ecs-dojo/memhog:1", { memory: "1024" }, {
    memory: containerMemory,
    environment: [
      { name: "MEM_TARGET_MB", value: "300" },
      { name: "MEM_RAMP_SECONDS", value: "60" },
    ],
  });

describe("OOM kill", () => {
  test("a container growing above its hard limit is killed with 137 and OutOfMemoryError; the task stops", () => {
    const { sandbox, arn } = run(memhog(200));
    // Usage reaches 200 MiB at 40 s of the 60 s ramp to 300 MiB.
    sandbox.advance(RUNNING_AFTER + 39);
    expect(sandbox.describeTask(arn)).toMatchObject({ lastStatus: "RUNNING", desiredStatus: "RUNNING" });
    sandbox.advance(RUNNING_AFTER + 41);
    const task = sandbox.describeTask(arn);
    expect(task.desiredStatus).toBe("STOPPED");
    expect(task.stopCode).toBe("EssentialContainerExited");
    expect(task.stoppedReason).toBe("Essential container in task exited");
    expect(task.containers[0]).toMatchObject({
      exitCode: 137,
      reason: "OutOfMemoryError: Container killed due to memory usage",
      lastStatus: "STOPPED",
    });
    sandbox.advance(RUNNING_AFTER + 120);
    expect(sandbox.describeTask(arn).lastStatus).toBe("STOPPED");
  });

  test("the fix: a hard limit above what the workload needs keeps it running", () => {
    const { sandbox, arn } = run(memhog(512));
    sandbox.advance(RUNNING_AFTER + 3600);
    const task = sandbox.describeTask(arn);
    expect(task).toMatchObject({ lastStatus: "RUNNING", desiredStatus: "RUNNING" });
    expect(task.containers[0].exitCode).toBeUndefined();
  });

  test("without a container limit the task memory is the limit on Fargate", () => {
    const td = fargateTd("hog", "ecs-dojo/memhog:1", {}, { environment: [{ name: "MEM_TARGET_MB", value: "600" }] });
    const { sandbox, arn } = run(td);
    sandbox.advance(RUNNING_AFTER + 120);
    expect(sandbox.describeTask(arn).containers[0].exitCode).toBe(137);
  });

  test("usage equal to the limit is not above it", () => {
    expect(oomAfterMs(workloadOf("ecs-dojo/memhog:1", { MEM_TARGET_MB: "256" }), 256)).toBeUndefined();
    expect(oomAfterMs(workloadOf("ecs-dojo/memhog:1", { MEM_TARGET_MB: "257" }), 256)).toBeGreaterThan(0);
  });
});

describe("workload catalog", () => {
  test("batch runs JOB_SECONDS and exits with EXIT_CODE", () => {
    const td = fargateTd("job", "ecs-dojo/batch:1", {}, {
      environment: [
        { name: "JOB_SECONDS", value: "20" },
        { name: "EXIT_CODE", value: "3" },
      ],
    });
    const { sandbox, arn } = run(td);
    sandbox.advance(RUNNING_AFTER + 19);
    expect(sandbox.describeTask(arn).lastStatus).toBe("RUNNING");
    sandbox.advance(RUNNING_AFTER + 20);
    const task = sandbox.describeTask(arn);
    expect(task.containers[0].exitCode).toBe(3);
    expect(task.stopCode).toBe("EssentialContainerExited");
    expect(task.containers[0].reason).toBeUndefined();
  });

  test("crash exits with 1 a few seconds after it starts", () => {
    const { sandbox, arn } = run(fargateTd("crash", "ecs-dojo/crash:1"));
    sandbox.advance(RUNNING_AFTER + 10);
    expect(sandbox.describeTask(arn).containers[0].exitCode).toBe(1);
  });

  test("a registry prefix does not change the workload; other images are long-running servers", () => {
    expect(workloadOf("123456789012.dkr.ecr.ap-northeast-1.amazonaws.com/ecs-dojo/crash:7", {}).name).toBe("crash");
    expect(workloadOf("public.ecr.aws/nginx/nginx:1.27", {})).toMatchObject({ name: "server", healthyAfterMs: 0 });
    expect(workloadOf("public.ecr.aws/nginx/nginx:1.27", {}).exitAfterMs).toBeUndefined();
  });

  test("web answers by tag: 1 → v1, 2 → v2", () => {
    expect(workloadOf("ecs-dojo/web:1", {}).body).toBe("v1");
    expect(workloadOf("ecs-dojo/web:2", {}).body).toBe("v2");
  });

  test("a non-essential container that exits leaves the task running", () => {
    const td = {
      ...fargateTd("pair", "ecs-dojo/web:1"),
      containerDefinitions: [
        { name: "app", image: "ecs-dojo/web:1", essential: true },
        { name: "init", image: "ecs-dojo/batch:1", essential: false, environment: [{ name: "JOB_SECONDS", value: "5" }] },
      ],
    };
    const { sandbox, arn } = run(td);
    sandbox.advance(RUNNING_AFTER + 30);
    const task = sandbox.describeTask(arn);
    expect(task.lastStatus).toBe("RUNNING");
    expect(task.containers[1]).toMatchObject({ lastStatus: "STOPPED", exitCode: 0 });
  });

  test("a hard limit below a server's resident memory kills it once it has warmed up", () => {
    const td = fargateTd("tight", "ecs-dojo/web:1", {}, { memory: 64 });
    const { sandbox, arn } = run(td);
    sandbox.advance(RUNNING_AFTER + 4);
    expect(sandbox.describeTask(arn).lastStatus).toBe("RUNNING");
    sandbox.advance(RUNNING_AFTER + 5);
    expect(sandbox.describeTask(arn).containers[0]).toMatchObject({ exitCode: 137, reason: "OutOfMemoryError: Container killed due to memory usage" });
  });
});
