import { describe, expect, test } from "vitest";
import { AWSVPC, EngineDriver, fargateTd } from "./support/engine";

describe("Fargate Spot interruption (DojoSandbox.InterruptSpotTasks)", () => {
  test("two-minute warning (TerminationNotice, still RUNNING), then SpotInterruption; the service replaces the task at once", () => {
    const sandbox = new EngineDriver();
    sandbox.call("CreateCluster", { clusterName: "dojo", capacityProviders: ["FARGATE", "FARGATE_SPOT"] });
    sandbox.call("RegisterTaskDefinition", fargateTd("web", "ecs-dojo/web:1"));
    sandbox.call("CreateService", {
      cluster: "dojo",
      serviceName: "web",
      taskDefinition: "web",
      desiredCount: 2,
      capacityProviderStrategy: [{ capacityProvider: "FARGATE_SPOT", weight: 1 }],
      networkConfiguration: AWSVPC,
    });
    sandbox.advance(120);
    expect(sandbox.serviceTasks("web").map((t) => t.capacityProviderName)).toEqual(["FARGATE_SPOT", "FARGATE_SPOT"]);

    const { taskArns } = sandbox.sandbox("InterruptSpotTasks", { cluster: "dojo", count: 1 });
    expect(taskArns).toHaveLength(1);
    sandbox.advance(121);
    expect(sandbox.describeTask(taskArns[0])).toMatchObject({
      lastStatus: "RUNNING",
      desiredStatus: "STOPPED",
      stopCode: "TerminationNotice",
      stoppedReason: "Your Spot Task was interrupted.",
    });
    // The replacement started before the interrupted task stopped.
    expect(sandbox.serviceTasks("web").filter((t) => t.desiredStatus === "RUNNING")).toHaveLength(2);

    sandbox.advance(120 + 121);
    expect(sandbox.describeTask(taskArns[0])).toMatchObject({ lastStatus: "STOPPING", stopCode: "SpotInterruption" });
    sandbox.advance(400);
    const stopped = sandbox.describeTask(taskArns[0]);
    expect(stopped).toMatchObject({ lastStatus: "STOPPED", stopCode: "SpotInterruption", stoppedReason: "Your Spot Task was interrupted." });
    expect(stopped.containers[0].exitCode).toBe(143);
    expect(sandbox.service("web").runningCount).toBe(2);
  });

  test("only RUNNING tasks on FARGATE_SPOT are interrupted", () => {
    const sandbox = new EngineDriver().withFargateBasics();
    sandbox.runTask();
    sandbox.advance(60);
    expect(sandbox.sandbox("InterruptSpotTasks", { cluster: "dojo" }).taskArns).toEqual([]);
  });
});
