import crypto from "node:crypto";
import { db } from "@/lib/progress/db";
import { forgetSession, hashSessionToken, type LearnerRef } from "@/lib/progress/learners";
import { newAccessKeyId, newAccountId } from "@/lib/sandbox/credentials";
import { ownedWorkshopsHandOver } from "@/lib/workshop/store";
import { ACCOUNT_COOKIE, auth } from "./auth";
import { isRole, type Role } from "./roles";

/** Who is signed in on a request: the account, its role, and the session (Better Auth's row). */
export interface SignedIn {
  userId: string;
  sessionId: string;
  role: Role;
  /** What the header shows: the user name as typed, else the email address. */
  label: string;
  email: string | null;
  username: string | null;
}

/** Addresses given to accounts made with a user name only: Better Auth needs one, and .invalid is never delivered. */
export const NO_EMAIL_DOMAIN = "users.ecs-dojo.invalid";
export const hasRealEmail = (email: string) => !email.endsWith(`@${NO_EMAIL_DOMAIN}`);

/**
 * The account signed in with the cookies of a request, if any. Only a cookie whose signature checks out and whose
 * session row exists and has not expired counts: a tampered or revoked cookie reads as signed out.
 */
export async function signedInFromCookies(cookieHeader: string | null | undefined): Promise<SignedIn | null> {
  if (!cookieHeader || !cookieHeader.includes(`${ACCOUNT_COOKIE}=`)) return null; // anonymous: no query at all
  const found = await auth().api.getSession({ headers: new Headers({ cookie: cookieHeader }) });
  if (!found) return null;
  const user = found.user as typeof found.user & { role?: string; username?: string | null; displayUsername?: string | null };
  const email = hasRealEmail(user.email) ? user.email : null;
  return {
    userId: user.id,
    sessionId: found.session.id,
    role: isRole(user.role) ? user.role : "learner",
    label: user.displayUsername || user.username || email || user.name,
    email,
    username: user.displayUsername || user.username || null,
  };
}

const SELECT = { id: true, accountId: true, accessKeyId: true } as const;

/** The learner of an account, if it has one yet (an account made by `ecs-dojo users add` starts without). */
export async function learnerOfUser(userId: string): Promise<LearnerRef | null> {
  return db().learner.findUnique({ where: { userId }, select: SELECT });
}

/**
 * Gives an account a learner: the anonymous learner of this browser when there is one (its progress, drafts, exam
 * answers and sandbox come along, since they hang off the learner row and its sandbox account), else none yet. The
 * learner's session hash is replaced by one no cookie carries, so the anonymous cookie — which the caller replaces
 * with a fresh one — no longer reaches the account's work. An account that already has a learner keeps it.
 */
export async function attachAnonymousLearner(userId: string, anonymousToken: string | undefined): Promise<LearnerRef | null> {
  const existing = await learnerOfUser(userId);
  if (existing || !anonymousToken) return existing;
  const sessionHash = hashSessionToken(anonymousToken);
  const moved = await db().learner.updateMany({
    where: { sessionHash, userId: null },
    data: { userId, sessionHash: hashSessionToken(`detached:${crypto.randomUUID()}`) },
  });
  forgetSession(anonymousToken);
  return moved.count === 1 ? learnerOfUser(userId) : null;
}

/** The learner of an account, created for it on its first action when it has none. */
export async function learnerForUser(userId: string): Promise<LearnerRef> {
  const existing = await learnerOfUser(userId);
  if (existing) return existing;
  try {
    return await db().learner.create({
      data: {
        id: crypto.randomUUID(),
        userId,
        sessionHash: hashSessionToken(`account:${crypto.randomUUID()}`),
        accountId: newAccountId(),
        accessKeyId: newAccessKeyId(),
      },
      select: SELECT,
    });
  } catch (error) {
    const winner = await learnerOfUser(userId); // two first actions raced
    if (winner) return winner;
    throw error;
  }
}

/** Every table that holds rows about an account, and how many rows each holds for it (tests count the same way). */
export async function rowsOfUser(userId: string): Promise<Record<string, number>> {
  const learner = await db().learner.findUnique({ where: { userId }, select: { id: true, accountId: true } });
  const learnerId = learner?.id ?? "-";
  const accountId = learner?.accountId ?? "-";
  const d = db();
  const [
    user, authSession, authAccount, authVerification, learnerRows, progress, files, attempts, examAnswers, examSets, examSetAnswers,
    examFlags, examReviewCards, terminalFiles, terminalHistory, apiCalls, sandboxes, sandboxDocuments, apiTokens, workshopInstructors, workshopParticipants,
  ] = await Promise.all([
      d.user.count({ where: { id: userId } }),
      d.authSession.count({ where: { userId } }),
      d.authAccount.count({ where: { userId } }),
      d.authVerification.count({ where: { identifier: { endsWith: `:${userId}` } } }),
      d.learner.count({ where: { userId } }),
      d.lessonProgress.count({ where: { learnerId } }),
      d.lessonFile.count({ where: { learnerId } }),
      d.attempt.count({ where: { learnerId } }),
      d.examAnswer.count({ where: { learnerId } }),
      d.examSet.count({ where: { learnerId } }),
      d.examSetAnswer.count({ where: { set: { learnerId } } }),
      d.examFlag.count({ where: { learnerId } }),
      d.examReviewCard.count({ where: { learnerId } }),
      d.terminalFile.count({ where: { learnerId } }),
      d.terminalHistoryEntry.count({ where: { learnerId } }),
      d.apiCall.count({ where: { accountId } }),
      d.sandbox.count({ where: { accountId } }),
      d.sandboxDocument.count({ where: { accountId } }),
      d.apiToken.count({ where: { userId } }),
      d.workshopInstructor.count({ where: { userId } }),
      d.workshopParticipant.count({ where: { learnerId } }),
    ]);
  return {
    user, authSession, authAccount, authVerification, learner: learnerRows, lessonProgress: progress, lessonFile: files, attempt: attempts,
    examAnswer: examAnswers, examSet: examSets, examSetAnswer: examSetAnswers, examFlag: examFlags, examReviewCard: examReviewCards,
    terminalFile: terminalFiles, terminalHistoryEntry: terminalHistory, apiCall: apiCalls, sandbox: sandboxes, sandboxDocument: sandboxDocuments,
    apiToken: apiTokens, workshopInstructor: workshopInstructors, workshopParticipant: workshopParticipants,
  };
}

