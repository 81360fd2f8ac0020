import { describe, expect, it } from "vitest";
import { awsRejection, RULES, validate, validateValue } from "@/lib/validator";
import { ec2TaskDefinition, fargateTaskDefinition, text } from "./helpers";

describe("validate", () => {
  it("returns diagnostics sorted by position", () => {
    const source = text({
      family: "bad family",
      requiresCompatibilities: ["FARGATE"],
      networkMode: "bridge",
      cpu: 256,
      memory: "512",
      containerDefinitions: [{ name: "web", image: "", essential: "yes" }],
    });
    const result = validate(source);
    expect(result.length).toBeGreaterThanOrEqual(4);
    const starts = result.map((d) => d.range.start);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
  });

  it("gives 1-based lines and columns, also after CRLF line ends", () => {
    const source = '{\r\n  "family": "web",\r\n  "containerDefinitions": [],\r\n  "cpu": 1\r\n}';
    const cpu = validate(source).find((d) => d.pointer === "/cpu")!;
    expect(cpu.range).toMatchObject({ line: 4, column: 10, endLine: 4, endColumn: 11 });
  });

  it.each([
    ["an empty string", ""],
    ["binary noise", String.fromCharCode(...Array.from({ length: 2000 }, (_, i) => (i * 7919) % 256))],
    ["a lone surrogate", '{"family": "\ud800"}'],
    ["a number", "42"],
    ["a list", "[1, 2, 3]"],
    ["a string", '"family"'],
    ["null", "null"],
    ["deep objects", '{"a":'.repeat(5000) + "1" + "}".repeat(5000)],
    ["deep but legal nesting", '{"family":"x","containerDefinitions":[' + "[".repeat(90) + "]".repeat(90) + "]}"],
    ["many syntax errors", "{,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,}".repeat(100)],
    ["a huge list", "[" + "0,".repeat(200_000) + "0]"],
  ])("never throws on %s", (_, input) => {
    expect(() => validate(input)).not.toThrow();
    expect(Array.isArray(validate(input, { lang: "ja" }))).toBe(true);
  });

  it("never throws on a value that is not a string", () => {
    expect(() => validate(undefined as unknown as string)).not.toThrow();
    expect(() => validate(12 as unknown as string)).not.toThrow();
  });

  it("reports a document that is not an object as a type error of the whole input", () => {
    const [diagnostic] = validate("[1, 2]");
    expect(diagnostic.ruleId).toBe("CLI-TYPE");
    expect(diagnostic.pointer).toBe("");
    expect(diagnostic.awsMessage).toBe("Invalid type for parameter input, value: [1, 2], type: <class 'list'>, valid types: <class 'dict'>");
  });
});

describe("validateValue", () => {
  it("finds the same problems in a parsed object, with exact pointers and origin ranges", () => {
    const value = ec2TaskDefinition({ ipcMode: null, containerDefinitions: [{ name: "web", image: "nginx", memory: "512", Essential: true }] });
    const fromText = validate(text(value));
    const fromValue = validateValue(value);
    expect(fromValue.map((d) => [d.ruleId, d.pointer])).toEqual(
      expect.arrayContaining(fromText.map((d) => [d.ruleId, d.pointer])),
    );
    expect(fromValue).toHaveLength(fromText.length);
    for (const diagnostic of fromValue) {
      expect(diagnostic.range).toEqual({ start: 0, end: 0, line: 1, column: 1, endLine: 1, endColumn: 1 });
      expect(diagnostic.fixes).toBeUndefined();
    }
  });

  it("escapes pointers (RFC 6901)", () => {
    const [diagnostic] = validateValue(ec2TaskDefinition({ "a/b~c": 1 })).filter((d) => d.ruleId === "CLI-UNKNOWN-KEY");
    expect(diagnostic.pointer).toBe("/a~1b~0c");
  });

  it("survives cycles, functions and undefined", () => {
    const cyclic: Record<string, unknown> = ec2TaskDefinition();
    cyclic.self = cyclic;
    cyclic.fn = () => 1;
    cyclic.nothing = undefined;
    expect(() => validateValue(cyclic)).not.toThrow();
    expect(validateValue(cyclic).filter((d) => d.level !== "warning").map((d) => d.pointer)).toEqual(["/self"]);
  });

  it("passes a valid document", () => {
    expect(validateValue(fargateTaskDefinition()).filter((d) => d.level !== "warning")).toEqual([]);
  });
});

