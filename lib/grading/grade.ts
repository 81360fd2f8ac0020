import type { LessonCheck } from "@/lib/content/lesson-schema";
import type { Diagnostic, Lang } from "@/lib/validator/types";
import { validate } from "@/lib/validator";
import { smallestFargateSize, taskSize } from "./task-size";
import { checkText } from "./messages";

export interface CheckResult {
  id: string;
  title: string;
  passed: boolean;
  /** What was expected and what was seen, in the learner's language; absent when passed. */
  detail?: string;
}

export interface Grade {
  diagnostics: Diagnostic[];
  checks: CheckResult[];
  passed: boolean;
}

/** Grades a learner's text against a lesson's checks with the same validator the editor runs. */
export function grade(text: string, checks: LessonCheck[], lang: Lang): Grade {
  const diagnostics = validate(text, { lang });
  const results = checks.map((check) => runCheck(check, text, diagnostics, lang));
  return { diagnostics, checks: results, passed: results.every((r) => r.passed) };
}

function runCheck(check: LessonCheck, text: string, diagnostics: Diagnostic[], lang: Lang): CheckResult {
  const t = checkText(lang);
  const base = { id: check.id, title: check.title[lang] };
  switch (check.kind) {
    case "no-errors": {
      const errors = diagnostics.filter((d) => d.level === "error");
      if (errors.length === 0) return { ...base, passed: true };
      return { ...base, passed: false, detail: t.noErrors(errors.length, firstLine(errors[0])) };
    }
    case "rules-clear": {
      const hit = diagnostics.find((d) => check.rules.includes(d.ruleId));
      if (!hit) return { ...base, passed: true };
      return { ...base, passed: false, detail: t.rulesClear(hit.ruleId, firstLine(hit)) };
    }
    case "fargate-size": {
      const expected = smallestFargateSize(check.minCpuUnits, check.minMemoryMiB);
      const seen = taskSize(text);
      if (!seen) return { ...base, passed: false, detail: t.sizeUnreadable };
      const passed = seen.cpu === expected.cpu && seen.memory === expected.memory;
      if (passed) return { ...base, passed };
      const tooSmall = seen.cpu < check.minCpuUnits || seen.memory < check.minMemoryMiB;
      return {
        ...base,
        passed,
        detail: tooSmall
          ? t.sizeTooSmall(seen, check.minCpuUnits, check.minMemoryMiB)
          : t.sizeNotSmallest(seen, check.minCpuUnits, check.minMemoryMiB),
      };
    }
  }
}

function firstLine(d: Diagnostic): string {
  return `${d.range.line}:${d.range.column} ${d.message.split("\n")[0]}`;
}
