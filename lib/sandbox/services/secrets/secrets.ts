/**
 * Secrets: create, update, describe, list, delete with a recovery window on the simulated clock, restore, tags.
 * [AWS-doc] API_CreateSecret, API_UpdateSecret, API_DescribeSecret, API_ListSecrets, API_DeleteSecret,
 * API_RestoreSecret, API_TagResource, API_UntagResource.
 */
import { hashHex, nextUuid } from "../../engine/ids";
import { optBoolean, optInteger, optObjectList, optString, optStringList, type Input } from "../../engine/input";
import type { Operation } from "../../engine/operation";
import type { SandboxState } from "../../engine/state";
import { peek } from "../../engine/transition";
import { epochSeconds } from "../../engine/wire";
import { liveSecret, newSecretArn, parseArn, SECRET_NAME, secretArnPrefix, secretKeyOf, suffixOfHex } from "./arns";
import { missing, SECRETS_ERRORS, tooLong, validationError } from "./errors";
import { matchesFilters, readFilters } from "./filters";
import { forgetExpiredSecrets, readSecretId, requireActiveSecret, requireSecret } from "./lookup";
import { pageOf } from "./paging";
import { DEFAULT_PAGE_SIZE, SECRETS_QUOTAS, SECRETS_SANDBOX_ERRORS, SECRETS_SANDBOX_LIMITS } from "./quotas";
import type { SecretRecord } from "./state";
import { addVersion, AWSCURRENT, findVersion, readBounded, readClientRequestToken, readSecretValue, sameValue } from "./versions";

const DAY_MS = 86_400_000;

type Tag = { Key: string; Value: string };

function readDescription(input: Input): string | undefined {
  const description = optString(input, "Description");
  if (description !== undefined && description.length > SECRETS_QUOTAS.descriptionLength) {
    throw tooLong("description", SECRETS_QUOTAS.descriptionLength, description);
  }
  return description;
}

/**
 * Type (the secret's type, for secrets other services manage) is kept by no sandbox secret, but a value AWS would
 * refuse is refused: [model] MedeaTypeType 0..256.
 */
function checkType(input: Input): void {
  const type = optString(input, "Type");
  if (type !== undefined && type.length > SECRETS_QUOTAS.typeLength) throw tooLong("type", SECRETS_QUOTAS.typeLength, type);
}

function readKmsKeyId(input: Input): string | undefined {
  const kmsKeyId = optString(input, "KmsKeyId");
  if (kmsKeyId !== undefined && kmsKeyId.length > 2048) throw tooLong("kmsKeyId", 2048, kmsKeyId);
  return kmsKeyId;
}

/** Tags of CreateSecret/TagResource, checked against the tag rules every AWS service applies. */
function readTags(input: Input, required: boolean): Tag[] | undefined {
  const items = optObjectList(input, "Tags");
  if (items === undefined) {
    if (required) throw missing("tags");
    return undefined;
  }
  return items.map((item) => {
    const Key = optString(item, "Key");
    const Value = optString(item, "Value") ?? "";
    if (Key === undefined || Key.length < 1 || Key.length > SECRETS_QUOTAS.tagKeyLength) {
      throw validationError("tags.member.key", `Member must have length less than or equal to ${SECRETS_QUOTAS.tagKeyLength}, Member must have length greater than or equal to 1`);
    }
    if (Value.length > SECRETS_QUOTAS.tagValueLength) throw tooLong("tags.member.value", SECRETS_QUOTAS.tagValueLength);
    if (Key.toLowerCase().startsWith("aws:")) throw SECRETS_ERRORS.reservedTagKey();
    return { Key, Value };
  });
}

/** Adds or replaces tags by key (TagResource appends; an existing key takes the new value). */
function mergeTags(existing: Tag[], added: Tag[]): Tag[] {
  const merged = existing.map((t) => ({ ...t }));
  for (const tag of added) {
    const same = merged.find((t) => t.Key === tag.Key);
    if (same) same.Value = tag.Value;
    else merged.push({ ...tag });
  }
  if (merged.length > SECRETS_QUOTAS.tagsPerSecret) throw SECRETS_ERRORS.tooManyTags();
  return merged;
}

