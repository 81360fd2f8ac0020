/**
 * Reads the course from lessons/ (docs/authoring.md) and checks every file against its schema and every reference
 * between them (a check's file, a quiz question, a prerequisite, a rule id). A malformed file throws CourseError
 * naming the file, the field and what is expected — at `npm start`/`npm test` preparation, never first at request
 * time. Prose is only read for its front matter here; pages compile it when they show it (prose.ts).
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import matter from "gray-matter";
import { z } from "zod";
import type { Level } from "@/lib/validator/types";
import { DOCKERFILE_RULE_IDS } from "@/lib/docker/lint";
import { mistakeScript } from "./command-steps";
import { RULE_BY_ID } from "@/lib/validator/rules";
import { readScenario } from "@/lib/sandbox/engine/scenarios";
import { EcsError } from "@/lib/sandbox/engine/errors";
import type { Locale } from "@/lib/i18n/locales";
import { CHECK_KIND_BY_NAME, checksNeedSandbox } from "./grading/checks";
import {
  courseSchema,
  examGuidesSchema,
  frontmatterSchema,
  glossarySchema,
  hintsSchema,
  lessonSchema,
  mistakesSchema,
  moduleSchema,
  quizSchema,
  seedChecklistSchema,
  type ExamGuides,
  type FileKind,
  type Frontmatter,
  type LessonAction,
  type Localized,
  type Quiz,
  type SeedChecklist,
} from "./schema";
import type { CommonCheckFields } from "./grading/define";

export const LESSONS_DIR = path.join(process.cwd(), "lessons");

export class CourseError extends Error {}

export type LessonCheck = CommonCheckFields & Record<string, unknown>;

export interface LessonFile {
  name: string;
  kind: FileKind;
  /** The learner reads and builds with it but does not change it (lesson.json `readOnly`). */
  readOnly: boolean;
  starter: string;
  solution: string;
}

export interface Lesson {
  id: string;
  moduleId: string;
  /** Folder, relative to the repository. */
  dir: string;
  exam: string[];
  taskStatements: string[];
  seeds: string[];
  /** Glossary term ids the prose links to, per language. */
  glossaryLinks: Record<Locale, string[]>;
  prerequisites: string[];
  teaches: string[];
  files: LessonFile[];
  actions: LessonAction[];
  checks: LessonCheck[];
  hints: { tiers: Record<Locale, string[]>; rules: Record<string, Localized> };
  quiz?: Quiz;
  /** The parsed scenario.json, when the lesson starts from one. */
  scenario?: object;
  /** `_solution/commands.sh`, when the lesson is done in the terminal. */
  solutionCommands?: string;
  mistakes: LessonMistake[];
  editorMinLevel: Level;
  cluster?: string;
  verify: { advanceSeconds: number };
  meta: Record<Locale, Frontmatter>;
  /** Hash of every file in the lesson folder: a verification is current while it is unchanged. */
  contentHash: string;
}

/** A common mistake, done as the solution with these changes; verify proves each expected check names it. */
export interface LessonMistake {
  id: string;
  about: Localized;
  expect: { check: string; en: string; ja: string }[];
  /** Files that replace the solution's (same names as the lesson's files). */
  files: Record<string, string>;
  /** Replaces _solution/commands.sh: the mistake's script, or the solution with its step changes (command-steps.ts). */
  commands?: string;
  /** Quiz answers that replace the correct ones. */
  answers?: Record<string, string[]>;
  /** Folder, relative to the repository ($MISTAKE for commands.sh). */
  dir: string;
}

export interface CourseModule {
  id: string;
  folder: string;
  title: Localized;
  summary: Localized;
  lessonIds: string[];
}

export interface Course {
  title: Localized;
  tracks: z.infer<typeof courseSchema>["tracks"];
  modules: CourseModule[];
  lessons: Map<string, Lesson>;
  glossary: z.infer<typeof glossarySchema>["terms"];
  /** Which lesson explains each validator rule (from the lessons' `teaches`). */
  ruleLessons: Map<string, string>;
  seedChecklist: SeedChecklist;
  examGuides: ExamGuides;
}

function readText(file: string): string {
  try {
    return fs.readFileSync(file, "utf8");
  } catch {
    throw new CourseError(`${rel(file)}: the file is missing`);
  }
}

