import { serializationText } from "@/lib/validator/messages/aws";
import { invalidParameter, serializationException } from "./errors";

/**
 * Request members as received: JSON from anyone, not only from the CLI/SDK (which check types first).
 * Type mismatches fail the way AWS's JSON deserializer does (SerializationException); JSON null = absent.
 */
export type Input = Record<string, unknown>;

type Expected = "string" | "integer" | "boolean" | "object" | "array";

function mismatch(key: string, value: unknown, expected: Expected) {
  const actual = Array.isArray(value)
    ? "array"
    : typeof value === "object"
      ? "object"
      : typeof value === "number"
        ? Number.isInteger(value)
          ? "integer"
          : "float"
        : typeof value === "boolean"
          ? "boolean"
          : "string";
  return serializationException(serializationText({ path: key, expected, actual }));
}

export function asInput(value: unknown): Input {
  if (value === null || value === undefined) return {};
  if (typeof value !== "object" || Array.isArray(value)) throw mismatch("input", value, "object");
  return value as Input;
}

export function optString(input: Input, key: string): string | undefined {
  const v = input[key];
  if (v === null || v === undefined) return undefined;
  if (typeof v !== "string") throw mismatch(key, v, "string");
  return v;
}

export function optInteger(input: Input, key: string): number | undefined {
  const v = input[key];
  if (v === null || v === undefined) return undefined;
  if (typeof v !== "number" || !Number.isInteger(v)) throw mismatch(key, v, "integer");
  return v;
}

export function optBoolean(input: Input, key: string): boolean | undefined {
  const v = input[key];
  if (v === null || v === undefined) return undefined;
  if (typeof v !== "boolean") throw mismatch(key, v, "boolean");
  return v;
}

export function optObject(input: Input, key: string): Input | undefined {
  const v = input[key];
  if (v === null || v === undefined) return undefined;
  if (typeof v !== "object" || Array.isArray(v)) throw mismatch(key, v, "object");
  return v as Input;
}

export function optObjectList(input: Input, key: string): Input[] | undefined {
  const v = input[key];
  if (v === null || v === undefined) return undefined;
  if (!Array.isArray(v)) throw mismatch(key, v, "array");
  return v.map((item, i) => {
    if (item === null || typeof item !== "object" || Array.isArray(item)) throw mismatch(`${key}[${i}]`, item, "object");
    return item as Input;
  });
}

export function optStringList(input: Input, key: string): string[] | undefined {
  const v = input[key];
  if (v === null || v === undefined) return undefined;
  if (!Array.isArray(v)) throw mismatch(key, v, "array");
  v.forEach((item, i) => {
    if (typeof item !== "string") throw mismatch(`${key}[${i}]`, item, "string");
  });
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
