import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { courseCoverage, coverageMarkdown } from "@/lib/course/coverage";
import { readCourse } from "@/lib/course/load";

const root = path.resolve(import.meta.dirname, "../../..");
const course = readCourse();

describe("what the course covers", () => {
  it("docs/coverage.md is current (regenerate with npx ecs-dojo content coverage --write)", () => {
    expect(fs.readFileSync(path.join(root, "docs", "coverage.md"), "utf8")).toBe(coverageMarkdown(course));
  });

  it("lists each seed item with the lessons that name it, and the items no lesson names", () => {
    const coverage = courseCoverage(course);
    const byId = new Map(coverage.seeds.map((s) => [s.id, s]));
    for (const lesson of course.lessons.values()) for (const id of lesson.seeds) expect(byId.get(id)!.lessons).toContain(lesson.id);
    expect(coverage.uncoveredSeeds).toEqual(coverage.seeds.filter((s) => s.lessons.length === 0).map((s) => s.id));
    expect(coverage.seeds).toHaveLength(course.seedChecklist.items.length);
  });

  it("maps every task statement a lesson names to that lesson, per exam", () => {
    const coverage = courseCoverage(course);
    const all = Object.values(coverage.statements).flat();
    for (const lesson of course.lessons.values()) {
      for (const code of lesson.taskStatements) expect(all.find((s) => s.code === code)!.lessons).toContain(lesson.id);
    }
  });

  it("counts per language what the prose links (a glossary term linked only in Japanese counts only there)", () => {
    const coverage = courseCoverage(course);
    for (const locale of ["en", "ja"] as const) {
      const linked = new Set([...course.lessons.values()].flatMap((l) => l.glossaryLinks[locale]));
      expect(coverage.locales[locale].glossaryTermsLinked).toBe(linked.size);
      expect(coverage.locales[locale].hints.tiers).toBe(3 * course.lessons.size);
    }
  });

  it("`content stats` prints both languages, the seed items not yet covered and every exam", async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [path.join(root, "bin/ecs-dojo.mjs"), "content", "stats"], { cwd: root });
    expect(stdout).toMatch(/\[en\][\s\S]*\[ja\]/);
    expect(stdout).toMatch(new RegExp(`seed checklist +${courseCoverage(course).seeds.filter((s) => s.lessons.length).length} of ${course.seedChecklist.items.length} items covered`));
    for (const exam of ["SAA-C03", "DVA-C02", "SOA-C03", "DOP-C02"]) expect(stdout).toMatch(new RegExp(`${exam} +\\d+ of \\d+ task statements covered`));
  });
});
