/**
 * `ecs-dojo` commands that need no database do not load one (issue 13): the Prisma client, its adapters and the
 * drivers cost start-up time, and an editor or CI job running `lint` on every save must not pay for them nor fail
 * because DATABASE_URL points somewhere unreachable. Runs the real bin/ecs-dojo.mjs with a module hook that records
 * every module the process imports (support/record-imports.mjs).
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../../..");
const bin = path.join(root, "bin/ecs-dojo.mjs");
const recorder = path.join(import.meta.dirname, "support/record-imports.mjs");
const LESSON_FILE = path.join(root, "lessons/M3-task-definitions/L302/_solution/batch-export.json");
/** A module of the database layer: the generated Prisma clients, Prisma's packages and the drivers under them. */
const DATABASE_MODULE = /\/prisma\/generated\/|\/node_modules\/(@prisma|@libsql|libsql|pg|pg-[a-z-]+)\//;

const scratch = mkdtempSync(path.join(tmpdir(), "ecs-dojo-no-db-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
  imports: string[];
}

let runs = 0;
function run(args: string[], env: Record<string, string>): Promise<Run> {
  const log = path.join(scratch, `imports-${++runs}.log`);
  writeFileSync(log, "");
  return new Promise((resolve) => {
    const childEnv: NodeJS.ProcessEnv = { PATH: process.env.PATH ?? "", NODE_ENV: "test", DOJO_TEST_IMPORTS_LOG: log, ...env };
    const child = execFile(process.execPath, ["--import", recorder, bin, ...args], { cwd: root, env: childEnv, timeout: 60_000, encoding: "utf8" }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr, imports: readFileSync(log, "utf8").split("\n").filter(Boolean) }),
    );
    child.stdin?.end("");
  });
}

/** No server, no database file: a URL nothing can open. */
const UNREACHABLE = { DATABASE_URL: "postgresql://nobody@127.0.0.1:1/none" };

describe("ecs-dojo commands without a database", () => {
  it.each([
    ["lint FILE", ["lint", LESSON_FILE]],
    ["--help", ["--help"]],
    ["content stats", ["content", "stats", "--format", "json"]],
    ["exam export", ["exam", "export", "--format", "gift", "--locale", "en"]],
  ])("%s runs with an unreachable DATABASE_URL and imports nothing of the database layer", async (_name, args) => {
    const result = await run(args, UNREACHABLE);
    expect(result.stderr).not.toMatch(/error|ecs-dojo \w+:/i);
    expect(result.code).toBe(0);
    expect(result.stdout.length).toBeGreaterThan(0);
    // The recorder saw the command's own modules, so an empty list cannot pass for "nothing loaded".
    expect(result.imports.some((url) => /\/(dist\/cli|lib\/cli)\//.test(url))).toBe(true);
    expect(result.imports.filter((url) => DATABASE_MODULE.test(url))).toEqual([]);
  });

  it("the recorder does see the database layer where a command needs it (credentials)", async () => {
    const result = await run(["credentials"], { DATABASE_URL: `file:${path.join(scratch, "dojo.db")}` });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("AWS_ACCESS_KEY_ID");
    expect(result.imports.some((url) => DATABASE_MODULE.test(url))).toBe(true);
  });
});
