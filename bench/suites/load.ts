// Capacity: simulated learners against the built app (`npm start`'s server.ts in production mode, a separate
// process), on SQLite and on a private PostgreSQL. Each learner loads the lesson page on arrival and every ~40 s,
// saves a draft every 3–5 s, checks every ~20 s, polls the sandbox console every 2 s (all on up to 6 kept-alive
// connections, as a browser) and makes a signed AWS call every ~10 s on a new connection. Target: 300 learners
// with 0 errors and p95 < 200 ms per route on both databases; 1,000 learners with no errors.
// Loopback only; about 6 minutes with the defaults. Needs the app built (`next build`); builds nothing.
//   LOAD_DB=sqlite,postgres  LOAD_LEARNERS=50,300  LOAD_SECONDS=60 (steady window)  LOAD_RAMP_SECONDS=30  LOAD_IDLE_SECONDS=75 (long enough for server.ts to replace grown idle workers)
// Without LOAD_DB and LOAD_LEARNERS the runs are SQLite 300, PostgreSQL 300, SQLite 1,000; with either, every
// database given (default both) runs every learner count given (default 300).
import fs from "node:fs";
import path from "node:path";
import { TIMEOUT_MS } from "../load/http";
import { AWS_EVERY_MS, CHECK_EVERY_MS, CONSOLE_EVERY_MS, DRAFT_MAX_MS, DRAFT_MIN_MS, PAGE_EVERY_MS } from "../load/learner";
import { loadLesson } from "../load/lesson";
import { childrenMatching, newServerPid, postmasterOn } from "../load/proc";
import { report } from "../load/report";
import { runLoad } from "../load/run";
import { freePort, startApp, type AppServer } from "../../tests/support/app-server";
import { startPostgres, type PostgresServer } from "../../tests/support/postgres";

type Database = "sqlite" | "postgres";
const DATABASES: Database[] = ["sqlite", "postgres"];
const DEFAULT_PLAN: Array<[Database, number]> = [
  ["sqlite", 300],
  ["postgres", 300],
  ["sqlite", 1000],
];
const LESSON = "L302";
const ROOT = path.resolve(import.meta.dirname, "..", "..");

function seconds(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback);
  if (!(value > 0)) throw new Error(`${name} must be a positive number of seconds`);
  return value;
}

function plan(): Array<[Database, number]> {
  const { LOAD_DB, LOAD_LEARNERS } = process.env;
  if (!LOAD_DB && !LOAD_LEARNERS) return DEFAULT_PLAN;
  const dbs = (LOAD_DB ?? DATABASES.join(",")).split(",").map((d) => d.trim());
  for (const d of dbs) if (!DATABASES.includes(d as Database)) throw new Error(`LOAD_DB: "${d}" is not one of ${DATABASES.join(", ")}`);
  const counts = (LOAD_LEARNERS ?? "300").split(",").map(Number);
  for (const n of counts) if (!(Number.isInteger(n) && n > 0)) throw new Error(`LOAD_LEARNERS: "${LOAD_LEARNERS}" must be whole numbers, comma-separated`);
  return dbs.flatMap((d) => counts.map((n): [Database, number] => [d as Database, n]));
}

export default async function run() {
  if (!fs.existsSync(path.join(ROOT, ".next", "BUILD_ID"))) {
    console.log("!!! The app is not built (.next/BUILD_ID is missing): the load bench CANNOT RUN.");
    console.log("Build it first: NEXT_TELEMETRY_DISABLED=1 npx next build, then rerun npm run bench -- load.");
    throw new Error("load bench: the app is not built (.next/BUILD_ID is missing)");
  }
  const runs = plan();
  const rampSeconds = seconds("LOAD_RAMP_SECONDS", 30);
  const steadySeconds = seconds("LOAD_SECONDS", 60);
  const idleSeconds = seconds("LOAD_IDLE_SECONDS", 75);
  const lesson = loadLesson(LESSON);

  console.log(
    `Simulated learners against the built app on loopback (server.ts, NODE_ENV=production, one process started per run; ` +
      `the load generator runs in this process). Each learner: GET /en/lessons/${LESSON} on arrival and every ~${PAGE_EVERY_MS / 1000} s, ` +
      `a draft of ${lesson.file} every ${DRAFT_MIN_MS / 1000}–${DRAFT_MAX_MS / 1000} s, a check every ~${CHECK_EVERY_MS / 1000} s, ` +
      `the console every ${CONSOLE_EVERY_MS / 1000} s after its previous answer, on a keep-alive pool of 6 connections; ` +
      `a SigV4-signed ECS call every ~${AWS_EVERY_MS / 1000} s on a new connection. Timeout ${TIMEOUT_MS / 1000} s; an error is a network error, ` +
      `a timeout or a status ≥ 400. Runs: ${runs.map(([d, n]) => `${d} ${n}`).join(", ")}.\n`,
  );

  let pg: PostgresServer | undefined;
  let pgPort = 0;
  try {
    for (const [database, learners] of runs) {
      let databaseUrl: string | undefined;
      let databasePid: number | undefined;
      if (database === "postgres") {
        if (!pg) pg = startPostgres((pgPort = await freePort()));
        const name = `load_${learners}_${Date.now()}`;
        pg.createDatabase(name);
        databaseUrl = pg.url(name);
        databasePid = postmasterOn(pgPort);
      }
      const before = new Set(childrenMatching(process.pid, () => true));
      let app: AppServer | undefined;
      try {
        app = await startApp({ databaseUrl, logFile: process.env.LOAD_SERVER_LOG });
        const result = await runLoad({
          url: app.url,
          serverPid: newServerPid(before),
          databasePid,
          lesson,
          learners,
          rampSeconds,
          steadySeconds,
          idleSeconds,
        });
        report(database === "sqlite" ? "SQLite" : "PostgreSQL", result);
      } finally {
        await app?.stop();
      }
    }
  } finally {
    pg?.stop();
  }
}
