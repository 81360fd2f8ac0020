/** The HTTP exchange, framework-free: the app's route handler and the test server both adapt to it. */
export type RequestBody = string | ReadableStream<Uint8Array> | AsyncIterable<Uint8Array | string>;

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
}

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

/**
 * Reads a request body up to `limit` bytes and stops there: undefined means it was larger, and nothing past the
 * limit was buffered.
 */
export async function readBodyWithin(body: RequestBody | null | undefined, limit = MAX_BODY_BYTES): Promise<string | undefined> {
  if (body === null || body === undefined) return "";
  if (typeof body === "string") return Buffer.byteLength(body, "utf8") > limit ? undefined : body;
  const parts: Buffer[] = [];
  let size = 0;
  for await (const chunk of chunksOf(body)) {
    const buffer = typeof chunk === "string" ? Buffer.from(chunk) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    size += buffer.length;
    if (size > limit) return undefined;
    parts.push(buffer);
  }
  return Buffer.concat(parts).toString("utf8");
}

async function* chunksOf(body: Exclude<RequestBody, string>): AsyncGenerator<Uint8Array | string> {
  if (!("getReader" in body)) {
    yield* body;
    return;
  }
  const reader = body.getReader();
  try {
    for (let next = await reader.read(); !next.done; next = await reader.read()) yield next.value;
  } finally {
    // Stops the transfer when the reader gives up early (body over the limit).
    await reader.cancel().catch(() => undefined);
  }
}

export function bodyTooLarge(requestId: string): AwsResponse {
  return errorResponse(
    "SerializationException",
    `The request body is larger than the sandbox accepts (${MAX_BODY_BYTES} bytes).`,
    requestId,
  );
}