/**
 * Everything stored about an account, as JSON-ready rows per table. Secrets are left out (the password hash, session
 * tokens, link hashes): they describe how to sign in, not the learner, and a copy of them is only a risk.
 */
export async function exportAccount(userId: string): Promise<Record<string, unknown>> {
  const d = db();
  const user = await d.user.findUnique({ where: { id: userId } });
  if (!user) return {};
  const learner = await d.learner.findUnique({ where: { userId } });
  const learnerId = learner?.id ?? "-";
  const accountId = learner?.accountId ?? "-";
  const [sessions, accounts, progress, files, attempts, examAnswers, examSets, examFlags, examReviewCards, terminalFiles, terminalHistory, apiCalls, sandboxes, sandboxDocuments, apiTokens, workshopsRun, workshopsJoined] = await Promise.all([
    d.authSession.findMany({ where: { userId }, select: { id: true, createdAt: true, updatedAt: true, expiresAt: true, ipAddress: true, userAgent: true } }),
    d.authAccount.findMany({ where: { userId }, select: { id: true, providerId: true, createdAt: true, updatedAt: true } }),
    d.lessonProgress.findMany({ where: { learnerId } }),
    d.lessonFile.findMany({ where: { learnerId } }),
    d.attempt.findMany({ where: { learnerId }, orderBy: { createdAt: "asc" } }),
    d.examAnswer.findMany({ where: { learnerId }, orderBy: { id: "asc" } }),
    d.examSet.findMany({ where: { learnerId }, include: { answers: true } }),
    d.examFlag.findMany({ where: { learnerId } }),
    d.examReviewCard.findMany({ where: { learnerId } }),
    d.terminalFile.findMany({ where: { learnerId } }),
    d.terminalHistoryEntry.findMany({ where: { learnerId }, orderBy: { id: "asc" } }),
    d.apiCall.findMany({ where: { accountId }, orderBy: { id: "asc" } }),
    d.sandbox.findMany({ where: { accountId } }),
    d.sandboxDocument.findMany({ where: { accountId } }),
    // Token hashes are secrets like the password's: only what identifies each token.
    d.apiToken.findMany({ where: { userId }, select: { id: true, name: true, createdAt: true, lastUsedAt: true } }),
    d.workshopInstructor.findMany({ where: { userId } }),
    d.workshopParticipant.findMany({ where: { learnerId } }),
  ]);
  return {
    format: "ecs-dojo-account-export/1",
    exportedAt: new Date().toISOString(),
    user,
    sessions,
    signInMethods: accounts,
    learner: learner && { id: learner.id, accountId: learner.accountId, accessKeyId: learner.accessKeyId, createdAt: learner.createdAt },
    lessonProgress: progress,
    lessonFiles: files,
    attempts,
    examAnswers,
    examSets,
    examFlags,
    examReviewCards,
    terminalFiles,
    terminalHistory,
    apiCalls,
    sandboxes,
    sandboxDocuments,
    apiTokens,
    workshopsRun,
    workshopsJoined,
  };
}

/**
 * Deletes an account and every row about it, in one transaction: the sandbox's tables (keyed by its AWS account id,
 * not by the learner), then the learner (its progress, drafts, attempts and exam rows go with it by cascade), the
 * verification rows (sign-in links), the sign-in counters for its names, and the user (sessions and sign-in
 * methods by cascade). Workshops it owns pass to their earliest co-instructor, or are deleted when they have none
 * (lib/workshop/store.ts ownedWorkshopsHandOver). Answers the learner that was removed, so the caller can forget it in this process's caches.
 */
export async function deleteAccount(userId: string): Promise<LearnerRef | null> {
  const d = db();
  const user = await d.user.findUnique({ where: { id: userId }, select: { email: true, username: true } });
  if (!user) return null;
  const learner = await learnerOfUser(userId);
  const names = [user.email, user.username].filter((n): n is string => !!n).map((n) => n.toLowerCase());
  const workshops = await ownedWorkshopsHandOver(userId);
  await d.$transaction([
    ...workshops,
    ...(learner
      ? [
          d.apiCall.deleteMany({ where: { accountId: learner.accountId } }),
          d.sandboxDocument.deleteMany({ where: { accountId: learner.accountId } }),
          d.sandbox.deleteMany({ where: { accountId: learner.accountId } }),
          d.learner.deleteMany({ where: { id: learner.id } }),
        ]
      : []),
    d.authVerification.deleteMany({ where: { identifier: { endsWith: `:${userId}` } } }),
    d.rateLimiterFlexible.deleteMany({ where: { OR: names.map((n) => ({ key: { endsWith: `:${n}` } })) } }),
    d.user.deleteMany({ where: { id: userId } }),
  ]);
  return learner;
}
