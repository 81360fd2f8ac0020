/** Log groups: create, delete, describe, retention. */
import type { Input } from "../../engine/input";
import type { SandboxState } from "../../engine/state";
import { peek } from "../../engine/transition";
import { LOGS_ERRORS, LOGS_SANDBOX_ERRORS } from "./errors";
import { deleteStream, dropExpired, retentionCutoff, streamsOf } from "./events";
import { API_LIMITS, LOGS_SANDBOX_LIMITS, RETENTION_DAYS } from "./limits";
import { findGroup, groupNameOfArn, logGroupArn, logGroupArnWildcard, requireGroup } from "./names";
import type { LogGroupRecord } from "./state";
import { readTagMap } from "./tags";
import { opaqueToken, readOpaqueToken } from "./tokens";
import { RULES, Violations } from "./validation";

export const LOG_GROUP_CLASSES = ["STANDARD", "INFREQUENT_ACCESS", "DELIVERY"] as const;

export interface LogGroupOutput {
  logGroupName: string;
  creationTime: number;
  retentionInDays?: number;
  metricFilterCount?: number;
  arn: string;
  storedBytes?: number;
  kmsKeyId?: string;
  logGroupClass?: string;
  logGroupArn?: string;
  deletionProtectionEnabled?: boolean;
}

/** Adds a log group (no checks beyond the sandbox's bound): CreateLogGroup and the awslogs driver's create-group. */
export function addGroup(state: SandboxState, name: string, clockMs: number, options: Partial<LogGroupRecord> = {}): LogGroupRecord {
  if (Object.keys(state.logGroups).length >= LOGS_SANDBOX_LIMITS.logGroups) throw LOGS_SANDBOX_ERRORS.logGroups();
  const record: LogGroupRecord = { logGroupName: name, createdAtMs: clockMs, logGroupClass: "STANDARD", tags: {}, ...options, streamCount: 0, storedBytes: 0 };
  state.logGroups[name] = record;
  return record;
}

export function createLogGroup(state: SandboxState, input: Input, clockMs: number): object {
  const v = new Violations();
  const name = v.string(input, "logGroupName", { ...RULES.logGroupName, required: true });
  const kmsKeyId = v.string(input, "kmsKeyId", RULES.kmsKeyId);
  const tags = readTagMap(v, input, "tags", false);
  const logGroupClass = v.enumeration(input, "logGroupClass", LOG_GROUP_CLASSES);
  const deletionProtectionEnabled = v.boolean(input, "deletionProtectionEnabled");
  v.done();
  if (name!.startsWith("aws/")) throw LOGS_ERRORS.reservedGroupName();
  if (findGroup(state, name!)) throw LOGS_ERRORS.groupExists();
  addGroup(state, name!, clockMs, {
    logGroupClass: logGroupClass ?? "STANDARD",
    tags: tags ?? {},
    ...(kmsKeyId !== undefined ? { kmsKeyId } : {}),
    ...(deletionProtectionEnabled ? { deletionProtectionEnabled } : {}),
  });
  return {};
}

export function deleteLogGroup(state: SandboxState, input: Input): object {
  const v = new Violations();
  const name = v.string(input, "logGroupName", { ...RULES.logGroupName, required: true });
  v.done();
  requireGroup(state, name!);
  for (const stream of streamsOf(state, name!)) deleteStream(state, stream);
  delete state.logGroups[name!];
  return {};
}

