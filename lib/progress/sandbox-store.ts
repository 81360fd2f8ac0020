import { Prisma } from "@/prisma/generated/sqlite";
import { withCurrentMembers, type SandboxState } from "@/lib/sandbox/engine/state";
import {
  changedDocuments,
  EMPTY_INDEX,
  META_KEY,
  stateOfDocuments,
  type DocumentIndex,
  type StoredDocument,
} from "@/lib/sandbox/state-documents";
import type { SandboxStore } from "@/lib/sandbox/store";
import { sandboxDb, tuned } from "./db";

const MAX_ATTEMPTS = 8;
/** Parsed states kept per process: a busy workshop's recent learners, at a few MiB each at most. */
const CACHED_STATES = 64;
/** Superseded rows are pruned once every this many versions of a sandbox. */
const PRUNE_EVERY = 64;
/**
 * Rows per INSERT, under SQLite's limit of 32,766 bound values (6 per row). A write with more rows (thousands of
 * tasks at once) is split over several statements in one transaction.
 */
const ROWS_PER_STATEMENT = 5000;

/** A sandbox as of one version, with where each of its documents sits in its map. */
interface Snapshot {
  version: number;
  state: SandboxState;
  index: DocumentIndex;
}

interface Row {
  key: string;
  position: number | bigint;
  version: number | bigint;
  json: string | null;
}

/**
 * Sandbox state in the database as documents (lib/sandbox/state-documents.ts), one row per resource and version. A
 * write inserts only the resources it changed, at the next version, in one statement; the "meta" row it always
 * includes makes that version taken, so of two racing writers (two app instances, or two requests) one fails whole
 * and runs its operation again on the winner's state.
 *
 * Each process keeps the states it last read or wrote: when the newest version in the database is still the one
 * cached, a call reads one number instead of the sandbox. Another instance's write changes that number, so a stale
 * copy is never used.
 */
export class PrismaSandboxStore implements SandboxStore {
  private readonly cache = new Map<string, Snapshot>();

  async update<T>(
    accountId: string,
    region: string,
    fn: (state: SandboxState | null) => { state: SandboxState; result: T },
  ): Promise<T> {
    const sandbox = { accountId, region };
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const head = await this.head(sandbox);
      const { state, result } = fn(head?.state ?? null);
      if (head && state === head.state) return result;
      const next = await write(sandbox, head, state);
      if (next) {
        this.remember(sandbox, next);
        return result;
      }
      this.cache.delete(keyOf(sandbox));
    }
    throw new Error(`sandbox ${accountId}/${region}: too many concurrent writers`);
  }

  private async head(sandbox: SandboxKey): Promise<Snapshot | null> {
    const version = await newestVersion(sandbox);
    const cached = this.cache.get(keyOf(sandbox));
    if (cached && cached.version === version) return cached;
    const snapshot = version === null ? await convertLegacy(sandbox) : await load(sandbox);
    if (snapshot) this.remember(sandbox, snapshot);
    return snapshot;
  }

  /** Most recently used last; the oldest entry goes when the cache is full. */
  private remember(sandbox: SandboxKey, snapshot: Snapshot): void {
    const key = keyOf(sandbox);
    this.cache.delete(key);
    this.cache.set(key, snapshot);
    if (this.cache.size > CACHED_STATES) this.cache.delete(this.cache.keys().next().value!);
  }
}

interface SandboxKey {
  accountId: string;
  region: string;
}

const keyOf = ({ accountId, region }: SandboxKey) => `${accountId}/${region}`;

async function newestVersion({ accountId, region }: SandboxKey): Promise<number | null> {
  const [row] = await (await sandboxDb()).$queryRaw<{ version: number | bigint | null }[]>`
    SELECT MAX("version") AS "version" FROM "SandboxDocument"
    WHERE "accountId" = ${accountId} AND "region" = ${region} AND "key" = ${META_KEY}`;
  return row?.version === null || row?.version === undefined ? null : Number(row.version);
}

