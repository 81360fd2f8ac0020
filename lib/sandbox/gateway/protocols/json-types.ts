/**
 * AWS JSON 1.1 input read as AWS's deserializer reads it, before the service sees it: every member the operation's
 * input shape names must carry its shape's JSON type, at every depth, whether or not the service ever looks at it.
 * AWS refuses `{"RotationToken": 1}` to PutSecretValue with a SerializationException although Secrets Manager then
 * ignores the token; the providers only check what they read, so without this such a call went through and changed the
 * sandbox. Members the shape does not name are ignored, as AWS ignores them; JSON null counts as absent (the
 * providers read it so too, engine/input.ts). The texts are the ECS engine's (serializationText), for one wording.
 */
import type { ServiceModel, ShapeModel } from "@/lib/aws-models";
import { serializationText } from "@/lib/validator/messages/aws";
import type { ExpectedType, JsonTypeName } from "@/lib/validator/messages/params";
import { serializationException } from "../../engine/errors";

/** Throws SerializationException, naming the first member (in document order) whose value has the wrong JSON type. */
export function checkJsonTypes(input: unknown, model: ServiceModel, operation: string): void {
  const shapeName = model.operations[operation]?.input;
  // A body that is not an object at all is the providers' to refuse (asInput), with the same exception.
  if (!shapeName || !isObject(input)) return;
  checkStructure(input, model.shapes[shapeName], model, "");
}

function checkStructure(value: Record<string, unknown>, shape: ShapeModel, model: ServiceModel, path: string): void {
  for (const [name, member] of Object.entries(value)) {
    const ref = shape.members && Object.hasOwn(shape.members, name) ? shape.members[name] : undefined;
    if (ref) check(member, model.shapes[ref.shape], model, path ? `${path}.${name}` : name);
  }
}

function check(value: unknown, shape: ShapeModel, model: ServiceModel, path: string): void {
  if (value === null || value === undefined) return;
  const expected = EXPECTED[shape.type];
  if (!matches(value, expected)) throw serializationException(serializationText({ path, expected, actual: jsonType(value) }));
  if (shape.type === "structure") checkStructure(value as Record<string, unknown>, shape, model, path);
  if (shape.type === "list") (value as unknown[]).forEach((item, i) => check(item, model.shapes[shape.member!.shape], model, `${path}[${i}]`));
  if (shape.type === "map") {
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) check(item, model.shapes[shape.value!.shape], model, `${path}.${key}`);
  }
}

const EXPECTED: Record<ShapeModel["type"], ExpectedType> = {
  structure: "object",
  map: "object",
  list: "array",
  string: "string",
  blob: "string",
  boolean: "boolean",
  integer: "integer",
  long: "integer",
  double: "number",
  float: "number",
  timestamp: "timestamp",
};

function matches(value: unknown, expected: ExpectedType): boolean {
  switch (expected) {
    case "object":
      return isObject(value);
    case "array":
      return Array.isArray(value);
    case "integer":
      return typeof value === "number" && Number.isInteger(value);
    case "number":
      return typeof value === "number";
    // Epoch seconds, as the SDKs send them; an ISO 8601 text is read by some services too.
    case "timestamp":
      return typeof value === "number" || typeof value === "string";
    default:
      return typeof value === expected;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function jsonType(value: unknown): JsonTypeName {
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "float";
  if (typeof value === "object") return "object";
  return typeof value === "boolean" ? "boolean" : "string";
}
