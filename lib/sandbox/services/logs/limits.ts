/**
 * Every number CloudWatch Logs' emulation uses, in one place, each with where it comes from (as engine/quotas.ts):
 * [AWS-doc] the API reference as botocore 1.43 carries it (logs/2014-03-28 doc strings), [observed] where AWS's answer
 * was seen, [inferred] where we chose. Then ECS Dojo's own bounds, which AWS does not have: they keep what one
 * learner stores small and one call's work short; their messages say they are the sandbox's.
 */

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

/** [AWS-doc] PutLogEvents. */
export const PUT_LOG_EVENTS = {
  /** "The maximum batch size is 1,048,576 bytes. This size is calculated as the sum of all event messages in UTF-8, plus 26 bytes for each log event." */
  batchBytes: 1_048_576,
  eventOverheadBytes: 26,
  /** "The maximum number of log events in a batch is 10,000." (also the model's InputLogEvents max) */
  batchEvents: 10_000,
  /** "Each log event can be no larger than 1 MB." (256 KB before 2025; counted like the batch, message + 26) */
  eventBytes: 1_048_576,
  /** "Events more than 2 hours in the future are rejected while processing remaining valid events." */
  maxFutureMs: 2 * HOUR_MS,
  /** "Events older than 14 days or preceding the log group's retention period are rejected …" */
  maxPastMs: 14 * DAY_MS,
  /** "For valid events (within 14 days in the past to 2 hours in future), the time span in a single batch cannot exceed 24 hours." */
  batchSpanMs: 24 * HOUR_MS,
} as const;

/** [AWS-doc] GetLogEvents / FilterLogEvents: "Each page returned can contain up to 1 MB of log events or up to 10,000 log events." */
export const EVENT_PAGE = { bytes: 1_048_576, events: 10_000 } as const;

export const API_LIMITS = {
  /** [AWS-doc] DescribeLogGroups/DescribeLogStreams `limit`: "the default is up to 50 items" (model DescribeLimit 1–50). */
  describe: 50,
  /** [AWS-doc] model InputLogStreamNames: FilterLogEvents names at most 100 streams. */
  filterLogStreamNames: 100,
  /** [AWS-doc] TagResource: "You can associate as many as 50 tags with a CloudWatch Logs resource." */
  tagsPerResource: 50,
  /** [AWS-doc] model FilterPattern max 1024. */
  filterPatternCharacters: 1024,
} as const;

/**
 * [AWS-doc] The Days shape: "Possible values are: 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731,
 * 1096, 1827, 2192, 2557, 2922, 3288, and 3653."
 */
export const RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653] as const;

/**
 * ECS Dojo's bounds (not AWS's; CloudWatch Logs has no limit on streams or stored events). With them one sandbox
 * stores at most `sandboxBytes` of log events, whatever it is sent.
 */
export const LOGS_SANDBOX_LIMITS = {
  /** Log groups: AWS allows 1,000,000 per Region ([AWS-doc] CreateLogGroup); a course needs a handful. */
  logGroups: 1_000,
  /** Log streams in all groups: a service's tasks each write one per container, and stopped tasks' streams stay. */
  logStreams: 2_000,
  /**
   * Events one stream keeps; past it the oldest (first ingested) go. Exactly one full PutLogEvents batch (10,000
   * events, 1,048,576 bytes counted as AWS counts a batch), so the sandbox never cuts into a batch it has just
   * accepted, and GetLogEvents' default page (10,000 events / 1 MB) shows the whole stream.
   */
  eventsPerStream: PUT_LOG_EVENTS.batchEvents,
  bytesPerStream: PUT_LOG_EVENTS.batchBytes,
  /** All streams together (same count): past it the oldest-ingested events of the sandbox go first. */
  sandboxBytes: 16 * 1_048_576,
  /**
   * A chunk (one stored document) holds at most this many events / bytes, so that adding events rewrites at most
   * this much (an event larger than `chunkBytes` gets a chunk of its own).
   */
  chunkEvents: 500,
  chunkBytes: 64 * 1024,
  /**
   * FilterLogEvents work per call, in about nanoseconds (filter-pattern.ts `cost`: per message character, plus
   * `filterEventUnits` per event): past it the page ends early with a nextToken, as AWS's pages may ("A returned page
   * might only be partially full, or even empty"). About 50 ms of matching.
   */
  filterScanUnits: 50_000_000,
  filterEventUnits: 300,
} as const;
