// The site's HTTP server (`npm start`, `npm run dev`): the AWS-compatible endpoint at /aws and the lesson page's two
// most frequent requests (app/_server/fast-lane.ts) straight on node:http, every other request through Next.js.
// They stay out of Next's route pipeline because it costs about 3 ms of CPU per request, more than the sandbox call
// or the console poll itself (npm run bench -- sandbox, npm run bench -- load).
// In production it runs one process per core (DOJO_WORKERS overrides): one Node process serves about one core, and a
// workshop room needs both of a small machine's (npm run bench -- load). The processes share the database and nothing
// else; rate limits are counted in the primary process (lib/limits/rate-limits.ts).
// Usage: node --import tsx server.ts [--dev]   (PORT, default 3000; HOST, default every interface)
import cluster from "node:cluster";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import { RateLimiterClusterMaster } from "rate-limiter-flexible";
import { IPC_KIND as WORKSHOP_IPC_KIND } from "./lib/workshop/events";

const dev = process.argv.includes("--dev");
const port = Number(process.env.PORT || 3000);
const hostname = process.env.HOST || undefined;
// Behind a reverse proxy (README "Security"), rate limits key on the address it reports instead of its own.
const trustProxy = process.env.DOJO_TRUST_PROXY === "1";
const workers = workerCount();

/**
 * Memory a room of learners made a worker take is not given back to the system by V8 and the allocator once they
 * leave (measured: about 1 GB more after 1,000 learners, unchanged after 20 s idle). So a worker that has had no
 * connection open for RECYCLE_IDLE_MS and has grown more than RECYCLE_GROWTH_BYTES above what it took when it
 * started is replaced: a fresh worker starts, and once it listens the old one closes. Idle means no connection, not
 * only no request: closing a worker that still holds a client's kept-alive socket races that client's next request
 * ("other side closed"). Nothing is lost: sessions, progress and sandboxes live in the database. One worker at a
 * time, never under load. DOJO_RECYCLE_IDLE_SECONDS (default 30; 0 = never) and DOJO_RECYCLE_GROWTH_MIB (default
 * 256) tune it.
 */
const RECYCLE_IDLE_MS = nonNegative("DOJO_RECYCLE_IDLE_SECONDS", 30) * 1000;
const RECYCLE_GROWTH_BYTES = nonNegative("DOJO_RECYCLE_GROWTH_MIB", 256) * 1024 * 1024;
/** How often a worker tells the primary its memory and when it last served. */
const LOAD_REPORT_MS = 2000;
/** A retired worker still finishing requests after this long is stopped anyway. */
const RETIRE_GRACE_MS = 20_000;

interface LoadReport {
  kind: "dojo-load";
  rssBytes: number;
  idleMs: number;
}


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

/**
 * On SQLite, a workshop event (a participant's Check, a raised hand) happens in one worker and an instructor's live
 * grid may stream from another: the primary hands each event to every other worker (lib/workshop/events.ts). On
 * PostgreSQL the workers hear each other through LISTEN/NOTIFY and never send these.
 */
function relayWorkshopEvents(): void {
  cluster.on("message", (from, message) => {
    if (!message || typeof message !== "object" || (message as { kind?: unknown }).kind !== WORKSHOP_IPC_KIND) return;
    for (const worker of Object.values(cluster.workers ?? {})) if (worker && worker.id !== from.id && worker.isConnected()) worker.send(message);
  });
}

/**
 * The primary process: starts the workers, replaces one that dies, gives memory back once learners leave (below),
 * and stops them all on SIGTERM/SIGINT.
 */
