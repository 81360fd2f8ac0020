import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { applyFix, covered, ec2TaskDefinition, fargateTaskDefinition, only, ruleIds, text, problems } from "./helpers";

const sizesFile = path.resolve(import.meta.dirname, "../../../../shared/reference/fargate-sizes.json");
const reference = JSON.parse(readFileSync(sizesFile, "utf8")) as { sizes: Array<{ cpu: number; memoryMiB: number[] }> };
const validPairs = reference.sizes.flatMap((size) => size.memoryMiB.map((memory) => [size.cpu, memory] as const));

function fargate(cpu: string, memory: string, containers?: unknown[]) {
  return fargateTaskDefinition({ cpu, memory, ...(containers ? { containerDefinitions: containers } : {}) });
}

describe("FG-CPU-MEM-COMBO", () => {
  it("accepts every Fargate size in fargate-sizes.json", () => {
    expect(validPairs).toHaveLength(74);
    for (const [cpu, memory] of validPairs) {
      expect(ruleIds(fargate(String(cpu), String(memory))), `${cpu}/${memory}`).toEqual([]);
    }
  });

  it("rejects every other memory between the rows' bounds", () => {
    const allowed = new Set(validPairs.map(([cpu, memory]) => `${cpu}/${memory}`));
    for (const cpu of [256, 512, 1024, 2048, 4096, 8192, 16384]) {
      for (let memory = 512; memory <= 122880; memory += 512) {
        if (allowed.has(`${cpu}/${memory}`)) continue;
        expect(ruleIds(fargate(String(cpu), String(memory))), `${cpu}/${memory}`).toEqual(["FG-CPU-MEM-COMBO"]);
      }
    }
  });

  it("uses AWS's message, names the nearest valid memory and the row the memory needs, and asks for the smallest pair that covers the need", () => {
    const source = text(fargate("256", "4096"));
    const [diagnostic] = only(source, "FG-CPU-MEM-COMBO");
    expect(diagnostic.awsMessage).toBe(
      "No Fargate configuration exists for given values: 256 CPU, 4096 memory. See the Amazon ECS documentation for the valid values.",
    );
    expect(diagnostic.awsErrorType).toBe("ClientException");
    expect(diagnostic.docs).toBe("/reference/rules#FG-CPU-MEM-COMBO");
    expect(covered(source, diagnostic)).toBe('"4096"');
    expect(diagnostic.message).toMatch(/512, 1024 or 2048 MiB; the nearest valid value is 2048\. 4096 MiB first appears in the 512 CPU row\./);
    // Not an instruction to keep 4096 MiB and raise cpu: 512/4096 is valid, but L302's right-size check rejects it
    // for a task that needs 369 units and 840 MiB (smallest valid pair 512/1024).
    expect(diagnostic.message).not.toMatch(/keep 4096 MiB/);
    expect(diagnostic.message).toMatch(/smallest valid pair that covers it/);
    const [ja] = only(source, "FG-CPU-MEM-COMBO", "ja");
    expect(ja.message).not.toMatch(/のままにして/);
    expect(ja.message).toMatch(/まかなえる最小の有効な組み合わせ/);
    expect(diagnostic.fixes!.map((fix) => fix.title)).toEqual(['Change to "2048"', 'Change to "512"']);
    for (const fix of diagnostic.fixes!) expect(problems(applyFix(source, fix))).toEqual([]);
  });

  it("explains long rows as a range in both languages", () => {
    const [en] = only(fargate("1024", "1536"), "FG-CPU-MEM-COMBO");
    expect(en.message).toMatch(/2048 to 8192 in steps of 1024 MiB/);
    const [ja] = only(fargate("1024", "1536"), "FG-CPU-MEM-COMBO", "ja");
    expect(ja.message.startsWith("No Fargate configuration exists for given values: 1024 CPU, 1536 memory.")).toBe(true);
    expect(ja.message).toMatch(/2048～8192 \(1024 刻み\) MiB/);
  });

  it.each([
    ["1 vCPU", "2 GB"],
    ["1 vcpu", "2GB"],
    ["0.25 vCPU", "0.5 GB"],
    [".5 VCPU", "4gb"],
    ["16 vCPU", "120 GB"],
  ])("accepts the vCPU/GB forms %s / %s", (cpu, memory) => {
    expect(ruleIds(fargate(cpu, memory))).toEqual([]);
  });

  it("converts the vCPU/GB forms before comparing", () => {
    const [diagnostic] = only(fargate("0.25 vCPU", "4 GB"), "FG-CPU-MEM-COMBO");
    expect(diagnostic.awsMessage).toMatch(/given values: 256 CPU, 4096 memory\./);
  });

  it("does not apply to EC2 task definitions", () => {
    expect(ruleIds(ec2TaskDefinition({ cpu: "256", memory: "4096" }))).toEqual([]);
  });

  it("applies when FARGATE is listed together with EC2", () => {
    expect(ruleIds(fargateTaskDefinition({ requiresCompatibilities: ["EC2", "FARGATE"], memory: "4096" }))).toEqual(["FG-CPU-MEM-COMBO"]);
  });
});

