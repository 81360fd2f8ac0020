import type { SandboxState } from "./engine/state";

/**
 * Where each learner's sandbox state lives between requests, one state per (account, Region).
 *
 * Contract: `fn` runs against the latest stored state (null when there is none yet) and what it returns is saved
 * atomically; if another writer got there first, `fn` is run again against the newer state. If `fn` throws,
 * nothing is saved and the error propagates. When `fn` returns the very state it was given (a read), nothing is
 * written — null included: a read of a sandbox that does not exist yet leaves it not existing.
 *
 * States are immutable (engine/transition.ts): a store may hand the same object to later calls, and may find what
 * changed by comparing resources by identity.
 */
export interface SandboxStore {
  update<T>(
    accountId: string,
    region: string,
    fn: (state: SandboxState | null) => { state: SandboxState | null; result: T },
  ): Promise<T>;
  /** The Regions in which the account has a stored state ("reset sandbox" resets each). */
  regions?(accountId: string): Promise<string[]>;
}
