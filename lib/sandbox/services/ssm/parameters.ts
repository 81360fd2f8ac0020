/**
 * Parameters: put (versions, Overwrite, tiers, AllowedPattern), get (by name, ARN, `name:version`, `name:label`,
 * WithDecryption), history, labels, delete. [AWS-doc] API_PutParameter, API_GetParameter, API_GetParameters,
 * API_GetParameterHistory, API_LabelParameterVersion, API_DeleteParameter, API_DeleteParameters.
 */
import { optBoolean, optInteger, optObjectList, optString, optStringList, type Input } from "../../engine/input";
import type { Operation } from "../../engine/operation";
import type { SandboxState } from "../../engine/state";
import { peek } from "../../engine/transition";
import { epochSeconds } from "../../engine/wire";
import { partitionOf } from "../secrets/arns";
import { pageOf } from "../secrets/paging";
import { enumError, missing, SSM_ERRORS, validationError } from "./errors";
import { checkNewName, isValidLabel, keyOf, parameterArn, parseReference, type ParameterReference } from "./names";
import { PAGE_SIZES, SSM_QUOTAS, SSM_SANDBOX_ERRORS, SSM_SANDBOX_LIMITS } from "./quotas";
import { ciphertextOf, DEFAULT_SSM_KEY } from "./securestring";
import type { ParameterRecord, ParameterTier, ParameterType, ParameterVersionRecord } from "./state";

const TYPES = ["SecureString", "StringList", "String"] as const;
const TIERS = ["Standard", "Advanced", "Intelligent-Tiering"] as const;
/** [AWS-doc] systems-manager/latest/userguide/parameter-store-ec2-aliases.html and sysman-paramstore-su-create: the data types. */
const DATA_TYPES = ["text", "aws:ec2:image", "aws:ssm:integration"];

export const current = (record: ParameterRecord) => record.versions[record.versions.length - 1];

/** Who changed a parameter: the sandbox's keys act as the account root (see sts). */
const modifiedBy = (state: SandboxState) => `arn:${partitionOf(state.region)}:iam::${state.accountId}:root`;

/** A version's value as an answer carries it: SecureString values stay ciphertext unless decryption was asked for. */
export function shownValue(state: SandboxState, record: ParameterRecord, version: ParameterVersionRecord, decrypt: boolean): string {
  if (version.type !== "SecureString" || decrypt) return version.value;
  return ciphertextOf(
    { accountId: state.accountId, region: state.region, name: record.name, version: version.version, keyId: version.keyId ?? DEFAULT_SSM_KEY },
    version.value,
  );
}

/** The Parameter shape of GetParameter(s)/GetParametersByPath. */
export function parameterOutput(state: SandboxState, record: ParameterRecord, version: ParameterVersionRecord, decrypt: boolean, selector?: string): object {
  return {
    Name: record.name,
    Type: version.type,
    Value: shownValue(state, record, version, decrypt),
    Version: version.version,
    ...(selector ? { Selector: selector } : {}),
    LastModifiedDate: epochSeconds(version.modifiedAtMs),
    ARN: parameterArn(state.accountId, state.region, record.name),
    DataType: version.dataType,
  };
}

/** The record a reference names and the version it selects; null when there is none (callers decide the error). */
export function resolveReference(
  parameters: Record<string, ParameterRecord>,
  reference: ParameterReference,
): { record: ParameterRecord; version: ParameterVersionRecord } | { record?: ParameterRecord; missingVersion?: number } {
  const record = parameters[reference.key];
  if (!record) return {};
  if (reference.version !== undefined) {
    const version = record.versions.find((v) => v.version === reference.version);
    return version ? { record, version } : { record, missingVersion: reference.version };
  }
  if (reference.label !== undefined) {
    const version = record.versions.find((v) => v.labels.includes(reference.label!));
    return version ? { record, version } : { record };
  }
  return { record, version: current(record) };
}

