/**
 * Listing parameters: DescribeParameters (metadata, Filters or ParameterFilters) and GetParametersByPath (values
 * under a hierarchy, Recursive). [AWS-doc] API_DescribeParameters, API_GetParametersByPath, API_ParameterStringFilter:
 * - DescribeParameters keys: Name, Type, KeyId, Path, Tier, DataType, tag:<key>; options Equals and BeginsWith, Name
 *   also Contains, Path Recursive or OneLevel (default OneLevel);
 * - GetParametersByPath keys: Type, KeyId, Label;
 * - every filter has to match; its values are alternatives.
 * Answers list parameters by name ([inferred]: AWS gives no order; the sandbox's is stable).
 */
import { optBoolean, optInteger, optObjectList, optString, optStringList, type Input } from "../../engine/input";
import type { Operation } from "../../engine/operation";
import type { SandboxState } from "../../engine/state";
import { epochSeconds } from "../../engine/wire";
import { partitionOf } from "../secrets/arns";
import { pageOf } from "../secrets/paging";
import { enumError, missing, SSM_ERRORS } from "./errors";
import { parameterArn } from "./names";
import { current, parameterOutput } from "./parameters";
import { PAGE_SIZES, SSM_QUOTAS } from "./quotas";
import type { ParameterRecord, ParameterVersionRecord } from "./state";

interface StringFilter {
  key: string;
  option: string;
  values: string[];
}

const TYPES = ["String", "StringList", "SecureString"];
const TIERS = ["Standard", "Advanced", "Intelligent-Tiering"];

/** A name with its leading slash, whatever its level (how Path and Name filters compare). */
const slashed = (name: string) => (name.startsWith("/") ? name : `/${name}`);

function readParameterFilters(input: Input, byPath: boolean): StringFilter[] {
  const items = optObjectList(input, "ParameterFilters") ?? [];
  const seen = new Set<string>();
  return items.map((item) => {
    const key = optString(item, "Key");
    if (key === undefined) throw missing("parameterFilters.member.key");
    const values = optStringList(item, "Values");
    const option = optString(item, "Option") ?? (key === "Path" ? "OneLevel" : "Equals");
    const known = /^(tag:.+|Name|Type|KeyId|Path|Label|Tier|DataType)$/.test(key);
    if (byPath && !["Type", "KeyId", "Label"].includes(key)) throw SSM_ERRORS.invalidFilterKey(key, "Type, KeyId");
    if (!byPath && (!known || key === "Label")) throw SSM_ERRORS.invalidFilterKey(key, "Path, Name, Type, KeyId, Tier");
    if (seen.has(key)) throw SSM_ERRORS.duplicateFilter(key);
    seen.add(key);
    if (!key.startsWith("tag:") && (values === undefined || values.length === 0)) throw SSM_ERRORS.missingFilterValues(key);
    if (key === "Path") {
      if (!["Recursive", "OneLevel"].includes(option)) throw SSM_ERRORS.invalidFilterOption(option, "Recursive, OneLevel");
    } else if (key === "Label") {
      if (option !== "Equals") throw SSM_ERRORS.invalidFilterOption(option, "Equals");
    } else {
      const options = key === "Name" ? ["Equals", "BeginsWith", "Contains"] : ["Equals", "BeginsWith"];
      if (!options.includes(option)) throw SSM_ERRORS.invalidFilterOption(option, "BeginsWith, Equals");
    }
    for (const value of values ?? []) {
      if (key === "Type" && !TYPES.includes(value)) throw SSM_ERRORS.invalidFilterValue(value, TYPES.join(", "));
      if (key === "Tier" && !TIERS.includes(value)) throw SSM_ERRORS.invalidFilterValue(value, TIERS.join(", "));
    }
    return { key, option, values: values ?? [] };
  });
}

function compare(actual: string | undefined, filter: StringFilter): boolean {
  if (actual === undefined) return false;
  if (filter.option === "BeginsWith") return filter.values.some((v) => actual.startsWith(v));
  if (filter.option === "Contains") return filter.values.some((v) => actual.includes(v));
  return filter.values.some((v) => actual === v);
}

function matchesPath(name: string, filter: StringFilter): boolean {
  const full = slashed(name);
  return filter.values.some((raw) => {
    const path = raw === "/" ? "" : slashed(raw).replace(/\/+$/, "");
    if (!full.startsWith(`${path}/`)) return false;
    return filter.option === "Recursive" || !full.slice(path.length + 1).includes("/");
  });
}

function matches(record: ParameterRecord, version: ParameterVersionRecord, filter: StringFilter): boolean {
  if (filter.key.startsWith("tag:")) {
    const tagKey = filter.key.slice(4);
    const tag = record.tags.find((t) => t.Key === tagKey);
    return tag !== undefined && (filter.values.length === 0 || compare(tag.Value, filter));
  }
  switch (filter.key) {
    case "Name":
      // [inferred] moto: names compare with their leading slash, except for Contains.
      return filter.option === "Contains"
        ? compare(record.name, filter)
        : compare(slashed(record.name), { ...filter, values: filter.values.map(slashed) });
    case "Path":
      return matchesPath(record.name, filter);
    case "Type":
      return compare(version.type, filter);
    case "KeyId":
      return compare(version.keyId, filter);
    case "Tier":
      return compare(version.tier, filter);
    case "DataType":
      return compare(version.dataType, filter);
    case "Label":
      return version.labels.some((l) => filter.values.includes(l));
    default:
      return false;
  }
}

