/**
 * Acceptance 1's live grid across two app instances over one PostgreSQL, in a real browser: the instructor watches the
 * room on instance A while the participants join and work on instance B, so every change reaches the grid only through
 * PostgreSQL's LISTEN/NOTIFY (lib/workshop/live.ts) — the path workshops.spec.ts (one instance on SQLite) cannot take.
 * Each change must show within LIVE_MS without a reload (Playwright waits for it and fails if it has not by then).
 * The spec starts its own PostgreSQL and two instances; the suite's shared SQLite app is not used.
 */
import { execFileSync } from "node:child_process";
import path from "node:path";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { freePort, startApp, type AppServer } from "../support/app-server";
import { startPostgres, type PostgresServer } from "../support/postgres";

const ROOT = path.join(import.meta.dirname, "..", "..");
const PASSWORD = "correct horse battery staple";
const LIVE_MS = 2_000;

let pg: PostgresServer | undefined;
let a: AppServer | undefined;
let b: AppServer | undefined;

test.beforeAll(async () => {
  test.setTimeout(300_000);
  pg = startPostgres(await freePort());
  pg.createDatabase("workshops_e2e");
  const databaseUrl = pg.url("workshops_e2e");
  [a, b] = [await startApp({ databaseUrl }), await startApp({ databaseUrl })];
  execFileSync(process.execPath, ["bin/ecs-dojo.mjs", "users", "add", "--role", "instructor", "--email", "pg-lead@example.com", "--password-stdin"], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl, DOJO_FROM_SOURCE: "1" },
    input: `${PASSWORD}\n`,
    encoding: "utf8",
  });
});

test.afterAll(async () => {
  await a?.stop();
  await b?.stop();
  pg?.stop();
});

/** POST /api/lessons/L302/check from the page, with its CSRF token; files not sent are graded as the lesson starts them. */
async function checkFromPage(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const csrf = document.querySelector<HTMLMetaElement>('meta[name="dojo-csrf"]')?.content ?? "";
    const response = await fetch("/api/lessons/L302/check", { method: "POST", headers: { "content-type": "application/json", "x-dojo-csrf": csrf }, body: JSON.stringify({ files: {}, answers: {} }) });
    await response.body?.cancel();
    return response.status;
  });
}

async function join(browser: Browser, base: string, code: string, name: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto(`${base}/en/join`);
  await page.getByTestId("join-code-input").fill(code);
  await page.getByTestId("join-name").fill(name);
  await page.getByTestId("join-submit").click();
  await expect(page).toHaveURL(/\/en\/workshop$/);
  return page;
}

test("two instances over PostgreSQL: joins, Checks, a raised hand and the heat-map made on B reach the grid watched on A within 2 s", async ({ browser }) => {
  test.setTimeout(300_000);
  const teacher = await (await browser.newContext()).newPage();
  await teacher.goto(`${a!.url}/en/sign-in`);
  await teacher.getByTestId("login").fill("pg-lead@example.com");
  await teacher.getByTestId("password").fill(PASSWORD);
  await teacher.getByTestId("sign-in-submit").click();
  await expect(teacher.getByTestId("header-account")).toBeVisible();
  await teacher.goto(`${a!.url}/en/workshops`);
  await teacher.getByTestId("workshop-title").fill("Two instances");
  await teacher.getByTestId("choose-L302").check();
  await teacher.getByTestId("create-workshop").click();
  await expect(teacher).toHaveURL(/\/en\/workshops\/[0-9a-f-]{36}$/);
  const code = (await teacher.getByTestId("join-code").textContent())!.trim();
  await expect(teacher.getByTestId("live")).toHaveAttribute("data-connected", "true");

  // Joins on B appear on A.
  const ann = await join(browser, b!.url, code, "Ann");
  await expect(teacher.getByTestId("row-Ann")).toBeVisible({ timeout: LIVE_MS });
  const ben = await join(browser, b!.url, code, "Ben");
  await expect(teacher.getByTestId("row-Ben")).toBeVisible({ timeout: LIVE_MS });
  await expect(teacher.getByTestId("cell-Ann-L302")).toHaveAttribute("data-status", "not-started");

  // Two failed Checks of the starter on B, sent as the lesson page sends them (the editor itself is workshops.spec's):
  // the cell's count and the heat-map on A follow each.
  await ann.goto(`${b!.url}/en/lessons/L302`);
  for (const n of [1, 2]) {
    expect(await checkFromPage(ann)).toBe(200);
    await expect(teacher.getByTestId("cell-Ann-L302")).toContainText(`(${n})`, { timeout: LIVE_MS });
  }
  await expect(teacher.getByTestId("cell-Ann-L302")).toHaveAttribute("data-status", "working");
  const failing = await teacher.getByTestId("heat-L302").locator("tbody tr").first().getAttribute("data-testid", { timeout: LIVE_MS });
  await expect(teacher.getByTestId(`heat-participants-${failing!.replace("heat-row-", "")}`)).toHaveText("1");

  // A hand raised on B; the instructor's message from A reaches the participant's page on B.
  await ben.getByTestId("raise-hand").click();
  await expect(ben.getByTestId("raise-hand")).toHaveAttribute("aria-pressed", "true");
  await expect(teacher.getByTestId("hand-Ben")).toBeVisible({ timeout: LIVE_MS });
  await teacher.getByTestId("broadcast").locator("input").fill("Across instances");
  await teacher.getByTestId("broadcast").getByRole("button").click();
  await expect(ben.getByTestId("broadcasts")).toContainText("Across instances", { timeout: LIVE_MS });
  await Promise.all([teacher.context().close(), ann.context().close(), ben.context().close()]);
});
