import type { IncomingMessage } from "node:http";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { MAX_BODY_BYTES } from "@/lib/sandbox/gateway";
import { HEAVY_MESSAGE, isHeavy, recordStep } from "./heavy-sandboxes";

/**
 * The heavy lane: a thread per process that answers the AWS calls of heavy sandboxes (heavy-sandboxes.ts), so that
 * one learner driving a sandbox of thousands of tasks holds up only their own calls, not everyone else's on the same
 * event loop: the engine's step cannot be interrupted, but on another thread, at a lower CPU priority, the system
 * runs the main thread's short calls first (npm run bench -- sandbox, neighbours). Started at the first heavy call.
 */
export interface LaneRequest {
  id: number;
  method: string;
  path: string;
  headers: Record<string, string>;
  body: Uint8Array;
}

export interface LaneAnswer {
  status: number;
  headers: Record<string, string>;
  bytes: Uint8Array;
}

/** The account a request's access key belongs to, if this process has verified that key before. */
export type KnownAccount = (accessKeyId: string) => string | undefined;

let lane: { worker: Worker; waiting: Map<number, (answer: LaneAnswer) => void> } | undefined;
let nextId = 0;

/** Whether the request is signed with the key of a sandbox that is heavy now. */
export function belongsOnHeavyLane(headers: Record<string, string>, accountOf: KnownAccount): boolean {
  const key = /Credential=([^/,\s]+)\//.exec(headers["authorization"] ?? "")?.[1];
  const account = key === undefined ? undefined : accountOf(key);
  return account !== undefined && isHeavy(account);
}

/** Answers the request on the heavy lane's thread. */
export async function answerOnHeavyLane(request: IncomingMessage, headers: Record<string, string>): Promise<LaneAnswer> {
  const body = await bodyOf(request);
  const { worker, waiting } = (lane ??= start());
  const id = nextId++;
  return new Promise((resolve) => {
    waiting.set(id, resolve);
    worker.postMessage({ id, method: request.method ?? "POST", path: request.url ?? "/aws", headers, body } satisfies LaneRequest);
  });
}

/**
 * The body, at most one chunk past the gateway's limit (the gateway then refuses it as too large). Paused there, not
 * destroyed: aws-endpoint.ts reads and drops the rest after the answer, so the client reads the refusal.
 */
function bodyOf(request: IncomingMessage): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const collect = (chunk: Buffer) => {
      chunks.push(chunk);
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) return;
      request.off("data", collect).pause();
      resolve(Buffer.concat(chunks));
    };
    request.on("data", collect).once("end", () => resolve(Buffer.concat(chunks))).once("error", reject);
  });
}

function start(): NonNullable<typeof lane> {
  // Compiled (dist/server, scripts/compile.mjs) the thread is a module beside this one; under tsx a shim registers
  // tsx in the thread first (a thread does not inherit the main thread's --import).
  const compiled = import.meta.url.endsWith(".js");
  const here = path.dirname(new URL(import.meta.url).pathname);
  const worker = compiled
    ? new Worker(path.join(here, "heavy-lane-thread.js"))
    : new Worker(path.join(here, "tsx-thread.mjs"), { workerData: { module: path.join(here, "heavy-lane-thread.ts") } });
  const waiting = new Map<number, (answer: LaneAnswer) => void>();
  worker.on("message", (message: { kind: string; id: number; accountId: string; milliseconds: number } & LaneAnswer) => {
    if (message.kind === HEAVY_MESSAGE) return recordStep(message.accountId, message.milliseconds);
    const resolve = waiting.get(message.id);
    waiting.delete(message.id);
    resolve?.({ status: message.status, headers: message.headers, bytes: message.bytes });
  });
  worker.on("error", (error) => console.error("ECS sandbox endpoint: the heavy lane's thread failed", error));
  worker.on("exit", () => {
    // Calls it had not answered are answered as the gateway answers a failure; the next heavy call starts another.
    if (lane?.worker === worker) lane = undefined;
    const failed = Buffer.from(JSON.stringify({ __type: "ServerException", message: "The sandbox could not process the request." }));
    for (const resolve of waiting.values()) resolve({ status: 500, headers: { "Content-Type": "application/x-amz-json-1.1" }, bytes: failed });
  });
  worker.unref();
  return { worker, waiting };
}
