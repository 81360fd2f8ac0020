/**
 * Run-time start failures (TaskFailedToStart): ECS asks the account's other services what the agent would ask them —
 * IAM for the execution role, ECR for the image, Secrets Manager and SSM for secrets, CloudWatch Logs for the log
 * group, EC2 for the network path — and each failure is fixed by the change a learner would make.
 */
import { describe, expect, test } from "vitest";
import { createSandboxState, FARGATE_TIMING, newSandboxState } from "@/lib/sandbox/engine";
import { GLOBAL_REGION } from "@/lib/sandbox/services/provider";
import { transition } from "@/lib/sandbox/engine/transition";
import { addNatGateway, sandboxNetwork } from "@/lib/sandbox/services/ec2/network";
import { logsProvider } from "@/lib/sandbox/services/logs";
import { secretsManagerProvider } from "@/lib/sandbox/services/secrets";
import { runOperation } from "@/lib/sandbox/engine/simulation";
import { AWSVPC, EngineDriver, fargateTd } from "./support/engine";
import secretsScenario from "@/lib/sandbox/scenarios/secrets.json";

const T = FARGATE_TIMING;
const ROLE = "arn:aws:iam::123456789012:role/ecsTaskExecutionRole";
const REGISTRY = "123456789012.dkr.ecr.ap-northeast-1.amazonaws.com";
const MISSPELT_SECRET = "arn:aws:secretsmanager:ap-northeast-1:123456789012:secret:dojo/db-passwrd-AbCdEf";
const PREFIX = "ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed:";
const assumed = (role: string, taskArn: string) => `arn:aws:sts::123456789012:assumed-role/${role}/${taskArn.split("/").pop()}`;

function withScenario() {
  const sandbox = new EngineDriver();
  sandbox.sandbox("ApplyScenario", secretsScenario);
  return sandbox;
}

function run(sandbox: EngineDriver, td: Record<string, unknown>, network: object = AWSVPC) {
  sandbox.call("RegisterTaskDefinition", td);
  return sandbox.call("RunTask", { cluster: "dojo", taskDefinition: td.family, launchType: "FARGATE", networkConfiguration: network }).tasks[0].taskArn as string;
}

const withSecret = (valueFrom: string, executionRoleArn = ROLE) =>
  fargateTd("db", "ecs-dojo/web:1", { executionRoleArn }, { secrets: [{ name: "DB_PASSWORD", valueFrom }] });

/** The ARN Secrets Manager gave the scenario's secret (its six-character suffix is the service's). */
const secretArnOf = (sandbox: EngineDriver, name: string) => Object.values(sandbox.state.secrets).find((s) => s.name === name)!.arn;

const logging = (family: string, image: string, group: string, extra: Record<string, string> = {}) =>
  fargateTd(family, image, { executionRoleArn: ROLE }, {
    logConfiguration: { logDriver: "awslogs", options: { "awslogs-group": group, "awslogs-region": "ap-northeast-1", "awslogs-stream-prefix": "app", ...extra } },
  });

