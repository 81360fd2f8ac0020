import { describe, expect, it } from "vitest";
import { validate } from "@/lib/validator";
import { covered, problems } from "./helpers";

const valid = '{\n  "family": "web",\n  "containerDefinitions": [{"name": "web", "image": "nginx", "memory": 128}]\n}';

describe("JSON-SYNTAX", () => {
  it("accepts strict JSON", () => {
    expect(problems(valid)).toEqual([]);
  });

  it.each([
    ["trailing comma in an object", '{"family": "web",\n}', /Trailing comma/, 1, 17, ","],
    ["trailing comma in a list", '{"requiresCompatibilities": ["EC2", ]}', /Trailing comma/, 1, 35, ","],
    ["line comment", '{\n  // web\n  "family": "web"\n}', /Comments are not allowed/, 2, 3, "// web"],
    ["block comment", '{"family": /* x */ "web"}', /Comments are not allowed/, 1, 12, "/* x */"],
    ["single quotes", "{'family': 'web'}", /double quotes/, 1, 2, "'family'"],
    ["missing comma", '{"family": "web"\n "cpu": "256"}', /comma \(,\) is expected/, 2, 2, '"cpu"'],
    ["missing colon", '{"family" "web"}', /colon \(:\)/, 1, 11, '"web"'],
    ["unclosed object", '{"family": "web"', /a \} is missing/, 1, 16, '"'],
    ["unterminated string", '{"family": "web}', /string is not closed/, 1, 12, '"web}'],
    ["second document after the first", '{"family": "web"} {}', /after the end/, 1, 19, "{"],
    ["tab inside a string", '{"family": "we\tb"}', /Control characters/, 1, 12, '"we\tb"'],
  ])("reports a %s at its exact position", (_, source, message, line, column, token) => {
    const [first] = validate(source);
    expect(first.ruleId).toBe("JSON-SYNTAX");
    expect(first.level).toBe("error");
    expect(first.pointer).toBe("");
    expect({ line: first.range.line, column: first.range.column }).toEqual({ line, column });
    expect(covered(source, first)).toBe(token);
    expect(first.message).toMatch(message);
  });

  it("names the problem in the learner's language", () => {
    const source = '{"family": "web",}';
    expect(validate(source, { lang: "en" })[0].message).toMatch(/Trailing comma/);
    expect(validate(source, { lang: "ja" })[0].message).toMatch(/末尾のカンマ/);
    expect(validate("{// x\n}", { lang: "ja" })[0].message).toMatch(/コメント/);
  });

  it("reports an empty document once", () => {
    const result = validate("  \n");
    expect(result).toHaveLength(1);
    expect(result[0].message).toMatch(/empty/);
  });

  it("runs no other rule while the text does not parse", () => {
    const result = validate('{"family": "web", "containerDefinitions": [],}');
    expect(result.map((d) => d.ruleId)).toEqual(["JSON-SYNTAX"]);
  });
});

describe("JSON-LIMITS", () => {
  it("refuses nesting deeper than any ECS input instead of overflowing the stack", () => {
    const deep = "[".repeat(100_000) + "]".repeat(100_000);
    const result = validate(deep);
    expect(result.map((d) => d.ruleId)).toEqual(["JSON-LIMITS"]);
    expect(validate(deep, { lang: "ja" })[0].message).toMatch(/入れ子/);
  });

  it("refuses documents far above AWS's 64 KiB limit", () => {
    const huge = JSON.stringify({ family: "x".repeat(1_200_000) });
    expect(validate(huge).map((d) => d.ruleId)).toEqual(["JSON-LIMITS"]);
  });

  it("checks ordinary nesting and sizes", () => {
    expect(validate(valid).some((d) => d.ruleId === "JSON-LIMITS")).toBe(false);
  });
});

describe("JSON-DUPLICATE-KEY", () => {
  const source = '{"family": "web", "cpu": 256, "containerDefinitions": [{"name": "web", "image": "nginx", "memory": 128}], "cpu": "256"}';

  it("warns on the ignored copy and checks only the last, as the AWS CLI does", () => {
    const result = validate(source).filter((d) => d.ruleId.startsWith("JSON-") || d.level !== "warning");
    expect(result.map((d) => [d.ruleId, d.level])).toEqual([["JSON-DUPLICATE-KEY", "warning"]]);
    expect(result[0].range.column).toBe(19);
    expect(result[0].message).toMatch(/keeps only the last one/);
    expect(validate(source, { lang: "ja" }).find((d) => d.ruleId === "JSON-DUPLICATE-KEY")!.message).toMatch(/最後のもの/);
  });

  it("applies to maps such as log options too", () => {
    const map = '{"family": "web", "containerDefinitions": [{"name": "web", "image": "nginx", "memory": 128, "dockerLabels": {"a": "1", "a": "2"}}]}';
    expect(validate(map).filter((d) => d.ruleId === "JSON-DUPLICATE-KEY").map((d) => d.pointer)).toEqual(["/containerDefinitions/0/dockerLabels/a"]);
  });

  it("stays quiet without duplicates", () => {
    expect(problems(valid)).toEqual([]);
  });
});
