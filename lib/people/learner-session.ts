import { consume } from "@/lib/limits/rate-limits";
import { findLearnerBySession, learnerForSession, type LearnerRef } from "@/lib/progress/learners";
import { isIssuedSessionToken, isPlausibleSessionToken } from "./session-token";

/**
 * The learner behind a session cookie, if they have started: pages and reads never create one, so a crawler or a
 * script that only looks costs no database row and no sandbox.
 */
export async function sessionLearner(token: string | undefined, serverKey: string): Promise<LearnerRef | null> {
  if (!token || !isPlausibleSessionToken(token, serverKey)) return null;
  return findLearnerBySession(token);
}

export type StartOutcome = { learner: LearnerRef } | { refused: "no-session" | "too-many" };

/**
 * The learner of a state-changing request (its origin and CSRF token already checked), created on their first
 * action. Only a session token this server issued can start a profile, and only so many per client address.
 */
export async function startLearner(token: string | undefined, clientAddress: string, serverKey: string): Promise<StartOutcome> {
  const existing = await sessionLearner(token, serverKey);
  if (existing) return { learner: existing };
  if (!token || !isIssuedSessionToken(token, serverKey)) return { refused: "no-session" };
  if (!(await consume("newLearnersPerAddress", clientAddress))) return { refused: "too-many" };
  return { learner: await learnerForSession(token) };
}
