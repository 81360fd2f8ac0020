/** Workshops in the database: creating, joining, who may see what, instructors' actions, and the room's raw rows. */
import { randomUUID } from "node:crypto";
import { getLesson, loadCourse } from "@/lib/course/load";
import { isLocale, type Locale } from "@/lib/i18n/locales";
import type { Role } from "@/lib/people/roles";
import { db } from "@/lib/progress/db";
import type { LearnerRef } from "@/lib/progress/learners";
import { newJoinCode } from "./join-code";

export class WorkshopInputError extends Error {
  constructor(readonly field: string, message: string) {
    super(message);
  }
}

export interface WorkshopView {
  id: string;
  title: string;
  language: Locale;
  lessonIds: string[];
  track: string | null;
  joinCode: string;
  startsAt: Date | null;
  endsAt: Date | null;
  locked: boolean;
  endedAt: Date | null;
  createdAt: Date;
  instructors: { userId: string; name: string; email: string; role: "owner" | "co" }[];
}

export interface Viewer {
  userId: string;
  role: Role;
}

const TITLE_MAX = 120;
const NAME_MAX = 40;
export const BROADCAST_MAX = 280;

export interface NewWorkshop {
  title?: unknown;
  language?: unknown;
  lessons?: unknown;
  track?: unknown;
  startsAt?: unknown;
  endsAt?: unknown;
}

/** Checks what an instructor sent (the form or POST /api/workshops); messages in English, the route translates fields. */
export function parseNewWorkshop(input: NewWorkshop): { title: string; language: Locale; lessonIds: string[]; track: string | null; startsAt: Date | null; endsAt: Date | null } {
  const title = typeof input.title === "string" ? input.title.trim() : "";
  if (!title || title.length > TITLE_MAX) throw new WorkshopInputError("title", `title must be 1–${TITLE_MAX} characters`);
  const language = input.language === undefined ? "en" : input.language;
  if (!isLocale(language)) throw new WorkshopInputError("language", 'language must be "en" or "ja"');
  let lessonIds: string[];
  let track: string | null = null;
  if (input.track !== undefined && input.track !== null && input.track !== "") {
    const found = loadCourse().tracks.find((t) => t.id === input.track);
    if (!found) throw new WorkshopInputError("track", `no exam track "${String(input.track)}" (tracks: ${loadCourse().tracks.map((t) => t.id).join(", ")})`);
    lessonIds = [...found.lessons];
    track = found.id;
  } else {
    if (!Array.isArray(input.lessons) || input.lessons.length === 0) throw new WorkshopInputError("lessons", 'give "lessons": ["L101", …] or "track"');
    lessonIds = [];
    for (const id of input.lessons) {
      if (typeof id !== "string" || !getLesson(id)) throw new WorkshopInputError("lessons", `no lesson "${String(id)}"`);
      if (!lessonIds.includes(id)) lessonIds.push(id);
    }
  }
  const startsAt = optionalDate(input.startsAt, "startsAt");
  const endsAt = optionalDate(input.endsAt, "endsAt");
  if (startsAt && endsAt && endsAt <= startsAt) throw new WorkshopInputError("endsAt", "endsAt must be after startsAt");
  return { title, language, lessonIds, track, startsAt, endsAt };
}

function optionalDate(value: unknown, field: string): Date | null {
  if (value === undefined || value === null || value === "") return null;
  const date = typeof value === "string" ? new Date(value) : null;
  if (!date || Number.isNaN(date.getTime())) throw new WorkshopInputError(field, `${field} must be an ISO 8601 date and time`);
  return date;
}

export async function createWorkshop(ownerId: string, input: NewWorkshop): Promise<WorkshopView> {
  const data = parseNewWorkshop(input);
  const id = randomUUID();
  // A fresh code collides with a live one about once in millions of workshops; try again then.
  for (let tries = 0; ; tries++) {
    try {
      await db().workshop.create({
        data: {
          id,
          title: data.title,
          language: data.language,
          lessonIds: JSON.stringify(data.lessonIds),
          track: data.track,
          joinCode: newJoinCode(),
          startsAt: data.startsAt,
          endsAt: data.endsAt,
          instructors: { create: { userId: ownerId, role: "owner" } },
        },
      });
      break;
    } catch (error) {
      if (tries >= 5) throw error;
    }
  }
  return (await loadWorkshop(id))!;
}

