/** The HTTP exchange, framework-free: the app's endpoint and its in-process SDK client both adapt to it. */
import type { RequestBody } from "@/lib/bounded-body";

export { readBodyWithin, type RequestBody } from "@/lib/bounded-body";

export interface AwsRequest {
  method: string;
  /** Request target as received: path plus optional `?query` (e.g. "/aws/"). */
  path: string;
  headers: Record<string, string>;
  /** The body, or its stream: a stream is read only up to MAX_BODY_BYTES. Absent = empty. */
  body?: RequestBody | null;
}

export interface AwsResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** "latin1": `body` is bytes, one character per byte (the CBOR protocol); write it with responseBytes. */
  bodyEncoding?: "latin1";
}

/** The answer's body as the bytes to send. */
export const responseBytes = (response: AwsResponse): Buffer => Buffer.from(response.body, response.bodyEncoding ?? "utf8");

export const MAX_BODY_BYTES = 1024 * 1024;
const CONTENT_TYPE = "application/x-amz-json-1.1";

export function jsonResponse(status: number, payload: unknown, requestId: string): AwsResponse {
  return {
    status,
    headers: { "Content-Type": CONTENT_TYPE, "x-amzn-RequestId": requestId },
    body: JSON.stringify(payload),
  };
}

/** AWS JSON 1.1 error: bare shape name in `__type`; 500 only for ServerException (ecs-behavior.md §1.2). */
export function errorResponse(type: string, message: string, requestId: string): AwsResponse {
  return jsonResponse(type === "ServerException" ? 500 : 400, { __type: type, message }, requestId);
}

export const BODY_TOO_LARGE = `The request body is larger than the sandbox accepts (${MAX_BODY_BYTES} bytes).`;

/**
 * For a body the server stopped reading: the connection cannot carry another request, and `Connection: close` tells
 * the client so, instead of letting it send its next call down a socket the server is about to drop.
 */
export function closing(response: AwsResponse): AwsResponse {
  return { ...response, headers: { ...response.headers, Connection: "close" } };
}
