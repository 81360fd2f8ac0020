import fs from "node:fs/promises";
import path from "node:path";
import { bundleMDX } from "mdx-bundler";
import remarkGfm from "remark-gfm";
import { lessonSections } from "@/lib/exam/sections";
import type { Locale } from "@/lib/i18n/locales";
import type { Lesson } from "./load";

// Compiling MDX costs tens of milliseconds; the source only changes with a deploy, so keep each result per process.
const compiled = new Map<string, Promise<string>>();

/** A lesson's prose, compiled (mdx-bundler output: a function body that evaluates to the MDX component). */
export function lessonProse(lesson: Lesson, locale: Locale): Promise<string> {
  const file = path.join(process.cwd(), lesson.dir, `content.${locale}.mdx`);
  let entry = compiled.get(file);
  if (!entry) {
    entry = compile(file, sectionSlugs(lesson)).catch((err) => {
      compiled.delete(file);
      throw err;
    });
    compiled.set(file, entry);
  }
  return entry;
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
