import os from "node:os";
import { fmt, summarize } from "../stats";

/** "median / p95" of samples in ms. */
export function medianP95(samples: number[]): string {
  if (samples.length === 0) return "–";
  const { median, p95 } = summarize(samples);
  return `${fmt(median)} / ${fmt(p95)}`;
}

export function ratio(a: number[], b: number[]): string {
  if (a.length === 0 || b.length === 0) return "–";
  const x = summarize(a);
  const y = summarize(b);
  return `${(x.median / y.median).toFixed(2)}x / ${(x.p95 / y.p95).toFixed(2)}x`;
}

export function row(cells: string[], first = 30, rest = 24): void {
  console.log(cells.map((c, i) => (i === 0 ? c.padEnd(first) : c.padStart(rest))).join(""));
}

/** The machine's 1-minute load average, to quote with every figure (other work shares its cores). */
export const load = () => `load average ${os.loadavg()[0].toFixed(2)}`;
