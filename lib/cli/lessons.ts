/** `ecs-dojo lessons verify`: proves every lesson (starter fails, solution passes) on a fresh embedded sandbox. */
import { readCourse } from "../course/load";
import { recordVerified, verifyCourse } from "../course/verify";
import { parseArgs } from "./args";
import { EXIT, UsageError, type CliIO } from "./io";

const OPTIONS = {
  format: { values: ["text", "json"] },
  lesson: { value: "ID", repeated: true },
  help: { flag: true, alias: "h" },
} as const;

const HELP = `Usage: ecs-dojo lessons verify [--format text|json] [--lesson ID]...

For every lesson (or the ones named), on a fresh embedded sandbox: the starter must fail at least one check, and
the solution — its files, the quiz's correct answers and _solution/commands.sh run with the AWS CLI — must pass
every check, and each common mistake in mistakes.json (the solution with its _mistakes/<id>/ changes) must fail
the checks it names with their specific message in English and in Japanese. Passing lessons are recorded in lessons/verified.json with the commit and date (the lesson page shows
it). Exit code 0 when every lesson is proved, 1 otherwise.
`;

export async function runLessons(args: string[], io: CliIO): Promise<number> {
  const [sub, ...rest] = args;
  const { options, positionals } = parseArgs(rest, OPTIONS);
  if (options.help || sub === "--help" || sub === "-h") {
    io.stdout(HELP);
    return EXIT.ok;
  }
  if (sub !== "verify" || positionals.length > 0) throw new UsageError("the lessons command has one subcommand: `ecs-dojo lessons verify` (see --help)");
  const course = readCourse();
  const only = options.lesson?.map((id) => id.toUpperCase());
  const unknown = only?.find((id) => !course.lessons.has(id));
  if (unknown) throw new UsageError(`there is no lesson ${unknown}; the course has ${[...course.lessons.keys()].join(", ")}`);
  const results = await verifyCourse(course, only);
  await recordVerified(course, results);
  if (options.format === "json") {
    io.stdout(`${JSON.stringify({ passed: results.every((r) => r.passed), lessons: results }, null, 2)}\n`);
  } else {
    for (const r of results) {
      io.stdout(`${r.passed ? "PASS" : "FAIL"}  ${r.id}  (${r.seconds.toFixed(1)} s)\n`);
      if (r.error) io.stdout(`      could not verify: ${r.error}\n`);
      else if (r.starterFailed.length === 0) io.stdout("      the starter passes every check: the exercise asks nothing\n");
      for (const c of r.solutionFailed) io.stdout(`      solution fails ${c.id}: ${c.detail}\n`);
      for (const why of r.mistakesMissed) io.stdout(`      mistake not recognised: ${why}\n`);
    }
    io.stdout(`\n${results.filter((r) => r.passed).length} of ${results.length} lessons verified\n`);
  }
  return results.every((r) => r.passed) ? EXIT.ok : EXIT.findings;
}