describe("secrets (Secrets Manager, SSM)", () => {
  test("a secret that does not exist: ResourceInitializationError, never RUNNING", () => {
    const sandbox = withScenario();
    const arn = run(sandbox, withSecret(MISSPELT_SECRET));
    const statuses = new Set<string>();
    sandbox.stepTo(120, 1, () => statuses.add(sandbox.describeTask(arn).lastStatus));
    const task = sandbox.describeTask(arn);
    expect(task).toMatchObject({ lastStatus: "STOPPED", desiredStatus: "STOPPED", stopCode: "TaskFailedToStart" });
    expect(task.stoppedReason).toMatch(
      new RegExp(
        `^${escape(`${PREFIX} unable to retrieve secret from asm: service call has been retried 1 time(s): failed to fetch secret ${MISSPELT_SECRET} from secrets manager: ResourceNotFoundException: Secrets Manager can't find the specified secret. status code: 400, request id: `)}[0-9a-f-]{36}$`,
      ),
    );
    expect(task.startedAt).toBeUndefined();
    expect(task.containers[0].exitCode).toBeUndefined();
    expect([...statuses]).toEqual(["PROVISIONING", "PENDING", "DEPROVISIONING", "STOPPED"]);
  });

  test("the fix: the secret's real ARN lets the task run", () => {
    const sandbox = withScenario();
    const arn = run(sandbox, withSecret(secretArnOf(sandbox, "dojo/db-password")));
    sandbox.advance(120);
    expect(sandbox.describeTask(arn).lastStatus).toBe("RUNNING");
  });

  test("a role without secretsmanager:GetSecretValue is denied, naming the assumed role and the task", () => {
    const sandbox = withScenario();
    const secret = secretArnOf(sandbox, "dojo/db-password");
    const arn = run(sandbox, withSecret(secret, "arn:aws:iam::123456789012:role/ecsTaskExecutionRoleNoSecrets"));
    sandbox.advance(120);
    expect(sandbox.describeTask(arn).stoppedReason).toMatch(
      new RegExp(
        `^${escape(`${PREFIX} unable to retrieve secret from asm: service call has been retried 1 time(s): failed to fetch secret ${secret} from secrets manager: AccessDeniedException: User: ${assumed("ecsTaskExecutionRoleNoSecrets", arn)} is not authorized to perform: secretsmanager:GetSecretValue on resource: ${secret} because no identity-based policy allows the secretsmanager:GetSecretValue action status code: 400, request id: `)}`,
      ),
    );
    // The fix: give the role the permission (IAM is evaluated when the next task starts).
    sandbox.iam("PutRolePolicy", {
      RoleName: "ecsTaskExecutionRoleNoSecrets",
      PolicyName: "read-db",
      PolicyDocument: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: secret }] }),
    });
    const fixed = run(sandbox, withSecret(secret, "arn:aws:iam::123456789012:role/ecsTaskExecutionRoleNoSecrets"));
    sandbox.advance(300);
    expect(sandbox.describeTask(fixed).lastStatus).toBe("RUNNING");
  });

  test("SSM parameters: a missing one fails, an existing one runs", () => {
    const sandbox = withScenario();
    const missing = run(sandbox, withSecret("/dojo/api-kee"));
    sandbox.advance(60);
    expect(sandbox.describeTask(missing).stoppedReason).toBe(
      `${PREFIX} unable to retrieve secrets from ssm: service call has been retried 1 time(s): invalid parameters: /dojo/api-kee`,
    );
    const present = run(sandbox, withSecret("arn:aws:ssm:ap-northeast-1:123456789012:parameter/dojo/api-key"));
    sandbox.advance(180);
    expect(sandbox.describeTask(present).lastStatus).toBe("RUNNING");
  });

  test("a secret in another Region is read there when named by its ARN; a name alone is looked up in the task's Region", () => {
    const sandbox = withScenario();
    const other = new EngineDriver();
    other.state = { ...other.state, region: "us-east-1" };
    other.sandbox("ApplyScenario", { secrets: [{ name: "dojo/us-only", value: "x" }], parameters: ["/dojo/us-param"] });
    sandbox.regions["us-east-1"] = other.state;
    const there = run(sandbox, withSecret(secretArnOf(other, "dojo/us-only")));
    const byName = run(sandbox, withSecret("/dojo/us-param"));
    sandbox.advance(120);
    expect(sandbox.describeTask(there).lastStatus).toBe("RUNNING");
    expect(sandbox.describeTask(byName).stoppedReason).toBe(
      `${PREFIX} unable to retrieve secrets from ssm: service call has been retried 1 time(s): invalid parameters: /dojo/us-param`,
    );
  });

  test("secrets without an execution role are rejected at registration, as AWS does", () => {
    const sandbox = withScenario();
    const td = fargateTd("db", "ecs-dojo/web:1", {}, { secrets: [{ name: "DB_PASSWORD", valueFrom: MISSPELT_SECRET }] });
    const error = sandbox.error("RegisterTaskDefinition", td);
    expect([error.type, error.message]).toEqual([
      "ClientException",
      "When you are specifying container secrets, you must also specify a value for 'executionRoleArn'.",
    ]);
  });
});

