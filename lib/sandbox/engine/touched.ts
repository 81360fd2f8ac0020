/**
 * Which services the scheduler's next step must look at (simulation.ts). A pass over a service that nothing touched
 * since its last pass does nothing — the scheduler is idempotent, and whatever it waits for in time (a grace period, a
 * bake, start throttling, the steady-state repeat) comes back as a timer that touches it — so a step looks only at the
 * services touched since the step before: by a timer of theirs, by a change of one of their tasks that the scheduler
 * acts on, or by an operation that says what it touches (Operation.touchesOwn). Everything else (a task's resources
 * freed, a container instance, a target's health, an alarm, any other operation) touches every service, as each step
 * used to.
 *
 * Kept per draft state, hence per transition; what a transition's last step touched (a service stopping tasks in its
 * own pass) is news for the next step, whichever call takes it, so `keepTouched` stores it (state.touchedServices).
 */
import type { SandboxState } from "./state";

const touched = new WeakMap<SandboxState, Set<string> | "all">();

function marksOf(state: SandboxState): Set<string> | "all" {
  let marks = touched.get(state);
  if (marks === undefined) touched.set(state, (marks = new Set(state.touchedServices)));
  return marks;
}

export function touchService(state: SandboxState, serviceKey: string): void {
  const marks = marksOf(state);
  if (marks !== "all") marks.add(serviceKey);
}

export function touchAllServices(state: SandboxState): void {
  touched.set(state, "all");
}

/** The services touched since the last call (undefined: all of them), forgotten as they are handed over. */
export function takeTouched(state: SandboxState): ReadonlySet<string> | undefined {
  const marks = marksOf(state);
  touched.set(state, new Set());
  return marks === "all" ? undefined : marks;
}

/** Stores what was touched since the last step for the next one; the last thing a transition does, with sweepTimers. */
export function keepTouched(state: SandboxState): void {
  const marks = touched.get(state);
  touched.delete(state);
  if (marks === undefined) return;
  const keys = marks === "all" ? Object.keys(state.services) : [...marks];
  if (keys.length > 0) state.touchedServices = keys;
  else if (state.touchedServices !== undefined) delete state.touchedServices;
}
