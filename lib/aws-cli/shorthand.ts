/**
 * The AWS CLI's shorthand syntax (`name=x,value=y`, `awsvpcConfiguration={subnets=[a,b],assignPublicIp=ENABLED}`):
 * a parser of the same grammar, with the same error texts and caret, and the conversion of its strings to the
 * member types the model names (the CLI's "back-compat visitor"). The grammar itself knows no model: `a=b,c` is
 * always `{a: ["b", "c"]}`.
 */
import type { Shape, ServiceModel } from "./model";
import { PyFloat } from "./python-values";

export class ShorthandError extends Error {}

// Character classes of the CLI's grammar (awscli/shorthand.py), as ranges of UTF-16 code units.
const START_WORD = "!#-&(-+\\--<>-Z\\\\-z|-\\uffff";
const FIRST_FOLLOW = "\\s!#-&(-+\\--\\\\^-|~-\\uffff";
const SECOND_FOLLOW = "\\s!#-&(-+\\--<>-\\uffff";
const FIRST_VALUE = new RegExp(`(?:\\\\,|[${START_WORD}])(?:\\\\,|[${FIRST_FOLLOW}])*`, "y");
const SECOND_VALUE = new RegExp(`(?:\\\\,|[${START_WORD}])(?:\\\\,|[${SECOND_FOLLOW}])*`, "y");
const SINGLE_QUOTED = /'(?:\\\\|\\'|[^'])*'/y;
const DOUBLE_QUOTED = /"(?:\\\\|\\"|[^"])*"/y;
const KEY_CHARS = /[A-Za-z0-9\-_.#/:]/;
// Python's string.whitespace.
const WHITESPACE = " \t\n\r\x0b\x0c";

function errorLocation(value: string, index: number): string {
  let consumed = value;
  let remaining = "";
  let spaces = index;
  const before = value.slice(0, index);
  if (before.includes("\n")) spaces = index - before.lastIndexOf("\n") - 1;
  const after = value.slice(index);
  if (after.includes("\n")) {
    const next = index + after.indexOf("\n");
    consumed = value.slice(0, next);
    remaining = value.slice(next);
  }
  return `${consumed}\n${" ".repeat(spaces)}^${remaining}`;
}

type Parsed = string | Parsed[] | { [key: string]: Parsed };

class Parser {
  private index = 0;
  constructor(private readonly input: string) {}

  parse(): Record<string, Parsed> {
    const params: Record<string, Parsed> = {};
    let [key, value] = this.keyValue();
    set(params, key, value);
    let lastIndex = this.index;
    while (this.index < this.input.length) {
      this.expect(",", true);
      [key, value] = this.keyValue();
      if (Object.hasOwn(params, key)) {
        throw new ShorthandError(
          `Second instance of key "${key}" encountered for input:\n${errorLocation(this.input, lastIndex + 1)}\nThis is often because there is a preceding "," instead of a space.`,
        );
      }
      set(params, key, value);
      lastIndex = this.index;
    }
    return params;
  }

  private keyValue(): [string, Parsed] {
    const key = this.key();
    this.expect("=", true);
    return [key, this.values()];
  }

  private key(): string {
    const start = this.index;
    while (!this.atEof() && KEY_CHARS.test(this.input[this.index])) this.index++;
    return this.input.slice(start, this.index);
  }

  private values(): Parsed {
    if (this.atEof()) return "";
    if (this.current() === "[") return this.explicitList();
    if (this.current() === "{") return this.hashLiteral();
    return this.csvValue();
  }

  private csvValue(): Parsed {
    const first = this.firstValue();
    this.consumeWhitespace();
    if (this.atEof() || this.input[this.index] !== ",") return first;
    this.expect(",", true);
    const list: string[] = [first];
    for (;;) {
      try {
        const current = this.secondValue();
        this.consumeWhitespace();
        if (this.atEof()) {
          list.push(current);
          break;
        }
        this.expect(",", true);
        list.push(current);
      } catch (error) {
        if (!(error instanceof ShorthandError) || this.atEof()) throw error;
        this.backtrackTo(",");
        break;
      }
    }
    return list.length === 1 ? first : list;
  }

  private value(): string {
    const consumed = this.consume(FIRST_VALUE);
    return consumed === undefined ? "" : consumed.replaceAll("\\,", ",").trimEnd();
  }

  private explicitList(): Parsed[] {
    this.expect("[", true);
    const values: Parsed[] = [];
    while (this.current() !== "]") {
      values.push(this.explicitValues());
      this.consumeWhitespace();
      if (this.current() !== "]") {
        this.expect(",");
        this.consumeWhitespace();
      }
    }
    this.expect("]");
    return values;
  }

  private explicitValues(): Parsed {
    if (this.current() === "[") return this.explicitList();
    if (this.current() === "{") return this.hashLiteral();
    return this.firstValue();
  }

  private hashLiteral(): Record<string, Parsed> {
    this.expect("{", true);
    const keyValues: Record<string, Parsed> = {};
    while (this.current() !== "}") {
      const key = this.key();
      this.expect("=", true);
      const value = this.explicitValues();
      this.consumeWhitespace();
      if (this.current() !== "}") {
        this.expect(",");
        this.consumeWhitespace();
      }
      set(keyValues, key, value);
    }
    this.expect("}");
    return keyValues;
  }

  private firstValue(): string {
    if (this.current() === "'") return this.quoted(SINGLE_QUOTED, "'", "singled quoted");
    if (this.current() === '"') return this.quoted(DOUBLE_QUOTED, '"', "double quoted");
    return this.value();
  }

  private secondValue(): string {
    if (this.current() === "'") return this.quoted(SINGLE_QUOTED, "'", "singled quoted");
    if (this.current() === '"') return this.quoted(DOUBLE_QUOTED, '"', "double quoted");
    return this.mustConsume(SECOND_VALUE, "second").replaceAll("\\,", ",").trimEnd();
  }

  private quoted(regex: RegExp, quote: string, name: string): string {
    return this.mustConsume(regex, name).slice(1, -1).replaceAll(`\\${quote}`, quote).replaceAll("\\\\", "\\");
  }

  private expect(char: string, consumeWhitespace = false): void {
    if (consumeWhitespace) this.consumeWhitespace();
    if (this.index >= this.input.length) throw this.syntaxError(char, "EOF");
    const actual = this.input[this.index];
    if (actual !== char) throw this.syntaxError(char, actual);
    this.index++;
    if (consumeWhitespace) this.consumeWhitespace();
  }

  private syntaxError(expected: string, actual: string): ShorthandError {
    return new ShorthandError(`Expected: '${expected}', received: '${actual}' for input:\n${errorLocation(this.input, this.index)}`);
  }

  private consume(regex: RegExp): string | undefined {
    regex.lastIndex = this.index;
    const match = regex.exec(this.input);
    if (!match) return undefined;
    this.index += match[0].length;
    return match[0];
  }

  private mustConsume(regex: RegExp, name: string): string {
    const consumed = this.consume(regex);
    if (consumed === undefined) throw this.syntaxError(`<${name}>`, "<none>");
    return consumed;
  }

  private current(): string | undefined {
    return this.index < this.input.length ? this.input[this.index] : undefined;
  }

  private atEof(): boolean {
    return this.index >= this.input.length;
  }

  private backtrackTo(char: string): void {
    while (this.index >= 0 && this.input[this.index] !== char) this.index--;
  }

  private consumeWhitespace(): void {
    while (this.current() !== undefined && WHITESPACE.includes(this.current()!)) this.index++;
  }
}

function set(target: Record<string, Parsed>, key: string, value: Parsed): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Parses one shorthand value into plain strings, lists and objects (no model involved). */
export function parseShorthand(value: string): Record<string, Parsed> {
  return new Parser(value).parse();
}

/** A conversion error the CLI reports from Python itself (int("x")), not as a parameter error. */
export class PythonValueError extends Error {}

/**
 * Converts the strings of a parsed shorthand value to the model's types, as the CLI does after parsing: integers and
 * floats by Python's int()/float() (a bad one fails the whole command), booleans from "true"/"false" (anything else is
 * left for the validator to reject), a lone value where the model wants a list becomes a one-element list.
 */
export function applyShorthandTypes(value: unknown, shape: Shape, model: ServiceModel): unknown {
  return visit(value, shape, model);
}

function visit(value: unknown, shape: Shape, model: ServiceModel): unknown {
  if (value === undefined || value === null) return value;
  if (shape.document && value !== undefined) {
    throw new ShorthandDocumentError();
  }
  switch (shape.type) {
    case "structure": {
      if (typeof value !== "object" || Array.isArray(value)) return value;
      const object = value as Record<string, unknown>;
      for (const [name, ref] of shape.members ?? []) {
        if (!Object.hasOwn(object, name)) continue;
        try {
          object[name] = visit(object[name], model.shapes[ref.shape], model);
        } catch (error) {
          if (error instanceof ShorthandDocumentError) {
            throw new ShorthandError(`Shorthand syntax does not support document types. Use JSON input for top-level argument to specify nested parameter: ${name}`);
          }
          throw error;
        }
      }
      return object;
    }
    case "list": {
      // A lone value becomes a one-element list as it is: the CLI does not convert it to the member's type.
      if (!Array.isArray(value)) return [value];
      const member = model.shapes[shape.member!.shape];
      return value.map((item) => visit(item, member, model));
    }
    case "map": {
      if (typeof value !== "object" || Array.isArray(value)) return value;
      const object = value as Record<string, unknown>;
      const valueShape = model.shapes[shape.value!.shape];
      for (const key of Object.keys(object)) object[key] = visit(object[key], valueShape, model);
      return object;
    }
    case "integer":
    case "long":
      return pythonInt(value);
    case "double":
    case "float": {
      const number = pythonFloat(value);
      return Number.isInteger(number) ? new PyFloat(number) : number;
    }
    case "boolean":
      if (typeof value === "string" && value.toLowerCase() === "true") return true;
      if (typeof value === "string" && value.toLowerCase() === "false") return false;
      return value;
    default:
      return value;
  }
}

class ShorthandDocumentError extends Error {}

/** Python's int(x) for a str (or a list, which Python refuses with a TypeError). */
export function pythonInt(value: unknown): number {
  if (typeof value !== "string") {
    throw new PythonValueError(`int() argument must be a string, a bytes-like object or a real number, not '${Array.isArray(value) ? "list" : "dict"}'`);
  }
  const text = value.trim().replaceAll("_", "");
  if (!/^[+-]?\d+$/.test(text) || /__|^_|_$/.test(value.trim())) {
    throw new PythonValueError(`invalid literal for int() with base 10: ${strReprShort(value)}`);
  }
  return Number(text);
}

/** Python's float(x) for a str. */
export function pythonFloat(value: unknown): number {
  if (typeof value !== "string") {
    throw new PythonValueError(`float() argument must be a string or a real number, not '${Array.isArray(value) ? "list" : "dict"}'`);
  }
  const text = value.trim().toLowerCase();
  if (/^[+-]?(inf|infinity)$/.test(text)) return text.startsWith("-") ? -Infinity : Infinity;
  if (/^[+-]?nan$/.test(text)) return NaN;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/.test(text)) throw new PythonValueError(`could not convert string to float: ${strReprShort(value)}`);
  return Number(text);
}

function strReprShort(value: string): string {
  const quote = value.includes("'") && !value.includes('"') ? '"' : "'";
  return quote + value.replaceAll("\\", "\\\\").replaceAll(quote, `\\${quote}`).replaceAll("\n", "\\n").replaceAll("\t", "\\t").replaceAll("\r", "\\r") + quote;
}
