import type { NextResponse } from "next/server";
import type { Locale } from "@/lib/i18n/locales";
import type { LearnerRef } from "@/lib/progress/learners";
import { httpText, localeOf, problem, readJsonObject } from "./http";
import { requestLearner } from "./request-learner";

interface SandboxContext {
  locale: Locale;
  learner: LearnerRef;
}

/** Locale and learner for the sandbox console routes. */
export async function sandboxRequest(request: Request): Promise<{ ok: SandboxContext } | { response: NextResponse }> {
  const locale = localeOf(request);
  const learner = await requestLearner();
  if (!learner) return { response: problem(401, httpText(locale).noSession) };
  return { ok: { locale, learner } };
}

/** The same, for routes that take a small JSON object body. */
export async function sandboxPost(
  request: Request,
): Promise<{ ok: SandboxContext & { body: Record<string, unknown> } } | { response: NextResponse }> {
  const ctx = await sandboxRequest(request);
  if ("response" in ctx) return ctx;
  const parsed = await readJsonObject(request, ctx.ok.locale);
  if ("response" in parsed) return parsed;
  return { ok: { ...ctx.ok, body: parsed.body } };
}
