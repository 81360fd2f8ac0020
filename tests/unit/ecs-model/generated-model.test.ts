import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ecsModel, inputShapeName, type StructureShapeModel } from "@/lib/ecs-model";
import { INPUT_SCHEMAS, REGISTER_TASK_DEFINITION_SCHEMA_URI, registerTaskDefinitionSchema } from "@/lib/ecs-model/schema";

const root = path.resolve(import.meta.dirname, "../../..");
const generatedDir = path.join(root, "lib/ecs-model/generated");

type SchemaNode = {
  type?: string;
  enum?: string[];
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
  required?: string[];
  additionalProperties?: boolean | SchemaNode;
  description?: string;
  markdownDescription?: string;
  minimum?: number;
  maximum?: number;
  maxItems?: number;
};
const schema = registerTaskDefinitionSchema as unknown as SchemaNode & { $schema: string };
const container = schema.properties!.containerDefinitions.items!;

describe("register-task-definition.schema.json", () => {
  it("is a draft-07 schema with an id the editor can register it under", () => {
    expect(schema.$schema).toBe("http://json-schema.org/draft-07/schema#");
    expect(REGISTER_TASK_DEFINITION_SCHEMA_URI).toMatch(/^https:\/\/.+register-task-definition\.schema\.json$/);
  });

  it("types container memory limits as integers and task cpu/memory as strings", () => {
    expect(container.properties!.memoryReservation.type).toBe("integer");
    expect(container.properties!.memory.type).toBe("integer");
    expect(container.properties!.cpu.type).toBe("integer");
    expect(schema.properties!.cpu.type).toBe("string");
    expect(schema.properties!.memory.type).toBe("string");
    expect(container.properties!.essential.type).toBe("boolean");
  });

  it("carries the API enums", () => {
    expect(schema.properties!.networkMode.enum).toEqual(["bridge", "host", "awsvpc", "none"]);
    expect(schema.properties!.requiresCompatibilities.items!.enum).toContain("FARGATE");
    expect(container.properties!.logConfiguration.properties!.logDriver.enum).toContain("awslogs");
  });

  it("rejects unknown members and lists the required ones", () => {
    expect(schema.additionalProperties).toBe(false);
    expect(container.additionalProperties).toBe(false);
    expect(schema.required).toEqual(["family", "containerDefinitions"]);
    expect(container.properties!.healthCheck.required).toEqual(["command"]);
  });

  it("keeps map members free-form (log options and labels are data, not API members)", () => {
    const options = container.properties!.logConfiguration.properties!.options;
    expect(options.type).toBe("object");
    expect(options.additionalProperties).toEqual({ type: "string" });
  });

  it("copies ranges from the model", () => {
    expect(container.properties!.portMappings.items!.properties!.containerPort.type).toBe("integer");
    expect(schema.properties!.tags.maxItems).toBe(50);
  });

  it("documents members in plain text and Markdown, without HTML", () => {
    const essential = container.properties!.essential;
    expect(essential.description).toMatch(/essential/);
    expect(essential.markdownDescription).toContain("`essential`");
    expect(JSON.stringify(schema)).not.toMatch(/<\/?(p|code|a)\b/);
  });
});

describe("shapes.json", () => {
  it("lists every operation of the ECS API", () => {
    expect(ecsModel.operations).toContain("RegisterTaskDefinition");
    expect(ecsModel.operations).toContain("RunTask");
    expect(ecsModel.operations).toContain("DescribeServices");
    expect(ecsModel.operations).toEqual([...ecsModel.operations].sort());
    expect(ecsModel.operations.length).toBeGreaterThan(50);
  });

  it("holds the three graded inputs with members in the model's order", () => {
    for (const operation of ["RegisterTaskDefinition", "CreateService", "UpdateService"] as const) {
      expect(ecsModel.shapes[inputShapeName(operation)].type).toBe("structure");
    }
    const containerShape = ecsModel.shapes.ContainerDefinition as StructureShapeModel;
    expect(containerShape.members.slice(0, 3).map((member) => member.name)).toEqual(["name", "image", "repositoryCredentials"]);
    expect((ecsModel.shapes.CreateServiceRequest as StructureShapeModel).required).toEqual(["serviceName"]);
  });

  it("links every member to a shape that is present", () => {
    for (const [name, shape] of Object.entries(ecsModel.shapes)) {
      const targets =
        shape.type === "structure" ? shape.members.map((member) => member.shape) : shape.type === "list" ? [shape.member] : shape.type === "map" ? [shape.key, shape.value] : [];
      for (const target of targets) expect(ecsModel.shapes[target], `${name} → ${target}`).toBeDefined();
    }
  });

  it("keeps enums and plain-text documentation", () => {
    expect((ecsModel.shapes.NetworkMode as { enum: string[] }).enum).toContain("awsvpc");
    const family = (ecsModel.shapes.RegisterTaskDefinitionRequest as StructureShapeModel).members.find((m) => m.name === "family")!;
    expect(family.doc).toMatch(/^You must specify a family/);
  });
});

describe("npm run generate:schema", () => {
  const out = mkdtempSync(path.join(tmpdir(), "ecs-model-"));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it("regenerates exactly the committed files", () => {
    execFileSync("python3", [path.join(root, "scripts/generate-ecs-model.py"), "--out", out], { stdio: "pipe" });
    for (const file of ["shapes.json", "register-task-definition.schema.json"]) {
      expect(readFileSync(path.join(out, file), "utf8"), file).toBe(readFileSync(path.join(generatedDir, file), "utf8"));
    }
  });
});

describe("the service schemas", () => {
  it.each([
    ["CreateService", "serviceName"],
    ["UpdateService", "service"],
  ] as const)("%s requires %s, knows the launch and deployment members, and rejects unknown keys", (operation, required) => {
    const serviceSchema = INPUT_SCHEMAS[operation] as unknown as SchemaNode & { $id: string; required: string[]; additionalProperties: boolean };
    expect(serviceSchema.$id).toMatch(/^https:\/\/ecs-dojo\.local\/schemas\/.+\.schema\.json$/);
    expect(serviceSchema.required).toEqual([required]);
    expect(serviceSchema.additionalProperties).toBe(false);
    expect(Object.keys(serviceSchema.properties!)).toEqual(expect.arrayContaining(["desiredCount", "deploymentConfiguration", "networkConfiguration"]));
    const strategy = (serviceSchema.properties!.deploymentConfiguration as SchemaNode).properties!.strategy as SchemaNode & { enum: string[] };
    expect(strategy.enum).toEqual(expect.arrayContaining(["ROLLING", "BLUE_GREEN"]));
  });
});
