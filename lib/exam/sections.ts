/**
 * A lesson's sections: its `##` headings, the same sections in the same order in both languages (LESSON-QUALITY.md
 * §6, parity). A question links a section by the slug of its English heading, which survives rewording of the
 * Japanese; the page shows the heading in the reader's language.
 */
import fs from "node:fs";
import path from "node:path";
import type { Lesson } from "@/lib/course/load";
import type { Locale } from "@/lib/i18n/locales";

export interface LessonSection {
  /** Slug of the English heading: "two-roles-two-users". */
  slug: string;
  heading: Record<Locale, string>;
}

/** GitHub-style slug: lower case, punctuation dropped, spaces to hyphens. */
export function slugify(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[`*_]/g, "")
    .replace(/[^\p{Letter}\p{Number} -]/gu, "")
    .trim()
    .replace(/\s+/g, "-");
}

function headings(file: string): string[] {
  const text = fs.readFileSync(file, "utf8");
  // Headings inside fenced code (a shell comment such as "## step 2") are not sections.
  const outsideCode = text.replace(/^```[\s\S]*?^```/gm, "");
  return [...outsideCode.matchAll(/^## +(.+?)\s*$/gm)].map((m) => m[1]);
}

/** The lesson's sections, or the reason they cannot be paired across languages. */
export function lessonSections(lesson: Lesson, root = process.cwd()): LessonSection[] | string {
  const en = headings(path.join(root, lesson.dir, "content.en.mdx"));
  const ja = headings(path.join(root, lesson.dir, "content.ja.mdx"));
  if (en.length !== ja.length) return `${lesson.id} has ${en.length} sections in English and ${ja.length} in Japanese, so they cannot be paired`;
  return en.map((heading, i) => ({ slug: slugify(heading), heading: { en: heading, ja: ja[i] } }));
}
