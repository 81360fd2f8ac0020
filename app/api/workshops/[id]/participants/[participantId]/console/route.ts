import { NextResponse } from "next/server";
import { problem } from "@/app/_server/http";
import { consoleReader } from "@/app/_server/sandbox";
import { langOf, workshopGate } from "@/app/_server/workshop-gate";
import { workshopText } from "@/lib/i18n/workshop-ui";
import { consoleSnapshot } from "@/lib/sandbox/console";
import { participantIn } from "@/lib/workshop/store";

/**
 * GET [?cluster=] — a participant's sandbox as their console shows it, for the drill-down's read-only console.
 * Instructors of the workshop and admins only. GET is the only method: the view reads and never writes, whatever a
 * page sends (any other method is answered 405).
 */
export async function GET(request: Request, ctx: RouteContext<"/api/workshops/[id]/participants/[participantId]/console">) {
  const locale = langOf(request);
  const { id, participantId } = await ctx.params;
  const gate = await workshopGate(locale, id);
  if ("response" in gate) return gate.response;
  const participant = await participantIn(gate.workshop.id, participantId);
  if (!participant) return problem(404, workshopText(locale).noParticipant);
  const snapshot = await consoleSnapshot(await consoleReader(participant.learner), new URL(request.url).searchParams.get("cluster"));
  return NextResponse.json(snapshot, { headers: { "Cache-Control": "no-store" } });
}
