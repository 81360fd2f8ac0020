/**
 * The sandbox's EC2 resources: the seeded network (seed.ts) with what was changed laid over it (state.ts). Reads
 * merge the two; writes store only the resource they change — a seeded one is copied into the state the first time
 * it changes, then changed there.
 */
import type { SandboxState } from "../../engine/state";
import { peek } from "../../engine/transition";
import { seededNetwork, type SeededNetwork } from "./seed";
import type { Ec2DataByKind, Ec2Kind, Ec2ResourceRecord } from "./state";

/** What the EC2 provider reads of a sandbox: its identity and its EC2 map (a state or a draft of one). */
export type Ec2Sandbox = Pick<SandboxState, "seed" | "accountId" | "region" | "ec2Resources">;

export function networkOf(state: Ec2Sandbox): SeededNetwork {
  return seededNetwork(state);
}

function stored(state: Ec2Sandbox, id: string): Ec2ResourceRecord | undefined {
  return peek(state.ec2Resources ?? {}, id);
}

/** Every resource of a kind as it stands: the seeded ones first (in seed order), then the created ones. */
export function listResources<K extends Ec2Kind>(state: Ec2Sandbox, kind: K): Ec2DataByKind[K][] {
  const out: Ec2DataByKind[K][] = [];
  for (const record of networkOf(state).records) {
    if (record.kind !== kind) continue;
    const over = stored(state, record.id);
    if (over?.deleted) continue;
    out.push((over ?? record).data as Ec2DataByKind[K]);
  }
  const seeded = networkOf(state).byId;
  for (const id of Object.keys(state.ec2Resources ?? {})) {
    const record = stored(state, id)!;
    if (record.kind === kind && !record.deleted && !seeded.has(id)) out.push(record.data as Ec2DataByKind[K]);
  }
  return out;
}

/** One resource by id, if it exists and is of that kind. */
export function findResource<K extends Ec2Kind>(state: Ec2Sandbox, kind: K, id: string): Ec2DataByKind[K] | undefined {
  const record = stored(state, id) ?? networkOf(state).byId.get(id);
  if (!record || record.deleted || record.kind !== kind) return undefined;
  return record.data as Ec2DataByKind[K];
}

export function isSeeded(state: Ec2Sandbox, id: string): boolean {
  return networkOf(state).byId.has(id);
}

/** Stores a resource whole (a new one, or a seeded one's first change). */
export function putResource<K extends Ec2Kind>(state: Ec2Sandbox, kind: K, id: string, data: Ec2DataByKind[K]): void {
  state.ec2Resources[id] = { kind, id, data } as unknown as Ec2ResourceRecord;
}

/**
 * The stored, changeable copy of a resource (on a draft): a seeded one not yet changed is copied in first. Change
 * it in place; the state stores that one document.
 */
export function editResource<K extends Ec2Kind>(state: Ec2Sandbox, kind: K, id: string): Ec2DataByKind[K] {
  if (!stored(state, id)) {
    const seeded = networkOf(state).byId.get(id);
    if (!seeded || seeded.kind !== kind) throw new Error(`no ${kind} ${id} to edit`);
    putResource(state, kind, id, structuredClone(seeded.data) as Ec2DataByKind[K]);
  }
  return state.ec2Resources[id].data as Ec2DataByKind[K];
}

/** Removes a resource: a created one is forgotten, a seeded one leaves a tombstone so the seed no longer shows it. */
export function removeResource(state: Ec2Sandbox, kind: Ec2Kind, id: string): void {
  if (isSeeded(state, id)) state.ec2Resources[id] = { kind, id, data: {}, deleted: true } as unknown as Ec2ResourceRecord;
  else delete state.ec2Resources[id];
}

/** How many stored records of a kind were created (not seeded) and still exist: what the sandbox bounds count. */
export function createdCount(state: Ec2Sandbox, kind: Ec2Kind): number {
  const seeded = networkOf(state).byId;
  let count = 0;
  for (const id of Object.keys(state.ec2Resources ?? {})) {
    const record = stored(state, id)!;
    if (record.kind === kind && !record.deleted && !seeded.has(id)) count += 1;
  }
  return count;
}
