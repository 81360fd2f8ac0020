/**
 * The question bank as GIFT, Moodle's plain-text question format
 * (https://docs.moodle.org/en/GIFT_format), so an instructor can reuse our questions in an LMS. One language per file:
 * an LMS question has one text. Each question keeps our id as its Moodle idnumber (`// [id:…]`) and its exams and
 * task statements as tags (`// [tag:…]`); every option carries its explanation as that answer's feedback, and the
 * citations become the general feedback.
 */
import type { Locale } from "@/lib/i18n/locales";
import type { ExamId } from "../schema";
import { exchangeQuestions, type ExchangeQuestion } from "./questions";
import type { BankQuestion } from "../load";

/** GIFT's control characters; in text each is written with a backslash before it (Moodle's GIFT format page). */
const SPECIAL = /[~=#{}:\\]/g;

export function giftEscape(text: string): string {
  // A line break inside a question is written \n: a real one would end the question's text for some importers.
  return text.replace(SPECIAL, (c) => `\\${c}`).replace(/\r?\n/g, "\\n");
}

/** Moodle's GIFT weights are percentages; 33.33333 is how Moodle itself writes a third. */
export function weightPercent(weight: number): string {
  return Number.isInteger(weight) ? String(weight) : weight.toFixed(5);
}

function giftQuestion(q: ExchangeQuestion): string {
  const lines = [`// [id:${q.id}] ${q.tags.map((tag) => `[tag:${tag}]`).join(" ")}`.trimEnd()];
  lines.push(`::${giftEscape(q.id)}::[plain]${giftEscape(q.stem)} {`);
  for (const option of q.options) {
    // Single answer: = marks it. Multiple response: the right ones share 100 %, each wrong one takes it all away, so
    // choosing every option scores nothing (Moodle's convention for multiple-answer GIFT questions).
    const mark = q.type === "single" ? (option.correct ? "=" : "~") : `~%${weightPercent(option.correct ? 100 / q.answerCount : -100)}%`;
    lines.push(`${mark}${giftEscape(option.text)}#${giftEscape(option.feedback)}`);
  }
  if (q.generalFeedback) lines.push(`####${giftEscape(q.generalFeedback)}`);
  lines.push("}");
  return lines.join("\n");
}

/** A GIFT file of the bank (or of one exam's questions) in one language, a category per exam domain. */
export function bankToGift(questions: readonly BankQuestion[], locale: Locale, exam?: ExamId): string {
  const parts = [`// ECS Dojo exam practice — ${exam ?? "all exams"} (${locale}). Format: https://docs.moodle.org/en/GIFT_format`];
  for (const group of exchangeQuestions(questions, locale, exam)) {
    parts.push(`$CATEGORY: $course$/${group.category}`);
    parts.push(...group.questions.map(giftQuestion));
  }
  return `${parts.join("\n\n")}\n`;
}
