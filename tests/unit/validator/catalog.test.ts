/**
 * Every rule of the catalog, in both directions: a document that breaks it and one that does not
 * (catalog-cases.ts), plus the properties every rule shares (summaries and messages in both languages,
 * a source, a docs link).
 */
import { describe, expect, it } from "vitest";
import { RULES, validate, type Diagnostic } from "@/lib/validator";
import { CASES, TASK_DEFINITION_PAIRS, type RuleCase } from "./catalog-cases";

function run(document: RuleCase["fail"], rule: RuleCase, lang: "en" | "ja", taskDefinitions = rule.taskDefinitions): Diagnostic[] {
  const text = typeof document === "string" ? document : JSON.stringify(document, null, 2);
  return validate(text, { lang, kind: rule.kind, taskDefinitions, accountId: rule.accountId });
}

describe("the rule catalog", () => {
  it("has a failing and a passing case for every rule", () => {
    const missing = RULES.map((rule) => rule.id).filter((id) => !(id in CASES));
    expect(missing).toEqual([]);
    expect(Object.keys(CASES).filter((id) => !RULES.some((rule) => rule.id === id))).toEqual([]);
  });

  it.each(RULES.map((rule) => [rule.id, rule] as const))("%s fires on its failing case and not on its passing case", (id) => {
    const rule = CASES[id];
    const [failTd, passTd] = TASK_DEFINITION_PAIRS[id] ?? [rule.taskDefinitions, rule.taskDefinitions].map((tds) => tds?.[0]);
    const failing = run(rule.fail, rule, "en", failTd ? [failTd] : undefined).filter((d) => d.ruleId === id);
    expect(failing.length, `${id} should fire`).toBeGreaterThan(0);
    const passing = run(rule.pass, rule, "en", passTd ? [passTd] : undefined).filter((d) => d.ruleId === id);
    expect(passing, `${id} should stay quiet`).toEqual([]);
    for (const diagnostic of failing) {
      expect(diagnostic.range.start).toBeGreaterThanOrEqual(0);
      expect(diagnostic.range.end).toBeGreaterThanOrEqual(diagnostic.range.start);
      expect(diagnostic.docs).toBe(`/reference/rules#${id}`);
    }
    const ja = run(rule.fail, rule, "ja", failTd ? [failTd] : undefined).filter((d) => d.ruleId === id);
    expect(ja.length).toBe(failing.length);
    for (const [index, diagnostic] of ja.entries()) {
      expect(diagnostic.message.length).toBeGreaterThan(0);
      expect(diagnostic.awsMessage).toBe(failing[index].awsMessage);
    }
  });
});

describe("every rule", () => {
  it.each(RULES.map((rule) => [rule.id, rule] as const))("%s has a summary in English and Japanese, a source and a docs link", (_, rule) => {
    expect(rule.summary.en.length).toBeGreaterThan(10);
    expect(rule.summary.ja.length).toBeGreaterThan(5);
    expect(rule.summary.ja).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
    expect(rule.source.length).toBeGreaterThan(3);
    expect(rule.docs).toBe(`/reference/rules#${rule.id}`);
    expect(["error", "runtime", "warning"]).toContain(rule.level);
  });

  it("explains every failing case in Japanese, beyond AWS's English words", () => {
    for (const rule of RULES) {
      const cases = CASES[rule.id];
      const failTd = (TASK_DEFINITION_PAIRS[rule.id] ?? [cases.taskDefinitions?.[0]])[0];
      for (const diagnostic of run(cases.fail, cases, "ja", failTd ? [failTd] : undefined).filter((d) => d.ruleId === rule.id)) {
        const explanation = diagnostic.awsMessage ? diagnostic.message.slice(diagnostic.awsMessage.length) : diagnostic.message;
        expect(explanation, rule.id).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
      }
    }
  });
});
