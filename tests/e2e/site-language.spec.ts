import { expect, test, type Page } from "@playwright/test";
import { CLIPBOARD, replaceEditorText, waitForEditor } from "./helpers";
import { JAPANESE, LAPTOP, PHONE, notOnScreen } from "./site-pages";

// What a Japanese reader and a learner following links meet (issue 11): the site's own 404 in the page's language,
// an icon, a rules page in Japanese whose rows are where the editor's "Explanation" links land, and Monaco's own
// labels in Japanese with the quick fix's full title.

test("unknown addresses get the site's own 404 in the page's language, with the header; the icon exists", async ({ browser }) => {
  const context = await browser.newContext({ locale: "ja-JP" });
  const page = await context.newPage();
  for (const [url, lang, title] of [
    ["/ja/lessons/L999", "ja", "ページが見つかりません"],
    ["/ja/no/such/page", "ja", "ページが見つかりません"],
    ["/no-such-page", "ja", "ページが見つかりません"],
    ["/en/lessons/L999", "en", "Page not found"],
    ["/en/no-such-page", "en", "Page not found"],
  ] as const) {
    const response = await page.goto(url);
    expect(response?.status(), url).toBe(404);
    await expect(page.locator("html"), url).toHaveAttribute("lang", lang);
    await expect(page.locator("header.site-header"), url).toBeVisible();
    await expect(page.getByRole("heading", { level: 1 }), url).toHaveText(title);
    await expect(page.getByRole("link", { name: lang === "ja" ? "レッスン一覧へ戻る" : "Back to the lesson list" }), url).toHaveAttribute("href", `/${lang}`);
  }
  const icon = await page.request.get("/favicon.ico");
  expect(icon.status()).toBe(200);
  expect(icon.headers()["content-type"]).toMatch(/image/);
  await context.close();
});

/** The rule's row on the rules page, as an "Explanation" link opens it: on screen, highlighted, naming its lesson. */
async function expectRuleRow(page: Page, ruleId: string, lesson: string) {
  const row = page.locator(`tr[id="${ruleId}"]`);
  await expect(row).toBeVisible();
  expect(await row.evaluate((el) => el.matches(":target"))).toBe(true);
  await expect.poll(() => notOnScreen(row.locator("th"))).toBe("");
  await expect(row.getByRole("link", { name: lesson })).toHaveAttribute("href", new RegExp(`/lessons/${lesson}$`));
}

for (const locale of ["en", "ja"] as const) {
  test(`every “Explanation” link on L302 in ${locale} opens its rule's row on the rules page, which names the lesson`, async ({ browser }) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`/${locale}/lessons/L302`);
    await waitForEditor(page);
    const links = page.getByTestId("explain");
    await expect.poll(() => links.count()).toBeGreaterThanOrEqual(2);
    for (const link of await links.all()) {
      const rule = await link.evaluate((a) => a.closest("li")!.getAttribute("data-rule")!);
      await expect(link).toHaveAttribute("href", `/${locale}/reference/rules#${rule}`);
      await expect(link).toHaveAttribute("target", "_blank");
    }
    const [explanation] = await Promise.all([context.waitForEvent("page"), page.locator('li[data-rule="FG-NETWORKMODE"]').getByTestId("explain").click()]);
    await explanation.waitForLoadState();
    await expect(explanation).toHaveURL(new RegExp(`/${locale}/reference/rules#FG-NETWORKMODE$`));
    await expectRuleRow(explanation, "FG-NETWORKMODE", "L302");
    await context.close();
  });
}