function requireName(input: Input): string {
  const name = optString(input, "Name");
  if (name === undefined) throw missing("name");
  // Checked before any lookup, as AWS validates the request before it looks (a longer name is no ParameterNotFound).
  if (name.length > SSM_QUOTAS.nameLength) throw validationError("name", `Member must have length less than or equal to ${SSM_QUOTAS.nameLength}`, name);
  return name;
}

function readEnum<T extends string>(input: Input, key: string, member: string, values: readonly T[]): T | undefined {
  const value = optString(input, key);
  if (value === undefined) return undefined;
  if (!(values as readonly string[]).includes(value)) throw enumError(member, value, values);
  return value as T;
}

/** Characters of every stored version's value in the Region (ECS Dojo's bound, quotas.ts). */
function storedCharacters(state: SandboxState): number {
  let total = 0;
  for (const key of Object.keys(state.parameters)) for (const v of peek(state.parameters, key)!.versions) total += v.value.length;
  return total;
}

function countByTier(state: SandboxState, tier: ParameterTier): number {
  let count = 0;
  for (const key of Object.keys(state.parameters)) {
    const record = peek(state.parameters, key)!;
    if (record.versions[record.versions.length - 1].tier === tier) count += 1;
  }
  return count;
}

/**
 * Whether a pattern could take very long to run against an 8 KB value. The sandbox evaluates learners' patterns in
 * the request's thread with JavaScript's backtracking engine, so it refuses (quotas.ts) what makes backtracking
 * blow up: a repeated group that contains a repetition or an alternation ((a+)+, (a|ab)*), a back-reference, or
 * more than two unbounded repetitions in all (.*.*.* is cubic). Patterns like ^\d{1,4}$ or ^[a-z0-9-]+$ pass.
 */
function isRiskyPattern(pattern: string): boolean {
  const groups: { repeats: boolean; alternates: boolean }[] = [];
  let unbounded = 0;
  let inClass = false;
  let lastGroup: { repeats: boolean; alternates: boolean } | undefined;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === "\\") {
      if (!inClass && /[1-9k]/.test(pattern[i + 1] ?? "")) return true;
      i += 1;
      lastGroup = undefined;
      continue;
    }
    if (inClass) {
      if (c === "]") inClass = false;
      continue;
    }
    if (c === "[") {
      inClass = true;
      lastGroup = undefined;
    } else if (c === "(") {
      groups.push({ repeats: false, alternates: false });
      lastGroup = undefined;
    } else if (c === ")") {
      lastGroup = groups.pop();
      if (lastGroup && groups.length > 0) {
        const outer = groups[groups.length - 1];
        outer.repeats ||= lastGroup.repeats;
        outer.alternates ||= lastGroup.alternates;
      }
      continue;
    } else if (c === "|") {
      if (groups.length > 0) groups[groups.length - 1].alternates = true;
    } else if (c === "*" || c === "+" || c === "{") {
      const bounded = c === "{" && /^\{\d+(,\d+)?\}/.test(pattern.slice(i));
      if (!bounded) unbounded += 1;
      if (lastGroup && (lastGroup.repeats || lastGroup.alternates)) return true;
      if (groups.length > 0) groups[groups.length - 1].repeats = true;
    }
    lastGroup = undefined;
  }
  return unbounded > 2;
}

function checkAllowedPattern(pattern: string, value: string): void {
  if (pattern.length > SSM_QUOTAS.allowedPatternLength) {
    throw validationError("allowedPattern", `Member must have length less than or equal to ${SSM_QUOTAS.allowedPatternLength}`, pattern);
  }
  // AWS matches the whole value against the pattern (Java's String.matches), hence the anchors.
  let whole: RegExp;
  try {
    whole = new RegExp(`^(?:${pattern})$`);
  } catch {
    throw SSM_ERRORS.invalidAllowedPattern();
  }
  if (isRiskyPattern(pattern)) throw SSM_SANDBOX_ERRORS.riskyPattern();
  if (!whole.test(value)) throw SSM_ERRORS.patternMismatch(pattern);
}

