/**
 * The account pages — sign up, sign in (also with an error shown), the one-time link page, the account page (also
 * with the delete confirmation open) — in both languages, on a phone (390 px) and a laptop (1440 px): nothing runs off
 * the side, axe finds no WCAG 2 A/AA violation, and the forms work from the keyboard alone. Screenshots go to
 * test-results/account-screens/.
 */
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page, type TestInfo } from "@playwright/test";
import { JAPANESE, LAPTOP, PHONE, expectNoHorizontalOverflow } from "./site-pages";

const WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
const PASSWORD = "correct horse battery staple";

async function axeViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG_AA).analyze();
  return violations.map((v) => `${v.id} (${v.impact}) ×${v.nodes.length}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ")}`);
}

let checked = 0;
/** Both screens: no overflow, axe clean, a screenshot each. */
async function checkScreens(page: Page, testInfo: TestInfo, name: string) {
  for (const viewport of [PHONE, LAPTOP]) {
    await page.setViewportSize(viewport);
    const where = `${name} at ${viewport.width}px`;
    await expectNoHorizontalOverflow(page, where);
    expect(await axeViolations(page), `${where}: axe WCAG 2 A/AA violations`).toEqual([]);
    await page.screenshot({ path: path.join(testInfo.project.outputDir, "account-screens", `${name}-${viewport.width}.jpeg`), fullPage: true, type: "jpeg", quality: 70 });
    checked++;
  }
}

test.afterAll(() => console.log(`  account screens: ${checked} page states × screen checked, axe 0 violations on each`));

for (const locale of ["en", "ja"] as const) {
  test(`${locale}: sign-up, sign-in, link and account pages on a phone and a laptop, by keyboard, axe 0`, async ({ page }, testInfo) => {
    test.setTimeout(180_000);
    await page.goto(`/${locale}/sign-up`);
    if (locale === "ja") await expect(page.locator("h1")).toHaveText(JAPANESE);
    await checkScreens(page, testInfo, `sign-up-${locale}`);

    // Keyboard only: Tab from the email field through the form to the button, Enter submits.
    await page.getByTestId("email").focus();
    await page.keyboard.press("Tab");
    await expect(page.getByTestId("username")).toBeFocused();
    await page.keyboard.type(`kb_${locale}_user`);
    await page.keyboard.press("Tab");
    await expect(page.getByTestId("password")).toBeFocused();
    await page.keyboard.type("short");
    await page.keyboard.press("Enter");
    await expect(page.getByTestId("form-error")).toBeFocused();
    await checkScreens(page, testInfo, `sign-up-error-${locale}`);
    await page.getByTestId("password").fill(PASSWORD);
    await page.getByTestId("password").press("Enter");
    await expect(page).toHaveURL(new RegExp(`/${locale}/account$`));
    await expect(page.getByTestId("header-account")).toHaveText(`kb_${locale}_user`);
    await checkScreens(page, testInfo, `account-${locale}`);

    // The password form's rule and its success message.
    await page.getByTestId("current-password").fill(PASSWORD);
    await page.getByTestId("new-password").fill("short");
    await page.getByTestId("password-form-submit").click();
    await expect(page.getByTestId("form-error")).toContainText(locale === "en" ? "at least 10 characters" : "10 文字以上");
    await page.getByTestId("new-password").fill(`${PASSWORD} 2`);
    await page.getByTestId("password-form-submit").click();
    await expect(page.getByTestId("password-status")).toContainText(locale === "en" ? "Password changed" : "パスワードを変更しました");

    // The delete confirmation, opened from the keyboard; Esc cancels and focus returns to the button.
    await page.getByTestId("delete-account").focus();
    await page.keyboard.press("Enter");
    await expect(page.getByTestId("confirm-dialog")).toBeVisible();
    await expect(page.getByTestId("confirm-cancel")).toBeFocused();
    await checkScreens(page, testInfo, `account-delete-confirm-${locale}`);
    await page.keyboard.press("Escape");
    await expect(page.getByTestId("delete-account")).toBeFocused();

    await page.getByTestId("sign-out").click();
    await expect(page.getByTestId("header-sign-in")).toBeVisible();
    await page.goto(`/${locale}/sign-in`);
    await checkScreens(page, testInfo, `sign-in-${locale}`);
    await page.getByTestId("login").fill(`kb_${locale}_user`);
    await page.getByTestId("password").fill("wrong password here");
    await page.getByTestId("password").press("Enter");
    await expect(page.getByTestId("form-error")).toBeVisible();
    await checkScreens(page, testInfo, `sign-in-error-${locale}`);

    await page.goto(`/${locale}/sign-in/link`);
    await checkScreens(page, testInfo, `link-${locale}`);
    await page.getByTestId("link-sign-in").click();
    await expect(page.getByTestId("form-error")).toContainText(locale === "en" ? "whole link" : "リンク全体");
  });
}
