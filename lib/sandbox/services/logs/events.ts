/**
 * A stream's events: appending them in chunks, keeping the sandbox's bounds, applying retention, reading them back in
 * timestamp order. Records are read with `peek` (no Mutative draft for what is only read) and replaced whole when
 * changed, so an append writes one chunk and the stream's summary.
 */
import type { SandboxState } from "../../engine/state";
import { peek } from "../../engine/transition";
import { DAY_MS, LOGS_SANDBOX_LIMITS, PUT_LOG_EVENTS } from "./limits";
import { chunkKey, streamKey } from "./names";
import type { ChunkSummary, LogEventChunk, LogEventRecord, LogGroupRecord, LogStreamRecord } from "./state";

/** UTF-8 length of a string, without encoding it. */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i += 1;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}

/** An event's size as AWS counts it against a batch: its message in UTF-8 plus 26 bytes ([AWS-doc] PutLogEvents). */
export const eventBytes = (message: string) => utf8Length(message) + PUT_LOG_EVENTS.eventOverheadBytes;

/** The oldest timestamp a group's retention still keeps at `clockMs`; -Infinity when its events never expire. */
export function retentionCutoff(group: Pick<LogGroupRecord, "retentionInDays">, clockMs: number): number {
  return group.retentionInDays === undefined ? Number.NEGATIVE_INFINITY : clockMs - group.retentionInDays * DAY_MS;
}

/** A new, empty stream record (not yet stored). `number` comes from the state's counter. */
export function newStream(state: SandboxState, group: string, name: string, clockMs: number): LogStreamRecord {
  state.sequence += 1;
  return {
    logGroupName: group,
    logStreamName: name,
    createdAtMs: clockMs,
    number: state.sequence,
    nextSeq: 1,
    uploads: 0,
    chunks: [],
    nextChunk: 1,
    eventCount: 0,
    storedBytes: 0,
  };
}

export interface NewEvent {
  timestamp: number;
  message: string;
}

/**
 * Appends `events` (in the order given) to a stored stream at `clockMs`, then keeps the stream's and the sandbox's
 * bounds and drops what the group's retention no longer keeps. Returns the stream as stored.
 */
export function appendEvents(state: SandboxState, given: LogStreamRecord, events: NewEvent[], clockMs: number, cutoff: number): LogStreamRecord {
  const key = streamKey(given.logGroupName, given.logStreamName);
  const stream = dropExpired(state, given, cutoff);
  const chunks = stream.chunks.map((c) => ({ ...c }));
  let nextChunk = stream.nextChunk;
  let seq = stream.nextSeq;
  let first = stream.firstEventTimestamp;
  let lastTs = stream.lastEventTimestamp;
  type Open = { summary: ChunkSummary; events: LogEventRecord[] };
  const tail = chunks[chunks.length - 1];
  const tailKey = tail && chunkKey(stream.logGroupName, stream.logStreamName, tail.no);
  // A tail chunk that holds expired events is not added to: it can then expire whole.
  let open: Open | undefined = tail && tail.minTimestamp >= cutoff ? { summary: tail, events: [...(peek(state.logEventChunks, tailKey!)?.events ?? [])] } : undefined;
  const written = new Set<Open>();

  for (const event of events) {
    const size = eventBytes(event.message);
    const full = open && (open.summary.count >= LOGS_SANDBOX_LIMITS.chunkEvents || open.summary.bytes + size > LOGS_SANDBOX_LIMITS.chunkBytes);
    if (!open || full) {
      const summary: ChunkSummary = { no: nextChunk++, count: 0, bytes: 0, minTimestamp: event.timestamp, maxTimestamp: event.timestamp, firstIngestionTime: clockMs };
      chunks.push(summary);
      open = { summary, events: [] };
    }
    open.events.push({ timestamp: event.timestamp, message: event.message, ingestionTime: clockMs, seq: seq++ });
    const s = open.summary;
    s.count += 1;
    s.bytes += size;
    s.minTimestamp = Math.min(s.minTimestamp, event.timestamp);
    s.maxTimestamp = Math.max(s.maxTimestamp, event.timestamp);
    written.add(open);
    first = first === undefined ? event.timestamp : Math.min(first, event.timestamp);
    lastTs = lastTs === undefined ? event.timestamp : Math.max(lastTs, event.timestamp);
  }
  for (const chunk of written) {
    state.logEventChunks[chunkKey(stream.logGroupName, stream.logStreamName, chunk.summary.no)] = { events: chunk.events } satisfies LogEventChunk;
  }
  const updated: LogStreamRecord = {
    ...stream,
    nextSeq: seq,
    ...(first !== undefined && lastTs !== undefined ? { firstEventTimestamp: first, lastEventTimestamp: lastTs } : {}),
    ...(events.length > 0 ? { lastIngestionTime: clockMs } : {}),
    chunks,
    nextChunk,
    ...totals(chunks),
  };
  store(state, updated);
  keepStreamBounds(state, updated);
  keepSandboxBytes(state);
  return peek(state.logStreams, key)!;
}