const versionsToStages = (record: SecretRecord) =>
  Object.fromEntries(record.versions.filter((v) => v.stages.length > 0).map((v) => [v.versionId, [...v.stages]]));

/**
 * A secret as DescribeSecret and ListSecrets show it (only members that have a value, as AWS does), in AWS's member
 * order; the two name the versions' staging labels differently.
 */
function secretSummary(record: SecretRecord, stagesMember: "VersionIdsToStages" | "SecretVersionsToStages"): object {
  const stages = versionsToStages(record);
  return {
    ARN: record.arn,
    Name: record.name,
    ...(record.description !== undefined ? { Description: record.description } : {}),
    ...(record.kmsKeyId !== undefined ? { KmsKeyId: record.kmsKeyId } : {}),
    LastChangedDate: epochSeconds(record.lastChangedAtMs),
    ...(record.deletedAtMs !== undefined ? { DeletedDate: epochSeconds(record.deletedAtMs) } : {}),
    ...(record.tags.length > 0 ? { Tags: record.tags.map((t) => ({ ...t })) } : {}),
    ...(Object.keys(stages).length > 0 ? { [stagesMember]: stages } : {}),
    CreatedDate: epochSeconds(record.createdAtMs),
  };
}

export const describeSecret = (record: SecretRecord) => secretSummary(record, "VersionIdsToStages");
const listEntry = (record: SecretRecord) => secretSummary(record, "SecretVersionsToStages");

function countLiveSecrets(state: SandboxState, clockMs: number): number {
  let count = 0;
  for (const key of Object.keys(state.secrets)) if (liveSecret(peek(state.secrets, key), clockMs)) count += 1;
  return count;
}

export const createSecret: Operation = {
  readOnly: false,
  run(state, input, clockMs) {
    forgetExpiredSecrets(state, clockMs);
    const name = optString(input, "Name");
    if (name === undefined) throw missing("name");
    if (name.length > SECRETS_QUOTAS.nameLength) throw tooLong("name", SECRETS_QUOTAS.nameLength, name);
    if (!SECRET_NAME.test(name)) throw SECRETS_ERRORS.invalidName();
    const token = readClientRequestToken(input);
    const description = readDescription(input);
    const kmsKeyId = readKmsKeyId(input);
    checkType(input);
    const tags = readTags(input, false) ?? [];
    if (tags.length > SECRETS_QUOTAS.tagsPerSecret) throw SECRETS_ERRORS.tooManyTags();
    if ((optObjectList(input, "AddReplicaRegions") ?? []).length > 0) throw SECRETS_SANDBOX_ERRORS.replication();
    const value = readSecretValue(input, false);

    const existing = liveSecret(state.secrets[name], clockMs);
    if (existing) {
      if (existing.deletedAtMs !== undefined) throw SECRETS_ERRORS.nameScheduledForDeletion();
      // [AWS-doc] CreateSecret ClientRequestToken: the same token with the same value is ignored (idempotent retry).
      const version = token === undefined ? undefined : findVersion(existing, token);
      if (version && value && sameValue(version, value)) return { ARN: existing.arn, Name: existing.name, VersionId: version.versionId };
      if (version) throw SECRETS_ERRORS.versionExists();
      throw SECRETS_ERRORS.alreadyExists(name);
    }
    if (countLiveSecrets(state, clockMs) >= SECRETS_SANDBOX_LIMITS.secrets) throw SECRETS_SANDBOX_ERRORS.secrets();

    state.secrets[name] = {
      name,
      arn: newSecretArn(state, name),
      ...(description !== undefined ? { description } : {}),
      ...(kmsKeyId ? { kmsKeyId } : {}),
      createdAtMs: clockMs,
      lastChangedAtMs: clockMs,
      versions: [],
      tags,
    };
    const record = state.secrets[name];
    const version = value && addVersion(state, record, value, token ?? nextUuid(state, "secret-version"), [AWSCURRENT], clockMs);
    return { ARN: record.arn, Name: record.name, ...(version ? { VersionId: version.versionId } : {}) };
  },
};

