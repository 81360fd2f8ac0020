/**
 * Smithy RPC v2 CBOR (CloudWatch, as botocore ≥ 1.37 and so the AWS CLI v1 on the development machines speak it: the
 * model's `protocols` list puts smithy-rpc-v2-cbor first). A call is `POST …/service/<targetPrefix>/operation/<Op>`
 * with `smithy-protocol: rpc-v2-cbor` and a CBOR body (RFC 8949); the answer is CBOR, timestamps as tag 1 (epoch
 * seconds). Errors carry `__type` and `message`; a service with the awsQueryCompatible trait (CloudWatch) also sends
 * `x-amzn-query-error: <query code>;Sender|Receiver`, from which botocore takes the code it shows
 * (`InvalidParameterValue`, not the shape name) — botocore parsers.py RpcV2CBORParser._do_error_parse.
 *
 * Bodies are bytes: the gateway hands them over as latin1 "binary strings" (one character per byte) and writes the
 * answer back the same way (`bodyEncoding: "latin1"`).
 */
import type { ServiceModel, ShapeModel } from "@/lib/aws-models";
import { MAX_JSON_DEPTH } from "@/lib/http/json-body";
import { EcsError } from "../../engine";
import type { AwsResponse } from "../http";
import { checkJsonTypes } from "./json-types";
import { declaredError, unknownOperation, type WireProtocol } from "./protocol";

const serialization = (message: string) => new EcsError("SerializationException", message);

/** Reads one CBOR data item from latin1 `bytes` (definite and indefinite lengths; tags 1 kept as their number). */
export function decodeCbor(bytes: string): unknown {
  let at = 0;
  const byte = () => {
    if (at >= bytes.length) throw serialization("The request body ends inside a CBOR item.");
    return bytes.charCodeAt(at++);
  };
  const uint = (info: number): number => {
    if (info < 24) return info;
    const size = info === 24 ? 1 : info === 25 ? 2 : info === 26 ? 4 : info === 27 ? 8 : 0;
    if (size === 0) throw serialization("The request body holds a malformed CBOR length.");
    let value = 0;
    for (let i = 0; i < size; i++) value = value * 256 + byte();
    return value;
  };
  const float = (info: number): number => {
    const size = info === 25 ? 2 : info === 26 ? 4 : 8;
    const buffer = Buffer.alloc(size);
    for (let i = 0; i < size; i++) buffer[i] = byte();
    if (size === 2) {
      const half = buffer.readUInt16BE(0);
      const exponent = (half >> 10) & 0x1f;
      const mantissa = half & 0x3ff;
      const sign = half & 0x8000 ? -1 : 1;
      if (exponent === 0) return sign * mantissa * 2 ** -24;
      if (exponent === 31) return mantissa ? Number.NaN : sign * Number.POSITIVE_INFINITY;
      return sign * (1 + mantissa / 1024) * 2 ** (exponent - 15);
    }
    return size === 4 ? buffer.readFloatBE(0) : buffer.readDoubleBE(0);
  };
  const chunks = (major: number, info: number, depth: number): string => {
    if (info !== 31) {
      const length = uint(info);
      if (at + length > bytes.length) throw serialization("The request body ends inside a CBOR string.");
      const raw = bytes.slice(at, at + length);
      at += length;
      return major === 3 ? Buffer.from(raw, "latin1").toString("utf8") : Buffer.from(raw, "latin1").toString("base64");
    }
    let text = "";
    while (bytes.charCodeAt(at) !== 0xff) text += String(item(depth + 1));
    at++;
    return text;
  };
  const item = (depth: number): unknown => {
    if (depth > MAX_JSON_DEPTH) throw serialization(`The request body is nested more than ${MAX_JSON_DEPTH} levels deep.`);
    const initial = byte();
    const major = initial >> 5;
    const info = initial & 0x1f;
    switch (major) {
      case 0:
        return uint(info);
      case 1:
        return -1 - uint(info);
      case 2:
      case 3:
        return chunks(major, info, depth);
      case 4: {
        const list: unknown[] = [];
        if (info === 31) {
          while (bytes.charCodeAt(at) !== 0xff) list.push(item(depth + 1));
          at++;
        } else {
          for (let n = uint(info); n > 0; n--) list.push(item(depth + 1));
        }
        return list;
      }
      case 5: {
        const map: Record<string, unknown> = {};
        const entry = () => {
          const key = item(depth + 1);
          if (typeof key !== "string") throw serialization("The request body has a CBOR map key that is not a string.");
          const value = item(depth + 1);
          if (value !== null) Object.defineProperty(map, key, { value, enumerable: true, writable: true, configurable: true });
        };
        if (info === 31) {
          while (bytes.charCodeAt(at) !== 0xff) entry();
          at++;
        } else {
          for (let n = uint(info); n > 0; n--) entry();
        }
        return map;
      }
      case 6:
        uint(info);
        return item(depth + 1);
      default:
        if (info === 20) return false;
        if (info === 21) return true;
        if (info === 22 || info === 23) return null;
        if (info >= 25 && info <= 27) return float(info);
        throw serialization("The request body holds an unsupported CBOR simple value.");
    }
  };
  const value = item(0);
  if (at !== bytes.length) throw serialization("The request body has bytes after its CBOR item.");
  return value;
}

