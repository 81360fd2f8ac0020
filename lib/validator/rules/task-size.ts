/**
 * Task size (lesson L302): task-level cpu and memory, the Fargate size table, and how the containers'
 * cpu and memory must fit inside the task.
 */
import { valueSpan, type Field, type RuleContext } from "../engine/context";
import { addMemberFix, replaceValueFix } from "../engine/fixes";
import type { RuleDefinition } from "../engine/rule";
import {
  EC2_TASK_CPU,
  FARGATE_CPU_VALUES,
  fargateMemoryFor,
  nearest,
  parseTaskCpu,
  parseTaskMemory,
  smallestCpuFor,
} from "../fargate/sizes";

const L302 = { lesson: "L302" } as const;

interface TaskSize {
  cpu: Field<string>;
  memory: Field<string>;
  /** CPU units when cpu is readable and allowed for the task's compatibilities. */
  cpuUnits?: number;
  /** MiB when memory is readable. */
  memoryMiB?: number;
}

function readTaskSize(ctx: RuleContext): TaskSize | undefined {
  const view = ctx.taskDefinition;
  if (!view.object) return undefined;
  const cpu = sizeField(ctx, view.object, "cpu");
  const memory = sizeField(ctx, view.object, "memory");
  const units = cpu.state === "ok" ? parseTaskCpu(cpu.value) : undefined;
  return {
    cpu,
    memory,
    cpuUnits: units !== undefined && cpuAllowed(units, view.fargate) ? units : undefined,
    memoryMiB: memory.state === "ok" ? parseTaskMemory(memory.value) : undefined,
  };
}

/**
 * A task-level size member. In the editor a whole number written without quotes (`"cpu": 256`) is read as its
 * string: CLI-TYPE-TASK-CPU-MEM already reports the missing quotes, and the size rules can still say whether the
 * size itself exists, so the learner sees every problem in one pass.
 */
function sizeField(ctx: RuleContext, object: NonNullable<TaskSizeObject>, name: "cpu" | "memory"): Field<string> {
  const field = ctx.field(object, name, "string");
  if (field.state !== "unusable" || ctx.mode !== "editor") return field;
  const number = ctx.field(object, name, "integer");
  return number.state === "ok" ? { ...number, value: String(number.value) } : field;
}
type TaskSizeObject = RuleContext["taskDefinition"]["object"];

function cpuAllowed(units: number, fargate: boolean): boolean {
  return fargate ? FARGATE_CPU_VALUES.includes(units) : units >= EC2_TASK_CPU.min && units <= EC2_TASK_CPU.max;
}

export const memoryRequired: RuleDefinition<"TD-MEM-REQUIRED"> = {
  id: "TD-MEM-REQUIRED",
  level: "error",
  stage: "service",
  section: "B",
  source: "[AWS-obs] sil-org/ecs-deploy#59, aws/aws-cli#4453; moto; CDK",
  docs: L302,
  awsErrorType: "ClientException",
  check(ctx) {
    const size = readTaskSize(ctx);
    if (!size || size.memory.state !== "absent") return;
    for (const container of ctx.taskDefinition.containers) {
      const memory = ctx.field(container.node, "memory", "integer");
      const reservation = ctx.field(container.node, "memoryReservation", "integer");
      if (memory.state === "unusable" || reservation.state === "unusable") continue;
      const given = (memory.state === "ok" && memory.value !== 0) || (reservation.state === "ok" && reservation.value !== 0);
      if (!given) ctx.report("TD-MEM-REQUIRED", { container: container.label }, container.span, ["containerDefinitions", container.index]);
    }
  },
};

export const fargateSizeRequired: RuleDefinition<"FG-CPU-MEM-REQUIRED"> = {
  id: "FG-CPU-MEM-REQUIRED",
  level: "error",
  stage: "service",
  section: "J",
  source: "[AWS-obs] mongodb/terraform-aws-ecs-task-definition#38, cdk-preflight pf-ecs-fargate-task-cpu-memory; cfn-lint E3048",
  docs: L302,
  awsErrorType: "ClientException",
  check(ctx) {
    const size = readTaskSize(ctx);
    if (!size || !ctx.taskDefinition.fargate) return;
    const span = ctx.taskDefinition.fargateSpan;
    if (size.cpu.state === "absent") {
      const suggestion = String((size.memoryMiB !== undefined && smallestCpuFor(size.memoryMiB)) || FARGATE_CPU_VALUES[0]);
      const fix = addMemberFix(ctx.text, ["cpu"], suggestion);
      ctx.report("FG-CPU-MEM-REQUIRED", { member: "cpu", suggestion }, span, ["cpu"], fix && [fix]);
    }
    if (size.memory.state === "absent") {
      const row = size.cpuUnits !== undefined ? fargateMemoryFor(size.cpuUnits) : undefined;
      const suggestion = String((row ?? fargateMemoryFor(FARGATE_CPU_VALUES[0])!)[0]);
      const fix = addMemberFix(ctx.text, ["memory"], suggestion);
      ctx.report("FG-CPU-MEM-REQUIRED", { member: "memory", suggestion }, span, ["memory"], fix && [fix]);
    }
  },
};

