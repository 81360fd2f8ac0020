/**
 * The real AWS CLI (v1, preinstalled; unchanged but for the endpoint) against the sandbox's Secrets Manager: the
 * calls of lessons L306/L803, AWS's exact error lines and exit code, a refused call changing nothing, two learners
 * isolated, Regions isolated, and the recovery window running on the simulated clock.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { awsCli, requireAwsCli, type CliResult } from "./support/aws-cli";
import { startGatewayEndpoint, type GatewayEndpoint, type GatewayLearner } from "./support/gateway-endpoint";

const REGION = "ap-northeast-1";
const DB_SECRET = JSON.stringify({ username: "orders", password: "P@ssw0rd!" });
const TOKEN_1 = "11111111-1111-4111-8111-111111111111";
const SPEED = 10_000;

let endpoint: GatewayEndpoint;
let workDir: string;
let alice: GatewayLearner;
let bob: GatewayLearner;

function sm(args: string[], options: { learner?: GatewayLearner; region?: string } = {}): Promise<CliResult> {
  const learner = options.learner ?? alice;
  return awsCli("secretsmanager", args, {
    endpointUrl: endpoint.url,
    accessKeyId: learner.accessKeyId,
    secretAccessKey: learner.secretAccessKey,
    region: options.region ?? REGION,
    workDir,
  });
}

function expectAwsError(result: CliResult, operation: string, type: string, message: string) {
  expect(result.code).toBe(255);
  expect(result.stderr.trim()).toBe(`An error occurred (${type}) when calling the ${operation} operation: ${message}`);
}

beforeAll(async () => {
  await requireAwsCli();
  workDir = await mkdtemp(path.join(tmpdir(), "dojo-secretsmanager-cli-"));
  await writeFile(path.join(workDir, "blob.bin"), Buffer.from([0, 1, 2, 250, 251, 252]));
  // The endpoint's wall clock moves only when a test ticks it; at this speed a minute of it is a week of simulated
  // time, while requests signed by the CLI stay within SigV4's 15-minute skew.
  endpoint = await startGatewayEndpoint({ speed: SPEED });
  alice = endpoint.newLearner();
  bob = endpoint.newLearner();
});

afterAll(async () => {
  await endpoint?.stop();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

describe("aws secretsmanager against the sandbox", () => {
  let arn: string;
  let firstVersion: string;

  test("create-secret, then get-secret-value by name and by ARN", async () => {
    const created = await sm([
      "create-secret",
      "--name",
      "prod/orders/db",
      "--description",
      "Orders database",
      "--secret-string",
      DB_SECRET,
      "--client-request-token",
      TOKEN_1,
      "--tags",
      "Key=team,Value=orders",
    ]);
    expect(created.code).toBe(0);
    arn = created.json.ARN;
    expect(arn).toMatch(new RegExp(`^arn:aws:secretsmanager:${REGION}:${alice.accountId}:secret:prod/orders/db-[A-Za-z]{6}$`));
    expect(created.json).toEqual({ ARN: arn, Name: "prod/orders/db", VersionId: TOKEN_1 });
    firstVersion = created.json.VersionId;

    const [byName, byArn, byPartialArn] = await Promise.all([
      sm(["get-secret-value", "--secret-id", "prod/orders/db"]),
      sm(["get-secret-value", "--secret-id", arn]),
      sm(["get-secret-value", "--secret-id", arn.slice(0, -7)]),
    ]);
    const expected = { ARN: arn, Name: "prod/orders/db", VersionId: TOKEN_1, SecretString: DB_SECRET, VersionStages: ["AWSCURRENT"], CreatedDate: expect.any(Number) };
    expect(byName.json).toEqual(expected);
    expect(byArn.json).toEqual(expected);
    expect(byPartialArn.json).toEqual(expected);
  });

  test("put-secret-value moves AWSCURRENT; list-secret-version-ids and describe-secret show the labels", async () => {
    const put = await sm(["put-secret-value", "--secret-id", "prod/orders/db", "--secret-string", '{"username":"orders","password":"rotated"}']);
    expect(put.code).toBe(0);
    expect(put.json).toEqual({ ARN: arn, Name: "prod/orders/db", VersionId: expect.stringMatching(/^[0-9a-f-]{36}$/), VersionStages: ["AWSCURRENT"] });
    const [versions, described, previous] = await Promise.all([
      sm(["list-secret-version-ids", "--secret-id", "prod/orders/db"]),
      sm(["describe-secret", "--secret-id", arn]),
      sm(["get-secret-value", "--secret-id", "prod/orders/db", "--version-stage", "AWSPREVIOUS", "--query", "SecretString"]),
    ]);
    expect(versions.json).toEqual({
      Versions: [
        { VersionId: firstVersion, VersionStages: ["AWSPREVIOUS"], CreatedDate: expect.any(Number), KmsKeyIds: ["DEFAULT"] },
        { VersionId: put.json.VersionId, VersionStages: ["AWSCURRENT"], CreatedDate: expect.any(Number), KmsKeyIds: ["DEFAULT"] },
      ],
      ARN: arn,
      Name: "prod/orders/db",
    });
    expect(described.json).toEqual({
      ARN: arn,
      Name: "prod/orders/db",
      Description: "Orders database",
      LastChangedDate: expect.any(Number),
      Tags: [{ Key: "team", Value: "orders" }],
      VersionIdsToStages: { [firstVersion]: ["AWSPREVIOUS"], [put.json.VersionId]: ["AWSCURRENT"] },
      CreatedDate: expect.any(Number),
    });
    expect(previous.json).toBe(DB_SECRET);
  });

  test("AWS's error lines, and a refused call changes nothing", async () => {
    const before = await sm(["describe-secret", "--secret-id", "prod/orders/db"]);
    const [missing, exists, window, both] = await Promise.all([
      sm(["get-secret-value", "--secret-id", "prod/orders/nope"]),
      sm(["create-secret", "--name", "prod/orders/db", "--secret-string", "x"]),
      sm(["delete-secret", "--secret-id", "prod/orders/db", "--recovery-window-in-days", "5"]),
      sm(["delete-secret", "--secret-id", "prod/orders/db", "--recovery-window-in-days", "7", "--force-delete-without-recovery"]),
    ]);
    expectAwsError(missing, "GetSecretValue", "ResourceNotFoundException", "Secrets Manager can't find the specified secret.");
    expectAwsError(exists, "CreateSecret", "ResourceExistsException", "The operation failed because the secret prod/orders/db already exists.");
    expectAwsError(window, "DeleteSecret", "InvalidParameterException", "The RecoveryWindowInDays value must be between 7 and 30 days (inclusive).");
    expectAwsError(both, "DeleteSecret", "InvalidParameterException", "You can't use ForceDeleteWithoutRecovery in conjunction with RecoveryWindowInDays.");
    expect((await sm(["describe-secret", "--secret-id", "prod/orders/db"])).json).toEqual(before.json);
  });

  test("delete-secret schedules the deletion; the secret is refused until restore-secret", async () => {
    const deleted = await sm(["delete-secret", "--secret-id", "prod/orders/db", "--recovery-window-in-days", "7"]);
    expect(deleted.json).toEqual({ ARN: arn, Name: "prod/orders/db", DeletionDate: expect.any(Number) });
    const [refused, listed, listedAll] = await Promise.all([
      sm(["get-secret-value", "--secret-id", "prod/orders/db"]),
      sm(["list-secrets"]),
      sm(["list-secrets", "--include-planned-deletion"]),
    ]);
    expectAwsError(
      refused,
      "GetSecretValue",
      "InvalidRequestException",
      "You can't perform this operation on the secret because it was marked for deletion.",
    );
    expect(listed.json).toEqual({ SecretList: [] });
    expect(listedAll.json.SecretList).toEqual([expect.objectContaining({ Name: "prod/orders/db", DeletedDate: expect.any(Number) })]);
    expect((await sm(["restore-secret", "--secret-id", arn])).json).toEqual({ ARN: arn, Name: "prod/orders/db" });
    const value = await sm(["get-secret-value", "--secret-id", "prod/orders/db", "--query", "SecretString"]);
    expect(JSON.parse(value.json).password).toBe("rotated");
  });

  test("the recovery window runs on the simulated clock: after it the secret is gone and the name is free", async () => {
    const created = await sm(["create-secret", "--name", "temp/token", "--secret-binary", `fileb://${path.join(workDir, "blob.bin")}`]);
    expect((await sm(["get-secret-value", "--secret-id", "temp/token", "--query", "SecretBinary"])).json).toBe("AAEC+vv8");
    await sm(["delete-secret", "--secret-id", "temp/token", "--recovery-window-in-days", "7"]);
    endpoint.tick((7 * 24 * 3600 + 1) / SPEED);
    expectAwsError(await sm(["describe-secret", "--secret-id", created.json.ARN]), "DescribeSecret", "ResourceNotFoundException", "Secrets Manager can't find the specified secret.");
    const again = await sm(["create-secret", "--name", "temp/token", "--secret-string", "new"]);
    expect(again.code).toBe(0);
    expect(again.json.ARN).not.toBe(created.json.ARN);
  });

  test("list-secrets filters; two learners and two Regions are isolated", async () => {
    const [filtered, bobsView, bobsList, virginia, virginiaByArn] = await Promise.all([
      sm(["list-secrets", "--filters", "Key=name,Values=prod/", "--query", "SecretList[].Name"]),
      sm(["get-secret-value", "--secret-id", "prod/orders/db"], { learner: bob }),
      sm(["list-secrets"], { learner: bob }),
      sm(["get-secret-value", "--secret-id", "prod/orders/db"], { region: "us-east-1" }),
      sm(["describe-secret", "--secret-id", arn], { region: "us-east-1" }),
    ]);
    expect(filtered.json).toEqual(["prod/orders/db"]);
    expectAwsError(bobsView, "GetSecretValue", "ResourceNotFoundException", "Secrets Manager can't find the specified secret.");
    expect(bobsList.json).toEqual({ SecretList: [] });
    expectAwsError(virginia, "GetSecretValue", "ResourceNotFoundException", "Secrets Manager can't find the specified secret.");
    expectAwsError(virginiaByArn, "DescribeSecret", "ResourceNotFoundException", "Secrets Manager can't find the specified secret.");
    // Bob may use the same name in his own account.
    const bobs = await sm(["create-secret", "--name", "prod/orders/db", "--secret-string", "bob"], { learner: bob });
    expect(bobs.json.ARN).toMatch(new RegExp(`:${bob.accountId}:secret:prod/orders/db-[A-Za-z]{6}$`));
  });
});
