import { describe, expect, it } from "vitest";
import { completionsAt } from "@/lib/validator/completions";

/** The text with the cursor where `|` is, and the suggestions' labels there. */
function labelsAt(marked: string, operation?: Parameters<typeof completionsAt>[2]) {
  const offset = marked.indexOf("|");
  const text = marked.slice(0, offset) + marked.slice(offset + 1);
  const result = completionsAt(text, offset, operation);
  return { labels: result.items.map((item) => item.label), result, text };
}

describe("completionsAt", () => {
  it("offers only the memory values valid for the chosen Fargate cpu", () => {
    const { labels, result, text } = labelsAt('{"requiresCompatibilities": ["FARGATE"], "cpu": "512", "memory": "|1"}');
    expect(labels).toEqual(["1024", "2048", "3072", "4096"]);
    expect(result.items[0].insertText).toBe('"1024"');
    expect(text.slice(result.replace.start, result.replace.end)).toBe('"1"');
  });

  it("offers every Fargate memory when no cpu is chosen yet, and EC2 hints off Fargate", () => {
    expect(labelsAt('{"requiresCompatibilities": ["FARGATE"], "memory": |}').labels).toContain("122880");
    expect(labelsAt('{"containerDefinitions": [], "memory": |}').labels).toEqual(["512", "1024", "2048", "4096", "8192"]);
  });

  it("offers the Fargate cpu sizes", () => {
    expect(labelsAt('{"requiresCompatibilities": ["FARGATE"], "cpu": |}').labels).toEqual(["256", "512", "1024", "2048", "4096", "8192", "16384"]);
  });

  it("offers only Fargate's log drivers on Fargate, every driver elsewhere", () => {
    const on = '{"requiresCompatibilities": ["FARGATE"], "containerDefinitions": [{"logConfiguration": {"logDriver": |}}]}';
    expect(labelsAt(on).labels).toEqual(["awslogs", "splunk", "awsfirelens"]);
    expect(labelsAt('{"containerDefinitions": [{"logConfiguration": {"logDriver": |}}]}').labels).toHaveLength(8);
  });

  it("offers the API's enum values elsewhere, also in service input", () => {
    expect(labelsAt('{"containerDefinitions": [{"dependsOn": [{"condition": |}]}]}').labels).toEqual(["START", "COMPLETE", "SUCCESS", "HEALTHY"]);
    expect(labelsAt('{"serviceName": "web", "schedulingStrategy": |}').labels).toEqual(["REPLICA", "DAEMON"]);
    expect(labelsAt('{"service": "web", "propagateTags": |}', "UpdateService").labels).toEqual(expect.arrayContaining(["SERVICE", "NONE"]));
  });

  it("offers nothing on keys, free-text values or broken offsets", () => {
    expect(labelsAt('{"fam|": "web"}').labels).toEqual([]);
    expect(labelsAt('{"family": |}').labels).toEqual([]);
    expect(completionsAt("{}", 99).items).toEqual([]);
  });
});
