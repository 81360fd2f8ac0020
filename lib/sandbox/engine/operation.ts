import type { Input } from "./input";
import type { SandboxState } from "./state";

/** One ECS API operation. `run` may change `state` in place (handleOperation hands it a private copy). */
export interface Operation {
  /** Describe/List operations: the gateway need not save the state after them. */
  readOnly: boolean;
  run(state: SandboxState, input: Input, clockMs: number): object;
}
