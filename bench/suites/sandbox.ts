// The sandbox's speed (issue 13), in parts; SANDBOX_PARTS picks some (default all, in this order):
// - latency: a fixed sequence of ECS calls over HTTP on loopback through @aws-sdk/client-ecs (sequence.ts), against
//   the built app (npm start's server with its SQLite database: the real /aws endpoint, SigV4 check, sandbox store),
//   moto_server, the app forwarding to moto_server (the `localstack` backend) and a bare node:http server answering
//   the same calls (the floor), taking turns pass by pass.
// - size: DescribeServices, DescribeTasks, RunTask and UpdateService in sandboxes of 10, 1,000 and 5,000 tasks.
// - neighbours: a 3-task learner's reads, quiet and while another drives the 5,000-task sandbox (needs size).
// - learners: 1, 50 and 300 learners running the sequence at once, against the app, moto_server and the floor.
// - memory: the server's RSS as learners with 1,000-task sandboxes arrive.
// - roll: the engine alone, in process, rolling services of 500, 2,000 and 5,000 tasks (the most a service may have)
//   to a new task definition revision, wall and CPU time.
// Trimmed to run in minutes: 60 latency passes, 20 size rounds, learners' passes 20 / 3 / 1, 8 learners for memory
// (SANDBOX_MEMORY_LEARNERS) under an 8 MiB cache (SANDBOX_MEMORY_CACHE_MIB). The 5,000-task sandbox is what takes
// long: built over HTTP under the sandbox's CPU budget, 3 minutes at load average 10, 20 at 17 (SANDBOX_SIZES=10,1000
// leaves it out; the neighbours part then uses the largest size given).
import { advanceTo, createSandboxState, handleOperation, handleSandboxOperation, NEW_ACCOUNT, type SandboxState } from "@/lib/sandbox/engine";
import { EC2_TD } from "../../tests/unit/sandbox/support/engine";
import { learnerCurve } from "../sandbox/learner-curve";
import { memoryCurve } from "../sandbox/memory";
import { noisyNeighbours } from "../sandbox/neighbours";
import { throttled } from "../sandbox/retry";
import { CALLS, prepared, sequenceTime, type Call } from "../sandbox/sequence";
import { sizeCurve } from "../sandbox/size-curve";
import { load, medianP95, ratio, row } from "../sandbox/table";
import { floorTarget, forwardingTarget, motoTarget, productTarget, type Target } from "../sandbox/targets";
import { sampleTree } from "../load/proc";
import { fmt } from "../stats";

const ITERATIONS = 60;
const WARMUP = 5;

async function httpLatency(targets: Target[]) {
  const runs = await Promise.all(targets.map(async (t) => prepared(await t.learner(0))));
  const samples = targets.map(() => Object.fromEntries([...CALLS, "sequence"].map((c) => [c, [] as number[]])) as Record<Call | "sequence", number[]>);
  // The servers' own CPU time per pass (every call of it, the untimed clean-up included): what a loaded machine's
  // waiting for a core does not inflate, unlike the wall times.
  const cpuSeconds = targets.map(() => 0);
  const cpuOf = (t: Target) => (t.pid === undefined ? 0 : sampleTree(t.pid).cpuSeconds);
  // Pass by pass in turn, so that a noisy moment of the machine falls on every target alike.
  for (let i = 0; i < WARMUP + ITERATIONS; i++) {
    for (const [t, run] of runs.entries()) {
      const cpuBefore = cpuOf(targets[t]);
      const times = await run.pass(i);
      if (i < WARMUP) continue;
      cpuSeconds[t] += cpuOf(targets[t]) - cpuBefore;
      for (const call of CALLS) samples[t][call].push(times[call]);
      samples[t].sequence.push(sequenceTime(times));
    }
  }
  console.log(`HTTP on loopback, @aws-sdk/client-ecs, ${ITERATIONS} passes after ${WARMUP} warm-up passes (EC2 launch type, bridge),`);
  console.log(`the targets taking turns pass by pass; ${load()}.`);
  console.log("product = the built app (npm start: /aws on node:http, SigV4 check, SQLite through Prisma's driver adapter); moto = moto_server 5.2;");
  console.log("localstack→moto = the built app with DOJO_SANDBOX_BACKEND=localstack forwarding to moto_server;");
  console.log("bare node:http = a node:http server answering the same calls with fixed answers (bench/sandbox/floor-server.ts).\n");
  row(["median / p95", ...targets.map((t) => t.label), "product ÷ moto", "product ÷ floor"], 24, 22);
  for (const call of [...CALLS, "sequence"] as const) {
    row([call === "sequence" ? "whole sequence" : call, ...samples.map((s) => medianP95(s[call])), ratio(samples[0][call], samples[1][call]), ratio(samples[0][call], samples[3][call])], 24, 22);
  }
  const perPass = targets.map((t, i) => (t.pid === undefined ? undefined : (cpuSeconds[i] * 1000) / ITERATIONS));
  const cpuRatio = (a?: number, b?: number) => (a === undefined || b === undefined ? "–" : `${(a / b).toFixed(2)}x`);
  row(["server CPU a pass", ...perPass.map((ms) => (ms === undefined ? "–" : `${fmt(ms)}`)), cpuRatio(perPass[0], perPass[1]), cpuRatio(perPass[0], perPass[3])], 24, 22);
  console.log(`(server CPU: the target's processes' user + system time over the ${ITERATIONS} passes, 8 calls each with the clean-up, ÷ ${ITERATIONS}; ${load()})`);
}

