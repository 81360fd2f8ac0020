import { describe, expect, test } from "vitest";
import { FARGATE_TIMING, SIGTERM_EXIT_CODE } from "@/lib/sandbox/engine";
import { ACCOUNT, at, AWSVPC, EngineDriver, FARGATE_TD } from "./support/engine";

const T = Object.fromEntries(Object.entries(FARGATE_TIMING).map(([k, ms]) => [k, ms / 1000])) as Record<
  keyof typeof FARGATE_TIMING,
  number
>;
const ATTACHING = T.eniAttachStartMs;
const PENDING = ATTACHING + T.eniAttachMs;
const PULL_STARTED = PENDING + T.pullStartMs;
const PULL_STOPPED = PULL_STARTED + T.pullMs;
const RUNNING = PULL_STOPPED + T.containerStartMs;

const TASK_ARN = new RegExp(`^arn:aws:ecs:ap-northeast-1:${ACCOUNT}:task/dojo/([0-9a-f]{32})$`);
const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}";

function started() {
  const sandbox = new EngineDriver().withFargateBasics();
  const task = sandbox.runTask().tasks[0];
  return { sandbox, task, arn: task.taskArn as string, id: TASK_ARN.exec(task.taskArn)![1] };
}

describe("RunTask", () => {
  test("answers with a PROVISIONING Fargate task in AWS's shape", () => {
    const { task, id } = started();
    expect(task).toMatchObject({
      clusterArn: `arn:aws:ecs:ap-northeast-1:${ACCOUNT}:cluster/dojo`,
      taskDefinitionArn: `arn:aws:ecs:ap-northeast-1:${ACCOUNT}:task-definition/web:1`,
      lastStatus: "PROVISIONING",
      desiredStatus: "RUNNING",
      launchType: "FARGATE",
      platformVersion: "1.4.0",
      platformFamily: "Linux",
      cpu: "256",
      memory: "512",
      group: "family:web",
      healthStatus: "UNKNOWN",
      enableExecuteCommand: false,
      createdAt: at(0),
      version: 1,
      ephemeralStorage: { sizeInGiB: 20 },
      overrides: { containerOverrides: [{ name: "web" }], inferenceAcceleratorOverrides: [] },
      attachments: [
        { type: "ElasticNetworkInterface", status: "PRECREATED", details: [{ name: "subnetId", value: "subnet-0a1b2c3d" }] },
      ],
    });
    expect(task.availabilityZone).toMatch(/^ap-northeast-1[acd]$/);
    expect(task.attachments[0].id).toMatch(new RegExp(`^${UUID}$`));
    expect(task.containers).toEqual([
      expect.objectContaining({ name: "web", lastStatus: "PENDING", cpu: "0", taskArn: task.taskArn, healthStatus: "UNKNOWN" }),
    ]);
    expect(task.containers[0].containerArn).toMatch(
      new RegExp(`^arn:aws:ecs:ap-northeast-1:${ACCOUNT}:container/dojo/${id}/${UUID}$`),
    );
    expect(task.startedAt).toBeUndefined();
  });

  test("the same subnet always lands in the same Availability Zone", () => {
    const { sandbox, task } = started();
    const zones = sandbox.runTask({ count: 5 }).tasks.map((t: { availabilityZone: string }) => t.availabilityZone);
    expect(new Set([...zones, task.availabilityZone]).size).toBe(1);
  });

  test("starts `count` tasks with distinct ids; count outside 1..10 is refused", () => {
    const { sandbox } = started();
    const arns = sandbox.runTask({ count: 3 }).tasks.map((t: { taskArn: string }) => t.taskArn);
    expect(new Set(arns).size).toBe(3);
    for (const count of [0, 11]) expect(sandbox.error("RunTask", { ...runInput(), count }).type).toBe("InvalidParameterException");
  });

  test("takes group, startedBy, tags and container overrides", () => {
    const { sandbox } = started();
    const task = sandbox.runTask({
      group: "batch",
      startedBy: "nightly/job-1",
      tags: [{ key: "env", value: "lab" }],
      overrides: { containerOverrides: [{ name: "web", command: ["echo", "hi"], memory: 256 }] },
    }).tasks[0];
    expect(task).toMatchObject({ group: "batch", startedBy: "nightly/job-1", tags: [{ key: "env", value: "lab" }] });
    expect(task.overrides.containerOverrides).toEqual([{ name: "web", command: ["echo", "hi"], memory: 256 }]);
    expect(task.containers[0].memory).toBe("256");
  });

  const runInput = () => ({ cluster: "dojo", taskDefinition: "web", launchType: "FARGATE", networkConfiguration: AWSVPC });

  test.each([
    ["an unknown cluster", { cluster: "nope" }, "ClusterNotFoundException", "Cluster not found."],
    ["no cluster and no default cluster", { cluster: undefined }, "ClusterNotFoundException", "Cluster not found."],
    ["an unknown task definition", { taskDefinition: "nope" }, "ClientException", "TaskDefinition not found."],
    ["an unknown revision", { taskDefinition: "web:9" }, "ClientException", "TaskDefinition not found."],
    [
      "no network configuration",
      { networkConfiguration: undefined },
      "InvalidParameterException",
      "Network Configuration must be provided when networkMode 'awsvpc' is specified.",
    ],
    [
      "empty subnets",
      { networkConfiguration: { awsvpcConfiguration: { subnets: [] } } },
      "InvalidParameterException",
      "subnets can not be empty.",
    ],
    ["the EC2 launch type (no container instances)", { launchType: "EC2" }, "InvalidParameterException", "No Container Instances were found in your cluster."],
    [
      "no launch type on a cluster without a default strategy",
      { launchType: undefined },
      "InvalidParameterException",
      "No Container Instances were found in your cluster.",
    ],
    [
      "both a launch type and a capacity provider strategy",
      { capacityProviderStrategy: [{ capacityProvider: "FARGATE", weight: 1 }] },
      "InvalidParameterException",
      "Specifying both a launch type and capacity provider strategy is not supported. Remove one and try again.",
    ],
    [
      "an override for a container the definition lacks",
      { overrides: { containerOverrides: [{ name: "sidecar" }] } },
      "InvalidParameterException",
      "Override for container named sidecar is not a container in the TaskDefinition.",
    ],
    ["an unknown platform version", { platformVersion: "9.9.9" }, "PlatformUnknownException", "The specified platform version doesn't exist."],
  ])("fails on %s like AWS", (_, change, type, message) => {
    const { sandbox } = started();
    const error = sandbox.error("RunTask", { ...runInput(), ...change });
    expect([error.type, error.message]).toEqual([type, message]);
  });

  test("refuses FARGATE for a definition that is not Fargate-compatible", () => {
    const { sandbox } = started();
    sandbox.call("RegisterTaskDefinition", {
      family: "legacy",
      networkMode: "bridge",
      containerDefinitions: [{ name: "app", image: "nginx", memory: 256 }],
    });
    const error = sandbox.error("RunTask", { ...runInput(), taskDefinition: "legacy" });
    expect([error.type, error.message]).toEqual(["InvalidParameterException", "Task definition does not support launch_type FARGATE."]);
  });

  test("refuses an INACTIVE revision", () => {
    const { sandbox } = started();
    sandbox.call("DeregisterTaskDefinition", { taskDefinition: "web:1" });
    const error = sandbox.error("RunTask", { ...runInput(), taskDefinition: "web:1" });
    expect([error.type, error.message]).toEqual(["InvalidParameterException", "TaskDefinition is inactive"]);
  });

  test("uses the cluster's default capacity provider strategy when no launch type is given", () => {
    const sandbox = new EngineDriver();
    sandbox.call("CreateCluster", {
      clusterName: "dojo",
      capacityProviders: ["FARGATE", "FARGATE_SPOT"],
      defaultCapacityProviderStrategy: [
        { capacityProvider: "FARGATE", base: 1, weight: 1 },
        { capacityProvider: "FARGATE_SPOT", weight: 1 },
      ],
    });
    sandbox.call("RegisterTaskDefinition", FARGATE_TD);
    const tasks = sandbox.runTask({ launchType: undefined, count: 5 }).tasks;
    expect(tasks.map((t: { capacityProviderName: string }) => t.capacityProviderName)).toEqual([
      "FARGATE",
      "FARGATE",
      "FARGATE_SPOT",
      "FARGATE",
      "FARGATE_SPOT",
    ]);
    expect(tasks.every((t: { launchType: string }) => t.launchType === "FARGATE")).toBe(true);
  });

  test("a strategy naming a provider the cluster lacks is refused", () => {
    const { sandbox } = started();
    const error = sandbox.error("RunTask", {
      ...runInput(),
      launchType: undefined,
      capacityProviderStrategy: [{ capacityProvider: "FARGATE_SPOT", weight: 1 }],
    });
    expect(error.message).toBe(
      "The specified capacity provider strategy cannot contain a capacity provider that is not associated with the cluster. Associate the capacity provider with the cluster or specify a valid capacity provider and try again.",
    );
  });
});

