import fs from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { CLIPBOARD, replaceEditorText, waitForEditor } from "./helpers";
import { LAPTOP, PHONE, expectNoHorizontalOverflow } from "./site-pages";

/**
 * The AWS CLI in the browser terminal (issue 12, acceptance 2): the seed CLI flow typed key by key into the lesson
 * page's terminal — create-cluster, register-task-definition with file:// from the editor, create-service with the
 * shorthand network configuration, `aws ecs wait services-stable` (the sandbox's time moved with the terminal's
 * fast-forward, never waited for), describe-services with --query — reaching a steady service, and the lesson's
 * call-history check passing on those calls; Tab completion;
 * history after a reload; Ctrl-C on a waiter; in Japanese, the explanation line under an AWS error.
 */

const LESSON = path.resolve(import.meta.dirname, "..", "..", "lessons", "M5-services-networking", "L502");
const WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

const terminal = (page: Page) => page.getByTestId("aws-terminal");

/** What the terminal shows now (its visible rows), one string per row, the way xterm draws them. */
async function screen(page: Page): Promise<string> {
  return (await page.getByTestId("terminal-frame").locator(".xterm-rows").innerText()).replace(/\u00a0/g, " ");
}

/** The screen with rows joined: a long line wraps over several rows. */
async function flat(page: Page): Promise<string> {
  return (await screen(page)).replace(/\n/g, "");
}

async function openTerminal(page: Page, summary: RegExp) {
  await page.getByText(summary).click();
  await expect(terminal(page)).toHaveAttribute("data-state", "idle");
  await page.getByTestId("terminal-frame").click();
}

/** Types `line` and Enter, waits until the terminal has finished it, and expects its exit code. */
async function run(page: Page, line: string, exitCode = 0) {
  const before = Number(await terminal(page).getAttribute("data-finished"));
  await page.keyboard.type(line);
  await page.keyboard.press("Enter");
  await expect(terminal(page)).toHaveAttribute("data-finished", String(before + 1));
  await expect(terminal(page)).toHaveAttribute("data-exit-code", String(exitCode));
}

async function axeViolations(page: Page, scope: Locator): Promise<string[]> {
  await expect(scope).toBeVisible();
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG_AA).analyze();
  return violations.map((v) => `${v.id} (${v.impact}) ×${v.nodes.length}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ")}`);
}

