import { NextResponse } from "next/server";
import { localeOf, problem, readJsonObject } from "@/app/_server/http";
import { SESSION_COOKIE, sessionCookieOptions } from "@/lib/people/session-cookie";
import { unsealSession } from "@/lib/people/session-token";
import { serverKey } from "@/lib/server-key";

const BAD_TICKET = {
  en: "This browser's saved session could not be restored (it was not issued by this site). Keep the current session instead.",
  ja: "このブラウザに保存されたセッションを復元できませんでした (このサイトが発行したものではありません)。現在のセッションをお使いください。",
};

/**
 * Puts back the session a ticket was sealed from (components/session-guard.tsx): the way back when a page on another
 * port of this host replaced the session cookie. Behind the proxy's CSRF gate like every other write.
 */
export async function POST(request: Request) {
  const locale = localeOf(request);
  const parsed = await readJsonObject(request, locale);
  if ("response" in parsed) return parsed.response;
  const token = typeof parsed.body.ticket === "string" ? unsealSession(parsed.body.ticket, serverKey()) : null;
  if (!token) return problem(400, BAD_TICKET[locale]);
  const response = NextResponse.json({ restored: true }, { headers: { "Cache-Control": "no-store" } });
  const url = new URL(request.url);
  response.cookies.set(SESSION_COOKIE, token, sessionCookieOptions(url.protocol, request.headers.get("x-forwarded-proto")));
  return response;
}
