/**
 * GetLogEvents: one stream's events in time order, a page at a time in either direction. As AWS ([AWS-doc]
 * GetLogEvents): "As long as the nextBackwardToken or nextForwardToken returned is NOT equal to the nextToken that
 * you passed into the API call, there might be more log events available … The returned tokens are never null."
 * So a page past the end hands back the token it was given, which is how a reader (the CLI's users, `aws logs tail`
 * style loops) knows to stop, and how it later picks up events written since.
 *
 * Without a token the first page is the oldest events (startFromHead) or the newest (the default). The token's
 * direction decides where a page with a token goes ([inferred]: AWS asks for startFromHead=true with a forward token).
 */
import type { Input } from "../../engine/input";
import type { SandboxState } from "../../engine/state";
import { eventBytes, readEvents, retentionCutoff } from "./events";
import { EVENT_PAGE } from "./limits";
import { readGroupReference, requireStream, resolveGroup } from "./names";
import type { LogEventRecord } from "./state";
import { AFTER_ALL, BEFORE_ALL, readStreamToken, streamToken, type Place } from "./tokens";
import { RULES, Violations } from "./validation";

export interface OutputLogEvent {
  timestamp: number;
  message: string;
  ingestionTime: number;
}

const beforeOrAt = (e: LogEventRecord, p: Place) => e.timestamp < p.timestamp || (e.timestamp === p.timestamp && e.seq <= p.seq);

/** The index of the first event after `place` (events in (timestamp, seq) order). */
function firstAfter(events: LogEventRecord[], place: Place): number {
  let lo = 0;
  let hi = events.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (beforeOrAt(events[mid], place)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The index of the first event at or after `place`. */
function firstAtOrAfter(events: LogEventRecord[], place: Place): number {
  let lo = 0;
  let hi = events.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const e = events[mid];
    if (e.timestamp < place.timestamp || (e.timestamp === place.timestamp && e.seq < place.seq)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function getLogEvents(
  state: SandboxState,
  input: Input,
  clockMs: number,
): { events: OutputLogEvent[]; nextForwardToken: string; nextBackwardToken: string } {
  const v = new Violations();
  const endTime = v.integer(input, "endTime", { min: 0 });
  const limit = v.integer(input, "limit", { min: 1, max: EVENT_PAGE.events }) ?? EVENT_PAGE.events;
  const groupRef = readGroupReference(v, input);
  const streamName = v.string(input, "logStreamName", { ...RULES.logStreamName, required: true });
  const token = v.string(input, "nextToken", RULES.nextToken);
  const startFromHead = v.boolean(input, "startFromHead") ?? false;
  const startTime = v.integer(input, "startTime", { min: 0 });
  v.boolean(input, "unmask");
  v.done();
  const group = resolveGroup(state, groupRef());
  const stream = requireStream(state, group.logGroupName, streamName!);

  // [AWS-doc] startTime: "Events with a timestamp equal to this time or later than this time are included";
  // endTime: "Events with a timestamp equal to or later than this time are not included."
  const events = readEvents(state, stream, startTime ?? 0, endTime === undefined ? Number.MAX_SAFE_INTEGER : endTime - 1, retentionCutoff(group, clockMs));
  const read = token === undefined ? undefined : readStreamToken(token, stream.number);
  const forward = read ? read.direction === "f" : startFromHead;
  const place = read?.place ?? (startFromHead ? BEFORE_ALL : AFTER_ALL);

  let from: number;
  let to: number;
  if (forward) {
    from = firstAfter(events, place);
    to = from;
    let bytes = 0;
    while (to < events.length && to - from < limit) {
      bytes += eventBytes(events[to].message);
      if (bytes > EVENT_PAGE.bytes && to > from) break;
      to += 1;
    }
  } else {
    to = firstAtOrAfter(events, place);
    from = to;
    let bytes = 0;
    while (from > 0 && to - from < limit) {
      bytes += eventBytes(events[from - 1].message);
      if (bytes > EVENT_PAGE.bytes && to > from) break;
      from -= 1;
    }
  }
  const page = events.slice(from, to);
  // An empty first page leaves both tokens at the start, so that reading forward later finds what is written since.
  const empty = read ? place : BEFORE_ALL;
  const first = page[0] ?? empty;
  const last = page[page.length - 1] ?? empty;
  return {
    events: page.map((e) => ({ timestamp: e.timestamp, message: e.message, ingestionTime: e.ingestionTime })),
    nextForwardToken: streamToken("f", stream.number, { timestamp: last.timestamp, seq: last.seq }),
    nextBackwardToken: streamToken("b", stream.number, { timestamp: first.timestamp, seq: first.seq }),
  };
}
