/**
 * ECS consults the account's other services, seen only through the real AWS CLI (v1), unchanged but for the endpoint
 * (issue 10, acceptances 1 and 2): a missing image tag, an execution role without ECR pull permission or without
 * logs:CreateLogStream, a secret the role may not read, a private subnet without a route — each stops the task with
 * AWS's text, and each is fixed by the call a learner would make, after which the task runs. Roles live in the
 * account's global IAM state and secrets may be in another Region: the gateway loads them when ECS asks. The
 * workloads' lines reach CloudWatch Logs, read with get-log-events, filter-log-events and (CLI v2) `aws logs tail`.
 */
import { execFile, spawn } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { AWS_CLI_V2, cliEnvironment, requireAwsCli, requireAwsCliV2, type CliResult } from "./support/aws-cli";
import { cliAs, dojoCall, startGatewayEndpoint, type GatewayEndpoint, type GatewayLearner } from "./support/gateway-endpoint";

const exec = promisify(execFile);
const REGION = "ap-northeast-1";
const EXEC_POLICY = "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy";
const PREFIX = "ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed:";
const ECS_TRUST = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "ecs-tasks.amazonaws.com" }, Action: "sts:AssumeRole" }] };

let endpoint: GatewayEndpoint;
let workDir: string;
let alice: GatewayLearner;
let aws: ReturnType<typeof cliAs>;
let registry: string;
let publicNetwork: string;
let privateNetwork: string;

async function ok(service: string, args: string[], region?: string): Promise<CliResult> {
  const result = await aws(service, args, region);
  expect(result.stderr).toBe("");
  expect(result.code).toBe(0);
  return result;
}

const file = async (name: string, content: unknown) => {
  await writeFile(path.join(workDir, name), JSON.stringify(content));
  return `file://${path.join(workDir, name)}`;
};

const roleArn = (name: string) => `arn:aws:iam::${alice.accountId}:role/${name}`;
const assumed = (role: string, taskArn: string) => `arn:aws:sts::${alice.accountId}:assumed-role/${role}/${taskArn.split("/").pop()}`;

/** Registers a one-container Fargate task definition that logs to /ecs/shop and runs one task of it. */
async function runTask(family: string, container: Record<string, unknown>, options: { role?: string; network?: string; region?: string } = {}): Promise<string> {
  const definition = {
    family,
    networkMode: "awsvpc",
    requiresCompatibilities: ["FARGATE"],
    cpu: "256",
    memory: "512",
    executionRoleArn: roleArn(options.role ?? "ecsTaskExecutionRole"),
    containerDefinitions: [
      {
        name: "api",
        essential: true,
        logConfiguration: { logDriver: "awslogs", options: { "awslogs-group": "/ecs/shop", "awslogs-region": options.region ?? REGION, "awslogs-stream-prefix": "api" } },
        ...container,
      },
    ],
  };
  await ok("ecs", ["register-task-definition", "--cli-input-json", await file(`${family}.json`, definition)], options.region);
  const run = await ok("ecs", ["run-task", "--cluster", "shop", "--task-definition", family, "--launch-type", "FARGATE", "--network-configuration", options.network ?? publicNetwork], options.region);
  return run.json.tasks[0].taskArn;
}

/** Lets a minute of simulated time pass (the endpoint runs at 1 simulated second per second), then describes the task. */
async function aMinuteLater(taskArn: string, region?: string) {
  endpoint.tick(60);
  const described = await ok("ecs", ["describe-tasks", "--cluster", "shop", "--tasks", taskArn], region);
  return described.json.tasks[0];
}

