import fs from "node:fs/promises";
import path from "node:path";
import { bundleMDX } from "mdx-bundler";
import remarkGfm from "remark-gfm";
import type { Locale } from "@/lib/i18n/locales";
import type { Lesson } from "./load";

// Compiling MDX costs tens of milliseconds; the source only changes with a deploy, so keep each result per process.
const compiled = new Map<string, Promise<string>>();

/** A lesson's prose, compiled (mdx-bundler output: a function body that evaluates to the MDX component). */
export function lessonProse(lesson: Lesson, locale: Locale): Promise<string> {
  const file = path.join(process.cwd(), lesson.dir, `content.${locale}.mdx`);
  let entry = compiled.get(file);
  if (!entry) {
    entry = compile(file).catch((err) => {
      compiled.delete(file);
      throw err;
    });
    compiled.set(file, entry);
  }
  return entry;
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
