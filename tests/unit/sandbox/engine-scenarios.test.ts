import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { applyScenario, EcsError, handleSandboxOperation, isSandboxOperation, NEW_ACCOUNT, sandboxOperations } from "@/lib/sandbox/engine";
import { readScenario, SCENARIO_SCHEMA } from "@/lib/sandbox/engine/scenarios";
import { EC2_TD, EngineDriver, T0 } from "./support/engine";

const DIR = join(process.cwd(), "lib/sandbox/scenarios");
const files = readdirSync(DIR).filter((f) => f.endsWith(".json"));

describe("scenario files", () => {
  test("there are some", () => {
    expect(files.length).toBeGreaterThanOrEqual(3);
  });

  test.each(files)("%s applies cleanly and every member it uses is in the schema", (file) => {
    const scenario = JSON.parse(readFileSync(join(DIR, file), "utf8"));
    for (const key of Object.keys(scenario)) expect(Object.keys(SCENARIO_SCHEMA.properties)).toContain(key);
    const state = applyScenario(new EngineDriver().state, scenario, NEW_ACCOUNT);
    for (const cluster of scenario.clusters ?? []) expect(state.clusters[cluster.name].status).toBe("ACTIVE");
  });
});

describe("applyScenario", () => {
  const scenario = {
    clusters: [{ name: "lab", capacityProviders: ["FARGATE"], instances: [{ instanceType: "t3.small", count: 2 }] }],
    roles: [{ name: "execution", permissions: ["logs:*"] }],
    secrets: ["db"],
    parameters: ["/app/key"],
    logGroups: ["/ecs/lab"],
  };

  test("creates clusters, capacity providers, instances, and the secrets, parameters and log groups in their services; leaves its input untouched", () => {
    const before = new EngineDriver().state;
    const frozen = JSON.stringify(before);
    const state = applyScenario(before, scenario, NEW_ACCOUNT);
    expect(JSON.stringify(before)).toBe(frozen);
    expect(state.clusters.lab.capacityProviders).toEqual(["FARGATE"]);
    expect(Object.values(state.containerInstances).filter((r) => r.clusterName === "lab")).toHaveLength(2);
    expect(Object.values(state.secrets).map((s) => s.name)).toEqual(["db"]);
    expect(Object.values(state.parameters).map((p) => [p.name, p.versions[0].type])).toEqual([["/app/key", "String"]]);
    expect(Object.values(state.logGroups).map((g) => g.logGroupName)).toEqual(["/ecs/lab"]);
    // Roles are IAM's, which is global: the gateway applies them to the account's GLOBAL_REGION state (services-iam tests).
    expect(state.iamRoles).toEqual({});
  });

  test("a secret or parameter may come with its value; one named alone gets a stable made-up value", () => {
    const state = applyScenario(new EngineDriver().state, { secrets: ["a", { name: "b", value: "s3cret" }], parameters: [{ name: "p", value: "v", type: "SecureString" }] }, NEW_ACCOUNT);
    const values = Object.values(state.secrets).map((s) => s.versions[0].secretString);
    expect(values[0]).toMatch(/^dojo-[0-9a-f]{16}$/);
    expect(values[1]).toBe("s3cret");
    expect(Object.values(state.parameters)[0].versions[0]).toMatchObject({ type: "SecureString", value: "v" });
  });

  test("applying it twice adds no duplicates (instances are added again, as asked)", () => {
    const state = applyScenario(applyScenario(new EngineDriver().state, scenario, NEW_ACCOUNT), scenario, NEW_ACCOUNT);
    expect(Object.keys(state.secrets)).toHaveLength(1);
    expect(Object.keys(state.logGroups)).toHaveLength(1);
    expect(Object.keys(state.containerInstances)).toHaveLength(4);
  });

  test.each([
    [{ clusterz: [] }, "Scenario clusterz is not a scenario member."],
    [{ clusters: [{ name: "bad name" }] }, "Scenario clusters[0].name must be a cluster name."],
    [{ roles: [{ name: "r" }] }, "Scenario roles[0].permissions must be a list of actions."],
    [{ secrets: "db" }, "Scenario secrets must be a list of names or {name, value} objects."],
    [{ parameters: [{ name: "p" }] }, "Scenario parameters must be a list of names or {name, value} objects."],
    [{ clusters: [{ name: "c", capacityProviders: ["EC2"] }] }, "Scenario clusters[0].capacityProviders may list FARGATE, FARGATE_SPOT and the capacity providers the scenario creates (capacityProviders)."],
  ])("rejects %j", (bad, message) => {
    expect(() => readScenario(bad)).toThrow(message);
    expect(() => applyScenario(new EngineDriver().state, bad, NEW_ACCOUNT)).toThrow(EcsError);
  });

  test("DojoSandbox.ApplyScenario does the same through the sandbox operation table", () => {
    expect(isSandboxOperation("ApplyScenario")).toBe(true);
    expect(isSandboxOperation("AddContainerInstances")).toBe(true);
    expect(isSandboxOperation("AdvanceClock")).toBe(false);
    expect(sandboxOperations().sort()).toEqual(["AddContainerInstances", "ApplyScenario", "CreateAutoScalingGroup", "DescribeAutoScalingGroups", "ImpairAvailabilityZone", "InterruptSpotTasks", "PushImage", "ResetScenario", "RestoreAvailabilityZone", "SetHookVerdict", "SetLoad", "UpdateAutoScalingGroup"]);
    const { output } = handleSandboxOperation(new EngineDriver().state, "ApplyScenario", { scenario }, T0, NEW_ACCOUNT);
    expect(output).toMatchObject({ clusters: ["arn:aws:ecs:ap-northeast-1:123456789012:cluster/lab"], secrets: ["db"] });
    expect(() => handleSandboxOperation(new EngineDriver().state, "Reset", {}, T0, NEW_ACCOUNT)).toThrow("Unknown operation DojoSandbox.Reset.");
  });
});

