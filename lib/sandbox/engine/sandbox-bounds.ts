/**
 * Applying ECS Dojo's bounds on what one sandbox stores (quotas.ts, SANDBOX_LIMITS) where resources are added.
 * Nothing here is AWS behaviour; the limits only keep a learner's state small.
 */
import { expireOldestStopped } from "./lifecycle";
import { SANDBOX_LIMITS } from "./quotas";
import type { SandboxState } from "./state";
import { peek, standing } from "./transition";

/**
 * How many of `wanted` new tasks the sandbox can store now. When it is full, the tasks that stopped longest ago are
 * forgotten early to make room; only tasks that are still live keep new ones out.
 */
export function roomForTasks(state: SandboxState, wanted: number): number {
  // Keys are listed from the records as they stand (transition.ts `standing`), here and below: through a draft,
  // Object.keys asks the proxy for each key's descriptor (4 ms of a RunTask's 15 at 5,000 tasks).
  const free = SANDBOX_LIMITS.tasks - Object.keys(standing(state.tasks)).length;
  if (free >= wanted) return wanted;
  return Math.max(0, free + expireOldestStopped(state, wanted - free));
}

/**
 * Forgets the oldest inactive records of a map (insertion order) beyond SANDBOX_LIMITS.inactiveKept. Records are
 * peeked at: reading them through the draft would make a draft of every one (transition.ts).
 */
export function forgetOldestInactive<T>(records: Record<string, T>, inactive: (record: T) => boolean): void {
  const keys = Object.keys(standing(records)).filter((key) => inactive(peek(records, key)!));
  for (const key of keys.slice(0, Math.max(0, keys.length - SANDBOX_LIMITS.inactiveKept))) delete records[key];
}

/** How many records of a map satisfy `counted`, read as forgetOldestInactive reads them. */
export function countOf<T>(records: Record<string, T>, counted: (record: T) => boolean): number {
  let count = 0;
  for (const key of Object.keys(standing(records))) if (counted(peek(records, key)!)) count += 1;
  return count;
}
