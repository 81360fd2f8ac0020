import fs from "node:fs";
import path from "node:path";
import YAML from "yaml";

// The exam bank's answer key, read from exam/questions/ itself so the exam specs cover questions added later.

const QUESTIONS_DIR = path.join(import.meta.dirname, "../../exam/questions");

export interface KeyedQuestion {
  id: string;
  answer: string[];
  options: string[];
  exams: Record<string, string>;
}

export const KEY = new Map<string, KeyedQuestion>(
  fs
    .readdirSync(QUESTIONS_DIR)
    .filter((f) => f.endsWith(".yaml"))
    .flatMap((f) => (YAML.parse(fs.readFileSync(path.join(QUESTIONS_DIR, f), "utf8")) as { questions: (KeyedQuestion & { en: { options: object } })[] }).questions)
    .map((q) => [q.id, { id: q.id, answer: q.answer, options: Object.keys(q.en.options), exams: q.exams }]),
);

/** A wrong choice of the right size: the answer with its first letter swapped for a wrong one. */
export function wrongChoice(q: KeyedQuestion): string[] {
  const wrong = q.options.find((o) => !q.answer.includes(o))!;
  return [wrong, ...q.answer.slice(1)];
}

/** The domain a question counts toward in `exam`: the first number of its task statement (DVA-3.1 → 3). */
export const domainOf = (q: KeyedQuestion, exam: string) => /^[A-Z]{3}-(\d+)\./.exec(q.exams[exam])![1];
