/**
 * The room as the instructor sees it, computed from the stored rows (store.ts RoomRows) with no I/O: the grid, the
 * mistake heat-map, the export rows and the charts' series. Pure, so the grid's rules are tested without a server.
 */
import { cellStatus, type CellStatus } from "./status";
import type { RoomRows } from "./store";

export interface GridCell {
  status: CellStatus;
  /** The latest result of each check (progress per check), for the "checks" view of a lesson. */
  checks: Record<string, boolean>;
  failedChecks: number;
  attempts: number;
}

export interface GridRow {
  participantId: string;
  displayName: string;
  handRaisedAt: string | null;
  cells: Record<string, GridCell>;
}

export interface HeatEntry {
  /** "check" (a lesson check that failed) or "rule" (a validator rule an attempt broke). */
  kind: "check" | "rule";
  id: string;
  /** Participants who met it at least once. */
  participants: number;
  failures: number;
  /** Site path (without locale) of the page that explains it. */
  docs: string | null;
}

export interface Room {
  rows: GridRow[];
  /** Per lesson id, most participants first. */
  heat: Record<string, HeatEntry[]>;
  counts: Record<CellStatus, number>;
}

interface StoredDiagnostic {
  ruleId?: unknown;
  level?: unknown;
  docs?: unknown;
}

function failedCheckIds(checks: unknown): string[] {
  if (!Array.isArray(checks)) return [];
  return checks.filter((c) => c && typeof c === "object" && c.passed === false && typeof c.id === "string").map((c) => c.id as string);
}

/** Rule ids of error- and runtime-level diagnostics (warnings are advice, not mistakes), with their docs path. */
function brokenRules(diagnostics: unknown): Map<string, string | null> {
  const found = new Map<string, string | null>();
  if (!diagnostics || typeof diagnostics !== "object") return found;
  for (const list of Object.values(diagnostics as Record<string, unknown>)) {
    if (!Array.isArray(list)) continue;
    for (const d of list as StoredDiagnostic[]) {
      if (typeof d?.ruleId !== "string" || (d.level !== "error" && d.level !== "runtime")) continue;
      found.set(d.ruleId, typeof d.docs === "string" ? d.docs : (found.get(d.ruleId) ?? null));
    }
  }
  return found;
}

const key = (learnerId: string, lessonId: string) => `${learnerId}\u0000${lessonId}`;

function parseResults(text: string | null): Record<string, boolean> {
  if (!text) return {};
  try {
    const value = JSON.parse(text);
    return value && typeof value === "object" && !Array.isArray(value) ? value : {};
  } catch {
    return {};
  }
}

export function buildRoom(rows: RoomRows, lessonIds: string[], now: Date): Room {
  const progress = new Map(rows.progress.map((p) => [key(p.learnerId, p.lessonId), p]));
  const lastFile = new Map<string, Date>();
  for (const f of rows.files) {
    const k = key(f.learnerId, f.lessonId);
    if (!lastFile.has(k) || lastFile.get(k)! < f.updatedAt) lastFile.set(k, f.updatedAt);
  }
  const attemptCount = new Map<string, number>();
  for (const a of rows.attempts) attemptCount.set(key(a.learnerId, a.lessonId), (attemptCount.get(key(a.learnerId, a.lessonId)) ?? 0) + 1);
  const counts: Record<CellStatus, number> = { "not-started": 0, working: 0, stuck: 0, done: 0 };
  const gridRows = rows.participants.map((p) => {
    const cells: Record<string, GridCell> = {};
    for (const lessonId of lessonIds) {
      const k = key(p.learnerId, lessonId);
      const row = progress.get(k);
      const times = [row?.updatedAt, lastFile.get(k)].filter((d): d is Date => !!d);
      const lastActivity = times.length ? new Date(Math.max(...times.map((d) => d.getTime()))) : null;
      const status = cellStatus({ completed: !!row?.completedAt, failedChecks: row?.failedChecks ?? 0, lastActivity }, now);
      counts[status]++;
      cells[lessonId] = { status, checks: parseResults(row?.checkResults ?? null), failedChecks: row?.failedChecks ?? 0, attempts: attemptCount.get(k) ?? 0 };
    }
    return { participantId: p.id, displayName: p.displayName, handRaisedAt: p.handRaisedAt?.toISOString() ?? null, cells };
  });
  return { rows: gridRows, heat: heatMap(rows, lessonIds), counts };
}

export function heatMap(rows: RoomRows, lessonIds: string[]): Record<string, HeatEntry[]> {
  const heat: Record<string, Map<string, HeatEntry & { who: Set<string> }>> = {};
  for (const lessonId of lessonIds) heat[lessonId] = new Map();
  for (const a of rows.attempts) {
    const lesson = heat[a.lessonId];
    if (!lesson) continue;
    const note = (kind: "check" | "rule", id: string, docs: string | null) => {
      const k = `${kind}:${id}`;
      const entry = lesson.get(k) ?? { kind, id, participants: 0, failures: 0, docs, who: new Set<string>() };
      entry.failures++;
      entry.who.add(a.learnerId);
      entry.participants = entry.who.size;
      entry.docs ??= docs;
      lesson.set(k, entry);
    };
    for (const id of failedCheckIds(a.checks)) note("check", id, null);
    for (const [id, docs] of brokenRules(a.diagnostics)) note("rule", id, docs ?? `/reference/rules#${id}`);
  }
  return Object.fromEntries(
    Object.entries(heat).map(([lessonId, entries]) => [
      lessonId,
      [...entries.values()]
        .map((entry) => ({ kind: entry.kind, id: entry.id, participants: entry.participants, failures: entry.failures, docs: entry.docs }))
        .sort((x, y) => y.participants - x.participants || y.failures - x.failures || x.id.localeCompare(y.id)),
    ]),
  );
}

