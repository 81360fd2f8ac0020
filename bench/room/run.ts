// One workshop run against started app instances: three instructors sign in and open the room's stream, participants
// join over the ramp (spread over the instances and the workshop's lessons) and work through the steady window, then
// leave. The instances' process trees (and PostgreSQL's, if any) are sampled every second.
import { execFileSync } from "node:child_process";
import { setMaxListeners } from "node:events";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { HttpTarget } from "../load/http";
import { routesFor, type LoadContext } from "../load/learner";
import type { LoadLesson } from "../load/lesson";
import { machineCpu, sampleTree } from "../load/proc";
import { Recorder } from "../load/recorder";
import { GridDelays, type DelaySummary } from "./grid-delay";
import { Instructor } from "./instructor";
import { Participant } from "./participant";

const ROOT = path.resolve(import.meta.dirname, "..", "..");
const PASSWORD = "bench password for the room";
export const INSTRUCTORS = 3;
/** Changes answered this close to the end are not counted as missed when no stream showed them yet. */
const MISSED_GRACE_MS = 5_000;

export interface RoomOptions {
  /** The app instances (one URL and server process each), all over one database. */
  apps: Array<{ url: string; pid: number }>;
  databaseUrl: string;
  databasePid?: number;
  lessons: LoadLesson[];
  participants: number;
  rampSeconds: number;
  steadySeconds: number;
}

export interface RoomResult {
  options: RoomOptions;
  recorder: Recorder;
  delays: DelaySummary;
  streams: Instructor["stream"][];
  memory: { startBytes: number; peakBytes: number; endBytes: number };
  /** Busy cores over the steady window. */
  cpu: { apps: number[]; database?: number; generator: number; machine: number; cores: number };
  arrived: number;
}

/** Adds the instructors with the CLI, as a self-hoster does (`ecs-dojo users add`), then signs each in on its instance. */
async function instructors(options: RoomOptions): Promise<Instructor[]> {
  const out: Instructor[] = [];
  for (let i = 0; i < INSTRUCTORS; i++) {
    const email = `instructor${i}@bench.example`;
    execFileSync(process.execPath, ["bin/ecs-dojo.mjs", "users", "add", "--role", "instructor", "--email", email, "--password-stdin"], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: options.databaseUrl, DOJO_FROM_SOURCE: "1" },
      input: `${PASSWORD}\n`,
      stdio: ["pipe", "ignore", "pipe"],
    });
    const instructor = new Instructor(options.apps[i % options.apps.length].url, i);
    await instructor.signIn(email, PASSWORD);
    out.push(instructor);
  }
  return out;
}

function treeSample(options: RoomOptions) {
  const apps = options.apps.map((a) => sampleTree(a.pid));
  return { rss: apps.reduce((s, a) => s + a.rssBytes, 0), apps: apps.map((a) => a.cpuSeconds), database: options.databasePid ? sampleTree(options.databasePid).cpuSeconds : 0 };
}

/**
 * Loads each page the room uses once per instance before anything is measured: a fresh Next.js server loads a route's
 * code on its first request (seconds on a busy machine), and a real room's first minute is not the server's.
 */
async function warmUp(options: RoomOptions): Promise<void> {
  const paths = ["/en/sign-in", "/en/join", "/en/workshops", ...options.lessons.map((l) => `/en/lessons/${l.id}`)];
  for (const app of options.apps) {
    for (const p of paths) {
      for (let tries = 1; ; tries++) {
        try {
          await (await fetch(app.url + p)).arrayBuffer();
          break;
        } catch (error) {
          if (tries >= 3) throw new Error(`warming up ${app.url}${p} failed three times: ${(error as Error).message}`);
        }
      }
    }
  }
}

export async function runRoom(options: RoomOptions): Promise<RoomResult> {
  const { participants, rampSeconds, steadySeconds, lessons, apps } = options;
  await warmUp(options);
  const staff = await instructors(options);
  const [owner, ...co] = staff;
  const workshop = await owner.post<{ id: string; joinCode: string }>("/api/workshops", { title: `Bench room of ${participants}`, language: "en", lessons: lessons.map((l) => l.id) });
  for (const c of co) await owner.post(`/api/workshops/${workshop.id}/actions`, { action: "add-instructor", who: `instructor${c.index}@bench.example` });
  const delays = new GridDelays(staff.length);
  await Promise.all(staff.map((s) => s.watch(workshop.id, delays)));

  const recorder = new Recorder();
  const leave = new AbortController();
  setMaxListeners(0, leave.signal);
  const arrived = { count: 0 };
  const credentialsRoute = { exists: true };
  // One context per instance and lesson; they share the recorder, the leaving signal and the counters.
  const contexts: LoadContext[][] = apps.map((app) => {
    const target = new HttpTarget(app.url);
    return lessons.map((lesson) => ({ target, lesson, routes: routesFor(lesson), recorder, leave: leave.signal, credentialsRoute, arrived }));
  });

  const first = treeSample(options);
  const memory = { startBytes: first.rss, peakBytes: first.rss, endBytes: 0 };
  const sampler = setInterval(() => (memory.peakBytes = Math.max(memory.peakBytes, treeSample(options).rss)), 1000);
  try {
    const runs = Array.from({ length: participants }, async (_, i) => {
      await sleep((i * rampSeconds * 1000) / participants, undefined, { signal: leave.signal }).catch(() => undefined);
      if (leave.signal.aborted) return;
      const ctx = contexts[i % apps.length][Math.floor(i / apps.length) % lessons.length];
      await new Participant(ctx, { code: workshop.joinCode, displayName: `Participant ${i + 1}`, delays }).run();
    });
    await sleep(rampSeconds * 1000);

    recorder.startSteady();
    const before = { wall: performance.now(), trees: treeSample(options), generator: process.cpuUsage(), machine: machineCpu() };
    await sleep(steadySeconds * 1000);
    const wall = (performance.now() - before.wall) / 1000;
    const after = treeSample(options);
    const generator = process.cpuUsage(before.generator);
    const machine = machineCpu();
    const cores = os.availableParallelism();
    const cpu = {
      apps: after.apps.map((s, i) => (s - before.trees.apps[i]) / wall),
      database: options.databasePid ? (after.database - before.trees.database) / wall : undefined,
      generator: (generator.user + generator.system) / 1e6 / wall,
      machine: ((machine.busy - before.machine.busy) / (machine.total - before.machine.total)) * cores,
      cores,
    };
    const cutoff = performance.now() - MISSED_GRACE_MS;
    leave.abort();
    await Promise.all(runs);
    // The last answers' events still in flight reach the streams before they close.
    await sleep(MISSED_GRACE_MS);
    memory.endBytes = treeSample(options).rss;
    return { options, recorder, delays: delays.summary(cutoff), streams: staff.map((s) => s.stream), memory, cpu, arrived: arrived.count };
  } finally {
    leave.abort();
    clearInterval(sampler);
    for (const s of staff) s.close();
  }
}
