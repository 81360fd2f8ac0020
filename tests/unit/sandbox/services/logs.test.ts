import { SignatureV4 } from "@smithy/signature-v4";
import { describe, expect, test } from "vitest";
import { EcsError } from "@/lib/sandbox/engine/errors";
import type { Input } from "@/lib/sandbox/engine/input";
import { handleAwsRequest, type GatewayDeps } from "@/lib/sandbox/gateway";
import { MemorySandboxStore } from "@/lib/sandbox/memory-store";
import { NodeSha256 } from "@/lib/sandbox/sha256";
import { appendTaskLogLines, logGroupExists, logsProvider } from "@/lib/sandbox/services/logs";
import { compileFilterPattern } from "@/lib/sandbox/services/logs/filter-pattern";
import { LOGS_SANDBOX_LIMITS, RETENTION_DAYS } from "@/lib/sandbox/services/logs/limits";
import { NEW_ACCOUNT } from "@/lib/sandbox/engine";
import { providerDriver } from "../support/provider-driver";

const T0 = Date.UTC(2026, 0, 10, 12, 0, 0);
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const ACCOUNT = "123456789012";
const REGION = "ap-northeast-1";

/** A learner's sandbox driven through the provider the way the gateway runs it (engine/simulation.ts runOperation). */
function sandbox() {
  return providerDriver((name) => logsProvider.operations[name], T0, ACCOUNT, REGION);
}

function withStream(group = "/ecs/web", stream = "web/app/1") {
  const s = sandbox();
  s.call("CreateLogGroup", { logGroupName: group });
  s.call("CreateLogStream", { logGroupName: group, logStreamName: stream });
  return s;
}

const put = (s: ReturnType<typeof sandbox>, events: [number, string][], stream = "web/app/1", group = "/ecs/web") =>
  s.call("PutLogEvents", { logGroupName: group, logStreamName: stream, logEvents: events.map(([timestamp, message]) => ({ timestamp, message })) });

describe("log groups", () => {
  test("create, describe with the fields AWS returns, and the exact refusals", () => {
    const s = sandbox();
    expect(s.call("CreateLogGroup", { logGroupName: "/ecs/web", tags: { team: "web" } })).toEqual({});
    expect(s.fail("CreateLogGroup", { logGroupName: "/ecs/web" })).toEqual({
      code: "ResourceAlreadyExistsException",
      message: "The specified log group already exists",
    });
    expect(s.fail("CreateLogGroup", { logGroupName: "my group!" })).toEqual({
      code: "InvalidParameterException",
      message:
        "1 validation error detected: Value 'my group!' at 'logGroupName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\.\\-_/#A-Za-z0-9]+",
    });
    expect(s.fail("CreateLogGroup", { logGroupName: "x".repeat(513) }).message).toBe(
      `1 validation error detected: Value '${"x".repeat(513)}' at 'logGroupName' failed to satisfy constraint: Member must have length less than or equal to 512`,
    );
    expect(s.fail("CreateLogGroup", { logGroupName: "aws/mine" }).code).toBe("InvalidParameterException");
    expect(s.fail("CreateLogGroup", { logGroupName: "/ecs/x", logGroupClass: "COLD" }).message).toBe(
      "1 validation error detected: Value 'COLD' at 'logGroupClass' failed to satisfy constraint: Member must satisfy enum value set: [STANDARD, INFREQUENT_ACCESS, DELIVERY]",
    );
    expect(s.call("DescribeLogGroups")).toEqual({
      logGroups: [
        {
          logGroupName: "/ecs/web",
          creationTime: T0,
          metricFilterCount: 0,
          arn: `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/ecs/web:*`,
          storedBytes: 0,
          logGroupClass: "STANDARD",
          logGroupArn: `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/ecs/web`,
        },
      ],
    });
  });

  test("describe: ASCII order, prefix, pattern (three fields only), and pages that follow nextToken", () => {
    const s = sandbox();
    for (const name of ["/ecs/web", "/ecs/api", "/aws/lambda/x", "/ecs/Batch", "other"]) s.call("CreateLogGroup", { logGroupName: name });
    expect(s.call("DescribeLogGroups").logGroups.map((g: { logGroupName: string }) => g.logGroupName)).toEqual([
      "/aws/lambda/x",
      "/ecs/Batch",
      "/ecs/api",
      "/ecs/web",
      "other",
    ]);
    const first = s.call("DescribeLogGroups", { logGroupNamePrefix: "/ecs/", limit: 2 });
    expect(first.logGroups.map((g: { logGroupName: string }) => g.logGroupName)).toEqual(["/ecs/Batch", "/ecs/api"]);
    // A group added before the next page, after the boundary, still shows; pages never repeat or skip.
    s.call("CreateLogGroup", { logGroupName: "/ecs/cache" });
    const second = s.call("DescribeLogGroups", { logGroupNamePrefix: "/ecs/", limit: 2, nextToken: first.nextToken });
    expect(second.logGroups.map((g: { logGroupName: string }) => g.logGroupName)).toEqual(["/ecs/cache", "/ecs/web"]);
    expect(second.nextToken).toBeUndefined();
    expect(s.call("DescribeLogGroups", { logGroupNamePattern: "web" })).toEqual({
      logGroups: [{ logGroupName: "/ecs/web", creationTime: T0, arn: `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/ecs/web:*` }],
    });
    expect(s.fail("DescribeLogGroups", { limit: 51 }).message).toBe(
      "1 validation error detected: Value '51' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 50",
    );
    expect(s.fail("DescribeLogGroups", { logGroupNamePrefix: "/ecs", logGroupNamePattern: "web" }).code).toBe("InvalidParameterException");
    expect(s.fail("DescribeLogGroups", { nextToken: "garbage" })).toEqual({ code: "InvalidParameterException", message: "The specified nextToken is invalid." });
  });

  test("delete removes the group with its streams and events; a missing group is AWS's ResourceNotFoundException", () => {
    const s = withStream();
    put(s, [[T0, "hello"]]);
    s.call("DeleteLogGroup", { logGroupName: "/ecs/web" });
    expect(s.state.logGroups).toEqual({});
    expect(s.state.logStreams).toEqual({});
    expect(s.state.logEventChunks).toEqual({});
    expect(s.fail("DeleteLogGroup", { logGroupName: "/ecs/web" })).toEqual({
      code: "ResourceNotFoundException",
      message: "The specified log group does not exist.",
    });
  });
});

