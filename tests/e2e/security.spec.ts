/**
 * The attacks of the issue "Security and capacity", made by a real browser: the victim uses the site at
 * http://127.0.0.1:<port>, and their own browser then visits attacker pages served from
 * - another port of 127.0.0.1: same-site (cookies do not care about ports, so SameSite=Lax sends the session), and
 * - localhost: a different site, so the Lax cookie stays off the attacker's POSTs and subresources.
 * Every attempt is counted; none may change the victim's session cookie, draft or sandbox.
 */
import fs from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { ATTACK_KINDS, attempt, jsonAsTextPlainField, startAttacker, type AttackerSite, type Outcome } from "./attacker";
import { CLIPBOARD, editorText, replaceEditorText, waitForEditor } from "./helpers";

const solution = fs.readFileSync(path.join(import.meta.dirname, "../../lessons/M3-task-definitions/L302/_solution/orders-api.json"), "utf8");
const ATTACKER_TEXT = "ATTACKER-WAS-HERE";
const SESSION_COOKIE = "dojo_session";

let attackers: AttackerSite[] = [];
test.beforeAll(async () => {
  attackers = [await startAttacker("same-site (127.0.0.1, another port)", "127.0.0.1"), await startAttacker("cross-site (localhost)", "localhost")];
});
test.afterAll(async () => {
  await Promise.all(attackers.map((a) => a.close()));
});

async function postAsThePage(page: Page, url: string, body: unknown): Promise<{ status: number; data: Record<string, unknown> }> {
  return page.evaluate(
    async ({ url, body }) => {
      const token = document.querySelector<HTMLMetaElement>('meta[name="dojo-csrf"]')?.content ?? "";
      const response = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", "x-dojo-locale": "en", "x-dojo-csrf": token },
        body: JSON.stringify(body),
      });
      return { status: response.status, data: (await response.json()) as Record<string, unknown> };
    },
    { url, body },
  );
}

interface ConsoleSnapshot {
  clusters: { clusterName: string }[];
  tasks: { taskArn: string; taskDefinitionArn: string; lastStatus: string; desiredStatus: string }[];
}

const consoleOf = (page: Page) =>
  page.evaluate(async () => (await (await fetch("/api/sandbox/console?cluster=dojo", { cache: "no-store" })).json()) as ConsoleSnapshot);

