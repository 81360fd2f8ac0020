// The lesson page as a learner's Chromium receives it, from a production build served as `npm start` serves it:
// time from navigation to the first validator marker — the server's preview of the file, then Monaco's (cold: a fresh
// browser context with an empty cache; warm: the same page loaded again in that context), and the bytes on the wire by kind; then what opening the
// browser terminal adds to that page (xterm, the AWS CLI interpreter, the ECS model its first command loads), which
// must be none of the page's first load and at most 250 KiB compressed (issue 12).
// Usage: npm run bench -- page-weight   (PAGE_WEIGHT_RUNS, default 9 cold + 9 warm; PAGE_WEIGHT_LESSON, default L302;
// PAGE_WEIGHT_LOCALE, default en; PAGE_WEIGHT_LABEL, a name for the build; PAGE_WEIGHT_VERBOSE=1 lists every request; PAGE_WEIGHT_SAMPLES=file appends each
// load's figures to that file as JSON lines, to compare builds measured in turns on a busy machine; PAGE_WEIGHT_TRACES,
// default 3: cold loads traced after the measured ones, for where the main thread's time goes up to the first marker)
import fs from "node:fs";
import { chromium, type Browser, type Page } from "@playwright/test";
import { startApp } from "../../tests/support/app-server";
import { summarize } from "../stats";
import { KINDS, OTHER, TRACE_CATEGORIES, mainThreadByKind } from "../main-thread";

const RUNS = Number(process.env.PAGE_WEIGHT_RUNS || 9);
const LESSON = process.env.PAGE_WEIGHT_LESSON || "L302";
const LOCALE = process.env.PAGE_WEIGHT_LOCALE || "en";
const VERBOSE = process.env.PAGE_WEIGHT_VERBOSE === "1";
const SAMPLES = process.env.PAGE_WEIGHT_SAMPLES;
const TRACES = Number(process.env.PAGE_WEIGHT_TRACES ?? 3);
/** The performance.mark() the probe sets when the first marker is drawn: where a traced load's attribution ends. */
const MARKER_MARK = "dojo-first-marker";

/**
 * Code that is Monaco's and nobody else's: a script is the editor's when its URL or body carries one of these (its
 * module paths, its NLS table, its workers). Everything else the page loads is "before the editor".
 */
const EDITOR_MARKERS = ["vs/editor/", "_VSCODE_NLS_MESSAGES", "monaco-editor", "editor.worker", "json.worker", "StandaloneCodeEditor"];

/**
 * Installed before any of the page's scripts: notes, in ms since navigation start, when the server's preview of the file
 * first shows a validator mark (the frame after it is in the document), when the editor first shows text and when its
 * first marker squiggle (the validator's: Monaco's own JSON diagnostics are off) is drawn.
 */
const PROBE = `(() => {
  const seen = {};
  window.__dojoTimes = seen;
  let previewSeen = false;
  const check = () => {
    if (!previewSeen && document.querySelector(".editor-preview .preview-mark")) {
      previewSeen = true;
      requestAnimationFrame(() => setTimeout(() => (seen.preview = performance.now())));
    }
    if (seen.editor === undefined && document.querySelector(".monaco-editor .view-line")) seen.editor = performance.now();
    if (seen.marker === undefined && document.querySelector(".monaco-editor [class*='squiggly-']")) {
      seen.marker = performance.now();
      performance.mark("${MARKER_MARK}");
    }
    if (seen.editor !== undefined && seen.marker !== undefined) observer.disconnect();
  };
  const observer = new MutationObserver(check);
  observer.observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ["class"] });
})();`;

/** Strings only xterm's and the interpreter's code carry: none may be in the lesson page before the terminal is opened. */
const TERMINAL_MARKERS = ["xterm-helper-textarea", "ECS Dojo interpreter"];
const TERMINAL_LIMIT_BYTES = 250 * 1024;

type Kind = "js" | "css" | "font" | "other";

interface Transfer {
  url: string;
  kind: Kind;
  /** Bytes over the wire (compressed body and headers); 0 when served from the cache. */
  bytes: number;
  /** When the request was sent and when its last byte arrived, in ms since the navigation started. */
  sentMs: number;
  doneMs: number;
  editor: boolean;
}

