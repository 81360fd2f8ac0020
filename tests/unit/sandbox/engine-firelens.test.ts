/**
 * FireLens (firelens.ts): an app container on the awsfirelens driver hands its lines to the task's log router (AWS for
 * Fluent Bit), which writes them to CloudWatch Logs with the TASK role; what the router cannot do shows in its own log
 * (awslogs, through the execution role). Start order, essential routers and registration come with it.
 */
import { describe, expect, test } from "vitest";
import { FARGATE_TIMING } from "@/lib/sandbox/engine";
import { runOperation } from "@/lib/sandbox/engine/simulation";
import { startOrder } from "@/lib/sandbox/engine/firelens";
import { outputLines, workloadOf } from "@/lib/sandbox/engine/workloads";
import { logsProvider } from "@/lib/sandbox/services/logs";
import { AWSVPC, EngineDriver } from "./support/engine";

const T = FARGATE_TIMING;
/** Seconds from RunTask to RUNNING for a Fargate task. */
const RUNNING_AFTER = (T.eniAttachStartMs + T.eniAttachMs + T.pullStartMs + T.pullMs + T.containerStartMs) / 1000;
const EXEC = "arn:aws:iam::123456789012:role/ecsTaskExecutionRole";
const TASK_ROLE = "arn:aws:iam::123456789012:role/app-task";
const ROUTER_IMAGE = "public.ecr.aws/aws-observability/aws-for-fluent-bit:stable";

const routerLogging = { logDriver: "awslogs", options: { "awslogs-group": "/ecs/firelens", "awslogs-region": "ap-northeast-1", "awslogs-stream-prefix": "firelens" } };
const firelensOptions = { Name: "cloudwatch_logs", region: "ap-northeast-1", log_group_name: "/ecs/app-firelens", log_stream_prefix: "app-" };

interface Shape {
  family?: string;
  taskRoleArn?: string | null;
  router?: Record<string, unknown>;
  app?: Record<string, unknown>;
  options?: Record<string, string>;
  appFirst?: boolean;
}

/** A Fargate task definition: `log_router` (AWS for Fluent Bit) and `app` (ecs-dojo/web) logging through it. */
function taskDefinition({ family = "shop", taskRoleArn = TASK_ROLE, router = {}, app = {}, options = {}, appFirst = false }: Shape = {}) {
  const logRouter = { name: "log_router", image: ROUTER_IMAGE, essential: true, firelensConfiguration: { type: "fluentbit" }, logConfiguration: routerLogging, memoryReservation: 50, ...router };
  const application = {
    name: "app",
    image: "ecs-dojo/web:1",
    essential: true,
    logConfiguration: { logDriver: "awsfirelens", options: { ...firelensOptions, ...options } },
    dependsOn: [{ containerName: "log_router", condition: "START" }],
    ...app,
  };
  return {
    family,
    networkMode: "awsvpc",
    requiresCompatibilities: ["FARGATE"],
    cpu: "256",
    memory: "512",
    executionRoleArn: EXEC,
    ...(taskRoleArn ? { taskRoleArn } : {}),
    containerDefinitions: appFirst ? [application, logRouter] : [logRouter, application],
  };
}

const LOGS_POLICY = (actions: string[]) =>
  JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: actions, Resource: "arn:aws:logs:ap-northeast-1:*:log-group:/ecs/app-firelens:*" }] });

/** A cluster, the router's group and the app's group, and the task role app-task with `actions` on /ecs/app-firelens. */
function sandbox(actions: string[] = ["logs:CreateLogStream", "logs:PutLogEvents"], groups = ["/ecs/firelens", "/ecs/app-firelens"]) {
  const driver = new EngineDriver();
  driver.sandbox("ApplyScenario", { clusters: [{ name: "dojo", capacityProviders: ["FARGATE"] }], logGroups: groups, roles: [{ name: "app-task", permissions: [] }] });
  if (actions.length > 0) driver.iam("PutRolePolicy", { RoleName: "app-task", PolicyName: "firelens-logs", PolicyDocument: LOGS_POLICY(actions) });
  return driver;
}

