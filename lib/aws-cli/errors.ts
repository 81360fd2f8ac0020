/**
 * How AWS CLI v2 ends a command that fails: every failure is printed to stderr between blank lines, and its kind
 * decides the exit code (awscli/constants.py): 252 for what is wrong with the command line, 253 for missing
 * configuration (Region, credentials), 254 for an error the service answered, 255 for anything else.
 */

export const EXIT = { ok: 0, paramValidation: 252, configuration: 253, clientError: 254, general: 255, interrupted: 130 } as const;

export const USAGE =
  "aws [options] <command> <subcommand> [<subcommand> ...] [parameters]\n" +
  "To see help text, you can run:\n\n  aws help\n  aws <command> help\n  aws <command> <subcommand> help\n";

/** A failure with the exit code and the text the CLI prints for it. */
export class CliFailure extends Error {
  constructor(
    readonly exitCode: number,
    message: string,
  ) {
    super(message);
  }

  /** What goes to stderr. */
  stderr(): string {
    return `\n${this.message}\n`;
  }
}

/** An argparse error: the usage lines, then `aws: error: …`. */
export function usageFailure(message: string): CliFailure {
  return new CliFailure(EXIT.paramValidation, `usage: ${USAGE}\naws: error: ${message}\n`);
}

/** Arguments no parser took. */
export function unknownOptionsFailure(extras: string[]): CliFailure {
  return new CliFailure(EXIT.paramValidation, `usage: ${USAGE}\nUnknown options: ${extras.join(", ")}\n`);
}

export function paramFailure(message: string): CliFailure {
  return new CliFailure(EXIT.paramValidation, message);
}

export function paramError(cliName: string, message: string): CliFailure {
  return new CliFailure(EXIT.paramValidation, `Error parsing parameter '${cliName}': ${message}`);
}

export function generalFailure(message: string): CliFailure {
  return new CliFailure(EXIT.general, message);
}

/** The service answered an error: `An error occurred (Code) when calling the Operation operation: message`. */
export class ServiceFailure extends CliFailure {
  constructor(
    readonly code: string,
    readonly operation: string,
    readonly serviceMessage: string,
    retries: number,
  ) {
    const retryInfo = retries > 0 ? ` (reached max retries: ${retries})` : "";
    super(EXIT.clientError, `An error occurred (${code}) when calling the ${operation} operation${retryInfo}: ${serviceMessage}`);
  }
}
