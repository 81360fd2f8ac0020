// Bounded memory (issue 13, target 4): the server's heap after a full garbage collection and its resident memory as
// learners with 1,000-task sandboxes arrive. One server process (DOJO_WORKERS=1) without the heavy lane (its thread
// would keep a second cache in a heap of its own), so that the figure is one cache's; after each batch every learner
// so far reads their service once more, as the console's polls would, so that the cache is asked to hold them all.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { DescribeServicesCommand } from "@aws-sdk/client-ecs";
import { sampleTree } from "../load/proc";
import { bigSandbox, CLUSTER, SERVICE, type BigSandbox } from "./big-sandbox";
import { admitted } from "./retry";
import { load, row } from "./table";
import { productTarget } from "./targets";

const MIB = 1024 * 1024;

export async function memoryCurve(learners: number, batch: number, tasks: number, env: Record<string, string>): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ecs-dojo-heap-"));
  const preload = path.join(import.meta.dirname, "heap-preload.mjs");
  const product = await productTarget({ DOJO_WORKERS: "1", DOJO_HEAVY_STEP_MS: "1e9", NODE_OPTIONS: `--import ${preload}`, HEAP_DIR: dir, ...env });
  try {
    const pid = product.pid!;
    const rss = () => `${(sampleTree(pid).rssBytes / MIB).toFixed(0)} MiB`;
    /** The server's heap in use after a full collection (heap-preload.mjs). */
    const heap = async () => {
      const file = path.join(dir, `${pid}.json`);
      fs.rmSync(file, { force: true });
      process.kill(pid, "SIGUSR2");
      for (let waited = 0; !fs.existsSync(file) && waited < 300; waited++) await new Promise((r) => setTimeout(r, 100));
      return `${((JSON.parse(fs.readFileSync(file, "utf8")) as { heapUsedBytes: number }).heapUsedBytes / MIB).toFixed(0)} MiB`;
    };
    const settings = Object.entries(env).map(([k, v]) => `${k}=${v}`).join(" ") || "defaults";
    console.log(`\nMemory (one server process, ${settings}; ${load()}): heap after GC and RSS as learners with ${tasks}-task sandboxes arrive, ${batch} at a time.\n`);
    row(["learners", "heap after GC", "RSS", "built in"], 12, 16);
    row(["0", await heap(), rss(), ""], 12, 16);
    const sandboxes: BigSandbox[] = [];
    for (let n = 0; n < learners; n += batch) {
      const started = performance.now();
      const made = await Promise.all(Array.from({ length: Math.min(batch, learners - n) }, async (_, i) => bigSandbox(await product.learner(3000 + n + i), tasks)));
      sandboxes.push(...made);
      const seconds = (performance.now() - started) / 1000;
      for (const { learner } of sandboxes) await admitted(() => learner.ecs.send(new DescribeServicesCommand({ cluster: CLUSTER, services: [SERVICE] })));
      row([String(sandboxes.length), await heap(), rss(), `${seconds.toFixed(0)} s`], 12, 16);
    }
  } finally {
    await product.stop();
  }
}