const INCLUDE = { instructors: { include: { user: { select: { name: true, email: true } } }, orderBy: { addedAt: "asc" as const } } };
type Row = NonNullable<Awaited<ReturnType<typeof rowOf>>>;
const rowOf = (id: string) => db().workshop.findUnique({ where: { id }, include: INCLUDE });

function view(row: Row): WorkshopView {
  return {
    id: row.id,
    title: row.title,
    language: isLocale(row.language) ? row.language : "en",
    lessonIds: JSON.parse(row.lessonIds) as string[],
    track: row.track,
    joinCode: row.joinCode,
    startsAt: row.startsAt,
    endsAt: row.endsAt,
    locked: row.locked,
    endedAt: row.endedAt,
    createdAt: row.createdAt,
    instructors: row.instructors.map((i) => ({ userId: i.userId, name: i.user.name, email: i.user.email, role: i.role === "owner" ? "owner" : "co" })),
  };
}

async function loadWorkshop(id: string): Promise<WorkshopView | null> {
  const row = await rowOf(id);
  return row ? view(row) : null;
}

/**
 * The workshop if this account may run it: one of its instructors, or an admin. Anyone else gets null, the same as
 * for a workshop that does not exist (the routes answer 404 for both, so ids cannot be probed).
 */
export async function workshopFor(viewer: Viewer, id: string): Promise<WorkshopView | null> {
  if (typeof id !== "string" || id.length > 64) return null;
  const found = await loadWorkshop(id);
  if (!found) return null;
  if (viewer.role === "admin" || found.instructors.some((i) => i.userId === viewer.userId)) return found;
  return null;
}

export async function workshopsOf(viewer: Viewer): Promise<WorkshopView[]> {
  const rows = await db().workshop.findMany({
    where: viewer.role === "admin" ? {} : { instructors: { some: { userId: viewer.userId } } },
    include: INCLUDE,
    orderBy: { createdAt: "desc" },
  });
  return rows.map(view);
}

export type JoinRefusal = "no-such-code" | "locked" | "ended" | "bad-name";

export function parseDisplayName(value: unknown): string | null {
  if (typeof value !== "string") return null;
  const name = value.normalize("NFC").replace(/\s+/g, " ").trim();
  // Control and invisible formatting characters would let two names look alike on the grid.
  if (!name || [...name].length > NAME_MAX || /[\p{Cc}\p{Cf}]/u.test(name)) return null;
  return name;
}

export async function workshopByCode(code: string): Promise<WorkshopView | null> {
  const row = await db().workshop.findUnique({ where: { joinCode: code }, include: INCLUDE });
  return row ? view(row) : null;
}

export function joinRefusal(workshop: WorkshopView | null, now = new Date()): JoinRefusal | null {
  if (!workshop) return "no-such-code";
  if (workshop.endedAt || (workshop.endsAt && workshop.endsAt <= now)) return "ended";
  if (workshop.locked) return "locked";
  return null;
}

/** Makes `learner` a participant (a learner belongs to at most one workshop: joining another moves them). */
export async function addParticipant(workshopId: string, learner: LearnerRef, displayName: string): Promise<{ participantId: string }> {
  const row = await db().workshopParticipant.upsert({
    where: { learnerId: learner.id },
    create: { id: randomUUID(), workshopId, learnerId: learner.id, displayName },
    update: { workshopId, displayName, handRaisedAt: null },
  });
  return { participantId: row.id };
}

export interface ParticipantView {
  id: string;
  displayName: string;
  handRaisedAt: Date | null;
  workshop: WorkshopView;
}

export async function participantOfLearner(learnerId: string): Promise<ParticipantView | null> {
  const row = await db().workshopParticipant.findUnique({ where: { learnerId }, include: { workshop: { include: INCLUDE } } });
  return row ? { id: row.id, displayName: row.displayName, handRaisedAt: row.handRaisedAt, workshop: view(row.workshop) } : null;
}

