"use client";

import type { Locale } from "@/lib/i18n/locales";
import { workshopText } from "@/lib/i18n/workshop-ui";
import { TimeChart } from "../workspace/time-chart";

interface Charts {
  progress: { at: number; done: number }[];
  minutesPerLesson: { lessonId: string; medianMinutes: number | null; passed: number }[];
}

/**
 * Progress over time and time per lesson, drawn by the console's chart (uPlot, loaded once on screen) with its
 * summary line and the same numbers as a table for screen readers and keyboards.
 */
export function RoomCharts({ locale, charts, lessonTitle }: { locale: Locale; charts: Charts; lessonTitle(id: string): string }) {
  const t = workshopText(locale);
  const lessons = charts.minutesPerLesson;
  const done = charts.progress.at(-1)?.done ?? 0;
  return (
    <section aria-labelledby="charts-heading" className="panel">
      <h2 id="charts-heading">{t.charts}</h2>
      <TimeChart
        locale={locale}
        testId="chart-progress"
        title={t.progressChart}
        summary={t.progressSummary(done)}
        times={charts.progress.map((p) => p.at * 1000)}
        series={[{ label: t.done, values: charts.progress.map((p) => p.done), scale: "count" }]}
      />
      <TimeChart
        locale={locale}
        testId="chart-lessons"
        title={t.timeChart}
        summary={lessons.map((l) => t.lessonSummary(l.lessonId, l.medianMinutes, l.passed)).join(" · ")}
        times={lessons.map((_, i) => i)}
        categories={{ names: lessons.map((l) => l.lessonId), rows: lessons.map((l) => `${l.lessonId} ${lessonTitle(l.lessonId)}`), xLabel: t.lesson }}
        series={[{ label: t.minutes, values: lessons.map((l) => l.medianMinutes), scale: "count" }]}
      />
    </section>
  );
}
