/**
 * The database a store suite runs on (account-store-suite, workshop-store-suite): `databaseUrl()` is called once,
 * migrated with the committed migrations, and handed to the app's client through DATABASE_URL before the suite imports
 * anything that reads it; the client disconnects after the suite. Call it first inside the suite function, so its
 * beforeAll runs before the suite's own.
 */
import { execFileSync } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "..", "..", "..");

export function storeDatabase(databaseUrl: () => string, secretKey: string): void {
  beforeAll(() => {
    process.env.DATABASE_URL = databaseUrl();
    process.env.DOJO_SECRET_KEY = secretKey;
    execFileSync(process.execPath, ["scripts/db.mjs", "deploy"], { cwd: ROOT, env: process.env, stdio: "pipe" });
  }, 60_000);
  afterAll(async () => {
    await (await import("@/lib/progress/db")).db().$disconnect();
  });
}
