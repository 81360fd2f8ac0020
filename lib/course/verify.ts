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
import os from "node:os";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { promisify } from "node:util";
import { handleAwsRequest, responseBytes, type GatewayDeps, type RecordedCall } from "@/lib/sandbox/gateway";
import { MemorySandboxStore } from "@/lib/sandbox/memory-store";
import { remoteSandbox, sandboxNowMs, type RemoteSandbox } from "@/lib/sandbox/client";
import { runAction } from "./actions";
import type { CallRecord } from "./grading/context";
import { checksNeedSandbox } from "./grading/checks";
import { gradeLesson, type CheckResult } from "./grading/grade";
import type { Course, Lesson, LessonMistake } from "./load";
import type { Locale } from "@/lib/i18n/locales";

const run = promisify(execFile);
const REGION = "ap-northeast-1";
/**
 * commands.sh of one lesson may take at most this long: a hang guard (the AWS CLI starts in about half a second per
 * command; the longest script, L202's, took 67 s in a CI run with the machine's two cores busy).
 */
const COMMANDS_TIMEOUT_MS = 300_000;
/**
 * The ecs-dojo CLI, for the scripts' fast_forward: verification runs at a checkout's root (the CLI and the tests start
 * there); import.meta.dirname is not set where the app's bundle loads this module for the lesson page.
 */
const cliPath = () => path.resolve(process.cwd(), "bin", "ecs-dojo.mjs");

