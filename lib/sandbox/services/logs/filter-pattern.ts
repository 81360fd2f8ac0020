/**
 * CloudWatch Logs filter patterns ([AWS-doc] "Filter pattern syntax for metric filters, subscription filters, filter
 * log events, and Live Tail"; the older page of awsdocs/amazon-cloudwatch-logs-user-guide, FilterAndPatternSyntax.md).
 * Matching is case-sensitive. What is implemented:
 *
 * - Terms (unstructured events): `ERROR` (the message contains it), several terms (all of them), `"exact phrase"`,
 *   `?ERROR ?WARN` (any of the ?-terms), `-term` (none of them), `%regex%` (regex.ts). An empty pattern matches
 *   everything. Unquoted terms may hold only letters, digits and `_` ([AWS-doc] "terms that include characters other
 *   than alphanumeric or underscore must be placed inside double quotes").
 * - JSON (`{ … }`): selectors `$.a.b`, `$.list[0]`; `=` and `!=` against strings (quoted or not; `*` at the start
 *   and/or end is a wildcard, `*` alone matches any value), numbers and `%regex%`; `<`, `>`, `<=`, `>=` against
 *   numbers; `IS NULL`, `IS TRUE`, `IS FALSE`, `NOT EXISTS`; `&&`, `||` and parentheses (`()` > `&&` > `||`). A
 *   selector that names an object or an array matches nothing. Messages that are not JSON match no JSON pattern.
 * - Space-delimited (`[ip, user, ..., status = 4*, bytes > 1000]`): fields split on spaces, `"…"` and `[…]` each one
 *   field; `...` stands for any number of fields; conditions on a field as for JSON, joined by `&&` / `||`, which may
 *   name any field of the pattern.
 *
 * Not implemented: `$.*`-style wildcard selectors and the `$.[…]` quoting of odd property names. Where AWS's
 * behaviour is not documented (mixing ?-terms with plain terms; quoted text escapes) the choice is marked [inferred].
 */
import { LOGS_ERRORS } from "./errors";
import { compileRegex, type CompiledRegex } from "./regex";

export interface FilterPattern {
  matches(message: string): boolean;
  /**
   * Work per character of a message, for FilterLogEvents' scan budget, in about nanoseconds as measured on the
   * development machine: a term ~1, JSON parsing ~8, splitting fields ~15, the regex automaton up to ~25 per state
   * (when every state is live, as `z{1,30}q` on a run of z's).
   */
  readonly cost: number;
}

const COST = { term: 1, json: 8, fields: 15, regex: (r: CompiledRegex) => 50 + 25 * r.size } as const;

const invalid = (reason?: string) => LOGS_ERRORS.invalidFilterPattern(reason);
const MATCH_ALL: FilterPattern = { matches: () => true, cost: 0 };

export function compileFilterPattern(text: string | undefined): FilterPattern {
  const pattern = (text ?? "").trim();
  if (pattern === "") return MATCH_ALL;
  if (pattern.startsWith("{")) {
    if (!pattern.endsWith("}")) throw invalid("If a filter pattern starts with '{' it must end with '}'");
    return compileJson(pattern.slice(1, -1));
  }
  if (pattern.startsWith("[")) {
    // [inferred] worded like the '{' rule.
    if (!pattern.endsWith("]")) throw invalid("If a filter pattern starts with '[' it must end with ']'");
    return compileDelimited(pattern.slice(1, -1));
  }
  return compileTerms(pattern);
}

// ---------------------------------------------------------------------------------------------------------------
// Terms

interface Term {
  kind: "required" | "optional" | "excluded";
  test: (message: string) => boolean;
  cost: number;
}

/** `"…"` starting at `text[start]`: its content and the index after the closing quote. `\"` is a quote ([inferred]). */
function readQuoted(text: string, start: number): [string, number] {
  let out = "";
  let i = start + 1;
  while (i < text.length && text[i] !== '"') {
    if (text[i] === "\\" && i + 1 < text.length) {
      out += text[i + 1];
      i += 2;
    } else out += text[i++];
  }
  if (i >= text.length) throw invalid();
  return [out, i + 1];
}