const rel = (file: string) => path.relative(process.cwd(), file);

function parseJson<T extends z.ZodType>(schema: T, file: string): z.infer<T> {
  let value: unknown;
  try {
    value = JSON.parse(readText(file));
  } catch (error) {
    if (error instanceof CourseError) throw error;
    throw new CourseError(`${rel(file)}: not valid JSON (${(error as Error).message})`);
  }
  return parseValue(schema, value, rel(file));
}

function parseValue<T extends z.ZodType>(schema: T, value: unknown, where: string): z.infer<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = result.error.issues.slice(0, 5).map((issue) => `${issue.path.join(".") || "(top level)"}: ${issue.message}`);
  throw new CourseError(`${where}: ${issues.join("; ")}`);
}

function hashDir(dir: string): string {
  const hash = createHash("sha256");
  const visit = (current: string) => {
    for (const entry of fs.readdirSync(current, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) visit(full);
      else hash.update(path.relative(dir, full)).update("\0").update(fs.readFileSync(full)).update("\0");
    }
  };
  visit(dir);
  return hash.digest("hex").slice(0, 16);
}

function readLesson(dir: string, moduleId: string, settings: { editorMinLevel?: Level; cluster?: string }): Lesson {
  const where = (name: string) => path.join(dir, name);
  const def = parseJson(lessonSchema, where("lesson.json"));
  const at = rel(where("lesson.json"));
  if (path.basename(dir) !== def.id) throw new CourseError(`${at}: id ${def.id} must equal the folder name ${path.basename(dir)}`);
  const hintsFile = parseJson(hintsSchema, where("hints.json"));
  const quiz = fs.existsSync(where("quiz.json")) ? parseJson(quizSchema, where("quiz.json")) : undefined;
  let scenario: object | undefined;
  if (fs.existsSync(where("scenario.json"))) {
    try {
      scenario = readScenario(JSON.parse(readText(where("scenario.json"))));
    } catch (error) {
      const why = error instanceof EcsError || error instanceof SyntaxError ? error.message : String(error);
      throw new CourseError(`${rel(where("scenario.json"))}: ${why}`);
    }
  }
  const files = def.files.map((f, i) => {
    // A file lesson.json names but a folder lacks is lesson.json's error as much as the folder's: name both.
    const read = (folder: string) => {
      const file = path.join(dir, folder, f.name);
      if (!fs.existsSync(file)) throw new CourseError(`${at}: files.${i} names ${f.name}, but ${rel(file)}: the file is missing`);
      return readText(file);
    };
    const starter = read("_files");
    // A read-only file is the same in the solution: it is stored once, in _files/.
    return { ...f, starter, solution: f.readOnly ? starter : read("_solution") };
  });
  const names = new Set(files.map((f) => f.name));
  def.checks.forEach((check: LessonCheck, i: number) => {
    const field = `${at}: checks.${i} (${check.id})`;
    const file = check.file as string | undefined;
    if (file !== undefined && !names.has(file)) throw new CourseError(`${field}: file ${file} is not one of the lesson's files (${[...names].join(", ") || "none"})`);
    if (check.kind === "quiz" && !quiz?.questions.some((q) => q.id === check.question)) {
      throw new CourseError(`${field}: question ${String(check.question)} is not in quiz.json`);
    }
    if (!CHECK_KIND_BY_NAME.has(check.kind)) throw new CourseError(`${field}: unknown kind ${check.kind}`);
  });
  const ids = def.checks.map((c: LessonCheck) => c.id);
  const dup = ids.find((id: string, i: number) => ids.indexOf(id) !== i);
  if (dup) throw new CourseError(`${at}: check id ${dup} is used twice`);
  for (const action of def.actions) {
    if (!names.has(action.file)) throw new CourseError(`${at}: actions: file ${action.file} is not one of the lesson's files`);
  }
  for (const rule of [...def.teaches, ...Object.keys(hintsFile.rules)]) {
    if (!RULE_BY_ID.has(rule) && !(DOCKERFILE_RULE_IDS as readonly string[]).includes(rule)) {
      throw new CourseError(`${at}: ${rule} is not a validator rule id (docs/rules.md) or a Dockerfile rule id (lib/docker/lint.ts)`);
    }
  }
  const solutionCommandsPath = path.join(dir, "_solution", "commands.sh");
  const solutionCommands = fs.existsSync(solutionCommandsPath) ? readText(solutionCommandsPath) : undefined;
  if (checksNeedSandbox(def.checks) && !solutionCommands && def.actions.length === 0) {
    throw new CourseError(`${at}: checks read the sandbox, so _solution/commands.sh must show how the exercise is done`);
  }
  const mistakes = readMistakes(dir, def.checks as LessonCheck[], names, quiz, solutionCommands);
  const meta = {} as Record<Locale, Frontmatter>;
  const glossaryLinks = {} as Record<Locale, string[]>;
  for (const locale of ["en", "ja"] as const) {
    const file = where(`content.${locale}.mdx`);
    const { data, content } = matter(readText(file));
    meta[locale] = parseValue(frontmatterSchema, data, rel(file));
    glossaryLinks[locale] = [...new Set([...content.matchAll(GLOSSARY_LINK)].map((m) => m[1]))];
  }
  return {
    id: def.id,
    moduleId,
    dir: rel(dir),
    exam: def.exam,
    taskStatements: def.taskStatements,
    seeds: def.seeds,
    glossaryLinks,
    prerequisites: def.prerequisites,
    teaches: def.teaches,
    files,
    actions: def.actions,
    checks: def.checks as LessonCheck[],
    hints: { tiers: { en: hintsFile.en, ja: hintsFile.ja }, rules: hintsFile.rules },
    quiz,
    scenario,
    solutionCommands,
    mistakes,
    editorMinLevel: def.editorMinLevel ?? settings.editorMinLevel ?? "warning",
    cluster: def.cluster ?? settings.cluster,
    verify: def.verify,
    meta,
    contentHash: hashDir(dir),
  };
}

