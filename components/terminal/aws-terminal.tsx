"use client";

/**
 * The browser terminal: xterm.js drawing, lib/terminal's line editor and built-ins, and lib/aws-cli's interpreter
 * sending signed requests to this site's own /aws endpoint with the learner's sandbox keys (the same keys and the
 * same endpoint as the credentials panel gives the real CLI, so every call lands in the learner's call history).
 * This module is only ever loaded with a dynamic import, when the learner opens a terminal: xterm and the
 * interpreter stay out of the pages' first load.
 */
import "@xterm/xterm/css/xterm.css";
import { FitAddon } from "@xterm/addon-fit";
import { Terminal } from "@xterm/xterm";
import { useCallback, useEffect, useRef, useState } from "react";
import { complete, runAwsLine, type AwsCliEnvironment, type HttpRequest, type HttpResponse } from "@/lib/aws-cli";
import type { Locale } from "@/lib/i18n/locales";
import { terminalText } from "@/lib/i18n/terminal-ui";
import { runBuiltin } from "@/lib/terminal/builtins";
import { areaName } from "@/lib/terminal/file-area";
import { columnsOf, commonPrefix, LineEditor } from "@/lib/terminal/line-editor";
import { monoFontFamily } from "../mono-font";
import { advanceClock, postJson } from "../workspace/api";
import type { SandboxCredentials } from "../workspace/credentials-panel";
import { useSandboxChanges } from "../workspace/sandbox-events";
import { HistorySync, listAreaFiles, loadHistory, readAreaFile } from "./terminal-api";

export interface AwsTerminalProps {
  locale: Locale;
  /**
   * The lesson editor's files by name, for file://NAME (absent on the terminal's own page). They come before the
   * learner's file area: a name in both reads the editor's file.
   */
  files?: Record<string, string>;
}

type State = "starting" | "idle" | "running" | "failed";

/** Where earlier versions kept the history (in this browser only): moved to the server once, then removed. */
const LEGACY_HISTORY_KEY = (accessKeyId: string) => `ecs-dojo:terminal-history:${accessKeyId}`;
const FAST_FORWARD_SECONDS = 30;

/** CLI output uses \n; xterm needs \r\n to return to the first column. */
const crlf = (text: string) => text.replace(/\r?\n/g, "\r\n");

/** Headers a page may not set itself (the browser sends them, with the same values the signature covers). */
const BROWSER_HEADERS = new Set(["host", "content-length", "connection"]);

async function send(request: HttpRequest, signal?: AbortSignal): Promise<HttpResponse> {
  const headers = Object.fromEntries(Object.entries(request.headers).filter(([name]) => !BROWSER_HEADERS.has(name.toLowerCase())));
  const response = await fetch(request.url, { method: request.method, headers, body: request.body, signal, credentials: "omit", cache: "no-store" });
  return { status: response.status, headers: Object.fromEntries(response.headers.entries()), body: await response.text() };
}

function takeLegacyHistory(key: string): string[] {
  try {
    const stored = JSON.parse(window.localStorage.getItem(key) ?? "[]") as unknown;
    window.localStorage.removeItem(key);
    return Array.isArray(stored) ? stored.filter((e): e is string => typeof e === "string") : [];
  } catch {
    return [];
  }
}

