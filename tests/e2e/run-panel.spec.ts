/**
 * The lesson page's run panel and sandbox controls (issue 11, "The run panel", "Time", "Consistency", "After
 * success"): every state shown as it happens on the sandbox clock, the panel restored after a reload and never back on
 * an earlier task, one task per Run, an unchanged file's revision reused, stop all and reset with a confirmation in
 * both languages, the clock shown and explained, and what a fast-forward moved. Simulated time is moved with
 * fast-forward (the page's buttons, or AdvanceClock through the page's own API), never waited for.
 */
import fs from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { CLIPBOARD, replaceEditorText, waitForEditor } from "./helpers";

const L302 = path.join(import.meta.dirname, "../../lessons/M3-task-definitions/L302");
const read = (...parts: string[]) => fs.readFileSync(path.join(L302, ...parts), "utf8");
const solution = read("_solution", "orders-api.json");
const lesson = JSON.parse(read("lesson.json")) as { files: { name: string }[] };

/** A POST with the page's own CSRF token, as its buttons send it: a fast-forward by any number of seconds. */
async function fastForward(page: Page, seconds: number): Promise<void> {
  const status = await page.evaluate(async (seconds) => {
    const token = document.querySelector<HTMLMetaElement>('meta[name="dojo-csrf"]')?.content ?? "";
    const response = await fetch("/api/sandbox/advance", {
      method: "POST",
      headers: { "content-type": "application/json", "x-dojo-locale": "en", "x-dojo-csrf": token },
      body: JSON.stringify({ seconds }),
    });
    return response.status;
  }, seconds);
  expect(status).toBe(200);
}

const taskId = (page: Page) => page.getByTestId("run-panel-0").locator("[data-task]").getAttribute("data-task");

test("each state shows as it happens, on a clock that starts at the wall clock; fast-forward says what moved; a reload keeps the task", async ({ browser }) => {
  const context = await browser.newContext({ permissions: CLIPBOARD });
  const page = await context.newPage();
  await page.goto("/en/lessons/L302");
  await waitForEditor(page);
  const panel = page.getByTestId("run-panel-0");
  const status = page.getByTestId("task-status");

  // Nothing has been edited: no claim that anything was saved.
  await expect(page.getByTestId("save-state")).toHaveText("No changes yet");
  // The sandbox clock, on the wall clock's time.
  const clock = panel.getByTestId("sandbox-clock");
  await expect(clock).toContainText("Sandbox clock:");
  await expect(clock).toContainText("the same as your clock");
  expect(Math.abs(Number(await clock.getAttribute("data-sim-ms")) - Date.now())).toBeLessThan(5_000);

  await replaceEditorText(page, solution);
  await expect(page.getByTestId("save-state")).toHaveText("Saved");

  await page.getByTestId("run").click();
  await expect(status).toHaveText("PROVISIONING");
  await expect(page.getByTestId("run-notice")).toHaveText("Registered orders-api:1 and started a task.");
  await expect(panel.getByTestId("run-replaces")).toContainText("Each Run replaces the task of your previous Run");
  const lifecycle = panel.getByTestId("lifecycle");
  await expect(lifecycle.locator("li")).toHaveText([/^PROVISIONING/, /^PENDING/, /^ACTIVATING/, /^RUNNING/, /^DEACTIVATING/, /^STOPPING/, /^DEPROVISIONING/, /^STOPPED/]);
  await expect(lifecycle.locator('[data-status="ACTIVATING"]')).toContainText("only with a load balancer or service discovery");

  // 10 simulated seconds: the network interface is attached, and the panel shows PENDING live (not only in a history).
  await fastForward(page, 10);
  await expect(status).toHaveText("PENDING");
  await expect(lifecycle.locator('[data-status="PENDING"]')).toHaveAttribute("data-phase", "current");
  await expect(lifecycle.locator('[data-status="PROVISIONING"]')).toHaveAttribute("data-phase", "done");

  // The panel's own fast-forward: RUNNING, and what moved, with the clock before and after.
  await panel.getByTestId("run-fast-forward").click();
  await expect(status).toHaveText("RUNNING");
  const moved = panel.getByTestId("moved");
  await expect(moved).toContainText(/Fast-forwarded 30 s: sandbox clock [0-9:APM ]+ → [0-9:APM ]+\./);
  await expect(moved.locator("li")).toHaveText([/^Task [0-9a-f]{8} \(orders-api:1\): PENDING → RUNNING$/]);
  // The clock is ahead of the wall clock by exactly what was fast-forwarded, and says so.
  await expect(clock).toContainText("40 s ahead of your clock: you fast-forwarded 40 s.");
  expect(Math.abs(Number(await clock.getAttribute("data-ahead-ms")) - 40_000)).toBeLessThan(1_000);

  // Stop: STOPPING arrives by itself (the agent acts a simulated second later), then the rest on fast-forwards.
  await panel.getByTestId("run-stop").click();
  await expect(status).toHaveText("STOPPING");
  await fastForward(page, 12);
  await expect(status).toHaveText("DEPROVISIONING");
  await fastForward(page, 16);
  await expect(status).toHaveText("STOPPED");
  await expect(lifecycle.locator('[data-phase="done"]')).toHaveCount(5);
  // stopCode and stoppedReason are two fields, not one run-together line.
  const fields = panel.getByTestId("stop-fields");
  await expect(fields.locator("dt")).toHaveText(["stopCode", "stoppedReason"]);
  await expect(fields.locator("dd")).toHaveText(["UserInitiated", "Task stopped by user"]);

  // A reload shows the same task, as it is now.
  const id = await taskId(page);
  await page.reload();
  await waitForEditor(page);
  await expect(status).toHaveText("STOPPED");
  expect(await taskId(page)).toBe(id);
  await expect(panel).toContainText("The task of your last Run:");
  await context.close();
});

