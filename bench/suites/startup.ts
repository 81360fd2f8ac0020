// Start-up costs a learner or a CI job pays before any work is done (issue 13, target 6), side by side in one run:
//   - one `ecs-dojo lint FILE` process: as `npx ecs-dojo`, as `./node_modules/.bin/ecs-dojo` (the link npm makes from
//     the ecs-dojo-cli dependency, bin/package.json), as `node bin/ecs-dojo.mjs` from the compiled dist/cli/
//     (scripts/compile.mjs), and compiled on the fly by tsx (DOJO_FROM_SOURCE=1, the path before the compile step), next
//     to one cfn-lint process on the same task definition and two floors: a bare `node -e ""` and `npx node -e ""`
//     (npm's own cost of `npx`: it loads its package manager before it runs anything);
//   - `npm start` when everything is prepared (the second start): time to the first served page, then the first lesson
//     page after the start against the same page warm, with the compiled server and with tsx compiling server.ts.
// Runs are interleaved, so a busy machine slows every column alike; on Linux each process's CPU time (itself and the
// processes it waited for) is printed too, which a busy machine distorts far less than the wall clock.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { summarize } from "../stats";

const ROOT = path.resolve(import.meta.dirname, "../..");
const LESSON_FILE = path.join(ROOT, "lessons/M3-task-definitions/L302/_solution/batch-export.json");
const RUNS = 15;
const STARTS = 5;
/** Linux counts the CPU time of reaped children in clock ticks of 1/100 s (USER_HZ) in /proc/self/stat. */
const TICKS_PER_SECOND = 100;

/** CPU milliseconds of every child process this one has waited for (fields cutime and cstime), or null off Linux. */
function childrenCpuMs(): number | null {
  try {
    // The process name (field 2) is in parentheses and may hold spaces: count fields from after it.
    const fields = fs.readFileSync("/proc/self/stat", "utf8").split(") ")[1].split(" ");
    return ((Number(fields[13]) + Number(fields[14])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

interface Sample {
  wall: number;
  cpu: number | null;
}

function timeProcess(command: string, args: string[], env: Record<string, string> = {}): Sample {
  const cpuBefore = childrenCpuMs();
  const started = performance.now();
  const result = spawnSync(command, args, { cwd: ROOT, encoding: "utf8", env: { ...process.env, ...env } });
  const wall = performance.now() - started;
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} exited ${result.status}: ${result.stderr.slice(-400)}`);
  const cpuAfter = childrenCpuMs();
  return { wall, cpu: cpuBefore === null || cpuAfter === null ? null : cpuAfter - cpuBefore };
}

function row(label: string, samples: number[], floor?: number): string {
  const s = summarize(samples);
  const ratio = floor ? `  ${(s.median / floor).toFixed(1)}× the floor` : "";
  return `  ${label.padEnd(44)} median ${s.median.toFixed(0).padStart(5)} ms   p95 ${s.p95.toFixed(0).padStart(5)} ms${ratio}`;
}

function processRow(label: string, samples: Sample[], floor: number): string {
  const cpu = samples.every((s) => s.cpu !== null) ? `   CPU median ${summarize(samples.map((s) => s.cpu!)).median.toFixed(0).padStart(5)} ms` : "";
  return row(label, samples.map((s) => s.wall), floor) + cpu;
}

export async function lintProcesses(): Promise<void> {
  const template = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "dojo-startup-")), "td.json");
  const definition = JSON.parse(fs.readFileSync(LESSON_FILE, "utf8"));
  fs.writeFileSync(template, JSON.stringify({ Resources: { TaskDefinition: { Type: "AWS::ECS::TaskDefinition", Properties: { Family: definition.family } } } }));
  const cfnLint = spawnSync("cfn-lint", ["--version"]).status === 0;
  const linked = path.join(ROOT, "node_modules/.bin/ecs-dojo");
  const columns: [string, () => Sample][] = [
    ['node -e "" (the floor)', () => timeProcess(process.execPath, ["-e", ""])],
    ['npx node -e "" (npm\'s own floor)', () => timeProcess("npx", ["node", "-e", ""])],
    ["npx ecs-dojo lint", () => timeProcess("npx", ["ecs-dojo", "lint", LESSON_FILE])],
    ...(fs.existsSync(linked) ? [["./node_modules/.bin/ecs-dojo lint", () => timeProcess(linked, ["lint", LESSON_FILE])] as [string, () => Sample]] : []),
    ["node bin/ecs-dojo.mjs lint (compiled)", () => timeProcess(process.execPath, ["bin/ecs-dojo.mjs", "lint", LESSON_FILE])],
    ["node bin/ecs-dojo.mjs lint (tsx, DOJO_FROM_SOURCE=1)", () => timeProcess(process.execPath, ["bin/ecs-dojo.mjs", "lint", LESSON_FILE], { DOJO_FROM_SOURCE: "1" })],
    ...(cfnLint ? [["cfn-lint (one template)", () => timeProcess("cfn-lint", [template])] as [string, () => Sample]] : []),
  ];
  const samples = new Map<string, Sample[]>(columns.map(([label]) => [label, []]));
  for (let i = 0; i < RUNS; i++) for (const [label, measure] of columns) samples.get(label)!.push(measure());
  const wall = (label: string) => summarize(samples.get(label)!.map((s) => s.wall)).median;
  const floor = wall(columns[0][0]);
  console.log(`One lint process on ${path.relative(ROOT, LESSON_FILE)} (${RUNS} interleaved runs each; load average ${os.loadavg().map((l) => l.toFixed(1)).join(" ")}):`);
  for (const [label] of columns) console.log(processRow(label, samples.get(label)!, floor));
  if (cfnLint) {
    const cfn = wall("cfn-lint (one template)");
    console.log(`  cfn-lint / npx ecs-dojo lint: ${(cfn / wall("npx ecs-dojo lint")).toFixed(1)}×;  cfn-lint / node bin/ecs-dojo.mjs lint: ${(cfn / wall("node bin/ecs-dojo.mjs lint (compiled)")).toFixed(1)}×`);
  } else console.log("  !!! cfn-lint is not on PATH: its column CANNOT RUN (pip install cfn-lint).");
  if (!fs.existsSync(linked)) console.log("  !!! node_modules/.bin/ecs-dojo is missing (run npm ci): npx takes its slow path.");
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
  console.log(`\nSecond \`npm start\` (everything prepared; ${STARTS} interleaved starts each; load average ${os.loadavg().map((l) => l.toFixed(1)).join(" ")}):`);
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
