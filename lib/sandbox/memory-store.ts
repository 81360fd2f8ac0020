import type { SandboxState } from "./engine/state";
import type { SandboxStore } from "./store";

/**
 * The store for tests and single-process demos. A write goes through JSON text, as a database would keep it, so
 * anything that does not survive serialisation fails here first; reads then hand out the state parsed from that
 * text, the same object until the next write, as the database store's cache does (store.ts allows it).
 */
export class MemorySandboxStore implements SandboxStore {
  private readonly states = new Map<string, SandboxState>();

  async update<T>(
    accountId: string,
    region: string,
    fn: (state: SandboxState | null) => { state: SandboxState | null; result: T },
  ): Promise<T> {
    const key = `${accountId}/${region}`;
    const current = this.states.get(key) ?? null;
    const { state, result } = fn(current);
    // One synchronous read-modify-write: no other update can interleave, so there is never a conflict to retry.
    if (state !== current) this.states.set(key, JSON.parse(JSON.stringify(state)) as SandboxState);
    return result;
  }

  async regions(accountId: string): Promise<string[]> {
    return [...this.states.keys()].filter((key) => key.startsWith(`${accountId}/`)).map((key) => key.slice(accountId.length + 1));
  }

  /** A copy of the stored state, for assertions. */
  peek(accountId: string, region: string): SandboxState | null {
    const stored = this.states.get(`${accountId}/${region}`);
    return stored === undefined ? null : structuredClone(stored);
  }
}
