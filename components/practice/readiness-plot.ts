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

/**
 * Grouped bars: uPlot shares one x array between series, so each domain gets a slot of `GROUP` x positions, series i
 * drawn at position i of the slot (null elsewhere, which the bars path skips) and the slot's last position left empty
 * as the gap between domains. The domain's label sits under the middle bar.
 */
const GROUP = 4;

export function drawBars(
  into: HTMLElement,
  labels: string[],
  series: BarSeries[],
  width: number,
  axisLabel: string,
): { resize(width: number): void; destroy(): void } {
  addStyles();
  const ink = getComputedStyle(into).color;
  const grid = "rgba(91,102,117,0.2)";
  const xs = labels.flatMap((_, d) => Array.from({ length: GROUP }, (_x, i) => d * GROUP + i));
  const middles = labels.map((_, d) => d * GROUP + (series.length - 1) / 2);
  const data = series.map((s, i) => xs.map((x) => (x % GROUP === i ? (s.values[Math.floor(x / GROUP)] ?? null) : null)));
  const plot = new uPlot(
    {
      width,
      height: HEIGHT,
      legend: { show: false },
      cursor: { show: false },
      scales: { x: { time: false, range: [-1, labels.length * GROUP - 1] }, y: { range: [0, 100] } },
      axes: [
        { stroke: ink, label: axisLabel, labelSize: 20, grid: { show: false }, ticks: { stroke: grid }, splits: () => middles, values: () => labels },
        { stroke: ink, grid: { stroke: grid }, ticks: { stroke: grid }, size: 48, values: (_u: uPlot, ticks: number[]) => ticks.map((t) => `${t}%`) },
      ],
      series: [
        {},
        ...series.map((s) => ({
          label: s.label,
          stroke: s.color,
          fill: s.color,
          width: 0,
          points: { show: false },
          paths: uPlot.paths.bars!({ size: [0.9, 48], align: 0 }),
        })),
      ],
    },
    [xs, ...data] as uPlot.AlignedData,
    into,
  );
  return { resize: (w) => plot.setSize({ width: w, height: HEIGHT }), destroy: () => plot.destroy() };
}
