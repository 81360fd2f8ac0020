import { describe, expect, test } from "vitest";
import { markedLines } from "@/components/workspace/marked-lines";
import { validate } from "@/lib/validator";

describe("markedLines: the preview's lines and marks", () => {
  test("plain text is cut at newlines, with no marks", () => {
    expect(markedLines('{\n  "a": 1\n}', [])).toEqual([[{ text: "{" }], [{ text: '  "a": 1' }], [{ text: "}" }]]);
  });

  test("a range marks exactly its characters, across lines, without the newline", () => {
    const text = '{\n  "cpu": "256",\n  "memory": "4096"\n}';
    const start = text.indexOf('"256"');
    const end = text.indexOf('"4096"') + '"4096"'.length;
    expect(markedLines(text, [{ start, end, level: "error" }])).toEqual([
      [{ text: "{" }],
      [{ text: '  "cpu": ' }, { text: '"256",', level: "error" }],
      [{ text: '  "memory": "4096"', level: "error" }],
      [{ text: "}" }],
    ]);
  });

  test("overlaps take the more severe level; an empty range marks one character; ranges past the end are cut", () => {
    const text = "abcdef";
    expect(
      markedLines(text, [
        { start: 0, end: 4, level: "warning" },
        { start: 2, end: 3, level: "error" },
        { start: 5, end: 5, level: "runtime" },
        { start: 5, end: 99, level: "warning" },
      ]),
    ).toEqual([[{ text: "ab", level: "warning" }, { text: "c", level: "error" }, { text: "d", level: "warning" }, { text: "e" }, { text: "f", level: "runtime" }]]);
  });

  test("the validator's own ranges on a lesson-like mistake: the marked text is the offending value", () => {
    const text = JSON.stringify({ family: "web", requiresCompatibilities: ["FARGATE"], networkMode: "awsvpc", cpu: "256", memory: "4096", containerDefinitions: [{ name: "web", image: "nginx" }] }, null, 2);
    const diagnostics = validate(text, { lang: "en", kind: "RegisterTaskDefinition" }).filter((d) => d.level === "error");
    expect(diagnostics.length).toBeGreaterThan(0);
    const marked = markedLines(text, diagnostics.map((d) => ({ start: d.range.start, end: d.range.end, level: d.level })))
      .flat()
      .filter((s) => s.level === "error")
      .map((s) => s.text);
    expect(marked.join("")).toBe(diagnostics.map((d) => text.slice(d.range.start, d.range.end).replace(/\n/g, "")).join(""));
  });

  test("an empty file is one empty line", () => {
    expect(markedLines("", [{ start: 0, end: 0, level: "error" }])).toEqual([[]]);
  });
});
