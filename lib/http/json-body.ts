/** Deepest nesting the site's API takes: its bodies are a few levels deep (files, answers), never more. */
export const MAX_JSON_DEPTH = 32;

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
