// Hand-written on node:crypto, not an SDK signer: we verify rather than sign, with exact control over canonicalisation.
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { AWS_REGIONS } from "../region";

/** ECS's signing name (the site's own SDK clients speak ECS); the gateway routes the other services' calls. */
export const SIGNING_SERVICE = "ecs";
const ALGORITHM = "AWS4-HMAC-SHA256";
const MAX_SKEW_MS = 15 * 60 * 1000;
const AMZ_DATE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;

export interface AuthFailure {
  type: "MissingAuthenticationTokenException" | "IncompleteSignatureException" | "InvalidSignatureException";
  message: string;
}

/** What the Authorization header claims; `headers` has lower-case names. */
export interface SignedRequestParts {
  accessKeyId: string;
  scopeDate: string;
  region: string;
  service: string;
  signedHeaders: string[];
  signature: string;
  amzDate: string;
}

export interface ReceivedRequest {
  method: string;
  /** The request target as received: path plus optional `?query`. */
  path: string;
  /** Lower-case header names. */
  headers: Record<string, string>;
  body: string;
  /** "latin1": the body is bytes, one character per byte (CBOR); it is hashed as those bytes. */
  bodyEncoding?: "latin1";
}

const incomplete = (message: string): AuthFailure => ({ type: "IncompleteSignatureException", message });
const invalid = (message: string): AuthFailure => ({ type: "InvalidSignatureException", message });

export function isAuthFailure(value: unknown): value is AuthFailure {
  return typeof value === "object" && value !== null && "type" in value && "message" in value;
}

