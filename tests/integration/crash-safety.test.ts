import {
  CreateClusterCommand,
  DescribeTaskDefinitionCommand,
  ListClustersCommand,
  ListTaskDefinitionsCommand,
  RegisterTaskDefinitionCommand,
  type ECSClient,
} from "@aws-sdk/client-ecs";
import { describe, it, type ExpectStatic } from "vitest";
import { freePort, startApp, type AppServer } from "../support/app-server";
import { startPostgres } from "../support/postgres";
import { SiteClient } from "../support/site-client";

// The crash-safety property: a write the server acknowledged survives `kill -9`. Several learners write without
// pause, through the site's API (lesson drafts) and through the AWS endpoint (task definitions and clusters), while
// the server process is killed with SIGKILL again and again and restarted over the same database. Writes that fail
// during an outage are not acknowledged and not counted; every acknowledged one must be there afterwards.

const LEARNERS = 4;
/** Acknowledged writes a run must have before its last crash, so that it could have found a loss. */
const ENOUGH = 200;
const LESSON = "L302";
const FILE = "orders-api.json";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const between = (min: number, max: number) => min + Math.random() * (max - min);

/** What one learner's two writers did, and what they found wrong. */
interface Learner {
  index: number;
  site: SiteClient;
  ecs: ECSClient;
  draft: { attempted: number; acknowledged: number; count: number };
  /** Acknowledged task definitions, in order: "family:revision" → the counter registered in it. */
  taskDefinitions: Map<string, number>;
  /** How many task definitions were acknowledged at each crash. */
  crashMarks: number[];
  /** Acknowledged clusters, by name. */
  clusters: Set<string>;
  sandboxAttempts: number;
  /** Sandbox writes answered with success (a revision handed out twice counts twice). */
  sandboxAcknowledged: number;
  /** Acknowledged writes found missing or overwritten, each once: which write → what was found. */
  lost: Map<string, string>;
}

const marker = (learner: number, n: number) => `cs-w${learner}-n${n}`;
const draftText = (learner: number, n: number) => `{\n  "family": "orders-api",\n  "note": "${marker(learner, n)}"\n}\n`;

/** The stored draft's counter as the lesson page shows it to the learner (none: no draft yet; several: a bug). */
async function storedDraft(learner: Learner): Promise<number[]> {
  const response = await learner.site.get(`/en/lessons/${LESSON}`);
  if (response.status !== 200) throw new Error(`the lesson page answered ${response.status}`);
  const html = await response.text();
  return [...new Set([...html.matchAll(new RegExp(`cs-w${learner.index}-n(\\d+)\\b`, "g"))].map((m) => Number(m[1])))];
}

/** The stored draft must be the last acknowledged one or a later attempt (whose answer the crash swallowed). */
function checkDraft(learner: Learner, stored: number[], when: string) {
  const { acknowledged, attempted } = learner.draft;
  if (acknowledged === 0 && stored.length === 0) return;
  if (stored.length !== 1 || stored[0] < acknowledged || stored[0] > attempted) {
    learner.lost.set(
      `draft #${acknowledged}`,
      `learner ${learner.index} ${when}: the page shows draft ${stored.map((n) => `#${n}`).join(", ") || "none"}, ` +
        `#${acknowledged} was acknowledged (#${attempted} attempted)`,
    );
  }
}

/** Retries a read until the server answers again (it may be restarting), unless told to give up. */
async function whenUp<T>(read: () => Promise<T>, keepTrying: () => boolean = () => true): Promise<T> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      return await read();
    } catch (error) {
      if (Date.now() > deadline || !keepTrying()) throw error;
      await sleep(100);
    }
  }
}

async function newLearner(app: AppServer, index: number, expect: ExpectStatic): Promise<Learner> {
  const site = new SiteClient(app.url);
  expect((await site.get(`/en/lessons/${LESSON}`)).status).toBe(200);
  return {
    index,
    site,
    ecs: await site.ecs(),
    draft: { attempted: 0, acknowledged: 0, count: 0 },
    taskDefinitions: new Map(),
    crashMarks: [],
    clusters: new Set(),
    sandboxAttempts: 0,
    sandboxAcknowledged: 0,
    lost: new Map(),
  };
}

/** Saves drafts #1, #2, … back to back; after an outage, first checks the stored draft against what was acknowledged. */
async function writeDrafts(learner: Learner, running: () => boolean) {
  let outage = false;
  while (running()) {
    if (outage) {
      const stored = await whenUp(() => storedDraft(learner), running).catch(() => undefined);
      if (stored === undefined) continue; // stopping while the server is down
      checkDraft(learner, stored, "after a restart");
      outage = false;
    }
    const n = ++learner.draft.attempted;
    try {
      const response = await learner.site.post(`/api/lessons/${LESSON}/draft`, { file: FILE, text: draftText(learner.index, n) });
      await response.arrayBuffer();
      if (response.ok) {
        learner.draft.acknowledged = n;
        learner.draft.count++;
      } else if (response.status === 429) {
        await sleep(Math.min(1000, Number(response.headers.get("retry-after") || 1) * 1000)); // the site's rate limit
      } else {
        outage = true;
        await sleep(50);
      }
    } catch {
      outage = true;
      await sleep(50);
    }
  }
}

