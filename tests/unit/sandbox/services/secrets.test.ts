/**
 * Secrets Manager's logic, driven through the provider the way the gateway runs it (runOperation): ARNs and how a
 * request names a secret, staging labels, ClientRequestToken idempotency, the recovery window on the simulated
 * clock, ListSecrets filters and pages, quotas — and the ECS resolver (resolve.ts): valueFrom parsing with JSON keys,
 * Regions, SSM references and the stoppedReason texts.
 */
import { describe, expect, test } from "vitest";
import { EcsError } from "@/lib/sandbox/engine/errors";
import { runOperation } from "@/lib/sandbox/engine/simulation";
import { createSandboxState } from "@/lib/sandbox/engine/state";
import { secretsManagerProvider } from "@/lib/sandbox/services/secrets";
import { changedDocuments, EMPTY_INDEX, stateOfDocuments } from "@/lib/sandbox/state-documents";
import { SECRETS_SANDBOX_LIMITS } from "@/lib/sandbox/services/secrets/quotas";
import {
  ASM_FAILURE_PREFIX,
  goFormat,
  jsonKeyValue,
  locateSecretReference,
  resolveSecretReference,
  secretsAccessDenied,
  SSM_FAILURE_PREFIX,
  type SecretSource,
} from "@/lib/sandbox/services/secrets/resolve";
import { ssmProvider } from "@/lib/sandbox/services/ssm";
import { NEW_ACCOUNT } from "@/lib/sandbox/engine";
import { providerDriver } from "../support/provider-driver";

const T0 = Date.UTC(2026, 0, 10, 12, 0, 0);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const ACCOUNT = "123456789012";
const REGION = "ap-northeast-1";
const TOKEN_A = "a".repeat(8) + "-1111-4111-8111-" + "a".repeat(12);
const TOKEN_B = "b".repeat(8) + "-2222-4222-8222-" + "b".repeat(12);
const TOKEN_C = "c".repeat(8) + "-3333-4333-8333-" + "c".repeat(12);

/** One Region of a learner's sandbox, Secrets Manager and SSM operations run as the gateway runs them. */
function sandbox(region = REGION, account = ACCOUNT) {
  return providerDriver((name) => secretsManagerProvider.operations[name] ?? ssmProvider.operations[name], T0, account, region);
}

const NOT_FOUND = { code: "ResourceNotFoundException", message: "Secrets Manager can't find the specified secret." };
const MARKED = { code: "InvalidRequestException", message: "You can't perform this operation on the secret because it was marked for deletion." };

