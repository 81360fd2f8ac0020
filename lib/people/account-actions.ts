import { accountText } from "@/lib/i18n/account-ui";
import type { Locale } from "@/lib/i18n/locales";
import { consumeStored, resetStored } from "@/lib/limits/rate-limits";
import { db } from "@/lib/progress/db";
import { forgetLearner } from "@/lib/progress/learners";
import { attachAnonymousLearner, deleteAccount, NO_EMAIL_DOMAIN, signedInFromCookies, type SignedIn } from "./accounts";
import { auth } from "./auth";
import { PASSWORD_MAX, PASSWORD_MIN } from "./password-rule";

/**
 * What the account routes do (app/api/account/*), free of the web framework: each takes the request's facts and
 * answers a status, a JSON body and the cookies Better Auth set. The route adds the rest (a fresh anonymous session
 * cookie after every sign-in, sign-up and sign-out, so no cookie from before a sign-in is valid after it).
 * Every route is behind the CSRF gate (proxy.ts) before it gets here.
 */
export interface AccountRequest {
  locale: Locale;
  cookieHeader: string | null;
  /** The anonymous session cookie (lib/people/session-cookie.ts). */
  anonymousToken: string | undefined;
  clientAddress: string;
  userAgent: string | null;
}

export interface AccountOutcome {
  status: number;
  body: Record<string, unknown>;
  /** Set-Cookie header values from Better Auth. */
  setCookies: string[];
  /** The anonymous cookie must be replaced (sign-in, sign-up, sign-out, delete). */
  rotate?: boolean;
  retryAfter?: number;
}

const USERNAME = /^[a-zA-Z0-9_.]{3,30}$/;
// Deliberately loose: one "@", something on each side, a dot in the domain. The address is never mailed.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const fail = (status: number, message: string, extra: Partial<AccountOutcome> = {}): AccountOutcome => ({
  status,
  body: { error: { message } },
  setCookies: [],
  ...extra,
});

/** Headers Better Auth sees: the cookies (for the session), the user agent and address it records on the session. */
function authHeaders(request: AccountRequest): Headers {
  const headers = new Headers();
  if (request.cookieHeader) headers.set("cookie", request.cookieHeader);
  if (request.userAgent) headers.set("user-agent", request.userAgent);
  headers.set("x-forwarded-for", request.clientAddress);
  return headers;
}

/**
 * Better Auth's refusals (wrong password, name taken…) as status and code. Checked by shape, not `instanceof`: the
 * Next.js build can hold two copies of the class (the one the library throws and the one this module would import).
 */
function refusal(error: unknown): { status: string; code: string } | null {
  if (typeof error !== "object" || error === null || (error as { name?: unknown }).name !== "APIError") return null;
  const { status, body } = error as { status?: unknown; body?: { code?: unknown } };
  return { status: String(status ?? ""), code: typeof body?.code === "string" ? body.code : "" };
}

const text = (value: unknown) => (typeof value === "string" ? value : "");

/** The password rule, checked here so the learner reads it in their language (Better Auth checks it again). */
function passwordProblem(locale: Locale, password: string, names: string[]): string | null {
  const t = accountText(locale);
  if (password.length < PASSWORD_MIN) return t.weakPassword;
  if (password.length > PASSWORD_MAX) return t.longPassword;
  if (names.some((n) => n && password.toLowerCase() === n.toLowerCase())) return t.passwordIsName;
  return null;
}

