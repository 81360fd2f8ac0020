/**
 * The deployment strategies of 2025–2026 (reference/ecs-2026-changes.md): `deploymentConfiguration.strategy` ROLLING
 * (the default: scheduler.ts's rolling update), BLUE_GREEN, LINEAR and CANARY (traffic-shift.ts), with their members —
 * `bakeTimeInMinutes`, `linearConfiguration`, `canaryConfiguration`, `lifecycleHooks`, `alarms` — and the load
 * balancers' `advancedConfiguration` (the alternate target group and the listener rules ECS moves traffic with).
 * This module reads and checks them; every number is from the ECS API model's documentation (BOTO) unless marked.
 */
import type { DeploymentConfiguration, LoadBalancer } from "@aws-sdk/client-ecs";
import { invalidParameter } from "./errors";
import { optBoolean, optEnum, optInteger, optObject, optObjectList, optString, optStringList, type Input } from "./input";
import type { SandboxState } from "./state";
import type { Wire } from "./wire";
import { listenerRuleForService, targetGroupForService } from "../services/elbv2/ecs";

export const STRATEGIES = ["ROLLING", "BLUE_GREEN", "LINEAR", "CANARY"] as const;
/** The strategies that run a second (green) revision beside the first and move traffic between them. */
export const isTrafficShifting = (strategy: string | undefined) => strategy !== undefined && strategy !== "ROLLING";

/** Every tunable number of the strategies, with its source. */
export const STRATEGY_RULES = {
  /** BOTO LinearConfiguration: "multiples of 0.1 from 3.0 to 100.0. The default value is 10.0." */
  linearStepPercent: { min: 3, max: 100, default: 10 },
  /** BOTO LinearConfiguration.stepBakeTimeInMinutes: "0 to 1440 minutes … The default value is 6." */
  linearStepBakeMinutes: { min: 0, max: 1440, default: 6 },
  /** BOTO CanaryConfiguration: "multiples of 0.1 from 0.1 to 100.0. The default value is 5.0." */
  canaryPercent: { min: 0.1, max: 100, default: 5 },
  /** BOTO CanaryConfiguration.canaryBakeTimeInMinutes: "0 to 1440 minutes … The default value is 10." */
  canaryBakeMinutes: { min: 0, max: 1440, default: 10 },
  /** [inferred] bakeTimeInMinutes within the same day-long bound as the step bake times. */
  bakeMinutes: { min: 0, max: 1440 },
  /** [inferred] a hook's timeout when its timeoutConfiguration names none (AWS does not publish one in the model). */
  hookTimeoutMinutes: { min: 1, max: 1440, default: 60 },
  /** [inferred] hooks per service: enough for one per stage. */
  hooksPerService: 10,
  /** [inferred] how long a simulated Lambda hook takes to answer. */
  lambdaHookMs: 5_000,
} as const;

export const HOOK_STAGES = [
  "RECONCILE_SERVICE",
  "PRE_SCALE_UP",
  "POST_SCALE_UP",
  "TEST_TRAFFIC_SHIFT",
  "POST_TEST_TRAFFIC_SHIFT",
  "PRE_PRODUCTION_TRAFFIC_SHIFT",
  "PRODUCTION_TRAFFIC_SHIFT",
  "POST_PRODUCTION_TRAFFIC_SHIFT",
] as const;

/** [inferred] texts for what the API model requires but whose error AWS does not publish, worded as ECS words its own. */
export const STRATEGY_ERRORS = {
  bakeTimeRequired: () => invalidParameter("bakeTimeInMinutes must be specified when the deployment strategy is BLUE_GREEN."),
  outOfRange: (member: string, min: number, max: number) => invalidParameter(`${member} must be between ${min} and ${max}.`),
  tenths: (member: string) => invalidParameter(`${member} must be a multiple of 0.1.`),
  notForStrategy: (member: string, strategy: string) => invalidParameter(`${member} cannot be specified for the ${strategy} deployment strategy.`),
  hookStages: () => invalidParameter("lifecycleStages must be specified for each deployment lifecycle hook."),
  hookStage: (stage: string) => invalidParameter(`Invalid lifecycle stage: ${stage}.`),
  lambdaHook: () => invalidParameter("hookTargetArn and roleArn must be specified for an AWS_LAMBDA lifecycle hook."),
  pauseHookTarget: () => invalidParameter("hookTargetArn cannot be specified for a PAUSE lifecycle hook."),
  tooManyHooks: () => invalidParameter(`A service can have at most ${STRATEGY_RULES.hooksPerService} deployment lifecycle hooks.`),
  alarms: () => invalidParameter("alarms requires alarmNames, enable and rollback."),
  advancedRequired: (strategy: string) =>
    invalidParameter(`advancedConfiguration must be specified for each load balancer when the deployment strategy is ${strategy}.`),
  advancedMembers: () => invalidParameter("advancedConfiguration requires alternateTargetGroupArn, productionListenerRule and roleArn."),
  sameTargetGroup: () => invalidParameter("The alternateTargetGroupArn must be different from the targetGroupArn."),
  alternateGroup: (arn: string) => invalidParameter(`The alternate target group ${arn} does not exist or has no associated load balancer.`),
  listenerRule: (arn: string) => invalidParameter(`The listener rule ${arn} does not exist.`),
  ruleTargetGroups: (rule: string, group: string) => invalidParameter(`The listener rule ${rule} does not forward to the target group ${group}.`),
};