describe("Fargate task lifecycle on the simulated clock", () => {
  test("PROVISIONING (ENI PRECREATED → ATTACHING → ATTACHED) → PENDING (image pull) → RUNNING", () => {
    const { sandbox, arn, id } = started();
    expect(RUNNING).toBeGreaterThanOrEqual(15);
    expect(RUNNING).toBeLessThanOrEqual(60);

    sandbox.advance(ATTACHING - 0.001);
    expect(sandbox.describeTask(arn).attachments[0].status).toBe("PRECREATED");

    sandbox.advance(ATTACHING);
    let task = sandbox.describeTask(arn);
    expect([task.lastStatus, task.attachments[0].status]).toEqual(["PROVISIONING", "ATTACHING"]);
    const details = Object.fromEntries(task.attachments[0].details.map((d: { name: string; value: string }) => [d.name, d.value]));
    expect(Object.keys(details)).toEqual(["subnetId", "networkInterfaceId", "macAddress", "privateDnsName", "privateIPv4Address"]);
    expect(details.networkInterfaceId).toMatch(/^eni-[0-9a-f]{17}$/);
    expect(details.macAddress).toMatch(/^([0-9a-f]{2}:){5}[0-9a-f]{2}$/);
    expect(details.privateIPv4Address).toMatch(/^10\.0\.\d{1,3}\.\d{1,3}$/);
    expect(details.privateDnsName).toBe(`ip-${details.privateIPv4Address.replaceAll(".", "-")}.ap-northeast-1.compute.internal`);

    sandbox.advance(PENDING);
    task = sandbox.describeTask(arn);
    expect(task).toMatchObject({ lastStatus: "PENDING", connectivity: "CONNECTED", connectivityAt: at(PENDING), version: 2 });
    expect(task.attachments[0].status).toBe("ATTACHED");
    expect(task.containers[0].networkInterfaces).toEqual([
      { attachmentId: task.attachments[0].id, privateIpv4Address: details.privateIPv4Address },
    ]);
    expect(task.pullStartedAt).toBeUndefined();

    sandbox.advance(PULL_STARTED);
    expect(sandbox.describeTask(arn).pullStartedAt).toBe(at(PULL_STARTED));

    sandbox.advance(PULL_STOPPED);
    task = sandbox.describeTask(arn);
    expect([task.lastStatus, task.pullStoppedAt]).toEqual(["PENDING", at(PULL_STOPPED)]);
    expect(task.containers[0].imageDigest).toMatch(/^sha256:[0-9a-f]{64}$/);

    sandbox.advance(RUNNING);
    task = sandbox.describeTask(arn);
    expect(task).toMatchObject({ lastStatus: "RUNNING", desiredStatus: "RUNNING", startedAt: at(RUNNING), version: 3 });
    expect(task.containers[0].lastStatus).toBe("RUNNING");
    expect(task.containers[0].runtimeId).toMatch(new RegExp(`^${id}-\\d{10}$`));
    expect(sandbox.call("DescribeClusters", { clusters: ["dojo"] }).clusters[0].runningTasksCount).toBe(1);
  });

  test("several steps due at once are applied in order by one late request", () => {
    const { sandbox, arn } = started();
    const task = sandbox.call("DescribeTasks", { cluster: "dojo", tasks: [arn] }, RUNNING + 100).tasks[0];
    expect([task.lastStatus, task.connectivityAt, task.pullStartedAt, task.startedAt]).toEqual([
      "RUNNING",
      at(PENDING),
      at(PULL_STARTED),
      at(RUNNING),
    ]);
  });
});

