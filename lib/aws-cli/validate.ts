/**
 * botocore's parameter validation, which the CLI runs before sending: required members, unknown members, types and
 * minimum lengths/values (botocore checks no maximums and no enums — the service does). The report lists every
 * problem, one per line, in botocore's words.
 */
import type { ServiceModel, Shape } from "./model";
import { isDict, isPyFloat, isPyInt, PyFloat, pyStr, pyTypeName } from "./python-values";
import { parseTimestampInput } from "./timestamps";

const VALID_TYPES: Record<string, string> = {
  structure: "<class 'dict'>",
  map: "<class 'dict'>",
  list: "<class 'list'>, <class 'tuple'>",
  string: "<class 'str'>",
  integer: "<class 'int'>",
  long: "<class 'int'>",
  boolean: "<class 'bool'>",
  double: "<class 'float'>, <class 'decimal.Decimal'>, <class 'int'>",
  float: "<class 'float'>, <class 'decimal.Decimal'>, <class 'int'>",
  timestamp: "<class 'datetime.datetime'>, timestamp-string",
  blob: "<class 'bytes'>, <class 'bytearray'>, file-like object",
};

function displayName(name: string): string {
  if (name === "") return "input";
  return name.startsWith(".") ? name.slice(1) : name;
}

function typeOk(value: unknown, shape: Shape): boolean {
  switch (shape.type) {
    case "structure":
    case "map":
      return isDict(value);
    case "list":
      return Array.isArray(value);
    case "string":
      return typeof value === "string";
    case "integer":
    case "long":
      // Python's bool is an int.
      return isPyInt(value) || typeof value === "boolean";
    case "boolean":
      return typeof value === "boolean";
    case "double":
    case "float":
      return isPyInt(value) || isPyFloat(value) || typeof value === "boolean";
    case "timestamp":
      return parseTimestampInput(value) !== undefined;
    case "blob":
      return typeof value === "string";
    default:
      return true;
  }
}

function numeric(value: unknown): number {
  if (value instanceof PyFloat) return value.value;
  if (typeof value === "boolean") return value ? 1 : 0;
  return value as number;
}

/** The report botocore would raise for `params` against `shape` (empty when they are valid). */
export function validateParameters(params: unknown, shape: Shape, model: ServiceModel): string[] {
  const errors: string[] = [];
  const visit = (value: unknown, current: Shape, name: string) => {
    if (current.document) return;
    if (!typeOk(value, current)) {
      errors.push(`Invalid type for parameter ${displayName(name)}, value: ${pyStr(value)}, type: ${pyTypeName(value)}, valid types: ${VALID_TYPES[current.type]}`);
      return;
    }
    switch (current.type) {
      case "structure": {
        const object = value as Record<string, unknown>;
        const members = current.members ?? [];
        if (current.union) {
          const count = Object.keys(object).length;
          const names = members.map(([m]) => m);
          if (count === 0) errors.push(`Must set one of the following keys for tagged unionstructure ${displayName(name)}: ${names.join(". ")}.`);
          else if (count > 1) errors.push(`Invalid number of parameters set for tagged union structure ${displayName(name)}. Can only set one of the following keys: ${names.join(". ")}.`);
        }
        for (const required of current.required ?? []) {
          if (!Object.hasOwn(object, required)) errors.push(`Missing required parameter in ${displayName(name)}: "${required}"`);
        }
        const known: string[] = [];
        for (const key of Object.keys(object)) {
          if (!members.some(([m]) => m === key)) errors.push(`Unknown parameter in ${displayName(name)}: "${key}", must be one of: ${members.map(([m]) => m).join(", ")}`);
          else known.push(key);
        }
        for (const key of known) {
          const ref = members.find(([m]) => m === key)![1];
          visit(object[key], model.shapes[ref.shape], `${name}.${key}`);
        }
        return;
      }
      case "list": {
        const list = value as unknown[];
        if (current.min !== undefined && list.length < current.min) {
          errors.push(`Invalid length for parameter ${displayName(name)}, value: ${list.length}, valid min length: ${current.min}`);
        }
        const member = model.shapes[current.member!.shape];
        list.forEach((item, i) => visit(item, member, `${name}[${i}]`));
        return;
      }
      case "map": {
        const object = value as Record<string, unknown>;
        const key = model.shapes[current.key!.shape];
        const valueShape = model.shapes[current.value!.shape];
        for (const [k, v] of Object.entries(object)) {
          visit(k, key, `${name} (key: ${k})`);
          visit(v, valueShape, `${name}.${k}`);
        }
        return;
      }
      case "string": {
        const length = Array.from(value as string).length;
        if (current.min !== undefined && length < current.min) {
          errors.push(`Invalid length for parameter ${displayName(name)}, value: ${length}, valid min length: ${current.min}`);
        }
        return;
      }
      case "integer":
      case "long":
      case "double":
      case "float":
        if (current.min !== undefined && numeric(value) < current.min) {
          errors.push(`Invalid value for parameter ${displayName(name)}, value: ${pyStr(value)}, valid min value: ${current.min}`);
        }
        return;
      default:
        return;
    }
  };
  visit(params, shape, "");
  return errors;
}
