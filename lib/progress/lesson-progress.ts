/** Where a learner stands: drafts per file, quiz choices, the latest result of each check, completion. */
import { randomUUID } from "node:crypto";
import type { Diagnostic } from "@/lib/validator/types";
import { Prisma } from "@/prisma/generated/sqlite";
import { db } from "./db";
import { rawSql, sqlValues, type SqlValues } from "./sql-connection";

export interface ProgressView {
  /** Saved drafts by file name; files the learner never changed are absent. */
  files: Record<string, string>;
  answers: Record<string, string[]>;
  /** The latest result of each check by id. */
  checkResults: Record<string, boolean>;
  failedChecks: number;
  completed: boolean;
  exerciseStartedAt: Date | null;
  /** What the page's Run last did, by action index. */
  runs: Record<string, LessonRun>;
}

/** One action's last Run: the task it started and the revision it ran, with the file content it was registered from. */
export interface LessonRun {
  cluster: string;
  fileHash: string;
  taskDefinitionArn: string;
  /** Absent for a deploy action (it starts no task itself). */
  taskArn?: string;
}

/**
 * Read on every lesson page and twice per Check: two fixed statements through the raw connection (sql-connection.ts),
 * since the ORM's per-query planning cost about 4 ms of CPU for these two, more than the rest of a Check's grading.
 */
export async function lessonProgress(learnerId: string, lessonId: string): Promise<ProgressView> {
  const sql = await rawSql();
  const [row] = await sql.rows<ProgressRow>(Prisma.sql`
    SELECT "quizAnswers", "checkResults", "failedChecks", "completedAt", "exerciseStartedAt", "runs" FROM "LessonProgress"
    WHERE "learnerId" = ${learnerId} AND "lessonId" = ${lessonId}`);
  const files = await sql.rows<{ name: string; text: string }>(Prisma.sql`
    SELECT "name", "text" FROM "LessonFile" WHERE "learnerId" = ${learnerId} AND "lessonId" = ${lessonId}`);
  return {
    files: Object.fromEntries(files.map((f) => [f.name, f.text])),
    answers: parseObject(row?.quizAnswers) as Record<string, string[]>,
    checkResults: parseObject(row?.checkResults) as Record<string, boolean>,
    failedChecks: Number(row?.failedChecks ?? 0),
    completed: Boolean(row?.completedAt),
    exerciseStartedAt: row?.exerciseStartedAt ? new Date(row.exerciseStartedAt) : null,
    runs: parseObject(row?.runs) as Record<string, LessonRun>,
  };
}

/** A LessonProgress row as the driver adapters return it: timestamps as text (ISO 8601 on both databases). */
interface ProgressRow {
  quizAnswers: string | null;
  checkResults: string | null;
  failedChecks: number | string | null;
  completedAt: string | null;
  exerciseStartedAt: string | null;
  runs: string | null;
}

function parseObject(text: string | null | undefined): Record<string, unknown> {
  if (!text) return {};
  try {
    const value = JSON.parse(text);
    return value && typeof value === "object" && !Array.isArray(value) ? value : {};
  } catch {
    return {};
  }
}

/** Every lesson the learner has touched: completion and per-check results, for the course and module pages. */
export async function courseProgress(learnerId: string): Promise<Map<string, { completed: boolean; checkResults: Record<string, boolean> }>> {
  const rows = await db().lessonProgress.findMany({ where: { learnerId }, select: { lessonId: true, completedAt: true, checkResults: true } });
  return new Map(rows.map((r) => [r.lessonId, { completed: Boolean(r.completedAt), checkResults: parseObject(r.checkResults) as Record<string, boolean> }]));
}

/** Every few seconds per open lesson page (autosave): one statement on the raw connection, like the reads above. */
export async function saveDraft(learnerId: string, lessonId: string, name: string, text: string): Promise<void> {
  const sql = await rawSql();
  await sql.run(upsertFile(sqlValues(sql), learnerId, lessonId, name, text, new Date()));
}

function upsertFile(values: SqlValues, learnerId: string, lessonId: string, name: string, text: string, at: Date): Prisma.Sql {
  return Prisma.sql`
    INSERT INTO "LessonFile" ("learnerId", "lessonId", "name", "text", "updatedAt", "firstSavedAt")
    VALUES (${learnerId}, ${lessonId}, ${name}, ${text}, ${values.timestamp(at)}, ${values.timestamp(at)})
    ON CONFLICT ("learnerId", "lessonId", "name") DO UPDATE SET "text" = excluded."text", "updatedAt" = excluded."updatedAt"`;
}

export async function saveAnswers(learnerId: string, lessonId: string, answers: Record<string, string[]>): Promise<void> {
  const quizAnswers = JSON.stringify(answers);
  await db().lessonProgress.upsert({
    where: { learnerId_lessonId: { learnerId, lessonId } },
    create: { learnerId, lessonId, quizAnswers },
    update: { quizAnswers },
  });
}

/**
 * The learner (re)started the lesson's sandbox exercise: call-history checks look from now on. The page's earlier
 * Runs and Deploys are forgotten with it, so the next one registers its revision within the exercise (an unchanged
 * file would otherwise reuse a revision registered before, and a check of the exercise's calls would miss it).
 */
