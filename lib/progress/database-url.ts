import path from "node:path";
import { PrismaLibSQL } from "@prisma/adapter-libsql";
import { PrismaPg } from "@prisma/adapter-pg";
import type { Client, Config } from "@libsql/client";
import { tunedSqliteClient } from "./sqlite-client";

/** The embedded SQLite file, used when DATABASE_URL is unset. */
export const DEFAULT_DATABASE_URL = `file:${path.join(process.cwd(), ".data", "ecs-dojo.db")}`;

export function databaseUrl(): string {
  return process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
}

export function isPostgres(url: string): boolean {
  return /^postgres(ql)?:\/\//.test(url);
}

/** The driver adapter factory for a URL: libSQL for the embedded SQLite file, node-postgres for PostgreSQL. */
export function adapterFactory(url: string) {
  return isPostgres(url) ? new PrismaPg({ connectionString: url }) : new TunedPrismaLibSQL({ url });
}

/** libSQL with every connection tuned for several app processes over one file (sqlite-client.ts). */
class TunedPrismaLibSQL extends PrismaLibSQL {
  createClient(config: Config): Client {
    return tunedSqliteClient(config);
  }
}

export async function migrationAdapter(url: string) {
  return adapterFactory(url);
}
