import { readBodyWithin, type RequestBody } from "@/lib/bounded-body";
import type { Locale } from "@/lib/i18n/locales";
import { httpText, MAX_BODY_BYTES, MAX_JSON_DEPTH } from "./api-messages";

export { MAX_JSON_DEPTH };

export type JsonObjectParse = { value: Record<string, unknown> } | { error: "not-object" | "too-deep" };

/**
 * Parses a request body that must be a JSON object. Nesting is measured before parsing, so a body like 50,000 "["
 * is refused in one linear scan instead of overflowing a recursive walk later. Lone UTF-16 surrogates (JSON allows
 * "\ud800"; UTF-8 and so the database cannot store it) become U+FFFD, so a draft that contains one still saves.
 */
export function parseJsonObject(raw: string): JsonObjectParse {
  if (nestingDepth(raw) > MAX_JSON_DEPTH) return { error: "too-deep" };
  let value: unknown;
  try {
    value = JSON.parse(raw, (_key, item: unknown) => (typeof item === "string" ? wellFormed(item) : item));
  } catch {
    return { error: "not-object" };
  }
  return value && typeof value === "object" && !Array.isArray(value) ? { value: value as Record<string, unknown> } : { error: "not-object" };
}

/** The deepest bracket nesting outside strings (an upper bound for invalid JSON, which JSON.parse then refuses). */
export function nestingDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) deepest = Math.max(deepest, ++depth);
    else if (c === 0x5d || c === 0x7d) depth--;
  }
  return deepest;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function wellFormed(text: string): string {
  return text.replace(LONE_SURROGATE, "\uFFFD");
}

/**
 * Reads an API request's body (at most MAX_BODY_BYTES, never buffering more) as a JSON object, or the 413/400 answer
 * in the learner's language: the Next.js routes (app/_server/http.ts) and the fast lane share it.
 */
export async function readJsonObjectBody(
  body: RequestBody | null | undefined,
  locale: Locale,
): Promise<{ value: Record<string, unknown> } | { status: 400 | 413; message: string }> {
  const t = httpText(locale);
  const raw = await readBodyWithin(body, MAX_BODY_BYTES);
  if (raw === undefined) return { status: 413, message: t.tooLarge };
  const parsed = parseJsonObject(raw);
  if ("value" in parsed) return parsed;
  return { status: 400, message: parsed.error === "too-deep" ? t.tooDeep : t.badJson };
}
