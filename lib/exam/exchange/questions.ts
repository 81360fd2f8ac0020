/**
 * A bank question as an LMS holds it — one language, one text per option with its feedback, a right/wrong mark,
 * tags — which both export formats (gift.ts, moodle-xml.ts) write and the GIFT import (gift-import.ts) reads back.
 */
import type { Locale } from "@/lib/i18n/locales";
import { domainTitle, examDomains } from "../domain-titles";
import type { BankQuestion } from "../load";
import { chooseInstruction, type ExamId } from "../schema";
import { sourceView } from "../views";

export interface ExchangeOption {
  text: string;
  /** Why this option is right or wrong (the bank's explanation). */
  feedback: string;
  correct: boolean;
}

export interface ExchangeQuestion {
  id: string;
  type: "single" | "multiple";
  /** How many options are right: 1, or a multiple-response item's `choose`. */
  answerCount: number;
  /** The scenario, ending with "Choose two." for a multiple-response item, as the exam prints it. */
  stem: string;
  options: ExchangeOption[];
  /** Citations and the lesson sections that teach it. */
  generalFeedback: string;
  /** The exams and task statements, then the difficulty: SAA-C03, SAA-1.2, medium. */
  tags: string[];
}

export interface ExchangeCategory {
  /** A category path: "ECS Dojo/SAA-C03/1 Design Secure Architectures". */
  category: string;
  questions: ExchangeQuestion[];
}

const WORDS: Record<Locale, { sources: string; lessons: string }> = {
  en: { sources: "Sources", lessons: "Lessons" },
  ja: { sources: "出典", lessons: "レッスン" },
};

export function exchangeQuestion(q: BankQuestion, locale: Locale): ExchangeQuestion {
  const text = q[locale];
  const instruction = chooseInstruction(q, locale);
  const sources = q.sources.map((s) => {
    const view = sourceView(s);
    return view.href ?? view.label;
  });
  const lessons = q.sections.map((s) => (s.section ? `${s.lesson} › ${s.section.heading[locale]}` : s.lesson));
  return {
    id: q.id,
    type: q.type,
    answerCount: q.answer.length,
    stem: instruction ? `${text.stem} ${instruction}` : text.stem,
    options: Object.entries(text.options).map(([letter, option]) => ({
      text: option as string,
      feedback: text.explanations[letter as keyof typeof text.explanations] as string,
      correct: q.answer.includes(letter as never),
    })),
    generalFeedback: `${WORDS[locale].sources}: ${sources.join(" ; ")}\n${WORDS[locale].lessons}: ${lessons.join(" ; ")}`,
    tags: [...q.tags.flatMap((t) => [t.exam, t.taskStatement]), q.difficulty],
  };
}

/**
 * The questions to export, grouped the way an instructor would browse them in an LMS: one exam's questions by its
 * domains, or the whole bank by topic (a question tagged with several exams appears once).
 */
export function exchangeQuestions(questions: readonly BankQuestion[], locale: Locale, exam?: ExamId): ExchangeCategory[] {
  if (exam) {
    return examDomains(exam)
      .map((domain) => ({
        category: `ECS Dojo/${exam}/${domain} ${domainTitle(exam, domain, locale)}`,
        questions: questions.filter((q) => q.tags.some((t) => t.exam === exam && t.domain === domain)).map((q) => exchangeQuestion(q, locale)),
      }))
      .filter((group) => group.questions.length > 0);
  }
  const topics = [...new Set(questions.map((q) => q.topic))];
  return topics.map((topic) => ({
    category: `ECS Dojo/${topic}`,
    questions: questions.filter((q) => q.topic === topic).map((q) => exchangeQuestion(q, locale)),
  }));
}
