/**
 * The workloads whose start depends on the account (workload-probes.ts): s3reader reads S3 with the task role, dbclient
 * logs in with the password ECS injected from Secrets Manager. What they write is what a learner reads in CloudWatch Logs.
 */
import { describe, expect, test } from "vitest";
import { runOperation } from "@/lib/sandbox/engine/simulation";
import { logsProvider } from "@/lib/sandbox/services/logs";
import { AWSVPC, EngineDriver, fargateTd } from "./support/engine";

const EXEC = "arn:aws:iam::123456789012:role/ecsTaskExecutionRole";
const awslogs = { logDriver: "awslogs", options: { "awslogs-group": "/ecs/app", "awslogs-region": "ap-northeast-1", "awslogs-stream-prefix": "app" } };

function sandbox(scenario: object = {}) {
  const driver = new EngineDriver();
  driver.sandbox("ApplyScenario", { clusters: [{ name: "dojo", capacityProviders: ["FARGATE"] }], logGroups: ["/ecs/app"], ...scenario });
  return driver;
}

function run(driver: EngineDriver, td: Record<string, unknown>): string {
  driver.call("RegisterTaskDefinition", td);
  return driver.call("RunTask", { cluster: "dojo", taskDefinition: td.family, launchType: "FARGATE", networkConfiguration: AWSVPC }).tasks[0].taskArn;
}

function lines(driver: EngineDriver, taskArn: string): string[] {
  const stream = `app/app/${taskArn.split("/").pop()}`;
  const { output } = runOperation(driver.state, logsProvider.operations.GetLogEvents, { logGroupName: "/ecs/app", logStreamName: stream, startFromHead: true }, driver.state.clock.simMs, driver.account);
  return (output as { events: { message: string }[] }).events.map((e) => e.message);
}

describe("s3reader reads s3://$BUCKET/$KEY with the task role", () => {
  const reader = (taskRoleArn?: string) =>
    fargateTd("reports", "sbx/s3reader:1.0", { executionRoleArn: EXEC, ...(taskRoleArn ? { taskRoleArn } : {}) }, { logConfiguration: awslogs });

  test("without a task role there are no credentials; a role without s3:GetObject is denied; a least-privilege role reads it", () => {
    const driver = sandbox({
      roles: [
        { name: "reports-task", permissions: [] },
        { name: "exec-with-s3", permissions: ["ecr:*", "logs:*", "s3:*"] },
      ],
    });
    const none = run(driver, reader());
    const denied = run(driver, reader("arn:aws:iam::123456789012:role/reports-task"));
    // S3 on the execution role does not help the application (the common mistake).
    const wrongRole = run(driver, { ...reader(), family: "reports2", executionRoleArn: "arn:aws:iam::123456789012:role/exec-with-s3" });
    driver.advance(60);
    expect(lines(driver, none)[0]).toBe("botocore.exceptions.NoCredentialsError: Unable to locate credentials");
    expect(lines(driver, wrongRole)[0]).toBe("botocore.exceptions.NoCredentialsError: Unable to locate credentials");
    expect(lines(driver, denied)[0]).toBe(
      `An error occurred (AccessDenied) when calling the GetObject operation: User: arn:aws:sts::123456789012:assumed-role/reports-task/${denied.split("/").pop()} is not authorized to perform: s3:GetObject on resource: "arn:aws:s3:::sbx-reports/daily/report.csv" because no identity-based policy allows the s3:GetObject action`,
    );
    expect(driver.describeTask(denied).lastStatus).toBe("RUNNING");
    driver.iam("PutRolePolicy", {
      RoleName: "reports-task",
      PolicyName: "read-daily",
      PolicyDocument: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::sbx-reports/daily/*" }] }),
    });
    const fixed = run(driver, reader("arn:aws:iam::123456789012:role/reports-task"));
    driver.advance(120);
    expect(lines(driver, fixed)).toEqual(["report downloaded: s3://sbx-reports/daily/report.csv"]);
  });

  test("a container health check fails while the read fails", () => {
    const driver = sandbox({ roles: [{ name: "reports-task", permissions: [] }] });
    const task = run(driver, fargateTd("reports", "sbx/s3reader:1.0", { executionRoleArn: EXEC, taskRoleArn: "arn:aws:iam::123456789012:role/reports-task" }, {
      logConfiguration: awslogs,
      healthCheck: { command: ["CMD-SHELL", "test -f /tmp/report.csv"], interval: 10, timeout: 5, retries: 2, startPeriod: 0 },
    }));
    driver.advance(120);
    expect(driver.describeTask(task).healthStatus).toBe("UNHEALTHY");
  });
});

describe("dbclient logs in with the password ECS injects", () => {
  const secretValue = JSON.stringify({ username: "orders", password: "n3w-Pa55" });
  const client = (container: Record<string, unknown>) => fargateTd("orders", "sbx/dbclient:1.0", { executionRoleArn: EXEC }, { logConfiguration: awslogs, ...container });

  test("from a secrets entry with a JSON key: connected; a literal wrong password: refused and exits 1; none: exits 1", () => {
    const driver = sandbox({ secrets: [{ name: "prod/orders/db", value: secretValue }] });
    driver.iam("PutRolePolicy", {
      RoleName: "ecsTaskExecutionRole",
      PolicyName: "db",
      PolicyDocument: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: "*" }] }),
    });
    const arn = Object.values(driver.state.secrets)[0].arn;
    const good = run(driver, client({ secrets: [{ name: "DB_PASSWORD", valueFrom: `${arn}:password::` }] }));
    const literal = run(driver, { ...client({ environment: [{ name: "DB_PASSWORD", value: "P@ssw0rd!" }] }), family: "orders-literal" });
    const missing = run(driver, { ...client({}), family: "orders-none" });
    driver.advance(60);
    expect(lines(driver, good)).toEqual(["connected as orders"]);
    expect(driver.describeTask(good).lastStatus).toBe("RUNNING");
    expect(lines(driver, literal)).toEqual(['FATAL: password authentication failed for user "orders"']);
    expect(driver.describeTask(literal)).toMatchObject({ stopCode: "EssentialContainerExited", containers: [{ exitCode: 1 }] });
    expect(lines(driver, missing)).toEqual(["DB_PASSWORD is not set"]);
  });
});

describe("awslogs in another Region", () => {
  test("a group missing there fails the task with the logger text; one that exists there lets it run (lines are not kept)", () => {
    const driver = sandbox();
    const td = (family: string) =>
      fargateTd(family, "ecs-dojo/web:1", { executionRoleArn: EXEC }, { logConfiguration: { ...awslogs, options: { ...awslogs.options, "awslogs-region": "us-east-1" } } });
    const missing = run(driver, td("away"));
    driver.advance(60);
    expect(driver.describeTask(missing).stoppedReason).toBe(
      "ResourceInitializationError: failed to validate logger args: create stream has been retried 1 times: failed to create Cloudwatch log stream: ResourceNotFoundException: The specified log group does not exist. : exit status 1",
    );
    const there = new EngineDriver();
    there.state = { ...there.state, region: "us-east-1" };
    there.sandbox("ApplyScenario", { logGroups: ["/ecs/app"] });
    driver.regions["us-east-1"] = there.state;
    const present = run(driver, td("away"));
    driver.advance(120);
    expect(driver.describeTask(present).lastStatus).toBe("RUNNING");
  });
});
