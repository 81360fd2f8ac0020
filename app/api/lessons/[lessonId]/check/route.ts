import { NextResponse } from "next/server";
import { grade } from "@/lib/grading/grade";
import { solutionOffered } from "@/lib/grading/policy";
import { recordAttempt } from "@/lib/progress/lesson-progress";
import { lessonRequest } from "@/app/_server/lesson-request";

export async function POST(request: Request, ctx: RouteContext<"/api/lessons/[lessonId]/check">) {
  const parsed = await lessonRequest(request, (await ctx.params).lessonId);
  if ("response" in parsed) return parsed.response;
  const { locale, learner, lesson, text } = parsed.ok;
  const result = grade(text, lesson.checks, locale);
  const progress = await recordAttempt(learner.id, lesson.id, text, result.diagnostics, result.checks, result.passed);
  return NextResponse.json({
    passed: result.passed,
    checks: result.checks,
    progress: { failedChecks: progress.failedChecks, completed: progress.completed },
    solution: solutionOffered(progress) ? lesson.solution : null,
  });
}
