import type { IncomingMessage, ServerResponse } from "node:http";
import { STATIC_SECURITY_HEADERS } from "@/lib/http/security-headers";
import { handleAwsRequest, responseBytes } from "@/lib/sandbox/gateway";
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
    if (belongsOnHeavyLane(headers, knownAccount)) {
      const answer = await answerOnHeavyLane(request, headers);
      response.writeHead(answer.status, { ...STATIC_SECURITY_HEADERS, ...answer.headers }).end(answer.bytes);
      return;
    }
    const path = request.url ?? ENDPOINT_PATH;
    const answer = await handleAwsRequest({ method: request.method, path, headers, body: request }, gatewayDeps());
    response.writeHead(answer.status, { ...STATIC_SECURITY_HEADERS, ...answer.headers }).end(responseBytes(answer));
  } catch (error) {
    console.error("ECS sandbox endpoint: the response could not be sent", error);
    if (!response.headersSent) response.writeHead(500, { "Content-Type": JSON_TYPE });
    response.end();
  }
}

const JSON_TYPE = "application/json";
