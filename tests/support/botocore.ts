/**
 * The AWS CLI's botocore, from Node: one python3 process (botocore-client.py) that serializes, signs, sends and
 * parses each call exactly as `aws <service> <operation>` would, without the CLI's start-up per call. For the
 * services no @aws-sdk client is installed for (everything but ECS).
 */
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import path from "node:path";
import { createInterface } from "node:readline";

const SCRIPT = path.join(import.meta.dirname, "botocore-client.py");

/** Where and as whom calls go. */
export interface BotocoreTarget {
  endpoint: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Extra headers, sent and signed with every call (moto's x-moto-account-id). */
  headers?: Record<string, string>;
}

export interface AwsError {
  code: string;
  message: string;
  status?: number;
}

/** A call's outcome: botocore's parsed output (timestamps as Date, blobs as Buffer), or the AWS error it raised. */
export type BotocoreOutcome = { output: Record<string, unknown> } | { error: AwsError };

export interface Botocore {
  call(target: BotocoreTarget, service: string, operation: string, params?: object): Promise<BotocoreOutcome>;
  stop(): Promise<void>;
}

/** Puts back the types JSON cannot carry (the script writes them as {"$timestamp"} and {"$blob"}). */
function revive(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(revive);
  if (value === null || typeof value !== "object") return value;
  const record = value as Record<string, unknown>;
  if (typeof record.$timestamp === "string") return new Date(record.$timestamp);
  if (typeof record.$blob === "string") return Buffer.from(record.$blob, "base64");
  return Object.fromEntries(Object.entries(record).map(([key, item]) => [key, revive(item)]));
}

interface Reply {
  id: number;
  output?: Record<string, unknown>;
  error?: AwsError;
  fault?: string;
}

export function startBotocore(): Botocore {
  const child: ChildProcessWithoutNullStreams = spawn("python3", [SCRIPT], { stdio: ["pipe", "pipe", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (d) => (stderr += d));
  const waiting = new Map<number, { resolve: (reply: Reply) => void; reject: (error: Error) => void }>();
  let nextId = 1;
  createInterface({ input: child.stdout }).on("line", (line) => {
    const reply = JSON.parse(line) as Reply;
    waiting.get(reply.id)?.resolve(reply);
    waiting.delete(reply.id);
  });
  child.once("exit", (code) => {
    for (const { reject } of waiting.values()) reject(new Error(`botocore-client.py exited with ${code}:\n${stderr}`));
    waiting.clear();
  });
  child.once("error", (error) => {
    for (const { reject } of waiting.values()) reject(new Error(`python3 with botocore could not be started (${error.message}); it comes with the AWS CLI v1`));
    waiting.clear();
  });

  return {
    async call(target, service, operation, params = {}) {
      const id = nextId++;
      const reply = await new Promise<Reply>((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        child.stdin.write(`${JSON.stringify({ id, ...target, service, operation, params })}\n`);
      });
      if (reply.fault) throw new Error(`botocore could not call ${service} ${operation}: ${reply.fault}`);
      if (reply.error) return { error: reply.error };
      return { output: revive(reply.output) as Record<string, unknown> };
    },
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.stdin.end();
      }),
  };
}
