/**
 * Fargate task sizes and the string forms of task-level cpu and memory.
 * Facts: reference/fargate-sizes.json (AWS API reference, RegisterTaskDefinition memory, and the
 * "Invalid 'cpu' setting" troubleshooting page).
 */

export interface FargateSize {
  /** CPU units (1024 = 1 vCPU). */
  cpu: number;
  /** Allowed task memory in MiB, ascending. */
  memory: readonly number[];
}

function steps(min: number, max: number, step: number): number[] {
  const values: number[] = [];
  for (let value = min; value <= max; value += step) values.push(value);
  return values;
}

export const FARGATE_SIZES: readonly FargateSize[] = [
  { cpu: 256, memory: [512, 1024, 2048] },
  { cpu: 512, memory: steps(1024, 4096, 1024) },
  { cpu: 1024, memory: steps(2048, 8192, 1024) },
  { cpu: 2048, memory: steps(4096, 16384, 1024) },
  { cpu: 4096, memory: steps(8192, 30720, 1024) },
  { cpu: 8192, memory: steps(16384, 61440, 4096) },
  { cpu: 16384, memory: steps(32768, 122880, 8192) },
];

export const FARGATE_CPU_VALUES: readonly number[] = FARGATE_SIZES.map((size) => size.cpu);

/** Task-level cpu range for EC2 and EXTERNAL task definitions (current API reference). */
export const EC2_TASK_CPU = { min: 128, max: 196608 } as const;

export function fargateMemoryFor(cpu: number): readonly number[] | undefined {
  return FARGATE_SIZES.find((size) => size.cpu === cpu)?.memory;
}

export function isFargateSize(cpu: number, memory: number): boolean {
  return fargateMemoryFor(cpu)?.includes(memory) ?? false;
}

/** The smallest Fargate cpu whose row allows this memory, if any. */
export function smallestCpuFor(memory: number): number | undefined {
  return FARGATE_SIZES.find((size) => size.memory.includes(memory))?.cpu;
}

/** The value nearest to target; on a tie, the larger one (rounding a size up is the safe choice). */
export function nearest(values: readonly number[], target: number): number {
  let best = values[0];
  for (const value of values) {
    const distance = Math.abs(value - target);
    const bestDistance = Math.abs(best - target);
    if (distance < bestDistance || (distance === bestDistance && value > best)) best = value;
  }
  return best;
}

const INTEGER = /^\d+$/;
const DECIMAL = "(\\d+(?:\\.\\d+)?|\\.\\d+)";
const VCPU = new RegExp(`^${DECIMAL}\\s*vcpu$`, "i");
const GB = new RegExp(`^${DECIMAL}\\s*gb$`, "i");

/**
 * CPU units from `"1024"` or `"1 vCPU"` / `".25 vcpu"` / `"0.25 vCPU"` (ECS converts the vCPU form at
 * registration). Undefined when the text is neither form or does not come to whole units.
 */
export function parseTaskCpu(text: string): number | undefined {
  if (INTEGER.test(text)) return Number(text);
  const match = VCPU.exec(text);
  return match ? wholeOf(Number(match[1]) * 1024) : undefined;
}

/** MiB from `"2048"` or `"2 GB"` / `"2GB"` / `"0.5 gb"`. */
export function parseTaskMemory(text: string): number | undefined {
  if (INTEGER.test(text)) return Number(text);
  const match = GB.exec(text);
  return match ? wholeOf(Number(match[1]) * 1024) : undefined;
}

function wholeOf(value: number): number | undefined {
  return Number.isInteger(value) ? value : undefined;
}
