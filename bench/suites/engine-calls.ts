// How long the engine's heaviest single calls take, in process (npm run bench -- engine-calls): the bound on what one
// learner's call can cost everyone else (lib/sandbox/engine/quotas.ts). Each figure is the median of a few runs of one
// call on the same state (states are immutable, so every run starts from the same one). AdvanceClock lines also
// say how far the clock got: a sandbox with more to do than one call may do falls behind (quotas.ts, workPerCall).
import { advanceTo, createSandboxState, handleOperation, handleSandboxOperation, NEW_ACCOUNT, type SandboxState } from "@/lib/sandbox/engine";
import { ACCOUNT, AWSVPC, EC2_TD, FARGATE_TD, REGION, T0, fargateTd } from "../../tests/unit/sandbox/support/engine";
import { fmt, summarize } from "../stats";

const RUNS = 5;
const TASKS = 5_000;
const DAY_S = 86_400;

type Step = (state: SandboxState) => SandboxState;

const nowOf = (state: SandboxState) => state.clock.simMs;
const call =
  (operation: string, input: object): Step =>
  (state) =>
    handleOperation(state, operation, input, nowOf(state), NEW_ACCOUNT).state;
const sandboxCall =
  (operation: string, input: object): Step =>
  (state) =>
    handleSandboxOperation(state, operation, input, nowOf(state), NEW_ACCOUNT).state;
const advance =
  (seconds: number): Step =>
  (state) =>
    advanceTo(state, nowOf(state) + seconds * 1000, NEW_ACCOUNT);

function build(steps: Step[]): SandboxState {
  let state = createSandboxState(ACCOUNT, REGION);
  state.clock = { simMs: T0, wallMs: T0 };
  for (const step of steps) state = step(state);
  return state;
}

/** Advances an hour per call until no task has a step left to take: a busy sandbox catches up over several calls. */
function settle(state: SandboxState): SandboxState {
  let settled = state;
  for (let calls = 0; calls < 1_000 && settled.timers.some((t) => t.step !== "service-check" && t.step !== "expired"); calls++) {
    settled = advance(3600)(settled);
  }
  return settled;
}

function median(samples: number[]): number {
  return [...samples].sort((a, b) => a - b)[Math.floor(samples.length / 2)];
}

/** CPU ms (user + system) of each of `runs` runs of `step` on `state`. */
function cpuSamples(state: SandboxState, step: Step, runs: number): number[] {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = process.cpuUsage();
    step(state);
    const used = process.cpuUsage(started);
    samples.push((used.user + used.system) / 1000);
  }
  return samples;
}

/** CPU time (user + system) rather than wall time: the figure should not depend on what else the machine runs. */
function time(label: string, state: SandboxState, step: Step): SandboxState {
  const samples: number[] = [];
  let after = state;
  for (let i = 0; i < RUNS; i++) {
    const started = process.cpuUsage();
    try {
      after = step(state);
    } catch (error) {
      console.log(`${label.padEnd(70)} fails: ${(error as Error).message}`);
      return state;
    }
    const used = process.cpuUsage(started);
    samples.push((used.user + used.system) / 1000);
  }
  const moved = (nowOf(after) - nowOf(state)) / 1000;
  console.log(`${label.padEnd(70)} ${median(samples).toFixed(1).padStart(8)} ms CPU   clock +${moved} s`);
  return after;
}

const fargateService = (name: string, taskDefinition: string, desiredCount: number) => ({
  cluster: "dojo",
  serviceName: name,
  taskDefinition,
  desiredCount,
  launchType: "FARGATE",
  networkConfiguration: AWSVPC,
});
// 16 CPU units and 128 MiB (the web image needs 80): a t3.2xlarge holds 249 by memory, so 40 hold 9,960.
const SMALL_TD = { family: "small", containerDefinitions: [{ name: "app", image: "ecs-dojo/web:1", cpu: 16, memory: 128, essential: true }] };
const ec2Service = (desiredCount: number) => ({ cluster: "dojo", serviceName: "small", taskDefinition: "small", desiredCount, launchType: "EC2" });

const basics = [
  call("CreateCluster", { clusterName: "dojo" }),
  call("RegisterTaskDefinition", FARGATE_TD),
  call("RegisterTaskDefinition", SMALL_TD),
  call("RegisterTaskDefinition", EC2_TD),
  call("RegisterTaskDefinition", fargateTd("crash", "ecs-dojo/crash:1")),
];
const instances = [sandboxCall("AddContainerInstances", { cluster: "dojo", instanceType: "t3.2xlarge", count: 40 })];

/**
 * Issue 13, target 1: a call costs the same at 5,000 tasks as at 10 (within 2×). The same calls on a sandbox whose EC2
 * service runs 10 tasks and on one whose service runs 5,000, median / p95 of SIZE_RUNS each.
 */