describe("StopTask", () => {
  test("answers at once with desiredStatus STOPPED, UserInitiated, then walks STOPPING → DEPROVISIONING → STOPPED", () => {
    const { sandbox, arn } = started();
    sandbox.advance(RUNNING);
    const stopAt = RUNNING + 5;
    const { task } = sandbox.call("StopTask", { cluster: "dojo", task: arn }, stopAt);
    expect(task).toMatchObject({
      lastStatus: "RUNNING",
      desiredStatus: "STOPPED",
      stopCode: "UserInitiated",
      stoppedReason: "Task stopped by user",
      stoppingAt: at(stopAt),
    });

    const stopping = stopAt + T.stopSignalMs;
    sandbox.advance(stopping);
    expect(sandbox.describeTask(arn).lastStatus).toBe("STOPPING");

    const deprovisioning = stopping + T.containerStopMs;
    sandbox.advance(deprovisioning);
    let described = sandbox.describeTask(arn);
    expect(described).toMatchObject({ lastStatus: "DEPROVISIONING", executionStoppedAt: at(deprovisioning) });
    expect(described.containers[0]).toMatchObject({ lastStatus: "STOPPED", exitCode: SIGTERM_EXIT_CODE });
    expect(described.attachments[0].status).toBe("DETACHING");

    const stopped = deprovisioning + T.eniDetachMs;
    sandbox.advance(stopped);
    described = sandbox.describeTask(arn);
    expect(described).toMatchObject({ lastStatus: "STOPPED", desiredStatus: "STOPPED", stoppedAt: at(stopped), stopCode: "UserInitiated" });
    expect(described.attachments[0].status).toBe("DELETED");
  });

  test("keeps the reason given", () => {
    const { sandbox, arn } = started();
    const { task } = sandbox.call("StopTask", { cluster: "dojo", task: arn, reason: "Rolling back the demo" });
    expect(task.stoppedReason).toBe("Rolling back the demo");
  });

  test("a task stopped before it ran never reaches RUNNING and its containers have no exit code", () => {
    const { sandbox, arn } = started();
    sandbox.call("StopTask", { cluster: "dojo", task: arn }, 1);
    sandbox.advance(RUNNING + 60);
    const task = sandbox.describeTask(arn);
    expect([task.lastStatus, task.startedAt, task.containers[0].lastStatus, task.containers[0].exitCode]).toEqual([
      "STOPPED",
      undefined,
      "STOPPED",
      undefined,
    ]);
  });

  test("stopping again changes nothing", () => {
    const { sandbox, arn } = started();
    const first = sandbox.call("StopTask", { cluster: "dojo", task: arn, reason: "first" }, 1).task;
    const second = sandbox.call("StopTask", { cluster: "dojo", task: arn, reason: "second" }, 1).task;
    expect(second).toMatchObject({ stoppedReason: "first", stoppingAt: first.stoppingAt, version: first.version });
  });

  test("an unknown task is InvalidParameterException: The referenced task was not found.", () => {
    const { sandbox } = started();
    const error = sandbox.error("StopTask", { cluster: "dojo", task: "0123456789abcdef0123456789abcdef" });
    expect([error.type, error.message]).toEqual(["InvalidParameterException", "The referenced task was not found."]);
  });

  test("stopped tasks stay describable for an hour, then are gone", () => {
    const { sandbox, arn } = started();
    sandbox.call("StopTask", { cluster: "dojo", task: arn }, 0);
    const stoppedAt = T.stopSignalMs + T.eniDetachMs;
    sandbox.advance(stoppedAt + T.stoppedRetentionMs - 1);
    expect(sandbox.describeTask(arn).lastStatus).toBe("STOPPED");
    sandbox.advance(stoppedAt + T.stoppedRetentionMs);
    expect(sandbox.call("DescribeTasks", { cluster: "dojo", tasks: [arn] })).toEqual({
      tasks: [],
      failures: [{ arn, reason: "MISSING" }],
    });
  });
});