interface Load {
  /** The first validator mark of the server-drawn preview, on screen (undefined: the page drew none). */
  previewMs?: number;
  markerMs: number;
  editorMs: number;
  /**
   * Main-thread time spent running tasks (and, within them, script) up to the first marker: less at the mercy of
   * other processes on a busy machine than the wall time, so it compares builds measured at different loads better.
   */
  taskMs: number;
  scriptMs: number;
  layoutMs: number;
  styleMs: number;
  transfers: Transfer[];
}

function kindOf(type: string, mime: string, url: string): Kind {
  if (type === "Script" || /javascript/.test(mime) || /\.m?js(\?|$)/.test(url)) return "js";
  if (type === "Stylesheet" || /text\/css/.test(mime)) return "css";
  if (type === "Font" || /font\//.test(mime) || /\.woff2?(\?|$)/.test(url)) return "font";
  return "other";
}

/** Loads the lesson in `page` and waits for the first marker and a quiet network; what moved and when. */
async function load(page: Page, url: string): Promise<Load> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Performance.enable");
  const requests = new Map<string, { url: string; type: string; mime: string }>();
  const finished: { id: string; bytes: number; at: number }[] = [];
  const sent = new Map<string, number>();
  cdp.on("Network.requestWillBeSent", (e) => sent.set(e.requestId, e.timestamp));
  cdp.on("Network.responseReceived", (e) => requests.set(e.requestId, { url: e.response.url, type: e.type, mime: e.response.mimeType }));
  cdp.on("Network.loadingFinished", (e) => finished.push({ id: e.requestId, bytes: e.encodedDataLength, at: e.timestamp }));
  await page.goto(url);
  await page.waitForFunction(() => (window as unknown as { __dojoTimes: { marker?: number } }).__dojoTimes.marker !== undefined, null, {
    timeout: 60_000,
    polling: 50,
  });
  const { metrics } = await cdp.send("Performance.getMetrics");
  const metric = (name: string) => (metrics.find((m) => m.name === name)?.value ?? 0) * 1000;
  await page.waitForLoadState("networkidle");
  const times = await page.evaluate(() => (window as unknown as { __dojoTimes: { preview?: number; marker: number; editor: number } }).__dojoTimes);
  // CDP's timestamps are seconds on a monotonic clock; the document's request is the navigation's start.
  const start = Math.min(...sent.values());
  const transfers: Transfer[] = [];
  for (const f of finished) {
    const r = requests.get(f.id);
    if (!r) continue;
    const kind = kindOf(r.type, r.mime, r.url);
    let editor = EDITOR_MARKERS.some((m) => r.url.includes(m));
    if (!editor && kind === "js") {
      const body = await cdp.send("Network.getResponseBody", { requestId: f.id }).catch(() => ({ body: "", base64Encoded: false }));
      const text = body.base64Encoded ? Buffer.from(body.body, "base64").toString("latin1") : body.body;
      editor = EDITOR_MARKERS.some((m) => text.includes(m));
    }
    transfers.push({ url: r.url, kind, bytes: f.bytes, editor, sentMs: ((sent.get(f.id) ?? start) - start) * 1000, doneMs: (f.at - start) * 1000 });
  }
  await cdp.detach();
  return {
    previewMs: times.preview,
    markerMs: times.marker,
    editorMs: times.editor,
    taskMs: metric("TaskDuration"),
    scriptMs: metric("ScriptDuration"),
    layoutMs: metric("LayoutDuration"),
    styleMs: metric("RecalcStyleDuration"),
    transfers,
  };
}

const kib = (n: number) => `${(n / 1024).toFixed(0)} KiB`;
const ms = (n: number) => `${n.toFixed(0)} ms`;
const sum = (ts: Transfer[]) => ts.reduce((a, t) => a + t.bytes, 0);

function weights(l: Load) {
  const js = l.transfers.filter((t) => t.kind === "js");
  return {
    requests: l.transfers.length,
    total: sum(l.transfers),
    jsBeforeEditor: sum(js.filter((t) => !t.editor)),
    jsWithEditor: sum(js),
    largestChunk: Math.max(0, ...js.map((t) => t.bytes)),
    css: sum(l.transfers.filter((t) => t.kind === "css")),
    font: sum(l.transfers.filter((t) => t.kind === "font")),
    other: sum(l.transfers.filter((t) => t.kind === "other")),
  };
}

function row(label: string, values: number[], format: (n: number) => string) {
  const s = summarize(values);
  return `| ${label} | ${format(s.median)} | ${format(s.p95)} |`;
}

/**
 * Loads the lesson in a fresh context, then opens its terminal and runs one ecs command: the compressed bytes of every
 * file that arrived from the opening on (the site's own API and /aws calls left out: they are data, not weight), and
 * whether any file of the first load already carried terminal code.
 */
