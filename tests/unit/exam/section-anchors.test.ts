import { describe, expect, it } from "vitest";
import { loadCourse } from "@/lib/course/load";
import { lessonProse } from "@/lib/course/prose";
import { readQuestionBank } from "@/lib/exam/load";
import { sectionHref, tryItHref } from "@/lib/exam/views";
import { LOCALES } from "@/lib/i18n/locales";

const course = loadCourse();
const bank = readQuestionBank(course);

/** Every section some question links to, by lesson. */
const linked = new Map<string, Set<string>>();
for (const q of bank.questions) for (const s of q.sections) if (s.section) linked.set(s.lesson, (linked.get(s.lesson) ?? new Set()).add(s.section.slug));

describe("the lesson sections questions link to", () => {
  describe.each([...linked].map(([lesson, slugs]) => [lesson, [...slugs]] as const))("%s", (lesson, slugs) => {
    it.each(LOCALES)("are anchors of the %s page: its ## headings carry the English slugs as ids", async (locale) => {
      const code = await lessonProse(course.lessons.get(lesson)!, locale);
      // The compiled (minified) MDX passes each heading's properties as an object literal: {id:"two-roles-two-users",…}.
      for (const slug of slugs) expect(code, `${lesson} ${locale} #${slug}`).toMatch(new RegExp(`\\bid: ?"${slug}"`));
    });
  });
});

describe("links from a question", () => {
  it("go to the section in the page's language and to the exercise at the named mistake", () => {
    expect(sectionHref("ja", "L305", "two-roles-two-users")).toBe("/ja/lessons/L305#two-roles-two-users");
    expect(sectionHref("en", "L305")).toBe("/en/lessons/L305");
    expect(tryItHref("en", "L201", "username-not-aws")).toBe("/en/lessons/L201?try=username-not-aws#exercise-heading");
    expect(tryItHref("ja", "L201")).toBe("/ja/lessons/L201#exercise-heading");
  });
});
