/**
 * Writing the XML answers of the query protocols (IAM, STS, EC2) from an output object and its shape, the way
 * botocore's QueryParser / EC2QueryParser read them back (parsers.py):
 *
 *   structure member   <Name>…</Name>, Name = the member's locationName, else its name (a flattened list takes its
 *                      member's locationName); members in the model's order, absent (undefined/null) ones left out
 *   list               <Name><member>…</member>…</Name> (query) / <Name><item>…</item>…</Name> (ec2), the item element
 *                      renamed by the list member's locationName; flattened: <Name>…</Name> repeated
 *   map                <Name><entry><key>…</key><value>…</value></entry>…</Name> (flattened: no <entry>)
 *   scalars            booleans true/false, numbers in decimal, timestamps ISO 8601, every text escaped
 *
 * Output values are what the providers return, as for the JSON protocols: timestamps as epoch seconds (a Date or an
 * ISO string is accepted too), blobs as base64 text. Members the shape does not name are not written (botocore would
 * ignore them); a value of the wrong kind for its shape (an object where a string belongs) is left out rather than
 * written as something the client would misread.
 */
import type { MemberRef, ServiceModel, ShapeModel } from "@/lib/aws-models";
import type { EcsError } from "../../engine";
import type { AwsResponse } from "../http";
import { timestampSeconds } from "./form";