function run(driver: EngineDriver, td: Record<string, unknown>): string {
  driver.call("RegisterTaskDefinition", td);
  return driver.call("RunTask", { cluster: "dojo", taskDefinition: td.family, launchType: "FARGATE", networkConfiguration: AWSVPC }).tasks[0].taskArn;
}

const idOf = (taskArn: string) => taskArn.split("/").pop()!;

/** The events of one stream, oldest first ([] when the stream does not exist). */
function events(driver: EngineDriver, group: string, stream: string): string[] {
  try {
    const { output } = runOperation(driver.state, logsProvider.operations.GetLogEvents, { logGroupName: group, logStreamName: stream, startFromHead: true }, driver.state.clock.simMs, driver.account);
    return (output as { events: { message: string }[] }).events.map((e) => e.message);
  } catch {
    return [];
  }
}

const appLines = (driver: EngineDriver, taskArn: string) => events(driver, "/ecs/app-firelens", `app-app-firelens-${idOf(taskArn)}`);
const routerLines = (driver: EngineDriver, taskArn: string) => events(driver, "/ecs/firelens", `firelens/log_router/${idOf(taskArn)}`);
const logOf = (record: string) => (JSON.parse(record) as { log: string }).log;

describe("registration", () => {
  test("awsfirelens without a log router is refused with AWS's words", () => {
    const driver = sandbox();
    const td = taskDefinition();
    const error = driver.error("RegisterTaskDefinition", { ...td, containerDefinitions: [td.containerDefinitions[1]].map((c) => ({ ...c, dependsOn: undefined })) });
    expect([error.type, error.message]).toEqual([
      "ClientException",
      "When awsfirelens log driver is specified in log configuration, a firelens configuration object must be configured in one of the containers.",
    ]);
  });
});

describe("the log router image", () => {
  test("AWS for Fluent Bit under any of its names is the catalog's fluent-bit router", () => {
    for (const image of [
      ROUTER_IMAGE,
      "amazon/aws-for-fluent-bit:stable",
      "906394416424.dkr.ecr.ap-northeast-1.amazonaws.com/aws-for-fluent-bit:stable",
      "sbx/fluent-bit:stable",
      "123456789012.dkr.ecr.ap-northeast-1.amazonaws.com/sbx/fluent-bit:stable",
    ]) {
      expect(workloadOf(image, {}).name).toBe("fluent-bit");
    }
    expect(outputLines(workloadOf(ROUTER_IMAGE, {}), "start").map((l) => l.message)).toEqual([
      "AWS for Fluent Bit Container Image Version 2.34.3",
      "Fluent Bit v1.9.10",
    ]);
    expect(outputLines(workloadOf("amazon/aws-for-fluent-bit:3.4.8", {}), "start").map((l) => l.message)).toEqual(["AWS for Fluent Bit Container Image Version 3.4.8"]);
  });

  test("AWS's own regional ECR copy is pulled like a public image (no image-not-found)", () => {
    const driver = sandbox();
    const arn = run(driver, taskDefinition({ router: { image: "906394416424.dkr.ecr.ap-northeast-1.amazonaws.com/aws-for-fluent-bit:stable" } }));
    driver.advance(RUNNING_AFTER + 5);
    expect(driver.describeTask(arn).lastStatus).toBe("RUNNING");
  });
});

