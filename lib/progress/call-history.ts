/**
 * Every AWS call a learner makes to their sandbox, kept so call-history checks (curriculum R10) can see what they
 * did and in which order. Written by the gateway before it answers, so a check right after a call sees it.
 */
import type { CallRecorder, RecordedCall } from "@/lib/sandbox/gateway";
import { Prisma } from "@/prisma/generated/sqlite";
import { db } from "./db";
import { rawSql, sqlValues } from "./sql-connection";

/** A call as checks read it. */
export interface ApiCallRecord {
  service: string;
  operation: string;
  input: unknown;
  error?: { code: string; message: string };
  at: Date;
}

/** Request bodies are at most 256 KiB; a history row keeps the first 16 KiB (a cut body reads as not-JSON). */
const MAX_INPUT_CHARS = 16_384;
/** The newest calls kept per account; older ones are pruned every PRUNE_EVERY inserts. */
export const CALLS_KEPT = 2_000;
const PRUNE_EVERY = 200;

/**
 * One row per AWS call, so it is the busiest write there is: a fixed statement on the raw connection (the ORM's
 * insert cost about 1.5 ms of CPU, ten times the statement), written as the ORM writes it (sql-connection.ts).
 */
export const callRecorder: CallRecorder = {
  async record(call: RecordedCall) {
    const input = JSON.stringify(call.input ?? null).slice(0, MAX_INPUT_CHARS);
    const sql = await rawSql();
    const [row] = await sql.rows<{ id: number | string }>(Prisma.sql`
      INSERT INTO "ApiCall" ("accountId", "region", "service", "operation", "input", "errorCode", "errorMessage", "at")
      VALUES (${call.accountId}, ${call.region}, ${call.service}, ${call.operation.slice(0, 128)}, ${input},
        ${call.error?.code.slice(0, 256) ?? null}, ${call.error?.message.slice(0, 2_048) ?? null}, ${sqlValues(sql).timestamp(new Date())})
      RETURNING "id"`);
    if (Number(row.id) % PRUNE_EVERY === 0) await prune(call.accountId);
  },
};

async function prune(accountId: string): Promise<void> {
  const boundary = await db().apiCall.findFirst({
    where: { accountId },
    orderBy: { id: "desc" },
    skip: CALLS_KEPT,
    select: { id: true },
  });
  if (boundary) await db().apiCall.deleteMany({ where: { accountId, id: { lte: boundary.id } } });
}

/** The account's calls in one Region since a moment (all kept calls when `since` is undefined), oldest first. */
export async function callsSince(accountId: string, region: string, since: Date | undefined): Promise<ApiCallRecord[]> {
  const rows = await db().apiCall.findMany({
    where: { accountId, region, ...(since ? { at: { gte: since } } : {}) },
    orderBy: { id: "asc" },
    take: CALLS_KEPT,
  });
  return rows.map((row) => ({
    service: row.service,
    operation: row.operation,
    input: parseInput(row.input),
    error: row.errorCode ? { code: row.errorCode, message: row.errorMessage ?? "" } : undefined,
    at: row.at,
  }));
}

function parseInput(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
