import { describe, expect, test } from "vitest";
import { registeredResourcesOf } from "@/lib/sandbox/engine/instance-types";
import { AWSVPC, EC2_TD, EngineDriver } from "./support/engine";

const TROUBLESHOOTING = "For more information, see the Troubleshooting section of the Amazon ECS Developer Guide.";

function ec2Cluster(instanceType = "t3.medium", count = 1) {
  const sandbox = new EngineDriver();
  sandbox.call("CreateCluster", { clusterName: "dojo" });
  const instances = count > 0 ? sandbox.addInstances(instanceType, count) : [];
  return { sandbox, instances };
}

const idOf = (arn: string) => arn.split("/").pop()!;
const resource = (list: { name: string; integerValue?: number; stringSetValue?: string[] }[], name: string) =>
  list.find((r) => r.name === name)!;

describe("container instances", () => {
  test("AddContainerInstances registers instances with the instance type's CPU and memory and the reserved ports", () => {
    const { sandbox, instances } = ec2Cluster("m5.large", 2);
    expect(instances).toHaveLength(2);
    const [first] = instances;
    expect(first.containerInstanceArn).toMatch(/^arn:aws:ecs:ap-northeast-1:123456789012:container-instance\/dojo\/[0-9a-f]{32}$/);
    expect(first.ec2InstanceId).toMatch(/^i-[0-9a-f]{17}$/);
    expect(first).toMatchObject({ status: "ACTIVE", agentConnected: true, runningTasksCount: 0, pendingTasksCount: 0 });
    expect(resource(first.registeredResources, "CPU").integerValue).toBe(2048);
    expect(resource(first.registeredResources, "MEMORY").integerValue).toBe(registeredResourcesOf("m5.large")!.memory);
    expect(resource(first.registeredResources, "PORTS").stringSetValue).toEqual(["22", "2375", "2376", "51678", "51679"]);
    const zones = instances.map((i: { attributes: { name: string; value?: string }[] }) => i.attributes.find((a) => a.name === "ecs.availability-zone")!.value);
    expect(new Set(zones).size).toBe(2);
    expect(sandbox.call("ListContainerInstances", { cluster: "dojo" }).containerInstanceArns).toHaveLength(2);
    expect(sandbox.call("DescribeClusters", { clusters: ["dojo"] }).clusters[0].registeredContainerInstancesCount).toBe(2);
  });

  test("an instance type the sandbox does not simulate is refused", () => {
    const { sandbox } = ec2Cluster("t3.micro", 0);
    expect(sandbox.sandboxError("AddContainerInstances", { cluster: "dojo", instanceType: "x9.huge" }).type).toBe("InvalidParameterException");
  });

  test("the registered memory table: about 2.5% below nominal, CPU = vCPUs × 1024", () => {
    expect(registeredResourcesOf("t3.micro")).toEqual({ cpu: 2048, memory: 998 });
    expect(registeredResourcesOf("c5.xlarge")).toEqual({ cpu: 4096, memory: 7987 });
    expect(registeredResourcesOf("r5.2xlarge")).toEqual({ cpu: 8192, memory: 63897 });
  });

  test("RegisterContainerInstance reads the instance identity document; Deregister needs force with tasks", () => {
    const { sandbox } = ec2Cluster("t3.micro", 0);
    const instance = sandbox.call("RegisterContainerInstance", {
      cluster: "dojo",
      instanceIdentityDocument: JSON.stringify({ instanceId: "i-0123456789abcdef0", instanceType: "c5.large", availabilityZone: "ap-northeast-1c" }),
    }).containerInstance;
    expect(instance.ec2InstanceId).toBe("i-0123456789abcdef0");
    expect(resource(instance.registeredResources, "MEMORY").integerValue).toBe(3993);
    sandbox.call("RegisterTaskDefinition", EC2_TD);
    const task = sandbox.call("RunTask", { cluster: "dojo", taskDefinition: "api" }).tasks[0];
    expect(sandbox.error("DeregisterContainerInstance", { cluster: "dojo", containerInstance: instance.containerInstanceArn }).type).toBe(
      "InvalidParameterException",
    );
    sandbox.call("DeregisterContainerInstance", { cluster: "dojo", containerInstance: idOf(instance.containerInstanceArn), force: true });
    expect(sandbox.describeTask(task.taskArn)).toMatchObject({ desiredStatus: "STOPPED", stoppedReason: "Container instance deregistration forced by user" });
    expect(sandbox.call("ListContainerInstances", { cluster: "dojo" }).containerInstanceArns).toEqual([]);
  });

  test("remaining resources follow the tasks: memoryReservation is what is reserved, the hard limit only kills", () => {
    const { sandbox, instances } = ec2Cluster("t3.micro", 1);
    sandbox.call("RegisterTaskDefinition", {
      family: "soft",
      containerDefinitions: [{ name: "app", image: "ecs-dojo/web:1", cpu: 128, memoryReservation: 300, memory: 900 }],
    });
    sandbox.call("RunTask", { cluster: "dojo", taskDefinition: "soft", count: 3 });
    const described = sandbox.call("DescribeContainerInstances", { cluster: "dojo", containerInstances: [instances[0].containerInstanceArn] }).containerInstances[0];
    expect(resource(described.remainingResources, "MEMORY").integerValue).toBe(998 - 900);
    expect(resource(described.remainingResources, "CPU").integerValue).toBe(2048 - 384);
    expect(described.pendingTasksCount).toBe(3);
  });
});

