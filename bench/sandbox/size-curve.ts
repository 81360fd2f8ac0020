// Does a call cost the same in a sandbox of 10 tasks or 5,000 (issue 13, target 1)? The four calls a learner makes
// most on a service, timed over HTTP against the product at each size (a throttled call's retries included), the sizes taking turns call by call so that a
// noisy moment of the machine falls on each alike. Each figure is set beside the smallest sandbox's.
import { DescribeServicesCommand, DescribeTasksCommand, RunTaskCommand, StopTaskCommand, UpdateServiceCommand } from "@aws-sdk/client-ecs";
import { admitted } from "./retry";
import { bigSandbox, CLUSTER, SERVICE, type BigSandbox } from "./big-sandbox";
import { load, medianP95, ratio, row } from "./table";
import type { Target } from "./targets";

const CALLS = ["DescribeServices", "DescribeTasks (10)", "RunTask", "UpdateService"] as const;
type Call = (typeof CALLS)[number];

async function timedCalls(sandbox: BigSandbox, round: number): Promise<Record<Call, number>> {
  const { ecs } = sandbox.learner;
  const times = {} as Record<Call, number>;
  const timed = async <T>(call: Call, send: () => Promise<T>) => {
    const started = performance.now();
    const output = await admitted(send);
    times[call] = performance.now() - started;
    return output;
  };
  await timed("DescribeServices", () => ecs.send(new DescribeServicesCommand({ cluster: CLUSTER, services: [SERVICE] })));
  await timed("DescribeTasks (10)", () => ecs.send(new DescribeTasksCommand({ cluster: CLUSTER, tasks: sandbox.someTasks })));
  const run = await timed("RunTask", () => ecs.send(new RunTaskCommand({ cluster: CLUSTER, taskDefinition: "small", launchType: "EC2" })));
  // One task fewer, then back (5,000 is ECS's most per service): the scheduler has work to do each time.
  await timed("UpdateService", () => ecs.send(new UpdateServiceCommand({ cluster: CLUSTER, service: SERVICE, desiredCount: sandbox.tasks - (round % 2 === 0 ? 1 : 0) })));
  const taskArn = run.tasks?.[0]?.taskArn;
  if (taskArn) await admitted(() => ecs.send(new StopTaskCommand({ cluster: CLUSTER, task: taskArn })));
  return times;
}

/** Builds one sandbox per size on `product` (answers them for later parts: the largest is the noisy neighbour). */
export async function sizeCurve(product: Target, sizes: number[], rounds: number): Promise<BigSandbox[]> {
  const sandboxes: BigSandbox[] = [];
  for (const [i, size] of sizes.entries()) sandboxes.push(await bigSandbox(await product.learner(1000 + i), size));
  const samples = sandboxes.map(() => Object.fromEntries(CALLS.map((c) => [c, [] as number[]])) as Record<Call, number[]>);
  for (let round = -2; round < rounds; round++) {
    for (const [i, sandbox] of sandboxes.entries()) {
      const times = await timedCalls(sandbox, round);
      if (round >= 0) for (const call of CALLS) samples[i][call].push(times[call]);
    }
  }
  console.log(`\nSandbox size (product over HTTP, one EC2 service of N running tasks; ${rounds} rounds, sizes in turn; ${load()}).`);
  console.log(`Built in ${sandboxes.map((s) => `${s.tasks}: ${(s.buildMs / 1000).toFixed(1)} s`).join(", ")} (CreateService + AdvanceClock until every task runs).\n`);
  const largest = sandboxes.length - 1;
  row(["median / p95", ...sandboxes.map((s) => `${s.tasks} tasks`), `${sandboxes[largest].tasks} ÷ ${sandboxes[0].tasks}`]);
  for (const call of CALLS) row([call, ...samples.map((s) => medianP95(s[call])), ratio(samples[largest][call], samples[0][call])]);
  return sandboxes;
}