function readTags(input: Input): { Key: string; Value: string }[] | undefined {
  const items = optObjectList(input, "Tags");
  if (items === undefined) return undefined;
  if (items.length > SSM_QUOTAS.tagsPerParameter) throw validationError("tags", `Member must have length less than or equal to ${SSM_QUOTAS.tagsPerParameter}`);
  return items.map((item) => {
    const Key = optString(item, "Key");
    const Value = optString(item, "Value");
    if (Key === undefined) throw missing("tags.member.key");
    if (Value === undefined) throw missing("tags.member.value");
    if (Key.length < 1 || Key.length > 128) throw validationError("tags.member.key", "Member must have length less than or equal to 128, Member must have length greater than or equal to 1", Key);
    if (Value.length > 256) throw validationError("tags.member.value", "Member must have length less than or equal to 256", Value);
    return { Key, Value };
  });
}

export const putParameter: Operation = {
  readOnly: false,
  run(state, input, clockMs) {
    const name = checkNewName(requireName(input), state.accountId, state.region);
    const value = optString(input, "Value");
    if (value === undefined) throw missing("value");
    if (value.length === 0) throw SSM_ERRORS.emptyValue();
    if (value.length > SSM_QUOTAS.advancedValueCharacters) throw SSM_ERRORS.valueTooLarge();
    const type = readEnum(input, "Type", "type", TYPES);
    const requestedTier = readEnum(input, "Tier", "tier", TIERS);
    const overwrite = optBoolean(input, "Overwrite") ?? false;
    const tags = readTags(input);
    if (overwrite && tags !== undefined && tags.length > 0) throw SSM_ERRORS.tagsWithOverwrite();
    const policies = optString(input, "Policies");
    if (policies !== undefined && policies.length > SSM_QUOTAS.policiesLength) {
      throw validationError("policies", `Member must have length less than or equal to ${SSM_QUOTAS.policiesLength}`, policies);
    }
    if (policies !== undefined) throw SSM_SANDBOX_ERRORS.policies();
    const description = optString(input, "Description");
    if (description !== undefined && description.length > SSM_QUOTAS.descriptionLength) {
      throw validationError("description", `Member must have length less than or equal to ${SSM_QUOTAS.descriptionLength}`, description);
    }
    const keyId = optString(input, "KeyId");
    if (keyId !== undefined && (keyId.length < 1 || keyId.length > SSM_QUOTAS.keyIdLength || !/^([a-zA-Z0-9:/_-]+)$/.test(keyId))) {
      throw validationError("keyId", "Member must satisfy regular expression pattern: ^([a-zA-Z0-9:/_-]+)$", keyId);
    }
    const dataType = optString(input, "DataType");
    if (dataType !== undefined && !DATA_TYPES.includes(dataType)) throw SSM_ERRORS.invalidDataType(dataType);

    const key = keyOf(name);
    const record = state.parameters[key];
    const previous = record ? current(record) : undefined;
    if (previous && !overwrite) throw SSM_ERRORS.alreadyExists();
    if (!previous && type === undefined) throw SSM_ERRORS.typeRequired();
    const newType: ParameterType = type ?? previous!.type;

    const allowedPattern = optString(input, "AllowedPattern") ?? previous?.allowedPattern;
    if (allowedPattern !== undefined && allowedPattern !== "") checkAllowedPattern(allowedPattern, value);

    // [AWS-doc] API_PutParameter Tier: Intelligent-Tiering picks Advanced only when the value needs it; an advanced
    // parameter never goes back to standard.
    let tier: ParameterTier;
    if (requestedTier === "Intelligent-Tiering") tier = value.length > SSM_QUOTAS.standardValueCharacters || previous?.tier === "Advanced" ? "Advanced" : "Standard";
    else tier = requestedTier ?? previous?.tier ?? "Standard";
    if (previous?.tier === "Advanced" && tier === "Standard") throw SSM_ERRORS.tierDowngrade();
    if (tier === "Standard" && value.length > SSM_QUOTAS.standardValueCharacters) throw SSM_ERRORS.standardTooLarge();
    if (!previous) {
      const quota = tier === "Standard" ? SSM_QUOTAS.standardParameters : SSM_QUOTAS.advancedParameters;
      if (countByTier(state, tier) >= quota) throw SSM_ERRORS.limitExceeded();
    }

    const newDescription = description ?? previous?.description;
    const newKeyId = keyId ?? (previous?.type === "SecureString" ? previous.keyId : undefined) ?? DEFAULT_SSM_KEY;
    const version: ParameterVersionRecord = {
      version: previous ? previous.version + 1 : 1,
      value,
      type: newType,
      ...(newDescription ? { description: newDescription } : {}),
      // [inferred] KeyId matters for SecureString only; with another type it is not kept.
      ...(newType === "SecureString" ? { keyId: newKeyId } : {}),
      ...(allowedPattern ? { allowedPattern } : {}),
      tier,
      dataType: dataType ?? previous?.dataType ?? "text",
      modifiedAtMs: clockMs,
      labels: [],
    };
    if (!record) {
      state.parameters[key] = { name, tags: tags ?? [], versions: [version] };
    } else {
      // [AWS-doc] ParameterMaxVersionLimitExceeded: the oldest of 100 versions goes, unless it has a label.
      if (record.versions.length >= SSM_QUOTAS.versionsKept) {
        const oldest = record.versions[0];
        if (oldest.labels.length > 0) throw SSM_ERRORS.maxVersions(record.name, oldest.version);
        record.versions.splice(0, 1);
      }
      record.versions.push(version);
    }
    if (storedCharacters(state) > SSM_SANDBOX_LIMITS.storedValueCharacters) throw SSM_SANDBOX_ERRORS.storage();
    return { Version: version.version, Tier: tier };
  },
};