describe("retention on the simulated clock", () => {
  test("only AWS's values are accepted, with the enum listed", () => {
    const s = withStream();
    expect(s.fail("PutRetentionPolicy", { logGroupName: "/ecs/web", retentionInDays: 2 })).toEqual({
      code: "InvalidParameterException",
      message: `1 validation error detected: Value '2' at 'retentionInDays' failed to satisfy constraint: Member must satisfy enum value set: [${RETENTION_DAYS.join(", ")}]`,
    });
    expect(s.fail("PutRetentionPolicy", { logGroupName: "/ecs/nope", retentionInDays: 7 }).code).toBe("ResourceNotFoundException");
    s.call("PutRetentionPolicy", { logGroupName: "/ecs/web", retentionInDays: 30 });
    expect(s.call("DescribeLogGroups").logGroups[0].retentionInDays).toBe(30);
    s.call("DeleteRetentionPolicy", { logGroupName: "/ecs/web" });
    expect(s.call("DescribeLogGroups").logGroups[0].retentionInDays).toBeUndefined();
  });

  test("events older than the retention disappear as the simulated clock moves, and are forgotten on the next write", () => {
    const s = withStream();
    put(s, [
      [T0 - 2 * HOUR, "early"],
      [T0, "now"],
    ]);
    s.call("PutRetentionPolicy", { logGroupName: "/ecs/web", retentionInDays: 1 });
    const read = () =>
      s.call("GetLogEvents", { logGroupName: "/ecs/web", logStreamName: "web/app/1", startFromHead: true }).events.map((e: { message: string }) => e.message);
    expect(read()).toEqual(["early", "now"]);
    s.tick(DAY - HOUR);
    expect(read()).toEqual(["now"]);
    expect(s.call("FilterLogEvents", { logGroupName: "/ecs/web" }).events.map((e: { message: string }) => e.message)).toEqual(["now"]);
    s.tick(2 * HOUR);
    expect(read()).toEqual([]);
    put(s, [[s.now, "later"]]);
    expect(read()).toEqual(["later"]);
    // The expired chunk is gone from the stored state, not only hidden.
    const stored = Object.values(s.state.logEventChunks).flatMap((c) => c.events.map((e) => e.message));
    expect(stored).toEqual(["later"]);
  });

  test("shortening the retention forgets what it no longer keeps at once", () => {
    const s = withStream();
    put(s, [[T0 - 10 * DAY, "old"]]);
    put(s, [[T0, "new"]]);
    s.call("PutRetentionPolicy", { logGroupName: "/ecs/web", retentionInDays: 7 });
    expect(Object.values(s.state.logEventChunks).flatMap((c) => c.events.map((e) => e.message))).toEqual(["new"]);
  });
});

describe("log streams", () => {
  test("create and the refusals AWS gives", () => {
    const s = withStream();
    expect(s.fail("CreateLogStream", { logGroupName: "/ecs/web", logStreamName: "web/app/1" })).toEqual({
      code: "ResourceAlreadyExistsException",
      message: "The specified log stream already exists",
    });
    expect(s.fail("CreateLogStream", { logGroupName: "/ecs/none", logStreamName: "a" })).toEqual({
      code: "ResourceNotFoundException",
      message: "The specified log group does not exist.",
    });
    expect(s.fail("CreateLogStream", { logGroupName: "/ecs/web", logStreamName: "a:b" }).message).toBe(
      "1 validation error detected: Value 'a:b' at 'logStreamName' failed to satisfy constraint: Member must satisfy regular expression pattern: [^:*]*",
    );
    expect(s.fail("DeleteLogStream", { logGroupName: "/ecs/web", logStreamName: "nope" })).toEqual({
      code: "ResourceNotFoundException",
      message: "The specified log stream does not exist.",
    });
  });

  test("describe by name or by last event time, descending, by prefix, a page at a time", () => {
    const s = sandbox();
    s.call("CreateLogGroup", { logGroupName: "/ecs/web" });
    for (const name of ["b", "a", "c", "ab"]) s.call("CreateLogStream", { logGroupName: "/ecs/web", logStreamName: name });
    put(s, [[T0 - 3 * MIN, "x"]], "c");
    put(s, [[T0 - 1 * MIN, "x"]], "a");
    put(s, [[T0 - 2 * MIN, "x"]], "b");
    const names = (out: { logStreams: { logStreamName: string }[] }) => out.logStreams.map((x) => x.logStreamName);
    expect(names(s.call("DescribeLogStreams", { logGroupName: "/ecs/web" }))).toEqual(["a", "ab", "b", "c"]);
    expect(names(s.call("DescribeLogStreams", { logGroupName: "/ecs/web", descending: true }))).toEqual(["c", "b", "ab", "a"]);
    expect(names(s.call("DescribeLogStreams", { logGroupName: "/ecs/web", logStreamNamePrefix: "a" }))).toEqual(["a", "ab"]);
    expect(names(s.call("DescribeLogStreams", { logGroupName: "/ecs/web", orderBy: "LastEventTime", descending: true }))).toEqual(["a", "b", "c", "ab"]);
    const page1 = s.call("DescribeLogStreams", { logGroupName: "/ecs/web", orderBy: "LastEventTime", limit: 3 });
    expect(names(page1)).toEqual(["ab", "c", "b"]);
    const page2 = s.call("DescribeLogStreams", { logGroupName: "/ecs/web", orderBy: "LastEventTime", limit: 3, nextToken: page1.nextToken });
    expect(names(page2)).toEqual(["a"]);
    expect(page2.nextToken).toBeUndefined();
    expect(s.fail("DescribeLogStreams", { logGroupName: "/ecs/web", orderBy: "LastEventTime", logStreamNamePrefix: "a" })).toEqual({
      code: "InvalidParameterException",
      message: "Cannot order by LastEventTime with a logStreamNamePrefix.",
    });
    const a = s.call("DescribeLogStreams", { logGroupIdentifier: `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/ecs/web`, logStreamNamePrefix: "a" }).logStreams[0];
    expect(a).toEqual({
      logStreamName: "a",
      creationTime: T0,
      firstEventTimestamp: T0 - MIN,
      lastEventTimestamp: T0 - MIN,
      lastIngestionTime: T0,
      uploadSequenceToken: expect.stringMatching(/^\d{56}$/),
      arn: `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/ecs/web:log-stream:a`,
      storedBytes: 0,
    });
    expect(s.fail("DescribeLogStreams", { logGroupName: "/ecs/web", logGroupIdentifier: "/ecs/web" }).code).toBe("InvalidParameterException");
    expect(s.fail("DescribeLogStreams", { logGroupIdentifier: `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:/ecs/web` }).code).toBe(
      "ResourceNotFoundException",
    );
  });
});

