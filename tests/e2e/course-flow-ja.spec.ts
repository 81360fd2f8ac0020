import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { expect, test, type Page } from "@playwright/test";
import { awsCli, cliEnvironment, type CliTarget } from "../integration/support/aws-cli";
import { answer, CLIPBOARD, replaceEditorText, setUpExercise, waitForEditor, type QuizFile } from "./helpers";

// One lesson per module completed in Japanese, the way a learner does it: a failed Check first (its hint and detail in
// Japanese), then the lesson's work (the terminal part with the real AWS CLI and the keys the page shows), then a pass.

const exec = promisify(execFile);
const LESSONS = path.join(import.meta.dirname, "../../lessons");
const read = (...parts: string[]) => fs.readFileSync(path.join(LESSONS, ...parts), "utf8");
const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;
const L000 = ["M0-orientation", "L000"];
const L202 = ["M2-images-ecr", "L202"];

interface LessonFile {
  checks: { id: string; hint?: { en: string; ja: string } }[];
}
const quizOf = (lesson: string[]) => JSON.parse(read(...lesson, "quiz.json")) as QuizFile;
const hintOf = (lesson: string[], check: string) =>
  (JSON.parse(read(...lesson, "lesson.json")) as LessonFile).checks.find((c) => c.id === check)!.hint!;


/** A failed check shows its detail and its hint, both in Japanese: the lesson's own ja hint, not the en one. */
async function expectFailedInJapanese(page: Page, lesson: string[], check: string) {
  const item = page.locator(`.checks li[data-check="${check}"]`);
  await expect(item).toHaveAttribute("data-passed", "false");
  await expect(item.locator(".detail")).toBeVisible();
  expect(await item.locator(".detail").innerText()).toMatch(JAPANESE);
  const hint = item.getByTestId("check-hint");
  await expect(hint).toBeVisible();
  const { ja, en } = hintOf(lesson, check);
  await expect(hint).toContainText(ja.replace(/`/g, ""));
  await expect(hint).not.toContainText(en.replace(/`/g, "").slice(0, 40));
  expect(await hint.innerText()).toMatch(JAPANESE);
}

/** The four export lines of the page's "AWS CLI からサンドボックスを使う" panel, as a learner pastes them into a terminal. */
async function pageCredentials(page: Page): Promise<Record<string, string>> {
  await page.locator("details.credentials > summary", { hasText: "AWS CLI からサンドボックスを使う" }).click();
  await expect(page.getByTestId("credentials")).toContainText("AWS_ENDPOINT_URL=");
  return Object.fromEntries(
    [...(await page.getByTestId("credentials").innerText()).matchAll(/^export (\w+)=(\S+)$/gm)].map((m) => [m[1], m[2]]),
  );
}

/** The AWS CLI's view of the page's exports (tests/integration/support/aws-cli.ts): keys, Region and endpoint. */
function cliTarget(exports: Record<string, string>, workDir: string): CliTarget {
  return {
    endpointUrl: exports.AWS_ENDPOINT_URL,
    accessKeyId: exports.AWS_ACCESS_KEY_ID,
    secretAccessKey: exports.AWS_SECRET_ACCESS_KEY,
    region: exports.AWS_DEFAULT_REGION,
    workDir,
  };
}

/**
 * Runs a lesson's commands.sh with bash and the real AWS CLI, in a shell that has only the page's four exports, in a
 * folder holding the learner's files (the script reads them as $SOLUTION/NAME), as lib/course/verify.ts runCommands
 * does: the AWS CLI v1 on PATH gets --endpoint-url from a wrapper. Returns what the terminal printed.
 */
async function runInTerminal(script: string, exports: Record<string, string>, files: Record<string, string> = {}): Promise<string> {
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "ecs-dojo-e2e-ja-"));
  try {
    for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(workDir, name), text);
    const env = { ...cliEnvironment(cliTarget(exports, workDir)), AWS_ENDPOINT_URL: exports.AWS_ENDPOINT_URL, SOLUTION: workDir };
    const prelude = ["set -euo pipefail", 'aws() { command aws --endpoint-url "$AWS_ENDPOINT_URL" "$@"; }'].join("\n");
    try {
      const { stdout } = await exec("bash", ["-c", `${prelude}\n${script}`], { env, cwd: workDir, timeout: 60_000 });
      return stdout;
    } catch (error) {
      const e = error as { stdout?: string; stderr?: string };
      throw new Error(`commands.sh failed:\n${e.stdout ?? ""}\n${e.stderr ?? String(error)}`);
    }
  } finally {
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}

