import type { Level } from "@/lib/validator/types";

/** A run of one line's text, marked with the most severe level of the diagnostics covering it (none: plain text). */
export interface Segment {
  text: string;
  level?: Level;
}

const SEVERITY: Record<Level, number> = { warning: 1, runtime: 2, error: 3 };

/**
 * The text cut into lines, each line into runs marked by the diagnostics' ranges (offsets into `text`, as the
 * validator reports them). An empty range marks one character, as the editor does; overlapping ranges take the more
 * severe level. For the server-drawn preview of the editor, which has no Monaco to place its marks.
 */
export function markedLines(text: string, ranges: { start: number; end: number; level: Level }[]): Segment[][] {
  const levelAt = new Array<number>(text.length).fill(0);
  for (const r of ranges) {
    const start = Math.max(0, Math.min(r.start, text.length - 1));
    const end = Math.min(text.length, Math.max(r.end, start + 1));
    for (let i = start; i < end; i++) levelAt[i] = Math.max(levelAt[i], SEVERITY[r.level]);
  }
  const levels = Object.keys(SEVERITY) as Level[];
  const lines: Segment[][] = [[]];
  let runStart = 0;
  const close = (end: number) => {
    if (end <= runStart) return;
    const severity = levelAt[runStart];
    lines[lines.length - 1].push(severity ? { text: text.slice(runStart, end), level: levels.find((l) => SEVERITY[l] === severity) } : { text: text.slice(runStart, end) });
  };
  for (let i = 0; i < text.length; i++) {
    if (text[i] === "\n") {
      close(i);
      lines.push([]);
      runStart = i + 1;
    } else if (i > runStart && levelAt[i] !== levelAt[i - 1]) {
      close(i);
      runStart = i;
    }
  }
  close(text.length);
  return lines;
}
