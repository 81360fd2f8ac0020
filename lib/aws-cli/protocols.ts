/**
 * The wire side of a call, as botocore writes and reads it: AWS JSON (ECS, ECR, Logs, Secrets Manager, SSM,
 * Application Auto Scaling, CloudWatch via JSON 1.0), query (IAM, STS, ELBv2) and EC2's query variant; answers
 * parsed by the output shape (members the model does not know are dropped, timestamps become ISO 8601 text, the
 * members keep the model's order) and errors reduced to their code and message.
 */
import { memberRef, wireProtocol, type MemberRef, type Operation, type ServiceModel, type Shape } from "./model";
import { isDict, parsePyJson, PyFloat } from "./python-values";
import { formatTimestamp, parseTimestampInput, type TimeZoneOffset } from "./timestamps";
import { child, childrenNamed, parseXml, type XmlElement } from "./xml";

export interface WireRequest {
  headers: Record<string, string>;
  body: string;
}

export interface ParsedAnswer {
  /** The operation's output as the CLI holds it (before --query), with ResponseMetadata. */
  output: Record<string, unknown>;
}

export interface ServiceError {
  code: string;
  message: string;
  /** The parsed error response, as waiters' "error" acceptors read it. */
  status: number;
}

// ---------------------------------------------------------------------------------------------------------------
// Requests

export function serializeRequest(model: ServiceModel, operationName: string, operation: Operation, params: Record<string, unknown>): WireRequest {
  const protocol = wireProtocol(model);
  const input = operation.input ? model.shapes[operation.input] : undefined;
  if (protocol === "json") {
    const version = model.metadata.jsonVersion ?? "1.1";
    const body = input ? JSON.stringify(jsonValue(params, input, model)) : "{}";
    return {
      headers: { "content-type": `application/x-amz-json-${version}`, "x-amz-target": `${model.metadata.targetPrefix}.${operationName}` },
      body,
    };
  }
  const pairs: [string, string][] = [
    ["Action", operationName],
    ["Version", model.metadata.apiVersion],
  ];
  if (input) queryValue(pairs, "", params, input, model, protocol === "ec2");
  return {
    headers: { "content-type": "application/x-www-form-urlencoded; charset=utf-8" },
    body: pairs.map(([k, v]) => `${percentEncode(k)}=${percentEncode(v)}`).join("&"),
  };
}

/** urllib.parse.quote(value, safe="-_.~"), as botocore encodes query bodies. */
function percentEncode(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function numberValue(value: unknown): unknown {
  return value instanceof PyFloat ? value.value : value;
}

function jsonValue(value: unknown, shape: Shape, model: ServiceModel): unknown {
  if (value === null || value === undefined) return value;
  switch (shape.type) {
    case "structure": {
      if (shape.document) return plainJson(value);
      if (!isDict(value)) return value;
      const out: Record<string, unknown> = {};
      for (const [name, member] of Object.entries(value)) {
        const ref = memberRef(shape, name);
        if (!ref) continue;
        out[ref.locationName ?? name] = jsonValue(member, model.shapes[ref.shape], model);
      }
      return out;
    }
    case "list":
      return Array.isArray(value) ? value.map((item) => jsonValue(item, model.shapes[shape.member!.shape], model)) : value;
    case "map": {
      if (!isDict(value)) return value;
      const valueShape = model.shapes[shape.value!.shape];
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, jsonValue(v, valueShape, model)]));
    }
    case "timestamp": {
      const ms = parseTimestampInput(value);
      return ms === undefined ? value : ms / 1000;
    }
    case "blob":
      return typeof value === "string" ? value : value;
    default:
      return numberValue(value);
  }
}

function plainJson(value: unknown): unknown {
  if (value instanceof PyFloat) return value.value;
  if (Array.isArray(value)) return value.map(plainJson);
  if (isDict(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plainJson(v)]));
  return value;
}

function capitalize(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}

function queryScalar(value: unknown, shape: Shape): string {
  if (shape.type === "boolean") return value ? "true" : "false";
  if (shape.type === "timestamp") {
    const ms = parseTimestampInput(value);
    if (ms === undefined) return String(value);
    const iso = new Date(ms).toISOString();
    return ms % 1000 === 0 ? iso.replace(".000Z", "Z") : iso;
  }
  return String(numberValue(value));
}

