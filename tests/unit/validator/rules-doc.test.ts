/** docs/rules.md lists every rule as RULES has it; UPDATE_RULES_DOC=1 rewrites it. */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { RULES } from "@/lib/validator";
import { rulesMarkdown } from "@/lib/validator/rules-doc";

const file = path.resolve(import.meta.dirname, "../../../docs/rules.md");
if (process.env.UPDATE_RULES_DOC) writeFileSync(file, rulesMarkdown());

describe("docs/rules.md", () => {
  it("is the current rule list", () => {
    expect(existsSync(file)).toBe(true);
    expect(readFileSync(file, "utf8")).toBe(rulesMarkdown());
  });

  it("names every rule with its level", () => {
    const text = rulesMarkdown();
    for (const rule of RULES) expect(text).toContain(`| \`${rule.id}\` | ${rule.level} |`);
  });
});
