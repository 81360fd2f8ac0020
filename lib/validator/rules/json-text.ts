/** The text itself: strict JSON, within sizes the editor can check on every keystroke. */
import type { RuleDefinition } from "../engine/rule";

export const jsonTextRules: RuleDefinition[] = [
  { id: "JSON-SYNTAX", level: "error", stage: "cli", section: "JSON", source: "Python json.loads (used by the AWS CLI for --cli-input-json)", docs: "reference" },
  { id: "JSON-DUPLICATE-KEY", level: "warning", stage: "cli", section: "JSON", source: "Python json.loads keeps the last of duplicate keys", docs: "reference" },
  { id: "JSON-LIMITS", level: "error", stage: "cli", section: "JSON", source: "ECS Dojo (64 KiB task-definition quota: ECS service quotas)", docs: "reference" },
];
