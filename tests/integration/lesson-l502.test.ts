/**
 * Lesson L502 as a learner does it in their own terminal: `ecs-dojo credentials`, the preinstalled AWS CLI against
 * the running app, then `ecs-dojo check L502 --format json` — the same grader as the page's Check button. Each case
 * runs on its own app and database, so each is a fresh learner.
 */
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterEach, describe, expect, test } from "vitest";
import { startApp, TEST_SERVER_KEY, type AppServer } from "../support/app-server";
import { awsEcs, requireAwsCli, type CliTarget } from "./support/aws-cli";

const exec = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, "..", "..");
const BIN = path.join(ROOT, "bin", "ecs-dojo.mjs");
const SOLUTION = path.join(ROOT, "lessons", "M5-services-networking", "L502", "_solution");
const FILES = ["fargate-task.json", "service.json", "flow.sh"].flatMap((name) => ["--file", `${name}=${path.join(SOLUTION, name)}`]);
// The quiz's right answers, as a learner who read the page would give them.
const ANSWERS = (JSON.parse(fs.readFileSync(path.join(SOLUTION, "..", "quiz.json"), "utf8")) as { questions: { id: string; options: { id: string; correct: boolean }[] }[] }).questions.flatMap((q) => [
  "--answer",
  `${q.id}=${q.options.filter((o) => o.correct).map((o) => o.id).join(",")}`,
]);

let app: AppServer | undefined;
afterEach(async () => {
  await app?.stop();
  app = undefined;
});

async function ecsDojo(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = { ...process.env, DATABASE_URL: app!.databaseUrl, DOJO_SECRET_KEY: TEST_SERVER_KEY };
  try {
    const { stdout, stderr } = await exec(process.execPath, [BIN, ...args], { cwd: ROOT, env, timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: Number(failed.code), stdout: failed.stdout ?? "", stderr: failed.stderr ?? "" };
  }
}

/** A fresh app (simulated time fast enough for a service to settle while the CLI runs) and the local learner's CLI. */
async function learner(): Promise<CliTarget> {
  await requireAwsCli();
  app = await startApp({ env: { DOJO_SANDBOX_SPEED: "200" } });
  const printed = (await ecsDojo(["credentials", "--url", `${app.url}/aws`])).stdout;
  const value = (name: string) => new RegExp(`export ${name}=(\\S+)`).exec(printed)?.[1] ?? "";
  return {
    endpointUrl: `${app.url}/aws`,
    accessKeyId: value("AWS_ACCESS_KEY_ID"),
    secretAccessKey: value("AWS_SECRET_ACCESS_KEY"),
    region: "ap-northeast-1",
    workDir: fs.mkdtempSync(path.join(os.tmpdir(), "l502-")),
  };
}

async function check(): Promise<{ code: number; report: { lesson: string; passed: boolean; checks: { id: string; passed: boolean; detail: string | null }[] } }> {
  const run = await ecsDojo(["check", "L502", "--format", "json", "--url", `${app!.url}/aws`, ...FILES, ...ANSWERS]);
  return { code: run.code, report: JSON.parse(run.stdout) };
}

const failed = (report: Awaited<ReturnType<typeof check>>["report"]) => report.checks.filter((c) => !c.passed);

async function untilChecked(want: (report: Awaited<ReturnType<typeof check>>["report"]) => boolean) {
  // The service settles in simulated time; a learner would wait with `aws ecs wait services-stable`.
  for (let attempt = 0; ; attempt++) {
    const result = await check();
    if (want(result.report) || attempt === 10) return result;
    await new Promise((r) => setTimeout(r, 1000));
  }
}

describe("L502 done with the AWS CLI, graded by ecs-dojo check", () => {
  test("the whole flow passes every check", async () => {
    const cli = await learner();
    expect((await awsEcs(["create-cluster", "--cluster-name", "fargate-cluster"], cli)).code).toBe(0);
    expect((await awsEcs(["register-task-definition", "--cli-input-json", `file://${SOLUTION}/fargate-task.json`], cli)).code).toBe(0);
    expect((await awsEcs(["create-service", "--cli-input-json", `file://${SOLUTION}/service.json`], cli)).code).toBe(0);
    // What `aws ecs wait services-stable` calls: the lesson grades looking before scaling.
    expect((await awsEcs(["describe-services", "--cluster", "fargate-cluster", "--services", "fargate-service"], cli)).code).toBe(0);
    expect((await awsEcs(["update-service", "--cluster", "fargate-cluster", "--service", "fargate-service", "--desired-count", "2"], cli)).code).toBe(0);
    const { code, report } = await untilChecked((r) => r.passed);
    expect(failed(report)).toEqual([]);
    expect(report).toMatchObject({ lesson: "L502", passed: true });
    expect(code).toBe(0);
  });

  test("without the UpdateService step, the call-history check fails and says what is missing", async () => {
    const cli = await learner();
    await awsEcs(["create-cluster", "--cluster-name", "fargate-cluster"], cli);
    await awsEcs(["register-task-definition", "--cli-input-json", `file://${SOLUTION}/fargate-task.json`], cli);
    await awsEcs(["create-service", "--cli-input-json", `file://${SOLUTION}/service.json`], cli);
    await awsEcs(["describe-services", "--cluster", "fargate-cluster", "--services", "fargate-service"], cli);
    const { code, report } = await untilChecked((r) => r.checks.find((c) => c.id === "steady-2")?.detail?.includes("desired 1, running 1") ?? false);
    expect(code).toBe(1);
    const order = report.checks.find((c) => c.id === "flow-order")!;
    expect(order.passed).toBe(false);
    expect(order.detail).toMatch(/Expected: a call to UpdateService after DescribeServices\. Seen: none since the exercise started\./);
  });

  test("with CreateService missing its network configuration, the failure quotes the AWS error the learner saw", async () => {
    const cli = await learner();
    await awsEcs(["create-cluster", "--cluster-name", "fargate-cluster"], cli);
    await awsEcs(["register-task-definition", "--cli-input-json", `file://${SOLUTION}/fargate-task.json`], cli);
    const refused = await awsEcs(
      ["create-service", "--cluster", "fargate-cluster", "--service-name", "fargate-service", "--task-definition", "sample-fargate:1", "--desired-count", "1", "--launch-type", "FARGATE", "--enable-execute-command"],
      cli,
    );
    expect(refused.code).toBe(255);
    expect(refused.stderr).toContain("Network Configuration must be provided when networkMode 'awsvpc' is specified.");
    const { code, report } = await check();
    expect(code).toBe(1);
    const order = report.checks.find((c) => c.id === "flow-order")!;
    expect(order.detail).toBe(
      "Expected: a successful CreateService call. Seen: your CreateService failed — AWS answered InvalidParameterException: Network Configuration must be provided when networkMode 'awsvpc' is specified.",
    );
  });
});
