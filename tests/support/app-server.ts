import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "..", "..");

export interface AppServer {
  url: string;
  databaseUrl: string;
  /** Stops the server process (the database stays). */
  stop(): Promise<void>;
  /** Stops and starts the server again over the same database, on the same port. */
  restart(): Promise<void>;
  /** Kills the server's processes with SIGKILL (`kill -9`: no shutdown code runs); `restart()` then starts it again. */
  kill(): Promise<void>;
}

/**
 * How long the server may take to answer its first health check: 90 s (on a machine busy with other builds Next.js
 * alone can take half a minute), or DOJO_TEST_START_TIMEOUT_MS. A wait, not a measurement: start-up speed is
 * `npm run bench -- startup`'s.
 */
const START_TIMEOUT_MS = Number(process.env.DOJO_TEST_START_TIMEOUT_MS) || 90_000;

/** Fixed server key for tests, so credentials printed before a restart still work after it. */
export const TEST_SERVER_KEY = "test-server-key-0123456789abcdef0123456789";

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts the built app (server.ts, as `npm start` does) on a free loopback port over its own fresh SQLite database
 * (or the given DATABASE_URL). Needs `npm test`'s preparation (or `next build`) to have run.
 */
export async function startApp(options: { databaseUrl?: string; env?: Record<string, string>; logFile?: string } = {}): Promise<AppServer> {
  if (!fs.existsSync(path.join(ROOT, ".next", "BUILD_ID"))) {
    throw new Error("The app is not built: run `npm test` (or `npx next build`) before the integration tests.");
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ecs-dojo-app-"));
  const databaseUrl = options.databaseUrl ?? `file:${path.join(dir, "dojo.db")}`;
  const env = {
    ...process.env,
    NEXT_TELEMETRY_DISABLED: "1",
    DATABASE_URL: databaseUrl,
    DOJO_SECRET_KEY: TEST_SERVER_KEY,
    // Workers are replaced after idling only where a test asks for it (worker-recycling.test.ts, the load bench):
    // a test's own pauses must not be the moment a worker goes.
    DOJO_RECYCLE_IDLE_SECONDS: "0",
    ...options.env,
  };
  execFileSync(process.execPath, ["scripts/db.mjs", "deploy"], { cwd: ROOT, env, stdio: "pipe" });
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;
  let output = "";

  async function start() {
    output = "";
    child = spawn(process.execPath, ["--import", "tsx", "server.ts"], {
      cwd: ROOT,
      env: { ...env, PORT: String(port), HOST: "127.0.0.1", NODE_ENV: "production" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout?.on("data", (d) => (output += d));
    child.stderr?.on("data", (d) => (output += d));
    if (options.logFile) {
      const log = fs.createWriteStream(options.logFile, { flags: "a" });
      child.stdout?.pipe(log);
      child.stderr?.pipe(log);
    }
    const deadline = Date.now() + START_TIMEOUT_MS;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`the app server exited with ${child.exitCode}:\n${output}`);
      try {
        const res = await fetch(`${url}/api/health`);
        if (res.ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 150));
    }
    await stop(); // not left running behind the error
    throw new Error(`the app server did not answer within ${START_TIMEOUT_MS / 1000} s (DOJO_TEST_START_TIMEOUT_MS sets the wait):\n${output}`);
  }

  async function stop() {
    const proc = child;
    if (!proc || proc.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      proc.once("exit", () => resolve());
      proc.kill("SIGTERM");
      setTimeout(() => proc.kill("SIGKILL"), 5000).unref();
    });
  }

  await start();
  return {
    url,
    databaseUrl,
    stop,
    async restart() {
      await stop();
      await start();
    },
    async kill() {
      const proc = child;
      child = undefined; // nothing left to stop: restart() goes straight to start()
      if (!proc?.pid || proc.exitCode !== null || proc.signalCode !== null) return;
      // The server is a primary process and its workers (server.ts): all of them get SIGKILL at once, as in a crash of
      // the machine or the container. The process tree comes from /proc (Linux); elsewhere only the primary is killed
      // (its workers then leave on their own).
      const parentOf = new Map<number, number>();
      for (const entry of fs.existsSync("/proc") ? fs.readdirSync("/proc") : []) {
        if (!/^\d+$/.test(entry)) continue;
        try {
          const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
          parentOf.set(Number(entry), Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]));
        } catch {
          // exited meanwhile
        }
      }
      const tree = [proc.pid];
      for (let i = 0; i < tree.length; i++) {
        for (const [pid, parent] of parentOf) if (parent === tree[i]) tree.push(pid);
      }
      const exited = new Promise<void>((resolve) => proc.once("exit", () => resolve()));
      for (const pid of tree) {
        try {
          process.kill(pid, "SIGKILL");
        } catch {
          // already gone
        }
      }
      await exited;
      // The workers are not our children: wait (briefly) until they are gone or only a zombie is left.
      const alive = (pid: number) => {
        try {
          const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
          return stat[stat.lastIndexOf(")") + 2] !== "Z";
        } catch {
          return false;
        }
      };
      const deadline = Date.now() + 5000;
      while (tree.slice(1).some(alive) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    },
  };
}
