import { findProp, type JsonNode, type JsonProp } from "../json/tree";
import { toPointer, type PathSegment } from "../json/pointer";
import type { FixKind, FixParams, MessageParams, RuleId } from "../messages/params";
import type { TextEdit } from "../types";
import type { Stage } from "./rule";

/**
 * `editor`: the learner's document as the AWS CLI reads it (null, wrong case and wrong types are
 * mistakes of their own). `wire`: a request body as the ECS service reads it (null means absent and
 * unknown members are ignored).
 */
export type Mode = "editor" | "wire";

export interface Span {
  start: number;
  end: number;
}

export interface FixSpec<K extends FixKind = FixKind> {
  kind: K;
  params: FixParams[K];
  edits: TextEdit[];
}

export interface Finding<K extends RuleId = RuleId> {
  ruleId: K;
  params: MessageParams[K];
  span: Span;
  pointer: string;
  fixes?: FixSpec[];
  /** When one finding of a rule is raised elsewhere than the rule's usual stage. */
  stage?: Stage;
  awsErrorType?: string;
}

export type FieldKind = "string" | "integer" | "boolean" | "array" | "object";
type FieldValue = { string: string; integer: number; boolean: boolean; array: JsonNode[]; object: JsonNode };

/**
 * A member as a rule sees it. `unusable` means present but not readable as the API type (wrong type,
 * null, or written in the wrong case): another rule already reports that, so semantic rules skip it
 * instead of also calling it missing.
 */
export type Field<T> =
  | { state: "absent" }
  | { state: "unusable" }
  | { state: "ok"; value: T; node: JsonNode; prop: JsonProp };

export interface ContainerView {
  index: number;
  node: JsonNode;
  /** Where to point when the container as a whole is meant: its name if it has one, else its opening brace. */
  span: Span;
  /** The container's name, when it is a non-empty string. */
  name?: string;
  /** The name to show in messages: the name, or AWS's empty name. */
  label: string;
}

/** The first character of a value: where to point for a member missing from an object in a list. */
export function openingOf(node: JsonNode): Span {
  return { start: node.start, end: Math.min(node.start + 1, node.end) };
}

export function valueSpan(node: JsonNode): Span {
  return { start: node.start, end: node.end };
}

export function keySpan(prop: JsonProp): Span {
  return { start: prop.keyStart, end: prop.keyEnd };
}

export class RuleContext {
  readonly findings: Finding[] = [];
  private view?: TaskDefinitionView;

  constructor(
    readonly root: JsonNode,
    readonly mode: Mode,
    /** The learner's text; absent for an already-parsed value, and then no quick fixes are offered. */
    readonly text?: string,
  ) {}

  report<K extends RuleId>(
    ruleId: K,
    params: MessageParams[K],
    span: Span,
    segments: readonly PathSegment[],
    fixes?: FixSpec[],
  ): Finding<K> {
    const finding: Finding<K> = { ruleId, params, span, pointer: toPointer(segments) };
    if (fixes && fixes.length > 0 && this.text !== undefined) finding.fixes = fixes;
    this.findings.push(finding as unknown as Finding);
    return finding;
  }

  field<K extends FieldKind>(object: JsonNode, name: string, kind: K): Field<FieldValue[K]> {
    const prop = findProp(object, name);
    if (!prop) {
      return this.mode === "editor" && hasCaseVariant(object, name) ? { state: "unusable" } : { state: "absent" };
    }
    const node = prop.node;
    if (node.kind === "null") return this.mode === "wire" ? { state: "absent" } : { state: "unusable" };
    const value = readAs(node, kind);
    return value === undefined ? { state: "unusable" } : { state: "ok", value: value as FieldValue[K], node, prop };
  }

  get taskDefinition(): TaskDefinitionView {
    this.view ??= new TaskDefinitionView(this);
    return this.view;
  }
}

function hasCaseVariant(object: JsonNode, name: string): boolean {
  const lower = name.toLowerCase();
  return object.props?.some((prop) => prop.key !== name && prop.key.toLowerCase() === lower) ?? false;
}

function readAs(node: JsonNode, kind: FieldKind): FieldValue[FieldKind] | undefined {
  switch (kind) {
    case "string":
      return node.kind === "string" ? (node.value as string) : undefined;
    case "integer":
      return node.kind === "number" && !node.float ? (node.value as number) : undefined;
    case "boolean":
      return node.kind === "boolean" ? (node.value as boolean) : undefined;
    case "array":
      return node.kind === "array" ? node.items : undefined;
    case "object":
      return node.kind === "object" ? node : undefined;
  }
}

/** What most task-definition rules need, computed once per validation. */
export class TaskDefinitionView {
  /** The top-level object; undefined when the document is not an object. */
  readonly object?: JsonNode;
  /** requiresCompatibilities lists FARGATE: the Fargate rules apply (also when EC2 is listed too). */
  readonly fargate: boolean;
  /** The "FARGATE" entry: where Fargate rules point when the member they need is missing. */
  readonly fargateSpan: Span;
  readonly containerList: Field<JsonNode[]>;
  readonly containers: ContainerView[];

  constructor(ctx: RuleContext) {
    const root = ctx.root;
    this.object = root.kind === "object" ? root : undefined;
    this.fargateSpan = openingOf(root);
    this.fargate = false;
    this.containers = [];
    this.containerList = { state: "absent" };
    if (!this.object) return;

    const compat = ctx.field(this.object, "requiresCompatibilities", "array");
    const fargateItem = compat.state === "ok" ? compat.value.find((item) => item.kind === "string" && item.value === "FARGATE") : undefined;
    if (fargateItem) {
      this.fargate = true;
      this.fargateSpan = valueSpan(fargateItem);
    }

    this.containerList = ctx.field(this.object, "containerDefinitions", "array");
    if (this.containerList.state !== "ok") return;
    this.containerList.value.forEach((node, index) => {
      if (node.kind !== "object") return;
      const name = ctx.field(node, "name", "string");
      const named = name.state === "ok" && name.value !== "";
      this.containers.push({
        index,
        node,
        span: named ? valueSpan(name.node) : openingOf(node),
        name: named ? name.value : undefined,
        label: named ? name.value : "",
      });
    });
  }
}
