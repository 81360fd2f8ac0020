import { NextResponse } from "next/server";
import { EcsError, sandboxOperation } from "@/lib/sandbox/gateway";
import { startExercise } from "@/lib/progress/lesson-progress";
import { problem } from "@/app/_server/http";
import { lessonRequest } from "@/app/_server/lesson-request";
import { gatewayDeps, SANDBOX_REGION } from "@/app/_server/sandbox";

const TEXT = {
  en: { noScenario: "This lesson does not start from a prepared sandbox.", failed: (why: string) => `The exercise could not be set up: ${why}` },
  ja: { noScenario: "このレッスンには準備済みのサンドボックスがありません。", failed: (why: string) => `演習を準備できませんでした: ${why}` },
};

/**
 * Sets up the lesson's sandbox scenario (`{reset: true}` first removes the scenario's clusters with everything in
 * them, leaving the learner's other lessons alone) and starts the exercise's call history from now.
 */
export async function POST(request: Request, ctx: RouteContext<"/api/lessons/[lessonId]/exercise">) {
  const parsed = await lessonRequest(request, (await ctx.params).lessonId);
  if ("response" in parsed) return parsed.response;
  const { locale, learner, lesson, body } = parsed.ok;
  if (!lesson.scenario) return problem(400, TEXT[locale].noScenario);
  try {
    await sandboxOperation(learner.accountId, SANDBOX_REGION, body.reset === true ? "ResetScenario" : "ApplyScenario", { scenario: lesson.scenario }, gatewayDeps());
  } catch (error) {
    if (error instanceof EcsError) return problem(400, TEXT[locale].failed(`${error.type}: ${error.message}`));
    throw error;
  }
  await startExercise(learner.id, lesson.id);
  return NextResponse.json({ started: true });
}
