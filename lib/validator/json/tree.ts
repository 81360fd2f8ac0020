/**
 * The validator's own positioned JSON tree. It is built either from the learner's text (through
 * jsonc-parser, so every node knows where it is) or from an already-parsed value (positions are then 0),
 * and every rule reads only this tree, so both entry points behave the same.
 */
import type { Node as ParserNode } from "jsonc-parser";

export type JsonKind = "object" | "array" | "string" | "number" | "boolean" | "null";

export interface JsonProp {
  key: string;
  keyStart: number;
  keyEnd: number;
  node: JsonNode;
}

export interface JsonNode {
  kind: JsonKind;
  /** Offsets of the value in the text (UTF-16 code units, end exclusive). */
  start: number;
  end: number;
  /** Scalar value; undefined for objects and arrays. */
  value?: string | number | boolean | null;
  /** True for a number written with a fraction or exponent: Python (the AWS CLI) reads it as a float. */
  float?: boolean;
  props?: JsonProp[];
  items?: JsonNode[];
}

export function fromParserTree(node: ParserNode, text: string): JsonNode {
  const start = node.offset;
  const end = node.offset + node.length;
  switch (node.type) {
    case "object": {
      const props: JsonProp[] = [];
      for (const child of node.children ?? []) {
        const [keyNode, valueNode] = child.children ?? [];
        if (!keyNode || !valueNode) continue;
        props.push({
          key: String(keyNode.value),
          keyStart: keyNode.offset,
          keyEnd: keyNode.offset + keyNode.length,
          node: fromParserTree(valueNode, text),
        });
      }
      return { kind: "object", start, end, props };
    }
    case "array":
      return { kind: "array", start, end, items: (node.children ?? []).map((child) => fromParserTree(child, text)) };
    case "number":
      return { kind: "number", start, end, value: node.value as number, float: /[.eE]/.test(text.slice(start, end)) };
    case "string":
      return { kind: "string", start, end, value: node.value as string };
    case "boolean":
      return { kind: "boolean", start, end, value: node.value as boolean };
    default:
      return { kind: "null", start, end, value: null };
  }
}

/** Builds a tree from a parsed value; values JSON cannot hold (functions, undefined, cycles) are dropped. */
export function fromValue(value: unknown, maxDepth: number): JsonNode {
  return build(value, 0, maxDepth, new Set());
}

function build(value: unknown, depth: number, maxDepth: number, ancestors: Set<object>): JsonNode {
  if (value === null || value === undefined) return { kind: "null", start: 0, end: 0, value: null };
  switch (typeof value) {
    case "string":
      return { kind: "string", start: 0, end: 0, value };
    case "number":
      return { kind: "number", start: 0, end: 0, value, float: !Number.isInteger(value) };
    case "bigint":
      return { kind: "number", start: 0, end: 0, value: Number(value) };
    case "boolean":
      return { kind: "boolean", start: 0, end: 0, value };
    case "object":
      break;
    default:
      return { kind: "null", start: 0, end: 0, value: null };
  }
  const object = value as object;
  if (depth >= maxDepth || ancestors.has(object)) return { kind: "null", start: 0, end: 0, value: null };
  ancestors.add(object);
  try {
    if (Array.isArray(object)) {
      return { kind: "array", start: 0, end: 0, items: object.map((item) => build(item, depth + 1, maxDepth, ancestors)) };
    }
    const props: JsonProp[] = [];
    for (const [key, child] of Object.entries(object)) {
      if (child === undefined || typeof child === "function" || typeof child === "symbol") continue;
      props.push({ key, keyStart: 0, keyEnd: 0, node: build(child, depth + 1, maxDepth, ancestors) });
    }
    return { kind: "object", start: 0, end: 0, props };
  } finally {
    ancestors.delete(object);
  }
}

/** The value of a member as Python's json.loads (the AWS CLI) sees it: with duplicate keys, the last one wins. */
export function findProp(object: JsonNode, key: string): JsonProp | undefined {
  const props = object.props;
  if (!props) return undefined;
  for (let i = props.length - 1; i >= 0; i--) {
    if (props[i].key === key) return props[i];
  }
  return undefined;
}

/** Deepest nesting of brackets outside strings; used to refuse input the recursive parser cannot take. */
export function nestingDepth(text: string, stopAt: number): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) {
      inString = true;
    } else if (c === 123 /* { */ || c === 91 /* [ */) {
      depth++;
      if (depth > max) {
        max = depth;
        if (max > stopAt) return max;
      }
    } else if (c === 125 /* } */ || c === 93 /* ] */) {
      depth--;
    }
  }
  return max;
}
