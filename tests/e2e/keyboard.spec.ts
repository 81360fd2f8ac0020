import { expect, test, type Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { expectNoHorizontalOverflow, expectOnScreen, LAPTOP, notOnScreen, PHONE } from "./site-pages";
import { waitForEditor } from "./helpers";

// A lesson by keyboard alone (issue 11): from the top of the page to the editor, out of it again (Tab indents
// inside Monaco, so Esc leaves, as the note beside the editor says), Check, a hint, Run, and the language switch —
// with a visible focus indicator, on screen, at every stop.

interface FocusStop {
  description: string;
  /** Why the focused control cannot be seen ("" when it can). */
  problem: string;
  inEditor: boolean;
}

/** Where focus is, and whether a sighted keyboard user can see it: on screen, not covered, with an outline. */
async function focusStop(page: Page): Promise<FocusStop> {
  const handle = await page.evaluateHandle(() => document.activeElement);
  const element = handle.asElement();
  if (!element) return { description: "nothing", problem: "no element has focus", inEditor: false };
  const inEditor = await element.evaluate((el) => Boolean(el.closest(".editor-frame")));
  // Inside Monaco the focused element is a 1-pixel text area: its frame carries the focus outline.
  const shown = inEditor ? page.locator(".editor-frame:focus-within") : page.locator(":focus");
  const description = await element.evaluate((el) => `${el.tagName.toLowerCase()} “${(el.textContent ?? "").trim().slice(0, 40)}”${el.id ? `#${el.id}` : ""}`);
  if (description.startsWith("body")) return { description, problem: "focus fell to <body>", inEditor };
  const outline = await shown.evaluate((el) => {
    const style = getComputedStyle(el);
    return style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2;
  });
  const where = inEditor ? "" : await notOnScreen(shown);
  return { description, problem: !outline ? "no visible focus outline" : where, inEditor };
}

async function expectVisibleFocus(page: Page, step: string) {
  const stop = await focusStop(page);
  expect(stop.problem, `${step}: focus on ${stop.description}`).toBe("");
  return stop;
}

/** Presses `key` until the focused element matches, checking the focus is visible at every stop on the way. */
async function moveFocusTo(page: Page, key: "Tab" | "Shift+Tab", target: (page: Page) => Promise<boolean>, step: string, onEditor?: () => Promise<void>) {
  for (let presses = 0; presses < 120; presses++) {
    await page.keyboard.press(key);
    const stop = await expectVisibleFocus(page, `${step}, press ${presses + 1}`);
    if (await target(page)) return;
    if (stop.inEditor && onEditor) await onEditor();
  }
  throw new Error(`${step}: not reached in 120 presses of ${key}`);
}

const focusedIs = (selector: string) => (page: Page) => page.locator(selector).evaluate((el) => el === document.activeElement).catch(() => false);
const inEditor = (page: Page) => page.evaluate(() => Boolean(document.activeElement?.closest(".editor-frame")));

test("L302 by keyboard alone: editor in and out, Check, a hint, Run and the language switch, focus visible throughout", async ({ page }) => {
  await page.setViewportSize(LAPTOP);
  await page.goto("/en/lessons/L302");
  await waitForEditor(page);

  // From the top: the skip link first, then the page's "Go to the exercise" past the prose.
  await page.keyboard.press("Tab");
  await expectVisibleFocus(page, "first Tab");
  await expect(page.locator(":focus")).toHaveText("Skip to content");
  await moveFocusTo(page, "Tab", focusedIs(".to-exercise"), "to “Go to the exercise”");
  await page.keyboard.press("Enter");
  await expect(page.locator("#exercise-heading")).toBeFocused();

  // Into the editor; the note beside it says how to leave.
  await moveFocusTo(page, "Tab", inEditor, "into the editor");
  await expect(page.getByTestId("editor-keys")).toBeVisible();
  await expect(page.getByTestId("editor-keys")).toContainText("Esc");
  expect(await notOnScreen(page.getByTestId("editor-keys"))).toBe("");
  const describedBy = await page.evaluate(() => document.activeElement?.getAttribute("aria-describedby"));
  expect(describedBy).toBe("editor-keys");

  // Tab indents inside the editor (focus stays); Esc leaves to the next control.
  await page.keyboard.press("Tab");
  expect(await inEditor(page)).toBe(true);
  await page.keyboard.press("Escape");
  expect(await inEditor(page)).toBe(false);
  await expectVisibleFocus(page, "after Esc in the editor");

  // Check: focus moves to the results' heading, which is on screen.
  await moveFocusTo(page, "Tab", focusedIs("[data-testid=check]"), "to Check");
  await page.keyboard.press("Enter");
  await expect(page.locator("#checks-heading")).toBeFocused();
  await expectVisibleFocus(page, "after Check");

  // The first hint opens from the keyboard.
  const firstHint = page.locator(".hints [data-hint='1'] details");
  await moveFocusTo(page, "Tab", focusedIs(".hints [data-hint='1'] summary"), "to Hint 1");
  await page.keyboard.press("Enter");
  await expect(firstHint).toHaveAttribute("open", "");
  expect(await notOnScreen(firstHint)).toBe("");

  // Back to Run (in the action bar, before the results in the Tab order); its outcome comes on screen.
  await moveFocusTo(page, "Shift+Tab", focusedIs("[data-testid=run]"), "back to Run");
  await page.keyboard.press("Enter");
  await expect(page.locator("section.sandbox .task, section.sandbox .banner.error").first()).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId("run")).toBeFocused();
  await expectVisibleFocus(page, "after Run");
  await expect.poll(() => notOnScreen(page.locator("section.sandbox .task, section.sandbox .banner.error").first())).toBe("");

  // Up to the language switch in the header. Shift+Tab outdents inside Monaco, so on the way through the editor
  // Ctrl+M (the note's other way) makes Tab and Shift+Tab move focus.
  let toggled = false;
  await moveFocusTo(page, "Shift+Tab", focusedIs("[data-testid=language-switch]"), "up to the language switch", async () => {
    if (toggled) return;
    toggled = true;
    await page.keyboard.press("Control+M");
  });
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/ja\/lessons\/L302$/);
  await expect(page.locator("html")).toHaveAttribute("lang", "ja");
  await page.keyboard.press("Tab");
  await expectVisibleFocus(page, "first Tab on the Japanese page");
});

