/**
 * How Python prints a JSON value: botocore (the AWS CLI) formats its "Invalid type for parameter"
 * message with str() of the value and its type, and learners compare our text with the CLI's.
 */
import type { JsonNode } from "./tree";

export function pythonStr(node: JsonNode): string {
  return node.kind === "string" ? (node.value as string) : pythonRepr(node);
}

export function pythonRepr(node: JsonNode): string {
  switch (node.kind) {
    case "string":
      return stringRepr(node.value as string);
    case "number":
      return numberRepr(node);
    case "boolean":
      return node.value ? "True" : "False";
    case "null":
      return "None";
    case "array":
      return `[${(node.items ?? []).map(pythonRepr).join(", ")}]`;
    case "object":
      return `{${(node.props ?? []).map((prop) => `${stringRepr(prop.key)}: ${pythonRepr(prop.node)}`).join(", ")}}`;
  }
}

export function pythonType(node: JsonNode): string {
  switch (node.kind) {
    case "string":
      return "<class 'str'>";
    case "number":
      return node.float ? "<class 'float'>" : "<class 'int'>";
    case "boolean":
      return "<class 'bool'>";
    case "null":
      return "<class 'NoneType'>";
    case "array":
      return "<class 'list'>";
    case "object":
      return "<class 'dict'>";
  }
}

function numberRepr(node: JsonNode): string {
  const value = node.value as number;
  if (node.float && Number.isInteger(value) && Math.abs(value) < 1e16) return `${value}.0`;
  return String(value);
}

function stringRepr(value: string): string {
  const quote = value.includes("'") && !value.includes('"') ? '"' : "'";
  let out = quote;
  for (const char of value) {
    if (char === "\\") out += "\\\\";
    else if (char === quote) out += "\\" + quote;
    else if (char === "\n") out += "\\n";
    else if (char === "\r") out += "\\r";
    else if (char === "\t") out += "\\t";
    else out += char;
  }
  return out + quote;
}