test("the rules page in Japanese: what each rule rests on in Japanese, levels on one line, on a phone and a laptop", async ({ page }) => {
  for (const viewport of [PHONE, LAPTOP]) {
    await page.setViewportSize(viewport);
    await page.goto("/ja/reference/rules");
    await expect(page.getByRole("columnheader", { name: "根拠" }).first()).toBeAttached();
    const kinds = page.locator("[data-source-kind]");
    expect(await kinds.count()).toBeGreaterThan(200);
    for (const text of new Set(await kinds.allInnerTexts())) expect(text, "a basis shown in Japanese").toMatch(JAPANESE);
    // The maintainers' notes stay available, folded, marked as English.
    await expect(page.locator(".source-note span[lang=en]").first()).toBeAttached();
    // "エラー" and "実行時に失敗" never break across lines.
    const wrapped = await page.locator("td.rule-level").evaluateAll((cells) =>
      cells.filter((cell) => {
        const range = document.createRange();
        range.selectNodeContents(cell);
        return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size > 1;
      }).map((cell) => `${cell.closest("tr")!.id}: ${cell.textContent}`),
    );
    expect(wrapped, `level cells wrapped at ${viewport.width}`).toEqual([]);
  }
});

test("Monaco's own labels are Japanese on a Japanese lesson, and the quick fix's title is shown whole", async ({ browser }) => {
  const context = await browser.newContext({ permissions: CLIPBOARD });
  const page = await context.newPage();
  await page.setViewportSize(LAPTOP);
  await page.goto("/ja/lessons/L302");
  await waitForEditor(page);
  // One mistake with a quick fix: task-level cpu as a number (CLI-TYPE-TASK-CPU-MEM: `"256" に変更`).
  await replaceEditorText(
    page,
    JSON.stringify(
      {
        family: "orders-api",
        requiresCompatibilities: ["FARGATE"],
        networkMode: "awsvpc",
        cpu: 256,
        memory: "512",
        containerDefinitions: [{ name: "app", image: "public.ecr.aws/docker/library/nginx:1.27", essential: true }],
      },
      null,
      2,
    ),
  );
  const problem = page.locator('.problems li[data-rule="CLI-TYPE-TASK-CPU-MEM"]');
  await expect(problem).toBeVisible();
  await page.locator(".monaco-editor .view-lines span", { hasText: /^256$/ }).last().hover();
  const hover = page.locator(".monaco-hover").filter({ hasText: "問題の表示" });
  await expect(hover).toBeVisible();
  await expect(hover).not.toContainText("View Problem");
  await expect(hover).toContainText("クイック フィックス");

  // The quick-fix menu: every title whole, none cut with an ellipsis.
  await hover.getByText("クイック フィックス").click();
  const items = page.locator(".action-widget .monaco-list-row .title");
  await expect(items.first()).toBeVisible();
  const titles = await items.evaluateAll((labels) => labels.map((l) => ({ text: l.textContent, cut: l.scrollWidth > l.clientWidth + 1 })));
  expect(titles.map((t) => t.text)).toContain('"256" に変更');
  expect(titles.filter((t) => t.cut)).toEqual([]);
  await context.close();
});

/** The fonts Chromium drew an element's text with (CDP CSS.getPlatformFontsForNode), e.g. ["DejaVu Sans Mono", "Noto Sans JP Thin"]. */
async function fontsDrawing(page: Page, selector: string): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("DOM.enable");
  await cdp.send("CSS.enable");
  const { root } = await cdp.send("DOM.getDocument", { depth: -1 });
  const { nodeId } = await cdp.send("DOM.querySelector", { nodeId: root.nodeId, selector });
  const { fonts } = await cdp.send("CSS.getPlatformFontsForNode", { nodeId });
  await cdp.detach();
  return fonts.map((f) => f.familyName);
}

test("Japanese in monospaced text (a lesson's id line, the editor) is drawn with the site's Japanese font, never as tofu", async ({ page }) => {
  await page.goto("/ja/lessons/L302");
  // "L302 · 25 分 · …": 分 is in no Latin monospaced font; without a Japanese font after `monospace` in the stack,
  // a machine with no Japanese system font draws an empty box.
  await expect(page.locator(".lesson-id").first()).toContainText("分");
  // Chromium names the face it drew with by the font's own name ("Noto Sans JP Thin" for the variable font's file).
  await expect.poll(async () => (await fontsDrawing(page, ".lesson-id")).some((name) => name.startsWith("Noto Sans JP"))).toBe(true);
  await waitForEditor(page);
  const editorFont = await page.locator(".monaco-editor .view-lines").first().evaluate((el) => getComputedStyle(el).fontFamily);
  expect(editorFont).toContain("Noto Sans JP Variable");
});
