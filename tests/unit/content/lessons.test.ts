import { describe, expect, it } from "vitest";
import { loadLessons } from "@/lib/content/lessons";
import { lessonProse } from "@/lib/content/prose";
import { LOCALES } from "@/lib/i18n/locales";
import { validate } from "@/lib/validator";

const lessons = [...(await loadLessons()).values()];

describe.each(lessons.map((l) => [l.id, l] as const))("lesson %s", (_id, lesson) => {
  it.each(LOCALES)("has prose in %s that compiles, with front matter", async (locale) => {
    const prose = await lessonProse(lesson.id, locale);
    expect(prose.frontmatter.title.length).toBeGreaterThan(5);
    expect(prose.code).toContain("FargateSizeTable");
  });

  it("has three hints in each language", () => {
    for (const locale of LOCALES) expect(lesson.hints[locale]).toHaveLength(3);
  });

  it("has a starter that is broken in at least two ways and a solution AWS accepts", () => {
    const starterErrors = validate(lesson.starter).filter((d) => d.level === "error");
    expect(new Set(starterErrors.map((d) => d.ruleId)).size).toBeGreaterThanOrEqual(2);
    expect(validate(lesson.solution).filter((d) => d.level === "error")).toEqual([]);
  });

  it("names only validator rules that exist in its checks", async () => {
    const { RULES } = await import("@/lib/validator");
    const known = new Set(RULES.map((r) => r.id));
    const named = lesson.checks.flatMap((c) => (c.kind === "rules-clear" ? c.rules : []));
    expect(named.filter((id) => !known.has(id))).toEqual([]);
  });
});
