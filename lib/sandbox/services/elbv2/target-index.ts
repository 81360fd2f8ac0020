/**
 * The targets by target group, by ECS task and by health (healthy, unhealthy), for one state object. A draft lives for
 * one transition and a stored state never changes, so the index is built once per transition (one pass over the
 * targets) and kept up to date by the places that add and remove targets (targets.ts registerTargets, health.ts
 * removeTarget) and that set a target's health (health.ts). Without it, each registration counted every target, each
 * task whose containers started looked at every target, and the scheduler looked up every target of every running task
 * on every pass to find the unhealthy ones: a service scaling to 1,000 tasks behind a load balancer made a million
 * comparisons (npm run bench -- lb-scaling). `checkTargetIndex` compares it with one built afresh, or only what the
 * transition changed (engine checks).
 */
import { bothSides, peek } from "../../engine/transition";
import type { ElbSandbox } from "./common";
import type { TargetHealthState } from "./state";

interface TargetIndex {
  /** Keys in registration order, as the targets map holds them. */
  byGroup: Map<string, Set<string>>;
  byTask: Map<string, Set<string>>;
  total: number;
  /** Keys of the targets whose health state is healthy, and of those whose state is unhealthy. */
  healthy: Set<string>;
  unhealthy: Set<string>;
  /** Keys the updates below were called for since it was built: an incremental check looks at them too. */
  updated: Set<string>;
}

const indexes = new WeakMap<object, TargetIndex>();

/** A target's key is `<target group ARN>|<id>|<port>` (state.ts targetKey); ARNs hold no `|`. */
const groupOfKey = (key: string) => key.slice(0, key.indexOf("|"));

function classify(index: TargetIndex, key: string, health: TargetHealthState | undefined): void {
  index.healthy.delete(key);
  index.unhealthy.delete(key);
  if (health?.state === "healthy") index.healthy.add(key);
  else if (health?.state === "unhealthy") index.unhealthy.add(key);
}

function add(index: TargetIndex, key: string, taskId: string | undefined, health: TargetHealthState | undefined): void {
  classify(index, key, health);
  const group = groupOfKey(key);
  let keys = index.byGroup.get(group);
  if (!keys) index.byGroup.set(group, (keys = new Set()));
  keys.add(key);
  if (taskId !== undefined) {
    let ofTask = index.byTask.get(taskId);
    if (!ofTask) index.byTask.set(taskId, (ofTask = new Set()));
    ofTask.add(key);
  }
  index.total += 1;
}

function build(targets: ElbSandbox["elbTargets"]): TargetIndex {
  const index: TargetIndex = { byGroup: new Map(), byTask: new Map(), total: 0, healthy: new Set(), unhealthy: new Set(), updated: new Set() };
  for (const key of Object.keys(targets)) {
    const target = peek(targets, key);
    add(index, key, target?.taskId, target?.health);
  }
  return index;
}

function indexOf(state: ElbSandbox): TargetIndex {
  const targets = state.elbTargets;
  let index = indexes.get(targets);
  if (!index) indexes.set(targets, (index = build(targets)));
  return index;
}

/** The keys of a target group's targets, in registration order. */
export const targetKeysOf = (state: ElbSandbox, groupArn: string): string[] => [...(indexOf(state).byGroup.get(groupArn) ?? [])];

/** The keys of the targets an ECS task stands behind. */
export const targetKeysOfTask = (state: ElbSandbox, taskId: string): string[] => [...(indexOf(state).byTask.get(taskId) ?? [])];

export const targetCount = (state: ElbSandbox): number => indexOf(state).total;

/** Whether the target under `key` is healthy now; and whether it is unhealthy. */
export const isHealthyTarget = (state: ElbSandbox, key: string): boolean => indexOf(state).healthy.has(key);
export const isUnhealthyTarget = (state: ElbSandbox, key: string): boolean => indexOf(state).unhealthy.has(key);
export const anyUnhealthyTarget = (state: ElbSandbox): boolean => indexOf(state).unhealthy.size > 0;

