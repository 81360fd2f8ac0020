/** Building quick fixes: small text edits the editor applies when the learner picks one. */
import { modify, type FormattingOptions } from "jsonc-parser";
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

/** Removes a member with its comma, keeping the rest of the text as written. */
export function removeMemberFix(text: string | undefined, path: readonly PathSegment[]): FixSpec<"removeMember"> | undefined {
  if (text === undefined) return undefined;
  const edits = modify(text, [...path], undefined, { formattingOptions: formattingOf(text) });
  return { kind: "removeMember", params: { member: String(path[path.length - 1]) }, edits: edits.map(toTextEdit) };
}

/** Adds a member at the end of its object, indented like the surrounding text. */
export function addMemberFix(text: string | undefined, path: readonly PathSegment[], value: string): FixSpec<"addMember"> | undefined {
  if (text === undefined) return undefined;
  const edits = modify(text, [...path], value, { formattingOptions: formattingOf(text) });
  return {
    kind: "addMember",
    params: { member: String(path[path.length - 1]), text: JSON.stringify(value) },
    edits: edits.map(toTextEdit),
  };
}

function toTextEdit(edit: { offset: number; length: number; content: string }): TextEdit {
  return { start: edit.offset, end: edit.offset + edit.length, newText: edit.content };
}

function formattingOf(text: string): FormattingOptions {
  const indent = /\n([ \t]+)\S/.exec(text)?.[1] ?? "  ";
  return {
    insertSpaces: !indent.startsWith("\t"),
    tabSize: indent.startsWith("\t") ? 1 : indent.length,
    eol: text.includes("\r\n") ? "\r\n" : "\n",
  };
}