describe("images (Amazon ECR)", () => {
  const image = (tag: string) => `${REGISTRY}/shop/api:${tag}`;
  function withRepository() {
    const sandbox = withScenario();
    sandbox.sandbox("ApplyScenario", { ecr: { repositories: [{ name: "shop/api", images: [{ tag: "1.0", source: "sbx/batch:1.0" }] }] } });
    return sandbox;
  }

  test("a tag that is not in the repository: CannotPullContainerError …not found; the pushed tag runs as the image it was built from", () => {
    const sandbox = withRepository();
    const missing = run(sandbox, fargateTd("api", image("1.1"), { executionRoleArn: ROLE }));
    sandbox.advance(60);
    expect(sandbox.describeTask(missing)).toMatchObject({
      stopCode: "TaskFailedToStart",
      stoppedReason: `CannotPullContainerError: pull image manifest has been retried 5 time(s): failed to resolve ref ${image("1.1")}: ${image("1.1")}: not found`,
    });
    const present = run(sandbox, fargateTd("api", image("1.0"), { executionRoleArn: ROLE }));
    sandbox.advance(60 + 30 + 60);
    // sbx/batch runs JOB_SECONDS (30) and exits 0: the pushed image behaves as its source.
    expect(sandbox.describeTask(present)).toMatchObject({ lastStatus: "STOPPED", stopCode: "EssentialContainerExited", containers: [{ exitCode: 0 }] });
  });

  test("a repository that does not exist fails the same way; catalog images (ecs-dojo/, sbx/) are in every registry", () => {
    const sandbox = withScenario();
    const missing = run(sandbox, fargateTd("api", `${REGISTRY}/nope:1`, { executionRoleArn: ROLE }));
    const catalog = run(sandbox, fargateTd("web", `${REGISTRY}/ecs-dojo/web:1`, { executionRoleArn: ROLE }));
    sandbox.advance(60);
    expect(sandbox.describeTask(missing).stoppedReason).toMatch(/^CannotPullContainerError: .*: not found$/);
    expect(sandbox.describeTask(catalog).lastStatus).toBe("RUNNING");
  });

  test("an execution role without ECR permissions: registry auth, then the pull itself, each in AWS's words", () => {
    const sandbox = withRepository();
    sandbox.sandbox("ApplyScenario", { roles: [{ name: "noEcr", permissions: ["logs:*"] }, { name: "authOnly", permissions: ["ecr:GetAuthorizationToken"] }] });
    const noAuth = run(sandbox, fargateTd("api", image("1.0"), { executionRoleArn: "arn:aws:iam::123456789012:role/noEcr" }));
    const noPull = run(sandbox, fargateTd("api2", image("1.0"), { executionRoleArn: "arn:aws:iam::123456789012:role/authOnly" }));
    sandbox.advance(60);
    expect(sandbox.describeTask(noAuth).stoppedReason).toBe(
      `${PREFIX} unable to retrieve ecr registry auth: service call has been retried 3 time(s): AccessDeniedException: User: ${assumed("noEcr", noAuth)} is not authorized to perform: ecr:GetAuthorizationToken on resource: * because no identity-based policy allows the ecr:GetAuthorizationToken action`,
    );
    expect(sandbox.describeTask(noPull).stoppedReason).toBe(
      `CannotPullContainerError: pull image manifest has been retried 5 time(s): failed to resolve ref ${image("1.0")}: pulling from host ${REGISTRY} failed with status code [manifests 1.0]: 403 Forbidden`,
    );
    // The fix a learner makes: attach the AWS managed policy for execution roles.
    sandbox.iam("AttachRolePolicy", { RoleName: "noEcr", PolicyArn: "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy" });
    const fixed = run(sandbox, fargateTd("api", image("1.0"), { executionRoleArn: "arn:aws:iam::123456789012:role/noEcr" }));
    sandbox.advance(120);
    expect(sandbox.describeTask(fixed).startedAt).toBeDefined();
  });
});

