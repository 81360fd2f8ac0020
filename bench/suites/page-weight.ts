// Page weight of the lesson page, as the browser receives it (compressed bytes), with and without Monaco; then what
// opening the browser terminal adds (xterm, the AWS CLI interpreter, the ECS model it loads for the first command).
import fs from "node:fs";
import { chromium } from "@playwright/test";
import { startApp } from "../../tests/support/app-server";

const MONACO_MARKERS = ["monaco-editor", "vs/editor/", "editor.worker", "json.worker"];
// Strings only xterm's and the interpreter's code carry: none may be in the page before the terminal is opened.
const TERMINAL_MARKERS = ["xterm-helper-textarea", "ECS Dojo interpreter"];

export default async function run() {
  const app = await startApp();
  const executablePath = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => fs.existsSync(p));
  const browser = await chromium.launch({
    executablePath,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  try {
    const page = await browser.newPage();
    const responses: { url: string; type: string; bytes: number; monaco: boolean; terminal: boolean }[] = [];
    page.on("requestfinished", async (request) => {
      const response = await request.response();
      if (!response) return;
      const sizes = await request.sizes();
      const body = request.resourceType() === "script" ? (await response.body().catch(() => Buffer.alloc(0))).toString("latin1") : "";
      responses.push({
        url: request.url(),
        type: request.resourceType(),
        bytes: sizes.responseBodySize + sizes.responseHeadersSize,
        monaco: MONACO_MARKERS.some((m) => request.url().includes(m) || body.includes(m)),
        terminal: TERMINAL_MARKERS.some((m) => body.includes(m)),
      });
    });
    await page.goto(`${app.url}/en/lessons/L302`);
    await page.locator(".monaco-editor .view-lines").waitFor();
    await page.waitForLoadState("networkidle");
    const kib = (n: number) => `${(n / 1024).toFixed(0)} KiB`;
    const total = responses.reduce((a, r) => a + r.bytes, 0);
    const monaco = responses.filter((r) => r.monaco).reduce((a, r) => a + r.bytes, 0);
    const byType = new Map<string, number>();
    for (const r of responses) byType.set(r.type, (byType.get(r.type) ?? 0) + r.bytes);
    console.log(`requests: ${responses.length}`);
    console.log(`lesson page without Monaco: ${kib(total - monaco)}`);
    console.log(`lesson page with Monaco (editor loaded): ${kib(total)} (Monaco ${kib(monaco)})`);
    console.log(`by type: ${[...byType].map(([t, b]) => `${t} ${kib(b)}`).join(", ")}`);
    console.log(`terminal code in the first load: ${kib(responses.filter((r) => r.terminal).reduce((a, r) => a + r.bytes, 0))} (must be 0)`);

    // Open the terminal and run one command (which loads the ECS model): everything that arrives is the terminal's.
    const before = responses.length;
    await page.getByTestId("terminal-panel").locator("summary").click();
    const terminal = page.getByTestId("aws-terminal");
    await terminal.and(page.locator('[data-state="idle"]')).waitFor();
    await page.getByTestId("terminal-frame").click();
    await page.keyboard.type("aws ecs list-clusters");
    await page.keyboard.press("Enter");
    await terminal.and(page.locator('[data-finished="1"]')).waitFor();
    await page.waitForLoadState("networkidle");
    const added = responses.slice(before).filter((r) => !r.url.includes("/aws") && !r.url.includes("/api/"));
    console.log(`opening the terminal (and its first ecs command) adds: ${kib(added.reduce((a, r) => a + r.bytes, 0))} in ${added.length} files (limit 250 KiB)`);
  } finally {
    await browser.close();
    await app.stop();
  }
}