test("CSRF: the victim's browser on attacker pages (same-site and cross-site) changes nothing and keeps its session", async ({ browser, baseURL }) => {
  test.setTimeout(240_000);
  const appOrigin = new URL(baseURL!).origin;
  const context = await browser.newContext({ permissions: CLIPBOARD });
  const victim = await context.newPage();
  const sessionCookie = async () => (await context.cookies(appOrigin)).find((c) => c.name === SESSION_COOKIE);

  await test.step("the site's own flow: the victim's autosave, Check and Run succeed with the page's token", async () => {
    await victim.goto("/en/lessons/L302");
    await waitForEditor(victim);
    const token = await victim.locator('meta[name="dojo-csrf"]').getAttribute("content");
    expect(token).toBeTruthy();
    const autosaved = victim.waitForResponse((r) => r.url() === `${appOrigin}/api/lessons/L302/draft` && r.request().method() === "POST");
    await replaceEditorText(victim, solution);
    const autosave = await autosaved;
    expect(autosave.status()).toBe(200);
    expect(await autosave.request().headerValue("x-dojo-csrf")).toBe(token);
    await expect(victim.getByTestId("save-state")).toHaveAttribute("data-state", "saved");
    const checked = victim.waitForResponse((r) => r.url() === `${appOrigin}/api/lessons/L302/check`);
    await victim.getByTestId("check").click();
    expect((await checked).status()).toBe(200);
    // The Check ran on what the victim typed (completing L302 also needs its other two files and a run).
    await expect(victim.locator('.checks li[data-check="right-sized"]')).toHaveAttribute("data-passed", "true");
    await victim.getByTestId("run").click();
    await victim.getByTestId("run-fast-forward").click();
    await expect(victim.getByTestId("task-status")).toHaveText("RUNNING");
  });

  const cookieBefore = await sessionCookie();
  expect(cookieBefore?.httpOnly).toBe(true);
  expect(cookieBefore?.sameSite).toBe("Lax");
  const consoleBefore = await consoleOf(victim);
  expect(consoleBefore.tasks).toHaveLength(1);
  const victimTask = consoleBefore.tasks[0];
  // The victim's clock, read with their own one-second fast-forward.
  const wallBefore = Date.now();
  const clockBefore = await postAsThePage(victim, "/api/sandbox/advance", { seconds: 1 });
  expect(clockBefore.status).toBe(200);

  // The attacker's requests, each state-changing route with a body that would do damage if it were accepted.
  const attacks: [route: string, body: Record<string, unknown>][] = [
    ["/api/lessons/L302/draft", { file: "orders-api.json", text: ATTACKER_TEXT }],
    ["/api/lessons/L302/check", { files: { "orders-api.json": ATTACKER_TEXT }, answers: {} }],
    ["/api/lessons/L302/run", { action: 0, text: solution.replace('"family": "orders-api"', '"family": "attacker-task"') }],
    // L302 has no prepared sandbox; L303's would add the cluster ec2-lab (and move the clock) to the victim's sandbox.
    ["/api/lessons/L303/exercise", { reset: true }],
    ["/api/sandbox/advance", { seconds: 3600 }],
    ["/api/sandbox/stop", { cluster: "dojo", task: victimTask.taskArn }],
    ["/api/sandbox/stop-all", {}],
    ["/api/sandbox/reset", {}],
    ["/api/sandbox/credentials", {}],
    // The terminal's per-learner data: the file area and the history.
    ["/api/terminal/files", { name: "task-def.json", text: ATTACKER_TEXT }],
    ["/api/terminal/files/delete", { name: "task-def.json" }],
    ["/api/terminal/history", { lines: ["aws ecs delete-cluster --cluster dojo"] }],
    ["/api/terminal/history/clear", {}],
  ];
  const outcomes: Outcome[] = [];
  for (const attacker of attackers) {
    for (const [route, body] of attacks) {
      for (const kind of ATTACK_KINDS) outcomes.push(await attempt(context, appOrigin, attacker, kind, route, body));
    }
  }
  const wallAfter = Date.now();
  const clockAfter = await postAsThePage(victim, "/api/sandbox/advance", { seconds: 1 });
  expect(clockAfter.status).toBe(200);

  const succeeded = outcomes.filter((o) => o.succeeded);
  for (const attacker of attackers) {
    const mine = outcomes.filter((o) => o.attacker === attacker.label);
    const answers = mine.flatMap((o) => o.answers).filter((a) => a.status !== null);
    const counts = new Map<number | null, number>();
    for (const a of answers) counts.set(a.status, (counts.get(a.status) ?? 0) + 1);
    const byStatus = [...counts].map(([status, n]) => `${n}× ${status}`).join(", ");
    const forms = mine.filter((o) => o.kind.startsWith("form")).flatMap((o) => o.answers);
    const blocked = mine.filter((o) => o.answers.every((a) => a.status === null)).length;
    console.log(
      `  ${attacker.label} ${attacker.origin}: ${mine.length} attempts; the app answered ${byStatus}; ` +
        `${forms.filter((a) => a.cookieSent).length} of ${forms.length} form posts carried the victim's cookie; ` +
        `${blocked} JSON fetches stopped by the browser (CORS preflight refused)`,
    );
  }
  console.log(`security (browser): ${outcomes.length} CSRF attempts from ${attackers.length} origins, ${succeeded.length} succeeded`);
  expect(succeeded, JSON.stringify(succeeded, null, 2)).toEqual([]);
  expect(outcomes).toHaveLength(attackers.length * attacks.length * ATTACK_KINDS.length);

  // Same-site form posts carried the cookie (and were refused anyway); cross-site ones did not. (Playwright shows
  // the headers a form navigation really sent; for fetches it shows only the provisional ones.)
  const formAnswers = (site: AttackerSite) => outcomes.filter((o) => o.attacker === site.label && o.kind.startsWith("form")).flatMap((o) => o.answers);
  const formPosts = attacks.length * 2;
  expect(formAnswers(attackers[0]).map((a) => [a.status, a.cookieSent, a.secFetchSite])).toEqual(Array(formPosts).fill([403, true, "same-site"]));
  expect(formAnswers(attackers[1]).map((a) => [a.status, a.cookieSent, a.secFetchSite])).toEqual(Array(formPosts).fill([403, false, "cross-site"]));
  // No answer to the attacker set a cookie, and the victim keeps theirs.
  expect(outcomes.flatMap((o) => o.answers).filter((a) => a.setCookie)).toEqual([]);
  expect((await sessionCookie())?.value).toBe(cookieBefore!.value);

  // The sandbox: no cluster or task of the attacker's, the victim's task still running, the clock not moved.
  const consoleAfter = await consoleOf(victim);
  expect(consoleAfter.clusters.map((c) => c.clusterName)).toEqual(consoleBefore.clusters.map((c) => c.clusterName));
  expect(consoleAfter.tasks.map((t) => t.taskArn)).toEqual([victimTask.taskArn]);
  expect(consoleAfter.tasks[0]).toMatchObject({ desiredStatus: "RUNNING", lastStatus: "RUNNING" });
  const speed = Number(process.env.DOJO_SANDBOX_SPEED ?? 1);
  const moved = Number(clockAfter.data.clock) - Number(clockBefore.data.clock);
  expect(moved).toBeGreaterThanOrEqual(1);
  // The clock runs `speed` times the wall clock; one accepted fast-forward would add 3,600 s on top.
  expect(moved).toBeLessThanOrEqual(((wallAfter - wallBefore) / 1000 + 5) * speed + 1);

  // The draft: the victim's lesson page still shows their text, not the attacker's.
  await victim.reload();
  await waitForEditor(victim);
  await expect.poll(() => editorText(victim)).toContain('"networkMode": "awsvpc"');
  expect(await victim.content()).not.toContain(ATTACKER_TEXT);
  await expect(victim.locator('.checks li[data-check="right-sized"]')).toHaveAttribute("data-passed", "true");
  expect((await sessionCookie())?.value).toBe(cookieBefore!.value);

  // Control: the attacker's text/plain bodies are live ammunition. Sent from the site's own page with its token,
  // the same bytes overwrite the draft and move the clock by an hour, so the checks above would have seen them.
  for (const [route, body] of attacks.filter(([route]) => route.endsWith("/draft") || route.endsWith("/advance"))) {
    const { name, value } = jsonAsTextPlainField(body);
    const status = await victim.evaluate(
      async ({ route, bytes }) => {
        const token = document.querySelector<HTMLMetaElement>('meta[name="dojo-csrf"]')?.content ?? "";
        return (await fetch(route, { method: "POST", headers: { "content-type": "text/plain", "x-dojo-csrf": token }, body: bytes })).status;
      },
      { route, bytes: `${name}=${value}\r\n` },
    );
    expect(status, route).toBe(200);
  }
  const clockControl = await postAsThePage(victim, "/api/sandbox/advance", { seconds: 1 });
  expect(Number(clockControl.data.clock) - Number(clockAfter.data.clock)).toBeGreaterThanOrEqual(3600);
  await victim.reload();
  expect(await victim.content()).toContain(ATTACKER_TEXT);
  await context.close();
});

