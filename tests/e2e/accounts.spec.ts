/**
 * Accounts in a real browser (issue 17, acceptance 2 and the account half of 3): anonymous work survives sign-up, a
 * second browser that signs in finds it, deleting the account leaves no row of it in any table; CSRF from other
 * origins on every account route, sign-in guessing, session fixation and tampered cookies — every attempt counted.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { createClient, type Client } from "@libsql/client";
import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import { CLIPBOARD, editorText, replaceEditorText, waitForEditor } from "./helpers";
import { attempt, ATTACK_KINDS, startAttacker, type AttackerSite, type Outcome } from "./attacker";

const solution = fs.readFileSync(path.join(import.meta.dirname, "../../lessons/M3-task-definitions/L302/_solution/orders-api.json"), "utf8");
const PASSWORD = "correct horse battery staple";
const ACCOUNT_COOKIE = "dojo.session_token";
const SESSION_COOKIE = "dojo_session";

let database: Client;
test.beforeAll(() => {
  database = createClient({ url: process.env.E2E_DATABASE_URL! });
});
test.afterAll(() => database.close());

const count = async (sql: string, ...args: string[]) => Number((await database.execute({ sql, args })).rows[0].n);

/** Every table that can hold a row about an account, counted for one user (the same tables lib/people/accounts.ts deletes). */
async function rowsOf(userId: string, learnerId: string, accountId: string): Promise<Record<string, number>> {
  return {
    User: await count('SELECT COUNT(*) AS n FROM "User" WHERE "id" = ?', userId),
    AuthSession: await count('SELECT COUNT(*) AS n FROM "AuthSession" WHERE "userId" = ?', userId),
    AuthAccount: await count('SELECT COUNT(*) AS n FROM "AuthAccount" WHERE "userId" = ?', userId),
    AuthVerification: await count('SELECT COUNT(*) AS n FROM "AuthVerification" WHERE "identifier" LIKE ?', `%:${userId}`),
    Learner: await count('SELECT COUNT(*) AS n FROM "Learner" WHERE "id" = ? OR "userId" = ?', learnerId, userId),
    LessonProgress: await count('SELECT COUNT(*) AS n FROM "LessonProgress" WHERE "learnerId" = ?', learnerId),
    LessonFile: await count('SELECT COUNT(*) AS n FROM "LessonFile" WHERE "learnerId" = ?', learnerId),
    Attempt: await count('SELECT COUNT(*) AS n FROM "Attempt" WHERE "learnerId" = ?', learnerId),
    ExamAnswer: await count('SELECT COUNT(*) AS n FROM "ExamAnswer" WHERE "learnerId" = ?', learnerId),
    ExamSet: await count('SELECT COUNT(*) AS n FROM "ExamSet" WHERE "learnerId" = ?', learnerId),
    ExamSetAnswer: await count('SELECT COUNT(*) AS n FROM "ExamSetAnswer" WHERE "setId" IN (SELECT "id" FROM "ExamSet" WHERE "learnerId" = ?)', learnerId),
    ApiCall: await count('SELECT COUNT(*) AS n FROM "ApiCall" WHERE "accountId" = ?', accountId),
    Sandbox: await count('SELECT COUNT(*) AS n FROM "Sandbox" WHERE "accountId" = ?', accountId),
    SandboxDocument: await count('SELECT COUNT(*) AS n FROM "SandboxDocument" WHERE "accountId" = ?', accountId),
  };
}

async function signUp(page: Page, fields: { email?: string; username?: string; password: string }, locale = "en") {
  await page.goto(`/${locale}/sign-up`);
  if (fields.email) await page.getByTestId("email").fill(fields.email);
  if (fields.username) await page.getByTestId("username").fill(fields.username);
  await page.getByTestId("password").fill(fields.password);
  await page.getByTestId("sign-up-submit").click();
}

async function signIn(page: Page, login: string, password: string, locale = "en") {
  await page.goto(`/${locale}/sign-in`);
  await page.getByTestId("login").fill(login);
  await page.getByTestId("password").fill(password);
  await page.getByTestId("sign-in-submit").click();
}