export interface LessonVerification {
  id: string;
  passed: boolean;
  /** The starter's checks: at least one must fail. */
  starterFailed: string[];
  /** The solution's checks that failed (none when the lesson is proved). */
  solutionFailed: CheckResult[];
  /** Common mistakes (mistakes.json) that were not recognised with their message, and why. */
  mistakesMissed: string[];
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
    // The AWS CLI signs with the real clock: a verification longer than SigV4's 15 minutes must not turn stale.
    signingNow: Date.now,
    calls: { record: async (call) => void callsByAccount.get(call.accountId)?.push(call) },
    log: () => {},
  };
  const server = http.createServer((req, res) => {
    const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
    handleAwsRequest({ method: req.method ?? "POST", path: req.url ?? "/", headers, body: req }, deps).then(
      (answer) => res.writeHead(answer.status, answer.headers).end(responseBytes(answer)),
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

type Learner = ReturnType<VerifySandbox["newLearner"]>;

/** What a learner hands in: the files and quiz answers, and — when `done` — the commands typed (or the page's actions) and the time waited. */
interface Attempt {
  files: Record<string, string>;
  answers: Record<string, string[]>;
  done: boolean;
  /** `mayFail`: a mistake's commands may be refused by AWS — the learner saw the error and stopped there. */
  commands?: { script: string; name: string; mayFail?: boolean };
}

/** Applies the scenario, does the attempt as a learner would, lets the lesson's time pass and grades it in `lang`. */
async function attempt(lesson: Lesson, sandbox: VerifySandbox, work: Attempt, langs: readonly Locale[] = ["en"]): Promise<Record<Locale, CheckResult[]>> {
  const learner = sandbox.newLearner();
  if (lesson.scenario) await learner.client.dojo("ApplyScenario", { scenario: lesson.scenario });
  if (work.done) {
    if (work.commands) await runCommands(lesson, sandbox.endpoint, learner, work.commands, work.files);
    else if (checksNeedSandbox(lesson.checks)) for (const action of lesson.actions) await runAction(learner.client.ecs, action, work.files[action.file]);
    if (lesson.verify.advanceSeconds > 0) await learner.client.dojo("AdvanceClock", { seconds: lesson.verify.advanceSeconds });
  }
  const graded = {} as Record<Locale, CheckResult[]>;
  for (const lang of langs) {
    graded[lang] = (
      await gradeLesson(lesson, { files: work.files, answers: work.answers }, {
        lang,
        sandbox: { ecs: learner.grader.ecs, logs: learner.grader.logs, iam: learner.grader.iam, now: () => sandboxNowMs(learner.grader.dojo) },
        calls: async () => asCallRecords(learner.calls),
      })
    ).checks;
  }
  return graded;
}

/** The starter, as a learner finds it: nothing done yet. */
function starterOf(lesson: Lesson): Attempt {
  return { files: Object.fromEntries(lesson.files.map((f) => [f.name, f.starter])), answers: {}, done: false };
}

function solutionOf(lesson: Lesson): Attempt {
  return {
    files: Object.fromEntries(lesson.files.map((f) => [f.name, f.solution])),
    answers: Object.fromEntries((lesson.quiz?.questions ?? []).map((q) => [q.id, q.options.filter((o) => o.correct).map((o) => o.id)])),
    done: true,
    commands: lesson.solutionCommands ? { script: lesson.solutionCommands, name: "_solution/commands.sh" } : undefined,
  };
}

/** The solution with what the mistake's folder changes. */
function mistakeOf(lesson: Lesson, mistake: LessonMistake): Attempt {
  const solution = solutionOf(lesson);
  return {
    files: { ...solution.files, ...mistake.files },
    answers: { ...solution.answers, ...mistake.answers },
    done: true,
    commands: mistake.commands ? { script: mistake.commands, name: `${mistake.dir}/commands.sh`, mayFail: true } : solution.commands && { ...solution.commands, mayFail: true },
  };
}

/** Why the mistake was not recognised, or nothing when every expected check fails with its message in both languages. */
async function proveMistake(lesson: Lesson, sandbox: VerifySandbox, mistake: LessonMistake): Promise<string | undefined> {
  const graded = await attempt(lesson, sandbox, mistakeOf(lesson, mistake), ["en", "ja"]);
  for (const expected of mistake.expect) {
    for (const lang of ["en", "ja"] as const) {
      const check = graded[lang].find((c) => c.id === expected.check)!;
      const shown = [check.title, check.detail, check.hint].filter(Boolean).join("\n");
      if (check.passed) return `${mistake.id}: check ${expected.check} passes, so the mistake goes unnoticed`;
      if (!new RegExp(expected[lang]).test(shown)) return `${mistake.id}: check ${expected.check} (${lang}) says "${shown.replace(/\n/g, " | ")}", which does not match /${expected[lang]}/`;
    }
  }
  return undefined;
}

async function verifyLesson(lesson: Lesson, sandbox: VerifySandbox): Promise<LessonVerification> {
  const started = Date.now();
  const result: LessonVerification = { id: lesson.id, passed: false, starterFailed: [], solutionFailed: [], mistakesMissed: [], seconds: 0 };
  try {
    result.starterFailed = (await attempt(lesson, sandbox, starterOf(lesson))).en.filter((c) => !c.passed).map((c) => c.id);
    result.solutionFailed = (await attempt(lesson, sandbox, solutionOf(lesson))).en.filter((c) => !c.passed);
    // Mistakes are independent learners: two at a time keeps both cores busy while the AWS CLI starts.
    const missed = await mapLimit(lesson.mistakes, 2, (mistake) => proveMistake(lesson, sandbox, mistake));
    result.mistakesMissed = missed.filter((why): why is string => why !== undefined);
    result.passed = result.starterFailed.length > 0 && result.solutionFailed.length === 0 && result.mistakesMissed.length === 0;
  } catch (error) {
    result.error = error instanceof Error ? error.message : String(error);
  }
  result.seconds = (Date.now() - started) / 1000;
  return result;
}

async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/**
 * Runs the commands in a copy of `_solution/` holding the attempt's files, so `file://$SOLUTION/x.json` (or a
 * relative `file://x.json`) sends what this attempt wrote — a mistake's file, not the solution's.
 */
async function runCommands(lesson: Lesson, endpoint: string, learner: Learner, commands: NonNullable<Attempt["commands"]>, files: Record<string, string>): Promise<void> {
  const solution = fs.mkdtempSync(path.join(os.tmpdir(), `ecs-dojo-${lesson.id}-`));
  fs.cpSync(path.resolve(lesson.dir, "_solution"), solution, { recursive: true });
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(solution, name), text);
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
  // fast_forward SECONDS is the page's Fast-forward (ecs-dojo sandbox fast-forward): a script can wait as a learner does.
  // docker and curl are the sandbox's (ecs-dojo docker, ecs-dojo curl): the workstation is the learner's sandbox.
  const prelude = [
    "set -euo pipefail",
    'aws() { command aws --endpoint-url "$AWS_ENDPOINT_URL" "$@"; }',
    `fast_forward() { node ${JSON.stringify(cliPath())} sandbox fast-forward "$1" >/dev/null; }`,
    // A learner without Docker types `npx ecs-dojo docker …`; a script says `docker …` and `curl …` as on a real machine.
    `docker() { node ${JSON.stringify(cliPath())} docker "$@"; }`,
    `curl() { node ${JSON.stringify(cliPath())} curl "$@"; }`,
  ].join("\n");
  const script = `${prelude}\n${commands.script}`;
  try {
    await run("bash", ["-c", script], { env: { ...process.env, ...env }, cwd: solution, timeout: COMMANDS_TIMEOUT_MS });
  } catch (error) {
    const e = error as { stderr?: string; stdout?: string; code?: number | string; signal?: string | null };
    if (e.code === "ENOENT") throw new Error(`bash is needed to run ${commands.name}`);
    if (commands.mayFail && typeof e.code === "number") return;
    // A command can fail without a word on stderr (set -e stops at it): then its exit status and the last output say where.
    const said = (e.stderr?.trim() || e.stdout?.trim() || String(error)).split("\n").slice(-3).join(" | ");
    throw new Error(`${commands.name} failed (exit ${e.code ?? "?"}${e.signal ? `, ${e.signal}` : ""}): ${said}`);
  } finally {
    fs.rmSync(solution, { recursive: true, force: true });
  }
}

export async function verifyCourse(course: Course, only?: readonly string[]): Promise<LessonVerification[]> {
  const needsCli = [...course.lessons.values()].some((l) => (l.solutionCommands || l.mistakes.some((m) => m.commands)) && (!only || only.includes(l.id)));
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
