import type { SandboxState } from "@/lib/sandbox/engine/state";
import type { SandboxStore } from "@/lib/sandbox/store";
import { db } from "./db";

const MAX_ATTEMPTS = 8;
/** Parsed states kept per process: a busy workshop's recent learners, at a few MiB each at most. */
const CACHED_STATES = 64;

interface Row {
  version: number;
  /** The parsed state; `json` is its text when it came from the database in this call. */
  state: SandboxState;
  json?: string;
}

/**
 * Sandbox state in the database, one JSON row per account and Region. Writers use optimistic concurrency on
 * `version`: two app instances (or two requests) that race re-run their operation against the winner's state.
 *
 * Parsing a large sandbox's JSON costs more than reading its version, so each process keeps the states it last read
 * or wrote, by version: when the row's version is still the one cached, the text is neither fetched nor parsed.
 * Another instance's write changes the version, so a stale copy is never used.
 */
export class PrismaSandboxStore implements SandboxStore {
  private readonly cache = new Map<string, { version: number; state: SandboxState }>();

  async update<T>(
    accountId: string,
    region: string,
    fn: (state: SandboxState | null) => { state: SandboxState; result: T },
  ): Promise<T> {
    const key = `${accountId}/${region}`;
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const row = await this.read(key, accountId, region);
      const before = row?.state ?? null;
      const { state, result } = fn(before);
      // A read-only call hands back the very state it was given: nothing to serialise, nothing to write.
      if (row && state === before) return result;
      const json = JSON.stringify(state);
      if (row && json === row.json) return result; // a write that changed nothing
      if (!row) {
        const created = await db()
          .sandbox.create({ data: { accountId, region, state: json, version: 1 } })
          .then(() => true)
          .catch(() => false); // someone created it first: retry against theirs
        if (created) {
          this.remember(key, 1, state);
          return result;
        }
        continue;
      }
      const { count } = await db().sandbox.updateMany({
        where: { accountId, region, version: row.version },
        data: { state: json, version: row.version + 1 },
      });
      if (count === 1) {
        this.remember(key, row.version + 1, state);
        return result;
      }
      this.cache.delete(key);
    }
    throw new Error(`sandbox ${accountId}/${region}: too many concurrent writers`);
  }

  private async read(key: string, accountId: string, region: string): Promise<Row | null> {
    const where = { accountId_region: { accountId, region } };
    const cached = this.cache.get(key);
    if (cached) {
      const head = await db().sandbox.findUnique({ where, select: { version: true } });
      if (head?.version === cached.version) return { version: cached.version, state: cached.state };
    }
    const row = await db().sandbox.findUnique({ where, select: { version: true, state: true } });
    if (!row) {
      this.cache.delete(key);
      return null;
    }
    const state = JSON.parse(row.state) as SandboxState;
    this.remember(key, row.version, state);
    return { version: row.version, state, json: row.state };
  }

  /** Most recently used last; the oldest entry goes when the cache is full. */
  private remember(key: string, version: number, state: SandboxState): void {
    this.cache.delete(key);
    this.cache.set(key, { version, state });
    if (this.cache.size > CACHED_STATES) this.cache.delete(this.cache.keys().next().value!);
  }
}
