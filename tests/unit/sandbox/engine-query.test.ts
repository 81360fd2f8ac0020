import { describe, expect, test } from "vitest";
import { EcsError } from "@/lib/sandbox/engine";
import { matchesQuery, parseQuery } from "@/lib/sandbox/engine/query";
import { EngineDriver } from "./support/engine";

/** Two instances: a t3.large in the first AZ running one task of group "family:small", an empty c5.large in the second. */
function cluster() {
  const sandbox = new EngineDriver();
  sandbox.call("CreateCluster", { clusterName: "dojo" });
  sandbox.addInstances("t3.large");
  sandbox.addInstances("c5.large");
  sandbox.call("RegisterTaskDefinition", { family: "small", containerDefinitions: [{ name: "c", image: "x", memory: 64 }] });
  const [busyId, idleId] = Object.keys(sandbox.state.containerInstances);
  sandbox.call("StartTask", { cluster: "dojo", taskDefinition: "small", containerInstances: [busyId] });
  sandbox.advance(60);
  // Records of the latest state (each call returns a new state).
  const { state } = sandbox;
  return { state, busy: state.containerInstances[busyId], idle: state.containerInstances[idleId] };
}

describe("cluster query language", () => {
  const { state, busy, idle } = cluster();
  const which = (expression: string) => {
    const query = parseQuery(expression);
    return [busy, idle].filter((r) => matchesQuery(query, state, r)).map((r) => (r === busy ? "busy" : "idle"));
  };

  test.each([
    ["attribute:ecs.instance-type == t3.large", ["busy"]],
    ["attribute:ecs.instance-type equals c5.large", ["idle"]],
    ["attribute:ecs.instance-type != t3.large", ["idle"]],
    ["attribute:ecs.instance-type =~ .*5\\..*", ["idle"]],
    ["attribute:ecs.instance-type !~ t3.*", ["idle"]],
    ["attribute:ecs.availability-zone in [ap-northeast-1a, ap-northeast-1d]", ["busy"]],
    ["attribute:ecs.availability-zone not_in [ap-northeast-1a]", ["idle"]],
    ["attribute:custom exists", []],
    ["attribute:custom !exists", ["busy", "idle"]],
    ["runningTasksCount == 1", ["busy"]],
    ["runningTasksCount > 0 or attribute:ecs.instance-type == c5.large", ["busy", "idle"]],
    ["task:group == family:small", ["busy"]],
    ["not(task:group == family:small)", ["idle"]],
    ["agentConnected == true && !(attribute:ecs.os-type != linux)", ["busy", "idle"]],
    ["(runningTasksCount == 0 or runningTasksCount == 1) and attribute:ecs.instance-type == c5.large", ["idle"]],
  ])("%s", (expression, expected) => {
    expect(which(expression)).toEqual(expected);
  });

  test.each(["attribute:x ==", "== y", "attribute:x in [a, b", "(attribute:x == y", "attribute:x between y"])("%s is not valid", (expression) => {
    expect(() => parseQuery(expression)).toThrow(EcsError);
  });
});