test("the seed CLI flow typed into the lesson's terminal reaches a steady service and the lesson's call-history check; Tab, Ctrl-C on a waiter, history after a reload", async ({ browser }) => {
  const context = await browser.newContext({ permissions: CLIPBOARD, viewport: LAPTOP });
  const page = await context.newPage();
  await page.goto("/en/lessons/L502");
  await waitForEditor(page);

  // The terminal's code is not part of the lesson page until the panel is opened.
  const scripts = () => page.evaluate(() => performance.getEntriesByType("resource").map((e) => e.name));
  expect((await page.locator(".xterm").count())).toBe(0);
  const before = await scripts();

  // The editor's text, as the learner has changed it, is what file:// reads: the family is renamed here.
  const starter = JSON.parse(fs.readFileSync(path.join(LESSON, "_files", "fargate-task.json"), "utf8")) as Record<string, unknown>;
  await replaceEditorText(page, JSON.stringify({ ...starter, family: "sample-fargate" }, null, 2));
  await expect(page.getByTestId("save-state")).toHaveAttribute("data-state", "saved");

  await openTerminal(page, /^Terminal \(AWS CLI in the browser\)$/);
  const loaded = (await scripts()).filter((url) => !before.includes(url));
  expect(loaded.some((url) => url.includes("/_next/static/"))).toBe(true);

  // Tab completion: an operation, an option name, an enum value.
  await page.keyboard.type("aws ecs create-clu");
  await page.keyboard.press("Tab");
  await page.keyboard.type("--cluster-n");
  await page.keyboard.press("Tab");
  await expect.poll(() => screen(page)).toContain("$ aws ecs create-cluster --cluster-name ");
  await page.keyboard.type("fargate-cluster --query cluster.status --output te");
  await page.keyboard.press("Tab");
  await expect.poll(() => flat(page)).toContain("--output text ");
  const finishedBefore = Number(await terminal(page).getAttribute("data-finished"));
  await page.keyboard.press("Enter");
  await expect(terminal(page)).toHaveAttribute("data-finished", String(finishedBefore + 1));
  await expect(terminal(page)).toHaveAttribute("data-exit-code", "0");
  await expect.poll(() => screen(page)).toMatch(/\nACTIVE\n/);

  // Shell variables, as the walkthroughs use them.
  await run(page, "export CLUSTER=fargate-cluster");
  await run(page, "echo $CLUSTER");
  await expect.poll(() => screen(page)).toContain("$ echo $CLUSTER\nfargate-cluster\n");

  await run(page, "aws ecs register-task-definition --cli-input-json file://fargate-task.json --query taskDefinition.[family,revision] --output text");
  await expect.poll(() => screen(page)).toMatch(/\nsample-fargate\s+1\n/);

  await run(
    page,
    'aws ecs create-service --cluster $CLUSTER --service-name fargate-service --task-definition sample-fargate:1 --desired-count 1 --launch-type FARGATE --network-configuration "awsvpcConfiguration={subnets=[subnet-0a1b2c3d,subnet-0c3d4e5f],securityGroups=[sg-0a1b2c3d],assignPublicIp=ENABLED}" --enable-execute-command --query service.[serviceName,status] --output text',
  );
  await expect.poll(() => screen(page)).toMatch(/\nfargate-service\s+ACTIVE\n/);

  // Ctrl-C on a waiter: the task has not started yet, so the waiter is polling; Ctrl-C ends it with 130.
  const waitLine = "aws ecs wait services-stable --cluster $CLUSTER --services fargate-service";
  let finished = Number(await terminal(page).getAttribute("data-finished"));
  await page.keyboard.type(waitLine);
  await page.keyboard.press("Enter");
  await expect(terminal(page)).toHaveAttribute("data-state", "running");
  await page.keyboard.press("Control+C");
  await expect(terminal(page)).toHaveAttribute("data-finished", String(++finished));
  await expect(terminal(page)).toHaveAttribute("data-exit-code", "130");
  await expect.poll(() => screen(page)).toContain("^C");

  // The same waiter again, history's ↑ bringing the line back; the sandbox's time moves with the terminal's
  // fast-forward, which also ends the waiter's sleep, so it polls again at once and ends when the service is steady.
  await page.keyboard.press("ArrowUp");
  await expect.poll(() => flat(page)).toContain(`$ ${waitLine}`);
  await page.keyboard.press("Enter");
  await expect(terminal(page)).toHaveAttribute("data-state", "running");
  await expect(async () => {
    if ((await terminal(page).getAttribute("data-state")) === "running") await page.getByTestId("terminal-fast-forward").click();
    await expect(terminal(page)).toHaveAttribute("data-finished", String(finished + 1), { timeout: 2_000 });
  }).toPass();
  await expect(terminal(page)).toHaveAttribute("data-exit-code", "0");
  await page.getByTestId("terminal-frame").click();

  await run(page, 'aws ecs describe-services --cluster $CLUSTER --services fargate-service --query "services[0].[status,runningCount,desiredCount,length(deployments)]" --output text');
  await expect.poll(() => screen(page)).toMatch(/\nACTIVE\s+1\s+1\s+1\n/);
  await terminal(page).screenshot({ path: test.info().outputPath("terminal-en-lesson-steady.png") });

  // The terminal's calls are the learner's calls: the lesson's Check reads them from the call history, in order.
  await run(page, "aws ecs update-service --cluster $CLUSTER --service fargate-service --desired-count 2 --query service.desiredCount");
  await page.getByTestId("check").click();
  await expect(page.locator('[data-check="flow-order"]')).toHaveAttribute("data-passed", "true");
  await page.getByTestId("terminal-frame").click();

  // Anything but aws is refused with a message, never run.
  await run(page, "docker ps", 127);
  await expect.poll(() => screen(page)).toContain("docker: this terminal runs aws commands only");
  await run(page, "aws ecs list-clusters | jq .", 2);
  await expect.poll(() => flat(page)).toContain("'|' is not supported: this terminal runs aws commands only");

  // History survives a reload: ↑ brings back the last line, ↑ again the one before.
  await page.reload();
  await waitForEditor(page);
  await openTerminal(page, /^Terminal \(AWS CLI in the browser\)$/);
  await page.keyboard.press("ArrowUp");
  await expect.poll(() => screen(page)).toContain("$ aws ecs list-clusters | jq .");
  await page.keyboard.press("ArrowUp");
  await expect.poll(() => screen(page)).toContain("$ docker ps");
  await context.close();
});

