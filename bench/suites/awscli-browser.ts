// The seed CLI flow typed into the browser terminal (Chromium via Playwright, the production build served as
// `npm start` serves it) side by side with the real AWS CLI against the same server in the same run: AWS CLI v2
// (/usr/bin/aws) and, where it is on PATH, v1 (`aws`), each a Python process per command. Also the browser terminal's
// round trip per command against one `aws` process start (the target of issue 12: the round trip is the faster).
// Usage: npm run bench -- awscli-browser   (AWSCLI_BROWSER_RUNS, default 5 flows per CLI)
//
// What is timed: in the browser, from the Enter key's keydown to the terminal's "finished" state (parse, validate,
// sign, fetch to /aws, print), measured inside the page; typing the line is not timed (it is the test's typing speed,
// not the terminal's). For the AWS CLI, the process from spawn to exit. The sandbox clock is moved by the same API
// call, untimed, before every `wait services-stable`, so each waiter's first poll finds the service steady.
import { execFile } from "node:child_process";
import fs from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { chromium, type Page } from "@playwright/test";
import { startApp } from "../../tests/support/app-server";
import { AWS_CLI_V2, cliEnvironment } from "../../tests/integration/support/aws-cli";
import { fmt, summarize } from "../stats";

const exec = promisify(execFile);

const RUNS = Number(process.env.AWSCLI_BROWSER_RUNS || 5);
const PROCESS_RUNS = 8; // `aws` process starts measured per CLI
const STABLE_SECONDS = 300; // simulated time moved before the waiter, the same for every CLI
const NETWORK = "awsvpcConfiguration={subnets=[subnet-0a1b2c3d],securityGroups=[sg-0a1b2c3d],assignPublicIp=ENABLED}";
const TASK_DEFINITION = JSON.stringify({
  family: "bench-web",
  networkMode: "awsvpc",
  requiresCompatibilities: ["FARGATE"],
  cpu: "256",
  memory: "512",
  containerDefinitions: [{ name: "web", image: "public.ecr.aws/nginx/nginx:1.27", essential: true, portMappings: [{ containerPort: 80 }] }],
});
const STEPS = ["create-cluster", "register-task-definition file://", "create-service shorthand", "wait services-stable", "describe-services --query"];

/** The flow's command lines; `file` is what file:// names (the learner's file area in the browser, a path for aws). */
function flow(cluster: string, file: string): string[] {
  return [
    `aws ecs create-cluster --cluster-name ${cluster}`,
    `aws ecs register-task-definition --cli-input-json file://${file}`,
    `aws ecs create-service --cluster ${cluster} --service-name web --task-definition bench-web --desired-count 1 --launch-type FARGATE --network-configuration "${NETWORK}"`,
    `aws ecs wait services-stable --cluster ${cluster} --services web`,
    `aws ecs describe-services --cluster ${cluster} --services web --query "services[0].[status,runningCount,desiredCount]" --output text`,
  ];
}

/** The words of one of flow()'s lines, for execFile (the only quoted words are whole words). */
function words(line: string): string[] {
  return [...line.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]).slice(1);
}

/** Installed in the page: keydown of Enter starts a clock, the terminal's next finished count stops it. */
const PROBE = `(() => {
  const state = { started: 0, took: [] };
  window.__terminalTimes = state;
  document.addEventListener("keydown", (e) => { if (e.key === "Enter") state.started = performance.now(); }, true);
  const watch = () => {
    const el = document.querySelector('[data-testid="aws-terminal"]');
    if (!el) return setTimeout(watch, 50);
    new MutationObserver(() => { if (state.started) { state.took.push(performance.now() - state.started); state.started = 0; } })
      .observe(el, { attributes: true, attributeFilter: ["data-finished"] });
  };
  watch();
})();`;

