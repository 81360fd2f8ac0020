// The fixed mixed sequence the services bench times: what a learner's lesson does outside ECS before a task runs —
// a repository with its lifecycle policy and a registry login (L201–L202), a log group and stream the awslogs driver
// writes to and the learner reads (L307), the task execution role (L305), a secret and a SecureString parameter for
// the container (L306), a security group for the service (L503) — each made, read and removed again, so that every
// pass starts from the same state. Every call is timed.
import type { ModelledService } from "@/lib/aws-models";
import { LIFECYCLE_POLICY, READ_SECRET, TASK_EXECUTION_POLICY, TRUST_ECS_TASKS } from "../../tests/integration/support/services-scenario";
import type { AwsCall, QueryParams } from "./aws-call";

/** One pass's names (every pass makes its own resources) and the ids its calls hand on. */
export interface Pass {
  i: number;
  vpcId: string;
  groupId?: string;
}

export interface SequenceStep {
  service: ModelledService;
  operation: string;
  input: (pass: Pass) => object | QueryParams;
  /** Reads what later steps need from the answer (text: JSON or XML). */
  remember?: (answer: string, pass: Pass) => void;
}

const HTTPS_FROM_ANYWHERE: QueryParams = {
  "IpPermissions.1.IpProtocol": "tcp",
  "IpPermissions.1.FromPort": "443",
  "IpPermissions.1.ToPort": "443",
  "IpPermissions.1.IpRanges.1.CidrIp": "0.0.0.0/0",
};

const repository = (p: Pass) => ({ repositoryName: `bench/web-${p.i}` });
const group = (p: Pass) => ({ logGroupName: `/ecs/bench-${p.i}` });
const stream = (p: Pass) => ({ ...group(p), logStreamName: `ecs/web/${p.i}` });
const role = (p: Pass) => ({ RoleName: `bench-execution-${p.i}` });
const secret = (p: Pass) => ({ SecretId: `bench/db-${p.i}` });
const parameter = (p: Pass) => ({ Name: `/bench/${p.i}/db-password` });
const securityGroup = (p: Pass) => ({ GroupId: p.groupId ?? "sg-none" });

const step = (service: ModelledService, operation: string, input: SequenceStep["input"] = () => ({}), remember?: SequenceStep["remember"]): SequenceStep => ({
  service,
  operation,
  input,
  remember,
});

export const SEQUENCE: SequenceStep[] = [
  step("ecr", "CreateRepository", repository),
  step("ecr", "PutLifecyclePolicy", (p) => ({ ...repository(p), lifecyclePolicyText: LIFECYCLE_POLICY })),
  step("ecr", "DescribeRepositories", (p) => ({ repositoryNames: [repository(p).repositoryName] })),
  step("ecr", "ListImages", repository),
  step("ecr", "GetAuthorizationToken"),
  step("ecr", "DeleteRepository", (p) => ({ ...repository(p), force: true })),

  step("logs", "CreateLogGroup", group),
  step("logs", "PutRetentionPolicy", (p) => ({ ...group(p), retentionInDays: 7 })),
  step("logs", "CreateLogStream", stream),
  step("logs", "PutLogEvents", (p) => ({
    ...stream(p),
    logEvents: ["listening on :80", "GET /health 200", "GET / 200", "ERROR upstream timed out", "GET /health 200"].map((message, k) => ({
      timestamp: Date.now() - 60_000 + k,
      message,
    })),
  })),
  step("logs", "GetLogEvents", (p) => ({ ...stream(p), startFromHead: true })),
  step("logs", "FilterLogEvents", (p) => ({ ...group(p), filterPattern: "ERROR" })),
  step("logs", "DescribeLogStreams", group),
  step("logs", "DeleteLogGroup", group),

  step("iam", "CreateRole", (p) => ({ ...role(p), AssumeRolePolicyDocument: TRUST_ECS_TASKS })),
  step("iam", "AttachRolePolicy", (p) => ({ ...role(p), PolicyArn: TASK_EXECUTION_POLICY })),
  step("iam", "PutRolePolicy", (p) => ({ ...role(p), PolicyName: "read-secrets", PolicyDocument: READ_SECRET })),
  step("iam", "GetRole", role),
  step("iam", "ListAttachedRolePolicies", role),
  step("iam", "DetachRolePolicy", (p) => ({ ...role(p), PolicyArn: TASK_EXECUTION_POLICY })),
  step("iam", "DeleteRolePolicy", (p) => ({ ...role(p), PolicyName: "read-secrets" })),
  step("iam", "DeleteRole", role),

  step("secretsmanager", "CreateSecret", (p) => ({ Name: secret(p).SecretId, SecretString: '{"username":"app","password":"s3cret"}' })),
  step("secretsmanager", "GetSecretValue", secret),
  step("secretsmanager", "PutSecretValue", (p) => ({ ...secret(p), SecretString: '{"username":"app","password":"n3w"}' })),
  step("secretsmanager", "DescribeSecret", secret),
  step("secretsmanager", "DeleteSecret", (p) => ({ ...secret(p), ForceDeleteWithoutRecovery: true })),

  step("ssm", "PutParameter", (p) => ({ ...parameter(p), Value: "s3cret", Type: "SecureString" })),
  step("ssm", "GetParameter", (p) => ({ ...parameter(p), WithDecryption: true })),
  step("ssm", "GetParametersByPath", (p) => ({ Path: `/bench/${p.i}`, Recursive: true, WithDecryption: true })),
  step("ssm", "DeleteParameter", parameter),

  step("ec2", "DescribeSubnets", (p) => ({ "Filter.1.Name": "vpc-id", "Filter.1.Value.1": p.vpcId })),
  step(
    "ec2",
    "CreateSecurityGroup",
    (p) => ({ GroupName: `bench-web-${p.i}`, GroupDescription: "web tasks", VpcId: p.vpcId }),
    (answer, p) => {
      p.groupId = /<groupId>(sg-[0-9a-f]+)<\/groupId>/.exec(answer)?.[1];
    },
  ),
  step("ec2", "AuthorizeSecurityGroupIngress", (p) => ({ ...securityGroup(p), ...HTTPS_FROM_ANYWHERE })),
  step("ec2", "DescribeSecurityGroups", (p) => ({ "GroupId.1": securityGroup(p).GroupId })),
  step("ec2", "RevokeSecurityGroupIngress", (p) => ({ ...securityGroup(p), ...HTTPS_FROM_ANYWHERE })),
  step("ec2", "DeleteSecurityGroup", securityGroup),
];

/** The VPC a target's passes make their security groups in: the first DescribeVpcs names (the sandbox's seeded one,
 * moto's default one). */
export async function firstVpc(call: AwsCall): Promise<string> {
  const vpcId = /<vpcId>(vpc-[0-9a-f]+)<\/vpcId>/.exec(await call("ec2", "DescribeVpcs"))?.[1];
  if (!vpcId) throw new Error("DescribeVpcs named no VPC");
  return vpcId;
}

/** Runs pass `i` of the sequence; the milliseconds each call took, in sequence order. */
export async function runPass(call: AwsCall, i: number, vpcId: string): Promise<number[]> {
  const pass: Pass = { i, vpcId };
  const times: number[] = [];
  for (const s of SEQUENCE) {
    const started = performance.now();
    const answer = await call(s.service, s.operation, s.input(pass));
    times.push(performance.now() - started);
    s.remember?.(answer, pass);
  }
  return times;
}
