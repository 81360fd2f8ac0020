import Link from "next/link";
import type { ExamId } from "@/lib/exam/schema";
import { examUiText } from "@/lib/i18n/exam-ui";
import { uiText } from "@/lib/i18n/ui";
import type { Locale } from "@/lib/i18n/locales";

/** The breadcrumb (all exams, and the exam itself on its sub-pages) and the heading of an exam page. */
export function ExamHeader({ locale, exam, heading, subPage = false }: { locale: Locale; exam: ExamId; heading: string; subPage?: boolean }) {
  const t = examUiText(locale);
  return (
    <>
      <nav aria-label={uiText(locale).breadcrumb} className="breadcrumb">
        <Link href={`/${locale}/exam`}>{t.allExams}</Link>
        {subPage && (
          <>
            {" › "}
            <Link href={`/${locale}/exam/${exam}`}>{exam}</Link>
          </>
        )}
      </nav>
      <h1>{heading}</h1>
    </>
  );
}

/** Finished timed sets, newest first, each a link to its result. */
export function FinishedSets({ locale, exam, sets }: { locale: Locale; exam: ExamId; sets: { id: string; startedAt: Date; correct: number; questionIds: string[] }[] }) {
  const t = examUiText(locale);
  const dateFormat = new Intl.DateTimeFormat(locale === "ja" ? "ja-JP" : "en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
  return (
    <ul>
      {sets.map((s) => (
        <li key={s.id}>
          <Link href={`/${locale}/exam/${exam}/sets/${s.id}`}>{t.setLine(`${dateFormat.format(s.startedAt)} UTC`, s.correct, s.questionIds.length)}</Link>
        </li>
      ))}
    </ul>
  );
}
