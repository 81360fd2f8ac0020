/**
 * A learner's sandbox driven through one service's operations the way the gateway runs them (engine/simulation.ts
 * runOperation), at a clock the test moves: `call` answers the output (a read stores nothing), `fail` the AWS error a
 * refused call answers, asserting it changed nothing.
 */
import { expect } from "vitest";
import { NEW_ACCOUNT } from "@/lib/sandbox/engine";
import { EcsError } from "@/lib/sandbox/engine/errors";
import type { Operation } from "@/lib/sandbox/engine/operation";
import { runOperation } from "@/lib/sandbox/engine/simulation";
import { createSandboxState, type SandboxState } from "@/lib/sandbox/engine/state";
import { transition } from "@/lib/sandbox/engine/transition";

export function providerDriver(operation: (name: string) => Operation, startMs: number, account: string, region: string) {
  let state: SandboxState = createSandboxState(account, region);
  let now = startMs;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const call = (name: string, input: object = {}): any => {
    const { state: next, output } = runOperation(state, operation(name), input, now, NEW_ACCOUNT);
    if (!operation(name).readOnly) state = next;
    return output;
  };
  const fail = (name: string, input: object = {}) => {
    const before = state;
    try {
      call(name, input);
    } catch (error) {
      if (!(error instanceof EcsError)) throw error;
      expect(state).toBe(before);
      return { code: error.type, message: error.message };
    }
    throw new Error(`${name} did not fail`);
  };
  return {
    call,
    fail,
    tick: (ms: number) => (now += ms),
    get now() {
      return now;
    },
    get state() {
      return state;
    },
    /** Runs `step` on a draft without the gateway's request-size bound (for batches over 128 KiB of JSON). */
    direct<T>(step: (draft: SandboxState) => T): T {
      const { state: next, output } = transition(state, step);
      state = next;
      return output;
    },
  };
}
