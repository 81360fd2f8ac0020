import fs from "node:fs/promises";
import path from "node:path";
import type { Locale } from "@/lib/i18n/locales";
import type { Level } from "@/lib/validator/types";
import type { z } from "zod";
import { hintsSchema, lessonSchema, type LessonCheck } from "./lesson-schema";

const LESSONS_DIR = path.join(process.cwd(), "lessons");

export interface Lesson {
  id: string;
  module: string;
  order: number;
  fileName: string;
  starter: string;
  solution: string;
  checks: LessonCheck[];
  hints: Record<Locale, string[]>;
  sandbox: { cluster: string; launchType: "FARGATE" };
  editorMinLevel: Level;
}

let cache: Promise<Map<string, Lesson>> | undefined;

/** Every lesson under lessons/, validated against the schema (a malformed lesson fails loudly at load). */
export function loadLessons(): Promise<Map<string, Lesson>> {
  cache ??= readAll().catch((err) => {
    cache = undefined;
    throw err;
  });
  return cache;
}

export async function getLesson(id: string): Promise<Lesson | undefined> {
  return (await loadLessons()).get(id);
}

async function readAll(): Promise<Map<string, Lesson>> {
  const dirs = (await fs.readdir(LESSONS_DIR, { withFileTypes: true })).filter((d) => d.isDirectory());
  const lessons = await Promise.all(dirs.map((d) => readLesson(path.join(LESSONS_DIR, d.name))));
  return new Map(lessons.sort((a, b) => a.order - b.order).map((l) => [l.id, l]));
}

async function readLesson(dir: string): Promise<Lesson> {
  const read = (...parts: string[]) => fs.readFile(path.join(dir, ...parts), "utf8");
  const where = path.relative(process.cwd(), dir);
  const def = parseFile(lessonSchema, await read("lesson.json"), `${where}/lesson.json`);
  if (path.basename(dir) !== def.id) throw new Error(`${where}: folder name must equal the lesson id ${def.id}`);
  const hints = parseFile(hintsSchema, await read("hints.json"), `${where}/hints.json`);
  return {
    id: def.id,
    module: def.module,
    order: def.order,
    fileName: def.file,
    starter: await read("_files", def.file),
    solution: await read("_solution", def.file),
    checks: def.checks,
    hints,
    sandbox: def.sandbox,
    editorMinLevel: def.editorMinLevel,
  };
}

function parseFile<T extends z.ZodType>(schema: T, text: string, where: string): z.infer<T> {
  const result = schema.safeParse(JSON.parse(text));
  if (!result.success) throw new Error(`${where} is not a valid lesson file: ${result.error.message}`);
  return result.data;
}
