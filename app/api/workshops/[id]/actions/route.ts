import { NextResponse } from "next/server";
import { localeOf, problem, readJsonObject } from "@/app/_server/http";
import { workshopGate } from "@/app/_server/workshop-gate";
import { workshopText } from "@/lib/i18n/workshop-ui";
import { announce } from "@/lib/workshop/live";
import {
  addBroadcast,
  addCoInstructor,
  BROADCAST_MAX,
  endWorkshop,
  isOwner,
  participantIn,
  removeCoInstructor,
  resetParticipantLesson,
  setHand,
  setLocked,
} from "@/lib/workshop/store";

/**
 * POST {action, …} — an instructor's action on one workshop (docs/api.md):
 * lock | unlock | end | broadcast {message} | add-instructor {who} | remove-instructor {who} (the owner only) |
 * reset {participantId, lessonId} | lower-hand {participantId}. An ended workshop is read-only: every action is
 * refused with 409.
 */
export async function POST(request: Request, ctx: RouteContext<"/api/workshops/[id]/actions">) {
  const locale = localeOf(request);
  const t = workshopText(locale);
  const gate = await workshopGate(locale, (await ctx.params).id);
  if ("response" in gate) return gate.response;
  const parsed = await readJsonObject(request, locale);
  if ("response" in parsed) return parsed.response;
  const { workshop } = gate;
  const body = parsed.body;
  if (workshop.endedAt) return problem(409, t.isEnded);
  switch (body.action) {
    case "lock":
    case "unlock":
      await setLocked(workshop.id, body.action === "lock");
      await announce(workshop.id, "settings");
      return NextResponse.json({ locked: body.action === "lock" });
    case "end":
      await endWorkshop(workshop.id);
      await announce(workshop.id, "settings");
      return NextResponse.json({ ended: true });
    case "broadcast": {
      const message = typeof body.message === "string" ? body.message.trim() : "";
      if (!message || [...message].length > BROADCAST_MAX) return problem(400, t.broadcastTooLong(BROADCAST_MAX));
      await addBroadcast(workshop.id, message);
      await announce(workshop.id, "broadcast");
      return NextResponse.json({ sent: true });
    }
    case "add-instructor": {
      const outcome = typeof body.who === "string" && body.who.length <= 200 ? await addCoInstructor(workshop.id, body.who) : "no-such-account";
      if (outcome === "no-such-account") return problem(404, t.coNoAccount);
      if (outcome === "not-instructor") return problem(409, t.coNotInstructor);
      await announce(workshop.id, "settings");
      return NextResponse.json({ added: true });
    }
    case "remove-instructor": {
      if (!isOwner(workshop, gate.viewer.userId)) return problem(403, t.ownerOnly);
      const outcome = typeof body.who === "string" && body.who.length <= 200 ? await removeCoInstructor(workshop.id, body.who) : "no-such-instructor";
      if (outcome === "no-such-instructor") return problem(404, t.coNotHere);
      await announce(workshop.id, "settings");
      return NextResponse.json({ removed: true });
    }
    case "reset":
    case "lower-hand": {
      const participant = typeof body.participantId === "string" ? await participantIn(workshop.id, body.participantId) : null;
      if (!participant) return problem(404, t.noParticipant);
      if (body.action === "lower-hand") {
        await setHand(participant.id, false);
        await announce(workshop.id, "hand");
        return NextResponse.json({ raised: false });
      }
      if (typeof body.lessonId !== "string" || !workshop.lessonIds.includes(body.lessonId)) return problem(400, t.badInput("lessonId", workshop.lessonIds.join(", ")));
      await resetParticipantLesson(participant.learnerId, body.lessonId);
      await announce(workshop.id, "progress");
      return NextResponse.json({ reset: true });
    }
    default:
      return problem(400, t.unknownAction);
  }
}
