/**
 * The AWS CLI interpreter's public face, for the browser terminal and `npx ecs-dojo aws`:
 *
 *   runAwsLine("aws ecs list-clusters --output table", environment, { signal })  → { exitCode, stdout, stderr }
 *   runAws(["ecs", "list-clusters"], environment)                              → the same, from words
 *   complete("aws ecs create-serv", cursor)                                     → { from, candidates }
 *   splitCommandLine(line, variables)                                           → the shell words, or why not
 *
 * The environment injects everything the interpreter touches (see AwsCliEnvironment): `send(request)` for HTTP,
 * `readFile(path)` for file://, `env` for keys, Region, endpoint and default output, and optionally the clock, sleep,
 * time zone and terminal width. Aborting `signal` ends a waiter like Ctrl-C (exit code 130).
 */
import { runAws, type AwsCliEnvironment, type RunOptions, type RunResult } from "./interpreter";
import { splitCommandLine } from "./shell";

export { runAws, type AwsCliEnvironment, type HttpRequest, type HttpResponse, type RunOptions, type RunResult, type Send } from "./interpreter";
export { complete, type Completion } from "./complete";
export { splitCommandLine, type SplitResult } from "./shell";
export { SERVICE_NAMES } from "./model";

/** Exit code of a line this terminal does not run (not `aws …`, or shell syntax beyond one command). */
export const NOT_AWS_EXIT = 127;

/**
 * Runs one terminal line that starts with `aws`. `$VAR`s come from `environment.env` (the terminal's exported
 * variables). Anything but an aws command is refused with a message, never executed.
 */
export async function runAwsLine(line: string, environment: AwsCliEnvironment, options: RunOptions = {}): Promise<RunResult> {
  const split = splitCommandLine(line, environment.env);
  if (!split.ok) return { exitCode: 2, stdout: "", stderr: `${split.error}\n` };
  if (split.words.length === 0) return { exitCode: 0, stdout: "", stderr: "" };
  if (split.words[0] !== "aws") return { exitCode: NOT_AWS_EXIT, stdout: "", stderr: `${split.words[0]}: this terminal runs aws commands only\n` };
  return runAws(split.words.slice(1), environment, options);
}