describe("DescribeTasks and ListTasks", () => {
  test("DescribeTasks takes ids or ARNs and reports unknown ones as MISSING", () => {
    const { sandbox, arn, id } = started();
    const unknown = "fedcba9876543210fedcba9876543210";
    const out = sandbox.call("DescribeTasks", { cluster: "dojo", tasks: [id, arn, unknown] });
    expect(out.tasks.map((t: { taskArn: string }) => t.taskArn)).toEqual([arn, arn]);
    expect(out.failures).toEqual([{ arn: `arn:aws:ecs:ap-northeast-1:${ACCOUNT}:task/dojo/${unknown}`, reason: "MISSING" }]);
    expect(out.tasks[0].tags).toBeUndefined();
    expect(sandbox.call("DescribeTasks", { cluster: "dojo", tasks: [id], include: ["TAGS"] }).tasks[0].tags).toEqual([]);
  });

  test("DescribeTasks only sees tasks of the cluster asked about", () => {
    const { sandbox, arn } = started();
    sandbox.call("CreateCluster", { clusterName: "other" });
    expect(sandbox.call("DescribeTasks", { cluster: "other", tasks: [arn] }).failures).toEqual([{ arn, reason: "MISSING" }]);
  });

  test("DescribeTasks with no tasks is refused", () => {
    const { sandbox } = started();
    const error = sandbox.error("DescribeTasks", { cluster: "dojo", tasks: [] });
    expect([error.type, error.message]).toEqual(["InvalidParameterException", "Tasks cannot be empty."]);
  });

  test("ListTasks lists desiredStatus RUNNING by default and filters by family, startedBy and status", () => {
    const { sandbox, arn } = started();
    sandbox.call("RegisterTaskDefinition", { ...FARGATE_TD, family: "batch" });
    const batch = sandbox.runTask({ taskDefinition: "batch", startedBy: "cron" }).tasks[0].taskArn;
    const stopped = sandbox.runTask().tasks[0].taskArn;
    sandbox.call("StopTask", { cluster: "dojo", task: stopped });
    const list = (input: object = {}) => sandbox.call("ListTasks", { cluster: "dojo", ...input }).taskArns;
    expect(list()).toEqual([arn, batch]);
    expect(list({ family: "batch" })).toEqual([batch]);
    expect(list({ startedBy: "cron" })).toEqual([batch]);
    expect(list({ desiredStatus: "STOPPED" })).toEqual([stopped]);
    expect(list({ launchType: "FARGATE", maxResults: 1 })).toEqual([arn]);
  });
});

