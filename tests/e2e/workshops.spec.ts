/**
 * Workshops in a real browser (issue 17, acceptance 1 and the workshop half of 3): an instructor signs in, creates a
 * workshop and projects the join page; three participants join (one in Japanese), work on L302 — one fails a check
 * twice and raises a hand — and each change reaches the instructor's grid and heat-map without a reload, within
 * LIVE_MS (Playwright waits for the change to appear and fails if it has not by then); the drill-down shows the
 * attempts; the CSV export matches the grid. Then every new page in both languages at 390 and 1440 px (axe 0, no
 * overflow), and the security attempts, each counted.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { attempt, ATTACK_KINDS, startAttacker, type AttackerSite, type Outcome } from "./attacker";
import { replaceEditorText, waitForEditor, CLIPBOARD } from "./helpers";
import { JAPANESE, LAPTOP, PHONE, expectNoHorizontalOverflow } from "./site-pages";

const ROOT = path.join(import.meta.dirname, "..", "..");
const PASSWORD = "correct horse battery staple";
const LIVE_MS = 2_000;
const solutionOf = (file: string) => fs.readFileSync(path.join(ROOT, "lessons/M3-task-definitions/L302/_solution", file), "utf8");
const solution = solutionOf("orders-api.json");
const WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

const cli = (args: string[], input?: string) =>
  execFileSync(process.execPath, ["bin/ecs-dojo.mjs", "users", ...args], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: process.env.E2E_DATABASE_URL!, DOJO_FROM_SOURCE: "1" },
    input,
    encoding: "utf8",
  });

async function signIn(page: Page, login: string) {
  await page.goto("/en/sign-in");
  await page.getByTestId("login").fill(login);
  await page.getByTestId("password").fill(PASSWORD);
  await page.getByTestId("sign-in-submit").click();
  await expect(page.getByTestId("header-account")).toBeVisible();
}

async function instructor(browser: Browser, email: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, email);
  return { context, page };
}

async function createWorkshop(page: Page, title: string): Promise<{ id: string; code: string }> {
  await page.goto("/en/workshops");
  await page.getByTestId("workshop-title").fill(title);
  await page.getByTestId("choose-L302").check();
  await page.getByTestId("choose-L101").check();
  await page.getByTestId("create-workshop").click();
  await expect(page).toHaveURL(/\/en\/workshops\/[0-9a-f-]{36}$/);
  const id = page.url().split("/").pop()!;
  const code = (await page.getByTestId("join-code").textContent())!.trim();
  return { id, code };
}

async function join(browser: Browser, locale: "en" | "ja", code: string, name: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ permissions: CLIPBOARD });
  const page = await context.newPage();
  await page.goto(`/${locale}/join`);
  await page.getByTestId("join-code-input").fill(code.toLowerCase().replace("-", " "));
  await page.getByTestId("join-name").fill(name);
  await page.getByTestId("join-submit").click();
  await expect(page).toHaveURL(new RegExp(`/${locale}/workshop$`));
  await expect(page.getByTestId("welcome")).toContainText(name);
  return { context, page };
}

/** Presses Check on the lesson page and waits for its answer. */
async function check(page: Page, lesson = "L302") {
  const answered = page.waitForResponse((r) => r.url().endsWith(`/api/lessons/${lesson}/check`) && r.request().method() === "POST");
  await page.getByTestId("check").click();
  expect((await answered).status()).toBe(200);
}

let created: { id: string; code: string } | null = null;
let participantIds: Record<string, string> = {};

test.beforeAll(() => {
  // Once per server: a worker that restarts after a failed test finds them made.
  for (const email of ["lead@example.com", "other@example.com"]) {
    try {
      cli(["add", "--role", "instructor", "--email", email, "--password-stdin"], `${PASSWORD}\n`);
    } catch (error) {
      if (!String((error as { stderr?: string }).stderr).includes("already exists")) throw error;
    }
  }
});

