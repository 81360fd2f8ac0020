/**
 * The AWS query protocol end to end with the real AWS CLI (v1): `aws sts …` against the sandbox gateway — the XML
 * answer as the CLI prints it (JSON and text), AWS's error lines for an operation the sandbox does not emulate and
 * for authentication failures (in each service's own protocol: STS/IAM query, EC2, ECS JSON), and raw calls the CLI
 * would never send (an unknown Action, a wrong Version, a malformed body) answered in AWS's XML error shape.
 */
import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { SignatureV4 } from "@smithy/signature-v4";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { NodeSha256 } from "@/lib/sandbox/sha256";
import { awsCli, requireAwsCli, type CliResult, type CliTarget } from "./support/aws-cli";
import { startGatewayEndpoint, type GatewayEndpoint, type GatewayLearner } from "./support/gateway-endpoint";

const exec = promisify(execFile);
const SIGNATURE_MISMATCH =
  "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";

let endpoint: GatewayEndpoint;
let workDir: string;
let alice: GatewayLearner;
let bob: GatewayLearner;

function target(learner: GatewayLearner, overrides: Partial<CliTarget> = {}): CliTarget {
  return { endpointUrl: endpoint.url, accessKeyId: learner.accessKeyId, secretAccessKey: learner.secretAccessKey, region: "ap-northeast-1", workDir, ...overrides };
}

function expectAwsError(result: CliResult, operation: string, code: string, message: string) {
  expect(result.code).toBe(255);
  expect(result.stderr.trim()).toBe(`An error occurred (${code}) when calling the ${operation} operation: ${message}`);
}

/** `aws sts get-caller-identity --output text`: awsCli always asks for JSON, so this runs the CLI itself, as awsCli does. */
async function callerIdentityText(learner: GatewayLearner): Promise<string> {
  const env = { ...process.env };
  for (const name of Object.keys(env)) if (name.startsWith("AWS_")) delete env[name];
  Object.assign(env, {
    AWS_ACCESS_KEY_ID: learner.accessKeyId,
    AWS_SECRET_ACCESS_KEY: learner.secretAccessKey,
    AWS_DEFAULT_REGION: "ap-northeast-1",
    AWS_CONFIG_FILE: path.join(workDir, "no-config"),
    AWS_SHARED_CREDENTIALS_FILE: path.join(workDir, "no-credentials"),
    AWS_PAGER: "",
  });
  const { stdout } = await exec("aws", ["sts", "get-caller-identity", "--endpoint-url", endpoint.url, "--output", "text"], { env });
  return stdout;
}

/** A query call signed for STS as an SDK signs it, with a body the CLI would never send. */
async function rawSts(learner: GatewayLearner, body: string): Promise<{ status: number; contentType: string | null; body: string }> {
  const url = new URL(endpoint.url);
  const signer = new SignatureV4({
    credentials: { accessKeyId: learner.accessKeyId, secretAccessKey: learner.secretAccessKey },
    region: "us-east-1",
    service: "sts",
    sha256: NodeSha256,
  });
  const signed = await signer.sign({
    method: "POST",
    protocol: "http:",
    hostname: url.hostname,
    port: Number(url.port),
    path: url.pathname,
    headers: { host: url.host, "content-type": "application/x-www-form-urlencoded; charset=utf-8" },
    body,
  });
  const response = await fetch(endpoint.url, { method: "POST", headers: signed.headers as Record<string, string>, body });
  return { status: response.status, contentType: response.headers.get("content-type"), body: await response.text() };
}

/** The fixed parts of an STS error document (the request id varies). */
function stsError(code: string, message: string): RegExp {
  const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(
    `^<\\?xml version="1.0" encoding="UTF-8"\\?><ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>${escaped(code)}</Code><Message>${escaped(message)}</Message></Error><RequestId>[0-9a-f-]{36}</RequestId></ErrorResponse>$`,
  );
}

beforeAll(async () => {
  await requireAwsCli();
  workDir = await mkdtemp(path.join(tmpdir(), "dojo-sts-"));
  endpoint = await startGatewayEndpoint();
  alice = endpoint.newLearner();
  bob = endpoint.newLearner();
});