describe("secret ARNs and how a request names a secret", () => {
  test("the ARN ends in the name, a hyphen and six letters, reproducible from the sandbox's seed", () => {
    const a = sandbox();
    const created = a.call("CreateSecret", { Name: "prod/orders/db", SecretString: "x", ClientRequestToken: TOKEN_A });
    expect(created.ARN).toMatch(/^arn:aws:secretsmanager:ap-northeast-1:123456789012:secret:prod\/orders\/db-[A-Za-z]{6}$/);
    expect(created).toEqual({ ARN: created.ARN, Name: "prod/orders/db", VersionId: TOKEN_A });
    // The same calls on a fresh sandbox give the same ARN; another secret gets another suffix.
    expect(sandbox().call("CreateSecret", { Name: "prod/orders/db", SecretString: "x", ClientRequestToken: TOKEN_A }).ARN).toBe(created.ARN);
    const other = a.call("CreateSecret", { Name: "prod/orders/api", SecretString: "y" });
    expect(other.ARN.slice(-6)).not.toBe(created.ARN.slice(-6));
    // Without a ClientRequestToken (raw HTTP), the version id is a UUID the sandbox makes.
    expect(other.VersionId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  test("GetSecretValue by name, full ARN and partial ARN; another Region's or account's ARN is not found", () => {
    const s = sandbox();
    const { ARN } = s.call("CreateSecret", { Name: "prod/orders/db", SecretString: "pw" });
    const partial = ARN.slice(0, -7);
    for (const id of ["prod/orders/db", ARN, partial]) expect(s.call("GetSecretValue", { SecretId: id }).SecretString).toBe("pw");
    expect(s.fail("GetSecretValue", { SecretId: ARN.replace("ap-northeast-1", "us-east-1") })).toEqual(NOT_FOUND);
    expect(s.fail("GetSecretValue", { SecretId: ARN.replace("123456789012", "210987654321") })).toEqual(NOT_FOUND);
    // A full ARN with the wrong suffix is someone else's secret: not found.
    expect(s.fail("GetSecretValue", { SecretId: `${partial}-AAAAAA` })).toEqual(NOT_FOUND);
    expect(s.fail("GetSecretValue", { SecretId: "prod/orders" })).toEqual(NOT_FOUND);
  });

  test("names outside AWS's character set are refused with its ValidationException", () => {
    const s = sandbox();
    const invalid = {
      code: "ValidationException",
      message: "Invalid name. Must be a valid name containing alphanumeric characters, or any of the following: -/_+=.@!",
    };
    expect(s.fail("CreateSecret", { Name: "my secret", SecretString: "x" })).toEqual(invalid);
    expect(s.fail("GetSecretValue", { SecretId: "db#password" })).toEqual(invalid);
    // An ECS-style JSON-key suffix is not a SecretId.
    expect(s.fail("GetSecretValue", { SecretId: "arn:aws:secretsmanager:ap-northeast-1:123456789012:secret:db-AbCdEf:password::" })).toEqual(invalid);
    expect(s.fail("CreateSecret", { Name: "x".repeat(513), SecretString: "x" }).code).toBe("ValidationException");
    expect(s.fail("CreateSecret", { SecretString: "x" })).toEqual({
      code: "ValidationException",
      message: "1 validation error detected: Value null at 'name' failed to satisfy constraint: Member must not be null",
    });
  });
});

describe("versions and staging labels", () => {
  test("each new value takes AWSCURRENT; the version it leaves gets AWSPREVIOUS; older ones are deprecated", () => {
    const s = sandbox();
    s.call("CreateSecret", { Name: "db", SecretString: "v1", ClientRequestToken: TOKEN_A });
    expect(s.call("PutSecretValue", { SecretId: "db", SecretString: "v2", ClientRequestToken: TOKEN_B })).toMatchObject({
      VersionId: TOKEN_B,
      VersionStages: ["AWSCURRENT"],
    });
    expect(s.call("DescribeSecret", { SecretId: "db" }).VersionIdsToStages).toEqual({ [TOKEN_A]: ["AWSPREVIOUS"], [TOKEN_B]: ["AWSCURRENT"] });
    s.call("UpdateSecret", { SecretId: "db", SecretString: "v3", ClientRequestToken: TOKEN_C });
    expect(s.call("DescribeSecret", { SecretId: "db" }).VersionIdsToStages).toEqual({ [TOKEN_B]: ["AWSPREVIOUS"], [TOKEN_C]: ["AWSCURRENT"] });
    expect(s.call("GetSecretValue", { SecretId: "db" }).SecretString).toBe("v3");
    expect(s.call("GetSecretValue", { SecretId: "db", VersionStage: "AWSPREVIOUS" }).SecretString).toBe("v2");
    expect(s.call("GetSecretValue", { SecretId: "db", VersionId: TOKEN_A })).toMatchObject({ SecretString: "v1", VersionStages: [] });
    // ListSecretVersionIds hides deprecated versions unless asked.
    expect(s.call("ListSecretVersionIds", { SecretId: "db" }).Versions.map((v: { VersionId: string }) => v.VersionId)).toEqual([TOKEN_B, TOKEN_C]);
    const all = s.call("ListSecretVersionIds", { SecretId: "db", IncludeDeprecated: true }).Versions;
    expect(all.map((v: { VersionId: string }) => v.VersionId)).toEqual([TOKEN_A, TOKEN_B, TOKEN_C]);
    expect(all[0]).toEqual({ VersionId: TOKEN_A, CreatedDate: T0 / 1000, KmsKeyIds: ["DEFAULT"] });
  });

  test("custom labels move between versions without touching AWSCURRENT; a first version always gets AWSCURRENT", () => {
    const s = sandbox();
    s.call("CreateSecret", { Name: "empty" });
    expect(s.fail("GetSecretValue", { SecretId: "empty" })).toEqual({
      code: "ResourceNotFoundException",
      message: "Secrets Manager can't find the specified secret value for staging label: AWSCURRENT",
    });
    expect(s.call("PutSecretValue", { SecretId: "empty", SecretString: "v1", VersionStages: ["blue"], ClientRequestToken: TOKEN_A }).VersionStages).toEqual([
      "blue",
      "AWSCURRENT",
    ]);
    s.call("PutSecretValue", { SecretId: "empty", SecretString: "v2", VersionStages: ["AWSPENDING", "blue"], ClientRequestToken: TOKEN_B });
    expect(s.call("DescribeSecret", { SecretId: "empty" }).VersionIdsToStages).toEqual({ [TOKEN_A]: ["AWSCURRENT"], [TOKEN_B]: ["AWSPENDING", "blue"] });
    expect(s.call("GetSecretValue", { SecretId: "empty", VersionStage: "AWSPENDING" }).SecretString).toBe("v2");
    expect(s.fail("GetSecretValue", { SecretId: "empty", VersionId: TOKEN_A, VersionStage: "blue" })).toEqual({
      code: "InvalidRequestException",
      message: "You provided a VersionStage that is not associated to the provided VersionId.",
    });
    expect(s.fail("GetSecretValue", { SecretId: "empty", VersionId: TOKEN_C })).toEqual({
      code: "ResourceNotFoundException",
      message: `Secrets Manager can't find the specified secret value for VersionId: ${TOKEN_C}`,
    });
    const labels = Array.from({ length: 19 }, (_, i) => `l${i}`);
    expect(s.fail("PutSecretValue", { SecretId: "empty", SecretString: "v3", VersionStages: labels }).code).toBe("LimitExceededException");
  });

  test("ClientRequestToken: the same token and value do nothing; another value with it is refused", () => {
    const s = sandbox();
    s.call("CreateSecret", { Name: "db", SecretString: "v1", ClientRequestToken: TOKEN_A });
    // A retried CreateSecret answers as the first time did.
    expect(s.call("CreateSecret", { Name: "db", SecretString: "v1", ClientRequestToken: TOKEN_A }).VersionId).toBe(TOKEN_A);
    expect(s.fail("CreateSecret", { Name: "db", SecretString: "v1", ClientRequestToken: TOKEN_B })).toEqual({
      code: "ResourceExistsException",
      message: "The operation failed because the secret db already exists.",
    });
    const before = s.state;
    expect(s.call("PutSecretValue", { SecretId: "db", SecretString: "v1", ClientRequestToken: TOKEN_A })).toMatchObject({ VersionId: TOKEN_A });
    expect(s.state.secrets.db.versions).toHaveLength(1);
    expect(s.state.secrets.db).toEqual(before.secrets.db);
    const refused = { code: "ResourceExistsException", message: "You can't modify an existing version, you can only create a new version." };
    expect(s.fail("PutSecretValue", { SecretId: "db", SecretString: "other", ClientRequestToken: TOKEN_A })).toEqual(refused);
    expect(s.fail("UpdateSecret", { SecretId: "db", SecretString: "other", ClientRequestToken: TOKEN_A })).toEqual(refused);
    expect(s.fail("PutSecretValue", { SecretId: "db", SecretString: "x", ClientRequestToken: "short" }).message).toBe(
      "1 validation error detected: Value 'short' at 'clientRequestToken' failed to satisfy constraint: Member must have length greater than or equal to 32",
    );
  });

  test("SecretString or SecretBinary: one of them, not both, not empty", () => {
    const s = sandbox();
    s.call("CreateSecret", { Name: "bin", SecretBinary: "AAECAw==" });
    expect(s.call("GetSecretValue", { SecretId: "bin" })).toMatchObject({ SecretBinary: "AAECAw==" });
    expect(s.call("GetSecretValue", { SecretId: "bin" }).SecretString).toBeUndefined();
    expect(s.fail("PutSecretValue", { SecretId: "bin", SecretString: "a", SecretBinary: "AA==" })).toEqual({
      code: "InvalidParameterException",
      message: "You can't specify both a binary secret value and a string secret value in the same secret.",
    });
    const none = { code: "InvalidRequestException", message: "You must provide either SecretString or SecretBinary." };
    expect(s.fail("PutSecretValue", { SecretId: "bin" })).toEqual(none);
    expect(s.fail("PutSecretValue", { SecretId: "bin", SecretString: "" })).toEqual(none);
    expect(s.fail("PutSecretValue", { SecretId: "bin", SecretString: "x".repeat(65_537) }).message).toBe(
      "1 validation error detected: Value at 'secretString' failed to satisfy constraint: Member must have length less than or equal to 65536",
    );
  });

  test("over 100 versions, deprecated ones go once they are a day old; younger ones keep new versions out", () => {
    const s = sandbox();
    s.call("CreateSecret", { Name: "busy", SecretString: "v0" });
    for (let i = 1; i < 100; i++) s.call("PutSecretValue", { SecretId: "busy", SecretString: `v${i}` });
    expect(s.state.secrets.busy.versions).toHaveLength(100);
    expect(s.fail("PutSecretValue", { SecretId: "busy", SecretString: "v100" }).code).toBe("LimitExceededException");
    s.tick(DAY);
    s.call("PutSecretValue", { SecretId: "busy", SecretString: "v100" });
    const versions = s.state.secrets.busy.versions;
    expect(versions).toHaveLength(100);
    expect(versions[0].secretString).toBe("v1");
    expect(versions.at(-1)!.stages).toEqual(["AWSCURRENT"]);
  });

  test("the sandbox's storage bound drops deprecated versions first, then refuses with its own message", () => {
    const s = sandbox();
    const big = "x".repeat(60_000);
    s.call("CreateSecret", { Name: "a", SecretString: big });
    for (let i = 0; i < 20; i++) s.call("PutSecretValue", { SecretId: "a", SecretString: big + i });
    const stored = s.state.secrets.a.versions.reduce((n, v) => n + (v.secretString ?? "").length, 0);
    expect(stored).toBeLessThanOrEqual(SECRETS_SANDBOX_LIMITS.storedValueCharacters);
    expect(s.state.secrets.a.versions.at(-1)!.secretString).toBe(`${big}19`);
    // "a" keeps AWSCURRENT and AWSPREVIOUS (120 KB): 15 more secrets of 60 KB fit in 1 MiB, a 16th does not.
    for (let i = 0; i < 15; i++) s.call("CreateSecret", { Name: `filler${i}`, SecretString: big });
    const refused = s.fail("CreateSecret", { Name: "one-too-many", SecretString: big });
    expect(refused.code).toBe("LimitExceededException");
    expect(refused.message).toContain("This is a limit of the sandbox, not of AWS Secrets Manager.");
  });
});

describe("deletion, the recovery window on the simulated clock, restore", () => {
  test("default 30 days; the secret is refused meanwhile, described with DeletedDate, listed only on request", () => {
    const s = sandbox();
    const { ARN } = s.call("CreateSecret", { Name: "db", SecretString: "pw" });
    expect(s.call("DeleteSecret", { SecretId: "db" })).toEqual({ ARN, Name: "db", DeletionDate: (T0 + 30 * DAY) / 1000 });
    expect(s.fail("GetSecretValue", { SecretId: "db" })).toEqual(MARKED);
    expect(s.fail("PutSecretValue", { SecretId: "db", SecretString: "x" })).toEqual(MARKED);
    expect(s.fail("UpdateSecret", { SecretId: "db", Description: "x" })).toEqual(MARKED);
    expect(s.call("DescribeSecret", { SecretId: "db" }).DeletedDate).toBe(T0 / 1000);
    expect(s.call("ListSecrets").SecretList).toEqual([]);
    expect(s.call("ListSecrets", { IncludePlannedDeletion: true }).SecretList.map((e: { Name: string }) => e.Name)).toEqual(["db"]);
    expect(s.fail("DeleteSecret", { SecretId: "db" })).toEqual({
      code: "InvalidRequestException",
      message: "You tried to perform the operation on a secret that's currently marked deleted.",
    });
    expect(s.fail("CreateSecret", { Name: "db", SecretString: "again" })).toEqual({
      code: "InvalidRequestException",
      message: "You can't create this secret because a secret with this name is already scheduled for deletion.",
    });
    s.tick(29 * DAY);
    expect(s.call("RestoreSecret", { SecretId: "db" })).toEqual({ ARN, Name: "db" });
    expect(s.call("GetSecretValue", { SecretId: "db" }).SecretString).toBe("pw");
    expect(s.call("DescribeSecret", { SecretId: "db" }).DeletedDate).toBeUndefined();
  });

  test("RecoveryWindowInDays 7..30, not with ForceDeleteWithoutRecovery; the end of the window deletes the secret", () => {
    const s = sandbox();
    const { ARN } = s.call("CreateSecret", { Name: "db", SecretString: "pw" });
    const window = { code: "InvalidParameterException", message: "The RecoveryWindowInDays value must be between 7 and 30 days (inclusive)." };
    expect(s.fail("DeleteSecret", { SecretId: "db", RecoveryWindowInDays: 6 })).toEqual(window);
    expect(s.fail("DeleteSecret", { SecretId: "db", RecoveryWindowInDays: 31 })).toEqual(window);
    expect(s.fail("DeleteSecret", { SecretId: "db", RecoveryWindowInDays: 7, ForceDeleteWithoutRecovery: true })).toEqual({
      code: "InvalidParameterException",
      message: "You can't use ForceDeleteWithoutRecovery in conjunction with RecoveryWindowInDays.",
    });
    expect(s.call("DeleteSecret", { SecretId: "db", RecoveryWindowInDays: 7 }).DeletionDate).toBe((T0 + 7 * DAY) / 1000);
    s.tick(7 * DAY - 1);
    expect(s.call("DescribeSecret", { SecretId: "db" }).ARN).toBe(ARN);
    s.tick(1);
    // Simulated time reached the DeletionDate: the secret is gone, from reads and from the stored state.
    expect(s.fail("DescribeSecret", { SecretId: "db" })).toEqual(NOT_FOUND);
    expect(s.fail("RestoreSecret", { SecretId: "db" })).toEqual(NOT_FOUND);
    const again = s.call("CreateSecret", { Name: "db", SecretString: "new" });
    expect(again.ARN).not.toBe(ARN);
    expect(Object.keys(s.state.secrets)).toEqual(["db"]);
  });

  test("ForceDeleteWithoutRecovery deletes at once, even a scheduled or a missing secret", () => {
    const s = sandbox();
    const { ARN } = s.call("CreateSecret", { Name: "db", SecretString: "pw" });
    s.call("DeleteSecret", { SecretId: "db" });
    expect(s.call("DeleteSecret", { SecretId: ARN, ForceDeleteWithoutRecovery: true })).toEqual({ ARN, Name: "db", DeletionDate: T0 / 1000 });
    expect(s.state.secrets).toEqual({});
    expect(s.call("CreateSecret", { Name: "db", SecretString: "again" }).Name).toBe("db");
    const ghost = s.call("DeleteSecret", { SecretId: "ghost", ForceDeleteWithoutRecovery: true });
    expect(ghost).toMatchObject({ Name: "ghost", DeletionDate: T0 / 1000 });
    expect(ghost.ARN).toMatch(/:secret:ghost-[A-Za-z]{6}$/);
    expect(s.fail("DeleteSecret", { SecretId: "ghost" })).toEqual(NOT_FOUND);
  });
});

describe("ListSecrets: filters, sorting, pages; tags", () => {
  function catalogue() {
    const s = sandbox();
    s.call("CreateSecret", { Name: "prod/orders/db", Description: "Orders DATABASE password", Tags: [{ Key: "team", Value: "orders" }] });
    s.tick(1000);
    s.call("CreateSecret", { Name: "prod/web/api-key", Tags: [{ Key: "team", Value: "web" }] });
    s.tick(1000);
    s.call("CreateSecret", { Name: "dev/orders/db", Description: "dev copy" });
    return s;
  }
  const names = (out: { SecretList: { Name: string }[] }) => out.SecretList.map((e) => e.Name);

  test("name, description, tag and all filters, with negation", () => {
    const s = catalogue();
    expect(names(s.call("ListSecrets", { Filters: [{ Key: "name", Values: ["prod/"] }] }))).toEqual(["prod/orders/db", "prod/web/api-key"]);
    expect(names(s.call("ListSecrets", { Filters: [{ Key: "name", Values: ["Prod/"] }] }))).toEqual([]);
    expect(names(s.call("ListSecrets", { Filters: [{ Key: "description", Values: ["orders database"] }] }))).toEqual(["prod/orders/db"]);
    expect(names(s.call("ListSecrets", { Filters: [{ Key: "tag-key", Values: ["team"] }, { Key: "tag-value", Values: ["!web"] }] }))).toEqual([
      "prod/orders/db",
    ]);
    expect(names(s.call("ListSecrets", { Filters: [{ Key: "name", Values: ["!prod"] }] }))).toEqual(["dev/orders/db"]);
    expect(names(s.call("ListSecrets", { Filters: [{ Key: "all", Values: ["ORDERS"] }] }))).toEqual(["prod/orders/db", "dev/orders/db"]);
    expect(s.fail("ListSecrets", { Filters: [{ Key: "region", Values: ["x"] }] })).toEqual({
      code: "ValidationException",
      message:
        "1 validation error detected: Value 'region' at 'filters.1.member.key' failed to satisfy constraint: Member must satisfy enum value set: [description, name, tag-key, tag-value, primary-region, owning-service, all]",
    });
  });

  test("sorted by creation unless asked otherwise; MaxResults and NextToken", () => {
    const s = catalogue();
    expect(names(s.call("ListSecrets"))).toEqual(["prod/orders/db", "prod/web/api-key", "dev/orders/db"]);
    expect(names(s.call("ListSecrets", { SortBy: "name" }))).toEqual(["dev/orders/db", "prod/orders/db", "prod/web/api-key"]);
    expect(names(s.call("ListSecrets", { SortOrder: "desc" }))).toEqual(["dev/orders/db", "prod/web/api-key", "prod/orders/db"]);
    const first = s.call("ListSecrets", { MaxResults: 2 });
    expect(names(first)).toEqual(["prod/orders/db", "prod/web/api-key"]);
    const second = s.call("ListSecrets", { MaxResults: 2, NextToken: first.NextToken });
    expect(second).toEqual({ SecretList: [expect.objectContaining({ Name: "dev/orders/db" })] });
    expect(s.fail("ListSecrets", { NextToken: "bm9wZQ==" })).toEqual({ code: "InvalidNextTokenException", message: "The NextToken value is invalid." });
    // A token of another list is not one of this list.
    s.call("PutSecretValue", { SecretId: "dev/orders/db", SecretString: "1" });
    s.call("PutSecretValue", { SecretId: "dev/orders/db", SecretString: "2" });
    const versions = s.call("ListSecretVersionIds", { SecretId: "dev/orders/db", MaxResults: 1 });
    expect(s.fail("ListSecrets", { NextToken: versions.NextToken }).code).toBe("InvalidNextTokenException");
    expect(s.fail("ListSecrets", { MaxResults: 101 }).code).toBe("ValidationException");
  });

  test("tags: added, replaced by key, removed; 50 at most; aws: is reserved", () => {
    const s = catalogue();
    s.call("TagResource", { SecretId: "prod/orders/db", Tags: [{ Key: "team", Value: "payments" }, { Key: "env", Value: "prod" }] });
    expect(s.call("DescribeSecret", { SecretId: "prod/orders/db" }).Tags).toEqual([
      { Key: "team", Value: "payments" },
      { Key: "env", Value: "prod" },
    ]);
    s.call("UntagResource", { SecretId: "prod/orders/db", TagKeys: ["team", "absent"] });
    expect(s.call("DescribeSecret", { SecretId: "prod/orders/db" }).Tags).toEqual([{ Key: "env", Value: "prod" }]);
    const many = Array.from({ length: 50 }, (_, i) => ({ Key: `k${i}`, Value: "v" }));
    expect(s.fail("TagResource", { SecretId: "prod/orders/db", Tags: many }).code).toBe("ValidationException");
    expect(s.fail("TagResource", { SecretId: "prod/orders/db", Tags: [{ Key: "aws:x", Value: "v" }] }).code).toBe("InvalidParameterException");
  });
});

describe("resolveSecretReference: what ECS injects for secrets[].valueFrom", () => {
  /** Two Regions of one learner, with a secret and parameters in Tokyo and a secret in Virginia. */
  function world() {
    const tokyo = sandbox("ap-northeast-1");
    const virginia = sandbox("us-east-1");
    const db = tokyo.call("CreateSecret", {
      Name: "prod/orders/db",
      SecretString: JSON.stringify({ username: "orders", password: "v1-pass", port: 5432, big: 1234567, nested: { b: 2, a: [1, "x"] } }),
      ClientRequestToken: TOKEN_A,
    });
    tokyo.call("PutSecretValue", { SecretId: "prod/orders/db", SecretString: JSON.stringify({ username: "orders", password: "v2-pass" }), ClientRequestToken: TOKEN_B });
    const plain = tokyo.call("CreateSecret", { Name: "plain", SecretString: "hunter2", KmsKeyId: "alias/orders" });
    const bin = tokyo.call("CreateSecret", { Name: "bin", SecretBinary: "AAEC" });
    const gone = tokyo.call("CreateSecret", { Name: "gone", SecretString: "x" });
    tokyo.call("DeleteSecret", { SecretId: "gone" });
    tokyo.call("PutParameter", { Name: "/orders/feature-flag", Value: "on", Type: "String" });
    tokyo.call("PutParameter", { Name: "/orders/token", Value: "t0k3n", Type: "SecureString", KeyId: "alias/orders" });
    const us = virginia.call("CreateSecret", { Name: "us-only", SecretString: "from-virginia" });
    virginia.call("PutParameter", { Name: "us-param", Value: "east", Type: "String" });
    const states: Record<string, SecretSource> = { "ap-northeast-1": tokyo.state, "us-east-1": virginia.state };
    const resolve = (valueFrom: string, region = "ap-northeast-1") => resolveSecretReference(states, valueFrom, region, { requestId: "req-1" });
    return { db: db.ARN as string, plain: plain.ARN as string, bin: bin.ARN as string, gone: gone.ARN as string, us: us.ARN as string, resolve, states };
  }

  test("valueFrom forms: full and partial ARNs, JSON key, version stage, version id (AWS's secret:name:json-key:stage:id)", () => {
    const w = world();
    const partial = w.db.slice(0, -7);
    expect(w.resolve(w.db)).toMatchObject({ value: JSON.stringify({ username: "orders", password: "v2-pass" }) });
    expect(w.resolve(partial)).toMatchObject({ value: expect.stringContaining("v2-pass") });
    expect(w.resolve(`${w.db}:password::`)).toMatchObject({ value: "v2-pass" });
    expect(w.resolve(`${partial}:password::`)).toMatchObject({ value: "v2-pass" });
    expect(w.resolve(`${w.db}:password:AWSPREVIOUS:`)).toMatchObject({ value: "v1-pass" });
    expect(w.resolve(`${w.db}:password::${TOKEN_A}`)).toMatchObject({ value: "v1-pass" });
    expect(w.resolve(`${w.db}::AWSPREVIOUS:`)).toMatchObject({ value: expect.stringContaining("v1-pass") });
    expect(w.resolve(`${w.db}:port:AWSPREVIOUS:`)).toMatchObject({ value: "5432" });
    expect(w.resolve(`${w.db}:big:AWSPREVIOUS:`)).toMatchObject({ value: "1.234567e+06" });
    expect(w.resolve(`${w.db}:nested:AWSPREVIOUS:`)).toMatchObject({ value: "map[a:[1 x] b:2]" });
    // The resource IAM evaluates is the secret's full ARN, however it was named.
    const found = w.resolve(`${partial}:password::`);
    expect("location" in found && found.location).toMatchObject({
      kind: "secretsmanager",
      region: "ap-northeast-1",
      action: "secretsmanager:GetSecretValue",
      resourceArn: w.db,
      requestedId: partial,
      jsonKey: "password",
    });
  });

  test("failures ECS reports: missing JSON key, not JSON, bad field count, missing stage or version, scheduled deletion", () => {
    const w = world();
    expect(w.resolve(`${w.db}:creds_key::`)).toMatchObject({ error: `${ASM_FAILURE_PREFIX}retrieved secret from Secrets Manager did not contain json key creds_key` });
    expect(w.resolve(`${w.plain}:password::`)).toMatchObject({ error: `${ASM_FAILURE_PREFIX}invalid character 'h' looking for beginning of value` });
    expect(w.resolve(`${w.db}:password`)).toEqual({
      error: `${ASM_FAILURE_PREFIX}trying to retrieve secret with value ${w.db}:password resulted in error: an invalid ARN format for the AWS Secrets Manager secret was specified. Specify a valid ARN and try again.`,
    });
    expect(w.resolve(`${w.db}:password:AWSPENDING:`)).toMatchObject({
      error: `${ASM_FAILURE_PREFIX}failed to fetch secret ${w.db} from secrets manager: ResourceNotFoundException: Secrets Manager can't find the specified secret value for staging label: AWSPENDING status code: 400, request id: req-1`,
    });
    expect(w.resolve(w.gone)).toMatchObject({
      error: `${ASM_FAILURE_PREFIX}failed to fetch secret ${w.gone} from secrets manager: InvalidRequestException: You can't perform this operation on the secret because it was marked for deletion. status code: 400, request id: req-1`,
    });
    // A '#' where ECS expects ':' reaches Secrets Manager as part of the name (users report this ValidationException).
    expect(w.resolve(`${w.db}#password`)).toMatchObject({
      error: `${ASM_FAILURE_PREFIX}failed to fetch secret ${w.db}#password from secrets manager: ValidationException: Invalid name. Must be a valid name containing alphanumeric characters, or any of the following: -/_+=.@! status code: 400, request id: req-1`,
    });
    // A binary secret injects an empty string (the agent reads SecretString only).
    expect(w.resolve(w.bin)).toMatchObject({ value: "" });
  });

  test("Regions: an ARN is read in its own Region; a secret created in another Region is not found under this one", () => {
    const w = world();
    expect(w.resolve(w.us, "ap-northeast-1")).toMatchObject({ value: "from-virginia", location: { region: "us-east-1" } });
    const wrongRegion = w.us.replace("us-east-1", "ap-northeast-1");
    expect(w.resolve(wrongRegion)).toEqual({
      error: `${ASM_FAILURE_PREFIX}failed to fetch secret ${wrongRegion} from secrets manager: ResourceNotFoundException: Secrets Manager can't find the specified secret. status code: 400, request id: req-1`,
      location: expect.objectContaining({ region: "ap-northeast-1", resourceArn: wrongRegion }),
    });
    // A Region the learner never used: nothing there either.
    const nowhere = w.db.replace("ap-northeast-1", "eu-west-1");
    expect(w.resolve(nowhere)).toMatchObject({ error: expect.stringContaining("ResourceNotFoundException: Secrets Manager can't find the specified secret.") });
  });

  test("SSM: a name in the task's Region, an ARN in its own; SecureString decrypted; missing ones are invalid parameters", () => {
    const w = world();
    expect(w.resolve("/orders/feature-flag")).toMatchObject({
      value: "on",
      location: { kind: "ssm", action: "ssm:GetParameters", resourceArn: "arn:aws:ssm:ap-northeast-1:123456789012:parameter/orders/feature-flag" },
    });
    expect(w.resolve("/orders/token")).toEqual({ value: "t0k3n", location: expect.objectContaining({ kind: "ssm" }), kmsKeyId: "alias/orders" });
    expect(w.resolve("arn:aws:ssm:us-east-1:123456789012:parameter/us-param")).toMatchObject({ value: "east" });
    expect(w.resolve("us-param")).toMatchObject({ error: `${SSM_FAILURE_PREFIX}invalid parameters: us-param` });
    expect(w.resolve("us-param", "us-east-1")).toMatchObject({ value: "east" });
    // A Secrets Manager name is not an ARN: ECS asks Parameter Store for it.
    expect(w.resolve("prod/orders/db")).toMatchObject({ error: `${SSM_FAILURE_PREFIX}invalid parameters: prod/orders/db` });
    expect(w.resolve("/orders/feature-flag:1")).toMatchObject({ value: "on" });
  });

  test("locate, KMS keys and the access-denied reason for the execution role", () => {
    const w = world();
    expect(locateSecretReference("/orders/x", "ap-northeast-1", ACCOUNT)).toEqual({
      kind: "ssm",
      region: "ap-northeast-1",
      action: "ssm:GetParameters",
      resourceArn: "arn:aws:ssm:ap-northeast-1:123456789012:parameter/orders/x",
      requestedId: "/orders/x",
    });
    expect(w.resolve(w.plain)).toMatchObject({ value: "hunter2", kmsKeyId: "alias/orders" });
    const located = locateSecretReference(`${w.db}:password::`, "ap-northeast-1", ACCOUNT);
    if ("error" in located) throw new Error(located.error);
    const denied = `User: arn:aws:sts::${ACCOUNT}:assumed-role/exec/abc is not authorized to perform: secretsmanager:GetSecretValue on resource: ${w.db} because no identity-based policy allows the secretsmanager:GetSecretValue action`;
    expect(secretsAccessDenied(located, denied, "req-2")).toBe(
      `${ASM_FAILURE_PREFIX}failed to fetch secret ${w.db} from secrets manager: AccessDeniedException: ${denied} status code: 400, request id: req-2`,
    );
    const ssm = locateSecretReference("/orders/x", "ap-northeast-1", ACCOUNT);
    if ("error" in ssm) throw new Error(ssm.error);
    expect(secretsAccessDenied(ssm, "User: u is not authorized", "req-3")).toBe(
      `${SSM_FAILURE_PREFIX}AccessDeniedException: User: u is not authorized status code: 400, request id: req-3`,
    );
    // The request id is reproducible when the caller does not give one.
    const a = resolveSecretReference(w.states, "missing-param-x", "ap-northeast-1");
    expect(resolveSecretReference(w.states, `${w.db}:x::`.replace("db-", "dx-"), "ap-northeast-1")).toEqual(
      resolveSecretReference(w.states, `${w.db}:x::`.replace("db-", "dx-"), "ap-northeast-1"),
    );
    expect(a).toMatchObject({ error: `${SSM_FAILURE_PREFIX}invalid parameters: missing-param-x` });
  });

  test("Go's formatting of JSON values and its decoding errors", () => {
    expect(goFormat("s")).toBe("s");
    expect(goFormat(true)).toBe("true");
    expect(goFormat(null)).toBe("<nil>");
    expect(goFormat(0.0001)).toBe("0.0001");
    expect(goFormat(0.00001)).toBe("1e-05");
    expect(goFormat(123456)).toBe("123456");
    expect(goFormat(1000000)).toBe("1e+06");
    expect(goFormat(1.5)).toBe("1.5");
    expect(jsonKeyValue("", "k")).toEqual({ error: "unexpected end of JSON input" });
    expect(jsonKeyValue('"text"', "k")).toEqual({ error: "json: cannot unmarshal string into Go value of type map[string]interface {}" });
    expect(jsonKeyValue("[1]", "k")).toEqual({ error: "json: cannot unmarshal array into Go value of type map[string]interface {}" });
    expect(jsonKeyValue("null", "k")).toEqual({ error: "retrieved secret from Secrets Manager did not contain json key k" });
    expect(jsonKeyValue('{"k":"v"}', "k")).toEqual({ value: "v" });
  });
});

describe("persistence", () => {
  test("secrets and parameters are stored one document each, names with slashes included, and come back whole", () => {
    const s = sandbox();
    s.call("CreateSecret", { Name: "prod/orders/db", SecretString: "pw", Tags: [{ Key: "team", Value: "orders" }] });
    s.call("DeleteSecret", { SecretId: "prod/orders/db", RecoveryWindowInDays: 7 });
    s.call("CreateSecret", { Name: "plain", SecretBinary: "AAEC" });
    s.call("PutParameter", { Name: "/orders/feature-flag", Value: "on", Type: "SecureString" });
    s.call("PutParameter", { Name: "top", Value: "x", Type: "String" });
    const { documents } = changedDocuments(null, EMPTY_INDEX, s.state);
    expect(documents.map((d) => d.key).filter((k) => k !== "meta").sort()).toEqual([
      "parameters//orders/feature-flag",
      "parameters/top",
      "secrets/plain",
      "secrets/prod/orders/db",
    ]);
    const restored = stateOfDocuments(documents).state;
    expect(restored.secrets).toEqual(s.state.secrets);
    expect(restored.parameters).toEqual(s.state.parameters);
    expect(Object.keys(restored.secrets)).toEqual(Object.keys(s.state.secrets));
  });
});

describe("members the sandbox does not use, bounded as the model bounds them (found by the services fuzz)", () => {
  test("Type and RotationToken: a value AWS refuses is refused and changes nothing", () => {
    const s = sandbox();
    s.call("CreateSecret", { Name: "db", SecretString: "v1" });
    const tooLong = (member: string, max: number) =>
      `1 validation error detected: Value '${"t".repeat(max + 1)}' at '${member}' failed to satisfy constraint: Member must have length less than or equal to ${max}`;
    expect(s.fail("CreateSecret", { Name: "other", SecretString: "v", Type: "t".repeat(257) })).toEqual({ code: "ValidationException", message: tooLong("type", 256) });
    expect(s.fail("UpdateSecret", { SecretId: "db", Description: "new", Type: "t".repeat(257) })).toEqual({ code: "ValidationException", message: tooLong("type", 256) });
    // A rotation token is sensitive: never echoed.
    expect(s.fail("PutSecretValue", { SecretId: "db", SecretString: "v2", RotationToken: "short" })).toEqual({
      code: "ValidationException",
      message: "1 validation error detected: Value at 'rotationToken' failed to satisfy constraint: Member must have length greater than or equal to 36",
    });
    expect(s.fail("PutSecretValue", { SecretId: "db", SecretString: "v2", RotationToken: `${"r".repeat(36)}<` }).message).toContain("regular expression pattern");
    expect(s.call("PutSecretValue", { SecretId: "db", SecretString: "v2", RotationToken: TOKEN_A }).VersionStages).toEqual(["AWSCURRENT"]);
  });

  test("GetSecretValue's VersionId and VersionStage, and NextToken, outside the model's lengths: a validation error, not a lookup", () => {
    const s = sandbox();
    s.call("CreateSecret", { Name: "db", SecretString: "v1" });
    expect(s.fail("GetSecretValue", { SecretId: "db", VersionId: "v1" })).toEqual({
      code: "ValidationException",
      message: "1 validation error detected: Value 'v1' at 'versionId' failed to satisfy constraint: Member must have length greater than or equal to 32",
    });
    expect(s.fail("GetSecretValue", { SecretId: "db", VersionStage: "s".repeat(257) }).message).toContain("at 'versionStage' failed to satisfy constraint: Member must have length less than or equal to 256");
    expect(s.fail("ListSecrets", { NextToken: "n".repeat(4097) }).message).toContain("at 'nextToken' failed to satisfy constraint: Member must have length less than or equal to 4096");
    expect(s.fail("ListSecretVersionIds", { SecretId: "db", NextToken: "" }).code).toBe("ValidationException");
  });
});

describe("robustness", () => {
  test("every Secrets Manager and SSM operation answers malformed input with an AWS-shaped error, never a crash", () => {
    const members = [
      "SecretId", "Name", "SecretString", "SecretBinary", "ClientRequestToken", "VersionStages", "VersionId", "VersionStage", "Filters", "Tags",
      "TagKeys", "MaxResults", "NextToken", "RecoveryWindowInDays", "ForceDeleteWithoutRecovery", "Names", "Path", "ParameterFilters", "Labels",
      "ParameterVersion", "Value", "Type", "Tier", "AllowedPattern", "KeyId", "Overwrite", "SortBy", "IncludeDeprecated",
    ];
    const oddValues: unknown[] = [null, 0, -1, 1.5, true, "", " ", "x", "arn:", "arn:aws:secretsmanager:ap-northeast-1:123456789012:secret:", [], [null], [{}], [1], {}, { Key: 1 }, "\u0000", "a".repeat(3000)];
    let answers = 0;
    for (const provider of [secretsManagerProvider, ssmProvider]) {
      for (const [name, operation] of Object.entries(provider.operations)) {
        const state = createSandboxState(ACCOUNT, REGION);
        const seeded = runOperation(state, secretsManagerProvider.operations.CreateSecret, { Name: "x", SecretString: "v" }, T0, NEW_ACCOUNT).state;
        const ready = runOperation(seeded, ssmProvider.operations.PutParameter, { Name: "x", Value: "v", Type: "String" }, T0, NEW_ACCOUNT).state;
        for (const member of members) {
          for (const value of oddValues) {
            try {
              runOperation(ready, operation, { [member]: value }, T0, NEW_ACCOUNT);
              answers += 1;
            } catch (error) {
              if (!(error instanceof EcsError)) throw new Error(`${name} {${member}: ${JSON.stringify(value)?.slice(0, 40)}} crashed: ${String(error)}`);
              expect(error.type).toMatch(/^[A-Z][A-Za-z]+$/);
            }
          }
        }
      }
    }
    expect(answers).toBeGreaterThan(0);
  });
});
