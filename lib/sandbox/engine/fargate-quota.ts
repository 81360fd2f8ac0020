/**
 * The account's Fargate vCPU quota (quotas.ts, FARGATE_VCPU_QUOTA). What Fargate tasks that have not stopped hold
 * is kept as a running sum per pool, as an instance keeps its `used` resources, so a check costs the same with 5 or
 * 5,000 tasks: a task adds its CPU units when it is created and gives them back when it is STOPPED.
 */
import { FARGATE_REFUSALS, FARGATE_VCPU_QUOTA } from "./quotas";
import type { FargatePool, SandboxState, WireTask } from "./state";

export type FargateRefusal = keyof typeof FARGATE_REFUSALS;

export function poolOf(task: Pick<WireTask, "launchType" | "capacityProviderName">): FargatePool | undefined {
  if (task.launchType !== "FARGATE") return undefined;
  return task.capacityProviderName === "FARGATE_SPOT" ? "FARGATE_SPOT" : "FARGATE";
}

/** A task's CPU units as stored (task-level `cpu`, always set on Fargate); an unreadable override counts nothing. */
export function cpuUnitsOf(cpu: string | number | undefined): number {
  const units = Number(cpu);
  return Number.isFinite(units) && units > 0 ? units : 0;
}

function usage(state: SandboxState): Record<FargatePool, number> {
  if (!state.fargateCpuUnits) {
    const sum = { FARGATE: 0, FARGATE_SPOT: 0 };
    for (const task of Object.values(state.tasks)) {
      const pool = poolOf(task);
      if (pool && task.lastStatus !== "STOPPED") sum[pool] += cpuUnitsOf(task.cpu);
    }
    state.fargateCpuUnits = sum;
  }
  return state.fargateCpuUnits;
}

/** Why Fargate would not start a task of `cpuUnits` in the pool now, or undefined when it fits. */
export function fargateRefusal(state: SandboxState, pool: FargatePool, cpuUnits: number): FargateRefusal | undefined {
  if (cpuUnits > FARGATE_VCPU_QUOTA[pool]) return "taskTooLarge";
  return usage(state)[pool] + cpuUnits > FARGATE_VCPU_QUOTA[pool] ? "vcpus" : undefined;
}

/** Call before the task is stored (a first count would see it already). */
export function holdFargate(state: SandboxState, task: WireTask): void {
  const pool = poolOf(task);
  if (pool) usage(state)[pool] += cpuUnitsOf(task.cpu);
}

/** Call before the task is marked STOPPED (a first count would miss it). */
export function releaseFargate(state: SandboxState, task: WireTask): void {
  const pool = poolOf(task);
  if (pool) usage(state)[pool] -= cpuUnitsOf(task.cpu);
}

/** After tasks were removed wholesale: the sum is counted again when next needed. */
export function forgetFargateUsage(state: SandboxState): void {
  delete state.fargateCpuUnits;
}
