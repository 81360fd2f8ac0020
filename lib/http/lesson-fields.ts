/** Validation of the lesson API's request fields, framework-free: Next.js routes and server.ts's fast lane share it. */
import type { Lesson } from "@/lib/course/load";
import type { Locale } from "@/lib/i18n/locales";
import { httpText } from "./api-messages";

export type Field<T> = { value: T } | { error: string };

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

export function textField(body: Record<string, unknown>, field: string, locale: Locale): Field<string> {
  const value = body[field];
  return typeof value === "string" ? { value } : { error: httpText(locale).badField(field) };
}

/** `files`: { name: text } for names the lesson has. */
export function filesField(body: Record<string, unknown>, lesson: Lesson, locale: Locale): Field<Record<string, string>> {
  const value = body.files ?? {};
  const names = lesson.files.map((f) => f.name);
  if (typeof value !== "object" || value === null || Array.isArray(value)) return { error: BAD[locale].files(names.join(", ")) };
  for (const [name, text] of Object.entries(value)) {
    if (!names.includes(name) || typeof text !== "string") return { error: BAD[locale].files(names.join(", ")) };
  }
  return { value: value as Record<string, string> };
}

/** `answers`: { questionId: [optionId, …] }. */
export function answersField(body: Record<string, unknown>, locale: Locale): Field<Record<string, string[]>> {
  const value = body.answers ?? {};
  const valid =
    typeof value === "object" && value !== null && !Array.isArray(value) &&
    Object.entries(value).length <= 100 &&
    Object.values(value).every((ids) => Array.isArray(ids) && ids.length <= 20 && ids.every((id) => typeof id === "string" && id.length <= 64));
  return valid ? { value: value as Record<string, string[]> } : { error: BAD[locale].answers };
}

export function fileNameField(body: Record<string, unknown>, lesson: Lesson, locale: Locale): Field<string> {
  const names = lesson.files.map((f) => f.name);
  return typeof body.file === "string" && names.includes(body.file) ? { value: body.file } : { error: BAD[locale].file(names.join(", ")) };
}

export const NO_SUCH_LESSON = { en: "There is no lesson with this id.", ja: "この ID のレッスンはありません。" };
