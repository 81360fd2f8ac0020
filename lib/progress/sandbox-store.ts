import type { SandboxState } from "@/lib/sandbox/engine/state";
import type { SandboxStore } from "@/lib/sandbox/store";
import { db } from "./db";

const MAX_ATTEMPTS = 8;

/**
 * Sandbox state in the database, one JSON row per account and Region. Writers use optimistic concurrency on
 * `version`: two app instances (or two requests) that race re-run their operation against the winner's state.
 */
export class PrismaSandboxStore implements SandboxStore {
  async update<T>(
    accountId: string,
    region: string,
    fn: (state: SandboxState | null) => { state: SandboxState; result: T },
  ): Promise<T> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const row = await db().sandbox.findUnique({ where: { accountId_region: { accountId, region } } });
      const before = row ? (JSON.parse(row.state) as SandboxState) : null;
      const { state, result } = fn(before);
      // A read-only call hands back the very state it was given: nothing to serialise, nothing to write.
      if (row && state === before) return result;
      const json = JSON.stringify(state);
      if (row && json === row.state) return result; // a write that changed nothing
      if (!row) {
        const created = await db()
          .sandbox.create({ data: { accountId, region, state: json, version: 1 } })
          .then(() => true)
          .catch(() => false); // someone created it first: retry against theirs
        if (created) return result;
        continue;
      }
      const { count } = await db().sandbox.updateMany({
        where: { accountId, region, version: row.version },
        data: { state: json, version: row.version + 1 },
      });
      if (count === 1) return result;
    }
    throw new Error(`sandbox ${accountId}/${region}: too many concurrent writers`);
  }
}
