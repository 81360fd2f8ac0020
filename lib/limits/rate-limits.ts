import cluster from "node:cluster";
import { RateLimiterCluster, RateLimiterMemory, RateLimiterPrisma, RateLimiterRes } from "rate-limiter-flexible";

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

/**
 * Limits kept in the database (rate-limiter-flexible's Prisma store, table RateLimiterFlexible), so they hold across
 * every process and every app instance over one database, and across restarts: a password guesser gets the same
 * number of tries however the site is deployed. One upsert per attempt; only sign-in pays it.
 */
export const DATABASE_LIMITS = {
  /** Password attempts per sign-in name (email or user name, lower-cased): what stops guessing one account. */
  signInPerName: { points: positiveInteger(process.env.DOJO_SIGN_IN_ATTEMPTS, 5), duration: 15 * 60 },
  /** Password attempts per client address, over every name: what stops trying one password on many accounts. */
  signInPerAddress: { points: positiveInteger(process.env.DOJO_SIGN_IN_ATTEMPTS_PER_ADDRESS, 50), duration: 15 * 60 },
  /** Accounts created per client address: a workshop room behind one NAT signs up, a script does not fill the table. */
  signUpsPerAddress: { points: positiveInteger(process.env.DOJO_SIGN_UPS_PER_HOUR, 300), duration: 3_600 },
  /**
   * Workshop join attempts with a code that matches no workshop, per client address: what stops guessing a join code
   * (lib/workshop/join-code.ts). Only wrong codes count, so a room of 300 joining from behind one NAT is never slowed by its own right codes, and 60 typos per quarter hour are allowed; against 729 million codes that is still years of guessing per live workshop.
   */
  joinMissesPerAddress: { points: positiveInteger(process.env.DOJO_JOIN_MISSES, 60), duration: 15 * 60 },
} satisfies Record<string, Omit<Limit, "perProcess">>;

export type DatabaseLimitName = keyof typeof DATABASE_LIMITS;

const databaseLimiters = new Map<DatabaseLimitName, RateLimiterPrisma>();

/** `storeClient` is the app's Prisma client (lib/progress/db.ts); passed in so this module stays free of Prisma. */
function databaseLimiter(name: DatabaseLimitName, storeClient: unknown): RateLimiterPrisma {
  let found = databaseLimiters.get(name);
  if (!found) {
    const { points, duration } = DATABASE_LIMITS[name];
    found = new RateLimiterPrisma({ storeClient, tableName: "rateLimiterFlexible", keyPrefix: name, points, duration, clearExpiredByTimeout: false });
    databaseLimiters.set(name, found);
  }
  return found;
}

/** Takes one attempt from `key`'s allowance; answers the seconds to wait once it is used up, else null. */
export async function consumeStored(name: DatabaseLimitName, key: string, storeClient: unknown): Promise<number | null> {
  try {
    await databaseLimiter(name, storeClient).consume(key, 1);
    return null;
  } catch (error) {
    if (error instanceof RateLimiterRes) return Math.max(1, Math.ceil(error.msBeforeNext / 1000));
    throw error;
  }
}

/** The seconds to wait when `key` has no attempt left (without taking one), else null. */
export async function storedWait(name: DatabaseLimitName, key: string, storeClient: unknown): Promise<number | null> {
  const state = await databaseLimiter(name, storeClient).get(key);
  return state && state.remainingPoints <= 0 ? Math.max(1, Math.ceil(state.msBeforeNext / 1000)) : null;
}

/** Forgets `key`'s attempts (a successful sign-in clears that name's failures). */
export async function resetStored(name: DatabaseLimitName, key: string, storeClient: unknown): Promise<void> {
  await databaseLimiter(name, storeClient).delete(key);
}
