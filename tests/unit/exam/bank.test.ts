import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readCourse } from "@/lib/course/load";
import { EXAM_DOMAINS, domainOf } from "@/lib/exam/domains";
import { QUESTIONS_DIR, QuestionBankError, bankStats, readQuestionBank } from "@/lib/exam/load";
import { chooseInstruction } from "@/lib/exam/schema";
import { RULE_BY_ID } from "@/lib/validator/rules";
import { DOCKERFILE_RULE_IDS } from "@/lib/docker/lint";
import { LOCALES } from "@/lib/i18n/locales";
import { runContent } from "@/lib/cli/content";
import type { CliIO } from "@/lib/cli/io";

const course = readCourse();
const bank = readQuestionBank(course);

describe("the question bank as written", () => {
  it("holds at least the first 40 questions, each in both languages", () => {
    expect(bank.questions.length).toBeGreaterThanOrEqual(40);
    const stats = bankStats(bank, EXAM_DOMAINS);
    expect(stats.locales).toEqual({ en: bank.questions.length, ja: bank.questions.length });
  });

  it("asks every exam, in more than one domain each", () => {
    const stats = bankStats(bank, EXAM_DOMAINS);
    for (const [exam, counts] of Object.entries(stats.exams)) {
      expect(counts.total, exam).toBeGreaterThan(0);
      expect(Object.values(counts.domains).filter((n) => n > 0).length, exam).toBeGreaterThan(1);
    }
  });

  describe.each(bank.questions.map((q) => [q.id, q] as const))("%s", (_id, q) => {
    it("has the same options in both languages, each with a reason", () => {
      const letters = Object.keys(q.en.options);
      expect(Object.keys(q.ja.options)).toEqual(letters);
      for (const locale of LOCALES) expect(Object.keys(q[locale].explanations).sort(), locale).toEqual([...letters].sort());
    });

    it("has as many answers as its type asks for, all among the options", () => {
      expect(q.answer.length).toBe(q.type === "single" ? 1 : q.choose);
      for (const a of q.answer) expect(Object.keys(q.en.options)).toContain(a);
    });

    it("never offers all, none or both of the above", () => {
      for (const option of Object.values(q.en.options)) expect(option).not.toMatch(/\b(all|none|both|neither) of the (above|options)\b/i);
      for (const option of Object.values(q.ja.options)) expect(option).not.toMatch(/上記|いずれでもない|すべて正しい/);
    });

    it("is tagged with real exams, task statements and domains", () => {
      for (const tag of q.tags) {
        expect(course.examGuides[tag.exam].map((s) => s.code)).toContain(tag.taskStatement);
        expect(tag.taskStatement.startsWith(tag.exam.slice(0, 3))).toBe(true);
        expect(EXAM_DOMAINS[tag.exam][domainOf(tag.taskStatement)], tag.taskStatement).toBeTruthy();
      }
    });

    it("links lessons, sections, rules and checks that exist", () => {
      expect(q.lessons.length).toBeGreaterThan(0);
      for (const link of q.sections) {
        expect(course.lessons.has(link.lesson)).toBe(true);
        if (link.section) for (const locale of LOCALES) expect(link.section.heading[locale].length).toBeGreaterThan(1);
      }
      // A rule is the task-definition validator's or the Dockerfile linter's (docs/rules.md lists both).
      for (const rule of q.rules) expect(RULE_BY_ID.has(rule) || (DOCKERFILE_RULE_IDS as readonly string[]).includes(rule), rule).toBe(true);
      for (const check of q.checks) {
        const [lesson, id] = check.split("/");
        expect(course.lessons.get(lesson)?.checks.map((c) => c.id)).toContain(id);
      }
      if (q.tryIt?.mistake) expect(course.lessons.get(q.tryIt.lesson)?.mistakes.map((m) => m.id)).toContain(q.tryIt.mistake);
    });

    it("cites a source for its explanations", () => {
      expect(q.sources.length).toBeGreaterThan(0);
    });

    it("says how many to choose when it has several answers", () => {
      if (q.type === "multiple") {
        expect(chooseInstruction(q, "en")).toMatch(/^Choose (two|three)\.$/);
        expect(chooseInstruction(q, "ja")).toMatch(/^[23] つ選択してください。$/);
      } else expect(chooseInstruction(q, "en")).toBeUndefined();
    });
  });
});

