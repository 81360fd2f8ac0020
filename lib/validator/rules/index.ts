/**
 * Every rule, one module per catalog section. The order of SERVICE_RULES is the order in which the ECS
 * service is taken to check them (ecs-behavior.md §2.2 and §3: missing cpu/memory, then an invalid cpu,
 * then the combination); awsRejection answers with the first that fails.
 */
import type { AnyRule, RuleDefinition } from "../engine/rule";
import { cliShapeRules } from "./cli-shape";
import { imageRequired, memoryReservationWithinMemory, nameRequired } from "./containers";
import { fargateNetworkMode } from "./fargate";
import { jsonTextRules } from "./json-text";
import { containersMax, containersNonEmpty, essentialContainer, familyFormat, nameUnique } from "./task-definition";
import {
  containerMemoryWithinTask,
  cpuFormat,
  cpuSum,
  fargateCombination,
  fargateSizeRequired,
  memoryFormat,
  memoryRequired,
  memoryReservationSum,
} from "./task-size";

export const SERVICE_RULES: readonly RuleDefinition[] = [
  familyFormat,
  containersNonEmpty,
  nameRequired,
  imageRequired,
  nameUnique,
  memoryRequired,
  fargateSizeRequired,
  cpuFormat,
  memoryFormat,
  fargateCombination,
  fargateNetworkMode,
  cpuSum,
  memoryReservationSum,
  containerMemoryWithinTask,
  containersMax,
  memoryReservationWithinMemory,
  essentialContainer,
] as readonly AnyRule[] as readonly RuleDefinition[];

export const ALL_RULES: readonly RuleDefinition[] = [...jsonTextRules, ...cliShapeRules, ...SERVICE_RULES];

export const RULE_BY_ID: ReadonlyMap<string, RuleDefinition> = new Map(ALL_RULES.map((rule) => [rule.id, rule]));

export { checkCliShape } from "./cli-shape";
