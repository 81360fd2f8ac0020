import type { NextResponse } from "next/server";
import { getLesson, type Lesson } from "@/lib/course/load";
import * as fields from "@/lib/http/lesson-fields";
import type { Locale } from "@/lib/i18n/locales";
import type { LearnerRef } from "@/lib/progress/learners";
import { actingLearner, localeOf, problem, readJsonObject } from "./http";

export interface LessonRequest {
  locale: Locale;
  learner: LearnerRef;
  lesson: Lesson;
  body: Record<string, unknown>;
}

/** The common front half of the lesson routes: locale, learner, lesson and the JSON body. */
export async function lessonRequest(
  request: Request,
  lessonId: string,
): Promise<{ ok: LessonRequest } | { response: NextResponse }> {
  const locale = localeOf(request);
  const lesson = getLesson(lessonId);
  if (!lesson) return { response: problem(404, fields.NO_SUCH_LESSON[locale]) };
  const parsed = await readJsonObject(request, locale);
  if ("response" in parsed) return parsed;
  const acting = await actingLearner(locale);
  if ("response" in acting) return acting;
  return { ok: { locale, learner: acting.learner, lesson, body: parsed.body } };
}

/** A field check's error as the route's 400 answer. */
function answer<T>(field: fields.Field<T>): { value: T } | { response: NextResponse } {
  return "error" in field ? { response: problem(400, field.error) } : field;
}

export const textField = (body: Record<string, unknown>, field: string, locale: Locale) => answer(fields.textField(body, field, locale));
