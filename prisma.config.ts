import path from "node:path";
import { defineConfig } from "prisma/config";
import { databaseUrl, isPostgres, migrationAdapter } from "./lib/progress/database-url";

// The CLI needs DATABASE_URL to resolve even when the default embedded database is used,
// otherwise it falls back to downloading native engines (which fails offline).
process.env.DATABASE_URL = databaseUrl();

const variant = isPostgres(process.env.DATABASE_URL) ? "postgres" : ".";

export default defineConfig({
  schema: path.join("prisma", variant, "schema.prisma"),
  migrations: { path: path.join("prisma", variant, "migrations") },
  engine: "js",
  experimental: { adapter: true },
  adapter: () => migrationAdapter(process.env.DATABASE_URL!),
});
