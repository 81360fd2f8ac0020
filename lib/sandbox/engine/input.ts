import { invalidParameter, serializationException } from "./errors";

/**
 * Request members as received: JSON from anyone, not only from the CLI/SDK (which check types first).
 * Type mismatches fail the way AWS's JSON deserializer does (SerializationException); JSON null = absent.
 */
export type Input = Record<string, unknown>;

function mismatch(value: unknown, target: string) {
  if (Array.isArray(value)) return serializationException("Start of list found where not expected");
  if (typeof value === "object") return serializationException("Start of structure or map found where not expected.");
  const kind = typeof value === "string" ? "STRING_VALUE" : typeof value === "number" ? "NUMBER_VALUE" : "BOOLEAN_VALUE";
  return serializationException(`${kind} can not be converted to ${target}`);
}

export function asInput(value: unknown): Input {
  if (value === null || value === undefined) return {};
  if (typeof value !== "object" || Array.isArray(value)) throw mismatch(value, "a structure");
  return value as Input;
}

export function optString(input: Input, key: string): string | undefined {
  const v = input[key];
  if (v === null || v === undefined) return undefined;
  if (typeof v !== "string") throw mismatch(v, "a String");
  return v;
}

export function optInteger(input: Input, key: string): number | undefined {
  const v = input[key];
  if (v === null || v === undefined) return undefined;
  if (typeof v !== "number" || !Number.isInteger(v)) throw mismatch(v, "an Integer");
  return v;
}

export function optBoolean(input: Input, key: string): boolean | undefined {
  const v = input[key];
  if (v === null || v === undefined) return undefined;
  if (typeof v !== "boolean") throw mismatch(v, "a Boolean");
  return v;
}

export function optObject(input: Input, key: string): Input | undefined {
  const v = input[key];
  if (v === null || v === undefined) return undefined;
  if (typeof v !== "object" || Array.isArray(v)) throw mismatch(v, "a structure");
  return v as Input;
}

export function optObjectList(input: Input, key: string): Input[] | undefined {
  const v = input[key];
  if (v === null || v === undefined) return undefined;
  if (!Array.isArray(v)) throw mismatch(v, "a list");
  return v.map((item) => asInput(item));
}

export function optStringList(input: Input, key: string): string[] | undefined {
  const v = input[key];
  if (v === null || v === undefined) return undefined;
  if (!Array.isArray(v)) throw mismatch(v, "a list");
  for (const item of v) if (typeof item !== "string") throw mismatch(item, "a String");
  return v as string[];
}

/** An enum member: AWS validates the value set on the service side and names the member in its message. */
export function optEnum<T extends string>(input: Input, key: string, values: readonly T[]): T | undefined {
  const v = optString(input, key);
  if (v === undefined) return undefined;
  if (!(values as readonly string[]).includes(v)) {
    throw invalidParameter(
      `1 validation error detected: Value '${v}' at '${key}' failed to satisfy constraint: Member must satisfy enum value set: [${values.join(", ")}]`,
    );
  }
  return v as T;
}
