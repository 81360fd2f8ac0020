/**
 * PrismaSandboxStore over a real SQLite database, with two stores standing for two app instances: each keeps parsed
 * states by version, and must still always see the other's writes and never lose one when they race.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { createSandboxState, type SandboxState } from "@/lib/sandbox/engine";

const ROOT = path.resolve(import.meta.dirname, "..", "..");
const ACCOUNT = "123456789012";
const REGION = "ap-northeast-1";

type Store = import("@/lib/progress/sandbox-store").PrismaSandboxStore;
let first: Store;
let second: Store;

beforeAll(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ecs-dojo-store-"));
  process.env.DATABASE_URL = `file:${path.join(dir, "dojo.db")}`;
  execFileSync(process.execPath, ["scripts/db.mjs", "deploy"], { cwd: ROOT, env: process.env, stdio: "pipe" });
  // Imported only now: the database client reads DATABASE_URL when it is first used.
  const { PrismaSandboxStore } = await import("@/lib/progress/sandbox-store");
  first = new PrismaSandboxStore();
  second = new PrismaSandboxStore();
});

/** A write that moves the simulated clock on by one second, leaving the state it was given untouched. */
const tick = (state: SandboxState | null) => {
  const next = structuredClone(state ?? createSandboxState(ACCOUNT, REGION));
  next.clock.simMs += 1000;
  return { state: next, result: next.clock.simMs };
};
const look = (state: SandboxState | null) => ({ state: state!, result: state });

describe("PrismaSandboxStore", () => {
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

  // Six at once: fewer than the store's retry budget, so every writer is sure to land even if it loses each race.
  test("racing writers from both instances: every write lands once", async () => {
    const before = (await first.update(ACCOUNT, REGION, look))!.clock.simMs;
    await Promise.all(Array.from({ length: 6 }, (_, i) => (i % 2 ? first : second).update(ACCOUNT, REGION, tick)));
    expect((await second.update(ACCOUNT, REGION, look))?.clock.simMs).toBe(before + 6000);
    expect((await first.update(ACCOUNT, REGION, look))?.clock.simMs).toBe(before + 6000);
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
});
