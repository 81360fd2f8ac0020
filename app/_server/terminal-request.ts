import type { NextResponse } from "next/server";
import type { Locale } from "@/lib/i18n/locales";
import type { LearnerRef } from "@/lib/progress/learners";
import { fileAreaText, type FileAreaError } from "@/lib/terminal/file-area";
import { actingLearner, localeOf, problem, readJsonObject } from "./http";

export interface TerminalWrite {
  locale: Locale;
  learner: LearnerRef;
  body: Record<string, unknown>;
}

/**
 * The common front half of the terminal's write routes (files, history): locale, the JSON body, the learner. The
 * proxy has already checked that the request comes from the site's own page and is within the session's write rate.
 */
export async function terminalWrite(request: Request): Promise<{ ok: TerminalWrite } | { response: NextResponse }> {
  const locale = localeOf(request);
  const parsed = await readJsonObject(request, locale);
  if ("response" in parsed) return parsed;
  const acting = await actingLearner(locale);
  if ("response" in acting) return acting;
  return { ok: { locale, learner: acting.learner, body: parsed.body } };
}

const STATUS: Record<FileAreaError, number> = { "bad-name": 400, "not-text": 400, "too-large": 413, "too-many": 409, "not-found": 404 };

/** A file-area refusal as the route's answer, in the learner's language. */
export function fileAreaProblem(error: FileAreaError, locale: Locale): NextResponse {
  return problem(STATUS[error], fileAreaText(locale)[error]);
}