/** POST /api/account/sign-up {email?, username?, password} */
export async function signUp(request: AccountRequest, body: Record<string, unknown>): Promise<AccountOutcome> {
  const t = accountText(request.locale);
  if (await signedInFromCookies(request.cookieHeader)) return fail(409, t.alreadySignedIn);
  const email = text(body.email).trim().toLowerCase();
  const username = text(body.username).trim();
  const password = text(body.password);
  if (!email && !username) return fail(400, t.needLogin);
  if (email && !EMAIL.test(email)) return fail(400, t.badEmail);
  if (username && !USERNAME.test(username)) return fail(400, t.badUsername);
  const weak = passwordProblem(request.locale, password, [email, username]);
  if (weak) return fail(400, weak);
  const wait = await consumeStored("signUpsPerAddress", request.clientAddress, db());
  if (wait !== null) return fail(429, t.tooManySignUps, { retryAfter: wait });
  try {
    const { headers, response } = await auth().api.signUpEmail({
      body: {
        // Better Auth needs an address; one under .invalid can never be delivered to or collide with a real one.
        email: email || `${username.toLowerCase()}@${NO_EMAIL_DOMAIN}`,
        password,
        name: username || email.split("@")[0],
        ...(username ? { username } : {}),
      },
      headers: authHeaders(request),
      returnHeaders: true,
    });
    await attachAnonymousLearner(response.user.id, request.anonymousToken);
    return { status: 200, body: { signedIn: true }, setCookies: headers.getSetCookie(), rotate: true };
  } catch (error) {
    const refused = refusal(error);
    if (!refused) throw error;
    const code = refused.code;
    if (code === "USERNAME_IS_ALREADY_TAKEN" || (code.startsWith("USER_ALREADY_EXISTS") && !email)) return fail(409, t.usernameTaken);
    if (code.startsWith("USER_ALREADY_EXISTS")) return fail(409, t.emailTaken);
    if (code === "PASSWORD_TOO_SHORT") return fail(400, t.weakPassword);
    if (code === "PASSWORD_TOO_LONG") return fail(400, t.longPassword);
    if (code.includes("USERNAME")) return fail(400, t.badUsername);
    if (code.includes("EMAIL")) return fail(400, t.badEmail);
    throw error;
  }
}

/**
 * POST /api/account/sign-in {login, password}: `login` is an email (it has an "@") or a user name. Every attempt
 * counts against the name and the client address, in the database, before the password is checked; a success clears
 * the name's count.
 */
export async function signIn(request: AccountRequest, body: Record<string, unknown>): Promise<AccountOutcome> {
  const t = accountText(request.locale);
  const login = text(body.login).trim().toLowerCase();
  const password = text(body.password);
  if (!login) return fail(400, t.needLogin);
  const wait =
    (await consumeStored("signInPerAddress", request.clientAddress, db())) ?? (await consumeStored("signInPerName", login, db()));
  if (wait !== null) return fail(429, t.tooManyAttempts(Math.ceil(wait / 60)), { retryAfter: wait });
  if (!password || password.length > PASSWORD_MAX) return fail(401, t.wrongPassword);
  try {
    const headers = authHeaders(request);
    const signedIn = login.includes("@")
      ? await auth().api.signInEmail({ body: { email: login, password }, headers, returnHeaders: true })
      : await auth().api.signInUsername({ body: { username: login, password }, headers, returnHeaders: true });
    const user = signedIn.response?.user;
    if (!user) return fail(401, t.wrongPassword);
    await resetStored("signInPerName", login, db());
    // An account made by `ecs-dojo users add` has no learner until it is first used: this browser's work becomes its.
    await attachAnonymousLearner(user.id, request.anonymousToken);
    return { status: 200, body: { signedIn: true }, setCookies: signedIn.headers.getSetCookie(), rotate: true };
  } catch (error) {
    const refused = refusal(error);
    if (refused && ["UNAUTHORIZED", "BAD_REQUEST", "UNPROCESSABLE_ENTITY"].includes(refused.status)) return fail(401, t.wrongPassword);
    throw error;
  }
}