test("acceptance 1: create, project, three participants join and work; grid and heat-map live; drill-down; CSV matches the grid", async ({ browser }) => {
  test.setTimeout(300_000);
  const { context: teacherContext, page: teacher } = await instructor(browser, "lead@example.com");
  created = await createWorkshop(teacher, "ECS hands-on, room 1");
  expect(created.code).toMatch(/^[2-9A-HJKMNP-TV-Z]{3}-[2-9A-HJKMNP-TV-Z]{3}$/);
  await expect(teacher.locator(".qr svg")).toBeVisible();

  // The projector page: code and QR, in the room's language.
  const projector = await teacherContext.newPage();
  await projector.goto(`/en/workshops/${created.id}/projector`);
  await expect(projector.getByTestId("projector-code")).toHaveText(created.code);
  await expect(projector.locator(".qr svg")).toBeVisible();
  await projector.close();
  await expect(teacher.getByTestId("live")).toHaveAttribute("data-connected", "true");

  // Three participants join; each row appears on the instructor's grid without a reload.
  const ann = await join(browser, "en", created.code, "Ann");
  await expect(teacher.getByTestId("row-Ann")).toBeVisible({ timeout: LIVE_MS });
  const ben = await join(browser, "en", created.code, "Ben");
  await expect(teacher.getByTestId("row-Ben")).toBeVisible({ timeout: LIVE_MS });
  const aiko = await join(browser, "ja", created.code, "愛子");
  await expect(aiko.page.getByTestId("welcome")).toHaveText(JAPANESE);
  await expect(teacher.getByTestId("row-愛子")).toBeVisible({ timeout: LIVE_MS });
  await expect(teacher.getByTestId("cell-愛子-L302")).toHaveAttribute("data-status", "not-started");

  // The participant's home lists the workshop's lessons.
  await expect(ann.page.getByTestId("go-L302")).toBeVisible();
  await expect(ann.page.getByTestId("go-L101")).toBeVisible();

  // Ann pastes the solution: her draft makes her "working", her Check "done".
  await ann.page.getByTestId("go-L302").click();
  await waitForEditor(ann.page);
  await replaceEditorText(ann.page, solution);
  await expect(ann.page.getByTestId("save-state")).toHaveAttribute("data-state", "saved");
  await expect(teacher.getByTestId("cell-Ann-L302")).toHaveAttribute("data-status", "working", { timeout: LIVE_MS });
  // The lesson's other two files, saved as drafts the way the editor saves them, then the task run in her sandbox.
  for (const file of ["invoice-worker.json", "batch-export.json"]) {
    expect(await fromPage(ann.page, "POST", "/api/lessons/L302/draft", { file, text: solutionOf(file) })).toBe(200);
  }
  await ann.page.reload();
  await waitForEditor(ann.page);
  await ann.page.getByTestId("run").click();
  await ann.page.getByTestId("run-fast-forward").click();
  await expect(ann.page.getByTestId("task-status")).toHaveText("RUNNING");
  await check(ann.page);
  await expect(ann.page.locator(".checks li[data-passed=false]")).toHaveCount(0);
  await expect(teacher.getByTestId("cell-Ann-L302")).toHaveAttribute("data-status", "done", { timeout: LIVE_MS });

  // 愛子 checks the starter twice (it fails), then raises her hand from her home page.
  await aiko.page.goto("/ja/lessons/L302");
  await waitForEditor(aiko.page);
  await check(aiko.page);
  await expect(teacher.getByTestId("cell-愛子-L302")).toHaveAttribute("data-status", "working", { timeout: LIVE_MS });
  await expect(teacher.getByTestId("cell-愛子-L302")).toContainText("(1)", { timeout: LIVE_MS });
  const failing = await teacher.getByTestId("heat-L302").locator("tbody tr").first().getAttribute("data-testid", { timeout: LIVE_MS });
  const failingId = failing!.replace("heat-row-", "");
  await expect(teacher.getByTestId(`heat-participants-${failingId}`)).toHaveText("1");
  await check(aiko.page);
  await expect(teacher.getByTestId("cell-愛子-L302")).toContainText("(2)", { timeout: LIVE_MS });
  await aiko.page.goto("/ja/workshop");
  await aiko.page.getByTestId("raise-hand").click();
  await expect(aiko.page.getByTestId("raise-hand")).toHaveAttribute("aria-pressed", "true");
  await expect(teacher.getByTestId("hand-愛子")).toBeVisible({ timeout: LIVE_MS });

  // Ben checks the starter once: the heat-map now counts two participants on that check.
  await ben.page.goto("/en/lessons/L302");
  await waitForEditor(ben.page);
  await check(ben.page);
  await expect(teacher.getByTestId(`heat-participants-${failingId}`)).toHaveText("2", { timeout: LIVE_MS });
  await expect(teacher.getByTestId("cell-Ben-L302")).toHaveAttribute("data-status", "working", { timeout: LIVE_MS });

  // A broadcast reaches the participants' pages live.
  await teacher.getByTestId("broadcast").locator("input").fill("Look at the task size: CPU and memory are strings.");
  await teacher.getByTestId("broadcast").getByRole("button").click();
  await expect(aiko.page.getByTestId("broadcasts")).toContainText("CPU and memory are strings", { timeout: LIVE_MS });

  // The checks of L302, on demand.
  await teacher.getByTestId("lesson-L302").click();
  const checkCells = teacher.locator('[data-testid^="check-Ann-"]');
  await expect(checkCells.first()).toBeVisible();
  const grid: Record<string, Record<string, string>> = {};
  for (const name of ["Ann", "Ben", "愛子"]) {
    grid[name] = {};
    for (const cell of await teacher.locator(`[data-testid^="check-${name}-"]`).all()) {
      const checkId = (await cell.getAttribute("data-testid"))!.slice(`check-${name}-`.length);
      grid[name][checkId] = (await cell.getAttribute("data-result"))!;
    }
  }
  expect(Object.values(grid.Ann).every((r) => r === "true")).toBe(true);
  expect(grid["愛子"][failingId]).toBe("false");
  await teacher.getByTestId("hide-checks").click();

  // Drill-down: 愛子's two failed attempts.
  await teacher.getByTestId("drill-愛子").click();
  await expect(teacher.getByTestId("drill-heading")).toContainText("愛子");
  await expect(teacher.getByTestId("attempt")).toHaveCount(2);
  await expect(teacher.locator('[data-testid="attempt"][data-passed="false"]')).toHaveCount(2);
  // Their sandbox in the learner's own console, read-only: open, no control that changes state, and the route it
  // polls answers reads only — every write is refused by the server whatever a page sends.
  const drillConsole = teacher.getByTestId("sandbox-console");
  await expect(drillConsole).toHaveAttribute("data-read-only", "true");
  await expect(drillConsole).toHaveAttribute("open", "");
  await expect(drillConsole.getByTestId("console-empty").or(drillConsole.locator(".console-tasks"))).toBeVisible();
  for (const control of ["stop-all", "reset-sandbox"]) await expect(drillConsole.getByTestId(control)).toHaveCount(0);
  await expect(drillConsole.getByRole("button")).toHaveText([/Refresh/]);
  const consoleRoute = `${new URL(teacher.url()).pathname.replace(/^\/en\/workshops/, "/api/workshops")}/console`;
  expect(await fromPage(teacher, "GET", consoleRoute)).toBe(200);
  for (const method of ["POST", "PUT", "PATCH", "DELETE"] as const) expect(await fromPage(teacher, method, consoleRoute, {}), method).toBe(405);
  await teacher.goBack();

  // The CSV: one row per participant and check, and its "passed" is what the grid shows.
  const [download] = await Promise.all([teacher.waitForEvent("download"), teacher.getByTestId("export-csv").click()]);
  const lines = fs.readFileSync((await download.path())!, "utf8").trim().split(/\r\n/);
  expect(lines[0]).toBe("participant,participant_id,lesson,check,passed,attempts,time_to_first_pass_seconds");
  const l302 = lines.slice(1).map((l) => l.split(",")).filter((cols) => cols[2] === "L302");
  let compared = 0;
  for (const [name, checks] of Object.entries(grid)) {
    for (const [checkId, result] of Object.entries(checks)) {
      const row = l302.find((cols) => cols[0] === name && cols[3] === checkId);
      expect(row, `${name} ${checkId} in the CSV`).toBeTruthy();
      expect(row![4], `${name} ${checkId}`).toBe(result === "true" ? "true" : "false");
      compared++;
    }
  }
  expect(l302.filter((cols) => cols[0] === "愛子")[0][5]).toBe("2");
  console.log(`  CSV matches the grid on ${compared} participant × check cells`);

  const progress = await teacher.evaluate(async (id) => (await fetch(`/api/workshops/${id}/progress`)).json(), created.id);
  participantIds = Object.fromEntries((progress.participants as { displayName: string; participantId: string }[]).map((p) => [p.displayName, p.participantId]));
  expect(progress.participants.find((p: { displayName: string }) => p.displayName === "Ann").lessons.L302.status).toBe("done");

  // Lock joining: a fourth person is refused, in Japanese on the Japanese page.
  await teacher.getByTestId("lock").click();
  const late = await browser.newContext();
  const latePage = await late.newPage();
  await latePage.goto(`/ja/join?code=${created.code}`);
  await latePage.getByTestId("join-name").fill("遅刻");
  await latePage.getByTestId("join-submit").click();
  await expect(latePage.getByTestId("form-error")).toContainText("受け付けていません");
  await Promise.all([late.close(), ann.context.close(), ben.context.close(), aiko.context.close(), teacherContext.close()]);
});

