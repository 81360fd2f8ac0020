import type { SandboxState } from "../engine/state";

/**
 * Simulated seconds per wall-clock second when the caller does not say (env DOJO_SANDBOX_SPEED, read by the app).
 * 1: a sandbox's clock starts at the wall clock and keeps its pace, so every simulated timestamp is the wall-clock
 * time plus what the learner fast-forwarded (DojoSandbox.AdvanceClock) — never more. At 10, as before, a sandbox ran
 * ahead 9 seconds for every second it existed, used or not: a day ahead of the wall clock after 2 h 40 min, ten days
 * after a night away. A Fargate task still reaches RUNNING in the 25 simulated seconds it needs (lifecycle.ts), which
 * at this speed is also 25 real ones: about what real Fargate takes, and long enough to watch each state.
 */
export const DEFAULT_SANDBOX_SPEED = 1;

/**
 * The simulated time a request arrives at: the simulation runs `speed` times faster than the wall clock since
 * the state was last touched. Wall clocks of different app instances may disagree a little; time never runs back.
 */
export function simulatedNow(clock: SandboxState["clock"], wallNowMs: number, speed: number): number {
  return clock.simMs + Math.max(0, wallNowMs - clock.wallMs) * speed;
}

/** A sandbox's clock as the lesson page shows it, and everything needed to say why it reads what it reads. */
export interface SandboxClock {
  /** Simulated time now, epoch ms. */
  simMs: number;
  /** The server's wall clock at the same instant, epoch ms. */
  wallMs: number;
  /** Simulated seconds per wall second. */
  speed: number;
  /** How far the learner has moved the clock ahead with fast-forward (AdvanceClock) since the sandbox began. */
  fastForwardedMs: number;
}

/** The clock of a sandbox (null: one nobody has stored yet, whose clock would start at the wall clock now). */
export function clockOf(clock: SandboxState["clock"] | null, wallNowMs: number, speed: number): SandboxClock {
  if (!clock) return { simMs: wallNowMs, wallMs: wallNowMs, speed, fastForwardedMs: 0 };
  return { simMs: simulatedNow(clock, wallNowMs, speed), wallMs: wallNowMs, speed, fastForwardedMs: clock.fastForwardedMs ?? 0 };
}
