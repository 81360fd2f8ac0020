/**
 * CloudWatch Logs end to end with the real AWS CLI (v1), unchanged but for the endpoint: groups, streams, retention,
 * put-log-events and its rejections, get-log-events paged by hand with its tokens (CLI v1 does not paginate it),
 * filter-log-events with patterns and the CLI's own paginator (what CLI v2's `aws logs tail` runs on), tags, AWS's
 * exact error lines, a refused call that changes nothing, and two learners who never see each other's logs.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { signRequest } from "../unit/sandbox/support/sign";
import { awsCli, type CliResult, requireAwsCli } from "./support/aws-cli";
import { expectAwsError } from "./support/aws-errors";
import { startGatewayEndpoint, type GatewayEndpoint, type GatewayLearner } from "./support/gateway-endpoint";

const REGION = "ap-northeast-1";
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

let endpoint: GatewayEndpoint;
let workDir: string;
let alice: GatewayLearner;
let bob: GatewayLearner;

function logs(args: string[], learner: GatewayLearner = alice): Promise<CliResult> {
  return awsCli("logs", args, { endpointUrl: endpoint.url, accessKeyId: learner.accessKeyId, secretAccessKey: learner.secretAccessKey, region: REGION, workDir });
}

/** The learner's simulated clock: the gateway's wall clock stands still unless the test moves it. */
function simNow(learner: GatewayLearner = alice): number {
  const state = endpoint.store.peek(learner.accountId, REGION);
  if (!state) throw new Error("no sandbox yet");
  return state.clock.simMs;
}

async function advanceClock(seconds: number): Promise<void> {
  const url = new URL(endpoint.url);
  const body = JSON.stringify({ seconds });
  const request = await signRequest({
    host: url.host,
    path: url.pathname,
    target: "DojoSandbox.AdvanceClock",
    body,
    accessKeyId: alice.accessKeyId,
    secretAccessKey: alice.secretAccessKey,
    region: REGION,
  });
  const response = await fetch(endpoint.url, { method: "POST", headers: request.headers, body });
  expect(response.status).toBe(200);
}

const events = (list: [number, string][]) => JSON.stringify(list.map(([timestamp, message]) => ({ timestamp, message })));
const messages = (result: CliResult) => (result.json.events as { message: string }[]).map((e) => e.message);

beforeAll(async () => {
  await requireAwsCli();
  workDir = await mkdtemp(path.join(tmpdir(), "dojo-logs-cli-"));
  endpoint = await startGatewayEndpoint();
  alice = endpoint.newLearner();
  bob = endpoint.newLearner();
});

