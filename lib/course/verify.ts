/**
 * `ecs-dojo lessons verify`: proves every lesson on a fresh embedded sandbox — the starter fails at least one check
 * and the solution passes every one. Sandbox work is done as a learner does it: `_solution/commands.sh` runs with
 * bash and the real AWS CLI against a private endpoint (node:http, the app's own gateway over an in-memory store),
 * then `verify.advanceSeconds` of simulated time pass. The endpoint's clock is frozen, so simulated time moves only
 * when the lesson says: the result does not depend on how fast the machine is.
 */
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { promisify } from "node:util";
import { handleAwsRequest, type GatewayDeps, type RecordedCall } from "@/lib/sandbox/gateway";
import { MemorySandboxStore } from "@/lib/sandbox/memory-store";
import { remoteSandbox, sandboxNowMs, type RemoteSandbox } from "@/lib/sandbox/client";
import { runAction } from "./actions";
import type { CallRecord } from "./grading/context";
import { checksNeedSandbox } from "./grading/checks";
import { gradeLesson, type CheckResult } from "./grading/grade";
import type { Course, Lesson } from "./load";

const run = promisify(execFile);
const REGION = "ap-northeast-1";
/** commands.sh of one lesson may take at most this long (the AWS CLI starts in about half a second per command). */
const COMMANDS_TIMEOUT_MS = 120_000;

export interface LessonVerification {
  id: string;
  passed: boolean;
  /** The starter's checks: at least one must fail. */
  starterFailed: string[];
  /** The solution's checks that failed (none when the lesson is proved). */
  solutionFailed: CheckResult[];
  /** Why the verification could not run (commands.sh failed, …). */
  error?: string;
  seconds: number;
}

interface VerifySandbox {
  endpoint: string;
  /** A new learner with an empty sandbox. */
  newLearner(): { accessKeyId: string; secretAccessKey: string; accountId: string; calls: RecordedCall[]; client: RemoteSandbox; grader: RemoteSandbox };
  close(): Promise<void>;
}

