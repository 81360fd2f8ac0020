import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { CLIPBOARD, replaceEditorText, waitForEditor } from "./helpers";

const solution = fs.readFileSync(path.join(import.meta.dirname, "../../lessons/M3-task-definitions/L302/_solution/orders-api.json"), "utf8");

test("the sandbox console follows a task from RUNNING to a user stop, with fast-forward", async ({ browser }) => {
  const context = await browser.newContext({ permissions: CLIPBOARD });
  const page = await context.newPage();
  await page.goto("/en/lessons/L302");
  await waitForEditor(page);
  await replaceEditorText(page, solution);
  await expect(page.locator(".problems li.problem")).toHaveCount(0);

  await page.getByTestId("run").click();
  await page.getByTestId("run-fast-forward").click();
  await expect(page.getByTestId("task-status")).toHaveText("RUNNING");

  await page.getByTestId("sandbox-console").locator("summary").click();
  const row = page.locator(".console-tasks li").first();
  await expect(row).toHaveAttribute("data-task-status", "RUNNING");
  await expect(row).toContainText("orders-api:1");

  await page.getByRole("button", { name: "Stop task", exact: true }).click();
  // The stop has reached the sandbox when the row no longer offers it; fast-forwarding before that would move the
  // clock first and leave the stop to run in real time.
  await expect(row.getByRole("button", { name: /^Stop task/ })).toHaveCount(0);
  await page.getByTestId("sandbox-console").getByRole("button", { name: "Fast-forward 5 min" }).click();
  await expect(row).toHaveAttribute("data-task-status", "STOPPED");
  await expect(row).toContainText("UserInitiated");
  await expect(row).toContainText("Task stopped by user");
  await context.close();
});
