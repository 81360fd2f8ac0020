import cluster from "node:cluster";
import { RateLimiterCluster, RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";

/**
 * Every rate limit of the site in one place (rate-limiter-flexible). The counters live in memory: in a worker of
 * server.ts's process cluster they are kept by the primary process, so the limits hold across workers, unless a limit
 * is counted per process; with several app instances (README "Capacity") each instance counts its own. Nothing here
 * needs to survive a restart.
 */
interface Limit {
  points: number;
  /** Seconds. */
  duration: number;
  /** Counted by each process alone, without asking the primary. */
  perProcess?: true;
}

export const LIMITS = {
  /**
   * New anonymous learners per client address. High enough for a workshop room of 300 behind one NAT, or a load
   * test of 1,000 from one machine; low enough that a script cannot fill the database with profiles.
   */
  newLearnersPerAddress: { points: positiveInteger(process.env.DOJO_NEW_LEARNERS_PER_HOUR, 1_200), duration: 3_600 },
  /**
   * State-changing requests to the site's API per session: autosave every few seconds plus checks and runs. Counted
   * per process: asked on every write, it would otherwise cost a round trip to the primary each time; a browser's
   * kept-alive connections mostly stay with one process, and with N processes a script gets at most N times this.
   */
  writesPerSession: { points: 120, duration: 60, perProcess: true },
  /**
   * Milliseconds of one process's time one sandbox may take per second on the AWS endpoint: a quarter of a core, so
   * a learner who loops on expensive calls slows only themselves, and gets AWS's own answer to a caller that is too
   * fast. Counted per process, since it protects that process's event loop (and is asked twice per AWS call).
   */
  sandboxCpuMsPerSecond: { points: 250, duration: 1, perProcess: true },
} satisfies Record<string, Limit>;

function positiveInteger(text: string | undefined, fallback: number): number {
  if (text === undefined || text === "") return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new Error(`expected a positive whole number, got "${text}"`);
  return value;
}

export type LimitName = keyof typeof LIMITS;

const limiters = new Map<LimitName, RateLimiterMemory | RateLimiterCluster>();

function limiter(name: LimitName): RateLimiterMemory | RateLimiterCluster {
  let found = limiters.get(name);
  if (!found) {
    const { points, duration, perProcess }: Limit = LIMITS[name];
    const options = { keyPrefix: name, points, duration };
    found = cluster.isWorker && !perProcess ? new RateLimiterCluster({ ...options, timeoutMs: 2_000 }) : new RateLimiterMemory(options);
    limiters.set(name, found);
  }
  return found;
}

/** Takes `points` from `key`'s allowance; answers false (and takes nothing more) once it is used up. */
export async function consume(name: LimitName, key: string, points = 1): Promise<boolean> {
  try {
    await limiter(name).consume(key, points);
    return true;
  } catch (error) {
    if (error instanceof RateLimiterRes) return false;
    throw error;
  }
}

/** Whether `key` has any allowance left, without taking from it. */
export async function hasAllowance(name: LimitName, key: string): Promise<boolean> {
  const state = await limiter(name).get(key);
  return !state || state.remainingPoints > 0;
}

/** Charges work already done (e.g. CPU milliseconds) against `key`, even past the allowance. */
export async function charge(name: LimitName, key: string, points: number): Promise<void> {
  await limiter(name).penalty(key, points);
}
