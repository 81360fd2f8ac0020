/**
 * Invariant checks for the indexes the engine keeps beside its state (services/elbv2/target-index.ts): with
 * DOJO_ENGINE_CHECKS=1 (the tests set it, vitest.config.ts) every transition ends by rebuilding each index from the
 * state and comparing, so an index that drifts from what it is derived from fails the test that made it drift.
 * Off otherwise: a rebuild costs a pass over every target.
 */
import { checkTargetIndex } from "../services/elbv2/target-index";
import type { SandboxState } from "./state";

const ENABLED = process.env.DOJO_ENGINE_CHECKS === "1";

export function checkIndexes(state: SandboxState): void {
  if (ENABLED) checkTargetIndex(state);
}