beforeAll(async () => {
  await requireAwsCli();
  endpoint = await startGatewayEndpoint();
  workDir = await mkdtemp(path.join(tmpdir(), "dojo-ecs-services-"));
  alice = endpoint.newLearner();
  aws = cliAs(endpoint, alice, workDir);
  registry = `${alice.accountId}.dkr.ecr.${REGION}.amazonaws.com`;
  await ok("ecs", ["create-cluster", "--cluster-name", "shop"]);
  await ok("logs", ["create-log-group", "--log-group-name", "/ecs/shop"]);
  await ok("ecr", ["create-repository", "--repository-name", "shop/api"]);
  expect((await dojoCall(endpoint, alice, "PushImage", { repositoryName: "shop/api", imageTag: "1.0", source: "sbx/web:1.0" })).status).toBe(200);
  const subnets = async (kind: string) =>
    (await ok("ec2", ["describe-subnets", "--filters", `Name=tag:Name,Values=sbx-subnet-${kind}*`, "--query", "Subnets[].SubnetId"])).json.join(",");
  const app = (await ok("ec2", ["describe-security-groups", "--filters", "Name=group-name,Values=sbx-app", "--query", "SecurityGroups[0].GroupId"])).json;
  publicNetwork = `awsvpcConfiguration={subnets=[${await subnets("public")}],securityGroups=[${app}],assignPublicIp=ENABLED}`;
  privateNetwork = `awsvpcConfiguration={subnets=[${await subnets("private")}],securityGroups=[${app}],assignPublicIp=DISABLED}`;
}, 120_000);