const SIZE_RUNS = 30;
function sizeIndependence() {
  const sizes = [10, TASKS];
  const sandboxes = sizes.map((n) => settle(build([...basics, ...instances, call("CreateService", ec2Service(n))])));
  const calls: [string, (state: SandboxState, tasks: number) => Step][] = [
    ["DescribeServices (1 service)", () => call("DescribeServices", { cluster: "dojo", services: ["small"] })],
    ["DescribeTasks (10 tasks)", (state) => call("DescribeTasks", { cluster: "dojo", tasks: Object.keys(state.tasks).slice(0, 10) })],
    ["RunTask EC2 count 1", () => call("RunTask", { cluster: "dojo", taskDefinition: "api", count: 1 })],
    ["UpdateService desiredCount - 1", (_, tasks) => call("UpdateService", { cluster: "dojo", service: "small", desiredCount: tasks - 1 })],
  ];
  console.log(`\nCPU ms per call on a sandbox of ${sizes.join(" and ")} tasks, median / p95 of ${SIZE_RUNS} runs (target: ${TASKS} within 2x of 10):`);
  for (const [label, stepFor] of calls) {
    const stats = sandboxes.map((state, i) => summarize(cpuSamples(state, stepFor(state, sizes[i]), SIZE_RUNS)));
    const cells = stats.map((x) => `${fmt(x.median)} / ${fmt(x.p95)}`.padStart(24));
    console.log(`${label.padEnd(34)}${cells.join("")}   ${(stats[1].median / stats[0].median).toFixed(1)}x`);
  }
}

export default async function run() {
  sizeIndependence();
  console.log("\nCPU ms per call, median of " + RUNS + " runs on the same state.\n");
  const fresh = build(basics);
  time(`CreateService FARGATE desiredCount ${TASKS}`, fresh, call("CreateService", fargateService("web", "web", TASKS)));
  time("RunTask FARGATE count 10", fresh, call("RunTask", { cluster: "dojo", taskDefinition: "web", launchType: "FARGATE", networkConfiguration: AWSVPC, count: 10 }));
  const withInstances = build([...basics, ...instances]);
  time(`CreateService EC2 desiredCount ${TASKS} (40 instances)`, withInstances, call("CreateService", ec2Service(TASKS)));
  time("RunTask EC2 count 10 (40 instances)", withInstances, call("RunTask", { cluster: "dojo", taskDefinition: "api", count: 10 }));

  // A sandbox whose EC2 service has reached 5,000 running tasks (however many calls that took).
  const big = settle(build([...basics, ...instances, call("CreateService", ec2Service(TASKS))]));
  const running = Object.values(big.tasks).filter((t) => t.lastStatus === "RUNNING").length;
  console.log(`(sandbox: ${Object.keys(big.tasks).length} tasks, ${running} RUNNING, ${big.timers.length} timers, ${(JSON.stringify(big).length / 2 ** 20).toFixed(1)} MiB of JSON)`);
  time(`DescribeServices (the ${TASKS}-task service, named 10 times)`, big, call("DescribeServices", { cluster: "dojo", services: Array(10).fill("small") }));
  time(`ListTasks (${TASKS} tasks)`, big, call("ListTasks", { cluster: "dojo" }));
  time(`DescribeClusters with STATISTICS (${TASKS} tasks)`, big, call("DescribeClusters", { clusters: ["dojo"], include: ["STATISTICS"] }));
  time(`RunTask EC2 count 10 (${TASKS} tasks)`, big, call("RunTask", { cluster: "dojo", taskDefinition: "api", count: 10 }));
  time(`UpdateService forceNewDeployment (${TASKS} tasks)`, big, call("UpdateService", { cluster: "dojo", service: "small", forceNewDeployment: true }));
  time(`UpdateService desiredCount 0 (${TASKS} tasks)`, big, call("UpdateService", { cluster: "dojo", service: "small", desiredCount: 0 }));
  time(`AdvanceClock ${DAY_S} s (${TASKS} tasks, steady)`, big, advance(DAY_S));
  const rolling = call("UpdateService", { cluster: "dojo", service: "small", forceNewDeployment: true })(big);
  time(`AdvanceClock ${DAY_S} s (${TASKS} tasks, a deployment starting)`, rolling, advance(DAY_S));
  const scaledIn = call("UpdateService", { cluster: "dojo", service: "small", desiredCount: 0 })(big);
  time(`AdvanceClock ${DAY_S} s (${TASKS} tasks scaling in to 0)`, scaledIn, advance(DAY_S));

  // The largest cluster AWS allows: placement looks at every instance for every task.
  const fifty = sandboxCall("AddContainerInstances", { cluster: "dojo", instanceType: "t3.2xlarge", count: 50 });
  const manyInstances = build([...basics, ...Array.from({ length: 100 }, () => fifty)]);
  time("CreateService EC2 desiredCount 100 (5,000 instances)", manyInstances, call("CreateService", ec2Service(100)));

  for (const desired of [1, 24]) {
    const crashing = build([...basics, call("CreateService", fargateService("crash", "crash", desired))]);
    time(`AdvanceClock ${DAY_S} s (Fargate service of ${desired} crash-looping tasks)`, crashing, advance(DAY_S));
  }
}