async function typeAndRun(page: Page, line: string): Promise<{ ms: number; exitCode: string }> {
  const terminal = page.getByTestId("aws-terminal");
  const before = Number(await terminal.getAttribute("data-finished"));
  await page.keyboard.type(line);
  await page.keyboard.press("Enter");
  await page.waitForFunction((n) => Number(document.querySelector('[data-testid="aws-terminal"]')?.getAttribute("data-finished")) > n, before, { polling: "raf", timeout: 60_000 });
  const ms = await page.evaluate(() => (window as unknown as { __terminalTimes: { took: number[] } }).__terminalTimes.took.at(-1)!);
  return { ms, exitCode: (await terminal.getAttribute("data-exit-code")) ?? "" };
}

/** POST to the site's API as the page does (its CSRF token, its cookie). */
function postAsPage(page: Page, url: string, body: unknown): Promise<unknown> {
  return page.evaluate(
    async ([url, body]) => {
      const csrf = document.querySelector<HTMLMetaElement>('meta[name="dojo-csrf"]')!.content;
      const response = await fetch(url as string, { method: "POST", headers: { "content-type": "application/json", "x-dojo-csrf": csrf }, body: JSON.stringify(body) });
      if (!response.ok) throw new Error(`${url as string}: HTTP ${response.status} ${await response.text()}`);
      return response.json();
    },
    [url, body] as const,
  );
}

async function which(command: string): Promise<string | null> {
  try {
    const { stdout } = await exec(command, ["--version"]);
    return stdout.trim() || "(version on stderr)";
  } catch (error) {
    const failed = error as { stderr?: string };
    return failed.stderr?.trim() ? failed.stderr.trim() : null;
  }
}

