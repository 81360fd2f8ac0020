/** The one JSON the instructor's page, its live stream and GET /api/workshops/{id}/progress are built from. */
import { getLesson } from "@/lib/course/load";
import type { Locale } from "@/lib/i18n/locales";
import { buildRoom, exportRows, minutesPerLesson, progressOverTime, type ExportRow } from "./room";
import { broadcastsOf, roomRows, type RoomRows, type WorkshopView } from "./store";

export interface LessonInfo {
  id: string;
  title: string;
  checks: { id: string; title: string }[];
}

export function lessonInfo(lessonIds: string[], locale: Locale): LessonInfo[] {
  return lessonIds.map((id) => {
    const lesson = getLesson(id);
    return {
      id,
      title: lesson?.meta[locale]?.title ?? id,
      checks: (lesson?.checks ?? []).map((c) => ({ id: c.id, title: (c.title as Record<Locale, string>)[locale] ?? c.id })),
    };
  });
}

/** The room now; from `rows` and `broadcasts` when the caller holds them already (the live stream's cache, room-cache.ts). */
export async function roomSnapshot(workshop: WorkshopView, locale: Locale, now = new Date(), rows?: RoomRows, broadcasts?: Awaited<ReturnType<typeof broadcastsOf>>) {
  rows ??= await roomRows(workshop);
  broadcasts ??= await broadcastsOf(workshop.id);
  const room = buildRoom(rows, workshop.lessonIds, now);
  const lessons = lessonInfo(workshop.lessonIds, locale);
  return {
    at: now.toISOString(),
    workshop: { id: workshop.id, title: workshop.title, locked: workshop.locked, endedAt: workshop.endedAt?.toISOString() ?? null },
    lessons,
    rows: room.rows,
    counts: room.counts,
    heat: room.heat,
    charts: { progress: progressOverTime(rows), minutesPerLesson: minutesPerLesson(rows, workshop.lessonIds) },
    broadcasts: broadcasts.map((b) => ({ message: b.message, at: b.createdAt.toISOString() })),
  };
}
export type RoomSnapshot = Awaited<ReturnType<typeof roomSnapshot>>;

export async function workshopExport(workshop: WorkshopView): Promise<ExportRow[]> {
  const rows = await roomRows(workshop);
  return exportRows(rows, Object.fromEntries(workshop.lessonIds.map((id) => [id, (getLesson(id)?.checks ?? []).map((c) => c.id)])));
}

/** GET /api/workshops/{id}/progress: per participant, per lesson, per check (docs/api.md). */
export async function progressJson(workshop: WorkshopView, now = new Date()) {
  const rows = await roomRows(workshop);
  const room = buildRoom(rows, workshop.lessonIds, now);
  const exported = exportRows(rows, Object.fromEntries(workshop.lessonIds.map((id) => [id, (getLesson(id)?.checks ?? []).map((c) => c.id)])));
  return {
    workshop: { id: workshop.id, title: workshop.title, lessons: workshop.lessonIds, endedAt: workshop.endedAt?.toISOString() ?? null },
    generatedAt: now.toISOString(),
    participants: room.rows.map((r) => ({
      participantId: r.participantId,
      displayName: r.displayName,
      handRaised: r.handRaisedAt !== null,
      lessons: Object.fromEntries(
        workshop.lessonIds.map((lessonId) => {
          const cell = r.cells[lessonId];
          const checks = exported.filter((e) => e.participantId === r.participantId && e.lesson === lessonId);
          return [
            lessonId,
            {
              status: cell.status,
              attempts: cell.attempts,
              failedChecks: cell.failedChecks,
              checks: Object.fromEntries(checks.map((c) => [c.check, { passed: c.passed, timeToFirstPassSeconds: c.timeToFirstPassSeconds }])),
            },
          ];
        }),
      ),
    })),
  };
}
