import { NextResponse } from "next/server";
import { readBodyWithin } from "@/lib/bounded-body";
import { isLocale, type Locale } from "@/lib/i18n/locales";

/** Largest body the site's own API accepts: a task definition is at most 64 KiB, leave room for JSON escaping. */
export const MAX_BODY_BYTES = 256 * 1024;

const MESSAGES = {
  en: {
    tooLarge: `The request is larger than ${MAX_BODY_BYTES / 1024} KiB. A task definition is at most 64 KiB; shorten the text.`,
    badJson: "The request body must be JSON.",
    badField: (field: string) => `The request needs "${field}" as text.`,
    noSession: "Your session cookie is missing. Reload the page to get a new one.",
  },
  ja: {
    tooLarge: `リクエストが ${MAX_BODY_BYTES / 1024} KiB を超えています。タスク定義は最大 64 KiB です。テキストを短くしてください。`,
    badJson: "リクエスト本文は JSON にしてください。",
    badField: (field: string) => `リクエストには文字列の "${field}" が必要です。`,
    noSession: "セッション Cookie がありません。ページを再読み込みしてください。",
  },
};

export function httpText(locale: Locale) {
  return MESSAGES[locale];
}

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
  try {
    const body: unknown = JSON.parse(raw);
    if (body && typeof body === "object" && !Array.isArray(body)) return { body: body as Record<string, unknown> };
  } catch {
    // fall through to the same answer as a non-object body
  }
  return { response: problem(400, t.badJson) };
}

export function textField(
  body: Record<string, unknown>,
  field: string,
  locale: Locale,
): { value: string } | { response: NextResponse } {
  const value = body[field];
  return typeof value === "string" ? { value } : { response: problem(400, httpText(locale).badField(field)) };
}

