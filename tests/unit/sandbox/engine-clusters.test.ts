import { describe, expect, test } from "vitest";
import { ACCOUNT, EngineDriver } from "./support/engine";

const ARN = `arn:aws:ecs:ap-northeast-1:${ACCOUNT}:cluster/dojo`;

describe("CreateCluster", () => {
  test("creates an ACTIVE cluster with a long ARN and zero counts", () => {
    const { cluster } = new EngineDriver().call("CreateCluster", { clusterName: "dojo" });
    expect(cluster).toMatchObject({
      clusterArn: ARN,
      clusterName: "dojo",
      status: "ACTIVE",
      registeredContainerInstancesCount: 0,
      runningTasksCount: 0,
      pendingTasksCount: 0,
      activeServicesCount: 0,
      settings: [{ name: "containerInsights", value: "disabled" }],
      capacityProviders: [],
      defaultCapacityProviderStrategy: [],
    });
  });

  test("names the cluster `default` when clusterName is omitted", () => {
    expect(new EngineDriver().call("CreateCluster").cluster.clusterName).toBe("default");
  });

  test("is idempotent: the same name returns the existing cluster, listed once", () => {
    const sandbox = new EngineDriver();
    sandbox.call("CreateCluster", { clusterName: "dojo", tags: [{ key: "team", value: "a" }] });
    const again = sandbox.call("CreateCluster", { clusterName: "dojo" });
    expect(again.cluster.tags).toEqual([{ key: "team", value: "a" }]);
    expect(sandbox.call("ListClusters").clusterArns).toEqual([ARN]);
  });

  test("rejects names outside letters, digits, hyphens and underscores", () => {
    const error = new EngineDriver().error("CreateCluster", { clusterName: "my.cluster" });
    expect(error.type).toBe("InvalidParameterException");
    expect(error.message).toContain("my.cluster");
  });

  test("accepts only the capacity providers every account has", () => {
    const error = new EngineDriver().error("CreateCluster", { clusterName: "dojo", capacityProviders: ["my-asg"] });
    expect(error.type).toBe("InvalidParameterException");
  });

  test("a wrongly typed member is a SerializationException naming it", () => {
    const error = new EngineDriver().error("CreateCluster", { clusterName: 7 });
    expect(error.type).toBe("SerializationException");
    expect(error.message).toBe("Cannot deserialize member 'clusterName': expected a string, got an integer.");
  });
});

describe("DescribeClusters", () => {
  test("reports unknown names as MISSING failures with the ARN they would have", () => {
    const sandbox = new EngineDriver();
    sandbox.call("CreateCluster", { clusterName: "dojo" });
    const out = sandbox.call("DescribeClusters", { clusters: ["dojo", "nope"] });
    expect(out.clusters.map((c: { clusterName: string }) => c.clusterName)).toEqual(["dojo"]);
    expect(out.failures).toEqual([{ arn: `arn:aws:ecs:ap-northeast-1:${ACCOUNT}:cluster/nope`, reason: "MISSING" }]);
  });

  test("describes `default` when no cluster is named, and does not create it", () => {
    const out = new EngineDriver().call("DescribeClusters");
    expect(out).toEqual({
      clusters: [],
      failures: [{ arn: `arn:aws:ecs:ap-northeast-1:${ACCOUNT}:cluster/default`, reason: "MISSING" }],
    });
  });

  test("accepts ARNs, but not ARNs of another account", () => {
    const sandbox = new EngineDriver();
    sandbox.call("CreateCluster", { clusterName: "dojo" });
    const foreign = "arn:aws:ecs:ap-northeast-1:999999999999:cluster/dojo";
    const out = sandbox.call("DescribeClusters", { clusters: [ARN, foreign] });
    expect(out.clusters).toHaveLength(1);
    expect(out.failures).toEqual([{ arn: foreign, reason: "MISSING" }]);
  });

  test("shows tags and settings only when included, statistics derived from tasks", () => {
    const sandbox = new EngineDriver().withFargateBasics();
    sandbox.runTask();
    const plain = sandbox.call("DescribeClusters", { clusters: ["dojo"] }).clusters[0];
    expect(plain.settings).toBeUndefined();
    expect(plain.pendingTasksCount).toBe(1);
    const full = sandbox.call("DescribeClusters", { clusters: ["dojo"], include: ["SETTINGS", "STATISTICS"] }).clusters[0];
    expect(full.settings).toEqual([{ name: "containerInsights", value: "disabled" }]);
    expect(full.statistics).toContainEqual({ name: "pendingFargateTasksCount", value: "1" });
  });
});

describe("ListClusters", () => {
  test("pages with maxResults and nextToken", () => {
    const sandbox = new EngineDriver();
    for (const name of ["a", "b", "c"]) sandbox.call("CreateCluster", { clusterName: name });
    const first = sandbox.call("ListClusters", { maxResults: 2 });
    expect(first.clusterArns).toHaveLength(2);
    const second = sandbox.call("ListClusters", { maxResults: 2, nextToken: first.nextToken });
    expect(second).toEqual({ clusterArns: [`arn:aws:ecs:ap-northeast-1:${ACCOUNT}:cluster/c`] });
  });

  test("rejects a nextToken it did not issue", () => {
    expect(new EngineDriver().error("ListClusters", { nextToken: "bogus" }).type).toBe("InvalidParameterException");
  });
});
