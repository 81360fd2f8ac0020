import { withCurrentMembers, type SandboxState } from "@/lib/sandbox/engine/state";
import {
  changedDocuments,
  EMPTY_INDEX,
  META_KEY,
  stateOfDocuments,
  withDocuments,
  type DocumentIndex,
} from "@/lib/sandbox/state-documents";
import type { SandboxStore } from "@/lib/sandbox/store";
import { Prisma } from "@/prisma/generated/sqlite";
import { db } from "./db";
import { rawSql } from "./sql-connection";

const MAX_ATTEMPTS = 8;
/**
 * Parsed states kept per process, bounded by the bytes of their stored documents' JSON, counted as rows are read and
 * written (so the estimate costs nothing): a room of a thousand learners, each with a few dozen resources, fits, so
 * their console polls and calls read no rows; one sandbox of thousands of tasks takes the room of hundreds. Parsed, a
 * state takes a few times its JSON in the heap (npm run bench -- sandbox, memory). DOJO_SANDBOX_CACHE_MIB tunes it.
 */
const CACHE_BYTES = cacheMib(process.env.DOJO_SANDBOX_CACHE_MIB) * 1024 * 1024;
/** Keys remembered as having no legacy row; past this the set starts over (a forgotten key costs one more look). */
const NO_LEGACY_KEPT = 10_000;
/** Superseded rows are pruned once every this many versions of a sandbox. */
const PRUNE_EVERY = 64;
/**
 * A removal row stays this many versions before pruning may take it: a process whose copy is at most this far behind
 * catches up by reading only the rows written since (readNewer) and still sees every removal among them; one further
 * behind reads the sandbox whole.
 */
const REMOVALS_KEPT = 4 * PRUNE_EVERY;
/**
 * Documents per INSERT, under SQLite's limit of 32,766 bound values (3 per document). A write with more (thousands
 * of tasks at once) is split over several statements in one transaction.
 */
const ROWS_PER_STATEMENT = 10_000;

/** A sandbox as of one version, with where each of its documents sits in its map. */
interface Snapshot {
  version: number;
  state: SandboxState;
  index: DocumentIndex;
  /**
   * Each stored document's JSON length, and their sum. The map is handed on from version to version and updated in
   * place once a write is stored (copying it would cost each write the size of the sandbox): a sandbox's calls take
   * turns (update), only its newest snapshot is kept, and a write from an older one fails before it touches the map.
   */
  sizes: Map<string, number>;
  bytes: number;
}

/** A document as written: its JSON text, null for a removed one. */
interface DocumentRow {
  key: string;
  position: number;
  json: string | null;
}

/** A SandboxDocument row as the driver adapter returns it (64-bit integers may come as text). */
interface Row {
  key: string;
  position: number | string;
  version: number | string;
  json: string | null;
}

/**
 * Sandbox state in the database as documents (lib/sandbox/state-documents.ts), one row per resource and version. A
 * write inserts only the resources it changed, at the next version, in one statement; the "meta" row it always
 * includes makes that version taken, so of two racing writers (two app instances, or two requests) one fails whole
 * and runs its operation again on the winner's state.
 *
 * Each process (and the heavy lane's thread, app/_server/heavy-lane.ts) keeps the states it last read or wrote. A
 * read then asks only for the newest version number and, if another instance wrote since, catches its copy up with
 * the rows written after it (readNewer); a write is made only on top of the version it was computed from, so a stale
 * copy is never used.
 */
export class PrismaSandboxStore implements SandboxStore {
  private readonly cache = new Map<string, Snapshot>();
  /** The stored bytes of the cached states, together (at most `cacheBytes`, unless one state alone is larger). */
  private cachedBytes = 0;
  /** Sandboxes found with no legacy row to convert. */
  private readonly noLegacy = new Set<string>();
  /** Each sandbox's call in progress in this process, which its next call waits for. */
  private readonly turns = new Map<string, Promise<unknown>>();

  constructor(private readonly cacheBytes = CACHE_BYTES) {}

