/**
 * Reads the question bank (exam/questions/*.yaml) and checks every question against its schema and against the
 * course: the task statements are in lessons/exam-guides.json, the lessons and their sections exist, the rule ids are
 * validator rules, the checks and the "try it" mistake belong to their lessons. A malformed question throws
 * QuestionBankError naming the file, the question and the field — at preparation (`ecs-dojo content stats`), as a
 * malformed lesson does.
 */
import fs from "node:fs";
import path from "node:path";
import YAML from "yaml";
import type { Course } from "@/lib/course/load";
import { DOCKERFILE_RULE_IDS } from "@/lib/docker/lint";
import { RULE_BY_ID } from "@/lib/validator/rules";
import { LOCALES, type Locale } from "@/lib/i18n/locales";
import { domainOf } from "./domains";
import { lessonSections, type LessonSection } from "./sections";
import { EXAM_IDS } from "@/lib/course/schema";
import { MIN_OPTIONS, OPTION_IDS, questionFileSchema, questionSchema, type ExamId, type Question } from "./schema";

export const QUESTIONS_DIR = path.join(process.cwd(), "exam", "questions");

export class QuestionBankError extends Error {}

/** A question as the practice pages use it: its file, and each exam's task statement with its domain. */
export interface BankQuestion extends Question {
  /** File, relative to the repository. */
  file: string;
  /** Topic: the file's name without .yaml. */
  topic: string;
  tags: { exam: ExamId; taskStatement: string; domain: string }[];
  /** The linked sections, resolved to their headings in both languages. */
  sections: { lesson: string; section?: LessonSection }[];
}

export interface QuestionBank {
  questions: BankQuestion[];
  byId: Map<string, BankQuestion>;
}

/** Words that make an option a statement about the other options, which AWS's exams never use. */
const ABOUT_OTHER_OPTIONS: Record<Locale, RegExp> = {
  en: /\b(all|none|both|neither) of the (above|options|answers)\b|\ball (of )?the above\b/i,
  ja: /上記のすべて|上記すべて|上記のいずれ|いずれでもない|どれでもない|すべて正しい|全て正しい/,
};

const rel = (file: string) => path.relative(process.cwd(), file);

function fail(where: string, message: string): never {
  throw new QuestionBankError(`${where}: ${message}`);
}

function parseQuestion(value: unknown, where: string): Question {
  const result = questionSchema.safeParse(value);
  if (result.success) return result.data;
  const issues = result.error.issues.slice(0, 5).map((issue) => `${issue.path.join(".") || "(top level)"}: ${issue.message}`);
  return fail(where, issues.join("; "));
}

/** The checks the schema cannot make alone: option letters, both languages alike, no "all of the above". */
function checkShape(q: Question, where: string): void {
  for (const locale of LOCALES) {
    const text = q[locale];
    const letters = Object.keys(text.options);
    const expected = OPTION_IDS.slice(0, letters.length);
    if (letters.join() !== expected.join()) fail(where, `${locale}.options: lettered ${letters.join(", ")}; options are lettered ${expected.join(", ")} in order`);
    if (letters.length < MIN_OPTIONS[q.type]) fail(where, `${locale}.options: a ${q.type === "single" ? "multiple-choice" : "multiple-response"} question has at least ${MIN_OPTIONS[q.type]} options, this has ${letters.length}`);
    const explained = Object.keys(text.explanations);
    const unexplained = letters.filter((l) => !explained.includes(l));
    if (unexplained.length) fail(where, `${locale}.explanations: option ${unexplained.join(", ")} has no explanation (every option says why it is right or wrong)`);
    const stray = explained.filter((l) => !letters.includes(l));
    if (stray.length) fail(where, `${locale}.explanations: ${stray.join(", ")} is not an option`);
    for (const [letter, option] of Object.entries(text.options)) {
      if (ABOUT_OTHER_OPTIONS[locale].test(option)) fail(where, `${locale}.options.${letter}: "${option}" — write an option that stands on its own, not "all/none of the above"`);
    }
    const missing = q.answer.filter((a) => !letters.includes(a));
    if (missing.length) fail(where, `answer: ${missing.join(", ")} is not one of the ${locale} options`);
  }
  if (Object.keys(q.en.options).length !== Object.keys(q.ja.options).length) {
    fail(where, `en has ${Object.keys(q.en.options).length} options and ja ${Object.keys(q.ja.options).length}; both languages ask the same question`);
  }
}

const KNOWN_RULES = (id: string) => RULE_BY_ID.has(id) || (DOCKERFILE_RULE_IDS as readonly string[]).includes(id);

