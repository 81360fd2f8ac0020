import { NextResponse } from "next/server";
import { loadQuestionBank } from "@/lib/exam/bank";
import { SET_SIZE } from "@/lib/exam/practice";
import { startSet } from "@/lib/exam/practice-store";
import { planSimulation } from "@/lib/exam/simulation";
import { examUiText } from "@/lib/i18n/exam-ui";
import { actingLearner, localeOf, problem, readJsonObject } from "@/app/_server/http";
import { examOf, examText } from "@/app/_server/exam-request";

/**
 * Starts a timed set of the exam's questions — the 20-question set, or with "kind": "full" the full-length
 * simulation — and fixes its deadline here, on the server. A simulation the pool cannot fill is refused, never shortened.
 */
export async function POST(request: Request) {
  const locale = localeOf(request);
  const parsed = await readJsonObject(request, locale);
  if ("response" in parsed) return parsed.response;
  const exam = examOf(parsed.body.exam);
  if (!exam) return problem(400, examText(locale).noExam);
  const kind = parsed.body.kind === "full" ? "full" : "short";
  const bank = loadQuestionBank();
  if (kind === "full") {
    const plan = planSimulation(bank, exam);
    if (!plan.ready) return problem(409, examUiText(locale).simulationShort(exam, plan.available, plan.questions));
  }
  const acting = await actingLearner(locale);
  if ("response" in acting) return acting.response;
  const set = await startSet(acting.learner.id, bank, exam, SET_SIZE, new Date(), Math.random, kind);
  return NextResponse.json({ id: set.id, kind: set.kind, deadline: set.deadline.toISOString(), questions: set.questionIds.length });
}