/** `%…%` starting at `text[start]`. */
function readRegex(text: string, start: number): [CompiledRegex, number] {
  const end = text.indexOf("%", start + 1);
  if (end < 0) throw invalid();
  return [compileRegex(text.slice(start + 1, end)), end + 1];
}

const WORD = /^[\p{L}\p{N}_]+$/u;

function compileTerms(pattern: string): FilterPattern {
  const terms: Term[] = [];
  let i = 0;
  while (i < pattern.length) {
    if (/\s/.test(pattern[i])) {
      i += 1;
      continue;
    }
    const start = i;
    let kind: Term["kind"] = "required";
    if (pattern[i] === "?" || pattern[i] === "-") {
      kind = pattern[i] === "?" ? "optional" : "excluded";
      i += 1;
    }
    if (pattern[i] === '"') {
      const [phrase, after] = readQuoted(pattern, i);
      if (phrase === "") throw invalid(`Invalid character(s) in term '""'`);
      terms.push({ kind, test: (m) => m.includes(phrase), cost: COST.term });
      i = after;
    } else if (pattern[i] === "%") {
      const [regex, after] = readRegex(pattern, i);
      terms.push({ kind, test: (m) => regex.test(m), cost: COST.regex(regex) });
      i = after;
    } else {
      const end = nextSpace(pattern, i);
      const word = pattern.slice(i, end);
      if (!WORD.test(word)) throw invalid(`Invalid character(s) in term '${pattern.slice(start, end)}'`);
      terms.push({ kind, test: (m) => m.includes(word), cost: COST.term });
      i = end;
    }
    if (i < pattern.length && !/\s/.test(pattern[i])) throw invalid(`Invalid character(s) in term '${pattern.slice(start, nextSpace(pattern, i))}'`);
  }
  const required = terms.filter((t) => t.kind === "required");
  const optional = terms.filter((t) => t.kind === "optional");
  const excluded = terms.filter((t) => t.kind === "excluded");
  return {
    // [inferred] plain terms must all appear, -terms none, and of the ?-terms (if any) at least one.
    matches: (m) =>
      required.every((t) => t.test(m)) && !excluded.some((t) => t.test(m)) && (optional.length === 0 || optional.some((t) => t.test(m))),
    cost: terms.reduce((sum, t) => sum + t.cost, 0),
  };
}

const nextSpace = (text: string, from: number) => {
  let i = from;
  while (i < text.length && !/\s/.test(text[i])) i += 1;
  return i;
};

// ---------------------------------------------------------------------------------------------------------------
// Values compared by JSON and space-delimited patterns

type Operator = "=" | "!=" | "<" | ">" | "<=" | ">=";

interface Literal {
  /** As written, without quotes. */
  text: string;
  quoted: boolean;
  number?: number;
  regex?: CompiledRegex;
}

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

function literal(text: string, quoted: boolean, regex?: CompiledRegex): Literal {
  return { text, quoted, regex, number: !quoted && !regex && NUMBER.test(text) ? Number(text) : undefined };
}

/** `*` at the start and/or end of a string value is a wildcard; elsewhere it is itself ([AWS-doc] "Ev*ent will only match the actual string Ev*ent"). */
function wildcardMatch(pattern: string, value: string): boolean {
  if (pattern === "*") return true;
  const head = pattern.startsWith("*");
  const tail = pattern.length > 1 && pattern.endsWith("*");
  const core = pattern.slice(head ? 1 : 0, tail ? -1 : undefined);
  if (head && tail) return value.includes(core);
  if (head) return value.endsWith(core);
  if (tail) return value.startsWith(core);
  return value === core;
}

/**
 * Compares a value node (string, number or boolean; `present` false when there is none) with a literal.
 * `numericText`: the value is text that may be read as a number (space-delimited fields).
 */
