/**
 * An operation's command-line arguments as the AWS CLI builds them from the model: one `--kebab-name` per top-level
 * input member (booleans as `--flag`/`--no-flag`), the paginator's `--starting-token`/`--page-size`/`--max-items`,
 * `--cli-input-json|yaml` and `--generate-cli-skeleton`; and the unpacking of each value — `file://`, JSON, shorthand,
 * space-separated lists, Python's int()/float() — into the call's parameters.
 */
import type { OptionSpec, ParserSpec } from "./argparse";
import { paramError, CliFailure, EXIT, generalFailure } from "./errors";
import type { Operation, ServiceModel, Shape } from "./model";
import { parsePyJson, PyJsonError, type PyValue } from "./python-values";
import { applyShorthandTypes, parseShorthand, pythonFloat, pythonInt, PythonValueError, ShorthandError } from "./shorthand";

export type ArgumentKind = "member" | "paging" | "cli-input-json" | "cli-input-yaml" | "generate-cli-skeleton";

export interface CliArgument {
  name: string;
  kind: ArgumentKind;
  /** For members: the input member it sets. For paging: StartingToken, PageSize or MaxItems. */
  member?: string;
  shape?: Shape;
  required: boolean;
  /** The summary of the member's documentation, for help and completion. */
  summary?: string;
}

const SCALAR = new Set(["string", "integer", "long", "boolean", "timestamp", "double", "float", "blob"]);

export function pyName(cliName: string): string {
  return cliName.replaceAll("-", "_");
}

export interface ArgumentTable {
  arguments: CliArgument[];
  parser: ParserSpec;
  /** The CLI names of the paginator's own input tokens and limit key (giving one turns pagination off). */
  pagingInputs: string[];
}

export function buildArgumentTable(model: ServiceModel, operation: Operation, options: { forWaiter?: boolean; requiredOff?: boolean } = {}): ArgumentTable {
  const args: CliArgument[] = [];
  const specs: OptionSpec[] = [];
  const input = operation.input ? model.shapes[operation.input] : undefined;
  for (const [member, ref] of input?.members ?? []) {
    const shape = model.shapes[ref.shape];
    const names = operation.arguments?.[member] ?? { name: member };
    const required = !options.requiredOff && (input?.required ?? []).includes(member) && !ref.idempotencyToken;
    const argument: CliArgument = { name: names.name, kind: "member", member, shape, required, summary: operation.memberSummaries?.[member] };
    args.push(argument);
    const dest = pyName(names.name);
    if (shape.type === "boolean") {
      specs.push({ dest, flag: `--${names.name}`, kind: "store_true", required, default: null });
      const negative = names.negative ?? `no-${names.name}`;
      args.push({ ...argument, name: negative, required: false });
      specs.push({ dest, flag: `--${negative}`, kind: "store_false", default: null });
    } else if (shape.type === "list") {
      specs.push({ dest, flag: `--${names.name}`, kind: "list", required });
    } else if (shape.type === "long") {
      specs.push({ dest, flag: `--${names.name}`, kind: "store", type: "int", required });
    } else if (shape.type === "double" || shape.type === "float") {
      specs.push({ dest, flag: `--${names.name}`, kind: "store", type: "float", required });
    } else {
      specs.push({ dest, flag: `--${names.name}`, kind: "store", required });
    }
  }
  const pagingInputs: string[] = [];
  const paginator = options.forWaiter ? undefined : operation.paginator;
  if (paginator) {
    const tokens = Array.isArray(paginator.input_token) ? paginator.input_token : [paginator.input_token];
    for (const token of [...tokens, ...(paginator.limit_key ? [paginator.limit_key] : [])]) {
      const name = operation.arguments?.[token]?.name;
      if (name) pagingInputs.push(name);
    }
    const limitShape = paginator.limit_key ? model.shapes[input!.members!.find(([m]) => m === paginator.limit_key)![1].shape] : undefined;
    const pageType = limitShape?.type === "string" ? undefined : "int";
    const addPaging = (name: string, member: string, type: "int" | undefined) => {
      const at = args.findIndex((a) => a.name === name);
      if (at >= 0) {
        args.splice(at, 1);
        specs.splice(
          specs.findIndex((s) => s.flag === `--${name}`),
          1,
        );
      }
      args.push({ name, kind: "paging", member, required: false });
      specs.push({ dest: pyName(name), flag: `--${name}`, kind: "store", type });
    };
    addPaging("starting-token", "StartingToken", undefined);
    if (paginator.limit_key) addPaging("page-size", "PageSize", pageType);
    addPaging("max-items", "MaxItems", pageType);
  }
  args.push({ name: "cli-input-json", kind: "cli-input-json", required: false }, { name: "cli-input-yaml", kind: "cli-input-yaml", required: false });
  specs.push({ dest: "cli_input_json", flag: "--cli-input-json", kind: "store" }, { dest: "cli_input_yaml", flag: "--cli-input-yaml", kind: "store" });
  if (!options.forWaiter) {
    args.push({ name: "generate-cli-skeleton", kind: "generate-cli-skeleton", required: false });
    specs.push({ dest: "generate_cli_skeleton", flag: "--generate-cli-skeleton", kind: "optional_const", constValue: "input", choices: ["input", "output", "yaml-input"] });
  }
  return { arguments: args, parser: { options: specs, positionals: [{ dest: "help", nargs: "optional" }] }, pagingInputs };
}