/** One line of the export per participant, lesson and check. */
export interface ExportRow {
  participant: string;
  participantId: string;
  lesson: string;
  check: string;
  passed: boolean;
  attempts: number;
  /** Seconds from the participant's first activity on the lesson (firstActivity) to the first attempt in which this check passed; null if it never did. */
  timeToFirstPassSeconds: number | null;
}

/**
 * When each participant first worked on each lesson (key(learner, lesson) → ms): their first draft save or first
 * Check, whichever came first. Time per lesson counts from here, not from the first Check, so the minutes spent
 * writing before the first Check are counted too.
 */
export function firstActivity(rows: RoomRows): Map<string, number> {
  const first = new Map<string, number>();
  const note = (learnerId: string, lessonId: string, at: Date | null) => {
    if (!at) return;
    const k = key(learnerId, lessonId);
    const known = first.get(k);
    if (known === undefined || at.getTime() < known) first.set(k, at.getTime());
  };
  for (const f of rows.files) note(f.learnerId, f.lessonId, f.firstSavedAt);
  for (const a of rows.attempts) note(a.learnerId, a.lessonId, a.createdAt);
  return first;
}

/** Attempts per learner and lesson, oldest first (one pass over the room instead of one per participant). */
function attemptsByCell(rows: RoomRows): Map<string, RoomRows["attempts"]> {
  const out = new Map<string, RoomRows["attempts"]>();
  for (const a of rows.attempts) {
    const k = key(a.learnerId, a.lessonId);
    const list = out.get(k);
    if (list) list.push(a);
    else out.set(k, [a]);
  }
  for (const list of out.values()) list.sort((x, y) => x.createdAt.getTime() - y.createdAt.getTime());
  return out;
}

export function exportRows(rows: RoomRows, lessonChecks: Record<string, string[]>): ExportRow[] {
  const out: ExportRow[] = [];
  const started = firstActivity(rows);
  const progress = new Map(rows.progress.map((p) => [key(p.learnerId, p.lessonId), parseResults(p.checkResults)]));
  const byCell = attemptsByCell(rows);
  for (const p of rows.participants) {
    for (const [lessonId, checkIds] of Object.entries(lessonChecks)) {
      const attempts = byCell.get(key(p.learnerId, lessonId)) ?? [];
      const latest = progress.get(key(p.learnerId, lessonId)) ?? {};
      for (const check of checkIds) {
        const firstPass = attempts.find((a) => Array.isArray(a.checks) && a.checks.some((c: { id?: unknown; passed?: unknown }) => c?.id === check && c.passed === true));
        out.push({
          participant: p.displayName,
          participantId: p.id,
          lesson: lessonId,
          check,
          passed: latest[check] === true,
          attempts: attempts.length,
          timeToFirstPassSeconds: firstPass ? Math.max(0, Math.round((firstPass.createdAt.getTime() - started.get(key(p.learnerId, lessonId))!) / 1000)) : null,
        });
      }
    }
  }
  return out;
}

const CSV_COLUMNS = ["participant", "participant_id", "lesson", "check", "passed", "attempts", "time_to_first_pass_seconds"] as const;

/** RFC 4180 CSV; a cell that a spreadsheet would run as a formula (=, +, -, @) is prefixed with an apostrophe. */
export function toCsv(rows: ExportRow[]): string {
  const cell = (value: string | number | boolean | null) => {
    let text = value === null ? "" : String(value);
    if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  const lines = [CSV_COLUMNS.join(",")];
  for (const r of rows) lines.push([r.participant, r.participantId, r.lesson, r.check, r.passed, r.attempts, r.timeToFirstPassSeconds].map(cell).join(","));
  return lines.join("\r\n") + "\r\n";
}

/** Lessons done in the room over time: one point per first completion, counting up (the "progress over time" chart). */
export function progressOverTime(rows: RoomRows): { at: number; done: number }[] {
  const firstPass = new Map<string, number>();
  for (const a of rows.attempts) {
    const k = key(a.learnerId, a.lessonId);
    const at = a.createdAt.getTime();
    if (a.passed && at < (firstPass.get(k) ?? Infinity)) firstPass.set(k, at);
  }
  return [...firstPass.values()].sort((x, y) => x - y).map((at, i) => ({ at: Math.floor(at / 1000), done: i + 1 }));
}

/**
 * Median minutes per lesson among participants who passed it, from their first activity on the lesson (first draft
 * save or first Check) to their first pass (the "time per lesson" chart): how long the lesson held people.
 */
export function minutesPerLesson(rows: RoomRows, lessonIds: string[]): { lessonId: string; medianMinutes: number | null; passed: number }[] {
  const started = firstActivity(rows);
  const byCell = attemptsByCell(rows);
  return lessonIds.map((lessonId) => {
    const spans: number[] = [];
    for (const p of rows.participants) {
      const attempts = byCell.get(key(p.learnerId, lessonId)) ?? [];
      const pass = attempts.find((a) => a.passed);
      if (pass) spans.push((pass.createdAt.getTime() - started.get(key(p.learnerId, lessonId))!) / 60_000);
    }
    spans.sort((x, y) => x - y);
    const median = spans.length ? (spans.length % 2 ? spans[(spans.length - 1) / 2] : (spans[spans.length / 2 - 1] + spans[spans.length / 2]) / 2) : null;
    return { lessonId, medianMinutes: median === null ? null : Math.round(median * 10) / 10, passed: spans.length };
  });
}
