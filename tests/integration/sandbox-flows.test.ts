/**
 * The seed's CLI flow, unchanged except for the endpoint, with the preinstalled AWS CLI against the real app:
 * create a cluster, register a task definition from a file, run a Fargate service, roll it to a new revision and
 * force a new deployment, wait for it to be stable, look at and stop its tasks, delete the service and the cluster.
 * The app's clock barely moves by itself; the test moves it (a background loop while the waiter polls).
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { awsEcs, requireAwsCli, type CliResult } from "./support/aws-cli";
import { startEndpoint, type SandboxEndpoint } from "./support/endpoint";

const REGION = "ap-northeast-1";
const NETWORK = "awsvpcConfiguration={subnets=[subnet-0a1b2c3d,subnet-0e1f2a3b],securityGroups=[sg-0a1b2c3d]}";

const taskDefinition = (tag: string) => ({
  family: "sample-fargate",
  networkMode: "awsvpc",
  requiresCompatibilities: ["FARGATE"],
  cpu: "256",
  memory: "512",
  containerDefinitions: [
    { name: "web", image: `ecs-dojo/web:${tag}`, essential: true, portMappings: [{ containerPort: 80, protocol: "tcp" }] },
  ],
});

let endpoint: SandboxEndpoint;
let workDir: string;

/** `aws ecs …` as a learner runs it, with nothing from the machine's own AWS configuration. */
async function aws(...args: string[]): Promise<CliResult> {
  return awsEcs(args, { endpointUrl: endpoint.url, ...endpoint.credentials(), region: REGION, workDir });
}

async function ok(...args: string[]): Promise<CliResult> {
  const result = await aws(...args);
  expect(result.code, `aws ecs ${args.join(" ")}\n${result.stderr}`).toBe(0);
  return result;
}

const describeService = async () => (await ok("describe-services", "--cluster", "fargate-cluster", "--services", "sample-service")).json.services[0];

beforeAll(async () => {
  await requireAwsCli();
  workDir = await mkdtemp(path.join(tmpdir(), "dojo-sandbox-flows-"));
  await writeFile(path.join(workDir, "task-definition.json"), JSON.stringify(taskDefinition("1")));
  await writeFile(path.join(workDir, "task-definition-2.json"), JSON.stringify(taskDefinition("2")));
  endpoint = await startEndpoint({ learners: ["learner"] });
});

