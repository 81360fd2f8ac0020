"use client";

import { useEffect, useRef } from "react";
import type { Locale } from "@/lib/i18n/locales";
import { workshopText } from "@/lib/i18n/workshop-ui";

interface Charts {
  progress: { at: number; done: number }[];
  minutesPerLesson: { lessonId: string; medianMinutes: number | null; passed: number }[];
}

/** Progress over time and time per lesson: uPlot charts, each with the same numbers as a table for screen readers and keyboards. */
export function RoomCharts({ locale, charts, lessonTitle }: { locale: Locale; charts: Charts; lessonTitle(id: string): string }) {
  const t = workshopText(locale);
  const progressArea = useRef<HTMLDivElement>(null);
  const lessonArea = useRef<HTMLDivElement>(null);
  const key = JSON.stringify(charts);
  useEffect(() => {
    let cancelled = false;
    const drawn: { destroy(): void }[] = [];
    void import("./room-plot").then(({ drawProgress, drawPerLesson }) => {
      if (cancelled) return;
      if (progressArea.current && charts.progress.length > 0) drawn.push(drawProgress(progressArea.current, charts.progress, t.done, locale));
      if (lessonArea.current) drawn.push(drawPerLesson(lessonArea.current, charts.minutesPerLesson, t.minutes));
    });
    return () => {
      cancelled = true;
      for (const d of drawn) d.destroy();
    };
    // Redrawn when the numbers change (key) or the language does.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, locale]);
  const clock = (seconds: number) => new Date(seconds * 1000).toLocaleTimeString(locale, { hour: "numeric", minute: "2-digit" });
  return (
    <section aria-labelledby="charts-heading" className="panel">
      <h2 id="charts-heading">{t.charts}</h2>
      <figure className="time-chart" data-testid="chart-progress">
        <figcaption>{t.progressChart}</figcaption>
        <div ref={progressArea} className="chart-area" aria-hidden="true" />
        <details>
          <summary>{t.tableAlt}</summary>
          <div className="table-scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t.time}</th>
                  <th scope="col">{t.done}</th>
                </tr>
              </thead>
              <tbody>
                {charts.progress.map((p, i) => (
                  <tr key={i}>
                    <td>{clock(p.at)}</td>
                    <td>{p.done}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      </figure>
      <figure className="time-chart" data-testid="chart-lessons">
        <figcaption>{t.timeChart}</figcaption>
        <div ref={lessonArea} className="chart-area" aria-hidden="true" />
        <details>
          <summary>{t.tableAlt}</summary>
          <div className="table-scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t.lesson}</th>
                  <th scope="col">{t.minutes}</th>
                  <th scope="col">{t.done}</th>
                </tr>
              </thead>
              <tbody>
                {charts.minutesPerLesson.map((l) => (
                  <tr key={l.lessonId}>
                    <td>
                      {l.lessonId} {lessonTitle(l.lessonId)}
                    </td>
                    <td>{l.medianMinutes ?? "—"}</td>
                    <td>{l.passed}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      </figure>
    </section>
  );
}
