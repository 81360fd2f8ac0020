// Workshop capacity (issue 17, acceptance 4): a room of participants who join with the code and work as learners
// (drafts, Checks — some failing, the sandbox's console and signed AWS calls — some raising a hand) while three
// instructors watch the live grid, against the built app: two instances over one private PostgreSQL (participants
// and instructors spread over both, so the grid's events cross instances through LISTEN/NOTIFY), then one instance on
// SQLite (the embedded default). Targets: 0 errors, p95 < 200 ms per route, grid update delay p95 < 2 s.
// Loopback only; about 10 minutes with the defaults. Needs the app built (`next build`); builds nothing.
//   ROOM_DB=postgres,sqlite  ROOM_PARTICIPANTS=300  ROOM_SECONDS=180 (steady window)  ROOM_RAMP_SECONDS=30
// For a quick look on a busy machine: ROOM_PARTICIPANTS=50 ROOM_SECONDS=30 ROOM_RAMP_SECONDS=10.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { loadLesson } from "../load/lesson";
import { childrenMatching, newServerPid, postmasterOn } from "../load/proc";
import { HAND_CHANCE, HAND_EVERY_MS } from "../room/participant";
import { reportRoom } from "../room/report";
import { runRoom } from "../room/run";
import { freePort, startApp, type AppServer } from "../../tests/support/app-server";
import { startPostgres, type PostgresServer } from "../../tests/support/postgres";

const ROOT = path.resolve(import.meta.dirname, "..", "..");
const LESSONS = ["L301", "L302", "L303"];
const SETUPS = { postgres: { instances: 2, label: "Two instances over one PostgreSQL" }, sqlite: { instances: 1, label: "One instance on SQLite" } } as const;
type Setup = keyof typeof SETUPS;

function positive(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback);
  if (!(value > 0)) throw new Error(`${name} must be a positive number`);
  return value;
}

const uptime = () => execFileSync("uptime", { encoding: "utf8" }).trim();

export default async function run() {
  if (!fs.existsSync(path.join(ROOT, ".next", "BUILD_ID"))) throw new Error("room bench: the app is not built (.next/BUILD_ID is missing): run `npx next build` first");
  const setups = (process.env.ROOM_DB ?? "postgres,sqlite").split(",").map((s) => s.trim());
  for (const s of setups) if (!(s in SETUPS)) throw new Error(`ROOM_DB: "${s}" is not one of ${Object.keys(SETUPS).join(", ")}`);
  const participants = Math.round(positive("ROOM_PARTICIPANTS", 300));
  const steadySeconds = positive("ROOM_SECONDS", 180);
  const rampSeconds = positive("ROOM_RAMP_SECONDS", 30);
  const lessons = LESSONS.map(loadLesson);
  console.log(
    `A workshop over ${LESSONS.join(", ")}: ${participants} participants join with the code over ${rampSeconds} s (join page, POST /api/workshops/join), ` +
      `each then works on one of the lessons as the load bench's learner does, and every ~${HAND_EVERY_MS / 1000} s raises a hand with chance ${HAND_CHANCE}; ` +
      `3 instructors (added with \`ecs-dojo users add\`, signed in) hold the room's event stream open. Runs: ${setups.join(", ")}.\n`,
  );

  let pg: PostgresServer | undefined;
  try {
    for (const setup of setups as Setup[]) {
      console.log(`Load before ${setup}: ${uptime()}`);
      let databaseUrl: string | undefined;
      let databasePid: number | undefined;
      if (setup === "postgres") {
        const port = await freePort();
        pg ??= startPostgres(port);
        const name = `room_${participants}_${Date.now()}`;
        pg.createDatabase(name);
        databaseUrl = pg.url(name);
        databasePid = postmasterOn(port);
      }
      const apps: Array<AppServer & { pid: number }> = [];
      try {
        for (let i = 0; i < SETUPS[setup].instances; i++) {
          const before = new Set(childrenMatching(process.pid, () => true));
          const app = await startApp({ databaseUrl, logFile: process.env.ROOM_SERVER_LOG });
          apps.push({ ...app, pid: newServerPid(before) });
          databaseUrl ??= app.databaseUrl;
        }
        const result = await runRoom({ apps, databaseUrl: databaseUrl!, databasePid, lessons, participants, rampSeconds, steadySeconds });
        reportRoom(SETUPS[setup].label, result);
      } finally {
        for (const app of apps) await app.stop();
      }
      console.log(`Load after ${setup}: ${uptime()}\n`);
    }
  } finally {
    pg?.stop();
  }
}