describe("roles ECS cannot assume", () => {
  test("RunTask refuses a role that does not exist or does not trust ecs-tasks.amazonaws.com; a service reports it once", () => {
    const sandbox = withScenario();
    sandbox.sandbox("ApplyScenario", { roles: [{ name: "ec2Only", permissions: [], trustedService: "ec2.amazonaws.com" }] });
    for (const role of ["arn:aws:iam::123456789012:role/nobody", "arn:aws:iam::123456789012:role/ec2Only"]) {
      sandbox.call("RegisterTaskDefinition", fargateTd("web", "ecs-dojo/web:1", { taskRoleArn: role }));
      const error = sandbox.error("RunTask", { cluster: "dojo", taskDefinition: "web", launchType: "FARGATE", networkConfiguration: AWSVPC });
      expect([error.type, error.message]).toEqual([
        "ClientException",
        `ECS was unable to assume the role '${role}' that was provided for this task. Please verify that the role being passed has the proper trust relationship and permissions and that your IAM user has permissions to pass this role.`,
      ]);
    }
    sandbox.call("CreateService", { cluster: "dojo", serviceName: "web", taskDefinition: "web", desiredCount: 1, launchType: "FARGATE", networkConfiguration: AWSVPC });
    sandbox.advance(120);
    expect(sandbox.serviceTasks("web")).toHaveLength(0);
    expect(sandbox.events("web").filter((m) => m.includes("failed to launch a task"))).toEqual([
      "(service web) failed to launch a task with (error ECS was unable to assume the role 'arn:aws:iam::123456789012:role/ec2Only' that was provided for this task. Please verify that the role being passed has the proper trust relationship and permissions and that your IAM user has permissions to pass this role.).",
    ]);
    // The fix: let ECS tasks assume it.
    sandbox.iam("UpdateAssumeRolePolicy", {
      RoleName: "ec2Only",
      PolicyDocument: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "ecs-tasks.amazonaws.com" }, Action: "sts:AssumeRole" }] }),
    });
    sandbox.advance(240);
    expect(sandbox.service("web").runningCount).toBe(1);
  });
});

