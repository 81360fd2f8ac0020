import type { MessageParams, RuleId } from "../messages/params";
import type { Diagnostic, Level } from "../types";
import type { RuleContext } from "./context";

export type Stage = Diagnostic["stage"];

/** Catalog sections of reference/validator-rules.md; "JSON" is the text itself, before any section applies. */
export type Section = "JSON" | "A" | "B" | "C" | "D" | "E" | "F" | "G" | "H" | "I" | "J" | "K" | "L" | "M";

/** The lesson that explains a rule, or "reference" when only the rules reference page does. */
export type DocsTarget = { lesson: string } | "reference";

export interface RuleDefinition<K extends RuleId = RuleId> {
  id: K;
  level: Level;
  stage: Stage;
  section: Section;
  /** Where the fact comes from (validator-rules.md's Sources column). */
  source: string;
  docs: DocsTarget;
  /** The AWS error type ECS answers with, for rules the ECS service enforces. */
  awsErrorType?: string;
  /**
   * Finds violations. Rules checked together by one pass (the CLI shape walk) leave this out and are
   * reported by that pass instead.
   */
  check?: (ctx: RuleContext) => void;
}

export type AnyRule = { [K in RuleId]: RuleDefinition<K> }[RuleId];

/**
 * Where a diagnostic's "Explanation" link goes: the rule's own row on the rules reference page, which names the
 * lessons that teach it. (A link to the lesson page itself led a learner on that lesson back to where they were.)
 */
export function docsPath(rule: Pick<RuleDefinition, "id">): string {
  return `/reference/rules#${rule.id}`;
}

export type { MessageParams, RuleId };
