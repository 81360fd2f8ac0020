// Noisy neighbours (issue 13, target 2): a learner with a 3-task service reads it (DescribeServices, one call at a
// time) while nobody else works, then while another learner drives a 5,000-task sandbox as hard as it can —
// DRIVERS connections each sending UpdateService and RunTask back to back, retrying at once when throttled. Quiet
// and noisy windows alternate, so that the machine's other work falls on both alike.
import { DescribeServicesCommand, RunTaskCommand, StopTaskCommand, UpdateServiceCommand, type ECSClient } from "@aws-sdk/client-ecs";
import { summarize } from "../stats";
import { bigSandbox, CLUSTER, SERVICE, type BigSandbox } from "./big-sandbox";
import { admitted } from "./retry";
import { load, medianP95, row } from "./table";
import type { Target } from "./targets";

const DRIVERS = 4;

async function reads(ecs: ECSClient, samples: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < samples; i++) {
    const started = performance.now();
    await admitted(() => ecs.send(new DescribeServicesCommand({ cluster: CLUSTER, services: [SERVICE] })));
    times.push(performance.now() - started);
  }
  return times;
}

/** Drives the heavy sandbox until `stop` resolves; answers the calls it made and how many were refused. */
async function drive(heavy: BigSandbox, stop: Promise<void>): Promise<{ answered: number; refused: number }> {
  const { ecs } = heavy.learner;
  let done = false;
  void stop.then(() => (done = true));
  const counts = { answered: 0, refused: 0 };
  const attempt = async (send: () => Promise<unknown>) => {
    try {
      const output = await send();
      counts.answered++;
      return output;
    } catch {
      counts.refused++; // throttled, or a sandbox limit: a hard driver tries again at once
      return undefined;
    }
  };
  await Promise.all(
    Array.from({ length: DRIVERS }, async (_, d) => {
      for (let i = 0; !done; i++) {
        await attempt(() => ecs.send(new UpdateServiceCommand({ cluster: CLUSTER, service: SERVICE, desiredCount: heavy.tasks - ((i + d) % 2) })));
        const run = (await attempt(() => ecs.send(new RunTaskCommand({ cluster: CLUSTER, taskDefinition: "small", launchType: "EC2", count: 10 })))) as
          | { tasks?: Array<{ taskArn?: string }> }
          | undefined;
        for (const task of run?.tasks ?? []) await attempt(() => ecs.send(new StopTaskCommand({ cluster: CLUSTER, task: task.taskArn })));
      }
    }),
  );
  return counts;
}

export async function noisyNeighbours(product: Target, heavy: BigSandbox, samples: number, windows: number): Promise<void> {
  const light = await bigSandbox(await product.learner(2000), 3);
  const quiet: number[] = [];
  const noisy: number[] = [];
  let driven = { answered: 0, refused: 0, seconds: 0 };
  await reads(light.learner.ecs, 20); // warm-up
  for (let w = 0; w < windows; w++) {
    quiet.push(...(await reads(light.learner.ecs, samples)));
    let stop!: () => void;
    const stopped = new Promise<void>((resolve) => (stop = resolve));
    const started = performance.now();
    const driving = drive(heavy, stopped);
    await new Promise((resolve) => setTimeout(resolve, 500)); // the driver at full speed first
    noisy.push(...(await reads(light.learner.ecs, samples)));
    stop();
    const counts = await driving;
    driven = { answered: driven.answered + counts.answered, refused: driven.refused + counts.refused, seconds: driven.seconds + (performance.now() - started) / 1000 };
  }
  console.log(`\nNoisy neighbour (product over HTTP; ${load()}): a 3-task learner's DescribeServices, ${samples} × ${windows} windows each,`);
  console.log(
    `quiet, and while another learner drives a ${heavy.tasks}-task sandbox on ${DRIVERS} connections ` +
      `(${(driven.answered / driven.seconds).toFixed(0)} calls/s answered, ${(driven.refused / driven.seconds).toFixed(0)}/s refused).\n`,
  );
  row(["median / p95", "quiet", "noisy", "noisy ÷ quiet (p95)"]);
  row(["3-task DescribeServices", medianP95(quiet), medianP95(noisy), `${(summarize(noisy).p95 / summarize(quiet).p95).toFixed(2)}x`]);
  row(["worst", `${Math.max(...quiet).toFixed(1)} ms`, `${Math.max(...noisy).toFixed(1)} ms`, ""]);
}
