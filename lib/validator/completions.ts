/**
 * Values the editor offers at the cursor, limited to what is valid in context: task memory values allowed
 * for the chosen Fargate cpu, Fargate cpu sizes, the Fargate log drivers, and the API's enums elsewhere.
 * Pure (text and offset in, suggestions out), so the Monaco provider is a thin wrapper and tests need no editor.
 */
import { getLocation, parseTree, findNodeAtLocation, type Node as JsoncNode } from "jsonc-parser";
import type { InputOperation } from "../ecs-model";
import { FARGATE_SIZES, fargateMemoryFor, parseTaskCpu } from "./fargate/sizes";
import { inputShape, type ShapeInfo } from "./model/api-shape";
import { FARGATE_LOG_DRIVERS, LOG_DRIVERS } from "./rules/logging";

export interface Completion {
  /** What the list shows, e.g. "2048". */
  label: string;
  /** The JSON text to insert, quotes included, e.g. "\"2048\"". */
  insertText: string;
  /** A short note: why this value is offered. */
  detail: string;
}

export interface CompletionResult {
  items: Completion[];
  /** The text the chosen item replaces: the value under the cursor, or an empty range at the cursor. */
  replace: { start: number; end: number };
}

const EC2_MEMORY_HINTS = [512, 1024, 2048, 4096, 8192];

export function completionsAt(text: string, offset: number, operation?: InputOperation): CompletionResult {
  const none = { items: [], replace: { start: offset, end: offset } };
  if (typeof text !== "string" || offset < 0 || offset > text.length || text.length > 1_000_000) return none;
  const location = getLocation(text, offset);
  if (location.isAtPropertyKey || location.path.length === 0) return none;
  const root = parseTree(text);
  const replace = valueRange(location.previousNode, offset);
  const kind = operation ?? detect(root);
  const path = location.path;
  const items = kind === "RegisterTaskDefinition" ? taskDefinitionValues(root, path) : undefined;
  return { items: items ?? enumValues(kind, path), replace };
}

function valueRange(node: JsoncNode | undefined, offset: number): { start: number; end: number } {
  if (node && node.type !== "property" && node.offset <= offset && offset <= node.offset + node.length) return { start: node.offset, end: node.offset + node.length };
  return { start: offset, end: offset };
}

function detect(root: JsoncNode | undefined): InputOperation {
  const keys = new Set(root?.type === "object" ? (root.children ?? []).map((property) => property.children?.[0]?.value as string) : []);
  if (keys.has("containerDefinitions")) return "RegisterTaskDefinition";
  if (keys.has("serviceName")) return "CreateService";
  if (keys.has("service")) return "UpdateService";
  return "RegisterTaskDefinition";
}

function stringValue(root: JsoncNode | undefined, path: (string | number)[]): string | undefined {
  const node = root && findNodeAtLocation(root, path);
  return node?.type === "string" ? (node.value as string) : undefined;
}

function fargate(root: JsoncNode | undefined): boolean {
  const list = root && findNodeAtLocation(root, ["requiresCompatibilities"]);
  return list?.type === "array" && (list.children ?? []).some((item) => item.value === "FARGATE");
}

const asString = (value: string | number, detail: string): Completion => ({ label: String(value), insertText: JSON.stringify(String(value)), detail });

/** Values that depend on the rest of the task definition, or undefined to fall back to the API enums. */
function taskDefinitionValues(root: JsoncNode | undefined, path: (string | number)[]): Completion[] | undefined {
  const onFargate = fargate(root);
  if (path.length === 1 && path[0] === "cpu") {
    return FARGATE_SIZES.map((size) => asString(size.cpu, `${size.cpu / 1024} vCPU${onFargate ? " (Fargate)" : ""}`));
  }
  if (path.length === 1 && path[0] === "memory") {
    const cpu = stringValue(root, ["cpu"]);
    const units = cpu === undefined ? undefined : parseTaskCpu(cpu);
    const row = units === undefined ? undefined : fargateMemoryFor(units);
    if (onFargate && row) return row.map((mib) => asString(mib, `MiB, valid with cpu ${units} on Fargate`));
    if (onFargate) return [...new Set(FARGATE_SIZES.flatMap((size) => size.memory))].sort((a, b) => a - b).map((mib) => asString(mib, `MiB (Fargate needs the matching cpu)`));
    return EC2_MEMORY_HINTS.map((mib) => asString(mib, "MiB"));
  }
  if (path.length === 4 && path[0] === "containerDefinitions" && path[2] === "logConfiguration" && path[3] === "logDriver") {
    return (onFargate ? FARGATE_LOG_DRIVERS : LOG_DRIVERS).map((driver) => asString(driver, onFargate ? "supported on Fargate" : "log driver"));
  }
  if (path.length === 1 && path[0] === "networkMode" && onFargate) return [asString("awsvpc", "the only network mode on Fargate")];
  return undefined;
}

/** The enum of the member at `path`, per the API model. */
function enumValues(operation: InputOperation, path: (string | number)[]): Completion[] {
  let shape: ShapeInfo | undefined = inputShape(operation);
  for (const segment of path) {
    if (!shape) return [];
    if (shape.kind === "structure" && typeof segment === "string") shape = shape.members.get(segment);
    else if (shape.kind === "list" && typeof segment === "number") shape = shape.member;
    else if (shape.kind === "map" && typeof segment === "string") shape = shape.value;
    else return [];
  }
  if (!shape || (shape.kind !== "string" && shape.kind !== "list")) return [];
  const scalar = shape.kind === "list" ? shape.member : shape;
  return "enum" in scalar && scalar.enum ? scalar.enum.map((value) => asString(value, "allowed value")) : [];
}