/**
 * Registers task definitions and creates clusters in turn, each with its own counter; keeps the acknowledged ones.
 * Once the sandbox holds all the task definition revisions it allows (LimitExceededException), only clusters.
 */
async function writeSandbox(learner: Learner, running: () => boolean) {
  const family = `cs-w${learner.index}`;
  let revisionsLeft = true;
  while (running()) {
    const n = ++learner.sandboxAttempts;
    try {
      if (n % 2 && revisionsLeft) {
        const registered = await learner.ecs.send(
          new RegisterTaskDefinitionCommand({
            family,
            containerDefinitions: [{ name: "app", image: "public.ecr.aws/nginx/nginx:latest", memory: 128, environment: [{ name: "N", value: String(n) }] }],
          }),
        );
        const key = `${family}:${registered.taskDefinition?.revision}`;
        const earlier = learner.taskDefinitions.get(key);
        if (earlier !== undefined) {
          learner.lost.set(`task definition #${earlier}`, `learner ${learner.index}: revision ${key} handed out again (#${earlier}, then #${n})`);
        }
        learner.taskDefinitions.set(key, n);
        learner.sandboxAcknowledged++;
      } else {
        const clusterName = `${family}-c${n}`;
        await learner.ecs.send(new CreateClusterCommand({ clusterName }));
        learner.clusters.add(clusterName);
        learner.sandboxAcknowledged++;
      }
      // A brisk learner, not a flood: back-to-back calls from every writer would leave a restarted server no time
      // to render the lesson page, and drafts would hardly resume between crashes.
      await sleep(15);
    } catch (error) {
      if ((error as Error).name === "LimitExceededException") revisionsLeft = false;
      await sleep(50); // the server is down or restarting, or the sandbox's work budget is spent (ThrottlingException)
    }
  }
}

/**
 * An AWS call of the verification, retried while the sandbox's work budget answers ThrottlingException (the
 * writers just spent it) or the connection fails; any other AWS error is the answer.
 */
async function settled<T>(call: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      return await call();
    } catch (error) {
      const { name, $metadata } = error as { name?: string; $metadata?: { httpStatusCode?: number } };
      const transient = name === "ThrottlingException" || $metadata?.httpStatusCode === undefined;
      if (!transient || Date.now() > deadline) throw error;
      await sleep(100);
    }
  }
}

/** Every acknowledged write of one learner, looked up after the last restart (what is missing goes to `lost`). */
async function verify(learner: Learner) {
  checkDraft(learner, await whenUp(() => storedDraft(learner)), "at the end");

  // Every acknowledged revision is still registered…
  const registered = new Set<string>();
  let nextToken: string | undefined;
  do {
    const page = await settled(() => learner.ecs.send(new ListTaskDefinitionsCommand({ familyPrefix: `cs-w${learner.index}`, maxResults: 100, nextToken })));
    for (const arn of page.taskDefinitionArns ?? []) registered.add(arn.slice(arn.lastIndexOf("/") + 1));
    nextToken = page.nextToken;
  } while (nextToken);
  for (const [key, n] of learner.taskDefinitions) {
    if (!registered.has(key)) learner.lost.set(`task definition #${n}`, `learner ${learner.index}: task definition ${key} (#${n}) is missing`);
  }
  // …and the ones acknowledged just before and after each crash (where a lost write would show) hold what was sent.
  const acknowledged = [...learner.taskDefinitions];
  const nearCrashes = new Map(learner.crashMarks.flatMap((mark) => acknowledged.slice(Math.max(0, mark - 5), mark + 5)));
  for (const [key, n] of nearCrashes) {
    if (!registered.has(key)) continue;
    const described = await settled(() => learner.ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: key })));
    const stored = described.taskDefinition?.containerDefinitions?.[0]?.environment?.find((e) => e.name === "N")?.value;
    if (stored !== String(n)) learner.lost.set(`task definition #${n}`, `learner ${learner.index}: task definition ${key} (#${n}) holds #${stored}`);
  }

  const listed = new Set<string>();
  do {
    const page = await settled(() => learner.ecs.send(new ListClustersCommand({ maxResults: 100, nextToken })));
    for (const arn of page.clusterArns ?? []) listed.add(arn.slice(arn.lastIndexOf("/") + 1));
    nextToken = page.nextToken;
  } while (nextToken);
  for (const name of learner.clusters) {
    if (!listed.has(name)) learner.lost.set(`cluster ${name}`, `learner ${learner.index}: cluster ${name} is missing`);
  }
}

