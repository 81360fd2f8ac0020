/**
 * Tab completion for the terminal: given the line and the cursor, the word being typed and what it may become —
 * a service, an operation (or `wait` and a waiter), an option of the operation or a global one, or a value from a
 * fixed set (an enum member, --output's formats, `true`/`false`).
 */
import { buildArgumentTable } from "./arguments";
import { GLOBAL_OPTION_NAMES } from "./interpreter";
import { isKnownService, loadService, operationByCliName, SERVICE_NAMES, type ServiceModel, type Shape } from "./model";

export interface Completion {
  /** Where the word being completed starts in the line (replace line.slice(from, cursor) with a candidate). */
  from: number;
  /** Candidates, sorted, each the whole word. */
  candidates: string[];
}

const GLOBAL_VALUES: Record<string, string[]> = {
  "--output": ["json", "text", "table", "yaml", "yaml-stream"],
  "--color": ["on", "off", "auto"],
  "--cli-binary-format": ["base64", "raw-in-base64-out"],
};

/** Global options that take a value (the word after them is not a command). */
const GLOBAL_WITH_VALUE = new Set(["--endpoint-url", "--output", "--query", "--profile", "--region", "--color", "--ca-bundle", "--cli-read-timeout", "--cli-connect-timeout", "--cli-binary-format"]);

interface Word {
  text: string;
  start: number;
}

/** Words of the line before the cursor, simply split (completion needs positions, not shell semantics). */
function wordsBefore(line: string, cursor: number): Word[] {
  const words: Word[] = [];
  const text = line.slice(0, cursor);
  const pattern = /(?:[^\s"']+|"[^"]*"?|'[^']*'?)+/g;
  let match: RegExpExecArray | null;
  while ((match = pattern.exec(text))) words.push({ text: match[0], start: match.index });
  if (text.length === 0 || /\s$/.test(text)) words.push({ text: "", start: cursor });
  return words;
}

const startingWith = (prefix: string, candidates: Iterable<string>) => [...new Set(candidates)].filter((c) => c.startsWith(prefix)).sort();

function enumValues(shape: Shape | undefined, model: ServiceModel): string[] {
  if (!shape) return [];
  if (shape.enum) return shape.enum;
  if (shape.type === "list") return enumValues(model.shapes[shape.member!.shape], model);
  return [];
}

/** Completes the word at `cursor` (the end of the line when omitted). */
export async function complete(line: string, cursor = line.length): Promise<Completion> {
  const words = wordsBefore(line, cursor);
  const current = words.at(-1)!;
  const done = words.slice(0, -1).map((w) => w.text);
  const none = { from: current.start, candidates: [] };
  if (done.length === 0) return { from: current.start, candidates: startingWith(current.text, ["aws"]) };
  if (done[0] !== "aws") return none;
  // Positional words after `aws`, skipping global options and their values.
  const positional: string[] = [];
  for (let i = 1; i < done.length; i++) {
    const word = done[i];
    if (word.startsWith("--")) {
      if (GLOBAL_WITH_VALUE.has(word)) i++;
      continue;
    }
    positional.push(word);
  }
  const previous = done.at(-1)!;
  if (GLOBAL_VALUES[previous]) return { from: current.start, candidates: startingWith(current.text, GLOBAL_VALUES[previous]) };
  if (GLOBAL_WITH_VALUE.has(previous)) return none;
  if (current.text.startsWith("-") && positional.length < 2) return { from: current.start, candidates: startingWith(current.text, GLOBAL_OPTION_NAMES) };
  if (positional.length === 0) return { from: current.start, candidates: startingWith(current.text, [...SERVICE_NAMES, "help"]) };
  const serviceName = positional[0];
  if (!isKnownService(serviceName)) return none;
  const model = await loadService(serviceName);
  const hasWaiters = Object.keys(model.waiters).length > 0;
  if (positional.length === 1) {
    const operations = Object.values(model.operations).map((o) => o.cliName);
    return { from: current.start, candidates: startingWith(current.text, [...operations, ...(hasWaiters ? ["wait"] : []), "help"]) };
  }
  let operation = operationByCliName(model, positional[1])?.[1];
  let forWaiter = false;
  if (positional[1] === "wait") {
    if (positional.length === 2) return { from: current.start, candidates: startingWith(current.text, [...Object.values(model.waiters).map((w) => w.cliName), "help"]) };
    const waiter = Object.values(model.waiters).find((w) => w.cliName === positional[2]);
    operation = waiter ? model.operations[waiter.operation] : undefined;
    forWaiter = true;
  }
  if (!operation) return none;
  const table = buildArgumentTable(model, operation, { forWaiter });
  if (current.text.startsWith("-")) {
    const given = new Set(done.filter((w) => w.startsWith("--")));
    const options = table.arguments.map((a) => `--${a.name}`).filter((name) => !given.has(name));
    return { from: current.start, candidates: startingWith(current.text, [...options, ...GLOBAL_OPTION_NAMES]) };
  }
  // A value: the enum of the option before it (for a list option, of any option since the last one).
  const lastOption = [...done].reverse().find((w) => w.startsWith("--"));
  const argument = lastOption ? table.arguments.find((a) => `--${a.name}` === lastOption) : undefined;
  if (argument?.shape) {
    const values = argument.shape.type === "boolean" ? [] : enumValues(argument.shape, model);
    if (argument.shape.type !== "list" && previous !== lastOption) return none;
    return { from: current.start, candidates: startingWith(current.text, values) };
  }
  return none;
}
