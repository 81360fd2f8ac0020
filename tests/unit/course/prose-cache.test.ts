/**
 * Lesson prose compiled at prepare time (dist/prose/, `ecs-dojo content prose`): a lesson page uses it while its MDX
 * source is unchanged, and compiles the source again when it changed since (a stale file is never shown).
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { getLesson } from "@/lib/course/load";
import { lessonProse, precompileProse } from "@/lib/course/prose";

const DIR = path.join(process.cwd(), "dist", "prose");
const files = ["L101.en.json", "L102.en.json"].map((name) => path.join(DIR, name));
const saved = new Map<string, string>();

beforeAll(() => {
  for (const file of files) if (fs.existsSync(file)) saved.set(file, fs.readFileSync(file, "utf8"));
});

afterAll(() => {
  for (const file of files) {
    if (saved.has(file)) fs.writeFileSync(file, saved.get(file)!);
    else fs.rmSync(file, { force: true });
  }
});

test("precompiled prose is used while its source is unchanged, and compiled again once the source changed", async () => {
  const fresh = getLesson("L101")!;
  const stale = getLesson("L102")!;
  expect(await precompileProse([fresh, stale], ["en"])).toBe(2);
  // Mark both files: what the page shows tells which one it used.
  for (const file of files) {
    const cached = JSON.parse(fs.readFileSync(file, "utf8"));
    fs.writeFileSync(file, JSON.stringify({ ...cached, code: `/* from dist/prose */ ${cached.code}`, ...(file.includes("L102") ? { stamp: "an older source" } : {}) }));
  }
  expect(await lessonProse(fresh, "en")).toMatch(/^\/\* from dist\/prose \*\//);
  expect(await lessonProse(stale, "en")).not.toMatch(/from dist\/prose/);
  expect((await lessonProse(stale, "en")).length).toBeGreaterThan(500);
});