async function terminalWeight(browser: Browser, url: string) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  const urls = new Map<string, string>();
  const files: { id: string; url: string; bytes: number }[] = [];
  cdp.on("Network.responseReceived", (e) => urls.set(e.requestId, e.response.url));
  cdp.on("Network.loadingFinished", (e) => files.push({ id: e.requestId, url: urls.get(e.requestId) ?? "", bytes: e.encodedDataLength }));
  await page.goto(url);
  await page.locator(".monaco-editor .view-line").first().waitFor({ timeout: 60_000 });
  await page.waitForLoadState("networkidle");
  const firstLoad = [...files];
  let terminalInFirstLoad = 0;
  for (const f of firstLoad) {
    const body = await cdp.send("Network.getResponseBody", { requestId: f.id }).catch(() => ({ body: "", base64Encoded: false }));
    const text = body.base64Encoded ? Buffer.from(body.body, "base64").toString("latin1") : body.body;
    if (TERMINAL_MARKERS.some((m) => text.includes(m))) terminalInFirstLoad += f.bytes;
  }
  await page.getByTestId("terminal-panel").locator("summary").click();
  await page.locator('[data-testid="aws-terminal"][data-state="idle"]').waitFor({ timeout: 60_000 });
  await page.getByTestId("terminal-frame").click();
  await page.keyboard.type("aws ecs list-clusters");
  await page.keyboard.press("Enter");
  await page.locator('[data-testid="aws-terminal"][data-finished="1"]').waitFor({ timeout: 60_000 });
  await page.waitForLoadState("networkidle");
  const added = files.slice(firstLoad.length).filter((f) => !new URL(f.url || "http://x/").pathname.match(/^\/(aws|api)(\/|$)/));
  await cdp.detach();
  await context.close();
  return { terminalInFirstLoad, added, addedBytes: added.reduce((a, f) => a + f.bytes, 0) };
}

/** One cold load traced: the main thread's self time by kind, from navigation to the first marker. */
async function tracedLoad(browser: Browser, url: string): Promise<Record<string, number>> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  await context.addInitScript(PROBE);
  const page = await context.newPage();
  await browser.startTracing(page, { categories: TRACE_CATEGORIES });
  await page.goto(url);
  await page.waitForFunction(() => (window as unknown as { __dojoTimes: { marker?: number } }).__dojoTimes.marker !== undefined, null, {
    timeout: 60_000,
    polling: 50,
  });
  const trace = await browser.stopTracing();
  await context.close();
  return mainThreadByKind(trace.toString("utf8"), MARKER_MARK);
}

