/** Validator outcomes: nothing AWS would reject; these rules clear. */
import { z } from "zod";
import { RULES } from "@/lib/validator";
import { RULE_BY_ID } from "@/lib/validator/rules";
import { DOCKERFILE_RULES } from "@/lib/docker/lint";
import { catalog, defineCheck, fail, pass } from "../define";
import { diagnosticsOf, isOutcome, where } from "./file-access";

const en = {
  noErrors: (file: string, count: number, first: string) =>
    `Expected: nothing AWS would reject in ${file}. Seen: ${count} error${count === 1 ? "" : "s"}, first at ${first}`,
  rulesClear: (file: string, rule: string, first: string) => `Expected in ${file}: ${rule} Seen: ${first}`,
};
const ja: typeof en = {
  noErrors: (file: string, count: number, first: string) => `期待: ${file} に AWS が拒否する箇所がないこと。実際: エラーが ${count} 件あります (最初は ${first})`,
  rulesClear: (file: string, rule: string, first: string) => `期待 (${file}): ${rule} 実際: ${first}`,
};
const text = catalog(en, ja);
/** Task-definition rules and Dockerfile rules (lib/docker/lint.ts): a lesson's rules-clear may name either. */
const SUMMARY = new Map([...RULES, ...DOCKERFILE_RULES].map((rule) => [rule.id, rule.summary]));

export const noErrors = defineCheck({
  kind: "no-errors",
  reads: "files",
  schema: z.object({ file: z.string() }),
  run(check, ctx) {
    const got = diagnosticsOf(check.file, ctx);
    if (isOutcome(got)) return got;
    const errors = got.diagnostics.filter((d) => d.level === "error");
    return errors.length === 0 ? pass() : fail(text(ctx.lang).noErrors(check.file, errors.length, where(errors[0])));
  },
});

export const rulesClear = defineCheck({
  kind: "rules-clear",
  reads: "files",
  schema: z.object({
    file: z.string(),
    rules: z.array(z.string().refine((id) => RULE_BY_ID.has(id) || SUMMARY.has(id), "is not a validator rule id (docs/rules.md, lib/docker/lint.ts)")).min(1),
  }),
  run(check, ctx) {
    const got = diagnosticsOf(check.file, ctx);
    if (isOutcome(got)) return got;
    const hit = got.diagnostics.find((d) => check.rules.includes(d.ruleId));
    // The rule's one-line summary says what is expected; its id would mean nothing to a learner.
    return hit ? fail(text(ctx.lang).rulesClear(check.file, SUMMARY.get(hit.ruleId)![ctx.lang], where(hit))) : pass();
  },
});
