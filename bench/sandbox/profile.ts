// Where the product's time goes on the bench sequence: one server process (DOJO_WORKERS=1) profiled by V8 while one
// learner runs the sequence, its CPU time summed by part of the code (native and built-in frames charged to the code
// that called them). Not part of `npm run bench`; run alone: node --import tsx bench/sandbox/profile.ts [passes]
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { childrenMatching } from "../load/proc";
import { prepared } from "./sequence";
import { load } from "./table";
import { productTarget } from "./targets";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const PARTS: Array<[string, RegExp]> = [
  ["store (sandbox-store, state-documents)", /lib\/progress\/sandbox-store|lib\/sandbox\/state-documents/],
  ["engine (lib/sandbox/engine, mutative)", /lib\/sandbox\/engine|mutative/],
  ["gateway and services", /lib\/sandbox\//],
  ["SQLite driver (libsql, Prisma adapter)", /libsql|adapter-libsql|driver-adapter|async-mutex|lib\/progress\/sql/],
  ["call history, learners, limits", /lib\/progress|lib\/limits|rate-limiter/],
  ["Node HTTP and sockets", /^node:(_http|net|internal\/stream|stream|internal\/streams|events|buffer)/],
];

function partOf(node: ProfileNode): string | undefined {
  const { url, functionName } = node.callFrame;
  if (functionName === "(garbage collector)") return "GC";
  if (functionName === "(idle)" || url === "node:inspector") return "idle"; // the profiler's own work is left out too
  if (url === "") return undefined; // native or built-in: charged to its caller
  return PARTS.find(([, pattern]) => pattern.test(url))?.[0] ?? "other";
}

function summary(profile: Profile): Array<[string, number]> {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const sums = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    let at: number | undefined = id;
    let part = partOf(byId.get(id)!);
    while (part === undefined && (at = parent.get(at!)) !== undefined) part = partOf(byId.get(at)!);
    const name = part ?? "other";
    sums.set(name, (sums.get(name) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  sums.delete("idle");
  const busy = [...sums.values()].reduce((a, b) => a + b, 0);
  return [...sums].sort((a, b) => b[1] - a[1]).map(([name, t]) => [name, t / busy]);
}

const passes = Number(process.argv[2] ?? 150);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ecs-dojo-profile-"));
const before = new Set(childrenMatching(process.pid, () => true));
const preload = path.join(import.meta.dirname, "profile-preload.mjs");
const product = await productTarget({ DOJO_WORKERS: "1", NODE_OPTIONS: `--import ${preload}`, PROFILE_DIR: dir });
try {
  const [pid] = childrenMatching(process.pid, (args) => args.includes("server.ts")).filter((p) => !before.has(p));
  const run = await prepared(await product.learner(0));
  for (let i = 0; i < 20; i++) await run.pass(i); // warm-up, unprofiled
  process.kill(pid, "SIGUSR2");
  const started = performance.now();
  for (let i = 20; i < 20 + passes; i++) await run.pass(i);
  const perPass = (performance.now() - started) / passes;
  process.kill(pid, "SIGWINCH");
  const file = path.join(dir, `${pid}.cpuprofile`);
  for (let waited = 0; !fs.existsSync(file) && waited < 100; waited++) await new Promise((r) => setTimeout(r, 100));
  console.log(`Server CPU profile over ${passes} passes of the sequence (${perPass.toFixed(1)} ms a pass of 8 calls, profiler on; ${load()}):`);
  for (const [name, share] of summary(JSON.parse(fs.readFileSync(file, "utf8")) as Profile)) console.log(`${(share * 100).toFixed(1).padStart(6)} %  ${name}`);
  console.log(`(profile: ${file})`);
} finally {
  await product.stop();
}