test("in Japanese, an AWS error keeps AWS's English text and adds one line of Japanese: the validator's where it maps", async ({ browser }) => {
  const context = await browser.newContext({ permissions: CLIPBOARD, viewport: LAPTOP });
  const page = await context.newPage();
  await page.goto("/ja/lessons/L502");
  await waitForEditor(page);
  const starter = JSON.parse(fs.readFileSync(path.join(LESSON, "_files", "fargate-task.json"), "utf8")) as Record<string, unknown>;
  // 256 CPU with 4096 MiB is no Fargate size: the service refuses it, with words the validator knows.
  const wrong = { ...starter, family: "sample-fargate", memory: "4096" };
  await replaceEditorText(page, JSON.stringify(wrong, null, 2));
  await expect(page.getByTestId("save-state")).toHaveAttribute("data-state", "saved");
  await openTerminal(page, /^ターミナル \(ブラウザーで動く AWS CLI\)$/);

  await run(page, "aws ecs describe-services --cluster nowhere --services web", 254);
  await expect.poll(() => flat(page)).toContain("An error occurred (ClusterNotFoundException) when calling the DescribeServices operation: Cluster not found.");
  await expect.poll(() => flat(page)).toContain("説明: 指定したクラスターが見つかりません。");

  await run(page, "aws ecs register-task-definition --cli-input-json file://fargate-task.json", 254);
  const message = "No Fargate configuration exists for given values: 256 CPU, 4096 memory. See the Amazon ECS documentation for the valid values.";
  await expect.poll(() => flat(page)).toContain(`An error occurred (ClientException) when calling the RegisterTaskDefinition operation: ${message}`);
  // The validator's Japanese message for FG-CPU-MEM-COMBO (lib/validator/messages/ja-rules.ts), not the generic line.
  await expect.poll(() => flat(page)).toContain("説明: 256 CPU ユニットの場合、Fargate で使える memory は 512、1024、2048 MiB で、最も近い有効な値は 2048 です。");

  await terminal(page).screenshot({ path: test.info().outputPath("terminal-ja-lesson-explanation.png") });

  // The lesson page with its terminal open, on a phone and a laptop: nothing runs off the side, axe finds nothing.
  for (const viewport of [PHONE, LAPTOP]) {
    await page.setViewportSize(viewport);
    await expectNoHorizontalOverflow(page, `/ja/lessons/L502 with the terminal open at ${viewport.width} px`);
    expect(await axeViolations(page, terminal(page))).toEqual([]);
  }
  await context.close();
});

