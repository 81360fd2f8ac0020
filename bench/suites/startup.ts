// Start-up costs a learner or a CI job pays before any work is done (issue 13, target 6), side by side in one run:
//   - one `ecs-dojo lint FILE` process: as `npx ecs-dojo`, as `node bin/ecs-dojo.mjs` from the compiled dist/cli/
//     (scripts/compile.mjs), and compiled on the fly by tsx (DOJO_FROM_SOURCE=1, the path before the compile step), next
//     to one cfn-lint process on the same task definition and a bare `node -e ""` (the floor);
//   - `npm start` when everything is prepared (the second start): time to the first served page, then the first lesson
//     page after the start against the same page warm, with the compiled server and with tsx compiling server.ts.
// Runs are interleaved, so a busy machine slows every column alike. Needs a prepared checkout (npm start once).
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { summarize } from "../stats";

const ROOT = path.resolve(import.meta.dirname, "../..");
const LESSON_FILE = path.join(ROOT, "lessons/M3-task-definitions/L302/_solution/batch-export.json");
const RUNS = 15;
const STARTS = 5;

function timeProcess(command: string, args: string[], env: Record<string, string> = {}): number {
  const started = performance.now();
  const result = spawnSync(command, args, { cwd: ROOT, encoding: "utf8", env: { ...process.env, ...env } });
  if (result.error) throw result.error;
  return performance.now() - started;
}

function row(label: string, samples: number[], floor?: number): string {
  const s = summarize(samples);
  const ratio = floor ? `  ${(s.median / floor).toFixed(1)}× the floor` : "";
  return `  ${label.padEnd(44)} median ${s.median.toFixed(0).padStart(5)} ms   p95 ${s.p95.toFixed(0).padStart(5)} ms${ratio}`;
}

export async function lintProcesses(): Promise<void> {
  const template = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "dojo-startup-")), "td.json");
  const definition = JSON.parse(fs.readFileSync(LESSON_FILE, "utf8"));
  fs.writeFileSync(template, JSON.stringify({ Resources: { TaskDefinition: { Type: "AWS::ECS::TaskDefinition", Properties: { Family: definition.family } } } }));
  const cfnLint = spawnSync("cfn-lint", ["--version"]).status === 0;
  const columns: Record<string, number[]> = { floor: [], npx: [], compiled: [], source: [], cfn: [] };
  for (let i = 0; i < RUNS; i++) {
    columns.floor.push(timeProcess(process.execPath, ["-e", ""]));
    columns.npx.push(timeProcess("npx", ["ecs-dojo", "lint", LESSON_FILE]));
    columns.compiled.push(timeProcess(process.execPath, ["bin/ecs-dojo.mjs", "lint", LESSON_FILE]));
    columns.source.push(timeProcess(process.execPath, ["bin/ecs-dojo.mjs", "lint", LESSON_FILE], { DOJO_FROM_SOURCE: "1" }));
    if (cfnLint) columns.cfn.push(timeProcess("cfn-lint", [template]));
  }
  const floor = summarize(columns.floor).median;
  console.log(`One lint process on ${path.relative(ROOT, LESSON_FILE)} (${RUNS} interleaved runs each):`);
  console.log(row("node -e \"\" (the floor)", columns.floor));
  console.log(row("npx ecs-dojo lint (compiled)", columns.npx, floor));
  console.log(row("node bin/ecs-dojo.mjs lint (compiled)", columns.compiled, floor));
  console.log(row("node bin/ecs-dojo.mjs lint (tsx, DOJO_FROM_SOURCE=1)", columns.source, floor));
  if (cfnLint) {
    console.log(row("cfn-lint (one template)", columns.cfn, floor));
    console.log(`  cfn-lint / npx ecs-dojo lint: ${(summarize(columns.cfn).median / summarize(columns.npx).median).toFixed(1)}×`);
  } else console.log("  !!! cfn-lint is not on PATH: its column CANNOT RUN (pip install cfn-lint).");
}

async function untilServed(url: string, deadline: number): Promise<number> {
  for (;;) {
    try {
      const response = await fetch(url, { redirect: "manual" });
      await response.arrayBuffer();
      if (response.status < 500) return performance.now();
    } catch {
      // Not listening yet.
    }
    if (performance.now() > deadline) throw new Error(`${url} did not answer within the deadline`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function timedFetch(url: string): Promise<number> {
  const started = performance.now();
  const response = await fetch(url);
  await response.arrayBuffer();
  if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
  return performance.now() - started;
}

/** One `npm start` (scripts/start.mjs) on a free port: time to the first page, first and warm lesson page. */
async function oneStart(port: number, env: Record<string, string>): Promise<{ firstPage: number; lessonFirst: number; lessonWarm: number }> {
  const started = performance.now();
  const child = spawn(process.execPath, ["scripts/start.mjs"], { cwd: ROOT, env: { ...process.env, ...env, PORT: String(port), DOJO_WORKERS: "1" }, stdio: "ignore" });
  try {
    const base = `http://127.0.0.1:${port}`;
    const firstPage = (await untilServed(`${base}/en`, started + 60_000)) - started;
    const lessonFirst = await timedFetch(`${base}/en/lessons/L302`);
    const lessonWarm = summarize([await timedFetch(`${base}/en/lessons/L302`), await timedFetch(`${base}/en/lessons/L302`), await timedFetch(`${base}/en/lessons/L302`)]).median;
    return { firstPage, lessonFirst, lessonWarm };
  } finally {
    child.kill("SIGTERM");
    await new Promise((resolve) => child.once("exit", resolve));
  }
}

async function serverStarts(): Promise<void> {
  if (!fs.existsSync(path.join(ROOT, ".next/BUILD_ID"))) {
    console.log("\n!!! no production build: run `npm start` once, then rerun this suite to time a second start.");
    return;
  }
  const results: Record<string, { firstPage: number; lessonFirst: number; lessonWarm: number }[]> = { compiled: [], source: [] };
  for (let i = 0; i < STARTS; i++) {
    results.compiled.push(await oneStart(3901, {}));
    results.source.push(await oneStart(3902, { DOJO_FROM_SOURCE: "1" }));
  }
  console.log(`\nSecond \`npm start\` (everything prepared; ${STARTS} interleaved starts each):`);
  for (const [name, runs] of Object.entries(results)) {
    const label = name === "compiled" ? "compiled server (dist/server)" : "tsx compiling server.ts";
    console.log(row(`${label}: to the first page`, runs.map((r) => r.firstPage)));
    const first = summarize(runs.map((r) => r.lessonFirst)).median;
    const warm = summarize(runs.map((r) => r.lessonWarm)).median;
    console.log(row(`${label}: first lesson page`, runs.map((r) => r.lessonFirst)) + `  (warm ${warm.toFixed(0)} ms: ${(first / warm).toFixed(1)}×)`);
  }
}

export default async function startup(): Promise<void> {
  await lintProcesses();
  await serverStarts();
}
