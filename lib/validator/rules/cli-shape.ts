/**
 * Section A: what the AWS CLI (botocore's ParamValidator) rejects before anything is sent. One walk
 * over the document against the API model reports every rule of this section.
 */
import { keySpan, openingOf, valueSpan, type FixSpec, type RuleContext, type Span } from "../engine/context";
import { removeMemberFix, renameKeyFix, replaceValueFix } from "../engine/fixes";
import type { RuleDefinition } from "../engine/rule";
import { botocoreName, type PathSegment } from "../json/pointer";
import { pythonStr, pythonType } from "../json/python";
import type { JsonNode, JsonProp } from "../json/tree";
import type { ExpectedType, JsonTypeName, TypeMismatch } from "../messages/params";
import { inputShape, memberHomes, type ShapeInfo, type StructureInfo } from "../model/api-shape";
import { closestName } from "../model/suggest";
import { DESCRIBE_ONLY_FIELDS, toCliInput } from "../convert";
import { placeholderIn, SKELETON_VALUE } from "../json/placeholders";

const BOTOCORE = "[CLI] botocore ParamValidator";
/** What the ECS service answers for a member of the wrong JSON type that reaches it. */
export const SERIALIZATION_EXCEPTION = "SerializationException";

export const cliShapeRules: RuleDefinition[] = [
  { id: "CLI-DESCRIBE-OUTPUT", level: "error", stage: "cli", section: "A", source: BOTOCORE, docs: "reference" },
  { id: "API-ENUM", level: "error", stage: "service", section: "A", source: "[AWS-doc] API model enums; cfn-lint E3030 (CFN enums)", docs: "reference", awsErrorType: "ClientException" },
  { id: "TPL-PLACEHOLDER", level: "warning", stage: "advice", section: "A", source: "our addition (corpus README: template placeholders)", docs: "reference" },
  { id: "CLI-UNKNOWN-KEY", level: "error", stage: "cli", section: "A", source: BOTOCORE, docs: "reference" },
  { id: "CLI-PASCALCASE", level: "error", stage: "cli", section: "A", source: BOTOCORE, docs: "reference" },
  { id: "CLI-REQUIRED", level: "error", stage: "cli", section: "A", source: BOTOCORE, docs: "reference" },
  { id: "CLI-TYPE-TASK-CPU-MEM", level: "error", stage: "cli", section: "A", source: BOTOCORE, docs: { lesson: "L302" } },
  { id: "CLI-TYPE", level: "error", stage: "cli", section: "A", source: BOTOCORE, docs: "reference" },
  { id: "CLI-NULL", level: "error", stage: "cli", section: "A", source: BOTOCORE, docs: "reference" },
  { id: "CLI-STRLEN", level: "error", stage: "cli", section: "A", source: BOTOCORE, docs: "reference" },
];

/** Python types botocore accepts for each model type, as its message prints them. */
const PY_VALID_TYPES: Record<ShapeInfo["kind"], string> = {
  structure: "<class 'dict'>",
  map: "<class 'dict'>",
  list: "<class 'list'>, <class 'tuple'>",
  string: "<class 'str'>",
  integer: "<class 'int'>",
  long: "<class 'int'>",
  double: "<class 'float'>, <class 'decimal.Decimal'>, <class 'int'>",
  boolean: "<class 'bool'>",
  timestamp: "<class 'datetime.datetime'>, <class 'str'>",
};

const EXPECTED: Record<ShapeInfo["kind"], ExpectedType> = {
  structure: "object",
  map: "object",
  list: "array",
  string: "string",
  integer: "integer",
  long: "integer",
  double: "number",
  boolean: "boolean",
  timestamp: "timestamp",
};

export function checkCliShape(ctx: RuleContext): void {
  walk(ctx, ctx.root, inputShape(ctx.operation), [], openingOf(ctx.root));
  if (ctx.mode === "editor" && ctx.operation === "RegisterTaskDefinition") reportDescribeOutput(ctx);
}

/**
 * describe-task-definition output pasted as input: each read-only field is already an unknown parameter
 * (exactly as botocore says); this names the cause once and offers the whole conversion.
 */