describe("logs (CloudWatch Logs, the awslogs driver)", () => {
  test("a missing log group: the observed logger text; awslogs-create-group creates it only when the role may", () => {
    const sandbox = withScenario();
    const missing = run(sandbox, logging("logs", "ecs-dojo/web:1", "/ecs/nope"));
    sandbox.advance(60);
    expect(sandbox.describeTask(missing)).toMatchObject({
      stopCode: "TaskFailedToStart",
      stoppedReason:
        "ResourceInitializationError: failed to validate logger args: create stream has been retried 1 times: failed to create Cloudwatch log stream: ResourceNotFoundException: The specified log group does not exist. : exit status 1",
    });
    // The scenario's execution role has no logs:CreateLogGroup.
    const denied = run(sandbox, logging("logs", "ecs-dojo/web:1", "/ecs/new", { "awslogs-create-group": "true" }));
    sandbox.advance(120);
    expect(sandbox.describeTask(denied).stoppedReason).toBe(
      `ResourceInitializationError: failed to validate logger args: create stream has been retried 1 times: failed to create Cloudwatch log group: AccessDeniedException: User: ${assumed("ecsTaskExecutionRole", denied)} is not authorized to perform: logs:CreateLogGroup on resource: arn:aws:logs:ap-northeast-1:123456789012:log-group:/ecs/new:log-stream: : exit status 1`,
    );
    sandbox.iam("PutRolePolicy", { RoleName: "ecsTaskExecutionRole", PolicyName: "groups", PolicyDocument: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "logs:CreateLogGroup", Resource: "*" }] }) });
    const created = run(sandbox, logging("logs", "ecs-dojo/web:1", "/ecs/new", { "awslogs-create-group": "true" }));
    sandbox.advance(240);
    expect(sandbox.describeTask(created).lastStatus).toBe("RUNNING");
    expect(Object.values(sandbox.state.logGroups).map((g) => g.logGroupName)).toContain("/ecs/new");
  });

  test("without logs:CreateLogStream the task fails naming the stream; the fix lets it run", () => {
    const sandbox = withScenario();
    sandbox.sandbox("ApplyScenario", { roles: [{ name: "ecsTaskExecutionRole", permissions: ["ecr:*", "logs:PutLogEvents"] }] });
    const denied = run(sandbox, logging("web", "ecs-dojo/web:1", "/ecs/web"));
    sandbox.advance(60);
    expect(sandbox.describeTask(denied).stoppedReason).toBe(
      `ResourceInitializationError: failed to validate logger args: create stream has been retried 1 times: failed to create Cloudwatch log stream: AccessDeniedException: User: ${assumed("ecsTaskExecutionRole", denied)} is not authorized to perform: logs:CreateLogStream on resource: arn:aws:logs:ap-northeast-1:123456789012:log-group:/ecs/web:log-stream:app/app/${denied.split("/").pop()} : exit status 1`,
    );
    sandbox.iam("AttachRolePolicy", { RoleName: "ecsTaskExecutionRole", PolicyArn: "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy" });
    const fixed = run(sandbox, logging("web", "ecs-dojo/web:1", "/ecs/web"));
    sandbox.advance(180);
    expect(sandbox.describeTask(fixed).lastStatus).toBe("RUNNING");
  });

  test("each workload writes its documented lines to <prefix>/<container>/<task id>: start-up, crash, SIGTERM", () => {
    const sandbox = withScenario();
    const web = run(sandbox, logging("web", "ecs-dojo/web:2", "/ecs/web"));
    const crash = run(sandbox, logging("crash", "ecs-dojo/crash:1", "/ecs/web"));
    sandbox.advance(60);
    sandbox.call("StopTask", { cluster: "dojo", task: web });
    sandbox.advance(120);
    const lines = (task: string) => {
      const stream = `app/app/${task.split("/").pop()}`;
      const { state, output } = runOperation(sandbox.state, logsProvider.operations.GetLogEvents, { logGroupName: "/ecs/web", logStreamName: stream, startFromHead: true }, sandbox.state.clock.simMs, sandbox.account);
      sandbox.state = state;
      return (output as { events: { message: string }[] }).events.map((e) => e.message);
    };
    expect(lines(web)).toEqual(["listening on :80", "serving v2", "received SIGTERM, shutting down"]);
    expect(lines(crash)).toEqual(["starting", "panic: missing config"]);
  });

  test("without logs:PutLogEvents the stream is made but stays empty, and the container runs on", () => {
    const sandbox = withScenario();
    sandbox.sandbox("ApplyScenario", { roles: [{ name: "ecsTaskExecutionRole", permissions: ["ecr:*", "logs:CreateLogStream"] }] });
    const task = run(sandbox, logging("web", "ecs-dojo/web:1", "/ecs/web"));
    sandbox.advance(60);
    expect(sandbox.describeTask(task).lastStatus).toBe("RUNNING");
    const stream = Object.values(sandbox.state.logStreams).find((s) => s.logStreamName.endsWith(task.split("/").pop()!))!;
    expect(stream.chunks).toEqual([]);
  });
});

