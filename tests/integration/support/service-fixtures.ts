/**
 * A learner's sandbox with something in every service (a repository with an image and policies, a log group with a
 * stream and events, a secret, parameters, roles and policies, a security group and a VPC endpoint), and for every
 * emulated operation of those services a valid call against it: the bodies the robustness fuzz corrupts. Those that
 * change something would change the learner's sandbox if they were ever applied, so a fuzz that sends them corrupted
 * proves the corruption was refused, not just that an empty call was. `checkBases` shows each one succeeds uncorrupted.
 */
import { createSandboxState } from "@/lib/sandbox/engine";
import { PROVIDERS } from "@/lib/sandbox/services";
import { sandboxNetwork } from "@/lib/sandbox/services/ec2/network";
import { signedHeaders } from "./fuzz";
import { callService, type JsonService, type Keys, type Params, type QueryService } from "./service-calls";
import { child, parseXml } from "./xml";

export const REGION = "ap-northeast-1";

/** What the valid calls need to know about the learner's sandbox. */
export interface SandboxFacts {
  accountId: string;
  vpcId: string;
  privateRouteTableIds: readonly string[];
  /** The security group and the S3 gateway endpoint the set-up created. */
  groupId: string;
  endpointId: string;
}

const TRUST = JSON.stringify({
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Principal: { Service: "ecs-tasks.amazonaws.com" }, Action: "sts:AssumeRole" }],
});
const READ_REPORTS = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::sbx-reports/*" }] });
const EXECUTION_POLICY = "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy";
const LOGS_POLICY = "arn:aws:iam::aws:policy/CloudWatchLogsFullAccess";
const lifecyclePolicy = (count: number) =>
  JSON.stringify({
    rules: [{ rulePriority: 1, description: `keep ${count}`, selection: { tagStatus: "any", countType: "imageCountMoreThan", countNumber: count }, action: { type: "expire" } }],
  });
const repositoryPolicy = (accountId: string, sid: string) =>
  JSON.stringify({ Version: "2012-10-17", Statement: [{ Sid: sid, Effect: "Allow", Principal: { AWS: `arn:aws:iam::${accountId}:root` }, Action: ["ecr:BatchGetImage"] }] });
const logGroupArn = (facts: SandboxFacts) => `arn:aws:logs:${REGION}:${facts.accountId}:log-group:/ecs/web`;
const repositoryArn = (facts: SandboxFacts) => `arn:aws:ecr:${REGION}:${facts.accountId}:repository/web`;
const roleArn = (facts: SandboxFacts) => `arn:aws:iam::${facts.accountId}:role/fuzzTaskExecutionRole`;
const policyArn = (facts: SandboxFacts) => `arn:aws:iam::${facts.accountId}:policy/dojo-read`;
/** Milliseconds of "now" in the sandbox: PutLogEvents takes events from the last 14 days only. */
const eventTime = () => Date.now() - 60_000;

type Base<I> = (facts: SandboxFacts) => I;

/**
 * A valid call of every emulated operation, against the sandbox `setUp` fills: JSON inputs for the JSON 1.1 services,
 * flat parameters for the query ones.
 */
