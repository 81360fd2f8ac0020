import { cookies, headers } from "next/headers";
import { CLIENT_ADDRESS_HEADER } from "@/lib/people/client-address";
import { sessionLearner, startLearner, type StartOutcome } from "@/lib/people/learner-session";
import { SESSION_COOKIE } from "@/lib/people/session-cookie";
import type { LearnerRef } from "@/lib/progress/learners";
import { serverKey } from "@/lib/server-key";

/** The learner of the current request, if they have started (lib/people/learner-session.ts). */
export async function requestLearner(): Promise<LearnerRef | null> {
  return sessionLearner((await cookies()).get(SESSION_COOKIE)?.value, serverKey(), (await headers()).get("cookie"));
}

/** The learner of a state-changing request, created on their first action (the proxy has checked the request). */
export async function startingLearner(): Promise<StartOutcome> {
  const requestHeaders = await headers();
  const address = requestHeaders.get(CLIENT_ADDRESS_HEADER) ?? "unknown";
  return startLearner((await cookies()).get(SESSION_COOKIE)?.value, address, serverKey(), requestHeaders.get("cookie"));
}
