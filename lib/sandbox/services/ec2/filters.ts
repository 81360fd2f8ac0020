/**
 * EC2's Describe filters: `Filters=[{Name, Values}]`. A resource is kept when it passes every filter (AND); it
 * passes a filter when any of the filter's values matches any of the resource's values for that name (OR). Values
 * are case-sensitive and take the wildcards `*` (any run of characters) and `?` (one character), `\` escaping them
 * (the EC2 API reference, "Filter"). `tag:<key>` matches the values of that tag, `tag-key` the tag keys. A name the
 * operation does not know fails the call: InvalidParameterValue "The filter '<name>' is invalid".
 */
import type { Input } from "../../engine/input";
import { filterLimit, invalidFilter } from "./errors";
import { objList, str, strList } from "./input";
import { EC2_QUOTAS } from "./quotas";
import type { Ec2Tag } from "./state";

export interface Filter {
  name: string;
  values: string[];
}

/** The values a resource has for one filter name; booleans and numbers as their text. */
export type FilterValue = string | number | boolean | undefined | null | readonly (string | number | boolean | undefined | null)[];

/** The filter names an operation accepts, each with how a resource's values are read. */
export type FilterSpec<T> = Record<string, (item: T) => FilterValue>;

/** Reads `Filters` (DescribeNatGateways calls it `Filter`). */
export function readFilters(input: Input, key = "Filters"): Filter[] {
  const filters = (objList(input, key) ?? []).map((f) => ({ name: str(f, "Name") ?? "", values: strList(f, "Values") ?? [] }));
  if (filters.reduce((n, f) => n + f.values.length, 0) > EC2_QUOTAS.filterValuesPerRequest) throw filterLimit();
  return filters;
}

/** The resources that pass every filter; throws for a filter name the spec does not know. */
export function applyFilters<T>(items: readonly T[], filters: Filter[], spec: FilterSpec<T>, tagsOf?: (item: T) => readonly Ec2Tag[] | undefined): T[] {
  const tests = filters.map((filter) => {
    const patterns = filter.values.map(pattern);
    let read: ((item: T) => FilterValue) | undefined = Object.hasOwn(spec, filter.name) ? spec[filter.name] : undefined;
    if (!read && tagsOf && filter.name.startsWith("tag:")) {
      const key = filter.name.slice(4);
      read = (item) => (tagsOf(item) ?? []).filter((tag) => tag.Key === key).map((tag) => tag.Value);
    } else if (!read && tagsOf && filter.name === "tag-key") {
      read = (item) => (tagsOf(item) ?? []).map((tag) => tag.Key);
    }
    if (!read) throw invalidFilter(filter.name);
    const reader = read;
    // [inferred] A filter with no values matches nothing (AWS's answer to an empty Values list was not found).
    return (item: T) => {
      const raw = reader(item);
      const values = (Array.isArray(raw) ? raw : [raw]).filter((v) => v !== undefined && v !== null).map(String);
      return values.some((value) => patterns.some((p) => p.test(value)));
    };
  });
  return items.filter((item) => tests.every((test) => test(item)));
}

/** A filter value as a regular expression: `*` and `?` are wildcards unless escaped with `\`. */
function pattern(value: string): RegExp {
  let source = "";
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (c === "\\" && i + 1 < value.length) source += escape(value[++i]);
    else if (c === "*") source += "[\\s\\S]*";
    else if (c === "?") source += "[\\s\\S]";
    else source += escape(c);
  }
  return new RegExp(`^${source}$`);
}

const escape = (c: string) => c.replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&");
