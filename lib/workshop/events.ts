import cluster from "node:cluster";
import { EventEmitter } from "node:events";

/**
 * Live workshop events: "something changed in workshop W" (a save, a Check, a raised hand, a join, a broadcast, an
 * instructor's action). Events carry no data, only the workshop, the kind and, when one participant's work changed,
 * their learner id; each listener (an instructor's or a participant's Server-Sent Events stream, app/api/workshops)
 * reads the current state from the database — the instructors' room only the named learner's rows (room-cache.ts) —
 * so an event lost or merged with the next costs nothing but that read.
 *
 * Where the app runs matters, and each case has one standard mechanism:
 * - PostgreSQL (several app instances over one database): NOTIFY on channel `dojo_workshop`, and one LISTEN
 *   connection per process. Every instance hears every event, including its own (PostgreSQL delivers to every
 *   listener, the sender too), so there is one path, not two.
 * - SQLite (one instance, server.ts's process cluster): an EventEmitter in each process, and the cluster's IPC
 *   channel to the primary, which hands the event to every other worker (server.ts `relayWorkshopEvents`).
 *
 * The transports are passed in by the caller that knows the database (lib/workshop/live.ts), so this module stays
 * free of database clients.
 */
export const WORKSHOP_CHANNEL = "dojo_workshop";
export const IPC_KIND = "dojo-workshop-event";

export type WorkshopEventKind = "progress" | "hand" | "join" | "broadcast" | "settings" | "revoked-key";
export interface WorkshopEvent {
  workshopId: string;
  kind: WorkshopEventKind;
  /** When the change happened (ms since epoch). */
  at: number;
  /** Kind "revoked-key" only: a deleted learner's sandbox access key, which every process must stop accepting. */
  accessKeyId?: string;
  /** The participant's learner whose rows changed; absent when the change is the workshop's (or not one learner's). */
  learnerId?: string;
}

/**
 * Not a workshop: the topic on which an account delete tells every process (and every instance on PostgreSQL) to drop
 * the deleted learner's key from its verified-keys cache (app/_server/sandbox.ts). It rides this bus rather than a
 * second one because the bus already reaches every process by the database's own mechanism.
 */
export const REVOKED_KEYS_TOPIC = "dojo:revoked-keys";

export interface EventTransport {
  /** Sends the event to every process (this one included, once). */
  publish(event: WorkshopEvent): Promise<void>;
  /** Starts delivering events to `deliver`; called once per process. */
  start(deliver: (event: WorkshopEvent) => void): Promise<void>;
}

interface Bus {
  emitter: EventEmitter;
  transport: EventTransport | null;
  started: Promise<void> | null;
}

// On globalThis: server.ts's fast lane (which records Checks) and Next's bundled routes (which stream to instructors)
// load separate copies of this module in one process, and must share one bus.
const globalForBus = globalThis as unknown as { ecsDojoWorkshopBus?: Bus };

function bus(): Bus {
  if (!globalForBus.ecsDojoWorkshopBus) {
    const emitter = new EventEmitter();
    emitter.setMaxListeners(0); // one per open stream: a room of instructors and participants
    globalForBus.ecsDojoWorkshopBus = { emitter, transport: null, started: null };
  }
  return globalForBus.ecsDojoWorkshopBus;
}

function deliver(event: WorkshopEvent): void {
  bus().emitter.emit(event.workshopId, event);
}

/** Chooses how events travel; the first caller wins (every caller passes the same kind for one database). */
export function chooseTransport(make: () => EventTransport): Promise<void> {
  const b = bus();
  if (!b.started) {
    b.transport = make();
    b.started = b.transport.start(deliver).catch((error) => {
      b.started = null; // the next publish or subscribe tries again
      throw error;
    });
  }
  return b.started;
}

export async function publish(event: WorkshopEvent): Promise<void> {
  const b = bus();
  await b.started;
  await b.transport!.publish(event);
}

/** Listens to one workshop's events; answers the function that stops listening. */
export function subscribe(workshopId: string, listener: (event: WorkshopEvent) => void): () => void {
  const emitter = bus().emitter;
  emitter.on(workshopId, listener);
  return () => emitter.off(workshopId, listener);
}

/** Within one process (and, in a cluster worker, to the others through the primary). */
export function processTransport(): EventTransport {
  let deliverHere: (event: WorkshopEvent) => void = () => {};
  return {
    async start(d) {
      deliverHere = d;
      if (cluster.isWorker) {
        process.on("message", (message: unknown) => {
          if (isIpcEvent(message)) d(message.event);
        });
      }
    },
    async publish(event) {
      deliverHere(event);
      if (cluster.isWorker && process.send) process.send({ kind: IPC_KIND, event });
    },
  };
}

export function isIpcEvent(message: unknown): message is { kind: typeof IPC_KIND; event: WorkshopEvent } {
  return !!message && typeof message === "object" && (message as { kind?: unknown }).kind === IPC_KIND;
}

export function parseEvent(text: string): WorkshopEvent | null {
  try {
    const value = JSON.parse(text);
    if (typeof value?.workshopId === "string" && typeof value?.kind === "string" && typeof value?.at === "number") {
      return {
        workshopId: value.workshopId,
        kind: value.kind,
        at: value.at,
        ...(typeof value.learnerId === "string" ? { learnerId: value.learnerId } : {}),
        ...(typeof value.accessKeyId === "string" ? { accessKeyId: value.accessKeyId } : {}),
      };
    }
  } catch {
    // not one of ours
  }
  return null;
}
