import { CreateClusterCommand, DescribeClustersCommand } from "@aws-sdk/client-ecs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type AppServer } from "../support/app-server";
import { startPostgres, type PostgresServer } from "../support/postgres";
import { SiteClient } from "../support/site-client";
import { restartKeepsEverything, restartMidExerciseKeepsEverything } from "../support/flows";

describe("PostgreSQL: the same schema and code as the embedded database", () => {
  let pg: PostgresServer;
  const apps: AppServer[] = [];
  beforeAll(() => {
    pg = startPostgres(55_000 + Math.floor(Math.random() * 5000));
  });
  afterAll(async () => {
    await Promise.all(apps.map((a) => a.stop()));
    pg?.stop();
  });

  it("keeps progress and sandbox across a restart", async () => {
    pg.createDatabase("restart");
    const app = await startApp({ databaseUrl: pg.url("restart") });
    apps.push(app);
    await restartKeepsEverything(app);
    await restartMidExerciseKeepsEverything(app);
  });

  it("gives the same answers from two app instances over one database", async () => {
    pg.createDatabase("shared");
    const [a, b] = await Promise.all([startApp({ databaseUrl: pg.url("shared") }), startApp({ databaseUrl: pg.url("shared") })]);
    apps.push(a, b);
    const learner = new SiteClient(a.url);
    await (await learner.ecs(a.url)).send(new CreateClusterCommand({ clusterName: "shared-room" }));
    const seenFromB = await (await learner.ecs(b.url)).send(new DescribeClustersCommand({ clusters: ["shared-room"] }));
    expect(seenFromB.clusters?.map((c) => c.clusterName)).toEqual(["shared-room"]);
  });
});