function totals(chunks: ChunkSummary[]): { eventCount: number; storedBytes: number } {
  let eventCount = 0;
  let storedBytes = 0;
  for (const c of chunks) {
    eventCount += c.count;
    storedBytes += c.bytes;
  }
  return { eventCount, storedBytes };
}

/**
 * Forgets the stream's events older than `cutoff`: whole chunks, and with `exact` also the expired events of chunks
 * that hold newer ones too (a rewrite, done when a retention policy changes). Otherwise reads hide those until their
 * chunk expires whole.
 */
export function dropExpired(state: SandboxState, stream: LogStreamRecord, cutoff: number, exact = false): LogStreamRecord {
  if (!stream.chunks.some((c) => c.minTimestamp < cutoff)) return stream;
  const kept: ChunkSummary[] = [];
  for (const c of stream.chunks) {
    const key = chunkKey(stream.logGroupName, stream.logStreamName, c.no);
    if (c.maxTimestamp < cutoff) delete state.logEventChunks[key];
    else if (exact && c.minTimestamp < cutoff) {
      const rest = (peek(state.logEventChunks, key)?.events ?? []).filter((e) => e.timestamp >= cutoff);
      state.logEventChunks[key] = { events: rest } satisfies LogEventChunk;
      kept.push(summarize(c.no, rest));
    } else kept.push(c);
  }
  return store(state, { ...stream, chunks: kept, ...totals(kept) });
}

/** Stores a stream record (new or changed) and keeps its group's sums. */
export function store(state: SandboxState, stream: LogStreamRecord): LogStreamRecord {
  const key = streamKey(stream.logGroupName, stream.logStreamName);
  const previous = peek(state.logStreams, key);
  state.logStreams[key] = stream;
  adjustGroup(state, stream.logGroupName, previous ? 0 : 1, stream.storedBytes - (previous?.storedBytes ?? 0));
  return stream;
}

function adjustGroup(state: SandboxState, name: string, streams: number, bytes: number): void {
  if (streams === 0 && bytes === 0) return;
  const group = state.logGroups[name];
  if (!group) return;
  group.streamCount = (group.streamCount ?? 0) + streams;
  group.storedBytes = (group.storedBytes ?? 0) + bytes;
}

/** Streams in the sandbox, from the groups' sums. */
export function streamCount(state: SandboxState): number {
  let n = 0;
  for (const name of Object.keys(state.logGroups)) n += peek(state.logGroups, name)!.streamCount ?? 0;
  return n;
}

function sandboxBytes(state: SandboxState): number {
  let n = 0;
  for (const name of Object.keys(state.logGroups)) n += peek(state.logGroups, name)!.storedBytes ?? 0;
  return n;
}

/** Drops the oldest-ingested events of the stream past LOGS_SANDBOX_LIMITS.eventsPerStream / bytesPerStream. */
function keepStreamBounds(state: SandboxState, stream: LogStreamRecord): LogStreamRecord {
  const excessEvents = stream.eventCount - LOGS_SANDBOX_LIMITS.eventsPerStream;
  const excessBytes = stream.storedBytes - LOGS_SANDBOX_LIMITS.bytesPerStream;
  if (excessEvents <= 0 && excessBytes <= 0) return stream;
  return dropOldest(state, stream, Math.max(0, excessEvents), Math.max(0, excessBytes));
}