describe("awsRejection", () => {
  it("accepts a valid request", () => {
    expect(awsRejection(fargateTaskDefinition())).toBeNull();
    expect(awsRejection(ec2TaskDefinition())).toBeNull();
  });

  it("answers with AWS's exact ClientException messages", () => {
    expect(awsRejection(fargateTaskDefinition({ memory: "4096" }))).toEqual({
      type: "ClientException",
      message: "No Fargate configuration exists for given values: 256 CPU, 4096 memory. See the Amazon ECS documentation for the valid values.",
    });
    expect(awsRejection(ec2TaskDefinition({ containerDefinitions: [{ name: "web", image: "nginx" }] }))).toEqual({
      type: "ClientException",
      message: "Invalid setting for container 'web'. At least one of 'memory' or 'memoryReservation' must be specified.",
    });
    expect(
      awsRejection(ec2TaskDefinition({ containerDefinitions: [{ name: "web", image: "nginx", memory: 128 }, { name: "web", image: "nginx", memory: 128 }] })),
    ).toEqual({ type: "ClientException", message: "Container names must be unique within a Task Definition." });
  });

  it("follows AWS's precedence: missing cpu/memory, then an invalid cpu, then the combination", () => {
    const missingBoth = fargateTaskDefinition({ containerDefinitions: [{ name: "web", image: "nginx", memory: 256 }] });
    delete missingBoth.cpu;
    delete missingBoth.memory;
    expect(awsRejection(missingBoth)?.message).toBe("Fargate requires that 'cpu' be defined at the task level.");
    const missingMemory = { ...missingBoth, cpu: "300" };
    expect(awsRejection(missingMemory)?.message).toBe("Fargate requires that 'memory' be defined at the task level.");
    expect(awsRejection(fargateTaskDefinition({ cpu: "300", memory: "4096" }))?.message).toBe("Invalid 'cpu' setting for task.");
    expect(awsRejection(fargateTaskDefinition({ cpu: "256", memory: "4096", networkMode: "bridge" }))?.message).toMatch(/^No Fargate configuration/);
  });

  it("checks memory per container before Fargate's task size (as observed in aws/aws-cli#4453)", () => {
    const document = fargateTaskDefinition();
    delete document.memory;
    expect(awsRejection(document)?.message).toBe(
      "Invalid setting for container 'web'. At least one of 'memory' or 'memoryReservation' must be specified.",
    );
  });

  it("answers wrong JSON types with a SerializationException naming the member and the type", () => {
    expect(awsRejection(fargateTaskDefinition({ cpu: 256 }))).toEqual({
      type: "SerializationException",
      message: "Cannot deserialize member 'cpu': expected a string, got an integer.",
    });
    expect(awsRejection(ec2TaskDefinition({ containerDefinitions: [{ name: "web", image: "nginx", memory: 128, essential: "true" }] }))).toEqual({
      type: "SerializationException",
      message: "Cannot deserialize member 'containerDefinitions[0].essential': expected a boolean, got a string.",
    });
  });

  it("ignores unknown members and nulls, as the service does", () => {
    expect(awsRejection(ec2TaskDefinition({ Family: "x", taskDefinitionArn: "arn", ipcMode: null }))).toBeNull();
  });

  it("rejects a missing required member and a body that is not an object", () => {
    const document = ec2TaskDefinition();
    delete document.family;
    expect(awsRejection(document)).toEqual({
      type: "ClientException",
      message: "1 validation error detected: Value null at 'family' failed to satisfy constraint: Member must not be null",
    });
    expect(awsRejection([1, 2])?.type).toBe("SerializationException");
    expect(awsRejection(null)?.type).toBe("SerializationException");
  });

  it("falls back to our wording where AWS's text is unknown", () => {
    expect(awsRejection(ec2TaskDefinition({ memory: "lots" }))).toEqual({
      type: "ClientException",
      message: '"lots" is not a memory value. Write MiB as a string ("2048") or gigabytes ("2 GB").',
    });
  });
});

