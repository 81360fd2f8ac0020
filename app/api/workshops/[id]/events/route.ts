import { eventStream } from "@/app/_server/event-stream";
import { langOf, workshopGate } from "@/app/_server/workshop-gate";
import { roomSnapshot } from "@/lib/workshop/snapshot";
import { workshopFor } from "@/lib/workshop/store";

/** The instructor's live grid: Server-Sent Events, one `room` event with the whole room after every change. */
export async function GET(request: Request, ctx: RouteContext<"/api/workshops/[id]/events">) {
  const locale = langOf(request);
  const id = (await ctx.params).id;
  const gate = await workshopGate(locale, id);
  if ("response" in gate) return gate.response;
  return eventStream(request, id, async () => {
    // Read again each time: locked, ended and co-instructors change while the page is open, and an instructor removed
    // from the workshop (or the workshop deleted with its owner's account) gets no more of it.
    const workshop = await workshopFor(gate.viewer, id);
    return workshop && roomSnapshot(workshop, locale);
  });
}