/** Drops at least `events` events and `bytes` bytes from the front of the stream (oldest ingested first). */
function dropOldest(state: SandboxState, stream: LogStreamRecord, events: number, bytes: number): LogStreamRecord {
  const chunks = [...stream.chunks];
  while (chunks.length > 0 && (events > 0 || bytes > 0)) {
    const first = chunks[0];
    const key = chunkKey(stream.logGroupName, stream.logStreamName, first.no);
    if (first.count <= events || first.bytes <= bytes) {
      // The whole chunk goes.
      delete state.logEventChunks[key];
      chunks.shift();
      events -= first.count;
      bytes -= first.bytes;
      continue;
    }
    // Part of it: the fewest events from its front that cover what must go.
    const stored = peek(state.logEventChunks, key)?.events ?? [];
    let n = 0;
    let freed = 0;
    while (n < stored.length && (n < events || freed < bytes)) freed += eventBytes(stored[n++].message);
    const rest = stored.slice(n);
    events = 0;
    bytes = 0;
    if (rest.length === 0) {
      delete state.logEventChunks[key];
      chunks.shift();
      continue;
    }
    state.logEventChunks[key] = { events: rest } satisfies LogEventChunk;
    chunks[0] = summarize(first.no, rest);
  }
  return store(state, { ...stream, chunks, ...totals(chunks) });
}

function summarize(no: number, events: LogEventRecord[]): ChunkSummary {
  let bytes = 0;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const e of events) {
    bytes += eventBytes(e.message);
    min = Math.min(min, e.timestamp);
    max = Math.max(max, e.timestamp);
  }
  return { no, count: events.length, bytes, minTimestamp: min, maxTimestamp: max, firstIngestionTime: events[0]?.ingestionTime ?? 0 };
}

/**
 * Keeps all streams' events within LOGS_SANDBOX_LIMITS.sandboxBytes: past it the sandbox forgets its oldest-ingested
 * chunk, stream after stream, until it fits.
 */
function keepSandboxBytes(state: SandboxState): void {
  let total = sandboxBytes(state);
  if (total <= LOGS_SANDBOX_LIMITS.sandboxBytes) return;
  const keys = Object.keys(state.logStreams);
  while (total > LOGS_SANDBOX_LIMITS.sandboxBytes) {
    let oldest: LogStreamRecord | undefined;
    for (const key of keys) {
      const s = peek(state.logStreams, key);
      if (s?.chunks.length && (!oldest || s.chunks[0].firstIngestionTime < oldest.chunks[0].firstIngestionTime)) oldest = s;
    }
    if (!oldest) return;
    const before = oldest.storedBytes;
    const after = dropOldest(state, oldest, 0, oldest.chunks[0].bytes);
    total -= before - after.storedBytes;
  }
}

/** Deletes a stream and its events. */
export function deleteStream(state: SandboxState, stream: LogStreamRecord): void {
  for (const c of stream.chunks) delete state.logEventChunks[chunkKey(stream.logGroupName, stream.logStreamName, c.no)];
  delete state.logStreams[streamKey(stream.logGroupName, stream.logStreamName)];
  adjustGroup(state, stream.logGroupName, -1, -stream.storedBytes);
}

/** The streams of a group, in map order. */
export function streamsOf(state: SandboxState, group: string): LogStreamRecord[] {
  const prefix = `${group}:`;
  const out: LogStreamRecord[] = [];
  for (const key of Object.keys(state.logStreams)) {
    if (key.startsWith(prefix) && key.indexOf(":", prefix.length) < 0) out.push(peek(state.logStreams, key)!);
  }
  return out;
}

/** Orders events of one stream: by timestamp, then as ingested. */
export const compareInStream = (a: LogEventRecord, b: LogEventRecord) => a.timestamp - b.timestamp || a.seq - b.seq;

/**
 * The stream's events with `from <= timestamp <= to` and not older than `cutoff`, by timestamp then ingestion
 * (frozen stored records; do not change them). Chunks outside the range are not opened.
 */
export function readEvents(state: SandboxState, stream: LogStreamRecord, from: number, to: number, cutoff: number): LogEventRecord[] {
  const low = Math.max(from, cutoff);
  const out: LogEventRecord[] = [];
  for (const c of stream.chunks) {
    if (c.maxTimestamp < low || c.minTimestamp > to) continue;
    const chunk = peek(state.logEventChunks, chunkKey(stream.logGroupName, stream.logStreamName, c.no));
    if (!chunk) continue;
    for (const e of chunk.events) if (e.timestamp >= low && e.timestamp <= to) out.push(e);
  }
  for (let i = 1; i < out.length; i++) {
    if (compareInStream(out[i - 1], out[i]) > 0) return out.sort(compareInStream);
  }
  return out;
}
