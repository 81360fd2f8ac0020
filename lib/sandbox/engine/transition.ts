/**
 * States are immutable: a change makes a new state that shares every untouched resource with the old one. So a
 * read never copies the whole sandbox, and a store finds what a write changed by identity alone. Mutative rather
 * than Immer (same model and API): measured in process on the engine's writes, 34–46 % faster.
 * Results are frozen, so code that changes a state in place instead of through a transition fails at once.
 */
import { create, current, isDraft } from "mutative";
import type { SandboxState } from "./state";

/**
 * Runs `step` on a draft of `state`. The returned state is `state` itself when nothing changed. What `step`
 * returns must hold no draft (they are gone once it ends): pass it through `detach` at the moment it describes.
 */
export function transition<T>(state: SandboxState, step: (draft: SandboxState) => T): { state: SandboxState; output: T } {
  let output!: T;
  const next = create(
    state,
    (draft) => {
      output = step(draft as SandboxState);
    },
    { enableAutoFreeze: true },
  ) as SandboxState;
  return { state: next, output };
}

/** A copy of `value` that shares nothing with the draft it was read from: later changes in the step do not show. */
export function detach<T>(value: T): T {
  if (isDraft(value)) return structuredClone(current(value as never)) as T;
  if (Array.isArray(value)) return value.map(detach) as T;
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, v]) => [key, detach(v)])) as T;
  }
  return value;
}

/**
 * Mutative keeps each draft's bookkeeping behind this registered symbol: `copy` (the shallow copy made on the first
 * change or member draft, whose members are stored values or the drafts of members touched since) or, before that,
 * `original`. Reading members there is what Mutative's own traps do, minus a trap and a descriptor per read. Pinned
 * by tests/unit/sandbox/transition.test.ts, so a Mutative upgrade that moves it fails there first.
 */
const PROXY_DRAFT = Symbol.for("__MUTATIVE_PROXY_DRAFT__");
interface DraftInternals {
  copy: object | null;
  original: object;
}

const internalsOf = (value: object) => (value as { [PROXY_DRAFT]?: DraftInternals })[PROXY_DRAFT];
/** What a draft reads from at this moment (`value` itself when it is no draft): to read from, never to keep. */
const latest = <T extends object>(value: T, internals: DraftInternals | undefined): T =>
  internals === undefined ? value : ((internals.copy ?? internals.original) as T);
/**
 * A record's own member, in one lookup: a state record holds JSON, and what a plain object inherits is either a function
 * (Object.prototype's methods) or Object.prototype itself (`__proto__`), so only those need the own-key check. A read
 * through `reader` is the scheduler's inner loop (Object.hasOwn first made it two lookups: −35 % measured).
 */
const own = <T>(source: Record<string, T>, key: string): T | undefined => {
  const value = source[key];
  return typeof value === "function" || value === Object.prototype ? (Object.hasOwn(source, key) ? value : undefined) : value;
};

/**
 * Reads members of a record as they stand, without making a draft of each (a draft costs its proxy, a trap per read
 * and its share of finalising the transition): for loops that only read many records. A member this transition has
 * touched comes back as its draft, so the reader sees every change made so far, including those made after it was
 * created. Changes still go through the draft (`record[key].x = …`).
 */
export function reader<T>(record: Record<string, T>): (key: string) => T | undefined {
  const internals = internalsOf(record);
  return (key) => own(latest(record, internals), key);
}

/** One member of a record as it stands, without making a draft of it (see `reader`). */
export function peek<T>(record: Record<string, T>, key: string): T | undefined {
  return own(latest(record, internalsOf(record)), key);
}

/**
 * A list or record as it stands (the stored object while this transition has not changed it), read without a trap per
 * member (see `reader`): to read from, or to key a cache of what is derived from a stored object, never to change.
 */
export function standing<T extends object>(value: T): T {
  return latest(value, internalsOf(value));
}

/** A copy of a list's members as they stand, read without a trap per member (see `reader`). */
export function members<T>(list: T[]): T[] {
  return [...standing(list)];
}

/**
 * A draft record's members as they stand and as they were when the transition began (both to read, never to keep), for
 * an index check that looks only at what the transition changed (engine-checks.ts); undefined when it is no draft. A
 * member the transition drafted shows as its draft in `now`, so it differs from `before` even if it was only read.
 */
export function bothSides<T>(record: Record<string, T>): { now: Record<string, T>; before: Record<string, T> } | undefined {
  const internals = internalsOf(record);
  return internals && { now: latest(record, internals), before: internals.original as Record<string, T> };
}
