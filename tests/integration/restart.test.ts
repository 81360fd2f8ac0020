import { afterAll, beforeAll, describe, it } from "vitest";
import { startApp, type AppServer } from "../support/app-server";
import { restartKeepsEverything, restartMidExerciseKeepsEverything } from "../support/flows";

describe("a server restart (embedded SQLite)", () => {
  let app: AppServer;
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(async () => app?.stop());

  it("keeps the learner's progress, edited text and sandbox", async () => {
    await restartKeepsEverything(app);
  });

  it("keeps a sandbox exercise's set-up, drafts and grading between two steps", async () => {
    await restartMidExerciseKeepsEverything(app);
  });
});
