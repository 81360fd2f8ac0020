import { NextResponse } from "next/server";
import { headers } from "next/headers";
import { localeOf, problem, readJsonObject } from "@/app/_server/http";
import { currentAccount } from "@/app/_server/require-role";
import { refusedStart } from "@/lib/http/api-messages";
import { workshopText } from "@/lib/i18n/workshop-ui";
import { consume, consumeStored, storedWait } from "@/lib/limits/rate-limits";
import { learnerForUser } from "@/lib/people/accounts";
import { CLIENT_ADDRESS_HEADER } from "@/lib/people/client-address";
import { SESSION_COOKIE, sessionCookieOptions } from "@/lib/people/session-cookie";
import { csrfTokenFor, issueSessionToken, sealSession, sessionFingerprint } from "@/lib/people/session-token";
import { db } from "@/lib/progress/db";
import { learnerForSession, type LearnerRef } from "@/lib/progress/learners";
import { serverKey } from "@/lib/server-key";
import { normalizeJoinCode } from "@/lib/workshop/join-code";
import { announce } from "@/lib/workshop/live";
import { addParticipant, joinRefusal, parseDisplayName, workshopByCode } from "@/lib/workshop/store";

/**
 * POST {code, displayName} — joins a workshop (docs/api.md). The proxy has checked that the request comes from one of
 * the site's pages (CSRF). Wrong codes are counted per client address in the database and refused once too many
 * (join-code guessing). A participant who is not signed in gets a learner of their own — a new session cookie, so a
 * new sandbox and nothing carried over from whoever used the browser before (and a session fixed in advance by
 * someone else is replaced); a signed-in account joins with its own learner.
 */
export async function POST(request: Request) {
  const locale = localeOf(request);
  const t = workshopText(locale);
  const h = await headers();
  const address = h.get(CLIENT_ADDRESS_HEADER) ?? "unknown";
  const parsed = await readJsonObject(request, locale);
  if ("response" in parsed) return parsed.response;

  const wait = await storedWait("joinMissesPerAddress", address, db());
  if (wait !== null) return tooMany(t.refusal["too-many"](wait), wait);
  const code = normalizeJoinCode(parsed.body.code);
  const miss = async (status: number, message: string) => {
    const blocked = await consumeStored("joinMissesPerAddress", address, db());
    return blocked !== null ? tooMany(t.refusal["too-many"](blocked), blocked) : problem(status, message);
  };
  if (!code) return miss(400, t.refusal["bad-code"]);
  const workshop = await workshopByCode(code);
  const refusal = joinRefusal(workshop);
  if (refusal === "no-such-code") return miss(404, t.refusal["no-such-code"]);
  if (refusal) return problem(403, t.refusal[refusal]);
  const displayName = parseDisplayName(parsed.body.displayName);
  if (!displayName) return problem(400, t.refusal["bad-name"]);

  const account = await currentAccount();
  let learner: LearnerRef;
  let fresh: string | undefined;
  if (account) learner = await learnerForUser(account.userId);
  else {
    if (!(await consume("newLearnersPerAddress", address))) {
      const { status, message } = refusedStart("too-many", locale);
      return problem(status, message);
    }
    fresh = issueSessionToken(serverKey());
    learner = await learnerForSession(fresh);
  }
  const { participantId } = await addParticipant(workshop!.id, learner, displayName);
  await announce(workshop!.id, "join", { learnerId: learner.id });
  const key = serverKey();
  const response = NextResponse.json(
    {
      participantId,
      workshopId: workshop!.id,
      title: workshop!.title,
      lessons: workshop!.lessonIds,
      home: `/${locale}/workshop`,
      ...(fresh ? { session: { csrf: csrfTokenFor(fresh, key), fingerprint: sessionFingerprint(fresh, key), ticket: sealSession(fresh, key) } } : {}),
    },
    { status: 201, headers: { "Cache-Control": "no-store" } },
  );
  if (fresh) {
    response.cookies.set(SESSION_COOKIE, fresh, sessionCookieOptions(new URL(request.url).protocol, request.headers.get("x-forwarded-proto")));
  }
  return response;
}

function tooMany(message: string, seconds: number) {
  return NextResponse.json({ error: { message } }, { status: 429, headers: { "Retry-After": String(seconds), "Cache-Control": "no-store" } });
}