afterAll(async () => {
  await endpoint?.stop();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

describe("ECS asks ECR, IAM, CloudWatch Logs, Secrets Manager, SSM and EC2 when a task starts", () => {
  test("a tag that is not in the repository: CannotPullContainerError; pushing it fixes the task", async () => {
    const image = `${registry}/shop/api:1.1`;
    const failed = await aMinuteLater(await runTask("api-missing-tag", { image }));
    expect(failed).toMatchObject({
      lastStatus: "STOPPED",
      stopCode: "TaskFailedToStart",
      stoppedReason: `CannotPullContainerError: pull image manifest has been retried 5 time(s): failed to resolve ref ${image}: ${image}: not found`,
    });
    expect((await dojoCall(endpoint, alice, "PushImage", { repositoryName: "shop/api", imageTag: "1.1", source: "sbx/web:1.0" })).status).toBe(200);
    expect((await aMinuteLater(await runTask("api-missing-tag", { image }))).lastStatus).toBe("RUNNING");
  }, 60_000);

  test("an execution role without ECR permissions, made with the CLI: registry auth is denied; attaching the managed policy fixes it", async () => {
    await ok("iam", ["create-role", "--role-name", "shop-exec", "--assume-role-policy-document", await file("trust.json", ECS_TRUST)]);
    const logsOnly = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: "*" }] };
    await ok("iam", ["put-role-policy", "--role-name", "shop-exec", "--policy-name", "logs", "--policy-document", await file("logs.json", logsOnly)]);
    const task = await runTask("api-no-pull", { image: `${registry}/shop/api:1.0` }, { role: "shop-exec" });
    expect((await aMinuteLater(task)).stoppedReason).toBe(
      `${PREFIX} unable to retrieve ecr registry auth: service call has been retried 3 time(s): AccessDeniedException: User: ${assumed("shop-exec", task)} is not authorized to perform: ecr:GetAuthorizationToken on resource: * because no identity-based policy allows the ecr:GetAuthorizationToken action`,
    );
    await ok("iam", ["attach-role-policy", "--role-name", "shop-exec", "--policy-arn", EXEC_POLICY]);
    expect((await aMinuteLater(await runTask("api-no-pull", { image: `${registry}/shop/api:1.0` }, { role: "shop-exec" }))).lastStatus).toBe("RUNNING");
  }, 60_000);

  test("an execution role without logs:CreateLogStream: the log stream is refused; once allowed, the task's lines are in CloudWatch Logs", async () => {
    await ok("iam", ["create-role", "--role-name", "shop-nolog", "--assume-role-policy-document", await file("trust.json", ECS_TRUST)]);
    const pullOnly = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["ecr:GetAuthorizationToken", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"], Resource: "*" }] };
    await ok("iam", ["put-role-policy", "--role-name", "shop-nolog", "--policy-name", "pull", "--policy-document", await file("pull.json", pullOnly)]);
    const task = await runTask("api-no-logs", { image: `${registry}/shop/api:1.0` }, { role: "shop-nolog" });
    const stream = `api/api/${task.split("/").pop()}`;
    expect((await aMinuteLater(task)).stoppedReason).toBe(
      `ResourceInitializationError: failed to validate logger args: create stream has been retried 1 times: failed to create Cloudwatch log stream: AccessDeniedException: User: ${assumed("shop-nolog", task)} is not authorized to perform: logs:CreateLogStream on resource: arn:aws:logs:${REGION}:${alice.accountId}:log-group:/ecs/shop:log-stream:${stream} : exit status 1`,
    );
    const logs = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: `arn:aws:logs:${REGION}:${alice.accountId}:log-group:/ecs/shop:*` }] };
    await ok("iam", ["put-role-policy", "--role-name", "shop-nolog", "--policy-name", "logs", "--policy-document", await file("logs.json", logs)]);
    const fixed = await runTask("api-no-logs", { image: `${registry}/shop/api:1.0` }, { role: "shop-nolog" });
    expect((await aMinuteLater(fixed)).lastStatus).toBe("RUNNING");
    // `aws logs tail` is CLI v2 only; get-log-events pages (one event per page here), filter-log-events searches.
    const fixedStream = `api/api/${fixed.split("/").pop()}`;
    const first = await ok("logs", ["get-log-events", "--log-group-name", "/ecs/shop", "--log-stream-name", fixedStream, "--start-from-head", "--limit", "1"]);
    expect(first.json.events.map((e: { message: string }) => e.message)).toEqual(["listening on :80"]);
    const second = await ok("logs", ["get-log-events", "--log-group-name", "/ecs/shop", "--log-stream-name", fixedStream, "--limit", "1", "--next-token", first.json.nextForwardToken]);
    expect(second.json.events.map((e: { message: string }) => e.message)).toEqual(["serving v1"]);
    const found = await ok("logs", ["filter-log-events", "--log-group-name", "/ecs/shop", "--log-stream-name-prefix", "api/api/", "--filter-pattern", "serving"]);
    expect(found.json.events.map((e: { logStreamName: string }) => e.logStreamName)).toContain(fixedStream);
  }, 60_000);

  test("a secret the execution role may not read; a policy for it fixes the task; a parameter named in another Region is not found", async () => {
    const secret = await ok("secretsmanager", ["create-secret", "--name", "shop/db", "--secret-string", '{"password":"s3cret"}']);
    const secretArn: string = secret.json.ARN;
    const container = { image: `${registry}/shop/api:1.0`, secrets: [{ name: "DB_PASSWORD", valueFrom: `${secretArn}:password::` }] };
    const task = await runTask("api-secret", container);
    // AmazonECSTaskExecutionRolePolicy does not include secretsmanager:GetSecretValue.
    expect((await aMinuteLater(task)).stoppedReason).toMatch(
      new RegExp(
        `^${escape(`${PREFIX} unable to retrieve secret from asm: service call has been retried 1 time(s): failed to fetch secret ${secretArn} from secrets manager: AccessDeniedException: User: ${assumed("ecsTaskExecutionRole", task)} is not authorized to perform: secretsmanager:GetSecretValue on resource: ${secretArn} because no identity-based policy allows the secretsmanager:GetSecretValue action status code: 400, request id: `)}[0-9a-f-]{36}$`,
      ),
    );
    const read = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: secretArn }] };
    await ok("iam", ["put-role-policy", "--role-name", "ecsTaskExecutionRole", "--policy-name", "read-db", "--policy-document", await file("read.json", read)]);
    expect((await aMinuteLater(await runTask("api-secret", container))).lastStatus).toBe("RUNNING");

    // The parameter is in ap-northeast-1; a task in us-east-1 that names it looks it up in its own Region. (IAM is
    // asked first, as SSM does: without ssm:GetParameters the answer would be AccessDeniedException.)
    await ok("ssm", ["put-parameter", "--name", "/shop/db-host", "--value", "db.internal", "--type", "String"]);
    const params = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "ssm:GetParameters", Resource: `arn:aws:ssm:*:${alice.accountId}:parameter/shop/*` }] };
    await ok("iam", ["put-role-policy", "--role-name", "ecsTaskExecutionRole", "--policy-name", "read-params", "--policy-document", await file("params.json", params)]);
    await ok("ecs", ["create-cluster", "--cluster-name", "shop"], "us-east-1");
    await ok("logs", ["create-log-group", "--log-group-name", "/ecs/shop"], "us-east-1");
    const subnet = (await ok("ec2", ["describe-subnets", "--filters", "Name=tag:Name,Values=sbx-subnet-public*", "--query", "Subnets[0].SubnetId"], "us-east-1")).json;
    const elsewhere = await runTask(
      "api-param",
      { image: "ecs-dojo/web:1", secrets: [{ name: "DB_HOST", valueFrom: "/shop/db-host" }] },
      { region: "us-east-1", network: `awsvpcConfiguration={subnets=[${subnet}],assignPublicIp=ENABLED}` },
    );
    expect((await aMinuteLater(elsewhere, "us-east-1")).stoppedReason).toBe(
      `${PREFIX} unable to retrieve secrets from ssm: service call has been retried 1 time(s): invalid parameters: /shop/db-host`,
    );
  }, 90_000);

  test("aws logs tail (CLI v2 only) shows a task's lines; with --follow, the lines of a task started later as simulated time passes", async () => {
    await requireAwsCliV2();
    const target = { endpointUrl: endpoint.url, accessKeyId: alice.accessKeyId, secretAccessKey: alice.secretAccessKey, region: REGION, workDir };
    const tail = (...extra: string[]) => ["logs", "tail", "/ecs/shop", "--log-stream-name-prefix", "api/api/", "--format", "short", "--endpoint-url", endpoint.url, ...extra];
    const first = await aMinuteLater(await runTask("api-tail", { image: `${registry}/ecs-dojo/web:2` }));
    expect(first.lastStatus).toBe("RUNNING");
    const { stdout } = await exec(AWS_CLI_V2, tail("--since", "1h"), { env: cliEnvironment(target) });
    expect(stdout).toMatch(/^\S+ listening on :80$/m);
    expect(stdout).toMatch(/^\S+ serving v2$/m);

    const follow = spawn(AWS_CLI_V2, tail("--follow", "--since", "1m"), { env: cliEnvironment(target) });
    let seen = "";
    follow.stdout.on("data", (chunk: Buffer) => (seen += chunk.toString()));
    try {
      await runTask("api-tail-later", { image: `${registry}/ecs-dojo/crash:1` });
      // The crash image starts, writes "starting", then panics: its lines appear once the simulated clock has passed them.
      for (let i = 0; i < 40 && !seen.includes("panic: missing config"); i++) {
        endpoint.tick(5);
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
      expect(seen).toContain("starting");
      expect(seen).toContain("panic: missing config");
    } finally {
      follow.kill();
    }
  }, 90_000);

  test("a private subnet without NAT or endpoints cannot reach ECR; the public subnet with a public IP can", async () => {
    const container = { image: `${registry}/shop/api:1.0` };
    const stuck = await aMinuteLater(await runTask("api-private", container, { network: privateNetwork }));
    expect(stuck.stoppedReason).toMatch(
      new RegExp(
        `^${escape(`${PREFIX} unable to retrieve ecr registry auth: service call has been retried 3 time(s): RequestError: send request failed caused by: Post "https://api.ecr.${REGION}.amazonaws.com/": dial tcp `)}[0-9.]+${escape(":443: i/o timeout. Please check your task network configuration.")}$`,
      ),
    );
    expect((await aMinuteLater(await runTask("api-private", container, { network: publicNetwork }))).lastStatus).toBe("RUNNING");
  }, 60_000);
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