const ACCOUNT = "123456789012";
const REGION = "ap-northeast-1";
const ROLL_SIZES = [500, 2_000, 5_000];
/** An m5.2xlarge holds 32 tasks of 256 CPU units; capacity for twice the service (a rolling update at 200%). */
const TASKS_PER_INSTANCE = 32;
const STEP_MS = 15_000;
const GIVE_UP_AFTER_MS = 6 * 3600_000;

interface Deployment {
  status: string;
  rolloutState?: string;
  runningCount: number;
  taskDefinition: string;
}

/** The engine alone, as the gateway drives it: one call at a time at an explicit simulated time. */
class Engine {
  state: SandboxState;
  now = Date.UTC(2026, 0, 1);

  constructor() {
    this.state = createSandboxState(ACCOUNT, REGION);
    this.state.clock = { simMs: this.now, wallMs: this.now };
  }

  call(operation: string, input: unknown): Record<string, unknown> {
    const { state, output } = handleOperation(this.state, operation, input, this.now, NEW_ACCOUNT);
    this.state = state;
    return output as Record<string, unknown>;
  }

  /** Steps simulated time until the service has one COMPLETED deployment of `revision` with every task running. */
  settle(revision: string, tasks: number): { simulatedMs: number; steps: number } {
    const from = this.now;
    for (let steps = 1; this.now - from < GIVE_UP_AFTER_MS; steps++) {
      this.now += STEP_MS;
      this.state = advanceTo(this.state, this.now, NEW_ACCOUNT);
      const { services } = this.call("DescribeServices", { cluster: "dojo", services: ["web"] }) as { services: Array<{ deployments: Deployment[] }> };
      const [only, ...others] = services[0].deployments;
      if (others.length === 0 && only.rolloutState === "COMPLETED" && only.runningCount === tasks && only.taskDefinition.endsWith(revision)) {
        return { simulatedMs: this.now - from, steps };
      }
    }
    throw new Error(`the service did not settle on ${revision} within ${GIVE_UP_AFTER_MS / 3600_000} simulated hours`);
  }
}

/** CPU time (user + system) and wall time of `run`, in ms. */
function timed<T>(run: () => T): { result: T; wallMs: number; cpuMs: number } {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const result = run();
  const used = process.cpuUsage(cpu);
  return { result, wallMs: performance.now() - started, cpuMs: (used.user + used.system) / 1000 };
}

