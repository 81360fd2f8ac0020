import { describe, expect, test } from "vitest";
import { EcsError } from "@/lib/sandbox/engine";
import { AWSVPC, EngineDriver, fargateTd } from "./support/engine";

/** Input that only the API's own checks stand between and the simulation: it must fail as AWS does or run, never stall. */
describe("odd input never breaks the simulation", () => {
  test("malformed environment and memory overrides: the task still runs and time still moves", () => {
    const sandbox = new EngineDriver();
    sandbox.call("CreateCluster", { clusterName: "dojo" });
    sandbox.call("RegisterTaskDefinition", fargateTd("hog", "ecs-dojo/memhog:1"));
    const arn = sandbox.call("RunTask", {
      cluster: "dojo",
      taskDefinition: "hog",
      launchType: "FARGATE",
      networkConfiguration: AWSVPC,
      overrides: { containerOverrides: [{ name: "app", environment: { MEM_TARGET_MB: "9999" }, memory: "lots" }] },
    }).tasks[0].taskArn;
    sandbox.advance(600);
    expect(sandbox.describeTask(arn).lastStatus).toBe("RUNNING");
    expect(sandbox.state.timers.every((t) => Number.isFinite(t.atMs))).toBe(true);
  });

  test.each([
    [{ placementConstraints: [{ type: "memberOf", expression: 5 }] }],
    [{ placementStrategy: [{ type: "spread", field: 7 }] }],
    [{ placementConstraints: [{ type: "sometimes" }] }],
  ])("placement %j fails with an ECS error", (extra) => {
    const sandbox = new EngineDriver();
    sandbox.call("CreateCluster", { clusterName: "dojo" });
    sandbox.addInstances("t3.micro");
    sandbox.call("RegisterTaskDefinition", { family: "x", containerDefinitions: [{ name: "c", image: "x", memory: 64 }] });
    const error = sandbox.error("RunTask", { cluster: "dojo", taskDefinition: "x", ...extra });
    expect(error).toBeInstanceOf(EcsError);
    expect(error.type).toBe("InvalidParameterException");
  });

  test("an instance identity document that is not an object", () => {
    const sandbox = new EngineDriver();
    sandbox.call("CreateCluster", { clusterName: "dojo" });
    expect(sandbox.error("RegisterContainerInstance", { cluster: "dojo", instanceIdentityDocument: "null" }).type).toBe("InvalidParameterException");
  });
});
