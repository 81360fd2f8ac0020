/** `ecs-dojo content stats`: reads and checks the whole course, then counts what it holds. */
import { CHECK_KINDS } from "../course/grading/checks";
import { readCourse } from "../course/load";
import { parseArgs } from "./args";
import { EXIT, UsageError, type CliIO } from "./io";

const OPTIONS = { format: { values: ["text", "json"] }, help: { flag: true, alias: "h" } } as const;

const HELP = `Usage: ecs-dojo content stats [--format text|json]

Checks every course file against its schema (the same check \`npm start\` and \`npm test\` make; a malformed file
is reported with the file, the field and what is expected, exit code 1), then prints what the course holds.
`;

export async function runContent(args: string[], io: CliIO): Promise<number> {
  const [sub, ...rest] = args;
  const { options } = parseArgs(rest, OPTIONS);
  if (options.help || sub === "--help" || sub === "-h") {
    io.stdout(HELP);
    return EXIT.ok;
  }
  if (sub !== "stats") throw new UsageError("the content command has one subcommand: `ecs-dojo content stats` (see --help)");
  let course;
  try {
    course = readCourse();
  } catch (error) {
    io.stderr(`ecs-dojo content: ${(error as Error).message}\n`);
    return EXIT.findings;
  }
  const lessons = [...course.lessons.values()];
  const checksByKind = Object.fromEntries(CHECK_KINDS.map((k) => [k.kind, 0]));
  for (const lesson of lessons) for (const check of lesson.checks) checksByKind[check.kind] += 1;
  const stats = {
    modules: course.modules.length,
    lessons: lessons.length,
    checks: lessons.reduce((n, l) => n + l.checks.length, 0),
    checksByKind,
    quizQuestions: lessons.reduce((n, l) => n + (l.quiz?.questions.length ?? 0), 0),
    scenarios: lessons.filter((l) => l.scenario).length,
    glossaryTerms: course.glossary.length,
    tracks: Object.fromEntries(course.tracks.map((t) => [t.id, t.lessons.length])),
  };
  if (options.format === "json") io.stdout(`${JSON.stringify(stats, null, 2)}\n`);
  else {
    io.stdout(`${stats.modules} modules, ${stats.lessons} lessons, ${stats.checks} checks, ${stats.quizQuestions} quiz questions, ${stats.scenarios} scenarios, ${stats.glossaryTerms} glossary terms\n`);
    for (const [kind, n] of Object.entries(checksByKind)) if (n) io.stdout(`  ${kind.padEnd(16)} ${n}\n`);
  }
  return EXIT.ok;
}
