/** Building quick fixes: small text edits the editor applies when the learner picks one. */
import { findNodeAtLocation, parseTree, type Node as JsoncNode } from "jsonc-parser";
import type { JsonNode, JsonProp } from "../json/tree";
import type { PathSegment } from "../json/pointer";
import type { TextEdit } from "../types";
import type { FixSpec } from "./context";

export function renameKeyFix(prop: JsonProp, to: string): FixSpec<"renameKey"> {
  return {
    kind: "renameKey",
    params: { from: prop.key, to },
    edits: [{ start: prop.keyStart, end: prop.keyEnd, newText: JSON.stringify(to) }],
  };
}

export function replaceValueFix(node: JsonNode, value: string | number | boolean): FixSpec<"replaceValue"> {
  const newText = JSON.stringify(value);
  return { kind: "replaceValue", params: { text: newText }, edits: [{ start: node.start, end: node.end, newText }] };
}

/**
 * Removes a member with its comma, keeping the rest of the text as written. The text is parsed once per
 * validation (not once per fix), so a document with hundreds of nulls stays fast.
 */
export function removeMemberFix(text: string | undefined, path: readonly PathSegment[]): FixSpec<"removeMember"> | undefined {
  if (text === undefined) return undefined;
  const property = findNodeAtLocation(treeOf(text), [...path])?.parent;
  const object = property?.parent;
  if (!property || property.type !== "property" || !object?.children) return undefined;
  const siblings = object.children;
  const index = siblings.indexOf(property);
  const end = (node: JsoncNode) => node.offset + node.length;
  // Take the comma after the member (up to the next key), or else the one before it.
  const edit =
    index + 1 < siblings.length
      ? { start: property.offset, end: siblings[index + 1].offset }
      : index > 0
        ? { start: end(siblings[index - 1]), end: end(property) }
        : { start: property.offset, end: end(property) };
  return { kind: "removeMember", params: { member: String(path[path.length - 1]) }, edits: [{ ...edit, newText: "" }] };
}

let lastTree: { text: string; root: JsoncNode } | undefined;

function treeOf(text: string): JsoncNode {
  if (lastTree?.text !== text) lastTree = { text, root: parseTree(text) ?? { type: "null", offset: 0, length: 0 } as JsoncNode };
  return lastTree.root;
}

/**
 * Adds a member at the end of its object, on a line of its own indented like the member before it (or
 * inline when the object is written on one line). Computed directly rather than through jsonc-parser's
 * formatter, which reformats a whole minified document and takes seconds on a large one.
 */
export function addMemberFix(text: string | undefined, path: readonly PathSegment[], value: string): FixSpec<"addMember"> | undefined {
  if (text === undefined) return undefined;
  const parentPath = path.slice(0, -1);
  const object = parentPath.length === 0 ? treeOf(text) : findNodeAtLocation(treeOf(text), [...parentPath]);
  if (!object || object.type !== "object") return undefined;
  const member = `${JSON.stringify(String(path[path.length - 1]))}: ${JSON.stringify(value)}`;
  const last = object.children?.[object.children.length - 1];
  let edit: TextEdit;
  if (!last) {
    edit = { start: object.offset + 1, end: object.offset + 1, newText: member };
  } else {
    const lineStart = text.lastIndexOf("\n", last.offset) + 1;
    const indent = /^[ \t]*/.exec(text.slice(lineStart, last.offset))![0];
    const multiline = lineStart > object.offset;
    const end = last.offset + last.length;
    edit = { start: end, end, newText: multiline ? `,${text.includes("\r\n") ? "\r\n" : "\n"}${indent}${member}` : `, ${member}` };
  }
  return { kind: "addMember", params: { member: String(path[path.length - 1]), text: JSON.stringify(value) }, edits: [edit] };
}
