/**
 * The pending timers: one array, ordered by time, then by when each was scheduled. A transition that changes them
 * takes the array out of its draft once (on a draft array every insert or shift costs a proxy trap per element
 * moved, and an array assigned back into a draft is drafted again when read) and works on that plain queue until
 * `sweepTimers` puts it back, which every transition that may touch timers does last.
 *
 * Cancelling a task's timers does not scan the queue each time (stopping n tasks would cost n × timers): the first
 * cancellation of a transition indexes the queue by id, cancelled timers are skipped when they come due, and
 * `sweepTimers` drops the rest in one pass.
 */
import { current, isDraft } from "mutative";
import type { SandboxState, Timer, TimerStep } from "./state";

interface Queue {
  timers: Timer[];
  /** Each id's timers, built on the first cancellation. */
  byId?: Map<string, Timer[]>;
  cancelled: Set<Timer>;
}

/** Per draft state, hence per transition. */
const queues = new WeakMap<SandboxState, Queue>();

function queueOf(state: SandboxState): Queue {
  let queue = queues.get(state);
  if (!queue) {
    // current() hands back the stored (frozen) array while it is unchanged: the queue is always a copy.
    queue = { timers: [...(isDraft(state.timers) ? current(state.timers) : state.timers)], cancelled: new Set() };
    queues.set(state, queue);
  }
  return queue;
}

/** The timers as they stand in this transition, for reading. */
const pending = (state: SandboxState): readonly Timer[] => queues.get(state)?.timers ?? state.timers;
const isCancelled = (state: SandboxState, timer: Timer) => queues.get(state)?.cancelled.has(timer) === true;

function index(queue: Queue, timer: Timer): void {
  const list = queue.byId?.get(timer.id);
  if (list) list.push(timer);
  else queue.byId?.set(timer.id, [timer]);
}

/** Where a timer at atMs goes: after every timer due at or before it (binary search). */
function insertionPoint(timers: readonly Timer[], atMs: number): number {
  let low = 0;
  let high = timers.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (timers[mid].atMs <= atMs) low = mid + 1;
    else high = mid;
  }
  return low;
}

export function schedule(state: SandboxState, id: string, step: TimerStep, atMs: number, extra: Partial<Timer> = {}): void {
  // A timer at NaN would sort nowhere and stall every later one: learner input never gets that far, but be sure.
  if (!Number.isFinite(atMs)) return;
  const queue = queueOf(state);
  const timer: Timer = { atMs, id, step, ...extra };
  queue.timers.splice(insertionPoint(queue.timers, atMs), 0, timer);
  index(queue, timer);
}

/** Schedules the step unless the same one is already pending for that id at that time. */
export function scheduleOnce(state: SandboxState, id: string, step: TimerStep, atMs: number): void {
  const timers = pending(state);
  for (let i = insertionPoint(timers, atMs) - 1; i >= 0 && timers[i].atMs === atMs; i--) {
    const timer = timers[i];
    if (timer.id === id && timer.step === step && !isCancelled(state, timer)) return;
  }
  schedule(state, id, step, atMs);
}

export function cancelTimers(state: SandboxState, id: string): void {
  const queue = queueOf(state);
  if (!queue.byId) {
    queue.byId = new Map();
    for (const timer of queue.timers) index(queue, timer);
  }
  for (const timer of queue.byId.get(id) ?? []) queue.cancelled.add(timer);
  queue.byId.delete(id);
}

/** When the next timer that was not cancelled comes due; undefined when none does by clockMs. */
export function nextDueAt(state: SandboxState, clockMs: number): number | undefined {
  for (const timer of pending(state)) {
    if (timer.atMs > clockMs) return undefined;
    if (!isCancelled(state, timer)) return timer.atMs;
  }
  return undefined;
}

/** Removes and returns the first timer due at or before atMs that was not cancelled. */
export function takeDue(state: SandboxState, atMs: number): Timer | undefined {
  const first = pending(state)[0];
  if (first === undefined || first.atMs > atMs) return undefined;
  const { timers, cancelled } = queueOf(state);
  while (timers.length > 0 && timers[0].atMs <= atMs) {
    const timer = timers.shift()!;
    if (!cancelled.has(timer)) return timer;
  }
  return undefined;
}

/** Takes the earliest `count` pending timers of a step out of the queue (they are cancelled) and returns them. */
export function takeEarliest(state: SandboxState, step: TimerStep, count: number): Timer[] {
  const queue = queueOf(state);
  const taken: Timer[] = [];
  for (const timer of queue.timers) {
    if (taken.length >= count) break;
    if (timer.step === step && !queue.cancelled.has(timer)) taken.push(timer);
  }
  for (const timer of taken) queue.cancelled.add(timer);
  return taken;
}

/** Drops every timer of the given ids (resources that are removed). */
export function dropTimers(state: SandboxState, ids: Set<string>): void {
  const queue = queueOf(state);
  queue.timers = queue.timers.filter((timer) => !ids.has(timer.id));
  for (const id of ids) queue.byId?.delete(id);
}

/** Puts the queue back into the state without its cancelled timers; the last timer operation of a transition. */
export function sweepTimers(state: SandboxState): void {
  const queue = queues.get(state);
  if (!queue) return;
  queues.delete(state);
  state.timers = queue.cancelled.size > 0 ? queue.timers.filter((timer) => !queue.cancelled.has(timer)) : queue.timers;
}
