import { findProp, type JsonNode, type JsonProp } from "../json/tree";
import { toPointer, type PathSegment } from "../json/pointer";
import type { FixKind, FixParams, MessageParams, RuleId } from "../messages/params";
import type { Level, TextEdit } from "../types";
import type { InputOperation } from "../../ecs-model";
import { ServiceView } from "./service-view";
import type { Stage } from "./rule";
import { placeholderIn, SKELETON_MIN_VALUES, SKELETON_VALUE } from "../json/placeholders";

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
  /** When one finding of a rule is less severe than the rule's usual level (e.g. a harmless variant). */
  level?: Level;
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
  private serviceView?: ServiceView;
  private skeletonDocument?: boolean;
  /**
   * Path segments in front of every semantic finding's own path: ["taskDefinition"] when the document is
   * describe-task-definition output wrapped under that key (the rules then read the definition inside).
   */
  base: readonly PathSegment[] = [];
  /** The task definition the semantic rules read: the document, or the one inside a describe wrapper. */
  readonly definition: JsonNode;
  readonly wrapped: boolean;

  constructor(
    readonly root: JsonNode,
    readonly mode: Mode,
    /** The learner's text; absent for an already-parsed value, and then no quick fixes are offered. */
    readonly text?: string,
    readonly options: ContextOptions = {},
  ) {
    const inner = mode === "editor" ? describeWrapperOf(root) : undefined;
    this.definition = inner ?? root;
    this.wrapped = inner !== undefined;
  }

  get operation(): InputOperation {
    return this.options.operation ?? "RegisterTaskDefinition";
  }

  /** The account the learner registers in, when known (for cross-account ARN checks). */
  get accountId(): string | undefined {
    return this.options.accountId;
  }

  /**
   * Whether a string value is a template placeholder the learner has yet to fill in. Only in the editor:
   * on the wire, ECS takes every string literally.
   */
  isPlaceholder(value: string): boolean {
    if (this.mode !== "editor") return false;
    if (value === SKELETON_VALUE) return this.skeleton;
    return placeholderIn(value) !== undefined;
  }

  /** generate-cli-skeleton output: "string" stands for every string value. */
  get skeleton(): boolean {
    this.skeletonDocument ??= countSkeletonValues(this.root, 0) >= SKELETON_MIN_VALUES;
    return this.skeletonDocument;
  }

  report<K extends RuleId>(
    ruleId: K,
    params: MessageParams[K],
    span: Span,
    segments: readonly PathSegment[],
    fixes?: FixSpec[],
  ): Finding<K> {
    const finding: Finding<K> = { ruleId, params, span, pointer: toPointer(this.base.length > 0 ? [...this.base, ...segments] : segments) };
    // Fixes address members by their path in the text; inside a describe wrapper that path is not the
    // rule's own, so only the whole-document conversion is offered there.
    const usable = this.base.length > 0 ? fixes?.filter((fix) => fix.kind === "convertDocument" || fix.kind === "replaceValue" || fix.kind === "renameKey") : fixes;
    if (usable && usable.length > 0 && this.text !== undefined) finding.fixes = usable;
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
    if (kind === "string" && value !== undefined && this.isPlaceholder(value as string)) return { state: "unusable" };
    return value === undefined ? { state: "unusable" } : { state: "ok", value: value as FieldValue[K], node, prop };
  }

  get taskDefinition(): TaskDefinitionView {
    this.view ??= new TaskDefinitionView(this);
    return this.view;
  }

  get service(): ServiceView {
    this.serviceView ??= new ServiceView(this);
    return this.serviceView;
  }
}

export interface ContextOptions {
  operation?: InputOperation;
  accountId?: string;
  /** Task definitions a service input may name, by family, family:revision or ARN (section L). */
  taskDefinitions?: readonly unknown[];
}

/** The definition inside `{"taskDefinition": {...}}` (describe-task-definition output), if that is the shape. */
function describeWrapperOf(root: JsonNode): JsonNode | undefined {
  if (root.kind !== "object") return undefined;
  const props = root.props!;
  const wrapper = props.find((prop) => prop.key === "taskDefinition");
  if (!wrapper || wrapper.node.kind !== "object") return undefined;
  return props.every((prop) => prop.key === "taskDefinition" || prop.key === "tags") ? wrapper.node : undefined;
}

function countSkeletonValues(node: JsonNode, found: number): number {
  if (found >= SKELETON_MIN_VALUES) return found;
  if (node.kind === "string") return node.value === SKELETON_VALUE ? found + 1 : found;
  for (const child of node.items ?? node.props?.map((prop) => prop.node) ?? []) found = countSkeletonValues(child, found);
  return found;
}

/** Each object's keys by their lower case, built on first use: rules ask about absent members a lot. */
const keysByLowerCase = new WeakMap<JsonNode, Map<string, string[]>>();