test("framing: attacker pages (same-site and cross-site) cannot show the lesson page in a frame", async ({ browser, baseURL }) => {
  const appOrigin = new URL(baseURL!).origin;
  const context = await browser.newContext();
  const victim = await context.newPage();
  await victim.goto("/en/lessons/L302");
  const cookie = async () => (await context.cookies(appOrigin)).find((c) => c.name === SESSION_COOKIE)?.value;
  const cookieBefore = await cookie();
  expect(cookieBefore).toBeTruthy();

  const targets = ["/en/lessons/L302", "/en"];
  const elements = ["iframe", "object"] as const;
  let attempts = 0;
  let rendered = 0;
  let setCookies = 0;
  for (const attacker of attackers) {
    for (const target of targets) {
      for (const element of elements) {
        const page = await context.newPage();
        const src = appOrigin + target;
        const html =
          element === "iframe"
            ? `<iframe src="${src}" width="900" height="600" onload="document.body.dataset.loaded = '1'"></iframe>`
            : `<object data="${src}" type="text/html" width="900" height="600"></object>`;
        const answered = page.waitForResponse((r) => r.url() === src);
        await page.goto(attacker.serve(html)); // "load" waits for the frame (or the object) too
        attempts++;
        const response = await answered;
        // The headers as received (allHeaders() waits for raw headers Chromium may never report for a blocked frame).
        const headers = response.headers();
        expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
        expect(headers["x-frame-options"]).toBe("DENY");
        if ("set-cookie" in headers) setCookies++;
        if (element === "iframe") await expect(page.locator("body")).toHaveAttribute("data-loaded", "1");

        // Chromium shows its own error page instead of the site: no frame of the page has the site's document.
        // Polled: Playwright may learn of the frame's commit to the error page a moment after "load" (its URL is "" until then).
        const childFrames = () => page.frames().filter((f) => f !== page.mainFrame());
        if (element === "iframe") await expect.poll(() => childFrames().map((f) => f.url())).toEqual(["chrome-error://chromewebdata/"]);
        const frames = childFrames();
        for (const frame of frames) {
          const ofTheSite = await frame.locator('meta[name="dojo-csrf"], main#main, [data-testid="editor"], .site-header').count();
          const heading = (await frame.locator("h1").allInnerTexts()).join(" ");
          if (frame.url().startsWith(appOrigin) || ofTheSite > 0 || /Task size|ECS Dojo/.test(heading)) rendered++;
        }
        await page.close();
      }
    }
  }
  console.log(
    `security (browser): ${attempts} framing attempts from ${attackers.length} origins, ${rendered} rendered the site` +
      ` (${setCookies} frame loads were answered with a session cookie, which the browser must drop)`,
  );
  expect(attempts).toBe(attackers.length * targets.length * elements.length);
  expect(rendered).toBe(0);
  // A frame cannot replace the victim's session either (SameSite=Lax: no cookie from a cross-site frame's answer).
  expect(await cookie()).toBe(cookieBefore);
  await context.close();
});