/** The workshop a learner's activity concerns, remembered per process for a while (asked on every save and Check). */
const workshopOfLearnerCache = new Map<string, { workshopId: string | null; until: number }>();
export async function workshopIdOfLearner(learnerId: string, now = Date.now()): Promise<string | null> {
  const known = workshopOfLearnerCache.get(learnerId);
  if (known && known.until > now) return known.workshopId;
  const row = await db().workshopParticipant.findUnique({ where: { learnerId }, select: { workshopId: true } });
  if (workshopOfLearnerCache.size > 20_000) workshopOfLearnerCache.clear();
  workshopOfLearnerCache.set(learnerId, { workshopId: row?.workshopId ?? null, until: now + 30_000 });
  return row?.workshopId ?? null;
}

export async function setHand(participantId: string, raised: boolean): Promise<void> {
  await db().workshopParticipant.update({ where: { id: participantId }, data: { handRaisedAt: raised ? new Date() : null } });
}

export async function participantIn(workshopId: string, participantId: string) {
  return db().workshopParticipant.findFirst({ where: { id: participantId, workshopId }, include: { learner: { select: { id: true, accountId: true, accessKeyId: true } } } });
}

export async function setLocked(workshopId: string, locked: boolean): Promise<void> {
  await db().workshop.update({ where: { id: workshopId }, data: { locked } });
}

export async function endWorkshop(workshopId: string, at = new Date()): Promise<void> {
  await db().workshop.update({ where: { id: workshopId }, data: { endedAt: at, locked: true } });
  await db().workshopParticipant.updateMany({ where: { workshopId }, data: { handRaisedAt: null } });
}

export async function addBroadcast(workshopId: string, message: string): Promise<void> {
  await db().workshopBroadcast.create({ data: { workshopId, message } });
}

export async function broadcastsOf(workshopId: string, take = 5): Promise<{ id: number; message: string; createdAt: Date }[]> {
  return db().workshopBroadcast.findMany({ where: { workshopId }, orderBy: { id: "desc" }, take, select: { id: true, message: true, createdAt: true } });
}

/** Adds an account as co-instructor by email or user name; it must be an instructor or admin already. */
export async function addCoInstructor(workshopId: string, who: string): Promise<"added" | "no-such-account" | "not-instructor"> {
  const key = who.trim().toLowerCase();
  const user = await db().user.findFirst({ where: key.includes("@") ? { email: key } : { username: key } });
  if (!user) return "no-such-account";
  if (user.role !== "instructor" && user.role !== "admin") return "not-instructor";
  await db().workshopInstructor.upsert({
    where: { workshopId_userId: { workshopId, userId: user.id } },
    create: { workshopId, userId: user.id, role: "co" },
    update: {},
  });
  return "added";
}

/**
 * Removes a co-instructor (by email or user name, as added). The owner cannot be removed this way. Access is read
 * from the database on every request and stream event (workshopFor), so the removed account loses it at once.
 */
export async function removeCoInstructor(workshopId: string, who: string): Promise<"removed" | "no-such-instructor"> {
  const key = who.trim().toLowerCase();
  const removed = await db().workshopInstructor.deleteMany({
    where: { workshopId, role: "co", user: key.includes("@") ? { email: key } : { username: key } },
  });
  return removed.count > 0 ? "removed" : "no-such-instructor";
}

/** Whether `userId` owns the workshop (only its owner may remove co-instructors). */
export const isOwner = (workshop: WorkshopView, userId: string) => workshop.instructors.some((i) => i.userId === userId && i.role === "owner");

/**
 * What deleting an instructor's account does to the workshops it owns, as statements for the account delete's
 * transaction: a workshop with co-instructors passes to the earliest added of them (the room and its data go on); one
 * without is deleted, with its participants' workshop rows and broadcasts (by cascade). The participants' own
 * learners — progress, drafts, sandboxes — stay theirs, under the usual export and delete rules.
 */