test("one task per Run, the unchanged file's revision reused, never back on an earlier task; stop all and reset ask first", async ({ browser }) => {
  const context = await browser.newContext({ permissions: CLIPBOARD });
  const page = await context.newPage();
  await page.goto("/en/lessons/L302");
  await waitForEditor(page);
  await replaceEditorText(page, solution);
  await page.getByTestId("run").click();
  await expect(page.getByTestId("task-status")).toHaveText("PROVISIONING");
  const first = (await taskId(page))!;

  // The first task's polls now answer late; one is on its way when Run starts a second task.
  await page.route(`**/api/sandbox/task?*${first}*`, async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    await route.continue().catch(() => {});
  });
  await page.waitForRequest((r) => r.url().includes("/api/sandbox/task?") && r.url().includes(first));
  await page.getByTestId("run").click();
  await expect(page.getByTestId("run-notice")).toHaveText(
    `orders-api.json is unchanged since your last Run: started a task of orders-api:1 again, nothing new registered. Stopped the task of your previous Run: ${first.slice(0, 8)}.`,
  );
  const second = (await taskId(page))!;
  expect(second).not.toBe(first);
  // The late answer about the first task arrives; the panel stays on the second.
  await page.waitForResponse((r) => r.url().includes(first));
  await page.waitForTimeout(1_500);
  expect(await taskId(page)).toBe(second);
  await page.unroute(`**/api/sandbox/task?*${first}*`);

  // After a reload, too.
  await page.reload();
  await waitForEditor(page);
  await expect(page.getByTestId("task-status")).toHaveText("PROVISIONING");
  expect(await taskId(page)).toBe(second);

  // The console: the first task was stopped, saying why; only the second is meant to run.
  const console_ = page.getByTestId("sandbox-console");
  await console_.locator("summary").click();
  await expect(console_.locator(".console-tasks li")).toHaveCount(2);
  await expect(console_.locator(".console-tasks")).toContainText("Replaced by a new Run on the ECS Dojo lesson page");

  // The learner asks for one more.
  await page.getByTestId("keep-previous").check();
  await page.getByTestId("run").click();
  await expect(page.getByTestId("run-notice")).not.toContainText("Stopped the task");
  await expect(console_.locator(".console-tasks li")).toHaveCount(3);

  // Stop all tasks asks first, in the page; cancelled, nothing happens.
  const confirmation = page.getByTestId("confirm-dialog");
  await console_.getByTestId("stop-all").click();
  await expect(confirmation).toContainText("Stop every task in your sandbox that no service owns?");
  await confirmation.getByTestId("confirm-cancel").click();
  await expect(confirmation).toHaveCount(0);
  await expect(console_.getByTestId("console-done")).toHaveCount(0);
  await console_.getByTestId("stop-all").click();
  await confirmation.getByTestId("confirm-ok").click();
  await expect(console_.getByTestId("console-done")).toHaveText("Stopped 2 tasks.");

  // Reset sandbox asks first, then empties it and puts the clock back at the wall clock.
  await fastForward(page, 600);
  await console_.getByTestId("reset-sandbox").click();
  await expect(confirmation).toContainText("Delete everything in your sandbox");
  await confirmation.getByRole("button", { name: "Reset sandbox" }).click();
  await expect(console_.getByTestId("console-done")).toContainText("Your sandbox is empty again");
  await expect(page.getByTestId("task-status")).toHaveCount(0);
  await expect(console_.getByTestId("sandbox-clock")).toContainText("the same as your clock");
  await expect(console_).toContainText("No clusters yet.");
  await context.close();
});

