// What one frame of the instructor's live grid costs the server, in CPU time (not wall time: the machine is shared),
// for a room of 300 participants who have made 3,000 Checks: the whole room read and built again (as every event did
// before lib/workshop/room-cache.ts), against the cached room with one participant's rows read again (what an event
// costs now), against building from rows already in memory (the floor: what every frame still pays). Turns alternate
// in one run. Then what one event costs a process with three instructors' streams open: each stream building and
// sending the whole room (before), against one snapshot shared by the streams and each sending the rows that changed
// (now: lib/workshop/room-cache.ts snapshot(), room-frames.ts).
// SQLite in a temporary file; no server. GRID_PARTICIPANTS, GRID_ATTEMPTS change the room.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { summarize } from "../stats";

const ROOT = path.resolve(import.meta.dirname, "..", "..");
const PARTICIPANTS = Number(process.env.GRID_PARTICIPANTS ?? 300);
const ATTEMPTS = Number(process.env.GRID_ATTEMPTS ?? 3000);
const LESSONS = ["L301", "L302", "L303"];
const TURNS = 15;
const STREAMS = 3;

function cpuMs<T>(fn: () => Promise<T>): Promise<number> {
  const before = process.cpuUsage();
  return fn().then(() => {
    const used = process.cpuUsage(before);
    return (used.user + used.system) / 1000;
  });
}

export default async function run() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ecs-dojo-grid-"));
  process.env.DATABASE_URL = `file:${path.join(dir, "dojo.db")}`;
  process.env.DOJO_SECRET_KEY ??= "g".repeat(40);
  execFileSync(process.execPath, ["scripts/db.mjs", "deploy"], { cwd: ROOT, env: process.env, stdio: "pipe" });
  const { db } = await import("@/lib/progress/db");
  const store = await import("@/lib/workshop/store");
  const { roomSnapshot } = await import("@/lib/workshop/snapshot");
  const { openRoom } = await import("@/lib/workshop/room-cache");
  const { RoomFrames } = await import("@/lib/workshop/room-frames");
  const { recordAttempt } = await import("@/lib/progress/lesson-progress");
  const { learnerForSession } = await import("@/lib/progress/learners");
  const { issueSessionToken } = await import("@/lib/people/session-token");
  const { getLesson } = await import("@/lib/course/load");
  console.log(`Load at start: ${execFileSync("uptime", { encoding: "utf8" }).trim()}`);

  const owner = await db().user.create({ data: { id: "grid-owner", name: "owner", email: "owner@bench.example", role: "instructor" } });
  const workshop = await store.createWorkshop(owner.id, { title: "Grid read", lessons: LESSONS });
  const learners: string[] = [];
  for (let i = 0; i < PARTICIPANTS; i++) {
    const learner = await learnerForSession(issueSessionToken(process.env.DOJO_SECRET_KEY!));
    await store.addParticipant(workshop.id, learner, `Participant ${i + 1}`);
    learners.push(learner.id);
  }
  for (let i = 0; i < ATTEMPTS; i++) {
    const lessonId = LESSONS[i % LESSONS.length];
    const checks = getLesson(lessonId)!.checks.map((c, k) => ({ id: c.id, passed: k > 0 || i % 3 === 0 }));
    const diagnostics = {
      "task.json": ["TD-CPU-FORMAT", "TD-MEMORY-FORMAT", "FG-NETWORKMODE"].map((ruleId) => ({
        ruleId,
        level: "error",
        message: "A message as long as the validator's usually are, naming the field and what it expected instead.",
        stage: "service",
        pointer: "/cpu",
        range: { start: 10, end: 20, line: 3, column: 5, endLine: 3, endColumn: 15 },
        docs: `/reference/rules#${ruleId}`,
      })),
    };
    await recordAttempt(learners[i % learners.length], lessonId, { files: { "task.json": "{}" }, answers: {}, checks, diagnostics, passed: checks.every((c) => c.passed) } as Parameters<typeof recordAttempt>[2]);
  }

  const room = await openRoom(workshop.id);
  await room.cache.read(workshop);
  const rows = await room.cache.read(workshop);
  const frame = async (read: () => Promise<Awaited<ReturnType<typeof room.cache.read>> | undefined>) =>
    JSON.stringify(await roomSnapshot(workshop, "en", new Date(), await read()));
  const turns = { whole: [] as number[], oneLearner: [] as number[], inMemory: [] as number[], streamsBefore: [] as number[], streamsNow: [] as number[] };
  let bytes = 0;
  const sent = { before: 0, now: 0 };
  const note = (t: number) => room.cache.note({ workshopId: workshop.id, kind: "progress", at: Date.now(), learnerId: learners[t % learners.length] });
  const streams = Array.from({ length: STREAMS }, () => new RoomFrames());
  for (const s of streams) s.next(await room.cache.snapshot(workshop, "en")); // the whole room on connect
  for (let t = 0; t < TURNS; t++) {
    turns.whole.push(await cpuMs(async () => (bytes = (await frame(async () => undefined)).length)));
    turns.oneLearner.push(
      await cpuMs(() =>
        frame(() => {
          room.cache.note({ workshopId: workshop.id, kind: "progress", at: Date.now(), learnerId: learners[t % learners.length] });
          return room.cache.read(workshop);
        }),
      ),
    );
    turns.inMemory.push(await cpuMs(() => frame(async () => rows)));
    turns.streamsBefore.push(
      await cpuMs(async () => {
        note(t);
        for (let i = 0; i < STREAMS; i++) sent.before += (await frame(() => room.cache.read(workshop))).length;
      }),
    );
    turns.streamsNow.push(
      await cpuMs(async () => {
        note(t + 1);
        for (const s of streams) sent.now += JSON.stringify(s.next(await room.cache.snapshot(workshop, "en"))).length;
      }),
    );
  }
  room.release();
  const line = (label: string, samples: number[]) => {
    const s = summarize(samples);
    return `| ${label} | ${s.median.toFixed(1)} ms | ${s.p95.toFixed(1)} ms |`;
  };
  console.log(`\nOne frame of the grid (read + build + JSON, ${(bytes / 1024).toFixed(0)} KiB) for ${PARTICIPANTS} participants × ${LESSONS.length} lessons and ${ATTEMPTS} attempts, CPU time over ${TURNS} alternating turns:\n`);
  console.log(["| read | CPU median | CPU p95 |", "|---|--:|--:|", line("the whole room (before)", turns.whole), line("cached, one learner re-read (now)", turns.oneLearner), line("rows in memory (floor)", turns.inMemory)].join("\n"));
  console.log(`\nOne event with ${STREAMS} instructors' streams open in the process, CPU time over the same turns (bytes sent per event and stream: before ${(sent.before / TURNS / STREAMS / 1024).toFixed(1)} KiB, now ${(sent.now / TURNS / STREAMS / 1024).toFixed(1)} KiB):\n`);
  console.log(["| streams | CPU median | CPU p95 |", "|---|--:|--:|", line("each builds and sends the whole room (before)", turns.streamsBefore), line("one shared snapshot, changed rows sent (now)", turns.streamsNow)].join("\n"));
  console.log(`\nLoad at end: ${execFileSync("uptime", { encoding: "utf8" }).trim()}`);
  await db().$disconnect();
  fs.rmSync(dir, { recursive: true, force: true });
}