export async function ownedWorkshopsHandOver(userId: string) {
  const owned = await db().workshop.findMany({
    where: { instructors: { some: { userId, role: "owner" } } },
    select: { id: true, instructors: { where: { role: "co" }, orderBy: { addedAt: "asc" }, take: 1, select: { userId: true } } },
  });
  const heirs = owned.filter((w) => w.instructors.length > 0);
  const orphans = owned.filter((w) => w.instructors.length === 0).map((w) => w.id);
  return [
    ...heirs.map((w) => db().workshopInstructor.update({ where: { workshopId_userId: { workshopId: w.id, userId: w.instructors[0].userId } }, data: { role: "owner" } })),
    db().workshop.deleteMany({ where: { id: { in: orphans } } }),
  ];
}

/**
 * Resets one participant's exercise in one lesson: their drafts and the lesson's progress go (the lesson starts again
 * from its starter files, hints locked); their attempts stay, since they are the workshop's history and the export's.
 */
export async function resetParticipantLesson(learnerId: string, lessonId: string): Promise<void> {
  await db().$transaction([
    db().lessonFile.deleteMany({ where: { learnerId, lessonId } }),
    db().lessonProgress.deleteMany({ where: { learnerId, lessonId } }),
  ]);
}

/** Everything the grid, heat-map, export and charts are computed from (room.ts), in a handful of queries. */
export interface RoomRows {
  participants: { id: string; learnerId: string; displayName: string; joinedAt: Date; handRaisedAt: Date | null }[];
  progress: { learnerId: string; lessonId: string; failedChecks: number; completedAt: Date | null; checkResults: string | null; updatedAt: Date }[];
  files: { learnerId: string; lessonId: string; updatedAt: Date; firstSavedAt: Date | null }[];
  attempts: { learnerId: string; lessonId: string; passed: boolean; checks: unknown; diagnostics: unknown; createdAt: Date }[];
}

/**
 * The room's rows, or (`only`) those of some of its learners — the live room re-reads just the learners an event names
 * (room-cache.ts). Attempts count from the first participant's joining (`attemptsSince` when only some are read, so
 * a partial read counts what the whole room's read would).
 */
export async function roomRows(workshop: WorkshopView, only?: { learnerIds: string[]; attemptsSince: Date | null }): Promise<RoomRows> {
  const participants = await db().workshopParticipant.findMany({
    where: { workshopId: workshop.id, ...(only ? { learnerId: { in: only.learnerIds } } : {}) },
    orderBy: { joinedAt: "asc" },
    select: { id: true, learnerId: true, displayName: true, joinedAt: true, handRaisedAt: true },
  });
  if (participants.length === 0) return { participants, progress: [], files: [], attempts: [] };
  const learnerIds = participants.map((p) => p.learnerId);
  const scope = { learnerId: { in: learnerIds }, lessonId: { in: workshop.lessonIds } };
  const earliestJoin = participants.reduce((min, p) => (p.joinedAt < min ? p.joinedAt : min), participants[0].joinedAt);
  const since = only?.attemptsSince && only.attemptsSince < earliestJoin ? only.attemptsSince : earliestJoin;
  const [progress, files, attempts] = await Promise.all([
    db().lessonProgress.findMany({ where: scope, select: { learnerId: true, lessonId: true, failedChecks: true, completedAt: true, checkResults: true, updatedAt: true } }),
    db().lessonFile.findMany({ where: scope, select: { learnerId: true, lessonId: true, updatedAt: true, firstSavedAt: true } }),
    db().attempt.findMany({
      where: { ...scope, createdAt: { gte: since } },
      orderBy: { createdAt: "asc" },
      select: { learnerId: true, lessonId: true, passed: true, checks: true, diagnostics: true, createdAt: true },
    }),
  ]);
  return { participants, progress, files, attempts };
}

/** A participant's drill-down: current files and every attempt of the workshop's lessons. */
export async function participantWork(learnerId: string, lessonIds: string[]) {
  const [files, attempts] = await Promise.all([
    db().lessonFile.findMany({ where: { learnerId, lessonId: { in: lessonIds } }, orderBy: [{ lessonId: "asc" }, { name: "asc" }] }),
    db().attempt.findMany({ where: { learnerId, lessonId: { in: lessonIds } }, orderBy: { createdAt: "desc" }, take: 100, select: { lessonId: true, passed: true, checks: true, diagnostics: true, createdAt: true } }),
  ]);
  return { files, attempts };
}