  /**
   * One call per sandbox at a time in this process; calls of other sandboxes do not wait for it. A learner who sends
   * many calls at once then queues behind their own (no two of them computed on one copy, one thrown away when the
   * other's write lands), and between two of their calls everyone else's are served: a busy sandbox holds the
   * event loop for one call at a time, never for a burst (npm run bench -- sandbox, neighbours).
   */
  update<T>(accountId: string, region: string, fn: (state: SandboxState | null) => { state: SandboxState | null; result: T }): Promise<T> {
    const key = keyOf({ accountId, region });
    const previous = this.turns.get(key);
    const turn = previous ? previous.then(noop, noop).then(() => this.updateNow(accountId, region, fn)) : this.updateNow(accountId, region, fn);
    this.turns.set(key, turn);
    const done = () => {
      if (this.turns.get(key) === turn) this.turns.delete(key);
    };
    turn.then(done, done);
    return turn;
  }

  private async updateNow<T>(
    accountId: string,
    region: string,
    fn: (state: SandboxState | null) => { state: SandboxState | null; result: T },
  ): Promise<T> {
    const sandbox = { accountId, region };
    const key = keyOf(sandbox);
    // The copy found stale on the attempt before, if any: the next catches it up with the rows written since.
    let stale: Snapshot | undefined;
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      // A write itself finds out whether the cached state was still the newest (see insert); anything else asks.
      const cached = stale ? undefined : this.cache.get(key);
      const head = cached ?? (await this.read(sandbox, stale));
      stale = undefined;
      // Whatever `fn` concluded from a cached copy — a result, nothing to write, or an error such as "TaskDefinition
      // not found." for one another process registered — stands only if that copy was still the newest.
      const current = async () => !cached || (await newestVersion(sandbox)) === cached.version;
      let outcome: { state: SandboxState | null; result: T };
      try {
        outcome = fn(head?.state ?? null);
      } catch (error) {
        if (await current()) throw error;
        stale = this.stale(key, cached);
        continue;
      }
      const { state, result } = outcome;
      if (state === (head?.state ?? null)) {
        if (await current()) return result;
      } else if (state === null) {
        throw new Error(`sandbox ${accountId}/${region}: an update cannot remove a sandbox`);
      } else {
        const next = await write(sandbox, head, state);
        // A write that changed nothing (next.version is head's) claimed no version, so nothing proved the copy new.
        if (next && (next.version !== head?.version || (await current()))) {
          this.remember(sandbox, next);
          return result;
        }
      }
      stale = this.stale(key, head ?? undefined); // stale, or another writer got there first: run again on the newest state
    }
    throw new Error(`sandbox ${accountId}/${region}: too many concurrent writers`);
  }

  async regions(accountId: string): Promise<string[]> {
    const sql = await rawSql();
    const rows = await sql.rows<{ region: string }>(Prisma.sql`
      SELECT DISTINCT "region" FROM "SandboxDocument" WHERE "accountId" = ${accountId} AND "key" = ${META_KEY}
      UNION SELECT "region" FROM "Sandbox" WHERE "accountId" = ${accountId}`);
    return rows.map((row) => row.region);
  }

  /** Takes a copy found stale out of the cache, answering it for the next attempt to catch up from. */
  private stale(key: string, snapshot: Snapshot | undefined): Snapshot | undefined {
    this.forget(key);
    return snapshot;
  }

  /** The sandbox's newest state: `stale`, caught up with the rows written since, or else read whole. */
  private async read(sandbox: SandboxKey, stale?: Snapshot): Promise<Snapshot | null> {
    const key = keyOf(sandbox);
    let snapshot = (stale && (await readNewer(sandbox, stale))) ?? (await readSnapshot(sandbox));
    if (!snapshot && !this.noLegacy.has(key)) {
      snapshot = await convertLegacy(sandbox);
      // Nothing writes the legacy table any more: one look per process is enough, and a visitor without a sandbox
      // (most of them: reads store nothing) then costs one statement per console poll, not two.
      if (!snapshot) this.noLegacy.add(key);
      if (this.noLegacy.size > NO_LEGACY_KEPT) this.noLegacy.clear();
    }
    if (snapshot) this.remember(sandbox, snapshot);
    return snapshot;
  }

  /** Most recently used last; the oldest entries go when the cache holds more than its bytes. */
  private remember(sandbox: SandboxKey, snapshot: Snapshot): void {
    const key = keyOf(sandbox);
    this.forget(key);
    this.cache.set(key, snapshot);
    this.cachedBytes += snapshot.bytes;
    while (this.cachedBytes > this.cacheBytes && this.cache.size > 1) this.forget(this.cache.keys().next().value!);
  }

  private forget(key: string): void {
    const snapshot = this.cache.get(key);
    if (!snapshot) return;
    this.cache.delete(key);
    this.cachedBytes -= snapshot.bytes;
  }
}

