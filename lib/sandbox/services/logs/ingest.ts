/**
 * What the ECS engine's awslogs driver and FireLens log router ask of CloudWatch Logs (the narrow interface; ECS never
 * reaches into these maps itself). The caller has already decided whether it may write here (the group exists, or
 * awslogs-create-group / auto_create_group with logs:CreateLogGroup): these functions only store.
 */
import type { SandboxState } from "../../engine/state";
import { peek } from "../../engine/transition";
import { appendEvents, deleteStream, retentionCutoff, streamCount, utf8Length } from "./events";
import { addGroup } from "./groups";
import { LOGS_SANDBOX_LIMITS, PUT_LOG_EVENTS } from "./limits";
import { findGroup, findStream } from "./names";
import type { LogStreamRecord } from "./state";
import { addStream } from "./streams";

/** Whether the log group exists in this sandbox (account and Region). */
export function logGroupExists(state: SandboxState, name: string): boolean {
  return findGroup(state, name) !== undefined;
}

/** Whether the stream exists in that group of this sandbox. */
export function logStreamExists(state: SandboxState, group: string, stream: string): boolean {
  return findStream(state, group, stream) !== undefined;
}

/**
 * Creates the group when it is missing, without a stream (a log router's auto_create_group); false when the sandbox
 * already holds its maximum of log groups.
 */
export function createTaskLogGroup(state: SandboxState, name: string, clockMs: number): boolean {
  if (findGroup(state, name)) return true;
  if (Object.keys(state.logGroups).length >= LOGS_SANDBOX_LIMITS.logGroups) return false;
  addGroup(state, name, clockMs);
  return true;
}

export interface TaskLogLines {
  logGroupName: string;
  /** `<awslogs-stream-prefix>/<container name>/<task id>`. */
  logStreamName: string;
  /** In the order the container wrote them. */
  lines: { timestamp: number; message: string }[];
}

export interface TaskLogResult {
  logGroupCreated: boolean;
  logStreamCreated: boolean;
  /** Lines stored (empty lines are not events, as with Docker's awslogs driver). */
  stored: number;
  /** Set when nothing could be stored: the sandbox already holds its maximum of log groups. */
  refused?: "sandbox-log-group-limit";
}

/**
 * Appends a task's output lines to `logGroupName`/`logStreamName` at `clockMs`, creating the stream, and the group
 * when it is missing (the caller has checked that it may be created). Lines are stored as the awslogs driver sends
 * them, without PutLogEvents' batch rules (the driver batches by itself); the group's retention still applies.
 * A full sandbox forgets the stream written longest ago rather than refuse a task's stream (a Dojo bound, limits.ts).
 */
export function appendTaskLogLines(state: SandboxState, { logGroupName, logStreamName, lines }: TaskLogLines, clockMs: number): TaskLogResult {
  let logGroupCreated = false;
  let group = findGroup(state, logGroupName);
  if (!group) {
    if (Object.keys(state.logGroups).length >= LOGS_SANDBOX_LIMITS.logGroups) {
      return { logGroupCreated: false, logStreamCreated: false, stored: 0, refused: "sandbox-log-group-limit" };
    }
    group = addGroup(state, logGroupName, clockMs);
    logGroupCreated = true;
  }
  let stream = findStream(state, logGroupName, logStreamName);
  const logStreamCreated = !stream;
  if (!stream) {
    if (streamCount(state) >= LOGS_SANDBOX_LIMITS.logStreams) forgetStalestStream(state);
    stream = addStream(state, logGroupName, logStreamName, clockMs);
  }
  const events = lines.filter((line) => line.message.length > 0).map((line) => ({ timestamp: line.timestamp, message: fit(line.message) }));
  appendEvents(state, { ...stream, uploads: stream.uploads + (events.length > 0 ? 1 : 0) }, events, clockMs, retentionCutoff(group, clockMs));
  return { logGroupCreated, logStreamCreated, stored: events.length };
}

/** [inferred] A line longer than one event may be is cut to fit (the driver would split it; no workload writes one). */
function fit(message: string): string {
  const max = PUT_LOG_EVENTS.eventBytes - PUT_LOG_EVENTS.eventOverheadBytes;
  if (message.length * 3 <= max || utf8Length(message) <= max) return message;
  let end = Math.min(message.length, max);
  while (end > 0 && utf8Length(message.slice(0, end)) > max) end = Math.floor(end * 0.9);
  return message.slice(0, end);
}

/** Deletes the stream whose last event (or creation) is the oldest, to make room for a task's new stream. */
function forgetStalestStream(state: SandboxState): void {
  let stalest: LogStreamRecord | undefined;
  const activity = (s: LogStreamRecord) => s.lastIngestionTime ?? s.createdAtMs;
  for (const key of Object.keys(state.logStreams)) {
    const s = peek(state.logStreams, key)!;
    if (!stalest || activity(s) < activity(stalest)) stalest = s;
  }
  if (stalest) deleteStream(state, stalest);
}