function compare(value: unknown, op: Operator, lit: Literal, numericText: boolean): boolean {
  if (value === undefined || value === null || typeof value === "object") return false;
  if (op === "<" || op === ">" || op === "<=" || op === ">=") {
    const n = typeof value === "number" ? value : numericText && typeof value === "string" && NUMBER.test(value) ? Number(value) : undefined;
    if (n === undefined || lit.number === undefined) return false;
    return op === "<" ? n < lit.number : op === ">" ? n > lit.number : op === "<=" ? n <= lit.number : n >= lit.number;
  }
  let equal: boolean;
  if (lit.regex) equal = lit.regex.test(String(value));
  else if (!lit.quoted && lit.text === "*") equal = true;
  else if (typeof value === "number" && lit.number !== undefined) equal = value === lit.number;
  else if (numericText && typeof value === "string" && NUMBER.test(value) && lit.number !== undefined) equal = Number(value) === lit.number;
  else if (typeof value === "boolean") equal = !lit.quoted && lit.text === String(value);
  else if (typeof value === "number") equal = wildcardMatch(lit.text, String(value));
  else equal = wildcardMatch(lit.text, value as string);
  return op === "=" ? equal : !equal;
}

// ---------------------------------------------------------------------------------------------------------------
// A small lexer shared by JSON and space-delimited patterns

type Token =
  | { kind: "op"; value: Operator }
  | { kind: "and" | "or" | "open" | "close" | "comma" }
  | { kind: "word"; value: string }
  | { kind: "string"; value: string }
  | { kind: "regex"; value: CompiledRegex };

function lex(text: string, allowComma: boolean): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (/\s/.test(ch)) {
      i += 1;
    } else if (text.startsWith("&&", i)) {
      tokens.push({ kind: "and" });
      i += 2;
    } else if (text.startsWith("||", i)) {
      tokens.push({ kind: "or" });
      i += 2;
    } else if (ch === "(" || ch === ")") {
      tokens.push({ kind: ch === "(" ? "open" : "close" });
      i += 1;
    } else if (ch === "," && allowComma) {
      tokens.push({ kind: "comma" });
      i += 1;
    } else if (ch === "!" && text[i + 1] === "=") {
      tokens.push({ kind: "op", value: "!=" });
      i += 2;
    } else if (ch === "<" || ch === ">") {
      const eq = text[i + 1] === "=";
      tokens.push({ kind: "op", value: `${ch}${eq ? "=" : ""}` as Operator });
      i += eq ? 2 : 1;
    } else if (ch === "=") {
      tokens.push({ kind: "op", value: "=" });
      i += 1;
    } else if (ch === '"') {
      const [value, after] = readQuoted(text, i);
      tokens.push({ kind: "string", value });
      i = after;
    } else if (ch === "%") {
      const [value, after] = readRegex(text, i);
      tokens.push({ kind: "regex", value });
      i = after;
    } else {
      let end = i;
      while (end < text.length && !/[\s()&|=!<>,"]/.test(text[end])) end += 1;
      if (end === i) throw invalid();
      tokens.push({ kind: "word", value: text.slice(i, end) });
      i = end;
    }
  }
  return tokens;
}

/** A boolean expression over comparisons, parsed with `()` > `&&` > `||`. */
type Expr<C> = { kind: "and" | "or"; left: Expr<C>; right: Expr<C> } | { kind: "leaf"; leaf: C };

class Parser<C> {
  i = 0;
  constructor(
    readonly tokens: Token[],
    readonly leaf: (p: Parser<C>) => C,
  ) {}

  peek(): Token | undefined {
    return this.tokens[this.i];
  }

  next(): Token {
    const token = this.tokens[this.i++];
    if (!token) throw invalid();
    return token;
  }

  expr(): Expr<C> {
    let left = this.and();
    while (this.peek()?.kind === "or") {
      this.i += 1;
      left = { kind: "or", left, right: this.and() };
    }
    return left;
  }

  and(): Expr<C> {
    let left = this.primary();
    while (this.peek()?.kind === "and") {
      this.i += 1;
      left = { kind: "and", left, right: this.primary() };
    }
    return left;
  }

  primary(): Expr<C> {
    if (this.peek()?.kind === "open") {
      this.i += 1;
      const inner = this.expr();
      if (this.next().kind !== "close") throw invalid();
      return inner;
    }
    return { kind: "leaf", leaf: this.leaf(this) };
  }
}

function evaluate<C>(expr: Expr<C>, test: (leaf: C) => boolean): boolean {
  if (expr.kind === "leaf") return test(expr.leaf);
  if (expr.kind === "and") return evaluate(expr.left, test) && evaluate(expr.right, test);
  return evaluate(expr.left, test) || evaluate(expr.right, test);
}

