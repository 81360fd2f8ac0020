import { consume } from "@/lib/limits/rate-limits";
import { isCsrfTokenValid, isPlausibleSessionToken } from "@/lib/people/session-token";
import type { Locale } from "@/lib/i18n/locales";

/** The header the site's pages send their CSRF token in (a custom header also forces a CORS preflight). */
export const CSRF_HEADER = "x-dojo-csrf";

export type CsrfRefusal = "cross-origin" | "no-session" | "bad-token";

export interface StateChangingRequest {
  /** The Host header: the origin this server is reached at. */
  host: string | null;
  origin: string | null;
  secFetchSite: string | null;
  csrfToken: string | null;
  sessionToken: string | undefined;
}

/**
 * Whether a request that changes state may proceed: it must come from one of this site's own pages. Three
 * independent locks, because each alone has a gap: Sec-Fetch-Site (modern browsers; "same-site" is refused too,
 * since a page on another port of this host is same-site), Origin (older browsers; compared by host and port), and
 * a token only the site's own page can read, bound to the HttpOnly session cookie.
 */
export function csrfRefusal(request: StateChangingRequest, serverKey: string): CsrfRefusal | null {
  if (request.secFetchSite !== null && request.secFetchSite !== "same-origin") return "cross-origin";
  if (request.origin !== null && !sameHost(request.origin, request.host)) return "cross-origin";
  const token = request.sessionToken;
  if (!token || !isPlausibleSessionToken(token, serverKey)) return "no-session";
  return isCsrfTokenValid(request.csrfToken, token, serverKey) ? null : "bad-token";
}

function sameHost(origin: string, host: string | null): boolean {
  try {
    return host !== null && new URL(origin).host === host.toLowerCase();
  } catch {
    return false; // "null" (sandboxed frames, some redirects) or garbage
  }
}

export const CSRF_MESSAGES: Record<Locale, Record<CsrfRefusal | "rate", string>> = {
  en: {
    "cross-origin": "This request did not come from an ECS Dojo page, so it was refused. Use the page itself.",
    "no-session": "Your session is missing or was not issued by this site. Reload the page to get one, then try again.",
    "bad-token": "This page is out of date (its security token does not match your session). Reload the page, then try again.",
    rate: "Too many changes in a short time. Wait a minute, then try again.",
  },
  ja: {
    "cross-origin": "ECS Dojo のページ以外から送られたリクエストのため、拒否しました。ページから操作してください。",
    "no-session": "セッションがないか、このサイトが発行したものではありません。ページを再読み込みしてから、もう一度お試しください。",
    "bad-token": "ページの情報が古くなっています (セキュリティトークンがセッションと一致しません)。ページを再読み込みしてから、もう一度お試しください。",
    rate: "短時間に変更が多すぎます。1 分ほど待ってから、もう一度お試しください。",
  },
};

/**
 * The gate every state-changing API request passes before its route runs (proxy.ts for Next.js routes, server.ts's
 * fast lane for its own): from the site's own page, then within the session's write rate. `header` reads a request
 * header (null when absent). Null = go ahead.
 */
export async function stateChangeRefusal(
  header: (name: string) => string | null,
  sessionToken: string | undefined,
  locale: Locale,
  serverKey: string,
): Promise<{ status: number; message: string; headers: Record<string, string> } | null> {
  const request = {
    host: header("host"),
    origin: header("origin"),
    secFetchSite: header("sec-fetch-site"),
    csrfToken: header(CSRF_HEADER),
    sessionToken,
  };
  const refusal = csrfRefusal(request, serverKey);
  if (refusal) return { status: refusal === "no-session" ? 401 : 403, message: CSRF_MESSAGES[locale][refusal], headers: {} };
  if (!(await consume("writesPerSession", sessionToken!))) return { status: 429, message: CSRF_MESSAGES[locale].rate, headers: { "Retry-After": "60" } };
  return null;
}
