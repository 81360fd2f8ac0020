import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { CourseError, LESSONS_DIR, readCourse } from "@/lib/course/load";
import { lessonProse } from "@/lib/course/prose";
import { LOCALES } from "@/lib/i18n/locales";

const course = readCourse();
const lessons = [...course.lessons.values()];

describe("the course as written", () => {
  it("has the pilot lessons, each in a module", () => {
    for (const id of ["L000", "L104", "L302", "L303", "L502", "L601"]) expect(course.lessons.get(id)?.moduleId).toMatch(/^M\d$/);
  });

  describe.each(lessons.map((l) => [l.id, l] as const))("lesson %s", (_id, lesson) => {
    it.each(LOCALES)("has prose in %s that compiles", async (locale) => {
      expect(lesson.meta[locale].title.length).toBeGreaterThan(5);
      expect((await lessonProse(lesson, locale)).length).toBeGreaterThan(500);
    });

    it("has a solution for every file it asks to change, and checks that name only the lesson's files", () => {
      const names = lesson.files.map((f) => f.name);
      for (const check of lesson.checks) if (typeof check.file === "string") expect(names).toContain(check.file);
      // A file the learner changes has a solution of its own; a read-only one (an app's source) is the same in both.
      for (const file of lesson.files) expect(file.solution === file.starter).toBe(file.readOnly);
    });
  });
});

/** Every copy of the course this file made (about 2 MB each): removed when it ends. */
const copies: string[] = [];
afterAll(() => {
  for (const copy of copies) fs.rmSync(copy, { recursive: true, force: true });
});

function copyOfCourse(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "course-"));
  copies.push(root);
  fs.cpSync(LESSONS_DIR, root, { recursive: true });
  return root;
}

/** A copy of the course with one file changed, read as `npm start` reads it. */
function readWith(change: (root: string) => void): () => void {
  const root = copyOfCourse();
  change(root);
  return () => readCourse(root);
}

const l302 = (root: string, file: string) => path.join(root, "M3-task-definitions", "L302", file);
const l303 = (root: string, file: string) => path.join(root, "M3-task-definitions", "L303", file);
const editJson = (file: string, edit: (value: Record<string, unknown>) => void) => {
  const value = JSON.parse(fs.readFileSync(file, "utf8"));
  edit(value);
  fs.writeFileSync(file, JSON.stringify(value));
};

