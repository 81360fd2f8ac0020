import { describe, expect, it } from "vitest";
import { mainThreadByKind } from "@/bench/main-thread";

const PID = 7;
const MAIN = 1;
const meta = [
  { name: "thread_name", ph: "M", ts: 0, pid: PID, tid: MAIN, args: { name: "CrRendererMain" } },
  { name: "thread_name", ph: "M", ts: 0, pid: PID, tid: 2, args: { name: "ThreadPoolForegroundWorker" } },
];
const x = (name: string, ts: number, dur: number, tid = MAIN) => ({ name, ph: "X", ts, dur, pid: PID, tid });
const trace = (events: object[]) => JSON.stringify({ traceEvents: [...meta, ...events] });

describe("main-thread time by kind from a Chromium trace", () => {
  it("counts each event's self time: a script's compiling apart from its running", () => {
    const totals = mainThreadByKind(
      trace([
        x("navigationStart", 1_000, 0),
        x("RunTask", 1_000, 10_000),
        x("EvaluateScript", 2_000, 8_000),
        x("V8.CompileCode", 3_000, 5_000),
        x("RunTask", 12_000, 3_000),
        x("Layout", 12_500, 2_000),
        x("dojo-first-marker", 20_000, 0),
      ]),
      "dojo-first-marker",
    );
    expect(totals["compile (V8 parse and compile)"]).toBe(5);
    expect(totals["script (running)"]).toBe(3);
    expect(totals["layout (and text shaping)"]).toBe(2);
    expect(totals["other (task scheduling, loading, messages)"]).toBe(3);
  });

  it("leaves out other threads and what runs after the mark", () => {
    const totals = mainThreadByKind(
      trace([
        x("navigationStart", 0, 0),
        x("V8.CompileCode", 100, 50_000, 2),
        x("ParseHTML", 1_000, 4_000),
        x("dojo-first-marker", 3_000, 0),
        x("Paint", 6_000, 9_000),
      ]),
      "dojo-first-marker",
    );
    expect(totals["HTML and CSS parsing"]).toBe(2);
    expect(Object.values(totals).reduce((a, b) => a + b, 0)).toBe(2);
  });

  it("says what is missing from a trace without the mark", () => {
    expect(() => mainThreadByKind(trace([x("navigationStart", 0, 0)]), "dojo-first-marker")).toThrow(/no mark "dojo-first-marker"/);
  });
});
