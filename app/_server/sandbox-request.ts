import type { NextResponse } from "next/server";
import type { Locale } from "@/lib/i18n/locales";
import type { LearnerRef } from "@/lib/progress/learners";
import { httpText, localeOf, problem } from "./http";
import { requestLearner } from "./request-learner";

/** Locale and learner for the sandbox console routes. */
export async function sandboxRequest(
  request: Request,
): Promise<{ ok: { locale: Locale; learner: LearnerRef } } | { response: NextResponse }> {
  const locale = localeOf(request);
  const learner = await requestLearner();
  if (!learner) return { response: problem(401, httpText(locale).noSession) };
  return { ok: { locale, learner } };
}
