import type { SandboxState } from "./engine/state";

/**
 * Where each learner's sandbox state lives between requests, one state per (account, Region).
 *
 * Contract: `fn` runs against the latest stored state (null when there is none yet) and what it returns is saved
 * atomically; if another writer got there first, `fn` is run again against the newer state. If `fn` throws,
 * nothing is saved and the error propagates. A `state` that serialises to the same JSON as the one `fn` was
 * given need not be written (read-only operations return the very object they received).
 *
 * `fn` must not modify the state it is given: a store may hand the same object to later calls.
 */
export interface SandboxStore {
  update<T>(
    accountId: string,
    region: string,
    fn: (state: SandboxState | null) => { state: SandboxState; result: T },
  ): Promise<T>;
}
