/**
 * Invariant checks for the indexes the engine keeps beside its state (services/elbv2/target-index.ts): with
 * DOJO_ENGINE_CHECKS=1 (the tests set it, vitest.config.ts) every transition ends by comparing each index with the state
 * it is derived from, so an index that drifts fails the test that made it drift. Off otherwise.
 *
 * Most checks compare only what the transition changed (and what the index was told of); every FULL_CHECK_EVERY-th
 * rebuilds the index and compares it whole, order included. Rebuilding after every transition doubled the engine's time
 * behind a load balancer (npm run bench -- lb-scaling's blue/green of 1,000 tasks: 1,062 ms CPU without checks, 2,118 ms
 * with whole ones).
 */
import { checkTargetIndex } from "../services/elbv2/target-index";
import type { SandboxState } from "./state";

const ENABLED = process.env.DOJO_ENGINE_CHECKS === "1";
/** [ours] Often enough that every test file with a load balancer sees whole checks too, rare enough to cost little. */
const FULL_CHECK_EVERY = 16;

let checks = 0;

export function checkIndexes(state: SandboxState): void {
  if (!ENABLED) return;
  checks += 1;
  checkTargetIndex(state, checks % FULL_CHECK_EVERY === 0);
}
