/** The CBOR wire of CloudWatch: what the gateway reads from a request and refuses. */
import { describe, expect, test } from "vitest";
import { cbor, tag } from "@smithy/core/cbor";
import { decodeCbor } from "@/lib/sandbox/gateway/protocols/cbor";

const latin1 = (bytes: Uint8Array) => Buffer.from(bytes).toString("latin1");

describe("decodeCbor", () => {
  test("a map with a timestamp (tag 1) reads as its epoch seconds", () => {
    const body = latin1(cbor.serialize({ MetricName: "CPUUtilization", StartTime: tag({ tag: 1, value: 1_767_225_600 }), Period: 60 }));
    expect(decodeCbor(body)).toEqual({ MetricName: "CPUUtilization", StartTime: 1_767_225_600, Period: 60 });
  });

  test("bytes that are not CBOR, and a body nested deeper than any input, are a SerializationException", () => {
    expect(() => decodeCbor("\xff")).toThrow(expect.objectContaining({ type: "SerializationException", message: expect.stringMatching(/^The request body is not valid CBOR/) }));
    let deep: unknown = 1;
    for (let i = 0; i < 100; i++) deep = [deep];
    expect(() => decodeCbor(latin1(cbor.serialize(deep)))).toThrow(expect.objectContaining({ type: "SerializationException", message: expect.stringMatching(/nested more than/) }));
  });
});
