/**
 * The AWS CLI is a Python program: what it prints about a value (in parameter validation errors, in text output) is
 * Python's str()/repr() of it, and the JSON it reads is parsed by Python's json module, whose error messages learners
 * see verbatim. This module reproduces those three things for the values the interpreter handles.
 */

/**
 * A JSON number written with a fraction or exponent whose value is whole (`1.0`, `2e3`): Python keeps it a float, so
 * botocore rejects it for an integer parameter and prints it as `1.0`. JavaScript would make it indistinguishable
 * from `1`.
 */
export class PyFloat {
  constructor(readonly value: number) {}
}

export type PyValue = null | boolean | number | string | PyFloat | PyValue[] | { [key: string]: PyValue };

export function isPyInt(value: unknown): value is number {
  return typeof value === "number" && Number.isInteger(value);
}

export function isPyFloat(value: unknown): boolean {
  return value instanceof PyFloat || (typeof value === "number" && !Number.isInteger(value));
}

export function isDict(value: unknown): value is Record<string, PyValue> {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof PyFloat);
}

/** Python's repr() of a float: shortest round-trip digits, `1.0` for whole numbers, `1e-05` style exponents. */
export function floatRepr(value: number): string {
  if (Number.isNaN(value)) return "nan";
  if (!Number.isFinite(value)) return value > 0 ? "inf" : "-inf";
  if (Number.isInteger(value) && Math.abs(value) < 1e16) return `${value}.0`;
  const abs = Math.abs(value);
  if (abs >= 1e16 || abs < 1e-4) {
    const [mantissa, exponent] = value.toExponential().split("e");
    const exp = Number(exponent);
    return `${mantissa}e${exp < 0 ? "-" : "+"}${String(Math.abs(exp)).padStart(2, "0")}`;
  }
  return String(value);
}

function numberText(value: number | PyFloat): string {
  if (value instanceof PyFloat) return floatRepr(value.value);
  return Number.isInteger(value) ? String(value) : floatRepr(value);
}

