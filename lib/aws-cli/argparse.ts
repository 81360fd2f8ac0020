/**
 * The AWS CLI reads its command line with Python's argparse (parse_known_args at three levels: global options and
 * the service, the operation, its arguments). Learners meet argparse's behaviour directly — unique prefixes of long
 * options work (`--clus` for `--clusters`), an ambiguous one is an error, a list option takes every following word
 * that is not an option, a stray word becomes "Unknown options" — so this is a small re-implementation of the parts
 * the CLI uses, with argparse's messages.
 */
import { pythonFloat, pythonInt, PythonValueError } from "./shorthand";

export type ArgKind = "store" | "store_true" | "store_false" | "list" | "optional_const";

export interface OptionSpec {
  dest: string;
  /** The one option string (`--cluster`). */
  flag: string;
  kind: ArgKind;
  type?: "int" | "float";
  choices?: readonly string[];
  required?: boolean;
  default?: unknown;
  /** For "optional_const" (`--generate-cli-skeleton [input]`): the value when given without one. */
  constValue?: string;
}

export interface PositionalSpec {
  dest: string;
  /** "one": exactly one word; "optional": zero or one. */
  nargs: "one" | "optional";
  choices?: readonly string[];
}

export interface ParserSpec {
  options: OptionSpec[];
  positionals: PositionalSpec[];
}

export class ArgParseError extends Error {}

export interface Parsed {
  values: Record<string, unknown>;
  /** Which dests the command line set (argparse's "seen actions"). */
  seen: Set<string>;
  extras: string[];
}

const NEGATIVE_NUMBER = /^-\d+$|^-\d*\.\d+$/;

type OptionMatch = { spec: OptionSpec | undefined; text: string; explicit: string | undefined };

function matchOption(parser: ParserSpec, byFlag: Map<string, OptionSpec>, arg: string): OptionMatch | undefined {
  if (!arg || arg[0] !== "-") return undefined;
  const exact = byFlag.get(arg);
  if (exact) return { spec: exact, text: arg, explicit: undefined };
  if (arg.length === 1) return undefined;
  if (arg.includes("=")) {
    const at = arg.indexOf("=");
    const spec = byFlag.get(arg.slice(0, at));
    if (spec) return { spec, text: arg.slice(0, at), explicit: arg.slice(at + 1) };
  }
  if (arg.startsWith("--")) {
    const at = arg.indexOf("=");
    const prefix = at < 0 ? arg : arg.slice(0, at);
    const matches = parser.options.filter((o) => o.flag.startsWith(prefix));
    if (matches.length > 1) throw new ArgParseError(`ambiguous option: ${arg} could match ${matches.map((o) => o.flag).join(", ")}`);
    if (matches.length === 1) return { spec: matches[0], text: matches[0].flag, explicit: at < 0 ? undefined : arg.slice(at + 1) };
  }
  if (NEGATIVE_NUMBER.test(arg)) return undefined;
  if (arg.includes(" ")) return undefined;
  return { spec: undefined, text: arg, explicit: undefined };
}

/** The CLI's message for a value outside a fixed set: the choices in two columns of 40, and close matches. */
export function invalidChoiceMessage(value: string, choices: readonly string[]): string {
  const lines = ["Invalid choice, valid choices are:\n"];
  for (let i = 0; i < choices.length; i += 2) lines.push(choices.slice(i, i + 2).map((c) => c.padEnd(40)).join(" | "));
  const close = closeMatches(value, choices);
  if (close.length > 0) lines.push(`\n\nInvalid choice: ${pyQuote(value)}, maybe you meant:\n`, ...close.map((c) => `  * ${c}`));
  return lines.join("\n");
}

function pyQuote(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  return quote + text.replaceAll("\\", "\\\\").replaceAll(quote, `\\${quote}`) + quote;
}

/** difflib.get_close_matches(word, possibilities, n=3, cutoff=0.8). */
export function closeMatches(word: string, possibilities: readonly string[]): string[] {
  const scored: [number, string][] = [];
  for (const candidate of possibilities) {
    const ratio = sequenceRatio(word, candidate);
    if (ratio >= 0.8) scored.push([ratio, candidate]);
  }
  scored.sort((a, b) => b[0] - a[0] || (b[1] < a[1] ? -1 : b[1] > a[1] ? 1 : 0));
  return scored.slice(0, 3).map(([, candidate]) => candidate);
}

