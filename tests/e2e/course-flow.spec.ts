import fs from "node:fs";
import path from "node:path";
import { ECSClient, UpdateServiceCommand } from "@aws-sdk/client-ecs";
import { expect, test } from "@playwright/test";
import { answer, CLIPBOARD, replaceEditorText, setUpExercise, waitForEditor, type QuizFile } from "./helpers";

const LESSONS = path.join(import.meta.dirname, "../../lessons");
const read = (...parts: string[]) => fs.readFileSync(path.join(LESSONS, ...parts), "utf8");
const L303 = ["M3-task-definitions", "L303"];
const L104 = ["M1-foundations", "L104"];
const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;

const quizOf = (lesson: string[]) => JSON.parse(read(...lesson, "quiz.json")) as QuizFile;


for (const locale of ["en", "ja"] as const) {
  test(`L303 in ${locale}: from the crash-looping service to a passing Check, through a failed one and its hint`, async ({ browser }) => {
    test.setTimeout(120_000);
    const context = await browser.newContext({ permissions: CLIPBOARD });
    const page = await context.newPage();
    await page.goto(`/${locale}/lessons/L303`);
    await setUpExercise(page);
    await waitForEditor(page);

    // The scenario's service is crash-looping: the console shows its OOM-killed tasks.
    await page.getByTestId("sandbox-console").locator("summary").click();
    await expect(page.getByTestId("sandbox-console")).toContainText("OutOfMemoryError");

    // A first Check fails: each failure says what was expected and what was seen, and its hint opens.
    await page.getByTestId("check").click();
    const hardLimit = page.locator('.checks li[data-check="hard-limit-above-peak"]');
    await expect(hardLimit).toHaveAttribute("data-passed", "false");
    await expect(hardLimit.locator(".detail")).toContainText(locale === "ja" ? "期待" : "Expected");
    await expect(hardLimit.getByTestId("check-hint")).toBeVisible();
    if (locale === "ja") expect(await hardLimit.getByTestId("check-hint").innerText()).toMatch(JAPANESE);

    // Fix the task definition, write the diagnosis, answer the quiz, deploy, and let simulated time pass.
    await replaceEditorText(page, read(...L303, "_solution", "orders-api.json"));
    await page.locator('[data-file="diagnosis.md"]').click();
    await page.getByTestId("text-editor").fill(read(...L303, "_solution", "diagnosis.md"));
    await answer(page, quizOf(L303), (o) => o.correct);
    await page.getByTestId("deploy").click();
    await expect(page.getByTestId("deployed")).toBeVisible();
    const fastForward = page.getByTestId("sandbox-console").getByRole("button", { name: locale === "ja" ? "5 分早送り" : "Fast-forward 5 min" });
    for (let i = 0; i < 4; i++) await fastForward.click();

    await page.getByTestId("check").click();
    await expect(page.getByTestId("lesson-completed")).toBeVisible({ timeout: 15_000 });
    await expect(page.locator('.checks li[data-passed="false"]')).toHaveCount(0);

    // The course home and the module page count the completed lesson.
    await page.goto(`/${locale}`);
    const inM3 = fs.readdirSync(path.join(LESSONS, L303[0])).filter((name) => /^L\d{3}$/.test(name)).length;
    await expect(page.getByTestId("module-progress-M3")).toHaveText(locale === "ja" ? `${inM3} レッスン中 1 レッスン完了` : `1 of ${inM3} lessons completed`);
    await page.goto(`/${locale}/modules/M3`);
    await expect(page.locator('[data-lesson="L303"] [data-status]')).toHaveAttribute("data-status", "completed");
    await context.close();
  });

  test(`L104's quiz in ${locale}: a wrong answer's explanation, then the right one; progress per check on the module page`, async ({ browser }) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const quiz = quizOf(L104);
    await page.goto(`/${locale}/lessons/L104`);
    await setUpExercise(page);

    const first = quiz.questions[0];
    const wrong = first.options.find((o) => !o.correct)!;
    await page.locator(`input[name="q-${first.id}"][value="${wrong.id}"]`).check();
    await page.getByTestId("check").click();
    const feedback = page.locator(`[data-question="${first.id}"] .quiz-feedback`);
    await expect(feedback).toHaveClass(/failed/);
    const explanation = JSON.parse(read(...L104, "quiz.json")).questions[0].options.find((o: { id: string }) => o.id === wrong.id).explanation[locale];
    await expect(feedback).toContainText(explanation);

    await page.goto(`/${locale}/modules/M1`);
    const progress = page.locator('[data-lesson="L104"] .meta');
    const before = await progress.innerText();

    await page.goto(`/${locale}/lessons/L104`);
    await answer(page, quiz, (o) => o.correct);
    await page.getByTestId("check").click();
    for (const question of quiz.questions) {
      await expect(page.locator(`[data-question="${question.id}"] .quiz-feedback`)).toHaveClass(/passed/);
    }
    await page.goto(`/${locale}/modules/M1`);
    const passedOf = (text: string) => Number(/(\d+)\/\d+/.exec(text)?.[1]);
    expect(passedOf(await progress.innerText())).toBe(passedOf(before) + quiz.questions.length);
    await context.close();
  });
}