/** Writes `value` as CBOR following the model's shape (timestamps as tag 1, doubles as float64), as latin1. */
export function encodeCbor(value: unknown, shapeName: string | undefined, model: ServiceModel): string {
  const out: number[] = [];
  const head = (major: number, length: number) => {
    if (length < 24) out.push((major << 5) | length);
    else if (length < 0x100) out.push((major << 5) | 24, length);
    else if (length < 0x10000) out.push((major << 5) | 25, length >> 8, length & 0xff);
    else if (length < 0x100000000) out.push((major << 5) | 26, (length >>> 24) & 0xff, (length >> 16) & 0xff, (length >> 8) & 0xff, length & 0xff);
    else {
      const big = BigInt(length);
      out.push((major << 5) | 27);
      for (let shift = 56n; shift >= 0n; shift -= 8n) out.push(Number((big >> shift) & 0xffn));
    }
  };
  const text = (s: string) => {
    const utf8 = Buffer.from(s, "utf8");
    head(3, utf8.length);
    for (const b of utf8) out.push(b);
  };
  const double = (n: number) => {
    const buffer = Buffer.alloc(8);
    buffer.writeDoubleBE(n, 0);
    out.push(0xfb, ...buffer);
  };
  const integer = (n: number) => (n >= 0 ? head(0, n) : head(1, -1 - n));
  const write = (v: unknown, shape: ShapeModel | undefined) => {
    if (v === null || v === undefined) return out.push(0xf6);
    switch (shape?.type) {
      case "structure": {
        const record = v as Record<string, unknown>;
        const names = (shape.memberOrder ?? Object.keys(shape.members ?? {})).filter((name) => record[name] !== undefined && record[name] !== null);
        head(5, names.length);
        for (const name of names) {
          text(name);
          write(record[name], model.shapes[shape.members![name].shape]);
        }
        return;
      }
      case "list": {
        const list = v as unknown[];
        head(4, list.length);
        for (const element of list) write(element, model.shapes[shape.member!.shape]);
        return;
      }
      case "map": {
        const entries = Object.entries(v as Record<string, unknown>);
        head(5, entries.length);
        for (const [key, element] of entries) {
          text(key);
          write(element, model.shapes[shape.value!.shape]);
        }
        return;
      }
      case "timestamp": {
        out.push(0xc1);
        const seconds = typeof v === "number" ? v : Date.parse(String(v)) / 1000;
        return Number.isInteger(seconds) ? integer(seconds) : double(seconds);
      }
      case "double":
      case "float":
        return double(Number(v));
      case "integer":
      case "long":
        return integer(Math.trunc(Number(v)));
      case "boolean":
        return out.push(v ? 0xf5 : 0xf4);
      case "blob": {
        const bytes = Buffer.from(String(v), "base64");
        head(2, bytes.length);
        for (const b of bytes) out.push(b);
        return;
      }
      default:
        if (typeof v === "boolean") return out.push(v ? 0xf5 : 0xf4);
        if (typeof v === "number") return Number.isInteger(v) ? integer(v) : double(v);
        if (Array.isArray(v)) {
          head(4, v.length);
          for (const element of v) write(element, undefined);
          return;
        }
        if (typeof v === "object") {
          const entries = Object.entries(v as Record<string, unknown>).filter(([, element]) => element !== undefined);
          head(5, entries.length);
          for (const [key, element] of entries) {
            text(key);
            write(element, undefined);
          }
          return;
        }
        return text(String(v));
    }
  };
  write(value, shapeName === undefined ? undefined : model.shapes[shapeName]);
  return Buffer.from(out).toString("latin1");
}

const CBOR_HEADERS = { "Content-Type": "application/cbor", "smithy-protocol": "rpc-v2-cbor" };

export const cborProtocol: WireProtocol = {
  read({ headers, body, path }, model) {
    const match = /\/service\/([^/]+)\/operation\/([^/?]+)$/.exec((path ?? "").split("?")[0]);
    if (!match || match[1] !== model.metadata.targetPrefix) {
      throw new EcsError("UnknownOperationException", `The request path ${path ?? ""} names no operation of ${model.metadata.serviceId}.`);
    }
    const operation = match[2];
    if (!Object.hasOwn(model.operations, operation)) throw new EcsError("UnknownOperationException", unknownOperation(operation, model, model.metadata.serviceId));
    if ((headers["smithy-protocol"] ?? "") !== "rpc-v2-cbor") throw serialization("The request has no smithy-protocol: rpc-v2-cbor header.");
    const input = body === "" ? {} : decodeCbor(body);
    if (typeof input !== "object" || input === null || Array.isArray(input)) throw serialization("The request body is not a CBOR map.");
    checkJsonTypes(input, model, operation);
    return { operation, input };
  },
  answer(operation, output, model, requestId): AwsResponse {
    const shape = model.operations[operation]?.output;
    return {
      status: 200,
      headers: { ...CBOR_HEADERS, "x-amzn-RequestId": requestId },
      body: shape === undefined ? "" : encodeCbor(output, shape, model),
      bodyEncoding: "latin1",
    };
  },
  failure(error, model, requestId): AwsResponse {
    const { code, status, senderFault } = declaredError(error.type, model);
    const shapeName = Object.hasOwn(model.shapes, error.type) ? error.type : code;
    return {
      status,
      headers: { ...CBOR_HEADERS, "x-amzn-RequestId": requestId, "x-amzn-query-error": `${code};${senderFault ? "Sender" : "Receiver"}` },
      body: encodeCbor({ __type: shapeName, message: error.message }, undefined, model),
      bodyEncoding: "latin1",
    };
  },
};
