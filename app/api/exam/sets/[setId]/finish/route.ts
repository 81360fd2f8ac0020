import { NextResponse } from "next/server";
import { finishSet } from "@/lib/exam/practice-store";
import { actingLearner, localeOf, problem } from "@/app/_server/http";
import { examText } from "@/app/_server/exam-request";

/** Ends a timed set before its time is up; the page then shows the result. */
export async function POST(request: Request, ctx: RouteContext<"/api/exam/sets/[setId]/finish">) {
  const locale = localeOf(request);
  const acting = await actingLearner(locale);
  if ("response" in acting) return acting.response;
  const outcome = await finishSet(acting.learner.id, (await ctx.params).setId);
  if (outcome === "no-set") return problem(404, examText(locale).noSet);
  return NextResponse.json({ finished: true });
}
