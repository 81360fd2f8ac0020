import { NextResponse } from "next/server";
import { gradeLesson, submittedFiles } from "@/lib/course/grading/grade";
import { solutionOffered } from "@/lib/course/grading/policy";
import { callsSince } from "@/lib/progress/call-history";
import { lessonProgress, recordAttempt } from "@/lib/progress/lesson-progress";
import { answersField, filesField, lessonRequest } from "@/app/_server/lesson-request";
import { SANDBOX_REGION, sandboxAccess } from "@/app/_server/sandbox";

/** Grades `{files, answers}` with every check of the lesson, against the learner's own sandbox and call history. */
export async function POST(request: Request, ctx: RouteContext<"/api/lessons/[lessonId]/check">) {
  const parsed = await lessonRequest(request, (await ctx.params).lessonId);
  if ("response" in parsed) return parsed.response;
  const { locale, learner, lesson, body } = parsed.ok;
  const files = filesField(body, lesson, locale);
  if ("response" in files) return files.response;
  const answers = answersField(body, locale);
  if ("response" in answers) return answers.response;
  const before = await lessonProgress(learner.id, lesson.id);
  // Files the page did not send are graded as the learner last saved them (or as the lesson starts them).
  const submitted = submittedFiles(lesson, files.value, before.files);
  const grade = await gradeLesson(lesson, { files: submitted, answers: answers.value }, {
    lang: locale,
    sandbox: sandboxAccess(learner),
    calls: () => callsSince(learner.accountId, SANDBOX_REGION, before.exerciseStartedAt ?? undefined),
  });
  const progress = await recordAttempt(learner.id, lesson.id, {
    files: submitted,
    answers: answers.value,
    diagnostics: grade.diagnostics,
    checks: grade.checks,
    passed: grade.passed,
  });
  return NextResponse.json({
    passed: grade.passed,
    checks: grade.checks,
    ruleHints: grade.ruleHints,
    progress: { failedChecks: progress.failedChecks, completed: progress.completed },
    solution: solutionOffered(progress) ? Object.fromEntries(lesson.files.map((f) => [f.name, f.solution])) : null,
  });
}