function resolve(q: Question, where: string, course: Course, sectionCache: Map<string, LessonSection[] | string>, file: string): BankQuestion {
  const tags = Object.entries(q.exams).map(([exam, code]) => {
    const statements = course.examGuides[exam as ExamId] ?? [];
    if (!statements.some((s) => s.code === code)) fail(where, `exams.${exam}: ${code} is not one of ${exam}'s task statements in lessons/exam-guides.json`);
    return { exam: exam as ExamId, taskStatement: code as string, domain: domainOf(code as string) };
  });
  const sections = q.lessons.map((link, i) => {
    const lesson = course.lessons.get(link.lesson);
    if (!lesson) fail(where, `lessons.${i}: ${link.lesson} is not a lesson in lessons/`);
    if (!link.section) return { lesson: link.lesson };
    if (!sectionCache.has(lesson.id)) sectionCache.set(lesson.id, lessonSections(lesson));
    const known = sectionCache.get(lesson.id)!;
    if (typeof known === "string") fail(where, `lessons.${i}: ${known}`);
    const section = known.find((s) => s.slug === link.section);
    if (!section) fail(where, `lessons.${i}: ${link.lesson} has no section ${link.section}; its sections are ${known.map((s) => s.slug).join(", ")}`);
    return { lesson: link.lesson, section };
  });
  const unknownRule = q.rules.find((r) => !KNOWN_RULES(r));
  if (unknownRule) fail(where, `rules: ${unknownRule} is not a validator rule id (docs/rules.md) or a Dockerfile rule id`);
  for (const check of q.checks) {
    const [lessonId, checkId] = check.split("/");
    const lesson = course.lessons.get(lessonId);
    if (!lesson) fail(where, `checks: ${lessonId} is not a lesson`);
    if (!lesson.checks.some((c) => c.id === checkId)) fail(where, `checks: ${lessonId} has no check ${checkId}`);
  }
  if (q.tryIt) {
    const lesson = course.lessons.get(q.tryIt.lesson);
    if (!lesson) fail(where, `tryIt: ${q.tryIt.lesson} is not a lesson`);
    if (q.tryIt.mistake && !lesson.mistakes.some((m) => m.id === q.tryIt!.mistake)) {
      fail(where, `tryIt: ${q.tryIt.lesson} proves no common mistake ${q.tryIt.mistake} (its mistakes.json has ${lesson.mistakes.map((m) => m.id).join(", ") || "none"})`);
    }
  }
  const topic = path.basename(file, ".yaml");
  return { ...q, file: rel(file), topic, tags, sections };
}

/** Reads and checks the whole bank against the course. Throws QuestionBankError on the first malformed question. */
export function readQuestionBank(course: Course, dir = QUESTIONS_DIR): QuestionBank {
  if (!fs.existsSync(dir)) fail(rel(dir), "the question bank folder is missing");
  const files = fs.readdirSync(dir).filter((name) => !name.startsWith(".")).sort();
  const questions: BankQuestion[] = [];
  const byId = new Map<string, BankQuestion>();
  const sectionCache = new Map<string, LessonSection[] | string>();
  for (const name of files) {
    const file = path.join(dir, name);
    if (!name.endsWith(".yaml")) fail(rel(file), "the bank holds only .yaml files, one per topic");
    const doc = YAML.parseDocument(fs.readFileSync(file, "utf8"), { uniqueKeys: true, prettyErrors: true });
    if (doc.errors.length) fail(rel(file), `not valid YAML (${doc.errors[0].message})`);
    const parsed = questionFileSchema.safeParse(doc.toJS());
    if (!parsed.success) fail(rel(file), `${parsed.error.issues[0].path.join(".") || "(top level)"}: ${parsed.error.issues[0].message} (a file is {questions: [...]})`);
    parsed.data.questions.forEach((value, i) => {
      const id = typeof value === "object" && value && "id" in value ? String((value as { id: unknown }).id) : `#${i}`;
      const where = `${rel(file)}: questions.${i} (${id})`;
      const q = parseQuestion(value, where);
      checkShape(q, where);
      if (byId.has(q.id)) fail(where, `id ${q.id} is also used in ${byId.get(q.id)!.file}`);
      const resolved = resolve(q, where, course, sectionCache, file);
      questions.push(resolved);
      byId.set(q.id, resolved);
    });
  }
  return { questions, byId };
}

export interface BankStats {
  total: number;
  locales: Record<Locale, number>;
  types: Record<Question["type"], number>;
  difficulty: Record<Question["difficulty"], number>;
  /** Per exam: how many questions, and how many per domain (every domain listed, zero included). */
  exams: Record<ExamId, { total: number; domains: Record<string, number> }>;
  topics: Record<string, number>;
}

/** What `content stats` prints: per exam, per domain, per language. */
export function bankStats(bank: QuestionBank, domains: Record<ExamId, Record<string, string>>): BankStats {
  const count = <K extends string>(keys: readonly K[], of: (q: BankQuestion) => K) =>
    Object.fromEntries(keys.map((k) => [k, bank.questions.filter((q) => of(q) === k).length])) as Record<K, number>;
  const exams = Object.fromEntries(
    EXAM_IDS.map((exam) => {
      const tagged = bank.questions.flatMap((q) => q.tags.filter((t) => t.exam === exam));
      const perDomain = Object.fromEntries(Object.keys(domains[exam]).map((d) => [d, tagged.filter((t) => t.domain === d).length]));
      return [exam, { total: tagged.length, domains: perDomain }];
    }),
  ) as BankStats["exams"];
  const topics: Record<string, number> = {};
  for (const q of bank.questions) topics[q.topic] = (topics[q.topic] ?? 0) + 1;
  return {
    total: bank.questions.length,
    // Both languages are required by the schema; counted from the text so a future optional language shows here.
    locales: Object.fromEntries(LOCALES.map((l) => [l, bank.questions.filter((q) => q[l]?.stem).length])) as Record<Locale, number>,
    types: count(["single", "multiple"] as const, (q) => q.type),
    difficulty: count(["easy", "medium", "hard"] as const, (q) => q.difficulty),
    exams,
    topics,
  };
}
