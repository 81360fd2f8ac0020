/**
 * Bad requests for the AWS JSON 1.1 services (ECR, CloudWatch Logs, Secrets Manager, SSM), for
 * services-robustness.test.ts: most are a valid call that would change the sandbox (service-fixtures.ts) with one
 * thing wrong, and each says the error code AWS answers it with when the fault decides one.
 */
import { AWS_MODELS } from "@/lib/aws-models";
import { ecsModel } from "@/lib/ecs-model";
import type { Random } from "./fuzz";
import { inputMembers, limitedStrings, tooLongCode, wrongJsonValue } from "./model-fuzz";
import { JSON_SERVICES, targetOf, type Draft, type JsonService } from "./service-calls";
import { harmfulOperations, JSON_BASES, type SandboxFacts } from "./service-fixtures";

export const JSON_KINDS = ["malformed JSON", "wrong member types", "huge strings", "deep nesting", "unknown targets", "wrong target prefixes"] as const;
export type JsonKind = (typeof JSON_KINDS)[number];

/** One request to make: its service and kind, which of its kind it is, its own generator, the sandbox's facts. */
export interface JsonCase {
  service: JsonService;
  index: number;
  random: Random;
  facts: SandboxFacts;
}

const TARGET_PREFIXES = JSON_SERVICES.map((service) => AWS_MODELS[service].metadata.targetPrefix!);

/** How each service refuses a member the model's constraints do not allow (its validation error). */
const VALIDATION_CODES: Record<JsonService, string> = {
  ecr: "InvalidParameterException",
  logs: "InvalidParameterException",
  secretsmanager: "ValidationException",
  ssm: "ValidationException",
};

/** Every (operation, member) of a service's based calls: what "wrong member types" walks. */
const members = (service: JsonService) => Object.keys(JSON_BASES[service]).flatMap((op) => inputMembers(service, op).map(({ name }) => ({ op, member: name })));
/** Every string member with a length limit of a service's based calls: what "huge strings" walks. */
const limited = (service: JsonService) => Object.keys(JSON_BASES[service]).flatMap((op) => limitedStrings(service, op).map((member) => ({ op, ...member })));

/** What the model-derived kinds must reach, as `kind Operation.member`. */
export function jsonCoverage(service: JsonService): string[] {
  return [...members(service).map(({ op, member }) => `wrong member types ${op}.${member}`), ...limited(service).map(({ op, name }) => `huge strings ${op}.${name}`)];
}

/** A harmful call of the case's service: an operation that would change the sandbox, and its valid input. */
function harmful({ service, random, facts }: JsonCase): { op: string; input: Record<string, unknown> } {
  const op = random.pick(harmfulOperations(service));
  return { op, input: JSON_BASES[service][op](facts) };
}

