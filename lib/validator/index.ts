/**
 * ECS Dojo's task-definition validator: pure TypeScript, no I/O, so the editor runs it on every
 * keystroke and the grader runs the very same code on the server.
 */
import { findAll, toDiagnostics } from "./engine/run";
import { docsPath } from "./engine/rule";
import { MAX_DEPTH, parseDocument } from "./json/parse";
import { fromValue } from "./json/tree";
import { CATALOGS } from "./messages";
import { AWS_TEXT } from "./messages/aws";
import { ALL_RULES, REGISTRATION_RULES } from "./rules";
import type { ContextOptions } from "./engine/context";
import type { JsonNode } from "./json/tree";
import type { Diagnostic, InputKind, Lang, Level, ValidateOptions } from "./types";

export { awsRejection, type AwsRejection } from "./reject";
export type { Diagnostic, InputKind, Lang, Level, QuickFix, TextEdit, TextRange, ValidateOptions } from "./types";
export { toCliInput, unwrapDescribeOutput } from "./convert";
export type { RuleId } from "./messages/params";

/** Validates the learner's text. Diagnostics are sorted by position; never throws. */
export function validate(text: string, options: ValidateOptions = {}): Diagnostic[] {
  try {
    return validateOrThrow(text, options);
  } catch {
    // A defect in one rule must not take the editor down; the robustness test calls validateOrThrow.
    return [];
  }
}

/** validate() without its safety net, so tests can prove that no input makes a rule throw. */
export function validateOrThrow(text: string, options: ValidateOptions = {}): Diagnostic[] {
  const lang = options.lang ?? "en";
  {
    const source = typeof text === "string" ? text : String(text);
    const parsed = parseDocument(source);
    if (parsed.kind === "limit") {
      const span = { start: 0, end: Math.min(1, source.length) };
      return toDiagnostics([{ ruleId: "JSON-LIMITS", params: { limit: parsed.limit, max: parsed.max }, span, pointer: "" }], lang, source);
    }
    if (parsed.kind === "syntax") {
      const findings = parsed.issues.map((issue) => ({
        ruleId: "JSON-SYNTAX" as const,
        params: { problem: issue.problem, token: issue.token },
        span: issue.span,
        pointer: "",
      }));
      return toDiagnostics(findings, lang, source);
    }
    return toDiagnostics(findAll(parsed.root, "editor", source, contextOptions(parsed.root, options)), lang, source);
  }
}

/** Validates an already-parsed document. Pointers are exact; ranges are zero-width at offset 0. */
export function validateValue(value: unknown, options: ValidateOptions = {}): Diagnostic[] {
  try {
    const root = fromValue(value, MAX_DEPTH);
    return toDiagnostics(findAll(root, "editor", undefined, contextOptions(root, options)), options.lang ?? "en");
  } catch {
    return [];
  }
}

function contextOptions(root: JsonNode, options: ValidateOptions): ContextOptions {
  return { operation: options.kind ?? detectKind(root), taskDefinitions: options.taskDefinitions, accountId: options.accountId };
}

/**
 * Which input a document is, when the caller does not say: CreateService input names serviceName,
 * UpdateService input names service; anything else is read as a task definition.
 */
export function detectKind(root: JsonNode): InputKind {
  if (root.kind !== "object" || root.props!.some((prop) => prop.key === "containerDefinitions" || prop.key === "taskDefinition" && prop.node.kind === "object")) return "RegisterTaskDefinition";
  if (root.props!.some((prop) => prop.key === "serviceName")) return "CreateService";
  if (root.props!.some((prop) => prop.key === "service" && prop.node.kind === "string")) return "UpdateService";
  return "RegisterTaskDefinition";
}

export interface RuleInfo {
  id: string;
  level: Level;
  stage: Diagnostic["stage"];
  /** Section of the rule catalog (validator-rules.md), or "JSON" for the text itself. */
  section: string;
  summary: Record<Lang, string>;
  source: string;
  /** Its row on the rules reference page (the diagnostics' "Explanation" link). */
  docs: string;
  /** The lesson whose prose explains the rule, when one does. */
  lesson?: string;
  /** The AWS error type, for rules the ECS service enforces. */
  awsErrorType?: string;
  /** Whether messages start with AWS's own words. */
  quotesAws: boolean;
  /** Whether the sandbox's RegisterTaskDefinition (awsRejection) rejects on this rule. */
  rejectedAtRegistration: boolean;
}

export const RULES: readonly RuleInfo[] = ALL_RULES.map((rule) => ({
  id: rule.id,
  level: rule.level,
  stage: rule.stage,
  section: rule.section,
  summary: { en: CATALOGS.en.rules[rule.id].summary, ja: CATALOGS.ja.rules[rule.id].summary },
  source: rule.source,
  docs: docsPath(rule),
  ...(rule.docs === "reference" ? {} : { lesson: rule.docs.lesson }),
  ...(rule.awsErrorType ? { awsErrorType: rule.awsErrorType } : {}),
  quotesAws: rule.id in AWS_TEXT,
  rejectedAtRegistration: REGISTRATION_RULES.includes(rule),
}));