export const JSON_BASES: Record<JsonService, Record<string, Base<Record<string, unknown>>>> = {
  ecr: {
    CreateRepository: () => ({ repositoryName: "evil", imageTagMutability: "IMMUTABLE", imageScanningConfiguration: { scanOnPush: true }, tags: [{ Key: "k", Value: "v" }] }),
    DeleteRepository: () => ({ repositoryName: "web", force: true }),
    BatchDeleteImage: () => ({ repositoryName: "web", imageIds: [{ imageTag: "1.0" }] }),
    PutImageTagMutability: () => ({ repositoryName: "web", imageTagMutability: "IMMUTABLE" }),
    PutImageScanningConfiguration: () => ({ repositoryName: "web", imageScanningConfiguration: { scanOnPush: true } }),
    PutLifecyclePolicy: () => ({ repositoryName: "web", lifecyclePolicyText: lifecyclePolicy(1) }),
    DeleteLifecyclePolicy: () => ({ repositoryName: "web" }),
    StartLifecyclePolicyPreview: () => ({ repositoryName: "web", lifecyclePolicyText: lifecyclePolicy(2) }),
    SetRepositoryPolicy: (f) => ({ repositoryName: "web", policyText: repositoryPolicy(f.accountId, "evil") }),
    DeleteRepositoryPolicy: () => ({ repositoryName: "web" }),
    StartImageScan: () => ({ repositoryName: "web", imageId: { imageTag: "1.0" } }),
    TagResource: (f) => ({ resourceArn: repositoryArn(f), tags: [{ Key: "evil", Value: "1" }] }),
    UntagResource: (f) => ({ resourceArn: repositoryArn(f), tagKeys: ["team"] }),
    DescribeRepositories: () => ({ repositoryNames: ["web"] }),
    DescribeImages: () => ({ repositoryName: "web", imageIds: [{ imageTag: "1.0" }] }),
    ListImages: () => ({ repositoryName: "web", filter: { tagStatus: "TAGGED" }, maxResults: 10 }),
    BatchGetImage: () => ({ repositoryName: "web", imageIds: [{ imageTag: "1.0" }] }),
    GetLifecyclePolicy: () => ({ repositoryName: "web" }),
    GetLifecyclePolicyPreview: () => ({ repositoryName: "web", maxResults: 10 }),
    GetRepositoryPolicy: () => ({ repositoryName: "web" }),
    DescribeImageScanFindings: () => ({ repositoryName: "web", imageId: { imageTag: "1.1" } }),
    ListTagsForResource: (f) => ({ resourceArn: repositoryArn(f) }),
    GetAuthorizationToken: () => ({}),
  },
  logs: {
    CreateLogGroup: () => ({ logGroupName: "/ecs/evil", logGroupClass: "STANDARD", tags: { team: "evil" } }),
    CreateLogStream: () => ({ logGroupName: "/ecs/web", logStreamName: "evil" }),
    DeleteLogGroup: () => ({ logGroupName: "/ecs/web" }),
    DeleteLogStream: () => ({ logGroupName: "/ecs/web", logStreamName: "ecs/web/0001" }),
    DeleteRetentionPolicy: () => ({ logGroupName: "/ecs/web" }),
    PutRetentionPolicy: () => ({ logGroupName: "/ecs/web", retentionInDays: 1 }),
    PutLogEvents: () => ({ logGroupName: "/ecs/web", logStreamName: "ecs/web/0001", logEvents: [{ timestamp: eventTime(), message: "evil" }] }),
    TagResource: (f) => ({ resourceArn: logGroupArn(f), tags: { evil: "1" } }),
    UntagResource: (f) => ({ resourceArn: logGroupArn(f), tagKeys: ["team"] }),
    DescribeLogGroups: () => ({ logGroupNamePrefix: "/ecs", limit: 10 }),
    DescribeLogStreams: () => ({ logGroupName: "/ecs/web", orderBy: "LogStreamName", descending: true }),
    GetLogEvents: () => ({ logGroupName: "/ecs/web", logStreamName: "ecs/web/0001", startFromHead: true, limit: 10 }),
    FilterLogEvents: () => ({ logGroupName: "/ecs/web", filterPattern: "started", limit: 10 }),
    ListTagsForResource: (f) => ({ resourceArn: logGroupArn(f) }),
  },
  secretsmanager: {
    CreateSecret: () => ({ Name: "evil", SecretString: "evil", Description: "evil", Tags: [{ Key: "k", Value: "v" }] }),
    DeleteSecret: () => ({ SecretId: "db-password", ForceDeleteWithoutRecovery: true }),
    PutSecretValue: () => ({ SecretId: "db-password", SecretString: "evil", VersionStages: ["AWSCURRENT"] }),
    UpdateSecret: () => ({ SecretId: "db-password", Description: "evil" }),
    RestoreSecret: () => ({ SecretId: "old-password" }),
    TagResource: () => ({ SecretId: "db-password", Tags: [{ Key: "evil", Value: "1" }] }),
    UntagResource: () => ({ SecretId: "db-password", TagKeys: ["team"] }),
    DescribeSecret: () => ({ SecretId: "db-password" }),
    GetSecretValue: () => ({ SecretId: "db-password", VersionStage: "AWSCURRENT" }),
    ListSecretVersionIds: () => ({ SecretId: "db-password", MaxResults: 10, IncludeDeprecated: true }),
    ListSecrets: () => ({ Filters: [{ Key: "name", Values: ["db"] }], MaxResults: 10, IncludePlannedDeletion: true }),
  },
  ssm: {
    PutParameter: () => ({ Name: "/dojo/evil", Value: "evil", Type: "String", Tags: [{ Key: "k", Value: "v" }] }),
    DeleteParameter: () => ({ Name: "/dojo/db/url" }),
    DeleteParameters: () => ({ Names: ["/dojo/db/url", "/dojo/db/password"] }),
    LabelParameterVersion: () => ({ Name: "/dojo/db/url", ParameterVersion: 1, Labels: ["evil"] }),
    GetParameter: () => ({ Name: "/dojo/db/password", WithDecryption: true }),
    GetParameters: () => ({ Names: ["/dojo/db/url", "/dojo/db/password"], WithDecryption: true }),
    GetParametersByPath: () => ({ Path: "/dojo", Recursive: true, MaxResults: 10 }),
    GetParameterHistory: () => ({ Name: "/dojo/db/url", MaxResults: 10 }),
    DescribeParameters: () => ({ ParameterFilters: [{ Key: "Name", Option: "BeginsWith", Values: ["/dojo"] }], MaxResults: 10 }),
  },
};

