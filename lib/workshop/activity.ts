import { announce } from "./live";
import { workshopIdOfLearner } from "./store";

/**
 * Tells a participant's workshop that their work changed (called after a Check and after a draft is saved). Never
 * awaited by the request and never fails it: the learner's save must not wait on the instructor's grid. A Check is
 * always announced; drafts (every few seconds while typing) at most once per DRAFT_EVERY_MS per learner and process,
 * which is enough to turn a cell from "not started" to "working" and to keep "stuck after idle minutes" honest.
 */
const DRAFT_EVERY_MS = 5_000;
const lastDraft = new Map<string, number>();

export function noteLearnerActivity(learnerId: string, kind: "draft" | "check", now = Date.now()): void {
  if (kind === "draft") {
    const last = lastDraft.get(learnerId);
    if (last !== undefined && now - last < DRAFT_EVERY_MS) return;
    if (lastDraft.size > 20_000) lastDraft.clear();
    lastDraft.set(learnerId, now);
  }
  void (async () => {
    const workshopId = await workshopIdOfLearner(learnerId, now);
    if (workshopId) await announce(workshopId, "progress", { at: now, learnerId });
  })().catch((error) => console.error("workshop event failed", error));
}
