import { describe, expect, test } from "vitest";
import { advanceTo, handleOperation, NEW_ACCOUNT } from "@/lib/sandbox/engine";
import { EngineDriver, T0 } from "./support/engine";

/** A session touching every operation, with explicit clock steps. */
function session(seed?: string) {
  const sandbox = new EngineDriver(seed).withFargateBasics();
  const outputs: unknown[] = [];
  const first = sandbox.runTask({ count: 2 });
  outputs.push(first);
  sandbox.advance(30);
  outputs.push(sandbox.call("StopTask", { cluster: "dojo", task: first.tasks[0].taskArn }));
  sandbox.advance(45);
  outputs.push(sandbox.call("DescribeTasks", { cluster: "dojo", tasks: first.tasks.map((t: { taskArn: string }) => t.taskArn) }));
  outputs.push(sandbox.call("ListTasks", { cluster: "dojo", desiredStatus: "STOPPED" }));
  outputs.push(sandbox.call("DescribeClusters", { clusters: ["dojo"] }));
  return { state: JSON.stringify(sandbox.state), outputs: JSON.stringify(outputs) };
}

describe("determinism", () => {
  test("the same inputs and clock steps give byte-identical state and outputs", () => {
    expect(session()).toEqual(session());
  });

  test("ids come from the seed: another seed gives other ids", () => {
    expect(session("other").state).not.toEqual(session().state);
  });

  test("state is plain JSON: it survives a round trip unchanged", () => {
    const sandbox = new EngineDriver().withFargateBasics();
    sandbox.runTask();
    sandbox.advance(12);
    expect(JSON.parse(JSON.stringify(sandbox.state))).toEqual(sandbox.state);
  });

  test("handleOperation and advanceTo leave the state they are given untouched", () => {
    const sandbox = new EngineDriver().withFargateBasics();
    sandbox.runTask();
    const before = JSON.stringify(sandbox.state);
    handleOperation(sandbox.state, "RunTask", { cluster: "dojo", taskDefinition: "web", launchType: "FARGATE", networkConfiguration: { awsvpcConfiguration: { subnets: ["subnet-0a1b2c3d"] } } }, T0 + 60_000, NEW_ACCOUNT);
    advanceTo(sandbox.state, T0 + 120_000, NEW_ACCOUNT);
    expect(JSON.stringify(sandbox.state)).toBe(before);
  });

  test("outputs share nothing with the state they came with", () => {
    const sandbox = new EngineDriver().withFargateBasics();
    const { tasks } = sandbox.runTask();
    tasks[0].lastStatus = "TAMPERED";
    expect(Object.values(sandbox.state.tasks)[0].lastStatus).toBe("PROVISIONING");
  });

  test("time never runs backwards", () => {
    const sandbox = new EngineDriver().withFargateBasics();
    sandbox.advance(100);
    expect(advanceTo(sandbox.state, T0, NEW_ACCOUNT).clock.simMs).toBe(T0 + 100_000);
  });

  test("an operation the engine does not emulate is UnknownOperationException", () => {
    const error = new EngineDriver().error("CreateTaskSet", { service: "web" });
    expect(error.type).toBe("UnknownOperationException");
    expect(error.message).toContain("CreateTaskSet");
    expect(new EngineDriver().error("constructor").type).toBe("UnknownOperationException");
  });
});