function queryValue(pairs: [string, string][], prefix: string, value: unknown, shape: Shape, model: ServiceModel, ec2: boolean): void {
  if (value === null || value === undefined) return;
  switch (shape.type) {
    case "structure": {
      if (!isDict(value)) return;
      for (const [name, memberValue] of Object.entries(value)) {
        const ref = memberRef(shape, name);
        if (!ref) continue;
        const key = ec2 ? (ref.queryName ?? (ref.locationName ? capitalize(ref.locationName) : capitalize(name))) : (ref.locationName ?? name);
        queryValue(pairs, prefix ? `${prefix}.${key}` : key, memberValue, model.shapes[ref.shape], model, ec2);
      }
      return;
    }
    case "list": {
      if (!Array.isArray(value)) return;
      if (value.length === 0) {
        if (!ec2) pairs.push([prefix, ""]);
        return;
      }
      const memberShape = model.shapes[shape.member!.shape];
      let listPrefix: string;
      if (ec2) listPrefix = prefix;
      else if (shape.flattened) {
        const name = shape.member!.locationName;
        listPrefix = name ? [...prefix.split(".").slice(0, -1), name].join(".") : prefix;
      } else listPrefix = `${prefix}.${shape.member!.locationName ?? "member"}`;
      value.forEach((item, index) => queryValue(pairs, `${listPrefix}.${index + 1}`, item, memberShape, model, ec2));
      return;
    }
    case "map": {
      if (!isDict(value)) return;
      const keyName = shape.key!.locationName ?? "key";
      const valueName = shape.value!.locationName ?? "value";
      const base = shape.flattened ? prefix : `${prefix}.entry`;
      Object.entries(value).forEach(([k, v], index) => {
        pairs.push([`${base}.${index + 1}.${keyName}`, k]);
        queryValue(pairs, `${base}.${index + 1}.${valueName}`, v, model.shapes[shape.value!.shape], model, ec2);
      });
      return;
    }
    default:
      pairs.push([prefix, queryScalar(value, shape)]);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Answers

export class AnswerParseError extends Error {}

/** The output of a successful call (status 2xx). */
export function parseAnswer(model: ServiceModel, operation: Operation, status: number, headers: Record<string, string>, body: string, zone: TimeZoneOffset): Record<string, unknown> {
  const protocol = wireProtocol(model);
  const requestId = header(headers, "x-amzn-requestid") ?? header(headers, "x-amz-request-id") ?? "";
  const output = operation.output ? model.shapes[operation.output] : undefined;
  let parsed: Record<string, unknown> = {};
  if (protocol === "json") {
    let json: unknown = {};
    if (body.trim() !== "") {
      try {
        json = JSON.parse(body);
      } catch {
        throw new AnswerParseError(`Unable to parse response (${body.slice(0, 200)}), invalid JSON`);
      }
    }
    if (output) parsed = (fromJson(json, output, model, zone) as Record<string, unknown>) ?? {};
  } else if (output) {
    let root: XmlElement;
    try {
      root = parseXml(body);
    } catch (error) {
      throw new AnswerParseError(`Unable to parse response (${(error as Error).message}), invalid XML received: ${body.slice(0, 200)}`);
    }
    const node = protocol === "ec2" ? root : operation.resultWrapper ? child(root, operation.resultWrapper) : root;
    parsed = node ? ((fromXml(node, output, model, zone) as Record<string, unknown>) ?? {}) : {};
  }
  if (model.cliName === "iam" && output) decodePolicyDocuments(parsed, output, model);
  parsed.ResponseMetadata = { RequestId: requestId, HTTPStatusCode: status, HTTPHeaders: headers, RetryAttempts: 0 };
  return parsed;
}

/**
 * IAM answers policy documents URL-encoded; botocore (its json_decode_policies handler, for IAM only) decodes every
 * string of the `policyDocumentType` shape and parses it as JSON, so the CLI prints the document as a structure.
 */
function decodePolicyDocuments(parsed: unknown, shape: Shape, model: ServiceModel): void {
  if (shape.type === "structure" && isDict(parsed)) {
    const object = parsed as Record<string, unknown>;
    for (const [name, ref] of shape.members ?? []) {
      if (!Object.hasOwn(object, name)) continue;
      const memberShape = model.shapes[ref.shape];
      if (memberShape.type === "string" && ref.shape === "policyDocumentType") object[name] = decodeQuotedJson(object[name]);
      else decodePolicyDocuments(object[name], memberShape, model);
    }
  }
  if (shape.type === "list" && Array.isArray(parsed)) for (const item of parsed) decodePolicyDocuments(item, model.shapes[shape.member!.shape], model);
}

function decodeQuotedJson(value: unknown): unknown {
  if (typeof value !== "string") return value;
  try {
    return parsePyJson(pythonUnquote(value));
  } catch {
    return value;
  }
}

/** urllib.parse.unquote: %XX sequences as UTF-8 (invalid bytes replaced), anything malformed left as it is. */
function pythonUnquote(text: string): string {
  return text.replace(/(?:%[0-9a-fA-F]{2})+/g, (run) => {
    const bytes = Uint8Array.from(run.match(/%[0-9a-fA-F]{2}/g)!.map((h) => parseInt(h.slice(1), 16)));
    return new TextDecoder("utf-8").decode(bytes);
  });
}

function header(headers: Record<string, string>, name: string): string | undefined {
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  return key === undefined ? undefined : headers[key];
}

function fromJson(value: unknown, shape: Shape, model: ServiceModel, zone: TimeZoneOffset): unknown {
  if (value === null || value === undefined) return undefined;
  switch (shape.type) {
    case "structure": {
      if (shape.document) return value;
      if (!isDict(value)) return undefined;
      const out: Record<string, unknown> = {};
      for (const [name, ref] of shape.members ?? []) {
        const raw = (value as Record<string, unknown>)[ref.locationName ?? name];
        if (raw === null || raw === undefined || !Object.hasOwn(value, ref.locationName ?? name)) continue;
        out[name] = fromJson(raw, model.shapes[ref.shape], model, zone);
      }
      return out;
    }
    case "list":
      return Array.isArray(value) ? value.map((item) => (item === null ? null : fromJson(item, model.shapes[shape.member!.shape], model, zone))) : undefined;
    case "map": {
      if (!isDict(value)) return undefined;
      const valueShape = model.shapes[shape.value!.shape];
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, v === null ? null : fromJson(v, valueShape, model, zone)]));
    }
    case "timestamp":
      return formatTimestamp(value, zone);
    default:
      return value;
  }
}

