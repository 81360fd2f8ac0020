import { NextResponse } from "next/server";
import { headers } from "next/headers";
import { workshopText } from "@/lib/i18n/workshop-ui";
import type { Locale } from "@/lib/i18n/locales";
import { accountOfBearer } from "@/lib/people/api-tokens";
import { hasRole } from "@/lib/people/roles";
import { workshopFor, type Viewer, type WorkshopView } from "@/lib/workshop/store";
import { currentAccount } from "./require-role";
import { localeOf, problem } from "./http";

/**
 * Who may call an instructor route: a personal API token (Authorization: Bearer; then cookies are not looked at) or
 * the signed-in account, with the instructor or admin role. Anyone else — anonymous learners, participants, learner
 * accounts, a token that does not exist — gets 403 with what to do, as every instructor page does.
 */
export async function instructorGate(locale: Locale): Promise<{ viewer: Viewer } | { response: NextResponse }> {
  const h = await headers();
  const authorization = h.get("authorization");
  const viewer = authorization ? await accountOfBearer(authorization) : await currentAccount();
  if (!viewer || !hasRole(viewer.role, "instructor")) return { response: problem(403, workshopText(locale).forbidden) };
  return { viewer: { userId: viewer.userId, role: viewer.role } };
}

/** An instructor route about one workshop: 404 unless the caller is one of its instructors or an admin. */
export async function workshopGate(locale: Locale, id: string): Promise<{ viewer: Viewer; workshop: WorkshopView } | { response: NextResponse }> {
  const gate = await instructorGate(locale);
  if ("response" in gate) return gate;
  const workshop = await workshopFor(gate.viewer, id);
  if (!workshop) return { response: problem(404, workshopText(locale).notFound) };
  return { viewer: gate.viewer, workshop };
}

/** A workshop as the API shows it. */
export function workshopJson(w: WorkshopView, origin: string) {
  return {
    id: w.id,
    title: w.title,
    language: w.language,
    lessons: w.lessonIds,
    track: w.track,
    joinCode: w.joinCode,
    joinUrl: `${origin}/${w.language}/join?code=${w.joinCode}`,
    startsAt: w.startsAt?.toISOString() ?? null,
    endsAt: w.endsAt?.toISOString() ?? null,
    locked: w.locked,
    endedAt: w.endedAt?.toISOString() ?? null,
    instructors: w.instructors.map((i) => ({ name: i.name, email: i.email, role: i.role })),
  };
}

/** The site's address as the browser reached it (for links in answers). */
export function originOf(request: Request): string {
  const url = new URL(request.url);
  const host = request.headers.get("host") ?? url.host;
  const proto = request.headers.get("x-forwarded-proto") ?? url.protocol.replace(":", "");
  return `${proto}://${host}`;
}

/** The language of a GET (a download link or a stream has no custom header): `?lang=`, else the header, else English. */
export function langOf(request: Request): Locale {
  const lang = new URL(request.url).searchParams.get("lang");
  return lang === "ja" || lang === "en" ? lang : localeOf(request);
}