export async function startExercise(learnerId: string, lessonId: string, at = new Date()): Promise<void> {
  await db().lessonProgress.upsert({
    where: { learnerId_lessonId: { learnerId, lessonId } },
    create: { learnerId, lessonId, exerciseStartedAt: at },
    update: { exerciseStartedAt: at, runs: null },
  });
}

/** Remembers what the page's Run of action `index` just did (the row is created if the learner has none yet). */
export async function saveLessonRun(learnerId: string, lessonId: string, index: number, run: LessonRun): Promise<void> {
  // Read, then write: the Run button waits for its answer, so one learner's Runs of a lesson do not overlap.
  const where = { learnerId_lessonId: { learnerId, lessonId } };
  const row = await db().lessonProgress.findUnique({ where, select: { runs: true } });
  const runs = JSON.stringify({ ...parseObject(row?.runs), [index]: run });
  await db().lessonProgress.upsert({ where, create: { learnerId, lessonId, runs }, update: { runs } });
}

/**
 * After "reset sandbox": no lesson's exercise is set up any more and no Run's task or revision exists. The exercise
 * panels offer the set-up again; call-history checks look at every call again until then.
 */
export async function forgetSandboxWork(learnerId: string): Promise<void> {
  await db().lessonProgress.updateMany({ where: { learnerId }, data: { runs: null, exerciseStartedAt: null } });
}

/** The checks of the learner's last Check of a lesson, as graded then (in the language of that Check), or null. */
export async function lastCheckResults(learnerId: string, lessonId: string): Promise<{ checks: StoredCheck[]; at: Date } | null> {
  const attempt = await db().attempt.findFirst({ where: { learnerId, lessonId }, orderBy: { createdAt: "desc" }, select: { checks: true, createdAt: true } });
  if (!attempt || !Array.isArray(attempt.checks)) return null;
  const checks = (attempt.checks as unknown[]).filter(
    (c): c is StoredCheck => !!c && typeof c === "object" && typeof (c as StoredCheck).id === "string" && typeof (c as StoredCheck).passed === "boolean",
  );
  return { checks, at: attempt.createdAt };
}

/** A check result as recordAttempt stored it (lib/course/grading/grade.ts CheckResult). */
export interface StoredCheck {
  id: string;
  passed: boolean;
  title?: string;
  detail?: string;
  hint?: string;
  question?: string;
}

export interface AttemptInput {
  files: Record<string, string>;
  answers: Record<string, string[]>;
  diagnostics: Record<string, Diagnostic[]>;
  checks: { id: string; passed: boolean }[];
  passed: boolean;
}

/**
 * Stores one graded attempt and moves the lesson's state: a pass completes it, a failure unlocks the next hint. One
 * atomic batch on the raw connection (the ORM's three statements cost 3.7 ms of CPU against 0.5 ms; writeAll says why
 * a batch and not a transaction held across awaits).
 */
export async function recordAttempt(learnerId: string, lessonId: string, attempt: AttemptInput): Promise<ProgressView> {
  const checkResults = JSON.stringify(Object.fromEntries(attempt.checks.map((c) => [c.id, c.passed])));
  const quizAnswers = JSON.stringify(attempt.answers);
  const now = new Date();
  const sql = await rawSql();
  const values = sqlValues(sql);
  const { timestamp, boolean, json } = values;
  // Attempt ids are random UUIDs here; rows the ORM wrote earlier have cuids. Nothing reads an id's shape.
  await sql.writeAll([
    Prisma.sql`
      INSERT INTO "Attempt" ("id", "learnerId", "lessonId", "text", "diagnostics", "checks", "passed", "createdAt")
      VALUES (${randomUUID()}, ${learnerId}, ${lessonId}, ${JSON.stringify({ files: attempt.files, answers: attempt.answers })},
        ${json(JSON.stringify(attempt.diagnostics))}, ${json(JSON.stringify(attempt.checks))}, ${boolean(attempt.passed)}, ${timestamp(now)})`,
    ...Object.entries(attempt.files).map(([name, text]) => upsertFile(values, learnerId, lessonId, name, text, now)),
    Prisma.sql`
      INSERT INTO "LessonProgress" ("learnerId", "lessonId", "checkResults", "quizAnswers", "failedChecks", "completedAt", "updatedAt")
      VALUES (${learnerId}, ${lessonId}, ${checkResults}, ${quizAnswers}, ${attempt.passed ? 0 : 1},
        ${attempt.passed ? timestamp(now) : Prisma.sql`NULL`}, ${timestamp(now)})
      ON CONFLICT ("learnerId", "lessonId") DO UPDATE SET
        "checkResults" = excluded."checkResults", "quizAnswers" = excluded."quizAnswers", "updatedAt" = excluded."updatedAt",
        ${attempt.passed ? Prisma.sql`"completedAt" = excluded."completedAt"` : Prisma.sql`"failedChecks" = "LessonProgress"."failedChecks" + 1`}`,
  ]);
  return lessonProgress(learnerId, lessonId);
}
