import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { expect, test as base, type BrowserContext, type Page, type TestInfo } from "@playwright/test";
import { DESKTOP, LAPTOP, LOCALES, PHONE, SITE_PAGES, TABLET, expectNoHorizontalOverflow, expectOnScreen, waitForLessonPage } from "./site-pages";

// Every page, both languages, four screens (issue 11): nothing runs off the side of the window; on a lesson, Check
// and Run are on screen from the top of the page and their results come into view when pressed; and axe finds no
// WCAG 2 A/AA violation with the editor, a failed check, the sandbox console and the credentials open. One page
// load per page and language: the window is resized in place.

const WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/**
 * One browser context for the whole file (per worker), a new page per test: the browser's cache keeps the site's
 * scripts (Monaco is most of them) between pages, as for a learner going from page to page, which halves the time
 * of a lesson's load here. The pages share one learner, whose failed checks and runs add up harmlessly.
 */
const test = base.extend<{ page: Page }, { visitor: BrowserContext }>({
  visitor: [
    async ({ browser }, provide) => {
      const context = await browser.newContext();
      await provide(context);
      await context.close();
    },
    { scope: "worker" },
  ],
  page: async ({ visitor }, provide) => {
    const page = await visitor.newPage();
    await provide(page);
    await page.close();
  },
});

/** Where the lesson screenshots go: test-results/screens/<lesson>-<locale>-<width>.jpeg, for a reviewer to look at. */
function screenshotPath(testInfo: TestInfo, name: string) {
  return path.join(testInfo.project.outputDir, "screens", `${name}.jpeg`);
}

async function axeViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG_AA).analyze();
  return violations.map((v) => `${v.id} (${v.impact}) ×${v.nodes.length}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ")}`);
}

/** The lesson's action buttons: Check, and Run or Deploy where the lesson has sandbox actions. */
const actionButtons = (page: Page) => page.getByTestId("action-bar").locator("button");

async function expectActionsOnScreenFromTheTop(page: Page, where: string) {
  await page.evaluate(() => window.scrollTo(0, 0));
  const buttons = actionButtons(page);
  expect(await buttons.count(), `${where}: the action bar has Check`).toBeGreaterThanOrEqual(1);
  for (const button of await buttons.all()) await expectOnScreen(button, `${where}: “${await button.innerText()}” at the top of the page`);
}

/** Check (it fails: the starter is wrong), then every Run/Deploy: each one's result comes into view, clear of the bar. */
async function pressActionsAndSeeResults(page: Page, where: string) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.getByTestId("check").click();
  const heading = page.locator("#checks-heading");
  await expect(heading).toBeFocused();
  await expectOnScreen(heading, `${where}: the check results' heading after Check`);
  await expectOnScreen(page.locator(".checks li").first(), `${where}: the first check result after Check`);
  // The bar's sandbox buttons, in the order of the lesson's actions and of their result panels.
  const runs = page.locator(".action-bar-slot button");
  for (let i = 0; i < (await runs.count()); i++) {
    await page.evaluate(() => window.scrollTo(0, 0));
    const label = await runs.nth(i).innerText();
    await runs.nth(i).click();
    const outcome = page.locator("section.sandbox").nth(i).locator(".task, .banner.error, [data-testid=deployed]").first();
    await expect(outcome).toBeVisible({ timeout: 20_000 });
    await expectOnScreen(outcome, `${where}: the outcome of “${label}”`);
  }
}

for (const locale of LOCALES) {
  for (const site of SITE_PAGES) {
    const url = `/${locale}${site.path}`;
    test(`${url} on four screens: no sideways overflow${site.kind === "lesson" ? ", actions and results on screen" : ""}, no axe violations`, async ({ page }, testInfo) => {
      await page.setViewportSize(LAPTOP);
      const response = await page.goto(url);
      expect(response?.status()).toBe(site.kind === "not-found" ? 404 : 200);
      if (site.kind === "lesson") await waitForLessonPage(page);

      for (const viewport of [LAPTOP, DESKTOP, TABLET, PHONE]) {
        await page.setViewportSize(viewport);
        const where = `${url} at ${viewport.width}×${viewport.height}`;
        await expectNoHorizontalOverflow(page, where);
        if (site.kind !== "lesson") continue;
        await expectActionsOnScreenFromTheTop(page, where);
        if (viewport === LAPTOP || viewport === PHONE) {
          const id = site.path.split("/").pop();
          // JPEG: a whole lesson at phone width is a tall picture, and PNG takes seconds to encode it.
          await page.screenshot({ path: screenshotPath(testInfo, `${id}-${locale}-${viewport.width}`), fullPage: true, type: "jpeg", quality: 70 });
        }
      }
      if (site.kind === "lesson") {
        // On a phone (the exercise after the prose) and a laptop (beside it), results come into view.
        await pressActionsAndSeeResults(page, `${url} at 390`);
        await page.setViewportSize(LAPTOP);
        await pressActionsAndSeeResults(page, `${url} at 1440`);
        await page.getByTestId("sandbox-console").locator("summary").click();
        await page.locator("details.credentials summary").click();
        await expect(page.getByTestId("credentials")).toContainText("AWS_ACCESS_KEY_ID");
        await expectNoHorizontalOverflow(page, `${url} at 1440 with everything open`);
        await page.setViewportSize(PHONE);
        await expectNoHorizontalOverflow(page, `${url} at 390 with everything open`);
      }
      // At the phone's width, where the most code blocks and tables scroll sideways.
      expect(await axeViolations(page), `${url}: axe WCAG 2 A/AA violations`).toEqual([]);
    });
  }
}
