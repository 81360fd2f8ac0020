import { NextResponse } from "next/server";
import { localeOf, problem, readJsonObject } from "@/app/_server/http";
import { requestLearner } from "@/app/_server/request-learner";
import { workshopText } from "@/lib/i18n/workshop-ui";
import { announce } from "@/lib/workshop/live";
import { participantOfLearner, setHand } from "@/lib/workshop/store";

/** POST {raised: true|false} — the participant raises or lowers their hand; the instructor's grid shows it live. */
export async function POST(request: Request) {
  const locale = localeOf(request);
  const t = workshopText(locale);
  const parsed = await readJsonObject(request, locale);
  if ("response" in parsed) return parsed.response;
  const learner = await requestLearner();
  const participant = learner ? await participantOfLearner(learner.id) : null;
  if (!participant) return problem(403, t.notParticipant);
  if (participant.workshop.endedAt) return problem(409, t.isEnded);
  const raised = parsed.body.raised === true;
  await setHand(participant.id, raised);
  await announce(participant.workshop.id, "hand", { learnerId: learner!.id });
  return NextResponse.json({ raised });
}
