import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { parse as parseGift } from "gift-pegjs";
import { XMLParser } from "fast-xml-parser";

// Issue 15: an instructor downloads one exam's questions from the exam page as GIFT or Moodle XML, in either
// language, and the files parse with parsers that are not ours; a malformed export request answers in the asked
// language instead of failing silently.

test("the exam page's export links download GIFT and Moodle XML files an LMS can read", async ({ page }) => {
  await page.goto("/ja/exam");
  await expect(page.getByRole("heading", { name: "講師の方へ: 問題を LMS で使う" })).toBeVisible();
  const item = page.locator(".exam-export li", { hasText: "DVA-C02:" });

  const [gift] = await Promise.all([page.waitForEvent("download"), item.getByRole("link", { name: "GIFT (日本語)" }).click()]);
  expect(gift.suggestedFilename()).toBe("ecs-dojo-DVA-C02-ja.gift");
  const giftQuestions = parseGift(fs.readFileSync((await gift.path())!, "utf8")).filter((q) => q.type === "MC");
  expect(giftQuestions.length).toBeGreaterThan(50);
  expect(giftQuestions.every((q) => q.tags?.includes("DVA-C02"))).toBe(true);
  expect(giftQuestions.some((q) => /[ぁ-ん]/.test(q.stem.text))).toBe(true);

  const [xml] = await Promise.all([page.waitForEvent("download"), item.getByRole("link", { name: "Moodle XML (英語)" }).click()]);
  expect(xml.suggestedFilename()).toBe("ecs-dojo-DVA-C02-en.xml");
  const quiz = new XMLParser({ ignoreAttributes: false, isArray: (name) => name === "question" }).parse(fs.readFileSync((await xml.path())!, "utf8")).quiz;
  expect(quiz.question.filter((q: { "@_type": string }) => q["@_type"] === "multichoice")).toHaveLength(giftQuestions.length);
});

test("a malformed export request is refused with what it needs, in the asked language", async ({ request }) => {
  const ja = await request.get("/api/exam/export?format=pdf&locale=ja");
  expect(ja.status()).toBe(400);
  expect((await ja.json()).error.message).toContain('"format" (gift または moodle)');
  const en = await request.get("/api/exam/export?format=gift&locale=en&exam=XYZ-C01");
  expect(en.status()).toBe(400);
  expect((await en.json()).error.message).toContain('"exam", if given, is one of SAA-C03');
});