test("CSP: the lesson page's editor, workers and credentials panel work under the policy, with no violation", async ({ browser, baseURL }) => {
  const appOrigin = new URL(baseURL!).origin;
  const context = await browser.newContext({ permissions: CLIPBOARD });
  await context.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __cspViolations: string[] }).__cspViolations = seen;
    document.addEventListener("securitypolicyviolation", (e) => seen.push(`${e.violatedDirective} blocked ${e.blockedURI} (${e.sourceFile}:${e.lineNumber})`));
  });
  const page = await context.newPage();
  const consoleProblems: string[] = [];
  page.on("console", (m) => {
    // The site has no favicon; Chromium's automatic request for one is not the page's doing.
    if (m.location().url.endsWith("/favicon.ico")) return;
    if (m.type() === "error" || /Content.Security.Policy|Refused to/i.test(m.text())) consoleProblems.push(`${m.type()}: ${m.text()} (${m.location().url})`);
  });
  page.on("pageerror", (e) => consoleProblems.push(`pageerror: ${e.message}`));
  const workers: string[] = [];
  page.on("worker", (w) => workers.push(w.url()));
  const violations = () => page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations);

  const response = await page.goto("/en/lessons/L302");
  const csp = (await response!.allHeaders())["content-security-policy"];
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(csp).toContain("frame-ancestors 'none'");
  await waitForEditor(page);

  // Type into Monaco: the diagnostics (the validator's; Monaco's own JSON diagnostics are switched off) follow the text.
  const networkMode = page.locator('.problems li.problem[data-rule="FG-NETWORKMODE"]');
  await expect.poll(() => page.locator(".problems li.problem").count()).toBeGreaterThanOrEqual(2);
  await expect(networkMode).toHaveCount(1);
  const autosaved = page.waitForResponse((r) => r.url() === `${appOrigin}/api/lessons/L302/draft` && r.request().method() === "POST");
  // Edits go through the clipboard and the keyboard (a double-click on "bridge" selected the word only sometimes).
  const starter = await editorText(page);
  await replaceEditorText(page, starter.replace('"bridge"', '"awsvpc"'));
  await expect(networkMode).toHaveCount(0);
  await expect.poll(() => editorText(page)).toContain('"networkMode": "awsvpc"');
  await replaceEditorText(page, starter.replace('"bridge"', '"awsvpcx"')); // the diagnostic comes back, then goes with the typo
  await expect(networkMode).toHaveCount(1);
  await replaceEditorText(page, starter.replace('"bridge"', '"awsvpc"'));
  await expect(networkMode).toHaveCount(0);
  // The JSON worker (a bundled file on this origin, worker-src 'self') answers a hover from the schema.
  await page.locator(".monaco-editor .view-lines span", { hasText: "networkMode" }).first().hover();
  await expect(page.locator(".monaco-hover:not(.hidden)")).toContainText("The Docker networking mode");
  expect(workers.some((url) => url.startsWith(appOrigin))).toBe(true);
  // The autosave (with the page's CSRF token) has started the learner, so the sandbox keys exist from here on.
  expect((await autosaved).status()).toBe(200);

  // The page's HTML never carries the secret key: neither the DOM nor the server's HTML for this (now started) learner.
  const dom = await page.content();
  const html = await page.evaluate(async () => (await fetch(location.href, { cache: "no-store" })).text());

  await page.locator("details.credentials > summary", { hasText: "Use the AWS CLI with your sandbox" }).click();
  const credentials = page.getByTestId("credentials");
  await expect(credentials).toContainText("AWS_SECRET_ACCESS_KEY=");
  const lines = (await credentials.innerText()).split("\n");
  expect(lines.map((l) => l.split("=")[0])).toEqual([
    "export AWS_ACCESS_KEY_ID",
    "export AWS_SECRET_ACCESS_KEY",
    "export AWS_DEFAULT_REGION",
    "export AWS_ENDPOINT_URL",
  ]);
  const secret = /^export AWS_SECRET_ACCESS_KEY=(\S+)$/m.exec(lines.join("\n"))?.[1] ?? "";
  expect(secret.length).toBeGreaterThanOrEqual(16);
  expect(lines[3].startsWith(`export AWS_ENDPOINT_URL=${appOrigin}/`)).toBe(true);
  expect(dom).not.toContain(secret);
  expect(html).not.toContain(secret);
  expect(html).toContain('name="dojo-csrf"');

  expect(await violations()).toEqual([]);
  expect(consoleProblems).toEqual([]);
  // Control: the policy is enforced (not report-only) and the listener sees what it blocks, e.g. markup that an
  // injection would add with an inline event handler.
  await page.evaluate(() => document.body.insertAdjacentHTML("beforeend", `<img src="/no-such-image.png" onerror="window.__injected = true">`));
  await expect.poll(violations).toEqual([expect.stringMatching(/^script-src-attr blocked inline/)]);
  expect(await page.evaluate(() => (window as unknown as { __injected?: boolean }).__injected)).toBeUndefined();
  console.log(`security (browser): CSP ${csp.length} chars, ${workers.length} workers started, 0 violations; the secret key reaches the page only through the panel`);
  await context.close();
});

