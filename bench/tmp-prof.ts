import { childrenMatching } from "./load/proc";
import { prepared } from "./sandbox/sequence";
import { productTarget } from "./sandbox/targets";
const before = new Set(childrenMatching(process.pid, () => true));
const p = await productTarget({ DOJO_WORKERS: "1", NODE_OPTIONS: "--import /tmp/pb/prof-preload.mjs" });
try {
  const [pid] = childrenMatching(process.pid, (a) => a.includes("server.ts")).filter((x) => !before.has(x));
  const run = await prepared(await p.learner(0));
  for (let i = 0; i < 20; i++) await run.pass(i);
  process.kill(pid, "SIGUSR2");
  await new Promise((r) => setTimeout(r, 300));
  const t0 = performance.now();
  const N = Number(process.env.PASSES ?? 200);
  for (let i = 20; i < 20 + N; i++) await run.pass(i);
  console.log("passes", N, ((performance.now() - t0) / N).toFixed(1), "ms per pass (8 calls)");
  process.kill(pid, "SIGWINCH");
  await new Promise((r) => setTimeout(r, 2000));
} finally { await p.stop(); }
