import { NextResponse } from "next/server";
import { loadQuestionBank } from "@/lib/exam/bank";
import { SET_SIZE } from "@/lib/exam/practice";
import { startSet } from "@/lib/exam/practice-store";
import { actingLearner, localeOf, problem, readJsonObject } from "@/app/_server/http";
import { examOf, examText } from "@/app/_server/exam-request";

/** Starts a timed set of the exam's questions; its deadline is fixed here, on the server. */
export async function POST(request: Request) {
  const locale = localeOf(request);
  const parsed = await readJsonObject(request, locale);
  if ("response" in parsed) return parsed.response;
  const exam = examOf(parsed.body.exam);
  if (!exam) return problem(400, examText(locale).noExam);
  const acting = await actingLearner(locale);
  if ("response" in acting) return acting.response;
  const set = await startSet(acting.learner.id, loadQuestionBank(), exam, SET_SIZE);
  return NextResponse.json({ id: set.id, deadline: set.deadline.toISOString(), questions: set.questionIds.length });
}