interface SandboxKey {
  accountId: string;
  region: string;
}

const keyOf = ({ accountId, region }: SandboxKey) => `${accountId}/${region}`;
const noop = () => {};

function cacheMib(text: string | undefined): number {
  if (text === undefined || text === "") return 64;
  const mib = Number(text);
  if (!(mib > 0)) throw new Error(`DOJO_SANDBOX_CACHE_MIB must be a positive number of MiB, not "${text}"`);
  return mib;
}

async function newestVersion({ accountId, region }: SandboxKey): Promise<number | null> {
  const [row] = await (await rawSql()).rows<{ version: number | string | null }>(Prisma.sql`
    SELECT MAX("version") AS "version" FROM "SandboxDocument"
    WHERE "accountId" = ${accountId} AND "region" = ${region} AND "key" = ${META_KEY}`);
  return row?.version === null || row?.version === undefined ? null : Number(row.version);
}

/** The newest row of every key, read in one statement so that it is one version's consistent picture. */
async function readSnapshot({ accountId, region }: SandboxKey): Promise<Snapshot | null> {
  const rows = await (await rawSql()).rows<Row>(Prisma.sql`
    SELECT "key", "position", "version", "json" FROM "SandboxDocument"
    WHERE "accountId" = ${accountId} AND "region" = ${region}`);
  const newest = newestRows(rows);
  const meta = newest.get(META_KEY);
  if (!meta) return null;
  const live = [...newest.values()].filter((row) => row.json !== null);
  const documents = live.map((row) => ({ key: row.key, position: Number(row.position), value: JSON.parse(row.json!) }));
  const sizes = new Map(live.map((row) => [row.key, row.json!.length]));
  const bytes = live.reduce((sum, row) => sum + row.json!.length, 0);
  return { version: Number(meta.version), ...stateOfDocuments(documents), sizes, bytes };
}

/**
 * `stale` brought up to the newest version with only the rows written after it, in one statement (one version's
 * consistent picture): after another process's write, a sandbox of thousands of tasks costs what that write changed
 * instead of a read of every document. Undefined when `stale` is too far behind (pruning may have taken a removal it
 * needs) or was stored with its timers inside meta: then it is read whole.
 */
async function readNewer(sandbox: SandboxKey, stale: Snapshot): Promise<Snapshot | null | undefined> {
  if (stale.index.timersInMeta) return undefined;
  const rows = await (await rawSql()).rows<Row>(Prisma.sql`
    SELECT "key", "position", "version", "json" FROM "SandboxDocument"
    WHERE "accountId" = ${sandbox.accountId} AND "region" = ${sandbox.region} AND "version" > ${stale.version}`);
  const newest = newestRows(rows);
  const meta = newest.get(META_KEY);
  if (!meta) return undefined; // nothing newer, or the sandbox is gone (its account deleted): read whole
  const version = Number(meta.version);
  if (version - stale.version > REMOVALS_KEPT) return undefined;
  const documents = [...newest.values()].map((row) => ({ key: row.key, position: Number(row.position), value: row.json === null ? undefined : JSON.parse(row.json) }));
  const { state, index } = withDocuments(stale.state, stale.index, documents);
  // The stale copy leaves the cache for this one (stale()), so its sizes are carried on in place, as a write does.
  const { sizes } = stale;
  let bytes = stale.bytes;
  for (const { key, json } of newest.values()) {
    bytes -= sizes.get(key) ?? 0;
    if (json === null) sizes.delete(key);
    else bytes += sizes.set(key, json.length).get(key)!;
  }
  return { version, state, index, sizes, bytes };
}

/** The newest row of each key among `rows`. */
function newestRows(rows: Row[]): Map<string, Row> {
  const newest = new Map<string, Row>();
  for (const row of rows) {
    const seen = newest.get(row.key);
    if (!seen || Number(seen.version) < Number(row.version)) newest.set(row.key, row);
  }
  return newest;
}

/**
 * Saves `state` as the version after `head` with only the documents that changed. Answers the new snapshot, or null
 * when `head` is no longer the newest version: another writer saved one meanwhile.
 */