async function axeViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG_AA).analyze();
  return violations.map((v) => `${v.id} (${v.impact}) ×${v.nodes.length}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ")}`);
}

let screens = 0;
async function checkScreens(page: Page, name: string) {
  for (const viewport of [PHONE, LAPTOP]) {
    await page.setViewportSize(viewport);
    await expectNoHorizontalOverflow(page, `${name} at ${viewport.width}px`);
    expect(await axeViolations(page), `${name} at ${viewport.width}px: axe`).toEqual([]);
    await page.screenshot({ path: path.join("test-results", "workshop-screens", `${name}-${viewport.width}.jpeg`), fullPage: true, type: "jpeg", quality: 70 });
    screens++;
  }
}

test("every new page in English and Japanese at 390 and 1440 px: no overflow, axe 0", async ({ browser }) => {
  test.setTimeout(300_000);
  expect(created).not.toBeNull();
  const { context, page } = await instructor(browser, "lead@example.com");
  const participant = await browser.newContext();
  const p = await participant.newPage();
  for (const locale of ["en", "ja"] as const) {
    await page.goto(`/${locale}/workshops`);
    await checkScreens(page, `workshops-${locale}`);
    await page.goto(`/${locale}/workshops/${created!.id}`);
    await expect(page.getByTestId("live")).toHaveAttribute("data-connected", "true");
    await checkScreens(page, `room-${locale}`);
    await page.getByTestId("lesson-L302").click();
    await checkScreens(page, `room-checks-${locale}`);
    await page.goto(`/${locale}/workshops/${created!.id}/projector`);
    await checkScreens(page, `projector-${locale}`);
    await page.goto(`/${locale}/workshops/${created!.id}/participants/${participantIds["愛子"]}`);
    await checkScreens(page, `drill-${locale}`);
    await page.goto(`/${locale}/account`);
    await checkScreens(page, `account-instructor-${locale}`);
    await p.goto(`/${locale}/join`);
    await checkScreens(p, `join-${locale}`);
    await p.getByTestId("join-code-input").fill("ZZZ-ZZZ");
    await p.getByTestId("join-name").fill("Someone");
    await p.getByTestId("join-submit").click();
    await expect(p.getByTestId("form-error")).toBeFocused();
    await checkScreens(p, `join-error-${locale}`);
    await p.goto(`/${locale}/workshop`);
    await checkScreens(p, `workshop-not-joined-${locale}`);
  }
  // A joined participant's home, with a message and a raised hand (joining was locked by the first test: unlock).
  await page.goto(`/en/workshops/${created!.id}`);
  await page.getByTestId("lock").click();
  await expect(page.getByTestId("lock")).toHaveText("Lock joining");
  for (const locale of ["en", "ja"] as const) {
    const joined = await join(browser, locale, created!.code, `Screens ${locale}`);
    await joined.page.getByTestId("raise-hand").click();
    await expect(joined.page.getByTestId("raise-hand")).toHaveAttribute("aria-pressed", "true");
    await checkScreens(joined.page, `participant-home-${locale}`);
    await joined.context.close();
  }
  console.log(`  workshop screens: ${screens} page states × screen checked, axe 0 violations on each`);
  await Promise.all([context.close(), participant.close()]);
});

