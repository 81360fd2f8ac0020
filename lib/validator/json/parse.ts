/** Strict JSON parsing of the learner's text: the AWS CLI uses Python's json.loads, so no comments or trailing commas. */
import { parseTree, type ParseError } from "jsonc-parser";
import type { Span } from "../engine/context";
import type { SyntaxProblem } from "../messages/params";
import { fromParserTree, nestingDepth, type JsonNode } from "./tree";

/** Far above AWS's 64 KiB task-definition limit; beyond this the editor stays responsive by not checking. */
export const MAX_TEXT_LENGTH = 1_000_000;
/** ECS inputs nest about ten levels; the parser recurses, so absurd nesting is refused before parsing. */
export const MAX_DEPTH = 100;
const MAX_SYNTAX_PROBLEMS = 20;

/** jsonc-parser's ParseErrorCode values (a const enum in its typings, which isolated modules cannot read). */
const ParseErrorCode = {
  InvalidSymbol: 1,
  InvalidNumberFormat: 2,
  PropertyNameExpected: 3,
  ValueExpected: 4,
  ColonExpected: 5,
  CommaExpected: 6,
  CloseBraceExpected: 7,
  CloseBracketExpected: 8,
  EndOfFileExpected: 9,
  InvalidCommentToken: 10,
  UnexpectedEndOfComment: 11,
  UnexpectedEndOfString: 12,
  UnexpectedEndOfNumber: 13,
  InvalidUnicode: 14,
  InvalidEscapeCharacter: 15,
  InvalidCharacter: 16,
} as const;

export interface SyntaxIssue {
  problem: SyntaxProblem;
  token: string;
  span: Span;
}

export type ParseOutcome =
  | { kind: "tree"; root: JsonNode }
  | { kind: "syntax"; issues: SyntaxIssue[] }
  | { kind: "limit"; limit: "size" | "depth"; max: number };

export function parseDocument(text: string): ParseOutcome {
  if (text.length > MAX_TEXT_LENGTH) return { kind: "limit", limit: "size", max: MAX_TEXT_LENGTH };
  if (nestingDepth(text, MAX_DEPTH) > MAX_DEPTH) return { kind: "limit", limit: "depth", max: MAX_DEPTH };
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  if (errors.length > 0 || !tree) return { kind: "syntax", issues: describe(text, errors) };
  return { kind: "tree", root: fromParserTree(tree, text) };
}

function describe(text: string, errors: ParseError[]): SyntaxIssue[] {
  if (text.trim() === "") return [{ problem: "empty", token: "", span: { start: 0, end: text.length } }];
  // The parser often reports one spot twice (an unexpected symbol, then why it was unexpected); keep the
  // more telling description of each spot.
  const bySpot = new Map<number, SyntaxIssue>();
  for (const error of errors) {
    const issue = describeOne(text, error);
    const existing = bySpot.get(issue.span.start);
    if (!existing) {
      if (bySpot.size >= MAX_SYNTAX_PROBLEMS) break;
      bySpot.set(issue.span.start, issue);
    } else if (TELLING.includes(issue.problem) && !TELLING.includes(existing.problem)) {
      bySpot.set(issue.span.start, issue);
    }
  }
  return [...bySpot.values()];
}

const TELLING: readonly SyntaxProblem[] = ["trailingComma", "endOfFileExpected", "singleQuote", "comment"];

function describeOne(text: string, error: ParseError): SyntaxIssue {
  const token = text.slice(error.offset, error.offset + Math.min(error.length, 40));
  const span = visibleSpan(text, error.offset, error.length);
  switch (error.error as number) {
    case ParseErrorCode.PropertyNameExpected:
    case ParseErrorCode.ValueExpected: {
      const comma = trailingCommaBefore(text, error.offset);
      if (comma !== undefined) return { problem: "trailingComma", token: ",", span: { start: comma, end: comma + 1 } };
      return { problem: error.error === ParseErrorCode.ValueExpected ? "valueExpected" : "propertyNameExpected", token, span };
    }
    case ParseErrorCode.InvalidSymbol:
      return { problem: token.startsWith("'") ? "singleQuote" : "invalidSymbol", token, span };
    case ParseErrorCode.InvalidCommentToken:
      return { problem: "comment", token, span };
    case ParseErrorCode.UnexpectedEndOfComment:
      return { problem: "unterminatedComment", token, span };
    case ParseErrorCode.InvalidNumberFormat:
    case ParseErrorCode.UnexpectedEndOfNumber:
      return { problem: "invalidNumber", token, span };
    case ParseErrorCode.ColonExpected:
      return { problem: "colonExpected", token, span };
    case ParseErrorCode.CommaExpected:
      return { problem: "commaExpected", token, span };
    case ParseErrorCode.CloseBraceExpected:
      return { problem: "closeBraceExpected", token, span };
    case ParseErrorCode.CloseBracketExpected:
      return { problem: "closeBracketExpected", token, span };
    case ParseErrorCode.EndOfFileExpected:
      return { problem: "endOfFileExpected", token, span };
    case ParseErrorCode.UnexpectedEndOfString:
      return { problem: "unterminatedString", token, span };
    case ParseErrorCode.InvalidUnicode:
      return { problem: "invalidUnicode", token, span };
    case ParseErrorCode.InvalidEscapeCharacter:
      return { problem: "invalidEscape", token, span };
    case ParseErrorCode.InvalidCharacter:
      return { problem: "controlCharacter", token, span };
    default:
      return { problem: "invalidSymbol", token, span };
  }
}

/** The offset of a comma that directly precedes a closing } or ] at `offset`, if that is the problem. */
function trailingCommaBefore(text: string, offset: number): number | undefined {
  const closer = text[offset];
  if (closer !== "}" && closer !== "]") return undefined;
  let i = offset - 1;
  while (i >= 0 && /\s/.test(text[i])) i--;
  return text[i] === "," ? i : undefined;
}

/** Zero-width errors (a missing } at the end) get one character so an editor can underline them. */
function visibleSpan(text: string, offset: number, length: number): Span {
  if (length > 0) return { start: offset, end: offset + length };
  if (offset < text.length) return { start: offset, end: offset + 1 };
  return { start: Math.max(0, offset - 1), end: offset };
}