export function describeLogGroups(state: SandboxState, input: Input): { logGroups: LogGroupOutput[]; nextToken?: string } {
  const v = new Violations();
  v.stringList(input, "accountIdentifiers", { min: 0, max: 20 });
  v.boolean(input, "includeLinkedAccounts");
  const limit = v.integer(input, "limit", { min: 1, max: API_LIMITS.describe }) ?? API_LIMITS.describe;
  const logGroupClass = v.enumeration(input, "logGroupClass", LOG_GROUP_CLASSES);
  const identifiers = v.stringList(input, "logGroupIdentifiers", { min: 1, max: 50, member: RULES.logGroupIdentifier });
  const pattern = v.string(input, "logGroupNamePattern", { min: 0, max: 512, pattern: "[\\.\\-_/#A-Za-z0-9]*" });
  const prefix = v.string(input, "logGroupNamePrefix", RULES.logGroupName);
  const token = v.string(input, "nextToken", RULES.nextToken);
  v.done();
  if (prefix !== undefined && pattern !== undefined) throw LOGS_ERRORS.prefixAndPattern();
  if (identifiers !== undefined && (prefix !== undefined || pattern !== undefined || logGroupClass !== undefined)) {
    throw LOGS_ERRORS.identifiersWithOtherFilter();
  }
  const after = token === undefined ? undefined : readOpaqueToken(token, "groups", 1)[0];
  const wanted = identifiers && new Set(identifiers.map((id) => (id.startsWith("arn:") ? groupNameOfArn(state, id) : id)));

  // [AWS-doc] "The results are ASCII-sorted by log group name."
  const names = Object.keys(state.logGroups)
    .filter((name) => (after === undefined || name > after) && (prefix === undefined || name.startsWith(prefix)))
    .filter((name) => (pattern === undefined || name.includes(pattern)) && (!wanted || wanted.has(name)))
    .filter((name) => logGroupClass === undefined || peek(state.logGroups, name)!.logGroupClass === logGroupClass)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const page = names.slice(0, limit);
  const logGroups = page.map((name) => {
    const group = peek(state.logGroups, name)!;
    // [AWS-doc] logGroupNamePattern: "only arn, creationTime, and logGroupName are included in the response."
    if (pattern !== undefined) return { logGroupName: name, creationTime: group.createdAtMs, arn: logGroupArnWildcard(state, name) };
    return presentGroup(state, group);
  });
  return names.length > limit ? { logGroups, nextToken: opaqueToken("groups", [page[page.length - 1]]) } : { logGroups };
}

function presentGroup(state: SandboxState, group: LogGroupRecord): LogGroupOutput {
  return {
    logGroupName: group.logGroupName,
    creationTime: group.createdAtMs,
    ...(group.retentionInDays !== undefined ? { retentionInDays: group.retentionInDays } : {}),
    metricFilterCount: 0,
    arn: logGroupArnWildcard(state, group.logGroupName),
    // [inferred] the bytes of the events kept, counted as AWS counts a PutLogEvents batch (AWS reports its own storage).
    storedBytes: group.storedBytes ?? 0,
    ...(group.kmsKeyId !== undefined ? { kmsKeyId: group.kmsKeyId } : {}),
    logGroupClass: group.logGroupClass,
    logGroupArn: logGroupArn(state, group.logGroupName),
    ...(group.deletionProtectionEnabled ? { deletionProtectionEnabled: true } : {}),
  };
}

export function putRetentionPolicy(state: SandboxState, input: Input, clockMs: number): object {
  const v = new Violations();
  const name = v.string(input, "logGroupName", { ...RULES.logGroupName, required: true });
  const days = v.integer(input, "retentionInDays", { required: true });
  // [inferred] worded as the framework words an enum (the model leaves Days unconstrained; the service checks).
  if (days !== undefined && !(RETENTION_DAYS as readonly number[]).includes(days)) {
    v.add(days, "retentionInDays", `Member must satisfy enum value set: [${RETENTION_DAYS.join(", ")}]`);
  }
  v.done();
  requireGroup(state, name!);
  state.logGroups[name!].retentionInDays = days!;
  // AWS deletes expired events within 72 hours ([AWS-doc] PutRetentionPolicy); reads hide them at once, and the
  // sandbox forgets them now.
  const cutoff = retentionCutoff({ retentionInDays: days }, clockMs);
  for (const stream of streamsOf(state, name!)) dropExpired(state, stream, cutoff, true);
  return {};
}

export function deleteRetentionPolicy(state: SandboxState, input: Input): object {
  const v = new Violations();
  const name = v.string(input, "logGroupName", { ...RULES.logGroupName, required: true });
  v.done();
  requireGroup(state, name!);
  delete state.logGroups[name!].retentionInDays;
  return {};
}

