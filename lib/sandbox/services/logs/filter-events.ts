/**
 * FilterLogEvents: a group's events, from all or some of its streams, interleaved in time order ([AWS-doc] "sorted
 * by event timestamp, the timestamp when the event was ingested, and the ID of the PutLogEvents request"; the
 * `interleaved` flag "is ignored and the value is assumed to be true"), matched against a filter pattern
 * (filter-pattern.ts).
 *
 * AWS CLI v2's `aws logs tail` is a loop over this operation (awscli/customizations/logs/tail.py): it sends
 * logGroupName, startTime (now minus `--since`, by the learner's own clock) and interleaved=true, follows nextToken
 * with the botocore paginator (which fails if the same token comes back twice), and with `--follow` polls every 5 s
 * with startTime set to the newest timestamp it printed, skipping the eventIds it already printed at that timestamp.
 * So: the token names the place after the last event examined (it always moves on), eventIds are stable and unique
 * in the group, and startTime is inclusive.
 */
import type { Input } from "../../engine/input";
import type { SandboxState } from "../../engine/state";
import { LOGS_ERRORS } from "./errors";
import { eventBytes, readEvents, retentionCutoff, streamsOf } from "./events";
import { compileFilterPattern } from "./filter-pattern";
import { API_LIMITS, EVENT_PAGE, LOGS_SANDBOX_LIMITS } from "./limits";
import { readGroupReference, resolveGroup } from "./names";
import type { LogEventRecord, LogStreamRecord } from "./state";
import { opaqueToken, placeDigits, readOpaqueToken, tokenNumber } from "./tokens";
import { RULES, Violations } from "./validation";

export interface FilteredLogEvent {
  logStreamName: string;
  timestamp: number;
  message: string;
  ingestionTime: number;
  eventId: string;
}

/** A place in the group's order: (timestamp, ingestion time, stream number, seq). */
type Key = [number, number, number, number];

const keyOf = (stream: LogStreamRecord, e: LogEventRecord): Key => [e.timestamp, e.ingestionTime, stream.number, e.seq];

function compareKeys(a: Key, b: Key): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2] || a[3] - b[3];
}

/** One stream's matching-range events and how far the merge has taken them. */
interface Cursor {
  stream: LogStreamRecord;
  events: LogEventRecord[];
  at: number;
}

/** A binary heap of cursors by their current event's key. */
class Merge {
  private readonly heap: Cursor[] = [];

  push(cursor: Cursor): void {
    if (cursor.at >= cursor.events.length) return;
    const heap = this.heap;
    heap.push(cursor);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.less(heap[parent], heap[i])) break;
      [heap[parent], heap[i]] = [heap[i], heap[parent]];
      i = parent;
    }
  }

  peek(): Cursor | undefined {
    return this.heap[0];
  }

  /** Moves the smallest cursor on by one event. */
  advance(): void {
    const heap = this.heap;
    const top = heap[0];
    top.at += 1;
    if (top.at >= top.events.length) {
      const last = heap.pop()!;
      if (heap.length === 0) return;
      heap[0] = last;
    }
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let smallest = i;
      if (l < heap.length && this.less(heap[l], heap[smallest])) smallest = l;
      if (r < heap.length && this.less(heap[r], heap[smallest])) smallest = r;
      if (smallest === i) return;
      [heap[smallest], heap[i]] = [heap[i], heap[smallest]];
      i = smallest;
    }
  }

  private less(a: Cursor, b: Cursor): boolean {
    return compareKeys(keyOf(a.stream, a.events[a.at]), keyOf(b.stream, b.events[b.at])) < 0;
  }
}

export function filterLogEvents(
  state: SandboxState,
  input: Input,
  clockMs: number,
): { events: FilteredLogEvent[]; searchedLogStreams: never[]; nextToken?: string } {
  const v = new Violations();
  const endTime = v.integer(input, "endTime", { min: 0 });
  const patternText = v.string(input, "filterPattern", { min: 0, max: API_LIMITS.filterPatternCharacters });
  v.boolean(input, "interleaved");
  const limit = v.integer(input, "limit", { min: 1, max: EVENT_PAGE.events }) ?? EVENT_PAGE.events;
  const groupRef = readGroupReference(v, input);
  const prefix = v.string(input, "logStreamNamePrefix", RULES.logStreamName);
  const names = v.stringList(input, "logStreamNames", { min: 1, max: API_LIMITS.filterLogStreamNames, member: RULES.logStreamName });
  const token = v.string(input, "nextToken", RULES.nextToken);
  const startTime = v.integer(input, "startTime", { min: 0 });
  v.boolean(input, "unmask");
  v.done();
  if (names !== undefined && prefix !== undefined) throw LOGS_ERRORS.namesAndPrefix();
  const pattern = compileFilterPattern(patternText);
  const group = resolveGroup(state, groupRef());
  let after: Key | undefined;
  if (token !== undefined) {
    const parts = readOpaqueToken(token, "events", 4).map(tokenNumber);
    after = [parts[0], parts[1], parts[2], parts[3]];
  }

  // [inferred] names of streams that do not exist are passed over.
  const wanted = names && new Set(names);
  const cutoff = retentionCutoff(group, clockMs);
  const merge = new Merge();
  for (const stream of streamsOf(state, group.logGroupName)) {
    if (wanted && !wanted.has(stream.logStreamName)) continue;
    if (prefix !== undefined && !stream.logStreamName.startsWith(prefix)) continue;
    // [AWS-doc] "Events with a timestamp before [startTime] are not returned"; "… later than [endTime] are not returned."
    const events = readEvents(state, stream, startTime ?? 0, endTime ?? Number.MAX_SAFE_INTEGER, cutoff);
    let at = 0;
    if (after) while (at < events.length && compareKeys(keyOf(stream, events[at]), after) <= 0) at += 1;
    merge.push({ stream, events, at });
  }

  const out: FilteredLogEvent[] = [];
  let bytes = 0;
  let work = 0;
  let last: Key | undefined;
  for (let top = merge.peek(); top; top = merge.peek()) {
    const event = top.events[top.at];
    const matched = pattern.matches(event.message);
    if (matched) {
      const size = eventBytes(event.message);
      if (out.length > 0 && bytes + size > EVENT_PAGE.bytes) break;
      bytes += size;
      out.push({
        logStreamName: top.stream.logStreamName,
        timestamp: event.timestamp,
        message: event.message,
        ingestionTime: event.ingestionTime,
        eventId: placeDigits(top.stream.number, event),
      });
    }
    last = keyOf(top.stream, event);
    merge.advance();
    work += LOGS_SANDBOX_LIMITS.filterEventUnits + event.message.length * pattern.cost;
    if (out.length >= limit || work >= LOGS_SANDBOX_LIMITS.filterScanUnits) break;
  }
  // [AWS-doc] searchedLogStreams: "As of May 15, 2020, this parameter is no longer supported. This parameter returns an empty list."
  const page = { events: out, searchedLogStreams: [] as never[] };
  return merge.peek() && last ? { ...page, nextToken: opaqueToken("events", last) } : page;
}