function rollingUpdate(tasks: number) {
  const engine = new Engine();
  engine.call("CreateCluster", { clusterName: "dojo" });
  // EC2 capacity for twice the service (a rolling update at 200%): a new account's Fargate vCPU quota (6) would stop
  // a Fargate service at 24 quarter-vCPU tasks. AddContainerInstances adds at most 50 at a time.
  const instances = Math.ceil((2 * tasks) / TASKS_PER_INSTANCE);
  for (let added = 0; added < instances; added += 50) {
    const count = Math.min(50, instances - added);
    engine.state = handleSandboxOperation(engine.state, "AddContainerInstances", { cluster: "dojo", instanceType: "m5.2xlarge", count }, engine.now, NEW_ACCOUNT).state;
  }
  engine.call("RegisterTaskDefinition", EC2_TD);
  engine.call("RegisterTaskDefinition", EC2_TD);
  const created = timed(() => {
    engine.call("CreateService", { cluster: "dojo", serviceName: "web", taskDefinition: "api:1", desiredCount: tasks, launchType: "EC2" });
    return engine.settle(":1", tasks);
  });
  const rolled = timed(() => {
    engine.call("UpdateService", { cluster: "dojo", service: "web", taskDefinition: "api:2" });
    return engine.settle(":2", tasks);
  });
  const line = (label: string, { result, wallMs, cpuMs }: typeof rolled) =>
    console.log(`  ${label.padEnd(24)}${fmt(wallMs)} wall, ${fmt(cpuMs)} CPU for ${(result.simulatedMs / 1000).toFixed(0)} simulated s (${result.steps} steps)`);
  console.log(`\nIn process on the engine (EC2, ${tasks} tasks on ${instances} m5.2xlarge, default rolling bounds 100%/200%, checked every ${STEP_MS / 1000} simulated s):`);
  line("create to steady state:", created);
  line("roll api:1 -> api:2:", rolled);
  console.log(`  state after the roll:   ${(JSON.stringify(engine.state).length / 1024 / 1024).toFixed(1)} MiB of JSON`);
}

const PARTS = ["latency", "size", "neighbours", "learners", "memory", "roll"] as const;

function parts(): Set<string> {
  const wanted = (process.env.SANDBOX_PARTS ?? PARTS.join(",")).split(",").map((p) => p.trim());
  for (const p of wanted) if (!(PARTS as readonly string[]).includes(p)) throw new Error(`SANDBOX_PARTS: "${p}" is not one of ${PARTS.join(", ")}`);
  return new Set(wanted);
}

export default async function run() {
  const wanted = parts();
  const targets: Target[] = [];
  try {
    if (wanted.has("latency") || wanted.has("size") || wanted.has("learners")) targets.push(await productTarget());
    if (wanted.has("latency") || wanted.has("learners")) for (const start of [motoTarget, forwardingTarget, floorTarget]) targets.push(await start());
    const [product, moto, forwarding, floor] = targets;
    if (wanted.has("latency")) await httpLatency([product, moto, forwarding, floor]);
    if (wanted.has("size")) {
      const sizes = (process.env.SANDBOX_SIZES ?? "10,1000,5000").split(",").map(Number);
      const sandboxes = await sizeCurve(product, sizes, 20);
      if (wanted.has("neighbours")) await noisyNeighbours(product, sandboxes[sandboxes.length - 1], 100, 3);
    }
    if (wanted.has("learners")) await learnerCurve([product, moto, floor], [[1, 20], [50, 3], [300, 1]]);
    if (throttled.count > 0) console.log(`\n(${throttled.count} calls were throttled and retried.)`);
  } finally {
    await Promise.all(targets.map((t) => t.stop()));
  }
  // A cache bound the learners outgrow, so that the run shows whether it holds (DOJO_SANDBOX_CACHE_MIB).
  if (wanted.has("memory")) await memoryCurve(Number(process.env.SANDBOX_MEMORY_LEARNERS ?? 8), 4, 1_000, { DOJO_SANDBOX_CACHE_MIB: process.env.SANDBOX_MEMORY_CACHE_MIB ?? "8" });
  // Targets (issue 13): the 2,000-task roll under 300 ms. A 10,000-task one cannot be asked of a sandbox: a service has
  // at most 5,000 tasks, and a sandbox stores at most SANDBOX_LIMITS.tasks (quotas.ts).
  if (wanted.has("roll")) for (const tasks of ROLL_SIZES) rollingUpdate(tasks);
}
