/**
 * The real AWS CLI (v1, preinstalled) against the sandbox endpoint: every emulated operation, AWS's error
 * lines and exit code, and isolation between learners.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { awsEcs, requireAwsCli, type CliResult } from "./support/aws-cli";
import { FARGATE_TD } from "../unit/sandbox/support/engine";
import { startEndpoint, type SandboxEndpoint } from "./support/endpoint";

const REGION = "ap-northeast-1";
const NETWORK = "awsvpcConfiguration={subnets=[subnet-0a1b2c3d],securityGroups=[sg-0a1b2c3d],assignPublicIp=ENABLED}";

let endpoint: SandboxEndpoint;
let workDir: string;

/** Runs `aws ecs …` as a learner would, with nothing from the machine's own AWS configuration. */
async function aws(args: string[], options: { learner?: string; secretAccessKey?: string; accessKeyId?: string } = {}): Promise<CliResult> {
  const credentials = endpoint.credentials(options.learner);
  return awsEcs(args, {
    endpointUrl: endpoint.url,
    accessKeyId: options.accessKeyId ?? credentials.accessKeyId,
    secretAccessKey: options.secretAccessKey ?? credentials.secretAccessKey,
    region: REGION,
    workDir,
  });
}

function expectAwsError(result: CliResult, operation: string, type: string, message: string) {
  expect(result.code).toBe(255);
  expect(result.stderr.trim()).toBe(`An error occurred (${type}) when calling the ${operation} operation: ${message}`);
}

beforeAll(async () => {
  await requireAwsCli();
  workDir = await mkdtemp(path.join(tmpdir(), "dojo-sandbox-cli-"));
  await writeFile(path.join(workDir, "td.json"), JSON.stringify(FARGATE_TD));
  await writeFile(path.join(workDir, "td-too-big.json"), JSON.stringify({ ...FARGATE_TD, memory: "4096" }));
  endpoint = await startEndpoint();
});

