import { useEffect, useSyncExternalStore } from "react";
import type { SandboxClock } from "@/lib/sandbox/gateway/clock";

/**
 * What the page's sandbox controls tell one another: the latest sandbox clock (every answer that carries one updates
 * it) and "the sandbox changed" (a run, a fast-forward, a stop, a reset), so the run panels and the console refresh
 * at once instead of at their next poll.
 */

/** The clock as last read, and the browser's time when it was read (the page runs it on from there). */
export interface ClockReading {
  clock: SandboxClock | null;
  readAt: number;
}

export interface SandboxChange {
  /** The clock the action answered, when it did. */
  clock?: SandboxClock | null;
  /** The sandbox was reset: whatever a panel shows is gone. */
  reset?: boolean;
}

let reading: ClockReading | undefined;
const clockListeners = new Set<() => void>();
const changeListeners = new Set<(change: SandboxChange) => void>();

export function setClock(clock: SandboxClock | null): void {
  reading = { clock, readAt: Date.now() };
  for (const listener of clockListeners) listener();
}

export function sandboxChanged(change: SandboxChange = {}): void {
  if (change.clock !== undefined) setClock(change.clock);
  for (const listener of changeListeners) listener(change);
}

function subscribeClock(listener: () => void) {
  clockListeners.add(listener);
  return () => void clockListeners.delete(listener);
}

export function useClockReading(): ClockReading | undefined {
  return useSyncExternalStore(
    subscribeClock,
    () => reading,
    () => undefined,
  );
}

/** Calls `listener` on every change announced after mount (keep it stable, e.g. with useCallback). */
export function useSandboxChanges(listener: (change: SandboxChange) => void): void {
  useEffect(() => {
    changeListeners.add(listener);
    return () => void changeListeners.delete(listener);
  }, [listener]);
}

/** The simulated time at browser time `nowMs`, from the last reading. */
export function simulatedAt(reading: ClockReading, nowMs: number): number | null {
  if (!reading.clock) return null;
  return reading.clock.simMs + Math.max(0, nowMs - reading.readAt) * (reading.clock.speed ?? 1);
}

/** The learner's "today" for dates next to simulated times: the browser's time of the last clock reading. */
export function useToday(): number | null {
  return useClockReading()?.readAt ?? null;
}
