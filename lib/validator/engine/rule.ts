import type { MessageParams, RuleId } from "../messages/params";
import type { Diagnostic, Level } from "../types";
import type { RuleContext } from "./context";

export type Stage = Diagnostic["stage"];

/** Catalog sections of reference/validator-rules.md; "JSON" is the text itself, before any section applies. */
export type Section = "JSON" | "A" | "B" | "C" | "D" | "E" | "F" | "G" | "H" | "I" | "J" | "K" | "L" | "M";

/** Rules that a lesson explains link there; every other rule links to its entry on the rules reference page. */
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

export function docsPath(rule: Pick<RuleDefinition, "id" | "docs">): string {
  return rule.docs === "reference" ? `/reference/rules#${rule.id}` : `/lessons/${rule.docs.lesson}`;
}

export type { MessageParams, RuleId };
