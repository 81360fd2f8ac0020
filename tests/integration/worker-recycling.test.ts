/**
 * Memory back after a room leaves (server.ts watchMemory): an idle worker that grew is replaced by a fresh one, and
 * a learner working through the replacements never sees a failed request or loses anything.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type AppServer } from "../support/app-server";
import { SiteClient } from "../support/site-client";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("workers that grew are replaced once idle", () => {
  let app: AppServer;
  const log = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "ecs-dojo-recycle-")), "server.log");
  beforeAll(async () => {
    // Any growth counts and 1 s without an open connection is idle: the workers are replaced again and again under
    // the test (its client closes kept-alive sockets after 4 s, so each 7 s pause leaves a worker idle).
    app = await startApp({ env: { DOJO_WORKERS: "2", DOJO_RECYCLE_IDLE_SECONDS: "1", DOJO_RECYCLE_GROWTH_MIB: "0" }, logFile: log });
  });
  afterAll(async () => {
    await app?.stop();
    fs.rmSync(path.dirname(log), { recursive: true, force: true });
  });

  it("while a learner keeps saving and reading, with pauses long enough to count as idle", { timeout: 240_000 }, async () => {
    const site = new SiteClient(app.url);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      try {
        const saved = await site.post("/api/lessons/L302/draft", { file: "orders-api.json", text: `{"family":"draft-${i}"}` });
        statuses.push(saved.status);
        const page = await site.get("/en/lessons/L302");
        statuses.push(page.status);
        expect(await page.text()).toContain(`draft-${i}`);
      } catch (error) {
        // What the server's processes said up to the failure: which worker was being replaced, and when.
        throw new Error(`round ${i}: ${String(error)}; cause ${String((error as Error).cause)}\nserver log:\n${fs.readFileSync(log, "utf8").slice(-4000)}`);
      }
      await sleep(7000);
    }
    expect(statuses.every((s) => s === 200)).toBe(true);
    const replaced = fs.readFileSync(log, "utf8").match(/replacing it to give the memory back/g) ?? [];
    expect(replaced.length).toBeGreaterThan(0);
  });
});