function readLiteral(p: Parser<unknown>): { lit: Literal; cost: number } {
  const token = p.next();
  if (token.kind === "string") return { lit: literal(token.value, true), cost: 0 };
  if (token.kind === "regex") return { lit: literal("", false, token.value), cost: COST.regex(token.value) };
  if (token.kind === "word") return { lit: literal(token.value, false), cost: 0 };
  throw invalid();
}

// ---------------------------------------------------------------------------------------------------------------
// JSON

type Step = string | number;

interface JsonLeaf {
  path: Step[];
  check: "compare" | "null" | "true" | "false" | "missing";
  op?: Operator;
  lit?: Literal;
}

/** `$.a.b[0]` → ["a", "b", 0]. [AWS-doc] "Property selectors are alphanumeric strings that also support '-' and '_'". */
function readSelector(text: string): Step[] {
  if (!text.startsWith("$")) throw invalid();
  const steps: Step[] = [];
  const re = /\.([A-Za-z0-9_\-@:]+)|\[(\d+)\]/y;
  let i = 1;
  while (i < text.length) {
    re.lastIndex = i;
    const m = re.exec(text);
    if (!m) throw invalid();
    steps.push(m[1] !== undefined ? m[1] : Number(m[2]));
    i = re.lastIndex;
  }
  if (steps.length === 0) throw invalid();
  return steps;
}

function compileJson(body: string): FilterPattern {
  let cost: number = COST.json;
  const parser = new Parser<JsonLeaf>(lex(body, false), (p) => {
    const selector = p.next();
    if (selector.kind !== "word") throw invalid();
    const path = readSelector(selector.value);
    const next = p.next();
    if (next.kind === "op") {
      const { lit, cost: c } = readLiteral(p as Parser<unknown>);
      if (next.value !== "=" && next.value !== "!=" && lit.number === undefined) throw invalid();
      cost += c;
      return { path, check: "compare", op: next.value, lit };
    }
    if (next.kind === "word" && next.value.toUpperCase() === "IS") {
      const what = p.next();
      const word = what.kind === "word" ? what.value.toUpperCase() : "";
      if (word === "NULL" || word === "TRUE" || word === "FALSE") return { path, check: word.toLowerCase() as "null" | "true" | "false" };
      throw invalid();
    }
    if (next.kind === "word" && next.value.toUpperCase() === "NOT") {
      const what = p.next();
      if (what.kind === "word" && what.value.toUpperCase() === "EXISTS") return { path, check: "missing" };
    }
    throw invalid();
  });
  if (parser.tokens.length === 0) throw invalid();
  const expr = parser.expr();
  if (parser.i !== parser.tokens.length) throw invalid();
  return {
    cost,
    matches(message) {
      const trimmed = message.trimStart();
      if (!trimmed.startsWith("{") && !trimmed.startsWith("[")) return false;
      let json: unknown;
      try {
        json = JSON.parse(message);
      } catch {
        return false;
      }
      return evaluate(expr, (leaf) => {
        const [found, value] = select(json, leaf.path);
        switch (leaf.check) {
          case "missing":
            return !found;
          case "null":
            return found && value === null;
          case "true":
            return found && value === true;
          case "false":
            return found && value === false;
          default:
            return found && compare(value, leaf.op!, leaf.lit!, false);
        }
      });
    },
  };
}

function select(json: unknown, path: Step[]): [boolean, unknown] {
  let node = json;
  for (const step of path) {
    if (typeof step === "number") {
      if (!Array.isArray(node) || step >= node.length) return [false, undefined];
      node = node[step];
    } else {
      if (node === null || typeof node !== "object" || Array.isArray(node) || !Object.hasOwn(node, step)) return [false, undefined];
      node = (node as Record<string, unknown>)[step];
    }
  }
  return [true, node];
}

// ---------------------------------------------------------------------------------------------------------------
// Space-delimited

interface FieldLeaf {
  name: string;
  op: Operator;
  lit: Literal;
}

type FieldSpec = { kind: "ellipsis" } | { kind: "field"; name: string; condition?: Expr<FieldLeaf> };

