/**
 * IAM's emulation without the wire: policy evaluation (evaluate.ts), policy document validation with AWS's texts
 * (policy-document.ts), the AWS managed policies' real action lists, the operations on a sandbox state, and what the
 * ECS engine will ask (roleByArn, isAllowed, canAssume).
 */
import { describe, expect, test } from "vitest";
import { EcsError } from "@/lib/sandbox/engine/errors";
import { createSandboxState, type SandboxState } from "@/lib/sandbox/engine/state";
import { runOperation } from "@/lib/sandbox/engine/simulation";
import { GLOBAL_REGION } from "@/lib/sandbox/services/provider";
import { canAssume, iamProvider, isAllowed, roleByArn } from "@/lib/sandbox/services/iam";
import { evaluatePolicies, resourceMatches, type EvaluationRequest, type SourcedPolicy } from "@/lib/sandbox/services/iam/evaluate";
import { AWS_MANAGED_POLICIES, awsManagedPolicyText } from "@/lib/sandbox/services/iam/managed-policies";
import { parsePolicy, statementSpans, type PolicyKind } from "@/lib/sandbox/services/iam/policy-document";
import { NEW_ACCOUNT } from "@/lib/sandbox/engine";

const ACCOUNT = "123456789012";
const T0 = Date.UTC(2026, 0, 1, 12);

// ---------------------------------------------------------------------------------------------------------------
// Policy evaluation

function policy(statement: object | object[], id = "test"): SourcedPolicy {
  return { id, type: "role", document: parsePolicy(JSON.stringify({ Version: "2012-10-17", Statement: statement }), "inline") };
}

function decide(policies: SourcedPolicy | SourcedPolicy[], action: string, resource = "*", context?: EvaluationRequest["context"]) {
  return evaluatePolicies(Array.isArray(policies) ? policies : [policies], { action, resource, context }).decision;
}

const allow = (action: unknown, resource: unknown = "*", extra: object = {}) => ({ Effect: "Allow", Action: action, Resource: resource, ...extra });
const deny = (action: unknown, resource: unknown = "*", extra: object = {}) => ({ Effect: "Deny", Action: action, Resource: resource, ...extra });