describe("RULES", () => {
  it("describes every rule once, in both languages, with a docs link", () => {
    const ids = RULES.map((rule) => rule.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const rule of RULES) {
      expect(rule.summary.en.length, rule.id).toBeGreaterThan(10);
      expect(rule.summary.ja, rule.id).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
      expect(rule.source.length, rule.id).toBeGreaterThan(3);
      // The "Explanation" link opens the rule's row on the rules page (its anchor), never a lesson page as a whole.
      expect(rule.docs, rule.id).toBe(`/reference/rules#${rule.id}`);
      if (rule.lesson !== undefined) expect(rule.lesson, rule.id).toMatch(/^L\d+$/);
    }
  });

  it("names lesson L302 as where the task-size and Fargate rules are explained", () => {
    const lesson = RULES.filter((rule) => rule.lesson === "L302").map((rule) => rule.id);
    expect(lesson).toEqual(
      expect.arrayContaining(["FG-CPU-MEM-COMBO", "FG-CPU-MEM-REQUIRED", "TD-CPU-FORMAT", "TD-SUM-CPU", "TD-SUM-MEMRES", "TD-CONTAINER-MEM-GT-TASK"]),
    );
  });

  it("covers the rules of this release", () => {
    expect(RULES.map((rule) => rule.id)).toEqual(
      expect.arrayContaining([
        "JSON-SYNTAX", "CLI-UNKNOWN-KEY", "CLI-PASCALCASE", "CLI-REQUIRED", "CLI-TYPE-TASK-CPU-MEM", "CLI-TYPE", "CLI-NULL",
        "FG-NETWORKMODE", "FG-CPU-MEM-REQUIRED", "TD-CPU-FORMAT", "FG-CPU-MEM-COMBO", "TD-CONTAINER-MEM-GT-TASK",
        "CD-MEMRES-LE-MEMORY", "TD-SUM-MEMRES", "TD-SUM-CPU", "TD-ESSENTIAL", "TD-NAME-UNIQUE", "TD-MEM-REQUIRED",
        "CD-NAME-REQUIRED", "CD-IMAGE-REQUIRED", "TD-FAMILY-FORMAT", "TD-CONTAINERS-NONEMPTY",
      ]),
    );
  });

  it("marks service rules with their AWS error type", () => {
    for (const rule of RULES.filter((r) => r.stage === "service")) expect(rule.awsErrorType, rule.id).toBe("ClientException");
  });
});

describe("messages", () => {
  it("start with AWS's words, untranslated, in every language", () => {
    const source = text(fargateTaskDefinition({ memory: "4096", containerDefinitions: [{ name: "web", image: "nginx", essential: false }] }));
    for (const lang of ["en", "ja"] as const) {
      for (const diagnostic of validate(source, { lang }).filter((d) => d.level === "error")) {
        expect(diagnostic.awsMessage, diagnostic.ruleId).toBeDefined();
        expect(diagnostic.message.startsWith(`${diagnostic.awsMessage} — `), diagnostic.ruleId).toBe(true);
      }
    }
    const ja = validate(source, { lang: "ja" }).filter((d) => d.level === "error");
    expect(ja.map((d) => d.ruleId)).toEqual(["FG-CPU-MEM-COMBO", "TD-ESSENTIAL"]);
    for (const diagnostic of ja) expect(diagnostic.message.slice(diagnostic.awsMessage!.length)).toMatch(/[\u3040-\u30ff]/);
  });

  it("use AWS's Japanese terms", () => {
    const [combo] = validate(text(fargateTaskDefinition({ memory: "4096" })), { lang: "ja" }).filter((d) => d.ruleId === "FG-CPU-MEM-COMBO");
    expect(combo.message).toMatch(/CPU ユニット/);
    const [network] = validate(text(fargateTaskDefinition({ networkMode: "host" })), { lang: "ja" }).filter((d) => d.ruleId === "FG-NETWORKMODE");
    expect(network.message).toMatch(/ネットワークモード/);
  });
});
