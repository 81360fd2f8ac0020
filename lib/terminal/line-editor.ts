/**
 * The browser terminal's line editor, as readline does it for bash: the line being typed, the cursor in it, the
 * history walked with ↑/↓ (the line being typed is kept while walking), and the escape sequences that redraw the
 * line on screen. Pure: keys in, `{ output, action }` out, so it is tested without a browser and the xterm component
 * stays a thin adapter.
 */

export const PROMPT = "\x1b[1;32m$\x1b[0m ";
export const CONTINUATION_PROMPT = "> ";
const PROMPT_WIDTH = 2;
export const HISTORY_LIMIT = 500;

/** What the component must do after a key besides writing `output`. */
export type EditorAction =
  | { kind: "none" }
  | { kind: "submit"; line: string }
  | { kind: "interrupt" }
  | { kind: "complete"; line: string; cursor: number }
  | { kind: "clear" };

export interface EditorStep {
  output: string;
  action: EditorAction;
}

const NONE: EditorAction = { kind: "none" };

/** Keys as xterm's onData sends them (VT sequences). */
const KEYS: Record<string, string> = {
  "\r": "enter",
  "\x7f": "backspace",
  "\b": "backspace",
  "\x1b[D": "left",
  "\x1bOD": "left",
  "\x1b[C": "right",
  "\x1bOC": "right",
  "\x1b[A": "up",
  "\x1bOA": "up",
  "\x1b[B": "down",
  "\x1bOB": "down",
  "\x1b[H": "home",
  "\x1bOH": "home",
  "\x1b[1~": "home",
  "\x01": "home",
  "\x1b[F": "end",
  "\x1bOF": "end",
  "\x1b[4~": "end",
  "\x05": "end",
  "\x1b[3~": "delete",
  "\x04": "delete",
  "\x15": "kill-before",
  "\x0b": "kill-after",
  "\x17": "kill-word",
  "\x0c": "clear",
  "\x03": "interrupt",
  "\t": "tab",
  "\x1bb": "word-left",
  "\x1b[1;5D": "word-left",
  "\x1bf": "word-right",
  "\x1b[1;5C": "word-right",
};

/** Display width of a character: East Asian wide characters take two columns, as xterm draws them. */
function charWidth(ch: string): number {
  const code = ch.codePointAt(0) ?? 0;
  if (code < 0x1100) return 1;
  return (code <= 0x115f || (code >= 0x2e80 && code <= 0xa4cf) || (code >= 0xac00 && code <= 0xd7a3) || (code >= 0xf900 && code <= 0xfaff) || (code >= 0xfe30 && code <= 0xfe4f) || (code >= 0xff00 && code <= 0xff60) || (code >= 0xffe0 && code <= 0xffe6) || (code >= 0x1f300 && code <= 0x1faff) || (code >= 0x20000 && code <= 0x3fffd)) ? 2 : 1;
}

function width(text: string): number {
  let total = 0;
  for (const ch of text) total += charWidth(ch);
  return total;
}

export class LineEditor {
  /** The line being typed (the part after any continuation lines already entered). */
  line = "";
  cursor = 0;
  /** Lines entered so far that ended with a backslash: the command continues. */
  private continued: string[] = [];
  private history: string[];
  /** Index into history while walking it; history.length means the line being typed. */
  private walk: number;
  private draft = "";
  /** Where the cursor was last drawn, in columns from the start of the prompt (to move back there on redraw). */
  private drawnCursor = PROMPT_WIDTH;

  constructor(
    history: readonly string[] = [],
    public columns = 80,
  ) {
    this.history = history.slice(-HISTORY_LIMIT);
    this.walk = this.history.length;
  }

  get entries(): readonly string[] {
    return this.history;
  }

  /** The prompt for a fresh line (after output, which ends with a newline). */
  prompt(): string {
    this.drawnCursor = PROMPT_WIDTH;
    return this.continued.length ? CONTINUATION_PROMPT : PROMPT;
  }

