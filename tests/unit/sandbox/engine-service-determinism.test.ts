import { describe, expect, test } from "vitest";
import { AWSVPC, EC2_TD, EngineDriver, fargateTd } from "./support/engine";

/**
 * A session with EC2 capacity, an EC2 service too big for it, and a Fargate service rolled through a crashing
 * revision. `stepSeconds`: advance the clock in saved steps of this size instead of one step per phase.
 */
function session(stepSeconds?: number) {
  const sandbox = new EngineDriver();
  const move = (to: number) => (stepSeconds === undefined ? sandbox.advance(to) : sandbox.stepTo(to, stepSeconds));
  sandbox.call("CreateCluster", { clusterName: "dojo" });
  sandbox.addInstances("t3.micro", 2);
  sandbox.call("RegisterTaskDefinition", EC2_TD);
  sandbox.call("CreateService", { cluster: "dojo", serviceName: "api", taskDefinition: "api", desiredCount: 5, launchType: "EC2" });
  sandbox.call("RegisterTaskDefinition", fargateTd("web", "ecs-dojo/web:1"));
  sandbox.call("CreateService", {
    cluster: "dojo",
    serviceName: "web",
    taskDefinition: "web:1",
    desiredCount: 3,
    launchType: "FARGATE",
    networkConfiguration: AWSVPC,
    deploymentConfiguration: { deploymentCircuitBreaker: { enable: true, rollback: true } },
  });
  move(120);
  sandbox.call("RegisterTaskDefinition", fargateTd("web", "ecs-dojo/crash:1"));
  sandbox.call("UpdateService", { cluster: "dojo", service: "web", taskDefinition: "web:2" });
  move(900);
  sandbox.addInstances("m5.large", 1);
  move(1500);
  return JSON.stringify(sandbox.state);
}

describe("determinism with services", () => {
  test("the same inputs and clock steps give byte-identical state", () => {
    expect(session()).toBe(session());
  });

  test("moving the clock in many saved steps (AdvanceClock calls, writes) ends where one step does", () => {
    expect(session(7)).toBe(session());
  });

  test("the session really moves: services ran, the breaker tripped, the EC2 service got its tasks", () => {
    const state = JSON.parse(session());
    const events = (key: string) => state.services[key].service.events.map((e: { message: string }) => e.message).join("\n");
    expect(events("dojo/web")).toContain("rolling back to deployment");
    expect(events("dojo/api")).toContain("has insufficient memory available.");
  });
});