/** The newest row of every key, read in one statement so that it is one version's consistent picture. */
async function load({ accountId, region }: SandboxKey): Promise<Snapshot | null> {
  const rows = await (await sandboxDb()).$queryRaw<Row[]>`
    SELECT "key", "position", "version", "json" FROM "SandboxDocument"
    WHERE "accountId" = ${accountId} AND "region" = ${region}`;
  const newest = new Map<string, Row>();
  for (const row of rows) {
    const seen = newest.get(row.key);
    if (!seen || Number(seen.version) < Number(row.version)) newest.set(row.key, row);
  }
  const meta = newest.get(META_KEY);
  if (!meta) return null;
  const live = [...newest.values()].filter((row) => row.json !== null);
  const documents = live.map((row) => ({ key: row.key, position: Number(row.position), value: JSON.parse(row.json!) }));
  return { version: Number(meta.version), ...stateOfDocuments(documents) };
}

/**
 * Saves `state` as the version after `head` with only the documents that changed. Answers the new snapshot, or null
 * when another writer saved that version first.
 */
async function write(sandbox: SandboxKey, head: Snapshot | null, state: SandboxState): Promise<Snapshot | null> {
  const { documents, index } = changedDocuments(head?.state ?? null, head?.index ?? EMPTY_INDEX, state);
  const version = (head?.version ?? 0) + 1;
  try {
    await insert(sandbox, version, documents);
  } catch (error) {
    if (((await newestVersion(sandbox)) ?? 0) >= version) return null; // lost the race for this version
    throw error;
  }
  if (version % PRUNE_EVERY === 0) await prune(sandbox);
  return { version, state, index };
}

async function insert({ accountId, region }: SandboxKey, version: number, documents: StoredDocument[]): Promise<void> {
  const db = await sandboxDb();
  const statements = [];
  for (let i = 0; i < documents.length; i += ROWS_PER_STATEMENT) {
    const values = documents.slice(i, i + ROWS_PER_STATEMENT).map(({ key, position, value }) => {
      const json = value === undefined ? null : JSON.stringify(value);
      return Prisma.sql`(${accountId}, ${region}, ${key}, ${version}, ${position}, ${json})`;
    });
    statements.push(
      db.$executeRaw`
        INSERT INTO "SandboxDocument" ("accountId", "region", "key", "version", "position", "json")
        VALUES ${Prisma.join(values)}`,
    );
  }
  // The meta row is among the rows of every write, so one statement is atomic on its own.
  if (statements.length === 1) await statements[0];
  else await db.$transaction(statements).finally(() => tuned(db));
}

/** Removes rows a newer version of their key replaces, and removals nothing older is left to hide. */
async function prune({ accountId, region }: SandboxKey): Promise<void> {
  await (await sandboxDb()).$executeRaw`
    DELETE FROM "SandboxDocument"
    WHERE "accountId" = ${accountId} AND "region" = ${region} AND (
      "json" IS NULL OR "version" < (
        SELECT MAX(newer."version") FROM "SandboxDocument" AS newer
        WHERE newer."accountId" = "SandboxDocument"."accountId" AND newer."region" = "SandboxDocument"."region"
          AND newer."key" = "SandboxDocument"."key"))`;
}

/** A sandbox saved by an earlier version as one JSON text becomes documents (version 1) the first time it is used. */
async function convertLegacy(sandbox: SandboxKey): Promise<Snapshot | null> {
  const legacy = await (await sandboxDb()).sandbox.findUnique({ where: { accountId_region: sandbox }, select: { state: true } });
  if (!legacy) return null;
  const state = withCurrentMembers(JSON.parse(legacy.state) as SandboxState);
  const converted = (await write(sandbox, null, state)) ?? (await load(sandbox));
  await (await sandboxDb()).sandbox.deleteMany({ where: sandbox });
  return converted;
}