test("L000 end to end in Japanese (M0): a failed Check with Japanese hints, the profile in config, the AWS CLI with the page's keys, the answer sheet from its output, then a pass", async ({ browser }) => {
  test.setTimeout(150_000);
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto("/ja/lessons/L000");
  await setUpExercise(page);

  // A first Check fails, in Japanese: the empty profile, and no call from a terminal yet.
  await page.getByTestId("check").click();
  await expectFailedInJapanese(page, L000, "profile-region");
  await expectFailedInJapanese(page, L000, "call-arrived");

  // ~/.aws/config: the [profile dojo] section with the sandbox's Region and the endpoint the page shows.
  const exports = await pageCredentials(page);
  const config = read(...L000, "_solution", "config").replace(/^endpoint_url = .*$/m, `endpoint_url = ${exports.AWS_ENDPOINT_URL}`);
  expect(config).toContain(`endpoint_url = ${exports.AWS_ENDPOINT_URL}`);
  await page.locator('[data-file="config"]').click();
  await page.getByTestId("text-editor").fill(config);

  // The terminal: the four exports, then the lesson's commands (list, describe, describe with --query as a table).
  const printed = await runInTerminal(read(...L000, "_solution", "commands.sh"), exports);
  // The table is the last thing printed: its top border, its title line, then the rows.
  const lines = printed.trimEnd().split("\n");
  const output = lines.slice(lines.findLastIndex((line) => line.includes("|DescribeClusters|")) - 1).join("\n");
  expect(output).toMatch(/^-+\n\|DescribeClusters\|/);
  expect(output).toMatch(/\|\s*ACTIVE\s*\|/);
  expect(output).toMatch(/\|\s*2\s*\|/);

  // hello.md: the command as it was run, and what it printed (the solution's sheet with the real output pasted in).
  const sheet = read(...L000, "_solution", "hello.md").replace(/(## Output\s*\n+```\n)[\s\S]*?(\n```)/, (_, open, close) => `${open}${output}${close}`);
  expect(sheet).toContain(output);
  await page.locator('[data-file="hello.md"]').click();
  await page.getByTestId("text-editor").fill(sheet);

  await answer(page, quizOf(L000), (o) => o.correct);
  await page.getByTestId("check").click();
  await expect(page.getByTestId("lesson-completed")).toBeVisible({ timeout: 15_000 });
  await expect(page.locator('.checks li[data-passed="false"]')).toHaveCount(0);
  await expect(page.locator(".checks li")).toHaveCount((JSON.parse(read(...L000, "lesson.json")) as LessonFile).checks.length);
  await context.close();
});

test("L202 end to end in Japanese (M2): a failed Check with Japanese hints, the three files in the editor, the AWS CLI's ECR commands with the page's keys, the review from their output, then a pass", async ({ browser }) => {
  test.setTimeout(150_000);
  const context = await browser.newContext({ permissions: CLIPBOARD });
  const page = await context.newPage();
  await page.goto("/ja/lessons/L202");
  await setUpExercise(page);
  await waitForEditor(page);

  // A first Check fails, in Japanese: nothing was sent to ECR yet, and the review is empty.
  await page.getByTestId("check").click();
  await expectFailedInJapanese(page, L202, "mutability-applied");
  await expectFailedInJapanese(page, L202, "review-preview-total");

  // The setting and the lifecycle policy, written in the editor; the terminal sends the same files.
  const files = Object.fromEntries(["tag-mutability.json", "lifecycle-policy.json"].map((name) => [name, read(...L202, "_solution", name)]));
  for (const [name, text] of Object.entries(files)) {
    await page.locator(`[data-file="${name}"]`).click();
    await waitForEditor(page);
    await replaceEditorText(page, text);
  }

  // The terminal: the page's four exports, then the lesson's commands (tag mutability and the retag idiom, scanning,
  // the lifecycle policy's preview and save, release-25's digest).
  const exports = await pageCredentials(page);
  const printed = await runInTerminal(read(...L202, "_solution", "commands.sh"), exports, files);
  // The scan the script started was still IN_PROGRESS when it read it: ask again, as its comment says, until COMPLETE.
  const findings = () =>
    awsCli("ecr", ["describe-image-scan-findings", "--repository-name", "storefront", "--image-id", "imageTag=release-25"], cliTarget(exports, os.tmpdir()));
  await expect.poll(async () => (await findings()).json?.imageScanStatus?.status, { timeout: 30_000 }).toBe("COMPLETE");
  const highFindings = (await findings()).json.imageScanFindings.findingSeverityCounts.HIGH;

  // review.json from what the terminal printed: the preview's two totals, the HIGH count, and release-25 pinned by
  // digest (the script's last two lines are its digest and storefront's URI). They are the answers the solution holds.
  const [digest, uri] = printed.trimEnd().split("\n").slice(-2);
  expect(digest).toMatch(/^sha256:[0-9a-f]{64}$/);
  expect(uri).toMatch(/^\d{12}\.dkr\.ecr\.ap-northeast-1\.amazonaws\.com\/storefront$/);
  const printedNumber = (pattern: RegExp) => Number(pattern.exec(printed)?.[1]);
  const review = {
    lifecyclePreview: {
      expiringImageTotalCount: printedNumber(/"total": (\d+)/),
      untaggedImagesExpiring: printedNumber(/"expiringImageTotalCount": (\d+)/),
    },
    release25Scan: { highFindings },
    release25ImageByDigest: `${uri}@${digest}`,
  };
  // The same answers as the solution's review.json; only the account in the repository URI is this learner's own.
  const accountless = (r: typeof review) => ({ ...r, release25ImageByDigest: r.release25ImageByDigest.replace(/^\d{12}\./, "ACCOUNT.") });
  expect(accountless(review)).toEqual(accountless(JSON.parse(read(...L202, "_solution", "review.json"))));
  await page.locator('[data-file="review.json"]').click();
  await waitForEditor(page);
  await replaceEditorText(page, JSON.stringify(review, null, 2));

  await answer(page, quizOf(L202), (o) => o.correct);
  await page.getByTestId("check").click();
  await expect(page.getByTestId("lesson-completed")).toBeVisible({ timeout: 15_000 });
  await expect(page.locator('.checks li[data-passed="false"]')).toHaveCount(0);
  await expect(page.locator(".checks li")).toHaveCount((JSON.parse(read(...L202, "lesson.json")) as LessonFile).checks.length);
  await context.close();
});
