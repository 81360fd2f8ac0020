import { createHash, randomBytes, randomUUID } from "node:crypto";
import { db } from "@/lib/progress/db";
import { isRole, type Role } from "./roles";

/**
 * Personal API tokens for instructors' own scripts (the workshop JSON API, docs/api.md). A token is `dojo_pat_` and
 * 32 random bytes; only its SHA-256 is stored (a fast hash is enough for 256 random bits: nothing to guess), so a
 * copy of the database lets nobody in. It acts with its account's role at the time of each request, so demoting an
 * account demotes its tokens.
 */
export const TOKEN_PREFIX = "dojo_pat_";
const hash = (token: string) => createHash("sha256").update(token).digest("hex");

export async function createApiToken(userId: string, name = "API token"): Promise<{ id: string; token: string }> {
  const token = TOKEN_PREFIX + randomBytes(32).toString("base64url");
  const id = randomUUID();
  await db().apiToken.create({ data: { id, userId, name: name.slice(0, 60), tokenHash: hash(token) } });
  return { id, token };
}

export async function apiTokensOf(userId: string): Promise<{ id: string; name: string; createdAt: Date; lastUsedAt: Date | null }[]> {
  return db().apiToken.findMany({ where: { userId }, orderBy: { createdAt: "desc" }, select: { id: true, name: true, createdAt: true, lastUsedAt: true } });
}

export async function revokeApiToken(userId: string, id: string): Promise<boolean> {
  return (await db().apiToken.deleteMany({ where: { id, userId } })).count === 1;
}

/** The account behind `Authorization: Bearer <token>`, or null for anything else. */
export async function accountOfBearer(authorization: string | null): Promise<{ userId: string; role: Role } | null> {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? "");
  if (!match || !match[1].startsWith(TOKEN_PREFIX) || match[1].length > 100) return null;
  const row = await db().apiToken.findUnique({ where: { tokenHash: hash(match[1]) }, include: { user: { select: { role: true } } } });
  if (!row) return null;
  // At most one write a minute per token: enough to show "last used" on the account page.
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000) {
    await db().apiToken.update({ where: { id: row.id }, data: { lastUsedAt: new Date() } });
  }
  return { userId: row.userId, role: isRole(row.user.role) ? row.user.role : "learner" };
}

export async function userIdByEmail(emailOrUsername: string): Promise<string | null> {
  const key = emailOrUsername.trim().toLowerCase();
  const user = await db().user.findFirst({ where: key.includes("@") ? { email: key } : { username: key }, select: { id: true } });
  return user?.id ?? null;
}
