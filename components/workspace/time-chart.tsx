"use client";

import { useEffect, useId, useRef, useState } from "react";
import type { Locale } from "@/lib/i18n/locales";
import { consoleUiText } from "@/lib/i18n/console-ui";
import { formatSimTime } from "@/lib/i18n/sandbox-ui";
import { useToday } from "./sandbox-events";
import type { Plot, PlotSeries } from "./time-chart-plot";

/** Colours that keep 3:1 against the panel, and dashes so that no series is told apart by colour alone. */
const COLORS = ["#0b62a4", "#c2410c", "#15803d", "#7c3aed", "#be123c", "#0f766e"];
const DASHES: (number[] | undefined)[] = [undefined, [6, 4], [2, 3], [10, 3, 2, 3]];

export interface ChartSeries {
  label: string;
  values: (number | null)[];
  scale: "count" | "percent";
}

/**
 * A small per-minute chart on the sandbox clock with its text alternative: a one-line summary of the latest minute
 * and the numbers as a table. uPlot is loaded (time-chart-plot.ts) only once the chart scrolls into view.
 */
export function TimeChart(props: {
  locale: Locale;
  title: string;
  summary: string;
  times: number[];
  series: ChartSeries[];
  format?: (value: number | null, series: ChartSeries) => string;
  testId: string;
  /**
   * Named points instead of times (then `times` are 0, 1, 2…): short `names` on the axis, `rows` (else the names) in
   * the table's first column, headed `xLabel`.
   */
  categories?: { names: string[]; rows?: string[]; xLabel: string };
}) {
  const { locale, title, summary, times, series, testId, categories } = props;
  const c = consoleUiText(locale);
  const today = useToday();
  const titleId = useId();
  const area = useRef<HTMLDivElement>(null);
  const plot = useRef<Plot | null>(null);
  const [visible, setVisible] = useState(false);
  const styled: PlotSeries[] = series.map((s, i) => ({ ...s, color: COLORS[i % COLORS.length], dash: DASHES[i % DASHES.length] }));
  const format = props.format ?? ((value: number | null) => (value === null ? "—" : value.toLocaleString(locale)));

  useEffect(() => {
    const element = area.current;
    if (!element || visible) return;
    const seen = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) setVisible(true);
    });
    seen.observe(element);
    return () => seen.disconnect();
  }, [visible]);

  // Drawn once visible, redrawn as the numbers change, resized with its box (390 px phones to wide laptops).
  const latest = useRef({ times, styled, names: categories?.names });
  useEffect(() => {
    latest.current = { times, styled, names: categories?.names };
    if (plot.current && area.current) plot.current.update(times, styled, area.current.clientWidth);
  });
  useEffect(() => {
    const element = area.current;
    if (!visible || !element) return;
    let cancelled = false;
    let resize: ResizeObserver | undefined;
    void import("./time-chart-plot").then(({ drawPlot }) => {
      if (cancelled) return;
      const { times: t, styled: s, names } = latest.current;
      plot.current = drawPlot(element, t, s, element.clientWidth, locale, names);
      resize = new ResizeObserver(() => plot.current?.update(latest.current.times, latest.current.styled, element.clientWidth));
      resize.observe(element);
    });
    return () => {
      cancelled = true;
      resize?.disconnect();
      plot.current?.destroy();
      plot.current = null;
    };
  }, [visible, locale]);

  return (
    <figure className="time-chart" aria-labelledby={titleId} data-testid={testId} data-drawn={visible ? "true" : "false"}>
      <figcaption id={titleId}>{title}</figcaption>
      <p className="chart-summary" data-testid={`${testId}-summary`}>
        {summary}
      </p>
      <ul className="chart-legend" aria-hidden="true">
        {styled.map((s) => (
          <li key={s.label}>
            <svg width="28" height="10" focusable="false">
              <line x1="0" y1="5" x2="28" y2="5" stroke={s.color} strokeWidth="2" strokeDasharray={s.dash?.join(" ")} />
            </svg>{" "}
            {s.label}
          </li>
        ))}
      </ul>
      {/* The picture only: the summary above and the table below say the same in text. */}
      <div className="chart-plot" ref={area} aria-hidden="true" />
      <details className="chart-table">
        <summary>{c.showTable}</summary>
        <div className="table-scroll" tabIndex={0} role="region" aria-labelledby={titleId}>
          <table data-testid={`${testId}-table`}>
            <caption className="visually-hidden">{title}</caption>
            <thead>
              <tr>
                <th scope="col">{categories?.xLabel ?? c.colMinute}</th>
                {series.map((s) => (
                  <th key={s.label} scope="col">
                    {s.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {times.map((t, row) => (
                <tr key={t}>
                  <th scope="row">{categories ? (categories.rows ?? categories.names)[row] : <time dateTime={new Date(t).toISOString()}>{formatSimTime(t, locale, today)}</time>}</th>
                  {series.map((s) => (
                    <td key={s.label}>{format(s.values[row], s)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
