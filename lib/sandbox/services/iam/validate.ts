/**
 * Reading an IAM request's members against the API model's constraints (limits.ts IAM_CONSTRAINTS), the way IAM
 * answers a violation: ValidationError "N validation error(s) detected: Value at '<member>' failed to satisfy
 * constraint: Member must …", members named in camelCase, list items as '<list>.<n>.member.<field>'. IAM leaves the
 * offending value out of these messages (observed: "Value at 'tags.1.member.key' failed to satisfy constraint: …").
 *
 * The query protocol carries every value as text; the gateway's reader turns them into the model's types, but a
 * number or boolean that still arrives as text is read here too, so that the operations never depend on it.
 */
import { validationFailed } from "./errors";
import type { IamTag } from "./state";
import { IAM_CONSTRAINTS, IAM_QUOTAS } from "./limits";
import type { Input } from "../../engine/input";

export interface StringConstraint {
  min?: number;
  max?: number;
  pattern?: string;
}

const patterns = new Map<string, RegExp>();

function fullMatch(pattern: string, value: string): boolean {
  let regex = patterns.get(pattern);
  if (!regex) {
    regex = new RegExp(`^(?:${pattern})$`, "u");
    patterns.set(pattern, regex);
  }
  return regex.test(value);
}

/** The constraints a string breaks, in AWS's words and order (length, then pattern). */
function stringViolations(value: string, constraint: StringConstraint): string[] {
  const out: string[] = [];
  if (constraint.max !== undefined && value.length > constraint.max) out.push(`Member must have length less than or equal to ${constraint.max}`);
  if (constraint.min !== undefined && value.length < constraint.min) out.push(`Member must have length greater than or equal to ${constraint.min}`);
  if (constraint.pattern !== undefined && !fullMatch(constraint.pattern, value)) {
    out.push(`Member must satisfy regular expression pattern: ${constraint.pattern}`);
  }
  return out;
}

const camel = (member: string) => member.charAt(0).toLowerCase() + member.slice(1);

/** Reads members of one request, collecting every violation; `done()` throws them as one ValidationError. */
export class RequestReader {
  private readonly failures: string[] = [];

  constructor(private readonly input: Input) {}

  private fail(path: string, constraint: string) {
    this.failures.push(`Value at '${path}' failed to satisfy constraint: ${constraint}`);
  }

  private missing(member: string, required: boolean): boolean {
    const value = this.input[member];
    if (value !== undefined && value !== null) return false;
    // [inferred] IAM's wording for an absent required member (the CLI never sends such a request).
    if (required) this.fail(camel(member), "Member must not be null");
    return true;
  }

  string(member: string, constraint: StringConstraint, required = false): string | undefined {
    if (this.missing(member, required)) return undefined;
    const value = this.input[member];
    if (typeof value !== "string") {
      // [inferred] a structure or list where the model has a string: only a hand-made request can send one.
      this.fail(camel(member), "Member must be a string");
      return undefined;
    }
    for (const violation of stringViolations(value, constraint)) this.fail(camel(member), violation);
    return value;
  }

  requiredString(member: string, constraint: StringConstraint): string {
    return this.string(member, constraint, true) ?? "";
  }

  integer(member: string, range: { min: number; max: number }): number | undefined {
    if (this.missing(member, false)) return undefined;
    const raw = this.input[member];
    const value = typeof raw === "string" && /^-?\d+$/.test(raw.trim()) ? Number(raw) : raw;
    if (typeof value !== "number" || !Number.isInteger(value)) {
      this.fail(camel(member), "Member must be an integer"); // [inferred]
      return undefined;
    }
    if (value > range.max) this.fail(camel(member), `Member must have value less than or equal to ${range.max}`);
    if (value < range.min) this.fail(camel(member), `Member must have value greater than or equal to ${range.min}`);
    return value;
  }

