/**
 * `--output yaml` as AWS CLI v2 writes it: ruamel.yaml's safe dumper with libyaml's emitter (block style, keys sorted,
 * YAML 1.2 resolution deciding which strings need quotes, lines folded past column 80). This is an emitter of the
 * same rules for the JSON-shaped values the CLI prints, not a general YAML library.
 */
import { dumpsPyJson, floatRepr, isDict, PyFloat } from "../python-values";

const BEST_WIDTH = 80; // libyaml's default line width (yaml_emitter_set_width is not called by the CLI)
const INDENT = 2; // libyaml's default indentation
const MAX_SIMPLE_KEY = 128; // libyaml writes longer keys as "? key"

// YAML 1.2 implicit types of ruamel's VersionedResolver: a plain scalar matching one is not a string.
const IMPLICIT = [
  /^(?:true|True|TRUE|false|False|FALSE)$/,
  /^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+]?[0-9]+)?|[-+]?(?:[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)|\.[0-9_]+(?:[eE][-+][0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/,
  /^(?:[-+]?0b[0-1_]+|[-+]?0o?[0-7_]+|[-+]?[0-9_]+|[-+]?0x[0-9a-fA-F_]+)$/,
  /^(?:<<)$/,
  /^(?:~|null|Null|NULL|)$/,
  /^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$/,
  /^(?:=)$/,
  /^(?:!|&|\*)$/,
];

function resolvesToString(text: string): boolean {
  return !IMPLICIT.some((pattern) => pattern.test(text));
}

const isSpace = (c: string | undefined) => c === " ";
const isBreak = (c: string | undefined) => c === "\r" || c === "\n" || c === "\x85" || c === "\u2028" || c === "\u2029";
const isBlankOrEnd = (c: string | undefined) => c === undefined || c === "\0" || c === " " || c === "\t" || isBreak(c);

/** libyaml's IS_PRINTABLE for one code point. */
function isPrintable(code: number): boolean {
  if (code === 0x0a) return true;
  if (code >= 0x20 && code <= 0x7e) return true;
  if (code >= 0xa0 && code <= 0xd7ff) return true;
  if (code >= 0xe000 && code <= 0xfffd && code !== 0xfeff) return true;
  return false;
}

interface Analysis {
  multiline: boolean;
  blockPlain: boolean;
  singleQuoted: boolean;
}

function analyze(text: string): Analysis {
  const chars = Array.from(text);
  if (chars.length === 0) return { multiline: false, blockPlain: true, singleQuoted: true };
  let blockIndicators = false;
  let lineBreaks = false;
  let special = false;
  let leadingSpace = false;
  let leadingBreak = false;
  let trailingSpace = false;
  let trailingBreak = false;
  let breakSpace = false;
  let spaceBreak = false;
  let previousSpace = false;
  let previousBreak = false;
  if (text.startsWith("---") || text.startsWith("...")) blockIndicators = true;
  let precededByWhitespace = true;
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i];
    const followedByWhitespace = isBlankOrEnd(chars[i + 1]);
    if (i === 0) {
      if ("#,[]{}&*!|>'\"%@`".includes(c)) blockIndicators = true;
      if ((c === "?" || c === ":") && followedByWhitespace) blockIndicators = true;
      if (c === "-" && followedByWhitespace) blockIndicators = true;
    } else {
      if (c === ":" && followedByWhitespace) blockIndicators = true;
      if (c === "#" && precededByWhitespace) blockIndicators = true;
    }
    const code = c.codePointAt(0)!;
    if (!isPrintable(code)) special = true;
    if (isSpace(c)) {
      if (i === 0) leadingSpace = true;
      if (i === chars.length - 1) trailingSpace = true;
      if (previousBreak) breakSpace = true;
      previousSpace = true;
      previousBreak = false;
    } else if (isBreak(c)) {
      lineBreaks = true;
      if (i === 0) leadingBreak = true;
      if (i === chars.length - 1) trailingBreak = true;
      if (previousSpace) spaceBreak = true;
      previousSpace = false;
      previousBreak = true;
    } else {
      previousSpace = false;
      previousBreak = false;
    }
    precededByWhitespace = isBlankOrEnd(c);
  }
  let blockPlain = true;
  let singleQuoted = true;
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) blockPlain = false;
  if (breakSpace) blockPlain = singleQuoted = false;
  if (spaceBreak || special) blockPlain = singleQuoted = false;
  if (lineBreaks) blockPlain = false;
  if (blockIndicators) blockPlain = false;
  return { multiline: lineBreaks, blockPlain, singleQuoted };
}