const sortedRecords = (state: SandboxState) =>
  Object.keys(state.parameters)
    .map((key) => state.parameters[key])
    .sort((a, b) => (slashed(a.name) < slashed(b.name) ? -1 : slashed(a.name) > slashed(b.name) ? 1 : 0));

/** The legacy `Filters` of DescribeParameters: Name (begins with), Type, KeyId (equal). */
function readLegacyFilters(input: Input): StringFilter[] {
  return (optObjectList(input, "Filters") ?? []).map((item, i) => {
    const key = optString(item, "Key");
    if (key === undefined) throw missing(`filters.${i + 1}.member.key`);
    if (!["Name", "Type", "KeyId"].includes(key)) throw enumError(`filters.${i + 1}.member.key`, key, ["Name", "Type", "KeyId"]);
    const values = optStringList(item, "Values");
    if (values === undefined || values.length === 0) throw missing(`filters.${i + 1}.member.values`);
    return { key, option: key === "Name" ? "BeginsWith" : "Equals", values };
  });
}

export const describeParameters: Operation = {
  readOnly: true,
  run(state, input) {
    if (input.Filters != null && input.ParameterFilters != null) throw SSM_ERRORS.eitherFilters();
    if (optBoolean(input, "Shared")) return { Parameters: [] }; // no account shares parameters with a sandbox
    const legacy = readLegacyFilters(input);
    const filters = readParameterFilters(input, false);
    const selected = sortedRecords(state).filter((record) => {
      const version = current(record);
      const legacyMatch = legacy.every((f) =>
        f.key === "Name" ? compare(record.name, f) : compare(f.key === "Type" ? version.type : version.keyId, f),
      );
      return legacyMatch && filters.every((f) => matches(record, version, f));
    });
    const { page, nextToken } = pageOf(selected, optInteger(input, "MaxResults"), optString(input, "NextToken"), {
      scope: "DescribeParameters",
      defaultSize: PAGE_SIZES.describe,
      maxSize: SSM_QUOTAS.maxResults,
      invalidToken: SSM_ERRORS.invalidNextToken,
    });
    return {
      Parameters: page.map((record) => {
        const v = current(record);
        return {
          Name: record.name,
          ARN: parameterArn(state.accountId, state.region, record.name),
          Type: v.type,
          ...(v.keyId ? { KeyId: v.keyId } : {}),
          LastModifiedDate: epochSeconds(v.modifiedAtMs),
          LastModifiedUser: `arn:${partitionOf(state.region)}:iam::${state.accountId}:root`,
          ...(v.description ? { Description: v.description } : {}),
          ...(v.allowedPattern ? { AllowedPattern: v.allowedPattern } : {}),
          Version: v.version,
          Tier: v.tier,
          Policies: [],
          DataType: v.dataType,
        };
      }),
      ...(nextToken ? { NextToken: nextToken } : {}),
    };
  },
};

/** [observed] The path rules of GetParametersByPath (errors.ts invalidPath). */
function readPath(input: Input): string {
  const raw = optString(input, "Path");
  if (raw === undefined) throw missing("path");
  const path = raw.trim();
  if (path === "/") return "";
  if (!path.startsWith("/") || path.includes("//") || !/^[a-zA-Z0-9_.\-/]+$/.test(path)) throw SSM_ERRORS.invalidPath();
  if (path.split("/").filter(Boolean).length > SSM_QUOTAS.hierarchyLevels) throw SSM_ERRORS.hierarchyTooDeep();
  return path.replace(/\/+$/, "");
}

export const getParametersByPath: Operation = {
  readOnly: true,
  run(state, input) {
    const path = readPath(input);
    const recursive = optBoolean(input, "Recursive") ?? false;
    const decrypt = optBoolean(input, "WithDecryption") ?? false;
    const filters = readParameterFilters(input, true);
    const label = filters.find((f) => f.key === "Label");
    const found: { record: ParameterRecord; version: ParameterVersionRecord }[] = [];
    for (const record of sortedRecords(state)) {
      const full = slashed(record.name);
      if (!full.startsWith(`${path}/`)) continue;
      if (!recursive && full.slice(path.length + 1).includes("/")) continue;
      // [inferred] With a Label filter, the labelled version is the one answered.
      const version = label ? record.versions.find((v) => v.labels.some((l) => label.values.includes(l))) : current(record);
      if (version && filters.every((f) => matches(record, version, f))) found.push({ record, version });
    }
    const { page, nextToken } = pageOf(found, optInteger(input, "MaxResults"), optString(input, "NextToken"), {
      scope: "GetParametersByPath",
      defaultSize: PAGE_SIZES.byPath,
      maxSize: SSM_QUOTAS.byPathMaxResults,
      invalidToken: SSM_ERRORS.invalidNextToken,
    });
    return {
      Parameters: page.map(({ record, version }) => parameterOutput(state, record, version, decrypt)),
      ...(nextToken ? { NextToken: nextToken } : {}),
    };
  },
};
