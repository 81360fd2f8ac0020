import { NextResponse } from "next/server";
import { loadQuestionBank } from "@/lib/exam/bank";
import { setFlag } from "@/lib/exam/review-store";
import { actingLearner, localeOf, problem, readJsonObject } from "@/app/_server/http";
import { examText } from "@/app/_server/exam-request";

/** Flags a question for review ("flagged": true) or removes the flag ("flagged": false). */
export async function POST(request: Request) {
  const locale = localeOf(request);
  const parsed = await readJsonObject(request, locale);
  if ("response" in parsed) return parsed.response;
  const t = examText(locale);
  const { questionId, flagged } = parsed.body;
  if (typeof questionId !== "string" || !loadQuestionBank().byId.has(questionId)) return problem(404, t.noQuestion);
  if (typeof flagged !== "boolean") return problem(400, t.notFlag);
  const acting = await actingLearner(locale);
  if ("response" in acting) return acting.response;
  await setFlag(acting.learner.id, questionId, flagged);
  return NextResponse.json({ questionId, flagged });
}
