/** `ecs-dojo check LESSON`: grades the local learner's current work with the same grader as the page's Check button. */
import type { Lang } from "../validator/types";
import { readCourse } from "../course/load";
import { gradeLesson, submittedFiles } from "../course/grading/grade";
import type { SandboxAccess } from "../course/grading/context";
import { remoteSandbox, sandboxNowMs } from "../sandbox/client";
import { deriveSecretAccessKey } from "../sandbox/credentials";
import { sandboxRegion } from "../sandbox/region";
import { serverKey } from "../server-key";
import { parseArgs } from "./args";
import { endpointUrl, prepareDatabase } from "./credentials";
import { EXIT, UsageError, type CliIO } from "./io";

const OPTIONS = {
  lang: { values: ["en", "ja"] },
  format: { values: ["text", "json"] },
  url: { value: "URL" },
  file: { value: "NAME=PATH", repeated: true },
  answer: { value: "QUESTION=OPTION[,OPTION]", repeated: true },
  help: { flag: true, alias: "h" },
} as const;

const HELP = `Usage: ecs-dojo check LESSON [--lang en|ja] [--format text|json] [--url URL] [--file NAME=PATH]... [--answer Q=A]...

Grades your work on a lesson, exactly as the lesson page's Check button does: your saved drafts (or the files
given with --file), your quiz answers, your sandbox (through the endpoint at --url) and the AWS calls you made.
Exit code 0 when every check passes, 1 otherwise.

Run it in the directory the server runs in (same database and server key as \`ecs-dojo credentials\`).

Options:
  --lang en|ja          language of the messages (default en)
  --format text|json    json: {"lesson", "passed", "checks": [{"id", "passed", "detail"}]}
  --url URL             the sandbox endpoint (default: http://localhost:$PORT/aws, PORT defaulting to 3000)
  --file NAME=PATH      grade this file instead of your saved draft of NAME (repeatable)
  --answer Q=A[,A]      answer quiz question Q with option(s) A instead of your saved choice (repeatable)
  -h, --help            show this help
`;

export async function runCheck(args: string[], io: CliIO): Promise<number> {
  const { options, positionals } = parseArgs(args, OPTIONS);
  if (options.help) {
    io.stdout(HELP);
    return EXIT.ok;
  }
  if (positionals.length !== 1) throw new UsageError("name one lesson, e.g. `ecs-dojo check L302` (see ecs-dojo check --help)");
  const course = readCourse();
  const lesson = course.lessons.get(positionals[0].toUpperCase());
  if (!lesson) throw new UsageError(`there is no lesson ${positionals[0]}; the course has ${[...course.lessons.keys()].join(", ")}`);
  const lang = (options.lang ?? "en") as Lang;
  const given: Record<string, string> = {};
  for (const spec of options.file ?? []) {
    const eq = spec.indexOf("=");
    const name = spec.slice(0, eq);
    if (eq < 1 || !lesson.files.some((f) => f.name === name)) {
      throw new UsageError(`--file takes NAME=PATH where NAME is one of ${lesson.files.map((f) => f.name).join(", ") || "(this lesson has no files)"}`);
    }
    try {
      given[name] = await io.readFile(spec.slice(eq + 1));
    } catch {
      throw new UsageError(`cannot read ${spec.slice(eq + 1)}`);
    }
  }
  const givenAnswers: Record<string, string[]> = {};
for (const spec of options.answer ?? []) {
  const [question, options_] = spec.split("=", 2);
  if (!options_ || !lesson.quiz?.questions.some((q) => q.id === question)) {
    throw new UsageError(`--answer takes QUESTION=OPTION[,OPTION] where QUESTION is one of ${lesson.quiz?.questions.map((q) => q.id).join(", ") || "(this lesson has no quiz)"}`);
  }
  givenAnswers[question] = options_.split(",").filter(Boolean);
}
const endpoint = endpointUrl(options.url, io.env.PORT);
  await prepareDatabase();
  const { db } = await import("../progress/db");
  const { localLearner } = await import("../progress/local-learner");
  const { lessonProgress, recordAttempt } = await import("../progress/lesson-progress");
  const { callsSince } = await import("../progress/call-history");
  try {
    const learner = await localLearner();
    const progress = await lessonProgress(learner.id, lesson.id);
    const region = sandboxRegion(io.env);
    const client = remoteSandbox({
      endpoint,
      region,
      credentials: { accessKeyId: learner.accessKeyId, secretAccessKey: deriveSecretAccessKey(serverKey(), learner.accessKeyId) },
      grader: true,
    });
    const sandbox: SandboxAccess = { ecs: client.ecs, logs: client.logs, iam: client.iam, now: () => sandboxNowMs(client.dojo) };

    const files = submittedFiles(lesson, given, progress.files);
    const answers = { ...progress.answers, ...givenAnswers };
  const grade = await gradeLesson(lesson, { files, answers }, {
      lang,
      sandbox,
      calls: () => callsSince(learner.accountId, region, progress.exerciseStartedAt ?? undefined),
    });
    await recordAttempt(learner.id, lesson.id, { files, answers, diagnostics: grade.diagnostics, checks: grade.checks, passed: grade.passed });
    if (options.format === "json") {
      io.stdout(`${JSON.stringify({ lesson: lesson.id, passed: grade.passed, checks: grade.checks.map(({ id, passed, detail }) => ({ id, passed, detail: detail ?? null })) }, null, 2)}\n`);
    } else {
      for (const check of grade.checks) {
        io.stdout(`${check.passed ? "PASS" : "FAIL"}  ${check.id}  ${check.title}\n`);
        if (!check.passed) io.stdout(`      ${check.detail}\n${check.hint ? `      ${lang === "ja" ? "ヒント" : "Hint"}: ${check.hint}\n` : ""}`);
      }
      const passed = grade.checks.filter((c) => c.passed).length;
      io.stdout(`\n${lesson.id}: ${passed} of ${grade.checks.length} checks passed\n`);
    }
    return grade.passed ? EXIT.ok : EXIT.findings;
  } finally {
    await db().$disconnect();
  }
}