/** Anonymous work on L302: a saved draft, a passed check, a task run in the sandbox; and one exam answer. */
async function doAnonymousWork(page: Page, appOrigin: string) {
  await page.goto("/en/lessons/L302");
  await waitForEditor(page);
  const autosaved = page.waitForResponse((r) => r.url() === `${appOrigin}/api/lessons/L302/draft` && r.request().method() === "POST");
  await replaceEditorText(page, solution);
  expect((await autosaved).status()).toBe(200);
  await expect(page.getByTestId("save-state")).toHaveAttribute("data-state", "saved");
  await page.getByTestId("check").click();
  await expect(page.locator('.checks li[data-check="right-sized"]')).toHaveAttribute("data-passed", "true");
  // And the sandbox: Run starts the task in the learner's own sandbox account.
  await page.getByTestId("run").click();
  await page.getByTestId("run-fast-forward").click();
  await expect(page.getByTestId("task-status")).toHaveText("RUNNING");
  await page.goto("/en/exam/DVA-C02");
  await page.locator("[data-domain] a").first().click();
  const fieldset = page.locator("fieldset.question");
  await fieldset.locator("input").first().check();
  await page.getByTestId("submit-answer").click();
  await expect(page.getByTestId("feedback")).toBeVisible();
}

/** What a learner sees of that work: the draft in the editor, the passed check, the sandbox's task, the exam answer counted. */
async function expectTheWork(page: Page) {
  await page.goto("/en/lessons/L302");
  await waitForEditor(page);
  await expect.poll(async () => (await editorText(page)).includes('"family": "orders-api"')).toBe(true);
  await expect(page.locator('.checks li[data-check="right-sized"]')).toHaveAttribute("data-passed", "true");
  const sandbox = await page.evaluate(async () => (await (await fetch("/api/sandbox/console?cluster=dojo", { cache: "no-store" })).json()) as { tasks: unknown[] });
  expect(sandbox.tasks).toHaveLength(1);
  await page.goto("/en/exam/DVA-C02");
  await expect(page.locator("[data-domain]").first()).toContainText("1 answered");
}

test("anonymous work survives sign-up, a second browser finds it after signing in, and deleting the account removes every row", async ({ browser, baseURL }) => {
  test.setTimeout(240_000);
  const appOrigin = new URL(baseURL!).origin;
  const first = await browser.newContext({ permissions: CLIPBOARD });
  const page = await first.newPage();
  await doAnonymousWork(page, appOrigin);
  const anonymousCookie = (await first.cookies(appOrigin)).find((c) => c.name === SESSION_COOKIE)!.value;

  await signUp(page, { username: "Keiko_ecs", email: "keiko@example.com", password: PASSWORD });
  await expect(page).toHaveURL(/\/en\/account$/);
  await expect(page.getByTestId("header-account")).toHaveText("Keiko_ecs");
  await expect(page.getByTestId("session-guard")).toHaveCount(0);
  const cookies = await first.cookies(appOrigin);
  const account = cookies.find((c) => c.name === ACCOUNT_COOKIE)!;
  expect([account.httpOnly, account.sameSite]).toEqual([true, "Lax"]);
  expect(cookies.find((c) => c.name === SESSION_COOKIE)!.value).not.toBe(anonymousCookie); // replaced at sign-up
  await expectTheWork(page);

  const user = (await database.execute({ sql: 'SELECT "id" FROM "User" WHERE "username" = ?', args: ["keiko_ecs"] })).rows[0];
  const learner = (await database.execute({ sql: 'SELECT "id", "accountId" FROM "Learner" WHERE "userId" = ?', args: [String(user.id)] })).rows[0];
  const [userId, learnerId, accountId] = [String(user.id), String(learner.id), String(learner.accountId)];

  // Another device: nothing there until it signs in, then everything.
  const second = await browser.newContext({ permissions: CLIPBOARD });
  const other = await second.newPage();
  await other.goto("/en/exam/DVA-C02");
  await expect(other.locator("[data-domain]").first()).toContainText("none answered yet");
  await signIn(other, "keiko@example.com", PASSWORD);
  await expect(other).toHaveURL(/\/en$/);
  await expect(other.getByTestId("header-account")).toHaveText("Keiko_ecs");
  await expectTheWork(other);

  // Sign out on the first browser: its work is no longer shown there.
  await page.goto("/en/account");
  await page.getByTestId("sign-out").click();
  await expect(page).toHaveURL(/\/en$/);
  await expect(page.getByTestId("header-sign-in")).toBeVisible();
  await page.goto("/en/exam/DVA-C02");
  await expect(page.locator("[data-domain]").first()).toContainText("none answered yet");

  // Export from the second browser: every table with rows is in the file.
  await other.goto("/en/account");
  const [download] = await Promise.all([other.waitForEvent("download"), other.getByTestId("export").click()]);
  const exported = JSON.parse(fs.readFileSync((await download.path())!, "utf8")) as Record<string, unknown[]>;
  for (const key of ["lessonProgress", "lessonFiles", "attempts", "examAnswers", "apiCalls", "sandboxDocuments"]) expect(exported[key]?.length, key).toBeGreaterThan(0);

  const before = await rowsOf(userId, learnerId, accountId);
  // Cancel first: nothing happens.
  await other.getByTestId("delete-account").click();
  await expect(other.getByTestId("confirm-dialog")).toBeVisible();
  await other.keyboard.press("Escape");
  await expect(other.getByTestId("confirm-dialog")).toHaveCount(0);
  expect((await rowsOf(userId, learnerId, accountId)).User).toBe(1);
  await other.getByTestId("delete-account").click();
  await other.getByTestId("confirm-ok").click();
  await expect(other).toHaveURL(/\/en$/);
  await expect(other.getByTestId("header-sign-in")).toBeVisible();
  const after = await rowsOf(userId, learnerId, accountId);
  console.log(`  rows of the account per table before delete: ${JSON.stringify(before)}`);
  console.log(`  after: ${JSON.stringify(after)} — ${Object.keys(after).length} tables queried, ${Object.values(after).reduce((a, b) => a + b, 0)} rows left`);
  for (const table of ["User", "AuthSession", "AuthAccount", "Learner", "LessonProgress", "LessonFile", "Attempt", "ExamAnswer", "ApiCall", "SandboxDocument"]) {
    expect(before[table], `${table} had rows before`).toBeGreaterThan(0);
  }
  expect(after).toEqual(Object.fromEntries(Object.keys(after).map((k) => [k, 0])));
  await first.close();
  await second.close();
});

