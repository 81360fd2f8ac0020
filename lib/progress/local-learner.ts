import { createHmac } from "node:crypto";
import { serverKey } from "@/lib/server-key";
import { learnerForSession, type LearnerRef } from "./learners";

/**
 * The learner of whoever runs the server: the one `ecs-dojo credentials` prints keys for. It is an ordinary learner
 * row behind a session token derived from the server key, so it is the same learner on every run, and nobody
 * without the server key can present its session cookie in a browser.
 */
export function localLearner(): Promise<LearnerRef> {
  return learnerForSession(localSessionToken());
}

function localSessionToken(): string {
  return createHmac("sha256", serverKey()).update("ecs-dojo local learner").digest("hex");
}
