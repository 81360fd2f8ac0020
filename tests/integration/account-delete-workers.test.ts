/**
 * Deleting an account in one worker process stops its sandbox key in every worker at once (app/_server/sandbox.ts
 * revokeAccessKey over the workshop event bus): each worker caches keys it has verified, and without the message the
 * other worker would keep accepting the deleted learner's key for up to a minute. Two workers on SQLite (the primary
 * relays the message); on PostgreSQL the same message travels by NOTIFY (workshop-store suite, live events).
 */
import http from "node:http";
import { ListClustersCommand, ECSClient } from "@aws-sdk/client-ecs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type AppServer } from "../support/app-server";
import { SiteClient } from "../support/site-client";

/** Calls the cluster spreads over its workers in turn: a fresh connection each, so both workers see the key. */
const CALLS = 8;

describe("account delete across worker processes", () => {
  let app: AppServer;
  beforeAll(async () => {
    app = await startApp({ env: { DOJO_WORKERS: "2" } });
  }, 300_000);
  afterAll(async () => {
    await app?.stop();
  });

  it("a deleted account's sandbox key is refused by every worker right after the delete", { timeout: 120_000 }, async () => {
    const site = new SiteClient(app.url);
    expect((await site.post("/api/account/sign-up", { username: "leaving_soon", password: "correct horse battery" })).status).toBe(200);
    await site.get("/en"); // the new session's CSRF token, as the browser's next page load reads it
    const credentials = await site.credentials();
    const outcomes = async () => {
      const answers: string[] = [];
      for (let i = 0; i < CALLS; i++) {
        const ecs = new ECSClient({
          endpoint: `${app.url}/aws`,
          region: "ap-northeast-1",
          credentials,
          maxAttempts: 1,
          requestHandler: { httpAgent: new http.Agent({ keepAlive: false }) },
        });
        try {
          await ecs.send(new ListClustersCommand({}));
          answers.push("ok");
        } catch (error) {
          answers.push((error as Error).name);
        } finally {
          ecs.destroy();
        }
      }
      return answers;
    };
    // Every worker verifies and caches the key.
    expect(await outcomes()).toEqual(Array(CALLS).fill("ok"));
    expect((await site.post("/api/account/delete", {})).status).toBe(200);
    const after = await outcomes();
    console.log(`after the delete, ${CALLS} calls over fresh connections answered: ${after.join(", ")}`);
    expect(after.filter((o) => o === "ok")).toEqual([]);
  });
});
