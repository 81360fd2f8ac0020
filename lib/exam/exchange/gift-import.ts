/**
 * Reads an instructor's own questions written in GIFT (https://docs.moodle.org/en/GIFT_format) into the shape our
 * exports write (questions.ts), for a workshop quiz. Parsing is gift-pegjs's (the PEG grammar used by GIFT editors);
 * this module keeps what a quiz here can ask — multiple-choice and multiple-response questions — and says, per
 * question, why anything else was left out. Text is only ever shown as text: an [html] question is kept as written
 * and never rendered as HTML.
 */
import { parse, type GIFTQuestion, type MultipleChoice } from "gift-pegjs";
import { OPTION_IDS } from "../schema";
import type { ExchangeQuestion } from "./questions";

/** What an import accepts: a workshop quiz, not a whole course bank. */
export const GIFT_IMPORT_LIMITS = { bytes: 1_000_000, questions: 500, options: OPTION_IDS.length } as const;

export interface ImportedQuestion extends ExchangeQuestion {
  /** The category it was under ($CATEGORY), without Moodle's $course$/ prefix. */
  category?: string;
  /** The text format the GIFT named: plain, markdown, html or moodle. */
  format: string;
}

export interface GiftImport {
  questions: ImportedQuestion[];
  /** One line per question left out or file-level problem, saying what to change. */
  problems: string[];
}

const TYPE_NAMES: Record<GIFTQuestion["type"], string> = {
  MC: "multiple-choice",
  TF: "true/false",
  Short: "short-answer",
  Numerical: "numerical",
  Essay: "essay",
  Matching: "matching",
  Description: "description",
  Category: "category",
};

/** The share of the grade an option carries: `=` is 100 %, `~` without a weight is 0. */
function weightOf(choice: MultipleChoice["choices"][number]): number {
  return choice.weight ?? (choice.isCorrect ? 100 : 0);
}

function toQuestion(q: MultipleChoice, index: number, category: string | undefined): ImportedQuestion | string {
  const name = q.title ? `"${q.title}"` : `#${index + 1}`;
  if (q.hasEmbeddedAnswers) return `question ${name}: answers embedded in the text (missing-word style) are not imported; put the answers after the text`;
  if (!q.stem.text.trim()) return `question ${name}: has no text`;
  if (q.choices.length < 2) return `question ${name}: has ${q.choices.length} option; a question needs at least two`;
  if (q.choices.length > GIFT_IMPORT_LIMITS.options) return `question ${name}: has ${q.choices.length} options; at most ${GIFT_IMPORT_LIMITS.options} (a to f)`;
  const empty = q.choices.findIndex((c) => !c.text.text.trim());
  if (empty >= 0) return `question ${name}: option ${OPTION_IDS[empty]} is empty`;
  const right = q.choices.filter((c) => weightOf(c) > 0);
  if (right.length === 0) return `question ${name}: no option is marked right (= or a positive %weight%)`;
  const total = right.reduce((sum, c) => sum + weightOf(c), 0);
  // Moodle writes thirds as 33.33333: a sum within a hundredth of 100 is whole.
  if (right.length > 1 && Math.abs(total - 100) > 0.01) return `question ${name}: the right options' weights add up to ${total}%; they must add up to 100%`;
  if (right.length === 1 && weightOf(right[0]) !== 100) return `question ${name}: its only right option carries ${weightOf(right[0])}%; give it 100% (or =)`;
  const id = q.id ?? q.title ?? `gift-${index + 1}`;
  return {
    id,
    type: right.length > 1 ? "multiple" : "single",
    answerCount: right.length,
    stem: q.stem.text,
    options: q.choices.map((c) => ({ text: c.text.text, feedback: c.feedback?.text ?? "", correct: weightOf(c) > 0 })),
    generalFeedback: q.globalFeedback?.text ?? "",
    tags: q.tags ?? [],
    category,
    format: q.stem.format,
  };
}

export function importGift(source: string): GiftImport {
  if (new TextEncoder().encode(source).length > GIFT_IMPORT_LIMITS.bytes) {
    return { questions: [], problems: [`the file is larger than ${GIFT_IMPORT_LIMITS.bytes / 1_000_000} MB; split it into several quizzes`] };
  }
  let parsed: GIFTQuestion[];
  try {
    parsed = parse(source);
  } catch (error) {
    const e = error as { message: string; location?: { start: { line: number; column: number } } };
    const where = e.location ? `line ${e.location.start.line}, column ${e.location.start.column}: ` : "";
    return { questions: [], problems: [`${where}${e.message} (GIFT's special characters ~ = # { } : are written with a backslash in text: \\{ )`] };
  }
  const questions: ImportedQuestion[] = [];
  const problems: string[] = [];
  const ids = new Set<string>();
  let category: string | undefined;
  let leftOver = 0;
  parsed.forEach((q, index) => {
    if (q.type === "Category") {
      category = q.title.replace(/^\$(course|cat\d|system|module)\$\//, "");
      return;
    }
    if (q.type === "Description") return;
    if (q.type !== "MC") {
      problems.push(`question ${q.title ? `"${q.title}"` : `#${index + 1}`}: ${TYPE_NAMES[q.type]} questions are not imported; a quiz here asks multiple-choice and multiple-response questions`);
      return;
    }
    const result = toQuestion(q, index, category);
    if (typeof result === "string") return void problems.push(result);
    if (ids.has(result.id)) return void problems.push(`question "${result.id}": the name is used twice; give each question its own ::name:: or [id:…]`);
    if (questions.length === GIFT_IMPORT_LIMITS.questions) return void leftOver++;
    ids.add(result.id);
    questions.push(result);
  });
  if (leftOver) problems.push(`${leftOver} question(s) after the first ${GIFT_IMPORT_LIMITS.questions} were left out; split the file into several quizzes`);
  return { questions, problems };
}
