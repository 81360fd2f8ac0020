import type { Locale } from "@/lib/i18n/locales";

/** The CSRF token the layout renders for this session (app/[locale]/layout.tsx); the API refuses writes without it. */
function csrfToken(): string {
  return document.querySelector<HTMLMetaElement>('meta[name="dojo-csrf"]')?.content ?? "";
}

/** Calls the site's own API; failures come back as `{ error: { message } }` in the learner's language. */
export async function postJson<T>(url: string, body: unknown, locale: Locale): Promise<T> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", "x-dojo-locale": locale, "x-dojo-csrf": csrfToken() },
    body: JSON.stringify(body),
  });
  return readJson<T>(response);
}

export async function getJson<T>(url: string, locale: Locale): Promise<T> {
  return readJson<T>(await fetch(url, { headers: { "x-dojo-locale": locale }, cache: "no-store" }));
}

async function readJson<T>(response: Response): Promise<T> {
  const data = (await response.json().catch(() => null)) as ({ error?: { message?: string } } & T) | null;
  if (!response.ok || !data) throw new Error(data?.error?.message ?? `HTTP ${response.status}`);
  return data;
}

/** Moves the learner's simulated clock (the sandbox's "fast-forward"). */
export function advanceClock(seconds: number, locale: Locale): Promise<unknown> {
  return postJson("/api/sandbox/advance", { seconds }, locale);
}
