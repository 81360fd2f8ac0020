import { NextResponse, type NextRequest } from "next/server";
import { SESSION_COOKIE } from "@/lib/progress/session-cookie";
import { isLocale, negotiateLocale } from "@/lib/i18n/locales";

// Two jobs before any page renders: send "/" to the learner's language, and give every visitor an anonymous
// session cookie (pages cannot set cookies while rendering). The learner row is created on first use.
export function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  const first = pathname.split("/")[1];
  if (!isLocale(first) && !pathname.startsWith("/api/")) {
    const locale = request.cookies.get("dojo_locale")?.value;
    const target = isLocale(locale) ? locale : negotiateLocale(request.headers.get("accept-language"));
    return NextResponse.redirect(new URL(`/${target}${pathname === "/" ? "" : pathname}`, request.url));
  }
  if (request.cookies.get(SESSION_COOKIE)?.value) return NextResponse.next();

  const token = crypto.randomUUID() + crypto.randomUUID().replaceAll("-", "");
  request.cookies.set(SESSION_COOKIE, token);
  const response = NextResponse.next({ request: { headers: request.headers } });
  response.cookies.set(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    maxAge: 60 * 60 * 24 * 365,
    secure: request.nextUrl.protocol === "https:",
  });
  return response;
}

export const config = {
  // Pages and the site's own API; not the AWS endpoint (it authenticates with SigV4), not static files.
  matcher: ["/((?!aws|_next/|favicon|.*\\.[a-z0-9]+$).*)"],
};
