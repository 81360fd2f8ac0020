/**
 * The sandbox check kinds against a real gateway (node:http, the app's own gateway over an in-memory store) through
 * the AWS SDK, as the grader reads a learner's sandbox: each passes on the state it asks for and fails, naming
 * what it saw, on the state it must reject. (Every kind also passes on a lesson's solution in `lessons verify`.)
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { RegisterTaskDefinitionCommand, UpdateServiceCommand } from "@aws-sdk/client-ecs";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { CHECK_KIND_BY_NAME } from "@/lib/course/grading/checks";
import { gradeLesson } from "@/lib/course/grading/grade";
import type { Lesson, LessonCheck } from "@/lib/course/load";
import { remoteSandbox, sandboxNowMs, type RemoteSandbox } from "@/lib/sandbox/client";
import { handleAwsRequest, type GatewayDeps } from "@/lib/sandbox/gateway";
import { MemorySandboxStore } from "@/lib/sandbox/memory-store";

const KEY = { accessKeyId: "AKIDCHECKS0000000001", secretAccessKey: "checks-secret-0123456789" };
let server: http.Server;
let sandbox: RemoteSandbox;
let grader: RemoteSandbox;

beforeAll(async () => {
  // A frozen wall clock (near now, so signatures are current): simulated time moves only where the scenario says.
  const frozen = Date.now();
  const deps: GatewayDeps = {
    store: new MemorySandboxStore(),
    credentials: { lookup: async (key) => (key === KEY.accessKeyId ? { accountId: "111122223333", secretAccessKey: KEY.secretAccessKey } : null) },
    now: () => frozen,
    log: () => {},
  };
  server = http.createServer((req, res) => {
    const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
    void handleAwsRequest({ method: req.method ?? "POST", path: req.url ?? "/", headers, body: req }, deps).then((a) => res.writeHead(a.status, a.headers).end(a.body));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/aws`;
  sandbox = remoteSandbox({ endpoint, region: "ap-northeast-1", credentials: KEY });
  grader = remoteSandbox({ endpoint, region: "ap-northeast-1", credentials: KEY, grader: true });
  // F06: one t3.micro (998 MiB) for three 512 MiB tasks — placement fails; and a batch job that exits 3.
  await sandbox.dojo("ApplyScenario", {
    scenario: {
      clusters: [{ name: "small", instances: [{ instanceType: "t3.micro", count: 1 }] }],
      taskDefinitions: [
        { family: "api", requiresCompatibilities: ["EC2"], networkMode: "bridge", containerDefinitions: [{ name: "api", image: "ecs-dojo/web:1", memory: 512 }] },
        { family: "job", requiresCompatibilities: ["EC2"], networkMode: "bridge", containerDefinitions: [{ name: "job", image: "ecs-dojo/batch:1", memory: 128, environment: [{ name: "EXIT_CODE", value: "3" }] }] },
      ],
      services: [{ cluster: "small", serviceName: "api", taskDefinition: "api", desiredCount: 3, launchType: "EC2" }],
      tasks: [{ cluster: "small", taskDefinition: "job", launchType: "EC2" }],
      advanceSeconds: 120,
    },
  });
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function run(check: Record<string, unknown>, lang: "en" | "ja" = "en") {
  // Through the kind's schema, as the course loader reads lesson.json (defaults filled in).
  const parsed = { id: "c", title: { en: "t", ja: "t" }, ...check, ...CHECK_KIND_BY_NAME.get(String(check.kind))!.schema.parse(check) };
  const lesson = { files: [], checks: [parsed as LessonCheck], hints: { tiers: { en: [], ja: [] }, rules: {} } } as unknown as Lesson;
  const grade = await gradeLesson(lesson, { files: {} }, { lang, sandbox: { ecs: grader.ecs, logs: grader.logs, iam: grader.iam, now: () => sandboxNowMs(grader.dojo) }, calls: async () => [] });
  return grade.checks[0];
}

describe("sandbox check kinds", () => {
  test("cluster: passes with its instances, fails for a missing cluster or too few instances", async () => {
    expect((await run({ kind: "cluster", cluster: "small", minInstances: 1 })).passed).toBe(true);
    expect(await run({ kind: "cluster", cluster: "nope" })).toMatchObject({ passed: false, detail: expect.stringContaining("the cluster nope in your sandbox. Seen: no such cluster") });
    expect(await run({ kind: "cluster", cluster: "small", minInstances: 2 })).toMatchObject({ passed: false, detail: "Expected: small with at least 2 registered container instances. Seen: 1." });
  });

  test("service-events: finds the placement failure, and fails 'no such event' quoting it", async () => {
    const pattern = "insufficient memory";
    expect((await run({ kind: "service-events", cluster: "small", service: "api", matches: pattern, present: true })).passed).toBe(true);
    const absent = await run({ kind: "service-events", cluster: "small", service: "api", matches: pattern, present: false, since: "deployment" });
    expect(absent.passed).toBe(false);
    expect(absent.detail).toMatch(/^Expected: no such event for api\. Seen: “\(service api\) was unable to place a task.*insufficient memory/);
  });

  test("task-stopped: matches the exit code the job stopped with, and names what it saw otherwise", async () => {
    expect((await run({ kind: "task-stopped", cluster: "small", family: "job", stopCode: "EssentialContainerExited", exitCode: 3 })).passed).toBe(true);
    const wrong = await run({ kind: "task-stopped", cluster: "small", family: "job", exitCode: 0 });
    expect(wrong.passed).toBe(false);
    expect(wrong.detail).toMatch(/^Expected: a STOPPED task in small with exit code 0\. Seen: [0-9a-f]{32}: EssentialContainerExited, “Essential container in task exited”, exit 3\.$/);
  });

  test("service-steady and deployment fail while placement fails, saying how far the service got", async () => {
    const steady = await run({ kind: "service-steady", cluster: "small", service: "api", runningCount: 3 });
    expect(steady.detail).toBe("Expected: api steady with 3 running tasks. Seen: desired 3, running 1, pending 0.");
    expect(await run({ kind: "deployment", cluster: "small", service: "api", rolloutState: "COMPLETED" }, "ja")).toMatchObject({ passed: false, detail: expect.stringMatching(/^期待: api の最新のデプロイが COMPLETED。実際: IN_PROGRESS \(api:1\)。$/) });
  });

  test("task-running and task-definition: standalone vs service tasks; a field of the registered revision", async () => {
    expect(await run({ kind: "task-running", cluster: "small", family: "api", standalone: false })).toMatchObject({ passed: true });
    expect(await run({ kind: "task-running", cluster: "small", family: "api", standalone: true })).toMatchObject({ passed: false, detail: "Expected: at least 1 RUNNING standalone task(s) of api. Seen: 0." });
    expect((await run({ kind: "task-definition", family: "api", fields: [{ path: "/containerDefinitions/[name=api]/memory", equals: 512 }] })).passed).toBe(true);
    expect(await run({ kind: "task-definition", family: "api", fields: [{ path: "/containerDefinitions/[name=api]/memory", min: 600 }] })).toMatchObject({ passed: false, detail: "Expected: api:1 /containerDefinitions/[name=api]/memory ≥ 600. Seen: 512." });
    expect(await run({ kind: "task-definition", family: "nope" })).toMatchObject({ passed: false, detail: "Expected: the task definition nope. Seen: it is not registered in your sandbox." });
  });

  test("task-running with healthStatus: counts only tasks of that health, and names the health it saw", async () => {
    // The api container has no health check, so its task reports UNKNOWN (HealthCheck API reference).
    expect((await run({ kind: "task-running", cluster: "small", family: "api", healthStatus: "UNKNOWN" })).passed).toBe(true);
    expect(await run({ kind: "task-running", cluster: "small", family: "api", healthStatus: "HEALTHY" })).toMatchObject({
      passed: false,
      detail: "Expected: at least 1 RUNNING task(s) of api with healthStatus HEALTHY. Seen: 0 (healthStatus of the RUNNING ones: UNKNOWN).",
    });
    expect(await run({ kind: "task-running", cluster: "small", family: "api", healthStatus: "HEALTHY" }, "ja")).toMatchObject({
      passed: false,
      detail: "期待: healthStatus が HEALTHY で RUNNING のタスク (api)が 1 個以上。実際: 0 個 (RUNNING のタスクの healthStatus: UNKNOWN)。",
    });
  });

  test("iam-simulation: IAM's evaluation of every policy the role has now, naming the decision it saw", async () => {
    // A scenario role with one allowed action; then a policy the learner puts on it later counts too.
    await sandbox.dojo("ApplyScenario", { scenario: { roles: [{ name: "reports-task", permissions: ["s3:GetObject"] }] } });
    const report = "arn:aws:s3:::sbx-reports/daily/report.csv";
    const check = (allowedPut: boolean) => ({
      kind: "iam-simulation",
      role: "reports-task",
      expect: [
        { action: "s3:GetObject", resource: report, allowed: true },
        { action: "s3:PutObject", resource: report, allowed: allowedPut },
      ],
    });
    expect((await run(check(false))).passed).toBe(true);
    expect(await run(check(true))).toMatchObject({
      passed: false,
      detail: `Expected: reports-task allowed s3:PutObject on ${report}. Seen: implicitDeny (IAM's policy simulation of every policy the role has now).`,
    });
    expect(await run(check(true), "ja")).toMatchObject({
      passed: false,
      detail: `期待: reports-task に ${report} に対する s3:PutObject が許可されていること。実際: implicitDeny (ロールに今付いているすべてのポリシーを IAM のポリシーシミュレーションで評価した結果)。`,
    });
    expect(await run({ ...check(false), role: "nobody" })).toMatchObject({ passed: false, detail: "Expected: the IAM role nobody in your account. Seen: no such role." });
  });

  test("iam-simulation: a resource in the curriculum's account 123456789012 is asked about in the learner's own account", async () => {
    await sandbox.dojo("ApplyScenario", { scenario: { roles: [{ name: "shop-task", permissions: [] }] } });
    // The learner's policy names their own account (111122223333 here), as the CLI printed it.
    await sandbox.iam("PutRolePolicy", {
      RoleName: "shop-task",
      PolicyName: "logs",
      PolicyDocument: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "logs:PutLogEvents", Resource: "arn:aws:logs:ap-northeast-1:111122223333:log-group:/ecs/shop:*" }] }),
    });
    const stream = (account: string) => `arn:aws:logs:ap-northeast-1:${account}:log-group:/ecs/shop:log-stream:app`;
    const check = (resource: string) => ({ kind: "iam-simulation", role: "shop-task", expect: [{ action: "logs:PutLogEvents", resource, allowed: true }] });
    expect((await run(check(stream("123456789012")))).passed).toBe(true);
    expect((await run(check(stream("111122223333")))).passed).toBe(true);
    expect((await run(check(stream("444455556666")))).passed).toBe(false);
  });

  test("log-events: finds what a container wrote through awslogs, and names the group, the count and the latest line otherwise", async () => {
    // A web task on its own instance, logging to /ecs/web with the stream prefix web (web/<container>/<task id>).
    await sandbox.dojo("ApplyScenario", {
      scenario: {
        clusters: [{ name: "logged", instances: [{ instanceType: "t3.micro", count: 1 }] }],
        logGroups: ["/ecs/web", "/ecs/empty"],
        taskDefinitions: [
          {
            family: "logged-web",
            requiresCompatibilities: ["EC2"],
            networkMode: "bridge",
            containerDefinitions: [
              {
                name: "web",
                image: "ecs-dojo/web:1",
                memory: 128,
                logConfiguration: { logDriver: "awslogs", options: { "awslogs-group": "/ecs/web", "awslogs-region": "ap-northeast-1", "awslogs-stream-prefix": "web" } },
              },
            ],
          },
        ],
        tasks: [{ cluster: "logged", taskDefinition: "logged-web", launchType: "EC2" }],
        advanceSeconds: 30,
      },
    });
    expect((await run({ kind: "log-events", logGroup: "/ecs/web", matches: "^listening on :80$" })).passed).toBe(true);
    expect((await run({ kind: "log-events", logGroup: "/ecs/web", logStreamPrefix: "web/web/", matches: "serving v1" })).passed).toBe(true);
    expect((await run({ kind: "log-events", logGroup: "/ecs/web", matches: "panic", present: false })).passed).toBe(true);
    expect(await run({ kind: "log-events", logGroup: "/ecs/web", matches: "connected as orders" })).toMatchObject({
      passed: false,
      detail: "Expected: a log event matching /connected as orders/ in the log group /ecs/web. Seen: 2 events, none matching; the latest: “serving v1”.",
    });
    expect(await run({ kind: "log-events", logGroup: "/ecs/web", logStreamPrefix: "api/", matches: "listening" }, "ja")).toMatchObject({
      passed: false,
      detail: "期待: ロググループ /ecs/web (api/ で始まるストリーム)に /listening/ に一致するログイベントがあること。実際: ログイベントがありません。",
    });
    expect(await run({ kind: "log-events", logGroup: "/ecs/web", matches: "^serving", present: false })).toMatchObject({
      passed: false,
      detail: expect.stringMatching(/^Expected: no log event matching \/\^serving\/ in the log group \/ecs\/web\. Seen: “serving v1” in the stream web\/web\/[0-9a-f]{32}\.$/),
    });
    expect(await run({ kind: "log-events", logGroup: "/ecs/nope", matches: "x" })).toMatchObject({ passed: false, detail: "Expected: the log group /ecs/nope in your sandbox. Seen: no such log group." });
    expect(await run({ kind: "log-events", logGroup: "/ecs/nope", matches: "x" }, "ja")).toMatchObject({ passed: false, detail: "期待: サンドボックスにロググループ /ecs/nope があること。実際: ありません。" });
  });

  // Last: it registers a revision and changes the service, which the tests above do not expect.
  test("deployment: family:latest means the newest revision; fields read the configuration the newest deployment started with", async () => {
    const percent = "/deploymentConfiguration/minimumHealthyPercent";
    expect((await run({ kind: "deployment", cluster: "small", service: "api", fields: [{ path: percent, equals: 100 }] })).passed).toBe(true);
    // A new configuration alone starts no deployment: the service shows it, the running deployment keeps what it started with.
    await sandbox.ecs.send(new UpdateServiceCommand({ cluster: "small", service: "api", deploymentConfiguration: { minimumHealthyPercent: 50, maximumPercent: 200 } }));
    expect((await run({ kind: "service", cluster: "small", service: "api", fields: [{ path: percent, equals: 50 }] })).passed).toBe(true);
    expect(await run({ kind: "deployment", cluster: "small", service: "api", fields: [{ path: percent, equals: 50 }] })).toMatchObject({
      passed: false,
      detail: "Expected: api's newest deployment (describe-service-deployments) /deploymentConfiguration/minimumHealthyPercent = 50. Seen: 100.",
    });
    expect(await run({ kind: "deployment", cluster: "small", service: "api", fields: [{ path: percent, equals: 50 }] }, "ja")).toMatchObject({
      passed: false,
      detail: "期待: api の最新のデプロイ (describe-service-deployments) の /deploymentConfiguration/minimumHealthyPercent = 50。実際: 100。",
    });
    // answer: the expected value is the learner's to work out, so a failure does not print it.
    expect(await run({ kind: "deployment", cluster: "small", service: "api", answer: true, fields: [{ path: percent, equals: 50 }] })).toMatchObject({
      passed: false,
      detail: "Expected: api's newest deployment (describe-service-deployments) with the right value at /deploymentConfiguration/minimumHealthyPercent. Seen: 100, which is not it yet.",
    });
    // A registered revision that is not deployed: family:latest names it, the service still runs api:1.
    await sandbox.ecs.send(
      new RegisterTaskDefinitionCommand({ family: "api", requiresCompatibilities: ["EC2"], networkMode: "bridge", containerDefinitions: [{ name: "api", image: "ecs-dojo/web:1", memory: 256 }] }),
    );
    expect((await run({ kind: "deployment", cluster: "small", service: "api", rolloutState: "IN_PROGRESS", taskDefinition: "api" })).passed).toBe(true);
    expect(await run({ kind: "deployment", cluster: "small", service: "api", rolloutState: "IN_PROGRESS", taskDefinition: "api:latest" })).toMatchObject({
      passed: false,
      detail: "Expected: api's newest deployment IN_PROGRESS (api:2, the newest revision). Seen: IN_PROGRESS (api:1).",
    });
    expect(await run({ kind: "deployment", cluster: "small", service: "api", taskDefinition: "api:latest" }, "ja")).toMatchObject({
      passed: false,
      detail: "期待: api の最新のデプロイのタスク定義が 最新のリビジョン api:2。実際: IN_PROGRESS (api:1)。",
    });
    expect(await run({ kind: "deployment", cluster: "small", service: "api", taskDefinition: "nope:latest" })).toMatchObject({
      passed: false,
      detail: "Expected: api's newest deployment on the newest revision of nope, which is not registered. Seen: IN_PROGRESS (api:1).",
    });
    // Deployed: the new deployment runs api:2 and started with 50 %.
    await sandbox.ecs.send(new UpdateServiceCommand({ cluster: "small", service: "api", taskDefinition: "api:2" }));
    expect((await run({ kind: "deployment", cluster: "small", service: "api", taskDefinition: "api:latest", fields: [{ path: percent, equals: 50 }] })).passed).toBe(true);
  });
});
