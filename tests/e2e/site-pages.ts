import fs from "node:fs";
import path from "node:path";
import { expect, type Locator, type Page } from "@playwright/test";

/**
 * Every page of the site a learner can reach, read from the course folder so a new lesson or module is tested
 * without touching the tests. Paths are without the locale prefix.
 */
const LESSONS_DIR = path.join(import.meta.dirname, "../../lessons");

export interface SitePage {
  /** Path after /<locale>. */
  path: string;
  kind: "home" | "module" | "lesson" | "rules" | "glossary" | "coverage" | "exam" | "terminal" | "not-found";
}

function moduleFolders() {
  return fs
    .readdirSync(LESSONS_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(LESSONS_DIR, d.name, "module.json")))
    .map((d) => d.name)
    .sort();
}

export const MODULE_IDS: string[] = moduleFolders().map(
  (folder) => (JSON.parse(fs.readFileSync(path.join(LESSONS_DIR, folder, "module.json"), "utf8")) as { id: string }).id,
);

export const LESSON_IDS: string[] = moduleFolders().flatMap((folder) =>
  fs
    .readdirSync(path.join(LESSONS_DIR, folder), { withFileTypes: true })
    .filter((d) => d.isDirectory() && /^L\d+$/.test(d.name))
    .map((d) => d.name)
    .sort(),
);

export const SITE_PAGES: SitePage[] = [
  { path: "", kind: "home" },
  ...MODULE_IDS.map((id): SitePage => ({ path: `/modules/${id}`, kind: "module" })),
  ...LESSON_IDS.map((id): SitePage => ({ path: `/lessons/${id}`, kind: "lesson" })),
  { path: "/reference/rules", kind: "rules" },
  { path: "/glossary", kind: "glossary" },
  { path: "/coverage", kind: "coverage" },
  // Exam practice: the home and one exam's page (a set's pages need a learner: exam-practice.spec.ts).
  { path: "/exam", kind: "exam" },
  { path: "/exam/SOA-C03", kind: "exam" },
  // The browser AWS CLI's own page (the lesson page's panel: terminal.spec.ts).
  { path: "/terminal", kind: "terminal" },
  { path: "/lessons/L999", kind: "not-found" },
  { path: "/no-such-page", kind: "not-found" },
];

export const LOCALES = ["en", "ja"] as const;

/** Phone, tablet, laptop, desktop: the screens the learner experience is tested on (issue 11). */
export const PHONE = { width: 390, height: 844 };
export const TABLET = { width: 768, height: 1024 };
export const LAPTOP = { width: 1440, height: 900 };
export const DESKTOP = { width: 1920, height: 1080 };
export const VIEWPORTS = [PHONE, TABLET, LAPTOP, DESKTOP] as const;

export const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;

/** How much wider than the window the page is laid out (0 when nothing runs off screen sideways). */
export async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

/** The outermost elements that stick out of the window on the right, for the failure message. */
export async function overflowingElements(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const limit = document.documentElement.clientWidth;
    const out: string[] = [];
    for (const el of document.body.querySelectorAll("*")) {
      if (el.getBoundingClientRect().right <= limit + 1) continue;
      if (el.parentElement && el.parentElement.getBoundingClientRect().right > limit + 1) continue;
      out.push(`${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}.${String(el.className).split(" ").join(".")} → ${Math.round(el.getBoundingClientRect().right)}px`);
    }
    return out.slice(0, 5);
  });
}

export async function expectNoHorizontalOverflow(page: Page, where: string) {
  const overflow = await horizontalOverflow(page);
  expect(overflow, `${where}: the page is ${overflow}px wider than the window: ${(await overflowingElements(page)).join("; ")}`).toBe(0);
}

/** The lesson page is ready to measure when its editor (or its plain text editor) is drawn. */
export async function waitForLessonPage(page: Page) {
  await expect(page.locator(".monaco-editor .view-lines, [data-testid=text-editor]").first()).toBeVisible();
}

/**
 * Why the element is not fully on screen for the learner — outside the window, or under something else (the action
 * bar, a sticky header) — or "" when it is.
 */
export async function notOnScreen(locator: Locator): Promise<string> {
  return locator.evaluate((el) => {
    // A link that wraps is several boxes: judge its largest one (its bounding box also holds the parent's space).
    const r = [...el.getClientRects()].sort((a, b) => b.width * b.height - a.width * a.height)[0] ?? el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) return "not drawn";
    if (r.top < -1 || r.left < -1 || r.bottom > window.innerHeight + 1 || r.right > window.innerWidth + 1) {
      return `outside the ${window.innerWidth}×${window.innerHeight} window at ${Math.round(r.left)},${Math.round(r.top)}–${Math.round(r.right)},${Math.round(r.bottom)}`;
    }
    // The middle and two points a quarter in from opposite corners (rounded corners show what is behind them).
    for (const [x, y] of [
      [r.left + r.width / 2, r.top + r.height / 2],
      [r.left + r.width / 4, r.top + r.height / 4],
      [r.right - r.width / 4, r.bottom - r.height / 4],
    ]) {
      const hit = document.elementFromPoint(x, y);
      if (!hit || !(hit === el || el.contains(hit))) return `covered by ${hit?.outerHTML.slice(0, 100) ?? "nothing"}`;
    }
    return "";
  });
}

export async function expectOnScreen(locator: Locator, what: string) {
  await expect.poll(() => notOnScreen(locator), { message: `${what} is on screen`, timeout: 5_000 }).toBe("");
}