function readMistakes(dir: string, checks: LessonCheck[], fileNames: Set<string>, quiz: Quiz | undefined, solutionCommands: string | undefined): LessonMistake[] {
  const file = path.join(dir, "mistakes.json");
  if (!fs.existsSync(file)) return [];
  const at = rel(file);
  const checkIds = new Set(checks.map((c) => c.id));
  return parseJson(mistakesSchema, file).mistakes.map((mistake, i) => {
    const field = `${at}: mistakes.${i} (${mistake.id})`;
    for (const expected of mistake.expect) {
      if (!checkIds.has(expected.check)) throw new CourseError(`${field}: check ${expected.check} is not one of lesson.json's checks`);
    }
    const folder = path.join(dir, "_mistakes", mistake.id);
    if (!fs.existsSync(folder)) throw new CourseError(`${field}: the folder ${rel(folder)} with what differs from _solution/ is missing`);
    const found: LessonMistake = { ...mistake, files: {}, dir: rel(folder) };
    for (const entry of fs.readdirSync(folder)) {
      const full = path.join(folder, entry);
      if (entry === "commands.sh") {
        try {
          found.commands = mistakeScript(solutionCommands, readText(full));
        } catch (error) {
          throw new CourseError(`${rel(full)}: ${(error as Error).message}`);
        }
      }
      else if (entry === "answers.json") {
        const answers = parseJson(z.record(z.string(), z.array(z.string())), full);
        const unknown = Object.keys(answers).find((q) => !quiz?.questions.some((question) => question.id === q));
        if (unknown) throw new CourseError(`${rel(full)}: question ${unknown} is not in quiz.json`);
        found.answers = answers;
      } else if (fileNames.has(entry)) found.files[entry] = readText(full);
      else throw new CourseError(`${rel(full)}: not one of the lesson's files, commands.sh or answers.json`);
    }
    if (!found.commands && !found.answers && Object.keys(found.files).length === 0) throw new CourseError(`${field}: ${rel(folder)} changes nothing`);
    return found;
  });
}

