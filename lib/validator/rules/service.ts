import type { RuleDefinition } from "../engine/rule";
export const serviceRules: RuleDefinition[] = [];
