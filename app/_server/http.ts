import { NextResponse } from "next/server";
import { readBodyWithin } from "@/lib/bounded-body";
import { httpText, MAX_BODY_BYTES } from "@/lib/http/api-messages";
import { parseJsonObject } from "@/lib/http/json-body";
import { isLocale, type Locale } from "@/lib/i18n/locales";
import type { LearnerRef } from "@/lib/progress/learners";
import { startingLearner } from "./request-learner";

export { httpText, MAX_BODY_BYTES };

export function localeOf(request: Request): Locale {
  const fromHeader = request.headers.get("x-dojo-locale");
  return isLocale(fromHeader) ? fromHeader : "en";
}

export function problem(status: number, message: string) {
  return NextResponse.json({ error: { message } }, { status });
}

/** Reads a small JSON object body; answers 400/413 with a message in the learner's language otherwise. */
export async function readJsonObject(
  request: Request,
  locale: Locale,
): Promise<{ body: Record<string, unknown> } | { response: NextResponse }> {
  const t = httpText(locale);
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > MAX_BODY_BYTES) return { response: problem(413, t.tooLarge) };
  const raw = await readBodyWithin(request.body, MAX_BODY_BYTES);
  if (raw === undefined) return { response: problem(413, t.tooLarge) };
  const parsed = parseJsonObject(raw);
  if ("value" in parsed) return { body: parsed.value };
  return { response: problem(400, parsed.error === "too-deep" ? t.tooDeep : t.badJson) };
}



/** The learner of a state-changing request, created on their first action; or the answer that says why not. */
export async function actingLearner(locale: Locale): Promise<{ learner: LearnerRef } | { response: NextResponse }> {
  const outcome = await startingLearner();
  if ("learner" in outcome) return outcome;
  const t = httpText(locale);
  return outcome.refused === "too-many"
    ? { response: problem(429, t.tooManyLearners) }
    : { response: problem(401, t.noSession) };
}