for (const locale of ["en", "ja"] as const) {
  test(`the terminal's own page in ${locale}: a phone and a laptop, keyboard in and out, paste, copy and clear, axe finds nothing`, async ({ browser }) => {
    const context = await browser.newContext({ viewport: PHONE, permissions: CLIPBOARD });
    const page = await context.newPage();
    await page.goto(`/${locale}/terminal`);
    await expect(terminal(page)).toHaveAttribute("data-state", "idle");
    for (const viewport of [PHONE, LAPTOP]) {
      await page.setViewportSize(viewport);
      await expectNoHorizontalOverflow(page, `/${locale}/terminal at ${viewport.width} px`);
      expect(await axeViolations(page, terminal(page))).toEqual([]);
      await page.screenshot({ path: test.info().outputPath(`terminal-page-${locale}-${viewport.width}.png`), fullPage: true });
    }
    // Keyboard: Tab reaches the terminal (its frame shows the focus), commands run, Escape then Tab leaves it.
    const textarea = page.getByTestId("terminal-frame").locator("textarea");
    for (let i = 0; i < 40 && !(await textarea.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press("Tab");
    await expect(textarea).toBeFocused();
    const outline = await page.getByTestId("terminal-frame").evaluate((el) => getComputedStyle(el).outlineStyle);
    expect(outline).toBe("solid");
    await expect(textarea).toHaveAttribute("aria-label", locale === "ja" ? "AWS CLI ターミナル" : "AWS CLI terminal");
    await run(page, "aws ecs list-clusters --query clusterArns --output text");
    // Paste (Ctrl+V): two lines, each run in turn, the variable of the first read by the second.
    const finished = Number(await terminal(page).getAttribute("data-finished"));
    await page.evaluate(() => navigator.clipboard.writeText("export GREETING=pasted\necho $GREETING-line\n"));
    await page.keyboard.press("ControlOrMeta+V");
    await expect(terminal(page)).toHaveAttribute("data-finished", String(finished + 2));
    await expect.poll(() => screen(page)).toContain("\npasted-line\n");
    // Copy: text selected with the mouse, Ctrl+Shift+C.
    const row = page.getByTestId("terminal-frame").locator(".xterm-rows > div").filter({ hasText: /^pasted-line$/ });
    const box = (await row.boundingBox())!;
    await page.mouse.move(box.x + 1, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width - 1, box.y + box.height / 2, { steps: 5 });
    await page.mouse.up();
    await page.keyboard.press("Control+Shift+C");
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toContain("pasted-line");
    // clear empties the screen but for the prompt.
    await run(page, "clear");
    await expect.poll(async () => (await screen(page)).trim()).toBe("$");
    await page.keyboard.press("Escape");
    await page.keyboard.press("Tab");
    await expect(textarea).not.toBeFocused();
    await expect(page.getByTestId("terminal-fast-forward")).toBeFocused();
    await context.close();
  });
}

/** A Fargate task definition as a learner would keep it in their file area. */
const AREA_TASK = (family: string) =>
  JSON.stringify(
    {
      family,
      networkMode: "awsvpc",
      requiresCompatibilities: ["FARGATE"],
      cpu: "256",
      memory: "512",
      containerDefinitions: [{ name: "web", image: "public.ecr.aws/nginx/nginx:1.27", essential: true, portMappings: [{ containerPort: 80 }] }],
    },
    null,
    2,
  );

/** Saves a file through the page's "Your files" form, as a learner does. */
async function saveAreaFile(page: Page, name: string, text: string) {
  await page.getByTestId("file-name").fill(name);
  await page.getByTestId("file-text").fill(text);
  await page.getByTestId("file-save").click();
}

/** The terminal's `history` output, read from the screen after running it. */
async function historyLines(page: Page): Promise<string> {
  await run(page, "history");
  // xterm draws what was written on its next frame, after data-finished has moved: wait for history's own last entry.
  await expect.poll(() => flat(page)).toMatch(/\$ history.*\d {2}history/);
  return flat(page);
}

test("Your files on /terminal: created, uploaded, refused over the limits, read by file:// in register-task-definition here and in a lesson (the editor's file first); history on the server, after clearing localStorage and in a new context, without secrets, cleared by history -c — in English and Japanese", async ({ browser }) => {
  const first = await browser.newContext({ viewport: LAPTOP, permissions: CLIPBOARD });
  const page = await first.newPage();
  await page.goto("/en/terminal");
  await expect(terminal(page)).toHaveAttribute("data-state", "idle");
  const area = page.getByTestId("file-area");
  await expect(area.getByRole("heading", { name: "Your files" })).toBeVisible();
  await expect(page.getByTestId("file-area-limits")).toHaveText(/Up to 20 files of 64 KiB each/);

  // Created with the page's small editor, then listed.
  await saveAreaFile(page, "my-task.json", AREA_TASK("from-your-files"));
  await expect(page.getByTestId("file-status")).toHaveText("Saved my-task.json. Use it as file://my-task.json.");
  await expect(page.getByTestId("file-list").locator('[data-file="my-task.json"]')).toBeVisible();
  // The same name as a lesson's editor file: in that lesson the editor's file is read instead.
  await saveAreaFile(page, "fargate-task.json", AREA_TASK("area-copy-not-read-in-l502"));
  await expect(page.getByTestId("file-status")).toHaveText(/Saved fargate-task\.json/);

  // Refused, with what to do: a name with folders, a file over 64 KiB (checked in the page and again by the server).
  await saveAreaFile(page, "../etc/passwd", "x");
  await expect(page.getByTestId("file-error")).toContainText('A file name may use letters, digits, ".", "-" and "_"');
  await saveAreaFile(page, "big.json", "x".repeat(64 * 1024 + 1));
  await expect(page.getByTestId("file-error")).toContainText("The file is larger than 64 KiB");
  const serverAnswer = await page.evaluate(async () => {
    const csrf = document.querySelector<HTMLMetaElement>('meta[name="dojo-csrf"]')!.content;
    const response = await fetch("/api/terminal/files", {
      method: "POST",
      headers: { "content-type": "application/json", "x-dojo-csrf": csrf, "x-dojo-locale": "ja" },
      body: JSON.stringify({ name: "big.json", text: "x".repeat(64 * 1024 + 1) }),
    });
    return { status: response.status, body: await response.json() };
  });
  expect(serverAnswer).toEqual({ status: 413, body: { error: { message: expect.stringContaining("64 KiB を超えています") } } });
  expect(await axeViolations(page, page.getByTestId("file-error"))).toEqual([]);

  // Uploaded, listed, edited back into the form, deleted.
  await page.getByTestId("file-upload").setInputFiles({ name: "uploaded.json", mimeType: "application/json", buffer: Buffer.from('{"uploaded": true}') });
  await expect(page.getByTestId("file-status")).toHaveText("Saved uploaded.json. Use it as file://uploaded.json.");
  await page.getByRole("button", { name: "Edit uploaded.json" }).click();
  await expect(page.getByTestId("file-text")).toHaveValue('{"uploaded": true}');
  await page.getByRole("button", { name: "Delete uploaded.json" }).click();
  await expect(page.getByTestId("file-status")).toHaveText("Deleted uploaded.json.");
  await expect(page.getByTestId("file-list").locator("li")).toHaveCount(2);

  // file:// reads the file area in the terminal of this page; Tab after file:// completes the file's name.
  await page.getByTestId("terminal-frame").click();
  await page.keyboard.type("aws ecs register-task-definition --cli-input-json file://my");
  await page.keyboard.press("Tab");
  await expect.poll(() => flat(page)).toContain("--cli-input-json file://my-task.json ");
  await run(page, "--query taskDefinition.[family,revision] --output text");
  await expect.poll(() => screen(page)).toMatch(/\nfrom-your-files\s+1\n/);
  await run(page, "aws ecs register-task-definition --cli-input-json file://nowhere.json", 252);
  await expect.poll(() => flat(page)).toContain("No such file or directory: 'nowhere.json'");
  // A line with a secret runs but is never stored; the others are.
  await run(page, "export DB_PASSWORD=hunter2-not-kept");
  await run(page, "echo history-marker");

  // localStorage cleared and the page reloaded: the history comes from the server.
  await page.evaluate(() => window.localStorage.clear());
  await page.reload();
  await expect(terminal(page)).toHaveAttribute("data-state", "idle");
  await page.getByTestId("terminal-frame").click();
  await page.keyboard.press("ArrowUp");
  await expect.poll(() => screen(page)).toContain("$ echo history-marker");
  await page.keyboard.press("Control+U");
  const afterReload = await historyLines(page);
  expect(afterReload).toContain("aws ecs register-task-definition --cli-input-json file://my-task.json");
  expect(afterReload).not.toContain("hunter2-not-kept");

  for (const viewport of [PHONE, LAPTOP]) {
    await page.setViewportSize(viewport);
    await expectNoHorizontalOverflow(page, `/en/terminal with files at ${viewport.width} px`);
    expect(await axeViolations(page, page.getByTestId("file-list"))).toEqual([]);
  }
  await page.screenshot({ path: test.info().outputPath("terminal-files-en.png"), fullPage: true });

  // A new browser context for the same learner (only the session cookie, no localStorage), in Japanese.
  const second = await browser.newContext({ viewport: PHONE, permissions: CLIPBOARD, storageState: { cookies: await first.cookies(), origins: [] } });
  await first.close();
  const other = await second.newPage();
  await other.goto("/ja/terminal");
  await expect(terminal(other)).toHaveAttribute("data-state", "idle");
  // Japanese CLI messages need a Japanese font after the Latin monospaced ones (the page's --font-mono stack).
  expect(await other.getByTestId("terminal-frame").locator(".xterm-rows").evaluate((el) => getComputedStyle(el).fontFamily)).toContain("Noto Sans JP Variable");
  await expect(other.getByTestId("file-area").getByRole("heading", { name: "自分のファイル" })).toBeVisible();
  await expect(other.getByTestId("file-area-limits")).toHaveText(/ファイルは 20 個まで、1 ファイル 64 KiB まで/);
  await expect(other.getByTestId("file-list").locator('[data-file="my-task.json"]')).toBeVisible();
  await other.getByTestId("terminal-frame").click();
  await other.keyboard.press("ArrowUp");
  await expect.poll(() => screen(other)).toContain("$ history");
  await other.keyboard.press("Control+U");
  const inNewContext = await historyLines(other);
  expect(inNewContext).toContain("echo history-marker");
  expect(inNewContext).not.toContain("hunter2-not-kept");
  await saveAreaFile(other, "a b.json", "{}");
  await expect(other.getByTestId("file-error")).toContainText("ファイル名には英数字と「.」「-」「_」を使えます");
  for (const viewport of [PHONE, LAPTOP]) {
    await other.setViewportSize(viewport);
    await expectNoHorizontalOverflow(other, `/ja/terminal with files at ${viewport.width} px`);
    expect(await axeViolations(other, other.getByTestId("file-list"))).toEqual([]);
  }
  await other.screenshot({ path: test.info().outputPath("terminal-files-ja.png"), fullPage: true });

  // In a lesson: file:// reads the lesson editor's file first, then the learner's file area.
  await other.goto("/ja/lessons/L502");
  await waitForEditor(other);
  await openTerminal(other, /^ターミナル \(ブラウザーで動く AWS CLI\)$/);
  await run(other, "aws ecs register-task-definition --cli-input-json file://fargate-task.json --query taskDefinition.family --output text");
  await expect.poll(() => screen(other)).toMatch(/\nfargate-task-definition\n/);
  await run(other, "aws ecs register-task-definition --cli-input-json file://./my-task.json --query taskDefinition.[family,revision] --output text");
  await expect.poll(() => screen(other)).toMatch(/\nfrom-your-files\s+2\n/);

  // history -c clears it on the server: a reload finds nothing to walk back to.
  await run(other, "history -c");
  await expect.poll(() => flat(other)).toContain("履歴を消去しました");
  await other.reload();
  await waitForEditor(other);
  await openTerminal(other, /^ターミナル \(ブラウザーで動く AWS CLI\)$/);
  const cleared = await historyLines(other);
  expect(cleared).toContain("1  history");
  expect(cleared).not.toContain("echo history-marker");
  expect(cleared).not.toContain("history -c");
  await second.close();
});
