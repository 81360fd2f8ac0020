/**
 * The AWS CLI v2 command line, interpreted: `aws [global options] <service> <operation> [arguments]` → parse like the
 * CLI (argparse at three levels), unpack and validate the parameters, call the service through the injected
 * transport (signed, in its protocol), page or wait, and print in the chosen output format — the same text and exit
 * code the real CLI gives. No I/O of its own: the transport, files, environment, clock and sleep are injected, so the
 * browser terminal and `npx ecs-dojo aws` run the same code.
 */
import * as jmespath from "./jmespath";
import { ArgParseError, invalidChoiceMessage, parseKnownArgs, type OptionSpec, type ParserSpec } from "./argparse";
import { buildArgumentTable, loadParamFile, ParamFileError, pyName, unpackArgument, type FileReader } from "./arguments";
import { callOperation, callOrFail, InterruptedError, type CallContext, type Send } from "./call";
import { CliFailure, EXIT, generalFailure, paramError, paramFailure, ServiceFailure, unknownOptionsFailure, usageFailure } from "./errors";
import { operationHelp, serviceHelp, topHelp, waitHelp } from "./help";
import { isKnownService, loadService, operationByCliName, SERVICE_NAMES, type Operation, type ServiceModel } from "./model";
import { formatTable, TableError } from "./output/table";
import { FormatError, formatText } from "./output/text";
import { formatYaml } from "./output/yaml";
import { paginate, PaginationLoopError, setValue } from "./paginate";
import { querySyntaxError } from "./query-syntax";
import { dumpsPyJson, isDict, parsePyJson, plain, PyJsonError } from "./python-values";
import { inputSkeleton, outputSkeleton } from "./skeleton";
import { localTimeZoneOffset, type TimeZoneOffset } from "./timestamps";
import { validateParameters } from "./validate";
import { runWaiter, WaiterFailure } from "./waiter";

export type { HttpRequest, HttpResponse, Send } from "./call";

/** What the interpreter may use of the world around it. */
export interface AwsCliEnvironment {
  /** Sends one signed request (the terminal: fetch to /aws; Node: fetch to the sandbox). */
  send: Send;
  /** Reads a `file://` path (the lesson's editor files, the learner's file area, or the disk in Node). */
  readFile: FileReader;
  /** AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN, AWS_REGION, AWS_DEFAULT_REGION, AWS_ENDPOINT_URL, AWS_DEFAULT_OUTPUT. */
  env: Record<string, string | undefined>;
  now?: () => Date;
  /** Waits between a waiter's polls and between retries; must end early (resolve) when `signal` aborts. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
  uuid?: () => string;
  timeZoneOffset?: TimeZoneOffset;
  /** Columns of the terminal (the table output wraps to it); the CLI uses 80 when stdout is not a terminal. */
  terminalWidth?: number;
  /** Whether the output goes to a terminal: `--color auto` (the default) then colours tables, as the CLI does on a TTY. */
  isTerminal?: boolean;
}

export interface RunOptions {
  /** Aborting ends the command as Ctrl-C does (exit code 130). */
  signal?: AbortSignal;
  /** Called for every request sent, after signing. */
  onRequest?: CallContext["onRequest"];
}

export interface RunResult {
  exitCode: number;
  stdout: string;
  stderr: string;
  /** Set when the interpreter met an exception it did not expect (a bug of its own, printed like the CLI's crash). */
  internalError?: string;
  /** The service's error, when the command failed with one (exit 254): for a localized explanation under AWS's text. */
  serviceError?: { code: string; operation: string; message: string };
}

const VERSION = "aws-cli/2.9.19 (ECS Dojo interpreter)";

