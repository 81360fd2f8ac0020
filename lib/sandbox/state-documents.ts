/**
 * A sandbox state as documents, one per resource, so that a store writes only what an operation changed: each
 * cluster, task, task note, container instance and service by its key, each task definition revision on its own,
 * each resource of the other services (services/state.ts) likewise, the pending timers in one document per minute of
 * simulated time they are due in (a write that schedules or takes a timer rewrites that minute's, not the whole queue:
 * a busy sandbox has thousands), and one "meta" document with the rest (clock, settings).
 *
 * States are immutable (engine/transition.ts): what changed is found by identity, without serialising anything.
 * Documents come back in the order their keys were first stored, which rebuilds every map in its original order
 * (ListTasks and the scheduler depend on it).
 */
import { createSandboxState, type FamilyRecord, type SandboxState, type TaskDefinitionRecord, type Timer } from "./engine/state";
import { SERVICE_MAPS } from "./services/state";

const MAPS = ["clusters", "tasks", "taskNotes", "containerInstances", "services", ...SERVICE_MAPS] as const;
const FAMILIES = "taskDefinitions";
const TIMERS = "timers";
export const META_KEY = "meta";
/** The span of simulated time one timer document holds (its key: `timers/<floor(atMs / TIMER_SPAN_MS)>`). */
const TIMER_SPAN_MS = 60_000;

type Meta = Omit<SandboxState, (typeof MAPS)[number] | typeof FAMILIES | typeof TIMERS>;

/** A document as stored: `value` is undefined for a resource the state no longer has. */
export interface StoredDocument {
  key: string;
  /** Where the key sits in its map: a key new to the state gets a place after every stored one. */
  position: number;
  value: unknown;
}

/** The positions of a stored state's documents. */
export interface DocumentIndex {
  positions: ReadonlyMap<string, number>;
  nextPosition: number;
  /** Stored before timers had documents of their own (inside meta): the next write stores every timer document. */
  timersInMeta?: boolean;
}

export const EMPTY_INDEX: DocumentIndex = { positions: new Map(), nextPosition: 0 };

interface Change {
  key: string;
  value: unknown;
  /** New to the state, or moved within its map: needs a new position. */
  fresh: boolean;
}

/**
 * The documents to store to go from `before` (stored with `index`; null for a new sandbox) to `after`: the ones
 * added or changed, found by identity, and the removed ones; with the index of `after`.
 */
export function changedDocuments(
  before: SandboxState | null,
  index: DocumentIndex,
  after: SandboxState,
): { documents: StoredDocument[]; index: DocumentIndex } {
  const changes = before ? changesBetween(before, after, index.timersInMeta === true) : { put: allDocuments(after), removed: [] };
  // The index is copied only when a key is placed or removed: most writes change documents that keep their place.
  let positions: Map<string, number> | undefined;
  const placed = () => (positions ??= new Map(index.positions));
  let nextPosition = index.nextPosition;
  const documents = changes.put.map(({ key, value, fresh }): StoredDocument => {
    const known = index.positions.get(key);
    if (!fresh && known !== undefined) return { key, position: known, value };
    const position = nextPosition++;
    placed().set(key, position);
    return { key, position, value };
  });
  for (const key of changes.removed) {
    documents.push({ key, position: index.positions.get(key) ?? 0, value: undefined });
    placed().delete(key);
  }
  if (index.timersInMeta) positions ??= new Map(index.positions);
  return { documents, index: positions ? { positions, nextPosition } : index };
}

/** Rebuilds a state, and its index, from its stored documents (removed ones left out), in any order. */
export function stateOfDocuments(stored: StoredDocument[]): { state: SandboxState; index: DocumentIndex } {
  const documents = [...stored].sort((a, b) => a.position - b.position);
  let meta: Meta | undefined;
  const maps: Record<string, Record<string, unknown>> = Object.fromEntries(MAPS.map((m) => [m, {}]));
  const families: Record<string, FamilyRecord> = {};
  const spans = new Map<number, Timer[]>();
  for (const { key, value } of documents) {
    if (key === META_KEY) {
      meta = value as Meta;
      continue;
    }
    const slash = key.indexOf("/");
    const map = key.slice(0, slash);
    const id = key.slice(slash + 1);
    if (map === TIMERS) {
      spans.set(Number(id), value as Timer[]);
    } else if (map === FAMILIES) {
      const at = id.lastIndexOf("/");
      const family = (families[id.slice(0, at)] ??= { revisions: [] });
      family.revisions[Number(id.slice(at + 1)) - 1] = value as TaskDefinitionRecord;
    } else if (Object.hasOwn(maps, map)) {
      maps[map][id] = value;
    } else {
      throw new Error(`unknown sandbox document ${key}`);
    }
  }
  if (!meta) throw new Error("sandbox documents without a meta document");
  // Timers are ordered by time: their documents, each in its order, in the order of the minutes they cover.
  const timersInMeta = Object.hasOwn(meta, TIMERS);
  const timers = timersInMeta ? (meta as unknown as SandboxState).timers : [...spans.keys()].sort((a, b) => a - b).flatMap((span) => spans.get(span)!);
  // Assigned over a new state so that its members come in their usual order.
  const state = Object.assign(createSandboxState(meta.accountId, meta.region, meta.seed), meta, maps, { [FAMILIES]: families, [TIMERS]: timers });
  const positions = new Map(documents.map((d) => [d.key, d.position]));
  const nextPosition = documents.reduce((n, d) => Math.max(n, d.position + 1), 0);
  return { state, index: { positions, nextPosition, ...(timersInMeta ? { timersInMeta } : {}) } };
}

