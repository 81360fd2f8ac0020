/** The preinstalled AWS CLI as a learner runs it, isolated from the machine's own AWS configuration. */
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";

const exec = promisify(execFile);

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  json: any;
}

export interface CliTarget {
  endpointUrl: string;
  accessKeyId: string;
  secretAccessKey: string;
  region: string;
  /** A scratch folder: the CLI is pointed at config files there that do not exist. */
  workDir: string;
}

/** Runs `aws ecs ARGS… --endpoint-url … --output json`; a non-zero exit is a result, a missing CLI an error. */
export function awsEcs(args: string[], target: CliTarget): Promise<CliResult> {
  return awsCli("ecs", args, target);
}

/**
 * AWS CLI v2, where this machine has it (Debian's `awscli` package; .ci/run installs it): for what only v2 has, such as
 * `aws logs tail`. The `aws` on PATH is v1.
 */
export const AWS_CLI_V2 = "/usr/bin/aws";

/** The environment of a learner's shell: their keys and Region, and none of this machine's AWS configuration. */
export function cliEnvironment(target: CliTarget): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of Object.keys(env)) if (name.startsWith("AWS_")) delete env[name];
  return Object.assign(env, {
    AWS_ACCESS_KEY_ID: target.accessKeyId,
    AWS_SECRET_ACCESS_KEY: target.secretAccessKey,
    AWS_DEFAULT_REGION: target.region,
    AWS_CONFIG_FILE: path.join(target.workDir, "no-config"),
    AWS_SHARED_CREDENTIALS_FILE: path.join(target.workDir, "no-credentials"),
    AWS_PAGER: "",
  });
}

/** Runs `aws SERVICE ARGS… --endpoint-url … --output json` (every service goes to the one sandbox endpoint). */
export async function awsCli(service: string, args: string[], target: CliTarget, binary = "aws"): Promise<CliResult> {
  try {
    const { stdout, stderr } = await exec(binary, [service, ...args, "--endpoint-url", target.endpointUrl, "--output", "json"], { env: cliEnvironment(target) });
    return { code: 0, stdout, stderr, json: stdout.trim() ? JSON.parse(stdout) : undefined };
  } catch (error) {
    const failed = error as { code?: number | string; stdout?: string; stderr?: string };
    if (failed.code === "ENOENT") throw error;
    return { code: Number(failed.code), stdout: failed.stdout ?? "", stderr: failed.stderr ?? "", json: undefined };
  }
}

/** Fails loudly when AWS CLI v2 is missing (tests of what only v2 has). */
export async function requireAwsCliV2(): Promise<void> {
  const version = await exec(AWS_CLI_V2, ["--version"]).then(
    ({ stdout }) => stdout,
    () => "",
  );
  if (!version.startsWith("aws-cli/2")) {
    throw new Error(`AWS CLI v2 is not at ${AWS_CLI_V2}; these tests need it (apt-get install -y awscli, as .ci/run does).`);
  }
}

/** Fails loudly when the AWS CLI is missing: these tests drive the real CLI and must not pass without it. */
export async function requireAwsCli(): Promise<void> {
  try {
    await exec("aws", ["--version"]);
  } catch {
    throw new Error(
      "The AWS CLI (`aws`) is not installed or not on PATH. These tests drive the real CLI against the sandbox; install it (e.g. `pip install awscli`) and run them again.",
    );
  }
}
