/** Name of the cookie that carries the anonymous learner's session token (stored server-side only as a hash). */
export const SESSION_COOKIE = "dojo_session";

/**
 * How the session cookie is set. `Secure` when the browser reached the site over HTTPS, directly or through a
 * TLS-terminating proxy that says so in X-Forwarded-Proto (README "Security"): the app itself then speaks plain HTTP.
 */
export function sessionCookieOptions(protocol: string, forwardedProto: string | null) {
  return {
    httpOnly: true,
    sameSite: "lax" as const,
    path: "/",
    maxAge: 60 * 60 * 24 * 365,
    secure: protocol === "https:" || forwardedProto?.split(",")[0].trim() === "https",
  };
}