const GLOBAL_OPTIONS: OptionSpec[] = [
  { dest: "debug", flag: "--debug", kind: "store_true" },
  { dest: "endpoint_url", flag: "--endpoint-url", kind: "store" },
  { dest: "verify_ssl", flag: "--no-verify-ssl", kind: "store_false" },
  { dest: "paginate", flag: "--no-paginate", kind: "store_false" },
  { dest: "output", flag: "--output", kind: "store", choices: ["json", "text", "table", "yaml", "yaml-stream"] },
  { dest: "query", flag: "--query", kind: "store" },
  { dest: "profile", flag: "--profile", kind: "store" },
  { dest: "region", flag: "--region", kind: "store" },
  { dest: "version", flag: "--version", kind: "store_true" },
  { dest: "color", flag: "--color", kind: "store", choices: ["on", "off", "auto"], default: "auto" },
  { dest: "sign_request", flag: "--no-sign-request", kind: "store_false" },
  { dest: "ca_bundle", flag: "--ca-bundle", kind: "store" },
  { dest: "read_timeout", flag: "--cli-read-timeout", kind: "store", type: "int" },
  { dest: "connect_timeout", flag: "--cli-connect-timeout", kind: "store", type: "int" },
  { dest: "cli_binary_format", flag: "--cli-binary-format", kind: "store", choices: ["base64", "raw-in-base64-out"] },
  { dest: "no_cli_pager", flag: "--no-cli-pager", kind: "store_true" },
  { dest: "cli_auto_prompt", flag: "--cli-auto-prompt", kind: "store_true" },
  { dest: "no_cli_auto_prompt", flag: "--no-cli-auto-prompt", kind: "store_true" },
];

export const GLOBAL_OPTION_NAMES: readonly string[] = GLOBAL_OPTIONS.map((o) => o.flag);

/** Custom commands the real CLI adds to a service's command table (named so the invalid-choice list matches). */
const CUSTOM_COMMANDS: Record<string, string[]> = { ecs: ["deploy"], ecr: ["get-login-password"], logs: ["tail"] };

interface Globals {
  color: boolean;
  profile?: string;
  endpointUrl?: string;
  paginate: boolean;
  output: string;
  query?: string;
  region?: string;
  signRequest: boolean;
}

class Output {
  stdout = "";
  write(text: string): void {
    this.stdout += text;
  }
}

/** Runs one command line (the words after `aws`). Never throws: every failure is an exit code and stderr. */
export async function runAws(argv: readonly string[], environment: AwsCliEnvironment, options: RunOptions = {}): Promise<RunResult> {
  const out = new Output();
  try {
    const code = await run(argv, environment, options, out);
    return { exitCode: code, stdout: out.stdout, stderr: "" };
  } catch (error) {
    if (error instanceof InterruptedError || options.signal?.aborted) return { exitCode: EXIT.interrupted, stdout: `${out.stdout}\n`, stderr: "" };
    if (error instanceof ServiceFailure) {
      return { exitCode: error.exitCode, stdout: out.stdout, stderr: error.stderr(), serviceError: { code: error.code, operation: error.operation, message: error.serviceMessage } };
    }
    if (error instanceof CliFailure) return { exitCode: error.exitCode, stdout: out.stdout, stderr: error.stderr() };
    if (error instanceof FormatError || error instanceof TableError) return { exitCode: EXIT.general, stdout: out.stdout, stderr: `\n${error.message}\n` };
    // A bug of the interpreter still ends like the CLI ends on an unexpected Python exception.
    const message = error instanceof Error ? error.message : String(error);
    return { exitCode: EXIT.general, stdout: out.stdout, stderr: `\n${message}\n`, internalError: error instanceof Error && error.stack ? error.stack : message };
  }
}

function parse(parser: ParserSpec, args: readonly string[]) {
  try {
    return parseKnownArgs(parser, args);
  } catch (error) {
    if (error instanceof ArgParseError) throw usageFailure(error.message);
    throw error;
  }
}