function compileDelimited(body: string): FilterPattern {
  const tokens = lex(body, true);
  // Split on the commas between fields.
  const groups: Token[][] = [[]];
  for (const token of tokens) {
    if (token.kind === "comma") groups.push([]);
    else groups[groups.length - 1].push(token);
  }
  // [inferred] a trailing comma (as in AWS's own example `[..., request=*.html*, status_code=4*,]`) ends the list.
  if (groups.length > 1 && groups[groups.length - 1].length === 0) groups.pop();
  let cost: number = COST.fields;
  const specs: FieldSpec[] = groups.map((group) => {
    if (group.length === 0) throw invalid();
    const first = group[0];
    if (group.length === 1 && first.kind === "word" && (first.value === "..." || first.value === "…")) return { kind: "ellipsis" };
    if (first.kind !== "word" || !/^[A-Za-z0-9_$]+$/.test(first.value)) throw invalid();
    if (group.length === 1) return { kind: "field", name: first.value };
    // The condition starts with the field's own operator: `status = 4* && bytes > 10` reads as (status = 4*) && (bytes > 10).
    const parser = new Parser<FieldLeaf>(group, (p) => {
      const name = p.next();
      if (name.kind !== "word") throw invalid();
      const op = p.next();
      if (op.kind !== "op") throw invalid();
      const { lit, cost: c } = readLiteral(p as Parser<unknown>);
      if (op.value !== "=" && op.value !== "!=" && lit.number === undefined) throw invalid();
      cost += c;
      return { name: name.value, op: op.value, lit };
    });
    const condition = parser.expr();
    if (parser.i !== group.length) throw invalid();
    return { kind: "field", name: first.value, condition };
  });
  // [inferred] one `...` besides a final one, so that matching a message stays linear in its fields.
  if (specs.slice(0, -1).filter((spec) => spec.kind === "ellipsis").length > 1) throw invalid();
  const names = new Set(specs.flatMap((s) => (s.kind === "field" ? [s.name] : [])));
  for (const spec of specs) {
    if (spec.kind === "field" && spec.condition) {
      evaluate(spec.condition, (leaf) => {
        if (!names.has(leaf.name)) throw invalid();
        return true;
      });
    }
  }
  return {
    cost,
    matches(message) {
      const fields = splitFields(message);
      return align(specs, 0, fields, 0, new Map(), (bound) =>
        specs.every(
          (spec) => spec.kind === "ellipsis" || !spec.condition || evaluate(spec.condition, (leaf) => compare(bound.get(leaf.name), leaf.op, leaf.lit, true)),
        ),
      );
    },
  };
}

/** A message's space-delimited fields: `"…"` and `[…]` are one field each, without their quotes or brackets. */
function splitFields(message: string): string[] {
  const fields: string[] = [];
  let i = 0;
  while (i < message.length) {
    const ch = message[i];
    if (ch === " " || ch === "\t") {
      i += 1;
      continue;
    }
    const close = ch === '"' ? '"' : ch === "[" ? "]" : undefined;
    if (close) {
      const end = message.indexOf(close, i + 1);
      const stop = end < 0 ? message.length : end;
      fields.push(message.slice(i + 1, stop));
      i = stop + 1;
    } else {
      let end = i;
      while (end < message.length && message[end] !== " " && message[end] !== "\t") end += 1;
      fields.push(message.slice(i, end));
      i = end;
    }
  }
  return fields;
}

/** Whether the fields line up with the specs (each `...` taking any number of fields) with `accept` true for the names so bound. */
function align(specs: FieldSpec[], s: number, fields: string[], f: number, bound: Map<string, string>, accept: (bound: Map<string, string>) => boolean): boolean {
  if (s === specs.length) return f === fields.length && accept(bound);
  const spec = specs[s];
  if (spec.kind === "ellipsis") {
    if (s === specs.length - 1) return accept(bound);
    for (let take = fields.length - f; take >= 0; take--) if (align(specs, s + 1, fields, f + take, bound, accept)) return true;
    return false;
  }
  if (f >= fields.length) return false;
  const previous = bound.get(spec.name);
  bound.set(spec.name, fields[f]);
  const ok = align(specs, s + 1, fields, f + 1, bound, accept);
  if (previous === undefined) bound.delete(spec.name);
  else bound.set(spec.name, previous);
  return ok;
}
