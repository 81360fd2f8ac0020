/**
 * Which services the scheduler's next step must look at (simulation.ts). A pass over a service that nothing touched
 * since its last pass does nothing — the scheduler is idempotent, and whatever it waits for in time (a grace period, a
 * bake, start throttling, the steady-state repeat) comes back as a timer that touches it — so a step looks only at the
 * services touched since the step before: by a timer of theirs or of one of their tasks, or by an operation that says
 * what it touches (Operation.touchesOwn). Everything else (a task's resources freed, a container instance, a target's
 * health, an alarm, any other operation) touches every service, as each step used to.
 *
 * Kept per draft state, hence per transition, outside the stored state: what was touched is only news until the
 * transition's last step.
 */
import type { SandboxState } from "./state";

const touched = new WeakMap<SandboxState, Set<string> | "all">();

export function touchService(state: SandboxState, serviceKey: string): void {
  const keys = touched.get(state);
  if (keys === undefined) touched.set(state, new Set([serviceKey]));
  else if (keys !== "all") keys.add(serviceKey);
}

export function touchAllServices(state: SandboxState): void {
  touched.set(state, "all");
}

/** The services touched since the last call (undefined: all of them), forgotten as they are handed over. */
export function takeTouched(state: SandboxState): ReadonlySet<string> | undefined {
  const keys = touched.get(state);
  touched.delete(state);
  return keys === "all" ? undefined : (keys ?? new Set());
}
