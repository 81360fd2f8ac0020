import type { IncomingMessage, ServerResponse } from "node:http";
import { STATIC_SECURITY_HEADERS } from "@/lib/http/security-headers";
import { handleAwsRequest, MAX_BODY_BYTES, responseBytes } from "@/lib/sandbox/gateway";
import { answerOnHeavyLane, belongsOnHeavyLane } from "./heavy-lane";
import { ENDPOINT_PATH } from "./lanes";
import { gatewayDeps, knownAccount } from "./sandbox";

/**
 * AWS JSON 1.1 + SigV4 for the real AWS CLI and SDKs (server.ts serves it on node:http, beside Next.js). Never
 * rejects: the gateway answers every failure AWS-shaped, and anything past it becomes a bare 500.
 */
export async function serveAwsEndpoint(request: IncomingMessage, response: ServerResponse): Promise<void> {
  try {
    if (request.method !== "POST") {
      response.writeHead(405, { ...STATIC_SECURITY_HEADERS, Allow: "POST", "Content-Type": JSON_TYPE });
      response.end(JSON.stringify({ message: "The ECS sandbox endpoint takes AWS JSON 1.1 requests: POST, signed with SigV4." }));
      return;
    }
    const headers = Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name, String(value)]));
    // A body declared too large is refused here at once, never carried to the heavy lane's thread.
    if (Number(headers["content-length"] ?? 0) <= MAX_BODY_BYTES && belongsOnHeavyLane(headers, knownAccount)) {
      const answer = await answerOnHeavyLane(request, headers);
      send(request, response, answer.status, answer.headers, answer.bytes);
      return;
    }
    const path = request.url ?? ENDPOINT_PATH;
    const answer = await handleAwsRequest({ method: request.method, path, headers, body: request }, gatewayDeps());
    send(request, response, answer.status, answer.headers, responseBytes(answer));
  } catch (error) {
    console.error("ECS sandbox endpoint: the response could not be sent", error);
    if (!response.headersSent) response.writeHead(500, { "Content-Type": JSON_TYPE });
    response.end();
  }
}

const JSON_TYPE = "application/json";
/** What a refused client may still send after its answer before it is cut off (its body was over MAX_BODY_BYTES). */
const DRAIN_LIMIT_BYTES = 8 * MAX_BODY_BYTES;

/**
 * Sends an answer. A refusal given before the body was read whole (too large) asks to close the connection; closing it
 * while the client is still sending makes the client see a broken pipe (EPIPE) instead of the answer. So such an answer
 * is sent at once and the connection kept: the rest of the body is read and dropped (as Node.js does for a body
 * nobody read), up to DRAIN_LIMIT_BYTES, past which the client is cut off; a client that sends nothing more is closed
 * by the server's request timeout (front-door.ts).
 */
function send(request: IncomingMessage, response: ServerResponse, status: number, headers: Record<string, string>, bytes: Uint8Array | string): void {
  let sent = headers;
  if (!request.complete && !request.destroyed) {
    sent = Object.fromEntries(Object.entries(headers).filter(([name]) => name.toLowerCase() !== "connection"));
    let drained = 0;
    request.on("data", (chunk: Buffer) => {
      drained += chunk.length;
      if (drained > DRAIN_LIMIT_BYTES) request.destroy();
    });
    request.resume();
  }
  response.writeHead(status, { ...STATIC_SECURITY_HEADERS, ...sent }).end(bytes);
}
