/**
 * Scheduled actions: PutScheduledAction, DescribeScheduledActions, DeleteScheduledAction. An action sets the
 * scalable target's MinCapacity/MaxCapacity when it runs; a desired count outside the new bounds moves inside them
 * ([AWS-doc] scheduled scaling). The sandbox runs `at(yyyy-mm-ddThh:mm:ss)` and `cron(…)` (cron.ts) in UTC or the
 * action's Timezone, and `rate(n minute|minutes|hour|hours|day|days)`, on the simulated clock ("scheduled-action"
 * timers, id `scheduled:<resource id>|<name>`); StartTime and EndTime bound a recurring schedule.
 */
import { EcsError } from "../../engine/errors";
import { nextUuid } from "../../engine/ids";
import { optInteger, optObject, optString, optStringList, type Input } from "../../engine/input";
import type { Operation } from "../../engine/operation";
import type { SandboxState, Timer } from "../../engine/state";
import { cancelTimers, schedule } from "../../engine/timers";
import { peek } from "../../engine/transition";
import { AAS_LIMITS, ACTIVITY_TEXTS, ECS_DIMENSION, notFound, pageOf, readKeys, requireTarget, serviceOfResource, setDesiredCount, validation } from "./common";
import { isKnownTimeZone, nextCronRun, parseCron, zonedToUtc } from "./cron";
import { policyKey, type ScheduledActionRecord } from "./state";

const timerId = (key: string) => `scheduled:${key}`;
const UNIT_MS: Record<string, number> = { minute: 60_000, minutes: 60_000, hour: 3_600_000, hours: 3_600_000, day: 86_400_000, days: 86_400_000 };

/** When the action next runs after `afterMs` (exclusive), or undefined. */
export function nextRunAt(action: ScheduledActionRecord, afterMs: number): number | undefined {
  const at = /^at\((\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})\)$/.exec(action.schedule);
  if (at) {
    const when = zonedToUtc(Date.parse(`${at[1]}Z`), action.timezone);
    return when > afterMs ? when : undefined;
  }
  const cron = /^cron\((.*)\)$/.exec(action.schedule);
  if (cron) {
    const from = action.startMs !== undefined ? Math.max(afterMs, action.startMs - 1) : afterMs;
    const next = nextCronRun(parseCron(cron[1]), from, action.timezone);
    return next === undefined || (action.endMs !== undefined && next > action.endMs) ? undefined : next;
  }
  const rate = /^rate\((\d+) (minutes?|hours?|days?)\)$/.exec(action.schedule);
  if (rate) {
    const every = Number(rate[1]) * UNIT_MS[rate[2]];
    if (every <= 0) return undefined;
    const from = action.startMs ?? action.createdAtMs;
    const next = afterMs < from ? from : from + (Math.floor((afterMs - from) / every) + 1) * every;
    return action.endMs !== undefined && next > action.endMs ? undefined : next;
  }
  return undefined;
}

function plan(state: SandboxState, key: string, action: ScheduledActionRecord, afterMs: number): void {
  cancelTimers(state, timerId(key));
  const at = nextRunAt(action, afterMs);
  if (at !== undefined) schedule(state, timerId(key), "scheduled-action", at);
}

function putScheduledAction(state: SandboxState, input: Input, clockMs: number): object {
  const { resourceId, dimension } = readKeys(input, { resourceId: true, dimension: true }) as { resourceId: string; dimension: string };
  requireTarget(state, resourceId, dimension);
  const name = optString(input, "ScheduledActionName") ?? "";
  const key = policyKey(resourceId, name);
  const existing = peek(state.aasScheduledActions, key);
  const scheduleText = optString(input, "Schedule") ?? existing?.schedule;
  // [inferred]
  if (scheduleText === undefined) throw validation("Schedule is required when creating a scheduled action");
  if (!/^(at|rate|cron)\(.+\)$/.test(scheduleText)) throw validation(`Invalid schedule expression: ${scheduleText}`); // [inferred]
  const cron = /^cron\((.*)\)$/.exec(scheduleText);
  if (cron) parseCron(cron[1]);
  const timezone = optString(input, "Timezone");
  // [inferred] AWS's text for an unknown zone is not documented.
  if (timezone !== undefined && !isKnownTimeZone(timezone)) {
    throw validation(`Invalid Timezone '${timezone}': give the canonical name of an IANA time zone, such as Asia/Tokyo or Etc/UTC.`);
  }
  const count = Object.values(state.aasScheduledActions).filter((a) => a.resourceId === resourceId).length;
  if (!existing && count >= AAS_LIMITS.scheduledActionsPerTarget) {
    throw new EcsError("LimitExceededException", `You have reached the maximum number of scheduled actions (${AAS_LIMITS.scheduledActionsPerTarget}) for this scalable target.`); // [inferred]
  }
  const bounds = optObject(input, "ScalableTargetAction");
  const startTime = input.StartTime;
  const endTime = input.EndTime;
  const action: ScheduledActionRecord = {
    arn:
      existing?.arn ??
      `arn:aws:autoscaling:${state.region}:${state.accountId}:scheduledAction:${nextUuid(state, "aas-scheduled")}:resource/ecs/${resourceId}:scheduledActionName/${name}`,
    name,
    resourceId,
    schedule: scheduleText,
    ...(timezone ? { timezone } : {}),
    ...(typeof startTime === "number" ? { startMs: startTime * 1000 } : {}),
    ...(typeof endTime === "number" ? { endMs: endTime * 1000 } : {}),
    ...(bounds && optInteger(bounds, "MinCapacity") !== undefined ? { min: optInteger(bounds, "MinCapacity") } : existing?.min !== undefined ? { min: existing.min } : {}),
    ...(bounds && optInteger(bounds, "MaxCapacity") !== undefined ? { max: optInteger(bounds, "MaxCapacity") } : existing?.max !== undefined ? { max: existing.max } : {}),
    createdAtMs: existing?.createdAtMs ?? clockMs,
  };
  state.aasScheduledActions[key] = action;
  plan(state, key, action, clockMs);
  return {};
}