test("in Japanese: the clock, stop all and reset confirmations, and no changes yet", async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto("/ja/lessons/L302");
  await waitForEditor(page);
  await expect(page.getByTestId("save-state")).toHaveText("まだ変更はありません");
  await expect(page.getByTestId("run-panel-0").getByTestId("sandbox-clock")).toContainText("サンドボックスの時計:");
  await expect(page.getByTestId("run-panel-0").getByTestId("sandbox-clock")).toContainText("手元の時計と同じです");
  await expect(page.getByTestId("run-replaces")).toContainText("前回の実行で起動したタスクは新しいタスクに置き換わります");
  const console_ = page.getByTestId("sandbox-console");
  await console_.locator("summary").click();
  // Each asks first, in Japanese; Esc and キャンセル both cancel.
  const confirmation = page.getByTestId("confirm-dialog");
  await console_.getByRole("button", { name: "すべてのタスクを停止" }).click();
  await expect(confirmation).toContainText("サービスに属していないタスクを、サンドボックスからすべて停止しますか?");
  await expect(confirmation.getByRole("button", { name: "キャンセル" })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(confirmation).toHaveCount(0);
  await console_.getByRole("button", { name: "サンドボックスをリセット" }).click();
  await expect(confirmation).toContainText("時計を現在の時刻に戻しますか?");
  await confirmation.getByRole("button", { name: "キャンセル" }).click();
  await expect(confirmation).toHaveCount(0);
  await expect(console_.getByTestId("console-done")).toHaveCount(0);
  await context.close();
});

test("Run answers the starter as the AWS CLI does, and says who answered", async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto("/en/lessons/L302");
  await waitForEditor(page);
  await page.getByTestId("run").click();
  const error = page.getByTestId("run-error");
  await expect(error).toContainText("Parameter validation failed:");
  await expect(error).toContainText("Invalid type for parameter cpu, value: 256, type: <class 'int'>, valid types: <class 'str'>");
  await expect(error).toContainText("Checked before sending, as the AWS CLI does: nothing reached ECS.");
  await expect(error).not.toContainText("SerializationException");
  await context.close();
});

test("AWS's message shows once; the last Check and the next step survive a reload; the credentials explain the account", async ({ browser }) => {
  const context = await browser.newContext({ permissions: CLIPBOARD });
  const page = await context.newPage();
  await page.goto("/en/lessons/L302");
  await waitForEditor(page);
  const message = "Invalid type for parameter cpu, value: 256, type: <class 'int'>, valid types: <class 'str'>";

  await page.getByTestId("check").click();
  await expect(page.locator('.checks li[data-check="size-as-strings"]')).toHaveAttribute("data-passed", "false");
  const workspace = page.locator(".workspace");
  await expect(page.locator(".problems")).toContainText(message);
  expect((await workspace.innerText()).split(message).length - 1).toBe(1);
  await expect(page.locator('.checks li[data-check="size-as-strings"] .detail')).toContainText("(AWS's message is shown under Problems)");
  await expect(page.locator('.checks li[data-check="accepted-by-aws"] .detail')).toContainText("(AWS's message is shown under Problems)");

  // The checks as the last Check left them, after a reload.
  await page.reload();
  await waitForEditor(page);
  await expect(page.getByTestId("checks-restored")).toContainText("Results of your last Check");
  await expect(page.locator('.checks li[data-check="size-as-strings"] .detail')).toContainText("Expected in orders-api.json");
  await expect(page.locator('.checks li[data-check="size-as-strings"]').getByTestId("check-hint")).toBeVisible();

  // Solve it: every file, a run, 30 simulated seconds; then the next step, which a reload keeps.
  for (const { name } of lesson.files) {
    await page.locator(`[data-file="${name}"]`).click();
    await replaceEditorText(page, read("_solution", name));
  }
  await page.locator(`[data-file="${lesson.files[0].name}"]`).click();
  await page.getByTestId("run").click();
  await page.getByTestId("run-fast-forward").click();
  await expect(page.getByTestId("task-status")).toHaveText("RUNNING");
  await page.getByTestId("check").click();
  const next = page.getByTestId("next-step");
  await expect(next).toContainText("Next lesson:");
  await expect(next.getByRole("link")).toHaveAttribute("href", "/en/lessons/L303");
  await page.reload();
  await waitForEditor(page);
  await expect(page.getByTestId("next-step").getByRole("link")).toHaveAttribute("href", "/en/lessons/L303");
  await expect(page.locator('.checks li[data-passed="true"]')).toHaveCount(await page.locator(".checks li").count());

  // Where the credentials are: the learner's own account id, and what the lessons' 123456789012 means here.
  await page.locator("details.credentials > summary").click();
  const account = page.getByTestId("sandbox-account");
  await expect(account).toContainText(/Your sandbox account ID is \d{12}\./);
  await expect(account).toContainText("your sandbox reads 123456789012 as your own account");
  await context.close();
});