/** The writer's state: libyaml tracks the column and whether the last thing written was whitespace/indentation. */
class Writer {
  out = "";
  column = 0;
  whitespace = true;
  indention = true;

  put(text: string): void {
    this.out += text;
    this.column += Array.from(text).length;
  }

  lineBreak(): void {
    this.out += "\n";
    this.column = 0;
    this.whitespace = true;
    this.indention = true;
  }

  writeIndent(indent: number): void {
    if (!this.indention || this.column > indent || (this.column === indent && !this.whitespace)) this.lineBreak();
    while (this.column < indent) this.put(" ");
    this.whitespace = true;
    this.indention = true;
  }

  indicator(text: string, needWhitespace: boolean): void {
    if (needWhitespace && !this.whitespace) this.put(" ");
    this.put(text);
    this.whitespace = false;
    this.indention = false;
  }
}

const ESCAPES: Record<string, string> = {
  "\0": "0",
  "\x07": "a",
  "\b": "b",
  "\t": "t",
  "\n": "n",
  "\x0b": "v",
  "\x0c": "f",
  "\r": "r",
  "\x1b": "e",
  '"': '"',
  "\\": "\\",
  "\x85": "N",
  "\xa0": "_",
  "\u2028": "L",
  "\u2029": "P",
};

function writeScalar(w: Writer, text: string, indent: number, simpleKey: boolean): void {
  const analysis = analyze(text);
  let style: "plain" | "single" | "double" = "plain";
  if (simpleKey && analysis.multiline) style = "double";
  else {
    if (!analysis.blockPlain) style = "single";
    if (text.length === 0 && simpleKey) style = "single";
    if (!resolvesToString(text)) style = "single";
    if (style === "single" && !analysis.singleQuoted) style = "double";
  }
  const allowBreaks = !simpleKey;
  const chars = Array.from(text);
  if (style === "plain") {
    if (chars.length > 0 && !w.whitespace) w.put(" ");
    let spaces = false;
    for (let i = 0; i < chars.length; i++) {
      const c = chars[i];
      if (isSpace(c)) {
        if (allowBreaks && !spaces && w.column > BEST_WIDTH && !isSpace(chars[i + 1])) w.writeIndent(indent);
        else w.put(c);
        spaces = true;
      } else {
        w.put(c);
        w.indention = false;
        spaces = false;
      }
    }
    w.whitespace = false;
    w.indention = false;
    return;
  }
  if (style === "single") {
    w.indicator("'", true);
    let spaces = false;
    let breaks = false;
    for (let i = 0; i < chars.length; i++) {
      const c = chars[i];
      if (isSpace(c)) {
        if (allowBreaks && !spaces && w.column > BEST_WIDTH && i !== 0 && i !== chars.length - 1 && !isSpace(chars[i + 1])) w.writeIndent(indent);
        else w.put(c);
        spaces = true;
      } else if (isBreak(c)) {
        if (!breaks && c === "\n") w.lineBreak();
        // libyaml writes a line break other than \n as itself, and starts a new line after it.
        if (c === "\n") w.lineBreak();
        else {
          w.out += c;
          w.column = 0;
        }
        w.indention = true;
        breaks = true;
      } else {
        if (breaks) w.writeIndent(indent);
        w.put(c === "'" ? "''" : c);
        w.indention = false;
        spaces = false;
        breaks = false;
      }
    }
    if (breaks) w.writeIndent(indent);
    w.indicator("'", false);
    return;
  }
  w.indicator('"', true);
  let spaces = false;
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i];
    const code = c.codePointAt(0)!;
    if (!isPrintable(code) || code === 0xfeff || isBreak(c) || c === '"' || c === "\\") {
      const short = ESCAPES[c];
      if (short !== undefined) w.put(`\\${short}`);
      else if (code <= 0xff) w.put(`\\x${code.toString(16).toUpperCase().padStart(2, "0")}`);
      else if (code <= 0xffff) w.put(`\\u${code.toString(16).toUpperCase().padStart(4, "0")}`);
      else w.put(`\\U${code.toString(16).toUpperCase().padStart(8, "0")}`);
      spaces = false;
    } else if (isSpace(c)) {
      if (allowBreaks && !spaces && w.column > BEST_WIDTH && i !== 0 && i !== chars.length - 1) {
        w.writeIndent(indent);
        if (isSpace(chars[i + 1])) w.put("\\");
      } else w.put(c);
      spaces = true;
    } else {
      w.put(c);
      spaces = false;
    }
  }
  w.indicator('"', false);
}