function reportDescribeOutput(ctx: RuleContext): void {
  const root = ctx.root;
  if (root.kind !== "object") return;
  const wrapper = ctx.wrapped ? root.props!.find((prop) => prop.key === "taskDefinition") : undefined;
  const definition = wrapper ? wrapper.node : root;
  const readOnly = definition.props?.filter((prop) => (DESCRIBE_ONLY_FIELDS as readonly string[]).includes(prop.key)) ?? [];
  if (!wrapper && readOnly.length === 0) return;
  const anchor = wrapper ?? readOnly[0];
  ctx.report(
    "CLI-DESCRIBE-OUTPUT",
    { wrapped: wrapper !== undefined, fields: readOnly.map((prop) => prop.key).join(", ") },
    keySpan(anchor),
    wrapper ? ["taskDefinition"] : [anchor.key],
    conversionFix(ctx, "describe"),
  );
}

/** Rewrites the whole document as CLI input (see convert.ts), indented like the learner's text. */
export function conversionFix(ctx: RuleContext, from: "describe" | "cloudFormation"): FixSpec[] | undefined {
  if (ctx.text === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(ctx.text);
  } catch {
    return undefined;
  }
  const indent = /\n([ \t]+)\S/.exec(ctx.text)?.[1] ?? "  ";
  const newText = JSON.stringify(toCliInput(value, ctx.operation), null, indent) + (ctx.text.endsWith("\n") ? "\n" : "");
  return [{ kind: "convertDocument", params: { from }, edits: [{ start: 0, end: ctx.text.length, newText }] }];
}

/** `anchor` is where a member missing from this value is reported: the value's key, or its first character. */
function walk(ctx: RuleContext, node: JsonNode, shape: ShapeInfo, segments: PathSegment[], anchor: Span): void {
  if (node.kind === "null") {
    if (ctx.mode === "editor") reportType(ctx, "CLI-NULL", node, shape, segments, false);
    return;
  }
  const fit = typeFit(node, shape);
  if (fit !== "ok") {
    reportType(ctx, isCpuOrMemory(segments) ? "CLI-TYPE-TASK-CPU-MEM" : "CLI-TYPE", node, shape, segments, fit === "passesCli");
    if (fit === "no") return;
  }
  switch (shape.kind) {
    case "structure":
      walkStructure(ctx, node, shape, segments, anchor);
      return;
    case "list":
      if (shape.min !== undefined && node.items!.length < shape.min && ctx.mode === "editor") {
        ctx.report("CLI-STRLEN", { path: botocoreName(segments), length: node.items!.length, min: shape.min }, valueSpan(node), segments);
      }
      node.items!.forEach((item, index) => walk(ctx, item, shape.member, [...segments, index], openingOf(item)));
      return;
    case "map":
      for (const prop of unshadowed(ctx, node, segments)) walk(ctx, prop.node, shape.value, [...segments, prop.key], keySpan(prop));
      return;
    case "string":
      if (ctx.mode === "editor" && ctx.isPlaceholder(node.value as string)) {
        reportPlaceholder(ctx, node, segments);
        return;
      }
      if (shape.min !== undefined && (node.value as string).length < shape.min && ctx.mode === "editor") {
        ctx.report("CLI-STRLEN", { path: botocoreName(segments), length: (node.value as string).length, min: shape.min }, valueSpan(node), segments);
      }
      if (shape.enum && !shape.enum.includes(node.value as string) && !OWN_ENUM_RULES.has(shape.name)) reportEnum(ctx, node, shape.enum, segments);
      return;
    default:
      return;
  }
}

/** Enums a rule of their own explains better (LOG-DRIVER-ENUM knows the Fargate subset and typos; CD-VERSION-CONSISTENCY says what pinning does). */
const OWN_ENUM_RULES: ReadonlySet<string> = new Set(["LogDriver", "VersionConsistency"]);

function reportEnum(ctx: RuleContext, node: JsonNode, values: readonly string[], segments: PathSegment[]): void {
  const value = node.value as string;
  const suggestion = values.find((v) => v.toLowerCase() === value.toLowerCase()) ?? closestName(value, values);
  ctx.report(
    "API-ENUM",
    { member: String(segments[segments.length - 1]), value, values: values.join(", "), suggestion },
    valueSpan(node),
    segments,
    suggestion ? [replaceValueFix(node, suggestion)] : undefined,
  );
}

