/** Log group and stream names, keys and ARNs, and the ways a request names a log group. */
import type { SandboxState } from "../../engine/state";
import { peek } from "../../engine/transition";
import type { Input } from "../../engine/input";
import { LOGS_ERRORS } from "./errors";
import type { LogGroupRecord, LogStreamRecord } from "./state";
import { RULES, type Violations } from "./validation";

function partition(region: string): string {
  if (region.startsWith("cn-")) return "aws-cn";
  if (region.startsWith("us-gov-")) return "aws-us-gov";
  return "aws";
}

const arnPrefix = (state: SandboxState) => `arn:${partition(state.region)}:logs:${state.region}:${state.accountId}:`;

/** [AWS-doc] LogGroup.logGroupArn: "This version of the ARN doesn't include a trailing :*" (tagging APIs take it). */
export const logGroupArn = (state: SandboxState, name: string) => `${arnPrefix(state)}log-group:${name}`;
/** [AWS-doc] LogGroup.arn: "This version of the ARN includes a trailing :* after the log group name." */
export const logGroupArnWildcard = (state: SandboxState, name: string) => `${logGroupArn(state, name)}:*`;
/** [AWS-doc] IAM's resource type log-stream: arn:…:log-group:<group>:log-stream:<stream>. */
export const logStreamArn = (state: SandboxState, group: string, stream: string) => `${logGroupArn(state, group)}:log-stream:${stream}`;

export const streamKey = (group: string, stream: string) => `${group}:${stream}`;
export const chunkKey = (group: string, stream: string, no: number) => `${group}:${stream}:${no}`;

/** The log group name in a log group ARN of this sandbox (trailing `:*` allowed), or null for any other ARN. */
export function groupNameOfArn(state: SandboxState, arn: string): string | null {
  const prefix = `${arnPrefix(state)}log-group:`;
  if (!arn.startsWith(prefix)) return null;
  const rest = arn.slice(prefix.length);
  const name = rest.endsWith(":*") ? rest.slice(0, -2) : rest;
  return name.length > 0 && !name.includes(":") ? name : null;
}

export function findGroup(state: SandboxState, name: string): LogGroupRecord | undefined {
  return peek(state.logGroups, name);
}

export function requireGroup(state: SandboxState, name: string): LogGroupRecord {
  const group = findGroup(state, name);
  if (!group) throw LOGS_ERRORS.groupNotFound();
  return group;
}

export function findStream(state: SandboxState, group: string, stream: string): LogStreamRecord | undefined {
  return peek(state.logStreams, streamKey(group, stream));
}

export function requireStream(state: SandboxState, group: string, stream: string): LogStreamRecord {
  const record = findStream(state, group, stream);
  if (!record) throw LOGS_ERRORS.streamNotFound();
  return record;
}

/**
 * Reads `logGroupName` / `logGroupIdentifier` (name or ARN) as the operations that take either do: exactly one
 * ([AWS-doc] "You must include one of these two parameters, but you can't include both"). The members are checked
 * with the request's other members; the returned function, called after `v.done()`, gives the reference to resolve.
 */
export function readGroupReference(v: Violations, input: Input): () => string {
  const name = v.string(input, "logGroupName", RULES.logGroupName);
  const identifier = v.string(input, "logGroupIdentifier", RULES.logGroupIdentifier);
  return () => {
    if (name !== undefined && identifier !== undefined) throw LOGS_ERRORS.nameAndIdentifier();
    if (name === undefined && identifier === undefined) throw LOGS_ERRORS.nameAndIdentifier();
    return name ?? identifier!;
  };
}

/** The group a name-or-ARN reference names, or ResourceNotFoundException. */
export function resolveGroup(state: SandboxState, reference: string): LogGroupRecord {
  const name = reference.startsWith("arn:") ? groupNameOfArn(state, reference) : reference;
  if (name === null) throw LOGS_ERRORS.groupNotFound();
  return requireGroup(state, name);
}
