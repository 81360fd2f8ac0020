import { LineIndex, ORIGIN_RANGE } from "../json/positions";
import type { JsonNode } from "../json/tree";
import { composeMessage, fixTitle } from "../messages";
import type { RuleId } from "../messages/params";
import { checkCliShape, RULE_BY_ID, rulesFor } from "../rules";
import type { Diagnostic, Lang, QuickFix } from "../types";
import { RuleContext, type ContextOptions, type Finding, type Mode } from "./context";
import { docsPath } from "./rule";

/** Runs every check over a tree. */
export function findAll(root: JsonNode, mode: Mode, text?: string, options: ContextOptions = {}): Finding[] {
  const ctx = new RuleContext(root, mode, text, options);
  checkCliShape(ctx);
  if (ctx.wrapped) ctx.base = ["taskDefinition"];
  for (const rule of rulesFor(ctx.operation)) rule.check!(ctx);
  return ctx.findings;
}

/** Turns findings into sorted diagnostics in the learner's language; without text, ranges sit at the origin. */
export function toDiagnostics(findings: Finding[], lang: Lang, text?: string): Diagnostic[] {
  const lines = text === undefined ? undefined : new LineIndex(text);
  const diagnostics = findings.map((finding) => toDiagnostic(finding, lang, lines));
  return diagnostics.sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end || a.ruleId.localeCompare(b.ruleId));
}

function toDiagnostic(finding: Finding, lang: Lang, lines: LineIndex | undefined): Diagnostic {
  const rule = RULE_BY_ID.get(finding.ruleId)!;
  const { message, awsMessage } = composeMessage(finding.ruleId as RuleId, finding.params as never, lang);
  const diagnostic: Diagnostic = {
    ruleId: finding.ruleId,
    level: finding.level ?? rule.level,
    message,
    stage: finding.stage ?? rule.stage,
    pointer: finding.pointer,
    range: lines ? lines.range(finding.span.start, finding.span.end) : ORIGIN_RANGE,
    docs: docsPath(rule),
  };
  if (awsMessage !== undefined) diagnostic.awsMessage = awsMessage;
  const awsErrorType = finding.awsErrorType ?? rule.awsErrorType;
  if (awsErrorType !== undefined) diagnostic.awsErrorType = awsErrorType;
  if (finding.fixes) {
    diagnostic.fixes = finding.fixes.map((fix): QuickFix => ({ title: fixTitle(fix.kind, fix.params as never, lang), edits: fix.edits }));
  }
  return diagnostic;
}