export const cpuFormat: RuleDefinition<"TD-CPU-FORMAT"> = {
  id: "TD-CPU-FORMAT",
  level: "error",
  stage: "service",
  section: "B",
  source: "[AWS-doc] task-cpu-memory-error page; cfn-lint E3048 (Fargate value set)",
  docs: L302,
  awsErrorType: "ClientException",
  check(ctx) {
    const size = readTaskSize(ctx);
    if (!size || size.cpu.state !== "ok" || size.cpuUnits !== undefined) return;
    const fargate = ctx.taskDefinition.fargate;
    const units = parseTaskCpu(size.cpu.value);
    const fix = fargate && units !== undefined ? [replaceValueFix(size.cpu.node, String(nearest(FARGATE_CPU_VALUES, units)))] : undefined;
    ctx.report(
      "TD-CPU-FORMAT",
      { value: size.cpu.value, fargate, units, validCpu: FARGATE_CPU_VALUES, minUnits: EC2_TASK_CPU.min, maxUnits: EC2_TASK_CPU.max },
      valueSpan(size.cpu.node),
      ["cpu"],
      fix,
    );
  },
};

export const memoryFormat: RuleDefinition<"TD-MEMORY-FORMAT"> = {
  id: "TD-MEMORY-FORMAT",
  level: "error",
  stage: "service",
  section: "B",
  source: "[AWS-doc] RegisterTaskDefinition.memory",
  docs: L302,
  awsErrorType: "ClientException",
  check(ctx) {
    const size = readTaskSize(ctx);
    if (!size || size.memory.state !== "ok" || size.memoryMiB !== undefined) return;
    ctx.report("TD-MEMORY-FORMAT", { value: size.memory.value }, valueSpan(size.memory.node), ["memory"]);
  },
};

export const fargateCombination: RuleDefinition<"FG-CPU-MEM-COMBO"> = {
  id: "FG-CPU-MEM-COMBO",
  level: "error",
  stage: "service",
  section: "J",
  source: "[AWS-obs] aws-games/cloud-game-development-toolkit#737 and others; cfn-lint E3047",
  docs: L302,
  awsErrorType: "ClientException",
  check(ctx) {
    const size = readTaskSize(ctx);
    if (!size || !ctx.taskDefinition.fargate || size.cpuUnits === undefined || size.memoryMiB === undefined) return;
    if (size.memory.state !== "ok") return;
    const row = fargateMemoryFor(size.cpuUnits)!;
    if (row.includes(size.memoryMiB)) return;
    const nearestMemory = nearest(row, size.memoryMiB);
    const largerCpu = smallestCpuFor(size.memoryMiB);
    const cpuForMemory = largerCpu !== undefined && largerCpu > size.cpuUnits ? largerCpu : undefined;
    const fixes = [replaceValueFix(size.memory.node, String(nearestMemory))];
    if (cpuForMemory !== undefined && size.cpu.state === "ok") fixes.push(replaceValueFix(size.cpu.node, String(cpuForMemory)));
    ctx.report(
      "FG-CPU-MEM-COMBO",
      { cpu: size.cpuUnits, memory: size.memoryMiB, validMemory: row, nearestMemory, cpuForMemory },
      valueSpan(size.memory.node),
      ["memory"],
      fixes,
    );
  },
};

/** Sum of one integer member over the containers that set it. */
function containerSum(ctx: RuleContext, member: string): number {
  let sum = 0;
  for (const container of ctx.taskDefinition.containers) {
    const field = ctx.field(container.node, member, "integer");
    if (field.state === "ok") sum += field.value;
  }
  return sum;
}

export const cpuSum: RuleDefinition<"TD-SUM-CPU"> = {
  id: "TD-SUM-CPU",
  level: "error",
  stage: "service",
  section: "B",
  source: "[AWS-obs] aws/aws-cdk#24629, cdk-preflight pf-ecs-fargate-container-cpu-over-task; CDK",
  docs: L302,
  awsErrorType: "ClientException",
  check(ctx) {
    const size = readTaskSize(ctx);
    if (!size || size.cpuUnits === undefined || size.cpu.state !== "ok") return;
    const sum = containerSum(ctx, "cpu");
    if (sum > size.cpuUnits) ctx.report("TD-SUM-CPU", { sum, taskCpu: size.cpuUnits }, valueSpan(size.cpu.node), ["cpu"]);
  },
};

export const memoryReservationSum: RuleDefinition<"TD-SUM-MEMRES"> = {
  id: "TD-SUM-MEMRES",
  level: "error",
  stage: "service",
  section: "B",
  source: "[AWS-obs] cloudnativedaysjp/dreamkast-infra#4766",
  docs: L302,
  awsErrorType: "ClientException",
  check(ctx) {
    const size = readTaskSize(ctx);
    if (!size || size.memoryMiB === undefined || size.memory.state !== "ok") return;
    const sum = containerSum(ctx, "memoryReservation");
    if (sum > size.memoryMiB) ctx.report("TD-SUM-MEMRES", { sum, taskMemory: size.memoryMiB }, valueSpan(size.memory.node), ["memory"]);
  },
};

export const containerMemoryWithinTask: RuleDefinition<"TD-CONTAINER-MEM-GT-TASK"> = {
  id: "TD-CONTAINER-MEM-GT-TASK",
  level: "error",
  stage: "service",
  section: "B",
  source: "[AWS-obs] pulumi/pulumi-awsx#1220, artilleryio/artillery#591; cdk-preflight pf-ecs-container-memory-over-task",
  docs: L302,
  awsErrorType: "ClientException",
  check(ctx) {
    const size = readTaskSize(ctx);
    if (!size || size.memoryMiB === undefined) return;
    for (const container of ctx.taskDefinition.containers) {
      const memory = ctx.field(container.node, "memory", "integer");
      if (memory.state !== "ok" || memory.value <= size.memoryMiB) continue;
      ctx.report(
        "TD-CONTAINER-MEM-GT-TASK",
        { container: container.label, containerMemory: memory.value, taskMemory: size.memoryMiB },
        valueSpan(memory.node),
        ["containerDefinitions", container.index, "memory"],
        [replaceValueFix(memory.node, size.memoryMiB)],
      );
    }
  },
};