describe("TD-CPU-FORMAT", () => {
  it("rejects a cpu that is not a Fargate size and suggests the nearest", () => {
    const source = text(fargate("300", "512"));
    const [diagnostic] = only(source, "TD-CPU-FORMAT");
    expect(diagnostic.awsMessage).toBe("Invalid 'cpu' setting for task.");
    expect(diagnostic.message).toMatch(/256, 512, 1024, 2048, 4096, 8192, 16384/);
    expect(diagnostic.fixes![0].title).toBe('Change to "256"');
    expect(problems(applyFix(source, diagnostic.fixes![0]))).toEqual([]);
  });

  it("rejects text that is neither CPU units nor vCPUs", () => {
    const [diagnostic] = only(fargate("one", "512"), "TD-CPU-FORMAT");
    expect(diagnostic.message).toMatch(/"one" is not a CPU value/);
    expect(diagnostic.fixes).toBeUndefined();
  });

  it("checks the EC2 range 128–196608", () => {
    expect(ruleIds(ec2TaskDefinition({ cpu: "64" }))).toEqual(["TD-CPU-FORMAT"]);
    expect(ruleIds(ec2TaskDefinition({ cpu: "200000" }))).toEqual(["TD-CPU-FORMAT"]);
    expect(ruleIds(ec2TaskDefinition({ cpu: "300" }))).toEqual([]);
    expect(ruleIds(ec2TaskDefinition({ cpu: "2 vCPU" }))).toEqual([]);
  });

  it("is checked before the combination", () => {
    expect(ruleIds(fargate("300", "4096"))).toEqual(["TD-CPU-FORMAT"]);
  });
});

describe("TD-MEMORY-FORMAT", () => {
  it("rejects memory that is neither MiB nor GB", () => {
    const [diagnostic] = only(fargate("256", "512MB"), "TD-MEMORY-FORMAT");
    expect(diagnostic.message).toMatch(/"512MB" is not a memory value/);
    expect(diagnostic.pointer).toBe("/memory");
  });

  it("accepts MiB and GB", () => {
    expect(only(ec2TaskDefinition({ memory: "1.5 GB" }), "TD-MEMORY-FORMAT")).toEqual([]);
    expect(only(ec2TaskDefinition({ memory: "1536" }), "TD-MEMORY-FORMAT")).toEqual([]);
  });
});

describe("FG-CPU-MEM-REQUIRED", () => {
  it("reports a missing cpu and memory on the FARGATE entry, with AWS's messages", () => {
    const document = fargateTaskDefinition();
    delete document.cpu;
    delete document.memory;
    document.containerDefinitions = [{ name: "web", image: "nginx", memory: 256 }];
    const source = text(document);
    const found = only(source, "FG-CPU-MEM-REQUIRED");
    expect(found.map((d) => d.awsMessage)).toEqual([
      "Fargate requires that 'cpu' be defined at the task level.",
      "Fargate requires that 'memory' be defined at the task level.",
    ]);
    expect(found.map((d) => d.pointer)).toEqual(["/cpu", "/memory"]);
    expect(covered(source, found[0])).toBe('"FARGATE"');
    let fixed = source;
    for (const diagnostic of found) fixed = applyFix(fixed, only(fixed, "FG-CPU-MEM-REQUIRED").find((d) => d.pointer === diagnostic.pointer)!.fixes![0]);
    expect(problems(fixed)).toEqual([]);
    expect(JSON.parse(fixed)).toMatchObject({ cpu: "256", memory: "512" });
  });

  it("suggests a memory that fits the cpu already chosen", () => {
    const document = fargateTaskDefinition({ cpu: "1024" });
    delete document.memory;
    document.containerDefinitions = [{ name: "web", image: "nginx", memory: 256 }];
    expect(only(document, "FG-CPU-MEM-REQUIRED")[0].message).toMatch(/"memory": "2048"/);
  });

  it("passes when both are set", () => {
    expect(only(fargateTaskDefinition(), "FG-CPU-MEM-REQUIRED")).toEqual([]);
  });
});

