/** A request body as frameworks hand it over: text, a web stream, or a Node stream. */
export type RequestBody = string | ReadableStream<Uint8Array> | AsyncIterable<Uint8Array | string>;

/**
 * Reads a request body up to `limit` bytes and stops there: undefined means it was larger, and nothing past the
 * limit was buffered.
 */
export async function readBodyWithin(body: RequestBody | null | undefined, limit: number, encoding: "utf8" | "latin1" = "utf8"): Promise<string | undefined> {
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
  // latin1 keeps a binary body (CBOR) byte for byte, one character per byte.
  return Buffer.concat(parts).toString(encoding);
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