// The editor loads only the Monaco features it names (components/workspace/monaco-setup.ts): each one a learner
// reaches by keyboard is here, so that trimming that list cannot take one away unnoticed.
test("the editor's own keyboard features: suggestions, find, next problem, quick fix, format, folding", async ({ page }) => {
  await page.setViewportSize(LAPTOP);
  await page.goto("/en/lessons/L302");
  await waitForEditor(page);
  await expect(page.locator(".monaco-editor .squiggly-error").first()).toBeVisible();
  await page.locator(".monaco-editor .view-lines").click();
  await page.keyboard.press("ControlOrMeta+Home");

  // F8: to the first problem, its message in the editor.
  await page.keyboard.press("F8");
  await expect(page.locator(".monaco-editor .marker-widget")).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.locator(".monaco-editor .marker-widget")).toHaveCount(0);

  // Ctrl+. on that problem: the quick-fix menu (the starter's networkMode "bridge" has one).
  await page.keyboard.press("ControlOrMeta+.");
  await expect(page.locator(".action-widget .monaco-list-row").first()).toBeVisible();
  await page.keyboard.press("Escape");

  // Ctrl+Space inside a value: suggestions, ours (values valid here) and the schema's.
  await page.keyboard.press("ControlOrMeta+Space");
  await expect(page.locator(".monaco-editor .suggest-widget.visible .monaco-list-row").first()).toBeVisible();
  await page.keyboard.press("Escape");

  // Ctrl+F: the find box, with the search term counted.
  await page.keyboard.press("ControlOrMeta+F");
  await expect(page.locator(".monaco-editor .find-widget.visible")).toBeVisible();
  await page.keyboard.type("containerDefinitions");
  await expect(page.locator(".monaco-editor .find-widget .matchesCount")).toContainText("1 of 1");
  await page.keyboard.press("Escape");
  await expect(page.locator(".monaco-editor .find-widget.visible")).toHaveCount(0);

  // Format Document (Shift+Alt+F; Ctrl+Shift+I on Linux) with the JSON formatter: one line comes back as several.
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.type('{"family": "web", "cpu": "256');
  await page.keyboard.press(process.platform === "linux" ? "Control+Shift+I" : "Shift+Alt+F");
  await expect.poll(async () => page.locator(".monaco-editor .view-line").count()).toBeGreaterThan(2);

  // Ctrl+Shift+[ folds the object the cursor is in: only its first line and its closing brace stay.
  await page.keyboard.press("ControlOrMeta+Home");
  await page.keyboard.press("ControlOrMeta+Shift+BracketLeft");
  await expect(page.locator(".monaco-editor .inline-folded")).toBeVisible();
  await expect(page.locator(".monaco-editor .view-line")).toHaveCount(2);
});

