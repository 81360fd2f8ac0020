/** The default backend: the engine in this process, over each learner's stored state. */
import {
  accountFrom,
  AccountStateNeeded,
  handleOperation,
  isEmulatedOperation,
  isReadOnlyOperation,
  newSandboxState,
  type Account,
  type SandboxState,
} from "../engine";
import { DEFAULT_SANDBOX_SPEED, simulatedNow } from "../gateway/clock";
import type { SandboxStore } from "../store";
import type { SandboxBackend, SandboxCaller } from "./backend";

export interface EmbeddedDeps {
  store: SandboxStore;
  /** Told how long each engine step held the event loop, per sandbox (gateway SandboxThrottle). */
  throttle?: { charge(accountId: string, milliseconds: number): void };
  /** Wall clock in epoch ms. Default Date.now. */
  now?: () => number;
  /** Simulated seconds per wall second. Default DEFAULT_SANDBOX_SPEED. */
  speed?: number;
}

export function embeddedBackend(deps: EmbeddedDeps): SandboxBackend {
  return {
    runsEngine: true,
    answers: isEmulatedOperation,
    run: (operation, input, caller) =>
      onSandbox(caller, deps, (current, simNow, _unstored, account) => {
        const { state, output } = handleOperation(current, operation, input, simNow, account);
        // Lifecycle progress is a function of (stored state, time): a read recomputes it instead of saving it.
        return { state: isReadOnlyOperation(operation) ? null : state, result: output };
      }),
  };
}

/**
 * Runs `step` on the caller's sandbox at the simulated time of this request; a new sandbox's clock starts at the
 * wall clock. `step` answers null for its state when nothing needs saving. `account` gives the step the learner's
 * other states (IAM's, other Regions'): one it asks for that is not loaded yet is loaded, and the step runs again
 * (engine/account.ts says why that is safe).
 */
export async function onSandbox<T>(
  caller: SandboxCaller,
  deps: EmbeddedDeps,
  /** `unstored`: the sandbox does not exist yet, and `current` is a new, empty one made for this call. */
  step: (current: SandboxState, simNow: number, unstored: boolean, account: Account) => { state: SandboxState | null; result: T },
): Promise<T> {
  const wallNow = (deps.now ?? Date.now)();
  const loaded = new Map<string, SandboxState | null>();
  const account = accountFrom(loaded);
  for (;;) {
    try {
      return await deps.store.update(caller.accountId, caller.region, (stored) => {
        const current = stored ?? newSandboxState(caller.accountId, caller.region, wallNow);
        const started = performance.now();
        const { state, result } = step(current, simulatedNow(current.clock, wallNow, deps.speed ?? DEFAULT_SANDBOX_SPEED), stored === null, account);
        deps.throttle?.charge(caller.accountId, performance.now() - started);
        // A read saves nothing: a sandbox nobody has changed is not stored at all.
        if (state === null) return { state: stored, result };
        return { state: { ...state, clock: { ...state.clock, wallMs: wallNow } }, result };
      });
    } catch (error) {
      if (!(error instanceof AccountStateNeeded) || loaded.has(error.region)) throw error;
      loaded.set(error.region, await storedState(deps.store, caller.accountId, error.region));
    }
  }
}

/** A state as stored (null when there is none), read without writing anything. */
function storedState(store: SandboxStore, accountId: string, region: string): Promise<SandboxState | null> {
  return store.update(accountId, region, (stored) => ({ state: stored, result: stored }));
}
