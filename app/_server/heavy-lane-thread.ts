// The heavy lane's thread (heavy-lane.ts): answers the AWS calls of heavy sandboxes with the gateway, the store and
// the engine of its own (its own cache and database connection, as another process would have: the store's contract
// keeps the two consistent), at a lower CPU priority, so that the system runs the main thread first whenever it has
// work.
import fs from "node:fs";
import os from "node:os";
import { Readable } from "node:stream";
import { parentPort } from "node:worker_threads";
import { handleAwsRequest, responseBytes } from "@/lib/sandbox/gateway";
import { gatewayDeps } from "./sandbox";
import type { LaneRequest } from "./heavy-lane";

/**
 * The lane's nice value: below the main thread's, so the system runs a short call first, but not the lowest, which on
 * a machine busy with other processes starves the lane (19: building a 1,000-task sandbox, 50 s without the lane, had
 * not finished after 7 minutes at load average 30 — its steps, timed by the wall clock, also use up its allowance).
 */
const LANE_NICE = 5;

try {
  // Linux: /proc/thread-self names this thread's id, and a thread's nice value is its own.
  os.setPriority(Number(fs.readlinkSync("/proc/thread-self").split("/").pop()), LANE_NICE);
} catch {
  // elsewhere the lane still keeps the main thread's event loop free; it only competes for the CPU as an equal
}

parentPort!.on("message", async ({ id, method, path, headers, body }: LaneRequest) => {
  const answer = await handleAwsRequest({ method, path, headers, body: Readable.from([Buffer.from(body)]) }, gatewayDeps());
  const bytes = responseBytes(answer);
  parentPort!.postMessage({ kind: "answer", id, status: answer.status, headers: answer.headers, bytes });
});
