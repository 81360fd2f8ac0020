import { describe, expect, test } from "vitest";
import type { EcsError, SandboxState } from "@/lib/sandbox/engine";
import { sandboxNetwork } from "@/lib/sandbox/services/ec2/network";
import {
  API_LIMITS,
  ECS_QUOTAS,
  FARGATE_VCPU_QUOTA,
  SANDBOX_LIMITS,
  SCHEDULER_STEP,
  SERVICE_EVENTS_KEPT,
} from "@/lib/sandbox/engine/quotas";
import { AWSVPC, EC2_TD, EngineDriver, fargateTd, T0 } from "./support/engine";import { SECRETS_SANDBOX_ERRORS, SECRETS_SANDBOX_LIMITS } from "@/lib/sandbox/services/secrets/quotas";


/*
 * Every quota one past its limit (refused with AWS's exception and text) and at its limit (accepted). Where a limit
 * is in the thousands, the sandbox is filled by copying one resource made through the API into the stored state:
 * the checks count what is stored, and thousands of API calls would only make the test slow.
 */

const DOJO = "This is a limit of the sandbox, not of Amazon ECS.";
const failure = (error: EcsError) => [error.type, error.message];

function dojo(): EngineDriver {
  const sandbox = new EngineDriver();
  sandbox.call("CreateCluster", { clusterName: "dojo" });
  return sandbox;
}

/** `count` copies of the record stored under `key`, each renamed by `rename` (which returns its key). */
function copies<T>(records: Record<string, T>, key: string, count: number, rename: (copy: T, i: number) => string): Record<string, T> {
  const added: Record<string, T> = {};
  for (let i = 0; i < count; i++) {
    const copy = structuredClone(records[key]);
    added[rename(copy, i)] = copy;
  }
  return { ...records, ...added };
}

function store(sandbox: EngineDriver, change: Partial<SandboxState>): void {
  sandbox.state = { ...sandbox.state, ...change };
}

const fargateService = (name: string, desiredCount: number, extra: object = {}) => ({
  cluster: "dojo",
  serviceName: name,
  taskDefinition: "web",
  desiredCount,
  launchType: "FARGATE",
  networkConfiguration: AWSVPC,
  ...extra,
});

