import type { Diagnostic } from "@/lib/validator/types";
import type { CheckResult } from "@/lib/grading/grade";
import { db } from "./db";

export interface ProgressView {
  editorText: string | null;
  failedChecks: number;
  completed: boolean;
  attempts: number;
}

export async function lessonProgress(learnerId: string, lessonId: string): Promise<ProgressView> {
  const [row, attempts] = await Promise.all([
    db().lessonProgress.findUnique({ where: { learnerId_lessonId: { learnerId, lessonId } } }),
    db().attempt.count({ where: { learnerId, lessonId } }),
  ]);
  return {
    editorText: row?.editorText ?? null,
    failedChecks: row?.failedChecks ?? 0,
    completed: Boolean(row?.completedAt),
    attempts,
  };
}

export async function completedLessons(learnerId: string): Promise<Set<string>> {
  const rows = await db().lessonProgress.findMany({
    where: { learnerId, completedAt: { not: null } },
    select: { lessonId: true },
  });
  return new Set(rows.map((r) => r.lessonId));
}

export async function saveDraft(learnerId: string, lessonId: string, editorText: string): Promise<void> {
  await db().lessonProgress.upsert({
    where: { learnerId_lessonId: { learnerId, lessonId } },
    create: { learnerId, lessonId, editorText },
    update: { editorText },
  });
}

/** Stores one graded attempt and moves the lesson's state: a pass completes it, a failure unlocks the next hint. */
export async function recordAttempt(
  learnerId: string,
  lessonId: string,
  text: string,
  diagnostics: Diagnostic[],
  checks: CheckResult[],
  passed: boolean,
): Promise<ProgressView> {
  await db().$transaction([
    db().attempt.create({
      data: { learnerId, lessonId, text, diagnostics: diagnostics as object[], checks: checks as object[], passed },
    }),
    db().lessonProgress.upsert({
      where: { learnerId_lessonId: { learnerId, lessonId } },
      create: { learnerId, lessonId, editorText: text, failedChecks: passed ? 0 : 1, completedAt: passed ? new Date() : null },
      update: passed
        ? { editorText: text, completedAt: new Date() }
        : { editorText: text, failedChecks: { increment: 1 } },
    }),
  ]);
  return lessonProgress(learnerId, lessonId);
}
