import type { Locale } from "@/lib/i18n/locales";
import { listen } from "./live";
import type { WorkshopEvent } from "./events";
import { roomSnapshot, type RoomSnapshot } from "./snapshot";
import { broadcastsOf, roomRows, type RoomRows, type WorkshopView } from "./store";

/**
 * The rows of a room held in memory while instructors watch it in this process, so that each event costs a read of
 * what it changed, not of the whole room: an event that names a learner (a save, a Check, a hand, a join) re-reads
 * only that learner's rows, batched with the others named since the last read; an event that names nobody (a
 * broadcast, an instructor's action) and the periodic FULL_READ_MS re-read everything. The full re-read also bounds
 * how long an event lost on the way (a dropped LISTEN connection) can leave the grid wrong. Every open stream of the
 * workshop in this process shares one cache, and one snapshot built from it per version and language (snapshot()); the
 * last one to close drops it. The room's last broadcasts are read with the whole room: a broadcast's event names nobody.
 */
export const FULL_READ_MS = 30_000;
/**
 * The instructor's stream sends the room at most this often. A room of 300 makes about 75 events a second (a Check
 * every ~20 s and a save every few seconds each); one frame per event would have the server build, and the browser
 * parse and re-render, the whole grid 75 times a second. Two frames a second leave most of the 2 s the grid may take
 * (issue 17) for reading and sending.
 */
export const ROOM_FRAME_MS = 500;

interface Entry {
  users: number;
  stopListening: () => void;
  cache: RoomCache;
}

type Broadcasts = Awaited<ReturnType<typeof broadcastsOf>>;

class RoomCache {
  private rows: RoomRows | null = null;
  private broadcasts: Broadcasts = [];
  /** Snapshots built from the current version, by language and workshop settings (snapshot()). */
  private built = new Map<string, { at: number; snapshot: Promise<RoomSnapshot> }>();
  private builtVersion = -1;
  private lessonKey = "";
  private readAt = 0;
  private everything = true;
  private readonly changed = new Set<string>();
  private queue: Promise<unknown> = Promise.resolve();
  /** Grows with every read from the database (so a caller can tell whether its events have been read). */
  version = 0;

  note(event: WorkshopEvent): void {
    if (event.learnerId) this.changed.add(event.learnerId);
    else this.everything = true;
  }

  /** The current rows, after reading what changed since the last call (one read at a time, in order). */
  async read(workshop: WorkshopView, now = Date.now()): Promise<RoomRows> {
    return (await this.readVersion(workshop, now)).rows;
  }

  /**
   * The room's snapshot now, shared by the process's streams: built once per version of the rows, language and
   * workshop settings, and again after ROOM_FRAME_MS without a change (statuses such as "stuck" follow the clock).
   */
  async snapshot(workshop: WorkshopView, locale: Locale, now = Date.now()): Promise<RoomSnapshot> {
    const { rows, version, broadcasts } = await this.readVersion(workshop, now);
    if (version !== this.builtVersion) {
      this.built.clear();
      this.builtVersion = version;
    }
    const key = JSON.stringify([locale, workshop.title, workshop.locked, workshop.endedAt, workshop.lessonIds]);
    let entry = this.built.get(key);
    if (!entry || now - entry.at >= ROOM_FRAME_MS) {
      entry = { at: now, snapshot: roomSnapshot(workshop, locale, new Date(now), rows, broadcasts) };
      this.built.set(key, entry);
      entry.snapshot.catch(() => this.built.get(key) === entry && this.built.delete(key));
    }
    return entry.snapshot;
  }

  private readVersion(workshop: WorkshopView, now: number): Promise<{ rows: RoomRows; version: number; broadcasts: Broadcasts }> {
    const next = this.queue.then(async () => {
      const rows = await this.refresh(workshop, now);
      return { rows, version: this.version, broadcasts: this.broadcasts };
    });
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async refresh(workshop: WorkshopView, now: number): Promise<RoomRows> {
    const lessonKey = workshop.lessonIds.join(",");
    if (!this.rows || this.everything || lessonKey !== this.lessonKey || now - this.readAt >= FULL_READ_MS) {
      // Marks first: an event that arrives during the read is read again next time.
      this.everything = false;
      this.changed.clear();
      try {
        [this.rows, this.broadcasts] = await Promise.all([roomRows(workshop), broadcastsOf(workshop.id)]);
      } catch (error) {
        this.everything = true; // read it all again next time
        throw error;
      }
      this.lessonKey = lessonKey;
      this.readAt = now;
      this.version++;
    } else if (this.changed.size > 0) {
      const learnerIds = [...this.changed];
      this.changed.clear();
      const current = this.rows;
      const attemptsSince = current.participants.reduce<Date | null>((min, p) => (!min || p.joinedAt < min ? p.joinedAt : min), null);
      let fresh: RoomRows;
      try {
        fresh = await roomRows(workshop, { learnerIds, attemptsSince });
      } catch (error) {
        for (const id of learnerIds) this.changed.add(id); // read them again next time
        throw error;
      }
      this.rows = mergeRows(current, fresh, new Set(learnerIds));
      this.version++;
    }
    return this.rows;
  }
}

/** `current` with the rows of the learners in `replaced` taken from `fresh` (a learner absent from it left the room). */
export function mergeRows(current: RoomRows, fresh: RoomRows, replaced: Set<string>): RoomRows {
  const keep = <T extends { learnerId: string }>(rows: T[]) => rows.filter((r) => !replaced.has(r.learnerId));
  const freshParticipants = new Map(fresh.participants.map((p) => [p.learnerId, p]));
  const participants = current.participants.flatMap((p) => {
    if (!replaced.has(p.learnerId)) return [p];
    const now = freshParticipants.get(p.learnerId);
    freshParticipants.delete(p.learnerId);
    return now ? [now] : [];
  });
  // Newcomers go last, in the order they joined (the full read's order).
  participants.push(...freshParticipants.values());
  return {
    participants,
    progress: [...keep(current.progress), ...fresh.progress],
    files: [...keep(current.files), ...fresh.files],
    attempts: [...keep(current.attempts), ...fresh.attempts],
  };
}

// On globalThis: one registry per process, whichever bundle of the routes asks.
const globalForRooms = globalThis as unknown as { ecsDojoRooms?: Map<string, Promise<Entry>> };
const rooms = (globalForRooms.ecsDojoRooms ??= new Map());

/** The shared cache of a workshop's room, and the function to call when the stream using it closes. */
export async function openRoom(workshopId: string): Promise<{ cache: RoomCache; release: () => void }> {
  let pending = rooms.get(workshopId);
  if (!pending) {
    const cache = new RoomCache();
    pending = listen(workshopId, (event) => cache.note(event)).then((stopListening) => ({ users: 0, stopListening, cache }));
    rooms.set(workshopId, pending);
    pending.catch(() => rooms.delete(workshopId));
  }
  const entry = await pending;
  // The last stream closed while this one waited: that cache no longer hears events; open a new one.
  if (rooms.get(workshopId) !== pending) return openRoom(workshopId);
  entry.users++;
  let released = false;
  return {
    cache: entry.cache,
    release: () => {
      if (released) return;
      released = true;
      if (--entry.users > 0) return;
      entry.stopListening();
      if (rooms.get(workshopId) === pending) rooms.delete(workshopId);
    },
  };
}

export type { RoomCache };
