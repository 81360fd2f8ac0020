/**
 * `ecs-dojo aws <service> <operation> …`: the browser terminal's AWS CLI interpreter (lib/aws-cli) in Node, for
 * machines without the AWS CLI. It signs with the local learner's keys and talks to the local sandbox, as
 * `ecs-dojo credentials` would set the real CLI up; with AWS_ENDPOINT_URL or --endpoint-url and keys in the
 * environment it uses those instead (another server, a test endpoint).
 */
import { readFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { runAws, type HttpRequest, type HttpResponse } from "../aws-cli/interpreter";
import type { Command } from "./io";

/** fetch for the interpreter: any HTTP status is an answer, a network failure a rejection. */
export async function nodeSend(request: HttpRequest, signal?: AbortSignal): Promise<HttpResponse> {
  const response = await fetch(request.url, { method: request.method, headers: request.headers, body: request.body, signal });
  return { status: response.status, headers: Object.fromEntries(response.headers.entries()), body: await response.text() };
}

/** file:// paths as the CLI reads them: `~` expanded, relative to the working directory, Python's error text. */
export async function nodeReadFile(file: string): Promise<string> {
  const expanded = file.startsWith("~") ? path.join(os.homedir(), file.slice(1)) : file;
  try {
    return await readFile(expanded, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === "ENOENT" ? "[Errno 2] No such file or directory" : code === "EISDIR" ? "[Errno 21] Is a directory" : code === "EACCES" ? "[Errno 13] Permission denied" : (error as Error).message;
    throw new Error(`${reason}: '${expanded}'`);
  }
}

async function localLearnerEnvironment(env: Record<string, string | undefined>): Promise<Record<string, string | undefined>> {
  const explicitEndpoint = env.AWS_ENDPOINT_URL !== undefined;
  if (explicitEndpoint && env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY) return env;
  const [{ prepareDatabase, endpointUrl }, { deriveSecretAccessKey }, { sandboxRegion }, { serverKey }] = await Promise.all([
    import("./credentials"),
    import("../sandbox/credentials"),
    import("../sandbox/region"),
    import("../server-key"),
  ]);
  await prepareDatabase();
  const { db } = await import("../progress/db");
  const { localLearner } = await import("../progress/local-learner");
  try {
    const learner = await localLearner();
    return {
      ...env,
      AWS_ACCESS_KEY_ID: learner.accessKeyId,
      AWS_SECRET_ACCESS_KEY: deriveSecretAccessKey(serverKey(), learner.accessKeyId),
      AWS_SESSION_TOKEN: undefined,
      // A profile of the machine's own AWS configuration has no meaning for the sandbox.
      AWS_PROFILE: undefined,
      AWS_REGION: env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? sandboxRegion(env),
      AWS_ENDPOINT_URL: env.AWS_ENDPOINT_URL ?? endpointUrl(undefined, env.PORT),
    };
  } finally {
    await db().$disconnect();
  }
}

/** An --endpoint-url on the command line counts as an explicit endpoint (the keys then come from the environment). */
function withEndpointArgument(args: string[], env: Record<string, string | undefined>): Record<string, string | undefined> {
  const at = args.findIndex((a) => a === "--endpoint-url" || a.startsWith("--endpoint-url="));
  if (at < 0) return env;
  const value = args[at].includes("=") ? args[at].slice(args[at].indexOf("=") + 1) : args[at + 1];
  return { ...env, AWS_ENDPOINT_URL: value };
}

export const awsCommand: Command = {
  summary: "aws <service> <operation> …: the AWS CLI (v2 command line) against your sandbox, nothing to install",
  async run(args, io) {
    const env = await localLearnerEnvironment(withEndpointArgument(args, io.env));
    const controller = new AbortController();
    const interrupt = () => controller.abort();
    process.once("SIGINT", interrupt);
    try {
      const result = await runAws(args, { send: nodeSend, readFile: nodeReadFile, env, terminalWidth: process.stdout.isTTY ? process.stdout.columns : undefined, isTerminal: process.stdout.isTTY }, { signal: controller.signal });
      io.stdout(result.stdout);
      io.stderr(result.stderr);
      return result.exitCode;
    } finally {
      process.off("SIGINT", interrupt);
    }
  },
};
