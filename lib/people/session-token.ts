import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/**
 * Anonymous session tokens and the CSRF token bound to each. A session token is `s1.<random>.<mac>`: the MAC over the
 * random part, keyed by the server key, proves the server issued it, so a token a client made up (32 zeros, or one
 * planted by a page on another port of the same host) is refused instead of becoming a learner. The CSRF token is a
 * MAC of the session token, so it needs no storage and is worthless without the HttpOnly cookie it belongs to.
 */
const VERSION = "s1";
const RANDOM_BYTES = 32;
const MAC_BYTES = 16;

const mac = (key: string, purpose: string, value: string, bytes: number) =>
  createHmac("sha256", key).update(`${purpose}\n${value}`).digest().subarray(0, bytes).toString("base64url");

export function issueSessionToken(serverKey: string): string {
  const random = randomBytes(RANDOM_BYTES).toString("base64url");
  return `${VERSION}.${random}.${mac(serverKey, "session", random, MAC_BYTES)}`;
}

/** Whether the server issued this token (its shape and MAC check out). */
export function isIssuedSessionToken(token: string, serverKey: string): boolean {
  const [version, random, given, ...rest] = token.split(".");
  if (version !== VERSION || rest.length > 0 || !random || !given || random.length !== 43) return false;
  return safeEqual(given, mac(serverKey, "session", random, MAC_BYTES));
}

/**
 * Tokens of the form the site issued before they carried a MAC (two UUIDs, 68 characters). They stay valid for
 * learners who already have progress under them; new ones are never accepted (see learnerForSession).
 */
export function isLegacySessionToken(token: string): boolean {
  return /^[0-9a-f-]{36}[0-9a-f]{32}$/.test(token);
}

/** Either form: worth looking up. */
export function isPlausibleSessionToken(token: string, serverKey: string): boolean {
  return isIssuedSessionToken(token, serverKey) || isLegacySessionToken(token);
}

export function csrfTokenFor(sessionToken: string, serverKey: string): string {
  return mac(serverKey, "csrf", sessionToken, 32);
}

export function isCsrfTokenValid(given: string | null | undefined, sessionToken: string, serverKey: string): boolean {
  return typeof given === "string" && safeEqual(given, csrfTokenFor(sessionToken, serverKey));
}

function safeEqual(a: string, b: string): boolean {
  const [x, y] = [Buffer.from(a), Buffer.from(b)];
  return x.length === y.length && timingSafeEqual(x, y);
}
