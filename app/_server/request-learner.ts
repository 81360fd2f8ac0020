import { cookies } from "next/headers";
import { learnerForSession, type LearnerRef } from "@/lib/progress/learners";
import { SESSION_COOKIE } from "@/lib/progress/session-cookie";

/** The learner of the current request (the proxy guarantees the session cookie on pages and /api). */
export async function requestLearner(): Promise<LearnerRef | null> {
  const token = (await cookies()).get(SESSION_COOKIE)?.value;
  if (!token || token.length < 32 || token.length > 128) return null;
  return learnerForSession(token);
}