const draftsAcknowledged = (learners: Learner[]) => learners.reduce((sum, l) => sum + l.draft.count, 0);
const sandboxAcknowledged = (learners: Learner[]) => learners.reduce((sum, l) => sum + l.sandboxAcknowledged, 0);

/**
 * Resolves once the writers got a new draft and a new sandbox write acknowledged: the restarted server is under
 * load of both kinds again (drafts resume later, after each writer's check of the stored draft on a cold server).
 */
async function underLoad(learners: Learner[]) {
  const [drafts, sandbox] = [draftsAcknowledged(learners), sandboxAcknowledged(learners)];
  const deadline = Date.now() + 30_000;
  while (draftsAcknowledged(learners) === drafts || sandboxAcknowledged(learners) === sandbox) {
    if (Date.now() > deadline) throw new Error("no draft or no sandbox write was acknowledged within 30 s of a restart");
    await sleep(20);
  }
}

async function enoughWritten(learners: Learner[]) {
  const deadline = Date.now() + 60_000;
  while (draftsAcknowledged(learners) + sandboxAcknowledged(learners) < ENOUGH) {
    if (Date.now() > deadline) throw new Error(`fewer than ${ENOUGH} writes acknowledged after a minute of writing`);
    await sleep(20);
  }
}

async function crashUnderLoad(app: AppServer, label: string, kills: number, expect: ExpectStatic) {
  const started = Date.now();
  const learners = await Promise.all(Array.from({ length: LEARNERS }, (_, i) => newLearner(app, i, expect)));
  let running = true;
  const isRunning = () => running;
  const writers = learners.flatMap((l) => [writeDrafts(l, isRunning), writeSandbox(l, isRunning)]);

  let killed = 0;
  try {
    while (killed < kills) {
      // Each crash at a random moment 0.3–1.5 s into a stretch of acknowledged writes; the last one only once enough
      // writes were acknowledged overall (on a busy machine a few crashes may leave too few to mean much).
      await underLoad(learners);
      if (killed === kills - 1) await enoughWritten(learners);
      await sleep(between(300, 1500));
      await app.kill();
      killed++;
      for (const learner of learners) learner.crashMarks.push(learner.taskDefinitions.size);
      if (killed === kills) {
        running = false; // the last crash ends the writing: whatever was in flight is lost unacknowledged
        await Promise.all(writers);
      }
      await app.restart();
    }
  } finally {
    running = false;
  }

  await Promise.all(learners.map(verify));
  const drafts = draftsAcknowledged(learners);
  const total = drafts + sandboxAcknowledged(learners);
  // Acknowledged writes not found afterwards (or overwritten by a later one that was handed the same revision).
  const lost = learners.flatMap((l) => [...l.lost.values()]);
  const n = (x: number) => x.toLocaleString("en");
  console.log(
    `crash-safety (${label}): ${killed} kill -9, ${n(total)} acknowledged writes (${n(drafts)} drafts, ` +
      `${n(total - drafts)} sandbox), ${n(lost.length)} lost, ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  expect(lost.slice(0, 20), `${lost.length} acknowledged writes lost, the first 20 shown`).toEqual([]);
  // Enough acknowledged writes of both kinds, spread over the crashes, for a loss to have had a chance to show.
  expect(total).toBeGreaterThanOrEqual(ENOUGH);
  expect(drafts).toBeGreaterThanOrEqual(kills);
  expect(total - drafts).toBeGreaterThanOrEqual(kills);
}

// The two databases side by side (each with its own server), to keep the wall time near one run's. The SQLite server
// runs two worker processes (as in production on two cores), so that one learner's writes land in both processes
// and each process's cached sandbox state is put to the test too; the PostgreSQL one runs one, to save CPU.
describe.concurrent("crash safety: acknowledged writes survive kill -9", () => {
  it("embedded SQLite: continuous writes, repeated kill -9, 0 acknowledged writes lost", async ({ expect }) => {
    const app = await startApp({ env: { DOJO_WORKERS: "2" } });
    try {
      await crashUnderLoad(app, "SQLite, 2 worker processes", 6, expect);
    } finally {
      await app.stop();
    }
  }, 240_000);

  it("PostgreSQL: continuous writes, repeated kill -9, 0 acknowledged writes lost", async ({ expect }) => {
    const pg = startPostgres(await freePort());
    try {
      pg.createDatabase("crash");
      const app = await startApp({ databaseUrl: pg.url("crash"), env: { DOJO_WORKERS: "1" } });
      try {
        await crashUnderLoad(app, "PostgreSQL, 1 worker process", 3, expect);
      } finally {
        await app.stop();
      }
    } finally {
      pg.stop();
    }
  }, 240_000);
});
