import { NextResponse } from "next/server";
import { saveAnswers, saveDraft } from "@/lib/progress/lesson-progress";
import { textField } from "@/app/_server/http";
import { answersField, fileNameField, lessonRequest } from "@/app/_server/lesson-request";

/** Autosave: `{file, text}` saves one file's draft; `{answers}` saves the quiz choices. */
export async function POST(request: Request, ctx: RouteContext<"/api/lessons/[lessonId]/draft">) {
  const parsed = await lessonRequest(request, (await ctx.params).lessonId);
  if ("response" in parsed) return parsed.response;
  const { learner, lesson, body, locale } = parsed.ok;
  if (body.answers !== undefined) {
    const answers = answersField(body, locale);
    if ("response" in answers) return answers.response;
    await saveAnswers(learner.id, lesson.id, answers.value);
    return NextResponse.json({ saved: true });
  }
  const file = fileNameField(body, lesson, locale);
  if ("response" in file) return file.response;
  const text = textField(body, "text", locale);
  if ("response" in text) return text.response;
  await saveDraft(learner.id, lesson.id, file.value, text.value);
  return NextResponse.json({ saved: true });
}
