/**
 * @aws-sdk/client-ecs (pinned) against the sandbox endpoint over real HTTP: every emulated operation,
 * AWS's error types and messages as the SDK surfaces them, and isolation between learners.
 */
import {
  CreateClusterCommand,
  DescribeClustersCommand,
  DescribeTaskDefinitionCommand,
  DescribeTasksCommand,
  ECSClient,
  ListClustersCommand,
  ListTaskDefinitionsCommand,
  ListTasksCommand,
  RegisterTaskDefinitionCommand,
  RunTaskCommand,
  StopTaskCommand,
  type RegisterTaskDefinitionCommandInput,
  type RunTaskCommandInput,
} from "@aws-sdk/client-ecs";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { failure } from "./support/aws-errors";
import { startEndpoint, type SandboxEndpoint } from "./support/endpoint";

const TASK_DEFINITION: RegisterTaskDefinitionCommandInput = {
  family: "web",
  networkMode: "awsvpc",
  requiresCompatibilities: ["FARGATE"],
  cpu: "0.5 vCPU",
  memory: "1 GB",
  containerDefinitions: [{ name: "web", image: "public.ecr.aws/nginx/nginx:1.27", portMappings: [{ containerPort: 80 }] }],
};
const RUN: RunTaskCommandInput = {
  cluster: "dojo",
  taskDefinition: "web",
  launchType: "FARGATE",
  networkConfiguration: {
    awsvpcConfiguration: { subnets: ["subnet-0a1b2c3d"], securityGroups: ["sg-0a1b2c3d"], assignPublicIp: "ENABLED" },
  },
};

let endpoint: SandboxEndpoint;

function client(learner?: string, secretAccessKey?: string): ECSClient {
  const credentials = endpoint.credentials(learner);
  return new ECSClient({
    endpoint: endpoint.url,
    region: "ap-northeast-1",
    credentials: { ...credentials, ...(secretAccessKey ? { secretAccessKey } : {}) },
    maxAttempts: 1,
  });
}

async function expectAwsError(promise: Promise<unknown>, name: string, message: string) {
  const error = await failure(promise);
  expect([error.name, error.message, error.$metadata.httpStatusCode]).toEqual([name, message, 400]);
  expect(error.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);
}

beforeAll(async () => {
  endpoint = await startEndpoint();
});

afterAll(async () => {
  await endpoint?.stop();
});