// The confirmations (stop all tasks, reset sandbox, reset to starter) are in-page dialogs, not window.confirm: by
// keyboard they open on Cancel, keep Tab inside, cancel on Esc and give focus back to the button that opened them —
// in both languages, on a phone and a laptop, over a page with a failed Check, the console and the credentials open.
for (const locale of ["en", "ja"] as const) {
  for (const viewport of [PHONE, LAPTOP]) {
    test(`confirmations by keyboard (${locale}, ${viewport.width} px): focus inside, Esc cancels, focus comes back`, async ({ page }) => {
      const text = {
        en: { stopAll: "Stop all tasks", reset: "Reset sandbox", cancel: "Cancel", starter: "Reset to starter", done: "Your sandbox is empty again" },
        ja: { stopAll: "すべてのタスクを停止", reset: "サンドボックスをリセット", cancel: "キャンセル", starter: "最初の状態に戻す", done: "サンドボックスを空にし" },
      }[locale];
      await page.setViewportSize(viewport);
      await page.goto(`/${locale}/lessons/L302`);
      await waitForEditor(page);
      const dialog = page.getByRole("dialog");
      await page.getByTestId("check").click();
      await expect(page.locator(".checks li").first()).toBeVisible();
      await page.locator("details.credentials summary").click();
      await expect(page.getByTestId("credentials")).toContainText("AWS_ACCESS_KEY_ID");

      // The console opens from the keyboard; Stop all tasks asks first, with Cancel focused, the whole dialog on screen.
      await page.getByTestId("sandbox-console").locator("summary").focus();
      await page.keyboard.press("Enter");
      await page.getByTestId("stop-all").focus();
      await page.keyboard.press("Enter");
      await expect(dialog).toBeVisible();
      await expect(dialog.getByRole("heading")).toHaveText(text.stopAll);
      await expect(dialog.getByRole("button", { name: text.cancel })).toBeFocused();
      await expectVisibleFocus(page, "in the dialog");
      for (const button of await dialog.getByRole("button").all()) await expectOnScreen(button, `${await button.innerText()} in the dialog`);
      await expectNoHorizontalOverflow(page, `${locale} at ${viewport.width} with the dialog open`);
      const { violations } = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
      expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(" | ")}`)).toEqual([]);
      // Tab goes round the dialog's two buttons and never out of it.
      for (const expected of [text.stopAll, text.cancel, text.stopAll]) {
        await page.keyboard.press("Tab");
        await expect(dialog.getByRole("button", { name: expected })).toBeFocused();
        await expectVisibleFocus(page, `Tab in the dialog to ${expected}`);
      }
      await page.keyboard.press("Shift+Tab");
      await expect(dialog.getByRole("button", { name: text.cancel })).toBeFocused();
      // Esc cancels: nothing stopped, focus back on the button.
      await page.keyboard.press("Escape");
      await expect(dialog).toHaveCount(0);
      await expect(page.getByTestId("stop-all")).toBeFocused();
      await expect(page.getByTestId("console-done")).toHaveCount(0);

      // Reset sandbox, confirmed by keyboard; focus stays on its button while it works and after.
      await page.keyboard.press("Tab");
      await expect(page.getByTestId("reset-sandbox")).toBeFocused();
      await page.keyboard.press("Enter");
      await expect(dialog.getByRole("heading")).toHaveText(text.reset);
      await page.keyboard.press("Tab");
      await page.keyboard.press("Enter");
      await expect(dialog).toHaveCount(0);
      await expect(page.getByTestId("console-done")).toContainText(text.done);
      await expect(page.getByTestId("reset-sandbox")).toBeFocused();

      // Reset to starter: Esc leaves the learner's text as it is.
      await page.getByTestId("reset-starter").focus();
      await page.keyboard.press("Enter");
      await expect(dialog.getByRole("heading")).toHaveText(text.starter);
      await page.keyboard.press("Escape");
      await expect(dialog).toHaveCount(0);
      await expect(page.getByTestId("reset-starter")).toBeFocused();
    });
  }
}
