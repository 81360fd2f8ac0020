// Where a page's main thread spends its time, from a Chromium trace: each event's self time (its duration less that of
// the events inside it) on the renderer's main thread, from navigation start to a performance.mark(), summed by kind.
// Written by hand: Chromium's own trace processor (Perfetto, DevTools' timeline model) is not an npm library that runs
// in Node here; these few rules on event names are enough to tell compiling from running from styling.

/** Event categories the attribution needs (V8's compile events and DevTools' timeline), passed to browser.startTracing. */
export const TRACE_CATEGORIES = ["devtools.timeline", "disabled-by-default-devtools.timeline", "v8", "disabled-by-default-v8.compile", "blink", "blink.user_timing", "loading", "toplevel"];

/** Kinds of main-thread work, in the order they are printed; the first rule that matches an event's name wins. */
export const KINDS = [
  ["compile (V8 parse and compile)", /^V8\.(Parse|PreParse|Compile|CollectSourcePositions|BytecodeBudgetInterrupt|Deserialize)|^v8\.compile|FlushInstructionCache/],
  ["garbage collection", /GC|V8\.GC/],
  ["script (running)", /^(FunctionCall|EvaluateScript|v8\.|RunMicrotasks|TimerFire|EventDispatch|FireAnimationFrame|V8\.|BlinkScheduler_PerformMicrotaskCheckpoint|FrameRequestCallbackCollection)/],
  ["HTML and CSS parsing", /^ParseHTML|ParseAuthorStyleSheet|CSSParser|StyleElement::processStyleSheet|HTMLDocumentParser/],
  ["style recalculation", /Style|UpdateLayoutTree|rebuildLayoutTree/i],
  ["layout (and text shaping)", /Layout|layout|InlineNode|Shape/],
  ["paint and compositing", /Paint|Layerize|Composit|Commit|Raster|PrePaint|UpdateLayer|BeginMainFrame|LayerTree|pushPaintArtifact/],
] as const satisfies readonly (readonly [string, RegExp])[];
export const OTHER = "other (task scheduling, loading, messages)";

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; data?: unknown };
}

/** Milliseconds of main-thread self time by kind (KINDS' labels and OTHER) from navigation start to the mark `mark`. */
export function mainThreadByKind(traceJson: string, mark: string): Record<string, number> {
  const events = (JSON.parse(traceJson) as { traceEvents: TraceEvent[] }).traceEvents;
  const end = events.find((e) => e.name === mark);
  if (!end) throw new Error(`the trace has no mark "${mark}"`);
  const thread = events.find((e) => e.ph === "M" && e.name === "thread_name" && e.pid === end.pid && e.args?.name === "CrRendererMain");
  if (!thread) throw new Error("the trace has no renderer main thread");
  const starts = events.filter((e) => e.name === "navigationStart" && e.pid === end.pid && e.ts <= end.ts).map((e) => e.ts);
  const start = starts.length ? Math.max(...starts) : 0;
  // Complete events only ("X"): the main thread's timeline events are written so.
  const spans = events
    .filter((e) => e.pid === end.pid && e.tid === thread.tid && e.ph === "X" && e.ts < end.ts && e.ts + (e.dur ?? 0) > start)
    .map((e) => ({ name: e.name, from: Math.max(e.ts, start), to: Math.min(e.ts + (e.dur ?? 0), end.ts) }))
    .sort((a, b) => a.from - b.from || b.to - a.to);
  const totals: Record<string, number> = Object.fromEntries([...KINDS.map(([label]) => [label, 0]), [OTHER, 0]]);
  const kindOf = (name: string) => KINDS.find(([, rule]) => rule.test(name))?.[0] ?? OTHER;
  const open: { name: string; to: number; self: number }[] = [];
  const close = (upTo: number) => {
    while (open.length && open[open.length - 1].to <= upTo) {
      const span = open.pop()!;
      totals[kindOf(span.name)] += span.self / 1000;
    }
  };
  for (const span of spans) {
    close(span.from);
    const length = span.to - span.from;
    if (open.length) open[open.length - 1].self -= length;
    open.push({ name: span.name, to: span.to, self: length });
  }
  close(Infinity);
  return totals;
}
