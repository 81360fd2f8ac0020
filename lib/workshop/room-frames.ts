/**
 * What the instructor's live stream sends per frame: the whole room on connect and every FULL_FRAME_MS, otherwise only
 * the grid rows that changed since this stream's last frame (with the room's small parts — counts, heat-map, charts,
 * broadcasts — whole). The rows are nearly all of a frame (about 180 KB for 300 participants); a busy room changes a
 * handful of them between two frames, and sending all of them twice a second to every instructor cost the server the
 * serialising and each browser the parsing of the whole room (npm run bench -- room). The periodic full frame bounds
 * what a merge gone wrong in a browser could leave on its screen. Pure: the stream and the page share it.
 */
import type { GridRow } from "./room";
import type { RoomSnapshot } from "./snapshot";

/** A full frame at least this often (and on connect). */
export const FULL_FRAME_MS = 30_000;

export type RoomFrame = (RoomSnapshot & { full: true }) | (Omit<RoomSnapshot, "rows"> & { full: false; rows: GridRow[]; removed: string[] });

// Each row's JSON, once per snapshot: a snapshot is shared by every stream of its workshop in the process.
const rowTexts = new WeakMap<RoomSnapshot, Map<string, string>>();

function textsOf(snapshot: RoomSnapshot): Map<string, string> {
  let texts = rowTexts.get(snapshot);
  if (!texts) rowTexts.set(snapshot, (texts = new Map(snapshot.rows.map((r) => [r.participantId, JSON.stringify(r)]))));
  return texts;
}

/** One stream's frames: remembers what it last sent, to send only what changed. */
export class RoomFrames {
  private sent = new Map<string, string>();
  private fullAt = -Infinity;

  next(snapshot: RoomSnapshot, now = Date.now()): RoomFrame {
    const texts = textsOf(snapshot);
    const previous = this.sent;
    this.sent = texts;
    if (now - this.fullAt >= FULL_FRAME_MS) {
      this.fullAt = now;
      return { ...snapshot, full: true };
    }
    const rows = snapshot.rows.filter((r) => previous.get(r.participantId) !== texts.get(r.participantId));
    const removed = [...previous.keys()].filter((id) => !texts.has(id));
    return { ...snapshot, full: false, rows, removed };
  }
}

/**
 * The room after a frame: a full frame replaces it; otherwise changed rows replace theirs in place, new ones go last
 * (the order the server's room keeps: by joining), removed ones go.
 */
export function mergeFrame(room: RoomSnapshot, frame: RoomFrame): RoomSnapshot {
  const { full, ...rest } = frame;
  if (full) return rest as RoomSnapshot;
  const { removed, rows: changed, ...parts } = rest as Extract<RoomFrame, { full: false }>;
  const fresh = new Map(changed.map((r) => [r.participantId, r]));
  const gone = new Set(removed);
  const rows = room.rows.flatMap((r) => {
    if (gone.has(r.participantId)) return [];
    const now = fresh.get(r.participantId);
    fresh.delete(r.participantId);
    return [now ?? r];
  });
  rows.push(...fresh.values());
  return { ...parts, rows };
}