describe("a malformed course stops preparation with the file, the field and what is expected", () => {
  it.each([
    ["an unknown check kind", (r: string) => editJson(l302(r, "lesson.json"), (v) => ((v.checks as object[])[0] = { id: "x", kind: "psychic", title: { en: "a", ja: "b" } })), /L302\/lesson.json: checks.0.kind/],
    ["a check on a file the lesson lacks", (r: string) => editJson(l302(r, "lesson.json"), (v) => (((v.checks as Record<string, unknown>[])[0].file = "nope.json"))), /checks.0 \(accepted-by-aws\): file nope.json/],
    ["a rule id that does not exist", (r: string) => editJson(l302(r, "lesson.json"), (v) => ((v.teaches as string[]).push("NO-SUCH-RULE"))), /NO-SUCH-RULE is not a validator rule id/],
    ["a missing Japanese hint", (r: string) => editJson(l302(r, "hints.json"), (v) => ((v.ja as string[]).pop())), /L302\/hints.json: ja/],
    ["lesson.json that is not JSON", (r: string) => fs.writeFileSync(l302(r, "lesson.json"), "{"), /L302\/lesson.json: not valid JSON/],
    ["front matter without a title", (r: string) => fs.writeFileSync(l302(r, "content.ja.mdx"), "---\nsummary: x\nminutes: 3\n---\n# x"), /content.ja.mdx: title/],
    ["a solution file missing", (r: string) => fs.rmSync(l302(r, "_solution/orders-api.json")), /_solution\/orders-api.json: the file is missing/],
    ["a file lesson.json names that _files lacks", (r: string) => editJson(l302(r, "lesson.json"), (v) => ((v.files as { name: string }[])[0].name = "nope.json")), /L302\/lesson.json: files.0 names nope.json, but .*_files\/nope.json: the file is missing/],
    ["a folder named unlike its lesson", (r: string) => fs.renameSync(path.dirname(l302(r, "x")), path.join(r, "M3-task-definitions", "L399")), /id L302 must equal the folder name L399/],
    ["a mistake expecting a check the lesson lacks", (r: string) => editJson(l303(r, "mistakes.json"), (v) => ((v.mistakes as { expect: { check: string }[] }[])[0].expect[0].check = "nope")), /L303\/mistakes.json: mistakes.0 \(more-cpu-for-memory\): check nope/],
    ["a mistake whose pattern is not a regular expression", (r: string) => editJson(l303(r, "mistakes.json"), (v) => ((v.mistakes as { expect: { en: string }[] }[])[0].expect[0].en = "(")), /mistakes.json: mistakes.0.expect.0.en: is not a valid regular expression/],
    ["a mistake without its folder", (r: string) => fs.rmSync(l303(r, "_mistakes/only-huge-memory"), { recursive: true }), /_mistakes\/only-huge-memory with what differs from _solution\/ is missing/],
    ["a mistake folder with a stray file", (r: string) => fs.writeFileSync(l303(r, "_mistakes/only-huge-memory/notes.txt"), "x"), /notes.txt: not one of the lesson's files, commands.sh or answers.json/],
    ["a mistake answering a question the quiz lacks", (r: string) => fs.writeFileSync(l303(r, "_mistakes/fargate-container-unlimited/answers.json"), '{"q9":["a"]}'), /answers.json: question q9 is not in quiz.json/],
    ["a seed item the checklist lacks", (r: string) => editJson(l303(r, "lesson.json"), (v) => ((v.seeds as string[]).push("Z99"))), /L303\/lesson.json: seeds: Z99 is not in lessons\/seed-checklist.json/],
    ["a task statement the exam guides lack", (r: string) => editJson(l303(r, "lesson.json"), (v) => ((v.taskStatements as string[]).push("SAA-9.9"))), /L303\/lesson.json: taskStatements: SAA-9.9 is not in lessons\/exam-guides.json/],
    ["prose linking a glossary term that does not exist", (r: string) => fs.appendFileSync(l303(r, "content.ja.mdx"), "\n[謎](/ja/glossary#no-such-term)\n"), /L303\/content.ja.mdx: links glossary#no-such-term/],
    ["a track naming a missing lesson", (r: string) => editJson(path.join(r, "course.json"), (v) => ((v.tracks as { lessons: string[] }[])[0].lessons.push("L999"))), /track SAA-C03 lists L999/],
  ])("%s", (_what, change, message) => {
    const read = readWith(change);
    expect(read).toThrow(CourseError);
    expect(read).toThrow(message);
  });
});

describe("fuzz: malformed lesson files stop preparation with a CourseError naming the file, never another failure", () => {
  // A deterministic generator, so a failure reproduces.
  let seed = 20261206;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const pick = <T,>(items: T[]) => items[Math.floor(random() * items.length)];
  const WRONG: unknown[] = [null, 42, -1, "", "x".repeat(300), [], {}, true, [null], { kind: 7 }];

  /** Every [container, key] in a JSON value, so a mutation can land anywhere in the tree. */
  function slots(value: unknown, out: [Record<string, unknown> | unknown[], string | number][] = []) {
    const entries: [string | number, unknown][] = Array.isArray(value) ? value.map((v, i) => [i, v]) : value && typeof value === "object" ? Object.entries(value) : [];
    for (const [key, child] of entries) {
      out.push([value as Record<string, unknown> | unknown[], key]);
      slots(child, out);
    }
    return out;
  }

  const files = lessons.flatMap((l) => ["lesson.json", "hints.json", ...(l.quiz ? ["quiz.json"] : []), ...(l.scenario ? ["scenario.json"] : [])].map((f) => path.join(l.dir, f)));
  // One copy of the course for every mutation (a copy each made 1,250 copies, 2.5 GB, per run): each mutation is
  // written over its file and the file is put back after the read.
  let scratch: string | undefined;
  it.each(files)("%s, 25 mutations", (file) => {
    scratch ??= copyOfCourse();
    const original = fs.readFileSync(path.join(process.cwd(), file), "utf8");
    const target = path.join(scratch, path.relative("lessons", file));
    try {
      for (let i = 0; i < 25; i++) {
        const value = JSON.parse(original);
        const [container, key] = pick(slots(value));
        if (random() < 0.3 && !Array.isArray(container)) delete (container as Record<string, unknown>)[key as string];
        else (container as Record<string | number, unknown>)[key] = pick(WRONG);
        fs.writeFileSync(target, JSON.stringify(value));
        try {
          readCourse(scratch);
        } catch (error) {
          expect(error).toBeInstanceOf(CourseError);
          expect((error as Error).message).toContain(path.basename(file));
        }
      }
    } finally {
      fs.writeFileSync(target, original);
    }
  });
});
