import { expect, test, type Locator } from "@playwright/test";
import { checkExamScreens, domainOf, KEY, wrongChoice } from "./exam-key";
import { JAPANESE, LAPTOP, PHONE, expectOnScreen } from "./site-pages";

// Exam practice (issue 15) in a real browser, in English and Japanese: a timed 20-question set answered with some
// wrong answers, resumed after a reload with the time the server says is left, then its result per domain, the review
// of every answer and a "try it" link that opens the lesson's exercise; practice mode's explanation and its link to
// the lesson section. Axe finds no WCAG 2 A/AA violation on any of the new pages, at a phone's and a laptop's width.


/** Chooses `letters` in the set's question `item` and waits until the server has saved it. */
async function answerInSet(item: Locator, letters: string[]) {
  for (const letter of letters) await item.locator(`input[value="${letter}"]`).check();
  await expect(item.locator(".save-state")).toHaveAttribute("data-state", "saved");
}

const SETS = [
  { locale: "en", exam: "SOA-C03", start: "Start a timed set", result: /^17 of 20 right \(85 %\)$/ },
  { locale: "ja", exam: "DVA-C02", start: "時間制限付きセットを始める", result: /^20 問中 17 問正解 \(85 %\)$/ },
] as const;

/** Questions answered wrong on purpose, by position in the set (one of them among those answered before the reload). */
const WRONG = new Set([2, 9, 15]);

