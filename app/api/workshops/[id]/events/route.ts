import { eventStream } from "@/app/_server/event-stream";
import { langOf, workshopGate } from "@/app/_server/workshop-gate";
import { openRoom, ROOM_FRAME_MS } from "@/lib/workshop/room-cache";
import { RoomFrames } from "@/lib/workshop/room-frames";
import { workshopFor } from "@/lib/workshop/store";

/**
 * The instructor's live grid: Server-Sent Events, one `room` event after a change, at most one per ROOM_FRAME_MS: the
 * whole room on connect and every FULL_FRAME_MS, otherwise the rows that changed (room-frames.ts). The room is this
 * process's cached snapshot of it, shared by its streams, which re-reads only what each event changed.
 */
export async function GET(request: Request, ctx: RouteContext<"/api/workshops/[id]/events">) {
  const locale = langOf(request);
  const id = (await ctx.params).id;
  const gate = await workshopGate(locale, id);
  if ("response" in gate) return gate.response;
  const room = await openRoom(id);
  const frames = new RoomFrames();
  return eventStream(
    request,
    id,
    async () => {
      // Read again each time: locked, ended and co-instructors change while the page is open, and an instructor removed
      // from the workshop (or the workshop deleted with its owner's account) gets no more of it.
      const workshop = await workshopFor(gate.viewer, id);
      return workshop && frames.next(await room.cache.snapshot(workshop, locale));
    },
    { minIntervalMs: ROOM_FRAME_MS, onClose: room.release },
  );
}
