/**
 * Secret versions and staging labels. [AWS-doc] secretsmanager/latest/userguide/whats-in-a-secret.html#term_version
 * and API_PutSecretValue:
 * - a new value becomes a new version; without VersionStages it gets AWSCURRENT, and the version AWSCURRENT moved
 *   from gets AWSPREVIOUS (which leaves the version that had it);
 * - a label is on at most one version: attaching it elsewhere moves it;
 * - a secret's first version always gets AWSCURRENT;
 * - versions without labels are deprecated: removed when there are more than 100 and they are over 24 hours old;
 * - ClientRequestToken is the new version's id and makes the call idempotent: the same token with the same value
 *   does nothing, with another value fails.
 */
import { nextUuid } from "../../engine/ids";
import { optBoolean, optInteger, optString, optStringList, type Input } from "../../engine/input";
import type { Operation } from "../../engine/operation";
import type { SandboxState } from "../../engine/state";
import { peek } from "../../engine/transition";
import { epochSeconds } from "../../engine/wire";
import { SECRETS_ERRORS, tooLong, tooShort, validationError } from "./errors";
import { forgetExpiredSecrets, requireActiveSecret, requireSecret } from "./lookup";
import { pageOf } from "./paging";
import { DEFAULT_PAGE_SIZE, SECRETS_QUOTAS, SECRETS_SANDBOX_ERRORS, SECRETS_SANDBOX_LIMITS } from "./quotas";
import type { SecretRecord, SecretVersionRecord } from "./state";

export const AWSCURRENT = "AWSCURRENT";
export const AWSPREVIOUS = "AWSPREVIOUS";

