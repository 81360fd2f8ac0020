/**
 * The ECS control plane as a pure, deterministic state machine: (state, operation, input, clock) →
 * (state, output). No I/O, no wall clock, no randomness; time moves only through the clock passed in.
 */
import { clusterOperations } from "./clusters";
import { EcsError } from "./errors";
import { asInput } from "./input";
import type { Operation } from "./operation";
import type { SandboxState } from "./state";
import { taskDefinitionOperations } from "./task-definitions";
import { advanceTo } from "./simulation";
import { taskOperations } from "./tasks";

export { EcsError } from "./errors";
export { FARGATE_TIMING, SIGTERM_EXIT_CODE } from "./lifecycle";
export { createSandboxState } from "./state";
export type { SandboxState } from "./state";
export type { Wire } from "./wire";
export { advanceTo } from "./simulation";
export { handleSandboxOperation, isSandboxOperation, sandboxOperations } from "./sandbox-operations";

/** Operation names exactly as in the ECS API. */
const OPERATIONS: Record<string, Operation> = {
  ...clusterOperations,
  ...taskDefinitionOperations,
  ...taskOperations,
};

export function isEmulatedOperation(operation: string): boolean {
  return Object.hasOwn(OPERATIONS, operation);
}

/** Describe/List operations never change what is stored (their lifecycle progress is recomputed on demand). */
export function isReadOnlyOperation(operation: string): boolean {
  return isEmulatedOperation(operation) && OPERATIONS[operation].readOnly;
}

export const emulatedOperations = (): string[] => Object.keys(OPERATIONS);

/**
 * Runs one API call at simulated time clockMs, after moving every task up to that time.
 * Throws EcsError (AWS's __type and message) when ECS would fail the call. `state` is left untouched.
 */
export function handleOperation(
  state: SandboxState,
  operation: string,
  input: unknown,
  clockMs: number,
): { state: SandboxState; output: object } {
  if (!isEmulatedOperation(operation)) {
    throw new EcsError("UnknownOperationException", `The ECS sandbox does not emulate the operation ${operation}.`);
  }
  const next = advanceTo(state, clockMs);
  const output = OPERATIONS[operation].run(next, asInput(input), next.clock.simMs);
  // The output must not share objects with the state that will be stored and advanced later.
  return { state: next, output: structuredClone(output) };
}