test("co-instructors: only the owner removes one, and the removed instructor's open page and session lose the room at once", async ({ browser }) => {
  test.setTimeout(180_000);
  const lead = await instructor(browser, "lead@example.com");
  const room = await createWorkshop(lead.page, "Co-taught room");
  await lead.page.getByTestId("add-co").getByRole("textbox").fill("other@example.com");
  await lead.page.getByTestId("add-co").getByRole("button").click();
  await expect(lead.page.getByTestId("add-co").getByRole("status")).toHaveText("Added.");
  await lead.page.reload();
  await expect(lead.page.getByTestId("instructor-other")).toContainText("co-instructor");

  const co = await instructor(browser, "other@example.com");
  await co.page.goto(`/en/workshops/${room.id}`);
  await expect(co.page.getByTestId("live")).toHaveAttribute("data-connected", "true");
  // A co-instructor sees no Remove buttons, and the API refuses them the action.
  await expect(co.page.locator('[data-testid^="remove-co-"]')).toHaveCount(0);
  expect(await fromPage(co.page, "POST", `/api/workshops/${room.id}/actions`, { action: "remove-instructor", who: "other@example.com" })).toBe(403);
  expect(await fromPage(co.page, "GET", `/api/workshops/${room.id}/progress`)).toBe(200);

  await lead.page.getByTestId("remove-co-other").click();
  await lead.page.getByTestId("confirm-ok").click();
  await expect(lead.page.getByTestId("instructor-other")).toHaveCount(0);
  // The removed instructor's open page is told by its live stream and reloads to "not found"; their session gets 404.
  await expect(co.page.getByTestId("live")).toHaveCount(0, { timeout: LIVE_MS * 2 });
  expect(await fromPage(co.page, "GET", `/api/workshops/${room.id}/progress`)).toBe(404);
  expect((await co.page.goto(`/en/workshops/${room.id}`))!.status()).toBe(404);
  expect(await fromPage(lead.page, "POST", `/api/workshops/${room.id}/actions`, { action: "remove-instructor", who: "other@example.com" })).toBe(404);
  await Promise.all([lead.context.close(), co.context.close()]);
});