for (const { locale, exam, start, result } of SETS) {
  test(`${locale}: a timed ${exam} set of 20 — answers, a reload that resumes with the time left, the result per domain, the review and "try it"`, async ({ page }, testInfo) => {
    test.setTimeout(240_000);
    await page.setViewportSize(LAPTOP);
    await page.goto(`/${locale}/exam`);
    await checkExamScreens(page, testInfo, "exam", `home-${locale}`);
    await page.locator(`[data-exam="${exam}"] a`).click();
    await expect(page).toHaveURL(new RegExp(`/${locale}/exam/${exam}$`));
    await checkExamScreens(page, testInfo, "exam", `${exam}-${locale}`);

    await page.getByRole("button", { name: start }).click();
    await expect(page).toHaveURL(new RegExp(`/${locale}/exam/${exam}/sets/[0-9a-f-]{36}$`));
    const setPath = new URL(page.url()).pathname;
    const items = page.locator(".set-questions > li");
    await expect(items).toHaveCount(20);
    const ids = await page.locator("fieldset.question").evaluateAll((fs) => fs.map((f) => f.getAttribute("data-question-id")!));
    const questions = ids.map((id) => KEY.get(id)!);
    expect(questions.every(Boolean), "every question on the page is in the bank").toBe(true);
    if (locale === "ja") await expect(page.locator(".question-stem").first()).toContainText(JAPANESE);

    const timer = page.getByTestId("time-left");
    // 20 questions at 2 minutes each (the real exam's 65 in 130): the server's deadline is 40 minutes after the start.
    const deadline = await timer.getAttribute("data-deadline");
    const leftAtStart = Number(await timer.getAttribute("data-remaining-ms"));
    expect(leftAtStart).toBeLessThanOrEqual(40 * 60_000);
    expect(leftAtStart).toBeGreaterThan(30 * 60_000);

    // The first five, then a reload: the answers are still chosen and the clock resumes from the stored deadline.
    for (let i = 0; i < 5; i++) await answerInSet(items.nth(i), WRONG.has(i) ? wrongChoice(questions[i]) : questions[i].answer);
    const leftBeforeReload = Number(await timer.getAttribute("data-remaining-ms"));
    await page.reload();
    await expect(items).toHaveCount(20);
    await expect(timer).toHaveAttribute("data-deadline", deadline!);
    const leftAfterReload = Number(await page.getByTestId("time-left").getAttribute("data-remaining-ms"));
    expect(leftAfterReload, "the time left after the reload is what was left, not a new 40 minutes").toBeLessThanOrEqual(leftBeforeReload);
    expect(leftAfterReload).toBeGreaterThan(0);
    await expect(timer).toHaveText(/^\d{1,2}:\d{2}$/);
    for (let i = 0; i < 5; i++) {
      const chosen = WRONG.has(i) ? wrongChoice(questions[i]) : questions[i].answer;
      for (const letter of chosen) await expect(items.nth(i).locator(`input[value="${letter}"]`)).toBeChecked();
    }
    await expect(page.getByTestId("answered-count")).toContainText(locale === "en" ? "5 of 20 answered" : "20 問中 5 問解答済み");
    await checkExamScreens(page, testInfo, "exam", `set-running-${locale}`);

    // The exam's page offers the running set, with its time left, instead of a new one.
    await page.goto(`/${locale}/exam/${exam}`);
    await expect(page.getByRole("button", { name: start })).toHaveCount(0);
    await expect(page.getByTestId("resume-set")).toHaveText(/\d{1,2}:\d{2}/);
    await page.getByTestId("resume-set").click();
    await expect(page).toHaveURL(new RegExp(`${setPath}$`));
    await expect(items).toHaveCount(20);

    for (let i = 5; i < 20; i++) await answerInSet(items.nth(i), WRONG.has(i) ? wrongChoice(questions[i]) : questions[i].answer);
    await page.getByTestId("finish-set").click();

    // The result: 17 of 20, and per domain exactly the questions of that domain answered right.
    await expect(page.getByTestId("score")).toHaveText(result);
    const expected = new Map<string, { correct: number; total: number }>();
    questions.forEach((q, i) => {
      const d = domainOf(q, exam);
      const entry = expected.get(d) ?? { correct: 0, total: 0 };
      entry.total++;
      if (!WRONG.has(i)) entry.correct++;
      expected.set(d, entry);
    });
    const rows = page.getByTestId("domain-results").locator("tbody tr");
    await expect(rows).toHaveCount(expected.size);
    for (const [d, { correct, total }] of expected) {
      const row = page.getByTestId("domain-results").locator(`tbody tr[data-domain="${d}"]`);
      await expect(row).toHaveAttribute("data-correct", String(correct));
      await expect(row).toHaveAttribute("data-total", String(total));
      await expect(row.locator("td").first()).toHaveText(`${correct} / ${total}`);
    }

    // The review: every question in the order asked, the wrong ones marked, each with every option explained.
    const review = page.getByTestId("review").locator(":scope > li");
    await expect(review).toHaveCount(20);
    for (let i = 0; i < 20; i++) {
      const item = review.nth(i);
      await expect(item).toHaveAttribute("data-question-id", ids[i]);
      await expect(item).toHaveAttribute("data-correct", String(!WRONG.has(i)));
      await expect(item.locator(".explanations > li")).toHaveCount(questions[i].options.length);
      await expect(item.getByTestId("section-link").first()).toHaveAttribute("href", new RegExp(`^/${locale}/lessons/L\\d{3}(#[a-z0-9-]+)?$`));
    }
    // The learner's choice is marked on each option chosen, the wrong one apart from the answer.
    const missed = review.nth(2);
    await expect(missed.locator(".tag-yours")).toHaveCount(wrongChoice(questions[2]).length);
    await expect(missed.locator("li.chosen-wrong")).toHaveCount(1);
    await expect(missed.locator(".tag-right")).toHaveCount(questions[2].answer.length);
    await checkExamScreens(page, testInfo, "exam", `set-result-${locale}`);

    // "Try it": the lesson page at its exercise, naming the mistake to make.
    // (A question's tryIt names a proved mistake of the lesson, or only the lesson: take one that names a mistake.)
    expect(await page.getByTestId("try-it").count(), "some question of the set has a try-it link").toBeGreaterThan(0);
    const named = page.locator('[data-testid="try-it"][href*="?try="]');
    const tryIt = (await named.count()) > 0 ? named.first() : page.getByTestId("try-it").first();
    const href = (await tryIt.getAttribute("href"))!;
    expect(href).toMatch(new RegExp(`^/${locale}/lessons/L\\d{3}(\\?try=[a-z0-9-]+)?#exercise-heading$`));
    await tryIt.click();
    await expect(page).toHaveURL(new RegExp(`/${locale}/lessons/${href.slice(`/${locale}/lessons/`.length, `/${locale}/lessons/`.length + 4)}`));
    if (href.includes("?try=")) {
      await expect(page.getByTestId("try-it-note")).toBeVisible();
      if (locale === "ja") await expect(page.getByTestId("try-it-note")).toContainText(JAPANESE);
    }
    await expectOnScreen(page.locator("#exercise-heading"), "the exercise's heading after following try it");

    // Back on the exam's page, the finished set is listed with its score and a new one can be started.
    await page.goto(`/${locale}/exam/${exam}`);
    await expect(page.getByRole("button", { name: start })).toBeVisible();
    await expect(page.locator(`a[href="${setPath}"]`)).toContainText(locale === "en" ? "17 of 20 right" : "20 問中 17 問正解");
  });
}