export function presentScheduledAction(action: ScheduledActionRecord): object {
  return {
    ScheduledActionName: action.name,
    ScheduledActionARN: action.arn,
    ServiceNamespace: "ecs",
    Schedule: action.schedule,
    ...(action.timezone ? { Timezone: action.timezone } : {}),
    ResourceId: action.resourceId,
    ScalableDimension: ECS_DIMENSION,
    ...(action.startMs !== undefined ? { StartTime: action.startMs / 1000 } : {}),
    ...(action.endMs !== undefined ? { EndTime: action.endMs / 1000 } : {}),
    ScalableTargetAction: { ...(action.min !== undefined ? { MinCapacity: action.min } : {}), ...(action.max !== undefined ? { MaxCapacity: action.max } : {}) },
    CreationTime: action.createdAtMs / 1000,
  };
}

function describeScheduledActions(state: SandboxState, input: Input): object {
  const { resourceId } = readKeys(input, { resourceId: false, dimension: false });
  const names = optStringList(input, "ScheduledActionNames");
  const actions = Object.values(state.aasScheduledActions)
    .filter((a) => (resourceId === undefined || a.resourceId === resourceId) && (!names?.length || names.includes(a.name)))
    .map(presentScheduledAction);
  const { page, NextToken } = pageOf(actions, input);
  return { ScheduledActions: page, ...(NextToken ? { NextToken } : {}) };
}

function deleteScheduledAction(state: SandboxState, input: Input): object {
  const { resourceId, dimension } = readKeys(input, { resourceId: true, dimension: true }) as { resourceId: string; dimension: string };
  const name = optString(input, "ScheduledActionName") ?? "";
  const key = policyKey(resourceId, name);
  // [inferred] worded as the policies' "No scaling policy found for …".
  if (!peek(state.aasScheduledActions, key)) {
    throw notFound(`No scheduled action found for service namespace: ecs, resource ID: ${resourceId}, scalable dimension: ${dimension}, scheduled action name: ${name}`);
  }
  cancelTimers(state, timerId(key));
  delete state.aasScheduledActions[key];
  return {};
}

/** A "scheduled-action" timer: apply the bounds, bring the desired count inside them, plan the next run. */
export function applyScheduledTimer(state: SandboxState, timer: Timer): void {
  const key = timer.id.slice("scheduled:".length);
  const action = peek(state.aasScheduledActions, key);
  if (!action) return;
  const target = peek(state.aasTargets, action.resourceId);
  const record = serviceOfResource(state, action.resourceId);
  if (target && !target.suspended.ScheduledScalingSuspended) {
    const draft = state.aasTargets[action.resourceId];
    if (action.min !== undefined) draft.minCapacity = action.min;
    if (action.max !== undefined) draft.maxCapacity = action.max;
    if (draft.minCapacity > draft.maxCapacity) draft.maxCapacity = draft.minCapacity;
    const desired = record?.service.desiredCount ?? 0;
    const wanted = Math.min(draft.maxCapacity, Math.max(draft.minCapacity, desired));
    if (record && wanted !== desired) setDesiredCount(state, record, action.resourceId, wanted, ACTIVITY_TEXTS.scheduled(action.name), timer.atMs);
  }
  const next = nextRunAt(action, timer.atMs);
  if (next !== undefined) schedule(state, timer.id, "scheduled-action", next);
}

export const scheduledOperations: Record<string, Operation> = {
  PutScheduledAction: { readOnly: false, run: (state, input, clockMs) => putScheduledAction(state, input, clockMs) },
  DescribeScheduledActions: { readOnly: true, run: (state, input) => describeScheduledActions(state, input) },
  DeleteScheduledAction: { readOnly: false, run: (state, input) => deleteScheduledAction(state, input) },
};