export default function AwsTerminal({ locale, files }: AwsTerminalProps) {
  const t = terminalText(locale);
  const host = useRef<HTMLDivElement>(null);
  const filesRef = useRef(files);
  const wakers = useRef(new Set<() => void>());
  const [state, setState] = useState<State>("starting");
  const [exitCode, setExitCode] = useState<number | null>(null);
  // How many lines have finished: what a test (or a screen reader's status) waits on after Enter.
  const [finished, setFinished] = useState(0);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    filesRef.current = files;
  }, [files]);

  // A fast-forward anywhere on the page (this panel's button, the console's) ends a waiter's sleep: the sandbox's
  // time moved, so the next poll may already see the service stable.
  const wake = useCallback(() => {
    for (const waker of [...wakers.current]) waker();
  }, []);
  useSandboxChanges(wake);

  useEffect(() => {
    const element = host.current;
    if (!element) return;
    let disposed = false;
    const term = new Terminal({
      screenReaderMode: true,
      cursorBlink: true,
      convertEol: false,
      fontFamily: monoFontFamily(),
      fontSize: 14,
      scrollback: 5000,
      theme: { background: "#111827", foreground: "#e5e7eb", cursor: "#facc15", selectionBackground: "#3b82f6aa" },
    });
    const fit = new FitAddon();
    term.loadAddon(fit);
    term.open(element);
    term.textarea?.setAttribute("aria-label", t.terminalLabel);
    term.textarea?.setAttribute("aria-describedby", "terminal-keys");
    const refit = () => {
      try {
        fit.fit();
      } catch {
        // Not laid out yet (a closed panel): the next resize fits it.
      }
    };
    refit();
    const editor = new LineEditor([], term.cols);
    const resize = new ResizeObserver(() => refit());
    resize.observe(element);
    term.onResize(({ cols }) => (editor.columns = cols));

    let variables: Record<string, string> = {};
    let managed: Record<string, string> = {};
    const history = new HistorySync(locale, () => (managed.AWS_SECRET_ACCESS_KEY ? [managed.AWS_SECRET_ACCESS_KEY] : []));
    let running: AbortController | null = null;
    let ready = false;
    // Keys and pastes that arrived while busy, each kept whole (an arrow key's sequence, a Tab), replayed in order.
    let pending: string[] = [];
    // While a completion is being worked out, keys wait (as they do while a command runs), so typing on after Tab
    // never races the completion.
    let completing = false;
    let escaped = false;
    const write = (text: string) => term.write(crlf(text));

    const sleep = (ms: number, signal?: AbortSignal) =>
      new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          wakers.current.delete(done);
          signal?.removeEventListener("abort", done);
          resolve();
        };
        const timer = setTimeout(done, ms);
        wakers.current.add(done);
        signal?.addEventListener("abort", done);
      });

    const environment = (): AwsCliEnvironment => ({
      send,
      // The lesson editor's file first, then the learner's file area; a path with folders is in neither.
      readFile: async (path) => {
        const name = path.replace(/^\.\//, "");
        const text = filesRef.current?.[name] ?? (areaName(path) ? await readAreaFile(areaName(path)!, locale) : undefined);
        if (text === undefined) throw new Error(`[Errno 2] No such file or directory: '${path}'`);
        return text;
      },
      env: { ...variables, ...managed },
      sleep,
      terminalWidth: term.cols,
      isTerminal: true,
    });

    const flushPending = () => {
      while (pending.length && !running && !completing && !disposed) onData(pending.shift()!);
    };

    const finish = (code: number) => {
      setExitCode(code);
      setFinished((n) => n + 1);
      setState("idle");
      term.write(editor.prompt());
      flushPending();
    };

    async function run(line: string) {
      if (line.trim() === "help") {
        write(t.help.join("\n") + "\n");
        return finish(0);
      }
      const builtin = runBuiltin(line, variables);
      if (builtin.kind === "clear") {
        term.clear();
        return finish(0);
      }
      if (builtin.kind === "history") {
        write(editor.entries.map((entry, i) => `${String(i + 1).padStart(5)}  ${entry}`).join("\n") + "\n");
        return finish(0);
      }
      if (builtin.kind === "history-clear") {
        editor.forget();
        setState("running");
        try {
          await history.clear();
          write(`${t.historyCleared}\n`);
          return finish(0);
        } catch (e) {
          write(`${t.historyClearFailed(e instanceof Error ? e.message : String(e))}\n`);
          return finish(1);
        }
      }
      if (builtin.kind === "done") {
        variables = builtin.variables;
        write(builtin.stdout + builtin.stderr);
        return finish(builtin.exitCode);
      }
      const controller = new AbortController();
      running = controller;
      setState("running");
      let lastBody: string | undefined;
      const result = await runAwsLine(line, environment(), { signal: controller.signal, onRequest: (request) => (lastBody = request.body) });
      running = null;
      if (disposed) return;
      write(result.stdout);
      if (result.stderr) write(result.stderr);
      if (result.serviceError && locale === "ja") {
        const { explainServiceErrorJa } = await import("@/lib/terminal/explain-ja");
        // Yellow, after AWS's own English text, so the two are told apart at a glance.
        write(`\x1b[33m説明: ${explainServiceErrorJa(result.serviceError, lastBody)}\x1b[0m\n`);
      }
      finish(result.exitCode);
    }

    /** A word that starts with file:// completes to the names file:// can read: the editor's files, then the learner's. */
    async function completeFileName(line: string, cursor: number) {
      const from = Math.max(line.lastIndexOf(" ", cursor - 1), line.lastIndexOf("=", cursor - 1)) + 1;
      const word = line.slice(from, cursor);
      if (!word.startsWith("file://")) return undefined;
      const area = await listAreaFiles(locale).catch(() => [] as string[]);
      const names = [...new Set([...Object.keys(filesRef.current ?? {}), ...area])];
      const typed = word.slice("file://".length).replace(/^\.\//, "");
      return { from, candidates: names.filter((n) => n.startsWith(typed)).sort().map((n) => `file://${n}`) };
    }

    async function completeAt(line: string, cursor: number) {
      completing = true;
      try {
        showCompletion(line, cursor, (await completeFileName(line, cursor)) ?? (await complete(line, cursor)));
      } finally {
        completing = false;
      }
      if (!disposed) flushPending();
    }

    function showCompletion(line: string, cursor: number, { from, candidates }: { from: number; candidates: string[] }) {
      if (disposed || editor.line !== line || editor.cursor !== cursor) return;
      if (candidates.length === 0) return term.write("\x07");
      if (candidates.length === 1) {
        const word = candidates[0];
        return term.write(editor.replace(from, word.endsWith("=") ? word : `${word} `));
      }
      const prefix = commonPrefix(candidates);
      if (prefix.length > cursor - from) return term.write(editor.replace(from, prefix));
      // Nothing more in common: list them below, then the line again, as bash does.
      term.write(`\r\n${columnsOf(candidates, term.cols)}\r\n` + editor.reprint());
    }

    function onData(data: string) {
      if (!ready) return;
      if (running) {
        if (data === "\x03") {
          pending = [];
          running.abort();
          term.write("^C");
        } else {
          pending.push(data);
        }
        return;
      }
      if (completing) {
        pending.push(data);
        return;
      }
      const rest = LineEditor.remainder(data);
      const step = editor.input(data);
      term.write(step.output);
      const action = step.action;
      if (action.kind === "submit") {
        // Kept on the server for this learner (any browser); `history -c` itself is not kept, as in bash.
        if (editor.remember(action.line) && !/^\s*history\s+-c\s*$/.test(action.line)) history.add(action.line);
        if (rest) pending.unshift(rest);
        void run(action.line);
      } else if (action.kind === "interrupt") {
        setExitCode(130);
        term.write(editor.prompt());
      } else if (action.kind === "complete") {
        void completeAt(action.line, action.cursor);
      } else if (action.kind === "clear") {
        term.clear();
      }
    }

    term.attachCustomKeyEventHandler((event) => {
      if (event.type !== "keydown") return true;
      const ctrl = event.ctrlKey || event.metaKey;
      const key = event.key.toLowerCase();
      // Copy: Ctrl+Shift+C always; Ctrl+C (Cmd+C) while text is selected, as most web terminals do.
      if (ctrl && key === "c" && (event.shiftKey || term.hasSelection())) {
        const selection = term.getSelection();
        if (selection) void navigator.clipboard?.writeText(selection);
        event.preventDefault();
        return false;
      }
      // Paste: leave Ctrl+V to the browser, whose paste event xterm reads (it would otherwise send ^V).
      if (ctrl && key === "v") return false;
      // Escape, then Tab: focus leaves the terminal (Tab alone completes).
      if (event.key === "Escape") {
        escaped = true;
        return false;
      }
      if (event.key === "Tab" && escaped) {
        escaped = false;
        return false;
      }
      escaped = false;
      return true;
    });
    const dataListener = term.onData(onData);
    const leaving = () => history.drain();
    window.addEventListener("pagehide", leaving);

    postJson<SandboxCredentials>("/api/sandbox/credentials", {}, locale)
      .then(async (credentials) => {
        // The learner exists once the keys are given (that POST starts them), so their history can be read now.
        const kept = await loadHistory(locale).catch(() => [] as string[]);
        return { credentials, kept };
      })
      .then(
        ({ credentials, kept }) => {
          if (disposed) return;
          managed = {
            AWS_ACCESS_KEY_ID: credentials.accessKeyId,
            AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
            AWS_ENDPOINT_URL: `${window.location.origin}${credentials.endpointPath}`,
          };
          // The Region is the learner's to change (export AWS_DEFAULT_REGION=…), as on their own machine.
          variables = { AWS_DEFAULT_REGION: credentials.region };
          for (const entry of kept) editor.remember(entry);
          // History an earlier version kept in this browser moves to the server once (secrets left out there too).
          for (const entry of takeLegacyHistory(LEGACY_HISTORY_KEY(credentials.accessKeyId))) if (editor.remember(entry)) history.add(entry);
          write(`${t.welcome(credentials.region)}\n`);
          term.write(editor.prompt());
          ready = true;
          setState("idle");
        },
        (e: Error) => {
          if (disposed) return;
          setError(t.credentialsFailed(e.message));
          setState("failed");
        },
      );

    return () => {
      disposed = true;
      history.drain();
      window.removeEventListener("pagehide", leaving);
      running?.abort();
      dataListener.dispose();
      resize.disconnect();
      term.dispose();
    };
    // The terminal is built once per mount; the language of a page does not change while it is open.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  async function fastForward() {
    try {
      await advanceClock(FAST_FORWARD_SECONDS, locale);
      setNotice(t.fastForwarded(FAST_FORWARD_SECONDS));
    } catch (e) {
      setNotice(e instanceof Error ? e.message : String(e));
    }
  }

  return (
    <div className="aws-terminal" data-testid="aws-terminal" data-state={state} data-exit-code={exitCode ?? ""} data-finished={finished}>
      <p className="muted terminal-keys" id="terminal-keys">
        {t.keys}
      </p>
      {error && (
        <p className="banner error" role="alert">
          {error}
        </p>
      )}
      <div ref={host} className="terminal-frame" data-testid="terminal-frame" />
      <div className="terminal-bar">
        <button type="button" onClick={fastForward} data-testid="terminal-fast-forward">
          {t.fastForward}
        </button>
        <span className="visually-hidden" role="status">
          {state === "running" ? t.running : exitCode === null ? "" : t.exitStatus(exitCode)}
        </span>
        {notice && (
          <span className="muted" data-testid="terminal-notice">
            {notice}
          </span>
        )}
      </div>
    </div>
  );
}