/** difflib.SequenceMatcher(None, a, b).ratio(): 2·matches / (len a + len b), matches found by longest common blocks. */
function sequenceRatio(a: string, b: string): number {
  if (a.length + b.length === 0) return 1;
  if (a.length > 200 || b.length > 200) return 0;
  const matches = (aLo: number, aHi: number, bLo: number, bHi: number): number => {
    let best = 0;
    let bestI = aLo;
    let bestJ = bLo;
    for (let i = aLo; i < aHi; i++) {
      for (let j = bLo; j < bHi; j++) {
        let k = 0;
        while (i + k < aHi && j + k < bHi && a[i + k] === b[j + k]) k++;
        if (k > best) {
          best = k;
          bestI = i;
          bestJ = j;
        }
      }
    }
    if (best === 0) return 0;
    return best + matches(aLo, bestI, bLo, bestJ) + matches(bestI + best, aHi, bestJ + best, bHi);
  };
  return (2 * matches(0, a.length, 0, b.length)) / (a.length + b.length);
}

function convert(spec: OptionSpec, value: string): unknown {
  try {
    if (spec.type === "int") return pythonInt(value);
    if (spec.type === "float") return pythonFloat(value);
  } catch (error) {
    if (error instanceof PythonValueError) throw new ArgParseError(`argument ${spec.flag}: invalid ${spec.type} value: ${pyQuote(value)}`);
    throw error;
  }
  if (spec.choices && !spec.choices.includes(value)) throw new ArgParseError(`argument ${spec.flag}: ${invalidChoiceMessage(value, spec.choices)}`);
  return value;
}

/** argparse's parse_known_args over `args` for `parser`; throws ArgParseError with argparse's message. */
export function parseKnownArgs(parser: ParserSpec, args: readonly string[]): Parsed {
  const byFlag = new Map(parser.options.map((o) => [o.flag, o]));
  const values: Record<string, unknown> = {};
  for (const option of parser.options) {
    if (option.dest in values) continue;
    if ("default" in option) values[option.dest] = option.default;
    else values[option.dest] = option.kind === "store_true" ? false : option.kind === "store_false" ? true : null;
  }
  const seen = new Set<string>();
  const extras: string[] = [];
  const positionals = [...parser.positionals];
  // Classify every word once: an option (known or not) or an argument.
  let afterDoubleDash = false;
  const words: { text: string; option?: OptionMatch }[] = [];
  for (const arg of args) {
    if (afterDoubleDash) {
      words.push({ text: arg });
      continue;
    }
    if (arg === "--") {
      afterDoubleDash = true;
      continue;
    }
    words.push({ text: arg, option: matchOption(parser, byFlag, arg) });
  }
  const consumePositionals = (run: string[]): string[] => {
    let index = 0;
    while (positionals.length > 0) {
      const positional = positionals[0];
      if (positional.nargs === "one" && index >= run.length) break;
      positionals.shift();
      if (index < run.length) {
        const value = run[index++];
        if (positional.choices && !positional.choices.includes(value)) {
          throw new ArgParseError(`argument ${positional.dest}: ${invalidChoiceMessage(value, positional.choices)}`);
        }
        values[positional.dest] = value;
        seen.add(positional.dest);
      } else {
        values[positional.dest] = null;
      }
    }
    return run.slice(index);
  };
  let i = 0;
  while (i < words.length) {
    if (!words[i].option) {
      const run: string[] = [];
      while (i < words.length && !words[i].option) run.push(words[i++].text);
      extras.push(...consumePositionals(run));
      continue;
    }
    const { spec, text, explicit } = words[i].option!;
    i++;
    if (!spec) {
      extras.push(text);
      continue;
    }
    seen.add(spec.dest);
    if (spec.kind === "store_true" || spec.kind === "store_false") {
      if (explicit !== undefined) throw new ArgParseError(`argument ${spec.flag}: ignored explicit argument ${pyQuote(explicit)}`);
      values[spec.dest] = spec.kind === "store_true";
      continue;
    }
    if (explicit !== undefined) {
      values[spec.dest] = spec.kind === "list" ? [convert(spec, explicit)] : convert(spec, explicit);
      continue;
    }
    if (spec.kind === "list") {
      const list: unknown[] = [];
      while (i < words.length && !words[i].option) list.push(convert(spec, words[i++].text));
      values[spec.dest] = list;
      continue;
    }
    if (i < words.length && !words[i].option) {
      values[spec.dest] = convert(spec, words[i++].text);
    } else if (spec.kind === "optional_const") {
      values[spec.dest] = spec.constValue;
    } else {
      throw new ArgParseError(`argument ${spec.flag}: expected one argument`);
    }
  }
  consumePositionals([]);
  const missing = [
    ...parser.options.filter((o) => o.required && !seen.has(o.dest)).map((o) => o.flag),
    ...parser.positionals.filter((p) => p.nargs === "one" && !seen.has(p.dest)).map((p) => p.dest),
  ];
  if (missing.length > 0) throw new ArgParseError(`the following arguments are required: ${missing.join(", ")}`);
  return { values, seen, extras };
}