async function startVerifySandbox(): Promise<VerifySandbox> {
  const accounts = new Map<string, { accountId: string; secretAccessKey: string }>();
  const callsByAccount = new Map<string, RecordedCall[]>();
  const frozen = Date.now();
  const deps: GatewayDeps = {
    store: new MemorySandboxStore(),
    credentials: { lookup: async (key) => accounts.get(key) ?? null },
    now: () => frozen,
    calls: { record: async (call) => void callsByAccount.get(call.accountId)?.push(call) },
    log: () => {},
  };
  const server = http.createServer((req, res) => {
    const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
    handleAwsRequest({ method: req.method ?? "POST", path: req.url ?? "/", headers, body: req }, deps).then(
      (answer) => res.writeHead(answer.status, answer.headers).end(answer.body),
      () => res.writeHead(500).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/aws`;
  return {
    endpoint,
    newLearner() {
      const accessKeyId = `AKIDVERIFY${randomBytes(5).toString("hex").toUpperCase()}`;
      const secretAccessKey = randomBytes(20).toString("hex");
      const accountId = String(100_000_000_000 + accounts.size);
      const calls: RecordedCall[] = [];
      accounts.set(accessKeyId, { accountId, secretAccessKey });
      callsByAccount.set(accountId, calls);
      const credentials = { accessKeyId, secretAccessKey };
      return {
        accessKeyId,
        secretAccessKey,
        accountId,
        calls,
        client: remoteSandbox({ endpoint, region: REGION, credentials }),
        grader: remoteSandbox({ endpoint, region: REGION, credentials, grader: true }),
      };
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function asCallRecords(calls: RecordedCall[]): CallRecord[] {
  return calls.map((call) => ({ service: call.service, operation: call.operation, input: call.input, error: call.error, at: new Date() }));
}

async function verifyLesson(lesson: Lesson, sandbox: VerifySandbox): Promise<LessonVerification> {
  const started = Date.now();
  const result: LessonVerification = { id: lesson.id, passed: false, starterFailed: [], solutionFailed: [], seconds: 0 };
  try {
    const grade = async (learner: ReturnType<VerifySandbox["newLearner"]>, files: Record<string, string>, answers: Record<string, string[]>) =>
      gradeLesson(lesson, { files, answers }, {
        lang: "en",
        sandbox: { ecs: learner.grader.ecs, now: () => sandboxNowMs(learner.grader.dojo) },
        calls: async () => asCallRecords(learner.calls),
      });
    // The starter, as a learner finds it.
    const starter = sandbox.newLearner();
    if (lesson.scenario) await starter.client.dojo("ApplyScenario", { scenario: lesson.scenario });
    const before = await grade(starter, Object.fromEntries(lesson.files.map((f) => [f.name, f.starter])), {});
    result.starterFailed = before.checks.filter((c) => !c.passed).map((c) => c.id);

    // The solution, done as a learner would do it.
    const solver = sandbox.newLearner();
    if (lesson.scenario) await solver.client.dojo("ApplyScenario", { scenario: lesson.scenario });
    const solutionFiles = Object.fromEntries(lesson.files.map((f) => [f.name, f.solution]));
    if (lesson.solutionCommands) {
      await runCommands(lesson, sandbox.endpoint, solver);
    } else if (checksNeedSandbox(lesson.checks)) {
      for (const action of lesson.actions) await runAction(solver.client.ecs, action, solutionFiles[action.file]);
    }
    if (lesson.verify.advanceSeconds > 0) await solver.client.dojo("AdvanceClock", { seconds: lesson.verify.advanceSeconds });
    const answers = Object.fromEntries((lesson.quiz?.questions ?? []).map((q) => [q.id, q.options.filter((o) => o.correct).map((o) => o.id)]));
    const after = await grade(solver, solutionFiles, answers);
    result.solutionFailed = after.checks.filter((c) => !c.passed);
    result.passed = result.starterFailed.length > 0 && result.solutionFailed.length === 0;
  } catch (error) {
    result.error = error instanceof Error ? error.message : String(error);
  }
  result.seconds = (Date.now() - started) / 1000;
  return result;
}

async function runCommands(lesson: Lesson, endpoint: string, learner: { accessKeyId: string; secretAccessKey: string }): Promise<void> {
  const solution = path.resolve(lesson.dir, "_solution");
  const env = {
    PATH: process.env.PATH ?? "",
    HOME: process.env.HOME ?? "/tmp",
    AWS_ACCESS_KEY_ID: learner.accessKeyId,
    AWS_SECRET_ACCESS_KEY: learner.secretAccessKey,
    AWS_DEFAULT_REGION: REGION,
    AWS_REGION: REGION,
    AWS_ENDPOINT_URL: endpoint,
    AWS_PAGER: "",
    AWS_CONFIG_FILE: "/dev/null",
    AWS_SHARED_CREDENTIALS_FILE: "/dev/null",
    SOLUTION: solution,
  };
  // The AWS CLI v1 on PATH ignores AWS_ENDPOINT_URL before 1.29; a wrapper function passes --endpoint-url the same way.
  const script = `set -euo pipefail\naws() { command aws --endpoint-url "$AWS_ENDPOINT_URL" "$@"; }\n${lesson.solutionCommands}`;
  try {
    await run("bash", ["-c", script], { env: { ...process.env, ...env }, cwd: solution, timeout: COMMANDS_TIMEOUT_MS });
  } catch (error) {
    const e = error as { stderr?: string; code?: number | string };
    if (e.code === "ENOENT") throw new Error("bash is needed to run _solution/commands.sh");
    throw new Error(`_solution/commands.sh failed: ${(e.stderr ?? String(error)).trim().split("\n").slice(-3).join(" | ")}`);
  }
}

export async function verifyCourse(course: Course, only?: readonly string[]): Promise<LessonVerification[]> {
  const needsCli = [...course.lessons.values()].some((l) => l.solutionCommands && (!only || only.includes(l.id)));
  if (needsCli) await assertAwsCli();
  const sandbox = await startVerifySandbox();
  try {
    const results: LessonVerification[] = [];
    for (const lesson of course.lessons.values()) {
      if (only && !only.includes(lesson.id)) continue;
      results.push(await verifyLesson(lesson, sandbox));
    }
    return results;
  } finally {
    await sandbox.close();
  }
}

async function assertAwsCli(): Promise<void> {
  try {
    await run("aws", ["--version"], { timeout: 30_000 });
  } catch {
    throw new Error("the AWS CLI (aws) is needed: lessons done in the terminal are verified by running their _solution/commands.sh with it");
  }
}

/** Where passing verifications are recorded: the lesson page shows the commit and date of the last one. */
export const VERIFIED_FILE = path.join("lessons", "verified.json");

export interface VerificationRecord {
  contentHash: string;
  commit: string;
  date: string;
}

export function readVerified(root = process.cwd()): Record<string, VerificationRecord> {
  try {
    return JSON.parse(fs.readFileSync(path.join(root, VERIFIED_FILE), "utf8"));
  } catch {
    return {};
  }
}

let verified: Record<string, VerificationRecord> | undefined;

/** The verifications the app shows, read once per process (the file changes with a deploy, like the lessons). */
export function loadVerified(): Record<string, VerificationRecord> {
  verified ??= readVerified();
  return verified;
}

export async function recordVerified(course: Course, results: LessonVerification[], root = process.cwd()): Promise<void> {
  const commit = await run("git", ["rev-parse", "--short", "HEAD"], { cwd: root }).then((r) => r.stdout.trim(), () => "unknown");
  const records = readVerified(root);
  for (const result of results) {
    const lesson = course.lessons.get(result.id)!;
    // A lesson verified before at the same content keeps its first record, so re-running the tests changes nothing.
    if (!result.passed) delete records[result.id];
    else if (records[result.id]?.contentHash !== lesson.contentHash) {
      records[result.id] = { contentHash: lesson.contentHash, commit, date: new Date().toISOString().slice(0, 10) };
    }
  }
  const sorted = Object.fromEntries(Object.entries(records).sort(([a], [b]) => a.localeCompare(b)));
  fs.writeFileSync(path.join(root, VERIFIED_FILE), `${JSON.stringify(sorted, null, 2)}\n`);
}
