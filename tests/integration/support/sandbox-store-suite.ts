/**
 * PrismaSandboxStore over a real database, with two stores standing for two app instances: each keeps parsed states
 * by version, and must still always see the other's writes and never lose one when they race. A write stores only
 * the documents it changed; superseded rows are pruned; sandboxes saved whole by earlier versions are converted.
 * Run on SQLite (sandbox-store.test.ts) and PostgreSQL (sandbox-store-postgres.test.ts).
 */
import { execFileSync } from "node:child_process";
import path from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { createSandboxState, type SandboxState } from "@/lib/sandbox/engine";

const ROOT = path.resolve(import.meta.dirname, "..", "..", "..");
const ACCOUNT = "123456789012";
const REGION = "ap-northeast-1";

type Store = import("@/lib/progress/sandbox-store").PrismaSandboxStore;
let first: Store;
let second: Store;
let newStore: (cacheBytes?: number) => Store;
let db: typeof import("@/lib/progress/db").db;

/** The suite, over the empty database `databaseUrl()` names (called once, before the first test). */
export function sandboxStoreSuite(name: string, databaseUrl: () => string) {

  beforeAll(async () => {
    process.env.DATABASE_URL = databaseUrl();
    execFileSync(process.execPath, ["scripts/db.mjs", "deploy"], { cwd: ROOT, env: process.env, stdio: "pipe" });
    // Imported only now: the database client reads DATABASE_URL when it is first used.
    const { PrismaSandboxStore } = await import("@/lib/progress/sandbox-store");
    newStore = (cacheBytes) => new PrismaSandboxStore(cacheBytes);
    first = newStore();
    second = newStore();
    db = (await import("@/lib/progress/db")).db;
  });

  /** Rows stored for a sandbox, by version. */
  async function rowsOf(accountId: string): Promise<Map<number, string[]>> {
    const rows = await db().$queryRaw<{ key: string; version: number | bigint }[]>`
      SELECT "key", "version" FROM "SandboxDocument" WHERE "accountId" = ${accountId} ORDER BY "key"`;
    const byVersion = new Map<number, string[]>();
    for (const row of rows) byVersion.set(Number(row.version), [...(byVersion.get(Number(row.version)) ?? []), row.key]);
    return byVersion;
  }

  /** A write that moves the simulated clock on by one second, leaving the state it was given untouched. */
  const tick = (state: SandboxState | null) => {
    const next = structuredClone(state ?? createSandboxState(ACCOUNT, REGION));
    next.clock.simMs += 1000;
    return { state: next, result: next.clock.simMs };
  };
  const look = (state: SandboxState | null) => ({ state: state!, result: state });

  describe(`PrismaSandboxStore on ${name}`, () => {
    test("each instance sees the other's writes, whatever it has cached", async () => {
      const start = await first.update(ACCOUNT, REGION, tick);
      expect((await second.update(ACCOUNT, REGION, look))?.clock.simMs).toBe(start);
      await second.update(ACCOUNT, REGION, tick);
      await second.update(ACCOUNT, REGION, tick);
      expect((await first.update(ACCOUNT, REGION, look))?.clock.simMs).toBe(start + 2000);
    });

    test("a read-only call gets the same cached object and writes nothing", async () => {
      const a = await first.update(ACCOUNT, REGION, look);
      const b = await first.update(ACCOUNT, REGION, look);
      expect(b).toBe(a);
      expect((await second.update(ACCOUNT, REGION, look))?.clock.simMs).toBe(a?.clock.simMs);
    });

    test("the cache keeps states up to its bytes, the least recently used going first", async () => {
      const [a, b] = ["310987654321", "410987654321"];
      // Under a bound smaller than any sandbox the cache keeps only the one used last (one state is always kept, so
      // that a call reads its sandbox once); the default bound keeps both.
      const small = newStore(1);
      const large = newStore();
      for (const store of [small, large]) {
        await store.update(a, REGION, tick);
        await store.update(b, REGION, tick);
      }
      const aFromLarge = await large.update(a, REGION, look);
      await large.update(b, REGION, look);
      expect(await large.update(a, REGION, look)).toBe(aFromLarge);
      const aFromSmall = await small.update(a, REGION, look);
      expect(await small.update(a, REGION, look)).toBe(aFromSmall); // still cached: it was used last
      await small.update(b, REGION, look);
      const again = await small.update(a, REGION, look);
      expect(again).not.toBe(aFromSmall); // read from the database again: b's use pushed it out
      expect(again).toEqual(aFromSmall);
    });

    test("calls on one sandbox in one process take turns: each runs once, on the state the one before wrote", async () => {
      const before = (await first.update(ACCOUNT, REGION, look))!.clock.simMs;
      const seen: number[] = [];
      const counted = (state: SandboxState | null) => {
        seen.push(state!.clock.simMs);
        return tick(state);
      };
      await Promise.all(Array.from({ length: 6 }, () => first.update(ACCOUNT, REGION, counted)));
      expect(seen).toEqual([0, 1, 2, 3, 4, 5].map((i) => before + i * 1000));
    });

    // Six at once: fewer than the store's retry budget, so every writer is sure to land even if it loses each race.
    test("racing writers from both instances: every write lands once", async () => {
      const before = (await first.update(ACCOUNT, REGION, look))!.clock.simMs;
      await Promise.all(Array.from({ length: 6 }, (_, i) => (i % 2 ? first : second).update(ACCOUNT, REGION, tick)));
      expect((await second.update(ACCOUNT, REGION, look))?.clock.simMs).toBe(before + 6000);
      expect((await first.update(ACCOUNT, REGION, look))?.clock.simMs).toBe(before + 6000);
    });

    test("a write from an instance whose copy is many versions old lands on top of the newest", async () => {
      const start = (await first.update(ACCOUNT, REGION, look))!.clock.simMs;
      // Enough writes for the rows of the version `first` holds to be pruned.
      for (let i = 0; i < 70; i++) await second.update(ACCOUNT, REGION, tick);
      expect(await first.update(ACCOUNT, REGION, tick)).toBe(start + 71_000);
      expect((await second.update(ACCOUNT, REGION, look))?.clock.simMs).toBe(start + 71_000);
    });

    test("a failed call saves nothing", async () => {
      const before = (await first.update(ACCOUNT, REGION, look))!.clock.simMs;
      await expect(
        first.update(ACCOUNT, REGION, () => {
          throw new Error("the operation failed");
        }),
      ).rejects.toThrow("the operation failed");
      expect((await second.update(ACCOUNT, REGION, look))?.clock.simMs).toBe(before);
    });

    test("a call that fails on an instance's old copy runs again on the newest before its error stands", async () => {
      // The AWS CLI opens a new connection per command, so RegisterTaskDefinition and the CreateService naming it can
      // reach two processes: the second must not answer "TaskDefinition not found." from the copy it cached before.
      const before = (await first.update(ACCOUNT, REGION, look))!.clock.simMs;
      await second.update(ACCOUNT, REGION, tick);
      const needsTheTick = (state: SandboxState | null) => {
        if (state!.clock.simMs !== before + 1000) throw new Error("not found in this copy");
        return { state: state!, result: "found" };
      };
      expect(await first.update(ACCOUNT, REGION, needsTheTick)).toBe("found");
      // On the newest copy, the same error stands.
      await expect(first.update(ACCOUNT, REGION, (state) => needsTheTick(tick(state).state))).rejects.toThrow("not found in this copy");
    });

    test("a write stores only the documents it changed, and superseded rows are pruned", async () => {
      const account = "210987654321";
      const withClusters = (state: SandboxState | null) => {
        const base = state ?? createSandboxState(account, REGION);
        const clusters = Object.fromEntries(["a", "b", "c"].map((name) => [name, { clusterName: name, status: "ACTIVE" }]));
        return { state: { ...base, clusters }, result: null };
      };
      /** Moves the clock: a change to the meta document alone, every cluster kept as the very same object. */
      const clockOnly = (state: SandboxState | null) => ({ state: { ...state!, clock: { ...state!.clock, simMs: state!.clock.simMs + 1000 } }, result: null });
      await first.update(account, REGION, withClusters);
      await first.update(account, REGION, clockOnly);
      const rows = await rowsOf(account);
      expect(rows.get(1)).toEqual(["clusters/a", "clusters/b", "clusters/c", "meta"]);
      expect(rows.get(2)).toEqual(["meta"]);
      // Sixty-four versions in, the older meta rows are gone; each key keeps its newest row only.
      for (let i = 0; i < 62; i++) await first.update(account, REGION, clockOnly);
      const pruned = await rowsOf(account);
      expect([...pruned.keys()].sort((a, b) => a - b)).toEqual([1, 64]);
      expect(pruned.get(64)).toEqual(["meta"]);
      expect((await newStore().update(account, REGION, look))?.clock.simMs).toBe((await first.update(account, REGION, look))?.clock.simMs);
    });

    test("a state with the same contents in new objects writes nothing", async () => {
      const before = await rowsOf(ACCOUNT);
      const same = (state: SandboxState | null) => ({ state: { ...state! }, result: state!.clock.simMs });
      expect(await first.update(ACCOUNT, REGION, same)).toBe((await second.update(ACCOUNT, REGION, look))!.clock.simMs);
      expect(await rowsOf(ACCOUNT)).toEqual(before);
    });

    test("a removed resource is gone for every instance, and stays gone after pruning", async () => {
      const account = "333333333333";
      const clusters = (names: string[]) => (state: SandboxState | null) => {
        const base = state ?? createSandboxState(account, REGION);
        return { state: { ...base, clusters: Object.fromEntries(names.map((n) => [n, base.clusters[n] ?? { clusterName: n }])) }, result: null };
      };
      await first.update(account, REGION, clusters(["a", "b"]));
      await first.update(account, REGION, clusters(["b"]));
      expect(Object.keys((await newStore().update(account, REGION, look))!.clusters)).toEqual(["b"]);
      await first.update(account, REGION, clusters(["b", "a"]));
      // "a" came back after "b": the order survives a fresh read.
      expect(Object.keys((await newStore().update(account, REGION, look))!.clusters)).toEqual(["b", "a"]);
    });

    test("an instance whose copy is behind catches up with the rows written since: removals, changes and order hold", async () => {
      const account = "666666666666";
      const clusters = (names: string[], changed = "") => (state: SandboxState | null) => {
        const base = state ?? createSandboxState(account, REGION);
        const entry = (n: string) => (n === changed || !base.clusters[n] ? { clusterName: n, status: n === changed ? "INACTIVE" : "ACTIVE" } : base.clusters[n]);
        return { state: { ...base, clusters: Object.fromEntries(names.map((n) => [n, entry(n)])) }, result: null };
      };
      await first.update(account, REGION, clusters(["a", "b", "c"]));
      const behind = (await second.update(account, REGION, look))!;
      await first.update(account, REGION, clusters(["a", "c", "d"], "c"));
      // Past a prune (every 64 versions), which must not take the removal of "b" from a copy this far behind.
      for (let i = 0; i < 70; i++) await first.update(account, REGION, tick);
      await first.update(account, REGION, clusters(["c", "d", "a"]));
      const caughtUp = (await second.update(account, REGION, look))!;
      expect(caughtUp).toEqual((await newStore().update(account, REGION, look))!);
      expect(Object.keys(caughtUp.clusters)).toEqual(["c", "d", "a"]);
      expect(caughtUp.clusters.c).toMatchObject({ status: "INACTIVE" });
      // Only what was written since was read: the one resource nobody wrote is still the object `second` had.
      const unwritten = (await second.update(account, REGION, look))!;
      await first.update(account, REGION, clusters(["c", "d", "a", "e"]));
      expect((await second.update(account, REGION, look))!.clusters.c).toBe(unwritten.clusters.c);
      expect(behind.clusters.b).toBeDefined();
    });

    test("a write of more documents than one statement takes lands whole", async () => {
      const account = "444444444444";
      const many = (state: SandboxState | null) => {
        const base = state ?? createSandboxState(account, REGION);
        const tasks = Object.fromEntries(Array.from({ length: 12_000 }, (_, i) => [`t${i}`, { taskArn: `t${i}`, lastStatus: "RUNNING" }]));
        return { state: { ...base, tasks }, result: null };
      };
      await first.update(account, REGION, many);
      const seen = (await newStore().update(account, REGION, look))!;
      expect(Object.keys(seen.tasks)).toHaveLength(12_000);
      expect(Object.keys(seen.tasks).slice(0, 3)).toEqual(["t0", "t1", "t2"]);
    });

    test("a sandbox saved whole by an earlier version is converted on first use", async () => {
      const account = "555555555555";
      // From before the services existed: no services' maps, and the scenario-described `world` they replaced.
      const legacy = { ...createSandboxState(account, REGION), clusters: { old: { clusterName: "old" } }, world: { roles: {}, secrets: ["db"] } } as Partial<SandboxState>;
      delete legacy.secrets;
      await db().sandbox.create({ data: { accountId: account, region: REGION, state: JSON.stringify(legacy), version: 3 } });
      const seen = (await first.update(account, REGION, look))!;
      expect(Object.keys(seen.clusters)).toEqual(["old"]);
      expect(seen).not.toHaveProperty("world");
      expect(seen.secrets).toEqual({});
      expect(await db().sandbox.count({ where: { accountId: account } })).toBe(0);
      expect(Object.keys((await second.update(account, REGION, look))!.clusters)).toEqual(["old"]);
    });
  });
}
