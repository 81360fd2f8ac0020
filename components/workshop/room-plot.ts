/**
 * The room's two charts, drawn with uPlot (loaded lazily by room-charts.tsx). Progress over time uses the console
 * charts' plot (time axis); time per lesson puts the lessons on the x axis, one point each.
 */
import uPlot from "uplot";
import { drawPlot, type Plot } from "../workspace/time-chart-plot";

export function drawProgress(into: HTMLElement, points: { at: number; done: number }[], label: string, locale: string): Plot {
  return drawPlot(into, points.map((p) => p.at * 1000), [{ label, values: points.map((p) => p.done), color: "#0b62a4", scale: "count" }], into.clientWidth, locale);
}

export function drawPerLesson(into: HTMLElement, lessons: { lessonId: string; medianMinutes: number | null }[], label: string): { destroy(): void } {
  const ink = getComputedStyle(into).color;
  const grid = "rgba(91,102,117,0.2)";
  const plot = new uPlot(
    {
      width: into.clientWidth,
      height: 180,
      legend: { show: false },
      cursor: { drag: { x: false, y: false } },
      scales: { x: { time: false, range: [-0.5, Math.max(0.5, lessons.length - 0.5)] }, y: { range: (_u, _min, max) => [0, Math.max(1, max ?? 1) * 1.2] } },
      axes: [
        { stroke: ink, grid: { show: false }, ticks: { stroke: grid }, splits: () => lessons.map((_, i) => i), values: (_u, ticks) => ticks.map((i) => lessons[i]?.lessonId ?? "") },
        { stroke: ink, grid: { stroke: grid }, ticks: { stroke: grid }, size: 48 },
      ],
      series: [{}, { label, stroke: "#c2410c", width: 2, points: { show: true, size: 8 }, spanGaps: false }],
    },
    [lessons.map((_, i) => i), lessons.map((l) => l.medianMinutes)] as uPlot.AlignedData,
    into,
  );
  return { destroy: () => plot.destroy() };
}