async function write(sandbox: SandboxKey, head: Snapshot | null, state: SandboxState): Promise<Snapshot | null> {
  const { documents, index } = changedDocuments(head?.state ?? null, head?.index ?? EMPTY_INDEX, state);
  if (head && documents.length === 0) return { ...head, state }; // a new object with the same contents
  const version = (head?.version ?? 0) + 1;
  const rows = documents.map(({ key, position, value }): DocumentRow => ({ key, position, json: value === undefined ? null : JSON.stringify(value) }));
  try {
    if (!(await insert(sandbox, version, rows))) return null;
  } catch (error) {
    if (((await newestVersion(sandbox)) ?? 0) >= version) return null; // two writers raced for this version
    throw error;
  }
  if (version % PRUNE_EVERY === 0) await prune(sandbox, version);
  const sizes = head?.sizes ?? new Map<string, number>();
  let bytes = head?.bytes ?? 0;
  for (const { key, json } of rows) {
    bytes -= sizes.get(key) ?? 0;
    if (json === null) {
      sizes.delete(key);
    } else {
      sizes.set(key, json.length);
      bytes += json.length;
    }
  }
  return { version, state, index, sizes, bytes };
}

/**
 * Inserts the documents at `version` if the newest version stored is the one before it; answers whether it did.
 * The meta document is the first of every write, so of two writers racing to one version the second fails on it.
 */
async function insert(sandbox: SandboxKey, version: number, documents: DocumentRow[]): Promise<boolean> {
  const sql = await rawSql();
  if (documents.length <= ROWS_PER_STATEMENT) return (await sql.run(insertAfter(sandbox, version - 1, version, documents))) > 0;
  // Thousands of documents at once: several statements in one transaction, each but the first continuing the version
  // it started; any that inserts fewer rows than it carries (another writer was first) rolls the whole back.
  const chunks: DocumentRow[][] = [];
  for (let i = 0; i < documents.length; i += ROWS_PER_STATEMENT) chunks.push(documents.slice(i, i + ROWS_PER_STATEMENT));
  const statements = chunks.map((chunk, i) => insertAfter(sandbox, i === 0 ? version - 1 : version, version, chunk));
  return (await sql.writeAll(statements, (changed, i) => changed === chunks[i].length)) !== null;
}

/** One INSERT of documents at `version`, made only while the newest meta row is at `newest`. */
function insertAfter({ accountId, region }: SandboxKey, newest: number, version: number, documents: DocumentRow[]): Prisma.Sql {
  const values = documents.map(({ key, position, json }) => Prisma.sql`(${key}, ${position}, ${json})`);
  // VALUES columns are named column1… in both SQLite and PostgreSQL; PostgreSQL types their parameters as text.
  return Prisma.sql`
    INSERT INTO "SandboxDocument" ("accountId", "region", "key", "version", "position", "json")
    SELECT ${accountId}, ${region}, column1, CAST(${version} AS INTEGER), CAST(column2 AS INTEGER), column3
    FROM (VALUES ${Prisma.join(values)}) AS written
    WHERE (SELECT COALESCE(MAX("version"), 0) FROM "SandboxDocument"
           WHERE "accountId" = ${accountId} AND "region" = ${region} AND "key" = ${META_KEY}) = ${newest}`;
}

/**
 * Removes rows a newer version of their key replaces, and removals older than REMOVALS_KEPT versions (by then nothing
 * older is left for them to hide, and a copy that far behind is read whole).
 */
async function prune({ accountId, region }: SandboxKey, version: number): Promise<void> {
  await (await rawSql()).run(Prisma.sql`
    DELETE FROM "SandboxDocument"
    WHERE "accountId" = ${accountId} AND "region" = ${region} AND (
      ("json" IS NULL AND "version" <= ${version - REMOVALS_KEPT}) OR "version" < (
        SELECT MAX(newer."version") FROM "SandboxDocument" AS newer
        WHERE newer."accountId" = "SandboxDocument"."accountId" AND newer."region" = "SandboxDocument"."region"
          AND newer."key" = "SandboxDocument"."key"))`);
}

/** A sandbox saved by an earlier version as one JSON text becomes documents (version 1) the first time it is used. */
async function convertLegacy(sandbox: SandboxKey): Promise<Snapshot | null> {
  const legacy = await db().sandbox.findUnique({ where: { accountId_region: sandbox }, select: { state: true } });
  if (!legacy) return null;
  const state = withCurrentMembers(JSON.parse(legacy.state) as SandboxState);
  const converted = (await write(sandbox, null, state)) ?? (await readSnapshot(sandbox));
  await db().sandbox.deleteMany({ where: sandbox });
  return converted;
}
