/**
 * Every rule, one module per catalog section. REGISTRATION_RULES lists, in the order the ECS service is
 * taken to check them (ecs-behavior.md §2.2 and §3: missing cpu/memory, then an invalid cpu, then the
 * combination), the rules RegisterTaskDefinition itself is known to reject with a captured message;
 * awsRejection answers with the first that fails. Every other rule only advises the learner.
 */
import type { InputOperation } from "../../ecs-model";
import type { AnyRule, RuleDefinition } from "../engine/rule";
import { AWS_TEXT } from "../messages/aws";
import { bestPracticeRules, tags } from "./best-practice";
import { cliShapeRules } from "./cli-shape";
import * as containers from "./containers";
import * as fargate from "./fargate";
import { healthRules } from "./health";
import { jsonTextRules } from "./json-text";
import { linuxRules } from "./linux";
import { loggingRules } from "./logging";
import { networkingRules } from "./networking";
import { secretsRules } from "./secrets";
import { serviceInputRules } from "./service";
import { crossRules } from "./cross";
import { apiTags } from "./tags";
import * as task from "./task-definition";
import * as size from "./task-size";
import { teachingRules } from "./teaching";
import { volumeRules } from "./volumes";

const all = (rules: readonly unknown[]) => rules as readonly AnyRule[] as readonly RuleDefinition[];

export const SERVICE_RULES: readonly RuleDefinition[] = all([
  task.familyFormat,
  task.containersNonEmpty,
  containers.nameRequired,
  containers.imageRequired,
  task.nameUnique,
  size.memoryRequired,
  size.fargateSizeRequired,
  size.cpuFormat,
  size.memoryFormat,
  size.fargateCombination,
  fargate.fargateNetworkMode,
  size.cpuSum,
  size.memoryReservationSum,
  size.containerMemoryWithinTask,
  task.containersMax,
  containers.memoryReservationWithinMemory,
  task.essentialContainer,
]);

/** Task-definition rules checked after the registration order above. */
const TASK_DEFINITION_RULES: readonly RuleDefinition[] = all([
  apiTags,
  task.placementConstraint,
  task.ephemeralRange,
  task.ephemeralOnEc2,
  task.inferenceRetired,
  task.roleArnFormat,
  task.armWindows,
  task.documentSize,
  task.compatibilitiesUnique,
  task.effectiveMemorySum,
  containers.nameFormat,
  containers.imageFormat,
  containers.imageReferenceGrammar,
  containers.memoryMinimum,
  containers.cpuShares,
  containers.versionConsistency,
  ...networkingRules,
  ...loggingRules,
  ...secretsRules,
  ...healthRules,
  ...linuxRules,
  ...volumeRules,
  ...fargate.fargateRules.filter((rule) => rule !== fargate.fargateNetworkMode),
  ...bestPracticeRules,
  ...teachingRules,
]);

const REGISTER_CHECKS: readonly RuleDefinition[] = [...SERVICE_RULES, ...TASK_DEFINITION_RULES];

/**
 * What the ECS service itself answers RegisterTaskDefinition with (the sandbox's awsRejection): the
 * ordered rules above, then every other rule whose rejection was observed with AWS's own words. Rules
 * known only from the documentation stay advice: when and how AWS enforces them is unconfirmed.
 */
export const REGISTRATION_RULES: readonly RuleDefinition[] = [
  ...SERVICE_RULES,
  ...TASK_DEFINITION_RULES.filter((rule) => rule.level === "error" && rule.stage === "service" && rule.source.includes("[AWS-obs]") && rule.id in AWS_TEXT),
];

/** Service input rules (sections K and L, and the service parts of H, J and M). */
const SERVICE_INPUT_CHECKS: readonly RuleDefinition[] = all([...serviceInputRules, ...crossRules]);

export const ALL_RULES: readonly RuleDefinition[] = [...jsonTextRules, ...cliShapeRules, ...REGISTER_CHECKS, ...SERVICE_INPUT_CHECKS];

/** The rules that check one kind of input, in order. */
export function rulesFor(operation: InputOperation): readonly RuleDefinition[] {
  return operation === "RegisterTaskDefinition" ? REGISTER_CHECKS : SERVICE_RUNS;
}

/** Rules shared with task definitions (tags) run for services too. */
const SERVICE_RUNS: readonly RuleDefinition[] = all([apiTags, tags, ...SERVICE_INPUT_CHECKS]);

export const RULE_BY_ID: ReadonlyMap<string, RuleDefinition> = new Map(ALL_RULES.map((rule) => [rule.id, rule]));

export { checkCliShape } from "./cli-shape";
