import crypto from "node:crypto";
import { newAccessKeyId, newAccountId } from "@/lib/sandbox/credentials";
import { db } from "./db";

export interface LearnerRef {
  id: string;
  accountId: string;
  accessKeyId: string;
}

const SELECT = { id: true, accountId: true, accessKeyId: true } as const;

export function hashSessionToken(token: string): string {
  return crypto.createHash("sha256").update(token).digest("hex");
}

/**
 * Learners by session hash, per process. Every request of a learner looks them up, and a learner's id, account and
 * key never change, so a found row stays right; a session not found is always asked again (it may start any moment).
 */
const bySession = new Map<string, LearnerRef>();
const REMEMBERED = 10_000;

/** The learner behind a session token, if the token was ever used to start. */
export async function findLearnerBySession(token: string): Promise<LearnerRef | null> {
  const sessionHash = hashSessionToken(token);
  const known = bySession.get(sessionHash);
  if (known) return known;
  const found = await db().learner.findUnique({ where: { sessionHash }, select: SELECT });
  if (found) remember(sessionHash, found);
  return found;
}

/** Drops a session from this process's memory (its learner was attached to an account or deleted). */
export function forgetSession(token: string): void {
  bySession.delete(hashSessionToken(token));
}

/** Drops every session of a learner from this process's memory (the learner was deleted). */
export function forgetLearner(learnerId: string): void {
  for (const [hash, learner] of bySession) if (learner.id === learnerId) bySession.delete(hash);
}

function remember(sessionHash: string, learner: LearnerRef): void {
  if (bySession.size >= REMEMBERED) bySession.delete(bySession.keys().next().value!);
  bySession.set(sessionHash, learner);
}

/**
 * The learner behind a session token, created on first use (an anonymous profile with its own sandbox account).
 * Callers decide whether the token may start a profile at all (app/_server/request-learner.ts).
 */
export async function learnerForSession(token: string): Promise<LearnerRef> {
  const existing = await findLearnerBySession(token);
  if (existing) return existing;
  const sessionHash = hashSessionToken(token);
  try {
    return await db().learner.create({
      data: { id: crypto.randomUUID(), sessionHash, accountId: newAccountId(), accessKeyId: newAccessKeyId() },
      select: SELECT,
    });
  } catch (err) {
    // Two first requests of one browser race to create the profile: the loser reads the winner's row.
    const winner = await db().learner.findUnique({ where: { sessionHash }, select: SELECT });
    if (winner) return winner;
    throw err;
  }
}

export async function learnerByAccessKey(accessKeyId: string): Promise<LearnerRef | null> {
  return db().learner.findUnique({ where: { accessKeyId }, select: SELECT });
}
