/**
 * Wrong inputs derived from the services' API models (lib/aws-models), so the fuzz covers every member of an
 * operation without a hand-written list: a JSON value of the wrong type for a member's shape (nested too: a list
 * whose element, a structure whose member, a map whose value is wrong), and for the query protocols the parameters
 * whose text must parse as a number, a boolean or a timestamp, or whose pattern refuses a value; and the code a value
 * longer than its member allows is answered with.
 */
import { AWS_MODELS, type MemberRef, type ModelledService, type ServiceModel, type ShapeModel } from "@/lib/aws-models";
import { SANDBOX_LIMITS } from "@/lib/sandbox/engine/quotas";
import type { Random } from "./fuzz";
import type { JsonService, QueryService } from "./service-calls";
import { isMutating } from "./service-fixtures";

/** Values no member of each scalar type may take (JSON null is "absent", so it is never one of them). */
const WRONG_SCALARS: Record<string, readonly unknown[]> = {
  string: [123, -1.5, true, false, [], ["text"], {}, { text: "text" }],
  integer: ["10", 1.5, true, [1], {}],
  long: ["10", 1.5, true, [1], {}],
  double: ["1.5", true, [1.5], {}],
  float: ["1.5", true, [1.5], {}],
  boolean: ["true", 1, 0, "yes", [true], {}],
  timestamp: ["yesterday", true, [1], {}],
  blob: [1, true, ["aGk="], {}],
};
const WRONG_COLLECTION = ["text", 1, true];

function shapeOf(model: ServiceModel, name: string): ShapeModel {
  return model.shapes[name];
}

/** A value of the wrong JSON type for `shape`; one level in, the wrong part may be an element, a member or a map value. */
export function wrongJsonValue(model: ServiceModel, shape: ShapeModel, random: Random, nested = true): unknown {
  switch (shape.type) {
    case "list": {
      const element = nested && random.int(2) === 0 ? [[wrongJsonValue(model, shapeOf(model, shape.member!.shape), random, false)]] : [];
      return random.pick([...WRONG_COLLECTION, {}, ...element]);
    }
    case "map": {
      const entry = nested && random.int(2) === 0 ? [{ key: wrongJsonValue(model, shapeOf(model, shape.value!.shape), random, false) }] : [];
      return random.pick([...WRONG_COLLECTION, [], ...entry]);
    }
    case "structure": {
      const members = Object.entries(shape.members ?? {});
      if (nested && members.length > 0 && random.int(2) === 0) {
        const [name, ref] = random.pick(members);
        return { [name]: wrongJsonValue(model, shapeOf(model, ref.shape), random, false) };
      }
      return random.pick([...WRONG_COLLECTION, []]);
    }
    default:
      return random.pick(WRONG_SCALARS[shape.type]);
  }
}

/** The members of an operation's input, with their shapes. */
export function inputMembers(service: ModelledService, operation: string): { name: string; shape: ShapeModel }[] {
  const model = AWS_MODELS[service];
  const input = model.operations[operation].input;
  if (!input) return [];
  return Object.entries(shapeOf(model, input).members ?? {}).map(([name, ref]) => ({ name, shape: shapeOf(model, ref.shape) }));
}

/** Texts that are not a value of each scalar type, as a query parameter would carry them. */
const WRONG_TEXTS: Record<string, readonly string[]> = {
  integer: ["abc", "1.5", "1e3", "0x10", "2147483648", "-2147483649", "", " 7", "99999999999999999999999"],
  long: ["abc", "1.5", "1e3", "0x10", "99999999999999999999999", ""],
  double: ["abc", "1,5", "NaN", "Infinity", "1e999", ""],
  float: ["abc", "1,5", "NaN", "Infinity", ""],
  boolean: ["yes", "1", "0", "", "TRUE ", "truee"],
  timestamp: ["yesterday", "2026-13-01T00:00:00Z", "2026-02-30T00:00:00Z", "1e9", ""],
};

/** A member's parameter name on the wire: query, its locationName or name; ec2, queryName, else locationName capitalised. */
function wireName(service: "iam" | "ec2" | "sts", name: string, ref: MemberRef): string {
  const location = ref.locationName ?? AWS_MODELS[service].shapes[ref.shape].locationName;
  if (service !== "ec2") return location ?? name;
  return ref.queryName ?? (location ? location[0].toUpperCase() + location.slice(1) : name);
}

function queryMembers(service: "iam" | "ec2" | "sts", operation: string): { name: string; ref: MemberRef; shape: ShapeModel; parameter: string; required: boolean }[] {
  const model = AWS_MODELS[service];
  const input = model.operations[operation].input;
  if (!input) return [];
  const shape = shapeOf(model, input);
  return Object.entries(shape.members ?? {}).map(([name, ref]) => ({
    name,
    ref,
    shape: shapeOf(model, ref.shape),
    parameter: wireName(service, name, ref),
    required: shape.required?.includes(name) ?? false,
  }));
}

/** The input members of an operation whose wire text must parse (numbers, booleans, timestamps), by parameter name. */
export function typedParameters(service: "iam" | "ec2" | "sts", operation: string): { parameter: string; wrong: readonly string[] }[] {
  return queryMembers(service, operation).flatMap(({ shape, parameter }) => (WRONG_TEXTS[shape.type] ? [{ parameter, wrong: WRONG_TEXTS[shape.type] }] : []));
}

/** EC2's collection members (lists, structures) by parameter name: a bare `Name=value` for one is a parameter EC2 does not have. */
export function collectionParameters(operation: string): string[] {
  return queryMembers("ec2", operation).flatMap(({ shape, parameter }) => (shape.type === "list" || shape.type === "structure" ? [parameter] : []));
}

/** The parameters an operation cannot do without: renamed, the call lacks one. */
export function requiredParameters(service: "iam" | "ec2" | "sts", operation: string): string[] {
  return queryMembers(service, operation).flatMap(({ required, parameter }) => (required ? [parameter] : []));
}

/** String members whose model pattern refuses `value` (IAM's names, paths and documents): AWS refuses the call. */
export function patternRefuses(service: "iam" | "ec2" | "sts", operation: string, value: string): string[] {
  return queryMembers(service, operation).flatMap(({ shape, parameter }) =>
    shape.type === "string" && shape.pattern !== undefined && !new RegExp(`^(?:${shape.pattern})$`, "u").test(value) ? [parameter] : [],
  );
}

/** The input's string members with a length limit in the model: where a huge value must be refused. */
export function limitedStrings(service: ModelledService, operation: string): { name: string; max: number }[] {
  return inputMembers(service, operation).flatMap(({ name, shape }) => (shape.type === "string" && shape.max !== undefined ? [{ name, max: shape.max }] : []));
}

/**
 * The code a call with a value longer than its member allows gets: the service's validation error, or, for a call
 * that would change the sandbox and is longer than the sandbox takes at all, the sandbox's own bound
 * (SANDBOX_LIMITS.requestCharacters, checked before the operation runs; IAM's model names it LimitExceeded).
 */
export function tooLongCode(service: JsonService | QueryService, op: string, inputCharacters: number, validation: string): string {
  if (!isMutating(service, op) || inputCharacters <= SANDBOX_LIMITS.requestCharacters) return validation;
  return service === "iam" ? "LimitExceeded" : "LimitExceededException";
}
