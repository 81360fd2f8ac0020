/**
 * The schema of an exam-practice question (exam/questions/*.yaml; docs in exam/README.md). The shape follows what
 * AWS's exams ask and what we add to them: a scenario, four or more options, one answer (multiple choice) or a stated
 * number of answers (multiple response, "Choose two."), and — ours — a reason for every option, the lesson section
 * that teaches it, the validator rules and checks that catch the same mistake, and where to make that mistake in the
 * sandbox. Cross-references (lessons, sections, rules, task statements) are checked by load.ts against the course.
 */
import { z } from "zod";
import { EXAM_IDS } from "@/lib/course/schema";

export type ExamId = (typeof EXAM_IDS)[number];

/** Options are lettered as on the exam, a to f, in order. */
export const OPTION_IDS = ["a", "b", "c", "d", "e", "f"] as const;
const optionId = z.enum(OPTION_IDS);

/** AWS's item types: a multiple-choice item has 4 options, a multiple-response item 5 or more (exam guides). */
export const MIN_OPTIONS = { single: 4, multiple: 5 } as const;

/** The reference files a citation may name (../shared/reference/, the project's fact sheets). */
export const REFERENCE_FILES = ["ecs-behavior.md", "validator-rules.md", "ecs-2026-changes.md", "curriculum.md"] as const;

const lessonId = z.string().regex(/^L\d{3}$/, "a lesson id such as L305");
const kebab = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, "a kebab-case id");

const source = z.union([
  z
    .object({
      /** A reference file and its section, as the file numbers it: "2.2" or "2.2 #17" (a row of a numbered table). */
      ref: z.enum(REFERENCE_FILES),
      section: z.string().regex(/^(\d+(\.\d+)*[a-z]?|[A-Z]\d{2,3})( #\d+)?$/, 'a section such as "2.2", "2.2 #17", a catalog id such as "V06" or a curriculum lesson such as "L306"'),
    })
    .strict(),
  z.object({ url: z.string().regex(/^https:\/\/(docs\.aws\.amazon\.com|aws\.amazon\.com)\/\S+$/, "an AWS documentation URL (https://docs.aws.amazon.com/…)") }).strict(),
]);
export type QuestionSource = z.infer<typeof source>;

/** One language's text of a question: the stem, the options and a reason for each. */
const localeText = z
  .object({
    stem: z.string().min(40, "a scenario, not a one-liner"),
    options: z.partialRecord(optionId, z.string().min(1)),
    /** Why each option is right or wrong — every option, not only the answer. */
    explanations: z.partialRecord(optionId, z.string().min(15, "a reason, not a verdict")),
  })
  .strict();
export type QuestionText = z.infer<typeof localeText>;

export const questionSchema = z
  .object({
    id: kebab,
    /** For each exam that asks it, the task statement (lessons/exam-guides.json); the domain is the code's first number. */
    exams: z.partialRecord(z.enum(EXAM_IDS), z.string().regex(/^(SAA|DVA|SOA|DOP)-\d\.\d$/, "a task statement such as DVA-3.1")),
    difficulty: z.enum(["easy", "medium", "hard"]),
    type: z.enum(["single", "multiple"]),
    /** Multiple response: how many to choose, as the exam says it ("Choose two."). */
    choose: z.number().int().min(2).max(3).optional(),
    answer: z.array(optionId).min(1),
    /** The lessons that teach it; `section` is the slug of an English `##` heading of the lesson (sections.ts). */
    lessons: z.array(z.object({ lesson: lessonId, section: kebab.optional() }).strict()).min(1),
    /** Validator rule ids (docs/rules.md) that flag the same mistake in the editor. */
    rules: z.array(z.string()).default([]),
    /** Lesson checks that fail on the same mistake: "L305/registration-refused". */
    checks: z.array(z.string().regex(/^L\d{3}\/[a-z0-9][a-z0-9-]*$/, "a lesson check such as L305/registration-refused")).default([]),
    /** Where to make the mistake and watch it fail: the lesson's exercise, at one of its proved common mistakes. */
    tryIt: z.object({ lesson: lessonId, mistake: kebab.optional() }).strict().optional(),
    sources: z.array(source).min(1),
    en: localeText,
    ja: localeText,
  })
  .strict()
  .refine((q) => Object.keys(q.exams).length > 0, { message: "names no exam", path: ["exams"] })
  .refine((q) => (q.type === "multiple") === (q.choose !== undefined), { message: "a multiple-response question says how many to choose (choose: 2); a single one does not", path: ["choose"] })
  .refine((q) => q.answer.length === (q.choose ?? 1), { message: "the number of answers differs from what the question asks to choose", path: ["answer"] })
  .refine((q) => new Set(q.answer).size === q.answer.length, { message: "repeats an answer", path: ["answer"] })
  .refine((q) => q.rules.length + q.checks.length > 0, { message: "names no validator rule or lesson check that exercises it", path: ["rules"] });

export type Question = z.infer<typeof questionSchema>;

export const questionFileSchema = z.object({ questions: z.array(z.unknown()).min(1) }).strict();

const COUNT_WORDS = { en: { 2: "two", 3: "three" }, ja: { 2: "2 つ", 3: "3 つ" } } as const;

/** What a multiple-response question tells the candidate, as AWS's exams word it ("Choose two."). */
export function chooseInstruction(q: Pick<Question, "choose">, locale: "en" | "ja"): string | undefined {
  if (!q.choose) return undefined;
  const n = q.choose as 2 | 3;
  return locale === "en" ? `Choose ${COUNT_WORDS.en[n]}.` : `${COUNT_WORDS.ja[n]}選択してください。`;
}
