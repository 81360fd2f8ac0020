import type { Input } from "./input";
import type { SandboxState } from "./state";

/** One ECS API (or DojoSandbox) operation. `run` may change `state` in place: it is handed a draft (transition.ts). */
export interface Operation {
  /** Describe/List operations: the gateway need not save the state after them. */
  readOnly: boolean;
  run(state: SandboxState, input: Input, clockMs: number): object;
}
