/** The readiness chart's one-line summary in the reader's language (the numbers are readiness.ts's). */
import type { DomainReadiness, ReadinessTotals } from "@/lib/exam/readiness";
import type { ExamId } from "@/lib/exam/schema";
import { examUiText } from "./exam-ui";
import type { Locale } from "./locales";

export function readinessSummary(locale: Locale, exam: ExamId, rows: readonly DomainReadiness[], totals: ReadinessTotals): string {
  const t = examUiText(locale);
  if (totals.seen === 0) {
    const heaviest = [...rows].sort((a, b) => b.weight - a.weight || Number(a.domain) - Number(b.domain))[0];
    return t.readinessNothing(exam, heaviest.domain, heaviest.weight);
  }
  const weakest = rows[0];
  return t.readinessSummary(weakest.domain, t.accuracyText(weakest.accuracy), weakest.seen, `${totals.accuracy} %`, totals.seen, totals.questions, totals.lessonsDone, totals.lessons);
}
