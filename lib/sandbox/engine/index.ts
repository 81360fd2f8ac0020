/**
 * The ECS control plane as a pure, deterministic state machine: (state, operation, input, clock) →
 * (state, output). No I/O, no wall clock, no randomness; time moves only through the clock passed in.
 */
import type { Account } from "./account";
import { accountSettingOperations } from "./account-settings";
import { clusterOperations } from "./clusters";
import { containerInstanceOperations } from "./container-instances";
import { EcsError } from "./errors";
import type { Operation } from "./operation";
import { serviceDeploymentOperations } from "./service-deployments";
import { serviceOperations } from "./services";
import { runOperation } from "./simulation";
import type { SandboxState } from "./state";
import { tagOperations } from "./tag-operations";
import { taskDefinitionOperations } from "./task-definitions";
import { taskOperations } from "./tasks";

export { EcsError } from "./errors";
export { FARGATE_TIMING, HEALTHY_WITHOUT_CHECKS_MS, SIGTERM_EXIT_CODE } from "./lifecycle";
export { AccountStateNeeded, accountFrom, NEW_ACCOUNT, type Account } from "./account";
export { createSandboxState, newSandboxState } from "./state";
export type { SandboxState } from "./state";
export type { Wire } from "./wire";
export { advanceTo } from "./simulation";
export { handleSandboxOperation, isSandboxOperation, sandboxOperations } from "./sandbox-operations";
export { applyScenario, SCENARIO_SCHEMA, type Scenario } from "./scenarios";

/** Operation names exactly as in the ECS API. */
const OPERATIONS: Record<string, Operation> = {
  ...clusterOperations,
  ...containerInstanceOperations,
  ...taskDefinitionOperations,
  ...taskOperations,
  ...serviceOperations,
  ...serviceDeploymentOperations,
  ...tagOperations,
  ...accountSettingOperations,
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
 * Runs one API call at simulated time clockMs (simulation.ts, runOperation). Throws EcsError (AWS's __type and
 * message) when ECS would fail the call. `state` is left untouched.
 */
export function handleOperation(
  state: SandboxState,
  operation: string,
  input: unknown,
  clockMs: number,
  account: Account,
): { state: SandboxState; output: object } {
  if (!isEmulatedOperation(operation)) {
    throw new EcsError("UnknownOperationException", `The ECS sandbox does not emulate the operation ${operation}.`);
  }
  return runOperation(state, OPERATIONS[operation], input, clockMs, account);
}
