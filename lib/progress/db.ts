import { Prisma, PrismaClient } from "@/prisma/generated/sqlite";
import { Prisma as PostgresPrisma, PrismaClient as PostgresPrismaClient } from "@/prisma/generated/postgres";
import { adapterFactory, databaseUrl, isPostgres } from "./database-url";

// Both generated clients come from one schema (prisma/postgres is derived from it), so their model APIs are
// identical; the SQLite client's type stands for both.
export type Db = PrismaClient;

const globalForDb = globalThis as unknown as { ecsDojoDb?: Db; ecsDojoSandboxDb?: Promise<Db> };

function createDb(): Db {
  const url = databaseUrl();
  const adapter = adapterFactory(url);
  if (isPostgres(url)) return new PostgresPrismaClient({ adapter }) as unknown as Db;
  return new PrismaClient({ adapter });
}

/** The process-wide Prisma client (kept on globalThis so Next.js dev reloads do not open new pools). */
export function db(): Db {
  globalForDb.ecsDojoDb ??= createDb();
  return globalForDb.ecsDojoDb;
}

/**
 * The client of the sandbox store (sandbox-store.ts), which writes on nearly every AWS call. On SQLite it has its
 * own connection with synchronous = NORMAL: under WAL (set by scripts/db.mjs deploy) a commit then no longer waits
 * for the disk, and a crash of the app still loses nothing (a power cut may lose the last writes). It must be its
 * own, because libSQL hands every transaction a fresh connection and the app's transactions would replace a shared
 * one, settings and all.
 */
export function sandboxDb(): Promise<Db> {
  globalForDb.ecsDojoSandboxDb ??= isPostgres(databaseUrl()) ? Promise.resolve(db()) : tuned(createDb());
  return globalForDb.ecsDojoSandboxDb;
}

/** Applies the sandbox client's SQLite settings to its current connection (again after a transaction of its own). */
export async function tuned(client: Db): Promise<Db> {
  if (!isPostgres(databaseUrl())) await client.$executeRawUnsafe("PRAGMA synchronous = NORMAL");
  return client;
}

/** Raw SQL fragment builders for the client in use: each generated client recognises only its own fragments. */
export function sqlFragments(): Pick<typeof Prisma, "sql" | "join"> {
  return isPostgres(databaseUrl()) ? (PostgresPrisma as unknown as typeof Prisma) : Prisma;
}
