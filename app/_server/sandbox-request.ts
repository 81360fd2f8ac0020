import type { NextResponse } from "next/server";
import type { Locale } from "@/lib/i18n/locales";
import type { LearnerRef } from "@/lib/progress/learners";
import { actingLearner, localeOf, readJsonObject } from "./http";
import { requestLearner } from "./request-learner";

interface SandboxContext {
  locale: Locale;
  /** Null for a visitor who has not started: their sandbox is empty and is not created by looking. */
  learner: LearnerRef | null;
}

/** Locale and learner for the sandbox console's reads. */
export async function sandboxRequest(request: Request): Promise<SandboxContext> {
  return { locale: localeOf(request), learner: await requestLearner() };
}

/** The same for routes that change the sandbox and take a small JSON object body; the learner starts here. */
export async function sandboxPost(
  request: Request,
): Promise<{ ok: { locale: Locale; learner: LearnerRef; body: Record<string, unknown> } } | { response: NextResponse }> {
  const locale = localeOf(request);
  const parsed = await readJsonObject(request, locale);
  if ("response" in parsed) return parsed;
  const acting = await actingLearner(locale);
  if ("response" in acting) return acting;
  return { ok: { locale, learner: acting.learner, body: parsed.body } };
}
