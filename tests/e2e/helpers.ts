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