test("L102 end to end in Japanese (M1): a failed Check, a task stopped from the console, the AWS CLI's update-service, the answer sheet, then a pass", async ({ browser }) => {
  test.setTimeout(150_000);
  const L102 = ["M1-foundations", "L102"];
  const context = await browser.newContext({ permissions: CLIPBOARD });
  const page = await context.newPage();
  await page.goto("/ja/lessons/L102");
  await setUpExercise(page);

  // A first Check fails, in Japanese, with what was expected and what was seen.
  await page.getByTestId("check").click();
  const stopped = page.locator('.checks li[data-check="stopped-a-task"]');
  await expect(stopped).toHaveAttribute("data-passed", "false");
  await expect(stopped.locator(".detail")).toContainText("期待");

  // Stop one of hello's tasks with the console's own button (a StopTask of the learner's).
  const console_ = page.getByTestId("sandbox-console");
  await console_.locator("summary").click();
  await console_.getByRole("button", { name: "30 秒早送り" }).click();
  const helloTask = console_.locator('li[data-task-group="service:hello"][data-task-status="RUNNING"]').first();
  await expect(helloTask).toBeVisible({ timeout: 30_000 });
  await helloTask.getByRole("button", { name: /を停止$/ }).click();

  // Pause promo from "the terminal": the learner's own keys from the credentials panel, as the AWS CLI would use them.
  await page.locator("details.credentials > summary", { hasText: "AWS CLI からサンドボックスを使う" }).click();
  await expect(page.getByTestId("credentials")).toContainText("AWS_DEFAULT_REGION=");
  const exports = Object.fromEntries(
    [...(await page.getByTestId("credentials").innerText()).matchAll(/^export (\w+)=(\S+)$/gm)].map((m) => [m[1], m[2]]),
  );
  const ecs = new ECSClient({
    region: exports.AWS_DEFAULT_REGION,
    endpoint: exports.AWS_ENDPOINT_URL,
    credentials: { accessKeyId: exports.AWS_ACCESS_KEY_ID, secretAccessKey: exports.AWS_SECRET_ACCESS_KEY },
  });
  await ecs.send(new UpdateServiceCommand({ cluster: "heal-lab", service: "promo", desiredCount: 0 }));

  // Let the scheduler replace the task, then write the observations and answer the quiz.
  await console_.getByRole("button", { name: "5 分早送り" }).click();
  await page.locator('[data-file="observe.md"]').click();
  await page.getByTestId("text-editor").fill(read(...L102, "_solution", "observe.md"));
  await answer(page, quizOf(L102), (o) => o.correct);
  await page.getByTestId("check").click();
  await expect(page.getByTestId("lesson-completed")).toBeVisible({ timeout: 15_000 });
  await expect(page.locator('.checks li[data-passed="false"]')).toHaveCount(0);
  await context.close();
});