/** One finding per placeholder; a generate-cli-skeleton document gets one for the whole document. */
function reportPlaceholder(ctx: RuleContext, node: JsonNode, segments: PathSegment[]): void {
  const value = node.value as string;
  const skeleton = value === SKELETON_VALUE;
  if (skeleton && ctx.findings.some((finding) => finding.ruleId === "TPL-PLACEHOLDER" && (finding.params as { syntax: string }).syntax === "skeleton")) return;
  ctx.report("TPL-PLACEHOLDER", { value, syntax: skeleton ? "skeleton" : (placeholderIn(value) ?? "word") }, valueSpan(node), segments);
}

function walkStructure(ctx: RuleContext, node: JsonNode, shape: StructureInfo, segments: PathSegment[], anchor: Span): void {
  const where = botocoreName(segments);
  for (const member of shape.required) {
    if (node.props!.some((prop) => isGivenAs(ctx, prop, member, shape))) continue;
    ctx.report("CLI-REQUIRED", { where, member }, anchor, [...segments, member]);
  }
  for (const prop of unshadowed(ctx, node, segments)) {
    const memberShape = shape.members.get(prop.key);
    if (memberShape) {
      walk(ctx, prop.node, memberShape, [...segments, prop.key], keySpan(prop));
    } else if (ctx.mode === "editor") {
      reportUnknown(ctx, prop, shape, segments, where);
    }
  }
}

/**
 * The members Python's json.loads keeps: with a duplicate key only the last counts, so earlier copies are
 * not checked against the model but reported as ignored.
 */
function unshadowed(ctx: RuleContext, node: JsonNode, segments: PathSegment[]): JsonProp[] {
  const props = node.props!;
  if (props.length < 2) return props;
  const last = new Map<string, JsonProp>();
  for (const prop of props) last.set(prop.key, prop);
  if (last.size === props.length) return props;
  const kept: JsonProp[] = [];
  for (const prop of props) {
    if (last.get(prop.key) === prop) kept.push(prop);
    else if (ctx.mode === "editor") ctx.report("JSON-DUPLICATE-KEY", { key: prop.key }, keySpan(prop), [...segments, prop.key]);
  }
  return kept;
}

/**
 * Whether `prop` provides the required `member`. On the wire a null member is simply absent. In the
 * editor a wrongly cased key (`Family`) already gets CLI-PASCALCASE with a fix that also satisfies this.
 */
function isGivenAs(ctx: RuleContext, prop: JsonProp, member: string, shape: StructureInfo): boolean {
  if (ctx.mode === "wire") return prop.key === member && prop.node.kind !== "null";
  return prop.key === member || shape.caseInsensitive.get(prop.key.toLowerCase()) === member;
}

function reportUnknown(ctx: RuleContext, prop: JsonProp, shape: StructureInfo, segments: PathSegment[], where: string): void {
  const at = [...segments, prop.key];
  const expected = shape.caseInsensitive.get(prop.key.toLowerCase());
  if (expected) {
    const cloudFormation = /^[A-Z]/.test(prop.key);
    const fixes: FixSpec[] = [renameKeyFix(prop, expected)];
    // The first CloudFormation key also offers converting the whole document in one go.
    if (cloudFormation && !ctx.findings.some((finding) => finding.ruleId === "CLI-PASCALCASE")) fixes.push(...(conversionFix(ctx, "cloudFormation") ?? []));
    ctx.report("CLI-PASCALCASE", { where, key: prop.key, members: shape.memberList, expected, cloudFormation }, keySpan(prop), at, fixes);
    // botocore stops at an unknown key; here the member meant is certain, so its value is checked too and a
    // template pasted from CloudFormation shows all its keys at once instead of one level per attempt.
    walk(ctx, prop.node, shape.members.get(expected)!, at, keySpan(prop));
    return;
  }
  const suggestion = closestName(prop.key, shape.members.keys());
  const belongsIn = suggestion ? undefined : memberHomes(inputShape(ctx.operation)).get(prop.key)?.[0];
  ctx.report(
    "CLI-UNKNOWN-KEY",
    { where, key: prop.key, members: shape.memberList, suggestion, belongsIn },
    keySpan(prop),
    at,
    suggestion ? [renameKeyFix(prop, suggestion)] : undefined,
  );
}