  /** Handles one chunk from the terminal: a key's sequence, or pasted text (inserted; its newlines submit). */
  input(data: string): EditorStep {
    const key = KEYS[data];
    if (key) return this.key(key);
    if (data.startsWith("\x1b")) return { output: "", action: NONE };
    // Pasted text: printable characters are inserted; a newline submits what came before it. Only the first line is
    // submitted here; the component feeds the rest back once the command has run.
    const text = data.replace(/\r\n?/g, "\n");
    const newline = text.indexOf("\n");
    const printable = (s: string) => s.replace(/\t/g, " ").replace(/[\x00-\x1f\x7f]/g, "");
    if (newline < 0) return this.insert(printable(text));
    const first = this.insert(printable(text.slice(0, newline)));
    const submit = this.key("enter");
    return { output: first.output + submit.output, action: submit.action };
  }

  /** Text pasted after the first newline, which the component feeds back line by line. */
  static remainder(data: string): string {
    const text = data.replace(/\r\n?/g, "\n");
    const newline = text.indexOf("\n");
    return newline < 0 || KEYS[data] ? "" : text.slice(newline + 1);
  }

  /** Replaces line.slice(from, cursor) with `text` (a completion). */
  replace(from: number, text: string): string {
    this.line = this.line.slice(0, from) + text + this.line.slice(this.cursor);
    this.cursor = from + text.length;
    return this.redraw();
  }

  /** Draws the prompt and the line again below something printed (completion candidates). */
  reprint(): string {
    const prompt = this.prompt();
    this.drawnCursor = PROMPT_WIDTH;
    return prompt + this.redrawFromPromptEnd();
  }

  /**
   * Adds a line to the history (not a blank one, nor a repeat of the last), as bash's ignoredups does; answers
   * whether it was added (what the component then keeps on the server).
   */
  remember(line: string): boolean {
    const added = line.trim() !== "" && this.history.at(-1) !== line;
    if (added) this.history.push(line);
    if (this.history.length > HISTORY_LIMIT) this.history.splice(0, this.history.length - HISTORY_LIMIT);
    this.walk = this.history.length;
    this.draft = "";
    return added;
  }

  /** Empties the history (`history -c`). */
  forget(): void {
    this.history = [];
    this.walk = 0;
    this.draft = "";
  }

  private key(key: string): EditorStep {
    switch (key) {
      case "enter": {
        if (endsWithContinuation(this.line)) {
          this.continued.push(this.line);
          this.reset();
          return { output: "\r\n" + this.prompt(), action: NONE };
        }
        const whole = [...this.continued, this.line].join("\n");
        this.continued = [];
        const output = this.moveTo(width(this.line)) + "\r\n";
        this.reset();
        return { output, action: { kind: "submit", line: whole } };
      }
      case "interrupt": {
        const output = this.moveTo(width(this.line)) + "^C\r\n";
        this.continued = [];
        this.reset();
        return { output, action: { kind: "interrupt" } };
      }
      case "backspace":
        if (this.cursor === 0) return { output: "\x07", action: NONE };
        return this.edit(this.line.slice(0, this.cursor - 1) + this.line.slice(this.cursor), this.cursor - 1);
      case "delete":
        if (this.cursor >= this.line.length) return { output: "", action: NONE };
        return this.edit(this.line.slice(0, this.cursor) + this.line.slice(this.cursor + 1), this.cursor);
      case "left":
        return this.edit(this.line, Math.max(0, this.cursor - 1));
      case "right":
        return this.edit(this.line, Math.min(this.line.length, this.cursor + 1));
      case "home":
        return this.edit(this.line, 0);
      case "end":
        return this.edit(this.line, this.line.length);
      case "word-left":
        return this.edit(this.line, wordStart(this.line, this.cursor));
      case "word-right":
        return this.edit(this.line, wordEnd(this.line, this.cursor));
      case "kill-before":
        return this.edit(this.line.slice(this.cursor), 0);
      case "kill-after":
        return this.edit(this.line.slice(0, this.cursor), this.cursor);
      case "kill-word": {
        const start = wordStart(this.line, this.cursor);
        return this.edit(this.line.slice(0, start) + this.line.slice(this.cursor), start);
      }
      case "up":
      case "down": {
        const next = key === "up" ? this.walk - 1 : this.walk + 1;
        if (next < 0 || next > this.history.length) return { output: "\x07", action: NONE };
        if (this.walk === this.history.length) this.draft = this.line;
        this.walk = next;
        const text = next === this.history.length ? this.draft : this.history[next];
        return this.edit(text, text.length);
      }
      case "tab":
        return { output: "", action: { kind: "complete", line: this.line, cursor: this.cursor } };
      case "clear":
        return { output: "", action: { kind: "clear" } };
    }
    return { output: "", action: NONE };
  }

