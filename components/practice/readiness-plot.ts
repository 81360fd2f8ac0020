/**
 * The readiness chart's drawing: grouped bars per domain (uPlot's bars path builder; the site's other charts use
 * uPlot too), loaded only once the chart is on screen (readiness-chart.tsx imports this lazily).
 */
import uPlot from "uplot";
import { addStyles } from "@/components/workspace/time-chart-plot";

export interface BarSeries {
  label: string;
  values: (number | null)[];
  color: string;
}

const HEIGHT = 200;

/** Three bars per domain at most: left of the tick, on it, right of it (uPlot's `align` -1, 0, 1). */
const ALIGN = [-1, 0, 1] as const;

export function drawBars(into: HTMLElement, labels: string[], series: BarSeries[], width: number): { resize(width: number): void; destroy(): void } {
  addStyles();
  const ink = getComputedStyle(into).color;
  const grid = "rgba(91,102,117,0.2)";
  const xs = labels.map((_, i) => i);
  const plot = new uPlot(
    {
      width,
      height: HEIGHT,
      legend: { show: false },
      cursor: { show: false },
      scales: { x: { time: false, range: [-0.5, labels.length - 0.5] }, y: { range: [0, 100] } },
      axes: [
        { stroke: ink, grid: { show: false }, ticks: { stroke: grid }, splits: () => xs, values: () => labels },
        { stroke: ink, grid: { stroke: grid }, ticks: { stroke: grid }, size: 48, values: (_u: uPlot, ticks: number[]) => ticks.map((t) => `${t}%`) },
      ],
      series: [
        {},
        ...series.map((s, i) => ({
          label: s.label,
          stroke: s.color,
          fill: s.color,
          width: 0,
          points: { show: false },
          paths: uPlot.paths.bars!({ size: [0.28, 40], align: ALIGN[i % ALIGN.length] }),
        })),
      ],
    },
    [xs, ...series.map((s) => s.values)] as uPlot.AlignedData,
    into,
  );
  return { resize: (w) => plot.setSize({ width: w, height: HEIGHT }), destroy: () => plot.destroy() };
}
