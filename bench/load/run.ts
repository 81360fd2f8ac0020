// One load run against a started server: learners arrive over the ramp, stay for the steady window, leave; the
// server's process tree is sampled every second throughout and once more after an idle pause.
import { setMaxListeners } from "node:events";
import os from "node:os";
import { setTimeout as sleep } from "node:timers/promises";
import { HttpTarget } from "./http";
import { Learner, routesFor, type LoadContext } from "./learner";
import type { LoadLesson } from "./lesson";
import { machineCpu, sampleTree, tcpCounters } from "./proc";
import { Recorder } from "./recorder";

export interface LoadOptions {
  url: string;
  /** The server process (its tree is measured). */
  serverPid: number;
  /** The database's own server process, if it has one (PostgreSQL's postmaster). */
  databasePid?: number;
  lesson: LoadLesson;
  learners: number;
  rampSeconds: number;
  steadySeconds: number;
  idleSeconds: number;
}

export interface MemoryReport {
  startBytes: number;
  peakBytes: number;
  endOfLoadBytes: number;
  afterIdleBytes: number;
  peakProcesses: number;
}

export interface CpuReport {
  /** Busy cores over the steady window: CPU seconds ÷ wall seconds. */
  server: number;
  database?: number;
  generator: number;
  machine: number;
  cores: number;
  /** The server tree's busy cores during the idle pause after the learners left (work still queued). */
  serverIdle?: number;
}

export interface LoadResult {
  options: LoadOptions;
  recorder: Recorder;
  routeOrder: string[];
  memory: MemoryReport;
  cpu: CpuReport;
  /** Seconds the learners took to finish their last requests after being told to leave. */
  drainSeconds: number;
  /** POST /api/sandbox/credentials answered 404: the learners read their keys from the page. */
  credentialsFromPage: boolean;
  /** Machine-wide TCP trouble from the first arrival until the learners had left: SYN retransmits, listen-queue drops. */
  tcp: ReturnType<typeof tcpCounters>;
  /** Learners whose first page load succeeded before they left. */
  arrived: number;
  /** Set when the server process was gone at some sample. */
  serverExited: boolean;
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const { learners, rampSeconds, steadySeconds, idleSeconds, serverPid, databasePid, lesson } = options;
  const recorder = new Recorder();
  const routes = routesFor(lesson);
  const leave = new AbortController();
  setMaxListeners(0, leave.signal); // every learner's pending timers listen to it
  const ctx: LoadContext = { target: new HttpTarget(options.url), lesson, routes, recorder, leave: leave.signal, credentialsRoute: { exists: true }, arrived: { count: 0 } };

  const tcpBefore = tcpCounters();
  const first = sampleTree(serverPid);
  const memory: MemoryReport = { startBytes: first.rssBytes, peakBytes: first.rssBytes, endOfLoadBytes: 0, afterIdleBytes: 0, peakProcesses: first.processes };
  let serverExited = false;
  const sampler = setInterval(() => {
    const s = sampleTree(serverPid);
    if (s.processes === 0) serverExited = true;
    memory.peakBytes = Math.max(memory.peakBytes, s.rssBytes);
    memory.peakProcesses = Math.max(memory.peakProcesses, s.processes);
  }, 1000);

  try {
    // Arrivals evenly spread over the ramp.
    const runs = Array.from({ length: learners }, async (_, i) => {
      await sleep((i * rampSeconds * 1000) / learners, undefined, { signal: leave.signal }).catch(() => undefined);
      if (!leave.signal.aborted) await new Learner(ctx).run();
    });
    await sleep(rampSeconds * 1000);

    recorder.startSteady();
    const before = { wall: performance.now(), server: sampleTree(serverPid).cpuSeconds, database: databasePid ? sampleTree(databasePid).cpuSeconds : 0, generator: process.cpuUsage(), machine: machineCpu() };
    await sleep(steadySeconds * 1000);
    const wall = (performance.now() - before.wall) / 1000;
    const generator = process.cpuUsage(before.generator);
    const machine = machineCpu();
    const cores = os.availableParallelism();
    const cpu: CpuReport = {
      server: (sampleTree(serverPid).cpuSeconds - before.server) / wall,
      database: databasePid ? (sampleTree(databasePid).cpuSeconds - before.database) / wall : undefined,
      generator: (generator.user + generator.system) / 1e6 / wall,
      machine: ((machine.busy - before.machine.busy) / (machine.total - before.machine.total)) * cores,
      cores,
    };

    const leftAt = performance.now();
    leave.abort();
    await Promise.all(runs);
    const drainSeconds = (performance.now() - leftAt) / 1000;
    const tcpAfter = tcpCounters();
    const tcp = {
      synRetransmits: tcpAfter.synRetransmits - tcpBefore.synRetransmits,
      listenOverflows: tcpAfter.listenOverflows - tcpBefore.listenOverflows,
      listenDrops: tcpAfter.listenDrops - tcpBefore.listenDrops,
    };
    const endOfLoad = sampleTree(serverPid);
    memory.endOfLoadBytes = endOfLoad.rssBytes;
    await sleep(idleSeconds * 1000);
    const afterIdle = sampleTree(serverPid);
    memory.afterIdleBytes = afterIdle.rssBytes;
    cpu.serverIdle = (afterIdle.cpuSeconds - endOfLoad.cpuSeconds) / idleSeconds;

    const routeOrder = [routes.page, routes.credentials, routes.draft, routes.check, routes.console];
    return { options, recorder, routeOrder, memory, cpu, drainSeconds, tcp, serverExited, arrived: ctx.arrived.count, credentialsFromPage: !ctx.credentialsRoute.exists };
  } finally {
    leave.abort();
    clearInterval(sampler);
  }
}

