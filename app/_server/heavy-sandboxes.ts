import { isMainThread, parentPort } from "node:worker_threads";

/**
 * Which sandboxes are heavy: one whose engine steps took HEAVY_STEP_MS or more, by the median of its last STEPS_SEEN
 * (a service of thousands of tasks), has its AWS calls answered on the heavy lane (heavy-lane.ts), off the thread that
 * serves everyone else. A median, because a step is timed by the wall clock: on a busy machine one short step now and
 * then takes long, which must not send a small sandbox to the lane. 8 ms: a call on a sandbox of a lesson's size takes
 * well under 1 ms of engine time, a 1,000-task service's UpdateService about 10 (npm run bench -- sandbox, size).
 * DOJO_HEAVY_STEP_MS tunes it (0 = every sandbox, for tests).
 */
export const HEAVY_STEP_MS = nonNegative(process.env.DOJO_HEAVY_STEP_MS, 8);
const STEPS_SEEN = 5;
/** Accounts whose steps are remembered; past this the oldest are forgotten (a forgotten one starts light again). */
const ACCOUNTS_KEPT = 10_000;

// On globalThis: server.ts and Next.js's bundle each load this module, and both must see one set.
const globalForHeavy = globalThis as unknown as { ecsDojoEngineSteps?: Map<string, { steps: number[]; heavy: boolean }> };
const seen = (globalForHeavy.ecsDojoEngineSteps ??= new Map());

export const HEAVY_MESSAGE = "dojo-engine-step";

/** Told how long a sandbox's engine step took; on the heavy lane's thread, passed on to the main thread. */
export function noteEngineStep(accountId: string, milliseconds: number): void {
  if (isMainThread) recordStep(accountId, milliseconds);
  else parentPort?.postMessage({ kind: HEAVY_MESSAGE, accountId, milliseconds });
}

export function recordStep(accountId: string, milliseconds: number): void {
  let account = seen.get(accountId);
  if (account) {
    seen.delete(accountId); // most recently used last
  } else {
    account = { steps: [], heavy: false };
    if (seen.size >= ACCOUNTS_KEPT) seen.delete(seen.keys().next().value!);
  }
  seen.set(accountId, account);
  account.steps.push(milliseconds);
  if (account.steps.length > STEPS_SEEN) account.steps.shift();
  const sorted = [...account.steps].sort((a, b) => a - b);
  account.heavy = sorted[Math.floor(sorted.length / 2)] >= HEAVY_STEP_MS;
}

export function isHeavy(accountId: string): boolean {
  return HEAVY_STEP_MS === 0 || seen.get(accountId)?.heavy === true;
}

function nonNegative(text: string | undefined, fallback: number): number {
  if (text === undefined || text === "") return fallback;
  const value = Number(text);
  if (!Number.isFinite(value) || value < 0) throw new Error(`DOJO_HEAVY_STEP_MS must be a number of ms ≥ 0, not "${text}"`);
  return value;
}
