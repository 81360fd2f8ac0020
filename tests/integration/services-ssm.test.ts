/**
 * The real AWS CLI (v1, preinstalled; unchanged but for the endpoint) against the sandbox's SSM Parameter Store:
 * put/get (SecureString with and without --with-decryption), selectors, get-parameters-by-path --recursive,
 * describe and delete, AWS's exact error lines, a refused call changing nothing, learners and Regions isolated.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { awsCli, requireAwsCli, type CliResult } from "./support/aws-cli";
import { startGatewayEndpoint, type GatewayEndpoint, type GatewayLearner } from "./support/gateway-endpoint";

const REGION = "ap-northeast-1";

let endpoint: GatewayEndpoint;
let workDir: string;
let alice: GatewayLearner;
let bob: GatewayLearner;

function ssm(args: string[], options: { learner?: GatewayLearner; region?: string } = {}): Promise<CliResult> {
  const learner = options.learner ?? alice;
  return awsCli("ssm", args, {
    endpointUrl: endpoint.url,
    accessKeyId: learner.accessKeyId,
    secretAccessKey: learner.secretAccessKey,
    region: options.region ?? REGION,
    workDir,
  });
}

function expectAwsError(result: CliResult, operation: string, type: string, message: string) {
  expect(result.code).toBe(255);
  // The CLI writes "...operation: <message>"; an empty message (ParameterNotFound) leaves the line ending in ": ".
  expect(result.stderr.trim()).toBe(`An error occurred (${type}) when calling the ${operation} operation:${message ? ` ${message}` : ""}`);
}

beforeAll(async () => {
  await requireAwsCli();
  workDir = await mkdtemp(path.join(tmpdir(), "dojo-ssm-cli-"));
  endpoint = await startGatewayEndpoint();
  alice = endpoint.newLearner();
  bob = endpoint.newLearner();
});

afterAll(async () => {
  await endpoint?.stop();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

describe("aws ssm against the sandbox", () => {
  const arnOf = (name: string) => `arn:aws:ssm:${REGION}:${alice.accountId}:parameter/${name.replace(/^\//, "")}`;

  test("put-parameter String and SecureString; get-parameter with and without --with-decryption", async () => {
    const [flag, password, host] = await Promise.all([
      ssm(["put-parameter", "--name", "/orders/feature-flag", "--value", "off", "--type", "String"]),
      ssm(["put-parameter", "--name", "/orders/db/password", "--value", "P@ssw0rd!", "--type", "SecureString"]),
      ssm(["put-parameter", "--name", "/orders/db/host", "--value", "db.internal", "--type", "String"]),
    ]);
    for (const put of [flag, password, host]) expect(put.json).toEqual({ Version: 1, Tier: "Standard" });

    const [hidden, shown, plain] = await Promise.all([
      ssm(["get-parameter", "--name", "/orders/db/password"]),
      ssm(["get-parameter", "--name", "/orders/db/password", "--with-decryption"]),
      ssm(["get-parameter", "--name", "/orders/feature-flag", "--with-decryption"]),
    ]);
    const base = { Name: "/orders/db/password", Type: "SecureString", Version: 1, LastModifiedDate: expect.any(Number), ARN: arnOf("/orders/db/password"), DataType: "text" };
    expect(hidden.json).toEqual({ Parameter: { ...base, Value: expect.stringMatching(/^AQICAH[A-Za-z0-9+/]+=*$/) } });
    expect(hidden.stdout).not.toContain("P@ssw0rd!");
    expect(shown.json).toEqual({ Parameter: { ...base, Value: "P@ssw0rd!" } });
    expect(plain.json.Parameter).toMatchObject({ Name: "/orders/feature-flag", Type: "String", Value: "off" });
  });

  test("--overwrite makes versions; name:version selects one; get-parameter by ARN", async () => {
    expect((await ssm(["put-parameter", "--name", "/orders/feature-flag", "--value", "on", "--overwrite"])).json).toEqual({ Version: 2, Tier: "Standard" });
    const [latest, first, byArn] = await Promise.all([
      ssm(["get-parameter", "--name", "/orders/feature-flag", "--query", "Parameter.[Value,Version]"]),
      ssm(["get-parameter", "--name", "/orders/feature-flag:1", "--query", "Parameter.[Value,Version,Selector]"]),
      ssm(["get-parameter", "--name", arnOf("/orders/feature-flag"), "--query", "Parameter.Value"]),
    ]);
    expect(latest.json).toEqual(["on", 2]);
    expect(first.json).toEqual(["off", 1, ":1"]);
    expect(byArn.json).toBe("on");
  });

  test("get-parameters-by-path --recursive (the CLI pages through 10 at a time) and describe-parameters", async () => {
    await Promise.all(
      Array.from({ length: 8 }, (_, i) => ssm(["put-parameter", "--name", `/orders/extra/p${String(i).padStart(2, "0")}`, "--value", `${i}`, "--type", "String"])),
    );
    const [oneLevel, recursive, decrypted, described] = await Promise.all([
      ssm(["get-parameters-by-path", "--path", "/orders", "--query", "Parameters[].Name"]),
      ssm(["get-parameters-by-path", "--path", "/orders", "--recursive", "--query", "Parameters[].Name"]),
      ssm(["get-parameters-by-path", "--path", "/orders/db", "--with-decryption", "--query", "Parameters[].[Name,Value]"]),
      ssm(["describe-parameters", "--parameter-filters", "Key=Type,Values=SecureString"]),
    ]);
    expect(oneLevel.json).toEqual(["/orders/feature-flag"]);
    expect(recursive.json).toEqual([
      "/orders/db/host",
      "/orders/db/password",
      ...Array.from({ length: 8 }, (_, i) => `/orders/extra/p${String(i).padStart(2, "0")}`),
      "/orders/feature-flag",
    ]);
    expect(decrypted.json).toEqual([
      ["/orders/db/host", "db.internal"],
      ["/orders/db/password", "P@ssw0rd!"],
    ]);
    expect(described.json).toEqual({
      Parameters: [
        {
          Name: "/orders/db/password",
          ARN: arnOf("/orders/db/password"),
          Type: "SecureString",
          KeyId: "alias/aws/ssm",
          LastModifiedDate: expect.any(Number),
          LastModifiedUser: `arn:aws:iam::${alice.accountId}:root`,
          Version: 1,
          Tier: "Standard",
          Policies: [],
          DataType: "text",
        },
      ],
    });
  });

  test("AWS's error lines, and a refused call changes nothing", async () => {
    const before = await ssm(["get-parameter-history", "--name", "/orders/feature-flag"]);
    const [exists, missing, missingVersion, qualified, reserved, tooBig] = await Promise.all([
      ssm(["put-parameter", "--name", "/orders/feature-flag", "--value", "x", "--type", "String"]),
      ssm(["get-parameter", "--name", "/orders/nope"]),
      ssm(["get-parameter", "--name", "/orders/feature-flag:9"]),
      ssm(["put-parameter", "--name", "orders/flag", "--value", "x", "--type", "String"]),
      ssm(["put-parameter", "--name", "ssm-flag", "--value", "x", "--type", "String"]),
      ssm(["put-parameter", "--name", "/orders/feature-flag", "--value", "x".repeat(4097), "--overwrite"]),
    ]);
    expectAwsError(exists, "PutParameter", "ParameterAlreadyExists", "The parameter already exists. To overwrite this value, set the overwrite option in the request to true.");
    expectAwsError(missing, "GetParameter", "ParameterNotFound", "");
    expectAwsError(
      missingVersion,
      "GetParameter",
      "ParameterVersionNotFound",
      "Systems Manager could not find version 9 of /orders/feature-flag. Verify the version and try again.",
    );
    expectAwsError(qualified, "PutParameter", "ValidationException", "Parameter name must be a fully qualified name.");
    expectAwsError(reserved, "PutParameter", "ValidationException", 'Parameter name: can\'t be prefixed with "aws" or "ssm" (case-insensitive).');
    expectAwsError(
      tooBig,
      "PutParameter",
      "ValidationException",
      "Standard tier parameters support a maximum parameter value of 4096 characters. To create a larger parameter value, upgrade the parameter to use the advanced-parameter tier. For more information, see https://docs.aws.amazon.com/systems-manager/latest/userguide/parameter-store-advanced-parameters.html",
    );
    expect((await ssm(["get-parameter-history", "--name", "/orders/feature-flag"])).json).toEqual(before.json);
  });

  test("two learners and two Regions are isolated", async () => {
    const [bobsView, bobsPath, virginia, virginiaByArn] = await Promise.all([
      ssm(["get-parameter", "--name", "/orders/feature-flag"], { learner: bob }),
      ssm(["get-parameters-by-path", "--path", "/", "--recursive"], { learner: bob }),
      ssm(["get-parameter", "--name", "/orders/feature-flag"], { region: "us-east-1" }),
      ssm(["get-parameter", "--name", arnOf("/orders/feature-flag")], { region: "us-east-1" }),
    ]);
    expectAwsError(bobsView, "GetParameter", "ParameterNotFound", "");
    expect(bobsPath.json).toEqual({ Parameters: [] });
    expectAwsError(virginia, "GetParameter", "ParameterNotFound", "");
    expectAwsError(virginiaByArn, "GetParameter", "ParameterNotFound", "");
  });

  test("delete-parameter and delete-parameters", async () => {
    expect((await ssm(["delete-parameter", "--name", "/orders/feature-flag"])).code).toBe(0);
    const [again, many] = await Promise.all([
      ssm(["delete-parameter", "--name", "/orders/feature-flag"]),
      ssm(["delete-parameters", "--names", "/orders/db/host", "/orders/none"]),
    ]);
    expectAwsError(again, "DeleteParameter", "ParameterNotFound", "");
    expect(many.json).toEqual({ DeletedParameters: ["/orders/db/host"], InvalidParameters: ["/orders/none"] });
    expect((await ssm(["get-parameters-by-path", "--path", "/orders", "--query", "Parameters[].Name"])).json).toEqual([]);
  });
});