function superviseWorkers(count: number): void {
  new RateLimiterClusterMaster();
  let stopping = false;
  const recentDeaths: number[] = [];
  const retiring = new Set<number>();
  for (let i = 0; i < count; i++) cluster.fork();
  relayWorkshopEvents();
  watchMemory(retiring, () => stopping);
  cluster.on("exit", (worker, code, signal) => {
    if (retiring.delete(worker.id)) return; // replaced on purpose; its successor already serves
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

function nonNegative(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a number ≥ 0, not "${process.env[name]}"`);
  return value;
}

function watchMemory(retiring: Set<number>, stopping: () => boolean): void {
  if (RECYCLE_IDLE_MS === 0) return;
  const startRss = new Map<number, number>();
  let replacing = false;
  cluster.on("message", (worker, message: LoadReport) => {
    // A worker's last reports can arrive after it has exited (its channel delivers what was queued): not one to replace.
    if (message?.kind !== "dojo-load" || replacing || stopping() || retiring.has(worker.id) || !worker.isConnected()) return;
    if (!startRss.has(worker.id)) startRss.set(worker.id, message.rssBytes);
    if (message.idleMs < RECYCLE_IDLE_MS || message.rssBytes - startRss.get(worker.id)! < RECYCLE_GROWTH_BYTES) return;
    replacing = true;
    const grown = Math.round((message.rssBytes - startRss.get(worker.id)!) / 1024 / 1024);
    console.log(`ECS Dojo: worker ${worker.process.pid} idle and ${grown} MiB above its start; replacing it to give the memory back.`);
    const successor = cluster.fork();
    successor.once("listening", () => {
      replacing = false;
      startRss.delete(worker.id);
      // Gone meanwhile (the exit handler has dealt with it): nothing to retire. A send that loses the race with its
      // exit reports to the callback; thrown, it would stop the primary and every worker with it.
      if (!worker.isConnected()) return;
      retiring.add(worker.id);
      worker.send({ kind: "dojo-retire" }, undefined, () => {});
    });
    successor.once("exit", () => (replacing = false));
  });
}

async function serve(): Promise<void> {
  // Loaded here, not at the top: the primary process never needs Next.js.
  // The AWS endpoint and the fast lane load before the server listens, though a first page does not need them: a
  // server that answers its health check must answer /aws too (tests and load balancers wait for the former).
  const [{ default: next }, door, { isAwsEndpoint, isFastLane }, { serveAwsEndpoint }, { serveFastLane }] = await Promise.all([
    import("next"),
    import("@/app/_server/front-door"),
    import("@/app/_server/lanes"),
    import("@/app/_server/aws-endpoint"),
    import("@/app/_server/fast-lane"),
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
    })
    // The lesson route loads once the first answer is out, not in its way (next.config.ts: preloadEntriesOnStart).
    .once("request", (_request, response) => response.once("close", () => !dev && void warmLessonPage(server.address() as AddressInfo)));
  if (cluster.isWorker) reportLoad(server);
}

/**
 * Asks the server for the course's first lesson page after its first answer: the lesson route's modules and the course (read
 * and checked once per process) then load before a learner's first lesson page instead of during it, as Next.js's own
 * preloading of every route did, at a third of a start's CPU (next.config.ts). A failure is the page's own to report
 * when a learner asks; here it only means nothing was warmed. (The course file is read from the working directory, as
 * the database's default file is: npm start runs in the checkout.)
 */
async function warmLessonPage(address: AddressInfo): Promise<void> {
  try {
    const lessonId = JSON.parse(fs.readFileSync("lessons/course.json", "utf8")).tracks[0].lessons[0];
    const host = address.address === "::" || address.address === "0.0.0.0" ? "127.0.0.1" : address.address.includes(":") ? `[${address.address}]` : address.address;
    await (await fetch(`http://${host}:${address.port}/en/lessons/${encodeURIComponent(lessonId)}`)).arrayBuffer();
  } catch {
    // Nothing warmed; the first learner loads it.
  }
}

/** Tells the primary this worker's memory and how long it has had no connection; on "dojo-retire", closes and exits. */
function reportLoad(server: http.Server): void {
  let lastOpenAt = Date.now();
  let open = 0;
  let retiring = false;
  server.on("connection", (socket) => {
    open++;
    socket.once("close", () => {
      open--;
      lastOpenAt = Date.now();
    });
  });
  // A connection that arrives while the worker retires is served once and closed, never left to be cut.
  server.prependListener("request", (_request, response) => {
    if (retiring) response.setHeader("Connection", "close");
  });
  setInterval(() => {
    const report: LoadReport = { kind: "dojo-load", rssBytes: process.memoryUsage.rss(), idleMs: open > 0 ? 0 : Date.now() - lastOpenAt };
    process.send?.(report);
  }, LOAD_REPORT_MS).unref();
  process.on("message", (message: { kind?: string }) => {
    if (message?.kind !== "dojo-retire") return;
    retiring = true;
    // server.close() stops accepting and closes idle sockets; connections still busy finish first.
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), RETIRE_GRACE_MS).unref();
  });
}

