/**
 * A question as a page shows it, in one language: first without its answer (what is asked), then with the reason
 * for every option, the citation, the lesson sections that teach it and the exercise where the same mistake fails
 * ("try it"). Plain data, so a route can send it as JSON and a page can render it.
 */
import type { Course } from "@/lib/course/load";
import type { Locale } from "@/lib/i18n/locales";
import type { BankQuestion } from "./load";
import { chooseInstruction, type QuestionSource } from "./schema";

export interface QuestionView {
  id: string;
  multiple: boolean;
  /** How many options to choose: 1, or the multiple-response item's `choose`. */
  choose: number;
  /** "Choose two." for a multiple-response item. */
  instruction?: string;
  stem: string;
  options: { id: string; text: string }[];
}

export interface Link {
  href: string;
  label: string;
}

export interface FeedbackView {
  answer: string[];
  explanations: { id: string; text: string; correct: boolean }[];
  sources: { label: string; href?: string }[];
  sections: Link[];
  /** The lesson's exercise, opened at the mistake the question is about. */
  tryIt?: Link;
}

export function questionView(q: BankQuestion, locale: Locale): QuestionView {
  const text = q[locale];
  return {
    id: q.id,
    multiple: q.type === "multiple",
    choose: q.choose ?? 1,
    instruction: chooseInstruction(q, locale),
    stem: text.stem,
    options: Object.entries(text.options).map(([id, option]) => ({ id, text: option as string })),
  };
}

/** A lesson page's anchor for a section: the English heading's slug in both languages (components/lesson-prose.tsx). */
export function sectionHref(locale: Locale, lesson: string, slug?: string): string {
  return `/${locale}/lessons/${lesson}${slug ? `#${slug}` : ""}`;
}

/** The lesson page opened at its exercise, with the mistake to make named at the top of it. */
export function tryItHref(locale: Locale, lesson: string, mistake?: string): string {
  return `/${locale}/lessons/${lesson}${mistake ? `?try=${encodeURIComponent(mistake)}` : ""}#exercise-heading`;
}

export function sourceView(source: QuestionSource): { label: string; href?: string } {
  if ("url" in source) {
    // The page's file name says what it is (API_ContainerDefinition, task_definition_parameters).
    const page = new URL(source.url).pathname.split("/").filter(Boolean).pop()?.replace(/\.html$/, "") ?? source.url;
    return { label: `AWS docs: ${page}`, href: source.url };
  }
  return { label: /^\d/.test(source.section) ? `${source.ref} §${source.section}` : `${source.ref} ${source.section}` };
}

export function feedbackView(q: BankQuestion, locale: Locale, course: Course): FeedbackView {
  const text = q[locale];
  const lessonTitle = (id: string) => `${id} ${course.lessons.get(id)?.meta[locale].title ?? ""}`.trim();
  const tryLesson = q.tryIt ? course.lessons.get(q.tryIt.lesson) : undefined;
  const mistake = q.tryIt?.mistake ? tryLesson?.mistakes.find((m) => m.id === q.tryIt!.mistake) : undefined;
  return {
    answer: q.answer,
    explanations: Object.entries(text.explanations).map(([id, why]) => ({ id, text: why as string, correct: q.answer.includes(id as never) })),
    sources: q.sources.map(sourceView),
    sections: q.sections.map((s) => ({
      href: sectionHref(locale, s.lesson, s.section?.slug),
      label: s.section ? `${lessonTitle(s.lesson)} › ${s.section.heading[locale]}` : lessonTitle(s.lesson),
    })),
    tryIt: q.tryIt && { href: tryItHref(locale, q.tryIt.lesson, q.tryIt.mistake), label: mistake ? `${lessonTitle(q.tryIt.lesson)}: ${mistake.about[locale]}` : lessonTitle(q.tryIt.lesson) },
  };
}
