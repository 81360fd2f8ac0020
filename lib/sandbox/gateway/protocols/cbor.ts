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
import { cbor, tag, tagSymbol } from "@smithy/core/cbor";
import type { ServiceModel, ShapeModel } from "@/lib/aws-models";
import { MAX_JSON_DEPTH } from "@/lib/http/json-body";
import { EcsError } from "../../engine";
import type { AwsResponse } from "../http";
import { checkJsonTypes } from "./json-types";
import { declaredError, unknownOperation, type WireProtocol } from "./protocol";

const serialization = (message: string) => new EcsError("SerializationException", message);

/** Tag 1 (epoch-seconds timestamps) as its number; everything else as decoded. */
function untagged(value: unknown, depth: number): unknown {
  if (depth > MAX_JSON_DEPTH) throw serialization(`The request body is nested more than ${MAX_JSON_DEPTH} levels deep.`);
  if (Array.isArray(value)) return value.map((element) => untagged(element, depth + 1));
  if (value instanceof Uint8Array || value === null || typeof value !== "object") return value;
  if ((value as Record<symbol, unknown>)[tagSymbol]) return untagged((value as { value: unknown }).value, depth + 1);
  return Object.fromEntries(Object.entries(value).map(([key, element]) => [key, untagged(element, depth + 1)]));
}

/** Reads one CBOR data item from latin1 `bytes`, with @smithy/core's decoder (the one the AWS SDK for JavaScript uses). */
export function decodeCbor(bytes: string): unknown {
  let value: unknown;
  try {
    value = cbor.deserialize(Buffer.from(bytes, "latin1"));
  } catch (error) {
    if (error instanceof RangeError) throw serialization(`The request body is nested more than ${MAX_JSON_DEPTH} levels deep.`);
    throw serialization(`The request body is not valid CBOR (${error instanceof Error ? error.message : String(error)}).`);
  }
  return untagged(value, 0);
}

/** `value` shaped for CBOR by the model: timestamps as tag 1 (epoch seconds), blobs as bytes, members in model order. */
function shaped(v: unknown, shape: ShapeModel | undefined, model: ServiceModel): unknown {
  if (v === null || v === undefined) return null;
  switch (shape?.type) {
    case "structure": {
      const record = v as Record<string, unknown>;
      const names = (shape.memberOrder ?? Object.keys(shape.members ?? {})).filter((name) => record[name] !== undefined && record[name] !== null);
      return Object.fromEntries(names.map((name) => [name, shaped(record[name], model.shapes[shape.members![name].shape], model)]));
    }
    case "list":
      return (v as unknown[]).map((element) => shaped(element, model.shapes[shape.member!.shape], model));
    case "map":
      return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([key, element]) => [key, shaped(element, model.shapes[shape.value!.shape], model)]));
    case "timestamp":
      return tag({ tag: 1, value: typeof v === "number" ? v : Date.parse(String(v)) / 1000 });
    case "integer":
    case "long":
      return Math.trunc(Number(v));
    case "double":
    case "float":
      return Number(v);
    case "blob":
      return new Uint8Array(Buffer.from(String(v), "base64"));
    default:
      return v;
  }
}

/** Writes `value` as CBOR following the model's shape, as latin1. */
export function encodeCbor(value: unknown, shapeName: string | undefined, model: ServiceModel): string {
  const bytes = cbor.serialize(shaped(value, shapeName === undefined ? undefined : model.shapes[shapeName], model));
  return Buffer.from(bytes).toString("latin1");
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
