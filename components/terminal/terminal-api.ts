/**
 * The terminal's calls to the site for what it keeps per learner on the server: the history (GET, appended in batches,
 * cleared) and the learner's file area (read by file://NAME). Writes go through postJson, so they carry the CSRF token
 * and count against the session's write rate like the lesson routes.
 */
import type { Locale } from "@/lib/i18n/locales";
import { HISTORY_LIMIT, isStorable } from "@/lib/terminal/history";
import { ApiError, getJson, postJson } from "../workspace/api";

export async function loadHistory(locale: Locale): Promise<string[]> {
  const { lines } = await getJson<{ lines: string[] }>("/api/terminal/history", locale);
  return lines;
}

/**
 * Keeps the history on the server in the order lines were entered: lines wait in a queue and go in one request per
 * batch (a paste of ten lines is one write, not ten), one request at a time, so an append never overtakes a clear.
 * Lines with secrets never enter the queue (lib/terminal/history.ts says which).
 */
export class HistorySync {
  private queue: string[] = [];
  private chain: Promise<void> = Promise.resolve();
  private flushing = false;

  constructor(
    private readonly locale: Locale,
    private readonly secrets: () => string[],
  ) {}

  add(line: string): void {
    if (!isStorable(line, this.secrets())) return;
    this.queue.push(line);
    if (this.queue.length > HISTORY_LIMIT) this.queue.splice(0, this.queue.length - HISTORY_LIMIT);
    if (!this.flushing) this.flush();
  }

  /** Clears the server's copy after any append already under way; lines still waiting are dropped. */
  clear(): Promise<void> {
    this.queue = [];
    const cleared = this.chain.then(() => postJson("/api/terminal/history/clear", {}, this.locale).then(() => undefined));
    this.chain = cleared.catch(() => undefined);
    return cleared;
  }

  /** The page is being left: lines still waiting go now, beside any request under way (keepalive outlives the page). */
  drain(): void {
    if (this.queue.length === 0) return;
    const lines = this.queue;
    this.queue = [];
    void postJson("/api/terminal/history", { lines }, this.locale, { keepalive: true }).catch(() => undefined);
  }

  private flush(): void {
    this.flushing = true;
    this.chain = this.chain.then(async () => {
      while (this.queue.length > 0) {
        const lines = this.queue;
        this.queue = [];
        try {
          // keepalive: a reload right after Enter still delivers the line.
          await postJson("/api/terminal/history", { lines }, this.locale, { keepalive: true });
        } catch {
          // Refused (the write rate, a held session) or offline: the lines stay in this visit's history only.
          break;
        }
      }
      this.flushing = false;
    });
  }
}

/** The text of `name` in the learner's file area, or undefined when there is none. */
export async function readAreaFile(name: string, locale: Locale): Promise<string | undefined> {
  try {
    const { text } = await getJson<{ text: string }>(`/api/terminal/files?name=${encodeURIComponent(name)}`, locale);
    return text;
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return undefined;
    throw error;
  }
}

/** The names in the learner's file area (for Tab after file://). */
export async function listAreaFiles(locale: Locale): Promise<string[]> {
  const { files } = await getJson<{ files: { name: string }[] }>("/api/terminal/files", locale);
  return files.map((f) => f.name);
}