type Fit = "ok" | "no" | "passesCli";

function typeFit(node: JsonNode, shape: ShapeInfo): Fit {
  switch (shape.kind) {
    case "structure":
    case "map":
      return node.kind === "object" ? "ok" : "no";
    case "list":
      return node.kind === "array" ? "ok" : "no";
    case "string":
      return node.kind === "string" ? "ok" : "no";
    case "boolean":
      return node.kind === "boolean" ? "ok" : "no";
    case "integer":
    case "long":
      if (node.kind === "number") return node.float ? "no" : "ok";
      // Python's bool is an int, so botocore lets true/false through and the ECS service rejects it.
      return node.kind === "boolean" ? "passesCli" : "no";
    case "double":
      if (node.kind === "number") return "ok";
      return node.kind === "boolean" ? "passesCli" : "no";
    case "timestamp":
      return node.kind === "number" || node.kind === "string" ? "ok" : "no";
  }
}

function actualType(node: JsonNode): JsonTypeName {
  if (node.kind === "number") return node.float ? "float" : "integer";
  return node.kind;
}

/** Task-level cpu/memory (strings) and container-level cpu/memory/memoryReservation (integers): the classic trap. */
function isCpuOrMemory(segments: PathSegment[]): boolean {
  if (segments.length === 1) return segments[0] === "cpu" || segments[0] === "memory";
  return (
    segments.length === 3 &&
    segments[0] === "containerDefinitions" &&
    (segments[2] === "cpu" || segments[2] === "memory" || segments[2] === "memoryReservation")
  );
}

function reportType(
  ctx: RuleContext,
  ruleId: "CLI-TYPE" | "CLI-TYPE-TASK-CPU-MEM" | "CLI-NULL",
  node: JsonNode,
  shape: ShapeInfo,
  segments: PathSegment[],
  passesCli: boolean,
): void {
  const mismatch: TypeMismatch = {
    path: botocoreName(segments),
    member: String(segments[segments.length - 1] ?? "input"),
    expected: EXPECTED[shape.kind],
    actual: actualType(node),
    pyValue: pythonStr(node),
    pyType: pythonType(node),
    pyValidTypes: PY_VALID_TYPES[shape.kind],
    passesCli,
  };
  const fixes = typeFixes(ctx, node, shape, segments);
  const finding =
    ruleId === "CLI-TYPE-TASK-CPU-MEM"
      ? ctx.report(ruleId, { ...mismatch, taskLevel: segments.length === 1 }, valueSpan(node), segments, fixes)
      : ctx.report(ruleId, mismatch, valueSpan(node), segments, fixes);
  if (passesCli) {
    finding.stage = "service";
    finding.awsErrorType = SERIALIZATION_EXCEPTION;
  }
}

/** The obvious rewrite of a value in the wrong JSON type, when there is one. */
function typeFixes(ctx: RuleContext, node: JsonNode, shape: ShapeInfo, segments: PathSegment[]): FixSpec[] | undefined {
  if (node.kind === "null") {
    const fix = typeof segments[segments.length - 1] === "string" ? removeMemberFix(ctx.text, segments) : undefined;
    return fix ? [fix] : undefined;
  }
  const value = node.value;
  switch (shape.kind) {
    case "string":
      if (node.kind === "number" || node.kind === "boolean") return [replaceValueFix(node, String(value))];
      return undefined;
    case "integer":
    case "long":
      if (node.kind === "string" && /^-?\d+$/.test((value as string).trim())) return [replaceValueFix(node, Number((value as string).trim()))];
      if (node.kind === "number" && Number.isInteger(value)) return [replaceValueFix(node, value as number)];
      return undefined;
    case "double":
      if (node.kind === "string" && (value as string).trim() !== "" && Number.isFinite(Number(value))) return [replaceValueFix(node, Number(value))];
      return undefined;
    case "boolean":
      if (node.kind === "string" && /^(true|false)$/i.test((value as string).trim())) {
        return [replaceValueFix(node, (value as string).trim().toLowerCase() === "true")];
      }
      return undefined;
    default:
      return undefined;
  }
}
