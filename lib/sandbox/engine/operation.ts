import type { Account } from "./account";
import type { Input } from "./input";
import type { SandboxState } from "./state";

/** One ECS API (or DojoSandbox) operation. `run` may change `state` in place: it is handed a draft (transition.ts). */
export interface Operation {
  /** Describe/List operations: the gateway need not save the state after them. */
  readOnly: boolean;
  /**
   * A write that cannot change what the scheduler would do for services it does not touch (touched.ts): it marks the
   * services it changes (stopTaskAs marks a stopped task's), and only those are reconciled after it. Without it, every
   * service is.
   */
  touchesOwn?: boolean;
  /** `account`: the rest of the learner's account (IAM, other Regions), for the operations that consult it. */
  run(state: SandboxState, input: Input, clockMs: number, account: Account): object;
}