describe("policy evaluation", () => {
  test("nothing allows: implicit deny", () => {
    expect(evaluatePolicies([], { action: "s3:GetObject", resource: "*" }).decision).toBe("implicitDeny");
    expect(decide(policy(allow("s3:GetObject")), "s3:PutObject")).toBe("implicitDeny");
  });

  test("an exact action allows only that action", () => {
    const p = policy(allow("ecr:GetAuthorizationToken"));
    expect(decide(p, "ecr:GetAuthorizationToken")).toBe("allowed");
    expect(decide(p, "ecr:BatchGetImage")).toBe("implicitDeny");
  });

  test("`*` alone allows every action", () => {
    expect(decide(policy(allow("*")), "iam:DeleteRole")).toBe("allowed");
  });

  test("a service wildcard allows that service only", () => {
    const p = policy(allow("s3:*"));
    expect(decide(p, "s3:DeleteBucket")).toBe("allowed");
    expect(decide(p, "s3-object-lambda:GetObject")).toBe("implicitDeny");
  });

  test("a prefix wildcard and `?` within the action name", () => {
    const p = policy(allow(["ssm:Get*", "s3:?etObject"]));
    expect(decide(p, "ssm:GetParameters")).toBe("allowed");
    expect(decide(p, "ssm:PutParameter")).toBe("implicitDeny");
    expect(decide(p, "s3:GetObject")).toBe("allowed");
    expect(decide(p, "s3:SetObject")).toBe("allowed");
    expect(decide(p, "s3:GGetObject")).toBe("implicitDeny");
  });

  test("service prefix and action name are case-insensitive", () => {
    const p = policy(allow("SecretsManager:getsecretvalue"));
    expect(decide(p, "secretsmanager:GetSecretValue")).toBe("allowed");
    expect(decide(policy(allow("LOGS:Create*")), "logs:CreateLogStream")).toBe("allowed");
  });

  test("NotAction allows everything but the listed actions", () => {
    const p = policy({ Effect: "Allow", NotAction: ["iam:*", "s3:Delete*"], Resource: "*" });
    expect(decide(p, "ec2:DescribeVpcs")).toBe("allowed");
    expect(decide(p, "iam:CreateRole")).toBe("implicitDeny");
    expect(decide(p, "s3:DeleteObject")).toBe("implicitDeny");
    expect(decide(p, "s3:GetObject")).toBe("allowed");
  });

  test("a Deny with NotAction denies everything else", () => {
    const p = [policy(allow("*")), policy({ Effect: "Deny", NotAction: "s3:GetObject", Resource: "*" })];
    expect(decide(p, "s3:GetObject")).toBe("allowed");
    expect(decide(p, "s3:PutObject")).toBe("explicitDeny");
  });

  test("an explicit Deny wins over an Allow in the same policy", () => {
    const p = policy([allow("s3:*"), deny("s3:DeleteObject")]);
    expect(decide(p, "s3:DeleteObject")).toBe("explicitDeny");
    expect(decide(p, "s3:GetObject")).toBe("allowed");
  });

  test("an explicit Deny in one policy wins over an Allow in another", () => {
    const result = evaluatePolicies([policy(allow("*"), "admin"), policy(deny("secretsmanager:*"), "guard")], {
      action: "secretsmanager:GetSecretValue",
      resource: "*",
    });
    expect(result.decision).toBe("explicitDeny");
    expect(result.matched.map((m) => m.source.id)).toEqual(["guard"]);
  });

  test("Statement as a single object or an array", () => {
    expect(decide(policy(allow("s3:GetObject")), "s3:GetObject")).toBe("allowed");
    expect(decide(policy([allow("s3:PutObject"), allow("s3:GetObject")]), "s3:GetObject")).toBe("allowed");
  });

  test("Resource ARN with a trailing wildcard (S3 objects under a prefix)", () => {
    const p = policy(allow("s3:GetObject", "arn:aws:s3:::sbx-reports/daily/*"));
    expect(decide(p, "s3:GetObject", "arn:aws:s3:::sbx-reports/daily/x")).toBe("allowed");
    expect(decide(p, "s3:GetObject", "arn:aws:s3:::sbx-reports/monthly/x")).toBe("implicitDeny");
    expect(decide(p, "s3:GetObject", "arn:aws:s3:::sbx-reports")).toBe("implicitDeny");
  });

  test("Resource wildcards per segment: region and account, a log group's streams", () => {
    const p = policy(allow("logs:PutLogEvents", "arn:aws:logs:*:*:log-group:/ecs/web:*"));
    expect(decide(p, "logs:PutLogEvents", "arn:aws:logs:ap-northeast-1:123456789012:log-group:/ecs/web:log-stream:web/app/abc")).toBe("allowed");
    expect(decide(p, "logs:PutLogEvents", "arn:aws:logs:ap-northeast-1:123456789012:log-group:/ecs/api:log-stream:x")).toBe("implicitDeny");
  });

  test("a wildcard inside an ARN segment does not run past a colon; one ending it does", () => {
    expect(resourceMatches("arn:aws:ecs:us-east-1:*:task/*", "arn:aws:ecs:us-east-1:123456789012:task/c/abc")).toBe(true);
    expect(resourceMatches("arn:aws:ecs:us-*1:123456789012:task/c/abc", "arn:aws:ecs:us-east-1:123456789012:task/c/abc")).toBe(true);
    expect(resourceMatches("arn:aws:ecs:us-e*t-1:123456789012:x", "arn:aws:ecs:us-e:ast-1:123456789012:x")).toBe(false);
    expect(resourceMatches("arn:aws:secretsmanager:us-east-1:123456789012:secret:db-??????", "arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf")).toBe(true);
    expect(resourceMatches("arn:aws:logs:*", "arn:aws:logs:us-east-1:123456789012:log-group:/ecs/web")).toBe(true);
  });

  test("Resource ARNs are case-sensitive", () => {
    const p = policy(allow("s3:GetObject", "arn:aws:s3:::Reports/*"));
    expect(decide(p, "s3:GetObject", "arn:aws:s3:::reports/x")).toBe("implicitDeny");
  });

  test("NotResource: everything but the listed resources", () => {
    const p = policy({ Effect: "Allow", Action: "s3:*", NotResource: ["arn:aws:s3:::secret-bucket", "arn:aws:s3:::secret-bucket/*"] });
    expect(decide(p, "s3:GetObject", "arn:aws:s3:::public/x")).toBe("allowed");
    expect(decide(p, "s3:GetObject", "arn:aws:s3:::secret-bucket/x")).toBe("implicitDeny");
  });

  test("Condition StringEquals on aws:SourceAccount: present and equal, different, absent", () => {
    const p = policy(allow("logs:CreateLogStream", "*", { Condition: { StringEquals: { "aws:SourceAccount": ACCOUNT } } }));
    expect(decide(p, "logs:CreateLogStream", "*", { "aws:SourceAccount": ACCOUNT })).toBe("allowed");
    expect(decide(p, "logs:CreateLogStream", "*", { "aws:SourceAccount": "999999999999" })).toBe("implicitDeny");
    const missing = evaluatePolicies([p], { action: "logs:CreateLogStream", resource: "*" });
    expect(missing.decision).toBe("implicitDeny");
    expect(missing.missingContextKeys).toEqual(["aws:SourceAccount"]);
  });

  test("condition keys are case-insensitive; several values are alternatives; several keys must all hold", () => {
    const p = policy(
      allow("ecs:RunTask", "*", {
        Condition: { StringEquals: { "AWS:SourceAccount": [ACCOUNT, "210987654321"], "ecs:cluster": "arn:aws:ecs:us-east-1:123456789012:cluster/dojo" } },
      }),
    );
    const both = { "aws:sourceaccount": "210987654321", "ecs:cluster": "arn:aws:ecs:us-east-1:123456789012:cluster/dojo" };
    expect(decide(p, "ecs:RunTask", "*", both)).toBe("allowed");
    expect(decide(p, "ecs:RunTask", "*", { "aws:SourceAccount": ACCOUNT })).toBe("implicitDeny");
  });

  test("StringLike with wildcards; StringEquals values are case-sensitive", () => {
    const like = policy(allow("iam:PassRole", "*", { Condition: { StringLike: { "iam:PassedToService": "ecs-tasks.*" } } }));
    expect(decide(like, "iam:PassRole", "*", { "iam:PassedToService": "ecs-tasks.amazonaws.com" })).toBe("allowed");
    expect(decide(like, "iam:PassRole", "*", { "iam:PassedToService": "ec2.amazonaws.com" })).toBe("implicitDeny");
    const exact = policy(allow("s3:GetObject", "*", { Condition: { StringEquals: { "s3:prefix": "Daily" } } }));
    expect(decide(exact, "s3:GetObject", "*", { "s3:prefix": "daily" })).toBe("implicitDeny");
  });

  test("ArnLike and ArnEquals on aws:SourceArn read wildcards", () => {
    for (const operator of ["ArnLike", "ArnEquals"]) {
      const p = policy(allow("logs:PutLogEvents", "*", { Condition: { [operator]: { "aws:SourceArn": "arn:aws:ecs:*:123456789012:*" } } }));
      expect(decide(p, "logs:PutLogEvents", "*", { "aws:SourceArn": "arn:aws:ecs:us-east-1:123456789012:task/dojo/abc" })).toBe("allowed");
      expect(decide(p, "logs:PutLogEvents", "*", { "aws:SourceArn": "arn:aws:ecs:us-east-1:999999999999:task/dojo/abc" })).toBe("implicitDeny");
    }
  });

  test("negated operators hold on an absent key; IfExists holds on an absent key", () => {
    const denyOthers = [
      policy(allow("s3:GetObject")),
      policy(deny("s3:GetObject", "*", { Condition: { StringNotEquals: { "aws:SourceAccount": ACCOUNT } } })),
    ];
    expect(decide(denyOthers, "s3:GetObject", "*", { "aws:SourceAccount": ACCOUNT })).toBe("allowed");
    expect(decide(denyOthers, "s3:GetObject", "*", {})).toBe("explicitDeny");
    const ifExists = policy(allow("s3:GetObject", "*", { Condition: { StringEqualsIfExists: { "aws:SourceAccount": ACCOUNT } } }));
    expect(decide(ifExists, "s3:GetObject", "*", {})).toBe("allowed");
    expect(decide(ifExists, "s3:GetObject", "*", { "aws:SourceAccount": "999999999999" })).toBe("implicitDeny");
  });

  test("Null, Bool and Numeric operators", () => {
    const nullCheck = policy(allow("ec2:RunInstances", "*", { Condition: { Null: { "aws:RequestTag/team": "false" } } }));
    expect(decide(nullCheck, "ec2:RunInstances", "*", { "aws:RequestTag/team": "red" })).toBe("allowed");
    expect(decide(nullCheck, "ec2:RunInstances", "*", {})).toBe("implicitDeny");
    const secure = policy(deny("s3:*", "*", { Condition: { Bool: { "aws:SecureTransport": false } } }));
    expect(decide([policy(allow("s3:*")), secure], "s3:GetObject", "*", { "aws:SecureTransport": "false" })).toBe("explicitDeny");
    expect(decide([policy(allow("s3:*")), secure], "s3:GetObject", "*", { "aws:SecureTransport": "true" })).toBe("allowed");
    const numeric = policy(allow("s3:ListBucket", "*", { Condition: { NumericLessThanEquals: { "s3:max-keys": "10" } } }));
    expect(decide(numeric, "s3:ListBucket", "*", { "s3:max-keys": "10" })).toBe("allowed");
    expect(decide(numeric, "s3:ListBucket", "*", { "s3:max-keys": "11" })).toBe("implicitDeny");
  });

  test("ForAnyValue and ForAllValues over a multivalued key", () => {
    const any = policy(allow("ecs:TagResource", "*", { Condition: { "ForAnyValue:StringEquals": { "aws:TagKeys": ["team", "env"] } } }));
    expect(decide(any, "ecs:TagResource", "*", { "aws:TagKeys": ["owner", "env"] })).toBe("allowed");
    const all = policy(allow("ecs:TagResource", "*", { Condition: { "ForAllValues:StringEquals": { "aws:TagKeys": ["team", "env"] } } }));
    expect(decide(all, "ecs:TagResource", "*", { "aws:TagKeys": ["owner", "env"] })).toBe("implicitDeny");
    expect(decide(all, "ecs:TagResource", "*", { "aws:TagKeys": ["team"] })).toBe("allowed");
    expect(decide(all, "ecs:TagResource", "*", {})).toBe("allowed");
  });

  test("an operator the evaluator does not evaluate: the statement does not match, and the evaluation says so", () => {
    const dated = policy(allow("s3:GetObject", "*", { Condition: { DateLessThan: { "aws:CurrentTime": "2030-01-01T00:00:00Z" } } }));
    const allowed = evaluatePolicies([dated], { action: "s3:GetObject", resource: "*", context: { "aws:CurrentTime": "2026-01-01T00:00:00Z" } });
    expect(allowed.decision).toBe("implicitDeny");
    expect(allowed.unsupportedOperators).toEqual(["DateLessThan"]);
    // Nor does such a Deny deny.
    const guard = policy(deny("s3:GetObject", "*", { Condition: { IpAddress: { "aws:SourceIp": "10.0.0.0/8" } } }));
    expect(decide([policy(allow("s3:*")), guard], "s3:GetObject", "*", { "aws:SourceIp": "10.1.2.3" })).toBe("allowed");
  });

  test("policy variables in Resource come from the context", () => {
    const p = policy(allow("s3:GetObject", "arn:aws:s3:::home/${aws:PrincipalTag/team}/*"));
    expect(decide(p, "s3:GetObject", "arn:aws:s3:::home/red/x", { "aws:PrincipalTag/team": "red" })).toBe("allowed");
    expect(decide(p, "s3:GetObject", "arn:aws:s3:::home/blue/x", { "aws:PrincipalTag/team": "red" })).toBe("implicitDeny");
    expect(decide(p, "s3:GetObject", "arn:aws:s3:::home/red/x")).toBe("implicitDeny");
  });

  test("a permissions boundary intersects: both must allow, a Deny in either denies", () => {
    const identity = [policy(allow(["s3:*", "logs:*"]))];
    const boundary = policy(allow("s3:*"), "boundary");
    const request = (action: string) => evaluatePolicies(identity, { action, resource: "*" }, boundary).decision;
    expect(request("s3:GetObject")).toBe("allowed");
    expect(request("logs:CreateLogGroup")).toBe("implicitDeny");
    expect(evaluatePolicies(identity, { action: "s3:GetObject", resource: "*" }, policy([allow("*"), deny("s3:GetObject")])).decision).toBe("explicitDeny");
  });
});

