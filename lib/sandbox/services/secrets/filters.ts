/**
 * ListSecrets filters. [AWS-doc] API_Filter: description — prefix match, not case-sensitive; name, tag-key,
 * tag-value, primary-region, owning-service — prefix match, case-sensitive; all — "Breaks the filter value string
 * into words and then searches all attributes for matches. Not case-sensitive." A value starting with "!" negates.
 * Values of one filter are alternatives; filters all have to match.
 */
import { optObjectList, optString, optStringList, type Input } from "../../engine/input";
import { SECRETS_ERRORS, validationError } from "./errors";
import { SECRETS_QUOTAS } from "./quotas";
import type { SecretRecord } from "./state";

const FILTER_KEYS = ["description", "name", "tag-key", "tag-value", "primary-region", "owning-service", "all"] as const;
type FilterKey = (typeof FILTER_KEYS)[number];
/** [model] FilterValueStringType. */
const FILTER_VALUE = /^!?[a-zA-Z0-9 :_@/+=.\-!]*$/;

export interface SecretFilter {
  key: FilterKey;
  values: string[];
}

export function readFilters(input: Input): SecretFilter[] {
  const filters = optObjectList(input, "Filters") ?? [];
  if (filters.length > SECRETS_QUOTAS.filters) throw validationError("filters", `Member must have length less than or equal to ${SECRETS_QUOTAS.filters}`);
  return filters.map((filter, i) => {
    const key = optString(filter, "Key");
    if (key === undefined) throw SECRETS_ERRORS.invalidFilter("Invalid filter key");
    if (!(FILTER_KEYS as readonly string[]).includes(key)) {
      throw validationError(`filters.${i + 1}.member.key`, `Member must satisfy enum value set: [${FILTER_KEYS.join(", ")}]`, key);
    }
    const values = optStringList(filter, "Values");
    // [inferred] moto's wording for a filter without values.
    if (values === undefined || values.length === 0) throw SECRETS_ERRORS.invalidFilter(`Invalid filter values for key: ${key}`);
    if (values.length > SECRETS_QUOTAS.filterValues) {
      throw validationError(`filters.${i + 1}.member.values`, `Member must have length less than or equal to ${SECRETS_QUOTAS.filterValues}`);
    }
    for (const value of values) {
      if (value.length > SECRETS_QUOTAS.filterValueLength || !FILTER_VALUE.test(value)) {
        throw validationError(
          `filters.${i + 1}.member.values`,
          `Member must satisfy constraint: [Member must have length less than or equal to ${SECRETS_QUOTAS.filterValueLength}, Member must satisfy regular expression pattern: ^\\!?[a-zA-Z0-9 :_@\\/\\+\\=\\.\\-\\!]*$]`,
        );
      }
    }
    return { key: key as FilterKey, values };
  });
}

export function matchesFilters(record: SecretRecord, filters: SecretFilter[]): boolean {
  return filters.every((filter) => filter.values.some((value) => matchesValue(record, filter.key, value)));
}

function matchesValue(record: SecretRecord, key: FilterKey, value: string): boolean {
  const negated = value.startsWith("!");
  const term = negated ? value.slice(1) : value;
  const hit = matchesTerm(record, key, term);
  return negated ? !hit : hit;
}

function matchesTerm(record: SecretRecord, key: FilterKey, term: string): boolean {
  switch (key) {
    case "name":
      return record.name.startsWith(term);
    case "description":
      return record.description !== undefined && record.description.toLowerCase().startsWith(term.toLowerCase());
    case "tag-key":
      return record.tags.some((t) => t.Key.startsWith(term));
    case "tag-value":
      return record.tags.some((t) => t.Value.startsWith(term));
    // Secrets in the sandbox are never replicas and never managed by another service.
    case "primary-region":
    case "owning-service":
      return false;
    case "all": {
      const words = [record.name, record.description ?? "", ...record.tags.flatMap((t) => [t.Key, t.Value])].flatMap(wordsOf);
      const wanted = wordsOf(term);
      return wanted.length > 0 && wanted.every((w) => words.some((word) => word.startsWith(w)));
    }
  }
}

/** [inferred] Words: runs of letters and digits, lowercased (how "all" compares, not case-sensitive). */
function wordsOf(text: string): string[] {
  return text.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
}