/** Python's repr() of a str. */
export function strRepr(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let out = quote;
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (char === quote || char === "\\") out += `\\${char}`;
    else if (char === "\n") out += "\\n";
    else if (char === "\r") out += "\\r";
    else if (char === "\t") out += "\\t";
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, "0")}`;
    else if (code >= 0x80 && code < 0xa0) out += `\\x${code.toString(16).padStart(2, "0")}`;
    else out += char;
  }
  return out + quote;
}

export function pyRepr(value: unknown): string {
  if (value === null || value === undefined) return "None";
  if (value === true) return "True";
  if (value === false) return "False";
  if (typeof value === "number" || value instanceof PyFloat) return numberText(value);
  if (typeof value === "string") return strRepr(value);
  if (Array.isArray(value)) return `[${value.map(pyRepr).join(", ")}]`;
  if (typeof value === "object") return `{${Object.entries(value).map(([k, v]) => `${strRepr(k)}: ${pyRepr(v)}`).join(", ")}}`;
  return String(value);
}

/** Python's str(): a string as itself, anything else as its repr. */
export function pyStr(value: unknown): string {
  return typeof value === "string" ? value : pyRepr(value);
}

/** The class name botocore's validator prints for a value (`<class 'str'>`). */
export function pyTypeName(value: unknown): string {
  if (value === null || value === undefined) return "<class 'NoneType'>";
  if (typeof value === "boolean") return "<class 'bool'>";
  if (typeof value === "string") return "<class 'str'>";
  if (isPyInt(value)) return "<class 'int'>";
  if (isPyFloat(value)) return "<class 'float'>";
  if (Array.isArray(value)) return "<class 'list'>";
  return "<class 'dict'>";
}

/** Replaces PyFloat markers by plain numbers, for JMESPath and the wire. */
export function plain(value: unknown): unknown {
  if (value instanceof PyFloat) return value.value;
  if (Array.isArray(value)) return value.map(plain);
  if (isDict(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  return value;
}

// ---------------------------------------------------------------------------------------------------------------
// json.loads with Python's error messages.

export class PyJsonError extends Error {}

const WHITESPACE = new Set([" ", "\t", "\n", "\r"]);
const NUMBER = /^(-?(?:0|[1-9]\d*))(\.\d+)?([eE][-+]?\d+)?/;

/** json.loads(text) as Python reads it: the same values (objects keep key order, last duplicate wins) and errors. */
export function parsePyJson(text: string): PyValue {
  let i = 0;
  const position = (at: number) => {
    const before = text.slice(0, at);
    const line = before.split("\n").length;
    const column = line === 1 ? at + 1 : at - before.lastIndexOf("\n");
    return `line ${line} column ${column} (char ${at})`;
  };
  const fail = (message: string, at: number): never => {
    throw new PyJsonError(`${message}: ${position(at)}`);
  };
  const skip = () => {
    while (i < text.length && WHITESPACE.has(text[i])) i++;
  };
  const parseString = (): string => {
    const start = i - 1; // the opening quote
    let out = "";
    for (;;) {
      if (i >= text.length) fail("Unterminated string starting at", start);
      const char = text[i];
      if (char === '"') {
        i++;
        return out;
      }
      if (char === "\\") {
        const escape = text[i + 1];
        if (escape === undefined) fail("Unterminated string starting at", start);
        const simple: Record<string, string> = { '"': '"', "\\": "\\", "/": "/", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t" };
        if (escape in simple) {
          out += simple[escape];
          i += 2;
          continue;
        }
        if (escape === "u") {
          const hex = text.slice(i + 2, i + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail("Invalid \\uXXXX escape", i + 1);
          let code = parseInt(hex, 16);
          i += 6;
          if (code >= 0xd800 && code <= 0xdbff && text[i] === "\\" && text[i + 1] === "u") {
            const low = text.slice(i + 2, i + 6);
            if (/^[0-9a-fA-F]{4}$/.test(low) && parseInt(low, 16) >= 0xdc00 && parseInt(low, 16) <= 0xdfff) {
              code = 0x10000 + ((code - 0xd800) << 10) + (parseInt(low, 16) - 0xdc00);
              i += 6;
            }
          }
          out += String.fromCodePoint(code);
          continue;
        }
        fail("Invalid \\escape", i);
      }
      if (char.charCodeAt(0) < 0x20) fail("Invalid control character at", i);
      out += char;
      i++;
    }
  };
  const parseValue = (depth: number): PyValue => {
    if (depth > 900) throw new PyJsonError("maximum recursion depth exceeded while decoding a JSON document");
    const char = text[i];
    if (char === '"') {
      i++;
      return parseString();
    }
    if (char === "{") {
      const object: Record<string, PyValue> = {};
      i++;
      skip();
      if (text[i] === "}") {
        i++;
        return object;
      }
      for (;;) {
        if (text[i] !== '"') fail("Expecting property name enclosed in double quotes", i);
        i++;
        const key = parseString();
        skip();
        if (text[i] !== ":") fail("Expecting ':' delimiter", i);
        i++;
        skip();
        const value = parseValueAt(depth + 1);
        // A repeated key keeps its first position and takes the last value, as in Python; defineProperty keeps
        // "__proto__" an ordinary key.
        Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
        skip();
        if (text[i] === "}") {
          i++;
          return object;
        }
        if (text[i] !== ",") fail("Expecting ',' delimiter", i);
        i++;
        skip();
        if (text[i] !== '"') fail("Expecting property name enclosed in double quotes", i);
      }
    }
    if (char === "[") {
      const list: PyValue[] = [];
      i++;
      skip();
      if (text[i] === "]") {
        i++;
        return list;
      }
      for (;;) {
        list.push(parseValueAt(depth + 1));
        skip();
        if (text[i] === "]") {
          i++;
          return list;
        }
        if (text[i] !== ",") fail("Expecting ',' delimiter", i);
        i++;
        skip();
      }
    }
    for (const [word, value] of [["null", null], ["true", true], ["false", false], ["NaN", NaN], ["Infinity", Infinity], ["-Infinity", -Infinity]] as const) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return value;
      }
    }
    const number = NUMBER.exec(text.slice(i, i + 400));
    if (number) {
      i += number[0].length;
      const value = Number(number[0]);
      if (number[2] === undefined && number[3] === undefined) return value;
      return Number.isInteger(value) ? new PyFloat(value) : value;
    }
    return fail("Expecting value", i);
  };
  const parseValueAt = (depth: number): PyValue => {
    if (i >= text.length) fail("Expecting value", i);
    return parseValue(depth);
  };
  skip();
  const value = parseValueAt(0);
  skip();
  if (i !== text.length) fail("Extra data", i);
  return value;
}

// ---------------------------------------------------------------------------------------------------------------
// json.dumps

function jsonString(text: string): string {
  // JSON.stringify escapes exactly the characters Python's json escapes with ensure_ascii=False (", \, control
  // characters), with the same short forms (\n, \t …) and lowercase \u00XX.
  return JSON.stringify(text);
}

/**
 * json.dumps(value, indent, ensure_ascii=False) as Python writes it: `indent` undefined gives the one-line form with
 * `, ` and `: ` separators.
 */
export function dumpsPyJson(value: unknown, indent?: number): string {
  const write = (item: unknown, level: number): string => {
    if (item === null || item === undefined) return "null";
    if (item === true) return "true";
    if (item === false) return "false";
    if (item instanceof PyFloat) return floatRepr(item.value);
    if (typeof item === "number") {
      if (Number.isNaN(item)) return "NaN";
      if (!Number.isFinite(item)) return item > 0 ? "Infinity" : "-Infinity";
      return numberText(item);
    }
    if (typeof item === "string") return jsonString(item);
    const entries: [string | undefined, unknown][] = Array.isArray(item) ? item.map((v) => [undefined, v]) : Object.entries(item as object);
    const [open, close] = Array.isArray(item) ? ["[", "]"] : ["{", "}"];
    if (entries.length === 0) return open + close;
    const parts = entries.map(([key, v]) => (key === undefined ? "" : `${jsonString(key)}: `) + write(v, level + 1));
    if (indent === undefined) return open + parts.join(", ") + close;
    const pad = " ".repeat(indent * (level + 1));
    return `${open}\n${pad}${parts.join(`,\n${pad}`)}\n${" ".repeat(indent * level)}${close}`;
  };
  return write(value, 0);
}
