import { consume } from "@/lib/limits/rate-limits";
import { findLearnerBySession, learnerForSession, type LearnerRef } from "@/lib/progress/learners";
import { learnerForUser, learnerOfUser, signedInFromCookies } from "./accounts";
import { isIssuedSessionToken, isPlausibleSessionToken } from "./session-token";

/**
 * The learner behind a request's cookies, if they have started: pages and reads never create one, so a crawler or a
 * script that only looks costs no database row and no sandbox. A signed-in account's learner wins over the browser's
 * anonymous one (`cookieHeader` carries the account cookie; lib/people/accounts.ts checks it).
 */
export async function sessionLearner(token: string | undefined, serverKey: string, cookieHeader?: string | null): Promise<LearnerRef | null> {
  const account = await signedInFromCookies(cookieHeader);
  if (account) return learnerOfUser(account.userId);
  if (!token || !isPlausibleSessionToken(token, serverKey)) return null;
  return findLearnerBySession(token);
}

export type StartOutcome = { learner: LearnerRef } | { refused: "no-session" | "too-many" };

/**
 * The learner of a state-changing request (its origin and CSRF token already checked), created on their first
 * action. A signed-in account gets its own learner. Otherwise only a session token this server issued can start a
 * profile, and only so many per client address.
 */
export async function startLearner(token: string | undefined, clientAddress: string, serverKey: string, cookieHeader?: string | null): Promise<StartOutcome> {
  const account = await signedInFromCookies(cookieHeader);
  if (account) return { learner: await learnerForUser(account.userId) };
  const existing = await sessionLearner(token, serverKey);
  if (existing) return { learner: existing };
  if (!token || !isIssuedSessionToken(token, serverKey)) return { refused: "no-session" };
  if (!(await consume("newLearnersPerAddress", clientAddress))) return { refused: "too-many" };
  return { learner: await learnerForSession(token) };
}
