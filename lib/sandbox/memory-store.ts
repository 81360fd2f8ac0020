import type { SandboxState } from "./engine/state";
import type { SandboxStore } from "./store";

/**
 * The store for tests and single-process demos. States are kept as JSON text, as a database would keep them,
 * so anything that does not survive serialisation fails here first.
 */
export class MemorySandboxStore implements SandboxStore {
  private readonly rows = new Map<string, string>();

  async update<T>(
    accountId: string,
    region: string,
    fn: (state: SandboxState | null) => { state: SandboxState | null; result: T },
  ): Promise<T> {
    const key = `${accountId}/${region}`;
    const stored = this.rows.get(key);
    const current = stored === undefined ? null : (JSON.parse(stored) as SandboxState);
    const { state, result } = fn(current);
    // One synchronous read-modify-write: no other update can interleave, so there is never a conflict to retry.
    if (state !== current) this.rows.set(key, JSON.stringify(state));
    return result;
  }

  /** The stored state, for assertions. */
  peek(accountId: string, region: string): SandboxState | null {
    const stored = this.rows.get(`${accountId}/${region}`);
    return stored === undefined ? null : (JSON.parse(stored) as SandboxState);
  }
}
