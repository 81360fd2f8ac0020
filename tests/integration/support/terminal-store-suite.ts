/**
 * The browser terminal's per-learner data over a real database (lib/progress/terminal-store.ts): the file area with its
 * limits (count, size, names) and the history (bounded, secrets left out, cleared on request), each learner's own, and
 * both gone with the learner. Run on SQLite (terminal-store.test.ts) and PostgreSQL (terminal-store-postgres.test.ts).
 */
import { execFileSync } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_FILE_BYTES, MAX_FILES } from "@/lib/terminal/file-area";
import { HISTORY_LIMIT } from "@/lib/terminal/history";

const ROOT = path.resolve(import.meta.dirname, "..", "..", "..");

type Store = typeof import("@/lib/progress/terminal-store");
let store: Store;
let db: typeof import("@/lib/progress/db").db;

const TASK_DEFINITION = JSON.stringify({ family: "web", containerDefinitions: [{ name: "web", image: "nginx" }] });

/** The suite, over the empty database `databaseUrl()` names (called once, before the first test). */
export function terminalStoreSuite(name: string, databaseUrl: () => string) {
  beforeAll(async () => {
    process.env.DATABASE_URL = databaseUrl();
    execFileSync(process.execPath, ["scripts/db.mjs", "deploy"], { cwd: ROOT, env: process.env, stdio: "pipe" });
    // Imported only now: the database client reads DATABASE_URL when it is first used.
    store = await import("@/lib/progress/terminal-store");
    db = (await import("@/lib/progress/db")).db;
    for (const [id, n] of [["ann", 1], ["bob", 2], ["cid", 3]] as const) {
      await db().learner.create({ data: { id, sessionHash: `hash-${id}`, accountId: `00000000000${n}`, accessKeyId: `AKIATEST${id.toUpperCase()}` } });
    }
  });

  afterAll(async () => {
    await db?.().$disconnect();
  });

  describe(`${name}: the file area`, () => {
    it("creates, lists, reads, replaces and deletes a learner's files, each learner seeing only their own", async () => {
      expect(await store.saveTerminalFile("ann", "task-def.json", TASK_DEFINITION)).toMatchObject({ saved: { name: "task-def.json", bytes: TASK_DEFINITION.length } });
      expect(await store.readTerminalFile("ann", "task-def.json")).toBe(TASK_DEFINITION);
      expect(await store.readTerminalFile("bob", "task-def.json")).toBeNull();
      await store.saveTerminalFile("ann", "task-def.json", "{}");
      expect(await store.readTerminalFile("ann", "task-def.json")).toBe("{}");
      await store.saveTerminalFile("ann", "a.yaml", "x: 1\n");
      expect((await store.listTerminalFiles("ann")).map((f) => f.name)).toEqual(["a.yaml", "task-def.json"]);
      expect(await store.listTerminalFiles("bob")).toEqual([]);
      expect(await store.deleteTerminalFile("bob", "a.yaml")).toBe(false);
      expect(await store.deleteTerminalFile("ann", "a.yaml")).toBe(true);
      expect(await store.deleteTerminalFile("ann", "a.yaml")).toBe(false);
      expect((await store.listTerminalFiles("ann")).map((f) => f.name)).toEqual(["task-def.json"]);
    });

    it("refuses a name with folders, a file over the size limit and one past the count limit, and still replaces a kept file when full", async () => {
      expect(await store.saveTerminalFile("bob", "../etc/passwd", "x")).toEqual({ error: "bad-name" });
      expect(await store.saveTerminalFile("bob", "dir/file.json", "x")).toEqual({ error: "bad-name" });
      expect(await store.saveTerminalFile("bob", "big.json", "x".repeat(MAX_FILE_BYTES + 1))).toEqual({ error: "too-large" });
      // Multi-byte characters count as their UTF-8 bytes.
      expect(await store.saveTerminalFile("bob", "wide.txt", "あ".repeat(MAX_FILE_BYTES / 3 + 1))).toEqual({ error: "too-large" });
      expect(await store.saveTerminalFile("bob", "full.json", "x".repeat(MAX_FILE_BYTES))).toHaveProperty("saved");
      for (let i = 1; i < MAX_FILES; i++) expect(await store.saveTerminalFile("bob", `f${i}.json`, "{}")).toHaveProperty("saved");
      expect(await store.saveTerminalFile("bob", "one-more.json", "{}")).toEqual({ error: "too-many" });
      expect(await store.saveTerminalFile("bob", "f1.json", '{"changed":true}')).toHaveProperty("saved");
      expect(await store.listTerminalFiles("bob")).toHaveLength(MAX_FILES);
    });

    it("lets two saves racing for the last place take it once", async () => {
      for (let i = 0; i < MAX_FILES - 1; i++) await store.saveTerminalFile("cid", `c${i}.json`, "{}");
      const results = await Promise.all([store.saveTerminalFile("cid", "x.json", "{}"), store.saveTerminalFile("cid", "y.json", "{}")]);
      expect(results.filter((r) => "saved" in r)).toHaveLength(1);
      expect(await store.listTerminalFiles("cid")).toHaveLength(MAX_FILES);
    });
  });

  describe(`${name}: the history`, () => {
    it("keeps lines in order, leaves out lines with secrets, and keeps only the newest lines past the limit", async () => {
      const secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
      const stored = await store.appendTerminalHistory("ann", ["aws ecs list-clusters", `export AWS_SECRET_ACCESS_KEY=${secret}`, "echo $CLUSTER", "  "], [secret]);
      expect(stored).toBe(2);
      expect(await store.terminalHistory("ann")).toEqual(["aws ecs list-clusters", "echo $CLUSTER"]);
      expect(await store.terminalHistory("bob")).toEqual([]);
      const many = Array.from({ length: HISTORY_LIMIT + 20 }, (_, i) => `aws ecs describe-clusters --clusters c${i}`);
      await store.appendTerminalHistory("ann", many.slice(0, 300));
      await store.appendTerminalHistory("ann", many.slice(300));
      const history = await store.terminalHistory("ann");
      expect(history).toHaveLength(HISTORY_LIMIT);
      expect(history.at(-1)).toBe(many.at(-1));
      expect(history[0]).toBe(many[20]);
      expect(await db().terminalHistoryEntry.count({ where: { learnerId: "ann" } })).toBe(HISTORY_LIMIT);
    });

    it("clears one learner's history only", async () => {
      await store.appendTerminalHistory("bob", ["aws sts get-caller-identity"]);
      expect(await store.clearTerminalHistory("ann")).toBe(HISTORY_LIMIT);
      expect(await store.terminalHistory("ann")).toEqual([]);
      expect(await store.terminalHistory("bob")).toEqual(["aws sts get-caller-identity"]);
    });
  });

  describe(`${name}: with the learner`, () => {
    it("deletes the learner's files and history when the learner is deleted", async () => {
      expect(await db().terminalFile.count({ where: { learnerId: "bob" } })).toBe(MAX_FILES);
      await db().learner.delete({ where: { id: "bob" } });
      expect(await db().terminalFile.count({ where: { learnerId: "bob" } })).toBe(0);
      expect(await db().terminalHistoryEntry.count({ where: { learnerId: "bob" } })).toBe(0);
    });
  });
}
