import type { Locale } from "@/lib/i18n/locales";

/** The CSRF token the layout renders for this session (app/[locale]/layout.tsx); the API refuses writes without it. */
function csrfToken(): string {
  return document.querySelector<HTMLMetaElement>('meta[name="dojo-csrf"]')?.content ?? "";
}

/** While the session guard waits for the learner's choice (components/session-guard.tsx), nothing is written. */
let writesHeld = false;
export function setWritesHeld(held: boolean): void {
  writesHeld = held;
}

const HELD = {
  en: "Not saved: this browser's session changed. Choose at the top of the page which session to use.",
  ja: "保存していません: このブラウザのセッションが変わりました。ページ上部で、どちらのセッションを使うか選んでください。",
};

/** Calls the site's own API; failures come back as `{ error: { message } }` in the learner's language. */
export async function postJson<T>(url: string, body: unknown, locale: Locale, { evenWhenHeld = false } = {}): Promise<T> {
  if (writesHeld && !evenWhenHeld) throw new Error(HELD[locale]);
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", "x-dojo-locale": locale, "x-dojo-csrf": csrfToken() },
    body: JSON.stringify(body),
  });
  return readJson<T>(response);
}

/** "no-cache": an answer with an ETag is revalidated, and the browser serves an unchanged one from its cache (a 304, no body). */
export async function getJson<T>(url: string, locale: Locale): Promise<T> {
  return readJson<T>(await fetch(url, { headers: { "x-dojo-locale": locale }, cache: "no-cache" }));
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