async function run(argv: readonly string[], environment: AwsCliEnvironment, options: RunOptions, out: Output): Promise<number> {
  // argparse's version action prints and exits as soon as it is read, before any check of the rest of the line.
  if (argv.includes("--version")) {
    out.write(`${VERSION}\n`);
    return EXIT.ok;
  }
  const main = parse({ options: GLOBAL_OPTIONS, positionals: [{ dest: "command", nargs: "one", choices: [...SERVICE_NAMES, "configure", "help"] }] }, argv);
  const color = main.values.color as string;
  const globals: Globals = {
    color: color === "on" || (color === "auto" && environment.isTerminal === true),
    profile: (main.values.profile as string | null) ?? environment.env.AWS_PROFILE ?? undefined,
    endpointUrl: (main.values.endpoint_url as string | null) ?? environment.env.AWS_ENDPOINT_URL ?? undefined,
    paginate: main.values.paginate as boolean,
    output: (main.values.output as string | null) ?? environment.env.AWS_DEFAULT_OUTPUT ?? "json",
    query: (main.values.query as string | null) ?? undefined,
    region: (main.values.region as string | null) ?? environment.env.AWS_REGION ?? environment.env.AWS_DEFAULT_REGION ?? undefined,
    signRequest: main.values.sign_request as boolean,
  };
  if (globals.query !== undefined) compileQuery(globals.query);
  if (main.values.endpoint_url !== null && !/^[A-Za-z][A-Za-z0-9+.-]*:/.test(String(main.values.endpoint_url))) {
    throw paramFailure(`Bad value for --endpoint-url "${main.values.endpoint_url}": scheme is missing.  Must be of the form http://<hostname>/ or https://<hostname>/`);
  }
  const command = main.values.command as string;
  if (command === "help") {
    out.write(topHelp(SERVICE_NAMES));
    return EXIT.ok;
  }
  if (command === "configure") {
    // Learners type it out of habit; there is nothing to configure here (the keys, Region and endpoint are given).
    throw new CliFailure(EXIT.configuration, "aws configure is not needed here: this CLI already signs with your sandbox's keys, in its Region, at its endpoint.");
  }
  if (!isKnownService(command)) throw usageFailure(`argument command: ${invalidChoiceMessage(command, [...SERVICE_NAMES, "help"])}`);
  const model = await loadService(command);
  const commands = [...model.allOperations, ...(CUSTOM_COMMANDS[command] ?? []), ...(Object.keys(model.waiters).length > 0 ? ["wait"] : []), "help"];
  const service = parse({ options: [], positionals: [{ dest: "operation", nargs: "one", choices: commands }] }, main.extras);
  const operationName = service.values.operation as string;
  if (operationName === "help") {
    out.write(serviceHelp(model));
    return EXIT.ok;
  }
  if (operationName === "wait") return runWait(model, service.extras, globals, environment, options, out);
  const found = operationByCliName(model, operationName);
  if (!found) {
    throw paramFailure(
      `aws ${command} ${operationName} is not available in this terminal: the sandbox does not emulate it. Use \`aws ${command} help\` for the commands it runs.`,
    );
  }
  const [apiName, operation] = found;
  return runOperation(model, apiName, operation, service.extras, globals, environment, options, out);
}

function compileQuery(query: string): void {
  const syntaxError = querySyntaxError(query);
  if (syntaxError !== undefined) throw paramFailure(`Bad value for --query ${query}: ${syntaxError}`);
  try {
    jmespath.compile(query);
  } catch (error) {
    throw paramFailure(`Bad value for --query ${query}: Invalid jmespath expression: ${(error as Error).message}`);
  }
}

function applyQuery(query: string | undefined, value: unknown): unknown {
  if (query === undefined) return value;
  try {
    return jmespath.search(plain(value), query);
  } catch (error) {
    // A query that fails on this answer (a function given the wrong type): Python's jmespath raises, the CLI exits 255.
    throw generalFailure(pythonQueryError((error as Error).message));
  }
}

/** The jmespath package's arity errors in Python jmespath's words; other messages as they are. */
function pythonQueryError(message: string): string {
  const arity = /^ArgumentError: (\w+)\(\) takes (at least ?)?(\d+) arguments? but received (\d+)$/.exec(message);
  if (!arity) return message;
  const [, name, atLeast, expected, received] = arity;
  return `Expected ${atLeast ? "at least " : ""}${expected} argument${expected === "1" ? "" : "s"} for function ${name}(), received ${received}`;
}

interface Prepared {
  params: Record<string, unknown>;
  paging: { maxItems?: number; pageSize?: number; startingToken?: string };
  paginate: boolean;
  skeleton?: string;
}