describe("scenarios with workloads", () => {
  const broken = {
    clusters: [{ name: "lab", instances: [{ instanceType: "t3.small", count: 2 }] }],
    taskDefinitions: [
      {
        family: "orders",
        requiresCompatibilities: ["EC2"],
        networkMode: "bridge",
        containerDefinitions: [{ name: "api", image: "sbx/memhog:1.0", memory: 256, environment: [{ name: "MEM_TARGET_MB", value: "420" }] }],
      },
    ],
    services: [{ cluster: "lab", serviceName: "orders", taskDefinition: "orders", desiredCount: 3, launchType: "EC2" }],
    advanceSeconds: 180,
  };
  const other = { clusters: [{ name: "keep" }], tasks: [] };

  test("registers, creates and lets time pass, so the learner arrives at a crash-looping service (sbx/ images are the catalog's)", () => {
    const state = applyScenario(new EngineDriver().state, broken, NEW_ACCOUNT);
    expect(state.taskDefinitions.orders.revisions).toHaveLength(1);
    expect(state.services["lab/orders"].service.desiredCount).toBe(3);
    const stopped = Object.values(state.tasks).filter((t) => t.lastStatus === "STOPPED");
    expect(stopped.length).toBeGreaterThan(0);
    expect(stopped[0].containers?.[0].reason).toBe("OutOfMemoryError: Container killed due to memory usage");
    expect(stopped[0].containers?.[0].exitCode).toBe(137);
    expect(state.clock.simMs).toBe(T0 + 180_000);
  });

  test("ResetScenario removes only the scenario's clusters, with their services, tasks, instances and timers, then sets them up again", () => {
    const first = applyScenario(applyScenario(new EngineDriver().state, other, NEW_ACCOUNT), broken, NEW_ACCOUNT);
    const { state } = handleSandboxOperation(first, "ResetScenario", { scenario: broken }, first.clock.simMs, NEW_ACCOUNT);
    expect(state.clusters.keep.status).toBe("ACTIVE");
    expect(Object.values(state.containerInstances).filter((r) => r.clusterName === "lab")).toHaveLength(2);
    const labTasks = Object.values(state.tasks).filter((t) => t.clusterArn?.endsWith("/lab"));
    // Wire timestamps are epoch seconds: every task in the reset cluster is new.
    expect(labTasks.length).toBeGreaterThan(0);
    expect(labTasks.every((t) => (t.createdAt as unknown as number) * 1000 >= first.clock.simMs)).toBe(true);
    const known = new Set([...Object.keys(state.tasks), ...Object.keys(state.services)]);
    expect(state.timers.every((timer) => known.has(timer.id))).toBe(true);
  });

  // L702's starting point: an empty Auto Scaling group behind a capacity provider with managed scaling, the cluster's
  // default strategy on it, and a service of 10 tasks that must wait for the group to grow.
  const scaling = {
    clusters: [{ name: "grow", capacityProviders: ["grow-cp"], defaultCapacityProviderStrategy: [{ capacityProvider: "grow-cp", weight: 1 }] }],
    autoScalingGroups: [{ name: "grow-asg", instanceType: "t3.medium", min: 0, max: 5, desired: 0, cluster: "grow" }],
    capacityProviders: [{ name: "grow-cp", autoScalingGroup: "grow-asg", managedScaling: { status: "ENABLED", targetCapacity: 100 }, managedTerminationProtection: "DISABLED" }],
    taskDefinitions: [EC2_TD],
    services: [{ cluster: "grow", serviceName: "api", taskDefinition: "api", desiredCount: 10 }],
    advanceSeconds: 600,
  };

  test("sets up Auto Scaling groups and capacity providers: the group grows under managed scaling until the service runs", () => {
    const state = applyScenario(new EngineDriver().state, scaling, NEW_ACCOUNT);
    const group = state.autoScalingGroups!["grow-asg"];
    expect(group.desiredCapacity).toBe(2);
    expect(state.capacityProviders!["grow-cp"].autoScalingGroupProvider?.autoScalingGroupArn).toBe(group.arn);
    expect(state.clusters.grow).toMatchObject({ capacityProviders: ["grow-cp"], defaultCapacityProviderStrategy: [{ capacityProvider: "grow-cp", weight: 1 }] });
    expect(state.services["grow/api"].service.capacityProviderStrategy).toEqual([{ capacityProvider: "grow-cp", weight: 1, base: 0 }]);
    const running = Object.values(state.tasks).filter((t) => t.lastStatus === "RUNNING" && t.capacityProviderName === "grow-cp");
    expect(running).toHaveLength(10);
    expect(state.services["grow/api"].service.events?.[0].message).toBe("(service api) has reached a steady state.");
  });

  test("ResetScenario removes the scenario's capacity providers and groups with their timers, and builds them again", () => {
    const first = applyScenario(new EngineDriver().state, scaling, NEW_ACCOUNT);
    const { state } = handleSandboxOperation(first, "ResetScenario", { scenario: scaling }, first.clock.simMs, NEW_ACCOUNT);
    const group = state.autoScalingGroups!["grow-asg"];
    // Built again from an empty group: new instances launched for the new tasks, none of the first ones left.
    const before = first.autoScalingGroups!["grow-asg"];
    expect(group.arn).not.toBe(before.arn);
    expect(group.instances).toHaveLength(2);
    expect(group.instances.filter((i) => before.instances.some((b) => b.instanceId === i.instanceId))).toEqual([]);
    expect(Object.values(state.containerInstances).filter((r) => r.clusterName === "grow")).toHaveLength(2);
    expect(Object.values(state.tasks).filter((t) => t.lastStatus === "RUNNING")).toHaveLength(10);
    const known = new Set([...Object.keys(state.tasks), ...Object.keys(state.services), "capacity:grow-cp"]);
    expect(state.timers.filter((timer) => !known.has(timer.id))).toEqual([]);
  });

  test.each([
    [{ ...scaling, capacityProviders: [{ name: "grow-cp", autoScalingGroup: "nope" }] }, "Scenario capacityProviders[0].autoScalingGroup must name one of the scenario's autoScalingGroups."],
    [{ ...scaling, autoScalingGroups: [{ ...scaling.autoScalingGroups[0], cluster: "elsewhere" }] }, "Scenario autoScalingGroups[0].cluster must name one of the scenario's clusters."],
    [{ clusters: [{ name: "c", capacityProviders: ["other-cp"] }] }, "Scenario clusters[0].capacityProviders may list FARGATE, FARGATE_SPOT and the capacity providers the scenario creates (capacityProviders)."],
    [{ clusters: [{ name: "c", capacityProviders: ["FARGATE"], defaultCapacityProviderStrategy: [{ capacityProvider: "FARGATE_SPOT" }] }] }, "Scenario clusters[0].defaultCapacityProviderStrategy must be a list of {capacityProvider, weight, base} naming the cluster's capacityProviders."],
    [{ services: ["x"] }, "Scenario services must be a list of API inputs (objects)."],
    [{ advanceSeconds: -1 }, "Scenario advanceSeconds must be a number of seconds from 0 to 86400."],
  ])("rejects %j", (bad, message) => {
    expect(() => readScenario(bad)).toThrow(message);
  });
});

