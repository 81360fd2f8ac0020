import { describe, expect, test } from "vitest";
import {
  checkRequestTime,
  isAuthFailure,
  isSignatureValid,
  parseAuthorization,
  type SignedRequestParts,
} from "@/lib/sandbox/gateway/sigv4";
import { signRequest, type SignInput } from "./support/sign";

const KEY = { accessKeyId: "ADOJEXAMPLEKEY234567", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" };
const SIGNED_AT = new Date(Date.UTC(2026, 0, 1, 12, 0, 0));

async function signed(overrides: Partial<SignInput> = {}) {
  const request = await signRequest({
    host: "127.0.0.1:3000",
    path: "/aws/",
    target: "AmazonEC2ContainerServiceV20141113.ListClusters",
    body: "{}",
    signingDate: SIGNED_AT,
    ...KEY,
    ...overrides,
  });
  const headers = Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k.toLowerCase(), v]));
  return { ...request, headers };
}

function partsOf(headers: Record<string, string>): SignedRequestParts {
  const parts = parseAuthorization(headers);
  if (isAuthFailure(parts)) throw new Error(`unexpected failure: ${parts.message}`);
  return parts;
}

describe("SigV4 verification against the AWS SDK's signer", () => {
  test("reads the credential scope: access key, date, Region, service", async () => {
    const request = await signed({ region: "us-west-2" });
    expect(partsOf(request.headers)).toMatchObject({
      accessKeyId: KEY.accessKeyId,
      scopeDate: "20260101",
      region: "us-west-2",
      service: "ecs",
      amzDate: "20260101T120000Z",
    });
  });

  test.each(["/aws/", "/aws", "/aws/a%20b/../x?b=2&a=1"])("accepts a correctly signed request to %s", async (path) => {
    const request = await signed({ path });
    expect(isSignatureValid(request, partsOf(request.headers), KEY.secretAccessKey)).toBe(true);
  });

  test("refuses a tampered body", async () => {
    const request = await signed({ body: '{"clusterName":"a"}' });
    const tampered = { ...request, body: '{"clusterName":"b"}' };
    expect(isSignatureValid(tampered, partsOf(request.headers), KEY.secretAccessKey)).toBe(false);
  });

  test("refuses a changed signed header (another operation)", async () => {
    const request = await signed();
    const headers = { ...request.headers, "x-amz-target": "AmazonEC2ContainerServiceV20141113.DeleteCluster" };
    expect(isSignatureValid({ ...request, headers }, partsOf(headers), KEY.secretAccessKey)).toBe(false);
  });

  test("refuses the wrong secret", async () => {
    const request = await signed();
    expect(isSignatureValid(request, partsOf(request.headers), KEY.secretAccessKey.replace("K", "Q"))).toBe(false);
  });

  test("refuses a signature of another length without throwing", async () => {
    const request = await signed();
    const parts = { ...partsOf(request.headers), signature: "abc" };
    expect(isSignatureValid(request, parts, KEY.secretAccessKey)).toBe(false);
  });
});

describe("Authorization header form", () => {
  test("no header: MissingAuthenticationTokenException", () => {
    expect(parseAuthorization({})).toEqual({ type: "MissingAuthenticationTokenException", message: "Missing Authentication Token" });
  });

  test("missing parameters are named, AWS-style", async () => {
    const header = "AWS4-HMAC-SHA256 Credential=ADOJEXAMPLEKEY234567/20260101/ap-northeast-1/ecs/aws4_request";
    const failure = parseAuthorization({ authorization: header, "x-amz-date": "20260101T120000Z" });
    expect(failure).toEqual({
      type: "IncompleteSignatureException",
      message: `Authorization header requires 'Signature' parameter. Authorization header requires 'SignedHeaders' parameter. Authorization=${header}`,
    });
  });

  test("a credential that is not key/date/region/service/aws4_request", () => {
    const failure = parseAuthorization({
      authorization: "AWS4-HMAC-SHA256 Credential=ADOJ/20260101/ecs, SignedHeaders=host, Signature=00",
      "x-amz-date": "20260101T120000Z",
    });
    expect(failure).toMatchObject({ type: "IncompleteSignatureException" });
    expect((failure as { message: string }).message).toContain("exactly 5 slash-delimited elements");
  });

  test("a signature scoped to another service reads as that service (the gateway routes it), a malformed one is refused", async () => {
    const request = await signed();
    const s3 = request.headers.authorization.replace("/ecs/", "/s3/");
    expect(parseAuthorization({ ...request.headers, authorization: s3 })).toMatchObject({ service: "s3" });
    const malformed = request.headers.authorization.replace("/ecs/", "/E C S/");
    expect(parseAuthorization({ ...request.headers, authorization: malformed })).toEqual({
      type: "InvalidSignatureException",
      message: "Credential should be scoped to correct service: 'ecs'. ",
    });
  });

  test("no request date", async () => {
    const headers = { ...(await signed()).headers };
    delete headers["x-amz-date"];
    expect(parseAuthorization(headers)).toMatchObject({ type: "IncompleteSignatureException" });
  });

  test("the scope date must be the request's date", async () => {
    const request = await signed();
    const failure = parseAuthorization({ ...request.headers, "x-amz-date": "20260102T120000Z" });
    expect(failure).toMatchObject({ type: "InvalidSignatureException" });
    expect((failure as { message: string }).message).toContain("'20260101' != '20260102'");
  });
});

describe("request time", () => {
  const now = SIGNED_AT.getTime();
  test("accepts up to 15 minutes of skew either way", () => {
    expect(checkRequestTime("20260101T120000Z", now + 15 * 60_000)).toBeNull();
    expect(checkRequestTime("20260101T120000Z", now - 15 * 60_000)).toBeNull();
  });

  test("a stale signature has expired", () => {
    expect(checkRequestTime("20260101T120000Z", now + 16 * 60_000)).toEqual({
      type: "InvalidSignatureException",
      message: "Signature expired: 20260101T120000Z is now earlier than 20260101T120100Z (20260101T121600Z - 15 min.)",
    });
  });

  test("a signature from the future is not yet current", () => {
    expect(checkRequestTime("20260101T120000Z", now - 16 * 60_000)).toEqual({
      type: "InvalidSignatureException",
      message: "Signature not yet current: 20260101T120000Z is still later than 20260101T115900Z (20260101T114400Z + 15 min.)",
    });
  });
});