export default async function run() {
  const dir = await mkdtemp(path.join(tmpdir(), "dojo-bench-browser-"));
  await writeFile(path.join(dir, "bench-task.json"), TASK_DEFINITION);
  const app = await startApp();
  const executablePath = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => fs.existsSync(p));
  const browser = await chromium.launch({ executablePath, args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--disable-sync"] });
  try {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    await context.addInitScript(PROBE);
    const page = await context.newPage();
    await page.goto(`${app.url}/en/terminal`);
    await page.locator('[data-testid="aws-terminal"][data-state="idle"]').waitFor({ timeout: 60_000 });
    await page.getByTestId("terminal-frame").click();
    // The learner's file area holds the task definition the browser's file:// reads; the same keys sign for aws.
    await postAsPage(page, "/api/terminal/files", { name: "bench-task.json", text: TASK_DEFINITION });
    const keys = (await postAsPage(page, "/api/sandbox/credentials", {})) as { accessKeyId: string; secretAccessKey: string; region: string };
    const advance = () => postAsPage(page, "/api/sandbox/advance", { seconds: STABLE_SECONDS });
    // The first command loads the ECS model into the page: timed apart, then every flow runs warm.
    const cold = await typeAndRun(page, "aws ecs list-clusters --query clusterArns --output text");

    const clis: { label: string; file: string }[] = [];
    const v2 = fs.existsSync(AWS_CLI_V2) ? await which(AWS_CLI_V2) : null;
    if (v2) clis.push({ label: `AWS CLI v2 (${AWS_CLI_V2}, ${v2.split(" ")[0]})`, file: AWS_CLI_V2 });
    const v1 = await which("aws");
    if (v1 && !v1.startsWith("aws-cli/2")) clis.push({ label: `AWS CLI v1 (aws on PATH, ${v1.split(" ")[0]})`, file: "aws" });

    const browserSteps: number[][] = [];
    const cliSteps = new Map<string, number[][]>(clis.map((c) => [c.label, []]));
    for (let i = 0; i < RUNS; i++) {
      const times: number[] = [];
      for (const [index, line] of flow(`bench-browser-${i}`, "bench-task.json").entries()) {
        if (index === 3) await advance();
        const { ms, exitCode } = await typeAndRun(page, line);
        if (exitCode !== "0") throw new Error(`browser terminal: ${line} ended with exit code ${exitCode}`);
        times.push(ms);
      }
      browserSteps.push(times);
      for (const [c, cli] of clis.entries()) {
        const env = { ...cliEnvironment({ endpointUrl: `${app.url}/aws`, accessKeyId: keys.accessKeyId, secretAccessKey: keys.secretAccessKey, region: keys.region, workDir: dir }) };
        const cliTimes: number[] = [];
        let last = "";
        for (const [index, line] of flow(`bench-cli${c}-${i}`, path.join(dir, "bench-task.json")).entries()) {
          if (index === 3) await advance();
          const started = performance.now();
          const { stdout } = await exec(cli.file, [...words(line), "--endpoint-url", `${app.url}/aws`], { env, maxBuffer: 16 * 1024 * 1024 });
          cliTimes.push(performance.now() - started);
          last = stdout;
        }
        if (last.trim() !== "ACTIVE\t1\t1") throw new Error(`${cli.label}: the service did not reach a steady state (${JSON.stringify(last)})`);
        cliSteps.get(cli.label)!.push(cliTimes);
      }
    }
    const screen = await page.getByTestId("terminal-frame").locator(".xterm-rows").innerText();
    if (!/ACTIVE\s+1\s+1/.test(screen)) throw new Error("browser terminal: the last describe-services did not show a steady service");

    const total = (steps: number[][]) => summarize(steps.map((t) => t.reduce((a, b) => a + b, 0)));
    const ours = total(browserSteps);
    console.log(`seed flow (${STEPS.join(" → ")}), ${RUNS} runs each against one production server (npm start), one learner:`);
    console.log(`  browser terminal (Chromium, typed; Enter → finished, measured in the page): median ${fmt(ours.median)}, p95 ${fmt(ours.p95)}`);
    for (const [label, steps] of cliSteps) {
      const theirs = total(steps);
      console.log(`  ${label}, a process per command: median ${fmt(theirs.median)}, p95 ${fmt(theirs.p95)} → the browser terminal is ${(theirs.median / ours.median).toFixed(1)}× faster`);
    }
    console.log("  per step, median (p95):");
    for (const [index, name] of STEPS.entries()) {
      const cells = [`browser ${fmt(summarize(browserSteps.map((t) => t[index])).median)} (${fmt(summarize(browserSteps.map((t) => t[index])).p95)})`];
      for (const [label, steps] of cliSteps) {
        const s = summarize(steps.map((t) => t[index]));
        cells.push(`${label.split(" (")[0]} ${fmt(s.median)} (${fmt(s.p95)})`);
      }
      console.log(`    ${name}: ${cells.join(" | ")}`);
    }
    console.log(`  the page's first command (loads the ECS model): ${fmt(cold.ms)}`);

    // One command's round trip in the browser against one aws process start (a line parsed, nothing sent).
    const roundTrips = summarize(browserSteps.flat());
    const slowest = summarize(browserSteps.map((t) => Math.max(...t)));
    console.log(`  browser terminal round trip per command: median ${fmt(roundTrips.median)}, p95 ${fmt(roundTrips.p95)}; slowest command of a flow: median ${fmt(slowest.median)}`);
    for (const cli of clis) {
      const env = cliEnvironment({ endpointUrl: "", accessKeyId: "AKIDBENCH", secretAccessKey: "secret", region: keys.region, workDir: dir });
      const starts: number[] = [];
      for (let i = 0; i < PROCESS_RUNS + 1; i++) {
        const started = performance.now();
        await exec(cli.file, ["ecs", "list-clusters", "--generate-cli-skeleton"], { env });
        if (i > 0) starts.push(performance.now() - started);
      }
      const start = summarize(starts);
      const met = roundTrips.p95 < start.median;
      console.log(`  ${cli.label} process start (aws ecs list-clusters --generate-cli-skeleton): median ${fmt(start.median)}, p95 ${fmt(start.p95)} → target (browser round trip p95 < one process start): ${met ? "met" : "NOT met"}`);
    }
    await context.close();
  } finally {
    await browser.close();
    await app.stop();
    await rm(dir, { recursive: true, force: true });
  }
}
