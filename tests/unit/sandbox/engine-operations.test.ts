import { describe, expect, test } from "vitest";
import { emulatedOperations, isEmulatedOperation } from "@/lib/sandbox/engine";
import { ecsModel } from "@/lib/ecs-model";
import { AWSVPC, EngineDriver, FARGATE_TD } from "./support/engine";

const CLUSTER_ARN = "arn:aws:ecs:ap-northeast-1:123456789012:cluster/dojo";

describe("the table of emulated operations", () => {
  test("every emulated operation is an ECS operation, and the issue's operations are all there", () => {
    for (const operation of emulatedOperations()) expect(ecsModel.operations).toContain(operation);
    for (const operation of [
      "DeleteCluster",
      "UpdateClusterSettings",
      "PutClusterCapacityProviders",
      "RegisterContainerInstance",
      "DeregisterContainerInstance",
      "DescribeContainerInstances",
      "ListContainerInstances",
      "UpdateContainerInstancesState",
      "DeregisterTaskDefinition",
      "DeleteTaskDefinitions",
      "ListTaskDefinitionFamilies",
      "StartTask",
      "CreateService",
      "UpdateService",
      "DeleteService",
      "DescribeServices",
      "ListServices",
      "ListServiceDeployments",
      "DescribeServiceDeployments",
      "TagResource",
      "UntagResource",
      "ListTagsForResource",
      "ListAccountSettings",
      "PutAccountSetting",
    ]) {
      expect(isEmulatedOperation(operation), operation).toBe(true);
    }
    expect(isEmulatedOperation("CreateTaskSet")).toBe(false);
  });
});

describe("clusters", () => {
  test("DeleteCluster refuses while container instances, services or tasks are active", () => {
    const sandbox = new EngineDriver().withFargateBasics();
    sandbox.addInstances("t3.micro");
    const withInstances = sandbox.error("DeleteCluster", { cluster: "dojo" });
    expect([withInstances.type, withInstances.message]).toEqual([
      "ClusterContainsContainerInstancesException",
      "The Cluster cannot be deleted while Container Instances are active.",
    ]);
    const instance = sandbox.call("ListContainerInstances", { cluster: "dojo" }).containerInstanceArns[0];
    sandbox.call("DeregisterContainerInstance", { cluster: "dojo", containerInstance: instance });
    sandbox.runTask();
    const withTasks = sandbox.error("DeleteCluster", { cluster: "dojo" });
    expect([withTasks.type, withTasks.message]).toEqual(["ClusterContainsTasksException", "The Cluster cannot be deleted while Tasks are active."]);
  });

  test("a deleted cluster is INACTIVE: describable, not listed, not usable; its name can be created again", () => {
    const sandbox = new EngineDriver();
    sandbox.call("CreateCluster", { clusterName: "dojo" });
    expect(sandbox.call("DeleteCluster", { cluster: CLUSTER_ARN }).cluster).toMatchObject({ status: "INACTIVE", clusterArn: CLUSTER_ARN });
    expect(sandbox.call("DescribeClusters", { clusters: ["dojo"] }).clusters[0].status).toBe("INACTIVE");
    expect(sandbox.call("ListClusters").clusterArns).toEqual([]);
    expect(sandbox.error("DeleteCluster", { cluster: "dojo" }).message).toBe("Cluster not found.");
    expect(sandbox.call("CreateCluster", { clusterName: "dojo" }).cluster.status).toBe("ACTIVE");
  });

  test("UpdateClusterSettings and PutClusterCapacityProviders", () => {
    const sandbox = new EngineDriver();
    sandbox.call("CreateCluster", { clusterName: "dojo" });
    const updated = sandbox.call("UpdateClusterSettings", { cluster: "dojo", settings: [{ name: "containerInsights", value: "enhanced" }] }).cluster;
    expect(updated.settings).toEqual([{ name: "containerInsights", value: "enhanced" }]);
    const put = sandbox.call("PutClusterCapacityProviders", {
      cluster: "dojo",
      capacityProviders: ["FARGATE", "FARGATE_SPOT"],
      defaultCapacityProviderStrategy: [{ capacityProvider: "FARGATE_SPOT", weight: 1 }],
    }).cluster;
    expect(put.capacityProviders).toEqual(["FARGATE", "FARGATE_SPOT"]);
    expect(put.defaultCapacityProviderStrategy).toEqual([{ capacityProvider: "FARGATE_SPOT", weight: 1, base: 0 }]);
    const unknown = sandbox.error("PutClusterCapacityProviders", { cluster: "dojo", capacityProviders: ["mine"], defaultCapacityProviderStrategy: [] });
    expect(unknown.message).toBe("The specified capacity provider does not exist. Specify a valid name or ARN and try again.");
    // Tasks without a launch type now use the default strategy.
    sandbox.call("RegisterTaskDefinition", FARGATE_TD);
    const task = sandbox.call("RunTask", { cluster: "dojo", taskDefinition: "web", networkConfiguration: AWSVPC }).tasks[0];
    expect(task).toMatchObject({ capacityProviderName: "FARGATE_SPOT", launchType: "FARGATE" });
  });

  test("counts services, instances and EC2/Fargate tasks", () => {
    const sandbox = new EngineDriver().withFargateBasics();
    sandbox.addInstances("t3.large", 2);
    sandbox.call("CreateService", { cluster: "dojo", serviceName: "web", taskDefinition: "web", desiredCount: 2, launchType: "FARGATE", networkConfiguration: AWSVPC });
    sandbox.advance(60);
    const cluster = sandbox.call("DescribeClusters", { clusters: ["dojo"], include: ["STATISTICS"] }).clusters[0];
    expect(cluster).toMatchObject({ activeServicesCount: 1, registeredContainerInstancesCount: 2, runningTasksCount: 2 });
    expect(cluster.statistics).toContainEqual({ name: "runningFargateTasksCount", value: "2" });
    expect(cluster.statistics).toContainEqual({ name: "activeFargateServiceCount", value: "1" });
  });
});

