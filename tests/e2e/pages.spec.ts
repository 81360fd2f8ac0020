import { expect, test } from "@playwright/test";
import { externalRequests, recordRequests } from "./helpers";

test("home pages in both languages list the lesson and switch language", async ({ browser }) => {
  const context = await browser.newContext();
  const requests = recordRequests(context);
  const page = await context.newPage();

  await page.goto("/en");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("link", { name: "Task size and the Fargate CPU/memory table" })).toBeVisible();

  await page.getByRole("link", { name: "日本語" }).click();
  await expect(page).toHaveURL(/\/ja$/);
  await expect(page.locator("html")).toHaveAttribute("lang", "ja");
  await expect(page.getByRole("link", { name: /タスクサイズと Fargate/ })).toBeVisible();

  await page.goto("/ja/lessons/L302");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("タスクサイズ");
  await page.goto("/en/lessons/L302");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Task size");

  expect(externalRequests(requests)).toEqual([]);
  await context.close();
});

test("the root redirects by Accept-Language and unknown pages answer 404", async ({ browser }) => {
  const context = await browser.newContext({ locale: "ja-JP" });
  const page = await context.newPage();
  await page.goto("/");
  await expect(page).toHaveURL(/\/ja$/);
  const missing = await page.goto("/en/lessons/L999");
  expect(missing?.status()).toBe(404);
  await context.close();
});

test("the coverage page, reached from the home page, maps checklist items and task statements to lessons in Japanese", async ({ page }) => {
  await page.goto("/ja");
  await page.getByRole("link", { name: "カバー範囲" }).click();
  await expect(page).toHaveURL(/\/ja\/coverage$/);
  await expect(page.getByRole("heading", { level: 2, name: /概念のチェックリスト: \d+ 項目中 \d+ 項目をカバー/ })).toBeVisible();
  // A10 (Fargate: AWS manages hosts) is taught by L103 and L302: its row links both lessons.
  const a10 = page.locator("tr#A10");
  await expect(a10.getByRole("link", { name: "L302" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: /^SAA-C03: \d+ 個のタスクステートメント中 \d+ 個をカバー$/ })).toBeVisible();
  await a10.getByRole("link", { name: "L302" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("タスクサイズ");
});