describe("the network path (EC2)", () => {
  function inSubnet(sandbox: EngineDriver, kind: "public" | "private", assignPublicIp: "ENABLED" | "DISABLED") {
    const network = sandboxNetwork(sandbox.state);
    const subnets = kind === "public" ? network.publicSubnetIds : network.privateSubnetIds;
    return { awsvpcConfiguration: { subnets, securityGroups: [network.securityGroupIds.app], assignPublicIp } };
  }

  test("a private subnet without NAT or endpoints cannot reach ECR; a NAT gateway fixes it", () => {
    const sandbox = withScenario();
    const td = fargateTd("web", `${REGISTRY}/ecs-dojo/web:1`, { executionRoleArn: ROLE });
    const stuck = run(sandbox, td, inSubnet(sandbox, "private", "DISABLED"));
    sandbox.advance(60);
    expect(sandbox.describeTask(stuck).stoppedReason).toMatch(
      /^ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve ecr registry auth: service call has been retried 3 time\(s\): RequestError: send request failed caused by: Post "https:\/\/api\.ecr\.ap-northeast-1\.amazonaws\.com\/": dial tcp [0-9.]+:443: i\/o timeout\. Please check your task network configuration\.$/,
    );
    sandbox.state = transition(sandbox.state, (draft) => {
      addNatGateway(draft, {}, draft.clock.simMs);
    }).state;
    sandbox.advance(60 + 600);
    const fixed = run(sandbox, td, inSubnet(sandbox, "private", "DISABLED"));
    sandbox.advance(60 + 600 + 120);
    expect(sandbox.describeTask(fixed).lastStatus).toBe("RUNNING");
  });

  test("in a public subnet assignPublicIp matters: without a public IP nothing is reached, with one the image pulls", () => {
    const sandbox = withScenario();
    const td = fargateTd("web", "public.ecr.aws/nginx/nginx:1.27", { executionRoleArn: ROLE });
    const noIp = run(sandbox, td, inSubnet(sandbox, "public", "DISABLED"));
    const withIp = run(sandbox, td, inSubnet(sandbox, "public", "ENABLED"));
    sandbox.advance(60);
    expect(sandbox.describeTask(noIp).stoppedReason).toMatch(
      /^CannotPullContainerError: pull image manifest has been retried 5 time\(s\): failed to resolve ref public\.ecr\.aws\/nginx\/nginx:1\.27: failed to do request: Head "https:\/\/public\.ecr\.aws\/v2\/nginx\/nginx\/manifests\/1\.27": dial tcp [0-9.]+:443: i\/o timeout$/,
    );
    expect(sandbox.describeTask(withIp).lastStatus).toBe("RUNNING");
  });
});