for (const { locale, exam } of SETS) {
  test(`${locale}: practice by domain — a wrong answer explained at once, with the lesson section it links`, async ({ page }, testInfo) => {
    await page.setViewportSize(PHONE);
    await page.goto(`/${locale}/exam/${exam}`);
    await page.locator("[data-domain] a").first().click();
    await expect(page).toHaveURL(new RegExp(`/${locale}/exam/${exam}/practice\\?domain=\\d$`));
    const fieldset = page.locator("fieldset.question");
    const q = KEY.get((await fieldset.getAttribute("data-question-id"))!)!;
    for (const letter of wrongChoice(q)) await fieldset.locator(`input[value="${letter}"]`).check();
    await checkExamScreens(page, testInfo, "exam", `practice-question-${locale}`);
    await page.getByTestId("submit-answer").click();

    const feedback = page.getByTestId("feedback");
    await expect(feedback).toHaveAttribute("data-correct", "false");
    await expect(feedback.locator(".explanations > li")).toHaveCount(q.options.length);
    for (const letter of q.answer) await expect(feedback.locator(`li[data-option="${letter}"] .tag-right`)).toBeVisible();
    if (locale === "ja") await expect(feedback.locator(".why").first()).toContainText(JAPANESE);
    await checkExamScreens(page, testInfo, "exam", `practice-feedback-${locale}`);

    // The answer routes change state: like the lesson routes, they refuse a request that is not from the site's page
    // (no CSRF token, or another origin), before any answer is stored.
    const forged = await page.request.post("/api/exam/practice/answer", { data: { exam, questionId: q.id, choice: q.answer } });
    expect(forged.status()).toBe(403);
    const token = await page.locator('meta[name="dojo-csrf"]').getAttribute("content");
    const crossSite = await page.request.post("/api/exam/sets", { data: { exam }, headers: { "x-dojo-csrf": token!, origin: "http://evil.example" } });
    expect(crossSite.status()).toBe(403);

    // Next question moves on, focus with it.
    await page.getByTestId("next-question").click();
    await expect(page.locator("fieldset.question")).not.toHaveAttribute("data-question-id", q.id);
    await expect(page.locator("h2.question-number")).toBeFocused();

    // The answer was stored for this learner: the exam page counts it.
    await page.goto(`/${locale}/exam/${exam}`);
    await expect(page.locator("[data-domain]").first()).toContainText(locale === "en" ? "1 answered · 0 right the last time" : "1 問解答済み · 直近の解答で 0 問正解");
    // Answered right this time; the section link lands on that section's heading (its id is the English heading's
    // slug, in both languages).
    await page.locator("[data-domain] a").first().click();
    await expect(fieldset).toHaveAttribute("data-question-id", q.id);
    for (const letter of q.answer) await fieldset.locator(`input[value="${letter}"]`).check();
    await page.getByTestId("submit-answer").click();
    await expect(feedback).toHaveAttribute("data-correct", "true");
    const section = feedback.getByTestId("section-link").first();
    const href = (await section.getAttribute("href"))!;
    await section.click();
    const slug = href.split("#")[1];
    if (slug) await expectOnScreen(page.locator(`h2[id="${slug}"]`), `the section ${slug} the question links to`);
  });
}