/** POST /api/account/link {token}: a one-time sign-in link from `ecs-dojo users add` / `users link`. */
export async function signInWithLink(request: AccountRequest, body: Record<string, unknown>): Promise<AccountOutcome> {
  const t = accountText(request.locale);
  const token = text(body.token);
  if (!token || token.length > 200) return fail(400, t.badLink);
  try {
    const { headers, response } = await auth().api.signInLink({ body: { token }, headers: authHeaders(request), returnHeaders: true });
    await attachAnonymousLearner(response.userId, request.anonymousToken);
    return { status: 200, body: { signedIn: true }, setCookies: headers.getSetCookie(), rotate: true };
  } catch (error) {
    if (refusal(error)) return fail(400, t.badLink);
    throw error;
  }
}

/** POST /api/account/sign-out: ends this browser's session (its row is deleted) and starts a fresh anonymous one. */
export async function signOut(request: AccountRequest): Promise<AccountOutcome> {
  if (!(await signedInFromCookies(request.cookieHeader))) return { status: 200, body: { signedOut: true }, setCookies: [], rotate: true };
  const { headers } = await auth().api.signOut({ headers: authHeaders(request), returnHeaders: true });
  return { status: 200, body: { signedOut: true }, setCookies: headers.getSetCookie(), rotate: true };
}

/**
 * POST /api/account/password {currentPassword?, newPassword}: changes the password (every other session of the
 * account is revoked and this one replaced), or sets the first one for an account made with a sign-in link.
 */
export async function changePassword(request: AccountRequest, body: Record<string, unknown>): Promise<AccountOutcome> {
  const t = accountText(request.locale);
  const me = await signedInFromCookies(request.cookieHeader);
  if (!me) return fail(401, t.notSignedIn);
  const currentPassword = text(body.currentPassword);
  const newPassword = text(body.newPassword);
  const weak = passwordProblem(request.locale, newPassword, [me.email ?? "", me.username ?? ""]);
  if (weak) return fail(400, weak);
  const headers = authHeaders(request);
  if (!(await hasPassword(me.userId))) {
    await auth().api.setPassword({ body: { newPassword }, headers });
    return { status: 200, body: { changed: true }, setCookies: [] };
  }
  // Guessing the current password through this form counts like guessing it on the sign-in page.
  const wait = await consumeStored("signInPerName", `user:${me.userId}`, db());
  if (wait !== null) return fail(429, t.tooManyAttempts(Math.ceil(wait / 60)), { retryAfter: wait });
  try {
    const changed = await auth().api.changePassword({ body: { currentPassword, newPassword, revokeOtherSessions: true }, headers, returnHeaders: true });
    await resetStored("signInPerName", `user:${me.userId}`, db());
    return { status: 200, body: { changed: true }, setCookies: changed.headers.getSetCookie() };
  } catch (error) {
    const refused = refusal(error);
    if (refused && (refused.code === "INVALID_PASSWORD" || refused.status === "BAD_REQUEST")) return fail(400, t.wrongCurrentPassword);
    throw error;
  }
}

export async function hasPassword(userId: string): Promise<boolean> {
  return (await db().authAccount.count({ where: { userId, providerId: "credential", password: { not: null } } })) > 0;
}

/**
 * POST /api/account/delete: the account and every row about it (lib/people/accounts.ts deleteAccount); `revokeKey`
 * makes every process stop accepting its sandbox key before the answer goes out.
 */
export async function deleteMe(request: AccountRequest, revokeKey: (accessKeyId: string) => Promise<void>): Promise<AccountOutcome> {
  const t = accountText(request.locale);
  const me = await signedInFromCookies(request.cookieHeader);
  if (!me) return fail(401, t.notSignedIn);
  const learner = await deleteAccount(me.userId);
  if (learner) {
    forgetLearner(learner.id);
    await revokeKey(learner.accessKeyId);
  }
  return { status: 200, body: { deleted: true }, setCookies: expiredAccountCookies(), rotate: true };
}

/** Set-Cookie values that remove the account cookie (its session row is already gone). */
function expiredAccountCookies(): string[] {
  return ["dojo.session_token=; Max-Age=0; Path=/; HttpOnly; SameSite=Lax"];
}

export type { SignedIn };
