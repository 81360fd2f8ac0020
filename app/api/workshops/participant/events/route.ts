import { eventStream } from "@/app/_server/event-stream";
import { langOf } from "@/app/_server/workshop-gate";
import { problem } from "@/app/_server/http";
import { requestLearner } from "@/app/_server/request-learner";
import { workshopText } from "@/lib/i18n/workshop-ui";
import { broadcastsOf, participantOfLearner } from "@/lib/workshop/store";

/** The participant's stream: the instructor's messages, their own raised hand, and whether the workshop has ended. */
export async function GET(request: Request) {
  const locale = langOf(request);
  const learner = await requestLearner();
  const participant = learner ? await participantOfLearner(learner.id) : null;
  if (!learner || !participant) return problem(403, workshopText(locale).notParticipant);
  const workshopId = participant.workshop.id;
  return eventStream(
    request,
    workshopId,
    async () => {
      const now = await participantOfLearner(learner.id);
      return {
        handRaised: !!now?.handRaisedAt,
        endedAt: now?.workshop.endedAt?.toISOString() ?? null,
        broadcasts: (await broadcastsOf(workshopId)).map((b) => ({ id: b.id, message: b.message, at: b.createdAt.toISOString() })),
      };
    },
    {
      // A hand raised by someone else changes nothing on this page.
      accept: (event) => event.kind === "broadcast" || event.kind === "settings" || (event.kind === "hand" && (!event.learnerId || event.learnerId === learner.id)),
      refreshMs: 60_000,
    },
  );
}