describe("PutLogEvents", () => {
  test("accepts a batch and reports none rejected; the token is AWS-shaped and changes", () => {
    const s = withStream();
    const first = put(s, [[T0, "one"]]);
    expect(first).toEqual({ nextSequenceToken: expect.stringMatching(/^\d{56}$/) });
    expect(put(s, [[T0, "two"]]).nextSequenceToken).not.toBe(first.nextSequenceToken);
  });

  test("rejects too old, expired and too new events into rejectedLogEventsInfo, relative to the simulated clock", () => {
    const s = withStream();
    s.call("PutRetentionPolicy", { logGroupName: "/ecs/web", retentionInDays: 1 });
    s.tick(30 * DAY); // the simulated clock, not the wall clock, decides
    const now = s.now;
    const out = put(s, [
      [now - 15 * DAY, "too old"],
      [now - 14 * DAY - 1, "too old too"],
      [now - DAY - 10 * MIN, "expired"],
      [now - HOUR, "kept 1"],
      [now - 20 * MIN, "kept 2"],
      [now + 2 * HOUR + 1, "too new"],
    ]);
    expect(out.rejectedLogEventsInfo).toEqual({ tooOldLogEventEndIndex: 2, expiredLogEventEndIndex: 3, tooNewLogEventStartIndex: 5 });
    const got = s.call("GetLogEvents", { logGroupName: "/ecs/web", logStreamName: "web/app/1", startFromHead: true });
    expect(got.events.map((e: { message: string }) => e.message)).toEqual(["kept 1", "kept 2"]);
    expect(got.events[0]).toEqual({ timestamp: now - HOUR, message: "kept 1", ingestionTime: now });
    // The window the 24-hour rule measures is the valid one: an event up to 2 hours ahead counts.
    expect(s.fail("PutLogEvents", { logGroupName: "/ecs/web", logStreamName: "web/app/1", logEvents: [{ timestamp: now - 23 * HOUR, message: "a" }, { timestamp: now + 2 * HOUR, message: "b" }] }).message).toBe(
      "The batch of log events in a single PutLogEvents request cannot span more than 24 hours.",
    );
  });

  test("a single old event: tooOldLogEventEndIndex 1 (exclusive), nothing stored, token still returned", () => {
    const s = withStream();
    expect(put(s, [[T0 - 20 * DAY, "old"]])).toEqual({ nextSequenceToken: expect.stringMatching(/^\d{56}$/), rejectedLogEventsInfo: { tooOldLogEventEndIndex: 1 } });
    expect(s.state.logEventChunks).toEqual({});
  });

  test("refuses the whole batch: order, 24-hour span, sizes, missing group or stream", () => {
    const s = withStream();
    const logEvents = (events: [number, string][]) => ({ logGroupName: "/ecs/web", logStreamName: "web/app/1", logEvents: events.map(([timestamp, message]) => ({ timestamp, message })) });
    expect(s.fail("PutLogEvents", logEvents([[T0, "b"], [T0 - 1, "a"]]))).toEqual({
      code: "InvalidParameterException",
      message: "Log events in a single PutLogEvents request must be in chronological order.",
    });
    expect(s.fail("PutLogEvents", logEvents([[T0 - 25 * HOUR, "a"], [T0, "b"]]))).toEqual({
      code: "InvalidParameterException",
      message: "The batch of log events in a single PutLogEvents request cannot span more than 24 hours.",
    });
    // A span over 24 hours that only the rejected events make is fine: the span counts the valid window only.
    expect(put(s, [[T0 - 20 * DAY, "a"], [T0, "b"]]).rejectedLogEventsInfo).toEqual({ tooOldLogEventEndIndex: 1 });
    expect(s.fail("PutLogEvents", logEvents([[T0, ""]])).message).toBe(
      "1 validation error detected: Value '' at 'logEvents.1.member.message' failed to satisfy constraint: Member must have length greater than or equal to 1",
    );
    expect(s.fail("PutLogEvents", { ...logEvents([[T0, "a"]]), logStreamName: "nope" })).toEqual({
      code: "ResourceNotFoundException",
      message: "The specified log stream does not exist.",
    });
    expect(s.fail("PutLogEvents", { ...logEvents([[T0, "a"]]), logGroupName: "/ecs/nope" }).message).toBe("The specified log group does not exist.");

    // Over 128 KiB of JSON the gateway refuses first (engine/simulation.ts); the service's own byte limits, directly:
    const big = "x".repeat(600_000);
    const run = (input: Input) =>
      s.direct((draft) => {
        try {
          return logsProvider.operations.PutLogEvents.run(draft, input, s.now, NEW_ACCOUNT);
        } catch (error) {
          return { code: (error as EcsError).type, message: (error as EcsError).message };
        }
      });
    expect(run(logEvents(Array.from({ length: 10_001 }, (): [number, string] => [T0, "x"])))).toEqual({
      code: "InvalidParameterException",
      message: "1 validation error detected: Value at 'logEvents' failed to satisfy constraint: Member must have length less than or equal to 10000",
    });
    expect(run(logEvents([[T0, big], [T0, big]]))).toEqual({ code: "InvalidParameterException", message: "Upload too large: 1200052 bytes exceeds limit of 1048576" });
    expect(run(logEvents([[T0, "y".repeat(1_048_560)]]))).toEqual({
      code: "InvalidParameterException",
      message: "Log event too large: 1048586 bytes exceeds limit of 1048576",
    });
  });
});