describe("task definitions", () => {
  test("Deregister makes a revision INACTIVE; Delete moves INACTIVE ones to DELETE_IN_PROGRESS and refuses ACTIVE ones", () => {
    const sandbox = new EngineDriver().withFargateBasics();
    sandbox.call("RegisterTaskDefinition", FARGATE_TD);
    const inactive = sandbox.call("DeregisterTaskDefinition", { taskDefinition: "web:1" }).taskDefinition;
    expect(inactive.status).toBe("INACTIVE");
    expect(inactive.deregisteredAt).toBeDefined();
    expect(sandbox.error("RunTask", { cluster: "dojo", taskDefinition: "web:1", launchType: "FARGATE", networkConfiguration: AWSVPC }).message).toBe(
      "TaskDefinition is inactive",
    );
    const deleted = sandbox.call("DeleteTaskDefinitions", { taskDefinitions: ["web:1", "web:2", "web:9"] });
    expect(deleted.taskDefinitions.map((td: { status: string }) => td.status)).toEqual(["DELETE_IN_PROGRESS"]);
    expect(deleted.failures.map((f: { reason: string }) => f.reason)).toEqual(["TASK_DEFINITION_IN_ACTIVE_STATE", "TASK_DEFINITION_NOT_FOUND"]);
    expect(sandbox.call("ListTaskDefinitions", { status: "DELETE_IN_PROGRESS" }).taskDefinitionArns).toEqual([
      "arn:aws:ecs:ap-northeast-1:123456789012:task-definition/web:1",
    ]);
  });

  test("ListTaskDefinitionFamilies by prefix and status", () => {
    const sandbox = new EngineDriver().withFargateBasics();
    sandbox.call("RegisterTaskDefinition", { ...FARGATE_TD, family: "worker" });
    sandbox.call("DeregisterTaskDefinition", { taskDefinition: "worker:1" });
    expect(sandbox.call("ListTaskDefinitionFamilies").families).toEqual(["web"]);
    expect(sandbox.call("ListTaskDefinitionFamilies", { status: "INACTIVE" }).families).toEqual(["worker"]);
    expect(sandbox.call("ListTaskDefinitionFamilies", { status: "ALL", familyPrefix: "w" }).families).toEqual(["web", "worker"]);
  });
});

describe("tags", () => {
  test("tag, list and untag a cluster, a service, a task and a task definition", () => {
    const sandbox = new EngineDriver().withFargateBasics();
    const service = sandbox.call("CreateService", { cluster: "dojo", serviceName: "web", taskDefinition: "web", desiredCount: 1, launchType: "FARGATE", networkConfiguration: AWSVPC }).service;
    const task = sandbox.runTask().tasks[0];
    const arns = [CLUSTER_ARN, service.serviceArn, task.taskArn, "arn:aws:ecs:ap-northeast-1:123456789012:task-definition/web:1"];
    for (const resourceArn of arns) {
      sandbox.call("TagResource", { resourceArn, tags: [{ key: "team", value: "dojo" }, { key: "env", value: "lab" }] });
      sandbox.call("TagResource", { resourceArn, tags: [{ key: "env", value: "prod" }] });
      sandbox.call("UntagResource", { resourceArn, tagKeys: ["team"] });
      expect(sandbox.call("ListTagsForResource", { resourceArn }).tags, resourceArn).toEqual([{ key: "env", value: "prod" }]);
    }
    expect(sandbox.call("DescribeServices", { cluster: "dojo", services: ["web"], include: ["TAGS"] }).services[0].tags).toEqual([{ key: "env", value: "prod" }]);
  });

  test("unknown resources", () => {
    const sandbox = new EngineDriver().withFargateBasics();
    expect(sandbox.error("ListTagsForResource", { resourceArn: "arn:aws:ecs:ap-northeast-1:123456789012:cluster/nope" }).type).toBe("ClusterNotFoundException");
    expect(sandbox.error("ListTagsForResource", { resourceArn: "arn:aws:ecs:ap-northeast-1:123456789012:service/dojo/nope" }).type).toBe(
      "ResourceNotFoundException",
    );
    expect(sandbox.error("TagResource", { resourceArn: CLUSTER_ARN, tags: [{ key: "aws:x", value: "y" }] }).type).toBe("InvalidParameterException");
  });
});

describe("account settings", () => {
  test("effective settings show AWS's defaults; a change is listed as the user's", () => {
    const sandbox = new EngineDriver();
    const effective = sandbox.call("ListAccountSettings", { effectiveSettings: true, name: "taskLongArnFormat" }).settings;
    expect(effective).toEqual([{ name: "taskLongArnFormat", value: "enabled", principalArn: "arn:aws:iam::123456789012:root", type: "aws_managed" }]);
    expect(sandbox.call("ListAccountSettings").settings).toEqual([]);
    const put = sandbox.call("PutAccountSetting", { name: "containerInsights", value: "enhanced" }).setting;
    expect(put).toMatchObject({ name: "containerInsights", value: "enhanced", type: "user" });
    expect(sandbox.call("ListAccountSettings").settings).toEqual([put]);
    expect(sandbox.error("PutAccountSetting", { name: "containerInsights", value: "maybe" }).type).toBe("InvalidParameterException");
    expect(sandbox.error("PutAccountSetting", { name: "nope", value: "enabled" }).message).toMatch(/Member must satisfy enum value set/);
  });
});
