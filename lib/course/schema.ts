/**
 * The schemas of the course's files (docs/authoring.md): course.json, glossary.json, module.json, a lesson's
 * lesson.json, hints.json, quiz.json and prose front matter. The lesson schema takes its check kinds from the check
 * registry (grading/checks), so a new kind needs no change here.
 */
import { z } from "zod";
import { CHECK_KINDS } from "./grading/checks";

export const localized = z.object({ en: z.string().min(1), ja: z.string().min(1) }).strict();
export type Localized = z.infer<typeof localized>;

const lessonId = z.string().regex(/^L\d{3}$/, "a lesson id such as L302");
const fileName = z.string().regex(/^[\w][\w.-]*$/, "a plain file name such as taskdef.json (no folders)");

export const EXAM_IDS = ["SAA-C03", "DVA-C02", "SOA-C03", "DOP-C02"] as const;

export const courseSchema = z
  .object({
    title: localized,
    tracks: z
      .array(z.object({ id: z.enum(EXAM_IDS), title: localized, summary: localized, lessons: z.array(lessonId) }).strict())
      .min(1),
  })
  .strict();

/** seed-checklist.json: the concepts the course must cover (curriculum §1), by section. */
export const seedChecklistSchema = z
  .object({
    $comment: z.string().optional(),
    sections: z.array(z.object({ id: z.string().regex(/^[A-Z]$/), title: localized }).strict()).min(1),
    items: z.array(z.object({ id: z.string().regex(/^[A-Z]\d\d$/), section: z.string(), concept: localized }).strict()).min(1),
  })
  .strict();
export type SeedChecklist = z.infer<typeof seedChecklistSchema>;

/** exam-guides.json: each exam's task statements that involve containers (curriculum §2). */
export const examGuidesSchema = z
  .object({
    $comment: z.string().optional(),
    exams: z.record(z.enum(EXAM_IDS), z.array(z.object({ code: z.string(), statement: z.string().min(1) }).strict())),
  })
  .strict();
export type ExamGuides = z.infer<typeof examGuidesSchema>["exams"];

export const glossarySchema = z
  .object({
    terms: z.array(
      z
        .object({
          id: z.string().regex(/^[a-z0-9-]+$/),
          ja: z.string().min(1),
          en: z.string().min(1),
          api: z.string().optional(),
          section: z.string().min(1),
          definition: localized,
          variants: z.array(z.string()).optional(),
          unconfirmed: z.boolean().optional(),
        })
        .strict(),
    ),
  })
  .strict();

const level = z.enum(["error", "runtime", "warning"]);

/** Settings a module gives every lesson in it, unless the lesson sets them itself. */
const inheritedSettings = z
  .object({
    /** The least severe validator level the editor shows. */
    editorMinLevel: level.optional(),
    /** The cluster the sandbox console opens at. */
    cluster: z.string().optional(),
  })
  .strict();

export const moduleSchema = z
  .object({
    id: z.string().regex(/^M\d$/, "a module id such as M3"),
    title: localized,
    summary: localized,
    settings: inheritedSettings.default({}),
  })
  .strict();

export const FILE_KINDS = ["task-definition", "service", "update-service", "json", "answer-sheet", "ini", "shell", "dockerfile"] as const;
export type FileKind = (typeof FILE_KINDS)[number];

const action = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("run-task"), file: fileName, cluster: z.string().min(1), launchType: z.enum(["FARGATE", "EC2"]) }).strict(),
  z.object({ kind: z.literal("deploy"), file: fileName, cluster: z.string().min(1), service: z.string().min(1) }).strict(),
]);
export type LessonAction = z.infer<typeof action>;

const common = { id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, "a kebab-case check id"), title: localized, hint: localized.optional() };
const checkSchema = z.discriminatedUnion(
  "kind",
  CHECK_KINDS.map((kind) => kind.schema.extend({ ...common, kind: z.literal(kind.kind) }).strict()) as never,
);

export const lessonSchema = z
  .object({
    id: lessonId,
    exam: z.array(z.enum(EXAM_IDS)).default([]),
    taskStatements: z.array(z.string().regex(/^(SAA|DVA|SOA|DOP)-\d\.\d$/, "a task statement such as DVA-3.1")).default([]),
    /** Seed checklist items (seed-checklist.json ids such as A10) the lesson covers. */
    seeds: z.array(z.string().regex(/^[A-Z]\d\d$/, "a seed checklist id such as A10")).default([]),
    prerequisites: z.array(lessonId).default([]),
    /** Validator rule ids this lesson explains: the rule reference links here. */
    teaches: z.array(z.string()).default([]),
    /** `readOnly`: part of the exercise the learner reads and builds with but does not change (an app's source). */
    files: z.array(z.object({ name: fileName, kind: z.enum(FILE_KINDS), readOnly: z.boolean().default(false) }).strict()).default([]),
    actions: z.array(action).default([]),
    checks: z.array(checkSchema).min(1),
    editorMinLevel: level.optional(),
    cluster: z.string().optional(),
    verify: z.object({ advanceSeconds: z.number().min(0).max(86_400).default(0) }).strict().default({ advanceSeconds: 0 }),
  })
  .strict();

export const hintsSchema = z
  .object({
    en: z.array(z.string().min(1)).length(3),
    ja: z.array(z.string().min(1)).length(3),
    /** Shown when the editor or a Check finds the rule. */
    rules: z.record(z.string(), localized).default({}),
  })
  .strict();

export const quizSchema = z
  .object({
    questions: z
      .array(
        z
          .object({
            id: z.string().regex(/^[a-z0-9-]+$/),
            multiple: z.boolean(),
            prompt: localized,
            options: z
              .array(z.object({ id: z.string().regex(/^[a-z0-9-]+$/), correct: z.boolean(), text: localized, explanation: localized }).strict())
              .min(2),
          })
          .strict()
          .refine((q) => q.options.some((o) => o.correct), "has no correct option")
          .refine((q) => q.multiple || q.options.filter((o) => o.correct).length === 1, "is single-answer but has several correct options")
          .refine((q) => new Set(q.options.map((o) => o.id)).size === q.options.length, "repeats an option id"),
      )
      .min(1),
  })
  .strict();
export type Quiz = z.infer<typeof quizSchema>;
export type QuizQuestion = Quiz["questions"][number];

/**
 * mistakes.json: the common mistakes a lesson promises to recognise. Each is done as the solution with what its
 * `_mistakes/<id>/` folder changes, and `lessons verify` requires every expected check to fail with a message
 * matching the pattern in each language — the learner is told what is wrong, not only that something is.
 */
const pattern = z.string().min(1).refine((p) => {
  try {
    new RegExp(p);
    return true;
  } catch {
    return false;
  }
}, "is not a valid regular expression");
export const mistakesSchema = z
  .object({
    mistakes: z
      .array(
        z
          .object({
            id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, "a kebab-case mistake id (its folder is _mistakes/<id>/)"),
            about: localized,
            expect: z.array(z.object({ check: z.string().min(1), en: pattern, ja: pattern }).strict()).min(1),
          })
          .strict(),
      )
      .min(1),
  })
  .strict();

export const frontmatterSchema = z
  .object({ title: z.string().min(1), summary: z.string().min(1), minutes: z.number().positive() })
  .strict();
export type Frontmatter = z.infer<typeof frontmatterSchema>;