describe("GetLogEvents tokens", () => {
  function tenEvents() {
    const s = withStream();
    put(s, Array.from({ length: 10 }, (_, i): [number, string] => [T0 - 10 * MIN + i * MIN, `line ${i}`]));
    return s;
  }
  const ask = (s: ReturnType<typeof sandbox>, input: object) => s.call("GetLogEvents", { logGroupName: "/ecs/web", logStreamName: "web/app/1", ...input });
  const messages = (out: { events: { message: string }[] }) => out.events.map((e) => e.message);

  test("from the head, forward a page at a time; at the end the forward token comes back unchanged", () => {
    const s = tenEvents();
    const p1 = ask(s, { startFromHead: true, limit: 4 });
    expect(messages(p1)).toEqual(["line 0", "line 1", "line 2", "line 3"]);
    expect(p1.nextForwardToken).toMatch(/^f\/\d{56}\/s$/);
    expect(p1.nextBackwardToken).toMatch(/^b\/\d{56}\/s$/);
    const p2 = ask(s, { startFromHead: true, limit: 4, nextToken: p1.nextForwardToken });
    const p3 = ask(s, { startFromHead: true, limit: 4, nextToken: p2.nextForwardToken });
    expect(messages(p2)).toEqual(["line 4", "line 5", "line 6", "line 7"]);
    expect(messages(p3)).toEqual(["line 8", "line 9"]);
    const end = ask(s, { startFromHead: true, limit: 4, nextToken: p3.nextForwardToken });
    expect(end.events).toEqual([]);
    expect(end.nextForwardToken).toBe(p3.nextForwardToken);
    // Events written later are picked up by the same token.
    put(s, [[T0, "line 10"]]);
    const more = ask(s, { startFromHead: true, nextToken: end.nextForwardToken });
    expect(messages(more)).toEqual(["line 10"]);
    // Back from page 3: page 2's events, in time order.
    expect(messages(ask(s, { limit: 4, nextToken: p3.nextBackwardToken }))).toEqual(["line 4", "line 5", "line 6", "line 7"]);
  });

  test("without startFromHead the newest come first; backward paging ends with the backward token repeated", () => {
    const s = tenEvents();
    const last = ask(s, { limit: 3 });
    expect(messages(last)).toEqual(["line 7", "line 8", "line 9"]);
    let token = last.nextBackwardToken;
    const seen: string[] = [];
    for (;;) {
      const page = ask(s, { limit: 3, nextToken: token });
      if (page.nextBackwardToken === token) {
        expect(page.events).toEqual([]);
        break;
      }
      seen.unshift(...messages(page));
      token = page.nextBackwardToken;
    }
    expect(seen).toEqual(["line 0", "line 1", "line 2", "line 3", "line 4", "line 5", "line 6"]);
  });

  test("startTime is inclusive, endTime exclusive; an empty stream answers tokens that later find new events", () => {
    const s = tenEvents();
    expect(messages(ask(s, { startFromHead: true, startTime: T0 - 8 * MIN, endTime: T0 - 5 * MIN }))).toEqual(["line 2", "line 3", "line 4"]);
    s.call("CreateLogStream", { logGroupName: "/ecs/web", logStreamName: "empty" });
    const empty = s.call("GetLogEvents", { logGroupName: "/ecs/web", logStreamName: "empty" });
    expect(empty.events).toEqual([]);
    expect(empty.nextForwardToken).toMatch(/^f\/\d{56}\/s$/);
    put(s, [[T0, "first"]], "empty");
    expect(messages(s.call("GetLogEvents", { logGroupName: "/ecs/web", logStreamName: "empty", startFromHead: true, nextToken: empty.nextForwardToken }))).toEqual([
      "first",
    ]);
  });

  test("tokens of another stream or of nothing are refused; events with one timestamp keep their order", () => {
    const s = tenEvents();
    const other = withStream("/ecs/web", "web/app/1");
    put(other, [[T0, "x"]]);
    const foreign = other.call("GetLogEvents", { logGroupName: "/ecs/web", logStreamName: "web/app/1" }).nextForwardToken;
    s.call("CreateLogStream", { logGroupName: "/ecs/web", logStreamName: "two" });
    const mine = ask(s, {}).nextForwardToken;
    expect(s.fail("GetLogEvents", { logGroupName: "/ecs/web", logStreamName: "two", nextToken: mine })).toEqual({
      code: "InvalidParameterException",
      message: "The specified nextToken is invalid.",
    });
    expect(foreign).toMatch(/^f\//);
    expect(s.fail("GetLogEvents", { logGroupName: "/ecs/web", logStreamName: "two", nextToken: "f/123" }).code).toBe("InvalidParameterException");
    put(s, [[T0, "same a"], [T0, "same b"]], "two");
    put(s, [[T0, "same c"]], "two");
    const page1 = s.call("GetLogEvents", { logGroupName: "/ecs/web", logStreamName: "two", startFromHead: true, limit: 2 });
    expect(messages(page1)).toEqual(["same a", "same b"]);
    expect(messages(s.call("GetLogEvents", { logGroupName: "/ecs/web", logStreamName: "two", startFromHead: true, nextToken: page1.nextForwardToken }))).toEqual([
      "same c",
    ]);
  });
});

describe("filter patterns", () => {
  const messages = [
    "[ERROR] A fatal exception has occurred",
    "Exiting with ERRORCODE: -1",
    "ERROR WARN message",
    "WARN message",
    "INFO request GET /health 200 3ms",
    "Failed to process the request",
    '{"level":"ERROR","status":500,"latency":1200,"user":{"id":7,"email":"a@example.com"},"tags":["x","y"],"flag":true,"gone":null}',
    '{"level":"INFO","status":200,"latency":12,"user":{"id":8},"flag":false}',
    '127.0.0.1 - frank [10/Oct/2000:13:25:15 -0700] "GET /index.html HTTP/1.0" 404 1534',
    '127.0.0.1 - frank [10/Oct/2000:13:35:22 -0700] "GET /apache_pb.gif HTTP/1.0" 200 5324',
  ];
  const matching = (pattern: string) => {
    const compiled = compileFilterPattern(pattern);
    return messages.flatMap((m, i) => (compiled.matches(m) ? [i] : []));
  };

  test.each([
    ["", [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]],
    ["ERROR", [0, 1, 2, 6]],
    ["error", []],
    ["ERROR WARN", [2]],
    ["?ERROR ?WARN", [0, 1, 2, 3, 6]],
    ["ERROR -WARN", [0, 1, 6]],
    ["ERROR -Exiting", [0, 2, 6]],
    ['"Failed to process"', [5]],
    ['"process Failed"', []],
    ['"GET /health"', [4]],
    ["%ERROR|WARN%", [0, 1, 2, 3, 6]],
    ["%^WARN%", [3]],
    ["%\\d{3}\\s\\d+$%", [8, 9]],
    ["%[Ff]ail%", [5]],
    ['{ $.level = "ERROR" }', [6]],
    ["{ $.level = ERROR }", [6]],
    ["{ $.level != ERROR }", [7]],
    ["{ $.status >= 500 }", [6]],
    ["{ $.latency < 100 }", [7]],
    ["{ $.status = 200 }", [7]],
    ['{ $.user.email = "*@example.com" }', [6]],
    ['{ $.level = "ERR*" }', [6]],
    ['{ $.tags[1] = "y" }', [6]],
    ["{ $.user = 7 }", []],
    ["{ $.gone IS NULL }", [6]],
    ["{ $.flag IS TRUE }", [6]],
    ["{ $.flag IS FALSE }", [7]],
    ["{ $.tags NOT EXISTS }", [7]],
    ['{ ($.level = "INFO" && $.status = 200) || $.latency > 1000 }', [6, 7]],
    ['{ $.level = "INFO" && ($.status = 500 || $.latency > 1000) }', []],
    ["{ $.status = * }", [6, 7]],
    ["{ $.level = %^E% }", [6]],
    ["[ip, id, user, timestamp, request, status_code = 4*, bytes]", [8]],
    ["[ip, id, user, timestamp, request, status_code, bytes > 5000]", [9]],
    ["[..., status_code = 200, bytes]", [4, 9]],
    ["[..., status_code = 200, bytes > 100]", [9]],
    ["[ip, ...]", [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]],
    ["[ip, id, user, timestamp, request = *html*, status_code, bytes]", [8]],
    ["[ip, id, user, timestamp, request, status_code = 404 || status_code = 200, bytes]", [8, 9]],
    ["[ip, id, user, timestamp, request, status_code = 4* && bytes < 2000, bytes]", [8]],
    ["[w1 = WARN, w2]", [3]],
  ])("%s", (pattern, expected) => {
    expect(matching(pattern)).toEqual(expected);
  });

  test.each([
    ["email@domain.com", "Invalid character(s) in term 'email@domain.com'"],
    ["?", "Invalid character(s) in term '?'"],
    ['""', `Invalid character(s) in term '""'`],
    ["{ $.level = ERROR", "If a filter pattern starts with '{' it must end with '}'"],
    ['"unterminated', "Invalid filter pattern"],
    ["{ level = ERROR }", "Invalid filter pattern"],
    ["{ $.latency > fast }", "Invalid filter pattern"],
    ["%a(b)%", "Invalid filter pattern"],
    ["%a!%", "Invalid filter pattern"],
    ["[a, b = ]", "Invalid filter pattern"],
    ["[a, b = 1 && c = 2]", "Invalid filter pattern"],
  ])("refuses %s", (pattern, message) => {
    expect(() => compileFilterPattern(pattern)).toThrow(message);
    try {
      compileFilterPattern(pattern);
    } catch (error) {
      expect((error as EcsError).type).toBe("InvalidParameterException");
    }
  });

  test("a pathological regex stays linear (no backtracking)", () => {
    const started = performance.now();
    const compiled = compileFilterPattern("%a*a*a*a*a*a*a*a*a*a*b%");
    expect(compiled.matches("a".repeat(20_000))).toBe(false);
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});

describe("FilterLogEvents", () => {
  function twoStreams() {
    const s = sandbox();
    s.call("CreateLogGroup", { logGroupName: "/ecs/web" });
    s.call("CreateLogStream", { logGroupName: "/ecs/web", logStreamName: "web/app/a" });
    s.call("CreateLogStream", { logGroupName: "/ecs/web", logStreamName: "web/app/b" });
    s.call("CreateLogStream", { logGroupName: "/ecs/web", logStreamName: "web/sidecar/a" });
    put(s, [[T0 - 5 * MIN, "a1 INFO"], [T0 - 3 * MIN, "a2 ERROR"], [T0 - 1 * MIN, "a3 INFO"]], "web/app/a");
    put(s, [[T0 - 4 * MIN, "b1 ERROR"], [T0 - 2 * MIN, "b2 INFO"]], "web/app/b");
    put(s, [[T0 - 3 * MIN, "s1 ERROR"]], "web/sidecar/a");
    return s;
  }
  const messages = (out: { events: { message: string }[] }) => out.events.map((e) => e.message);

  test("interleaves streams in time order with the fields AWS returns", () => {
    const s = twoStreams();
    const out = s.call("FilterLogEvents", { logGroupName: "/ecs/web", interleaved: true });
    expect(messages(out)).toEqual(["a1 INFO", "b1 ERROR", "a2 ERROR", "s1 ERROR", "b2 INFO", "a3 INFO"]);
    expect(out.searchedLogStreams).toEqual([]);
    expect(out.nextToken).toBeUndefined();
    expect(out.events[1]).toEqual({ logStreamName: "web/app/b", timestamp: T0 - 4 * MIN, message: "b1 ERROR", ingestionTime: T0, eventId: expect.stringMatching(/^\d{56}$/) });
    expect(new Set(out.events.map((e: { eventId: string }) => e.eventId)).size).toBe(6);
  });

  test("pattern, stream names, prefix, time range (both inclusive)", () => {
    const s = twoStreams();
    expect(messages(s.call("FilterLogEvents", { logGroupName: "/ecs/web", filterPattern: "ERROR" }))).toEqual(["b1 ERROR", "a2 ERROR", "s1 ERROR"]);
    expect(messages(s.call("FilterLogEvents", { logGroupName: "/ecs/web", logStreamNames: ["web/app/b"] }))).toEqual(["b1 ERROR", "b2 INFO"]);
    expect(messages(s.call("FilterLogEvents", { logGroupName: "/ecs/web", logStreamNamePrefix: "web/app/" }))).toEqual([
      "a1 INFO",
      "b1 ERROR",
      "a2 ERROR",
      "b2 INFO",
      "a3 INFO",
    ]);
    expect(messages(s.call("FilterLogEvents", { logGroupName: "/ecs/web", startTime: T0 - 3 * MIN, endTime: T0 - 2 * MIN }))).toEqual([
      "a2 ERROR",
      "s1 ERROR",
      "b2 INFO",
    ]);
    expect(s.fail("FilterLogEvents", { logGroupName: "/ecs/web", logStreamNames: ["a"], logStreamNamePrefix: "a" }).code).toBe("InvalidParameterException");
    expect(s.fail("FilterLogEvents", { logGroupName: "/ecs/web", filterPattern: "{ $.x = 1" })).toEqual({
      code: "InvalidParameterException",
      message: "If a filter pattern starts with '{' it must end with '}'",
    });
    expect(s.fail("FilterLogEvents", { logGroupName: "/ecs/none" }).message).toBe("The specified log group does not exist.");
  });

  test("pages follow nextToken; a token never repeats, so the botocore paginator does not stop with an error", () => {
    const s = twoStreams();
    const seen: string[] = [];
    const tokens = new Set<string>();
    let token: string | undefined;
    do {
      const out = s.call("FilterLogEvents", { logGroupName: "/ecs/web", limit: 2, ...(token ? { nextToken: token } : {}) });
      seen.push(...messages(out));
      token = out.nextToken;
      if (token) {
        expect(tokens.has(token)).toBe(false);
        tokens.add(token);
      }
    } while (token);
    expect(seen).toEqual(["a1 INFO", "b1 ERROR", "a2 ERROR", "s1 ERROR", "b2 INFO", "a3 INFO"]);
  });

  test("`aws logs tail --follow` (CLI v2's loop): every event once, as the simulated clock runs", () => {
    const s = twoStreams();
    const printed: string[] = [];
    // awscli/customizations/logs/tail.py FollowLogEventsGenerator, restated.
    const args: Record<string, unknown> = { logGroupName: "/ecs/web", interleaved: true, startTime: T0 - 10 * MIN };
    let idsAtNewest = new Map<number, Set<string>>();
    const poll = () => {
      for (;;) {
        const out = s.call("FilterLogEvents", args);
        for (const e of out.events) {
          const ids = idsAtNewest.get(e.timestamp) ?? new Set<string>();
          if (!ids.has(e.eventId)) {
            ids.add(e.eventId);
            idsAtNewest.set(e.timestamp, ids);
            printed.push(e.message);
          }
        }
        if (idsAtNewest.size > 0) {
          const newest = Math.max(...idsAtNewest.keys());
          idsAtNewest = new Map([[newest, idsAtNewest.get(newest)!]]);
        }
        if (out.nextToken) args.nextToken = out.nextToken;
        else {
          if (idsAtNewest.size > 0) args.startTime = Math.max(...idsAtNewest.keys());
          delete args.nextToken;
          return;
        }
      }
    };
    poll();
    expect(printed).toEqual(["a1 INFO", "b1 ERROR", "a2 ERROR", "s1 ERROR", "b2 INFO", "a3 INFO"]);
    s.tick(5_000);
    put(s, [[s.now, "a4 later"]], "web/app/a");
    put(s, [[T0 - MIN, "b3 same instant as a3"]], "web/app/b");
    poll();
    poll();
    expect(printed.slice(6)).toEqual(["b3 same instant as a3", "a4 later"]);
  });

  test("a long scan ends its page early with a nextToken, as AWS's pages may", () => {
    const s = withStream();
    const big = "z".repeat(100_000);
    s.direct((draft) => appendTaskLogLines(draft, { logGroupName: "/ecs/web", logStreamName: "web/app/1", lines: Array.from({ length: 3 }, (_, i) => ({ timestamp: T0 + i, message: big })) }, s.now));
    const first = s.call("FilterLogEvents", { logGroupName: "/ecs/web", filterPattern: "%z{1,30}q%" });
    expect(first.events).toEqual([]);
    expect(first.nextToken).toBeDefined();
    let pages = 1;
    let token = first.nextToken;
    while (token) {
      token = s.call("FilterLogEvents", { logGroupName: "/ecs/web", filterPattern: "%z{1,30}q%", nextToken: token }).nextToken;
      pages += 1;
    }
    expect(pages).toBeGreaterThan(1);
  });
});

describe("tags", () => {
  test("by the log group ARN without :*", () => {
    const s = sandbox();
    s.call("CreateLogGroup", { logGroupName: "/ecs/web", tags: { team: "web" } });
    const arn = `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/ecs/web`;
    s.call("TagResource", { resourceArn: arn, tags: { env: "dev", team: "platform" } });
    expect(s.call("ListTagsForResource", { resourceArn: arn })).toEqual({ tags: { team: "platform", env: "dev" } });
    s.call("UntagResource", { resourceArn: arn, tagKeys: ["team"] });
    expect(s.call("ListTagsForResource", { resourceArn: arn })).toEqual({ tags: { env: "dev" } });
    expect(s.fail("ListTagsForResource", { resourceArn: `${arn}-nope` }).code).toBe("ResourceNotFoundException");
    const many = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, "v"]));
    expect(s.fail("TagResource", { resourceArn: arn, tags: many })).toEqual({
      code: "TooManyTagsException",
      message: "A resource can have no more than 50 tags.",
    });
  });
});

