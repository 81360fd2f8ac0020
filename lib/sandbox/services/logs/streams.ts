/** Log streams: create, delete, describe. */
import type { Input } from "../../engine/input";
import type { SandboxState } from "../../engine/state";
import { LOGS_ERRORS, LOGS_SANDBOX_ERRORS } from "./errors";
import { deleteStream, newStream, store, streamCount, streamsOf } from "./events";
import { API_LIMITS, LOGS_SANDBOX_LIMITS } from "./limits";
import { findStream, logStreamArn, readGroupReference, requireGroup, requireStream, resolveGroup } from "./names";
import type { LogStreamRecord } from "./state";
import { opaqueToken, readOpaqueToken, tokenNumber } from "./tokens";
import { RULES, Violations } from "./validation";

export interface LogStreamOutput {
  logStreamName: string;
  creationTime: number;
  firstEventTimestamp?: number;
  lastEventTimestamp?: number;
  lastIngestionTime?: number;
  uploadSequenceToken?: string;
  arn: string;
  storedBytes: number;
}

/**
 * The sequence token AWS still hands out (and ignores since 2023, [AWS-doc] PutLogEvents): 56 digits, as
 * [observed] in aws/aws-for-fluent-bit#523 ("49039859533790039851380816675861673084717305346360483984").
 */
export const sequenceToken = (stream: LogStreamRecord) => `49${String(stream.number).padStart(14, "0")}${String(stream.uploads).padStart(40, "0")}`;

/** Adds an empty stream to an existing group (the sandbox's stream bound is the caller's business). */
export function addStream(state: SandboxState, group: string, name: string, clockMs: number): LogStreamRecord {
  return store(state, newStream(state, group, name, clockMs));
}

export function createLogStream(state: SandboxState, input: Input, clockMs: number): object {
  const v = new Violations();
  const group = v.string(input, "logGroupName", { ...RULES.logGroupName, required: true });
  const name = v.string(input, "logStreamName", { ...RULES.logStreamName, required: true });
  v.done();
  requireGroup(state, group!);
  if (findStream(state, group!, name!)) throw LOGS_ERRORS.streamExists();
  if (streamCount(state) >= LOGS_SANDBOX_LIMITS.logStreams) throw LOGS_SANDBOX_ERRORS.logStreams();
  addStream(state, group!, name!, clockMs);
  return {};
}

export function deleteLogStream(state: SandboxState, input: Input): object {
  const v = new Violations();
  const group = v.string(input, "logGroupName", { ...RULES.logGroupName, required: true });
  const name = v.string(input, "logStreamName", { ...RULES.logStreamName, required: true });
  v.done();
  requireGroup(state, group!);
  deleteStream(state, requireStream(state, group!, name!));
  return {};
}

const ORDERS = ["LogStreamName", "LastEventTime"] as const;

export function describeLogStreams(state: SandboxState, input: Input): { logStreams: LogStreamOutput[]; nextToken?: string } {
  const v = new Violations();
  const descending = v.boolean(input, "descending") ?? false;
  const limit = v.integer(input, "limit", { min: 1, max: API_LIMITS.describe }) ?? API_LIMITS.describe;
  const groupRef = readGroupReference(v, input);
  const prefix = v.string(input, "logStreamNamePrefix", RULES.logStreamName);
  const token = v.string(input, "nextToken", RULES.nextToken);
  const orderBy = v.enumeration(input, "orderBy", ORDERS) ?? "LogStreamName";
  v.done();
  if (orderBy === "LastEventTime" && prefix !== undefined) throw LOGS_ERRORS.prefixWithLastEventTime();
  const group = resolveGroup(state, groupRef());

  // [inferred] streams without events come first (as having the earliest event time), then by name.
  const time = (s: LogStreamRecord) => (orderBy === "LastEventTime" ? (s.lastEventTimestamp ?? 0) : 0);
  const compare = (a: { t: number; name: string }, b: { t: number; name: string }) =>
    a.t - b.t || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  const sign = descending ? -1 : 1;
  let cursor: { t: number; name: string } | undefined;
  if (token !== undefined) {
    const [order, t, name] = readOpaqueToken(token, "streams", 3);
    if (order !== `${orderBy}/${descending}`) throw LOGS_ERRORS.badNextToken();
    cursor = { t: tokenNumber(t), name };
  }
  const sorted = streamsOf(state, group.logGroupName)
    .filter((s) => prefix === undefined || s.logStreamName.startsWith(prefix))
    .map((s) => ({ t: time(s), name: s.logStreamName, s }))
    .filter((item) => !cursor || sign * compare(item, cursor) > 0)
    .sort((a, b) => sign * compare(a, b));
  const page = sorted.slice(0, limit);
  const logStreams = page.map(({ s }) => presentStream(state, s));
  if (sorted.length <= limit) return { logStreams };
  const last = page[page.length - 1];
  return { logStreams, nextToken: opaqueToken("streams", [`${orderBy}/${descending}`, last.t, last.name]) };
}

export function presentStream(state: SandboxState, s: LogStreamRecord): LogStreamOutput {
  return {
    logStreamName: s.logStreamName,
    creationTime: s.createdAtMs,
    ...(s.firstEventTimestamp !== undefined ? { firstEventTimestamp: s.firstEventTimestamp } : {}),
    ...(s.lastEventTimestamp !== undefined ? { lastEventTimestamp: s.lastEventTimestamp } : {}),
    ...(s.lastIngestionTime !== undefined ? { lastIngestionTime: s.lastIngestionTime } : {}),
    ...(s.uploads > 0 ? { uploadSequenceToken: sequenceToken(s) } : {}),
    arn: logStreamArn(state, s.logGroupName, s.logStreamName),
    // [AWS-doc] LogStream.storedBytes: "As of June 17, 2019, this parameter is no longer supported for log streams, and is always reported as zero."
    storedBytes: 0,
  };
}