export interface SecretValue {
  secretString?: string;
  secretBinary?: string;
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

function decodedLength(base64: string): number {
  const padding = base64.endsWith("==") ? 2 : base64.endsWith("=") ? 1 : 0;
  return (base64.length / 4) * 3 - padding;
}

/**
 * SecretString or SecretBinary of a request: not both, and (when `required`) one of them, not empty. The sizes are
 * the model's (SecretStringType/SecretBinaryType 1..65536); secret values are never echoed in messages.
 */
export function readSecretValue(input: Input, required: boolean): SecretValue | undefined {
  const secretString = optString(input, "SecretString");
  const secretBinary = optString(input, "SecretBinary");
  if (secretString !== undefined && secretBinary !== undefined) throw SECRETS_ERRORS.bothValues();
  if (secretString !== undefined) {
    if (secretString.length === 0) throw SECRETS_ERRORS.noValue();
    if (secretString.length > SECRETS_QUOTAS.secretValueBytes) throw tooLong("secretString", SECRETS_QUOTAS.secretValueBytes);
    return { secretString };
  }
  if (secretBinary !== undefined) {
    // Blobs travel as base64 in AWS JSON; one that is not is a malformed request.
    if (!BASE64.test(secretBinary)) throw validationError("secretBinary", "Member must be a valid base64-encoded blob");
    if (secretBinary.length === 0) throw SECRETS_ERRORS.noValue();
    if (decodedLength(secretBinary) > SECRETS_QUOTAS.secretValueBytes) throw tooLong("secretBinary", SECRETS_QUOTAS.secretValueBytes);
    return { secretBinary };
  }
  if (required) throw SECRETS_ERRORS.noValue();
  return undefined;
}

/** A string member, when given, within the model's length range: AWS refuses any other before it looks anything up. */
export function readBounded(input: Input, key: string, min: number, max: number): string | undefined {
  const value = optString(input, key);
  if (value === undefined) return undefined;
  const member = key[0].toLowerCase() + key.slice(1);
  if (value.length < min) throw tooShort(member, min, value);
  if (value.length > max) throw tooLong(member, max, value);
  return value;
}

/** ClientRequestToken, when given, within the model's 32..64 characters. */
export function readClientRequestToken(input: Input): string | undefined {
  return readBounded(input, "ClientRequestToken", SECRETS_QUOTAS.clientRequestTokenMin, SECRETS_QUOTAS.clientRequestTokenMax);
}

/** RotationToken as the model allows it ([model] RotationTokenType 36..256, letters, digits and hyphens); never echoed (sensitive). */
function checkRotationToken(input: Input): void {
  const token = optString(input, "RotationToken");
  if (token === undefined) return;
  if (token.length < SECRETS_QUOTAS.rotationTokenMin) throw tooShort("rotationToken", SECRETS_QUOTAS.rotationTokenMin);
  if (token.length > SECRETS_QUOTAS.rotationTokenMax) throw tooLong("rotationToken", SECRETS_QUOTAS.rotationTokenMax);
  if (!/^[a-zA-Z0-9-]+$/.test(token)) throw validationError("rotationToken", "Member must satisfy regular expression pattern: ^[a-zA-Z0-9\\-]+$");
}

export const sameValue = (version: SecretVersionRecord, value: SecretValue) =>
  version.secretString === value.secretString && version.secretBinary === value.secretBinary;

export const findVersion = (record: SecretRecord, versionId: string) => record.versions.find((v) => v.versionId === versionId);

const valueCharacters = (version: SecretVersionRecord) => (version.secretString ?? version.secretBinary ?? "").length;

/** Characters of values stored by every secret of the Region (ECS Dojo's bound, quotas.ts). */
function storedCharacters(state: SandboxState): number {
  let total = 0;
  for (const key of Object.keys(state.secrets)) {
    for (const version of peek(state.secrets, key)!.versions) total += valueCharacters(version);
  }
  return total;
}

/**
 * Adds a version with the given labels to a secret (a draft), moving labels as AWS does, then removes deprecated
 * versions beyond the quota. Throws before anything is stored when a quota or the sandbox's storage bound is hit
 * (the operation's draft is dropped).
 */
export function addVersion(
  state: SandboxState,
  record: SecretRecord,
  value: SecretValue,
  versionId: string,
  stages: string[],
  clockMs: number,
): SecretVersionRecord {
  const labels = record.versions.length === 0 && !stages.includes(AWSCURRENT) ? [...stages, AWSCURRENT] : [...new Set(stages)];
  record.versions.push({ versionId, ...value, stages: [], createdAtMs: clockMs });
  const version = record.versions[record.versions.length - 1];
  attachStages(record, version, labels);
  const distinct = new Set(record.versions.flatMap((v) => v.stages));
  if (distinct.size > SECRETS_QUOTAS.stagingLabelsPerSecret) throw SECRETS_ERRORS.tooManyStages();

  // [AWS-doc] more than 100 versions: the oldest deprecated ones, if over 24 hours old, go.
  while (record.versions.length > SECRETS_QUOTAS.versionsPerSecret) {
    const oldest = record.versions.findIndex((v) => v.stages.length === 0 && clockMs - v.createdAtMs >= SECRETS_QUOTAS.deprecatedVersionMinAgeMs);
    if (oldest < 0) throw SECRETS_ERRORS.tooManyVersions();
    record.versions.splice(oldest, 1);
  }
  // ECS Dojo's storage bound: the Region's oldest deprecated versions go first (AWS deletes them in the background
  // too), and only a Region full of labelled values refuses the new one.
  let over = storedCharacters(state) - SECRETS_SANDBOX_LIMITS.storedValueCharacters;
  if (over > 0) over = forgetDeprecatedVersions(state, over);
  if (over > 0) throw SECRETS_SANDBOX_ERRORS.storage();
  return version;
}

/** Removes the oldest deprecated versions of the Region's secrets until `characters` are freed; returns what is still over. */
function forgetDeprecatedVersions(state: SandboxState, characters: number): number {
  const deprecated: { key: string; versionId: string; createdAtMs: number; size: number }[] = [];
  for (const key of Object.keys(state.secrets)) {
    for (const v of peek(state.secrets, key)!.versions) {
      if (v.stages.length === 0) deprecated.push({ key, versionId: v.versionId, createdAtMs: v.createdAtMs, size: valueCharacters(v) });
    }
  }
  deprecated.sort((a, b) => a.createdAtMs - b.createdAtMs);
  let over = characters;
  for (const victim of deprecated) {
    if (over <= 0) break;
    const versions = state.secrets[victim.key].versions;
    versions.splice(versions.findIndex((v) => v.versionId === victim.versionId), 1);
    over -= victim.size;
  }
  return over;
}

/** Attaches `labels` to `version`, taking each from the version that has it; AWSCURRENT leaves AWSPREVIOUS behind. */
export function attachStages(record: SecretRecord, version: SecretVersionRecord, labels: string[]): void {
  let previousCurrent: SecretVersionRecord | undefined;
  for (const label of labels) {
    for (const other of record.versions) {
      if (other === version || !other.stages.includes(label)) continue;
      other.stages = other.stages.filter((s) => s !== label);
      if (label === AWSCURRENT) previousCurrent = other;
    }
    if (!version.stages.includes(label)) version.stages.push(label);
  }
  if (previousCurrent) {
    for (const other of record.versions) {
      if (other !== previousCurrent && other.stages.includes(AWSPREVIOUS)) other.stages = other.stages.filter((s) => s !== AWSPREVIOUS);
    }
    if (!previousCurrent.stages.includes(AWSPREVIOUS)) previousCurrent.stages.push(AWSPREVIOUS);
  }
}

/** VersionStages of PutSecretValue: 1..20 labels of 1..256 characters. */
function readStages(input: Input): string[] | undefined {
  const stages = optStringList(input, "VersionStages");
  if (stages === undefined) return undefined;
  if (stages.length < 1) throw tooShort("versionStages", 1);
  if (stages.length > SECRETS_QUOTAS.stagingLabelsPerSecret) throw tooLong("versionStages", SECRETS_QUOTAS.stagingLabelsPerSecret);
  for (const stage of stages) {
    if (stage.length < 1 || stage.length > SECRETS_QUOTAS.stageLength) {
      throw validationError("versionStages", `Member must satisfy constraint: [Member must have length less than or equal to ${SECRETS_QUOTAS.stageLength}, Member must have length greater than or equal to 1]`);
    }
  }
  return stages;
}

export const putSecretValue: Operation = {
  readOnly: false,
  run(state, input, clockMs) {
    forgetExpiredSecrets(state, clockMs);
    const record = requireActiveSecret(state, input, clockMs);
    const token = readClientRequestToken(input);
    const stages = readStages(input);
    // RotationToken (for rotation functions' calls) is checked and then ignored: the sandbox runs no rotation.
    checkRotationToken(input);
    const value = readSecretValue(input, true)!;
    if (token !== undefined) {
      const existing = findVersion(record, token);
      if (existing) {
        if (!sameValue(existing, value)) throw SECRETS_ERRORS.versionExists();
        return { ARN: record.arn, Name: record.name, VersionId: existing.versionId, VersionStages: [...existing.stages] };
      }
    }
    const version = addVersion(state, record, value, token ?? nextUuid(state, "secret-version"), stages ?? [AWSCURRENT], clockMs);
    record.lastChangedAtMs = clockMs;
    return { ARN: record.arn, Name: record.name, VersionId: version.versionId, VersionStages: [...version.stages] };
  },
};

export const getSecretValue: Operation = {
  readOnly: true,
  run(state, input, clockMs) {
    // [model] SecretVersionIdType is ClientRequestTokenType's 32..64; SecretVersionStageType 1..256.
    const versionId = readBounded(input, "VersionId", SECRETS_QUOTAS.clientRequestTokenMin, SECRETS_QUOTAS.clientRequestTokenMax);
    const versionStage = readBounded(input, "VersionStage", 1, SECRETS_QUOTAS.stageLength);
    const record = requireActiveSecret(state, input, clockMs);
    const version = selectVersion(record, versionId, versionStage);
    return {
      ARN: record.arn,
      Name: record.name,
      VersionId: version.versionId,
      ...(version.secretString !== undefined ? { SecretString: version.secretString } : { SecretBinary: version.secretBinary }),
      VersionStages: [...version.stages],
      CreatedDate: epochSeconds(version.createdAtMs),
    };
  },
};

/** The version VersionId and/or VersionStage select (AWSCURRENT when neither), as GetSecretValue answers. */
export function selectVersion(record: SecretRecord, versionId: string | undefined, versionStage: string | undefined): SecretVersionRecord {
  if (versionId !== undefined) {
    const version = findVersion(record, versionId);
    if (!version) throw SECRETS_ERRORS.noValueForVersion(versionId);
    if (versionStage !== undefined && !version.stages.includes(versionStage)) throw SECRETS_ERRORS.stageVersionMismatch();
    return version;
  }
  const stage = versionStage ?? AWSCURRENT;
  const version = record.versions.find((v) => v.stages.includes(stage));
  if (!version) throw SECRETS_ERRORS.noValueForStage(stage);
  return version;
}

export const listSecretVersionIds: Operation = {
  readOnly: true,
  run(state, input, clockMs) {
    const record = requireSecret(state, input, clockMs);
    const includeDeprecated = optBoolean(input, "IncludeDeprecated") ?? false;
    const versions = record.versions.filter((v) => includeDeprecated || v.stages.length > 0);
    const { page, nextToken } = pageOf(versions, optInteger(input, "MaxResults"), readBounded(input, "NextToken", 1, SECRETS_QUOTAS.nextTokenLength), {
      scope: "ListSecretVersionIds",
      defaultSize: DEFAULT_PAGE_SIZE,
      maxSize: SECRETS_QUOTAS.maxResults,
      invalidToken: SECRETS_ERRORS.invalidNextToken,
    });
    return {
      Versions: page.map((v) => ({
        VersionId: v.versionId,
        ...(v.stages.length > 0 ? { VersionStages: [...v.stages] } : {}),
        CreatedDate: epochSeconds(v.createdAtMs),
        // [inferred] AWS lists the key of each version; "DEFAULT" stands for aws/secretsmanager.
        KmsKeyIds: [record.kmsKeyId ?? "DEFAULT"],
      })),
      ...(nextToken ? { NextToken: nextToken } : {}),
      ARN: record.arn,
      Name: record.name,
    };
  },
};
