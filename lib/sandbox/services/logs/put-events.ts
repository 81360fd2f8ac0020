/**
 * PutLogEvents, with the rules AWS applies to a batch ([AWS-doc] PutLogEvents), all relative to the sandbox's
 * simulated clock: a batch out of chronological order, over 1,048,576 bytes, with an event over 1 MB, or whose valid
 * events span more than 24 hours is refused whole; events more than 14 days old, older than the group's retention,
 * or more than 2 hours ahead are left out and reported in rejectedLogEventsInfo while the rest are stored.
 * The sequence token is ignored, as AWS has ignored it since 2023.
 */
import { optObject, optObjectList, type Input } from "../../engine/input";
import type { SandboxState } from "../../engine/state";
import { LOGS_ERRORS } from "./errors";
import { appendEvents, eventBytes, retentionCutoff, type NewEvent } from "./events";
import { PUT_LOG_EVENTS } from "./limits";
import { requireGroup, requireStream } from "./names";
import { sequenceToken } from "./streams";
import { RULES, Violations } from "./validation";

export interface RejectedLogEventsInfo {
  tooNewLogEventStartIndex?: number;
  tooOldLogEventEndIndex?: number;
  expiredLogEventEndIndex?: number;
}

export function putLogEvents(state: SandboxState, input: Input, clockMs: number): { nextSequenceToken: string; rejectedLogEventsInfo?: RejectedLogEventsInfo } {
  const v = new Violations();
  const groupName = v.string(input, "logGroupName", { ...RULES.logGroupName, required: true });
  const streamName = v.string(input, "logStreamName", { ...RULES.logStreamName, required: true });
  const items = optObjectList(input, "logEvents");
  const events: NewEvent[] = [];
  if (items === undefined) v.add(null, "logEvents", "Member must not be null");
  else if (items.length < 1) v.add(undefined, "logEvents", "Member must have length greater than or equal to 1");
  else if (items.length > PUT_LOG_EVENTS.batchEvents) v.add(undefined, "logEvents", `Member must have length less than or equal to ${PUT_LOG_EVENTS.batchEvents}`);
  else {
    items.forEach((item, i) => {
      const path = `logEvents.${i + 1}.member`;
      const timestamp = v.integer(item, "timestamp", { required: true, min: 0 }, `${path}.timestamp`);
      const message = v.string(item, "message", { required: true, min: 1 }, `${path}.message`);
      if (timestamp !== undefined && message !== undefined) events.push({ timestamp, message });
    });
  }
  v.string(input, "sequenceToken", { min: 1 });
  optObject(input, "entity");
  v.done();

  let batch = 0;
  for (let i = 0; i < events.length; i++) {
    if (i > 0 && events[i].timestamp < events[i - 1].timestamp) throw LOGS_ERRORS.notChronological();
  }
  for (const event of events) {
    const size = eventBytes(event.message);
    if (size > PUT_LOG_EVENTS.eventBytes) throw LOGS_ERRORS.eventTooLarge(size, PUT_LOG_EVENTS.eventBytes);
    batch += size;
  }
  if (batch > PUT_LOG_EVENTS.batchBytes) throw LOGS_ERRORS.uploadTooLarge(batch, PUT_LOG_EVENTS.batchBytes);

  const group = requireGroup(state, groupName!);
  const stream = requireStream(state, groupName!, streamName!);

  // The events are in time order, so each kind of rejected event is a run: too old, then expired, …, then too new.
  const tooOld = clockMs - PUT_LOG_EVENTS.maxPastMs;
  const cutoff = retentionCutoff(group, clockMs);
  const tooNew = clockMs + PUT_LOG_EVENTS.maxFutureMs;
  let oldEnd = 0;
  while (oldEnd < events.length && events[oldEnd].timestamp < tooOld) oldEnd += 1;
  let newStart = events.length;
  while (newStart > oldEnd && events[newStart - 1].timestamp > tooNew) newStart -= 1;
  const inWindow = events.slice(oldEnd, newStart);
  if (inWindow.length > 1 && inWindow[inWindow.length - 1].timestamp - inWindow[0].timestamp > PUT_LOG_EVENTS.batchSpanMs) {
    throw LOGS_ERRORS.spansMoreThanADay();
  }
  let expiredEnd = oldEnd;
  while (expiredEnd < newStart && events[expiredEnd].timestamp < cutoff) expiredEnd += 1;

  const stored = appendEvents(state, { ...stream, uploads: stream.uploads + 1 }, events.slice(expiredEnd, newStart), clockMs, cutoff);
  // [AWS-doc] RejectedLogEventsInfo: tooOldLogEventEndIndex "is exclusive" ([observed] one old event gives 1,
  // aws/aws-for-fluent-bit#523); tooNewLogEventStartIndex "is inclusive"; expiredLogEventEndIndex [inferred] like tooOld.
  const rejected: RejectedLogEventsInfo = {
    ...(newStart < events.length ? { tooNewLogEventStartIndex: newStart } : {}),
    ...(oldEnd > 0 ? { tooOldLogEventEndIndex: oldEnd } : {}),
    ...(expiredEnd > oldEnd ? { expiredLogEventEndIndex: expiredEnd } : {}),
  };
  return Object.keys(rejected).length > 0
    ? { nextSequenceToken: sequenceToken(stored), rejectedLogEventsInfo: rejected }
    : { nextSequenceToken: sequenceToken(stored) };
}
