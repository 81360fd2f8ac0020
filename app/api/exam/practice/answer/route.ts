import { NextResponse } from "next/server";
import { loadCourse } from "@/lib/course/load";
import { recordPracticeAnswer } from "@/lib/exam/practice-store";
import { feedbackView } from "@/lib/exam/views";
import { problem } from "@/app/_server/http";
import { answerRequest, examOf, examText } from "@/app/_server/exam-request";

/** Practice mode: stores the learner's answer and answers with the explanation of every option. */
export async function POST(request: Request) {
  const parsed = await answerRequest(request);
  if ("response" in parsed) return parsed.response;
  const { locale, learner, body, question, choice } = parsed.ok;
  const exam = examOf(body.exam);
  if (!exam || !question.tags.some((t) => t.exam === exam)) return problem(400, examText(locale).noExam);
  const correct = await recordPracticeAnswer(learner.id, exam, question, choice);
  return NextResponse.json({ correct, choice, feedback: feedbackView(question, locale, loadCourse()) });
}