describe("@aws-sdk/client-ecs against the sandbox", () => {
  const ecs = () => client();
  let clusterArn: string;
  let taskArn: string;

  test("CreateCluster, ListClusters, DescribeClusters", async () => {
    const { cluster } = await ecs().send(new CreateClusterCommand({ clusterName: "dojo" }));
    expect(cluster).toMatchObject({ clusterName: "dojo", status: "ACTIVE", runningTasksCount: 0 });
    clusterArn = cluster!.clusterArn!;
    expect((await ecs().send(new ListClustersCommand({}))).clusterArns).toEqual([clusterArn]);
    const described = await ecs().send(new DescribeClustersCommand({ clusters: ["dojo", "nope"] }));
    expect(described.clusters?.map((c) => c.clusterArn)).toEqual([clusterArn]);
    expect(described.failures).toEqual([{ arn: clusterArn.replace("/dojo", "/nope"), reason: "MISSING" }]);
  });

  test("RegisterTaskDefinition normalises sizes; DescribeTaskDefinition, ListTaskDefinitions", async () => {
    const before = Date.now();
    const { taskDefinition } = await ecs().send(new RegisterTaskDefinitionCommand(TASK_DEFINITION));
    expect(taskDefinition).toMatchObject({ family: "web", revision: 1, status: "ACTIVE", cpu: "512", memory: "1024" });
    // Timestamps arrive as epoch seconds and the SDK turns them into Dates.
    expect(taskDefinition!.registeredAt).toBeInstanceOf(Date);
    expect(Math.abs(taskDefinition!.registeredAt!.getTime() - before)).toBeLessThan(60_000);

    const described = await ecs().send(new DescribeTaskDefinitionCommand({ taskDefinition: taskDefinition!.taskDefinitionArn }));
    expect(described.taskDefinition?.containerDefinitions?.[0]).toMatchObject({
      essential: true,
      portMappings: [{ containerPort: 80, hostPort: 80, protocol: "tcp" }],
    });
    const listed = await ecs().send(new ListTaskDefinitionsCommand({ familyPrefix: "web" }));
    expect(listed.taskDefinitionArns).toEqual([taskDefinition!.taskDefinitionArn]);
  });

  test("RunTask, ListTasks, DescribeTasks through PROVISIONING to RUNNING", async () => {
    const run = await ecs().send(new RunTaskCommand(RUN));
    expect(run.failures).toEqual([]);
    expect(run.tasks?.[0]).toMatchObject({ lastStatus: "PROVISIONING", desiredStatus: "RUNNING", cpu: "512" });
    expect(run.tasks?.[0].createdAt).toBeInstanceOf(Date);
    taskArn = run.tasks![0].taskArn!;
    expect((await ecs().send(new ListTasksCommand({ cluster: "dojo" }))).taskArns).toEqual([taskArn]);

    await endpoint.advanceClock(60);
    const { tasks } = await ecs().send(new DescribeTasksCommand({ cluster: "dojo", tasks: [taskArn] }));
    expect(tasks?.[0]).toMatchObject({ lastStatus: "RUNNING", connectivity: "CONNECTED" });
    expect(tasks![0].startedAt!.getTime()).toBeGreaterThan(tasks![0].createdAt!.getTime());
    const details = Object.fromEntries(tasks![0].attachments![0].details!.map((d) => [d.name, d.value]));
    expect(details.networkInterfaceId).toMatch(/^eni-/);
  });

  test("StopTask, then STOPPED", async () => {
    const { task } = await ecs().send(new StopTaskCommand({ cluster: "dojo", task: taskArn, reason: "lab finished" }));
    expect(task).toMatchObject({ desiredStatus: "STOPPED", stopCode: "UserInitiated", stoppedReason: "lab finished" });
    await endpoint.advanceClock(60);
    const { tasks } = await ecs().send(new DescribeTasksCommand({ cluster: "dojo", tasks: [taskArn] }));
    expect(tasks?.[0].lastStatus).toBe("STOPPED");
    expect(tasks?.[0].stoppedAt).toBeInstanceOf(Date);
    expect((await ecs().send(new ListTasksCommand({ cluster: "dojo", desiredStatus: "STOPPED" }))).taskArns).toEqual([taskArn]);
  });

  test("AWS's errors with their exact type and message", async () => {
    await expectAwsError(ecs().send(new RunTaskCommand({ ...RUN, cluster: "nope" })), "ClusterNotFoundException", "Cluster not found.");
    await expectAwsError(ecs().send(new RunTaskCommand({ ...RUN, taskDefinition: "nope" })), "ClientException", "TaskDefinition not found.");
    await expectAwsError(
      ecs().send(new DescribeTaskDefinitionCommand({ taskDefinition: "web:7" })),
      "ClientException",
      "Unable to describe task definition.",
    );
    await expectAwsError(
      ecs().send(new RegisterTaskDefinitionCommand({ ...TASK_DEFINITION, cpu: "256", memory: "4096" })),
      "ClientException",
      "No Fargate configuration exists for given values: 256 CPU, 4096 memory. See the Amazon ECS documentation for the valid values.",
    );
    await expectAwsError(
      ecs().send(new StopTaskCommand({ cluster: "dojo", task: "0123456789abcdef0123456789abcdef" })),
      "InvalidParameterException",
      "The referenced task was not found.",
    );
  });

  test("a bad signature is InvalidSignatureException", async () => {
    await expectAwsError(
      client(undefined, "0000000000000000000000000000000000000000").send(new ListClustersCommand({})),
      "InvalidSignatureException",
      "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.",
    );
  });

  test("a second learner's key cannot see the first learner's cluster", async () => {
    const other = client("second-learner");
    expect((await other.send(new ListClustersCommand({}))).clusterArns).toEqual([]);
    const described = await other.send(new DescribeClustersCommand({ clusters: [clusterArn] }));
    expect(described).toMatchObject({ clusters: [], failures: [{ arn: clusterArn, reason: "MISSING" }] });
    await expectAwsError(other.send(new RunTaskCommand(RUN)), "ClusterNotFoundException", "Cluster not found.");
  });
});