afterAll(async () => {
  await endpoint?.stop();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

describe("aws sts get-caller-identity", () => {
  test("prints the learner's sandbox account as the account's root, exactly as the CLI prints AWS's answer", async () => {
    const result = await awsCli("sts", ["get-caller-identity"], target(alice));
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      ["{", `    "UserId": "${alice.accountId}",`, `    "Account": "${alice.accountId}",`, `    "Arn": "arn:aws:iam::${alice.accountId}:root"`, "}", ""].join("\n"),
    );
    expect(result.stderr).toBe("");
  });

  test("--output text: one tab-separated line, members in the CLI's sorted order", async () => {
    expect(await callerIdentityText(alice)).toBe(`${alice.accountId}\tarn:aws:iam::${alice.accountId}:root\t${alice.accountId}\n`);
  });

  test("each learner sees their own account, whatever Region the CLI is set to (STS is global)", async () => {
    const bobs = await awsCli("sts", ["get-caller-identity"], target(bob, { region: "eu-west-1" }));
    expect(bobs.json).toEqual({ UserId: bob.accountId, Account: bob.accountId, Arn: `arn:aws:iam::${bob.accountId}:root` });
    expect(bob.accountId).not.toBe(alice.accountId);
  });

  test("the call is recorded for the call-history checks", async () => {
    const before = alice.calls.length;
    await awsCli("sts", ["get-caller-identity"], target(alice));
    expect(alice.calls.slice(before)).toEqual([{ accountId: alice.accountId, region: "ap-northeast-1", service: "sts", operation: "GetCallerIdentity", input: {} }]);
  });
});

describe("what the sandbox refuses, in AWS's words", () => {
  test("an STS operation the sandbox does not emulate", async () => {
    const result = await awsCli("sts", ["get-session-token"], target(alice));
    expectAwsError(result, "GetSessionToken", "InvalidAction", "GetSessionToken is an operation of STS that the ECS Dojo sandbox does not emulate.");
  });

  test("a wrong secret key: SignatureDoesNotMatch for STS and IAM, AuthFailure for EC2, ECS's own JSON error unchanged", async () => {
    const wrong = target(alice, { secretAccessKey: "not-the-secret-not-the-secret-not-the-se" });
    expectAwsError(await awsCli("sts", ["get-caller-identity"], wrong), "GetCallerIdentity", "SignatureDoesNotMatch", SIGNATURE_MISMATCH);
    expectAwsError(await awsCli("iam", ["get-role", "--role-name", "x"], wrong), "GetRole", "SignatureDoesNotMatch", SIGNATURE_MISMATCH);
    expectAwsError(await awsCli("ec2", ["describe-vpcs"], wrong), "DescribeVpcs", "AuthFailure", "AWS was not able to validate the provided access credentials");
    expectAwsError(await awsCli("ecs", ["list-clusters"], wrong), "ListClusters", "InvalidSignatureException", SIGNATURE_MISMATCH);
  });

  test("an access key the site never issued: InvalidClientTokenId for STS", async () => {
    const stranger = target(alice, { accessKeyId: "AKIDNOBODYNOBODYNOBO" });
    expectAwsError(await awsCli("sts", ["get-caller-identity"], stranger), "GetCallerIdentity", "InvalidClientTokenId", "The security token included in the request is invalid.");
  });
});

describe("raw query calls the CLI would not send", () => {
  test("the call the CLI sends, by hand: 200 text/xml with the result wrapped and the request id", async () => {
    const answer = await rawSts(alice, "Action=GetCallerIdentity&Version=2011-06-15");
    expect(answer.status).toBe(200);
    expect(answer.contentType).toBe("text/xml");
    expect(answer.body).toMatch(
      new RegExp(
        `^<\\?xml version="1.0" encoding="UTF-8"\\?><GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult><UserId>${alice.accountId}</UserId><Account>${alice.accountId}</Account><Arn>arn:aws:iam::${alice.accountId}:root</Arn></GetCallerIdentityResult><ResponseMetadata><RequestId>[0-9a-f-]{36}</RequestId></ResponseMetadata></GetCallerIdentityResponse>$`,
      ),
    );
  });

  test("an unknown Action: InvalidAction, 400, in STS's ErrorResponse", async () => {
    const answer = await rawSts(alice, "Action=GetCallerIdentityz&Version=2011-06-15");
    expect(answer.status).toBe(400);
    expect(answer.body).toMatch(stsError("InvalidAction", "Could not find operation GetCallerIdentityz for version 2011-06-15"));
  });

  test("a wrong Version and a missing Action", async () => {
    const version = await rawSts(alice, "Action=GetCallerIdentity&Version=2099-01-01");
    expect(version.status).toBe(400);
    expect(version.body).toMatch(stsError("InvalidAction", "Could not find operation GetCallerIdentity for version 2099-01-01"));
    const missing = await rawSts(alice, "Version=2011-06-15");
    expect(missing.status).toBe(400);
    expect(missing.body).toMatch(stsError("MissingAction", "The request must contain the parameter Action."));
  });

  test("a body that is not form-encoding: MalformedQueryString, 404 as AWS documents it", async () => {
    const answer = await rawSts(alice, "Action=GetCallerIdentity&Version=2011-06-15&Extra=%ZZ");
    expect(answer.status).toBe(404);
    expect(answer.body).toMatch(stsError("MalformedQueryString", 'The query string contains a syntax error: "%ZZ" is not a percent-encoded byte.'));
  });

  test("a parameter GetCallerIdentity does not have is ignored, as STS does; values that would break XML are escaped", async () => {
    const answer = await rawSts(alice, "Action=GetCallerIdentity&Version=2011-06-15&Note=%3C%2FArn%3E%5D%5D%3E%26");
    expect(answer.status).toBe(200);
    expect(answer.body).toContain(`<Arn>arn:aws:iam::${alice.accountId}:root</Arn>`);
    const unknown = await rawSts(alice, "Action=%3CScript%3E%26&Version=2011-06-15");
    expect(unknown.body).toMatch(stsError("InvalidAction", "Could not find operation &lt;Script&gt;&amp; for version 2011-06-15"));
  });
});