afterAll(async () => {
  await endpoint?.stop();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

describe("aws logs against the sandbox", () => {
  let t: number;

  test("create-log-group, its refusals, and describe-log-groups", async () => {
    expect(await logs(["create-log-group", "--log-group-name", "/ecs/web"])).toMatchObject({ code: 0, stdout: "" });
    t = simNow();
    expectAwsError(await logs(["create-log-group", "--log-group-name", "/ecs/web"]), "CreateLogGroup", "ResourceAlreadyExistsException", "The specified log group already exists");
    expectAwsError(
      await logs(["create-log-group", "--log-group-name", "my logs"]),
      "CreateLogGroup",
      "InvalidParameterException",
      "1 validation error detected: Value 'my logs' at 'logGroupName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\.\\-_/#A-Za-z0-9]+",
    );
    expect((await logs(["create-log-group", "--log-group-name", "/ecs/api", "--tags", "team=api"])).code).toBe(0);
    const described = await logs(["describe-log-groups", "--log-group-name-prefix", "/ecs/w"]);
    expect(described.json).toEqual({
      logGroups: [
        {
          logGroupName: "/ecs/web",
          creationTime: t,
          metricFilterCount: 0,
          arn: `arn:aws:logs:${REGION}:${alice.accountId}:log-group:/ecs/web:*`,
          storedBytes: 0,
          logGroupClass: "STANDARD",
          logGroupArn: `arn:aws:logs:${REGION}:${alice.accountId}:log-group:/ecs/web`,
        },
      ],
    });
    // The CLI follows nextToken page after page (one group a page here).
    const paged = await logs(["describe-log-groups", "--page-size", "1"]);
    expect(paged.json.logGroups.map((g: { logGroupName: string }) => g.logGroupName)).toEqual(["/ecs/api", "/ecs/web"]);
  });

  test("put-retention-policy takes AWS's values only", async () => {
    expectAwsError(
      await logs(["put-retention-policy", "--log-group-name", "/ecs/web", "--retention-in-days", "10"]),
      "PutRetentionPolicy",
      "InvalidParameterException",
      "1 validation error detected: Value '10' at 'retentionInDays' failed to satisfy constraint: Member must satisfy enum value set: [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653]",
    );
    expect((await logs(["put-retention-policy", "--log-group-name", "/ecs/web", "--retention-in-days", "14"])).code).toBe(0);
    expect((await logs(["describe-log-groups", "--log-group-name-prefix", "/ecs/web"])).json.logGroups[0].retentionInDays).toBe(14);
    expectAwsError(
      await logs(["put-retention-policy", "--log-group-name", "/ecs/none", "--retention-in-days", "14"]),
      "PutRetentionPolicy",
      "ResourceNotFoundException",
      "The specified log group does not exist.",
    );
  });

  test("create-log-stream, describe-log-streams and their refusals", async () => {
    for (const name of ["web/app/task-1", "web/app/task-2", "web/proxy/task-1"]) {
      expect((await logs(["create-log-stream", "--log-group-name", "/ecs/web", "--log-stream-name", name])).code).toBe(0);
    }
    expectAwsError(
      await logs(["create-log-stream", "--log-group-name", "/ecs/web", "--log-stream-name", "web/app/task-1"]),
      "CreateLogStream",
      "ResourceAlreadyExistsException",
      "The specified log stream already exists",
    );
    expectAwsError(
      await logs(["create-log-stream", "--log-group-name", "/ecs/nope", "--log-stream-name", "x"]),
      "CreateLogStream",
      "ResourceNotFoundException",
      "The specified log group does not exist.",
    );
    const described = await logs(["describe-log-streams", "--log-group-name", "/ecs/web", "--log-stream-name-prefix", "web/app/"]);
    expect(described.json).toEqual({
      logStreams: ["web/app/task-1", "web/app/task-2"].map((name) => ({
        logStreamName: name,
        creationTime: t,
        arn: `arn:aws:logs:${REGION}:${alice.accountId}:log-group:/ecs/web:log-stream:${name}`,
        storedBytes: 0,
      })),
    });
    expectAwsError(
      await logs(["describe-log-streams", "--log-group-name", "/ecs/web", "--order-by", "LastEventTime", "--log-stream-name-prefix", "web/"]),
      "DescribeLogStreams",
      "InvalidParameterException",
      "Cannot order by LastEventTime with a logStreamNamePrefix.",
    );
  });

  test("put-log-events stores what AWS would and reports the rest in rejectedLogEventsInfo", async () => {
    const lines: [number, string][] = Array.from({ length: 7 }, (_, i) => [t - 30 * MIN + i * MIN, `GET /item/${i} 200`]);
    const put = await logs(["put-log-events", "--log-group-name", "/ecs/web", "--log-stream-name", "web/app/task-1", "--log-events", events(lines)]);
    expect(put.code).toBe(0);
    expect(put.json).toEqual({ nextSequenceToken: expect.stringMatching(/^\d{56}$/) });
    const rejected = await logs([
      "put-log-events",
      "--log-group-name",
      "/ecs/web",
      "--log-stream-name",
      "web/app/task-2",
      "--log-events",
      events([
        [t - 15 * DAY, "from last month"],
        [t - 20 * MIN, '{"level":"ERROR","msg":"db timeout","latency":5012}'],
        [t - 10 * MIN, '{"level":"INFO","msg":"ok","latency":12}'],
        [t + 3 * HOUR, "from the future"],
      ]),
    ]);
    expect(rejected.json).toEqual({ nextSequenceToken: expect.stringMatching(/^\d{56}$/), rejectedLogEventsInfo: { tooNewLogEventStartIndex: 3, tooOldLogEventEndIndex: 1 } });
    const streams = await logs(["describe-log-streams", "--log-group-name", "/ecs/web", "--order-by", "LastEventTime", "--descending"]);
    expect(streams.json.logStreams.map((s: { logStreamName: string }) => s.logStreamName)).toEqual(["web/app/task-2", "web/app/task-1", "web/proxy/task-1"]);
    expect(streams.json.logStreams[1]).toMatchObject({ firstEventTimestamp: t - 30 * MIN, lastEventTimestamp: t - 24 * MIN, lastIngestionTime: t });
  });

  test("a refused batch (out of order) changes nothing, with AWS's line", async () => {
    const before = endpoint.store.peek(alice.accountId, REGION);
    expectAwsError(
      await logs(["put-log-events", "--log-group-name", "/ecs/web", "--log-stream-name", "web/app/task-1", "--log-events", events([[t, "b"], [t - 1, "a"]])]),
      "PutLogEvents",
      "InvalidParameterException",
      "Log events in a single PutLogEvents request must be in chronological order.",
    );
    expectAwsError(
      await logs(["put-log-events", "--log-group-name", "/ecs/web", "--log-stream-name", "web/app/nope", "--log-events", events([[t, "a"]])]),
      "PutLogEvents",
      "ResourceNotFoundException",
      "The specified log stream does not exist.",
    );
    expect(endpoint.store.peek(alice.accountId, REGION)).toEqual(before);
  });

  test("get-log-events pages with --start-from-head and the tokens; the forward token repeats at the end", async () => {
    const base = ["get-log-events", "--log-group-name", "/ecs/web", "--log-stream-name", "web/app/task-1", "--limit", "3"];
    const seen: string[] = [];
    let page = await logs([...base, "--start-from-head"]);
    const tokens: string[] = [];
    for (;;) {
      expect(page.json.nextForwardToken).toMatch(/^f\/\d{56}\/s$/);
      expect(page.json.nextBackwardToken).toMatch(/^b\/\d{56}\/s$/);
      seen.push(...messages(page));
      const token = page.json.nextForwardToken;
      if (tokens.at(-1) === token) break;
      tokens.push(token);
      page = await logs([...base, "--start-from-head", "--next-token", token]);
    }
    expect(page.json.events).toEqual([]);
    expect(seen).toEqual(Array.from({ length: 7 }, (_, i) => `GET /item/${i} 200`));

    // Without --start-from-head the newest come first; the backward token reads the older ones.
    const newest = await logs([...base]);
    expect(messages(newest)).toEqual(["GET /item/4 200", "GET /item/5 200", "GET /item/6 200"]);
    const older = await logs([...base, "--next-token", newest.json.nextBackwardToken]);
    expect(messages(older)).toEqual(["GET /item/1 200", "GET /item/2 200", "GET /item/3 200"]);
    expect(older.json.events[0]).toEqual({ timestamp: t - 29 * MIN, message: "GET /item/1 200", ingestionTime: t });

    // New events show up behind the repeated forward token.
    await logs(["put-log-events", "--log-group-name", "/ecs/web", "--log-stream-name", "web/app/task-1", "--log-events", events([[t, "GET /item/7 200"]])]);
    expect(messages(await logs([...base, "--start-from-head", "--next-token", tokens.at(-1)!]))).toEqual(["GET /item/7 200"]);
  });

  test("filter-log-events: patterns, interleaving, --start-time, and the CLI's own paging", async () => {
    const group = ["filter-log-events", "--log-group-name", "/ecs/web"];
    const json = await logs([...group, "--filter-pattern", '{ $.level = "ERROR" }']);
    expect(json.json.events).toEqual([
      {
        logStreamName: "web/app/task-2",
        timestamp: t - 20 * MIN,
        message: '{"level":"ERROR","msg":"db timeout","latency":5012}',
        ingestionTime: t,
        eventId: expect.stringMatching(/^\d{56}$/),
      },
    ]);
    expect(json.json.searchedLogStreams).toEqual([]);
    expect(messages(await logs([...group, "--filter-pattern", "{ $.latency > 100 }"]))).toEqual(['{"level":"ERROR","msg":"db timeout","latency":5012}']);
    expect(messages(await logs([...group, "--filter-pattern", '"item/3" ?nothing'])).length).toBe(0);
    expect(messages(await logs([...group, "--filter-pattern", "?ERROR ?INFO"]))).toHaveLength(2);
    expect(messages(await logs([...group, "--filter-pattern", "GET -item"]))).toEqual([]);
    // Interleaved across streams in time order; startTime inclusive (what `aws logs tail --since` sends).
    const since = await logs([...group, "--interleaved", "--start-time", String(t - 25 * MIN)]);
    expect(messages(since)).toEqual([
      "GET /item/5 200",
      "GET /item/6 200",
      '{"level":"ERROR","msg":"db timeout","latency":5012}',
      '{"level":"INFO","msg":"ok","latency":12}',
      "GET /item/7 200",
    ]);
    // --page-size 2: the CLI follows nextToken (botocore stops with an error if a token ever repeats).
    const paged = await logs([...group, "--interleaved", "--page-size", "2"]);
    expect(paged.code).toBe(0);
    expect(messages(paged)).toHaveLength(10);
    const firstThree = await logs([...group, "--max-items", "3"]);
    expect(messages(firstThree)).toEqual(["GET /item/0 200", "GET /item/1 200", "GET /item/2 200"]);
    expect(firstThree.json.NextToken).toBeDefined();
    const rest = await logs([...group, "--starting-token", firstThree.json.NextToken]);
    expect(messages(rest)).toHaveLength(7);
    expectAwsError(
      await logs([...group, "--filter-pattern", "user@example.com"]),
      "FilterLogEvents",
      "InvalidParameterException",
      "Invalid character(s) in term 'user@example.com'",
    );
    expectAwsError(
      await logs([...group, "--log-stream-names", "a", "--log-stream-name-prefix", "a"]),
      "FilterLogEvents",
      "InvalidParameterException",
      "You cannot specify both logStreamNames and logStreamNamePrefix.",
    );
  });

  test("retention runs on the simulated clock", async () => {
    expect((await logs(["put-retention-policy", "--log-group-name", "/ecs/web", "--retention-in-days", "1"])).code).toBe(0);
    const read = async () => messages(await logs(["filter-log-events", "--log-group-name", "/ecs/web"]));
    expect(await read()).toHaveLength(10);
    await advanceClock(DAY / 1000 - 24 * 60 - 30);
    expect(await read()).toEqual(["GET /item/6 200", '{"level":"ERROR","msg":"db timeout","latency":5012}', '{"level":"INFO","msg":"ok","latency":12}', "GET /item/7 200"]);
    await advanceClock(3600);
    expect(await read()).toEqual([]);
  });

  test("tags by the log group ARN", async () => {
    const arn = `arn:aws:logs:${REGION}:${alice.accountId}:log-group:/ecs/api`;
    expect((await logs(["tag-resource", "--resource-arn", arn, "--tags", "env=dev"])).code).toBe(0);
    expect((await logs(["list-tags-for-resource", "--resource-arn", arn])).json).toEqual({ tags: { team: "api", env: "dev" } });
    expect((await logs(["untag-resource", "--resource-arn", arn, "--tag-keys", "team"])).code).toBe(0);
    expect((await logs(["list-tags-for-resource", "--resource-arn", arn])).json).toEqual({ tags: { env: "dev" } });
  });

  test("two learners never see each other's logs", async () => {
    expect((await logs(["describe-log-groups"], bob)).json).toEqual({ logGroups: [] });
    expectAwsError(
      await logs(["get-log-events", "--log-group-name", "/ecs/web", "--log-stream-name", "web/app/task-1"], bob),
      "GetLogEvents",
      "ResourceNotFoundException",
      "The specified log group does not exist.",
    );
    expect((await logs(["create-log-group", "--log-group-name", "/ecs/web"], bob)).code).toBe(0);
    expect((await logs(["describe-log-streams", "--log-group-name", "/ecs/web"], bob)).json).toEqual({ logStreams: [] });
    expect((await logs(["describe-log-streams", "--log-group-name", "/ecs/web"])).json.logStreams).toHaveLength(3);
  });

  test("delete-log-stream and delete-log-group", async () => {
    expect((await logs(["delete-log-stream", "--log-group-name", "/ecs/web", "--log-stream-name", "web/proxy/task-1"])).code).toBe(0);
    expectAwsError(
      await logs(["delete-log-stream", "--log-group-name", "/ecs/web", "--log-stream-name", "web/proxy/task-1"]),
      "DeleteLogStream",
      "ResourceNotFoundException",
      "The specified log stream does not exist.",
    );
    expect((await logs(["delete-log-group", "--log-group-name", "/ecs/web"])).code).toBe(0);
    expectAwsError(await logs(["delete-log-group", "--log-group-name", "/ecs/web"]), "DeleteLogGroup", "ResourceNotFoundException", "The specified log group does not exist.");
    expect((await logs(["describe-log-groups"])).json.logGroups.map((g: { logGroupName: string }) => g.logGroupName)).toEqual(["/ecs/api"]);
  });
});
