// The site's HTTP server (`npm start`, `npm run dev`): the AWS-compatible endpoint at /aws and the lesson page's two
// most frequent requests (app/_server/fast-lane.ts) straight on node:http, every other request through Next.js.
// They stay out of Next's route pipeline because it costs about 3 ms of CPU per request, more than the sandbox call
// or the console poll itself (npm run bench -- sandbox, npm run bench -- load).
// In production it runs one process per core (DOJO_WORKERS overrides): one Node process serves about one core, and a
// workshop room needs both of a small machine's (npm run bench -- load). The processes share the database and nothing
// else; rate limits are counted in the primary process (lib/limits/rate-limits.ts).
// Usage: node --import tsx server.ts [--dev]   (PORT, default 3000; HOST, default every interface)
import cluster from "node:cluster";
import http from "node:http";
import os from "node:os";
import { RateLimiterClusterMaster } from "rate-limiter-flexible";

const dev = process.argv.includes("--dev");
const port = Number(process.env.PORT || 3000);
const hostname = process.env.HOST || undefined;
// Behind a reverse proxy (README "Security"), rate limits key on the address it reports instead of its own.
const trustProxy = process.env.DOJO_TRUST_PROXY === "1";
const workers = workerCount();

if (workers > 1 && cluster.isPrimary) superviseWorkers(workers);
else await serve();

function workerCount(): number {
  if (dev) return 1; // hot reload keeps its state in the one process
  const configured = process.env.DOJO_WORKERS;
  if (configured === undefined || configured === "") return os.availableParallelism();
  const count = Number(configured);
  if (!Number.isInteger(count) || count < 1) throw new Error(`DOJO_WORKERS must be a whole number of processes, not "${configured}"`);
  return count;
}

/** The primary process: starts the workers, replaces one that dies, and stops them all on SIGTERM/SIGINT. */
function superviseWorkers(count: number): void {
  new RateLimiterClusterMaster();
  let stopping = false;
  const recentDeaths: number[] = [];
  for (let i = 0; i < count; i++) cluster.fork();
  cluster.on("exit", (worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    const now = Date.now();
    recentDeaths.push(now);
    while (recentDeaths.length > 0 && recentDeaths[0] < now - 60_000) recentDeaths.shift();
    if (recentDeaths.length > 5 * count) {
      console.error("ECS Dojo: workers keep dying (more than 5 each within a minute); stopping.");
      process.exit(1);
    }
    console.error(`ECS Dojo: worker ${worker.process.pid} exited (${signal ?? code}); starting another.`);
    cluster.fork();
  });
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.on(signal, () => {
      stopping = true;
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
      setTimeout(() => process.exit(0), 10_000).unref();
    });
  }
  console.log(`ECS Dojo: ${count} worker processes on http://${hostname ?? "localhost"}:${port}`);
}

async function serve(): Promise<void> {
  // Loaded here, not at the top: the primary process never needs Next.js.
  const [{ default: next }, { isAwsEndpoint, serveAwsEndpoint }, { isFastLane, serveFastLane }, door] = await Promise.all([
    import("next"),
    import("@/app/_server/aws-endpoint"),
    import("@/app/_server/fast-lane"),
    import("@/app/_server/front-door"),
  ]);
  // A worker whose primary is gone (killed) has nobody to give it connections: it leaves too.
  if (cluster.isWorker) process.on("disconnect", () => process.exit(0));
  const app = next({ dev, port, hostname: hostname ?? "localhost" });
  const handle = app.getRequestHandler();
  await app.prepare();

  const server = http.createServer(
    { requestTimeout: door.REQUEST_TIMEOUT_MS, headersTimeout: door.HEADERS_TIMEOUT_MS, connectionsCheckingInterval: door.TIMEOUT_CHECK_MS },
    (request, response) => {
      if (door.refusedAtTheDoor(request, response, trustProxy)) return;
      if (isAwsEndpoint(request.url)) void serveAwsEndpoint(request, response);
      else if (isFastLane(request.method, request.url)) void serveFastLane(request, response);
      else void handle(request, response);
    },
  );
  server
    // WebSocket upgrades (the dev server's hot reload) go to Next.js too.
    .on("upgrade", app.getUpgradeHandler())
    .listen(port, hostname, () => {
      if (cluster.isPrimary) console.log(`ECS Dojo ${dev ? "(dev) " : ""}on http://${hostname ?? "localhost"}:${port}`);
    });
}

