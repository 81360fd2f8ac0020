import type { SandboxState } from "../engine/state";

/** Simulated seconds per wall-clock second when the caller does not say (env DOJO_SANDBOX_SPEED, read by the app). */
export const DEFAULT_SANDBOX_SPEED = 10;

/**
 * The simulated time a request arrives at: the simulation runs `speed` times faster than the wall clock since
 * the state was last touched. Wall clocks of different app instances may disagree a little; time never runs back.
 */
export function simulatedNow(clock: SandboxState["clock"], wallNowMs: number, speed: number): number {
  return clock.simMs + Math.max(0, wallNowMs - clock.wallMs) * speed;
}