test("errors say what to do: name taken, weak password (the rule), wrong password — in both languages", async ({ page }) => {
  await signUp(page, { username: "taken_name", password: PASSWORD });
  await expect(page).toHaveURL(/\/en\/account$/);
  await page.getByTestId("sign-out").click();
  await expect(page.getByTestId("header-sign-in")).toBeVisible();
  await signUp(page, { username: "Taken_Name", password: PASSWORD });
  await expect(page.getByTestId("form-error")).toHaveText("This user name is already taken. Choose another one, or sign in if it is yours.");
  await expect(page.getByTestId("form-error")).toBeFocused();
  await signUp(page, { username: "fresh_name", password: "short" }, "ja");
  await expect(page.getByTestId("form-error")).toContainText("パスワードは 10 文字以上にしてください");
  await signIn(page, "taken_name", "not the password", "ja");
  await expect(page.getByTestId("form-error")).toContainText("パスワードが違います");
  await signIn(page, "taken_name", "not the password");
  await expect(page.getByTestId("form-error")).toContainText("Check both and try again");
});

test("security: CSRF on every account route, sign-in guessing, session fixation, tampered cookies — counted", async ({ browser, baseURL }) => {
  test.setTimeout(300_000);
  const appOrigin = new URL(baseURL!).origin;
  const attackers: AttackerSite[] = [await startAttacker("same-site (127.0.0.1, another port)", "127.0.0.1"), await startAttacker("cross-site (localhost)", "localhost")];
  const context = await browser.newContext();
  const victim = await context.newPage();
  await signUp(victim, { username: "victim_1", email: "victim@example.com", password: PASSWORD });
  await expect(victim).toHaveURL(/\/en\/account$/);
  const accountCookie = async (ctx: BrowserContext) => (await ctx.cookies(appOrigin)).find((c) => c.name === ACCOUNT_COOKIE)?.value;
  const signedInCookie = await accountCookie(context);

  // 1. CSRF: every state-changing account route, from two attacker origins, four ways each.
  const routes: [string, Record<string, unknown>][] = [
    ["/api/account/sign-up", { username: "csrf_made", password: "attacker password 1" }],
    ["/api/account/sign-in", { login: "attacker", password: "attacker password 1" }],
    ["/api/account/sign-out", {}],
    ["/api/account/password", { currentPassword: PASSWORD, newPassword: "attacker password 1" }],
    ["/api/account/delete", {}],
    ["/api/account/link", { token: "x" }],
  ];
  const outcomes: Outcome[] = [];
  for (const attacker of attackers) for (const [route, body] of routes) for (const kind of ATTACK_KINDS) outcomes.push(await attempt(context, appOrigin, attacker, kind, route, body));
  for (const attacker of attackers) {
    const mine = outcomes.filter((o) => o.attacker === attacker.label);
    const statuses = new Map<string, number>();
    for (const a of mine.flatMap((o) => o.answers)) statuses.set(String(a.status ?? "no answer (preflight refused)"), (statuses.get(String(a.status ?? "no answer (preflight refused)")) ?? 0) + 1);
    console.log(`  CSRF ${attacker.label}: ${mine.length} attempts on ${routes.length} routes; answers ${[...statuses].map(([s, n]) => `${n}× ${s}`).join(", ")}; ${mine.filter((o) => o.succeeded).length} succeeded`);
  }
  expect(outcomes.filter((o) => o.succeeded).map((o) => `${o.attacker} ${o.kind} ${o.route}`)).toEqual([]);
  // Direct requests with the victim's cookies but another Origin, or no token: refused too.
  const forged = [
    await victim.request.post("/api/account/delete", { data: {}, headers: { origin: "http://evil.example" } }),
    await victim.request.post("/api/account/password", { data: { currentPassword: PASSWORD, newPassword: "attacker password 1" } }),
    await victim.request.post("/api/account/sign-out", { data: {}, headers: { "sec-fetch-site": "cross-site" } }),
  ].map((r) => r.status());
  console.log(`  CSRF direct: ${forged.length} forged requests answered ${forged.join(", ")}`);
  expect(forged.every((s) => s === 403)).toBe(true);
  expect(await accountCookie(context)).toBe(signedInCookie);
  await victim.goto("/en/account");
  await expect(victim.getByTestId("signed-in-as")).toContainText("victim_1");
  expect(await count('SELECT COUNT(*) AS n FROM "User" WHERE "username" = ?', "csrf_made")).toBe(0);

  // 2. Guessing: the allowance (5 per name in 15 minutes) is used up by wrong passwords; the next is refused.
  const guesser = await browser.newContext();
  const guess = await guesser.newPage();
  const answers: string[] = [];
  for (let i = 1; i <= 6; i++) {
    await signIn(guess, "victim_1", `guess number ${i}!`);
    answers.push((await guess.getByTestId("form-error").textContent()) ?? "");
  }
  console.log(`  guessing: 6 wrong passwords; refused as wrong ${answers.filter((a) => a.includes("wrong")).length}×, refused as too many ${answers.filter((a) => a.includes("Too many")).length}×`);
  expect(answers.slice(0, 5).every((a) => a.includes("is wrong"))).toBe(true);
  expect(answers[5]).toMatch(/^Too many sign-in attempts\. Wait \d+ minutes?, then try again\.$/);
  await signIn(guess, "victim_1", PASSWORD); // even the right password waits
  await expect(guess.getByTestId("form-error")).toContainText("Too many sign-in attempts");
  await guesser.close();

  // 3. Session fixation: cookies planted before sign-in (an anonymous session the attacker holds, an account cookie
  // value they chose) are not the ones after, and the attacker's copies reach nothing of the account.
  const attackerContext = await browser.newContext();
  await (await attackerContext.newPage()).goto("/en");
  const planted = (await attackerContext.cookies(appOrigin)).find((c) => c.name === SESSION_COOKIE)!;
  const fixed = await browser.newContext();
  await fixed.addCookies([
    { ...planted, sameSite: "Lax" },
    { name: ACCOUNT_COOKIE, value: "attacker-chosen-token.c2lnbmF0dXJl", url: appOrigin, httpOnly: true, sameSite: "Lax" },
  ]);
  const fixedPage = await fixed.newPage();
  await signUp(fixedPage, { username: "fixation_2", password: PASSWORD });
  await expect(fixedPage).toHaveURL(/\/en\/account$/);
  const after = await fixed.cookies(appOrigin);
  const fixationChecks = [
    after.find((c) => c.name === SESSION_COOKIE)?.value !== planted.value,
    after.find((c) => c.name === ACCOUNT_COOKIE)?.value !== "attacker-chosen-token.c2lnbmF0dXJl",
  ];
  const attackerPage = await attackerContext.newPage();
  await attackerPage.goto("/en/account");
  fixationChecks.push(/\/en\/sign-in/.test(attackerPage.url()));
  console.log(`  session fixation: ${fixationChecks.length} checks, ${fixationChecks.filter(Boolean).length} held (anonymous cookie replaced, account cookie replaced, attacker's copy not signed in)`);
  expect(fixationChecks).toEqual([true, true, true]);

  // 4. Tampered cookies: a changed account token, a changed signature, a made-up anonymous session — all refused.
  const real = after.find((c) => c.name === ACCOUNT_COOKIE)!;
  const [token, signature] = decodeURIComponent(real.value).split(".");
  const flip = (s: string) => s.slice(0, -2) + (s.at(-2) === "A" ? "B" : "A") + s.at(-1);
  const tamperedValues = [`${flip(token)}.${signature}`, `${token}.${flip(signature)}`, `${token}`, `${token}.${signature}x`];
  const tamperResults: number[] = [];
  for (const value of tamperedValues) {
    const ctx = await browser.newContext();
    await ctx.addCookies([{ name: ACCOUNT_COOKIE, value: encodeURIComponent(value), url: appOrigin, httpOnly: true, sameSite: "Lax" }]);
    const res = await ctx.request.get("/api/account/export");
    tamperResults.push(res.status());
    const p = await ctx.newPage();
    await p.goto("/en/account");
    expect(p.url(), `tampered ${value}`).toMatch(/\/en\/sign-in/);
    await ctx.close();
  }
  const anonymousForged = await browser.newContext();
  await anonymousForged.addCookies([{ name: SESSION_COOKIE, value: "s1." + "A".repeat(43) + ".AAAAAAAAAAAAAAAAAAAAAA", url: appOrigin }]);
  const forgedWrite = await anonymousForged.request.post("/api/account/sign-out", { data: {}, headers: { origin: appOrigin, "x-dojo-csrf": "x" } });
  tamperResults.push(forgedWrite.status());
  await anonymousForged.close();
  console.log(`  tampered cookies: ${tamperResults.length} attempts answered ${tamperResults.join(", ")}`);
  expect(tamperResults).toEqual([401, 401, 401, 401, 401]);
  // The untampered cookie still works.
  expect((await fixed.request.get("/api/account/export")).status()).toBe(200);

  await Promise.all([context.close(), fixed.close(), attackerContext.close(), ...attackers.map((a) => a.close())]);
});

