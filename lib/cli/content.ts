/** `ecs-dojo content stats`: reads and checks the whole course, then counts what it holds. */
import fs from "node:fs";
import path from "node:path";
import { courseCoverage, coverageMarkdown } from "../course/coverage";
import { readCourse } from "../course/load";
import { EXAM_DOMAINS } from "../exam/domains";
import { bankStats, readQuestionBank } from "../exam/load";
import { parseArgs } from "./args";
import { EXIT, UsageError, type CliIO } from "./io";

/** Kept current by tests/unit/course/coverage.test.ts. */
export const COVERAGE_FILE = path.join("docs", "coverage.md");

const OPTIONS = { format: { values: ["text", "json"] }, write: { flag: true }, help: { flag: true, alias: "h" } } as const;

const HELP = `Usage: ecs-dojo content stats [--format text|json]
       ecs-dojo content coverage [--write]

Both check every course file against its schema (the same check \`npm start\` and \`npm test\` make; a malformed
file is reported with the file, the field and what is expected, exit code 1).

  stats      what the course holds, per language: lessons per module, exercises and checks per kind, hints,
             glossary terms linked, seed checklist items covered (and the ids not yet covered), exam task
             statements covered per exam; exam-practice questions (exam/questions/) per exam, domain and
             language
  coverage   docs/coverage.md (seed item → lessons, exam task statement → lessons) on stdout; --write replaces the
             file
`;

export async function runContent(args: string[], io: CliIO): Promise<number> {
  const [sub, ...rest] = args;
  const { options } = parseArgs(rest, OPTIONS);
  if (options.help || sub === "--help" || sub === "-h") {
    io.stdout(HELP);
    return EXIT.ok;
  }
  if (sub !== "stats" && sub !== "coverage") throw new UsageError("the content command has two subcommands, stats and coverage (see --help)");
  let course;
  let bank;
  try {
    course = readCourse();
    // The question bank links lessons, sections and rules: it is checked against the course just read.
    bank = readQuestionBank(course);
  } catch (error) {
    io.stderr(`ecs-dojo content: ${(error as Error).message}\n`);
    return EXIT.findings;
  }
  if (sub === "coverage") {
    const markdown = coverageMarkdown(course);
    if (options.write) {
      fs.writeFileSync(COVERAGE_FILE, markdown);
      io.stdout(`wrote ${COVERAGE_FILE}\n`);
    } else io.stdout(markdown);
    return EXIT.ok;
  }
  const lessons = [...course.lessons.values()];
  const coverage = courseCoverage(course);
  const statementsCovered = Object.fromEntries(
    Object.entries(coverage.statements).map(([exam, list]) => [exam, { covered: list.filter((s) => s.lessons.length > 0).length, of: list.length }]),
  );
  const stats = {
    modules: course.modules.length,
    lessons: lessons.length,
    checks: lessons.reduce((n, l) => n + l.checks.length, 0),
    quizQuestions: lessons.reduce((n, l) => n + (l.quiz?.questions.length ?? 0), 0),
    scenarios: lessons.filter((l) => l.scenario).length,
    mistakes: lessons.reduce((n, l) => n + l.mistakes.length, 0),
    glossaryTerms: course.glossary.length,
    tracks: Object.fromEntries(course.tracks.map((t) => [t.id, t.lessons.length])),
    seeds: { covered: coverage.seeds.length - coverage.uncoveredSeeds.length, of: coverage.seeds.length, uncovered: coverage.uncoveredSeeds },
    taskStatements: statementsCovered,
    locales: coverage.locales,
    questions: bankStats(bank, EXAM_DOMAINS),
  };
  if (options.format === "json") {
    io.stdout(`${JSON.stringify(stats, null, 2)}\n`);
    return EXIT.ok;
  }
  io.stdout(
    `${stats.modules} modules, ${stats.lessons} lessons, ${stats.checks} checks, ${stats.quizQuestions} quiz questions, ` +
      `${stats.mistakes} common mistakes proved, ${stats.scenarios} scenarios, ${stats.glossaryTerms} glossary terms\n`,
  );
  for (const [locale, l] of Object.entries(stats.locales)) {
    io.stdout(`\n[${locale}]\n`);
    io.stdout(`  lessons per module  ${Object.entries(l.lessonsPerModule).map(([m, n]) => `${m} ${n}`).join(", ")}\n`);
    io.stdout(`  exercises           ${l.exercises}\n`);
    io.stdout(`  hints               ${l.hints.tiers} tiered, ${l.hints.checks} on checks, ${l.hints.rules} on validator rules\n`);
    io.stdout(`  glossary terms      ${l.glossaryTermsLinked} linked from lessons\n`);
    io.stdout(`  checks by kind      ${Object.entries(l.checksByKind).map(([k, n]) => `${k} ${n}`).join(", ")}\n`);
  }
  io.stdout(`\nseed checklist      ${stats.seeds.covered} of ${stats.seeds.of} items covered; not yet: ${stats.seeds.uncovered.join(" ") || "none"}\n`);
  for (const [exam, c] of Object.entries(statementsCovered)) io.stdout(`${exam.padEnd(20)}${c.covered} of ${c.of} task statements covered\n`);
  const q = stats.questions;
  io.stdout(
    `\nexam practice       ${q.total} questions; ${Object.entries(q.locales).map(([l, n]) => `${l} ${n}`).join(", ")}; ` +
      `${q.types.single} single, ${q.types.multiple} multiple response; ${q.difficulty.easy} easy, ${q.difficulty.medium} medium, ${q.difficulty.hard} hard\n`,
  );
  for (const [exam, e] of Object.entries(q.exams)) {
    const domains = Object.entries(e.domains).map(([d, n]) => `${d} ${EXAM_DOMAINS[exam as keyof typeof EXAM_DOMAINS][d]} ${n}`);
    io.stdout(`${exam.padEnd(20)}${e.total} questions — ${domains.join("; ")}\n`);
  }
  return EXIT.ok;
}
