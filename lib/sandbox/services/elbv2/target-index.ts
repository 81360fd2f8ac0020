/**
 * The targets by target group and by ECS task, for one state object. A draft lives for one transition and a stored
 * state never changes, so the index is built once per transition (one pass over the targets) and kept up to date by
 * the two places that add and remove targets (targets.ts registerTargets, health.ts removeTarget). Without it, each
 * registration counted every target and each task whose containers started looked at every target: a service
 * scaling to 1,000 tasks behind a load balancer made a million comparisons (npm run bench -- lb-scaling).
 */
import { peek } from "../../engine/transition";
import type { ElbSandbox } from "./common";

interface TargetIndex {
  /** Keys in registration order, as the targets map holds them. */
  byGroup: Map<string, Set<string>>;
  byTask: Map<string, Set<string>>;
  total: number;
}

const indexes = new WeakMap<object, TargetIndex>();

/** A target's key is `<target group ARN>|<id>|<port>` (state.ts targetKey); ARNs hold no `|`. */
const groupOfKey = (key: string) => key.slice(0, key.indexOf("|"));

function add(index: TargetIndex, key: string, taskId: string | undefined): void {
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

function indexOf(state: ElbSandbox): TargetIndex {
  const targets = state.elbTargets;
  let index = indexes.get(targets);
  if (!index) {
    index = { byGroup: new Map(), byTask: new Map(), total: 0 };
    for (const key of Object.keys(targets)) add(index, key, peek(targets, key)?.taskId);
    indexes.set(targets, index);
  }
  return index;
}

/** The keys of a target group's targets, in registration order. */
export const targetKeysOf = (state: ElbSandbox, groupArn: string): string[] => [...(indexOf(state).byGroup.get(groupArn) ?? [])];

/** The keys of the targets an ECS task stands behind. */
export const targetKeysOfTask = (state: ElbSandbox, taskId: string): string[] => [...(indexOf(state).byTask.get(taskId) ?? [])];

export const targetCount = (state: ElbSandbox): number => indexOf(state).total;

/** Call after a target is stored under a key that had none (a key deleted and stored again goes last, as in the map). */
export function targetAdded(state: ElbSandbox, key: string, taskId: string | undefined): void {
  const index = indexes.get(state.elbTargets);
  if (index) add(index, key, taskId);
}

/** Call after the target under `key` is deleted. */
export function targetRemoved(state: ElbSandbox, key: string, taskId: string | undefined): void {
  const index = indexes.get(state.elbTargets);
  const keys = index?.byGroup.get(groupOfKey(key));
  if (!index || !keys?.delete(key)) return;
  if (taskId !== undefined) index.byTask.get(taskId)?.delete(key);
  index.total -= 1;
}