describe("TD-MEM-REQUIRED", () => {
  it("requires memory or memoryReservation on every container when the task sets no memory", () => {
    const source = text(ec2TaskDefinition({ containerDefinitions: [{ name: "web", image: "nginx" }, { name: "log", image: "fluent-bit", memoryReservation: 64 }] }));
    const [diagnostic] = only(source, "TD-MEM-REQUIRED");
    expect(diagnostic.awsMessage).toBe("Invalid setting for container 'web'. At least one of 'memory' or 'memoryReservation' must be specified.");
    expect(diagnostic.pointer).toBe("/containerDefinitions/0");
    expect(covered(source, diagnostic)).toBe('"web"');
    expect(only(source, "TD-MEM-REQUIRED", "ja")[0].message).toMatch(/ソフト制限/);
  });

  it("treats 0 as not set", () => {
    expect(ruleIds(ec2TaskDefinition({ containerDefinitions: [{ name: "web", image: "nginx", memory: 0 }] }))).toEqual(["TD-MEM-REQUIRED"]);
  });

  it("is satisfied by task-level memory or by either container setting", () => {
    expect(ruleIds(ec2TaskDefinition({ memory: "512", containerDefinitions: [{ name: "web", image: "nginx" }] }))).toEqual([]);
    expect(ruleIds(ec2TaskDefinition({ containerDefinitions: [{ name: "web", image: "nginx", memoryReservation: 128 }] }))).toEqual([]);
  });

  it("leaves a wrongly typed memory to the type rule", () => {
    expect(ruleIds(ec2TaskDefinition({ containerDefinitions: [{ name: "web", image: "nginx", memory: "512" }] }))).toEqual(["CLI-TYPE-TASK-CPU-MEM"]);
  });
});

describe("TD-CONTAINER-MEM-GT-TASK", () => {
  it("rejects a container hard limit above the task memory and offers the task's value", () => {
    const source = text(fargate("256", "512", [{ name: "web", image: "nginx", memory: 1024 }]));
    const [diagnostic] = only(source, "TD-CONTAINER-MEM-GT-TASK");
    expect(diagnostic.awsMessage).toBe("The 'memory' setting for container 'web' is greater than for the task.");
    expect(covered(source, diagnostic)).toBe("1024");
    expect(problems(applyFix(source, diagnostic.fixes![0]))).toEqual([]);
  });

  it("accepts a hard limit equal to the task memory, also given in GB", () => {
    expect(ruleIds(fargate("256", "1 GB", [{ name: "web", image: "nginx", memory: 1024 }]))).toEqual([]);
  });
});

describe("CD-MEMRES-LE-MEMORY", () => {
  it("rejects a soft limit above the hard limit", () => {
    const [diagnostic] = only(ec2TaskDefinition({ containerDefinitions: [{ name: "web", image: "nginx", memory: 256, memoryReservation: 512 }] }), "CD-MEMRES-LE-MEMORY");
    expect(diagnostic.awsMessage).toBe("'memory' must be greater than or equal to 'memoryReservation'");
    expect(diagnostic.pointer).toBe("/containerDefinitions/0/memory");
  });

  it("accepts equal limits (AWS says >=, older docs said >)", () => {
    expect(ruleIds(ec2TaskDefinition({ containerDefinitions: [{ name: "web", image: "nginx", memory: 256, memoryReservation: 256 }] }))).toEqual([]);
  });
});

describe("TD-SUM-MEMRES", () => {
  const containers = [
    { name: "web", image: "nginx", memoryReservation: 384 },
    { name: "log", image: "fluent-bit", memoryReservation: 256 },
  ];

  it("rejects reservations that together exceed the task memory", () => {
    const source = text(fargate("256", "512", containers));
    const [diagnostic] = only(source, "TD-SUM-MEMRES");
    expect(diagnostic.awsMessage).toBe("The sum of all container 'memoryReservation' values cannot be greater than the value of the task 'memory'.");
    expect(diagnostic.message).toMatch(/640 MiB in total, but the task has 512 MiB/);
    expect(covered(source, diagnostic)).toBe('"512"');
  });

  it("accepts reservations that fit", () => {
    expect(ruleIds(fargate("256", "1024", containers))).toEqual([]);
  });
});

describe("TD-SUM-CPU", () => {
  const containers = [
    { name: "web", image: "nginx", cpu: 192 },
    { name: "log", image: "fluent-bit", cpu: 128 },
  ];

  it("rejects container cpu that together exceeds the task cpu", () => {
    const [diagnostic] = only(fargate("256", "512", containers), "TD-SUM-CPU");
    expect(diagnostic.awsMessage).toBe("The sum of all container 'cpu' values cannot be greater than the value of the task 'cpu'.");
    expect(diagnostic.pointer).toBe("/cpu");
  });

  it("accepts container cpu that fits, also against a vCPU task size", () => {
    expect(ruleIds(fargate("0.5 vCPU", "1024", containers))).toEqual([]);
  });
});
