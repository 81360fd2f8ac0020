import { describe, expect, test } from "vitest";
import { FARGATE_TIMING } from "@/lib/sandbox/engine";
import { AWSVPC, EngineDriver, fargateTd } from "./support/engine";
import secretsScenario from "@/lib/sandbox/scenarios/secrets.json";

const T = FARGATE_TIMING;
const ROLE = "arn:aws:iam::123456789012:role/ecsTaskExecutionRole";
const SECRET_ARN = "arn:aws:secretsmanager:ap-northeast-1:123456789012:secret:dojo/db-passwrd-AbCdEf";
const PREFIX = "ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed:";

function withScenario() {
  const sandbox = new EngineDriver();
  sandbox.sandbox("ApplyScenario", secretsScenario);
  return sandbox;
}

function run(sandbox: EngineDriver, td: Record<string, unknown>) {
  sandbox.call("RegisterTaskDefinition", td);
  return sandbox.call("RunTask", { cluster: "dojo", taskDefinition: td.family, launchType: "FARGATE", networkConfiguration: AWSVPC }).tasks[0].taskArn as string;
}

const withSecret = (valueFrom: string, executionRoleArn = ROLE) =>
  fargateTd("db", "ecs-dojo/web:1", { executionRoleArn }, { secrets: [{ name: "DB_PASSWORD", valueFrom }] });

