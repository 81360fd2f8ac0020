import { describe, expect, it } from "vitest";
import type { GridRow } from "@/lib/workshop/room";
import { FULL_FRAME_MS, mergeFrame, RoomFrames, type RoomFrame } from "@/lib/workshop/room-frames";
import type { RoomSnapshot } from "@/lib/workshop/snapshot";

const row = (id: string, attempts = 0, hand: string | null = null): GridRow => ({
  participantId: id,
  displayName: `Participant ${id}`,
  handRaisedAt: hand,
  cells: { L101: { status: attempts ? "working" : "not-started", checks: {}, failedChecks: attempts, attempts } },
});

const snapshot = (rows: GridRow[], message = "hello"): RoomSnapshot => ({
  at: "2026-12-07T12:00:00.000Z",
  workshop: { id: "w", title: "Room", locked: false, endedAt: null },
  lessons: [{ id: "L101", title: "Lesson", checks: [] }],
  rows,
  counts: { "not-started": rows.length, working: 0, stuck: 0, done: 0 },
  heat: { L101: [] },
  charts: { progress: [], minutesPerLesson: [] },
  broadcasts: [{ message, at: "2026-12-07T12:00:00.000Z" }],
});

/** What a browser shows after the frames: the page's merge over the frames as JSON travels them. */
const browser = (start: RoomSnapshot) => {
  let room = start;
  return { see: (frame: RoomFrame) => (room = mergeFrame(room, JSON.parse(JSON.stringify(frame)))), now: () => room };
};

describe("the instructor stream's frames", () => {
  it("send the whole room first, then only the rows that changed, new or gone, and the page's merge equals the room", () => {
    const frames = new RoomFrames();
    const t0 = 1_000_000;
    const first = snapshot([row("a"), row("b"), row("c")]);
    const page = browser(snapshot([]));
    const f1 = frames.next(first, t0);
    expect(f1.full).toBe(true);
    expect(page.see(f1)).toEqual(first);

    // b made an attempt, c raised a hand, d joined; a is as it was and is not sent.
    const second = snapshot([row("a"), row("b", 1), row("c", 0, "2026-12-07T12:01:00.000Z"), row("d")], "later");
    const f2 = frames.next(second, t0 + 500);
    expect(f2.full).toBe(false);
    expect(f2.rows.map((r) => r.participantId)).toEqual(["b", "c", "d"]);
    expect(page.see(f2)).toEqual(second);

    // Nothing changed: no rows at all, the small parts whole.
    const f3 = frames.next(snapshot(second.rows.map((r) => ({ ...r })), "later"), t0 + 1000);
    expect(f3).toMatchObject({ full: false, rows: [], removed: [] });
    expect(page.see(f3)).toEqual(second);

    // a left the room (joined another workshop): named as removed, gone from the page, the order kept.
    const fourth = snapshot([row("b", 2), row("c"), row("d")]);
    const f4 = frames.next(fourth, t0 + 1500);
    expect(f4).toMatchObject({ full: false, removed: ["a"] });
    expect(page.see(f4)).toEqual(fourth);
    expect(JSON.stringify(f4).length).toBeLessThan(JSON.stringify({ ...fourth, full: true }).length);
  });

  it("send the whole room again every FULL_FRAME_MS, and every stream keeps its own account of what it sent", () => {
    const t0 = 5_000_000;
    const room = snapshot([row("a"), row("b")]);
    const early = new RoomFrames();
    const late = new RoomFrames();
    expect(early.next(room, t0).full).toBe(true);
    expect(early.next(room, t0 + FULL_FRAME_MS - 1).full).toBe(false);
    // A stream opened later (another instructor) starts with the whole room, though the snapshot is shared.
    expect(late.next(room, t0 + FULL_FRAME_MS - 1)).toMatchObject({ full: true, rows: room.rows });
    expect(early.next(room, t0 + FULL_FRAME_MS)).toMatchObject({ full: true, rows: room.rows });
  });
});
