import type { NextResponse } from "next/server";
import { getLesson, type Lesson } from "@/lib/course/load";
import type { Locale } from "@/lib/i18n/locales";
import type { LearnerRef } from "@/lib/progress/learners";
import { actingLearner, localeOf, problem, readJsonObject } from "./http";

const NOT_FOUND = { en: "There is no lesson with this id.", ja: "この ID のレッスンはありません。" };

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
  if (!lesson) return { response: problem(404, NOT_FOUND[locale]) };
  const parsed = await readJsonObject(request, locale);
  if ("response" in parsed) return parsed;
  const acting = await actingLearner(locale);
  if ("response" in acting) return acting;
  return { ok: { locale, learner: acting.learner, lesson, body: parsed.body } };
}

const BAD = {
  en: {
    files: (names: string) => `"files" must map this lesson's file names (${names}) to text.`,
    answers: "\"answers\" must map question ids to lists of option ids.",
    file: (names: string) => `"file" must be one of this lesson's files: ${names}.`,
  },
  ja: {
    files: (names: string) => `"files" には、このレッスンのファイル名 (${names}) ごとのテキストを指定してください。`,
    answers: "\"answers\" には、問題 ID ごとに選択肢 ID のリストを指定してください。",
    file: (names: string) => `"file" はこのレッスンのファイル (${names}) のいずれかにしてください。`,
  },
};

/** `files`: { name: text } for names the lesson has. */
export function filesField(body: Record<string, unknown>, lesson: Lesson, locale: Locale): { value: Record<string, string> } | { response: NextResponse } {
  const value = body.files ?? {};
  const names = lesson.files.map((f) => f.name);
  if (typeof value !== "object" || value === null || Array.isArray(value)) return { response: problem(400, BAD[locale].files(names.join(", "))) };
  for (const [name, text] of Object.entries(value)) {
    if (!names.includes(name) || typeof text !== "string") return { response: problem(400, BAD[locale].files(names.join(", "))) };
  }
  return { value: value as Record<string, string> };
}

/** `answers`: { questionId: [optionId, …] }. */
export function answersField(body: Record<string, unknown>, locale: Locale): { value: Record<string, string[]> } | { response: NextResponse } {
  const value = body.answers ?? {};
  const valid =
    typeof value === "object" && value !== null && !Array.isArray(value) &&
    Object.entries(value).length <= 100 &&
    Object.values(value).every((ids) => Array.isArray(ids) && ids.length <= 20 && ids.every((id) => typeof id === "string" && id.length <= 64));
  return valid ? { value: value as Record<string, string[]> } : { response: problem(400, BAD[locale].answers) };
}

export function fileNameField(body: Record<string, unknown>, lesson: Lesson, locale: Locale): { value: string } | { response: NextResponse } {
  const names = lesson.files.map((f) => f.name);
  return typeof body.file === "string" && names.includes(body.file) ? { value: body.file } : { response: problem(400, BAD[locale].file(names.join(", "))) };
}
