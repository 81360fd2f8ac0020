import { describe, expect, it } from "vitest";
import { covered, ec2TaskDefinition, only, ruleIds, text } from "./helpers";

describe("CD-NAME-REQUIRED", () => {
  it("reports a container without a name on its opening brace", () => {
    const source = text(ec2TaskDefinition({ containerDefinitions: [{ image: "nginx", memory: 128 }] }));
    const [diagnostic] = only(source, "CD-NAME-REQUIRED");
    expect(diagnostic.awsMessage).toBe("Container.name should not be null or empty.");
    expect(diagnostic.pointer).toBe("/containerDefinitions/0/name");
    expect(covered(source, diagnostic)).toBe("{");
    expect(diagnostic.message).toMatch(/Container definition #1 has no name/);
  });

  it("reports an empty name on the value", () => {
    const source = text(ec2TaskDefinition({ containerDefinitions: [{ name: "", image: "nginx", memory: 128 }] }));
    expect(covered(source, only(source, "CD-NAME-REQUIRED")[0])).toBe('""');
  });

  it("leaves a wrongly cased Name to CLI-PASCALCASE", () => {
    expect(ruleIds(ec2TaskDefinition({ containerDefinitions: [{ Name: "web", image: "nginx", memory: 128 }] }))).toEqual(["CLI-PASCALCASE"]);
  });

  it("passes a named container", () => {
    expect(only(ec2TaskDefinition(), "CD-NAME-REQUIRED")).toEqual([]);
  });
});

describe("CD-IMAGE-REQUIRED", () => {
  it("reports a missing image at the container's name", () => {
    const source = text(ec2TaskDefinition({ containerDefinitions: [{ name: "web", memory: 128 }] }));
    const [diagnostic] = only(source, "CD-IMAGE-REQUIRED");
    expect(diagnostic.awsMessage).toBe("Container.image should not be null or empty.");
    expect(diagnostic.pointer).toBe("/containerDefinitions/0/image");
    expect(covered(source, diagnostic)).toBe('"web"');
    expect(only(source, "CD-IMAGE-REQUIRED", "ja")[0].message).toMatch(/コンテナ 'web' に image がありません/);
  });

  it("reports an empty image", () => {
    expect(ruleIds(ec2TaskDefinition({ containerDefinitions: [{ name: "web", image: "", memory: 128 }] }))).toEqual(["CD-IMAGE-REQUIRED"]);
  });

  it("passes a container with an image", () => {
    expect(only(ec2TaskDefinition(), "CD-IMAGE-REQUIRED")).toEqual([]);
  });
});
