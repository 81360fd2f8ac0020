import fs from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, type TestInfo } from "@playwright/test";
import YAML from "yaml";
import { expectNoHorizontalOverflow, LAPTOP, PHONE } from "./site-pages";

// What the exam specs share: the bank's answer key, read from exam/questions/ itself so they cover questions added
// later, and the check of an exam page at a phone's and a laptop's width.

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

const WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

async function axeViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG_AA).analyze();
  return violations.map((v) => `${v.id} (${v.impact}) ×${v.nodes.length}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ")}`);
}

/**
 * At a phone's and a laptop's width: nothing runs off the side, no axe violation; a screenshot of each for review,
 * test-results/screens/<prefix>-<name>-<width>.jpeg.
 */
export async function checkExamScreens(page: Page, testInfo: TestInfo, prefix: string, name: string) {
  for (const viewport of [PHONE, LAPTOP]) {
    await page.setViewportSize(viewport);
    const where = `${name} at ${viewport.width}px`;
    await expectNoHorizontalOverflow(page, where);
    expect(await axeViolations(page), `${where}: axe WCAG 2 A/AA violations`).toEqual([]);
    await page.screenshot({ path: path.join(testInfo.project.outputDir, "screens", `${prefix}-${name}-${viewport.width}.jpeg`), fullPage: true, type: "jpeg", quality: 70 });
  }
}
