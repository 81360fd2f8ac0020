import { describe, expect, it } from "vitest";
import { applyFix, covered, fargateTaskDefinition, only, ruleIds, text, problems } from "./helpers";

describe("FG-NETWORKMODE", () => {
  it("rejects bridge on Fargate with AWS's message (typographic quotes) and sets awsvpc", () => {
    const source = text(fargateTaskDefinition({ networkMode: "bridge" }));
    const [diagnostic] = only(source, "FG-NETWORKMODE");
    expect(diagnostic.awsMessage).toBe("Fargate only supports network mode \u2018awsvpc\u2019.");
    expect(covered(source, diagnostic)).toBe('"bridge"');
    expect(diagnostic.docs).toBe("/reference/rules#FG-NETWORKMODE");
    expect(problems(applyFix(source, diagnostic.fixes![0]))).toEqual([]);
  });

  it("rejects an omitted networkMode (the default is bridge) and adds it", () => {
    const document = fargateTaskDefinition();
    delete document.networkMode;
    const source = text(document);
    const [diagnostic] = only(source, "FG-NETWORKMODE");
    expect(covered(source, diagnostic)).toBe('"FARGATE"');
    expect(diagnostic.message).toMatch(/default is bridge/);
    expect(only(source, "FG-NETWORKMODE", "ja")[0].message).toMatch(/ネットワークインターフェイス/);
    const fixed = applyFix(source, diagnostic.fixes![0]);
    expect(problems(fixed)).toEqual([]);
    expect(JSON.parse(fixed).networkMode).toBe("awsvpc");
  });

  it("does not apply without FARGATE in requiresCompatibilities", () => {
    expect(ruleIds(fargateTaskDefinition({ requiresCompatibilities: ["EC2"], networkMode: "bridge" }))).toEqual([]);
  });

  it("passes awsvpc", () => {
    expect(only(fargateTaskDefinition(), "FG-NETWORKMODE")).toEqual([]);
  });
});