/** Parses an operation's arguments into its call parameters, as the CLI does before sending. */
async function prepare(model: ServiceModel, operation: Operation, args: readonly string[], globals: Globals, environment: AwsCliEnvironment, forWaiter: boolean, helpTitle: string, out: Output): Promise<Prepared | undefined> {
  const requiredOff = args.includes("--cli-input-json") || args.includes("--cli-input-yaml") || args.includes("--generate-cli-skeleton");
  const table = buildArgumentTable(model, operation, { forWaiter, requiredOff });
  if (args.length === 1 && args[0] === "help") {
    out.write(operationHelp(model, operation, table, helpTitle));
    return undefined;
  }
  const parsed = parse(table.parser, args);
  if (parsed.values.help === "help") {
    out.write(operationHelp(model, operation, table, helpTitle));
    return undefined;
  }
  const extras = [...parsed.extras];
  if (parsed.values.help) extras.push(String(parsed.values.help));
  if (extras.length > 0) throw unknownOptionsFailure(extras);
  let paginateOn = globals.paginate && Boolean(operation.paginator) && !forWaiter;
  for (const name of table.pagingInputs) if (parsed.values[pyName(name)] !== null && parsed.values[pyName(name)] !== undefined) paginateOn = false;
  if (!paginateOn && operation.paginator && !forWaiter) {
    const used = ["starting-token", "page-size", "max-items"].filter((n) => parsed.values[pyName(n)] !== null && parsed.values[pyName(n)] !== undefined && !table.pagingInputs.includes(n));
    if (used.length > 0) throw paramFailure(`Cannot specify --no-paginate along with pagination arguments: ${used.map((n) => `--${n}`).join(", ")}`);
  }
  const params: Record<string, unknown> = {};
  const paging: Prepared["paging"] = {};
  for (const argument of table.arguments) {
    const value = parsed.values[pyName(argument.name)];
    if (argument.kind === "paging") {
      if (value === null || value === undefined) continue;
      if (argument.member === "MaxItems") paging.maxItems = value as number;
      if (argument.member === "PageSize") paging.pageSize = value as number;
      if (argument.member === "StartingToken") paging.startingToken = value as string;
      continue;
    }
    if (argument.kind !== "member" || value === null || value === undefined) continue;
    // A boolean's --flag and --no-flag share one destination: the first of the pair sets it.
    if (argument.shape?.type === "boolean" && Object.hasOwn(params, argument.member!)) continue;
    params[argument.member!] = await unpackArgument(argument, value, model, environment.readFile);
  }
  const cliInputJson = parsed.values.cli_input_json as string | null;
  const cliInputYaml = parsed.values.cli_input_yaml as string | null;
  if (cliInputJson !== null || cliInputYaml !== null) {
    if (cliInputJson !== null && cliInputYaml !== null) throw paramFailure("Only one --cli-input- parameter may be specified.");
    const name = cliInputJson !== null ? "cli-input-json" : "cli-input-yaml";
    const raw = (cliInputJson ?? cliInputYaml)!;
    let text: string;
    try {
      text = ((await loadParamFile(raw, environment.readFile)) as string | undefined) ?? raw;
    } catch (error) {
      if (error instanceof ParamFileError) throw paramError(`--${name}`, error.message);
      throw error;
    }
    let loaded: unknown;
    if (name === "cli-input-json") {
      try {
        loaded = parsePyJson(text);
      } catch (error) {
        if (error instanceof PyJsonError) throw paramError(name, "Invalid JSON received.");
        throw error;
      }
    } else {
      try {
        // Loaded only here: the browser terminal does not download a YAML parser for a rarely used option.
        const { parse: parseYamlDocument } = await import("yaml");
        loaded = parseYamlDocument(text);
      } catch {
        throw paramError(name, "Invalid YAML received.");
      }
    }
    if (!isDict(loaded)) throw paramError(`--${name}`, `Invalid type: expecting map, received ${loaded === null ? "<class 'NoneType'>" : Array.isArray(loaded) ? "<class 'list'>" : `<class '${typeof loaded === "string" ? "str" : typeof loaded === "boolean" ? "bool" : typeof loaded === "number" ? (Number.isInteger(loaded) ? "int" : "float") : "dict"}'>`}`);
    for (const [key, value] of Object.entries(loaded)) if (!Object.hasOwn(params, key)) params[key] = value;
    if (operation.paginator && table.pagingInputs.length > 0) {
      const tokens = [operation.paginator.input_token, operation.paginator.limit_key].flat().filter(Boolean) as string[];
      if (tokens.some((t) => Object.hasOwn(params, t))) paginateOn = false;
    }
  }
  const skeleton = parsed.values.generate_cli_skeleton as string | null;
  return { params, paging, paginate: paginateOn, skeleton: skeleton ?? undefined };
}

