import { cookies, headers } from "next/headers";
import { consume } from "@/lib/limits/rate-limits";
import { isIssuedSessionToken, isPlausibleSessionToken } from "@/lib/people/session-token";
import { SESSION_COOKIE } from "@/lib/people/session-cookie";
import { CLIENT_ADDRESS_HEADER } from "@/lib/people/client-address";
import { findLearnerBySession, learnerForSession, type LearnerRef } from "@/lib/progress/learners";
import { serverKey } from "@/lib/server-key";

/**
 * The learner of the current request, if they have started: pages and reads never create one, so a crawler or a
 * script that only looks costs no database row and no sandbox.
 */
export async function requestLearner(): Promise<LearnerRef | null> {
  const token = (await cookies()).get(SESSION_COOKIE)?.value;
  if (!token || !isPlausibleSessionToken(token, serverKey())) return null;
  return findLearnerBySession(token);
}

export type StartOutcome = { learner: LearnerRef } | { refused: "no-session" | "too-many" };

/**
 * The learner of a state-changing request (the proxy has checked its origin and CSRF token), created on their first
 * action. Only a session token this server issued can start a profile, and only so many per client address.
 */
export async function startingLearner(): Promise<StartOutcome> {
  const token = (await cookies()).get(SESSION_COOKIE)?.value;
  if (!token) return { refused: "no-session" };
  const existing = isPlausibleSessionToken(token, serverKey()) && (await findLearnerBySession(token));
  if (existing) return { learner: existing };
  if (!isIssuedSessionToken(token, serverKey())) return { refused: "no-session" };
  const address = (await headers()).get(CLIENT_ADDRESS_HEADER) ?? "unknown";
  if (!(await consume("newLearnersPerAddress", address))) return { refused: "too-many" };
  return { learner: await learnerForSession(token) };
}
