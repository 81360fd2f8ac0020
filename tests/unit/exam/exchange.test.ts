/**
 * The GIFT and Moodle XML exports read by parsers that are not ours (gift-pegjs, the GIFT grammar used by GIFT
 * editors; fast-xml-parser against Moodle's documented XML format), and the GIFT round trip through our import.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { XMLParser } from "fast-xml-parser";
import { parse as parseGift, type GIFTQuestion, type MultipleChoice } from "gift-pegjs";
import { describe, expect, it } from "vitest";
import { readCourse } from "@/lib/course/load";
import { EXAM_IDS } from "@/lib/course/schema";
import { examDomains } from "@/lib/exam/domain-titles";
import { bankToGift, giftEscape } from "@/lib/exam/exchange/gift";
import { GIFT_IMPORT_LIMITS, importGift } from "@/lib/exam/exchange/gift-import";
import { bankToMoodleXml } from "@/lib/exam/exchange/moodle-xml";
import { exchangeQuestion, exchangeQuestions } from "@/lib/exam/exchange/questions";
import { readQuestionBank, type BankQuestion } from "@/lib/exam/load";
import { chooseInstruction } from "@/lib/exam/schema";
import { LOCALES } from "@/lib/i18n/locales";
import { main } from "@/lib/cli/main";
import type { CliIO } from "@/lib/cli/io";

const bank = readQuestionBank(readCourse());
const byId = bank.byId;

/** Moodle's grade choices (question_bank::fraction_options_full), as percentages, and their negatives. */
const MOODLE_FRACTIONS = [100, 90, 83.33333, 80, 75, 70, 66.66667, 60, 50, 40, 33.33333, 30, 25, 20, 16.66667, 14.28571, 12.5, 11.11111, 10, 5, 0];
const allowedFraction = (f: number) => MOODLE_FRACTIONS.some((m) => Math.abs(Math.abs(f) - m) < 1e-4);

describe("GIFT export, read by gift-pegjs", () => {
  for (const locale of LOCALES) {
    it(`holds every question of the bank in ${locale}, each option with its explanation and the right answers marked`, () => {
      const parsed = parseGift(bankToGift(bank.questions, locale));
      const questions = parsed.filter((q): q is MultipleChoice => q.type === "MC");
      expect(parsed.filter((q) => q.type !== "MC" && q.type !== "Category")).toEqual([]);
      expect(questions.map((q) => q.id)).toEqual(expect.arrayContaining(bank.questions.map((q) => q.id)));
      expect(questions).toHaveLength(bank.questions.length);
      for (const g of questions) {
        const q = byId.get(g.id!)!;
        const text = q[locale];
        expect(g.title).toBe(q.id);
        expect(g.stem.text.startsWith(text.stem), q.id).toBe(true);
        if (q.choose) expect(g.stem.text.endsWith(chooseInstruction(q, locale)!), q.id).toBe(true);
        expect(g.choices.map((c) => c.text.text)).toEqual(Object.values(text.options));
        expect(g.choices.map((c) => c.feedback?.text)).toEqual(Object.values(text.explanations));
        const letters = Object.keys(text.options);
        if (q.type === "single") {
          expect(g.choices.map((c, i) => (c.isCorrect ? letters[i] : null)).filter(Boolean), q.id).toEqual(q.answer);
        } else {
          const right = g.choices.map((c, i) => ((c.weight ?? 0) > 0 ? letters[i] : null)).filter(Boolean);
          expect(right, q.id).toEqual(q.answer);
          expect(g.choices.reduce((sum, c) => sum + Math.max(c.weight ?? 0, 0), 0)).toBeCloseTo(100, 2);
          expect(g.choices.filter((c) => (c.weight ?? 0) < 0).every((c) => c.weight === -100)).toBe(true);
        }
        expect(g.tags).toEqual(expect.arrayContaining([...q.tags.map((t) => t.exam), ...q.tags.map((t) => t.taskStatement), q.difficulty]));
        expect(g.globalFeedback?.text).toContain(q.sections[0].lesson);
      }
    });
  }

  it("groups one exam's questions by its domains, each question under the domain its task statement names", () => {
    for (const exam of EXAM_IDS) {
      const parsed = parseGift(bankToGift(bank.questions, "ja", exam));
      let domain = "";
      let count = 0;
      for (const item of parsed as GIFTQuestion[]) {
        if (item.type === "Category") {
          domain = /\/(\d+) /.exec(item.title)![1];
          expect(examDomains(exam)).toContain(domain);
          continue;
        }
        count++;
        expect(byId.get(item.id!)!.tags.find((t) => t.exam === exam)?.domain).toBe(domain);
      }
      expect(count).toBe(bank.questions.filter((q) => q.tags.some((t) => t.exam === exam)).length);
    }
  });
});