function hasCaseVariant(object: JsonNode, name: string): boolean {
  let keys = keysByLowerCase.get(object);
  if (!keys) {
    keys = new Map();
    for (const prop of object.props ?? []) {
      const lower = prop.key.toLowerCase();
      const list = keys.get(lower);
      if (list) list.push(prop.key);
      else keys.set(lower, [prop.key]);
    }
    keysByLowerCase.set(object, keys);
  }
  return keys.get(name.toLowerCase())?.some((key) => key !== name) ?? false;
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

export type NetworkMode = "bridge" | "host" | "awsvpc" | "none";

/** What most task-definition rules need, computed once per validation. */
export class TaskDefinitionView {
  /** The top-level object; undefined when the document is not an object. */
  readonly object?: JsonNode;
  /** requiresCompatibilities lists FARGATE: the Fargate rules apply (also when EC2 is listed too). */
  readonly fargate: boolean;
  /**
   * ECS checks the definition for EC2: requiresCompatibilities lists EC2, or is absent or empty (ECS then
   * checks for EC2 only).
   */
  readonly ec2: boolean;
  /** The "FARGATE" entry: where Fargate rules point when the member they need is missing. */
  readonly fargateSpan: Span;
  readonly containerList: Field<JsonNode[]>;
  readonly containers: ContainerView[];
  readonly byName: ReadonlyMap<string, ContainerView>;
  /** Every container has a readable name, so a name missing from byName really names no container. */
  readonly namesKnown: boolean;
  /**
   * The network mode the task runs with: the value given, or the default when omitted (bridge; awsvpc on
   * Fargate, where FG-NETWORKMODE reports the omission). Undefined when unreadable or not a valid mode.
   */
  readonly networkMode?: NetworkMode;
  /** runtimePlatform names a Windows operating system family. */
  readonly windows: boolean;
  /** executionRoleArn is given (as anything readable or not: only its absence matters to the rules). */
  readonly hasExecutionRole: boolean;
  readonly hasTaskRole: boolean;

  constructor(ctx: RuleContext) {
    const root = ctx.definition;
    this.object = root.kind === "object" ? root : undefined;
    this.fargateSpan = openingOf(root);
    this.fargate = false;
    this.ec2 = true;
    this.containers = [];
    this.byName = new Map();
    this.namesKnown = false;
    this.windows = false;
    this.hasExecutionRole = false;
    this.hasTaskRole = false;
    this.containerList = { state: "absent" };
    if (!this.object) return;

    const compat = ctx.field(this.object, "requiresCompatibilities", "array");
    const fargateItem = compat.state === "ok" ? compat.value.find((item) => item.kind === "string" && item.value === "FARGATE") : undefined;
    if (fargateItem) {
      this.fargate = true;
      this.fargateSpan = valueSpan(fargateItem);
    }
    if (compat.state === "ok" && compat.value.length > 0) this.ec2 = compat.value.some((item) => item.value === "EC2");
    else if (compat.state === "unusable") this.ec2 = false;

    const mode = ctx.field(this.object, "networkMode", "string");
    if (mode.state === "ok") this.networkMode = NETWORK_MODES.has(mode.value) ? (mode.value as NetworkMode) : undefined;
    else if (mode.state === "absent") this.networkMode = this.fargate ? "awsvpc" : "bridge";

    const platform = ctx.field(this.object, "runtimePlatform", "object");
    if (platform.state === "ok") {
      const family = ctx.field(platform.value, "operatingSystemFamily", "string");
      this.windows = family.state === "ok" && family.value.startsWith("WINDOWS");
    }
    this.hasExecutionRole = givenRole(ctx.field(this.object, "executionRoleArn", "string"));
    this.hasTaskRole = givenRole(ctx.field(this.object, "taskRoleArn", "string"));

    this.containerList = ctx.field(this.object, "containerDefinitions", "array");
    if (this.containerList.state !== "ok") return;
    const byName = new Map<string, ContainerView>();
    // AWS rejects more than 10 containers outright (TD-CONTAINERS-MAX); checking each of thousands would
    // only bury that message and slow the editor, so the per-container rules read the first ones.
    this.containerList.value.slice(0, MAX_CHECKED_CONTAINERS).forEach((node, index) => {
      if (node.kind !== "object") return;
      const name = ctx.field(node, "name", "string");
      const named = name.state === "ok" && name.value !== "";
      const view: ContainerView = {
        index,
        node,
        span: named ? valueSpan(name.node) : openingOf(node),
        name: named ? name.value : undefined,
        label: named ? name.value : "",
      };
      this.containers.push(view);
      if (view.name !== undefined && !byName.has(view.name)) byName.set(view.name, view);
    });
    this.byName = byName;
    this.namesKnown =
      this.containerList.value.length <= MAX_CHECKED_CONTAINERS &&
      this.containers.length === this.containerList.value.length &&
      this.containers.every((c) => c.name !== undefined);
  }
}

/** A role member counts as given unless absent or empty (console exports write ""); a placeholder counts. */
function givenRole(field: Field<string>): boolean {
  return field.state === "unusable" || (field.state === "ok" && field.value !== "");
}

/** One more than AWS's limit, so a duplicate name among the first eleven is still found. */
const MAX_CHECKED_CONTAINERS = 11;

const NETWORK_MODES: ReadonlySet<string> = new Set(["bridge", "host", "awsvpc", "none"]);
