import type { Metadata } from "next";
import { notFound } from "next/navigation";
import type { ExamId } from "@/lib/exam/schema";
import { examUiText } from "@/lib/i18n/exam-ui";
import { isLocale, type Locale } from "@/lib/i18n/locales";
import { examOf } from "./exam-request";

type ExamParams = Promise<{ locale: string; examId: string }>;

/** An exam page's route: its language and exam, or the 404 page for either one that does not exist. */
export async function examRoute(params: ExamParams): Promise<{ locale: Locale; exam: ExamId }> {
  const { locale, examId } = await params;
  const exam = examOf(examId);
  if (!isLocale(locale) || !exam) notFound();
  return { locale, exam };
}

/** An exam page's title, `title(exam, text)`; none for a route that does not exist. */
export async function examMetadata(params: ExamParams, title: (exam: ExamId, t: ReturnType<typeof examUiText>) => string): Promise<Metadata> {
  const { locale, examId } = await params;
  const exam = examOf(examId);
  return isLocale(locale) && exam ? { title: title(exam, examUiText(locale)) } : {};
}