/** The parts of Moodle XML's <question> the tests read (https://docs.moodle.org/en/Moodle_XML_format). */
interface MoodleQuestion {
  "@type": string;
  category: { text: string };
  name: { text: string };
  questiontext: { "@format": string; text: string };
  idnumber: string;
  single: string;
  answer: { "@fraction": string; text: string; feedback: { text: string } }[];
  tags: { tag: { text: string }[] };
}

describe("Moodle XML export, read against Moodle's documented format", () => {
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@", isArray: (name) => ["question", "answer", "tag"].includes(name), parseTagValue: false });

  for (const locale of LOCALES) {
    it(`is one quiz of multichoice questions in ${locale} with Moodle's grade fractions, feedback and idnumbers`, () => {
      const xml = bankToMoodleXml(bank.questions, locale, "DOP-C02");
      expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<quiz>')).toBe(true);
      const quiz = parser.parse(xml).quiz;
      const items = quiz.question as MoodleQuestion[];
      const categories = items.filter((q) => q["@type"] === "category");
      const questions = items.filter((q) => q["@type"] === "multichoice");
      expect(categories.length + questions.length).toBe(items.length);
      expect(categories.map((c) => c.category.text)).toEqual(examDomains("DOP-C02").filter((d) => bank.questions.some((q) => q.tags.some((t) => t.exam === "DOP-C02" && t.domain === d))).map((d) => expect.stringMatching(new RegExp(`^\\$course\\$/ECS Dojo/DOP-C02/${d} `))));
      expect(questions).toHaveLength(bank.questions.filter((q) => q.tags.some((t) => t.exam === "DOP-C02")).length);
      for (const m of questions) {
        const q = byId.get(m.idnumber)!;
        const text = q[locale];
        expect(m.name.text).toBe(q.id);
        expect(m.questiontext["@format"]).toBe("plain_text");
        expect(m.questiontext.text.startsWith(text.stem)).toBe(true);
        expect(m.single).toBe(String(q.type === "single"));
        const fractions = m.answer.map((a) => Number(a["@fraction"]));
        expect(fractions.every(allowedFraction), q.id).toBe(true);
        expect(fractions.filter((f) => f > 0).reduce((a, b) => a + b, 0)).toBeCloseTo(100, 2);
        expect(m.answer.map((a) => a.text)).toEqual(Object.values(text.options));
        expect(m.answer.map((a) => a.feedback.text)).toEqual(Object.values(text.explanations));
        const letters = Object.keys(text.options);
        expect(fractions.map((f, i) => (f > 0 ? letters[i] : null)).filter(Boolean)).toEqual(q.answer);
        expect(m.tags.tag.map((t) => t.text)).toContain("DOP-C02");
      }
    });
  }

  it("escapes XML's special characters in the text so the file stays well-formed", () => {
    const q = syntheticQuestion(`A stem with <tags> & "quotes" and 'apostrophes' that must survive the trip.`);
    const quiz = parser.parse(bankToMoodleXml([q], "en")).quiz;
    expect(quiz.question[1].questiontext.text).toBe(q.en.stem);
  });
});

