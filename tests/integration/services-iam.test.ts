/**
 * IAM with the real AWS CLI (v1), unchanged but for the endpoint: the execution role of lesson L305 built the way a
 * learner builds it (a trust policy file, the AWS managed policy, an inline policy), simulate-principal-policy, and
 * AWS's exact error lines. IAM is global: whatever Region the CLI signs for (us-east-1 against AWS; its own Region
 * against an endpoint URL), every Region sees the same roles; two learners never see each other's; a refused call
 * changes nothing.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { awsCli, type CliTarget, requireAwsCli } from "./support/aws-cli";
import { expectAwsError } from "./support/aws-errors";
import { startGatewayEndpoint, type GatewayEndpoint, type GatewayLearner } from "./support/gateway-endpoint";

/** The roles every sandbox account starts with. */
const SEEDED_ROLES = ["ecsInstanceRole", "ecsTaskExecutionRole", "ecsTaskRole"];
const EXEC_POLICY = "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy";
const ECS_TRUST = {
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Principal: { Service: "ecs-tasks.amazonaws.com" }, Action: "sts:AssumeRole" }],
};
const READ_REPORTS = {
  Version: "2012-10-17",
  Statement: [{ Sid: "ReadDailyReports", Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::sbx-reports/daily/*" }],
};

let endpoint: GatewayEndpoint;
let workDir: string;
let alice: GatewayLearner;
let bob: GatewayLearner;

function target(learner: GatewayLearner, region = "ap-northeast-1"): CliTarget {
  return { endpointUrl: endpoint.url, accessKeyId: learner.accessKeyId, secretAccessKey: learner.secretAccessKey, region, workDir };
}

const iam = (args: string[], learner = alice, region?: string) => awsCli("iam", args, target(learner, region));
const file = (name: string) => `file://${path.join(workDir, name)}`;

beforeAll(async () => {
  await requireAwsCli();
  workDir = await mkdtemp(path.join(tmpdir(), "dojo-iam-"));
  await writeFile(path.join(workDir, "ecs-trust.json"), JSON.stringify(ECS_TRUST, null, 2));
  await writeFile(path.join(workDir, "ec2-trust.json"), JSON.stringify({ ...ECS_TRUST, Statement: [{ ...ECS_TRUST.Statement[0], Principal: { Service: "ec2.amazonaws.com" } }] }));
  await writeFile(path.join(workDir, "read-reports.json"), JSON.stringify(READ_REPORTS, null, 2));
  await writeFile(path.join(workDir, "no-effect.json"), JSON.stringify({ Version: "2012-10-17", Statement: [{ Action: "s3:GetObject", Resource: "*" }] }));
  await writeFile(path.join(workDir, "old-version.json"), JSON.stringify({ ...READ_REPORTS, Version: "2012-10-18" }));
  endpoint = await startGatewayEndpoint();
  alice = endpoint.newLearner();
  bob = endpoint.newLearner();
});

afterAll(async () => {
  await endpoint?.stop();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

describe("a task execution role, as lesson L305 builds one", () => {
  test("create-role with a trust policy file", async () => {
    const created = await iam(["create-role", "--role-name", "shopTaskExecutionRole", "--assume-role-policy-document", file("ecs-trust.json")]);
    expect(created.code).toBe(0);
    expect(created.stderr).toBe("");
    const role = created.json.Role;
    expect(Object.keys(role)).toEqual(["Path", "RoleName", "RoleId", "Arn", "CreateDate", "AssumeRolePolicyDocument"]);
    expect(role).toMatchObject({ Path: "/", RoleName: "shopTaskExecutionRole", Arn: `arn:aws:iam::${alice.accountId}:role/shopTaskExecutionRole` });
    expect(role.RoleId).toMatch(/^AROA[A-Z2-7]{17}$/);
    expect(role.CreateDate).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    // The CLI decodes the URL-encoded document AWS sends back into JSON.
    expect(role.AssumeRolePolicyDocument).toEqual(ECS_TRUST);
  });

  test("attach-role-policy AmazonECSTaskExecutionRolePolicy, then list-attached-role-policies", async () => {
    const attached = await iam(["attach-role-policy", "--role-name", "shopTaskExecutionRole", "--policy-arn", EXEC_POLICY]);
    expect(attached).toMatchObject({ code: 0, stdout: "", stderr: "" });
    const listed = await iam(["list-attached-role-policies", "--role-name", "shopTaskExecutionRole"]);
    expect(listed.json).toEqual({ AttachedPolicies: [{ PolicyName: "AmazonECSTaskExecutionRolePolicy", PolicyArn: EXEC_POLICY }] });
  });

  test("get-policy-version shows the managed policy's real document", async () => {
    const version = await iam(["get-policy-version", "--policy-arn", EXEC_POLICY, "--version-id", "v1"]);
    expect(version.json.PolicyVersion).toMatchObject({ VersionId: "v1", IsDefaultVersion: true });
    expect(version.json.PolicyVersion.Document.Statement[0].Action).toEqual([
      "ecr:GetAuthorizationToken",
      "ecr:BatchCheckLayerAvailability",
      "ecr:GetDownloadUrlForLayer",
      "ecr:BatchGetImage",
      "logs:CreateLogStream",
      "logs:PutLogEvents",
    ]);
  });

  test("put-role-policy from a file, get-role-policy and list-role-policies", async () => {
    const put = await iam(["put-role-policy", "--role-name", "shopTaskExecutionRole", "--policy-name", "read-reports", "--policy-document", file("read-reports.json")]);
    expect(put).toMatchObject({ code: 0, stdout: "" });
    const got = await iam(["get-role-policy", "--role-name", "shopTaskExecutionRole", "--policy-name", "read-reports"]);
    expect(got.json).toEqual({ RoleName: "shopTaskExecutionRole", PolicyName: "read-reports", PolicyDocument: READ_REPORTS });
    expect((await iam(["list-role-policies", "--role-name", "shopTaskExecutionRole"])).json).toEqual({ PolicyNames: ["read-reports"] });
  });

  test("simulate-principal-policy: the managed policy allows the pull, nothing allows the secret, the inline policy the report", async () => {
    const roleArn = `arn:aws:iam::${alice.accountId}:role/shopTaskExecutionRole`;
    const actions = await iam(["simulate-principal-policy", "--policy-source-arn", roleArn, "--action-names", "ecr:GetAuthorizationToken", "secretsmanager:GetSecretValue"]);
    expect(actions.code).toBe(0);
    expect(actions.json.EvaluationResults).toEqual([
      {
        EvalActionName: "ecr:GetAuthorizationToken",
        EvalResourceName: "*",
        EvalDecision: "allowed",
        MatchedStatements: [
          {
            SourcePolicyId: "AmazonECSTaskExecutionRolePolicy",
            SourcePolicyType: "aws-managed",
            StartPosition: { Line: 4, Column: 9 },
            EndPosition: { Line: 15, Column: 9 },
          },
        ],
        MissingContextValues: [],
      },
      { EvalActionName: "secretsmanager:GetSecretValue", EvalResourceName: "*", EvalDecision: "implicitDeny", MatchedStatements: [], MissingContextValues: [] },
    ]);
    const resources = await iam([
      "simulate-principal-policy",
      "--policy-source-arn",
      roleArn,
      "--action-names",
      "s3:GetObject",
      "--resource-arns",
      "arn:aws:s3:::sbx-reports/daily/x",
      "arn:aws:s3:::sbx-reports/monthly/x",
    ]);
    const [result] = resources.json.EvaluationResults;
    expect(result.EvalDecision).toBe("implicitDeny");
    expect(result.ResourceSpecificResults.map((r: { EvalResourceName: string; EvalResourceDecision: string }) => [r.EvalResourceName, r.EvalResourceDecision])).toEqual([
      ["arn:aws:s3:::sbx-reports/daily/x", "allowed"],
      ["arn:aws:s3:::sbx-reports/monthly/x", "implicitDeny"],
    ]);
    expect(result.ResourceSpecificResults[0].MatchedStatements[0]).toMatchObject({ SourcePolicyId: "read-reports", SourcePolicyType: "role" });
  });

  test("delete-role while policies are attached: DeleteConflict, and the role is still there", async () => {
    expectAwsError(await iam(["delete-role", "--role-name", "shopTaskExecutionRole"]), "DeleteRole", "DeleteConflict", "Cannot delete entity, must detach all policies first.");
    await iam(["detach-role-policy", "--role-name", "shopTaskExecutionRole", "--policy-arn", EXEC_POLICY]);
    expectAwsError(await iam(["delete-role", "--role-name", "shopTaskExecutionRole"]), "DeleteRole", "DeleteConflict", "Cannot delete entity, must delete policies first.");
    expect((await iam(["get-role", "--role-name", "shopTaskExecutionRole"])).code).toBe(0);
    await iam(["attach-role-policy", "--role-name", "shopTaskExecutionRole", "--policy-arn", EXEC_POLICY]);
  });
});

describe("AWS's error lines", () => {
  test("a role that is not there; a name IAM refuses", async () => {
    expectAwsError(await iam(["get-role", "--role-name", "ghost"]), "GetRole", "NoSuchEntity", "The role with name ghost cannot be found.");
    expectAwsError(
      await iam(["get-role", "--role-name", "my role"]),
      "GetRole",
      "ValidationError",
      "1 validation error detected: Value at 'roleName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+",
    );
  });

  test("a role name taken, whatever its case", async () => {
    expectAwsError(
      await iam(["create-role", "--role-name", "ECSTASKEXECUTIONROLE", "--assume-role-policy-document", file("ecs-trust.json")]),
      "CreateRole",
      "EntityAlreadyExists",
      "Role with name ECSTASKEXECUTIONROLE already exists.",
    );
  });

  test("a trust policy passed without file:// is not JSON", async () => {
    expectAwsError(
      await iam(["create-role", "--role-name", "web", "--assume-role-policy-document", "ecs-trust.json"]),
      "CreateRole",
      "MalformedPolicyDocument",
      "This policy contains invalid Json",
    );
  });

  test("malformed permission policies: a statement without Effect, an invalid Version", async () => {
    expectAwsError(
      await iam(["put-role-policy", "--role-name", "shopTaskExecutionRole", "--policy-name", "bad", "--policy-document", file("no-effect.json")]),
      "PutRolePolicy",
      "MalformedPolicyDocument",
      "Syntax errors in policy.",
    );
    expectAwsError(
      await iam(["create-policy", "--policy-name", "bad", "--policy-document", file("old-version.json")]),
      "CreatePolicy",
      "MalformedPolicyDocument",
      "Syntax errors in policy.",
    );
  });

  test("attaching a policy that is not there, or by name; detaching one that is not attached", async () => {
    const missing = "arn:aws:iam::aws:policy/AmazonECSTaskExecutionRolePolicy";
    expectAwsError(
      await iam(["attach-role-policy", "--role-name", "shopTaskExecutionRole", "--policy-arn", missing]),
      "AttachRolePolicy",
      "NoSuchEntity",
      `Policy ${missing} does not exist or is not attachable.`,
    );
    expectAwsError(
      await iam(["attach-role-policy", "--role-name", "shopTaskExecutionRole", "--policy-arn", "AmazonECSTaskExecutionRolePolicy"]),
      "AttachRolePolicy",
      "ValidationError",
      "ARN AmazonECSTaskExecutionRolePolicy is not valid.",
    );
    const s3 = "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess";
    expectAwsError(await iam(["detach-role-policy", "--role-name", "shopTaskExecutionRole", "--policy-arn", s3]), "DetachRolePolicy", "NoSuchEntity", `Policy ${s3} was not found.`);
  });

  test("an inline policy that is not there", async () => {
    expectAwsError(
      await iam(["get-role-policy", "--role-name", "shopTaskExecutionRole", "--policy-name", "nope"]),
      "GetRolePolicy",
      "NoSuchEntity",
      "The role policy with name nope cannot be found.",
    );
  });

  test("a refused call changes nothing", async () => {
    const before = (await iam(["list-roles"])).json;
    await iam(["create-role", "--role-name", "web", "--assume-role-policy-document", '{"Version": "2012-10-17", "Statement": {"Effect": "Allow"}}']);
    await iam(["put-role-policy", "--role-name", "shopTaskExecutionRole", "--policy-name", "bad", "--policy-document", file("no-effect.json")]);
    expect((await iam(["list-roles"])).json).toEqual(before);
    expect((await iam(["list-role-policies", "--role-name", "shopTaskExecutionRole"])).json).toEqual({ PolicyNames: ["read-reports"] });
  });
});

describe("customer managed policies", () => {
  test("create-policy, get-policy, list-policies --scope Local, attach, delete-policy DeleteConflict", async () => {
    const created = await iam(["create-policy", "--policy-name", "read-reports", "--policy-document", file("read-reports.json"), "--description", "daily reports"]);
    const arn = `arn:aws:iam::${alice.accountId}:policy/read-reports`;
    expect(created.json.Policy).toMatchObject({ PolicyName: "read-reports", Arn: arn, DefaultVersionId: "v1", AttachmentCount: 0, IsAttachable: true });
    expect((await iam(["list-policies", "--scope", "Local"])).json.Policies.map((p: { PolicyName: string }) => p.PolicyName)).toEqual(["read-reports"]);
    await iam(["create-role", "--role-name", "reports-task", "--assume-role-policy-document", file("ecs-trust.json")]);
    await iam(["attach-role-policy", "--role-name", "reports-task", "--policy-arn", arn]);
    expect((await iam(["get-policy", "--policy-arn", arn])).json.Policy).toMatchObject({ AttachmentCount: 1, Description: "daily reports", Tags: [] });
    expectAwsError(await iam(["delete-policy", "--policy-arn", arn]), "DeletePolicy", "DeleteConflict", "Cannot delete a policy attached to entities.");
  });
});

describe("IAM is global, and each learner's own", () => {
  test("roles created under one Region are listed under any other", async () => {
    const names = async (region: string) => (await iam(["list-roles"], alice, region)).json.Roles.map((r: { RoleName: string }) => r.RoleName);
    // Every account starts with the roles the ECS console creates (services/iam/seed.ts).
    const all = [...SEEDED_ROLES, "reports-task", "shopTaskExecutionRole"];
    expect(await names("eu-west-1")).toEqual(all);
    expect(await names("us-east-1")).toEqual(all);
  });

  test("list-roles pages with --max-items and --starting-token", async () => {
    await iam(["create-role", "--role-name", "ec2InstanceRole", "--assume-role-policy-document", file("ec2-trust.json")]);
    const first = await iam(["list-roles", "--max-items", "4"]);
    expect(first.json.Roles.map((r: { RoleName: string }) => r.RoleName)).toEqual(["ec2InstanceRole", ...SEEDED_ROLES]);
    expect(first.json.NextToken).toEqual(expect.any(String));
    const rest = await iam(["list-roles", "--max-items", "4", "--starting-token", first.json.NextToken]);
    expect(rest.json.Roles.map((r: { RoleName: string }) => r.RoleName)).toEqual(["reports-task", "shopTaskExecutionRole"]);
    expect(rest.json.NextToken).toBeUndefined();
  });

  test("another learner sees none of it", async () => {
    expect((await iam(["list-roles"], bob)).json.Roles.map((r: { RoleName: string }) => r.RoleName)).toEqual(SEEDED_ROLES);
    expectAwsError(await iam(["get-role", "--role-name", "shopTaskExecutionRole"], bob), "GetRole", "NoSuchEntity", "The role with name shopTaskExecutionRole cannot be found.");
    expect((await iam(["list-policies", "--scope", "Local"], bob)).json).toEqual({ Policies: [] });
    // The same name is free in the other account.
    const bobs = await iam(["create-role", "--role-name", "shopTaskExecutionRole", "--assume-role-policy-document", file("ecs-trust.json")], bob);
    expect(bobs.json.Role.Arn).toBe(`arn:aws:iam::${bob.accountId}:role/shopTaskExecutionRole`);
    expect((await iam(["list-attached-role-policies", "--role-name", "shopTaskExecutionRole"], bob)).json).toEqual({ AttachedPolicies: [] });
  });

  test("the calls are recorded for the call-history checks (under the Region the CLI signed for: with an endpoint URL, its own)", async () => {
    const before = alice.calls.length;
    await iam(["get-role", "--role-name", "shopTaskExecutionRole"], alice, "eu-west-1");
    expect(alice.calls.slice(before)).toEqual([
      { accountId: alice.accountId, region: "eu-west-1", service: "iam", operation: "GetRole", input: { RoleName: "shopTaskExecutionRole" } },
    ]);
  });
});