/** Call after a target is stored under a key that had none (a key deleted and stored again goes last, as in the map). */
export function targetAdded(state: ElbSandbox, key: string, taskId: string | undefined, health: TargetHealthState): void {
  const index = indexes.get(state.elbTargets);
  if (!index) return;
  add(index, key, taskId, health);
  index.updated.add(key);
}

/** Call after the health of the target under `key` is set. */
export function targetHealthSet(state: ElbSandbox, key: string, health: TargetHealthState): void {
  const index = indexes.get(state.elbTargets);
  if (!index) return;
  classify(index, key, health);
  index.updated.add(key);
}

/**
 * Throws when the index kept for this state differs from its targets now (engine checks, simulation.ts). `whole`: from
 * one built afresh, registration order included. Otherwise only what can have drifted is compared — the targets this
 * transition changed, added, deleted or drafted and the keys the updates were called for, each with its group, task and
 * health — with the counts of targets, of targets by group and by task: a change made without its update, or an update
 * without its change, fails as it does in a whole check; an order gone wrong waits for the next whole one.
 */
export function checkTargetIndex(state: ElbSandbox, whole: boolean): void {
  const kept = indexes.get(state.elbTargets);
  if (!kept) return;
  const sides = bothSides(state.elbTargets);
  if (whole || !sides) return compareWhole(kept, build(state.elbTargets));
  const { now, before } = sides;
  const keys = Object.keys(now);
  const looked = new Set(kept.updated);
  let withTask = 0;
  for (const key of keys) {
    const target = now[key];
    if (target.taskId !== undefined) withTask += 1;
    if (target !== before[key]) looked.add(key);
  }
  if (now !== before) for (const key of Object.keys(before)) if (!Object.hasOwn(now, key)) looked.add(key);
  const sizes = (map: Map<string, Set<string>>) => [...map.values()].reduce((sum, set) => sum + set.size, 0);
  const fail = (what: string) => {
    throw new Error(`ELB target index out of step with the targets: ${what}`);
  };
  if (kept.total !== keys.length || sizes(kept.byGroup) !== keys.length) fail(`${kept.total} kept, ${sizes(kept.byGroup)} by group, ${keys.length} targets`);
  if (sizes(kept.byTask) !== withTask) fail(`${sizes(kept.byTask)} kept by task, ${withTask} targets of tasks`);
  for (const key of looked) {
    const target = peek(now, key);
    const health = target?.health?.state;
    if ((kept.byGroup.get(groupOfKey(key))?.has(key) ?? false) !== (target !== undefined)) fail(`${key} ${target ? "missing from" : "left in"} its group`);
    if (kept.healthy.has(key) !== (health === "healthy") || kept.unhealthy.has(key) !== (health === "unhealthy")) fail(`${key} kept as not ${health}`);
    if (target?.taskId !== undefined && !kept.byTask.get(target.taskId)?.has(key)) fail(`${key} missing from task ${target.taskId}`);
  }
}

function compareWhole(kept: TargetIndex, fresh: TargetIndex): void {
  const sets = (index: TargetIndex) =>
    JSON.stringify({
      byGroup: [...index.byGroup].map(([group, keys]) => [group, [...keys]]).filter(([, keys]) => keys.length > 0),
      byTask: [...index.byTask].map(([task, keys]) => [task, [...keys].sort()]).filter(([, keys]) => keys.length > 0).sort(),
      total: index.total,
      healthy: [...index.healthy].sort(),
      unhealthy: [...index.unhealthy].sort(),
    });
  if (sets(kept) !== sets(fresh)) throw new Error(`ELB target index out of step with the targets:\nkept  ${sets(kept)}\nfresh ${sets(fresh)}`);
}

/** Call after the target under `key` is deleted. */
export function targetRemoved(state: ElbSandbox, key: string, taskId: string | undefined): void {
  const index = indexes.get(state.elbTargets);
  const keys = index?.byGroup.get(groupOfKey(key));
  if (!index || !keys?.delete(key)) return;
  index.updated.add(key);
  classify(index, key, undefined);
  if (taskId !== undefined) index.byTask.get(taskId)?.delete(key);
  index.total -= 1;
}
