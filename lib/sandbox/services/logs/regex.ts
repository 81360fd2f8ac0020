/**
 * The regular expressions CloudWatch Logs filter patterns accept between `%…%` ([AWS-doc] "Supported regular
 * expressions (regex) syntax", FilterAndPatternSyntax): alphanumerics, the symbols `: _ # = @ / ; , -`, and the
 * operators `^ $ ? [ ] { } | \ * + .`; no parentheses, no multi-byte characters.
 *
 * Matched by simulating an NFA (Thompson's construction, run as a set of states): time is characters × states,
 * never exponential, so no pattern a learner writes can stall the sandbox (JavaScript's RegExp backtracks).
 */
import { LOGS_ERRORS } from "./errors";

/** [inferred] A bound on the expanded automaton (`x{1,1000}` is a thousand states). */
const MAX_STATES = 1_000;
const SYMBOLS = new Set(":_#=@/;,-");
const OPERATORS = new Set("^$?[]{}|\\*+.");

type Pred = (code: number) => boolean;

interface CharState {
  kind: "char";
  pred: Pred;
  next: number;
}
interface SplitState {
  kind: "split";
  a: number;
  b: number;
}
interface MatchState {
  kind: "match";
  /** `$`: only at the end of the text. */
  atEnd: boolean;
}
type State = CharState | SplitState | MatchState;

export interface CompiledRegex {
  /** Whether the expression matches somewhere in `text` (anywhere, unless anchored). */
  test(text: string): boolean;
  /** States of the automaton: the work per character of text. */
  readonly size: number;
}

const invalid = () => LOGS_ERRORS.invalidFilterPattern();

const isDigit: Pred = (c) => c >= 48 && c <= 57;
const isWord: Pred = (c) => isDigit(c) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
const isSpace: Pred = (c) => c === 32 || (c >= 9 && c <= 13);
const not =
  (p: Pred): Pred =>
  (c) =>
    !p(c);

/** The predicate of a backslash escape (`\d`, `\.`, …) at `source[i]` (the character after the backslash). */
function escapePred(ch: string | undefined): Pred {
  if (ch === undefined) throw invalid();
  switch (ch) {
    case "d":
      return isDigit;
    case "D":
      return not(isDigit);
    case "w":
      return isWord;
    case "W":
      return not(isWord);
    case "s":
      return isSpace;
    case "S":
      return not(isSpace);
    case "t":
      return (c) => c === 9;
    case "n":
      return (c) => c === 10;
    case "r":
      return (c) => c === 13;
    default: {
      const code = ch.charCodeAt(0);
      if (code > 0x7e || code < 0x20) throw invalid();
      return (c) => c === code;
    }
  }
}

interface Item {
  pred: Pred;
  min: number;
  max: number;
}

interface Alternative {
  atStart: boolean;
  atEnd: boolean;
  items: Item[];
}

function parse(source: string): Alternative[] {
  const alternatives: Alternative[] = [];
  let current: Alternative = { atStart: false, atEnd: false, items: [] };
  let i = 0;
  const allowed = (ch: string) => /[A-Za-z0-9]/.test(ch) || SYMBOLS.has(ch) || OPERATORS.has(ch);
  while (i < source.length) {
    const ch = source[i];
    if (!allowed(ch)) throw invalid();
    if (current.atEnd && ch !== "|") throw invalid();
    if (ch === "|") {
      alternatives.push(current);
      current = { atStart: false, atEnd: false, items: [] };
      i += 1;
      continue;
    }
    if (ch === "^") {
      if (current.items.length > 0 || current.atStart) throw invalid();
      current.atStart = true;
      i += 1;
      continue;
    }
    if (ch === "$") {
      current.atEnd = true;
      i += 1;
      continue;
    }
    let pred: Pred;
    if (ch === ".") {
      pred = () => true;
      i += 1;
    } else if (ch === "\\") {
      pred = escapePred(source[i + 1]);
      i += 2;
    } else if (ch === "[") {
      [pred, i] = parseClass(source, i + 1);
    } else if (ch === "*" || ch === "+" || ch === "?" || ch === "{" || ch === "]" || ch === "}") {
      throw invalid();
    } else {
      const code = ch.charCodeAt(0);
      pred = (c) => c === code;
      i += 1;
    }
    const item: Item = { pred, min: 1, max: 1 };
    [item.min, item.max, i] = parseQuantifier(source, i);
    current.items.push(item);
  }
  alternatives.push(current);
  return alternatives;
}