describe("RunTask on EC2", () => {
  test("with no instances: No Container Instances were found in your cluster.", () => {
    const { sandbox } = ec2Cluster("t3.micro", 0);
    sandbox.call("RegisterTaskDefinition", EC2_TD);
    const error = sandbox.error("RunTask", { cluster: "dojo", taskDefinition: "api", launchType: "EC2" });
    expect([error.type, error.message]).toEqual(["InvalidParameterException", "No Container Instances were found in your cluster."]);
  });

  test("places tasks until memory runs out, then answers failures RESOURCE:MEMORY with the instance ARN", () => {
    const { sandbox, instances } = ec2Cluster("t3.micro", 1);
    sandbox.call("RegisterTaskDefinition", EC2_TD);
    const result = sandbox.call("RunTask", { cluster: "dojo", taskDefinition: "api", count: 3 });
    expect(result.tasks).toHaveLength(1);
    expect(result.failures).toEqual([
      { arn: instances[0].containerInstanceArn, reason: "RESOURCE:MEMORY" },
      { arn: instances[0].containerInstanceArn, reason: "RESOURCE:MEMORY" },
    ]);
    const task = result.tasks[0];
    expect(task).toMatchObject({ launchType: "EC2", lastStatus: "PENDING", containerInstanceArn: instances[0].containerInstanceArn, attachments: [] });
    expect(task.platformVersion).toBeUndefined();
  });

  test("RESOURCE:CPU when CPU runs out first", () => {
    const { sandbox } = ec2Cluster("t3.micro", 1);
    sandbox.call("RegisterTaskDefinition", { family: "cpu", containerDefinitions: [{ name: "c", image: "x", cpu: 1500, memory: 64 }] });
    expect(sandbox.call("RunTask", { cluster: "dojo", taskDefinition: "cpu", count: 2 }).failures.map((f: { reason: string }) => f.reason)).toEqual([
      "RESOURCE:CPU",
    ]);
  });

  test("static host ports: a second task on the same port fails RESOURCE:PORTS; reserved ports can never be used", () => {
    const { sandbox } = ec2Cluster("t3.large", 1);
    sandbox.call("RegisterTaskDefinition", {
      family: "static",
      containerDefinitions: [{ name: "c", image: "ecs-dojo/web:1", memory: 128, portMappings: [{ containerPort: 80, hostPort: 8080 }] }],
    });
    const result = sandbox.call("RunTask", { cluster: "dojo", taskDefinition: "static", count: 2 });
    expect(result.tasks).toHaveLength(1);
    expect(result.failures.map((f: { reason: string }) => f.reason)).toEqual(["RESOURCE:PORTS"]);
    sandbox.call("RegisterTaskDefinition", {
      family: "ssh",
      containerDefinitions: [{ name: "c", image: "x", memory: 64, portMappings: [{ containerPort: 22, hostPort: 22 }] }],
    });
    expect(sandbox.call("RunTask", { cluster: "dojo", taskDefinition: "ssh" }).failures[0].reason).toBe("RESOURCE:PORTS");
  });

  test("awsvpc tasks on EC2 each take a network interface: RESOURCE:ENI once the instance type has none left", () => {
    const { sandbox, instances } = ec2Cluster("t3.micro", 1);
    sandbox.call("RegisterTaskDefinition", {
      family: "vpc",
      networkMode: "awsvpc",
      containerDefinitions: [{ name: "c", image: "ecs-dojo/web:1", memory: 128, portMappings: [{ containerPort: 80 }] }],
    });
    const result = sandbox.call("RunTask", { cluster: "dojo", taskDefinition: "vpc", count: 2, networkConfiguration: AWSVPC });
    expect(result.failures).toEqual([{ arn: instances[0].containerInstanceArn, reason: "RESOURCE:ENI" }]);
    const [task] = result.tasks;
    expect(task).toMatchObject({ launchType: "EC2", lastStatus: "PROVISIONING", attachments: [expect.objectContaining({ type: "ElasticNetworkInterface" })] });
    sandbox.advance(60);
    expect(sandbox.describeTask(task.taskArn)).toMatchObject({ lastStatus: "RUNNING", availabilityZone: "ap-northeast-1a" });
    // The interface comes back when the task has stopped.
    sandbox.call("StopTask", { cluster: "dojo", task: task.taskArn });
    sandbox.advance(120);
    expect(sandbox.call("RunTask", { cluster: "dojo", taskDefinition: "vpc", networkConfiguration: AWSVPC }).failures).toEqual([]);
  });

  test("dynamic host ports are bound from the ephemeral range once running", () => {
    const { sandbox } = ec2Cluster("t3.large", 1);
    sandbox.call("RegisterTaskDefinition", EC2_TD);
    const arn = sandbox.call("RunTask", { cluster: "dojo", taskDefinition: "api" }).tasks[0].taskArn;
    sandbox.advance(60);
    const binding = sandbox.describeTask(arn).containers[0].networkBindings[0];
    expect(binding).toMatchObject({ bindIP: "0.0.0.0", containerPort: 80, protocol: "tcp" });
    expect(binding.hostPort).toBeGreaterThanOrEqual(49153);
  });

  test("binpack on memory fills one instance first; spread on instanceId alternates", () => {
    const { sandbox, instances } = ec2Cluster("t3.large", 2);
    sandbox.call("RegisterTaskDefinition", { family: "small", containerDefinitions: [{ name: "c", image: "x", memory: 256 }] });
    const packed = sandbox.call("RunTask", { cluster: "dojo", taskDefinition: "small", count: 4, placementStrategy: [{ type: "binpack", field: "memory" }] });
    expect(new Set(packed.tasks.map((t: { containerInstanceArn: string }) => t.containerInstanceArn)).size).toBe(1);
    const spread = sandbox.call("RunTask", { cluster: "dojo", taskDefinition: "small", group: "spread", count: 4, placementStrategy: [{ type: "spread", field: "instanceId" }] });
    const perInstance = instances.map(
      (i: { containerInstanceArn: string }) => spread.tasks.filter((t: { containerInstanceArn: string }) => t.containerInstanceArn === i.containerInstanceArn).length,
    );
    expect(perInstance).toEqual([2, 2]);
  });

  test("distinctInstance puts each task of a group on its own instance", () => {
    const { sandbox } = ec2Cluster("t3.large", 2);
    sandbox.call("RegisterTaskDefinition", { family: "small", containerDefinitions: [{ name: "c", image: "x", memory: 64 }] });
    const result = sandbox.call("RunTask", { cluster: "dojo", taskDefinition: "small", count: 3, placementConstraints: [{ type: "distinctInstance" }] });
    expect(result.tasks).toHaveLength(2);
    expect(result.failures).toHaveLength(1);
  });

  test("memberOf with the cluster query language", () => {
    const { sandbox } = ec2Cluster("t3.large", 1);
    sandbox.addInstances("c5.large", 1);
    sandbox.call("RegisterTaskDefinition", { family: "small", containerDefinitions: [{ name: "c", image: "x", memory: 64 }] });
    const run = (expression: string) =>
      sandbox.call("RunTask", { cluster: "dojo", taskDefinition: "small", count: 2, placementConstraints: [{ type: "memberOf", expression }] });
    const typeOf = (task: { containerInstanceArn: string }) =>
      sandbox
        .call("DescribeContainerInstances", { cluster: "dojo", containerInstances: [task.containerInstanceArn] })
        .containerInstances[0].attributes.find((a: { name: string }) => a.name === "ecs.instance-type").value;
    expect(run("attribute:ecs.instance-type =~ c5.*").tasks.map(typeOf)).toEqual(["c5.large", "c5.large"]);
    expect(run("attribute:ecs.instance-type in [t3.large, m5.large] and not(attribute:ecs.os-type != linux)").tasks.map(typeOf)).toEqual([
      "t3.large",
      "t3.large",
    ]);
    expect(run("attribute:ecs.instance-type == r5.large").failures.map((f: { reason: string }) => f.reason)).toEqual(["ATTRIBUTE", "ATTRIBUTE"]);
    expect(sandbox.error("RunTask", { cluster: "dojo", taskDefinition: "small", placementConstraints: [{ type: "memberOf", expression: "attribute:x ==" }] }).type).toBe(
      "InvalidParameterException",
    );
    expect(sandbox.call("ListContainerInstances", { cluster: "dojo", filter: "attribute:ecs.instance-type == c5.large" }).containerInstanceArns).toHaveLength(1);
  });

  test("StartTask starts one task on each named instance", () => {
    const { sandbox, instances } = ec2Cluster("t3.large", 2);
    sandbox.call("RegisterTaskDefinition", EC2_TD);
    const result = sandbox.call("StartTask", { cluster: "dojo", taskDefinition: "api", containerInstances: instances.map((i: { containerInstanceArn: string }) => idOf(i.containerInstanceArn)) });
    expect(result.tasks.map((t: { containerInstanceArn: string }) => t.containerInstanceArn)).toEqual(instances.map((i: { containerInstanceArn: string }) => i.containerInstanceArn));
    expect(sandbox.call("StartTask", { cluster: "dojo", taskDefinition: "api", containerInstances: ["0".repeat(32)] }).failures[0].reason).toBe("MISSING");
  });
});

