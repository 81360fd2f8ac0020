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