describe("AWS's quotas", () => {
  test(`tasks per service: a desiredCount of ${ECS_QUOTAS.tasksPerService} is accepted, one more is "Desired count exceeds limit."`, () => {
    const sandbox = dojo();
    sandbox.call("RegisterTaskDefinition", fargateTd("web", "ecs-dojo/web:1"));
    expect(failure(sandbox.error("CreateService", fargateService("web", ECS_QUOTAS.tasksPerService + 1)))).toEqual([
      "InvalidParameterException",
      "Desired count exceeds limit.",
    ]);
    expect(sandbox.call("CreateService", fargateService("web", ECS_QUOTAS.tasksPerService)).service.desiredCount).toBe(5_000);
    const update = { cluster: "dojo", service: "web" };
    expect(failure(sandbox.error("UpdateService", { ...update, desiredCount: ECS_QUOTAS.tasksPerService + 1 }))).toEqual([
      "InvalidParameterException",
      "Desired count exceeds limit.",
    ]);
    expect(sandbox.call("UpdateService", { ...update, desiredCount: 0 }).service.desiredCount).toBe(0);
  });

  test(`services per cluster: the ${ECS_QUOTAS.servicesPerCluster}th service is created, the next one is refused`, () => {
    const sandbox = dojo();
    sandbox.call("RegisterTaskDefinition", fargateTd("web", "ecs-dojo/web:1"));
    sandbox.call("CreateService", fargateService("s0", 0));
    store(sandbox, {
      services: copies(sandbox.state.services, "dojo/s0", ECS_QUOTAS.servicesPerCluster - 2, (copy, i) => {
        copy.service.serviceName = `s${i + 1}`;
        copy.service.serviceArn = copy.service.serviceArn!.replace(/s0$/, `s${i + 1}`);
        return `dojo/s${i + 1}`;
      }),
    });
    expect(sandbox.call("CreateService", fargateService("last", 0)).service.status).toBe("ACTIVE");
    expect(failure(sandbox.error("CreateService", fargateService("one-more", 0)))).toEqual([
      "InvalidParameterException",
      "Number of services in the cluster exceeds limit.",
    ]);
    // Deleting one makes room again only once it is INACTIVE (a DRAINING service still counts).
    sandbox.call("DeleteService", { cluster: "dojo", service: "last" });
    sandbox.advance(5);
    expect(sandbox.call("CreateService", fargateService("one-more", 0)).service.status).toBe("ACTIVE");
  });

  test(`clusters per account: the ${ECS_QUOTAS.clustersPerAccount}th cluster is created, the next one is refused`, () => {
    const sandbox = dojo();
    store(sandbox, {
      clusters: copies(sandbox.state.clusters, "dojo", ECS_QUOTAS.clustersPerAccount - 2, (copy, i) => {
        copy.clusterName = `c${i}`;
        copy.clusterArn = copy.clusterArn!.replace(/dojo$/, `c${i}`);
        return `c${i}`;
      }),
    });
    expect(sandbox.call("CreateCluster", { clusterName: "last" }).cluster.status).toBe("ACTIVE");
    expect(failure(sandbox.error("CreateCluster", { clusterName: "one-more" }))).toEqual(["InvalidParameterException", "Number of clusters exceeds limit."]);
    // Creating a cluster that exists answers with it, full or not.
    expect(sandbox.call("CreateCluster", { clusterName: "last" }).cluster.clusterName).toBe("last");
  });

  test(`container instances per cluster: the ${ECS_QUOTAS.containerInstancesPerCluster}th registers, the next one is refused`, () => {
    const sandbox = dojo();
    const [first] = sandbox.addInstances("t3.medium", 1);
    const firstId = first.containerInstanceArn.split("/").pop();
    store(sandbox, {
      containerInstances: copies(sandbox.state.containerInstances, firstId, ECS_QUOTAS.containerInstancesPerCluster - 2, (copy, i) => {
        const id = i.toString(16).padStart(32, "0");
        copy.instance.containerInstanceArn = copy.instance.containerInstanceArn!.replace(firstId, id);
        return id;
      }),
    });
    expect(sandbox.call("RegisterContainerInstance", { cluster: "dojo" }).containerInstance.status).toBe("ACTIVE");
    const refused = ["InvalidParameterException", "Number of container instances in the cluster exceeds limit."];
    expect(failure(sandbox.error("RegisterContainerInstance", { cluster: "dojo" }))).toEqual(refused);
    expect(failure(sandbox.sandboxError("AddContainerInstances", { cluster: "dojo", instanceType: "t3.medium" }))).toEqual(refused);
    // Deregistered instances do not count.
    sandbox.call("DeregisterContainerInstance", { cluster: "dojo", containerInstance: firstId });
    expect(sandbox.call("RegisterContainerInstance", { cluster: "dojo" }).containerInstance.status).toBe("ACTIVE");
  });

  test(`RunTask starts at most ${ECS_QUOTAS.tasksPerRunTask} tasks, StartTask on at most ${ECS_QUOTAS.containerInstancesPerStartTask} instances`, () => {
    const sandbox = dojo();
    const instances = sandbox.addInstances("t3.2xlarge", ECS_QUOTAS.containerInstancesPerStartTask + 1);
    sandbox.call("RegisterTaskDefinition", EC2_TD);
    expect(failure(sandbox.error("RunTask", { cluster: "dojo", taskDefinition: "api", count: 11 }))).toEqual([
      "InvalidParameterException",
      "count must be between 1 and 10.",
    ]);
    expect(sandbox.call("RunTask", { cluster: "dojo", taskDefinition: "api", count: 10 }).tasks).toHaveLength(10);
    const ids = instances.map((i: { containerInstanceArn: string }) => i.containerInstanceArn.split("/").pop());
    expect(failure(sandbox.error("StartTask", { cluster: "dojo", taskDefinition: "api", containerInstances: ids }))).toEqual([
      "InvalidParameterException",
      "A maximum of 10 container instances can be specified.",
    ]);
    expect(sandbox.call("StartTask", { cluster: "dojo", taskDefinition: "api", containerInstances: ids.slice(1) }).tasks).toHaveLength(10);
  });

  test(`capacity providers: at most ${ECS_QUOTAS.capacityProvidersPerCluster} per cluster and ${API_LIMITS.capacityProvidersPerStrategy} per strategy`, () => {
    const sandbox = new EngineDriver();
    const providers = (n: number) => Array.from({ length: n }, (_, i) => (i % 2 === 0 ? "FARGATE" : "FARGATE_SPOT"));
    expect(failure(sandbox.error("CreateCluster", { clusterName: "dojo", capacityProviders: providers(21) }))).toEqual([
      "InvalidParameterException",
      "A cluster can have at most 20 capacity providers.",
    ]);
    sandbox.call("CreateCluster", { clusterName: "dojo", capacityProviders: providers(20) });
    const strategy = (n: number) => providers(n).map((capacityProvider) => ({ capacityProvider, weight: 1 }));
    const put = { cluster: "dojo", capacityProviders: ["FARGATE", "FARGATE_SPOT"] };
    expect(failure(sandbox.error("PutClusterCapacityProviders", { ...put, defaultCapacityProviderStrategy: strategy(21) }))).toEqual([
      "InvalidParameterException",
      "A capacity provider strategy can contain a maximum of 20 capacity providers.",
    ]);
    expect(sandbox.call("PutClusterCapacityProviders", { ...put, defaultCapacityProviderStrategy: strategy(20) }).cluster.defaultCapacityProviderStrategy).toHaveLength(20);
  });

  test(`tags: ${ECS_QUOTAS.tagsPerResource} per resource`, () => {
    const sandbox = new EngineDriver();
    const tags = (n: number) => Array.from({ length: n }, (_, i) => ({ key: `k${i}`, value: "v" }));
    expect(failure(sandbox.error("CreateCluster", { clusterName: "dojo", tags: tags(51) }))).toEqual(["InvalidParameterException", "A resource can have at most 50 tags."]);
    const arn = sandbox.call("CreateCluster", { clusterName: "dojo", tags: tags(50) }).cluster.clusterArn;
    expect(failure(sandbox.error("TagResource", { resourceArn: arn, tags: [{ key: "one-more", value: "v" }] }))).toEqual([
      "InvalidParameterException",
      "A resource can have at most 50 tags.",
    ]);
  });

  test(`RunTask overrides: ${API_LIMITS.overridesCharacters} characters of JSON`, () => {
    const sandbox = dojo();
    sandbox.call("RegisterTaskDefinition", fargateTd("web", "ecs-dojo/web:1"));
    const overrides = (length: number) => {
      const shell = { containerOverrides: [{ name: "app", command: [""] }] };
      return { containerOverrides: [{ name: "app", command: ["x".repeat(length - JSON.stringify(shell).length)] }] };
    };
    const run = (length: number) => ({ cluster: "dojo", taskDefinition: "web", launchType: "FARGATE", networkConfiguration: AWSVPC, overrides: overrides(length) });
    expect(failure(sandbox.error("RunTask", run(8193)))).toEqual(["InvalidParameterException", "A total of 8192 characters are allowed for overrides."]);
    expect(sandbox.call("RunTask", run(8192)).tasks).toHaveLength(1);
  });

  test(`task definition size: ${ECS_QUOTAS.taskDefinitionBytes / 1024} KiB`, () => {
    const sandbox = new EngineDriver();
    const definition = (bytes: number) => {
      const shell = fargateTd("big", "ecs-dojo/web:1", {}, { environment: [{ name: "PAD", value: "" }] });
      return fargateTd("big", "ecs-dojo/web:1", {}, { environment: [{ name: "PAD", value: "x".repeat(bytes - JSON.stringify(shell).length) }] });
    };
    expect(failure(sandbox.error("RegisterTaskDefinition", definition(65_537)))).toEqual(["LimitExceededException", "Task definition size exceeds the limit of 64 KiB."]);
    expect(sandbox.call("RegisterTaskDefinition", definition(65_536)).taskDefinition.revision).toBe(1);
  });

  test(`a service has at most ${ECS_QUOTAS.targetGroupsPerService} target groups and ${API_LIMITS.serviceRegistries} service registry`, () => {
    const sandbox = dojo();
    sandbox.call("RegisterTaskDefinition", fargateTd("web", "ecs-dojo/web:1", {}, { portMappings: [{ containerPort: 80 }] }));
    // ECS checks each target group: five ip groups an ALB forwards to (weighted, one action).
    const net = sandboxNetwork(sandbox.state);
    const arns = Array.from({ length: 6 }, (_, i) =>
      sandbox.elb("CreateTargetGroup", { Name: `tg${i}`, Protocol: "HTTP", Port: 80, VpcId: net.vpcId, TargetType: "ip" }).TargetGroups[0].TargetGroupArn as string,
    );
    const alb = sandbox.elb("CreateLoadBalancer", { Name: "alb", Subnets: net.publicSubnetIds }).LoadBalancers[0].LoadBalancerArn;
    const forward = { Type: "forward", ForwardConfig: { TargetGroups: arns.slice(0, 5).map((TargetGroupArn) => ({ TargetGroupArn })) } };
    sandbox.elb("CreateListener", { LoadBalancerArn: alb, Protocol: "HTTP", Port: 80, DefaultActions: [forward] });
    const targetGroup = (i: number) => ({ targetGroupArn: arns[i], containerName: "app", containerPort: 80 });
    const loadBalancers = (n: number) => Array.from({ length: n }, (_, i) => targetGroup(i));
    expect(failure(sandbox.error("CreateService", fargateService("web", 0, { loadBalancers: loadBalancers(6) })))).toEqual([
      "InvalidParameterException",
      "A service can have at most 5 target groups.",
    ]);
    const registry = { registryArn: "arn:aws:servicediscovery:ap-northeast-1:123456789012:service/srv-0123456789abcdef" };
    expect(failure(sandbox.error("CreateService", fargateService("web", 0, { serviceRegistries: [registry, registry] })))).toEqual([
      "InvalidParameterException",
      "A service can be associated with at most one service registry.",
    ]);
    const created = sandbox.call("CreateService", fargateService("web", 0, { loadBalancers: loadBalancers(5), serviceRegistries: [registry] })).service;
    expect([created.loadBalancers.length, created.serviceRegistries.length]).toEqual([5, 1]);
  });

  test(`RegisterContainerInstance takes at most ${API_LIMITS.customAttributes} custom attributes`, () => {
    const sandbox = dojo();
    const attributes = (n: number) => Array.from({ length: n }, (_, i) => ({ name: `custom.a${i}`, value: "v" }));
    expect(failure(sandbox.error("RegisterContainerInstance", { cluster: "dojo", attributes: attributes(11) }))).toEqual([
      "AttributeLimitExceededException",
      "You can apply up to 10 custom attributes for each resource.",
    ]);
    expect(sandbox.call("RegisterContainerInstance", { cluster: "dojo", attributes: attributes(10) }).containerInstance.status).toBe("ACTIVE");
  });

  test(`DescribeClusters describes at most ${API_LIMITS.describeClusters} clusters`, () => {
    const sandbox = dojo();
    expect(failure(sandbox.error("DescribeClusters", { clusters: Array(101).fill("dojo") }))).toEqual([
      "InvalidParameterException",
      "A maximum of 100 clusters can be described at once.",
    ]);
    expect(sandbox.call("DescribeClusters", { clusters: Array(100).fill("dojo") }).clusters).toHaveLength(100);
  });
});