export default async function run() {
  const app = await startApp();
  const executablePath = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => fs.existsSync(p));
  const browser: Browser = await chromium.launch({
    executablePath,
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  const url = `${app.url}/${LOCALE}/lessons/${LESSON}`;
  const cold: Load[] = [];
  const warm: Load[] = [];
  const traced: Record<string, number>[] = [];
  let terminal: Awaited<ReturnType<typeof terminalWeight>> | undefined;
  try {
    // One unmeasured load: the server's first render of a lesson compiles its MDX and warms its caches.
    for (let i = 0; i <= RUNS; i++) {
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
      await context.addInitScript(PROBE);
      const page = await context.newPage();
      const first = await load(page, url);
      const again = await load(page, url);
      if (i > 0) {
        cold.push(first);
        warm.push(again);
      }
      await context.close();
    }
    // Traced apart from the measured loads: tracing slows the page down.
    for (let i = 0; i < TRACES; i++) traced.push(await tracedLoad(browser, url));
    terminal = await terminalWeight(browser, url);
  } finally {
    await browser.close();
    await app.stop();
  }
  if (SAMPLES) {
    const lines = [...cold.map((l) => ({ cache: "cold", l })), ...warm.map((l) => ({ cache: "warm", l }))].map(({ cache, l }) =>
      JSON.stringify({ label: process.env.PAGE_WEIGHT_LABEL ?? "", locale: LOCALE, lesson: LESSON, cache, previewMs: l.previewMs, markerMs: l.markerMs, editorMs: l.editorMs, taskMs: l.taskMs, scriptMs: l.scriptMs, layoutMs: l.layoutMs, styleMs: l.styleMs, ...weights(l) }),
    );
    fs.appendFileSync(SAMPLES, lines.join("\n") + "\n");
  }
  const coldWeights = cold.map(weights);
  const warmWeights = warm.map(weights);
  console.log(`${LOCALE}/lessons/${LESSON} at 1440×900, ${RUNS} cold loads (fresh context, empty cache) and ${RUNS} warm (same context, again)\n`);
  console.log("| measure | median | p95 |");
  console.log("|---|---|---|");
  const previewRow = (label: string, loads: Load[]) => {
    const drawn = loads.flatMap((l) => (l.previewMs === undefined ? [] : [l.previewMs]));
    return drawn.length === loads.length ? row(label, drawn, ms) : `| ${label} | not drawn in ${loads.length - drawn.length} of ${loads.length} loads | |`;
  };
  console.log(previewRow("cold: navigation → first validator marker (server's preview)", cold));
  console.log(row("cold: navigation → first validator marker in the editor", cold.map((l) => l.markerMs), ms));
  console.log(row("cold: navigation → editor text shown", cold.map((l) => l.editorMs), ms));
  console.log(row("cold: main-thread task time to the marker", cold.map((l) => l.taskMs), ms));
  console.log(row("cold: of which script", cold.map((l) => l.scriptMs), ms));
  console.log(row("cold: of which layout", cold.map((l) => l.layoutMs), ms));
  console.log(row("cold: of which style recalculation", cold.map((l) => l.styleMs), ms));
  console.log(previewRow("warm: navigation → first validator marker (server's preview)", warm));
  console.log(row("warm: navigation → first validator marker in the editor", warm.map((l) => l.markerMs), ms));
  console.log(row("warm: navigation → editor text shown", warm.map((l) => l.editorMs), ms));
  const bytes: [string, keyof ReturnType<typeof weights>][] = [
    ["JS before the editor", "jsBeforeEditor"],
    ["JS with the editor", "jsWithEditor"],
    ["largest JS chunk", "largestChunk"],
    ["CSS", "css"],
    ["fonts", "font"],
    ["other (document, data, workers' non-JS)", "other"],
    ["total", "total"],
  ];
  for (const [label, key] of bytes) console.log(row(`cold: ${label}`, coldWeights.map((w) => w[key]), kib));
  console.log(row("cold: requests", coldWeights.map((w) => w.requests), String));
  console.log(row("warm: bytes over the wire", warmWeights.map((w) => w.total), kib));
  console.log(row("warm: requests", warmWeights.map((w) => w.requests), String));
  console.log("\ntargets: first marker under 1.5 s cold; JS before the editor under 700 KiB compressed");
  if (traced.length) {
    // Chromium's metrics above count V8's compiling as neither script nor anything else; a trace tells them apart.
    console.log(`\nmain thread from navigation to the first marker, by kind (self time; ${traced.length} traced cold loads, slower than untraced):\n`);
    console.log("| kind | median | p95 |");
    console.log("|---|---|---|");
    for (const label of [...KINDS.map(([kind]) => kind), OTHER]) console.log(row(label, traced.map((t) => t[label]), ms));
    console.log(row("total", traced.map((t) => Object.values(t).reduce((a, b) => a + b, 0)), ms));
  }
  if (terminal) {
    const within = terminal.addedBytes <= TERMINAL_LIMIT_BYTES && terminal.terminalInFirstLoad === 0;
    console.log(`\nterminal: code in the lesson page's first load ${kib(terminal.terminalInFirstLoad)} (must be 0)`);
    console.log(`terminal: opening it and running its first command (aws ecs list-clusters) adds ${kib(terminal.addedBytes)} compressed in ${terminal.added.length} files (limit ${kib(TERMINAL_LIMIT_BYTES)}): ${within ? "within" : "OVER"}`);
    if (VERBOSE) for (const f of terminal.added) console.log(`  ${kib(f.bytes).padStart(9)} ${f.url.replace(app.url, "").slice(0, 100)}`);
  }
  if (VERBOSE) {
    const last = cold.at(-1);
    console.log(`\nrequests of the last cold load (sent → done, ms after navigation; marker at ${last?.markerMs.toFixed(0)} ms):`);
    for (const t of last?.transfers ?? []) {
      const when = `${t.sentMs.toFixed(0).padStart(5)} → ${t.doneMs.toFixed(0).padStart(5)}`;
      console.log(`  ${when} ${t.kind.padEnd(5)} ${kib(t.bytes).padStart(9)} ${t.editor ? "editor" : "      "} ${t.url.replace(app.url, "").slice(0, 90)}`);
    }
  }
}
