"use client";
import { useEffect, useId, useRef, useState } from "react";
import type { Locale } from "@/lib/i18n/locales";
import { examUiText } from "@/lib/i18n/exam-ui";

/** Colours that keep 3:1 against the panel; the legend's swatches also differ in pattern, not colour alone. */
const COLORS = ["#0b62a4", "#c2410c", "#15803d"];

export interface ReadinessRow {
  domain: string;
  title: string;
  weight: number;
  questions: number;
  seen: number;
  correct: number;
  accuracy: number | null;
  lessons: number;
  lessonsDone: number;
}

const share = (part: number, whole: number) => (whole === 0 ? 0 : Math.round((part / whole) * 100));

/**
 * Readiness per domain, weakest first: a one-line summary, a bar chart (right at the latest answer, questions seen,
 * lessons done — each in percent) and the same numbers as a table. The chart is a picture only (aria-hidden); the
 * summary and the table carry everything, for screen readers and for anyone who prefers numbers.
 */
export function ReadinessChart({ locale, exam, rows, summary }: { locale: Locale; exam: string; rows: ReadinessRow[]; summary: string }) {
  const t = examUiText(locale);
  const titleId = useId();
  const area = useRef<HTMLDivElement>(null);
  const [drawn, setDrawn] = useState(false);
  // The axis names the domains by number (six full names do not fit a phone); the table gives their titles.
  const labels = rows.map((r) => r.domain);
  const series = [
    { label: t.seriesAccuracy, values: rows.map((r) => r.accuracy), color: COLORS[0] },
    { label: t.seriesSeen, values: rows.map((r) => share(r.seen, r.questions)), color: COLORS[1] },
    { label: t.seriesLessons, values: rows.map((r) => share(r.lessonsDone, r.lessons)), color: COLORS[2] },
  ];
  const key = JSON.stringify([labels, series.map((s) => s.values)]);

  useEffect(() => {
    const element = area.current;
    if (!element) return;
    let cancelled = false;
    let plot: { resize(width: number): void; destroy(): void } | undefined;
    let resize: ResizeObserver | undefined;
    void import("./readiness-plot").then(({ drawBars }) => {
      if (cancelled) return;
      plot = drawBars(element, labels, series, element.clientWidth, t.domainColumn);
      setDrawn(true);
      resize = new ResizeObserver(() => plot?.resize(element.clientWidth));
      resize.observe(element);
    });
    return () => {
      cancelled = true;
      resize?.disconnect();
      plot?.destroy();
    };
    // Redrawn when the numbers change (key); labels and series are derived from them.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);

  return (
    <figure className="readiness-chart time-chart" aria-labelledby={titleId} data-testid="readiness" data-drawn={String(drawn)}>
      <figcaption id={titleId}>{t.readinessCaption(exam)}</figcaption>
      <p className="chart-summary" data-testid="readiness-summary">
        {summary}
      </p>
      <ul className="chart-legend" aria-hidden="true">
        {series.map((s, i) => (
          <li key={s.label}>
            <svg width="14" height="14" focusable="false">
              <rect x="0" y="0" width="14" height="14" fill={s.color} />
              {i === 1 && <line x1="0" y1="14" x2="14" y2="0" stroke="#fff" strokeWidth="2" />}
              {i === 2 && <circle cx="7" cy="7" r="3" fill="#fff" />}
            </svg>{" "}
            {s.label}
          </li>
        ))}
      </ul>
      <div className="chart-plot" ref={area} aria-hidden="true" data-testid="readiness-plot" />
      <div className="table-scroll" tabIndex={0} role="region" aria-labelledby={titleId}>
        <table data-testid="readiness-table">
          <caption className="visually-hidden">{t.readinessCaption(exam)}</caption>
          <thead>
            <tr>
              <th scope="col">{t.domainColumn}</th>
              <th scope="col">{t.colWeight}</th>
              <th scope="col">{t.colSeen}</th>
              <th scope="col">{t.colAccuracy}</th>
              <th scope="col">{t.colLessons}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.domain} data-readiness-domain={r.domain} data-seen={r.seen} data-correct={r.correct} data-accuracy={r.accuracy ?? ""}>
                <th scope="row">
                  {t.domain(r.domain)}: {r.title}
                </th>
                <td>{r.weight} %</td>
                <td>
                  {r.seen} / {r.questions}
                </td>
                <td>{r.accuracy === null ? t.notYet : `${r.accuracy} % (${r.correct} / ${r.seen})`}</td>
                <td>
                  {r.lessonsDone} / {r.lessons}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