describe(`the Fargate vCPU quota of a new account (${FARGATE_VCPU_QUOTA.FARGATE / 1024} vCPUs)`, () => {
  const QUARTERS = FARGATE_VCPU_QUOTA.FARGATE / 256;
  const VCPU_REASON = "You’ve reached the limit on the number of vCPUs you can run concurrently";
  const runTask = (sandbox: EngineDriver, count: number, choice: object = { launchType: "FARGATE" }) =>
    sandbox.call("RunTask", { cluster: "dojo", taskDefinition: "web", networkConfiguration: AWSVPC, count, ...choice });

  /** `count` quarter-vCPU tasks, ten per RunTask; their ARNs. */
  function runQuarters(sandbox: EngineDriver, count: number): string[] {
    const arns: string[] = [];
    for (let left = count; left > 0; left -= 10) arns.push(...runTask(sandbox, Math.min(10, left)).tasks.map((t: { taskArn: string }) => t.taskArn));
    return arns;
  }

  test("RunTask starts what fits; each task beyond it comes back as a failure with AWS's reason", () => {
    const sandbox = dojo();
    sandbox.call("RegisterTaskDefinition", fargateTd("web", "ecs-dojo/web:1"));
    expect(runQuarters(sandbox, QUARTERS - 1)).toHaveLength(QUARTERS - 1);
    const over = runTask(sandbox, 3);
    expect([over.tasks.length, over.failures]).toEqual([1, [{ reason: VCPU_REASON }, { reason: VCPU_REASON }]]);
  });

  test("a stopped task gives its vCPUs back once it is STOPPED", () => {
    const sandbox = dojo();
    sandbox.call("RegisterTaskDefinition", fargateTd("web", "ecs-dojo/web:1"));
    const arns = runQuarters(sandbox, QUARTERS);
    expect(arns).toHaveLength(QUARTERS);
    expect(runTask(sandbox, 1).failures).toEqual([{ reason: VCPU_REASON }]);
    sandbox.call("StopTask", { cluster: "dojo", task: arns[0] });
    expect(runTask(sandbox, 1).failures).toHaveLength(1);
    sandbox.advance(60);
    expect(runTask(sandbox, 1).tasks).toHaveLength(1);
  });

  test("a task larger than the whole quota: RunTask's reason and the service event", () => {
    const sandbox = dojo();
    sandbox.call("RegisterTaskDefinition", fargateTd("web", "ecs-dojo/web:1", { cpu: "8192", memory: "16384" }));
    expect(runTask(sandbox, 1).failures).toEqual([{ reason: "The requested CPU configuration is above your limit" }]);
    sandbox.call("CreateService", fargateService("web", 1));
    expect(sandbox.events("web")).toEqual(["(service web) was unable to place a task. Reason: The requested CPU configuration is above your limit."]);
  });

  test("a service runs what fits and says why the rest does not, once", () => {
    const sandbox = dojo();
    sandbox.call("RegisterTaskDefinition", fargateTd("web", "ecs-dojo/web:1"));
    sandbox.call("CreateService", fargateService("web", QUARTERS + 6));
    sandbox.advance(300);
    expect(sandbox.service("web")).toMatchObject({ runningCount: QUARTERS, pendingCount: 0 });
    expect(sandbox.events("web").filter((m) => m.includes("was unable to place a task"))).toEqual([
      `(service web) was unable to place a task. Reason: ${VCPU_REASON}`,
    ]);
    // Scaled down to what fits, it reaches a steady state.
    sandbox.call("UpdateService", { cluster: "dojo", service: "web", desiredCount: QUARTERS });
    sandbox.advance(600);
    expect(sandbox.events("web").at(-1)).toBe("(service web) has reached a steady state.");
  });

  test("Fargate Spot has a quota of its own", () => {
    const sandbox = new EngineDriver();
    sandbox.call("CreateCluster", { clusterName: "dojo", capacityProviders: ["FARGATE", "FARGATE_SPOT"] });
    sandbox.call("RegisterTaskDefinition", fargateTd("web", "ecs-dojo/web:1"));
    const spot = { capacityProviderStrategy: [{ capacityProvider: "FARGATE_SPOT", weight: 1 }] };
    for (let i = 0; i < QUARTERS / 4; i++) expect(runTask(sandbox, 4).tasks).toHaveLength(4);
    for (let i = 0; i < FARGATE_VCPU_QUOTA.FARGATE_SPOT / 1024; i++) expect(runTask(sandbox, 4, spot).tasks).toHaveLength(4);
    expect(runTask(sandbox, 1).failures).toHaveLength(1);
    expect(runTask(sandbox, 1, spot).failures).toHaveLength(1);
  });
});

