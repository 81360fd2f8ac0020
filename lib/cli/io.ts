/** What a command may touch: its arguments, its streams and its environment, so tests can run it in-process too. */
export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: Record<string, string | undefined>;
  readFile: (path: string) => Promise<string>;
  readStdin: () => Promise<string>;
}

/** One subcommand: a one-line summary for `ecs-dojo --help` and a function from arguments to an exit code. */
export interface Command {
  summary: string;
  run: (args: string[], io: CliIO) => Promise<number>;
}

/** Exit codes shared by every subcommand. */
export const EXIT = { ok: 0, findings: 1, usage: 2 } as const;

/** A mistake in how the command was called: printed as one clear line, never as a stack trace. */
export class UsageError extends Error {}