export const QUERY_BASES: Record<QueryService, Record<string, Base<Params>>> = {
  iam: {
    CreateRole: () => ({ RoleName: "evil", AssumeRolePolicyDocument: TRUST, Description: "evil", MaxSessionDuration: "3600", "Tags.member.1.Key": "k", "Tags.member.1.Value": "v" }),
    DeleteRole: () => ({ RoleName: "spare-role" }),
    AttachRolePolicy: () => ({ RoleName: "fuzzTaskExecutionRole", PolicyArn: LOGS_POLICY }),
    DetachRolePolicy: () => ({ RoleName: "fuzzTaskExecutionRole", PolicyArn: EXECUTION_POLICY }),
    PutRolePolicy: () => ({ RoleName: "fuzzTaskExecutionRole", PolicyName: "evil", PolicyDocument: READ_REPORTS }),
    DeleteRolePolicy: () => ({ RoleName: "fuzzTaskExecutionRole", PolicyName: "read-reports" }),
    UpdateAssumeRolePolicy: () => ({ RoleName: "fuzzTaskExecutionRole", PolicyDocument: TRUST.replace("ecs-tasks", "ec2") }),
    TagRole: () => ({ RoleName: "fuzzTaskExecutionRole", "Tags.member.1.Key": "evil", "Tags.member.1.Value": "1", "Tags.member.2.Key": "more", "Tags.member.2.Value": "2" }),
    UntagRole: () => ({ RoleName: "fuzzTaskExecutionRole", "TagKeys.member.1": "team" }),
    CreatePolicy: () => ({ PolicyName: "evil", PolicyDocument: READ_REPORTS, Path: "/", "Tags.member.1.Key": "k", "Tags.member.1.Value": "v" }),
    DeletePolicy: (f) => ({ PolicyArn: policyArn(f) }),
    GetRole: () => ({ RoleName: "fuzzTaskExecutionRole" }),
    GetRolePolicy: () => ({ RoleName: "fuzzTaskExecutionRole", PolicyName: "read-reports" }),
    GetPolicy: (f) => ({ PolicyArn: policyArn(f) }),
    GetPolicyVersion: (f) => ({ PolicyArn: policyArn(f), VersionId: "v1" }),
    ListRoles: () => ({ PathPrefix: "/", MaxItems: "10" }),
    ListRolePolicies: () => ({ RoleName: "fuzzTaskExecutionRole", MaxItems: "10" }),
    ListAttachedRolePolicies: () => ({ RoleName: "fuzzTaskExecutionRole", PathPrefix: "/", MaxItems: "10" }),
    ListPolicies: () => ({ Scope: "Local", OnlyAttached: "false", MaxItems: "10" }),
    SimulatePrincipalPolicy: (f) => ({
      PolicySourceArn: roleArn(f),
      "ActionNames.member.1": "s3:GetObject",
      "ActionNames.member.2": "logs:CreateLogStream",
      "ResourceArns.member.1": "arn:aws:s3:::sbx-reports/daily/1.csv",
      MaxItems: "10",
    }),
  },
  sts: {
    GetCallerIdentity: () => ({}),
  },
  ec2: {
    CreateSecurityGroup: (f) => ({
      GroupName: "evil",
      GroupDescription: "evil",
      VpcId: f.vpcId,
      "TagSpecification.1.ResourceType": "security-group",
      "TagSpecification.1.Tag.1.Key": "Name",
      "TagSpecification.1.Tag.1.Value": "evil",
    }),
    DeleteSecurityGroup: (f) => ({ GroupId: f.groupId }),
    AuthorizeSecurityGroupIngress: (f) => ({
      GroupId: f.groupId,
      "IpPermissions.1.IpProtocol": "tcp",
      "IpPermissions.1.FromPort": "443",
      "IpPermissions.1.ToPort": "443",
      "IpPermissions.1.IpRanges.1.CidrIp": "0.0.0.0/0",
      "IpPermissions.1.IpRanges.1.Description": "evil",
    }),
    AuthorizeSecurityGroupEgress: (f) => ({ GroupId: f.groupId, "IpPermissions.1.IpProtocol": "tcp", "IpPermissions.1.FromPort": "25", "IpPermissions.1.ToPort": "25", "IpPermissions.1.IpRanges.1.CidrIp": "10.0.0.0/8" }),
    RevokeSecurityGroupIngress: (f) => ({ GroupId: f.groupId, "IpPermissions.1.IpProtocol": "tcp", "IpPermissions.1.FromPort": "80", "IpPermissions.1.ToPort": "80", "IpPermissions.1.IpRanges.1.CidrIp": "0.0.0.0/0" }),
    RevokeSecurityGroupEgress: (f) => ({ GroupId: f.groupId, "IpPermissions.1.IpProtocol": "-1", "IpPermissions.1.IpRanges.1.CidrIp": "0.0.0.0/0" }),
    CreateVpcEndpoint: (f) => ({ VpcId: f.vpcId, ServiceName: `com.amazonaws.${REGION}.dynamodb`, "RouteTableId.1": f.privateRouteTableIds[1] }),
    ModifyVpcEndpoint: (f) => ({ VpcEndpointId: f.endpointId, "AddRouteTableId.1": f.privateRouteTableIds[2] }),
    DeleteVpcEndpoints: (f) => ({ "VpcEndpointId.1": f.endpointId }),
    DescribeVpcs: (f) => ({ "VpcId.1": f.vpcId, "Filter.1.Name": "cidr", "Filter.1.Value.1": "10.0.0.0/16" }),
    DescribeSubnets: (f) => ({ "Filter.1.Name": "vpc-id", "Filter.1.Value.1": f.vpcId, MaxResults: "10" }),
    DescribeRouteTables: (f) => ({ "RouteTableId.1": f.privateRouteTableIds[0], "RouteTableId.2": f.privateRouteTableIds[1] }),
    DescribeSecurityGroups: (f) => ({ "GroupId.1": f.groupId, "Filter.1.Name": "vpc-id", "Filter.1.Value.1": f.vpcId }),
    DescribeInternetGateways: (f) => ({ "Filter.1.Name": "attachment.vpc-id", "Filter.1.Value.1": f.vpcId }),
    DescribeNatGateways: (f) => ({ "Filter.1.Name": "vpc-id", "Filter.1.Value.1": f.vpcId, MaxResults: "5" }),
    DescribeNetworkInterfaces: (f) => ({ "Filter.1.Name": "vpc-id", "Filter.1.Value.1": f.vpcId, MaxResults: "5" }),
    DescribeVpcEndpoints: (f) => ({ "VpcEndpointId.1": f.endpointId, "Filter.1.Name": "vpc-endpoint-type", "Filter.1.Value.1": "Gateway" }),
    DescribeAvailabilityZones: () => ({ "ZoneName.1": `${REGION}a`, AllAvailabilityZones: "true" }),
  },
};