export const updateSecret: Operation = {
  readOnly: false,
  run(state, input, clockMs) {
    forgetExpiredSecrets(state, clockMs);
    const record = requireActiveSecret(state, input, clockMs);
    const token = readClientRequestToken(input);
    const description = readDescription(input);
    const kmsKeyId = readKmsKeyId(input);
    checkType(input);
    const value = readSecretValue(input, false);
    if (description !== undefined) record.description = description;
    if (kmsKeyId !== undefined) {
      // [AWS-doc] UpdateSecret KmsKeyId: "If you set this to an empty string, Secrets Manager uses ... aws/secretsmanager."
      if (kmsKeyId === "") delete record.kmsKeyId;
      else record.kmsKeyId = kmsKeyId;
    }
    let versionId: string | undefined;
    if (value) {
      // [AWS-doc] UpdateSecret: "If you call this operation with a ClientRequestToken that matches an existing
      // version's VersionId, the operation results in an error."
      if (token !== undefined && findVersion(record, token)) throw SECRETS_ERRORS.versionExists();
      versionId = addVersion(state, record, value, token ?? nextUuid(state, "secret-version"), [AWSCURRENT], clockMs).versionId;
    }
    record.lastChangedAtMs = clockMs;
    return { ARN: record.arn, Name: record.name, ...(versionId ? { VersionId: versionId } : {}) };
  },
};

export const describeSecretOperation: Operation = {
  readOnly: true,
  run: (state, input, clockMs) => describeSecret(requireSecret(state, input, clockMs)),
};

const SORT_BY = ["created-date", "last-accessed-date", "last-changed-date", "name"] as const;
const SORT_ORDER = ["asc", "desc"] as const;

function readEnum<T extends string>(input: Input, key: string, member: string, values: readonly T[]): T | undefined {
  const value = optString(input, key);
  if (value === undefined) return undefined;
  if (!(values as readonly string[]).includes(value)) throw validationError(member, `Member must satisfy enum value set: [${values.join(", ")}]`, value);
  return value as T;
}

export const listSecrets: Operation = {
  readOnly: true,
  run(state, input, clockMs) {
    const includePlannedDeletion = optBoolean(input, "IncludePlannedDeletion") ?? false;
    const filters = readFilters(input);
    // [inferred] Without SortBy/SortOrder: by creation, oldest first (the API reference only says "by CreatedDate").
    const sortBy = readEnum(input, "SortBy", "sortBy", SORT_BY) ?? "created-date";
    const sortOrder = readEnum(input, "SortOrder", "sortOrder", SORT_ORDER) ?? "asc";
    const records = Object.keys(state.secrets)
      .map((key) => liveSecret(state.secrets[key], clockMs))
      .filter((r): r is SecretRecord => r !== undefined && (includePlannedDeletion || r.deletedAtMs === undefined) && matchesFilters(r, filters));
    const sortKey = (r: SecretRecord): number | string =>
      sortBy === "name" ? r.name : sortBy === "last-changed-date" ? r.lastChangedAtMs : r.createdAtMs;
    // Stable: ties keep creation order. last-accessed-date is not kept (GetSecretValue is a read), so it sorts like created-date.
    records.sort((a, b) => {
      const x = sortKey(a);
      const y = sortKey(b);
      const order = x < y ? -1 : x > y ? 1 : 0;
      return sortOrder === "asc" ? order : -order;
    });
    const { page, nextToken } = pageOf(records, optInteger(input, "MaxResults"), readBounded(input, "NextToken", 1, SECRETS_QUOTAS.nextTokenLength), {
      scope: "ListSecrets",
      defaultSize: DEFAULT_PAGE_SIZE,
      maxSize: SECRETS_QUOTAS.maxResults,
      invalidToken: SECRETS_ERRORS.invalidNextToken,
    });
    return { SecretList: page.map(listEntry), ...(nextToken ? { NextToken: nextToken } : {}) };
  },
};

