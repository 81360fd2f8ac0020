import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";

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

/**
 * A short public name for a session: pages show it so that the browser can notice when the cookie changed under it
 * (components/session-guard.tsx). It reveals nothing about the token.
 */
export function sessionFingerprint(sessionToken: string, serverKey: string): string {
  return mac(serverKey, "fingerprint", sessionToken, 12);
}

/**
 * A session token sealed (AES-256-GCM) under a key derived from the server key. Cookies are shared by every port of
 * a host, so a page on another port can replace the session cookie; the browser keeps this ticket in the site's own
 * localStorage, which no other origin can read or write, and can trade it back for the session it was issued with.
 */
export function sealSession(sessionToken: string, serverKey: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", ticketKey(serverKey), iv);
  const sealed = Buffer.concat([cipher.update(sessionToken, "utf8"), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString("base64url");
}

/** The session a ticket was sealed from, if the ticket is genuine and holds a session this server issued. */
export function unsealSession(ticket: string, serverKey: string): string | null {
  try {
    const bytes = Buffer.from(ticket, "base64url");
    const decipher = createDecipheriv("aes-256-gcm", ticketKey(serverKey), bytes.subarray(0, 12));
    decipher.setAuthTag(bytes.subarray(12, 28));
    const token = Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString("utf8");
    return isIssuedSessionToken(token, serverKey) ? token : null;
  } catch {
    return null; // tampered, truncated or sealed under another key
  }
}

function ticketKey(serverKey: string): Buffer {
  return createHash("sha256").update(`session-ticket\n${serverKey}`).digest();
}
