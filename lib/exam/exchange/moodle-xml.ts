/**
 * The question bank as Moodle XML (https://docs.moodle.org/en/Moodle_XML_format): the format Moodle's own export
 * writes, richer than GIFT (the idnumber, tags, numbering and shuffling travel with each question). Multichoice
 * questions, one language per file, a category per exam domain or topic, as gift.ts groups them.
 */
import type { Locale } from "@/lib/i18n/locales";
import type { BankQuestion } from "../load";
import type { ExamId } from "../schema";
import { weightPercent } from "./gift";
import { exchangeQuestions, type ExchangeQuestion } from "./questions";

/** XML's five predefined entities; written by hand because that is all a text node needs. */
function xmlText(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;");
}

const text = (value: string) => `<text>${xmlText(value)}</text>`;

function moodleQuestion(q: ExchangeQuestion): string {
  // Same scoring as the GIFT export: a multiple-response item shares 100 % among its right options and each wrong
  // option costs 100 %, so choosing everything scores nothing.
  const fraction = (correct: boolean) => (q.type === "single" ? (correct ? "100" : "0") : weightPercent(correct ? 100 / q.answerCount : -100));
  const answers = q.options.map(
    (o) => `    <answer fraction="${fraction(o.correct)}" format="plain_text">${text(o.text)}<feedback format="plain_text">${text(o.feedback)}</feedback></answer>`,
  );
  return [
    `  <question type="multichoice">`,
    `    <name>${text(q.id)}</name>`,
    `    <questiontext format="plain_text">${text(q.stem)}</questiontext>`,
    `    <generalfeedback format="plain_text">${text(q.generalFeedback)}</generalfeedback>`,
    `    <defaultgrade>1</defaultgrade>`,
    `    <penalty>0</penalty>`,
    `    <hidden>0</hidden>`,
    `    <idnumber>${xmlText(q.id)}</idnumber>`,
    `    <single>${q.type === "single"}</single>`,
    // Options keep their letters: an explanation may be read next to the option it answers, as on our pages.
    `    <shuffleanswers>false</shuffleanswers>`,
    `    <answernumbering>abc</answernumbering>`,
    ...answers,
    `    <tags>${q.tags.map((tag) => `<tag>${text(tag)}</tag>`).join("")}</tags>`,
    `  </question>`,
  ].join("\n");
}

export function bankToMoodleXml(questions: readonly BankQuestion[], locale: Locale, exam?: ExamId): string {
  const parts = ['<?xml version="1.0" encoding="UTF-8"?>', "<quiz>"];
  for (const group of exchangeQuestions(questions, locale, exam)) {
    parts.push(`  <question type="category">\n    <category>${text(`$course$/${group.category}`)}</category>\n  </question>`);
    parts.push(...group.questions.map(moodleQuestion));
  }
  parts.push("</quiz>");
  return `${parts.join("\n")}\n`;
}
