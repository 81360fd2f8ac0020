import { eventStream } from "@/app/_server/event-stream";
import { langOf, workshopGate } from "@/app/_server/workshop-gate";
import { openRoom, ROOM_FRAME_MS } from "@/lib/workshop/room-cache";
import { roomSnapshot } from "@/lib/workshop/snapshot";
import { workshopFor } from "@/lib/workshop/store";

/**
 * The instructor's live grid: Server-Sent Events, one `room` event with the whole room after a change, at most one per
 * ROOM_FRAME_MS. The room is read from this process's cache of it, which re-reads only what each event changed.
 */
export async function GET(request: Request, ctx: RouteContext<"/api/workshops/[id]/events">) {
  const locale = langOf(request);
  const id = (await ctx.params).id;
  const gate = await workshopGate(locale, id);
  if ("response" in gate) return gate.response;
  const room = await openRoom(id);
  return eventStream(
    request,
    id,
    async () => {
      // Read again each time: locked, ended and co-instructors change while the page is open, and an instructor removed
      // from the workshop (or the workshop deleted with its owner's account) gets no more of it.
      const workshop = await workshopFor(gate.viewer, id);
      return workshop && roomSnapshot(workshop, locale, new Date(), await room.cache.read(workshop));
    },
    { minIntervalMs: ROOM_FRAME_MS, onClose: room.release },
  );
}