/** A request from a page of the site (so it passes the CSRF gate): the participant's or anonymous visitor's own browser. */
async function fromPage(page: Page, method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE", url: string, body?: unknown): Promise<number> {
  return page.evaluate(
    async ({ method, url, body }) => {
      const csrf = document.querySelector<HTMLMetaElement>('meta[name="dojo-csrf"]')?.content ?? "";
      const response = await fetch(url, { method, headers: method !== "GET" ? { "content-type": "application/json", "x-dojo-csrf": csrf } : {}, body: body === undefined ? undefined : JSON.stringify(body) });
      await response.body?.cancel();
      return response.status;
    },
    { method, url, body },
  );
}

test("security: 403 for participants and anonymous learners, 404 for another instructor, CSRF refused, guessing limited, tampering fails — counted", async ({ browser, baseURL }) => {
  test.setTimeout(300_000);
  expect(created).not.toBeNull();
  const appOrigin = new URL(baseURL!).origin;
  const id = created!.id;
  const pid = participantIds["Ben"];
  const pages = ["/en/workshops", `/en/workshops/${id}`, `/en/workshops/${id}/projector`, `/en/workshops/${id}/participants/${pid}`, `/ja/workshops/${id}`];
  const apis: ["GET" | "POST", string, unknown?][] = [
    ["GET", "/api/workshops"],
    ["POST", "/api/workshops", { title: "mine now", lessons: ["L101"] }],
    ["GET", `/api/workshops/${id}/progress`],
    ["GET", `/api/workshops/${id}/export?format=csv`],
    ["GET", `/api/workshops/${id}/export?format=json`],
    ["GET", `/api/workshops/${id}/events`],
    ["POST", `/api/workshops/${id}/actions`, { action: "lock" }],
    ["POST", `/api/workshops/${id}/actions`, { action: "broadcast", message: "hi" }],
    ["POST", `/api/workshops/${id}/actions`, { action: "end" }],
    ["POST", `/api/workshops/${id}/actions`, { action: "reset", participantId: pid, lessonId: "L302" }],
  ];
  const tally: Record<string, Record<number, number>> = {};
  const note = (who: string, status: number) => {
    tally[who] ??= {};
    tally[who][status] = (tally[who][status] ?? 0) + 1;
  };

  // 1. A participant (joined, in their own browser) and an anonymous learner: 403 on every page and API.
  const participant = await join(browser, "en", created!.code, "Mallory");
  const anonymous = await browser.newContext();
  const anon = await anonymous.newPage();
  await anon.goto("/en");
  for (const [who, page] of [["participant", participant.page], ["anonymous", anon]] as const) {
    for (const url of pages) {
      const response = await page.goto(url);
      expect(response!.status(), `${who} ${url}`).toBe(403);
      await expect(page.getByTestId("forbidden")).toBeVisible();
      note(who, 403);
    }
    await page.goto("/en");
    for (const [method, url, body] of apis) {
      const status = await fromPage(page, method, url, body);
      expect(status, `${who} ${method} ${url}`).toBe(403);
      note(who, status);
    }
  }

  // 2. Another instructor: the workshop does not exist for them (404), and it is not in their list.
  const other = await instructor(browser, "other@example.com");
  for (const url of pages.slice(1)) {
    const response = await other.page.goto(url);
    expect(response!.status(), `other instructor ${url}`).toBe(404);
    note("other instructor", 404);
  }
  await other.page.goto("/en");
  for (const [method, url, body] of apis.slice(2)) {
    const status = await fromPage(other.page, method, url, body);
    expect(status, `other instructor ${method} ${url}`).toBe(404);
    note("other instructor", status);
  }
  const list = await other.page.evaluate(async () => (await fetch("/api/workshops")).json());
  expect(list.workshops).toEqual([]);

  // 3. CSRF: the instructor's own browser (signed in) visits two attacker origins; every state-changing workshop route, four ways.
  const lead = await instructor(browser, "lead@example.com");
  const attackers: AttackerSite[] = [await startAttacker("same-site (127.0.0.1, another port)", "127.0.0.1"), await startAttacker("cross-site (localhost)", "localhost")];
  const routes: [string, Record<string, unknown>][] = [
    ["/api/workshops", { title: "csrf", lessons: ["L101"] }],
    [`/api/workshops/${id}/actions`, { action: "end" }],
    ["/api/workshops/join", { code: created!.code, displayName: "csrf" }],
    ["/api/workshops/hand", { raised: true }],
    ["/api/account/tokens", { name: "stolen" }],
  ];
  const outcomes: Outcome[] = [];
  for (const attacker of attackers) for (const [route, body] of routes) for (const kind of ATTACK_KINDS) outcomes.push(await attempt(lead.context, appOrigin, attacker, kind, route, body));
  for (const o of outcomes) for (const a of o.answers) note(`CSRF ${o.attacker}`, a.status ?? 0);
  expect(outcomes.filter((o) => o.succeeded).map((o) => `${o.attacker} ${o.kind} ${o.route}`)).toEqual([]);
  await lead.page.goto(`/en/workshops/${id}`);
  await expect(lead.page.getByTestId("end")).toBeVisible(); // not ended by any of them
  for (const a of attackers) await a.close();

  // 4. Cookie tampering: a participant cookie with one character changed is no participant; a changed account cookie is no instructor.
  const tampered = await browser.newContext();
  const cookies = await participant.context.cookies(appOrigin);
  const flip = (v: string) => v.slice(0, -2) + (v.at(-2) === "A" ? "B" : "A") + v.slice(-1);
  await tampered.addCookies(cookies.map((c) => (c.name === "dojo_session" ? { ...c, value: flip(c.value) } : c)));
  const t = await tampered.newPage();
  await t.goto("/en/workshop");
  await expect(t.getByTestId("not-participant")).toBeVisible();
  note("tampered participant cookie", 200);
  const leadCookies = await lead.context.cookies(appOrigin);
  const forged = await browser.newContext();
  await forged.addCookies(leadCookies.map((c) => (c.name === "dojo.session_token" ? { ...c, value: flip(c.value) } : c)));
  const f = await forged.newPage();
  const forgedPage = await f.goto(`/en/workshops/${id}`);
  expect(forgedPage!.status()).toBe(403);
  note("tampered instructor cookie", 403);

  // 5. An API token from the CLI works without cookies; a made-up one does not.
  const token = /(dojo_pat_\S+)/.exec(cli(["token", "--email", "lead@example.com"]))![1];
  const api = await (await browser.newContext()).request;
  const good = await api.get(`${appOrigin}/api/workshops/${id}/progress`, { headers: { authorization: `Bearer ${token}` } });
  expect(good.status()).toBe(200);
  expect((await good.json()).participants.length).toBeGreaterThanOrEqual(3);
  const bad = await api.get(`${appOrigin}/api/workshops/${id}/progress`, { headers: { authorization: `Bearer ${token.slice(0, -1)}x` } });
  expect(bad.status()).toBe(403);
  note("made-up API token", 403);

  // 6. Join-code guessing (last: it blocks joining from this address for 15 minutes): wrong codes answer 404 until the
  // 61st within 15 minutes, then 429 with Retry-After — even for the right code.
  const guesser = await browser.newContext();
  const g = await guesser.newPage();
  await g.goto("/en/join");
  const statuses: number[] = [];
  for (let i = 0; i < 62; i++) {
    const code = `ZZZ${String(200 + i).replace(/[01]/g, "Z")}`.slice(0, 6);
    statuses.push(await fromPage(g, "POST", "/api/workshops/join", { code: code === created!.code.replace("-", "") ? "ZZZZZZ" : code, displayName: "guess" }));
  }
  statuses.push(await fromPage(g, "POST", "/api/workshops/join", { code: created!.code, displayName: "guess" }));
  for (const s of statuses) note("join-code guessing", s);
  expect(statuses.filter((s) => s === 404).length).toBeGreaterThanOrEqual(55);
  expect(statuses.slice(-2)).toEqual([429, 429]);

  const total = Object.values(tally).reduce((n, byStatus) => n + Object.values(byStatus).reduce((a, b) => a + b, 0), 0);
  for (const [who, byStatus] of Object.entries(tally)) console.log(`  ${who}: ${Object.entries(byStatus).map(([s, n]) => `${n}× ${s === "0" ? "no answer" : s}`).join(", ")}`);
  console.log(`  workshop security: ${total} attempts, 0 succeeded`);
  await Promise.all([participant.context.close(), anonymous.close(), other.context.close(), lead.context.close(), tampered.close(), forged.close(), guesser.close()]);
});
