/**
 * The browser terminal's per-learner data in the progress database (Prisma, SQLite or PostgreSQL): the learner's
 * file area (lib/terminal/file-area.ts has its limits) and their command history (lib/terminal/history.ts decides
 * what may be kept). Both go with the learner (the rows cascade on the learner's deletion).
 */
import { MAX_FILES, nameError, textError, utf8Bytes, type FileAreaError, type TerminalFileInfo } from "@/lib/terminal/file-area";
import { HISTORY_LIMIT, isStorable } from "@/lib/terminal/history";
import { db } from "./db";

export async function listTerminalFiles(learnerId: string): Promise<TerminalFileInfo[]> {
  const rows = await db().terminalFile.findMany({ where: { learnerId }, orderBy: { name: "asc" }, select: { name: true, text: true, updatedAt: true } });
  return rows.map((r) => ({ name: r.name, bytes: utf8Bytes(r.text), updatedAt: r.updatedAt.toISOString() }));
}

export async function readTerminalFile(learnerId: string, name: string): Promise<string | null> {
  if (nameError(name)) return null;
  const row = await db().terminalFile.findUnique({ where: { learnerId_name: { learnerId, name } }, select: { text: true } });
  return row?.text ?? null;
}

/**
 * Creates or replaces a file. The count is checked inside a transaction with the write, so two tabs saving new files
 * at once cannot both take the last place (SQLite serialises writers; on PostgreSQL the learner's row is locked).
 */
export async function saveTerminalFile(learnerId: string, name: string, text: string): Promise<{ saved: TerminalFileInfo } | { error: FileAreaError }> {
  const invalid = nameError(name) ?? textError(text);
  if (invalid) return { error: invalid };
  return db().$transaction(async (tx) => {
    // Locks the learner's row on PostgreSQL (a no-op update), so concurrent saves of one learner take turns.
    await tx.learner.update({ where: { id: learnerId }, data: { id: learnerId } });
    const exists = await tx.terminalFile.findUnique({ where: { learnerId_name: { learnerId, name } }, select: { name: true } });
    if (!exists && (await tx.terminalFile.count({ where: { learnerId } })) >= MAX_FILES) return { error: "too-many" as const };
    const row = await tx.terminalFile.upsert({
      where: { learnerId_name: { learnerId, name } },
      create: { learnerId, name, text },
      update: { text },
      select: { name: true, updatedAt: true },
    });
    return { saved: { name: row.name, bytes: utf8Bytes(text), updatedAt: row.updatedAt.toISOString() } };
  });
}

export async function deleteTerminalFile(learnerId: string, name: string): Promise<boolean> {
  if (nameError(name)) return false;
  const { count } = await db().terminalFile.deleteMany({ where: { learnerId, name } });
  return count > 0;
}

/** The learner's history, oldest first, at most HISTORY_LIMIT lines. */
export async function terminalHistory(learnerId: string): Promise<string[]> {
  const rows = await db().terminalHistoryEntry.findMany({ where: { learnerId }, orderBy: { id: "desc" }, take: HISTORY_LIMIT, select: { line: true } });
  return rows.map((r) => r.line).reverse();
}

/**
 * Appends lines (in the order given), leaving out any that isStorable refuses, then drops all but the newest
 * HISTORY_LIMIT. Answers how many were stored.
 */
export async function appendTerminalHistory(learnerId: string, lines: readonly string[], knownSecrets: readonly string[] = []): Promise<number> {
  const kept = lines.filter((line) => isStorable(line, knownSecrets)).slice(-HISTORY_LIMIT);
  if (kept.length === 0) return 0;
  const base = Date.now();
  await db().$transaction(async (tx) => {
    // One row at a time: ids then follow the order given (createMany does not promise that on every database).
    for (const [i, line] of kept.entries()) await tx.terminalHistoryEntry.create({ data: { learnerId, line, at: new Date(base + i) } });
    const oldestKept = await tx.terminalHistoryEntry.findMany({ where: { learnerId }, orderBy: { id: "desc" }, skip: HISTORY_LIMIT - 1, take: 1, select: { id: true } });
    if (oldestKept.length > 0) await tx.terminalHistoryEntry.deleteMany({ where: { learnerId, id: { lt: oldestKept[0].id } } });
  });
  return kept.length;
}

export async function clearTerminalHistory(learnerId: string): Promise<number> {
  const { count } = await db().terminalHistoryEntry.deleteMany({ where: { learnerId } });
  return count;
}