/** Reads the Authorization header and the request date; checks their form, not the signature. */
export function parseAuthorization(headers: Record<string, string>): SignedRequestParts | AuthFailure {
  const header = headers["authorization"];
  if (!header) return { type: "MissingAuthenticationTokenException", message: "Missing Authentication Token" };
  const space = header.indexOf(" ");
  const algorithm = space < 0 ? header : header.slice(0, space);
  if (algorithm !== ALGORITHM) return incomplete(`Unsupported AWS 'algorithm': '${algorithm}'.`);

  const params = new Map<string, string>();
  for (const part of header.slice(space + 1).split(",")) {
    const eq = part.indexOf("=");
    if (eq > 0) params.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const missing = ["Credential", "Signature", "SignedHeaders"].filter((name) => !params.get(name));
  if (missing.length > 0) {
    const asks = missing.map((name) => `Authorization header requires '${name}' parameter.`).join(" ");
    return incomplete(`${asks} Authorization=${header}`);
  }

  const credential = params.get("Credential")!;
  const scope = credential.split("/");
  if (scope.length !== 5) {
    return incomplete(
      `Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '${credential}'`,
    );
  }
  const [accessKeyId, scopeDate, region, service, terminator] = scope;
  if (terminator !== "aws4_request") {
    return incomplete(`Credential should be scoped with a valid terminator: 'aws4_request', not '${terminator}'.`);
  }
  // Any well-formed service name passes here: the gateway answers the services the sandbox emulates, refuses the rest.
  if (!/^[a-z0-9-]{1,64}$/.test(service)) return invalid(`Credential should be scoped to correct service: '${SIGNING_SERVICE}'. `);
  // [observed] AWS's answer to a credential scoped to a Region it does not have.
  if (!AWS_REGIONS.has(region)) return invalid("Credential should be scoped to a valid region. ");

  const signedHeaders = params.get("SignedHeaders")!.split(";");
  if (!signedHeaders.includes("host") && !signedHeaders.includes(":authority")) {
    return incomplete("'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
  }

  const unsigned = headersThatMustBeSigned(headers).filter((name) => !signedHeaders.includes(name));
  if (unsigned.length > 0) return invalid(`There were headers present in the request which were not signed: ${unsigned.join(", ")}`);

  const amzDate = requestDate(headers);
  if (amzDate === undefined) {
    return incomplete(
      `Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. Authorization=${header}`,
    );
  }
  if (!AMZ_DATE.test(amzDate)) return incomplete(`X-Amz-Date must be in the ISO8601 Long Format "yyyyMMdd'T'HHmmss'Z'"`);
  if (amzDate.slice(0, 8) !== scopeDate) {
    return invalid(
      `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${scopeDate}' != '${amzDate.slice(0, 8)}', from '${amzDate}'.`,
    );
  }
  return { accessKeyId, scopeDate, region, service, signedHeaders, signature: params.get("Signature")!, amzDate };
}

/**
 * What AWS's SigV4 documentation requires in the signature besides Host: Content-Type when present, and every
 * x-amz-* header the request carries. The body is always signed, but the operation is named by X-Amz-Target: without
 * this, a captured ListTasks `{"cluster": "web"}` signed over `host;x-amz-date` alone replays as DeleteCluster with
 * the same body. The message is S3's documented text for the same refusal [inferred for ECS, which publishes none].
 */
function headersThatMustBeSigned(headers: Record<string, string>): string[] {
  return Object.keys(headers).filter((name) => name === "content-type" || name.startsWith("x-amz-")).sort();
}

/** X-Amz-Date, or the HTTP Date header in the same ISO 8601 basic form. */
function requestDate(headers: Record<string, string>): string | undefined {
  if (headers["x-amz-date"]) return headers["x-amz-date"];
  if (!headers["date"]) return undefined;
  const ms = Date.parse(headers["date"]);
  return Number.isNaN(ms) ? headers["date"] : isoBasic(ms);
}

function isoBasic(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
}

function dateMs(amzDate: string): number {
  const [, y, mo, d, h, mi, s] = AMZ_DATE.exec(amzDate)!.map(Number);
  return Date.UTC(y, mo - 1, d, h, mi, s);
}

/** AWS refuses signatures dated more than 15 minutes from its own clock, either way. */
export function checkRequestTime(amzDate: string, wallNowMs: number): AuthFailure | null {
  const signedAt = dateMs(amzDate);
  const now = isoBasic(wallNowMs);
  if (signedAt < wallNowMs - MAX_SKEW_MS) {
    return invalid(`Signature expired: ${amzDate} is now earlier than ${isoBasic(wallNowMs - MAX_SKEW_MS)} (${now} - 15 min.)`);
  }
  if (signedAt > wallNowMs + MAX_SKEW_MS) {
    return invalid(`Signature not yet current: ${amzDate} is still later than ${isoBasic(wallNowMs + MAX_SKEW_MS)} (${now} + 15 min.)`);
  }
  return null;
}

/** RFC 3986 percent-encoding as SigV4 wants it: everything but unreserved characters. */
function uriEncode(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Non-S3 services normalise the path (drop empty and dot segments) and encode it once more. */
function canonicalUri(path: string): string {
  const segments: string[] = [];
  for (const segment of path.split("/")) {
    if (segment === "" || segment === ".") continue;
    if (segment === "..") segments.pop();
    else segments.push(segment);
  }
  const trailing = segments.length > 0 && path.endsWith("/") ? "/" : "";
  return uriEncode(`/${segments.join("/")}${trailing}`).replace(/%2F/g, "/");
}

function canonicalQuery(query: string): string {
  if (!query) return "";
  const decode = (text: string) => {
    try {
      return decodeURIComponent(text);
    } catch {
      return text;
    }
  };
  return query
    .split("&")
    .filter(Boolean)
    .map((pair) => {
      const eq = pair.indexOf("=");
      const key = eq < 0 ? pair : pair.slice(0, eq);
      const value = eq < 0 ? "" : pair.slice(eq + 1);
      return [uriEncode(decode(key)), uriEncode(decode(value))] as const;
    })
    .sort(([ak, av], [bk, bv]) => (ak === bk ? (av < bv ? -1 : av > bv ? 1 : 0) : ak < bk ? -1 : 1))
    .map(([k, v]) => `${k}=${v}`)
    .join("&");
}

const sha256Hex = (data: string, encoding: "utf8" | "latin1" = "utf8") => createHash("sha256").update(data, encoding).digest("hex");
const hmac = (key: Buffer | string, data: string) => createHmac("sha256", key).update(data, "utf8").digest();

/** The signature the client must have computed if it holds `secretAccessKey`. */
export function expectedSignature(request: ReceivedRequest, parts: SignedRequestParts, secretAccessKey: string): string {
  const question = request.path.indexOf("?");
  const path = question < 0 ? request.path : request.path.slice(0, question);
  const query = question < 0 ? "" : request.path.slice(question + 1);
  const canonicalHeaders = parts.signedHeaders
    .map((name) => `${name}:${(request.headers[name] ?? "").trim().replace(/\s+/g, " ")}\n`)
    .join("");
  const canonicalRequest = [
    request.method.toUpperCase(),
    canonicalUri(path || "/"),
    canonicalQuery(query),
    canonicalHeaders,
    parts.signedHeaders.join(";"),
    sha256Hex(request.body, request.bodyEncoding),
  ].join("\n");
  const scope = `${parts.scopeDate}/${parts.region}/${parts.service}/aws4_request`;
  const stringToSign = [ALGORITHM, parts.amzDate, scope, sha256Hex(canonicalRequest)].join("\n");
  let key = hmac(`AWS4${secretAccessKey}`, parts.scopeDate);
  for (const step of [parts.region, parts.service, "aws4_request"]) key = hmac(key, step);
  return createHmac("sha256", key).update(stringToSign, "utf8").digest("hex");
}

export function isSignatureValid(request: ReceivedRequest, parts: SignedRequestParts, secretAccessKey: string): boolean {
  const expected = Buffer.from(expectedSignature(request, parts, secretAccessKey), "utf8");
  const given = Buffer.from(parts.signature, "utf8");
  return expected.length === given.length && timingSafeEqual(expected, given);
}

export const SIGNATURE_MISMATCH =
  "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";

export interface SigningCredentials {
  accessKeyId: string;
  secretAccessKey: string;
}

/**
 * The headers to send for a request signed as an SDK signs it: every given header is signed (names in lower case,
 * `host` among them) and X-Amz-Date and Authorization are added. The forwarding backend uses it to re-sign a
 * learner's call with the remote endpoint's credentials.
 */
export function signedHeaders(
  request: ReceivedRequest,
  credentials: SigningCredentials,
  region: string,
  wallNowMs: number,
  service: string = SIGNING_SERVICE,
): Record<string, string> {
  const amzDate = isoBasic(wallNowMs);
  const headers = { ...request.headers, "x-amz-date": amzDate };
  const parts: SignedRequestParts = {
    accessKeyId: credentials.accessKeyId,
    scopeDate: amzDate.slice(0, 8),
    region,
    service,
    signedHeaders: Object.keys(headers).sort(),
    signature: "",
    amzDate,
  };
  const signature = expectedSignature({ ...request, headers }, parts, credentials.secretAccessKey);
  const scope = `${parts.scopeDate}/${region}/${service}/aws4_request`;
  return {
    ...headers,
    authorization: `${ALGORITHM} Credential=${credentials.accessKeyId}/${scope}, SignedHeaders=${parts.signedHeaders.join(";")}, Signature=${signature}`,
  };
}
