import { NextResponse } from "next/server";
import { saveDraft } from "@/lib/progress/lesson-progress";
import { lessonRequest } from "@/app/_server/lesson-request";

export async function POST(request: Request, ctx: RouteContext<"/api/lessons/[lessonId]/draft">) {
  const parsed = await lessonRequest(request, (await ctx.params).lessonId);
  if ("response" in parsed) return parsed.response;
  const { learner, lesson, text } = parsed.ok;
  await saveDraft(learner.id, lesson.id, text);
  return NextResponse.json({ saved: true });
}
