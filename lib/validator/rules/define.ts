/**
 * Shorthands shared by the rule modules: a rule definition with the defaults its level implies, and
 * readers for the members rules look at most (a member that is absent, unreadable or a placeholder reads
 * as undefined, so a rule only ever judges values the learner really wrote).
 */
import { valueSpan, type ContainerView, type RuleContext, type Span } from "../engine/context";
import type { DocsTarget, RuleDefinition, Section, Stage } from "../engine/rule";
import type { PathSegment } from "../json/pointer";
import type { JsonNode } from "../json/tree";
import type { Level } from "../types";
import type { RuleId } from "../messages/params";

const DEFAULT_STAGE: Record<Level, Stage> = { error: "service", runtime: "runtime", warning: "advice" };

export function defineRule<K extends RuleId>(
  id: K,
  level: Level,
  section: Section,
  source: string,
  check: (ctx: RuleContext) => void,
  extra: { stage?: Stage; docs?: DocsTarget } = {},
): RuleDefinition<K> {
  const stage = extra.stage ?? DEFAULT_STAGE[level];
  return {
    id,
    level,
    stage,
    section,
    source,
    docs: extra.docs ?? "reference",
    ...(stage === "service" ? { awsErrorType: "ClientException" } : {}),
    check,
  };
}

export interface Value<T> {
  value: T;
  node: JsonNode;
  span: Span;
}

function read<T>(ctx: RuleContext, object: JsonNode | undefined, name: string, kind: "string" | "integer" | "boolean" | "array" | "object"): Value<T> | undefined {
  if (!object || object.kind !== "object") return undefined;
  const field = ctx.field(object, name, kind);
  return field.state === "ok" ? { value: field.value as T, node: field.node, span: valueSpan(field.node) } : undefined;
}

export const str = (ctx: RuleContext, object: JsonNode | undefined, name: string) => read<string>(ctx, object, name, "string");
export const int = (ctx: RuleContext, object: JsonNode | undefined, name: string) => read<number>(ctx, object, name, "integer");
export const bool = (ctx: RuleContext, object: JsonNode | undefined, name: string) => read<boolean>(ctx, object, name, "boolean");
export const list = (ctx: RuleContext, object: JsonNode | undefined, name: string) => read<JsonNode[]>(ctx, object, name, "array");
export const obj = (ctx: RuleContext, object: JsonNode | undefined, name: string) => read<JsonNode>(ctx, object, name, "object");

/** Whether a member is written at all (even null or mistyped): for rules about a member's mere presence. */
export function present(object: JsonNode | undefined, name: string): JsonNode | undefined {
  return object?.props?.find((prop) => prop.key === name)?.node;
}

/** The objects of a list member, with their index. */
export function objectsOf(ctx: RuleContext, object: JsonNode | undefined, name: string): Array<{ node: JsonNode; index: number }> {
  const items = list(ctx, object, name)?.value ?? [];
  const out: Array<{ node: JsonNode; index: number }> = [];
  items.forEach((node, index) => {
    if (node.kind === "object") out.push({ node, index });
  });
  return out;
}

/** The readable strings of a list member, with their index. */
export function stringsOf(ctx: RuleContext, object: JsonNode | undefined, name: string): Array<Value<string> & { index: number }> {
  const items = list(ctx, object, name)?.value ?? [];
  const out: Array<Value<string> & { index: number }> = [];
  items.forEach((node, index) => {
    if (node.kind === "string" && !ctx.isPlaceholder(node.value as string)) out.push({ value: node.value as string, node, span: valueSpan(node), index });
  });
  return out;
}

/** Path of a member of a container. */
export function at(container: ContainerView, ...rest: PathSegment[]): PathSegment[] {
  return ["containerDefinitions", container.index, ...rest];
}

/** Each container's linuxParameters object, when given. */
export function linuxParameters(ctx: RuleContext, container: ContainerView): JsonNode | undefined {
  return obj(ctx, container.node, "linuxParameters")?.value;
}

/** Each container's logConfiguration with its driver and options, when given. */
export function logConfigurationOf(ctx: RuleContext, container: ContainerView) {
  const config = obj(ctx, container.node, "logConfiguration")?.value;
  if (!config) return undefined;
  return { config, driver: str(ctx, config, "logDriver"), options: obj(ctx, config, "options") };
}

/** The task's top-level object and the rule's context, when the document is a task definition at all. */
export function top(ctx: RuleContext): JsonNode | undefined {
  return ctx.taskDefinition.object;
}
