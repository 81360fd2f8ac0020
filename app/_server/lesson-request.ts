import type { NextResponse } from "next/server";
import { getLesson, type Lesson } from "@/lib/content/lessons";
import type { Locale } from "@/lib/i18n/locales";
import type { LearnerRef } from "@/lib/progress/learners";
import { httpText, localeOf, problem, readJsonObject, textField } from "./http";
import { requestLearner } from "./request-learner";

const NOT_FOUND = { en: "There is no lesson with this id.", ja: "この ID のレッスンはありません。" };

export interface LessonRequest {
  locale: Locale;
  learner: LearnerRef;
  lesson: Lesson;
  text: string;
}

/** The common front half of the lesson routes: locale, learner, lesson and the submitted `text`. */
export async function lessonRequest(
  request: Request,
  lessonId: string,
): Promise<{ ok: LessonRequest } | { response: NextResponse }> {
  const locale = localeOf(request);
  const lesson = await getLesson(lessonId);
  if (!lesson) return { response: problem(404, NOT_FOUND[locale]) };
  const learner = await requestLearner();
  if (!learner) return { response: problem(401, httpText(locale).noSession) };
  const parsed = await readJsonObject(request, locale);
  if ("response" in parsed) return parsed;
  const text = textField(parsed.body, "text", locale);
  if ("response" in text) return text;
  return { ok: { locale, learner, lesson, text: text.value } };
}
