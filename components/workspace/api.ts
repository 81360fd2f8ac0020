import type { Locale } from "@/lib/i18n/locales";
import type { SandboxClock } from "@/lib/sandbox/gateway/clock";
import type { Moved } from "@/lib/sandbox/moved";
import { sandboxChanged } from "./sandbox-events";

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
export async function postJson<T>(url: string, body: unknown, locale: Locale, { evenWhenHeld = false, keepalive = false } = {}): Promise<T> {
  if (writesHeld && !evenWhenHeld) throw new Error(HELD[locale]);
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", "x-dojo-locale": locale, "x-dojo-csrf": csrfToken() },
    body: JSON.stringify(body),
    // A write the page must not lose when it is left or reloaded at once (the terminal's history).
    keepalive,
  });
  return readJson<T>(response);
}

/** "no-cache": an answer with an ETag is revalidated, and the browser serves an unchanged one from its cache (a 304, no body). */
export async function getJson<T>(url: string, locale: Locale): Promise<T> {
  return readJson<T>(await fetch(url, { headers: { "x-dojo-locale": locale }, cache: "no-cache" }));
}

/** A failure the API explained; `note` says who answered, when the message alone would not (a Run the CLI's checks stopped). */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly note?: string,
  ) {
    super(message);
  }
}

async function readJson<T>(response: Response): Promise<T> {
  const data = (await response.json().catch(() => null)) as ({ error?: { message?: string; note?: string } } & T) | null;
  if (!response.ok || !data) throw new ApiError(data?.error?.message ?? `HTTP ${response.status}`, response.status, data?.error?.note);
  return data;
}

/** What a fast-forward answers: the clock before and after and what changed (app/api/sandbox/advance). */
export interface AdvanceResult {
  seconds: number;
  from: number | null;
  sandboxClock: SandboxClock | null;
  moved: Moved | null;
}

/** Moves the learner's simulated clock (the sandbox's "fast-forward"); every open panel hears of it. */
export async function advanceClock(seconds: number, locale: Locale): Promise<AdvanceResult> {
  const result = await postJson<AdvanceResult>("/api/sandbox/advance", { seconds }, locale);
  sandboxChanged({ clock: result.sandboxClock });
  return result;
}
