import { createHash, randomBytes } from "node:crypto";
import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { APIError, createAuthEndpoint } from "better-auth/api";
import { setSessionCookie } from "better-auth/cookies";
import { username } from "better-auth/plugins/username";
import * as z from "zod";
import { databaseUrl, isPostgres } from "@/lib/progress/database-url";
import { db } from "@/lib/progress/db";
import { serverKey } from "@/lib/server-key";
import { hashPassword, verifyPassword } from "./password-hash";
import { PASSWORD_MAX, PASSWORD_MIN } from "./password-rule";

/**
 * Accounts are Better Auth's (email or user name + password, database sessions, signed cookies), over the app's own
 * Prisma client. Its HTTP handler is not mounted: the site's own routes (app/api/account/*) call `auth.api.*` on the
 * server, so every state-changing request passes the one CSRF gate every other write passes (proxy.ts,
 * lib/http/csrf.ts), and sign-in attempts are counted by the app's rate limiter over the same database
 * (lib/limits/rate-limits.ts). For the same reason Better Auth's own rate limiter is off.
 */
export const ACCOUNT_COOKIE_PREFIX = "dojo";
/** The session cookie Better Auth sets: `<token>.<HMAC>`, httpOnly, SameSite=Lax. */
export const ACCOUNT_COOKIE = `${ACCOUNT_COOKIE_PREFIX}.session_token`;

/** How long a sign-in lasts without use, and how often its expiry moves forward while used. */
const SESSION_DAYS = 30;

/** A one-time sign-in link (`ecs-dojo users add` without a password) lives this long. */
export const SIGN_IN_LINK_HOURS = 24;
const LINK_PREFIX = "sign-in-link:";

export const linkTokenHash = (token: string) => createHash("sha256").update(token).digest("hex");

function createAuth() {
  return betterAuth({
    appName: "ECS Dojo",
    // Signs the session cookie. Derived from the server key, so several instances sharing DOJO_SECRET_KEY agree.
    secret: createHash("sha256").update(`better-auth\n${serverKey()}`).digest("base64url"),
    // Never used to build links a browser follows (the site's routes answer relative to the request); only required.
    baseURL: process.env.DOJO_PUBLIC_URL || "http://localhost:3000",
    database: prismaAdapter(db(), { provider: isPostgres(databaseUrl()) ? "postgresql" : "sqlite" }),
    user: { additionalFields: { role: { type: "string", defaultValue: "learner", input: false } } },
    session: { modelName: "authSession", expiresIn: 60 * 60 * 24 * SESSION_DAYS, updateAge: 60 * 60 * 24 },
    account: { modelName: "authAccount" },
    verification: { modelName: "authVerification" },
    emailAndPassword: {
      enabled: true,
      minPasswordLength: PASSWORD_MIN,
      maxPasswordLength: PASSWORD_MAX,
      password: { hash: hashPassword, verify: verifyPassword },
    },
    plugins: [username({ minUsernameLength: 3, maxUsernameLength: 30 }), signInLink()],
    rateLimit: { enabled: false },
    advanced: {
      cookiePrefix: ACCOUNT_COOKIE_PREFIX,
      // The site's routes add Secure per request, as they do for the anonymous cookie (lib/people/session-cookie.ts):
      // a workshop served over plain HTTP on a LAN address must still be able to sign in.
      useSecureCookies: false,
      defaultCookieAttributes: { httpOnly: true, sameSite: "lax", path: "/" },
    },
    telemetry: { enabled: false },
    // A wrong password is an answer, not a server problem: the route says it to the learner.
    logger: { level: "error" },
  });
}

/**
 * POST /sign-in/link {token}: trades a one-time link token for a session. The token is stored only as a hash in the
 * verification table, with its expiry, and is deleted on first use.
 */
function signInLink() {
  return {
    id: "dojo-sign-in-link",
    endpoints: {
      signInLink: createAuthEndpoint("/sign-in/link", { method: "POST", body: z.object({ token: z.string().min(1).max(200) }) }, async (ctx) => {
        const value = linkTokenHash(ctx.body.token);
        const row = await db().authVerification.findFirst({ where: { value, identifier: { startsWith: LINK_PREFIX } } });
        if (!row || row.expiresAt.getTime() < Date.now()) {
          if (row) await db().authVerification.delete({ where: { id: row.id } });
          throw new APIError("BAD_REQUEST", { message: "INVALID_LINK", code: "INVALID_LINK" });
        }
        // Deleted before the session exists: two clicks race, only one deletes, the other finds nothing.
        const deleted = await db().authVerification.deleteMany({ where: { id: row.id } });
        if (deleted.count !== 1) throw new APIError("BAD_REQUEST", { message: "INVALID_LINK", code: "INVALID_LINK" });
        const user = await ctx.context.internalAdapter.findUserById(row.identifier.slice(LINK_PREFIX.length));
        if (!user) throw new APIError("BAD_REQUEST", { message: "INVALID_LINK", code: "INVALID_LINK" });
        const session = await ctx.context.internalAdapter.createSession(user.id);
        await setSessionCookie(ctx, { session, user });
        return ctx.json({ userId: user.id });
      }),
    },
  } as const;
}

/** A new one-time sign-in link token for a user; only its hash is stored. */
export async function createSignInLinkToken(userId: string, now = new Date()): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + SIGN_IN_LINK_HOURS * 3_600_000);
  await db().authVerification.create({
    data: { id: randomBytes(16).toString("hex"), identifier: `${LINK_PREFIX}${userId}`, value: linkTokenHash(token), expiresAt },
  });
  return { token, expiresAt };
}

export const signInLinkIdentifier = (userId: string) => `${LINK_PREFIX}${userId}`;

type Auth = ReturnType<typeof createAuth>;
const globalForAuth = globalThis as unknown as { ecsDojoAuth?: Auth };

/** The process-wide Better Auth instance (created on first use: it reads the server key and the database URL). */
export function auth(): Auth {
  globalForAuth.ecsDojoAuth ??= createAuth();
  return globalForAuth.ecsDojoAuth;
}