test("cookie tossing: a page on another port plants its own session; the learner's work never lands in it and the session comes back", async ({ browser, baseURL }) => {
  test.setTimeout(120_000);
  const appOrigin = new URL(baseURL!).origin;
  const sameSite = attackers[0];
  const context = await browser.newContext({ permissions: CLIPBOARD });
  const victim = await context.newPage();
  const sessionCookie = async () => (await context.cookies(appOrigin)).find((c) => c.name === SESSION_COOKIE)?.value;

  await victim.goto("/en/lessons/L302");
  await waitForEditor(victim);
  const saved = victim.waitForResponse((r) => r.url() === `${appOrigin}/api/lessons/L302/draft` && r.status() === 200);
  await replaceEditorText(victim, solution.replace("orders-api", "victim-draft"));
  await saved;
  const victimSession = await sessionCookie();

  // The attacker's own genuine session, planted by a page on another port: cookies do not keep ports apart.
  const attackerPage = await fetch(`${appOrigin}/en`);
  const attackerCookie = attackerPage.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`))!.split(";")[0];
  const toss = await context.newPage();
  await toss.route(`${sameSite.origin}/**`, (route) =>
    route.fulfill({ status: 200, contentType: "text/html", headers: { "set-cookie": `${attackerCookie}; Path=/; HttpOnly; SameSite=Lax` }, body: "<p>prize</p>" }),
  );
  await toss.goto(`${sameSite.origin}/prize`);
  await toss.close();
  expect(await sessionCookie()).toBe(attackerCookie.split("=")[1]);

  await victim.goto("/en/lessons/L302");
  await waitForEditor(victim);
  const guard = victim.getByTestId("session-guard");
  await expect(guard).toContainText("This browser's session changed");
  // Typing now saves nothing into the planted profile.
  await replaceEditorText(victim, solution.replace("orders-api", "typed-after-toss"));
  await victim.waitForTimeout(4_000);
  const planted = await (await fetch(`${appOrigin}/en/lessons/L302`, { headers: { cookie: attackerCookie } })).text();
  expect(planted).not.toContain("typed-after-toss");
  expect(planted).not.toContain("victim-draft");

  await guard.getByRole("button", { name: "Restore my earlier session" }).click();
  await expect(guard).toHaveCount(0);
  expect(await sessionCookie()).toBe(victimSession);
  await waitForEditor(victim);
  expect(await editorText(victim)).toContain("victim-draft");
  console.log("security (browser): cookie tossing from another port: planted session detected, 0 writes into it, the learner's session restored");
  await context.close();
});