function parseClass(source: string, start: number): [Pred, number] {
  let i = start;
  let negate = false;
  if (source[i] === "^") {
    negate = true;
    i += 1;
  }
  const parts: Pred[] = [];
  let first = true;
  while (i < source.length && (source[i] !== "]" || first)) {
    first = false;
    let lo: number;
    if (source[i] === "\\") {
      const ch = source[i + 1];
      if (ch !== undefined && "dDwWsS".includes(ch)) {
        parts.push(escapePred(ch));
        i += 2;
        continue;
      }
      if (ch === undefined) throw invalid();
      lo = ch.charCodeAt(0);
      i += 2;
    } else {
      lo = source.charCodeAt(i);
      i += 1;
    }
    if (source[i] === "-" && i + 1 < source.length && source[i + 1] !== "]") {
      let hi: number;
      if (source[i + 1] === "\\") {
        if (source[i + 2] === undefined) throw invalid();
        hi = source.charCodeAt(i + 2);
        i += 3;
      } else {
        hi = source.charCodeAt(i + 1);
        i += 2;
      }
      if (hi < lo) throw invalid();
      parts.push((c) => c >= lo && c <= hi);
    } else {
      const code = lo;
      parts.push((c) => c === code);
    }
  }
  if (source[i] !== "]") throw invalid();
  const any: Pred = (c) => parts.some((p) => p(c));
  return [negate ? not(any) : any, i + 1];
}

function parseQuantifier(source: string, i: number): [number, number, number] {
  let min = 1;
  let max = 1;
  const ch = source[i];
  if (ch === "*") [min, max, i] = [0, Infinity, i + 1];
  else if (ch === "+") [min, max, i] = [1, Infinity, i + 1];
  else if (ch === "?") [min, max, i] = [0, 1, i + 1];
  else if (ch === "{") {
    const close = source.indexOf("}", i);
    const body = close < 0 ? "" : source.slice(i + 1, close);
    const m = /^(\d+)(,(\d*))?$/.exec(body);
    if (!m) throw invalid();
    min = Number(m[1]);
    max = m[2] === undefined ? min : m[3] === "" ? Infinity : Number(m[3]);
    if (max < min) throw invalid();
    i = close + 1;
  } else return [min, max, i];
  // A lazy quantifier (`*?`) matches the same texts.
  if (source[i] === "?") i += 1;
  if ("*+?{".includes(source[i] ?? "x")) throw invalid();
  return [min, max, i];
}

export function compileRegex(source: string): CompiledRegex {
  if (source.length === 0) throw invalid();
  const alternatives = parse(source);
  const states: State[] = [];
  const add = (state: State) => {
    if (states.length >= MAX_STATES) throw invalid();
    states.push(state);
    return states.length - 1;
  };
  const starts: { state: number; atStart: boolean }[] = [];
  for (const alt of alternatives) {
    let next = add({ kind: "match", atEnd: alt.atEnd });
    for (let k = alt.items.length - 1; k >= 0; k--) {
      const { pred, min, max } = alt.items[k];
      if (max === Infinity) {
        const split = add({ kind: "split", a: -1, b: next });
        const char = add({ kind: "char", pred, next: split });
        (states[split] as SplitState).a = char;
        next = split;
      } else {
        for (let n = 0; n < max - min; n++) {
          const char = add({ kind: "char", pred, next });
          next = add({ kind: "split", a: char, b: next });
        }
      }
      for (let n = 0; n < min; n++) next = add({ kind: "char", pred, next });
    }
    starts.push({ state: next, atStart: alt.atStart });
  }
  return { test: (text) => run(states, starts, text), size: states.length };
}

function run(states: State[], starts: { state: number; atStart: boolean }[], text: string): boolean {
  const mark = new Int32Array(states.length).fill(-1);
  let current: number[] = [];
  let next: number[] = [];
  const stack: number[] = [];
  // Adds `s` and what it reaches without reading; true when that includes a match valid at `pos`.
  const close = (list: number[], s: number, pos: number): boolean => {
    stack.push(s);
    while (stack.length > 0) {
      const id = stack.pop()!;
      if (mark[id] === pos) continue;
      mark[id] = pos;
      const state = states[id];
      if (state.kind === "split") stack.push(state.b, state.a);
      else if (state.kind === "char") list.push(id);
      else if (!state.atEnd || pos === text.length) {
        stack.length = 0;
        return true;
      }
    }
    return false;
  };
  for (let pos = 0; pos <= text.length; pos++) {
    for (const start of starts) {
      if ((!start.atStart || pos === 0) && close(current, start.state, pos)) return true;
    }
    if (pos === text.length || current.length === 0) {
      if (current.length === 0 && starts.every((s) => s.atStart)) return false;
      if (pos === text.length) return false;
    }
    const code = text.charCodeAt(pos);
    next.length = 0;
    for (const id of current) {
      const state = states[id] as CharState;
      if (state.pred(code) && close(next, state.next, pos + 1)) return true;
    }
    [current, next] = [next, current];
  }
  return false;
}