/** Whether an operation may change the sandbox (its provider's word, not the fixture's). */
export function isMutating(service: JsonService | QueryService, operation: string): boolean {
  return !PROVIDERS[service]!.operations[operation].readOnly;
}

/** The operations with a base that would change the sandbox: the calls worth corrupting. */
export function harmfulOperations(service: JsonService | QueryService): string[] {
  return Object.keys(service in JSON_BASES ? JSON_BASES[service as JsonService] : QUERY_BASES[service as QueryService]).filter((op) => isMutating(service, op));
}

/** Fails with the call and its answer unless it succeeded. */
async function must(url: string, keys: Keys, service: JsonService | QueryService, operation: string, input: object): Promise<string> {
  const answer = await callService(url, keys, REGION, service, operation, input);
  if (answer.status !== 200) throw new Error(`set-up call ${service} ${operation} failed: HTTP ${answer.status} ${answer.text.slice(0, 400)}`);
  return answer.text;
}

type SetUp = (url: string, keys: Keys, facts: SandboxFacts) => Promise<void>;

/** What each service's part of the sandbox holds, made through the API. */
const SET_UPS: Record<JsonService | QueryService, SetUp> = {
  async ecr(url, keys, facts) {
    await must(url, keys, "ecr", "CreateRepository", { repositoryName: "web", tags: [{ Key: "team", Value: "web" }] });
    await pushImage(url, keys, { repositoryName: "web", imageTag: "1.0", build: "web-1" });
    await pushImage(url, keys, { repositoryName: "web", imageTag: "1.1", build: "web-2" });
    await must(url, keys, "ecr", "PutLifecyclePolicy", { repositoryName: "web", lifecyclePolicyText: lifecyclePolicy(5) });
    await must(url, keys, "ecr", "StartLifecyclePolicyPreview", { repositoryName: "web" });
    await must(url, keys, "ecr", "SetRepositoryPolicy", { repositoryName: "web", policyText: repositoryPolicy(facts.accountId, "pull") });
    await must(url, keys, "ecr", "StartImageScan", { repositoryName: "web", imageId: { imageTag: "1.1" } });
  },
  async logs(url, keys) {
    await must(url, keys, "logs", "CreateLogGroup", { logGroupName: "/ecs/web", tags: { team: "web" } });
    await must(url, keys, "logs", "CreateLogStream", { logGroupName: "/ecs/web", logStreamName: "ecs/web/0001" });
    await must(url, keys, "logs", "PutLogEvents", { logGroupName: "/ecs/web", logStreamName: "ecs/web/0001", logEvents: [{ timestamp: eventTime(), message: "started" }] });
    await must(url, keys, "logs", "PutRetentionPolicy", { logGroupName: "/ecs/web", retentionInDays: 7 });
  },
  async secretsmanager(url, keys) {
    await must(url, keys, "secretsmanager", "CreateSecret", { Name: "db-password", SecretString: "s3cret", Tags: [{ Key: "team", Value: "web" }] });
    await must(url, keys, "secretsmanager", "CreateSecret", { Name: "old-password", SecretString: "old" });
    await must(url, keys, "secretsmanager", "DeleteSecret", { SecretId: "old-password", RecoveryWindowInDays: 7 });
  },
  async ssm(url, keys) {
    await must(url, keys, "ssm", "PutParameter", { Name: "/dojo/db/url", Value: "postgres://db", Type: "String" });
    await must(url, keys, "ssm", "PutParameter", { Name: "/dojo/db/password", Value: "s3cret", Type: "SecureString" });
  },
  async iam(url, keys) {
    await must(url, keys, "iam", "CreateRole", { RoleName: "fuzzTaskExecutionRole", AssumeRolePolicyDocument: TRUST, "Tags.member.1.Key": "team", "Tags.member.1.Value": "web" });
    await must(url, keys, "iam", "AttachRolePolicy", { RoleName: "fuzzTaskExecutionRole", PolicyArn: EXECUTION_POLICY });
    await must(url, keys, "iam", "PutRolePolicy", { RoleName: "fuzzTaskExecutionRole", PolicyName: "read-reports", PolicyDocument: READ_REPORTS });
    await must(url, keys, "iam", "CreateRole", { RoleName: "spare-role", AssumeRolePolicyDocument: TRUST });
    await must(url, keys, "iam", "CreatePolicy", { PolicyName: "dojo-read", PolicyDocument: READ_REPORTS });
  },
  async sts() {},
  async ec2(url, keys, facts) {
    const created = await must(url, keys, "ec2", "CreateSecurityGroup", { GroupName: "web-sg", GroupDescription: "web tier", VpcId: facts.vpcId });
    facts.groupId = child(parseXml(created), "groupId")!.text;
    await must(url, keys, "ec2", "AuthorizeSecurityGroupIngress", {
      GroupId: facts.groupId,
      "IpPermissions.1.IpProtocol": "tcp",
      "IpPermissions.1.FromPort": "80",
      "IpPermissions.1.ToPort": "80",
      "IpPermissions.1.IpRanges.1.CidrIp": "0.0.0.0/0",
    });
    const endpoint = await must(url, keys, "ec2", "CreateVpcEndpoint", {
      VpcId: facts.vpcId,
      ServiceName: `com.amazonaws.${REGION}.s3`,
      "RouteTableId.1": facts.privateRouteTableIds[0],
    });
    facts.endpointId = child(child(parseXml(endpoint), "vpcEndpoint")!, "vpcEndpointId")!.text;
  },
};

