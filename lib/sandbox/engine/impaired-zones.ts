/**
 * Which Availability Zones are impaired (zone-impairment.ts, fault F12): read by placement, Fargate's subnet choice
 * and the load balancers' health checks. Kept apart so those modules need nothing else of the fault.
 */
import type { SandboxState } from "./state";

/** An impaired zone: since when, and the container instances the impairment disconnected (restored with it). */
export interface ZoneImpairment {
  sinceMs: number;
  disconnected: string[];
}

/** When the zone was impaired (simulated ms), or undefined while it works. */
export function impairedSince(state: Pick<SandboxState, "impairedZones">, zone: string | undefined): number | undefined {
  return zone === undefined ? undefined : state.impairedZones?.[zone]?.sinceMs;
}

export const isImpaired = (state: Pick<SandboxState, "impairedZones">, zone: string | undefined) => impairedSince(state, zone) !== undefined;
