import fs from "node:fs/promises";
import path from "node:path";
import { bundleMDX } from "mdx-bundler";
import remarkGfm from "remark-gfm";
import { lessonSections } from "@/lib/exam/sections";
import { LOCALES, type Locale } from "@/lib/i18n/locales";
import type { Lesson } from "./load";

// Compiling MDX costs tens of milliseconds; the source only changes with a deploy, so keep each result per process.
const compiled = new Map<string, Promise<string>>();

/**
 * prepare compiles every lesson's prose once (`ecs-dojo content prose`) into dist/prose/, so that the first learner
 * after a start does not wait for it (a cold first lesson page took several times a warm one). Each file records the
 * sizes and modification times of the lesson's sources: a stale one is compiled again on the spot.
 */
const PROSE_CACHE_DIR = () => path.join(process.cwd(), "dist", "prose");

interface CachedProse {
  /** sourceStamp() of the lesson when it was compiled. */
  stamp: string;
  code: string;
}

const cacheFileOf = (lesson: Lesson, locale: Locale) => path.join(PROSE_CACHE_DIR(), `${lesson.id}.${locale}.json`);

/** A lesson's prose, compiled (mdx-bundler output: a function body that evaluates to the MDX component). */
export function lessonProse(lesson: Lesson, locale: Locale): Promise<string> {
  const file = path.join(process.cwd(), lesson.dir, `content.${locale}.mdx`);
  let entry = compiled.get(file);
  if (!entry) {
    entry = precompiled(lesson, locale).catch((err) => {
      compiled.delete(file);
      throw err;
    });
    compiled.set(file, entry);
  }
  return entry;
}

/**
 * What the compiled prose of a lesson depends on: both languages' sources (a page's heading ids are the English
 * headings' slugs), by size and modification time.
 */
async function sourceStamp(lesson: Lesson): Promise<string> {
  const stats = await Promise.all(LOCALES.map((locale) => fs.stat(path.join(process.cwd(), lesson.dir, `content.${locale}.mdx`))));
  return stats.map((stat) => `${stat.size}:${stat.mtimeMs}`).join("|");
}

/** The prose prepare compiled, if the lesson's sources have not changed since; else compiled now. */
async function precompiled(lesson: Lesson, locale: Locale): Promise<string> {
  const file = path.join(process.cwd(), lesson.dir, `content.${locale}.mdx`);
  const [stamp, cached] = await Promise.all([
    sourceStamp(lesson),
    fs.readFile(cacheFileOf(lesson, locale), "utf8").then((text) => JSON.parse(text) as CachedProse, () => null),
  ]);
  if (cached?.stamp === stamp) return cached.code;
  return compile(file, sectionSlugs(lesson));
}

/** Compiles every lesson's prose in every language into dist/prose/ (prepare's step); returns how many files. */
export async function precompileProse(lessons: Lesson[], locales: readonly Locale[]): Promise<number> {
  await fs.mkdir(PROSE_CACHE_DIR(), { recursive: true });
  let written = 0;
  for (const lesson of lessons) {
    const stamp = await sourceStamp(lesson);
    for (const locale of locales) {
      const file = path.join(process.cwd(), lesson.dir, `content.${locale}.mdx`);
      const cached: CachedProse = { stamp, code: await compile(file, sectionSlugs(lesson)) };
      await fs.writeFile(cacheFileOf(lesson, locale), JSON.stringify(cached));
      written += 1;
    }
  }
  return written;
}

/**
 * The ids of the lesson's `##` headings: the slug of the English heading in both languages, so an exam question's
 * link to a section (lib/exam/sections.ts) lands on it whichever language the page is in. None when the two languages
 * have different sections (the question bank's loader refuses links into such a lesson).
 */
function sectionSlugs(lesson: Lesson): string[] {
  const sections = lessonSections(lesson);
  return typeof sections === "string" ? [] : sections.map((s) => s.slug);
}

interface MdNode {
  type: string;
  depth?: number;
  children?: MdNode[];
  data?: { hProperties?: Record<string, unknown> };
}

/** A remark plugin: gives the n-th `##` heading the n-th id, in document order (the order sections.ts reads them in). */
function headingIds(slugs: string[]) {
  return () => (tree: MdNode) => {
    let n = 0;
    const walk = (node: MdNode) => {
      if (node.type === "heading" && node.depth === 2) {
        const id = slugs[n++];
        if (id) node.data = { ...node.data, hProperties: { ...node.data?.hProperties, id } };
      }
      node.children?.forEach(walk);
    };
    walk(tree);
  };
}

async function compile(file: string, slugs: string[]): Promise<string> {
  const source = await fs.readFile(file, "utf8");
  const { code } = await bundleMDX({
    source,
    cwd: path.dirname(file),
    // GitHub-flavoured Markdown: lessons use tables.
    mdxOptions: (options) => ({ ...options, remarkPlugins: [...(options.remarkPlugins ?? []), remarkGfm, headingIds(slugs)] }),
  });
  return code;
}