describe("the scheduler starts and stops a service's tasks a step at a time", () => {
  /** One t3.2xlarge holds 249 tasks of 128 MiB: room for every test here. */
  function ec2Service(desiredCount: number) {
    const sandbox = dojo();
    sandbox.addInstances("t3.2xlarge", 1);
    sandbox.call("RegisterTaskDefinition", { family: "api", containerDefinitions: [{ name: "api", image: "ecs-dojo/web:1", cpu: 16, memory: 128 }] });
    sandbox.call("CreateService", { cluster: "dojo", serviceName: "api", taskDefinition: "api", desiredCount, launchType: "EC2" });
    return sandbox;
  }
  /** How many tasks each "has started N tasks" (or "has stopped N running tasks") event names, oldest first. */
  const counted = (messages: string[], verb: "started" | "stopped") =>
    messages.flatMap((m) => {
      const match = new RegExp(`^\\(service api\\) has ${verb} (\\d+) `).exec(m);
      return match ? [Number(match[1])] : [];
    });

  test(`${SCHEDULER_STEP.batch} tasks per step, a step every ${SCHEDULER_STEP.stepMs / 1000} s (500 a minute)`, () => {
    const sandbox = ec2Service(120);
    expect(counted(sandbox.events("api"), "started")).toEqual([50]);
    sandbox.advance(SCHEDULER_STEP.stepMs / 1000 - 1);
    expect(counted(sandbox.events("api"), "started")).toEqual([50]);
    sandbox.advance(2 * (SCHEDULER_STEP.stepMs / 1000));
    expect(counted(sandbox.events("api"), "started")).toEqual([50, 50, 20]);
    sandbox.advance(300);
    expect(sandbox.service("api")).toMatchObject({ runningCount: 120, pendingCount: 0 });
    sandbox.call("UpdateService", { cluster: "dojo", service: "api", desiredCount: 0 });
    sandbox.advance(400);
    expect(counted(sandbox.events("api"), "stopped")).toEqual([50, 50, 20]);
    expect(sandbox.service("api")).toMatchObject({ runningCount: 0, pendingCount: 0 });
  });

  test(`all services together start at most ${SANDBOX_LIMITS.launchesPerStep} tasks in one step`, () => {
    const sandbox = dojo();
    sandbox.addInstances("t3.2xlarge", 1);
    sandbox.call("RegisterTaskDefinition", { family: "api", containerDefinitions: [{ name: "api", image: "ecs-dojo/web:1", cpu: 16, memory: 128 }] });
    const service = (serviceName: string) => ({ cluster: "dojo", serviceName, taskDefinition: "api", desiredCount: 40, launchType: "EC2" });
    const scenario = { clusters: [{ name: "dojo" }], services: [service("a"), service("b")] };
    sandbox.sandbox("ApplyScenario", scenario);
    const started = sandbox.serviceTasks("a").length + sandbox.serviceTasks("b").length;
    expect(started).toBe(SANDBOX_LIMITS.launchesPerStep);
    sandbox.advance(SCHEDULER_STEP.stepMs / 1000);
    expect(sandbox.serviceTasks("a").length + sandbox.serviceTasks("b").length).toBe(80);
  });
});

