/**
 * The output formats against AWS CLI v2's own formatters: fixtures/formats.json holds sample answers with what
 * awscli.formatter (2.9.19) printed for each in json, text, table (80 columns) and yaml — or the exception it failed
 * with — and fixtures/yaml-ruamel.json what its YAML dumper writes for strings that need quoting or folding.
 */
import { describe, expect, test } from "vitest";
import { dumpsPyJson } from "@/lib/aws-cli/python-values";
import { formatTable, textWidth } from "@/lib/aws-cli/output/table";
import { formatText } from "@/lib/aws-cli/output/text";
import { formatYaml } from "@/lib/aws-cli/output/yaml";
import { formatTimestamp, isoFromEpoch } from "@/lib/aws-cli/timestamps";
import formats from "./fixtures/formats.json";
import yamlCases from "./fixtures/yaml-ruamel.json";

type Expected = string | { error: string };
const cases = formats as { value: unknown; json: Expected; text: Expected; table: Expected; yaml: Expected }[];

function outcome(format: () => string): Expected {
  try {
    return format();
  } catch (error) {
    return { error: (error as Error).message };
  }
}

const printers: Record<"json" | "text" | "table" | "yaml", (value: unknown) => string> = {
  json: (value) => (JSON.stringify(value) === "{}" ? "" : `${dumpsPyJson(value, 4)}\n`),
  text: formatText,
  table: (value) => formatTable("DescribeThings", value, 80),
  yaml: formatYaml,
};

describe("output formats match AWS CLI v2's formatters", () => {
  for (const format of ["json", "text", "table", "yaml"] as const) {
    test(`${format}: ${cases.length} sample answers`, () => {
      for (const sample of cases) {
        const actual = outcome(() => printers[format](structuredClone(sample.value)));
        if (typeof sample[format] === "string") expect({ value: sample.value, out: actual }).toEqual({ value: sample.value, out: sample[format] });
        // Where Python raised, the CLI exits 255 with the exception's text: the interpreter must fail too.
        else expect({ value: sample.value, failed: typeof actual !== "string" }).toEqual({ value: sample.value, failed: true });
      }
    });
  }

  test(`yaml: quoting and folding of ${yamlCases.length} strings as ruamel.yaml writes them`, () => {
    for (const sample of yamlCases) expect({ value: sample.value, yaml: formatYaml(sample.value) }).toEqual({ value: sample.value, yaml: sample.yaml });
  });

  test("a scalar answer (after --query) prints as one JSON value in yaml, nothing for an empty answer", () => {
    expect(formatYaml("web")).toBe('"web"\n');
    expect(formatYaml(3)).toBe("3\n");
    expect(formatYaml({})).toBe("");
  });

  test("table widths count East Asian wide and ambiguous characters as two columns", () => {
    expect(textWidth("abc")).toBe(3);
    expect(textWidth("日本")).toBe(4);
    // Python's unicodedata calls é and ± "Ambiguous", which the CLI counts as wide.
    expect(textWidth("é")).toBe(2);
    expect(textWidth("±")).toBe(2);
  });

  test("a table wider than the terminal turns single-row sections into key/value rows (AWS CLI v2's output)", () => {
    const x = "x".repeat(40);
    const y = "y".repeat(40);
    expect(formatTable("Op", { a: x, b: y }, 80)).toBe(
      [
        "---------------------------------------------------",
        "|                       Op                        |",
        "+---+---------------------------------------------+",
        `|  a|  ${x}   |`,
        `|  b|  ${y}   |`,
        "+---+---------------------------------------------+",
        "",
      ].join("\n"),
    );
    expect(formatTable("Op", { a: "x".repeat(10), b: "y".repeat(10) }, 80)).toBe(
      ["------------------------------", "|             Op             |", "+-------------+--------------+", "|      a      |      b       |", "+-------------+--------------+", "|  xxxxxxxxxx |  yyyyyyyyyy  |", "+-------------+--------------+", ""].join("\n"),
    );
  });
});

describe("timestamps print as v2 prints them (ISO 8601, microseconds only when present)", () => {
  test("epoch seconds from AWS JSON in the local zone", () => {
    expect(isoFromEpoch(1_700_000_000.123, () => 0)).toBe("2023-11-14T22:13:20.123000+00:00");
    expect(isoFromEpoch(1_700_000_000, () => 540)).toBe("2023-11-15T07:13:20+09:00");
    expect(isoFromEpoch(1_700_000_000.5, () => -330)).toBe("2023-11-14T16:43:20.500000-05:30");
  });

  test("ISO text from XML keeps its own offset", () => {
    expect(formatTimestamp("2024-01-02T03:04:05Z", () => 540)).toBe("2024-01-02T03:04:05+00:00");
    expect(formatTimestamp("2024-01-02T03:04:05.120Z", () => 0)).toBe("2024-01-02T03:04:05.120000+00:00");
  });
});