describe("bounds and the ECS interface", () => {
  test("appendTaskLogLines creates the group and stream; logGroupExists sees them; empty lines are not events", () => {
    const s = sandbox();
    expect(logGroupExists(s.state, "/ecs/orders")).toBe(false);
    const result = s.direct((draft) =>
      appendTaskLogLines(
        draft,
        {
          logGroupName: "/ecs/orders",
          logStreamName: "orders/app/0123456789abcdef0123456789abcdef",
          lines: [
            { timestamp: T0, message: "listening on :8080" },
            { timestamp: T0 + 1, message: "" },
            { timestamp: T0 + 2, message: "GET /health 200" },
          ],
        },
        s.now,
      ),
    );
    expect(result).toEqual({ logGroupCreated: true, logStreamCreated: true, stored: 2 });
    expect(logGroupExists(s.state, "/ecs/orders")).toBe(true);
    const out = s.call("GetLogEvents", { logGroupName: "/ecs/orders", logStreamName: "orders/app/0123456789abcdef0123456789abcdef", startFromHead: true });
    expect(out.events.map((e: { message: string }) => e.message)).toEqual(["listening on :8080", "GET /health 200"]);
  });

  test(`a stream keeps its newest ${LOGS_SANDBOX_LIMITS.eventsPerStream} events; adding events rewrites one small chunk`, () => {
    const s = withStream();
    const batch = (from: number) => Array.from({ length: 2_500 }, (_, i): [number, string] => [T0 - HOUR + from + i, `event ${from + i}`]);
    for (let k = 0; k < 5; k++) s.direct((draft) => logsProvider.operations.PutLogEvents.run(draft, { logGroupName: "/ecs/web", logStreamName: "web/app/1", logEvents: batch(k * 2_500).map(([timestamp, message]) => ({ timestamp, message })) }, s.now, NEW_ACCOUNT));
    const stream = s.state.logStreams["/ecs/web:web/app/1"];
    expect(stream.eventCount).toBe(LOGS_SANDBOX_LIMITS.eventsPerStream);
    const first = s.call("GetLogEvents", { logGroupName: "/ecs/web", logStreamName: "web/app/1", startFromHead: true, limit: 1 });
    expect(first.events[0].message).toBe("event 2500");
    const before = s.state;
    put(s, [[T0, "one more"]]);
    const changed = Object.keys(s.state.logEventChunks).filter((k) => s.state.logEventChunks[k] !== before.logEventChunks[k]);
    expect(changed.length).toBeLessThanOrEqual(2);
    for (const key of Object.keys(s.state.logEventChunks)) expect(s.state.logEventChunks[key].events.length).toBeLessThanOrEqual(LOGS_SANDBOX_LIMITS.chunkEvents);
  });

  test(`the sandbox keeps at most ${LOGS_SANDBOX_LIMITS.sandboxBytes} bytes of events, forgetting the oldest first`, () => {
    const s = sandbox();
    const line = "q".repeat(60_000);
    for (let n = 0; n < 20; n++) {
      s.tick(1_000);
      s.direct((draft) =>
        appendTaskLogLines(draft, { logGroupName: "/ecs/big", logStreamName: `s${n}`, lines: Array.from({ length: 16 }, (_, i) => ({ timestamp: s.now + i, message: line })) }, s.now),
      );
    }
    const total = Object.values(s.state.logStreams).reduce((sum, st) => sum + st.storedBytes, 0);
    expect(total).toBeLessThanOrEqual(LOGS_SANDBOX_LIMITS.sandboxBytes);
    expect(s.state.logStreams["/ecs/big:s0"].eventCount).toBe(0);
    expect(s.state.logStreams["/ecs/big:s19"].eventCount).toBe(16);
  });

  test(`at ${LOGS_SANDBOX_LIMITS.logStreams} streams a learner's CreateLogStream is refused, a task's stream replaces the stalest`, () => {
    const s = sandbox();
    s.direct((draft) => {
      for (let n = 0; n < LOGS_SANDBOX_LIMITS.logStreams; n++) {
        appendTaskLogLines(draft, { logGroupName: "/ecs/many", logStreamName: `s${n}`, lines: [{ timestamp: T0, message: "x" }] }, T0 + n);
      }
    });
    expect(s.fail("CreateLogStream", { logGroupName: "/ecs/many", logStreamName: "mine" })).toEqual({
      code: "LimitExceededException",
      message: `This ECS Dojo sandbox holds at most ${LOGS_SANDBOX_LIMITS.logStreams} log streams. This is a limit of the sandbox, not of CloudWatch Logs.`,
    });
    s.direct((draft) => appendTaskLogLines(draft, { logGroupName: "/ecs/many", logStreamName: "new", lines: [{ timestamp: T0, message: "y" }] }, s.now));
    expect(s.state.logStreams["/ecs/many:s0"]).toBeUndefined();
    expect(s.state.logStreams["/ecs/many:new"]).toBeDefined();
  });

  test("deterministic: the same calls give the same state, ids and tokens", () => {
    const run = () => {
      const s = withStream();
      put(s, [[T0, "a"], [T0 + 1, "b"]]);
      const filtered = s.call("FilterLogEvents", { logGroupName: "/ecs/web", limit: 1 });
      const got = s.call("GetLogEvents", { logGroupName: "/ecs/web", logStreamName: "web/app/1" });
      return JSON.stringify({ state: s.state, filtered, got });
    };
    expect(run()).toBe(run());
  });
});

