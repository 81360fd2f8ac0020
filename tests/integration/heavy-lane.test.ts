/**
 * The heavy lane (app/_server/heavy-lane.ts) on the real app: with DOJO_HEAVY_STEP_MS=0 every sandbox counts as heavy,
 * so every call after a learner's first (which verifies their key on the main thread) is answered on the lane's
 * thread, by its own gateway and store. The answers, errors and call history must be the ones the main thread gives,
 * and what the lane writes must be what the main thread (the site's console) reads next, and the other way round.
 */
import { createClient, type Client } from "@libsql/client";
import {
  CreateClusterCommand,
  DescribeClustersCommand,
  DescribeServicesCommand,
  ListTaskDefinitionsCommand,
  RegisterTaskDefinitionCommand,
  ECSClient,
} from "@aws-sdk/client-ecs";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startApp, type AppServer } from "../support/app-server";
import { SiteClient } from "../support/site-client";

let app: AppServer;
let database: Client;

beforeAll(async () => {
  app = await startApp({ env: { DOJO_HEAVY_STEP_MS: "0", DOJO_WORKERS: "1" } });
  database = createClient({ url: app.databaseUrl });
});

afterAll(async () => {
  database?.close();
  await app?.stop();
});

/**
 * A learner's client with the SDK's own retries: the lane's thread starts at the first heavy call, and that call's
 * cold start can use up the sandbox's CPU allowance (ThrottlingException), as AWS clients expect and retry.
 */
async function learner(): Promise<ECSClient> {
  const credentials = await new SiteClient(app.url).credentials();
  return new ECSClient({ endpoint: `${app.url}/aws`, region: "ap-northeast-1", credentials, maxAttempts: 10 });
}

const TASK_DEFINITION = { family: "lane", containerDefinitions: [{ name: "app", image: "nginx", memory: 128, essential: true }] };

describe("the heavy lane", () => {
  test("answers, errors and call history are the main thread's; each side reads what the other wrote", async () => {
    const ecs = await learner();
    await ecs.send(new CreateClusterCommand({ clusterName: "first" })); // main thread: the key is not known yet
    // From here on the lane answers.
    for (let revision = 1; revision <= 3; revision++) {
      const { taskDefinition } = await ecs.send(new RegisterTaskDefinitionCommand(TASK_DEFINITION));
      expect(taskDefinition?.revision).toBe(revision);
    }
    await ecs.send(new CreateClusterCommand({ clusterName: "second" }));
    const { clusters } = await ecs.send(new DescribeClustersCommand({ clusters: ["first", "second"] }));
    expect(clusters?.map((c) => c.clusterName)).toEqual(["first", "second"]);
    expect((await ecs.send(new ListTaskDefinitionsCommand({}))).taskDefinitionArns).toHaveLength(3);
    await expect(ecs.send(new DescribeServicesCommand({ cluster: "missing", services: ["web"] }))).rejects.toMatchObject({
      name: "ClusterNotFoundException",
      message: "Cluster not found.",
    });
    // Recorded by the lane's own call history writer, in order, the refused call with its error.
    const rows = await database.execute('SELECT "operation", "errorCode" FROM "ApiCall" ORDER BY "id"');
    expect(rows.rows.map((r) => r.operation)).toEqual([
      "CreateCluster",
      "RegisterTaskDefinition",
      "RegisterTaskDefinition",
      "RegisterTaskDefinition",
      "CreateCluster",
      "DescribeClusters",
      "ListTaskDefinitions",
      "DescribeServices",
    ]);
    expect(rows.rows.at(-1)?.errorCode).toBe("ClusterNotFoundException");
  });

  test("a second learner's sandbox is theirs alone on the lane too", async () => {
    const [a, b] = await Promise.all([learner(), learner()]);
    await Promise.all([a.send(new CreateClusterCommand({ clusterName: "a" })), b.send(new CreateClusterCommand({ clusterName: "b" }))]);
    await Promise.all([a.send(new CreateClusterCommand({ clusterName: "a2" })), b.send(new CreateClusterCommand({ clusterName: "b2" }))]);
    const names = async (ecs: ECSClient) =>
      ((await ecs.send(new DescribeClustersCommand({ clusters: ["a", "a2", "b", "b2"] }))).clusters ?? []).map((c) => c.clusterName);
    expect(await names(a)).toEqual(["a", "a2"]);
    expect(await names(b)).toEqual(["b", "b2"]);
  });
});
