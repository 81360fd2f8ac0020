/** `ecs-dojo exam export|import`: the question bank as GIFT or Moodle XML for an LMS, and GIFT questions read back. */
import fs from "node:fs";
import { readCourse } from "../course/load";
import { EXAM_IDS } from "../course/schema";
import { bankToGift } from "../exam/exchange/gift";
import { importGift } from "../exam/exchange/gift-import";
import { bankToMoodleXml } from "../exam/exchange/moodle-xml";
import { readQuestionBank } from "../exam/load";
import type { ExamId } from "../exam/schema";
import { LOCALES, type Locale } from "../i18n/locales";
import { parseArgs } from "./args";
import { EXIT, UsageError, type CliIO } from "./io";

const OPTIONS = {
  format: { values: ["gift", "moodle", "json", "text"] },
  exam: { values: EXAM_IDS },
  locale: { values: LOCALES },
  out: { value: "FILE" },
  help: { flag: true, alias: "h" },
} as const;

const HELP = `Usage: ecs-dojo exam export --format gift|moodle [--exam ${EXAM_IDS.join("|")}] [--locale ${LOCALES.join("|")}] [--out FILE]
       ecs-dojo exam import FILE.gift [--format text|json]

  export   the exam-practice questions (exam/questions/) in one language as GIFT or Moodle XML, for a quiz in
           Moodle or another LMS: one exam's questions by domain, or the whole bank by topic; every option's
           explanation as its feedback, citations as the general feedback, exams and task statements as tags
  import   reads multiple-choice and multiple-response questions written in GIFT and prints them (text: a summary;
           json: the questions); every question left out is named with the reason. Exit code 1 when any was.
`;

export async function runExam(args: string[], io: CliIO): Promise<number> {
  const [sub, ...rest] = args;
  const { options, positionals } = parseArgs(rest, OPTIONS);
  if (options.help || sub === "--help" || sub === "-h") {
    io.stdout(HELP);
    return EXIT.ok;
  }
  if (sub === "export") return exportBank(options, io);
  if (sub === "import") return importFile(positionals, options.format, io);
  throw new UsageError("the exam command has two subcommands, export and import (see --help)");
}

function exportBank(options: { format?: string; exam?: string; locale?: string; out?: string }, io: CliIO): number {
  if (options.format !== "gift" && options.format !== "moodle") throw new UsageError("export needs --format gift or --format moodle");
  const locale = (options.locale ?? "en") as Locale;
  const bank = readQuestionBank(readCourse());
  const write = options.format === "gift" ? bankToGift : bankToMoodleXml;
  const output = write(bank.questions, locale, options.exam as ExamId | undefined);
  if (!options.out) {
    io.stdout(output);
    return EXIT.ok;
  }
  fs.writeFileSync(options.out, output);
  io.stdout(`wrote ${options.out}\n`);
  return EXIT.ok;
}

async function importFile(positionals: string[], format: string | undefined, io: CliIO): Promise<number> {
  if (positionals.length !== 1) throw new UsageError("import reads one GIFT file: ecs-dojo exam import FILE.gift");
  if (format && format !== "text" && format !== "json") throw new UsageError("import prints --format text or --format json");
  let source: string;
  try {
    source = await io.readFile(positionals[0]);
  } catch (error) {
    throw new UsageError(`cannot read ${positionals[0]}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  const result = importGift(source);
  if (format === "json") io.stdout(`${JSON.stringify(result, null, 2)}\n`);
  else {
    io.stdout(`${result.questions.length} question(s) read: ${result.questions.filter((q) => q.type === "single").length} multiple choice, ${result.questions.filter((q) => q.type === "multiple").length} multiple response\n`);
    for (const problem of result.problems) io.stderr(`left out: ${problem}\n`);
  }
  return result.problems.length ? EXIT.findings : EXIT.ok;
}
