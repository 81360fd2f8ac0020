import { NextResponse } from "next/server";
import { answerInSet } from "@/lib/exam/practice-store";
import { problem } from "@/app/_server/http";
import { answerRequest, examText } from "@/app/_server/exam-request";

/** Saves (or changes) an answer in a running timed set; nothing is marked or explained until the set is over. */
export async function POST(request: Request, ctx: RouteContext<"/api/exam/sets/[setId]/answer">) {
  const parsed = await answerRequest(request);
  if ("response" in parsed) return parsed.response;
  const { locale, learner, question, choice } = parsed.ok;
  const outcome = await answerInSet(learner.id, (await ctx.params).setId, question, choice);
  const t = examText(locale);
  if (outcome === "no-set") return problem(404, t.noSet);
  if (outcome === "not-in-set") return problem(400, t.notInSet);
  if (outcome === "over") return problem(409, t.over);
  return NextResponse.json({ saved: true });
}
