import { runUntil } from "./lifecycle";
import type { SandboxState } from "./state";

/** Moves every task through its lifecycle up to clockMs (never backwards). Returns a new state. */
export function advanceTo(state: SandboxState, clockMs: number): SandboxState {
  const next = structuredClone(state);
  runUntil(next, clockMs);
  return next;
}