describe("services whose tasks cannot start", () => {
  test("a service reports it, then throttles its starts", () => {
    const sandbox = withScenario();
    sandbox.call("RegisterTaskDefinition", withSecret(MISSPELT_SECRET));
    sandbox.call("CreateService", { cluster: "dojo", serviceName: "db", taskDefinition: "db", desiredCount: 1, launchType: "FARGATE", networkConfiguration: AWSVPC });
    const startsBy = (seconds: number) => {
      sandbox.advance(seconds);
      return sandbox.serviceTasks("db").length;
    };
    const early = startsBy(300);
    const events = sandbox.events("db");
    expect(events.some((m) => m.startsWith(`(service db) was unable to place a task. Reason: ${PREFIX} unable to retrieve secret from asm:`))).toBe(true);
    expect(events).toContain(
      "(service db) is unable to consistently start tasks successfully. For more information, see the Troubleshooting section of the Amazon ECS Developer Guide.",
    );
    // A failed start takes about 13 s; without throttling 300 s would see over 20 of them.
    expect(early).toBeLessThan(300 / ((T.eniAttachStartMs + T.eniAttachMs + T.pullStartMs) / 1000));
    const later = startsBy(300 + 3600) - early;
    expect(later).toBeLessThan(3600 / 60);
    expect(sandbox.serviceTasks("db").every((t) => t.stopCode === "TaskFailedToStart" || t.desiredStatus === "RUNNING")).toBe(true);
  });

  test("a new revision that cannot start is throttled even while the old tasks keep running", () => {
    const sandbox = withScenario();
    sandbox.call("RegisterTaskDefinition", fargateTd("db", "ecs-dojo/web:1"));
    sandbox.call("CreateService", { cluster: "dojo", serviceName: "db", taskDefinition: "db:1", desiredCount: 1, launchType: "FARGATE", networkConfiguration: AWSVPC });
    sandbox.advance(120);
    sandbox.call("RegisterTaskDefinition", withSecret(MISSPELT_SECRET));
    sandbox.call("UpdateService", { cluster: "dojo", service: "db", taskDefinition: "db:2" });
    sandbox.advance(120 + 3600);
    const attempts = sandbox.serviceTasks("db").filter((t) => t.taskDefinitionArn!.endsWith(":2")).length;
    expect(attempts).toBeGreaterThan(3);
    expect(attempts).toBeLessThan(3600 / 60);
    expect(sandbox.events("db")).toContain(
      "(service db) is unable to consistently start tasks successfully. For more information, see the Troubleshooting section of the Amazon ECS Developer Guide.",
    );
    expect(sandbox.service("db").runningCount).toBe(1);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

describe("the curriculum's account id", () => {
  test("123456789012 in a role ARN or registry names the learner's own account, whatever its id", () => {
    const sandbox = new EngineDriver();
    sandbox.state = { ...createSandboxState("210987654321", "ap-northeast-1"), clock: sandbox.state.clock };
    sandbox.global = newSandboxState("210987654321", GLOBAL_REGION, sandbox.state.clock.simMs);
    sandbox.sandbox("ApplyScenario", { clusters: [{ name: "dojo", capacityProviders: ["FARGATE"] }], ecr: { repositories: [{ name: "shop/api", images: [{ tag: "1.0" }] }] } });
    const own = run(sandbox, fargateTd("api", `${REGISTRY}/shop/api:1.0`, { executionRoleArn: ROLE, taskRoleArn: "arn:aws:iam::123456789012:role/ecsTaskRole" }));
    sandbox.advance(60);
    expect(sandbox.describeTask(own).lastStatus).toBe("RUNNING");
    // Any other account's role is another account's: ECS cannot assume it.
    sandbox.call("RegisterTaskDefinition", fargateTd("other", "ecs-dojo/web:1", { taskRoleArn: "arn:aws:iam::111122223333:role/ecsTaskRole" }));
    expect(sandbox.error("RunTask", { cluster: "dojo", taskDefinition: "other", launchType: "FARGATE", networkConfiguration: AWSVPC }).message).toMatch(/^ECS was unable to assume the role 'arn:aws:iam::111122223333:role\/ecsTaskRole'/);
  });
});

describe("a secret under a customer managed key", () => {
  test("GetSecretValue alone is not enough: Secrets Manager answers Access to KMS is not allowed; kms:Decrypt fixes it", () => {
    const sandbox = withScenario();
    const created = runOperation(sandbox.state, secretsManagerProvider.operations.CreateSecret, { Name: "dojo/kms", SecretString: "x", KmsKeyId: "alias/orders" }, sandbox.state.clock.simMs, sandbox.account);
    sandbox.state = created.state;
    const arn = (created.output as { ARN: string }).ARN;
    const task = run(sandbox, withSecret(arn));
    sandbox.advance(60);
    expect(sandbox.describeTask(task).stoppedReason).toMatch(
      new RegExp(`^${escape(`${PREFIX} unable to retrieve secret from asm: service call has been retried 1 time(s): failed to fetch secret ${arn} from secrets manager: AccessDeniedException: Access to KMS is not allowed status code: 400, request id: `)}`),
    );
    sandbox.iam("PutRolePolicy", {
      RoleName: "ecsTaskExecutionRole",
      PolicyName: "decrypt",
      PolicyDocument: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "kms:Decrypt", Resource: "arn:aws:kms:ap-northeast-1:123456789012:alias/orders" }] }),
    });
    const fixed = run(sandbox, withSecret(arn));
    sandbox.advance(180);
    expect(sandbox.describeTask(fixed).lastStatus).toBe("RUNNING");
  });
});