/** Reads `file://` and `fileb://` values through the injected reader, with the CLI's message when it cannot. */
export type FileReader = (path: string) => Promise<string>;

export async function loadParamFile(value: unknown, readFile: FileReader): Promise<unknown> {
  if (typeof value !== "string") return value;
  for (const prefix of ["file://", "fileb://"]) {
    if (!value.startsWith(prefix)) continue;
    const path = value.slice(prefix.length);
    try {
      return await readFile(path);
    } catch (error) {
      throw new ParamFileError(`Unable to load paramfile ${value}: ${(error as Error).message}`);
    }
  }
  return undefined;
}

export class ParamFileError extends Error {}

function looksLikeJson(value: string): boolean {
  const trimmed = value.trim();
  return trimmed.startsWith("[") || trimmed.startsWith("{");
}

function isComplex(shape: Shape, model: ServiceModel): boolean {
  if (shape.type === "list") return !SCALAR.has(model.shapes[shape.member!.shape].type);
  return shape.type === "structure" || shape.type === "map";
}

function supportsShorthand(shape: Shape, model: ServiceModel): boolean {
  if (shape.document) return false;
  if (shape.type === "list" && model.shapes[shape.member!.shape].document) return false;
  return isComplex(shape, model);
}

function unpackJson(cliName: string, value: string): PyValue {
  try {
    return parsePyJson(value);
  } catch (error) {
    if (error instanceof PyJsonError) throw paramError(cliName, `Invalid JSON: ${error.message}\nJSON received: ${value}`);
    throw error;
  }
}

/** _unpack_cli_arg: a value of `shape` from its command-line text (or list of texts). */
function unpackCliArg(shape: Shape, value: unknown, cliName: string, model: ServiceModel): unknown {
  if (shape.document) return unpackJson(cliName, String(value));
  if (SCALAR.has(shape.type)) return unpackScalar(shape, value);
  if (shape.type === "structure" || shape.type === "map") {
    const text = String(value);
    const first = text.trimStart()[0];
    if (first === undefined) throw generalFailure("string index out of range");
    if (first === "{") return unpackJson(cliName, text);
    throw paramError(cliName, `Invalid JSON:\n${text}`);
  }
  // list
  if (typeof value === "string") {
    const first = value.trimStart()[0];
    if (first === undefined) throw generalFailure("string index out of range");
    if (first === "[") return unpackJson(cliName, value);
  } else if (Array.isArray(value) && value.length === 1) {
    const single = String(value[0]).trim();
    if (single[0] === "[") return unpackJson(cliName, String(value[0]));
  }
  const member = model.shapes[shape.member!.shape];
  const items = typeof value === "string" ? Array.from(value) : (value as unknown[]);
  try {
    return items.map((item) => unpackCliArg(member, item, cliName, model));
  } catch (error) {
    if (error instanceof PythonValueError) throw paramError(cliName, String(items[0]));
    throw error;
  }
}

function unpackScalar(shape: Shape, value: unknown): unknown {
  switch (shape.type) {
    case "integer":
    case "long":
      return typeof value === "number" ? value : pythonInt(value);
    case "double":
    case "float":
      return typeof value === "number" ? value : pythonFloat(value);
    case "boolean":
      if (typeof value === "string" && value.toLowerCase() === "false") return false;
      return Boolean(value);
    default:
      return value;
  }
}

/** The value one argument contributes to the call, as the CLI unpacks it. */
export async function unpackArgument(argument: CliArgument, raw: unknown, model: ServiceModel, readFile: FileReader): Promise<unknown> {
  const cliName = `--${argument.name}`;
  let value = raw;
  // The CLI reads file:// for any argument whose value is one string (a list of one word included).
  const candidate = Array.isArray(value) && value.length === 1 ? value[0] : value;
  try {
    const loaded = await loadParamFile(candidate, readFile);
    if (loaded !== undefined) value = loaded;
  } catch (error) {
    if (error instanceof ParamFileError) throw paramError(cliName, error.message);
    throw error;
  }
  const shape = argument.shape!;
  if (shape.type === "boolean") return value;
  try {
    if (supportsShorthand(shape, model)) {
      const check = Array.isArray(value) && value.length > 0 ? value[0] : value;
      if (!(typeof check === "string" && looksLikeJson(check))) {
        if (shape.type === "structure" && shape.members?.length === 1 && shape.members[0][0] === "Value" && model.shapes[shape.members[0][1].shape].type === "string" && typeof value === "string" && !value.includes("=")) {
          return { Value: value };
        }
        try {
          if (Array.isArray(value)) {
            const parsed = value.map((v) => parseShorthand(String(v)));
            return applyShorthandTypes(parsed, shape, model);
          }
          return applyShorthandTypes(parseShorthand(String(value)), shape, model);
        } catch (error) {
          if (error instanceof ShorthandError) throw paramError(cliName, error.message);
          throw error;
        }
      }
    }
    return unpackCliArg(shape, value, cliName, model);
  } catch (error) {
    if (error instanceof PythonValueError) throw new CliFailure(EXIT.general, error.message);
    throw error;
  }
}
