/**
 * Time: applies every due timer in order and, after each instant's timers, lets the service scheduler react.
 * The scheduler runs only at timer instants and after write operations, so reading the state at any time never
 * changes where the simulation goes (reads are not saved).
 */
import { reconcileService } from "./scheduler";
import { applyTaskTimer, ownTimers } from "./lifecycle";
import type { SandboxState } from "./state";
import { transition } from "./transition";

export function reconcileServices(state: SandboxState, atMs: number): void {
  for (const record of Object.values(state.services)) reconcileService(state, record, atMs);
}

/** Applies every step due up to clockMs, in time order; never moves the clock backwards. */
export function runUntil(state: SandboxState, clockMs: number): void {
  if (state.timers.length > 0 && state.timers[0].atMs <= clockMs) ownTimers(state);
  while (state.timers.length > 0 && state.timers[0].atMs <= clockMs) {
    const at = state.timers[0].atMs;
    // Every timer of this instant (including ones scheduled for it meanwhile), then one scheduler pass.
    while (state.timers.length > 0 && state.timers[0].atMs === at) applyTaskTimer(state, state.timers.shift()!);
    state.clock.simMs = Math.max(state.clock.simMs, at);
    reconcileServices(state, at);
  }
  state.clock.simMs = Math.max(state.clock.simMs, clockMs);
}

/** Moves every task and service up to clockMs (never backwards). Returns a new state. */
export function advanceTo(state: SandboxState, clockMs: number): SandboxState {
  return transition(state, (draft) => runUntil(draft, clockMs)).state;
}