function malformedJson(c: JsonCase): Draft {
  const { op, input } = harmful(c);
  const { random } = c;
  const valid = JSON.stringify(input);
  const body = random.pick([
    // Any proper prefix of an object's JSON is unfinished.
    valid.slice(0, 1 + random.int(valid.length - 1)),
    `${valid}}`,
    `${valid},`,
    `${valid}${valid}`,
    `${valid.slice(0, -1)},}`,
    valid.replace(/"/g, "'"),
    valid.replace(/"([A-Za-z]+)":/, "$1:"),
    valid.replace(/:("|\[|\{|\d|t|f)/, ":NaN,$1"),
    `{"${Object.keys(input)[0]}":"\u0001"}`,
    '{"a":"\\x"}',
    '{"a":"\\u12"}',
    "\uFEFF{}",
    "{",
    "[1,2",
    '"unterminated',
    "\u0000",
    `~${random.text(random.int(200))}`,
    `Action=${op}&Version=2015-09-21&repositoryName=evil`,
    "<CreateRepository/>",
    // JSON, but not an object.
    "[]",
    "42",
    '"text"',
    "true",
  ]);
  return { call: { service: c.service, target: targetOf(c.service, op), body }, expectedCode: "SerializationException" };
}

function wrongMemberType({ service, index, random, facts }: JsonCase): Draft {
  const all = members(service);
  const { op, member } = all[index % all.length];
  const shape = inputMembers(service, op).find(({ name }) => name === member)!.shape;
  const body = JSON.stringify({ ...JSON_BASES[service][op](facts), [member]: wrongJsonValue(AWS_MODELS[service], shape, random) });
  return { call: { service, target: targetOf(service, op), body }, expectedCode: "SerializationException", covers: `${op}.${member}` };
}

function hugeString({ service, index, random, facts }: JsonCase): Draft {
  const all = limited(service);
  const { op, name, max } = all[index % all.length];
  const length = random.pick([max + 1, max * 4, 100_000, 400_000, 900_000]);
  const body = JSON.stringify({ ...JSON_BASES[service][op](facts), [name]: random.pick(["x", "/", "a-"]).repeat(length).slice(0, length) });
  return { call: { service, target: targetOf(service, op), body }, expectedCode: tooLongCode(service, op, body.length, VALIDATION_CODES[service]), covers: `${op}.${name}` };
}

function deepNesting(c: JsonCase): Draft {
  const { op, input } = harmful(c);
  const { service, random } = c;
  const member = random.pick(inputMembers(service, op)).name;
  const valid = JSON.stringify(input);
  const withMember = (value: string) => `${valid.slice(0, -1)},"${member}":${value}}`;
  const call = (body: string): Draft => ({ call: { service, target: targetOf(service, op), body }, expectedCode: "SerializationException" });
  if (random.int(2) === 0) {
    // Deeper than any input goes: refused before it is parsed.
    const depth = random.pick([33, 100, 5_000, 100_000]);
    const [open, close] = random.pick([["[", "]"], ['{"a":', "}"]]);
    return call(withMember(`${open.repeat(depth)}1${close.repeat(depth)}`));
  }
  // Within the limit, in a member the operation has: arrays of arrays are the wrong type for every member.
  const depth = 2 + random.int(28);
  return call(withMember(`${"[".repeat(depth)}"x"${"]".repeat(depth)}`));
}

function unknownTarget(c: JsonCase): Draft {
  const { op, input } = harmful(c);
  const { service, random } = c;
  const model = AWS_MODELS[service];
  const notEmulated = model.allOperations.filter((name) => !Object.hasOwn(model.operations, name));
  const others = JSON_SERVICES.filter((s) => s !== service).flatMap((s) => Object.keys(AWS_MODELS[s].operations));
  const name = random.pick([
    "",
    "Nope",
    op.toLowerCase(),
    op.toUpperCase(),
    `${op}s`,
    `${op}.${op}`,
    `${op};DeleteEverything`,
    `../${op}`,
    random.pick(notEmulated),
    random.pick(others),
    "__proto__",
    "constructor",
    "toString",
    "hasOwnProperty",
    "valueOf",
    "PushImage",
    "AdvanceClock",
  ]);
  // A name that happens to be an operation of this service (`DeleteParameter` + "s") is no unknown target.
  const unknown = Object.hasOwn(model.operations, name) ? "Nope" : name;
  return { call: { service, target: `${model.metadata.targetPrefix}.${unknown}`, body: JSON.stringify(input) }, expectedCode: "UnknownOperationException" };
}

function wrongTargetPrefix(c: JsonCase): Draft {
  const { op, input } = harmful(c);
  const { service, random } = c;
  const own = AWS_MODELS[service].metadata.targetPrefix!;
  const ecs = ecsModel.source.targetPrefix;
  const prefix = random.pick(
    [...TARGET_PREFIXES, ecs, "DojoSandbox", own.toLowerCase(), own.toUpperCase(), own.slice(0, -1), `${own}_`, `${own}.`, `x${own}`, ""].filter((p) => p !== own),
  );
  const target = random.pick([`${prefix}.${op}`, `${prefix}.${op}`, op, "", `.${op}`]);
  return { call: { service, target, body: JSON.stringify(input) }, expectedCode: "UnknownOperationException" };
}

const GENERATORS: Record<JsonKind, (c: JsonCase) => Draft> = {
  "malformed JSON": malformedJson,
  "wrong member types": wrongMemberType,
  "huge strings": hugeString,
  "deep nesting": deepNesting,
  "unknown targets": unknownTarget,
  "wrong target prefixes": wrongTargetPrefix,
};

export function jsonDraft(kind: JsonKind, c: JsonCase): Draft {
  return GENERATORS[kind](c);
}