function memberElementName(ref: MemberRef, name: string, model: ServiceModel): string {
  const shape = model.shapes[ref.shape];
  if (shape.type === "list" && (shape.flattened || ref.flattened)) {
    return shape.member!.locationName ?? ref.locationName ?? name;
  }
  return ref.locationName ?? name;
}

function fromXml(node: XmlElement, shape: Shape, model: ServiceModel, zone: TimeZoneOffset): unknown {
  switch (shape.type) {
    case "structure": {
      const out: Record<string, unknown> = {};
      for (const [name, ref] of shape.members ?? []) {
        if (ref.xmlAttribute) continue;
        const memberShape = model.shapes[ref.shape];
        const elementName = memberElementName(ref, name, model);
        if (memberShape.type === "list" && (memberShape.flattened || ref.flattened)) {
          const items = childrenNamed(node, elementName);
          if (items.length > 0) out[name] = items.map((item) => fromXml(item, model.shapes[memberShape.member!.shape], model, zone));
          continue;
        }
        const element = child(node, elementName);
        if (element) out[name] = fromXml(element, memberShape, model, zone);
      }
      return out;
    }
    case "list": {
      const itemName = shape.member!.locationName ?? "member";
      return childrenNamed(node, itemName).map((item) => fromXml(item, model.shapes[shape.member!.shape], model, zone));
    }
    case "map": {
      const keyName = shape.key!.locationName ?? "key";
      const valueName = shape.value!.locationName ?? "value";
      const entries = shape.flattened ? [node] : childrenNamed(node, "entry");
      const out: Record<string, unknown> = {};
      for (const entry of entries) {
        const key = child(entry, keyName)?.text ?? "";
        const valueNode = child(entry, valueName);
        out[key] = valueNode ? fromXml(valueNode, model.shapes[shape.value!.shape], model, zone) : null;
      }
      return out;
    }
    case "integer":
    case "long":
      return Number.parseInt(node.text, 10);
    case "double":
    case "float": {
      const number = Number(node.text);
      return Number.isInteger(number) ? new PyFloat(number) : number;
    }
    case "boolean":
      return node.text === "true";
    case "timestamp":
      return formatTimestamp(node.text, zone);
    default:
      return node.text;
  }
}

/** The code and message of a failed call, as botocore reads them for the service's protocol. */
export function parseError(model: ServiceModel, status: number, headers: Record<string, string>, body: string): ServiceError {
  const protocol = wireProtocol(model);
  if (protocol === "json") {
    let json: Record<string, unknown> = {};
    try {
      const parsed = JSON.parse(body || "{}");
      if (isDict(parsed)) json = parsed as Record<string, unknown>;
    } catch {
      // A body that is not JSON: the status line stands for the error.
    }
    const raw = String(header(headers, "x-amzn-errortype") ?? json.__type ?? json.code ?? json.Code ?? String(status));
    const code = raw.split(":")[0].split("#").at(-1) ?? raw;
    const message = json.message ?? json.Message ?? "";
    const queryError = header(headers, "x-amzn-query-error");
    const queryCode = queryError?.split(";")[0];
    return { code: queryCode || code, message: String(message), status };
  }
  try {
    const root = parseXml(body);
    const error = root.name === "Error" ? root : (child(root, "Error") ?? child(child(root, "Errors") ?? root, "Error"));
    if (error) {
      return { code: child(error, "Code")?.text ?? String(status), message: child(error, "Message")?.text ?? "", status };
    }
  } catch {
    // Not XML: fall through to the status.
  }
  return { code: String(status), message: statusReason(status), status };
}

function statusReason(status: number): string {
  const reasons: Record<number, string> = { 400: "Bad Request", 403: "Forbidden", 404: "Not Found", 413: "Request Entity Too Large", 429: "Too Many Requests", 500: "Internal Server Error", 502: "Bad Gateway", 503: "Service Unavailable", 504: "Gateway Timeout" };
  return reasons[status] ?? "";
}