/** libyaml writes a key on its own "? " line when it has a line break or is longer than 128 bytes of UTF-8. */
function isSimpleKey(key: string): boolean {
  return !analyze(key).multiline && new TextEncoder().encode(key).length <= MAX_SIMPLE_KEY;
}

function scalarText(value: unknown): { text: string; quotedIfString: boolean } {
  if (value === null || value === undefined) return { text: "null", quotedIfString: false };
  if (value === true) return { text: "true", quotedIfString: false };
  if (value === false) return { text: "false", quotedIfString: false };
  if (value instanceof PyFloat) return { text: floatRepr(value.value).toLowerCase(), quotedIfString: false };
  if (typeof value === "number") {
    if (Number.isNaN(value)) return { text: ".nan", quotedIfString: false };
    if (!Number.isFinite(value)) return { text: value > 0 ? ".inf" : "-.inf", quotedIfString: false };
    return { text: Number.isInteger(value) ? String(value) : floatRepr(value).toLowerCase(), quotedIfString: false };
  }
  return { text: String(value), quotedIfString: true };
}

function isCollection(value: unknown): boolean {
  return Array.isArray(value) || isDict(value);
}

function isEmptyCollection(value: unknown): boolean {
  return (Array.isArray(value) && value.length === 0) || (isDict(value) && Object.keys(value).length === 0);
}

function writeNode(w: Writer, value: unknown, indent: number, context: "root" | "sequence" | "mapping"): void {
  if (isEmptyCollection(value)) {
    w.indicator(Array.isArray(value) ? "[]" : "{}", true);
    return;
  }
  if (Array.isArray(value)) {
    // A sequence in a mapping is not indented further ("key:\n- item"), libyaml's indentless sequence.
    const itemIndent = context === "mapping" ? indent - INDENT : indent;
    for (const item of value) {
      w.writeIndent(itemIndent);
      w.indicator("-", true);
      w.indention = true;
      writeNode(w, item, itemIndent + INDENT, "sequence");
    }
    return;
  }
  if (isDict(value)) {
    const keys = Object.keys(value).sort(comparePython);
    for (const key of keys) {
      // After "- " the indentation is already there: the first key of an item mapping shares that line.
      w.writeIndent(indent);
      const simple = isSimpleKey(key);
      if (!simple) {
        w.indicator("?", true);
        writeScalar(w, key, indent + INDENT, false);
        w.writeIndent(indent);
        w.indicator(":", true);
        w.indention = true;
      } else {
        writeScalar(w, key, indent, true);
        w.indicator(":", false);
      }
      const item = value[key];
      if (isCollection(item) && !isEmptyCollection(item)) {
        // After "? key", the ": " line holds the first item like "- " does (the sequence is not indentless).
        writeNode(w, item, indent + INDENT, simple ? "mapping" : "sequence");
      } else {
        writeValue(w, item, indent + INDENT);
      }
    }
    return;
  }
  writeValue(w, value, indent);
}

function writeValue(w: Writer, value: unknown, indent: number): void {
  if (isEmptyCollection(value)) {
    w.indicator(Array.isArray(value) ? "[]" : "{}", true);
    return;
  }
  const { text, quotedIfString } = scalarText(value);
  if (!quotedIfString) {
    if (!w.whitespace) w.put(" ");
    w.put(text);
    w.whitespace = false;
    w.indention = false;
    return;
  }
  writeScalar(w, text, indent, false);
}

/** Python's sort order of str keys: by code point. */
function comparePython(a: string, b: string): number {
  const x = Array.from(a);
  const y = Array.from(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = x[i].codePointAt(0)! - y[i].codePointAt(0)!;
    if (d !== 0) return d;
  }
  return x.length - y.length;
}

/** The text `--output yaml` prints for `value` (the CLI prints nothing for an empty answer). */
export function formatYaml(value: unknown): string {
  if (isDict(value) && Object.keys(value).length === 0) return "";
  if (!isCollection(value)) return `${dumpsPyJson(value)}\n`;
  const w = new Writer();
  writeNode(w, value, 0, "root");
  return `${w.out}\n`;
}
