// The heavy lane's thread (heavy-lane.ts): answers the AWS calls of heavy sandboxes with the gateway, the store and
// the engine of its own (its own cache and database connection, as another process would have: the store's contract
// keeps the two consistent), at the lowest CPU priority, so that the system runs the main thread first whenever it
// has work.
import fs from "node:fs";
import os from "node:os";
import { Readable } from "node:stream";
import { parentPort } from "node:worker_threads";
import { handleAwsRequest, responseBytes } from "@/lib/sandbox/gateway";
import { gatewayDeps } from "./sandbox";
import type { LaneRequest } from "./heavy-lane";

try {
  // Linux: /proc/thread-self names this thread's id, and a thread's nice value is its own.
  os.setPriority(Number(fs.readlinkSync("/proc/thread-self").split("/").pop()), 19);
} catch {
  // elsewhere the lane still keeps the main thread's event loop free; it only competes for the CPU as an equal
}

parentPort!.on("message", async ({ id, method, path, headers, body }: LaneRequest) => {
  const answer = await handleAwsRequest({ method, path, headers, body: Readable.from([Buffer.from(body)]) }, gatewayDeps());
  const bytes = responseBytes(answer);
  parentPort!.postMessage({ kind: "answer", id, status: answer.status, headers: answer.headers, bytes });
});