/** DojoSandbox.PushImage: the sandbox's `docker push`, an ECS-signed call (the CLI has none). */
async function pushImage(url: string, keys: Keys, input: object): Promise<void> {
  const body = JSON.stringify(input);
  const headers = await signedHeaders({ host: new URL(url).host, path: new URL(url).pathname, target: "DojoSandbox.PushImage", body, region: REGION, ...keys });
  const response = await fetch(url, { method: "POST", headers, body });
  if (response.status !== 200) throw new Error(`PushImage failed: HTTP ${response.status} ${await response.text()}`);
}

/** Fills the learner's sandbox (the named services only, default all) and says what the valid calls need to know. */
export async function setUp(url: string, keys: Keys & { accountId: string }, services = Object.keys(SET_UPS) as (JsonService | QueryService)[]): Promise<SandboxFacts> {
  const network = sandboxNetwork(createSandboxState(keys.accountId, REGION));
  const facts: SandboxFacts = { accountId: keys.accountId, vpcId: network.vpcId, privateRouteTableIds: network.privateRouteTableIds, groupId: "", endpointId: "" };
  for (const service of services) await SET_UPS[service](url, keys, facts);
  return facts;
}

/**
 * Each valid call, on a sandbox of its own set up afresh (`newLearner` makes the learner): what did not succeed, as
 * `service Operation: HTTP status answer`. Empty when every base is what it claims to be.
 */
export async function checkBases(url: string, newLearner: () => Keys & { accountId: string }): Promise<string[]> {
  const failed: string[] = [];
  const bases: Record<string, Record<string, (facts: SandboxFacts) => object>> = { ...JSON_BASES, ...QUERY_BASES };
  const all = Object.entries(bases).flatMap(([service, ops]) => Object.entries(ops).map(([op, input]) => [service as JsonService | QueryService, op, input] as const));
  for (const [service, operation, input] of all) {
    const learner = newLearner();
    const facts = await setUp(url, learner, [service]);
    const answer = await callService(url, learner, REGION, service, operation, input(facts));
    if (answer.status !== 200) failed.push(`${service} ${operation}: HTTP ${answer.status} ${answer.text.slice(0, 300)}`);
  }
  return failed;
}
