/**
 * The service-side checks of the model's constraints (the AWS CLI checks only `required` and minimums before
 * sending). CloudWatch Logs answers a violation with InvalidParameterException and the AWS service framework's
 * sentence, all violations of a request together: [observed] aws/serverless-application-model#182 ("1 validation
 * error detected: Value '…' at 'logGroupNamePrefix' failed to satisfy constraint: Member must satisfy regular
 * expression pattern: [\.\-_/#A-Za-z0-9]+"), grafana/grafana#79155 (InvalidParameterException for StartQuery's).
 * Values of lists and maps are left out of the sentence ([inferred]).
 */
import { optBoolean, optInteger, optObject, optString, optStringList, type Input } from "../../engine/input";
import { invalidParameter } from "./errors";

export interface StringRule {
  required?: boolean;
  min?: number;
  max?: number;
  /** The model's pattern, as AWS prints it. */
  pattern?: string;
}

/** Collects a request's violations; `done()` throws them as one InvalidParameterException. */
export class Violations {
  private readonly found: string[] = [];

  add(value: unknown, path: string, constraint: string): void {
    const shown = value === null ? "Value null" : value === undefined ? "Value" : `Value '${String(value)}'`;
    this.found.push(`${shown} at '${path}' failed to satisfy constraint: ${constraint}`);
  }

  done(): void {
    const n = this.found.length;
    if (n > 0) throw invalidParameter(`${n} validation error${n === 1 ? "" : "s"} detected: ${this.found.join("; ")}`);
  }

  string(input: Input, key: string, rule: StringRule, path = key): string | undefined {
    const value = optString(input, key);
    if (value === undefined) {
      if (rule.required) this.add(null, path, "Member must not be null");
      return undefined;
    }
    this.checkString(value, path, rule);
    return value;
  }

  checkString(value: string, path: string, rule: StringRule): void {
    if (rule.pattern !== undefined && !fullMatch(rule.pattern, value)) {
      this.add(value, path, `Member must satisfy regular expression pattern: ${rule.pattern}`);
    }
    if (rule.min !== undefined && value.length < rule.min) this.add(value, path, `Member must have length greater than or equal to ${rule.min}`);
    if (rule.max !== undefined && value.length > rule.max) this.add(value, path, `Member must have length less than or equal to ${rule.max}`);
  }

  integer(input: Input, key: string, rule: { required?: boolean; min?: number; max?: number }, path = key): number | undefined {
    const value = optInteger(input, key);
    if (value === undefined) {
      if (rule.required) this.add(null, path, "Member must not be null");
      return undefined;
    }
    this.checkInteger(value, path, rule);
    return value;
  }

  checkInteger(value: number, path: string, rule: { min?: number; max?: number }): void {
    if (rule.min !== undefined && value < rule.min) this.add(value, path, `Member must have value greater than or equal to ${rule.min}`);
    if (rule.max !== undefined && value > rule.max) this.add(value, path, `Member must have value less than or equal to ${rule.max}`);
  }

  enumeration<T extends string>(input: Input, key: string, values: readonly T[]): T | undefined {
    const value = optString(input, key);
    if (value !== undefined && !(values as readonly string[]).includes(value)) {
      this.add(value, key, `Member must satisfy enum value set: [${values.join(", ")}]`);
      return undefined;
    }
    return value as T | undefined;
  }

  stringList(input: Input, key: string, rule: { min?: number; max?: number; member?: StringRule }): string[] | undefined {
    const list = optStringList(input, key);
    if (list === undefined) return undefined;
    if (rule.min !== undefined && list.length < rule.min) this.add(undefined, key, `Member must have length greater than or equal to ${rule.min}`);
    if (rule.max !== undefined && list.length > rule.max) this.add(undefined, key, `Member must have length less than or equal to ${rule.max}`);
    if (rule.member) list.forEach((item, i) => this.checkString(item, `${key}.${i + 1}.member`, rule.member!));
    return list;
  }

  /** A string-to-string map (tags): its size, then each key's and value's rules. */
  stringMap(input: Input, key: string, rule: { required?: boolean; min?: number; max?: number; key: StringRule; value: StringRule }): Record<string, string> | undefined {
    const map = optObject(input, key);
    if (map === undefined) {
      if (rule.required) this.add(null, key, "Member must not be null");
      return undefined;
    }
    const entries = Object.entries(map);
    if (rule.min !== undefined && entries.length < rule.min) this.add(undefined, key, `Member must have length greater than or equal to ${rule.min}`);
    if (rule.max !== undefined && entries.length > rule.max) this.add(undefined, key, `Member must have length less than or equal to ${rule.max}`);
    const out: Record<string, string> = {};
    for (const [k] of entries) {
      const value = optString(map, k);
      this.checkString(k, `${key}.${k}.member.key`, rule.key);
      if (value !== undefined) this.checkString(value, `${key}.${k}.member.value`, rule.value);
      out[k] = value ?? "";
    }
    return out;
  }

  boolean(input: Input, key: string): boolean | undefined {
    return optBoolean(input, key);
  }
}

const compiled = new Map<string, RegExp>();

/** Whether all of `value` matches the model's pattern (Java regex syntax; the model's patterns are also JavaScript's). */
function fullMatch(pattern: string, value: string): boolean {
  let regex = compiled.get(pattern);
  if (!regex) {
    const body = pattern.replace(/^\^/, "").replace(/\$$/, "");
    regex = new RegExp(`^(?:${body})$`, "u");
    compiled.set(pattern, regex);
  }
  return regex.test(value);
}

/** The model's patterns (lib/aws-models/generated/logs.json), as AWS prints them. */
export const PATTERNS = {
  logGroupName: "[\\.\\-_/#A-Za-z0-9]+",
  logStreamName: "[^:*]*",
  logGroupIdentifier: "[\\w#+=/:,.@-]*",
  resourceArn: "[\\w+=/:,.@-]*",
  tagKey: "^([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+)$",
  tagValue: "^([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)$",
} as const;

export const RULES = {
  logGroupName: { min: 1, max: 512, pattern: PATTERNS.logGroupName },
  logStreamName: { min: 1, max: 512, pattern: PATTERNS.logStreamName },
  logGroupIdentifier: { min: 1, max: 2048, pattern: PATTERNS.logGroupIdentifier },
  resourceArn: { min: 1, max: 1011, pattern: PATTERNS.resourceArn },
  nextToken: { min: 1 },
  tagKey: { min: 1, max: 128, pattern: PATTERNS.tagKey },
  tagValue: { max: 256, pattern: PATTERNS.tagValue },
  kmsKeyId: { max: 256 },
} satisfies Record<string, StringRule>;