describe("our GIFT import", () => {
  it("reads back every exported question exactly, in both languages (round trip)", () => {
    for (const locale of LOCALES) {
      const result = importGift(bankToGift(bank.questions, locale));
      expect(result.problems).toEqual([]);
      const expected = exchangeQuestions(bank.questions, locale).flatMap((group) => group.questions.map((q) => ({ ...q, category: group.category, format: "plain" })));
      expect(result.questions).toEqual(expected);
    }
  });

  it("keeps GIFT's special characters and line breaks in text", () => {
    const stem = "A team pastes {\"portMappings\": [{\"containerPort\": 80}]} = ~ # : \\ into the console,\nthen asks why.";
    const q = syntheticQuestion(stem);
    expect(giftEscape("a{b}")).toBe("a\\{b\\}");
    const [read] = importGift(bankToGift([q], "en")).questions;
    expect(read).toEqual({ ...exchangeQuestion(q, "en"), category: "ECS Dojo/synthetic", format: "plain" });
    expect(read.stem).toBe(stem);
  });

  it("leaves out what a quiz here cannot ask, naming each question and what to change", () => {
    const { questions, problems } = importGift(`

::tf::ECS is a container orchestrator. {T}

::short::Name the launch type without servers. {=Fargate}

::none::Which role pulls the image? {~task role ~instance role}

::weights::Choose two. {~%40%task role ~%40%execution role ~%-100%none}

::one-option::Only one? {~%100%yes}

::ok::Which role pulls a private image on Fargate? {=the task execution role#right ~the task role#wrong ~the instance role#wrong}

::ok::A second question with the same name. {=a ~b}

::html::[html]<b>Bold</b> <script>alert(1)</script> stays text. {=a ~b}

`);
    expect(questions.map((q) => q.id)).toEqual(["ok", "html"]);
    expect(questions[1]).toMatchObject({ format: "html", stem: "<b>Bold</b> <script>alert(1)</script> stays text." });
    expect(problems).toEqual([
      'question "tf": true/false questions are not imported; a quiz here asks multiple-choice and multiple-response questions',
      'question "short": short-answer questions are not imported; a quiz here asks multiple-choice and multiple-response questions',
      'question "none": no option is marked right (= or a positive %weight%)',
      `question "weights": the right options' weights add up to 80%; they must add up to 100%`,
      'question "one-option": has 1 option; a question needs at least two',
      'question "ok": the name is used twice; give each question its own ::name:: or [id:…]',
    ]);
  });

  it("says where a broken file breaks, and refuses files beyond its limits", () => {
    const broken = importGift("::q::Which role? {=a ~b\n");
    expect(broken.questions).toEqual([]);
    expect(broken.problems[0]).toMatch(/^line 2, column 1: .*written with a backslash/);
    const tooBig = importGift("x".repeat(GIFT_IMPORT_LIMITS.bytes + 1));
    expect(tooBig.problems).toEqual(["the file is larger than 1 MB; split it into several quizzes"]);
    const many = Array.from({ length: GIFT_IMPORT_LIMITS.questions + 2 }, (_, i) => `::q${i}::Question ${i}? {=a ~b}`).join("\n\n");
    const capped = importGift(many);
    expect(capped.questions).toHaveLength(GIFT_IMPORT_LIMITS.questions);
    expect(capped.problems).toEqual([`2 question(s) after the first ${GIFT_IMPORT_LIMITS.questions} were left out; split the file into several quizzes`]);
  });
});

describe("ecs-dojo exam", () => {
  const run = async (args: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const io: CliIO = { stdout: (t) => void out.push(t), stderr: (t) => void err.push(t), env: {}, readFile: async (p) => fs.readFileSync(p, "utf8"), readStdin: async () => "" };
    const code = await main(["exam", ...args], io);
    return { code, out: out.join(""), err: err.join("") };
  };

  it("exports a file an import reads back whole, and names what it leaves out with exit code 1", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dojo-exam-"));
    const file = path.join(dir, "soa.gift");
    expect(await run(["export", "--format", "gift", "--exam", "SOA-C03", "--locale", "ja", "--out", file])).toMatchObject({ code: 0, out: `wrote ${file}\n` });
    const soa = bank.questions.filter((q) => q.tags.some((t) => t.exam === "SOA-C03"));
    const read = await run(["import", file]);
    expect(read.code).toBe(0);
    expect(read.out).toBe(`${soa.length} question(s) read: ${soa.filter((q) => q.type === "single").length} multiple choice, ${soa.filter((q) => q.type === "multiple").length} multiple response\n`);
    fs.appendFileSync(file, "\n::tf::A true/false question. {T}\n");
    expect(await run(["import", file])).toMatchObject({ code: 1, err: 'left out: question "tf": true/false questions are not imported; a quiz here asks multiple-choice and multiple-response questions\n' });
  });

  it("answers usage errors with a line that says what to do", async () => {
    expect(await run(["export"])).toMatchObject({ code: 2, err: "ecs-dojo exam: export needs --format gift or --format moodle\n" });
    expect(await run(["import", "/nonexistent.gift"])).toMatchObject({ code: 2, err: "ecs-dojo exam: cannot read /nonexistent.gift: ENOENT\n" });
  });
});

/** A bank question with a given English stem, for text the real bank does not contain. */
function syntheticQuestion(stem: string): BankQuestion {
  const base = bank.questions.find((q) => q.type === "single")!;
  return { ...base, id: "synthetic", topic: "synthetic", en: { ...base.en, stem } };
}