export const getParameter: Operation = {
  readOnly: true,
  run(state, input) {
    const reference = parseReference(requireName(input), state.accountId, state.region, true);
    const decrypt = optBoolean(input, "WithDecryption") ?? false;
    if (!reference) throw SSM_ERRORS.notFound();
    const found = resolveReference(state.parameters, reference);
    if ("version" in found && found.version) return { Parameter: parameterOutput(state, found.record!, found.version, decrypt, reference.selector) };
    if ("missingVersion" in found && found.missingVersion !== undefined) throw SSM_ERRORS.versionNotFound(found.missingVersion, reference.name);
    throw SSM_ERRORS.notFound();
  },
};

function readNames(input: Input): string[] {
  const names = optStringList(input, "Names");
  if (names === undefined) throw missing("names");
  if (names.length < 1) throw validationError("names", "Member must have length greater than or equal to 1");
  if (names.length > SSM_QUOTAS.namesPerRequest) {
    throw validationError("names", `Member must have length less than or equal to ${SSM_QUOTAS.namesPerRequest}`, `[${names.join(", ")}]`);
  }
  return names;
}

export const getParameters: Operation = {
  readOnly: true,
  run(state, input) {
    const names = readNames(input);
    const decrypt = optBoolean(input, "WithDecryption") ?? false;
    const parameters: object[] = [];
    const invalid: string[] = [];
    for (const asked of [...new Set(names)]) {
      let reference: ParameterReference | null;
      try {
        reference = parseReference(asked, state.accountId, state.region, true);
      } catch {
        // [inferred] A malformed name is listed as invalid rather than failing the whole call.
        reference = null;
      }
      const found = reference ? resolveReference(state.parameters, reference) : {};
      if ("version" in found && found.version) parameters.push(parameterOutput(state, found.record!, found.version, decrypt, reference!.selector));
      else invalid.push(asked);
    }
    return { Parameters: parameters, InvalidParameters: invalid };
  },
};

export const deleteParameter: Operation = {
  readOnly: false,
  run(state, input) {
    const reference = parseReference(requireName(input), state.accountId, state.region, false);
    if (!reference || !state.parameters[reference.key]) throw SSM_ERRORS.notFound();
    delete state.parameters[reference.key];
    return {};
  },
};