test("ecs-dojo users add: an instructor from a password on stdin, an admin from a one-time link that works once", async ({ browser, baseURL }) => {
  test.setTimeout(180_000);
  const root = path.join(import.meta.dirname, "..", "..");
  const env = { ...process.env, DATABASE_URL: process.env.E2E_DATABASE_URL!, DOJO_FROM_SOURCE: "1" };
  const cli = (args: string[], input?: string) => execFileSync(process.execPath, ["bin/ecs-dojo.mjs", "users", ...args], { cwd: root, env, input, encoding: "utf8" });
  expect(cli(["add", "--role", "instructor", "--email", "teach@example.com", "--username", "Sensei", "--password-stdin"], `${PASSWORD}\n`)).toContain("Created instructor");
  const printed = cli(["add", "--role", "admin", "--email", "admin@example.com", "--url", baseURL!, "--lang", "ja"]);
  const link = /(http\S+\/ja\/sign-in\/link#\S+)/.exec(printed)![1];
  const stored = await database.execute({ sql: 'SELECT "value", "expiresAt" FROM "AuthVerification" WHERE "identifier" LIKE ?', args: ["sign-in-link:%"] });
  expect(stored.rows).toHaveLength(1);
  expect(String(stored.rows[0].value)).not.toContain(link.split("#")[1]); // a hash, not the token

  const teacher = await browser.newContext();
  const t = await teacher.newPage();
  await signIn(t, "sensei", PASSWORD);
  await expect(t).toHaveURL(/\/en$/);
  await t.goto("/en/account");
  await expect(t.getByTestId("role")).toHaveText("Instructor");

  const admin = await browser.newContext();
  const a = await admin.newPage();
  await a.goto(link);
  await a.getByTestId("link-sign-in").click();
  await expect(a).toHaveURL(/\/ja\/account$/);
  await expect(a.getByTestId("role")).toHaveText("管理者");
  await expect(a.getByTestId("current-password")).toHaveCount(0); // no password yet: the form sets the first one
  await a.getByTestId("new-password").fill(PASSWORD);
  await a.getByTestId("password-form-submit").click();
  await expect(a.getByTestId("password-status")).toContainText("パスワードを設定しました");
  const again = await browser.newContext();
  const g = await again.newPage();
  await g.goto(link);
  await g.getByTestId("link-sign-in").click();
  await expect(g.getByTestId("form-error")).toContainText("既に使用されています");
  await Promise.all([teacher.close(), admin.close(), again.close()]);
});