describe("through the gateway (JSON 1.1, SigV4 for logs)", () => {
  const LEARNER = { accessKeyId: "ADOJLOGSLOGSLOGSLOG2", secretAccessKey: "logs-secret-logs-secret-logs-secret-logs" };
  const OTHER = { accessKeyId: "ADOJOTHEROTHEROTHER2", secretAccessKey: "other-secret-other-secret-other-secret-o" };
  const accounts: Record<string, { accountId: string; secretAccessKey: string }> = {
    [LEARNER.accessKeyId]: { accountId: "111111111111", secretAccessKey: LEARNER.secretAccessKey },
    [OTHER.accessKeyId]: { accountId: "222222222222", secretAccessKey: OTHER.secretAccessKey },
  };
  const deps: GatewayDeps = { store: new MemorySandboxStore(), credentials: { lookup: async (key) => accounts[key] ?? null }, now: () => T0, speed: 1 };

  async function call(who: typeof LEARNER, operation: string, body: object) {
    const signer = new SignatureV4({ credentials: who, region: REGION, service: "logs", sha256: NodeSha256 });
    const text = JSON.stringify(body);
    const signed = await signer.sign(
      {
        method: "POST",
        protocol: "http:",
        hostname: "dojo.example",
        path: "/aws/",
        headers: { host: "dojo.example", "content-type": "application/x-amz-json-1.1", "x-amz-target": `Logs_20140328.${operation}` },
        body: text,
      },
      { signingDate: new Date(T0) },
    );
    const response = await handleAwsRequest({ method: "POST", path: "/aws/", headers: signed.headers as Record<string, string>, body: text }, deps);
    return { status: response.status, json: JSON.parse(response.body || "{}") };
  }

  test("answers and errors in the protocol's shape; learners are isolated", async () => {
    expect(await call(LEARNER, "CreateLogGroup", { logGroupName: "/ecs/web" })).toEqual({ status: 200, json: {} });
    expect(await call(LEARNER, "CreateLogGroup", { logGroupName: "/ecs/web" })).toEqual({
      status: 400,
      json: { __type: "ResourceAlreadyExistsException", message: "The specified log group already exists" },
    });
    expect((await call(OTHER, "DescribeLogGroups", {})).json).toEqual({ logGroups: [] });
    expect((await call(OTHER, "CreateLogGroup", { logGroupName: "/ecs/web" })).status).toBe(200);
    expect((await call(LEARNER, "DescribeLogGroups", {})).json.logGroups[0].arn).toBe(`arn:aws:logs:${REGION}:111111111111:log-group:/ecs/web:*`);
    expect((await call(LEARNER, "DescribeDestinations", {})).json.__type).toBe("UnknownOperationException");
  });
});
