import fs from "node:fs/promises";
import path from "node:path";
import { bundleMDX } from "mdx-bundler";
import remarkGfm from "remark-gfm";
import type { Locale } from "@/lib/i18n/locales";
import type { Lesson } from "./load";

// Compiling MDX costs tens of milliseconds; the source only changes with a deploy, so keep each result per process.
const compiled = new Map<string, Promise<string>>();

/**
 * prepare compiles every lesson's prose once (`ecs-dojo content prose`) into dist/prose/, so that the first learner
 * after a start does not wait for it (a cold first lesson page took several times a warm one). Each file records the
 * size and modification time of its source: a stale one is compiled again on the spot.
 */
const PROSE_CACHE_DIR = () => path.join(process.cwd(), "dist", "prose");

interface CachedProse {
  size: number;
  mtimeMs: number;
  code: string;
}

const cacheFileOf = (lesson: Lesson, locale: Locale) => path.join(PROSE_CACHE_DIR(), `${lesson.id}.${locale}.json`);

/** A lesson's prose, compiled (mdx-bundler output: a function body that evaluates to the MDX component). */
export function lessonProse(lesson: Lesson, locale: Locale): Promise<string> {
  const file = path.join(process.cwd(), lesson.dir, `content.${locale}.mdx`);
  let entry = compiled.get(file);
  if (!entry) {
    entry = precompiled(file, cacheFileOf(lesson, locale)).catch((err) => {
      compiled.delete(file);
      throw err;
    });
    compiled.set(file, entry);
  }
  return entry;
}

/** The prose prepare compiled, if its source has not changed since; else compiled now. */
async function precompiled(file: string, cacheFile: string): Promise<string> {
  const [source, cached] = await Promise.all([fs.stat(file), fs.readFile(cacheFile, "utf8").then((text) => JSON.parse(text) as CachedProse, () => null)]);
  if (cached && cached.size === source.size && cached.mtimeMs === source.mtimeMs) return cached.code;
  return compile(file);
}

/** Compiles every lesson's prose in every language into dist/prose/ (prepare's step); returns how many files. */
export async function precompileProse(lessons: Lesson[], locales: readonly Locale[]): Promise<number> {
  await fs.mkdir(PROSE_CACHE_DIR(), { recursive: true });
  let written = 0;
  for (const lesson of lessons) {
    for (const locale of locales) {
      const file = path.join(process.cwd(), lesson.dir, `content.${locale}.mdx`);
      const source = await fs.stat(file);
      const cached: CachedProse = { size: source.size, mtimeMs: source.mtimeMs, code: await compile(file) };
      await fs.writeFile(cacheFileOf(lesson, locale), JSON.stringify(cached));
      written += 1;
    }
  }
  return written;
}

async function compile(file: string): Promise<string> {
  const source = await fs.readFile(file, "utf8");
  const { code } = await bundleMDX({
    source,
    cwd: path.dirname(file),
    // GitHub-flavoured Markdown: lessons use tables.
    mdxOptions: (options) => ({ ...options, remarkPlugins: [...(options.remarkPlugins ?? []), remarkGfm] }),
  });
  return code;
}