function idempotencyTokens(model: ServiceModel, operation: Operation, params: Record<string, unknown>, environment: AwsCliEnvironment): void {
  const input = operation.input ? model.shapes[operation.input] : undefined;
  for (const [member, ref] of input?.members ?? []) {
    if (ref.idempotencyToken && !Object.hasOwn(params, member)) params[member] = (environment.uuid ?? (() => crypto.randomUUID()))();
  }
}

function callContext(model: ServiceModel, globals: Globals, environment: AwsCliEnvironment, options: RunOptions): CallContext {
  // There are no config files here: any named profile is one the CLI would not find.
  if (globals.profile !== undefined) throw generalFailure(`The config profile (${globals.profile}) could not be found`);
  const region = globals.region;
  if (!region) throw new CliFailure(EXIT.configuration, 'You must specify a region. You can also configure your region by running "aws configure".');
  // botocore refuses a Region that could not be a host name label before it builds the client.
  if (!/^[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?$/.test(region)) throw generalFailure(`Provided region_name '${region}' doesn't match a supported format.`);
  return {
    send: environment.send,
    endpoint: globals.endpointUrl ?? defaultEndpoint(model, region),
    region,
    credentials: { accessKeyId: "", secretAccessKey: "" },
    now: environment.now ?? (() => new Date()),
    sleep: environment.sleep ?? defaultSleep,
    random: environment.random ?? Math.random,
    zone: environment.timeZoneOffset ?? localTimeZoneOffset,
    signal: options.signal,
    onRequest: options.onRequest,
  };
}

function withCredentials(context: CallContext, environment: AwsCliEnvironment): CallContext {
  const accessKeyId = environment.env.AWS_ACCESS_KEY_ID;
  const secretAccessKey = environment.env.AWS_SECRET_ACCESS_KEY;
  if (!accessKeyId || !secretAccessKey) throw new CliFailure(EXIT.configuration, 'Unable to locate credentials. You can configure credentials by running "aws configure".');
  return { ...context, credentials: { accessKeyId, secretAccessKey, sessionToken: environment.env.AWS_SESSION_TOKEN || undefined } };
}

function defaultEndpoint(model: ServiceModel, region: string): string {
  if (model.metadata.globalEndpoint) return `https://${model.metadata.globalEndpoint}`;
  return `https://${model.metadata.endpointPrefix}.${region}.amazonaws.com`;
}

const defaultSleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => {
      clearTimeout(timer);
      resolve();
    });
  });