afterAll(async () => {
  await endpoint?.stop();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

describe("aws ecs against the sandbox", () => {
  let clusterArn: string;
  let taskArn: string;

  test("create-cluster, list-clusters, describe-clusters", async () => {
    const created = await aws(["create-cluster", "--cluster-name", "dojo"]);
    expect(created.code).toBe(0);
    expect(created.json.cluster).toMatchObject({ clusterName: "dojo", status: "ACTIVE" });
    clusterArn = created.json.cluster.clusterArn;
    expect(clusterArn).toMatch(/^arn:aws:ecs:ap-northeast-1:\d{12}:cluster\/dojo$/);

    expect((await aws(["list-clusters"])).json.clusterArns).toEqual([clusterArn]);

    const described = await aws(["describe-clusters", "--clusters", "dojo", "nope"]);
    expect(described.json.clusters.map((c: { clusterArn: string }) => c.clusterArn)).toEqual([clusterArn]);
    expect(described.json.failures).toEqual([{ arn: clusterArn.replace("/dojo", "/nope"), reason: "MISSING" }]);
  });

  test("register-task-definition --cli-input-json, describe-task-definition, list-task-definitions", async () => {
    const file = `file://${path.join(workDir, "td.json")}`;
    const first = await aws(["register-task-definition", "--cli-input-json", file]);
    expect(first.code).toBe(0);
    expect(first.json.taskDefinition).toMatchObject({
      family: "web",
      revision: 1,
      status: "ACTIVE",
      compatibilities: ["EC2", "FARGATE", "MANAGED_INSTANCES"],
      cpu: "256",
      memory: "512",
    });
    expect(first.json.taskDefinition.registeredAt).toBeDefined();
    expect((await aws(["register-task-definition", "--cli-input-json", file])).json.taskDefinition.revision).toBe(2);

    expect((await aws(["describe-task-definition", "--task-definition", "web"])).json.taskDefinition.revision).toBe(2);
    expect((await aws(["describe-task-definition", "--task-definition", "web:1"])).json.taskDefinition.revision).toBe(1);

    const listed = await aws(["list-task-definitions", "--family-prefix", "web"]);
    expect(listed.json.taskDefinitionArns).toEqual([1, 2].map((r) => first.json.taskDefinition.taskDefinitionArn.replace(/:1$/, `:${r}`)));
  });

  test("run-task on Fargate, list-tasks, describe-tasks as the task starts", async () => {
    const run = await aws(["run-task", "--cluster", "dojo", "--task-definition", "web", "--launch-type", "FARGATE", "--network-configuration", NETWORK]);
    expect(run.code).toBe(0);
    expect(run.json.failures).toEqual([]);
    const [task] = run.json.tasks;
    expect(task).toMatchObject({ lastStatus: "PROVISIONING", desiredStatus: "RUNNING", launchType: "FARGATE" });
    taskArn = task.taskArn;

    expect((await aws(["list-tasks", "--cluster", "dojo"])).json.taskArns).toEqual([taskArn]);

    await endpoint.advanceClock(60);
    const described = await aws(["describe-tasks", "--cluster", "dojo", "--tasks", taskArn]);
    expect(described.json.tasks[0]).toMatchObject({ lastStatus: "RUNNING", connectivity: "CONNECTED" });
    expect(described.json.tasks[0].attachments[0].status).toBe("ATTACHED");
    expect(described.json.tasks[0].containers[0].lastStatus).toBe("RUNNING");
  });

  test("stop-task, then the task is STOPPED and listed under --desired-status STOPPED", async () => {
    const stopped = await aws(["stop-task", "--cluster", "dojo", "--task", taskArn]);
    expect(stopped.json.task).toMatchObject({
      desiredStatus: "STOPPED",
      stopCode: "UserInitiated",
      stoppedReason: "Task stopped by user",
    });
    await endpoint.advanceClock(60);
    expect((await aws(["describe-tasks", "--cluster", "dojo", "--tasks", taskArn])).json.tasks[0].lastStatus).toBe("STOPPED");
    expect((await aws(["list-tasks", "--cluster", "dojo"])).json.taskArns).toEqual([]);
    expect((await aws(["list-tasks", "--cluster", "dojo", "--desired-status", "STOPPED"])).json.taskArns).toEqual([taskArn]);
  });

  test("AWS's errors: exit code 255 and the CLI's own error line", async () => {
    expectAwsError(
      await aws(["run-task", "--cluster", "nope", "--task-definition", "web", "--launch-type", "FARGATE", "--network-configuration", NETWORK]),
      "RunTask",
      "ClusterNotFoundException",
      "Cluster not found.",
    );
    expectAwsError(
      await aws(["run-task", "--cluster", "dojo", "--task-definition", "nope", "--launch-type", "FARGATE", "--network-configuration", NETWORK]),
      "RunTask",
      "ClientException",
      "TaskDefinition not found.",
    );
    expectAwsError(
      await aws(["describe-task-definition", "--task-definition", "nope"]),
      "DescribeTaskDefinition",
      "ClientException",
      "Unable to describe task definition.",
    );
    expectAwsError(
      await aws(["register-task-definition", "--cli-input-json", `file://${path.join(workDir, "td-too-big.json")}`]),
      "RegisterTaskDefinition",
      "ClientException",
      "No Fargate configuration exists for given values: 256 CPU, 4096 memory. See the Amazon ECS documentation for the valid values.",
    );
    expectAwsError(
      await aws(["run-task", "--cluster", "dojo", "--task-definition", "web", "--launch-type", "FARGATE"]),
      "RunTask",
      "InvalidParameterException",
      "Network Configuration must be provided when networkMode 'awsvpc' is specified.",
    );
  });

  test("a wrong secret or an unknown key is refused like AWS refuses it", async () => {
    expectAwsError(
      await aws(["list-clusters"], { secretAccessKey: "0000000000000000000000000000000000000000" }),
      "ListClusters",
      "InvalidSignatureException",
      "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.",
    );
    expectAwsError(
      await aws(["list-clusters"], { accessKeyId: "ADOJNOSUCHKEYNOSUCH2" }),
      "ListClusters",
      "UnrecognizedClientException",
      "The security token included in the request is invalid.",
    );
  });

  test("a second learner cannot see the first learner's cluster", async () => {
    const other = { learner: "second-learner" };
    expect((await aws(["list-clusters"], other)).json.clusterArns).toEqual([]);
    const described = await aws(["describe-clusters", "--clusters", clusterArn], other);
    expect(described.json).toEqual({ clusters: [], failures: [{ arn: clusterArn, reason: "MISSING" }] });
    expectAwsError(await aws(["list-tasks", "--cluster", "dojo"], other), "ListTasks", "ClusterNotFoundException", "Cluster not found.");
  });
});