describe("ECS Dojo's own bounds, which say they are the sandbox's", () => {
  /** A cluster with one instance, the EC2 definition "api", and one RUNNING task of it. */
  function withRunningTask() {
    const sandbox = dojo();
    sandbox.addInstances("t3.2xlarge", 1);
    sandbox.call("RegisterTaskDefinition", EC2_TD);
    const taskId = sandbox.call("RunTask", { cluster: "dojo", taskDefinition: "api" }).tasks[0].taskArn.split("/").pop();
    sandbox.advance(60);
    return { sandbox, taskId };
  }
  /** Fills the sandbox up to `total` stored tasks with copies of the task; `stopped` of them STOPPED, due to be forgotten. */
  function fill(sandbox: EngineDriver, taskId: string, total: number, stopped = 0): string[] {
    const ids: string[] = [];
    store(sandbox, {
      tasks: copies(sandbox.state.tasks, taskId, total - 1, (copy, i) => {
        const id = i.toString(16).padStart(32, "0");
        copy.taskArn = copy.taskArn!.replace(taskId, id);
        if (i < stopped) Object.assign(copy, { lastStatus: "STOPPED", desiredStatus: "STOPPED" });
        ids.push(id);
        return id;
      }),
    });
    const expiries = ids.slice(0, stopped).map((id, i) => ({ atMs: T0 + 3_600_000 + i, id, step: "expired" as const }));
    store(sandbox, { timers: [...sandbox.state.timers, ...expiries].sort((a, b) => a.atMs - b.atMs) });
    return ids;
  }

  test(`a sandbox full of live tasks (${SANDBOX_LIMITS.tasks}) refuses new ones, RunTask and services alike`, () => {
    const { sandbox, taskId } = withRunningTask();
    fill(sandbox, taskId, SANDBOX_LIMITS.tasks);
    expect(failure(sandbox.error("RunTask", { cluster: "dojo", taskDefinition: "api" }))).toEqual([
      "LimitExceededException",
      `This ECS Dojo sandbox holds at most 6000 tasks, and all of them are still running or stopping. ${DOJO}`,
    ]);
    sandbox.call("CreateService", { cluster: "dojo", serviceName: "api", taskDefinition: "api", desiredCount: 1, launchType: "EC2" });
    expect(sandbox.events("api")).toEqual([
      "(service api) was unable to place a task. Reason: This ECS Dojo sandbox holds at most 6000 tasks, and all of them are still running or stopping.",
    ]);
  });

  test("a full sandbox forgets its oldest STOPPED tasks first, before their hour is up", () => {
    const { sandbox, taskId } = withRunningTask();
    const ids = fill(sandbox, taskId, SANDBOX_LIMITS.tasks, 12);
    expect(sandbox.call("RunTask", { cluster: "dojo", taskDefinition: "api", count: 10 }).tasks).toHaveLength(10);
    expect(Object.keys(sandbox.state.tasks)).toHaveLength(SANDBOX_LIMITS.tasks);
    expect(ids.slice(0, 12).map((id) => id in sandbox.state.tasks)).toEqual([...Array(10).fill(false), true, true]);
  });

  test(`task definition revisions: ${SANDBOX_LIMITS.taskDefinitionRevisions} in all`, () => {
    const sandbox = new EngineDriver();
    sandbox.call("RegisterTaskDefinition", EC2_TD);
    const family = sandbox.state.taskDefinitions.api;
    const revisions = Array.from({ length: SANDBOX_LIMITS.taskDefinitionRevisions - 2 }, () => structuredClone(family.revisions[0]));
    store(sandbox, { taskDefinitions: { api: { revisions: [...family.revisions, ...revisions] } } });
    expect(sandbox.call("RegisterTaskDefinition", { ...EC2_TD, family: "other" }).taskDefinition.revision).toBe(1);
    expect(failure(sandbox.error("RegisterTaskDefinition", EC2_TD))).toEqual([
      "LimitExceededException",
      `This ECS Dojo sandbox holds at most 1000 task definition revisions. ${DOJO}`,
    ]);
  });

  test(`services: ${SANDBOX_LIMITS.services} in all clusters together`, () => {
    const sandbox = dojo();
    sandbox.call("CreateCluster", { clusterName: "other" });
    sandbox.call("RegisterTaskDefinition", fargateTd("web", "ecs-dojo/web:1"));
    sandbox.call("CreateService", fargateService("s0", 0));
    store(sandbox, {
      services: copies(sandbox.state.services, "dojo/s0", SANDBOX_LIMITS.services - 2, (copy, i) => {
        copy.service.serviceName = `s${i + 1}`;
        return `dojo/s${i + 1}`;
      }),
    });
    sandbox.call("CreateService", { ...fargateService("last", 0), cluster: "other" });
    expect(failure(sandbox.error("CreateService", { ...fargateService("one-more", 0), cluster: "other" }))).toEqual([
      "LimitExceededException",
      `This ECS Dojo sandbox holds at most 5000 services. ${DOJO}`,
    ]);
  });

  test(`registered container instances: ${SANDBOX_LIMITS.containerInstances} in all clusters together`, () => {
    const sandbox = dojo();
    sandbox.call("CreateCluster", { clusterName: "other" });
    const [first] = sandbox.addInstances("t3.medium", 1);
    const firstId = first.containerInstanceArn.split("/").pop();
    store(sandbox, {
      containerInstances: copies(sandbox.state.containerInstances, firstId, SANDBOX_LIMITS.containerInstances - 2, (_, i) => i.toString(16).padStart(32, "0")),
    });
    sandbox.call("RegisterContainerInstance", { cluster: "other" });
    expect(failure(sandbox.error("RegisterContainerInstance", { cluster: "other" }))).toEqual([
      "LimitExceededException",
      `This ECS Dojo sandbox holds at most 5000 registered container instances. ${DOJO}`,
    ]);
  });

  test(`deleted clusters, INACTIVE services and deregistered instances: the newest ${SANDBOX_LIMITS.inactiveKept} of each stay describable`, () => {
    const sandbox = new EngineDriver();
    sandbox.call("RegisterTaskDefinition", fargateTd("web", "ecs-dojo/web:1"));
    const kept = SANDBOX_LIMITS.inactiveKept;
    for (let i = 0; i <= kept; i++) {
      sandbox.call("CreateCluster", { clusterName: `c${i}` });
      sandbox.call("DeleteCluster", { cluster: `c${i}` });
    }
    const described = sandbox.call("DescribeClusters", { clusters: ["c0", "c1", `c${kept}`] });
    expect([described.clusters.map((c: { clusterName: string }) => c.clusterName), described.failures.map((f: { reason: string }) => f.reason)]).toEqual([
      ["c1", `c${kept}`],
      ["MISSING"],
    ]);

    sandbox.call("CreateCluster", { clusterName: "dojo" });
    for (let i = 0; i <= kept; i++) {
      sandbox.call("CreateService", fargateService(`s${i}`, 0));
      sandbox.call("DeleteService", { cluster: "dojo", service: `s${i}` });
    }
    sandbox.advance(5);
    expect(sandbox.call("DescribeServices", { cluster: "dojo", services: ["s0", "s1"] }).failures).toEqual([
      { arn: "arn:aws:ecs:ap-northeast-1:123456789012:service/dojo/s0", reason: "MISSING" },
    ]);

    const instances = sandbox.addInstances("t3.micro", 50).concat(sandbox.addInstances("t3.micro", 50), sandbox.addInstances("t3.micro", 1));
    for (const instance of instances) sandbox.call("DeregisterContainerInstance", { cluster: "dojo", containerInstance: instance.containerInstanceArn });
    const arns = [instances[0], instances[1]].map((i: { containerInstanceArn: string }) => i.containerInstanceArn);
    expect(sandbox.call("DescribeContainerInstances", { cluster: "dojo", containerInstances: arns }).failures).toEqual([{ arn: arns[0], reason: "MISSING" }]);
  });

  test(`a service remembers its newest ${SANDBOX_LIMITS.serviceDeploymentsKept} deployments`, () => {
    const sandbox = dojo();
    sandbox.call("RegisterTaskDefinition", fargateTd("web", "ecs-dojo/web:1"));
    sandbox.call("CreateService", fargateService("web", 0));
    for (let i = 0; i < SANDBOX_LIMITS.serviceDeploymentsKept; i++) {
      sandbox.call("UpdateService", { cluster: "dojo", service: "web", forceNewDeployment: true });
    }
    expect(sandbox.state.services["dojo/web"].history).toHaveLength(SANDBOX_LIMITS.serviceDeploymentsKept);
  });

  test(`a service keeps its ${SERVICE_EVENTS_KEPT} newest events`, () => {
    const sandbox = dojo();
    sandbox.call("RegisterTaskDefinition", fargateTd("crash", "ecs-dojo/crash:1"));
    sandbox.call("CreateService", { ...fargateService("crash", 1), taskDefinition: "crash" });
    sandbox.stepTo(6 * 3600, 3600);
    expect(sandbox.service("crash").events).toHaveLength(SERVICE_EVENTS_KEPT);
  });

  test(`scenarios add secrets through Secrets Manager, within its sandbox bound of ${SECRETS_SANDBOX_LIMITS.secrets}`, () => {
    const sandbox = new EngineDriver();
    const names = (n: number) => Array.from({ length: n }, (_, i) => `secret-${i}`);
    expect(failure(sandbox.sandboxError("ApplyScenario", { secrets: names(SECRETS_SANDBOX_LIMITS.secrets + 1) }))).toEqual([
      "LimitExceededException",
      SECRETS_SANDBOX_ERRORS.secrets().message,
    ]);
    expect(sandbox.sandbox("ApplyScenario", { secrets: names(SECRETS_SANDBOX_LIMITS.secrets) }).secrets).toHaveLength(SECRETS_SANDBOX_LIMITS.secrets);
  });

  test(`a request that changes the sandbox is at most ${SANDBOX_LIMITS.requestCharacters} characters of JSON`, () => {
    const sandbox = new EngineDriver();
    // Members ECS does not know are ignored, as AWS's deserializer ignores them; they still count toward the size.
    const request = (length: number) => ({ clusterName: "dojo", padding: "x".repeat(length - JSON.stringify({ clusterName: "dojo", padding: "" }).length) });
    expect(failure(sandbox.error("CreateCluster", request(SANDBOX_LIMITS.requestCharacters + 1)))).toEqual([
      "LimitExceededException",
      `This ECS Dojo sandbox accepts requests of at most 131072 characters of JSON. ${DOJO}`,
    ]);
    expect(sandbox.call("CreateCluster", request(SANDBOX_LIMITS.requestCharacters)).cluster.clusterName).toBe("dojo");
  });

  test("one call simulates a bounded amount: a busy sandbox falls behind and catches up in later calls", () => {
    const sandbox = dojo();
    sandbox.call("RegisterTaskDefinition", fargateTd("crash", "ecs-dojo/crash:1"));
    sandbox.call("CreateService", { ...fargateService("crash", 24), taskDefinition: "crash" });
    sandbox.advance(86_400);
    const reached = sandbox.state.clock.simMs;
    expect(reached).toBeGreaterThan(T0);
    expect(reached).toBeLessThan(T0 + 86_400_000);
    sandbox.advance(86_400);
    expect(sandbox.state.clock.simMs).toBeGreaterThan(reached);
  });
});