afterAll(async () => {
  await endpoint?.stop();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

describe("the seed's Fargate service flow with the AWS CLI", () => {
  let firstDeployment: string;
  let taskArns: string[];

  test("create-cluster and register-task-definition --cli-input-json file://", async () => {
    const cluster = await ok("create-cluster", "--cluster-name", "fargate-cluster");
    expect(cluster.json.cluster).toMatchObject({ clusterName: "fargate-cluster", status: "ACTIVE" });
    const registered = await ok("register-task-definition", "--cli-input-json", `file://${path.join(workDir, "task-definition.json")}`);
    expect(registered.json.taskDefinition).toMatchObject({ family: "sample-fargate", revision: 1, status: "ACTIVE" });
  });

  test("create-service on Fargate with the network configuration shorthand", async () => {
    const created = await ok(
      "create-service",
      "--cluster", "fargate-cluster",
      "--service-name", "sample-service",
      "--task-definition", "sample-fargate:1",
      "--desired-count", "2",
      "--launch-type", "FARGATE",
      "--network-configuration", NETWORK,
    );
    const service = created.json.service;
    expect(service).toMatchObject({ serviceName: "sample-service", status: "ACTIVE", desiredCount: 2, launchType: "FARGATE" });
    expect(service.networkConfiguration.awsvpcConfiguration).toEqual({
      subnets: ["subnet-0a1b2c3d", "subnet-0e1f2a3b"],
      securityGroups: ["sg-0a1b2c3d"],
      assignPublicIp: "DISABLED",
    });
    firstDeployment = service.deployments[0].id;
    expect(firstDeployment).toMatch(/^ecs-svc\/\d{19}$/);

    await endpoint.advanceClock(120);
    const steady = await describeService();
    expect(steady).toMatchObject({ runningCount: 2, pendingCount: 0 });
    expect(steady.deployments).toHaveLength(1);
    expect(steady.deployments[0]).toMatchObject({ rolloutState: "COMPLETED", rolloutStateReason: `ECS deployment ${firstDeployment} completed.` });
    expect(steady.events[0].message).toBe("(service sample-service) has reached a steady state.");
    // Timestamps travel as epoch seconds (CLI v1 prints them as they came); events are newest first.
    expect(steady.events[0].createdAt).toBeGreaterThan(steady.createdAt);
  });

  test("update-service to a new revision starts a new PRIMARY deployment", async () => {
    const registered = await ok("register-task-definition", "--cli-input-json", `file://${path.join(workDir, "task-definition-2.json")}`);
    expect(registered.json.taskDefinition.revision).toBe(2);
    const updated = await ok("update-service", "--cluster", "fargate-cluster", "--service", "sample-service", "--task-definition", "sample-fargate:2");
    const deployments = updated.json.service.deployments;
    expect(deployments.map((d: { status: string }) => d.status)).toEqual(["PRIMARY", "ACTIVE"]);
    expect(deployments[0].taskDefinition).toMatch(/task-definition\/sample-fargate:2$/);
    expect(deployments[1].id).toBe(firstDeployment);
  });

  test("aws ecs wait services-stable returns once the rollout is done (the clock moves while it polls)", async () => {
    let waiting = true;
    const mover = (async () => {
      while (waiting) {
        await endpoint.advanceClock(20);
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    })();
    try {
      await ok("wait", "services-stable", "--cluster", "fargate-cluster", "--services", "sample-service");
    } finally {
      waiting = false;
      await mover;
    }
    const service = await describeService();
    expect(service.deployments).toHaveLength(1);
    expect(service.deployments[0].taskDefinition).toMatch(/sample-fargate:2$/);
    expect(service.runningCount).toBe(2);
  }, 180_000);

  test("update-service --force-new-deployment replaces the tasks with the same revision", async () => {
    const before = (await ok("list-tasks", "--cluster", "fargate-cluster", "--service-name", "sample-service")).json.taskArns;
    const forced = await ok("update-service", "--cluster", "fargate-cluster", "--service", "sample-service", "--force-new-deployment");
    const [primary, previous] = forced.json.service.deployments;
    expect(primary.taskDefinition).toBe(previous.taskDefinition);
    expect(primary.id).not.toBe(previous.id);
    await endpoint.advanceClock(300);
    const service = await describeService();
    expect(service.deployments).toEqual([expect.objectContaining({ id: primary.id, rolloutState: "COMPLETED" })]);
    const messages = service.events.map((e: { message: string }) => e.message);
    expect(messages).toContain(`(service sample-service) (deployment ${primary.id}) deployment completed.`);
    expect(messages.some((m: string) => /^\(service sample-service\) has stopped 2 running tasks: \(task [0-9a-f]{32}\) \(task [0-9a-f]{32}\)\.$/.test(m))).toBe(true);
    const after = (await ok("list-tasks", "--cluster", "fargate-cluster", "--service-name", "sample-service")).json.taskArns;
    expect(after).toHaveLength(2);
    expect(after.filter((arn: string) => before.includes(arn))).toEqual([]);
    taskArns = after;
  });

  test("describe-tasks shows the service's tasks: group, deployment, ENI in one of the service's subnets", async () => {
    const described = await ok("describe-tasks", "--cluster", "fargate-cluster", "--tasks", ...taskArns);
    expect(described.json.failures).toEqual([]);
    for (const task of described.json.tasks) {
      expect(task).toMatchObject({ lastStatus: "RUNNING", group: "service:sample-service", launchType: "FARGATE" });
      expect(task.startedBy).toMatch(/^ecs-svc\/\d{19}$/);
      const subnet = task.attachments[0].details.find((d: { name: string }) => d.name === "subnetId").value;
      expect(["subnet-0a1b2c3d", "subnet-0e1f2a3b"]).toContain(subnet);
    }
  });

  test("stop-task: the service replaces the stopped task", async () => {
    const stopped = await ok("stop-task", "--cluster", "fargate-cluster", "--task", taskArns[0]);
    expect(stopped.json.task).toMatchObject({ desiredStatus: "STOPPED", stopCode: "UserInitiated", stoppedReason: "Task stopped by user" });
    await endpoint.advanceClock(120);
    const running = (await ok("list-tasks", "--cluster", "fargate-cluster", "--service-name", "sample-service")).json.taskArns;
    expect(running).toHaveLength(2);
    expect(running).not.toContain(taskArns[0]);
    expect((await ok("list-tasks", "--cluster", "fargate-cluster", "--desired-status", "STOPPED")).json.taskArns).toContain(taskArns[0]);
  });

  test("delete-service --force, then delete-cluster once the service has drained", async () => {
    const deleted = await ok("delete-service", "--cluster", "fargate-cluster", "--service", "sample-service", "--force");
    expect(deleted.json.service.status).toBe("DRAINING");
    const early = await aws("delete-cluster", "--cluster", "fargate-cluster");
    expect(early.code).toBe(255);
    expect(early.stderr.trim()).toBe(
      "An error occurred (ClusterContainsServicesException) when calling the DeleteCluster operation: The Cluster cannot be deleted while Services are active.",
    );
    await endpoint.advanceClock(120);
    expect((await describeService()).status).toBe("INACTIVE");
    const cluster = await ok("delete-cluster", "--cluster", "fargate-cluster");
    expect(cluster.json.cluster).toMatchObject({ clusterName: "fargate-cluster", status: "INACTIVE" });
    expect((await ok("list-clusters")).json.clusterArns).toEqual([]);
  });
});