  boolean(member: string): boolean | undefined {
    if (this.missing(member, false)) return undefined;
    const raw = this.input[member];
    if (typeof raw === "boolean") return raw;
    if (raw === "true" || raw === "false") return raw === "true";
    this.fail(camel(member), "Member must be a boolean"); // [inferred]
    return undefined;
  }

  enumOf<T extends string>(member: string, values: readonly T[]): T | undefined {
    const value = this.string(member, {});
    if (value === undefined) return undefined;
    if (!(values as readonly string[]).includes(value)) this.fail(camel(member), `Member must satisfy enum value set: [${values.join(", ")}]`);
    return value as T;
  }

  /** A list of strings; a member breaking its constraints is reported once for the list, as IAM does for TagKeys. */
  stringList(member: string, constraint: StringConstraint, options: { required?: boolean; maxCount?: number } = {}): string[] | undefined {
    if (this.missing(member, options.required ?? false)) return undefined;
    const value = this.input[member];
    const items = Array.isArray(value) ? value : [value];
    if (options.maxCount !== undefined && items.length > options.maxCount) {
      this.fail(camel(member), `Member must have length less than or equal to ${options.maxCount}`);
    }
    const broken = items.some((item) => typeof item !== "string" || stringViolations(item, constraint).length > 0);
    if (broken) {
      const all = [
        constraint.max !== undefined ? `Member must have length less than or equal to ${constraint.max}` : undefined,
        constraint.min !== undefined ? `Member must have length greater than or equal to ${constraint.min}` : undefined,
        constraint.pattern !== undefined ? `Member must satisfy regular expression pattern: ${constraint.pattern}` : undefined,
        "Member must not be null",
      ].filter((text): text is string => text !== undefined);
      this.fail(camel(member), `Member must satisfy constraint: [${all.join(", ")}]`);
    }
    return items.filter((item): item is string => typeof item === "string");
  }

  /** A list of structures, each read by `read` with the path prefix IAM uses ('tags.1.member'). */
  structureList<T>(member: string, maxCount: number | undefined, read: (item: Input, reader: ItemReader) => T, required = false): T[] | undefined {
    if (this.missing(member, required)) return undefined;
    const value = this.input[member];
    const items = Array.isArray(value) ? value : [value];
    if (maxCount !== undefined && items.length > maxCount) this.fail(camel(member), `Member must have length less than or equal to ${maxCount}`);
    return items.map((item, i) => {
      const prefix = `${camel(member)}.${i + 1}.member`;
      const fields = item !== null && typeof item === "object" && !Array.isArray(item) ? (item as Input) : {};
      return read(fields, new ItemReader(fields, prefix, (path, text) => this.fail(path, text)));
    });
  }

  tags(member = "Tags", required = false): IamTag[] | undefined {
    return this.structureList(
      member,
      IAM_QUOTAS.tagsPerResource,
      (item, reader) => ({
        Key: reader.string("Key", IAM_CONSTRAINTS.tagKey, true) ?? "",
        Value: reader.string("Value", IAM_CONSTRAINTS.tagValue, true) ?? "",
      }),
      required,
    );
  }

  /** Throws every violation found so far as one ValidationError. */
  done(): void {
    if (this.failures.length > 0) throw validationFailed(this.failures);
  }
}

/** The members of one structure inside a list. */
export class ItemReader {
  constructor(
    private readonly item: Input,
    private readonly prefix: string,
    private readonly fail: (path: string, text: string) => void,
  ) {}

  string(member: string, constraint: StringConstraint, required = false): string | undefined {
    const value = this.item[member];
    const path = `${this.prefix}.${camel(member)}`;
    if (value === undefined || value === null) {
      if (required) this.fail(path, "Member must not be null");
      return undefined;
    }
    if (typeof value !== "string") {
      this.fail(path, "Member must be a string");
      return undefined;
    }
    for (const violation of stringViolations(value, constraint)) this.fail(path, violation);
    return value;
  }

  stringList(member: string): string[] {
    const value = this.item[member];
    if (value === undefined || value === null) return [];
    return (Array.isArray(value) ? value : [value]).map(String);
  }
}