describe("`content stats`", () => {
  const run = async (args: string[]) => {
    let stdout = "";
    const io: CliIO = { stdout: (t) => void (stdout += t), stderr: () => {}, env: {}, readFile: async () => "", readStdin: async () => "" };
    expect(await runContent(["stats", ...args], io)).toBe(0);
    return stdout;
  };

  it("prints the questions per language, and per exam and domain with the domain's title", async () => {
    const stdout = await run([]);
    const n = bank.questions.length;
    expect(stdout).toMatch(new RegExp(`exam practice +${n} questions; en ${n}, ja ${n};`));
    const stats = bankStats(bank, EXAM_DOMAINS);
    for (const [exam, counts] of Object.entries(stats.exams)) {
      const [first] = Object.entries(counts.domains);
      const title = EXAM_DOMAINS[exam as keyof typeof EXAM_DOMAINS][first[0]];
      expect(stdout).toContain(`${exam.padEnd(20)}${counts.total} questions — ${first[0]} ${title} ${first[1]}`);
    }
  });

  it("gives the same counts as JSON, each question counted once per exam it is tagged with", async () => {
    const json = JSON.parse(await run(["--format", "json"])).questions;
    expect(json.total).toBe(bank.questions.length);
    for (const exam of Object.keys(EXAM_DOMAINS)) {
      const tagged = bank.questions.filter((q) => q.tags.some((t) => t.exam === exam)).length;
      expect(json.exams[exam].total).toBe(tagged);
      expect(Object.values(json.exams[exam].domains as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(tagged);
    }
  });
});

/** Every copy of the bank this file made: removed when it ends. */
const copies: string[] = [];
afterAll(() => {
  for (const copy of copies) fs.rmSync(copy, { recursive: true, force: true });
});

/** A copy of the bank with the first question of task-definitions.yaml changed as `change` says, read as prepare reads it. */
function readWith(change: (text: string) => string): () => void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bank-"));
  copies.push(dir);
  for (const name of fs.readdirSync(QUESTIONS_DIR)) {
    const text = fs.readFileSync(path.join(QUESTIONS_DIR, name), "utf8");
    fs.writeFileSync(path.join(dir, name), name === "task-definitions.yaml" ? change(text) : text);
  }
  return () => readQuestionBank(course, dir);
}

/** Replaces the first occurrence only: the first question of the file. */
const first = (from: string | RegExp, to: string) => (text: string) => {
  const changed = text.replace(from, to);
  if (changed === text) throw new Error(`the fixture no longer contains ${String(from)}`);
  return changed;
};

describe("a malformed question stops preparation with the file, the question and the field", () => {
  it.each([
    ["a task statement the exam guides lack", first("DVA-C02: DVA-3.4", "DVA-C02: DVA-9.9"), /task-definitions.yaml: questions.0 \(td-new-image-new-revision\): exams.DVA-C02: DVA-9.9 is not one of DVA-C02's task statements/],
    ["an exam that does not exist", first("DVA-C02: DVA-3.4", "DVA-C01: DVA-3.4"), /questions.0 \(td-new-image-new-revision\): exams/],
    ["a lesson that does not exist", first("lesson: L301, section: revisions-never-change", "lesson: L999"), /lessons.0: L999 is not a lesson/],
    ["a section the lesson lacks", first("section: revisions-never-change", "section: no-such-heading"), /L301 has no section no-such-heading; its sections are/],
    ["a rule id that does not exist", first("checks: [L301/newest-revision-new-tag", "rules: [NO-SUCH-RULE]\n    checks: [L301/newest-revision-new-tag"), /rules: NO-SUCH-RULE is not a validator rule id/],
    ["a check the lesson lacks", first("L301/newest-revision-new-tag", "L301/no-such-check"), /checks: L301 has no check no-such-check/],
    ["a try-it mistake the lesson does not prove", first("mistake: edit-existing-revision", "mistake: no-such-mistake"), /tryIt: L301 proves no common mistake no-such-mistake/],
    ["an option without an explanation in Japanese", first(/\n        d: サービスは停止したタスクを[^\n]*/, ""), /ja.explanations: option d has no explanation/],
    ["a Japanese option missing", first(/\n        d: サービスの実行中のタスクを[^\n]*/, ""), /ja.explanations: d is not an option|ja.options: a multiple-choice question has at least 4 options/],
    ["options lettered out of order", first("        c: Call update-service", "        e: Call update-service"), /en.options: lettered a, b, e, d/],
    ["all of the above", first("d: Stop all running tasks of the service so that the service starts them again with the newest image.", "d: All of the above."), /en.options.d: "All of the above." — write an option that stands on its own/],
    ["two answers to a single-answer question", first("answer: [b]", "answer: [b, c]"), /answer: the number of answers differs/],
    ["several answers with no count to choose", first("type: single\n    answer: [b]", "type: multiple\n    answer: [b, c]"), /choose: a multiple-response question says how many to choose/],
    ["no citation", first(/    sources:\n      - \{ ref: ecs-behavior.md, section: "1.4" \}\n      - \{ ref: ecs-behavior.md, section: "5.3" \}\n/, "    sources: []\n"), /sources: Too small/],
    ["a citation that is not an AWS page", first('{ ref: ecs-behavior.md, section: "1.4" }', "{ url: https://example.com/ecs }"), /sources/],
    ["no lesson", first(/    lessons:\n      - \{ lesson: L301, section: revisions-never-change \}\n      - \{ lesson: L601, section: a-deployment-is-a-new-revision-plus-update-service \}\n/, "    lessons: []\n"), /lessons: Too small/],
    ["a duplicate id", first("id: td-retire-revision-with-secret", "id: td-new-image-new-revision"), /questions.1 \(td-new-image-new-revision\): id td-new-image-new-revision is also used/],
    ["YAML that does not parse", first("questions:", "questions: [\n"), /task-definitions.yaml: not valid YAML/],
  ])("%s", (_what, change, message) => {
    const read = readWith(change);
    expect(read).toThrow(QuestionBankError);
    expect(read).toThrow(message);
  });
});
