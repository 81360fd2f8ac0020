/**
 * Reading an EC2 call's members. The ec2 protocol carries every value as text (`FromPort=80`); the gateway's reader
 * types them from the model, but a caller that is not an SDK can send anything, so these accept a value or its text
 * and refuse the rest with EC2's own InvalidParameterValue (AWS's query parser answers a mistyped value with it).
 */
import type { Input } from "../../engine/input";
import { invalidParameterValue } from "./errors";

const wrongType = (key: string, value: unknown, expected: string) =>
  invalidParameterValue(`Invalid value '${typeof value === "object" ? JSON.stringify(value) : String(value)}' for ${key}. Expected ${expected}.`); // [inferred]

export function str(input: Input, key: string): string | undefined {
  const v = input[key];
  if (v === null || v === undefined) return undefined;
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  throw wrongType(key, v, "a string");
}

export function int(input: Input, key: string): number | undefined {
  const v = input[key];
  if (v === null || v === undefined) return undefined;
  const n = typeof v === "number" ? v : typeof v === "string" && /^-?\d{1,10}$/.test(v.trim()) ? Number(v.trim()) : NaN;
  if (!Number.isInteger(n)) throw wrongType(key, v, "an integer");
  return n;
}

export function bool(input: Input, key: string): boolean | undefined {
  const v = input[key];
  if (v === null || v === undefined) return undefined;
  if (typeof v === "boolean") return v;
  if (v === "true" || v === "false") return v === "true";
  throw wrongType(key, v, "true or false");
}

function list(input: Input, key: string): unknown[] | undefined {
  const v = input[key];
  if (v === null || v === undefined) return undefined;
  if (Array.isArray(v)) return v;
  throw wrongType(key, v, "a list");
}

export function strList(input: Input, key: string): string[] | undefined {
  return list(input, key)?.map((item, i) => {
    if (typeof item === "string") return item;
    if (typeof item === "number") return String(item);
    throw wrongType(`${key}.${i + 1}`, item, "a string");
  });
}

export function objList(input: Input, key: string): Input[] | undefined {
  return list(input, key)?.map((item, i) => {
    if (item !== null && typeof item === "object" && !Array.isArray(item)) return item as Input;
    throw wrongType(`${key}.${i + 1}`, item, "a structure");
  });
}

export function obj(input: Input, key: string): Input | undefined {
  const v = input[key];
  if (v === null || v === undefined) return undefined;
  if (typeof v === "object" && !Array.isArray(v)) return v as Input;
  throw wrongType(key, v, "a structure");
}
