import { cookies, headers } from "next/headers";
import { NextResponse } from "next/server";
import type { AccountOutcome, AccountRequest } from "@/lib/people/account-actions";
import { CLIENT_ADDRESS_HEADER } from "@/lib/people/client-address";
import { SESSION_COOKIE, sessionCookieOptions } from "@/lib/people/session-cookie";
import { csrfTokenFor, issueSessionToken, sealSession, sessionFingerprint } from "@/lib/people/session-token";
import { serverKey } from "@/lib/server-key";
import { localeOf, readJsonObject } from "./http";

/** The facts an account action needs, read from the current request. */
export async function accountRequest(request: Request): Promise<AccountRequest> {
  const h = await headers();
  return {
    locale: localeOf(request),
    cookieHeader: h.get("cookie"),
    anonymousToken: (await cookies()).get(SESSION_COOKIE)?.value,
    clientAddress: h.get(CLIENT_ADDRESS_HEADER) ?? "unknown",
    userAgent: h.get("user-agent"),
  };
}

function isHttps(request: Request): boolean {
  return sessionCookieOptions(new URL(request.url).protocol, request.headers.get("x-forwarded-proto")).secure;
}

/**
 * The HTTP answer to an account action. Better Auth's cookies get `Secure` when the browser came over HTTPS (as the
 * anonymous cookie does). After a sign-in, sign-up, sign-out or deletion the anonymous cookie is replaced by a new
 * one, and the body carries what the page needs to go on with it: its CSRF token and the session guard's
 * fingerprint and ticket (components/session-guard.tsx), so the guard does not take the change for an intrusion.
 */
export function accountResponse(request: Request, outcome: AccountOutcome): NextResponse {
  const https = isHttps(request);
  let body = outcome.body;
  let fresh: string | undefined;
  if (outcome.rotate && outcome.status < 400) {
    fresh = issueSessionToken(serverKey());
    body = {
      ...body,
      session: { csrf: csrfTokenFor(fresh, serverKey()), fingerprint: sessionFingerprint(fresh, serverKey()), ticket: sealSession(fresh, serverKey()) },
    };
  }
  const response = NextResponse.json(body, { status: outcome.status, headers: { "Cache-Control": "no-store" } });
  if (fresh) {
    const url = new URL(request.url);
    response.cookies.set(SESSION_COOKIE, fresh, sessionCookieOptions(url.protocol, request.headers.get("x-forwarded-proto")));
  }
  // After cookies.set: it rewrites every Set-Cookie header from its own list, which would drop these.
  for (const cookie of outcome.setCookies) response.headers.append("Set-Cookie", https && !/;\s*secure/i.test(cookie) ? `${cookie}; Secure` : cookie);
  if (outcome.retryAfter) response.headers.set("Retry-After", String(outcome.retryAfter));
  return response;
}

/** A POST account route: read the JSON body, run the action, answer. */
export async function accountPost(
  request: Request,
  action: (req: AccountRequest, body: Record<string, unknown>) => Promise<AccountOutcome>,
): Promise<NextResponse> {
  const req = await accountRequest(request);
  const parsed = await readJsonObject(request, req.locale);
  if ("response" in parsed) return parsed.response;
  return accountResponse(request, await action(req, parsed.body));
}
