/** Runs the real `bin/ecs-dojo.mjs` as a subprocess, the way learners and CI call it. */
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../../..");
const bin = path.join(root, "bin/ecs-dojo.mjs");
const CLEAN = "../shared/corpus/taskdefs/real/3software__workshop-repo__taskdef.json";
const WITH_NULL = "../shared/corpus/taskdefs/real/23prime__gokabot__taskdef.json";
const NOT_JSON = "../shared/corpus/taskdefs/real/Andr1500__CICD_BlueGreen_EC2__taskdef.json";

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function run(args: string[], options: { env?: Record<string, string>; input?: string } = {}): Promise<Run> {
  return new Promise((resolve) => {
    const env: NodeJS.ProcessEnv = { PATH: process.env.PATH ?? "", NODE_ENV: "test", ...options.env };
    const child = execFile(process.execPath, [bin, ...args], { cwd: root, env, timeout: 30_000, encoding: "utf8" }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
    child.stdin?.end(options.input ?? "");
  });
}

const scratch = mkdtempSync(path.join(tmpdir(), "ecs-dojo-lint-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function scratchFile(name: string, content: string): string {
  const file = path.join(scratch, name);
  writeFileSync(file, content);
  return file;
}

describe("ecs-dojo lint", () => {
  it("prints nothing and exits 0 for a file without errors, when warnings are hidden", async () => {
    const result = await run(["lint", "--min-level", "error", CLEAN]);
    expect(result).toEqual({ code: 0, stdout: "", stderr: "" });
  });

  it("prints compiler-style lines and exits 1 when an error is found", async () => {
    const result = await run(["lint", "--min-level", "error", WITH_NULL]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe(
      `${WITH_NULL}:2:16: error CLI-NULL Invalid type for parameter ipcMode, value: None, type: <class 'NoneType'>, valid types: <class 'str'> — "ipcMode" is null. The AWS CLI does not accept null: remove the member to use the default. (The console's JSON view shows nulls; they cannot be registered.)\n`,
    );
  });

  it("reports syntax errors of files that are not JSON", async () => {
    const result = await run(["lint", NOT_JSON]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^\.\.\/shared\/corpus\/.+:\d+:\d+: error JSON-SYNTAX /m);
  });

  it("writes one JSON object per file with positioned diagnostics", async () => {
    const fargate = scratchFile(
      "fargate.json",
      JSON.stringify({ family: "web", requiresCompatibilities: ["FARGATE"], networkMode: "awsvpc", cpu: "256", memory: "4096", containerDefinitions: [{ name: "web", image: "nginx" }] }, null, 2),
    );
    const result = await run(["lint", "--format", "json", "--min-level", "error", CLEAN, fargate]);
    expect(result.code).toBe(1);
    const reports = JSON.parse(result.stdout);
    expect(reports).toEqual([
      { file: CLEAN, diagnostics: [] },
      {
        file: fargate,
        diagnostics: [
          {
            ruleId: "FG-CPU-MEM-COMBO",
            level: "error",
            message: expect.stringMatching(/^No Fargate configuration exists for given values: 256 CPU, 4096 memory\./),
            pointer: "/memory",
            line: 8,
            column: 13,
            endLine: 8,
            endColumn: 19,
          },
        ],
      },
    ]);
  });

  it("speaks Japanese with --lang ja", async () => {
    const result = await run(["lint", "--lang=ja", WITH_NULL]);
    expect(result.stdout).toMatch(/error CLI-NULL Invalid type for parameter ipcMode.* — "ipcMode" が null です。/);
  });

  it("takes the language from LANG, and --lang over LANG", async () => {
    expect((await run(["lint", WITH_NULL], { env: { LANG: "ja_JP.UTF-8" } })).stdout).toMatch(/null です/);
    expect((await run(["lint", "--lang", "en", WITH_NULL], { env: { LANG: "ja_JP.UTF-8" } })).stdout).toMatch(/is null\./);
    expect((await run(["lint", WITH_NULL], { env: { LANG: "C.UTF-8" } })).stdout).toMatch(/is null\./);
  });

  it("shows warnings by default and still exits 0 when none is an error", async () => {
    const result = await run(["lint", CLEAN]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/:\d+:\d+: warning TPL-PLACEHOLDER "<IMAGE1_NAME>" is a template placeholder/);
    expect(result.stdout).not.toMatch(/: error /);
  });

  it("exits 0 when only findings below error are shown or present", async () => {
    const result = await run(["lint", "--min-level", "error", "--format", "json", CLEAN]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual([{ file: CLEAN, diagnostics: [] }]);
  });

  it("reads standard input for -", async () => {
    const result = await run(["lint", "--min-level=error", "-"], { input: '{"family": "web", "containerDefinitions": [{"name": "web", "image": "nginx"}]}' });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^-:1:53: error TD-MEM-REQUIRED Invalid setting for container 'web'\./);
  });

  it("checks a service against the task definition it names, with --task-definition", async () => {
    const td = scratchFile("td.json", JSON.stringify({ family: "web", requiresCompatibilities: ["FARGATE"], networkMode: "awsvpc", cpu: "256", memory: "512", containerDefinitions: [{ name: "web", image: "nginx:1" }] }));
    const service = scratchFile("svc.json", JSON.stringify({ serviceName: "web", taskDefinition: "web", desiredCount: 1, launchType: "FARGATE" }, null, 2));
    const alone = await run(["lint", "--min-level", "error", service]);
    expect(alone.code).toBe(0);
    const checked = await run(["lint", "--min-level", "error", "--format", "text", "--task-definition", td, service]);
    expect(checked.code).toBe(1);
    expect(checked.stdout).toMatch(/svc\.json:2:18: error XR-NETCONF-REQUIRED Network Configuration must be provided when networkMode 'awsvpc' is specified\./);
  });

  it("reads a document as the --kind given", async () => {
    const service = scratchFile("update.json", JSON.stringify({ desiredCount: 1, platformVersion: "LATEST", launchType: "EC2" }));
    const result = await run(["lint", "--kind", "UpdateService", "--min-level", "error", "--format", "json", service]);
    const [report] = JSON.parse(result.stdout);
    expect(report.diagnostics.map((d: { ruleId: string }) => d.ruleId)).toEqual(["CLI-REQUIRED", "CLI-UNKNOWN-KEY"]);
  });

  it("exits 2 with a clear message for an unreadable file, after checking the others", async () => {
    const result = await run(["lint", "missing.json", WITH_NULL]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe("ecs-dojo lint: cannot read missing.json: no such file\n");
    expect(result.stdout).toMatch(/CLI-NULL/);
  });

  it("exits 2 for a directory without a stack trace", async () => {
    const result = await run(["lint", scratch]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/is a directory/);
    expect(result.stderr).not.toMatch(/\bat .+:\d+:\d+/);
  });

  it.each([
    [["lint"], /no FILE given/],
    [["lint", "--format", "xml", CLEAN], /'--format' must be one of: text, json \(got 'xml'\)/],
    [["lint", "--lang"], /'--lang' needs a value/],
    [["lint", "--verbose", CLEAN], /unknown option '--verbose'/],
    [["lint", "--help=yes"], /takes no value/],
    [["frobnicate"], /unknown command 'frobnicate'/],
    [[], /Usage: ecs-dojo <command>/],
  ])("exits 2 on usage error %j", async (args, message) => {
    const result = await run(args);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stdout).toBe("");
  });

  it("prints help on --help and exits 0", async () => {
    const lint = await run(["lint", "--help"]);
    expect(lint.code).toBe(0);
    expect(lint.stdout).toMatch(/^Usage: ecs-dojo lint \[options\] FILE\.\.\./);
    expect(lint.stdout).toMatch(/--min-level error\|runtime\|warning/);
    const top = await run(["--help"]);
    expect(top.code).toBe(0);
    expect(top.stdout).toMatch(/lint +check task definition JSON files/);
  });
});