// ---------------------------------------------------------------------------------------------------------------
// The AWS managed policies' real documents

function managed(name: string): SourcedPolicy {
  const found = AWS_MANAGED_POLICIES.find((p) => p.name === name)!;
  return { id: name, type: "aws-managed", document: parsePolicy(awsManagedPolicyText(found), "managed") };
}

describe("AWS managed policies allow exactly their documented actions", () => {
  test("every built-in document passes IAM's own validation", () => {
    for (const p of AWS_MANAGED_POLICIES) expect(() => parsePolicy(awsManagedPolicyText(p), "managed")).not.toThrow();
    expect(AWS_MANAGED_POLICIES.map((p) => p.name)).toEqual([
      "AmazonECSTaskExecutionRolePolicy",
      "AmazonEC2ContainerServiceforEC2Role",
      "AmazonSSMReadOnlyAccess",
      "SecretsManagerReadWrite",
      "CloudWatchLogsFullAccess",
      "AmazonS3ReadOnlyAccess",
      "AmazonECS_FullAccess",
    ]);
  });

  test("AmazonECSTaskExecutionRolePolicy: image pulls and log writes, nothing else", () => {
    const p = managed("AmazonECSTaskExecutionRolePolicy");
    for (const action of ["ecr:GetAuthorizationToken", "ecr:BatchCheckLayerAvailability", "ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage", "logs:CreateLogStream", "logs:PutLogEvents"]) {
      expect(decide(p, action, "arn:aws:ecr:us-east-1:123456789012:repository/web"), action).toBe("allowed");
    }
    for (const action of ["secretsmanager:GetSecretValue", "ssm:GetParameters", "kms:Decrypt", "logs:CreateLogGroup", "s3:GetObject", "ecr:PutImage"]) {
      expect(decide(p, action), action).toBe("implicitDeny");
    }
  });

  test("AmazonEC2ContainerServiceforEC2Role: the container agent's calls; TagResource only when creating", () => {
    const p = managed("AmazonEC2ContainerServiceforEC2Role");
    for (const action of ["ecs:RegisterContainerInstance", "ecs:Poll", "ecs:SubmitTaskStateChange", "ecr:BatchGetImage", "logs:PutLogEvents", "ec2:DescribeTags"]) {
      expect(decide(p, action), action).toBe("allowed");
    }
    expect(decide(p, "ecs:RunTask")).toBe("implicitDeny");
    expect(decide(p, "ecs:TagResource", "*", { "ecs:CreateAction": "CreateCluster" })).toBe("allowed");
    expect(decide(p, "ecs:TagResource", "*", { "ecs:CreateAction": "RunTask" })).toBe("implicitDeny");
    expect(decide(p, "ecs:ListTagsForResource", "arn:aws:ecs:us-east-1:123456789012:task/dojo/abc")).toBe("allowed");
    expect(decide(p, "ecs:ListTagsForResource", "arn:aws:ecs:us-east-1:123456789012:cluster/dojo")).toBe("implicitDeny");
  });

  test("AmazonSSMReadOnlyAccess: reads, no writes", () => {
    const p = managed("AmazonSSMReadOnlyAccess");
    expect(decide(p, "ssm:GetParameters")).toBe("allowed");
    expect(decide(p, "ssm:DescribeParameters")).toBe("allowed");
    expect(decide(p, "ssm:PutParameter")).toBe("implicitDeny");
  });

  test("SecretsManagerReadWrite: all of Secrets Manager; Lambda only on its rotation functions", () => {
    const p = managed("SecretsManagerReadWrite");
    expect(decide(p, "secretsmanager:GetSecretValue", "arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf")).toBe("allowed");
    expect(decide(p, "secretsmanager:DeleteSecret")).toBe("allowed");
    expect(decide(p, "lambda:InvokeFunction", "arn:aws:lambda:us-east-1:123456789012:function:SecretsManagerRotation")).toBe("allowed");
    expect(decide(p, "lambda:InvokeFunction", "arn:aws:lambda:us-east-1:123456789012:function:other")).toBe("implicitDeny");
    expect(decide(p, "iam:CreateRole")).toBe("implicitDeny");
  });

  test("CloudWatchLogsFullAccess, AmazonS3ReadOnlyAccess, AmazonECS_FullAccess", () => {
    expect(decide(managed("CloudWatchLogsFullAccess"), "logs:CreateLogGroup")).toBe("allowed");
    expect(decide(managed("CloudWatchLogsFullAccess"), "s3:GetObject")).toBe("implicitDeny");
    const s3 = managed("AmazonS3ReadOnlyAccess");
    expect(decide(s3, "s3:GetObject", "arn:aws:s3:::sbx-reports/daily/x")).toBe("allowed");
    expect(decide(s3, "s3:ListBucket", "arn:aws:s3:::sbx-reports")).toBe("allowed");
    expect(decide(s3, "s3:PutObject", "arn:aws:s3:::sbx-reports/daily/x")).toBe("implicitDeny");
    const ecs = managed("AmazonECS_FullAccess");
    expect(decide(ecs, "ecs:CreateCluster")).toBe("allowed");
    expect(decide(ecs, "ecs:RunTask")).toBe("allowed");
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Policy documents as IAM validates them

function refusal(document: unknown, kind: PolicyKind): string {
  try {
    parsePolicy(typeof document === "string" ? document : JSON.stringify(document), kind);
  } catch (error) {
    expect(error).toBeInstanceOf(EcsError);
    expect((error as EcsError).type).toBe("MalformedPolicyDocumentException");
    return (error as EcsError).message;
  }
  return "accepted";
}

const S3 = { Effect: "Allow", Action: "s3:ListBucket", Resource: "arn:aws:s3:::example" };
const TRUST = { Effect: "Allow", Principal: { Service: "ecs-tasks.amazonaws.com" }, Action: "sts:AssumeRole" };

describe("policy documents: AWS's MalformedPolicyDocument texts", () => {
  test("not JSON", () => {
    expect(refusal("{ this is not json", "managed")).toBe("Syntax errors in policy.");
    expect(refusal('{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*",}]}', "inline")).toBe("Syntax errors in policy.");
    expect(refusal("trust-policy.json", "trust")).toBe("This policy contains invalid Json");
  });

  test("missing or invalid Effect", () => {
    expect(refusal({ Version: "2012-10-17", Statement: { Action: "s3:ListBucket", Resource: "*" } }, "managed")).toBe("Syntax errors in policy.");
    expect(refusal({ Version: "2012-10-17", Statement: { ...S3, Effect: "Permit" } }, "managed")).toBe("Syntax errors in policy.");
    // The right word in the wrong case passes the syntax check and fails the legacy parser.
    expect(refusal({ Version: "2012-10-17", Statement: { ...S3, Effect: "allow" } }, "inline")).toBe("The policy failed legacy parsing");
  });

  test("Version: an invalid one, and a managed policy's older or missing one", () => {
    expect(refusal({ Version: "2012-10-18", Statement: S3 }, "inline")).toBe("Syntax errors in policy.");
    expect(refusal({ Statement: S3 }, "managed")).toBe("Policy document must be version 2012-10-17 or greater.");
    expect(refusal({ Version: "2008-10-17", Statement: S3 }, "managed")).toBe("Policy document must be version 2012-10-17 or greater.");
    expect(refusal({ Statement: S3 }, "inline")).toBe("accepted");
  });

  test("structure: unknown elements, both Action and NotAction, empty Statement", () => {
    expect(refusal({ Version: "2012-10-17", Statement: { ...S3, Extra: 1 } }, "managed")).toBe("Syntax errors in policy.");
    expect(refusal({ Version: "2012-10-17", Statement: { ...S3, NotAction: "s3:GetObject" } }, "managed")).toBe("Syntax errors in policy.");
    expect(refusal({ Version: "2012-10-17", Statement: [] }, "managed")).toBe("Syntax errors in policy.");
    expect(refusal({ Version: "2012-10-17", Statement: { ...S3, Condition: { StringEqualz: { "aws:SourceAccount": ACCOUNT } } } }, "managed")).toBe(
      "Syntax errors in policy.",
    );
  });

  test("actions and resources", () => {
    expect(refusal({ Version: "2012-10-17", Statement: { Effect: "Allow", Resource: "*" } }, "managed")).toBe("Policy statement must contain actions.");
    expect(refusal({ Version: "2012-10-17", Statement: { Effect: "Allow", Action: "s3:GetObject" } }, "inline")).toBe("Policy statement must contain resources.");
    expect(refusal({ Version: "2012-10-17", Statement: { ...S3, Action: "GetObject" } }, "inline")).toBe(
      "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.",
    );
    expect(refusal({ Version: "2012-10-17", Statement: { ...S3, Action: "s3:Get:Object" } }, "inline")).toBe("Actions/Condition can contain only one colon.");
    expect(refusal({ Version: "2012-10-17", Statement: { ...S3, Resource: "my-bucket" } }, "inline")).toBe('Resource my-bucket must be in ARN format or "*".');
    expect(refusal({ Version: "2012-10-17", Statement: { ...S3, Resource: "arn:aws:s3::my-bucket" } }, "inline")).toBe("The policy failed legacy parsing");
    expect(refusal({ Version: "2012-10-17", Statement: [{ ...S3, Sid: "a" }, { ...S3, Sid: "a" }] }, "inline")).toBe(
      "Statement IDs (SID) in a single policy must be unique.",
    );
  });

  test("a Principal has no place in a permissions policy", () => {
    expect(refusal({ Version: "2012-10-17", Statement: { ...S3, Principal: "*" } }, "inline")).toBe("Policy document should not specify a principal.");
  });

  test("trust policies: no Resource, only STS AssumeRole actions", () => {
    expect(refusal({ Version: "2012-10-17", Statement: TRUST }, "trust")).toBe("accepted");
    expect(refusal({ Version: "2012-10-17", Statement: { ...TRUST, Resource: "*" } }, "trust")).toBe("Has prohibited field Resource");
    expect(refusal({ Version: "2012-10-17", Statement: { ...TRUST, Action: "sts:InvalidAction" } }, "trust")).toBe(
      "AssumeRole policy may only specify STS AssumeRole actions.",
    );
  });

  test("statement positions point at each statement's braces", () => {
    const text = '{\n  "Version": "2012-10-17",\n  "Statement": [\n    {"Effect": "Allow", "Action": "s3:*", "Resource": "*"},\n    {\n      "Effect": "Deny",\n      "Action": "s3:Delete*", "Resource": "*"\n    }\n  ]\n}';
    expect(statementSpans(text)).toEqual([
      { start: { Line: 4, Column: 5 }, end: { Line: 4, Column: 58 } },
      { start: { Line: 5, Column: 5 }, end: { Line: 8, Column: 5 } },
    ]);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// The operations on a sandbox state

const TRUST_DOC = JSON.stringify({ Version: "2012-10-17", Statement: [TRUST] });
const EXEC_POLICY = "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy";

class Iam {
  state: SandboxState = createSandboxState(ACCOUNT, GLOBAL_REGION);
  clock = T0;

  call(operation: string, input: object): Record<string, unknown> {
    const { state, output } = runOperation(this.state, iamProvider.operations[operation], input, this.clock, NEW_ACCOUNT);
    this.state = state;
    return output as Record<string, unknown>;
  }

  /** The error a call fails with, as "Code: message"; the state must not change. */
  refuse(operation: string, input: object): string {
    const before = this.state;
    try {
      this.call(operation, input);
    } catch (error) {
      expect(this.state).toBe(before);
      if (error instanceof EcsError) return `${error.type}: ${error.message}`;
      throw error;
    }
    throw new Error(`${operation} succeeded`);
  }

  role(name: string, extra: object = {}) {
    return this.call("CreateRole", { RoleName: name, AssumeRolePolicyDocument: TRUST_DOC, ...extra });
  }
}

const decoded = (text: unknown) => JSON.parse(decodeURIComponent(String(text)));

describe("roles", () => {
  test("CreateRole answers AWS's fields; GetRole adds MaxSessionDuration, Description, RoleLastUsed", () => {
    const iam = new Iam();
    const created = iam.role("ecsTaskExecutionRole", { Description: "pulls images", Tags: [{ Key: "team", Value: "red" }] }).Role as Record<string, unknown>;
    expect(Object.keys(created)).toEqual(["Path", "RoleName", "RoleId", "Arn", "CreateDate", "AssumeRolePolicyDocument", "Tags"]);
    expect(created.Arn).toBe(`arn:aws:iam::${ACCOUNT}:role/ecsTaskExecutionRole`);
    expect(created.RoleId).toMatch(/^AROA[A-Z2-7]{17}$/);
    expect(created.CreateDate).toBe(T0 / 1000);
    expect(decoded(created.AssumeRolePolicyDocument)).toEqual(JSON.parse(TRUST_DOC));
    const got = iam.call("GetRole", { RoleName: "ECSTASKEXECUTIONROLE" }).Role as Record<string, unknown>;
    expect(got).toMatchObject({ RoleName: "ecsTaskExecutionRole", Description: "pulls images", MaxSessionDuration: 3600, RoleLastUsed: {} });
  });

  test("role names are unique whatever their case", () => {
    const iam = new Iam();
    iam.role("Web");
    expect(iam.refuse("CreateRole", { RoleName: "web", AssumeRolePolicyDocument: TRUST_DOC })).toBe("EntityAlreadyExistsException: Role with name web already exists.");
  });

  test("any name IAM allows is a name, `__proto__` and `constructor` included", () => {
    const iam = new Iam();
    iam.role("__proto__");
    iam.call("PutRolePolicy", { RoleName: "__proto__", PolicyName: "constructor", PolicyDocument: JSON.stringify({ Version: "2012-10-17", Statement: allow("s3:*") }) });
    expect((iam.call("GetRole", { RoleName: "__proto__" }).Role as { RoleName: string }).RoleName).toBe("__proto__");
    expect(iam.call("ListRolePolicies", { RoleName: "__proto__" }).PolicyNames).toEqual(["constructor"]);
    expect(iam.refuse("GetRole", { RoleName: "constructor" })).toBe("NoSuchEntityException: The role with name constructor cannot be found.");
    expect(iam.refuse("GetRolePolicy", { RoleName: "__proto__", PolicyName: "toString" })).toBe("NoSuchEntityException: The role policy with name toString cannot be found.");
  });

  test("the sandbox's own bound on stored policy text (AWS's quotas do not count white space)", () => {
    const iam = new Iam();
    const padded = `{${" ".repeat(120_000)}"Version": "2012-10-17", "Statement": ${JSON.stringify(TRUST)}}`;
    let created = 0;
    let error = "";
    while (!error) {
      try {
        iam.role(`padded${created}`, { AssumeRolePolicyDocument: padded });
        created += 1;
      } catch (caught) {
        error = (caught as EcsError).message;
      }
    }
    expect(created).toBe(34);
    expect(error).toBe("This ECS Dojo sandbox holds at most 4194304 characters of IAM policy documents. This is a limit of the sandbox, not of IAM.");
  });

  test("a trust policy sent URL-encoded is read as AWS reads it", () => {
    const iam = new Iam();
    iam.role("encoded", { AssumeRolePolicyDocument: encodeURIComponent(TRUST_DOC) });
    expect(canAssume(iam.state, `arn:aws:iam::${ACCOUNT}:role/encoded`, "ecs-tasks.amazonaws.com")).toBe(true);
  });

  test("request constraints: IAM's ValidationError texts", () => {
    const iam = new Iam();
    expect(iam.refuse("CreateRole", { RoleName: "my role", AssumeRolePolicyDocument: TRUST_DOC })).toBe(
      "ValidationError: 1 validation error detected: Value at 'roleName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+",
    );
    expect(iam.refuse("CreateRole", { RoleName: "x".repeat(65), AssumeRolePolicyDocument: TRUST_DOC, Path: "no-slash" })).toBe(
      "ValidationError: 2 validation errors detected: Value at 'path' failed to satisfy constraint: Member must satisfy regular expression pattern: (\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F); Value at 'roleName' failed to satisfy constraint: Member must have length less than or equal to 64",
    );
    const tags = Array.from({ length: 51 }, (_, i) => ({ Key: `k${i}`, Value: "v" }));
    expect(iam.refuse("CreateRole", { RoleName: "t", AssumeRolePolicyDocument: TRUST_DOC, Tags: tags })).toBe(
      "ValidationError: 1 validation error detected: Value at 'tags' failed to satisfy constraint: Member must have length less than or equal to 50",
    );
    expect(iam.refuse("CreateRole", { RoleName: "t", AssumeRolePolicyDocument: TRUST_DOC, Tags: [{ Key: "a", Value: "1" }, { Key: "A", Value: "2" }] })).toBe(
      "InvalidInputException: Duplicate tag keys found. Please note that Tag keys are case insensitive.",
    );
  });

  test("ListRoles: PathPrefix, alphabetical, Marker/MaxItems pages with IsTruncated", () => {
    const iam = new Iam();
    for (const name of ["delta", "Alpha", "charlie", "bravo"]) iam.role(name, { Path: "/app/" });
    iam.role("other");
    const first = iam.call("ListRoles", { PathPrefix: "/app/", MaxItems: 3 });
    expect((first.Roles as { RoleName: string }[]).map((r) => r.RoleName)).toEqual(["Alpha", "bravo", "charlie"]);
    expect(first.IsTruncated).toBe(true);
    const second = iam.call("ListRoles", { PathPrefix: "/app/", MaxItems: 3, Marker: first.Marker });
    expect((second.Roles as { RoleName: string }[]).map((r) => r.RoleName)).toEqual(["delta"]);
    expect(second).toMatchObject({ IsTruncated: false });
    expect(second.Marker).toBeUndefined();
    expect(Object.keys((second.Roles as object[])[0])).toEqual(["Path", "RoleName", "RoleId", "Arn", "CreateDate", "AssumeRolePolicyDocument", "MaxSessionDuration"]);
    expect(iam.refuse("ListRoles", { Marker: "garbage" })).toBe("ValidationError: Invalid Marker.");
  });

  test("DeleteRole: DeleteConflict while policies are attached or inline, then gone", () => {
    const iam = new Iam();
    iam.role("exec");
    iam.call("AttachRolePolicy", { RoleName: "exec", PolicyArn: EXEC_POLICY });
    expect(iam.refuse("DeleteRole", { RoleName: "exec" })).toBe("DeleteConflictException: Cannot delete entity, must detach all policies first.");
    iam.call("DetachRolePolicy", { RoleName: "exec", PolicyArn: EXEC_POLICY });
    iam.call("PutRolePolicy", { RoleName: "exec", PolicyName: "logs", PolicyDocument: JSON.stringify({ Version: "2012-10-17", Statement: allow("logs:*") }) });
    expect(iam.refuse("DeleteRole", { RoleName: "exec" })).toBe("DeleteConflictException: Cannot delete entity, must delete policies first.");
    iam.call("DeleteRolePolicy", { RoleName: "exec", PolicyName: "logs" });
    iam.call("DeleteRole", { RoleName: "exec" });
    expect(iam.refuse("GetRole", { RoleName: "exec" })).toBe("NoSuchEntityException: The role with name exec cannot be found.");
  });

  test("UpdateAssumeRolePolicy, TagRole, UntagRole", () => {
    const iam = new Iam();
    iam.role("r", { Tags: [{ Key: "team", Value: "red" }] });
    const ec2Trust = JSON.stringify({ Version: "2012-10-17", Statement: { ...TRUST, Principal: { Service: "ec2.amazonaws.com" } } });
    iam.call("UpdateAssumeRolePolicy", { RoleName: "r", PolicyDocument: ec2Trust });
    expect(canAssume(iam.state, `arn:aws:iam::${ACCOUNT}:role/r`, "ecs-tasks.amazonaws.com")).toBe(false);
    iam.call("TagRole", { RoleName: "r", Tags: [{ Key: "TEAM", Value: "blue" }, { Key: "env", Value: "dev" }] });
    expect((iam.call("GetRole", { RoleName: "r" }).Role as { Tags: object[] }).Tags).toEqual([
      { Key: "TEAM", Value: "blue" },
      { Key: "env", Value: "dev" },
    ]);
    iam.call("UntagRole", { RoleName: "r", TagKeys: ["team"] });
    expect((iam.call("GetRole", { RoleName: "r" }).Role as { Tags: object[] }).Tags).toEqual([{ Key: "env", Value: "dev" }]);
  });
});

describe("managed and inline policies", () => {
  test("attach: AWS's texts for a missing role, a missing policy, a name that is no ARN; detach of a policy not attached", () => {
    const iam = new Iam();
    iam.role("exec");
    expect(iam.refuse("AttachRolePolicy", { RoleName: "nope", PolicyArn: EXEC_POLICY })).toBe("NoSuchEntityException: The role with name nope cannot be found.");
    expect(iam.refuse("AttachRolePolicy", { RoleName: "exec", PolicyArn: "arn:aws:iam::aws:policy/AmazonECSTaskExecutionRolePolicy" })).toBe(
      "NoSuchEntityException: Policy arn:aws:iam::aws:policy/AmazonECSTaskExecutionRolePolicy does not exist or is not attachable.",
    );
    expect(iam.refuse("AttachRolePolicy", { RoleName: "exec", PolicyArn: "AmazonECSTaskExecutionRolePolicy" })).toBe(
      "ValidationError: ARN AmazonECSTaskExecutionRolePolicy is not valid.",
    );
    expect(iam.refuse("DetachRolePolicy", { RoleName: "exec", PolicyArn: EXEC_POLICY })).toBe(`NoSuchEntityException: Policy ${EXEC_POLICY} was not found.`);
  });

  test("at most 10 managed policies per role; attaching one twice changes nothing", () => {
    const iam = new Iam();
    iam.role("busy");
    for (let i = 0; i < 10; i++) {
      iam.call("CreatePolicy", { PolicyName: `p${i}`, PolicyDocument: JSON.stringify({ Version: "2012-10-17", Statement: allow("s3:GetObject") }) });
      iam.call("AttachRolePolicy", { RoleName: "busy", PolicyArn: `arn:aws:iam::${ACCOUNT}:policy/p${i}` });
    }
    iam.call("AttachRolePolicy", { RoleName: "busy", PolicyArn: `arn:aws:iam::${ACCOUNT}:policy/p0` });
    expect(iam.refuse("AttachRolePolicy", { RoleName: "busy", PolicyArn: EXEC_POLICY })).toBe("LimitExceededException: Cannot exceed quota for PoliciesPerRole: 10");
    const attached = iam.call("ListAttachedRolePolicies", { RoleName: "busy", MaxItems: 4 });
    expect((attached.AttachedPolicies as object[]).length).toBe(4);
    expect(attached.IsTruncated).toBe(true);
  });

  test("customer managed policies: create, get, version v1, list with Scope, delete while attached", () => {
    const iam = new Iam();
    const document = JSON.stringify({ Version: "2012-10-17", Statement: allow("s3:GetObject", "arn:aws:s3:::sbx-reports/daily/*") });
    const created = iam.call("CreatePolicy", { PolicyName: "reports-read", PolicyDocument: document, Description: "daily reports" }).Policy as Record<string, unknown>;
    const arn = `arn:aws:iam::${ACCOUNT}:policy/reports-read`;
    expect(created).toMatchObject({ PolicyName: "reports-read", Arn: arn, Path: "/", DefaultVersionId: "v1", AttachmentCount: 0, IsAttachable: true });
    expect(created.PolicyId).toMatch(/^ANPA[A-Z2-7]{17}$/);
    expect(iam.refuse("CreatePolicy", { PolicyName: "reports-read", PolicyDocument: document })).toBe(
      "EntityAlreadyExistsException: A policy called reports-read already exists. Duplicate names are not allowed.",
    );
    expect(iam.call("GetPolicy", { PolicyArn: arn }).Policy).toMatchObject({ Description: "daily reports", Tags: [] });
    expect(decoded((iam.call("GetPolicyVersion", { PolicyArn: arn, VersionId: "v1" }).PolicyVersion as { Document: string }).Document)).toEqual(
      JSON.parse(document),
    );
    expect(iam.refuse("GetPolicyVersion", { PolicyArn: arn, VersionId: "v2" })).toBe(`NoSuchEntityException: Policy ${arn} version v2 does not exist or is not attachable.`);
    const names = (scope: string) => (iam.call("ListPolicies", { Scope: scope }).Policies as { PolicyName: string }[]).map((p) => p.PolicyName);
    expect(names("Local")).toEqual(["reports-read"]);
    expect(names("AWS")).toContain("AmazonECSTaskExecutionRolePolicy");
    expect(names("AWS")).not.toContain("reports-read");
    iam.role("task");
    iam.call("AttachRolePolicy", { RoleName: "task", PolicyArn: arn });
    expect((iam.call("GetPolicy", { PolicyArn: arn }).Policy as { AttachmentCount: number }).AttachmentCount).toBe(1);
    expect((iam.call("ListPolicies", { OnlyAttached: true }).Policies as { PolicyName: string }[]).map((p) => p.PolicyName)).toEqual(["reports-read"]);
    expect(iam.refuse("DeletePolicy", { PolicyArn: arn })).toBe("DeleteConflictException: Cannot delete a policy attached to entities.");
    iam.call("DetachRolePolicy", { RoleName: "task", PolicyArn: arn });
    iam.call("DeletePolicy", { PolicyArn: arn });
    expect(iam.refuse("GetPolicy", { PolicyArn: arn })).toBe(`NoSuchEntityException: Policy ${arn} was not found.`);
  });

  test("AWS managed policies: GetPolicy and the default version's real document", () => {
    const iam = new Iam();
    expect(iam.call("GetPolicy", { PolicyArn: EXEC_POLICY }).Policy).toMatchObject({
      PolicyName: "AmazonECSTaskExecutionRolePolicy",
      PolicyId: "ANPAJG4T4G4PV56DE72PY",
      Path: "/service-role/",
      DefaultVersionId: "v1",
    });
    const version = iam.call("GetPolicyVersion", { PolicyArn: EXEC_POLICY, VersionId: "v1" }).PolicyVersion as { Document: string };
    expect(decoded(version.Document).Statement[0].Action).toContain("logs:CreateLogStream");
  });

  test("inline policies: put, get, list; the role's aggregate quota of 10,240 characters", () => {
    const iam = new Iam();
    iam.role("task");
    const text = '{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}}';
    iam.call("PutRolePolicy", { RoleName: "task", PolicyName: "read", PolicyDocument: text });
    // The document comes back as it was sent, URL-encoded.
    expect(iam.call("GetRolePolicy", { RoleName: "task", PolicyName: "read" })).toEqual({ RoleName: "task", PolicyName: "read", PolicyDocument: encodeURIComponent(text) });
    expect(iam.call("ListRolePolicies", { RoleName: "task" })).toEqual({ PolicyNames: ["read"], IsTruncated: false });
    expect(iam.refuse("GetRolePolicy", { RoleName: "task", PolicyName: "write" })).toBe("NoSuchEntityException: The role policy with name write cannot be found.");
    const big = JSON.stringify({ Version: "2012-10-17", Statement: allow(Array.from({ length: 800 }, (_, i) => `s3:Action${i}`)) });
    expect(iam.refuse("PutRolePolicy", { RoleName: "task", PolicyName: "big", PolicyDocument: big })).toBe(
      "LimitExceededException: Maximum policy size of 10240 bytes exceeded for role task",
    );
    expect(iam.refuse("PutRolePolicy", { RoleName: "task", PolicyName: "bad", PolicyDocument: '{"Statement": {"Action": "s3:*", "Resource": "*"}}' })).toBe(
      "MalformedPolicyDocumentException: Syntax errors in policy.",
    );
  });
});

describe("SimulatePrincipalPolicy", () => {
  test("one result per action: allowed with its matched statement, implicitDeny, explicitDeny", () => {
    const iam = new Iam();
    iam.role("task");
    iam.call("AttachRolePolicy", { RoleName: "task", PolicyArn: EXEC_POLICY });
    iam.call("PutRolePolicy", {
      RoleName: "task",
      PolicyName: "no-logs-groups",
      PolicyDocument: JSON.stringify({ Version: "2012-10-17", Statement: [deny("logs:PutLogEvents")] }),
    });
    const out = iam.call("SimulatePrincipalPolicy", {
      PolicySourceArn: `arn:aws:iam::${ACCOUNT}:role/task`,
      ActionNames: ["ecr:GetAuthorizationToken", "secretsmanager:GetSecretValue", "logs:PutLogEvents"],
    });
    const results = out.EvaluationResults as Record<string, unknown>[];
    expect(results.map((r) => [r.EvalActionName, r.EvalResourceName, r.EvalDecision])).toEqual([
      ["ecr:GetAuthorizationToken", "*", "allowed"],
      ["secretsmanager:GetSecretValue", "*", "implicitDeny"],
      ["logs:PutLogEvents", "*", "explicitDeny"],
    ]);
    expect(results[0].MatchedStatements).toEqual([
      {
        SourcePolicyId: "AmazonECSTaskExecutionRolePolicy",
        SourcePolicyType: "aws-managed",
        StartPosition: { Line: 4, Column: 9 },
        EndPosition: { Line: 15, Column: 9 },
      },
    ]);
    expect((results[2].MatchedStatements as { SourcePolicyId: string }[]).map((s) => s.SourcePolicyId)).toEqual(["no-logs-groups"]);
    expect(out.IsTruncated).toBe(false);
  });

  test("resources and context entries; ResourceSpecificResults per resource", () => {
    const iam = new Iam();
    iam.role("task");
    iam.call("PutRolePolicy", {
      RoleName: "task",
      PolicyName: "reports",
      PolicyDocument: JSON.stringify({
        Version: "2012-10-17",
        Statement: allow("s3:GetObject", "arn:aws:s3:::sbx-reports/daily/*", { Condition: { StringEquals: { "aws:SourceAccount": ACCOUNT } } }),
      }),
    });
    const simulate = (resources: string[], context?: object[]) =>
      iam.call("SimulatePrincipalPolicy", {
        PolicySourceArn: `arn:aws:iam::${ACCOUNT}:role/task`,
        ActionNames: ["s3:GetObject"],
        ResourceArns: resources,
        ContextEntries: context,
      }).EvaluationResults as Record<string, unknown>[];
    const context = [{ ContextKeyName: "aws:SourceAccount", ContextKeyValues: [ACCOUNT], ContextKeyType: "string" }];
    const [one] = simulate(["arn:aws:s3:::sbx-reports/daily/x"], context);
    expect(one).toMatchObject({ EvalResourceName: "arn:aws:s3:::sbx-reports/daily/x", EvalDecision: "allowed" });
    const [two] = simulate(["arn:aws:s3:::sbx-reports/daily/x", "arn:aws:s3:::sbx-reports/monthly/x"], context);
    expect(two.EvalDecision).toBe("implicitDeny");
    expect((two.ResourceSpecificResults as Record<string, unknown>[]).map((r) => r.EvalResourceDecision)).toEqual(["allowed", "implicitDeny"]);
    const [missing] = simulate(["arn:aws:s3:::sbx-reports/daily/x"]);
    expect((missing.ResourceSpecificResults as Record<string, unknown>[])[0]).toMatchObject({
      EvalResourceDecision: "implicitDeny",
      MissingContextValues: ["aws:SourceAccount"],
    });
  });

  test("a role that is not there", () => {
    const iam = new Iam();
    expect(iam.refuse("SimulatePrincipalPolicy", { PolicySourceArn: `arn:aws:iam::${ACCOUNT}:role/ghost`, ActionNames: ["s3:GetObject"] })).toBe(
      "NoSuchEntityException: The role with name ghost cannot be found.",
    );
  });

  test("the resource-policy members it does not evaluate are still checked as the model bounds them (found by the services fuzz)", () => {
    const iam = new Iam();
    iam.role("task");
    const simulate = (extra: object) => ({ PolicySourceArn: `arn:aws:iam::${ACCOUNT}:role/task`, ActionNames: ["s3:GetObject"], ...extra });
    expect(iam.call("SimulatePrincipalPolicy", simulate({ ResourceHandlingOption: "EC2-VPC-InstanceStore", ResourceOwner: `arn:aws:iam::${ACCOUNT}:root` })).IsTruncated).toBe(false);
    expect(iam.refuse("SimulatePrincipalPolicy", simulate({ ResourceHandlingOption: "x".repeat(65) }))).toBe(
      "ValidationError: 1 validation error detected: Value at 'resourceHandlingOption' failed to satisfy constraint: Member must have length less than or equal to 64",
    );
    expect(iam.refuse("SimulatePrincipalPolicy", simulate({ ResourceOwner: "x".repeat(2049), CallerArn: "" }))).toMatch(/^ValidationError: 2 validation errors detected: .*'callerArn'.*'resourceOwner'/);
    expect(iam.refuse("SimulatePrincipalPolicy", simulate({ ResourcePolicy: "{\u0001}" }))).toMatch(/^ValidationError: .*'resourcePolicy' failed to satisfy constraint: Member must satisfy regular expression pattern/);
  });
});

describe("what the ECS engine asks", () => {
  function account() {
    const iam = new Iam();
    iam.role("ecsTaskExecutionRole", { Path: "/service/" });
    iam.call("AttachRolePolicy", { RoleName: "ecsTaskExecutionRole", PolicyArn: EXEC_POLICY });
    iam.call("CreateRole", {
      RoleName: "ec2Role",
      AssumeRolePolicyDocument: JSON.stringify({ Version: "2012-10-17", Statement: { ...TRUST, Principal: { Service: "ec2.amazonaws.com" } } }),
    });
    return iam;
  }

  test("roleByArn: by the exact ARN, path included", () => {
    const iam = account();
    expect(roleByArn(iam.state, `arn:aws:iam::${ACCOUNT}:role/service/ecsTaskExecutionRole`)?.roleName).toBe("ecsTaskExecutionRole");
    expect(roleByArn(iam.state, `arn:aws:iam::${ACCOUNT}:role/ecsTaskExecutionRole`)).toBeUndefined();
    expect(roleByArn(iam.state, `arn:aws:iam::${ACCOUNT}:role/nope`)).toBeUndefined();
    expect(roleByArn(iam.state, "ecsTaskExecutionRole")).toBeUndefined();
  });

  test("isAllowed: the execution role pulls and logs, reads no secret", () => {
    const iam = account();
    const arn = `arn:aws:iam::${ACCOUNT}:role/service/ecsTaskExecutionRole`;
    expect(isAllowed(iam.state, arn, "ecr:GetAuthorizationToken", "*")).toEqual({ allowed: true, reason: "allowed" });
    expect(isAllowed(iam.state, arn, "logs:CreateLogStream", "arn:aws:logs:us-east-1:123456789012:log-group:/ecs/web")).toEqual({ allowed: true, reason: "allowed" });
    expect(isAllowed(iam.state, arn, "secretsmanager:GetSecretValue", "*")).toEqual({ allowed: false, reason: "implicit-deny" });
    iam.call("PutRolePolicy", {
      RoleName: "ecsTaskExecutionRole",
      PolicyName: "no-pull",
      PolicyDocument: JSON.stringify({ Version: "2012-10-17", Statement: deny("ecr:*") }),
    });
    expect(isAllowed(iam.state, arn, "ecr:GetAuthorizationToken", "*")).toEqual({ allowed: false, reason: "explicit-deny" });
    expect(isAllowed(iam.state, `arn:aws:iam::${ACCOUNT}:role/ghost`, "ecr:GetAuthorizationToken", "*")).toEqual({ allowed: false, reason: "implicit-deny" });
  });

  test("canAssume: a role that does not trust ecs-tasks.amazonaws.com cannot be assumed by tasks", () => {
    const iam = account();
    expect(canAssume(iam.state, `arn:aws:iam::${ACCOUNT}:role/service/ecsTaskExecutionRole`, "ecs-tasks.amazonaws.com")).toBe(true);
    expect(canAssume(iam.state, `arn:aws:iam::${ACCOUNT}:role/ec2Role`, "ecs-tasks.amazonaws.com")).toBe(false);
    expect(canAssume(iam.state, `arn:aws:iam::${ACCOUNT}:role/ec2Role`, "ec2.amazonaws.com")).toBe(true);
  });

  test("canAssume evaluates the trust policy's conditions (the confused-deputy keys)", () => {
    const iam = new Iam();
    iam.role("guarded", {
      AssumeRolePolicyDocument: JSON.stringify({
        Version: "2012-10-17",
        Statement: {
          ...TRUST,
          Condition: { ArnLike: { "aws:SourceArn": `arn:aws:ecs:us-east-1:${ACCOUNT}:*` }, StringEquals: { "aws:SourceAccount": ACCOUNT } },
        },
      }),
    });
    const arn = `arn:aws:iam::${ACCOUNT}:role/guarded`;
    const context = { "aws:SourceAccount": ACCOUNT, "aws:SourceArn": `arn:aws:ecs:us-east-1:${ACCOUNT}:task/dojo/abc` };
    expect(canAssume(iam.state, arn, "ecs-tasks.amazonaws.com", context)).toBe(true);
    expect(canAssume(iam.state, arn, "ecs-tasks.amazonaws.com", { ...context, "aws:SourceAccount": "999999999999" })).toBe(false);
    expect(canAssume(iam.state, arn, "ecs-tasks.amazonaws.com")).toBe(false);
  });
});
