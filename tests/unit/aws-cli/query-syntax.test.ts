/**
 * --query syntax errors as AWS CLI v2 prints them: fixtures/query-syntax.json holds what Python's jmespath.compile()
 * (the CLI's) said about valid and broken expressions; the interpreter must accept the same ones and fail the others
 * with the same message, and the jmespath package must evaluate what both accept.
 */
import { describe, expect, test } from "vitest";
import { compile } from "@/lib/aws-cli/jmespath";
import { querySyntaxError } from "@/lib/aws-cli/query-syntax";
import samples from "./fixtures/query-syntax.json";

describe("--query syntax errors", () => {
  test(`${samples.length} expressions: accepted or refused with Python jmespath's message`, () => {
    for (const sample of samples) expect({ query: sample.query, error: querySyntaxError(sample.query) ?? null }).toEqual(sample);
  });

  test("what Python accepts, the evaluating library accepts too", () => {
    for (const sample of samples.filter((s) => s.error === null)) expect(() => compile(sample.query), sample.query).not.toThrow();
  });

  test("the messages learners meet most", () => {
    expect(querySyntaxError("services[")).toBe('Invalid jmespath expression: Incomplete expression:\n"services["\n          ^');
    expect(querySyntaxError("services[].{name:serviceName")).toBe('Invalid jmespath expression: Incomplete expression:\n"services[].{name:serviceName"\n                             ^');
    expect(querySyntaxError("a=b")).toBe("Bad jmespath expression: Unknown token '=':\na=b\n ^");
  });
});