describe("services on EC2", () => {
  function service(desired: number) {
    const { sandbox, instances } = ec2Cluster("t3.micro", 1);
    sandbox.call("RegisterTaskDefinition", EC2_TD);
    sandbox.call("CreateService", { cluster: "dojo", serviceName: "api", taskDefinition: "api", desiredCount: desired, launchType: "EC2" });
    return { sandbox, instances };
  }

  test("a cluster too small for the tasks: the closest instance has insufficient memory; more capacity fixes it", () => {
    const { sandbox, instances } = service(3);
    sandbox.advance(60);
    const id = idOf(instances[0].containerInstanceArn);
    const unable = `(service api) was unable to place a task because no container instance met all of its requirements. The closest matching (container-instance ${id}) has insufficient memory available. ${TROUBLESHOOTING}`;
    expect(sandbox.events("api")).toContain(unable);
    // Reported once while nothing changes.
    sandbox.advance(600);
    expect(sandbox.events("api").filter((m) => m === unable)).toHaveLength(1);
    expect(sandbox.service("api")).toMatchObject({ runningCount: 1, desiredCount: 3 });

    sandbox.addInstances("t3.small", 1);
    sandbox.advance(700);
    expect(sandbox.service("api").runningCount).toBe(3);
    expect(sandbox.events("api").at(-1)).toBe("(service api) has reached a steady state.");
  });

  test("a static host port on the only instance: a forced deployment cannot place, as AWS reports", () => {
    const { sandbox, instances } = ec2Cluster("t3.large", 1);
    sandbox.call("RegisterTaskDefinition", {
      family: "static",
      containerDefinitions: [{ name: "c", image: "ecs-dojo/web:1", memory: 128, portMappings: [{ containerPort: 80, hostPort: 80 }] }],
    });
    sandbox.call("CreateService", { cluster: "dojo", serviceName: "static", taskDefinition: "static", desiredCount: 1, launchType: "EC2" });
    sandbox.advance(120);
    sandbox.call("UpdateService", { cluster: "dojo", service: "static", forceNewDeployment: true });
    sandbox.advance(600);
    expect(sandbox.events("static")).toContain(
      `(service static) was unable to place a task because no container instance met all of its requirements. The closest matching (container-instance ${idOf(instances[0].containerInstanceArn)}) is already using a port required by your task. ${TROUBLESHOOTING}`,
    );
    expect(sandbox.service("static").deployments).toHaveLength(2);
  });

  test("an instance whose agent is disconnected gets no tasks (AGENT)", () => {
    const sandbox = new EngineDriver();
    sandbox.call("CreateCluster", { clusterName: "dojo" });
    const [instance] = sandbox.sandbox("AddContainerInstances", { cluster: "dojo", instanceType: "t3.large", agentConnected: false }).containerInstances;
    expect(instance.agentConnected).toBe(false);
    sandbox.call("RegisterTaskDefinition", EC2_TD);
    expect(sandbox.call("RunTask", { cluster: "dojo", taskDefinition: "api" }).failures).toEqual([{ arn: instance.containerInstanceArn, reason: "AGENT" }]);
    sandbox.call("CreateService", { cluster: "dojo", serviceName: "api", taskDefinition: "api", desiredCount: 1 });
    expect(sandbox.events("api")).toEqual([
      `(service api) was unable to place a task because no container instance met all of its requirements. The closest matching (container-instance ${idOf(instance.containerInstanceArn)}) encountered error "AGENT". ${TROUBLESHOOTING}`,
    ]);
  });

  test("a cluster without instances: No Container Instances were found in your cluster.", () => {
    const sandbox = new EngineDriver();
    sandbox.call("CreateCluster", { clusterName: "dojo" });
    sandbox.call("RegisterTaskDefinition", EC2_TD);
    sandbox.call("CreateService", { cluster: "dojo", serviceName: "api", taskDefinition: "api", desiredCount: 1 });
    expect(sandbox.events("api")).toEqual([
      `(service api) was unable to place a task because no container instance met all of its requirements. Reason: No Container Instances were found in your cluster. ${TROUBLESHOOTING}`,
    ]);
  });

  test("the default placement spreads a service across Availability Zones", () => {
    const { sandbox } = ec2Cluster("t3.large", 3);
    sandbox.call("RegisterTaskDefinition", EC2_TD);
    sandbox.call("CreateService", { cluster: "dojo", serviceName: "api", taskDefinition: "api", desiredCount: 3, launchType: "EC2" });
    expect(new Set(sandbox.serviceTasks("api").map((t) => t.availabilityZone)).size).toBe(3);
  });

  test("draining an instance moves its service tasks elsewhere", () => {
    const { sandbox, instances } = ec2Cluster("t3.large", 2);
    sandbox.call("RegisterTaskDefinition", EC2_TD);
    sandbox.call("CreateService", { cluster: "dojo", serviceName: "api", taskDefinition: "api", desiredCount: 2, launchType: "EC2", deploymentConfiguration: { minimumHealthyPercent: 50 } });
    sandbox.advance(120);
    const drained = instances[0].containerInstanceArn;
    sandbox.call("UpdateContainerInstancesState", { cluster: "dojo", containerInstances: [drained], status: "DRAINING" });
    sandbox.advance(400);
    const running = sandbox.serviceTasks("api").filter((t) => t.desiredStatus === "RUNNING");
    expect(running).toHaveLength(2);
    expect(running.every((t) => t.containerInstanceArn !== drained)).toBe(true);
  });

  test("a DAEMON service runs one task on every instance, and on new ones", () => {
    const { sandbox } = ec2Cluster("t3.large", 2);
    sandbox.call("RegisterTaskDefinition", EC2_TD);
    sandbox.call("CreateService", { cluster: "dojo", serviceName: "agent", taskDefinition: "api", schedulingStrategy: "DAEMON", launchType: "EC2" });
    sandbox.advance(60);
    expect(sandbox.service("agent")).toMatchObject({ desiredCount: 2, runningCount: 2 });
    sandbox.addInstances("t3.large", 1);
    sandbox.advance(120);
    expect(sandbox.service("agent")).toMatchObject({ desiredCount: 3, runningCount: 3 });
    const hosts = sandbox.serviceTasks("agent").map((t) => t.containerInstanceArn);
    expect(new Set(hosts).size).toBe(3);
  });

  test("DAEMON with a capacity provider strategy is refused with AWS's text", () => {
    const sandbox = new EngineDriver();
    sandbox.call("CreateCluster", { clusterName: "dojo", capacityProviders: ["FARGATE"], defaultCapacityProviderStrategy: [{ capacityProvider: "FARGATE", weight: 1 }] });
    sandbox.call("RegisterTaskDefinition", EC2_TD);
    const error = sandbox.error("CreateService", { cluster: "dojo", serviceName: "agent", taskDefinition: "api", schedulingStrategy: "DAEMON" });
    expect(error.message).toBe("Specifying a capacity provider strategy is not supported when you create a service using the DAEMON scheduling strategy.");
  });
});
