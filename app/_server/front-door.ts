import type { IncomingMessage, ServerResponse } from "node:http";
import { CLIENT_ADDRESS_HEADER, clientAddress } from "@/lib/people/client-address";
import { STATIC_SECURITY_HEADERS } from "@/lib/http/security-headers";
import { isLocale } from "@/lib/i18n/locales";
import { httpText, MAX_BODY_BYTES } from "@/lib/http/api-messages";
import { isAwsEndpoint } from "./lanes";

/** Methods the site answers; anything else (TRACE, CONNECT, PROPFIND…) is refused before Next.js parses it. */
const METHODS = new Set(["GET", "HEAD", "POST", "OPTIONS"]);

/**
 * How long a client may take to send a whole request. A browser or the AWS CLI sends a lesson-sized body in
 * milliseconds; a client that trickles one byte a second only holds a socket and a buffer open.
 */
export const REQUEST_TIMEOUT_MS = Number(process.env.DOJO_REQUEST_TIMEOUT_MS) || 20_000;
export const HEADERS_TIMEOUT_MS = Math.min(10_000, REQUEST_TIMEOUT_MS);
/** How often Node looks for requests past those limits (its default, 30 s, would let one live 50 s). */
export const TIMEOUT_CHECK_MS = 1_000;

/**
 * Checks every request before Next.js or the AWS endpoint sees it, answering the ones that must not go further
 * (answers true when it did). Next.js's own pipeline buffers up to 10 MB of a body before a route can refuse it and
 * answers a malformed path or an unknown method with a 500; here they get a short, specific answer.
 */
export function refusedAtTheDoor(request: IncomingMessage, response: ServerResponse, trustProxy: boolean): boolean {
  request.headers[CLIENT_ADDRESS_HEADER] = clientAddress(
    request.socket.remoteAddress,
    headerText(request.headers["x-forwarded-for"]),
    trustProxy,
  );
  const method = request.method ?? "";
  if (!METHODS.has(method)) return answer(response, 405, "This method is not supported.", { Allow: [...METHODS].join(", ") });
  if (!isDecodablePath(request.url ?? "/")) return answer(response, 400, "The request path is not valid percent-encoded UTF-8.");
  if (method === "POST" && !isAwsEndpoint(request.url)) {
    // (The AWS endpoint reads no further than its own limit and answers in AWS's shape: lib/sandbox/gateway.)
    const length = request.headers["content-length"];
    // Browsers always declare the length of what they post; a chunked body could be of any size.
    if (length === undefined) return answer(response, 411, "A POST must declare its Content-Length.");
    if (!/^\d+$/.test(length) || Number(length) > MAX_BODY_BYTES) {
      const locale = isLocale(request.headers["x-dojo-locale"]) ? request.headers["x-dojo-locale"] : "en";
      return answer(response, 413, httpText(locale).tooLarge);
    }
  }
  return false;
}

function isDecodablePath(url: string): boolean {
  try {
    decodeURIComponent(url.split("?")[0]);
    return true;
  } catch {
    return false;
  }
}

function headerText(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(",") : value;
}

function answer(response: ServerResponse, status: number, message: string, headers: Record<string, string> = {}): true {
  response.writeHead(status, {
    ...STATIC_SECURITY_HEADERS,
    "Content-Type": "application/json",
    "Cache-Control": "no-store",
    Connection: "close",
    ...headers,
  });
  response.end(JSON.stringify({ error: { message } }));
  return true;
}
