/** The rule reference as Markdown (docs/rules.md): id, level, summary, source, for every rule in RULES. */
import { RULES } from "./index";

const SECTIONS: Record<string, string> = {
  JSON: "JSON text",
  A: "A. CLI JSON shape",
  B: "B. Task definition, top level",
  C: "C. Containers and resources",
  D: "D. Networking and ports",
  E: "E. Logging",
  F: "F. Secrets and IAM",
  G: "G. Health checks and dependsOn",
  H: "H. Linux parameters and other container settings",
  I: "I. Volumes",
  J: "J. Fargate and Windows",
  K: "K. Services (CreateService / UpdateService)",
  L: "L. Service ↔ task definition cross-checks",
  M: "M. Security, best practice and beyond the linters",
};

function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

export function rulesMarkdown(): string {
  const lines = [
    "# Validator rules",
    "",
    "Generated from `RULES` in `lib/validator` (the test `tests/unit/validator/rules-doc.test.ts` keeps it current).",
    "Levels: `error` = AWS or the AWS CLI rejects it; `runtime` = AWS accepts it but the task or deployment fails; `warning` = best practice.",
    `${RULES.length} rules; ${RULES.filter((r) => r.quotesAws).length} quote AWS's own error text.`,
    "",
  ];
  for (const [section, title] of Object.entries(SECTIONS)) {
    const rules = RULES.filter((rule) => rule.section === section);
    if (rules.length === 0) continue;
    lines.push(`## ${title}`, "", "| ID | Level | Summary | 日本語 | Source |", "|---|---|---|---|---|");
    for (const rule of rules) lines.push(`| \`${rule.id}\` | ${rule.level} | ${cell(rule.summary.en)} | ${cell(rule.summary.ja)} | ${cell(rule.source)} |`);
    lines.push("");
  }
  return lines.join("\n");
}
