import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { CLIPBOARD, editorText, externalRequests, recordRequests, replaceEditorText, waitForEditor } from "./helpers";

const L302 = path.join(import.meta.dirname, "../../lessons/M3-task-definitions/L302");
const solution = fs.readFileSync(path.join(L302, "_solution/orders-api.json"), "utf8");
const lesson = JSON.parse(fs.readFileSync(path.join(L302, "lesson.json"), "utf8")) as { files: { name: string }[]; checks: { id: string; kind: string }[] };
// The solution with one mistake left in, so the last fix is typed key by key.
const almostFixed = solution.replace('"networkMode": "awsvpc"', '"networkMode": "bridge"');
const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;

for (const locale of ["en", "ja"] as const) {
  test(`L302 end to end in ${locale}: markers, fix, check, run, reload`, async ({ browser }) => {
    const context = await browser.newContext({ permissions: CLIPBOARD });
    const requests = recordRequests(context);
    const page = await context.newPage();

    await page.goto(`/${locale}/lessons/L302`);
    await waitForEditor(page);

    // The starter is broken in the ways the lesson teaches: several markers, in the page's language.
    const problems = page.locator(".problems li.problem");
    await expect.poll(() => problems.count()).toBeGreaterThanOrEqual(2);
    await expect.poll(() => page.locator(".monaco-editor .squiggly-error").count()).toBeGreaterThanOrEqual(2);
    const rules = await problems.evaluateAll((items) => items.map((li) => li.getAttribute("data-rule")));
    expect(rules).toEqual(expect.arrayContaining(["FG-NETWORKMODE", "CLI-TYPE-TASK-CPU-MEM"]));
    const firstMessage = await problems.first().locator(".message").innerText();
    if (locale === "ja") expect(firstMessage).toMatch(JAPANESE);
    else expect(firstMessage).not.toMatch(JAPANESE);

    // Fix it in the editor: paste a nearly fixed file, then type the last fix.
    await replaceEditorText(page, almostFixed);
    await expect(problems).toHaveCount(1);
    await expect(problems.first()).toHaveAttribute("data-rule", "FG-NETWORKMODE");
    await page.locator(".monaco-editor .view-lines span", { hasText: "bridge" }).last().dblclick();
    await page.keyboard.type("awsvpc");
    await expect(problems).toHaveCount(0);
    await expect(page.locator(".monaco-editor .squiggly-error")).toHaveCount(0);

    // Size the other two services, then Check: every file check passes; only the run is missing.
    for (const { name } of lesson.files.slice(1)) {
      await page.locator(`[data-file="${name}"]`).click();
      await replaceEditorText(page, fs.readFileSync(path.join(L302, "_solution", name), "utf8"));
    }
    await page.locator(`[data-file="${lesson.files[0].name}"]`).click();
    await page.getByTestId("check").click();
    const checks = page.locator(".checks li");
    await expect(checks).toHaveCount(lesson.checks.length);
    const runCheck = lesson.checks.find((c) => c.kind === "task-running")!.id;
    await expect(page.locator('.checks li[data-passed="false"]')).toHaveCount(1);
    await expect(page.locator(`.checks li[data-check="${runCheck}"]`)).toHaveAttribute("data-passed", "false");
    if (locale === "ja") expect(await checks.first().innerText()).toMatch(JAPANESE);

    // Run it in the sandbox, fast-forward the 25 s a Fargate task needs, and see it RUNNING; now Check completes the lesson.
    await page.getByTestId("run").click();
    await expect(page.getByTestId("task-status")).toHaveText("PROVISIONING");
    await page.getByTestId("run-fast-forward").click();
    await expect(page.getByTestId("task-status")).toHaveText("RUNNING");
    await expect(page.locator('.timeline li[data-phase="done"]')).toHaveCount(2);
    await page.getByTestId("check").click();
    await expect(page.getByTestId("lesson-completed")).toBeVisible();
    await expect(page.locator('.checks li[data-passed="false"]')).toHaveCount(0);

    // A reload keeps the completed state and the edited text.
    await page.reload();
    await waitForEditor(page);
    await expect(page.getByTestId("lesson-completed")).toBeVisible();
    await expect.poll(() => editorText(page)).toContain('"networkMode": "awsvpc"');
    await expect(page.locator(".problems li.problem")).toHaveCount(0);

    expect(externalRequests(requests)).toEqual([]);
    await context.close();
  });
}

test("a failed check unlocks hints one by one and offers the solution after three", async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto("/en/lessons/L302");
  await waitForEditor(page);
  for (let n = 1; n <= 3; n++) {
    await page.getByTestId("check").click();
    await expect(page.locator(".hints li")).toHaveCount(n);
    await expect(page.locator('.checks li[data-passed="false"] .detail').first()).toContainText("Expected");
  }
  await expect(page.getByTestId("solution")).toBeVisible();
  await context.close();
});

test("before the editor's code arrives, the server's preview shows the file and the validator's marks, then gives way to Monaco", async ({ browser }) => {
  // JavaScript off: only what the server drew. The starter's mistakes are marked where the editor will mark them.
  const still = await browser.newContext({ javaScriptEnabled: false });
  const page = await still.newPage();
  await page.goto("/en/lessons/L302");
  const preview = page.getByTestId("editor-preview");
  await expect(preview).toBeVisible();
  const starter = fs.readFileSync(path.join(L302, "_files", lesson.files[0].name), "utf8");
  expect((await preview.locator("pre").innerText()).trimEnd()).toBe(starter.trimEnd());
  const marks = await preview.locator(".preview-mark.preview-error").allInnerTexts();
  expect(marks.length).toBeGreaterThanOrEqual(2);
  for (const mark of marks) expect(starter).toContain(mark);
  // The problems list beside it says what each mark means, also without JavaScript.
  expect(await page.locator(".problems li.problem").count()).toBeGreaterThanOrEqual(2);
  await still.close();

  // With JavaScript, Monaco takes the preview's place once it has mounted.
  const live = await browser.newContext();
  const livePage = await live.newPage();
  await livePage.goto("/en/lessons/L302");
  await waitForEditor(livePage);
  await expect(livePage.locator(".monaco-editor .squiggly-error").first()).toBeVisible();
  await expect(livePage.getByTestId("editor-preview")).toHaveCount(0);
  await live.close();
});