describe("dynamic host ports (bridge mode, no hostPort)", () => {
  test("every task on an instance gets its own port from 49153–65535, and a stopped task gives it back", () => {
    const sandbox = new EngineDriver();
    sandbox.call("CreateCluster", { clusterName: "dojo" });
    sandbox.addInstances("m5.2xlarge");
    sandbox.call("RegisterTaskDefinition", {
      family: "small",
      networkMode: "bridge",
      containerDefinitions: [{ name: "web", image: "ecs-dojo/web:1", cpu: 64, memory: 96, essential: true, portMappings: [{ containerPort: 80, hostPort: 0 }] }],
    });
    const arns: string[] = [];
    for (let i = 0; i < 6; i++) arns.push(...sandbox.call("RunTask", { cluster: "dojo", taskDefinition: "small", count: 10, launchType: "EC2" }).tasks.map((t: { taskArn: string }) => t.taskArn));
    sandbox.advance(60);
    const portOf = (arn: string) => sandbox.describeTask(arn).containers![0].networkBindings![0].hostPort!;
    const ports = arns.map(portOf);
    expect(new Set(ports).size).toBe(60);
    expect(ports.every((p) => p >= 49153 && p <= 65535)).toBe(true);
    const instance = Object.values(sandbox.state.containerInstances)[0];
    expect([...instance.used.ports].sort()).toEqual([...ports].sort());
    sandbox.call("StopTask", { cluster: "dojo", task: arns[0] });
    sandbox.advance(180);
    expect(Object.values(sandbox.state.containerInstances)[0].used.ports).not.toContain(ports[0]);
  });
});
