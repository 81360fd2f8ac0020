/**
 * The console charts' drawing, loaded only once a chart is on screen (time-chart.tsx imports this module lazily): uPlot
 * and the few of its style rules the charts use, added to the page then, so neither is part of the lesson page's
 * first load.
 */
import uPlot from "uplot";

// From uplot/dist/uPlot.min.css: the layers and axes the charts use (their own legend and table replace uPlot's legend).
const STYLES = `.uplot,.uplot *{box-sizing:border-box}.uplot{font-family:inherit;line-height:1.5;width:min-content}
.u-wrap{position:relative;user-select:none}.u-over,.u-under{position:absolute}.u-under{overflow:hidden}
.uplot canvas{display:block;position:relative;width:100%;height:100%}.u-axis{position:absolute}
.u-select{background:rgba(0,0,0,.07);position:absolute;pointer-events:none}
.u-cursor-x,.u-cursor-y{position:absolute;left:0;top:0;pointer-events:none;will-change:transform}
.u-hz .u-cursor-x{height:100%;border-right:1px dashed #607D8B}.u-hz .u-cursor-y{width:100%;border-bottom:1px dashed #607D8B}
.u-cursor-pt{position:absolute;top:0;left:0;border-radius:50%;border:0 solid;pointer-events:none;will-change:transform;background-clip:padding-box!important}
.u-axis.u-off,.u-select.u-off,.u-cursor-x.u-off,.u-cursor-y.u-off,.u-cursor-pt.u-off{display:none}`;

export function addStyles(): void {
  if (document.getElementById("uplot-styles")) return;
  const style = document.createElement("style");
  style.id = "uplot-styles";
  style.textContent = STYLES;
  document.head.append(style);
}

export interface PlotSeries {
  label: string;
  values: (number | null)[];
  color: string;
  /** Counts on the left axis, percentages on the right one. */
  scale: "count" | "percent";
  dash?: number[];
}

export interface Plot {
  update(times: number[], series: PlotSeries[], width: number): void;
  destroy(): void;
}

const HEIGHT = 180;

const clock = (seconds: number, locale: string) => new Date(seconds * 1000).toLocaleTimeString(locale, { hour: "numeric", minute: "2-digit" });

/**
 * Draws `series` over `times` (epoch ms) in `into`; times are shown as the browser's clock shows the sandbox clock.
 * With `categories` the x axis is not time but one named point per category (`times` are then 0, 1, 2…): a
 * workshop's time per lesson.
 */
export function drawPlot(into: HTMLElement, times: number[], series: PlotSeries[], width: number, locale: string, categories?: string[]): Plot {
  addStyles();
  const ink = getComputedStyle(into).color;
  const grid = "rgba(91,102,117,0.2)";
  const percent = series.some((s) => s.scale === "percent");
  const xs = (values: number[]) => (categories ? values : values.map((t) => t / 1000));
  const build = (data: PlotSeries[], w: number) =>
    new uPlot(
      {
        width: w,
        height: HEIGHT,
        legend: { show: false },
        cursor: { drag: { x: false, y: false } },
        scales: { x: categories ? { time: false, range: [-0.5, Math.max(0.5, categories.length - 0.5)] } : { time: true }, count: { range: (_u, _min, max) => [0, Math.max(1, max) * 1.1] }, percent: { range: [0, 100] } },
        axes: [
          // Times as the page writes them in the learner's language (uPlot's own labels are English: "9:10am").
          categories
            ? { stroke: ink, grid: { show: false }, ticks: { stroke: grid }, splits: () => categories.map((_, i) => i), values: (_u: uPlot, ticks: number[]) => ticks.map((i) => categories[i] ?? "") }
            : { stroke: ink, grid: { stroke: grid }, ticks: { stroke: grid }, values: (_u: uPlot, ticks: number[]) => ticks.map((t) => clock(t, locale)) },
          { scale: "count", stroke: ink, grid: { stroke: grid }, ticks: { stroke: grid }, size: 56 },
          ...(percent ? [{ scale: "percent", side: 1 as const, stroke: ink, grid: { show: false }, size: 52, values: (_u: uPlot, ticks: number[]) => ticks.map((t) => `${t}%`) }] : []),
        ],
        series: [{}, ...data.map((s) => ({ label: s.label, scale: s.scale, stroke: s.color, width: 2, dash: s.dash, spanGaps: false, points: { show: true, size: 4 } }))],
      },
      [xs(times), ...data.map((s) => s.values)] as uPlot.AlignedData,
      into,
    );
  let plot = build(series, width);
  let shape = series.map((s) => s.label).join("\n");
  return {
    update(nextTimes, nextSeries, nextWidth) {
      const nextShape = nextSeries.map((s) => s.label).join("\n");
      // New series (a target group added) need a new chart; new values or a new width do not.
      if (nextShape !== shape) {
        plot.destroy();
        plot = build(nextSeries, nextWidth);
        shape = nextShape;
        return;
      }
      if (plot.width !== nextWidth) plot.setSize({ width: nextWidth, height: HEIGHT });
      plot.setData([xs(nextTimes), ...nextSeries.map((s) => s.values)] as uPlot.AlignedData);
    },
    destroy: () => plot.destroy(),
  };
}
