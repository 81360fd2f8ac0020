// Bounded memory (issue 13, target 4): the server's resident memory as learners with 1,000-task sandboxes arrive.
// One server process (DOJO_WORKERS=1) so that the figure is one cache's; after each batch every learner so far reads
// their service once more, as the console's polls would, so that the cache is asked to hold them all.
import { DescribeServicesCommand } from "@aws-sdk/client-ecs";
import { childrenMatching, sampleTree } from "../load/proc";
import { bigSandbox, CLUSTER, SERVICE, type BigSandbox } from "./big-sandbox";
import { admitted } from "./retry";
import { load, row } from "./table";
import { productTarget } from "./targets";

const MIB = 1024 * 1024;

export async function memoryCurve(learners: number, batch: number, tasks: number, env: Record<string, string>): Promise<void> {
  const before = new Set(childrenMatching(process.pid, () => true));
  const product = await productTarget({ DOJO_WORKERS: "1", ...env });
  try {
    const [pid] = childrenMatching(process.pid, (args) => args.includes("server.ts")).filter((p) => !before.has(p));
    const rss = () => `${(sampleTree(pid).rssBytes / MIB).toFixed(0)} MiB`;
    const settings = Object.entries(env).map(([k, v]) => `${k}=${v}`).join(" ") || "defaults";
    console.log(`\nMemory (one server process, ${settings}; ${load()}): RSS as learners with ${tasks}-task sandboxes arrive, ${batch} at a time.\n`);
    row(["learners", "RSS", "built in"], 12, 14);
    row(["0", rss(), ""], 12, 14);
    const sandboxes: BigSandbox[] = [];
    for (let n = 0; n < learners; n += batch) {
      const started = performance.now();
      const made = await Promise.all(Array.from({ length: Math.min(batch, learners - n) }, async (_, i) => bigSandbox(await product.learner(3000 + n + i), tasks)));
      sandboxes.push(...made);
      const seconds = (performance.now() - started) / 1000;
      for (const { learner } of sandboxes) await admitted(() => learner.ecs.send(new DescribeServicesCommand({ cluster: CLUSTER, services: [SERVICE] })));
      row([String(sandboxes.length), rss(), `${seconds.toFixed(0)} s`], 12, 14);
    }
  } finally {
    await product.stop();
  }
}