describe("run-time start failures (TaskFailedToStart)", () => {
  test("a secret that does not exist in the sandbox account: ResourceInitializationError, never RUNNING", () => {
    const sandbox = withScenario();
    const arn = run(sandbox, withSecret(SECRET_ARN));
    const statuses = new Set<string>();
    sandbox.stepTo(120, 1, () => statuses.add(sandbox.describeTask(arn).lastStatus));
    const task = sandbox.describeTask(arn);
    expect(task).toMatchObject({ lastStatus: "STOPPED", desiredStatus: "STOPPED", stopCode: "TaskFailedToStart" });
    expect(task.stoppedReason).toBe(
      `${PREFIX} unable to retrieve secret from asm: service call has been retried 1 time(s): failed to fetch secret ${SECRET_ARN} from secrets manager: ResourceNotFoundException: Secrets Manager can't find the specified secret.`,
    );
    expect(task.startedAt).toBeUndefined();
    expect(task.containers[0].exitCode).toBeUndefined();
    expect([...statuses]).toEqual(["PROVISIONING", "PENDING", "DEPROVISIONING", "STOPPED"]);
  });

  test("the fix: the secret's real name (with its ARN suffix) lets the task run", () => {
    const sandbox = withScenario();
    const arn = run(sandbox, withSecret("arn:aws:secretsmanager:ap-northeast-1:123456789012:secret:dojo/db-password-Xy12Zq"));
    sandbox.advance(120);
    expect(sandbox.describeTask(arn).lastStatus).toBe("RUNNING");
  });

  test("a role without secretsmanager:GetSecretValue is denied, naming the assumed role and the task", () => {
    const sandbox = withScenario();
    const secret = "arn:aws:secretsmanager:ap-northeast-1:123456789012:secret:dojo/db-password-Xy12Zq";
    const arn = run(sandbox, withSecret(secret, "arn:aws:iam::123456789012:role/ecsTaskExecutionRoleNoSecrets"));
    sandbox.advance(120);
    const taskId = arn.split("/").pop();
    expect(sandbox.describeTask(arn).stoppedReason).toBe(
      `${PREFIX} unable to retrieve secret from asm: service call has been retried 1 time(s): failed to fetch secret ${secret} from secrets manager: AccessDeniedException: User: arn:aws:sts::123456789012:assumed-role/ecsTaskExecutionRoleNoSecrets/${taskId} is not authorized to perform: secretsmanager:GetSecretValue on resource: ${secret} because no identity-based policy allows the secretsmanager:GetSecretValue action`,
    );
  });

  test("SSM parameters: a missing one fails, an existing one runs", () => {
    const sandbox = withScenario();
    const missing = run(sandbox, withSecret("/dojo/api-kee"));
    sandbox.advance(60);
    expect(sandbox.describeTask(missing).stoppedReason).toBe(
      `${PREFIX} unable to retrieve secrets from ssm: service call has been retried 1 time(s): invalid parameters: /dojo/api-kee`,
    );
    const present = run(sandbox, withSecret("arn:aws:ssm:ap-northeast-1:123456789012:parameter/dojo/api-key"));
    sandbox.advance(120);
    expect(sandbox.describeTask(present).lastStatus).toBe("RUNNING");
  });

  test("secrets without an execution role are rejected at registration, as AWS does", () => {
    const sandbox = withScenario();
    const td = fargateTd("db", "ecs-dojo/web:1", {}, { secrets: [{ name: "DB_PASSWORD", valueFrom: SECRET_ARN }] });
    const error = sandbox.error("RegisterTaskDefinition", td);
    expect([error.type, error.message]).toEqual([
      "ClientException",
      "When you are specifying container secrets, you must also specify a value for 'executionRoleArn'.",
    ]);
  });

  test("a missing log group: the observed logger text; awslogs-create-group creates it when the role may", () => {
    const sandbox = withScenario();
    const logging = (group: string, create?: boolean) =>
      fargateTd("logs", "ecs-dojo/web:1", { executionRoleArn: ROLE }, {
        logConfiguration: {
          logDriver: "awslogs",
          options: {
            "awslogs-group": group,
            "awslogs-region": "ap-northeast-1",
            "awslogs-stream-prefix": "web",
            ...(create ? { "awslogs-create-group": "true" } : {}),
          },
        },
      });
    const missing = run(sandbox, logging("/ecs/nope"));
    sandbox.advance(60);
    expect(sandbox.describeTask(missing)).toMatchObject({
      stopCode: "TaskFailedToStart",
      stoppedReason:
        "ResourceInitializationError: failed to validate logger args: create stream has been retried 1 times: failed to create Cloudwatch log stream: ResourceNotFoundException: The specified log group does not exist. : exit status 1",
    });
    const existing = run(sandbox, logging("/ecs/web"));
    sandbox.advance(120);
    expect(sandbox.describeTask(existing).lastStatus).toBe("RUNNING");
    // The role has no logs:CreateLogGroup.
    const denied = run(sandbox, logging("/ecs/new", true));
    sandbox.advance(180);
    expect(sandbox.describeTask(denied).stoppedReason).toMatch(
      /^ResourceInitializationError: failed to validate logger args: create stream has been retried 1 times: failed to create Cloudwatch log group: AccessDeniedException: User: arn:aws:sts::123456789012:assumed-role\/ecsTaskExecutionRole\/[0-9a-f]{32} is not authorized to perform: logs:CreateLogGroup on resource: arn:aws:logs:ap-northeast-1:123456789012:log-group:\/ecs\/new:log-stream: : exit status 1$/,
    );
  });

  test("a service whose tasks cannot start reports it, then throttles its starts", () => {
    const sandbox = withScenario();
    sandbox.call("RegisterTaskDefinition", withSecret(SECRET_ARN));
    sandbox.call("CreateService", { cluster: "dojo", serviceName: "db", taskDefinition: "db", desiredCount: 1, launchType: "FARGATE", networkConfiguration: AWSVPC });
    const startsBy = (seconds: number) => {
      sandbox.advance(seconds);
      return sandbox.serviceTasks("db").length;
    };
    const early = startsBy(300);
    const events = sandbox.events("db");
    expect(events).toContain(
      `(service db) was unable to place a task. Reason: ${PREFIX} unable to retrieve secret from asm: service call has been retried 1 time(s): failed to fetch secret ${SECRET_ARN} from secrets manager: ResourceNotFoundException: Secrets Manager can't find the specified secret.`,
    );
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
    sandbox.call("RegisterTaskDefinition", withSecret(SECRET_ARN));
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