async function runOperation(model: ServiceModel, apiName: string, operation: Operation, args: readonly string[], globals: Globals, environment: AwsCliEnvironment, options: RunOptions, out: Output): Promise<number> {
  const prepared = await prepare(model, operation, args, globals, environment, false, operation.cliName, out);
  if (!prepared) return EXIT.ok;
  if (prepared.skeleton === "input") {
    out.write(`${dumpsPyJson(inputSkeleton(model, operation.input), 4)}\n`);
    return EXIT.ok;
  }
  if (prepared.skeleton === "yaml-input") {
    out.write(formatYaml(inputSkeleton(model, operation.input)));
    return EXIT.ok;
  }
  let context = callContext(model, globals, environment, options);
  const { params } = prepared;
  idempotencyTokens(model, operation, params, environment);
  const input = operation.input ? model.shapes[operation.input] : undefined;
  if (input) {
    const report = validateParameters(params, input, model);
    if (report.length > 0) throw paramFailure(`Parameter validation failed:\n${report.join("\n")}`);
  }
  if (prepared.skeleton === "output") {
    printResult(apiName, outputSkeleton(model, operation.output), globals, environment, out);
    return EXIT.ok;
  }
  if (globals.signRequest) context = withCredentials(context, environment);
  else throw paramFailure("--no-sign-request is not available in this terminal: the sandbox answers signed requests only.");
  if (prepared.paginate && operation.paginator) {
    let result;
    try {
      result = await paginate(operation.paginator, params, prepared.paging, (pageParams) => callOrFail(context, model, apiName, operation, pageParams));
    } catch (error) {
      if (error instanceof PaginationLoopError) throw generalFailure(error.message);
      throw error;
    }
    if (globals.output === "text") {
      result.pages.forEach((page, i) => {
        const current: Record<string, unknown> = i === 0 ? structuredClone(result.nonAggregate) : {};
        for (const key of result.resultKeys) setValue(current, key, jmespath.search(plain(page), key));
        out.write(formatText(applyQuery(globals.query, current)));
      });
      if (result.resumeToken) out.write(formatText(applyQuery(globals.query, { NextToken: { NextToken: result.resumeToken } })));
      return EXIT.ok;
    }
    if (globals.output === "yaml-stream") {
      for (const page of result.pages) {
        delete page.ResponseMetadata;
        out.write(formatYaml([applyQuery(globals.query, page)]));
      }
      return EXIT.ok;
    }
    printResult(apiName, result.full, globals, environment, out);
    return EXIT.ok;
  }
  const output = await callOrFail(context, model, apiName, operation, params);
  printResult(apiName, output, globals, environment, out);
  return EXIT.ok;
}

function printResult(apiName: string, response: Record<string, unknown>, globals: Globals, environment: AwsCliEnvironment, out: Output): void {
  if (!("Errors" in response)) delete response.ResponseMetadata;
  const format = globals.output;
  if (format === "text") {
    out.write(formatText(applyQuery(globals.query, response)));
    return;
  }
  const value = applyQuery(globals.query, response);
  switch (format) {
    case "json":
      if (!(isDict(value) && Object.keys(value).length === 0)) out.write(`${dumpsPyJson(value, 4)}\n`);
      return;
    case "yaml":
      out.write(formatYaml(value));
      return;
    case "yaml-stream":
      if (!(isDict(value) && Object.keys(value).length === 0)) out.write(formatYaml([value]));
      return;
    case "table":
      out.write(formatTable(apiName, value, environment.terminalWidth ?? 80, globals.color));
      return;
    default:
      throw generalFailure(`Unknown output type: ${format}`);
  }
}

async function runWait(model: ServiceModel, args: readonly string[], globals: Globals, environment: AwsCliEnvironment, options: RunOptions, out: Output): Promise<number> {
  // `wait` is one of the CLI's own commands: "help" is read before its parser, which lists the waiters only.
  if (args[0] === "help") {
    out.write(waitHelp(model));
    return EXIT.ok;
  }
  if (args.length === 0) throw usageFailure("too few arguments");
  const names = Object.values(model.waiters).map((w) => w.cliName);
  const parsed = parse({ options: [], positionals: [{ dest: "subcommand", nargs: "one", choices: names }] }, args);
  const name = parsed.values.subcommand as string;
  const [waiterName, waiter] = Object.entries(model.waiters).find(([, w]) => w.cliName === name)!;
  const operation = model.operations[waiter.operation];
  const prepared = await prepare(model, operation, parsed.extras, globals, environment, true, name, out);
  if (!prepared) return EXIT.ok;
  let context = callContext(model, globals, environment, options);
  const input = operation.input ? model.shapes[operation.input] : undefined;
  if (input) {
    const report = validateParameters(prepared.params, input, model);
    if (report.length > 0) throw paramFailure(`Parameter validation failed:\n${report.join("\n")}`);
  }
  context = withCredentials(context, environment);
  try {
    await runWaiter(waiterName, waiter, () => callOperation(context, model, waiter.operation, operation, prepared.params), context.sleep, options.signal);
  } catch (error) {
    if (error instanceof WaiterFailure) throw generalFailure(error.message);
    throw error;
  }
  return EXIT.ok;
}
