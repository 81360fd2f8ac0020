import { expect, type BrowserContext, type Page } from "@playwright/test";

/** Records every URL the browser asks for, so a test can prove nothing leaves localhost. */
export function recordRequests(context: BrowserContext): string[] {
  const urls: string[] = [];
  context.on("request", (request) => urls.push(request.url()));
  return urls;
}

export function externalRequests(urls: string[]): string[] {
  return urls.filter((u) => {
    if (u.startsWith("data:") || u.startsWith("blob:")) return false;
    const host = new URL(u).hostname;
    return host !== "127.0.0.1" && host !== "localhost";
  });
}

export async function waitForEditor(page: Page) {
  await expect(page.locator(".monaco-editor .view-lines")).toBeVisible();
}

/**
 * Replaces the whole editor text the way a learner does it: select all, paste from the clipboard (typing it
 * would let Monaco auto-close brackets and quotes). The context needs clipboard permissions.
 */
export async function replaceEditorText(page: Page, text: string) {
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  await page.locator(".monaco-editor .view-lines").click();
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.press("ControlOrMeta+V");
}

export const CLIPBOARD = ["clipboard-read", "clipboard-write"];

/** Text of the editor's visible lines (Monaco renders spaces as non-breaking). */
export async function editorText(page: Page): Promise<string> {
  return (await page.locator(".monaco-editor .view-lines").innerText()).replace(/\u00a0/g, " ");
}

/** A lesson's quiz.json, as far as answering it goes. */
export interface QuizFile {
  questions: { id: string; options: { id: string; correct: boolean }[] }[];
}

/** Ticks the options `pick` chooses (unticking the other checkboxes). */
export async function answer(page: Page, quiz: QuizFile, pick: (option: { correct: boolean }) => boolean) {
  for (const question of quiz.questions) {
    for (const option of question.options) {
      const input = page.locator(`input[name="q-${question.id}"][value="${option.id}"]`);
      if (pick(option)) await input.check();
      else if (await input.getAttribute("type") === "checkbox") await input.uncheck();
    }
  }
}

/** The page's "set up the exercise": the scenario is in the learner's sandbox when it returns. */
export async function setUpExercise(page: Page) {
  await page.getByTestId("setup-exercise").click();
  await expect(page.getByTestId("exercise-panel")).toHaveAttribute("data-started", "true");
}