describe("routing to CloudWatch Logs with the task role", () => {
  test("the app's lines arrive in log_stream_prefix + <container>-firelens-<task id> as JSON records with FireLens metadata", () => {
    const driver = sandbox();
    const arn = run(driver, taskDefinition());
    driver.advance(RUNNING_AFTER + 5);
    expect(driver.describeTask(arn).lastStatus).toBe("RUNNING");
    const records = appLines(driver, arn);
    expect(records.map(logOf)).toEqual(["listening on :80", "serving v1"]);
    expect(JSON.parse(records[0])).toMatchObject({
      source: "stdout",
      ecs_cluster: "dojo",
      ecs_task_arn: arn,
      ecs_task_definition: "shop:1",
      container_name: expect.stringMatching(/^\/ecs-shop-1-app-[0-9a-f]{20}$/),
    });
    const id = idOf(arn);
    expect(routerLines(driver, arn)).toEqual([
      "AWS for Fluent Bit Container Image Version 2.34.3",
      "Fluent Bit v1.9.10",
      `[2026/01/01 00:00:25] [ info] [output:cloudwatch_logs:cloudwatch_logs.0] Creating log stream app-app-firelens-${id} in log group /ecs/app-firelens`,
      `[2026/01/01 00:00:25] [ info] [output:cloudwatch_logs:cloudwatch_logs.0] Created log stream app-app-firelens-${id}`,
    ]);
  });

  test("log_key log sends the bare line; enable-ecs-log-metadata false drops the ecs_ keys; Name cloudwatch (the Go plugin) routes too", () => {
    const driver = sandbox();
    const bare = run(driver, taskDefinition({ family: "bare", options: { log_key: "log" } }));
    const plain = run(driver, taskDefinition({ family: "plain", options: { Name: "cloudwatch" }, router: { firelensConfiguration: { type: "fluentbit", options: { "enable-ecs-log-metadata": "false" } } } }));
    driver.advance(RUNNING_AFTER + 5);
    expect(appLines(driver, bare)).toEqual(["listening on :80", "serving v1"]);
    const record = JSON.parse(appLines(driver, plain)[0]);
    expect(record.log).toBe("listening on :80");
    expect(record).not.toHaveProperty("ecs_cluster");
    expect(routerLines(driver, plain)[2]).toContain("[output:cloudwatch:cloudwatch.0] Creating log stream");
  });

  test("log_stream_name names the stream itself", () => {
    const driver = sandbox();
    const arn = run(driver, taskDefinition({ options: { log_stream_prefix: undefined as unknown as string, log_stream_name: "shop-app" } }));
    driver.advance(RUNNING_AFTER + 5);
    expect(events(driver, "/ecs/app-firelens", "shop-app").map(logOf)).toEqual(["listening on :80", "serving v1"]);
    expect(appLines(driver, arn)).toEqual([]);
  });

  test("without a task role: no credentials, nothing arrives, the task runs on", () => {
    const driver = sandbox();
    const arn = run(driver, taskDefinition({ taskRoleArn: null }));
    driver.advance(RUNNING_AFTER + 5);
    expect(driver.describeTask(arn).lastStatus).toBe("RUNNING");
    expect(appLines(driver, arn)).toEqual([]);
    expect(routerLines(driver, arn).slice(2)).toEqual([
      "[2026/01/01 00:00:25] [error] [signv4] Provider returned no credentials, service=logs",
      "[2026/01/01 00:00:25] [error] [aws_client] could not sign request",
      "[2026/01/01 00:00:25] [error] [output:cloudwatch_logs:cloudwatch_logs.0] Failed to create log stream",
    ]);
  });

  test("logs permissions on the execution role do not help: the router asks with the task role and is denied; the fix is the task role's policy", () => {
    const driver = sandbox([]);
    driver.iam("PutRolePolicy", { RoleName: "ecsTaskExecutionRole", PolicyName: "firelens-logs", PolicyDocument: LOGS_POLICY(["logs:CreateLogStream", "logs:PutLogEvents"]) });
    const denied = run(driver, taskDefinition());
    driver.advance(RUNNING_AFTER + 5);
    const id = idOf(denied);
    const stream = `arn:aws:logs:ap-northeast-1:123456789012:log-group:/ecs/app-firelens:log-stream:app-app-firelens-${id}`;
    expect(driver.describeTask(denied).lastStatus).toBe("RUNNING");
    expect(appLines(driver, denied)).toEqual([]);
    expect(routerLines(driver, denied).slice(2)).toEqual([
      `[2026/01/01 00:00:25] [ info] [output:cloudwatch_logs:cloudwatch_logs.0] Creating log stream app-app-firelens-${id} in log group /ecs/app-firelens`,
      `[2026/01/01 00:00:25] [error] [output:cloudwatch_logs:cloudwatch_logs.0] CreateLogStream API responded with error='AccessDeniedException', message='User: arn:aws:sts::123456789012:assumed-role/app-task/${id} is not authorized to perform: logs:CreateLogStream on resource: ${stream} because no identity-based policy allows the logs:CreateLogStream action'`,
      "[2026/01/01 00:00:25] [error] [output:cloudwatch_logs:cloudwatch_logs.0] Failed to create log stream",
      "[2026/01/01 00:00:25] [error] [output:cloudwatch_logs:cloudwatch_logs.0] Failed to send events",
    ]);
    driver.iam("PutRolePolicy", { RoleName: "app-task", PolicyName: "firelens-logs", PolicyDocument: LOGS_POLICY(["logs:CreateLogStream", "logs:PutLogEvents"]) });
    const fixed = run(driver, { ...taskDefinition(), family: "shop" });
    driver.advance(RUNNING_AFTER * 2 + 10);
    expect(appLines(driver, fixed).map(logOf)).toEqual(["listening on :80", "serving v1"]);
  });

  test("CreateLogStream without PutLogEvents: the stream is made and stays empty", () => {
    const driver = sandbox(["logs:CreateLogStream"]);
    const arn = run(driver, taskDefinition());
    driver.advance(RUNNING_AFTER + 5);
    const streams = runOperation(driver.state, logsProvider.operations.DescribeLogStreams, { logGroupName: "/ecs/app-firelens" }, driver.state.clock.simMs, driver.account).output as { logStreams: { logStreamName: string }[] };
    expect(streams.logStreams.map((s) => s.logStreamName)).toEqual([`app-app-firelens-${idOf(arn)}`]);
    expect(appLines(driver, arn)).toEqual([]);
    const router = routerLines(driver, arn);
    expect(router.at(-2)).toMatch(/PutLogEvents API responded with error='AccessDeniedException', message='User: .* is not authorized to perform: logs:PutLogEvents/);
    expect(router.at(-1)).toBe("[2026/01/01 00:00:25] [error] [output:cloudwatch_logs:cloudwatch_logs.0] Failed to send events");
  });

  test("a missing group: ResourceNotFoundException without auto_create_group; created with it when the task role may", () => {
    const driver = sandbox(["logs:CreateLogStream", "logs:PutLogEvents"], ["/ecs/firelens"]);
    const missing = run(driver, taskDefinition({ family: "missing" }));
    driver.advance(RUNNING_AFTER + 5);
    expect(routerLines(driver, missing).slice(2)).toEqual([
      "[2026/01/01 00:00:25] [error] [output:cloudwatch_logs:cloudwatch_logs.0] CreateLogStream API responded with error='ResourceNotFoundException', message='The specified log group does not exist.'",
      "[2026/01/01 00:00:25] [error] [output:cloudwatch_logs:cloudwatch_logs.0] Failed to create log stream",
      "[2026/01/01 00:00:25] [error] [output:cloudwatch_logs:cloudwatch_logs.0] Failed to send events",
    ]);
    const refused = run(driver, taskDefinition({ family: "refused", options: { auto_create_group: "true" } }));
    driver.advance(RUNNING_AFTER * 2 + 10);
    expect(routerLines(driver, refused).slice(2)).toEqual([
      expect.stringContaining("[ info] [output:cloudwatch_logs:cloudwatch_logs.0] Creating log group /ecs/app-firelens"),
      expect.stringMatching(/CreateLogGroup API responded with error='AccessDeniedException', message='User: .*app-task.* is not authorized to perform: logs:CreateLogGroup/),
      expect.stringContaining("[error] [output:cloudwatch_logs:cloudwatch_logs.0] Failed to create log group"),
    ]);
    driver.iam("PutRolePolicy", { RoleName: "app-task", PolicyName: "firelens-logs", PolicyDocument: LOGS_POLICY(["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"]) });
    const created = run(driver, taskDefinition({ family: "created", options: { auto_create_group: "true" } }));
    driver.advance(RUNNING_AFTER * 3 + 20);
    expect(appLines(driver, created).map(logOf)).toEqual(["listening on :80", "serving v1"]);
    expect(routerLines(driver, created)[2]).toContain("Creating log group /ecs/app-firelens");
  });

  test("another Region's output is not modelled: nothing arrives here and the router says nothing", () => {
    const driver = sandbox();
    const arn = run(driver, taskDefinition({ options: { region: "us-east-1" } }));
    driver.advance(RUNNING_AFTER + 5);
    expect(appLines(driver, arn)).toEqual([]);
    expect(routerLines(driver, arn)).toHaveLength(2);
  });
});

describe("start and stop order", () => {
  test("the router starts first even when listed second, and stops last: the app's SIGTERM line still arrives", () => {
    const driver = sandbox();
    const td = taskDefinition({ appFirst: true, app: { dependsOn: undefined } });
    expect(startOrder(td as never)).toEqual([1, 0]);
    const arn = run(driver, td);
    driver.advance(RUNNING_AFTER + 5);
    expect(appLines(driver, arn).map(logOf)).toEqual(["listening on :80", "serving v1"]);
    driver.call("StopTask", { cluster: "dojo", task: arn }, RUNNING_AFTER + 10);
    driver.advance(RUNNING_AFTER + 60);
    expect(appLines(driver, arn).map(logOf)).toEqual(["listening on :80", "serving v1", "received SIGTERM, shutting down"]);
    expect(routerLines(driver, arn).at(-1)).toMatch(/^\[2026\/01\/01 00:00:\d\d\] \[engine\] caught signal \(SIGTERM\)$/);
  });

  test("a dependsOn written the other way overrides the default: the app starts first and its first lines are lost", () => {
    const td = taskDefinition({ app: { dependsOn: undefined }, router: { dependsOn: [{ containerName: "app", condition: "START" }] } });
    expect(startOrder(td as never)).toEqual([1, 0]);
    const driver = sandbox();
    const arn = run(driver, td);
    driver.advance(RUNNING_AFTER + 5);
    expect(appLines(driver, arn)).toEqual([]);
  });
});

describe("an essential router or not", () => {
  // A hard limit below the router's resident memory gets it OOM-killed 5 s after it starts (workloads.ts).
  const starvedRouter = (essential: boolean) => taskDefinition({ router: { essential, memory: 16, memoryReservation: undefined } });

  test("not essential: the task runs on without its router and what the app writes afterwards is lost without a sign", () => {
    const driver = sandbox();
    const arn = run(driver, starvedRouter(false));
    driver.advance(RUNNING_AFTER + 30);
    const task = driver.describeTask(arn);
    expect(task.lastStatus).toBe("RUNNING");
    expect(task.containers.find((c: { name: string }) => c.name === "log_router")).toMatchObject({ lastStatus: "STOPPED", exitCode: 137 });
    driver.call("StopTask", { cluster: "dojo", task: arn }, RUNNING_AFTER + 40);
    driver.advance(RUNNING_AFTER + 90);
    expect(appLines(driver, arn).map(logOf)).toEqual(["listening on :80", "serving v1"]);
  });

  test("essential: the router's exit stops the task", () => {
    const driver = sandbox();
    const arn = run(driver, starvedRouter(true));
    driver.advance(RUNNING_AFTER + 30);
    expect(driver.describeTask(arn)).toMatchObject({ desiredStatus: "STOPPED", stopCode: "EssentialContainerExited", stoppedReason: "Essential container in task exited" });
  });
});