/**
 * The state `state` (stored with `index`) becomes once the documents written after it are applied: `newer` holds the
 * newest stored document of every key written since (removed ones with an undefined value). Only the maps they touch
 * are copied, so catching up with another process's write costs what it wrote, not the sandbox's size. The result is
 * the state stateOfDocuments would build from all the documents, maps in their order included.
 */
export function withDocuments(state: SandboxState, index: DocumentIndex, newer: StoredDocument[]): { state: SandboxState; index: DocumentIndex } {
  if (index.timersInMeta) throw new Error("a state stored with its timers in meta is read whole");
  const documents = [...newer].sort((a, b) => a.position - b.position);
  const positions = new Map(index.positions);
  let nextPosition = index.nextPosition;
  let meta: Meta | undefined;
  const maps = new Map<string, Record<string, unknown>>();
  const mapOf = (name: string) => {
    let map = maps.get(name);
    if (!map) maps.set(name, (map = { ...(state[name as (typeof MAPS)[number]] as Record<string, unknown>) }));
    return map;
  };
  let families: Record<string, FamilyRecord> | undefined;
  let spans: Map<string, Timer[]> | undefined;
  for (const { key, position, value } of documents) {
    const known = positions.get(key);
    if (value === undefined) positions.delete(key);
    else positions.set(key, position);
    nextPosition = Math.max(nextPosition, position + 1);
    if (key === META_KEY) {
      meta = value as Meta;
      continue;
    }
    const slash = key.indexOf("/");
    const name = key.slice(0, slash);
    const id = key.slice(slash + 1);
    if (name === TIMERS) {
      spans ??= timerSpans(state.timers);
      if (value === undefined) spans.delete(key);
      else spans.set(key, value as Timer[]);
    } else if (name === FAMILIES) {
      families ??= { ...state[FAMILIES] };
      const at = id.lastIndexOf("/");
      const family = id.slice(0, at);
      const revisions = [...(families[family]?.revisions ?? [])];
      if (value === undefined) delete revisions[Number(id.slice(at + 1)) - 1];
      else revisions[Number(id.slice(at + 1)) - 1] = value as TaskDefinitionRecord;
      while (revisions.length > 0 && !(revisions.length - 1 in revisions)) revisions.length--;
      if (revisions.length === 0) delete families[family];
      else families[family] = { ...families[family], revisions };
    } else if ((MAPS as readonly string[]).includes(name)) {
      const map = mapOf(name);
      // A key new to the map, or stored at a new place (removed and added again), goes to its end, as in stateOfDocuments.
      if (value === undefined || known !== position) delete map[id];
      if (value !== undefined) map[id] = value;
    } else {
      throw new Error(`unknown sandbox document ${key}`);
    }
  }
  const timers = spans ? [...spans.keys()].sort((a, b) => spanOf(a) - spanOf(b)).flatMap((key) => spans!.get(key)!) : state.timers;
  const base = meta ?? metaOf(state);
  const next = Object.assign(createSandboxState(base.accountId, base.region, base.seed), base, Object.fromEntries(MAPS.map((m) => [m, maps.get(m) ?? state[m]])), {
    [FAMILIES]: families ?? state[FAMILIES],
    [TIMERS]: timers,
  });
  return { state: next, index: { positions, nextPosition } };
}

const spanOf = (key: string) => Number(key.slice(TIMERS.length + 1));

function allDocuments(state: SandboxState): Change[] {
  const put: Change[] = [{ key: META_KEY, value: metaOf(state), fresh: true }];
  for (const [key, value] of entries(state)) put.push({ key, value, fresh: true });
  for (const [key, value] of timerSpans(state.timers)) put.push({ key, value, fresh: true });
  return put;
}

/**
 * The meta document comes with every change, changed or not: a store may use it to claim the version it writes.
 * `timersInMeta`: `before` was stored with its timers inside meta, so every timer document is new to the store.
 */