/** A link to a glossary term in lesson prose: `](/ja/glossary#task-size)`. */
const GLOSSARY_LINK = /\]\(\/(?:en|ja)\/glossary#([a-z0-9-]+)\)/g;

/** Every id a lesson names in its metadata or prose must exist: a seed item, a task statement, a glossary term. */
function checkReferences(lesson: Lesson, seeds: SeedChecklist, exams: ExamGuides, glossary: Set<string>): void {
  const at = `${lesson.dir}/lesson.json`;
  const seedIds = new Set(seeds.items.map((i) => i.id));
  const unknownSeed = lesson.seeds.find((id) => !seedIds.has(id));
  if (unknownSeed) throw new CourseError(`${at}: seeds: ${unknownSeed} is not in lessons/seed-checklist.json`);
  const codes = new Set(Object.values(exams).flatMap((statements) => statements.map((s) => s.code)));
  const unknownCode = lesson.taskStatements.find((code) => !codes.has(code));
  if (unknownCode) throw new CourseError(`${at}: taskStatements: ${unknownCode} is not in lessons/exam-guides.json`);
  for (const locale of ["en", "ja"] as const) {
    const broken = lesson.glossaryLinks[locale].find((id) => !glossary.has(id));
    if (broken) throw new CourseError(`${lesson.dir}/content.${locale}.mdx: links glossary#${broken}, which is not a term in lessons/glossary.json`);
  }
}

/** Reads and checks the whole course. Throws CourseError on the first malformed file. */
export function readCourse(root = LESSONS_DIR): Course {
  const course = parseJson(courseSchema, path.join(root, "course.json"));
  const glossary = parseJson(glossarySchema, path.join(root, "glossary.json")).terms;
  const seedChecklist = parseJson(seedChecklistSchema, path.join(root, "seed-checklist.json"));
  const examGuides = parseJson(examGuidesSchema, path.join(root, "exam-guides.json")).exams;
  const sectionIds = new Set(seedChecklist.sections.map((s) => s.id));
  const strayItem = seedChecklist.items.find((item) => !sectionIds.has(item.section));
  if (strayItem) throw new CourseError(`lessons/seed-checklist.json: ${strayItem.id} is in section ${strayItem.section}, which is not listed`);
  const termIds = new Set(glossary.map((t) => t.id));
  const modules: CourseModule[] = [];
  const lessons = new Map<string, Lesson>();
  const moduleDirs = fs.readdirSync(root, { withFileTypes: true }).filter((d) => d.isDirectory() && /^M\d-/.test(d.name));
  for (const moduleDir of moduleDirs.sort((a, b) => a.name.localeCompare(b.name))) {
    const dir = path.join(root, moduleDir.name);
    const mod = parseJson(moduleSchema, path.join(dir, "module.json"));
    if (!moduleDir.name.startsWith(`${mod.id}-`)) throw new CourseError(`${rel(path.join(dir, "module.json"))}: id ${mod.id} must begin the folder name`);
    const lessonDirs = fs.readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
    for (const name of lessonDirs) {
      if (!/^L\d{3}$/.test(name)) throw new CourseError(`${rel(path.join(dir, name))}: a lesson folder is named by its id, such as L302`);
      if (lessons.has(name)) throw new CourseError(`${rel(path.join(dir, name))}: lesson ${name} exists twice`);
      const lesson = readLesson(path.join(dir, name), mod.id, mod.settings);
      checkReferences(lesson, seedChecklist, examGuides, termIds);
      lessons.set(name, lesson);
    }
    modules.push({ id: mod.id, folder: moduleDir.name, title: mod.title, summary: mod.summary, lessonIds: lessonDirs });
  }
  for (const track of course.tracks) {
    const unknown = track.lessons.find((id) => !lessons.has(id));
    if (unknown) throw new CourseError(`lessons/course.json: track ${track.id} lists ${unknown}, which is not a lesson`);
  }
  const ruleLessons = new Map<string, string>();
  for (const lesson of lessons.values()) for (const rule of lesson.teaches) if (!ruleLessons.has(rule)) ruleLessons.set(rule, lesson.id);
  return { title: course.title, tracks: course.tracks, modules, lessons, glossary, ruleLessons, seedChecklist, examGuides };
}

let cache: Course | undefined;

/** The course, read once per process (content changes only with a deploy). */
export function loadCourse(): Course {
  cache ??= readCourse();
  return cache;
}

export function getLesson(id: string): Lesson | undefined {
  return loadCourse().lessons.get(id);
}