  private insert(text: string): EditorStep {
    if (!text) return { output: "", action: NONE };
    return this.edit(this.line.slice(0, this.cursor) + text + this.line.slice(this.cursor), this.cursor + text.length);
  }

  private edit(line: string, cursor: number): EditorStep {
    this.line = line;
    this.cursor = cursor;
    return { output: this.redraw(), action: NONE };
  }

  private reset(): void {
    this.line = "";
    this.cursor = 0;
    this.walk = this.history.length;
    this.draft = "";
  }

  /** Moves from where the cursor was drawn to column `target` of the line (0 = just after the prompt). */
  private moveTo(target: number): string {
    const to = PROMPT_WIDTH + target;
    const out = this.move(this.drawnCursor, to);
    this.drawnCursor = to;
    return out;
  }

  private move(from: number, to: number): string {
    const cols = Math.max(1, this.columns);
    const rows = Math.floor(to / cols) - Math.floor(from / cols);
    let out = rows > 0 ? `\x1b[${rows}B` : rows < 0 ? `\x1b[${-rows}A` : "";
    out += "\r";
    const column = to % cols;
    if (column > 0) out += `\x1b[${column}C`;
    return out;
  }

  /** Rewrites the line after the prompt and puts the cursor where it belongs; works across wrapped rows. */
  private redraw(): string {
    const back = this.move(this.drawnCursor, PROMPT_WIDTH);
    this.drawnCursor = PROMPT_WIDTH;
    return back + this.redrawFromPromptEnd();
  }

  private redrawFromPromptEnd(): string {
    const cols = Math.max(1, this.columns);
    const end = PROMPT_WIDTH + width(this.line);
    // At the very end of a row xterm holds the cursor on the last column; a space and a backspace move it down.
    let out = "\x1b[J" + this.line + (end % cols === 0 ? " \b" : "");
    out += this.move(end, PROMPT_WIDTH + width(this.line.slice(0, this.cursor)));
    this.drawnCursor = PROMPT_WIDTH + width(this.line.slice(0, this.cursor));
    return out;
  }
}

/** Whether a line ends in an unescaped backslash: bash reads the next line as part of the same command. */
function endsWithContinuation(line: string): boolean {
  const match = /\\+$/.exec(line);
  return Boolean(match && match[0].length % 2 === 1);
}

function wordStart(line: string, cursor: number): number {
  let i = cursor;
  while (i > 0 && line[i - 1] === " ") i--;
  while (i > 0 && line[i - 1] !== " ") i--;
  return i;
}

function wordEnd(line: string, cursor: number): number {
  let i = cursor;
  while (i < line.length && line[i] === " ") i++;
  while (i < line.length && line[i] !== " ") i++;
  return i;
}

/** The longest prefix every candidate shares. */
export function commonPrefix(candidates: readonly string[]): string {
  if (candidates.length === 0) return "";
  let prefix = candidates[0];
  for (const c of candidates) while (!c.startsWith(prefix)) prefix = prefix.slice(0, -1);
  return prefix;
}

/** Candidates laid out in columns across the terminal's width, as bash lists them on a second Tab. */
export function columnsOf(candidates: readonly string[], columns: number): string {
  const cell = Math.max(...candidates.map((c) => c.length)) + 2;
  const perRow = Math.max(1, Math.floor(columns / cell));
  const rows: string[] = [];
  for (let i = 0; i < candidates.length; i += perRow) rows.push(candidates.slice(i, i + perRow).map((c) => c.padEnd(cell)).join("").trimEnd());
  return rows.join("\r\n");
}
