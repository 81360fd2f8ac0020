import { UsageError } from "./io";

/**
 * An option that takes one of a fixed set of values (`--format json` or `--format=json`), any value (`value`
 * names it in messages, e.g. "URL"; `repeated` collects every occurrence into a list), or a flag.
 */
export type OptionSpec = { values: readonly string[] } | { value: string; repeated?: true } | { flag: true; alias?: string };

export interface ParsedArgs<S extends Record<string, OptionSpec>> {
  options: { [K in keyof S]?: S[K] extends { flag: true } ? boolean : S[K] extends { repeated: true } ? string[] : string };
  positionals: string[];
}

export function parseArgs<S extends Record<string, OptionSpec>>(args: readonly string[], spec: S): ParsedArgs<S> {
  const options: Record<string, string | boolean | string[]> = {};
  const positionals: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === "--") {
      positionals.push(...args.slice(i + 1));
      break;
    }
    if (!arg.startsWith("-") || arg === "-") {
      positionals.push(arg);
      continue;
    }
    const [rawName, inlineValue] = arg.startsWith("--") ? splitOnce(arg.slice(2)) : [aliasOf(spec, arg.slice(1)), undefined];
    const option = spec[rawName];
    if (!option) throw new UsageError(`unknown option '${arg}'`);
    if ("flag" in option) {
      if (inlineValue !== undefined) throw new UsageError(`option '--${rawName}' takes no value`);
      options[rawName] = true;
      continue;
    }
    const value = inlineValue ?? args[++i];
    const expected = "values" in option ? option.values.join(", ") : option.value;
    if (value === undefined) throw new UsageError(`option '--${rawName}' needs a value: ${expected}`);
    if ("values" in option && !option.values.includes(value)) {
      throw new UsageError(`option '--${rawName}' must be one of: ${expected} (got '${value}')`);
    }
    options[rawName] = "repeated" in option && option.repeated ? [...((options[rawName] as string[] | undefined) ?? []), value] : value;
  }
  return { options: options as ParsedArgs<S>["options"], positionals };
}

function splitOnce(text: string): [string, string | undefined] {
  const at = text.indexOf("=");
  return at < 0 ? [text, undefined] : [text.slice(0, at), text.slice(at + 1)];
}

function aliasOf(spec: Record<string, OptionSpec>, short: string): string {
  for (const [name, option] of Object.entries(spec)) {
    if ("flag" in option && option.alias === short) return name;
  }
  return short;
}
