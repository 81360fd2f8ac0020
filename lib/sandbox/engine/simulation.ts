/**
 * Time: applies every due timer in order and, after each instant's timers, lets the service scheduler react.
 * The scheduler runs only at timer instants and after write operations, so reading the state at any time never
 * changes where the simulation goes (reads are not saved).
 */
import { asInput } from "./input";
import type { Operation } from "./operation";
import { reconcileService } from "./scheduler";
import { applyTaskTimer, ownTimers } from "./lifecycle";
import type { SandboxState, ServiceRecord } from "./state";
import { detach, transition } from "./transition";

export function reconcileServices(state: SandboxState, atMs: number): void {
  for (const key of Object.keys(state.services)) {
    // INACTIVE services pile up and never change again. Their status is read from the property descriptor, which
    // holds the value as it is: reading it through the draft would make a draft of every one (transition.ts).
    const record = Object.getOwnPropertyDescriptor(state.services, key)!.value as ServiceRecord;
    if (record.service.status !== "INACTIVE") reconcileService(state, state.services[key], atMs);
  }
}

/** Applies every step due up to clockMs, in time order; never moves the clock backwards. */
export function runUntil(state: SandboxState, clockMs: number): void {
  while (state.timers.length > 0 && state.timers[0].atMs <= clockMs) {
    const at = state.timers[0].atMs;
    // Every timer of this instant (including ones scheduled for it meanwhile), then one scheduler pass.
    while (state.timers.length > 0 && state.timers[0].atMs === at) applyTaskTimer(state, ownTimers(state).shift()!);
    state.clock.simMs = Math.max(state.clock.simMs, at);
    reconcileServices(state, at);
  }
  state.clock.simMs = Math.max(state.clock.simMs, clockMs);
}

/** Moves every task and service up to clockMs (never backwards). Returns a new state. */
export function advanceTo(state: SandboxState, clockMs: number): SandboxState {
  return transition(state, (draft) => runUntil(draft, clockMs)).state;
}

/**
 * Runs one operation at simulated time clockMs, after moving every task up to that time; after a write the service
 * scheduler reacts at once. The answer shows the call's own effect; what the scheduler does next shows in later
 * calls, as with AWS.
 */
export function runOperation(
  state: SandboxState,
  { readOnly, run }: Operation,
  input: unknown,
  clockMs: number,
): { state: SandboxState; output: object } {
  return transition(state, (draft) => {
    runUntil(draft, clockMs);
    const output = detach(run(draft, asInput(input), draft.clock.simMs));
    if (!readOnly) reconcileServices(draft, draft.clock.simMs);
    return output;
  });
}
