/**
 * The console's capacity view (lib/sandbox/console-capacity.ts) read the way the site reads it — sandboxReader on the
 * stored sandbox at the gateway's clock — after the L702 set-up made through DojoSandbox.ApplyScenario: an empty Auto
 * Scaling group behind a capacity provider with managed scaling, the cluster's default strategy on it, and a service
 * whose tasks wait for the group to grow. What it shows must be what DescribeCapacityProviders and
 * DojoSandbox.DescribeAutoScalingGroups answer.
 */
import { describe, expect, test } from "vitest";
import { onSandbox } from "@/lib/sandbox/backends/embedded";
import { handleOperation } from "@/lib/sandbox/engine";
import { consoleSnapshot, engineConsoleReader } from "@/lib/sandbox/console";
import { sandboxOperation, sandboxReader, type GatewayDeps } from "@/lib/sandbox/gateway";
import { MemorySandboxStore } from "@/lib/sandbox/memory-store";

const ACCOUNT = "444455556666";
const REGION = "ap-northeast-1";
const WALL = Date.UTC(2026, 11, 7, 9, 0, 0);

const SCENARIO = {
  clusters: [
    { name: "grow", capacityProviders: ["grow-cp", "FARGATE"], defaultCapacityProviderStrategy: [{ capacityProvider: "grow-cp", weight: 1 }] },
  ],
  autoScalingGroups: [{ name: "grow-asg", instanceType: "t3.medium", min: 0, max: 5, desired: 0, cluster: "grow" }],
  capacityProviders: [{ name: "grow-cp", autoScalingGroup: "grow-asg", managedScaling: { status: "ENABLED", targetCapacity: 90 }, managedTerminationProtection: "DISABLED" }],
  taskDefinitions: [{ family: "api", containerDefinitions: [{ name: "api", image: "ecs-dojo/web:1", cpu: 256, memory: 512 }] }],
  services: [{ cluster: "grow", serviceName: "api", taskDefinition: "api", desiredCount: 10 }],
};

async function setUp() {
  const deps: GatewayDeps = { store: new MemorySandboxStore(), credentials: { lookup: async () => null }, now: () => WALL, speed: 1 };
  await sandboxOperation(ACCOUNT, REGION, "ApplyScenario", { scenario: SCENARIO }, deps);
  return {
    advance: (seconds: number) => sandboxOperation(ACCOUNT, REGION, "AdvanceClock", { seconds }, deps),
    capacity: async () => (await consoleSnapshot(engineConsoleReader((await sandboxReader(ACCOUNT, REGION, deps))!), "grow")).capacity,
  };
}

describe("the console's capacity providers", () => {
  test("each provider of the cluster with its place in the default strategy, managed scaling and the group behind it", async () => {
    const sandbox = await setUp();
    await sandbox.advance(70);
    // A minute in: from zero instances managed scaling asks for ceil(200 / targetCapacity) = 3; no agent has registered yet.
    const [cp, fargate] = await sandbox.capacity();
    expect(fargate).toEqual({ name: "FARGATE", type: "FARGATE" });
    expect(cp).toMatchObject({
      name: "grow-cp",
      type: "EC2_AUTOSCALING",
      strategy: { weight: 1, base: 0 },
      managedScaling: { status: "ENABLED", targetCapacity: 90, minimumScalingStepSize: 1, maximumScalingStepSize: 10_000, instanceWarmupPeriod: 300 },
      managedTerminationProtection: "DISABLED",
      group: { name: "grow-asg", minSize: 0, desiredCapacity: 3, maxSize: 5 },
    });
    expect(cp.group!.instances).toHaveLength(3);
    expect(cp.group!.instances.every((i) => !i.registered && i.instanceType === "t3.medium" && /^i-[0-9a-f]{17}$/.test(i.id))).toBe(true);
    expect(cp.group!.activities[0].description).toMatch(/^Launching a new EC2 instance: i-[0-9a-f]{17}\. Cause: /);

    await sandbox.advance(120);
    const [later] = await sandbox.capacity();
    expect(later.group!.instances.every((i) => i.registered)).toBe(true);
    // Auto Scaling balances its zones: one instance in each.
    expect(new Set(later.group!.instances.map((i) => i.availabilityZone)).size).toBe(3);
  });

  test("a refused delete shows the provider's DELETE_FAILED and AWS's reason", async () => {
    const deps: GatewayDeps = { store: new MemorySandboxStore(), credentials: { lookup: async () => null }, now: () => WALL, speed: 1 };
    await sandboxOperation(ACCOUNT, REGION, "ApplyScenario", { scenario: SCENARIO }, deps);
    await onSandbox({ accountId: ACCOUNT, region: REGION }, deps, (current, simNow, _unstored, account) => {
      const { state, output } = handleOperation(current, "DeleteCapacityProvider", { capacityProvider: "grow-cp" }, simNow, account);
      return { state, result: output };
    });
    const [cp] = (await consoleSnapshot(engineConsoleReader((await sandboxReader(ACCOUNT, REGION, deps))!), "grow")).capacity;
    expect(cp).toMatchObject({
      updateStatus: "DELETE_FAILED",
      updateStatusReason: "The capacity provider cannot be deleted because it is associated with cluster: grow. Remove the capacity provider from the cluster and try again.",
    });
  });
});
