/**
 * An Availability Zone was impaired or restored (engine/zone-impairment.ts): the health checks of every target there
 * answer differently from now on (probe.ts), so their plans are redone at the same pace.
 */
import type { SandboxState } from "../../engine/state";
import { peek } from "../../engine/transition";
import { replanTarget } from "./health";

/** The zone a target is in: its task's, else the one it was registered with. */
export function zoneOfTarget(state: SandboxState, target: { taskId?: string; availabilityZone?: string }): string | undefined {
  const task = target.taskId === undefined ? undefined : peek(state.tasks, target.taskId);
  return task?.availabilityZone ?? target.availabilityZone;
}

export function replanZoneTargets(state: SandboxState, zone: string, nowMs: number): void {
  for (const key of Object.keys(state.elbTargets)) {
    const target = peek(state.elbTargets, key)!;
    if (zoneOfTarget(state, target) === zone) replanTarget(state, key, nowMs, false);
  }
}