export const deleteSecret: Operation = {
  readOnly: false,
  run(state, input, clockMs) {
    forgetExpiredSecrets(state, clockMs);
    const secretId = readSecretId(input);
    const recoveryDays = optInteger(input, "RecoveryWindowInDays");
    const force = optBoolean(input, "ForceDeleteWithoutRecovery") ?? false;
    if (recoveryDays !== undefined && (recoveryDays < SECRETS_QUOTAS.recoveryWindowMinDays || recoveryDays > SECRETS_QUOTAS.recoveryWindowMaxDays)) {
      throw SECRETS_ERRORS.recoveryWindow();
    }
    if (recoveryDays !== undefined && force) throw SECRETS_ERRORS.forceWithWindow();
    const key = secretKeyOf(state.secrets, state.accountId, state.region, secretId, clockMs);
    if (key === null) {
      if (!force) throw SECRETS_ERRORS.notFound();
      // [AWS-doc] "If you forcibly delete an already deleted or nonexistent secret, the operation does not return
      // ResourceNotFoundException." [inferred] It answers with the name asked for and an ARN of that name.
      const name = secretId.startsWith("arn:") ? (parseArn(secretId)?.resource.slice("secret:".length) ?? secretId) : secretId;
      const arn = secretId.startsWith("arn:") ? secretId : `${secretArnPrefix(state.accountId, state.region)}${name}-${suffixOfHex(hashHex(name, 12))}`;
      return { ARN: arn, Name: name, DeletionDate: epochSeconds(clockMs) };
    }
    const record = state.secrets[key];
    if (force) {
      // A forced deletion also ends a scheduled one (API_DeleteSecret allows it at any time).
      delete state.secrets[key];
      return { ARN: record.arn, Name: record.name, DeletionDate: epochSeconds(clockMs) };
    }
    if (record.deletedAtMs !== undefined) throw SECRETS_ERRORS.alreadyMarkedDeleted();
    const days = recoveryDays ?? SECRETS_QUOTAS.recoveryWindowDefaultDays;
    record.deletedAtMs = clockMs;
    record.deletionAtMs = clockMs + days * DAY_MS;
    record.lastChangedAtMs = clockMs;
    return { ARN: record.arn, Name: record.name, DeletionDate: epochSeconds(record.deletionAtMs) };
  },
};

export const restoreSecret: Operation = {
  readOnly: false,
  run(state, input, clockMs) {
    forgetExpiredSecrets(state, clockMs);
    const record = requireSecret(state, input, clockMs);
    // [inferred] Restoring a secret that is not scheduled for deletion succeeds and changes nothing.
    if (record.deletedAtMs !== undefined) {
      delete record.deletedAtMs;
      delete record.deletionAtMs;
      record.lastChangedAtMs = clockMs;
    }
    return { ARN: record.arn, Name: record.name };
  },
};

export const tagResource: Operation = {
  readOnly: false,
  run(state, input, clockMs) {
    forgetExpiredSecrets(state, clockMs);
    const record = requireActiveSecret(state, input, clockMs);
    record.tags = mergeTags(record.tags, readTags(input, true)!);
    return {};
  },
};

export const untagResource: Operation = {
  readOnly: false,
  run(state, input, clockMs) {
    forgetExpiredSecrets(state, clockMs);
    const record = requireActiveSecret(state, input, clockMs);
    const keys = optStringList(input, "TagKeys");
    if (keys === undefined) throw missing("tagKeys");
    // [AWS-doc] "If a requested tag is not attached to the secret, no error is returned".
    if (keys.some((k) => record.tags.some((t) => t.Key === k))) record.tags = record.tags.filter((t) => !keys.includes(t.Key));
    return {};
  },
};
