import { describe, expect, it } from "vitest";
import { applyFix, covered, ec2TaskDefinition, only, ruleIds, text, problems } from "./helpers";

const container = (name: string, extra: Record<string, unknown> = {}) => ({ name, image: "nginx", memory: 128, ...extra });

describe("TD-FAMILY-FORMAT", () => {
  it("rejects characters outside letters, digits, - and _ and offers a cleaned name", () => {
    const source = text(ec2TaskDefinition({ family: "my app.v2" }));
    const [diagnostic] = only(source, "TD-FAMILY-FORMAT");
    expect(diagnostic.awsMessage).toBe("Family contains invalid characters.");
    expect(diagnostic.message).toMatch(/" " "\."/);
    expect(covered(source, diagnostic)).toBe('"my app.v2"');
    expect(diagnostic.fixes![0].title).toBe('Change to "my-app-v2"');
    expect(problems(applyFix(source, diagnostic.fixes![0]))).toEqual([]);
  });

  it("rejects an empty family and names longer than 255", () => {
    expect(ruleIds(ec2TaskDefinition({ family: "" }))).toEqual(["TD-FAMILY-FORMAT"]);
    expect(ruleIds(ec2TaskDefinition({ family: "a".repeat(256) }))).toEqual(["TD-FAMILY-FORMAT"]);
  });

  it("accepts letters, digits, hyphens and underscores", () => {
    expect(ruleIds(ec2TaskDefinition({ family: "Web_app-2" }))).toEqual([]);
    expect(ruleIds(ec2TaskDefinition({ family: "a".repeat(255) }))).toEqual([]);
  });
});

describe("TD-CONTAINERS-NONEMPTY", () => {
  it("rejects an empty container list on its key", () => {
    const source = text(ec2TaskDefinition({ containerDefinitions: [] }));
    const [diagnostic] = only(source, "TD-CONTAINERS-NONEMPTY");
    expect(diagnostic.awsMessage).toBe("Container list cannot be empty.");
    expect(covered(source, diagnostic)).toBe('"containerDefinitions"');
    expect(only(source, "TD-CONTAINERS-NONEMPTY", "ja")[0].message).toMatch(/コンテナ定義/);
  });

  it("accepts one container", () => {
    expect(only(ec2TaskDefinition(), "TD-CONTAINERS-NONEMPTY")).toEqual([]);
  });
});

describe("TD-CONTAINERS-MAX", () => {
  const containers = (n: number) => Array.from({ length: n }, (_, i) => container(`c${i}`));

  it("rejects more than 10 containers", () => {
    const [diagnostic] = only(ec2TaskDefinition({ containerDefinitions: containers(11) }), "TD-CONTAINERS-MAX");
    expect(diagnostic.awsMessage).toBe("Too many containers.");
    expect(diagnostic.message).toMatch(/11 containers; the limit is 10/);
  });

  it("accepts 10", () => {
    expect(ruleIds(ec2TaskDefinition({ containerDefinitions: containers(10) }))).toEqual([]);
  });
});

describe("TD-NAME-UNIQUE", () => {
  it("reports the second container with a name already used", () => {
    const source = text(ec2TaskDefinition({ containerDefinitions: [container("web"), container("log"), container("web")] }));
    const found = only(source, "TD-NAME-UNIQUE");
    expect(found).toHaveLength(1);
    expect(found[0].awsMessage).toBe("Container names must be unique within a Task Definition.");
    expect(found[0].pointer).toBe("/containerDefinitions/2/name");
  });

  it("treats names as case-sensitive", () => {
    expect(ruleIds(ec2TaskDefinition({ containerDefinitions: [container("web"), container("Web")] }))).toEqual([]);
  });
});

describe("TD-ESSENTIAL", () => {
  it("fires when every container says essential: false", () => {
    const source = text(ec2TaskDefinition({ containerDefinitions: [container("web", { essential: false }), container("log", { essential: false })] }));
    const [diagnostic] = only(source, "TD-ESSENTIAL");
    expect(diagnostic.awsMessage).toBe("Task definition doesn't have any essential container.");
    expect(covered(source, diagnostic)).toBe('"containerDefinitions"');
    expect(only(source, "TD-ESSENTIAL", "ja")[0].message).toMatch(/必須コンテナ/);
  });

  it("counts an omitted essential as true", () => {
    expect(ruleIds(ec2TaskDefinition({ containerDefinitions: [container("web"), container("log", { essential: false })] }))).toEqual([]);
  });

  it("passes with one explicitly essential container", () => {
    expect(ruleIds(ec2TaskDefinition({ containerDefinitions: [container("web", { essential: true }), container("log", { essential: false })] }))).toEqual([]);
  });
});
