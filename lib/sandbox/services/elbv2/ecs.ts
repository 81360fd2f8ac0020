/**
 * What Amazon ECS asks of Elastic Load Balancing — the narrow interface between the two (the target groups are in the
 * same Region's state, so ECS reads them through these functions rather than the records): whether a service's target
 * group exists and how it takes targets, registering and deregistering a task's targets, and a target's health.
 */
import { EcsError } from "../../engine/errors";
import type { SandboxState } from "../../engine/state";
import { peek } from "../../engine/transition";
import { forwardedTargetGroups, loadBalancersOf } from "./common";
import { drainTarget, replanTaskTargets } from "./health";
import type { ElbAction, TargetHealthState } from "./state";
import { targetKey } from "./state";
import { registerTargets } from "./targets";
import { anyUnhealthyTarget, isHealthyTarget, isUnhealthyTarget } from "./target-index";
import { deregistrationDelayMs } from "./target-groups";

export interface TaskTarget {
  targetGroupArn: string;
  id: string;
  port: number;
  /** The zone of the task's subnet (ip targets). */
  availabilityZone?: string;
}

/** A target group as CreateService checks it; undefined when there is none by that ARN. */
export function targetGroupForService(state: SandboxState, arn: string): { targetType: string; protocol: string; hasLoadBalancer: boolean } | undefined {
  const group = state.elbTargetGroups[arn];
  if (!group) return undefined;
  return { targetType: group.targetType, protocol: group.protocol, hasLoadBalancer: loadBalancersOf(state, arn).length > 0 };
}

/**
 * Registers a task's targets. A group deleted meanwhile is skipped, and so is one that refuses the target (it is full):
 * the task runs unregistered, as a failed registration leaves it on AWS [inferred]. Returns the targets registered.
 */
export function registerTaskTargets(state: SandboxState, taskId: string, targets: TaskTarget[], nowMs: number): TaskTarget[] {
  const registered: TaskTarget[] = [];
  for (const target of targets) {
    const group = state.elbTargetGroups[target.targetGroupArn];
    if (!group) continue;
    const { availabilityZone, ...kept } = target;
    try {
      registerTargets(state, group, [{ id: target.id, port: target.port, availabilityZone, taskId }], nowMs);
    } catch (error) {
      if (error instanceof EcsError) continue;
      throw error;
    }
    registered.push(kept);
  }
  return registered;
}

/** Starts draining a task's targets; returns how long the longest drain lasts (ms). */
export function deregisterTaskTargets(state: SandboxState, targets: TaskTarget[], nowMs: number): number {
  let longest = 0;
  for (const target of targets) {
    const group = state.elbTargetGroups[target.targetGroupArn];
    const key = targetKey(target.targetGroupArn, target.id, target.port);
    if (!group || !state.elbTargets[key]) continue;
    longest = Math.max(longest, drainTarget(state, key, nowMs, deregistrationDelayMs(group)));
  }
  return longest;
}

/** A target's health now; undefined when it is not registered (any more). */
export function targetHealthOf(state: SandboxState, target: TaskTarget): TargetHealthState | undefined {
  // Peeked at: the scheduler asks this of every task on every pass, and a draft of every target would cost that much.
  return peek(state.elbTargets, targetKey(target.targetGroupArn, target.id, target.port))?.health;
}

const keyOf = (target: TaskTarget) => targetKey(target.targetGroupArn, target.id, target.port);

/** Whether the target is healthy now, and whether it is unhealthy: from the target index (target-index.ts), no lookup. */
export const targetIsHealthy = (state: SandboxState, target: TaskTarget): boolean => isHealthyTarget(state, keyOf(target));
export const targetIsUnhealthy = (state: SandboxState, target: TaskTarget): boolean => isUnhealthyTarget(state, keyOf(target));
/** Whether any target of the sandbox is unhealthy (the scheduler has none to look for when not). */
export const anyTargetUnhealthy = (state: SandboxState): boolean => anyUnhealthyTarget(state);

/** The task's containers started or stopped: what its targets' health checks find has changed. */
export const taskEndpointsChanged = (state: SandboxState, taskId: string, nowMs: number) => replanTaskTargets(state, taskId, nowMs);

/** The listener (its default rule) or rule an ARN names: where its actions are kept. */
function ruleActions(state: SandboxState, arn: string): { actions: ElbAction[]; set: (actions: ElbAction[]) => void } | undefined {
  if (peek(state.elbRules, arn)) return { actions: state.elbRules[arn].actions, set: (a) => (state.elbRules[arn].actions = a) };
  const listenerKey = Object.keys(state.elbListeners).find((key) => key === arn || peek(state.elbListeners, key)!.defaultRuleArn === arn);
  if (!listenerKey) return undefined;
  return { actions: state.elbListeners[listenerKey].defaultActions, set: (a) => (state.elbListeners[listenerKey].defaultActions = a) };
}

/** The target groups a listener rule (or a listener's default rule, or an NLB listener) forwards to; undefined when none is by that ARN. */
export function listenerRuleForService(state: SandboxState, arn: string): string[] | undefined {
  const found = peek(state.elbRules, arn)?.actions ?? Object.values(state.elbListeners).find((l) => l.arn === arn || l.defaultRuleArn === arn)?.defaultActions;
  return found ? forwardedTargetGroups(found) : undefined;
}

/**
 * What ECS does to a listener rule to move traffic between a service's target groups: its forward action becomes a
 * weighted ForwardConfig of exactly these groups (ECS's traffic shift; describe-rules shows the weights).
 */
export function setForwardWeights(state: SandboxState, ruleArn: string, weights: { TargetGroupArn: string; Weight: number }[]): void {
  const rule = ruleActions(state, ruleArn);
  if (!rule) return;
  rule.set(
    rule.actions.map((action) => {
      if (action.Type !== "forward") return action;
      const rest: ElbAction = { ...action };
      delete rest.TargetGroupArn;
      const config = (action.ForwardConfig ?? {}) as Record<string, unknown>;
      return { ...rest, ForwardConfig: { ...config, TargetGroups: weights, TargetGroupStickinessConfig: config.TargetGroupStickinessConfig ?? { Enabled: false } } };
    }),
  );
}