export const deleteParameters: Operation = {
  readOnly: false,
  run(state, input) {
    const names = readNames(input);
    const deleted: string[] = [];
    const invalid: string[] = [];
    for (const asked of names) {
      let reference: ParameterReference | null;
      try {
        reference = parseReference(asked, state.accountId, state.region, false);
      } catch {
        reference = null;
      }
      if (reference && state.parameters[reference.key]) {
        delete state.parameters[reference.key];
        deleted.push(asked);
      } else {
        invalid.push(asked);
      }
    }
    return { DeletedParameters: deleted, InvalidParameters: invalid };
  },
};

export const getParameterHistory: Operation = {
  readOnly: true,
  run(state, input) {
    const reference = parseReference(requireName(input), state.accountId, state.region, false);
    const decrypt = optBoolean(input, "WithDecryption") ?? false;
    const record = reference ? state.parameters[reference.key] : undefined;
    if (!record) throw SSM_ERRORS.notFound();
    const { page, nextToken } = pageOf(record.versions, optInteger(input, "MaxResults"), optString(input, "NextToken"), {
      scope: "GetParameterHistory",
      defaultSize: PAGE_SIZES.history,
      maxSize: SSM_QUOTAS.maxResults,
      invalidToken: SSM_ERRORS.invalidNextToken,
    });
    return {
      Parameters: page.map((v) => ({
        Name: record.name,
        Type: v.type,
        ...(v.keyId ? { KeyId: v.keyId } : {}),
        LastModifiedDate: epochSeconds(v.modifiedAtMs),
        LastModifiedUser: modifiedBy(state),
        ...(v.description ? { Description: v.description } : {}),
        Value: shownValue(state, record, v, decrypt),
        ...(v.allowedPattern ? { AllowedPattern: v.allowedPattern } : {}),
        Version: v.version,
        Labels: [...v.labels],
        Tier: v.tier,
        Policies: [],
        DataType: v.dataType,
      })),
      ...(nextToken ? { NextToken: nextToken } : {}),
    };
  },
};

export const labelParameterVersion: Operation = {
  readOnly: false,
  run(state, input) {
    const reference = parseReference(requireName(input), state.accountId, state.region, false);
    const labels = optStringList(input, "Labels");
    if (labels === undefined) throw missing("labels");
    if (labels.length < 1 || labels.length > SSM_QUOTAS.labelsPerVersion) {
      throw validationError("labels", `Member must have length less than or equal to ${SSM_QUOTAS.labelsPerVersion}, Member must have length greater than or equal to 1`);
    }
    for (const label of labels) {
      if (label.length > SSM_QUOTAS.labelLength) {
        throw validationError(
          "labels",
          `Member must satisfy constraint: [Member must have length less than or equal to ${SSM_QUOTAS.labelLength}, Member must have length greater than or equal to 1]`,
          `[${label}]`,
        );
      }
    }
    const record = reference ? state.parameters[reference.key] : undefined;
    if (!record) throw SSM_ERRORS.notFound();
    const wanted = optInteger(input, "ParameterVersion");
    const target = wanted === undefined ? current(record) : record.versions.find((v) => v.version === wanted);
    if (!target) throw SSM_ERRORS.versionNotFound(wanted!, record.name);
    const invalid = labels.filter((l) => !isValidLabel(l));
    const valid = [...new Set(labels.filter(isValidLabel))];
    // [AWS-doc] A label is on one version of a parameter: attaching it here moves it from the other.
    for (const version of record.versions) {
      if (version !== target && version.labels.some((l) => valid.includes(l))) version.labels = version.labels.filter((l) => !valid.includes(l));
    }
    for (const label of valid) if (!target.labels.includes(label)) target.labels.push(label);
    if (target.labels.length > SSM_QUOTAS.labelsPerVersion) throw SSM_ERRORS.tooManyLabels();
    return { InvalidLabels: invalid, ParameterVersion: target.version };
  },
};