/** Characters XML 1.0 cannot carry at all (form.ts refuses them in requests); written as U+FFFD so the document stays well-formed. */
const ESCAPED = /[&<>\r]|[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\r": "&#13;" };

/**
 * Text as XML element content: markup characters as entities (`>` too, so `]]>` never appears), CR as a character
 * reference (a literal CR would be read back as LF), characters XML cannot carry replaced by U+FFFD.
 */
export function escapeXml(text: string): string {
  return text.replace(ESCAPED, (char) => ENTITIES[char] ?? "\uFFFD");
}

/** Text as a double-quoted attribute value (the root's xmlns). */
export function escapeAttribute(text: string): string {
  return escapeXml(text).replace(/"/g, "&quot;");
}

export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';

export interface XmlStyle {
  /** The element of a list item whose list member has no locationName: `member` (query) or `item` (ec2). */
  listItem: string;
  /** A timestamp (epoch milliseconds) as the service writes it. */
  timestamp(ms: number): string;
}

/** IAM and STS write whole seconds: `2026-01-01T12:00:00Z` (what `aws iam get-role` prints for CreateDate). */
export const secondsTimestamp = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(".000Z", "Z");
/** EC2 writes milliseconds: `2026-01-01T12:00:00.000Z` (what `aws ec2 describe-nat-gateways` prints for CreateTime). */
export const millisecondsTimestamp = (ms: number) => new Date(ms).toISOString();

/** Dates a JavaScript Date can represent (toISOString throws beyond them). */
const MAX_DATE_MS = 8.64e15;

export class XmlWriter {
  readonly parts: string[] = [];

  constructor(
    private readonly model: ServiceModel,
    private readonly style: XmlStyle,
  ) {}

  open(tag: string, attributes = ""): this {
    this.parts.push(`<${tag}${attributes}>`);
    return this;
  }

  close(tag: string): this {
    this.parts.push(`</${tag}>`);
    return this;
  }

  text(tag: string, text: string): this {
    this.parts.push(`<${tag}>${escapeXml(text)}</${tag}>`);
    return this;
  }

  toString(): string {
    return this.parts.join("");
  }

  private shape(ref: MemberRef): ShapeModel {
    return this.model.shapes[ref.shape];
  }

  private locationName(ref: MemberRef): string | undefined {
    return ref.locationName ?? this.shape(ref).locationName;
  }

  private flattened(ref: MemberRef): boolean {
    return Boolean(ref.flattened ?? this.shape(ref).flattened);
  }

  /** The members of `value` that `shape` names, in the model's order. */
  members(value: unknown, shape: ShapeModel): this {
    if (!isRecord(value)) return this;
    for (const name of shape.memberOrder ?? Object.keys(shape.members ?? {})) {
      if (!Object.hasOwn(value, name)) continue;
      const ref = shape.members![name];
      this.value(this.memberTag(ref, name), value[name], ref);
    }
    return this;
  }

  private memberTag(ref: MemberRef, name: string): string {
    const shape = this.shape(ref);
    if (shape.type === "list" && this.flattened(ref) && shape.member && this.locationName(shape.member)) return this.locationName(shape.member)!;
    return this.locationName(ref) ?? name;
  }

  private value(tag: string, value: unknown, ref: MemberRef): void {
    if (value === undefined || value === null) return;
    const shape = this.shape(ref);
    switch (shape.type) {
      case "structure":
        if (isRecord(value)) this.open(tag).members(value, shape).close(tag);
        return;
      case "list": {
        if (!Array.isArray(value)) return;
        const itemRef = shape.member!;
        if (this.flattened(ref)) {
          for (const item of value) this.value(tag, item, itemRef);
          return;
        }
        const itemTag = this.locationName(itemRef) ?? this.style.listItem;
        this.open(tag);
        for (const item of value) this.value(itemTag, item, itemRef);
        this.close(tag);
        return;
      }
      case "map": {
        const entries = value instanceof Map ? [...value.entries()] : isRecord(value) ? Object.entries(value) : undefined;
        if (!entries) return;
        const keyTag = this.locationName(shape.key!) ?? "key";
        const valueTag = this.locationName(shape.value!) ?? "value";
        const flattened = this.flattened(ref);
        if (!flattened) this.open(tag);
        for (const [key, entry] of entries) {
          if (entry === undefined || entry === null) continue;
          this.open(flattened ? tag : "entry").text(keyTag, String(key));
          this.value(valueTag, entry, shape.value!);
          this.close(flattened ? tag : "entry");
        }
        if (!flattened) this.close(tag);
        return;
      }
      default: {
        const text = this.scalarText(value, shape);
        if (text !== undefined) this.text(tag, text);
      }
    }
  }

  private scalarText(value: unknown, shape: ShapeModel): string | undefined {
    switch (shape.type) {
      case "boolean":
        if (typeof value === "boolean") return value ? "true" : "false";
        return value === "true" || value === "false" ? value : undefined;
      case "integer":
      case "long":
        if (typeof value === "bigint") return value.toString();
        if (typeof value === "number" && Number.isFinite(value)) return BigInt(Math.trunc(value)).toString();
        return typeof value === "string" && /^[+-]?[0-9]+$/.test(value) ? value : undefined;
      case "double":
      case "float":
        if (typeof value === "number") return String(value);
        return typeof value === "string" && Number.isFinite(Number(value)) && value.trim() !== "" ? value : undefined;
      case "timestamp": {
        const ms =
          value instanceof Date
            ? value.getTime()
            : typeof value === "number"
              ? value * 1000
              : typeof value === "string"
                ? (timestampSeconds(value) ?? Number.NaN) * 1000
                : Number.NaN;
        return Number.isFinite(ms) && Math.abs(ms) <= MAX_DATE_MS ? this.style.timestamp(ms) : undefined;
      }
      case "blob":
        if (value instanceof Uint8Array) return Buffer.from(value).toString("base64");
        return typeof value === "string" ? value : undefined;
      default:
        return typeof value === "string" ? value : typeof value === "number" || typeof value === "boolean" ? String(value) : undefined;
    }
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Map) && !(value instanceof Date);
}

/** An error as a query protocol writes it: its code, HTTP status, and message when the protocol's own differs. */
export interface WireError {
  code: string;
  status: number;
  message?: string;
}

/** EC2's answer to credentials it cannot validate (a key it does not know, a signature that does not match). */
export const EC2_AUTH_FAILURE = "AWS was not able to validate the provided access credentials";

/**
 * Errors the gateway raises before a service reads the call (authentication, throttling, an unknown service, a
 * crash), named as AWS JSON 1.1 names them, as the XML protocols write them instead. Codes, texts and statuses
 * observed from IAM/STS and EC2 (AWS's common errors; public reports of `aws sts`/`aws iam`/`aws ec2` errors):
 * - query: MissingAuthenticationToken "Request is missing Authentication Token" 403; InvalidClientTokenId "The
 *   security token included in the request is invalid." 403; SignatureDoesNotMatch 403 (with the same texts as
 *   other services, "Signature expired: …" included); IncompleteSignature 400; Throttling "Rate exceeded" 400;
 *   InternalFailure 500.
 * - ec2: AuthFailure "AWS was not able to validate the provided access credentials" 401 for an unknown key or a wrong
 *   signature; RequestExpired "Request has expired." 400 for a request dated outside the 15-minute window;
 *   RequestLimitExceeded "Request limit exceeded." 503; InternalError 500.
 */
export function gatewayError(error: EcsError, protocol: "query" | "ec2"): WireError | undefined {
  const expired = /^Signature (expired|not yet current)/.test(error.message);
  const query = protocol === "query";
  switch (error.type) {
    case "MissingAuthenticationTokenException":
      // [inferred] for EC2: the code and text IAM/STS use, with EC2's status for authentication failures.
      return { code: "MissingAuthenticationToken", status: query ? 403 : 401, message: "Request is missing Authentication Token" };
    case "IncompleteSignatureException":
      // [inferred] for EC2: AWS's common error code, keeping the text that says what is missing.
      return { code: "IncompleteSignature", status: 400 };
    case "InvalidSignatureException":
      if (query) return { code: "SignatureDoesNotMatch", status: 403 };
      return expired ? { code: "RequestExpired", status: 400, message: "Request has expired." } : { code: "AuthFailure", status: 401, message: EC2_AUTH_FAILURE };
    case "UnrecognizedClientException":
      return query
        ? { code: "InvalidClientTokenId", status: 403, message: "The security token included in the request is invalid." }
        : { code: "AuthFailure", status: 401, message: EC2_AUTH_FAILURE };
    case "ThrottlingException":
      return query ? { code: "Throttling", status: 400, message: "Rate exceeded" } : { code: "RequestLimitExceeded", status: 503, message: "Request limit exceeded." };
    case "ServerException":
      return { code: query ? "InternalFailure" : "InternalError", status: 500 };
    default:
      return undefined;
  }
}

/** An XML answer: `text/xml`, the request id in the header too (botocore reads it from the body). */
export function xmlResponse(status: number, body: string, requestId: string): AwsResponse {
  return { status, headers: { "Content-Type": "text/xml", "x-amzn-RequestId": requestId }, body };
}
