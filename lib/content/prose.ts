import fs from "node:fs/promises";
import path from "node:path";
import { bundleMDX } from "mdx-bundler";
import type { Locale } from "@/lib/i18n/locales";
import { frontmatterSchema, type LessonFrontmatter } from "./lesson-schema";

const CONTENT_DIR = path.join(process.cwd(), "content", "lessons");

export interface CompiledProse {
  frontmatter: LessonFrontmatter;
  /** mdx-bundler output: a function body that evaluates to the MDX component. */
  code: string;
}

// Compiling MDX costs tens of milliseconds; the source only changes with a deploy, so keep each result per process.
const compiled = new Map<string, Promise<CompiledProse>>();

export function lessonProse(lessonId: string, locale: Locale): Promise<CompiledProse> {
  const key = `${lessonId}.${locale}`;
  let entry = compiled.get(key);
  if (!entry) {
    entry = compile(path.join(CONTENT_DIR, `${key}.mdx`)).catch((err) => {
      compiled.delete(key);
      throw err;
    });
    compiled.set(key, entry);
  }
  return entry;
}

/** Front matter, for lesson lists (from the same cached compile the lesson page uses). */
export async function lessonFrontmatter(lessonId: string, locale: Locale): Promise<LessonFrontmatter> {
  return (await lessonProse(lessonId, locale)).frontmatter;
}

async function compile(file: string): Promise<CompiledProse> {
  const source = await fs.readFile(file, "utf8");
  const { code, frontmatter } = await bundleMDX({ source, cwd: path.dirname(file) });
  const parsed = frontmatterSchema.safeParse(frontmatter);
  if (!parsed.success) throw new Error(`${path.relative(process.cwd(), file)}: bad front matter: ${parsed.error.message}`);
  return { frontmatter: parsed.data, code };
}