function readPercent(given: Input, key: string, rule: { min: number; max: number; default: number }, member: string): number {
  const value = given[key];
  if (value === undefined || value === null) return rule.default;
  if (typeof value !== "number" || !Number.isFinite(value) || value < rule.min || value > rule.max) throw STRATEGY_ERRORS.outOfRange(member, rule.min, rule.max);
  if (Math.abs(value * 10 - Math.round(value * 10)) > 1e-9) throw STRATEGY_ERRORS.tenths(member);
  return Math.round(value * 10) / 10;
}

function readMinutes(given: Input, key: string, rule: { min: number; max: number; default?: number }, member: string): number | undefined {
  const value = optInteger(given, key);
  if (value === undefined) return rule.default;
  if (value < rule.min || value > rule.max) throw STRATEGY_ERRORS.outOfRange(member, rule.min, rule.max);
  return value;
}

function readHooks(list: Input[]): Wire<DeploymentConfiguration>["lifecycleHooks"] {
  if (list.length > STRATEGY_RULES.hooksPerService) throw STRATEGY_ERRORS.tooManyHooks();
  return list.map((hook) => {
    const targetType = optEnum(hook, "targetType", ["AWS_LAMBDA", "PAUSE"] as const) ?? "AWS_LAMBDA";
    const stages = optStringList(hook, "lifecycleStages") ?? [];
    if (stages.length === 0) throw STRATEGY_ERRORS.hookStages();
    for (const stage of stages) if (!(HOOK_STAGES as readonly string[]).includes(stage)) throw STRATEGY_ERRORS.hookStage(stage);
    const hookTargetArn = optString(hook, "hookTargetArn");
    const roleArn = optString(hook, "roleArn");
    if (targetType === "AWS_LAMBDA" && (!hookTargetArn || !roleArn)) throw STRATEGY_ERRORS.lambdaHook();
    if (targetType === "PAUSE" && hookTargetArn) throw STRATEGY_ERRORS.pauseHookTarget();
    const timeout = optObject(hook, "timeoutConfiguration");
    const timeoutConfiguration = timeout
      ? {
          timeoutInMinutes: readMinutes(timeout, "timeoutInMinutes", STRATEGY_RULES.hookTimeoutMinutes, "timeoutInMinutes"),
          action: optEnum(timeout, "action", ["CONTINUE", "ROLLBACK"] as const) ?? "ROLLBACK",
        }
      : undefined;
    return {
      targetType,
      ...(hookTargetArn ? { hookTargetArn } : {}),
      ...(roleArn ? { roleArn } : {}),
      lifecycleStages: stages as never,
      ...(hook.hookDetails !== undefined ? { hookDetails: hook.hookDetails as never } : {}),
      ...(timeoutConfiguration ? { timeoutConfiguration } : {}),
    };
  });
}

/**
 * Lays the strategy members of a `deploymentConfiguration` input over `merged` (the service's current configuration or
 * the defaults) and checks the result: each strategy's own members only with it, their ranges and defaults.
 */
