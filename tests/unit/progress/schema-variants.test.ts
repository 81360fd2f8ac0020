import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../../..");
const { postgresSchemaText } = (await import(path.join(root, "scripts/db.mjs"))) as { postgresSchemaText(): string };
const migrations = (dir: string) => fs.readdirSync(path.join(root, dir)).filter((d) => /^\d/.test(d)).sort();

describe("one schema, two providers", () => {
  it("keeps the committed PostgreSQL schema derived from prisma/schema.prisma", () => {
    const committed = fs.readFileSync(path.join(root, "prisma/postgres/schema.prisma"), "utf8");
    expect(committed).toBe(postgresSchemaText());
  });

  it("has the same migrations, by name, for both providers", () => {
    expect(migrations("prisma/postgres/migrations")).toEqual(migrations("prisma/migrations"));
    expect(migrations("prisma/migrations").length).toBeGreaterThan(0);
  });
});
