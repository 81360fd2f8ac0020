/**
 * Conversions between what people paste and what the AWS CLI takes: describe-task-definition output (the
 * `taskDefinition` wrapper and its read-only fields) and CloudFormation's PascalCase keys become
 * `--cli-input-json` input. Data keys (log options, labels, driver options) are left as written.
 */
import type { InputOperation } from "../ecs-model";
import { inputShape, type ShapeInfo } from "./model/api-shape";

/** Fields describe-task-definition returns that register-task-definition does not take. */
export const DESCRIBE_ONLY_FIELDS = [
  "taskDefinitionArn",
  "revision",
  "status",
  "compatibilities",
  "requiresAttributes",
  "registeredAt",
  "registeredBy",
  "deregisteredAt",
] as const;

/** `{"taskDefinition": {...}}` from describe-task-definition: the definition inside, else undefined. */
export function unwrapDescribeOutput(value: unknown): Record<string, unknown> | undefined {
  if (!isObject(value) || !isObject(value.taskDefinition)) return undefined;
  const others = Object.keys(value).filter((key) => key !== "taskDefinition" && key !== "tags");
  return others.length === 0 && !("containerDefinitions" in value) ? value.taskDefinition : undefined;
}

/** The value as CLI input for `operation`: unwrapped, read-only fields and nulls dropped, keys in API case. */
export function toCliInput(value: unknown, operation: InputOperation = "RegisterTaskDefinition"): unknown {
  let definition = value;
  if (operation === "RegisterTaskDefinition") {
    const inner = unwrapDescribeOutput(value);
    if (inner) {
      const outerTags = (value as Record<string, unknown>).tags;
      definition = Array.isArray(outerTags) && outerTags.length > 0 && !("tags" in inner) ? { ...inner, tags: outerTags } : inner;
    }
    if (isObject(definition)) {
      definition = Object.fromEntries(Object.entries(definition).filter(([key]) => !(DESCRIBE_ONLY_FIELDS as readonly string[]).includes(key)));
    }
  }
  return convert(definition, inputShape(operation));
}

function convert(value: unknown, shape: ShapeInfo): unknown {
  if (shape.kind === "structure" && isObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [key, member] of Object.entries(value)) {
      if (member === null) continue;
      const name = shape.members.has(key) ? key : (shape.caseInsensitive.get(key.toLowerCase()) ?? key);
      const memberShape = shape.members.get(name);
      out[name] = memberShape ? convert(member, memberShape) : member;
    }
    return out;
  }
  if (shape.kind === "list" && Array.isArray(value)) return value.filter((item) => item !== null).map((item) => convert(item, shape.member));
  if (shape.kind === "map" && isObject(value)) return Object.fromEntries(Object.entries(value).map(([key, member]) => [key, convert(member, shape.value)]));
  return value;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
