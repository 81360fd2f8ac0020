import { parseTree, findNodeAtLocation } from "jsonc-parser";
import { FARGATE_SIZES, parseTaskCpu, parseTaskMemory } from "@/lib/validator/fargate/sizes";

export interface TaskSize {
  cpu: number;
  memory: number;
}

/** The smallest valid Fargate pair with at least this much cpu and memory (the table is ordered, so the first fit). */
export function smallestFargateSize(minCpu: number, minMemory: number): TaskSize {
  for (const row of FARGATE_SIZES) {
    if (row.cpu < minCpu) continue;
    const memory = row.memory.find((m) => m >= minMemory);
    if (memory !== undefined) return { cpu: row.cpu, memory };
  }
  throw new Error(`No Fargate size offers ${minCpu} CPU units and ${minMemory} MiB`);
}

/** The task-level size written in a task definition, when both values are strings ECS can read. */
export function taskSize(text: string): TaskSize | undefined {
  const root = parseTree(text);
  if (!root) return undefined;
  const cpu = findNodeAtLocation(root, ["cpu"])?.value;
  const memory = findNodeAtLocation(root, ["memory"])?.value;
  if (typeof cpu !== "string" || typeof memory !== "string") return undefined;
  const size = { cpu: parseTaskCpu(cpu.trim()), memory: parseTaskMemory(memory.trim()) };
  return size.cpu !== undefined && size.memory !== undefined ? (size as TaskSize) : undefined;
}