function changesBetween(before: SandboxState, after: SandboxState, timersInMeta: boolean): { put: Change[]; removed: string[] } {
  const changes = { put: [] as Change[], removed: [] as string[] };
  for (const map of MAPS) diffMap(map, before[map], after[map], changes);
  if (before[FAMILIES] !== after[FAMILIES]) {
    diffMap(FAMILIES, revisionsOf(before[FAMILIES]), revisionsOf(after[FAMILIES]), changes);
  }
  if (timersInMeta) for (const [key, value] of timerSpans(after.timers)) changes.put.push({ key, value, fresh: true });
  else if (before.timers !== after.timers) diffTimers(timerSpans(before.timers), timerSpans(after.timers), changes);
  if (changes.put.length > 0 || changes.removed.length > 0 || isMetaChanged(before, after)) {
    changes.put.unshift({ key: META_KEY, value: metaOf(after), fresh: false });
  }
  return changes;
}

function metaOf(state: SandboxState): Meta {
  const meta: Record<string, unknown> = { ...state };
  for (const map of [...MAPS, FAMILIES, TIMERS]) delete meta[map];
  return meta as Meta;
}

/** The timers by the minute they are due in, each minute's in queue order (timers.ts keeps the queue by time). */
function timerSpans(timers: readonly Timer[]): Map<string, Timer[]> {
  const spans = new Map<string, Timer[]>();
  for (const timer of timers) {
    const key = `${TIMERS}/${Math.floor(timer.atMs / TIMER_SPAN_MS)}`;
    const span = spans.get(key);
    if (span) span.push(timer);
    else spans.set(key, [timer]);
  }
  return spans;
}

/** Timer documents that changed: a minute whose timers are not the same objects in the same order. */
function diffTimers(before: Map<string, Timer[]>, after: Map<string, Timer[]>, changes: { put: Change[]; removed: string[] }): void {
  for (const [key, timers] of after) {
    const old = before.get(key);
    if (!old || old.length !== timers.length || old.some((timer, i) => timer !== timers[i])) changes.put.push({ key, value: timers, fresh: !old });
  }
  for (const key of before.keys()) if (!after.has(key)) changes.removed.push(key);
}

function isMetaChanged(before: SandboxState, after: SandboxState): boolean {
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  for (const map of [...MAPS, FAMILIES, TIMERS]) names.delete(map);
  for (const name of names) {
    if ((before as unknown as Record<string, unknown>)[name] !== (after as unknown as Record<string, unknown>)[name]) return true;
  }
  return false;
}

function* entries(state: SandboxState): Iterable<[string, unknown]> {
  for (const map of MAPS) for (const [id, value] of Object.entries(state[map])) yield [`${map}/${id}`, value];
  for (const [id, value] of Object.entries(revisionsOf(state[FAMILIES]))) yield [`${FAMILIES}/${id}`, value];
}

/** Task definitions by `<family>/<revision>`: a new revision adds a document instead of rewriting its family. */
function revisionsOf(families: SandboxState["taskDefinitions"]): Record<string, TaskDefinitionRecord> {
  const revisions: Record<string, TaskDefinitionRecord> = {};
  for (const [family, record] of Object.entries(families)) {
    record.revisions.forEach((revision, index) => (revisions[`${family}/${index + 1}`] = revision));
  }
  return revisions;
}

function diffMap(
  map: string,
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  changes: { put: Change[]; removed: string[] },
): void {
  if (before === after) return;
  // Object.keys and plain reads only: a map of thousands of resources is a dictionary-mode object, on which
  // Object.entries costs about twenty times Object.keys (4 ms against 0.2 ms at 5,000 tasks).
  const beforeKeys = Object.keys(before);
  const afterKeys = Object.keys(after);
  // A key deleted and added again within one operation moves to the end of its map, as in JavaScript.
  const moved = orderChanged(beforeKeys, afterKeys, before, after);
  for (const id of afterKeys) {
    const value = after[id];
    const known = Object.hasOwn(before, id);
    if (!known || moved || before[id] !== value) changes.put.push({ key: `${map}/${id}`, value, fresh: !known || moved });
  }
  for (const id of beforeKeys) if (!Object.hasOwn(after, id)) changes.removed.push(`${map}/${id}`);
}

/** Whether the keys both maps share appear in a different order. */
function orderChanged(beforeKeys: string[], afterKeys: string[], before: Record<string, unknown>, after: Record<string, unknown>): boolean {
  let i = 0;
  for (const id of afterKeys) {
    if (!Object.hasOwn(before, id)) continue;
    while (!Object.hasOwn(after, beforeKeys[i])) i++; // removed keys are not in the order
    if (beforeKeys[i++] !== id) return true;
  }
  return false;
}