export function readStrategyMembers(given: Input, merged: Wire<DeploymentConfiguration>): void {
  const strategy = optEnum(given, "strategy", STRATEGIES);
  if (strategy !== undefined) merged.strategy = strategy;
  const chosen = merged.strategy ?? "ROLLING";
  const bake = readMinutes(given, "bakeTimeInMinutes", STRATEGY_RULES.bakeMinutes, "bakeTimeInMinutes");
  if (bake !== undefined) merged.bakeTimeInMinutes = bake;
  const linear = optObject(given, "linearConfiguration");
  if (linear) {
    merged.linearConfiguration = {
      stepPercent: readPercent(linear, "stepPercent", STRATEGY_RULES.linearStepPercent, "linearConfiguration.stepPercent"),
      stepBakeTimeInMinutes: readMinutes(linear, "stepBakeTimeInMinutes", STRATEGY_RULES.linearStepBakeMinutes, "linearConfiguration.stepBakeTimeInMinutes"),
    };
  }
  const canary = optObject(given, "canaryConfiguration");
  if (canary) {
    merged.canaryConfiguration = {
      canaryPercent: readPercent(canary, "canaryPercent", STRATEGY_RULES.canaryPercent, "canaryConfiguration.canaryPercent"),
      canaryBakeTimeInMinutes: readMinutes(canary, "canaryBakeTimeInMinutes", STRATEGY_RULES.canaryBakeMinutes, "canaryConfiguration.canaryBakeTimeInMinutes"),
    };
  }
  const hooks = optObjectList(given, "lifecycleHooks");
  if (hooks) merged.lifecycleHooks = readHooks(hooks);
  const alarms = optObject(given, "alarms");
  if (alarms) {
    const alarmNames = optStringList(alarms, "alarmNames");
    const enable = optBoolean(alarms, "enable");
    const rollback = optBoolean(alarms, "rollback");
    if (alarmNames === undefined || enable === undefined || rollback === undefined) throw STRATEGY_ERRORS.alarms();
    merged.alarms = { alarmNames, enable, rollback };
  }
  if (chosen !== "LINEAR" && linear) throw STRATEGY_ERRORS.notForStrategy("linearConfiguration", chosen);
  if (chosen !== "CANARY" && canary) throw STRATEGY_ERRORS.notForStrategy("canaryConfiguration", chosen);
  if (chosen === "ROLLING" && (hooks?.length ?? 0) > 0) throw STRATEGY_ERRORS.notForStrategy("lifecycleHooks", chosen);
  if (chosen === "BLUE_GREEN" && merged.bakeTimeInMinutes === undefined) throw STRATEGY_ERRORS.bakeTimeRequired();
  // A strategy left behind takes its own members with it (the model's defaults apply to the one chosen).
  if (chosen !== "LINEAR") delete merged.linearConfiguration;
  if (chosen !== "CANARY") delete merged.canaryConfiguration;
  if (chosen === "LINEAR") merged.linearConfiguration ??= { stepPercent: STRATEGY_RULES.linearStepPercent.default, stepBakeTimeInMinutes: STRATEGY_RULES.linearStepBakeMinutes.default };
  if (chosen === "CANARY") merged.canaryConfiguration ??= { canaryPercent: STRATEGY_RULES.canaryPercent.default, canaryBakeTimeInMinutes: STRATEGY_RULES.canaryBakeMinutes.default };
}

/**
 * A traffic-shifting strategy moves traffic with each load balancer's advancedConfiguration: an alternate target group
 * (of the same kind, behind a load balancer), the production listener rule (a rule ARN, or a listener ARN for a Network
 * Load Balancer) forwarding to the service's target group, an optional test listener rule, and the infrastructure role.
 */
export function checkAdvancedConfiguration(state: SandboxState, strategy: string | undefined, loadBalancers: readonly Wire<LoadBalancer>[]): void {
  for (const lb of loadBalancers) {
    const advanced = lb.advancedConfiguration;
    if (!advanced) {
      if (isTrafficShifting(strategy)) throw STRATEGY_ERRORS.advancedRequired(strategy!);
      continue;
    }
    const { alternateTargetGroupArn, productionListenerRule, testListenerRule, roleArn } = advanced;
    if (!alternateTargetGroupArn || !productionListenerRule || !roleArn) throw STRATEGY_ERRORS.advancedMembers();
    if (alternateTargetGroupArn === lb.targetGroupArn) throw STRATEGY_ERRORS.sameTargetGroup();
    const alternate = targetGroupForService(state, alternateTargetGroupArn);
    const primary = lb.targetGroupArn ? targetGroupForService(state, lb.targetGroupArn) : undefined;
    if (!alternate || !alternate.hasLoadBalancer || (primary && alternate.targetType !== primary.targetType)) throw STRATEGY_ERRORS.alternateGroup(alternateTargetGroupArn);
    for (const rule of [productionListenerRule, testListenerRule]) {
      if (rule === undefined) continue;
      const forwards = listenerRuleForService(state, rule);
      if (!forwards) throw STRATEGY_ERRORS.listenerRule(rule);
      if (!forwards.includes(lb.targetGroupArn!) && !forwards.includes(alternateTargetGroupArn)) throw STRATEGY_ERRORS.ruleTargetGroups(rule, lb.targetGroupArn!);
    }
  }
}
