import { NextResponse, type NextRequest } from "next/server";
import { stateChangeRefusal } from "@/lib/http/csrf";
import { contentSecurityPolicy } from "@/lib/http/security-headers";
import { isLocale, negotiateLocale, type Locale } from "@/lib/i18n/locales";
import { SESSION_COOKIE, sessionCookieOptions } from "@/lib/people/session-cookie";
import { isIssuedSessionToken, isLegacySessionToken, issueSessionToken } from "@/lib/people/session-token";
import { findLearnerBySession } from "@/lib/progress/learners";
import { serverKey } from "@/lib/server-key";

const SAFE_METHODS = new Set(["GET", "HEAD"]);
const NONCE_HEADER = "x-nonce";

/**
 * Before any page or API route runs:
 * - "/" and other unlocalised paths go to the learner's language;
 * - a state-changing API request must come from one of the site's own pages (lib/http/csrf.ts) and within the
 *   per-session write rate, or it is refused before a route sees it — and never given a session;
 * - a page view gets this view's CSP nonce and, if it has no session this server issued, a new session cookie (pages
 *   cannot set cookies while rendering). Only page views mint sessions, so a cross-site form post can never replace
 *   a learner's cookie. The learner row itself is created on their first action (app/_server/request-learner.ts).
 */
export async function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  if (pathname.startsWith("/api/")) {
    if (SAFE_METHODS.has(request.method) || isBearerApiCall(request)) return NextResponse.next();
    return guardStateChange(request);
  }
  if (!SAFE_METHODS.has(request.method)) {
    return new NextResponse(null, { status: 405, headers: { Allow: "GET, HEAD" } });
  }
  const first = pathname.split("/")[1];
  if (!isLocale(first)) {
    const locale = request.cookies.get("dojo_locale")?.value;
    const target = isLocale(locale) ? locale : negotiateLocale(request.headers.get("accept-language"));
    return NextResponse.redirect(new URL(`/${target}${pathname === "/" ? "" : pathname}`, request.url));
  }
  return pageView(request);
}

/**
 * Instructors' scripts call the workshop API with a personal API token (docs/api.md). CSRF rides on credentials a
 * browser attaches by itself (cookies); an Authorization header is never attached by a browser to a request from
 * another site (it would need a CORS preflight, which this site never grants), so such a request is no CSRF risk and
 * skips the page-token gate. Its route then authenticates the token alone and ignores cookies
 * (app/_server/workshop-gate.ts). Only the instructor routes take tokens: joining and raising a hand stay page-only.
 */
const BEARER_ROUTES = /^\/api\/workshops(\/[^/]+\/actions)?$/;
function isBearerApiCall(request: NextRequest): boolean {
  return BEARER_ROUTES.test(request.nextUrl.pathname) && /^Bearer\s/i.test(request.headers.get("authorization") ?? "");
}

async function guardStateChange(request: NextRequest) {
  const locale: Locale = isLocale(request.headers.get("x-dojo-locale")) ? (request.headers.get("x-dojo-locale") as Locale) : "en";
  const refusal = await stateChangeRefusal((name) => request.headers.get(name), request.cookies.get(SESSION_COOKIE)?.value, locale, serverKey());
  if (!refusal) return NextResponse.next();
  return NextResponse.json({ error: { message: refusal.message } }, { status: refusal.status, headers: { "Cache-Control": "no-store", ...refusal.headers } });
}

/** A session this server issued stays; one of the old unsigned form stays only if a learner already uses it. */
async function isKept(token: string | undefined): Promise<boolean> {
  if (!token) return false;
  if (isIssuedSessionToken(token, serverKey())) return true;
  return isLegacySessionToken(token) && (await findLearnerBySession(token)) !== null;
}

async function pageView(request: NextRequest) {
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const csp = contentSecurityPolicy(nonce, { dev: process.env.NODE_ENV === "development" });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set(NONCE_HEADER, nonce);
  requestHeaders.set("content-security-policy", csp);

  // A frame or subresource load from another site arrives without the cookie; only a page the learner navigates to
  // (or a client that does not say, like curl) is a reason to start a session.
  const dest = request.headers.get("sec-fetch-dest");
  const mayIssue = dest === null || dest === "document";
  const token = mayIssue && !(await isKept(request.cookies.get(SESSION_COOKIE)?.value)) ? issueSessionToken(serverKey()) : undefined;
  if (token) {
    // The page renders with the new cookie already in place (its CSRF token is derived from it).
    const cookies = (requestHeaders.get("cookie") ?? "").split(/;\s*/).filter((c) => c && !c.startsWith(`${SESSION_COOKIE}=`));
    requestHeaders.set("cookie", [...cookies, `${SESSION_COOKIE}=${token}`].join("; "));
  }
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", csp);
  if (token) {
    response.cookies.set(SESSION_COOKIE, token, sessionCookieOptions(request.nextUrl.protocol, request.headers.get("x-forwarded-proto")));
  }
  return response;
}

export const config = {
  // Pages and the site's own API; not the AWS endpoint (it authenticates with SigV4), not static files, not health.
  matcher: ["/((?!aws|_next/|favicon|api/health|.*\\.[a-z0-9]+$).*)"],
};
