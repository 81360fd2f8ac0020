import { PrismaClient } from "@/prisma/generated/sqlite";
import { PrismaClient as PostgresPrismaClient } from "@/prisma/generated/postgres";
import { adapterFactory, databaseUrl, isPostgres } from "./database-url";

// Both generated clients come from one schema (prisma/postgres is derived from it), so their model APIs are
// identical; the SQLite client's type stands for both.
export type Db = PrismaClient;

const globalForDb = globalThis as unknown as { ecsDojoDb?: Db };

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
