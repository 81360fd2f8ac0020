import { NextResponse } from "next/server";
import { httpText, MAX_BODY_BYTES, refusedStart } from "@/lib/http/api-messages";
import { readJsonObjectBody } from "@/lib/http/json-body";
import { isLocale, type Locale } from "@/lib/i18n/locales";
import type { LearnerRef } from "@/lib/progress/learners";
import { startingLearner } from "./request-learner";

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
  if (Number(request.headers.get("content-length") ?? 0) > MAX_BODY_BYTES) return { response: problem(413, httpText(locale).tooLarge) };
  const read = await readJsonObjectBody(request.body, locale);
  return "value" in read ? { body: read.value } : { response: problem(read.status, read.message) };
}

/** The learner of a state-changing request, created on their first action; or the answer that says why not. */
export async function actingLearner(locale: Locale): Promise<{ learner: LearnerRef } | { response: NextResponse }> {
  const outcome = await startingLearner();
  if ("learner" in outcome) return outcome;
  const { status, message } = refusedStart(outcome.refused, locale);
  return { response: problem(status, message) };
}
