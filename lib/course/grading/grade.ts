/**
 * Grades a learner's work on one lesson: the same function behind the page's Check button, `ecs-dojo check` and
 * `lessons verify`. Every check runs; one that throws fails with "could not run" — nothing passes by accident.
 */
import type { Diagnostic, Lang } from "@/lib/validator/types";
import type { Lesson } from "../load";
import { CHECK_KIND_BY_NAME } from "./checks";
import { commonText } from "./common-messages";
import type { CallRecord, CheckContext, Outcome, SandboxAccess } from "./context";
import { prepareFiles } from "./files";

export interface CheckResult {
  id: string;
  title: string;
  passed: boolean;
  /** What was expected and what was seen (or, for a passed quiz question, the explanation), in the learner's language. */
  detail?: string;
  /** The hint tied to this check, shown while it fails. */
  hint?: string;
  /** For a quiz check: its question, so the page shows the result beside it. */
  question?: string;
}

export interface Grade {
  checks: CheckResult[];
  passed: boolean;
  /** Validator findings per validated file. */
  diagnostics: Record<string, Diagnostic[]>;
  /** Hints tied to validator rules found in the files. */
  ruleHints: { ruleId: string; text: string }[];
}

export interface Submission {
  /** File name → text; files not given are graded as missing. */
  files: Readonly<Record<string, string>>;
  answers?: Readonly<Record<string, readonly string[]>>;
}

/** The files graded: the first layer that has each file (given over the drafts), else the file as the lesson starts it. */
export function submittedFiles(lesson: Lesson, ...layers: Readonly<Record<string, string | undefined>>[]): Record<string, string> {
  return Object.fromEntries(lesson.files.map((f) => [f.name, layers.map((layer) => layer[f.name]).find((text) => text !== undefined) ?? f.starter]));
}

export interface GradeEnvironment {
  lang: Lang;
  sandbox?: SandboxAccess;
  calls?: () => Promise<CallRecord[]>;
}

export async function gradeLesson(lesson: Lesson, submission: Submission, env: GradeEnvironment): Promise<Grade> {
  const files = prepareFiles(lesson.files, submission.files, env.lang);
  const ctx: CheckContext = {
    lang: env.lang,
    files,
    quiz: lesson.quiz,
    answers: submission.answers ?? {},
    sandbox: env.sandbox,
    calls: env.calls ?? (() => Promise.reject(new Error("no call history"))),
  };
  const checks: CheckResult[] = [];
  for (const check of lesson.checks) {
    const outcome = await runOne(check, ctx);
    checks.push({
      id: check.id,
      title: check.title[env.lang],
      passed: outcome.passed,
      detail: outcome.detail,
      hint: outcome.passed ? undefined : check.hint?.[env.lang],
      question: check.kind === "quiz" ? String(check.question) : undefined,
    });
  }
  const diagnostics: Record<string, Diagnostic[]> = {};
  for (const file of files.values()) if (file.diagnostics) diagnostics[file.name] = file.diagnostics;
  const found = new Set(Object.values(diagnostics).flat().map((d) => d.ruleId));
  const ruleHints = Object.entries(lesson.hints.rules)
    .filter(([ruleId]) => found.has(ruleId))
    .map(([ruleId, text]) => ({ ruleId, text: text[env.lang] }));
  return { checks, passed: checks.every((c) => c.passed), diagnostics, ruleHints };
}

async function runOne(check: Lesson["checks"][number], ctx: CheckContext): Promise<Outcome> {
  const kind = CHECK_KIND_BY_NAME.get(check.kind);
  try {
    if (!kind) throw new Error(`unknown check kind ${check.kind}`);
    return await kind.run(check as never, ctx);
  } catch (error) {
    return { passed: false, detail: commonText(ctx.lang).crashed(error instanceof Error ? error.message.slice(0, 200) : String(error)) };
  }
}
