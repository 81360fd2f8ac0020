/**
 * The check registry: every kind a lesson may use. The lesson schema and the grader take the kinds from here; a
 * new kind is one module with its schema, run function and messages, listed once below.
 */
import type { CheckKind } from "../define";
import { answerSheet } from "./answer-sheet";
import { calls } from "./calls";
import { fargateSize } from "./fargate-size";
import { field } from "./field";
import { iamSimulation } from "./iam";
import { logEvents } from "./logs";
import { quiz } from "./quiz";
import { deployment, serviceEvents, serviceFields, serviceSteady } from "./services";
import { cluster, taskDefinition, taskRunning, taskStopped } from "./tasks";
import { noErrors, rulesClear } from "./validator";

export const CHECK_KINDS: readonly CheckKind[] = [
  noErrors,
  rulesClear,
  field,
  fargateSize,
  quiz,
  answerSheet,
  calls,
  cluster,
  serviceSteady,
  serviceFields,
  serviceEvents,
  deployment,
  taskRunning,
  taskStopped,
  taskDefinition,
  logEvents,
  iamSimulation,
] as unknown as readonly CheckKind[];

export const CHECK_KIND_BY_NAME: ReadonlyMap<string, CheckKind> = new Map(CHECK_KINDS.map((kind) => [kind.kind, kind]));

/** Whether any of these checks reads the learner's sandbox or their call history. */
export function checksNeedSandbox(checks: readonly { kind: string }[]): boolean {
  return checks.some((check) => {
    const kind = CHECK_KIND_BY_NAME.get(check.kind);
    const reads = typeof kind?.reads === "function" ? kind.reads(check as never) : kind?.reads;
    return reads === "sandbox" || reads === "calls";
  });
}
