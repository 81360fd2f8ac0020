/**
 * One short flow per service, as the lessons make it (L201–L202 ECR, L305 roles, L306 secrets and parameters, L307
 * logs, L503 networking): the calls and their parameters, the same for every side. Only pushing an image differs
 * (the sandbox's DojoSandbox.PushImage, moto's PutImage: the AWS CLI has no push, Docker does), so it is a side's
 * own `pushImage`, run before the step that needs the images and never compared.
 */
import type { BotocoreOutcome } from "../../support/botocore";

export interface ScenarioSide {
  call(service: string, operation: string, params?: object): Promise<BotocoreOutcome>;
  pushImage(repositoryName: string, imageTag: string): Promise<void>;
  /** Lets time pass for what runs on its own (an image scan); moto does such work at once. */
  passTime(seconds: number): Promise<void>;
}

/** What steps remember for later ones: ids that differ between the sides. */
export type ScenarioContext = Record<string, string>;

export interface ScenarioStep {
  /** Unique in the scenario: "<service> <Operation>[ (what is special)]". */
  name: string;
  service: string;
  operation: string;
  params?: (context: ScenarioContext) => object;
  /** Runs first, not compared. */
  before?: (side: ScenarioSide) => Promise<void>;
  remember?: (output: Record<string, unknown>, context: ScenarioContext) => void;
}

const REPOSITORY = "contract/web";
const ROLE = "contract-task-execution";
export const TASK_EXECUTION_POLICY = "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy";
const GROUP = "/ecs/contract";
const STREAM = "ecs/web/0123456789abcdef0";
const SECRET = "contract/db";
/** A minute ago, so that both sides take the events as recent (the sandbox's clock starts at the wall clock). */
const EVENT_TIME = Date.now() - 60_000;

/** Documents as the lessons write them (the services bench sends them too). */
export const TRUST_ECS_TASKS = JSON.stringify({
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Principal: { Service: "ecs-tasks.amazonaws.com" }, Action: "sts:AssumeRole" }],
});
export const READ_SECRET = JSON.stringify({
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Action: ["secretsmanager:GetSecretValue", "ssm:GetParameters"], Resource: "*" }],
});
const PULL_FROM_ACCOUNT = JSON.stringify({
  Version: "2012-10-17",
  Statement: [{ Sid: "pull", Effect: "Allow", Principal: { AWS: "arn:aws:iam::123456789012:root" }, Action: ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"] }],
});
// The lessons' rule: keep the ten newest images.
export const LIFECYCLE_POLICY = JSON.stringify({
  rules: [{ rulePriority: 1, description: "keep ten", selection: { tagStatus: "any", countType: "imageCountMoreThan", countNumber: 10 }, action: { type: "expire" } }],
});

const step = (service: string, operation: string, rest: Partial<ScenarioStep> = {}, what = ""): ScenarioStep => ({
  name: `${service} ${operation}${what ? ` (${what})` : ""}`,
  service,
  operation,
  ...rest,
});
const fixed = (params: object) => () => params;

const repositoryArn = (context: ScenarioContext) => context.repositoryArn ?? "arn:aws:ecr:ap-northeast-1:000000000000:repository/none";
const V2 = { imageTag: "v2" };
const V3 = { imageTag: "v3" };

const ECR_STEPS: ScenarioStep[] = [
  step("ecr", "CreateRepository", {
    params: fixed({ repositoryName: REPOSITORY, imageScanningConfiguration: { scanOnPush: true } }),
    remember(output, context) {
      context.repositoryArn = (output.repository as { repositoryArn: string }).repositoryArn;
    },
  }),
  step("ecr", "CreateRepository", { params: fixed({ repositoryName: REPOSITORY }) }, "again"),
  step("ecr", "DescribeRepositories", { params: fixed({ repositoryNames: [REPOSITORY] }) }),
  step("ecr", "DescribeRepositories", { params: fixed({ repositoryNames: ["contract/missing"] }) }, "missing"),
  step("ecr", "DescribeImages", {
    params: fixed({ repositoryName: REPOSITORY }),
    async before(side) {
      await side.pushImage(REPOSITORY, "v1");
      await side.pushImage(REPOSITORY, "v2");
    },
  }),
  step("ecr", "DescribeImages", { params: fixed({ repositoryName: REPOSITORY, imageIds: [{ imageTag: "v9" }] }) }, "missing tag"),
  step("ecr", "ListImages", { params: fixed({ repositoryName: REPOSITORY }) }),
  step("ecr", "BatchGetImage", {
    params: fixed({ repositoryName: REPOSITORY, imageIds: [{ imageTag: "v2" }, { imageTag: "v9" }] }),
    remember(output, context) {
      context.manifest = (output.images as { imageManifest: string }[])[0].imageManifest;
    },
  }),
  // The retag idiom: v2's manifest under another tag.
  step("ecr", "PutImage", { params: (context) => ({ repositoryName: REPOSITORY, imageTag: "v2-release", imageManifest: context.manifest }) }),
  step("ecr", "PutLifecyclePolicy", { params: fixed({ repositoryName: REPOSITORY, lifecyclePolicyText: LIFECYCLE_POLICY }) }),
  step("ecr", "GetLifecyclePolicy", { params: fixed({ repositoryName: REPOSITORY }) }),
  step("ecr", "BatchDeleteImage", { params: fixed({ repositoryName: REPOSITORY, imageIds: [{ imageTag: "v1" }, { imageTag: "v9" }] }) }),
  step("ecr", "DeleteLifecyclePolicy", { params: fixed({ repositoryName: REPOSITORY }) }),
  step("ecr", "PutImageTagMutability", { params: fixed({ repositoryName: REPOSITORY, imageTagMutability: "IMMUTABLE" }) }),
  step("ecr", "PutImageScanningConfiguration", { params: fixed({ repositoryName: REPOSITORY, imageScanningConfiguration: { scanOnPush: false } }) }),
  step("ecr", "StartImageScan", { params: fixed({ repositoryName: REPOSITORY, imageId: V2 }) }, "scanned on push"),
  step("ecr", "StartImageScan", { params: fixed({ repositoryName: REPOSITORY, imageId: V3 }), before: (side) => side.pushImage(REPOSITORY, "v3") }),
  step("ecr", "DescribeImageScanFindings", { params: fixed({ repositoryName: REPOSITORY, imageId: V3 }), before: (side) => side.passTime(60) }),
  step("ecr", "SetRepositoryPolicy", { params: fixed({ repositoryName: REPOSITORY, policyText: PULL_FROM_ACCOUNT }) }),
  step("ecr", "GetRepositoryPolicy", { params: fixed({ repositoryName: REPOSITORY }) }),
  step("ecr", "DeleteRepositoryPolicy", { params: fixed({ repositoryName: REPOSITORY }) }),
  step("ecr", "GetRepositoryPolicy", { params: fixed({ repositoryName: REPOSITORY }) }, "none"),
  step("ecr", "TagResource", { params: (context) => ({ resourceArn: repositoryArn(context), tags: [{ Key: "team", Value: "web" }] }) }),
  step("ecr", "ListTagsForResource", { params: (context) => ({ resourceArn: repositoryArn(context) }) }),
  step("ecr", "UntagResource", { params: (context) => ({ resourceArn: repositoryArn(context), tagKeys: ["team"] }) }),
  step("ecr", "GetAuthorizationToken"),
  step("ecr", "DeleteRepository", { params: fixed({ repositoryName: REPOSITORY }) }, "not empty"),
  step("ecr", "DeleteRepository", { params: fixed({ repositoryName: REPOSITORY, force: true }) }, "force"),
  step("ecr", "GetLifecyclePolicy", { params: fixed({ repositoryName: REPOSITORY }) }, "deleted repository"),
];

const logGroupArn = (context: ScenarioContext) => context.logGroupArn ?? "arn:aws:logs:ap-northeast-1:000000000000:log-group:none";

const LOGS_STEPS: ScenarioStep[] = [
  step("logs", "CreateLogGroup", { params: fixed({ logGroupName: GROUP }) }),
  step("logs", "CreateLogGroup", { params: fixed({ logGroupName: GROUP }) }, "again"),
  step("logs", "PutRetentionPolicy", { params: fixed({ logGroupName: GROUP, retentionInDays: 7 }) }),
  step("logs", "PutRetentionPolicy", { params: fixed({ logGroupName: GROUP, retentionInDays: 8 }) }, "no such period"),
  step("logs", "CreateLogStream", { params: fixed({ logGroupName: GROUP, logStreamName: STREAM }) }),
  step("logs", "PutLogEvents", {
    params: fixed({
      logGroupName: GROUP,
      logStreamName: STREAM,
      logEvents: [
        { timestamp: EVENT_TIME, message: "listening on :80" },
        { timestamp: EVENT_TIME + 1000, message: "GET /health 200" },
        { timestamp: EVENT_TIME + 2000, message: "ERROR connection refused" },
      ],
    }),
  }),
  step("logs", "GetLogEvents", { params: fixed({ logGroupName: GROUP, logStreamName: STREAM, startFromHead: true }) }),
  step("logs", "FilterLogEvents", { params: fixed({ logGroupName: GROUP, filterPattern: "ERROR" }) }),
  step("logs", "DescribeLogGroups", {
    params: fixed({ logGroupNamePrefix: "/ecs/" }),
    remember(output, context) {
      context.logGroupArn = (output.logGroups as Array<{ logGroupArn: string }>)[0].logGroupArn;
    },
  }),
  step("logs", "TagResource", { params: (context) => ({ resourceArn: logGroupArn(context), tags: { team: "web" } }) }),
  step("logs", "ListTagsForResource", { params: (context) => ({ resourceArn: logGroupArn(context) }) }),
  step("logs", "UntagResource", { params: (context) => ({ resourceArn: logGroupArn(context), tagKeys: ["team"] }) }),
  step("logs", "DeleteRetentionPolicy", { params: fixed({ logGroupName: GROUP }) }),
  step("logs", "DescribeLogStreams", { params: fixed({ logGroupName: GROUP }) }),
  step("logs", "GetLogEvents", { params: fixed({ logGroupName: "/ecs/missing", logStreamName: STREAM }) }, "missing group"),
  step("logs", "PutLogEvents", { params: fixed({ logGroupName: GROUP, logStreamName: "missing", logEvents: [{ timestamp: EVENT_TIME, message: "x" }] }) }, "missing stream"),
  step("logs", "DeleteLogStream", { params: fixed({ logGroupName: GROUP, logStreamName: STREAM }) }),
  step("logs", "DeleteLogGroup", { params: fixed({ logGroupName: GROUP }) }),
  step("logs", "DeleteLogGroup", { params: fixed({ logGroupName: GROUP }) }, "again"),
];

const policyArn = (context: ScenarioContext) => context.policyArn ?? "arn:aws:iam::000000000000:policy/none";

const IAM_STEPS: ScenarioStep[] = [
  step("iam", "CreateRole", { params: fixed({ RoleName: ROLE, AssumeRolePolicyDocument: TRUST_ECS_TASKS, Description: "ECS task execution" }) }),
  step("iam", "CreateRole", { params: fixed({ RoleName: ROLE, AssumeRolePolicyDocument: TRUST_ECS_TASKS }) }, "again"),
  step("iam", "GetRole", { params: fixed({ RoleName: ROLE }) }),
  step("iam", "AttachRolePolicy", { params: fixed({ RoleName: ROLE, PolicyArn: TASK_EXECUTION_POLICY }) }),
  step("iam", "ListAttachedRolePolicies", { params: fixed({ RoleName: ROLE }) }),
  step("iam", "GetPolicy", { params: fixed({ PolicyArn: TASK_EXECUTION_POLICY }) }),
  step("iam", "PutRolePolicy", { params: fixed({ RoleName: ROLE, PolicyName: "read-secrets", PolicyDocument: READ_SECRET }) }),
  step("iam", "GetRolePolicy", { params: fixed({ RoleName: ROLE, PolicyName: "read-secrets" }) }),
  step("iam", "ListRolePolicies", { params: fixed({ RoleName: ROLE }) }),
  step("iam", "ListRoles", { params: fixed({ PathPrefix: "/" }) }),
  step("iam", "UpdateAssumeRolePolicy", { params: fixed({ RoleName: ROLE, PolicyDocument: TRUST_ECS_TASKS }) }),
  step("iam", "TagRole", { params: fixed({ RoleName: ROLE, Tags: [{ Key: "team", Value: "web" }] }) }),
  step("iam", "UntagRole", { params: fixed({ RoleName: ROLE, TagKeys: ["team"] }) }),
  step("iam", "CreatePolicy", {
    params: fixed({ PolicyName: "contract-read-secrets", PolicyDocument: READ_SECRET, Description: "read the app's secrets" }),
    remember(output, context) {
      context.policyArn = (output.Policy as { Arn: string }).Arn;
    },
  }),
  step("iam", "GetPolicyVersion", { params: (context) => ({ PolicyArn: policyArn(context), VersionId: "v1" }) }),
  step("iam", "ListPolicies", { params: fixed({ Scope: "Local" }) }),
  step("iam", "DeletePolicy", { params: (context) => ({ PolicyArn: policyArn(context) }) }),
  step("iam", "GetRole", { params: fixed({ RoleName: "missing" }) }, "missing"),
  step("iam", "DeleteRole", { params: fixed({ RoleName: ROLE }) }, "policies attached"),
  step("iam", "DetachRolePolicy", { params: fixed({ RoleName: ROLE, PolicyArn: TASK_EXECUTION_POLICY }) }),
  step("iam", "DeleteRolePolicy", { params: fixed({ RoleName: ROLE, PolicyName: "read-secrets" }) }),
  step("iam", "DeleteRole", { params: fixed({ RoleName: ROLE }) }),
];

const SECRETS_STEPS: ScenarioStep[] = [
  step("secretsmanager", "CreateSecret", { params: fixed({ Name: SECRET, SecretString: JSON.stringify({ username: "app", password: "s3cret" }) }) }),
  step("secretsmanager", "CreateSecret", { params: fixed({ Name: SECRET, SecretString: "x" }) }, "again"),
  step("secretsmanager", "GetSecretValue", { params: fixed({ SecretId: SECRET }) }),
  step("secretsmanager", "PutSecretValue", { params: fixed({ SecretId: SECRET, SecretString: JSON.stringify({ username: "app", password: "n3w" }) }) }),
  step("secretsmanager", "GetSecretValue", { params: fixed({ SecretId: SECRET, VersionStage: "AWSPREVIOUS" }) }, "AWSPREVIOUS"),
  step("secretsmanager", "DescribeSecret", { params: fixed({ SecretId: SECRET }) }),
  step("secretsmanager", "ListSecretVersionIds", { params: fixed({ SecretId: SECRET }) }),
  step("secretsmanager", "UpdateSecret", { params: fixed({ SecretId: SECRET, Description: "the app's database login" }) }),
  step("secretsmanager", "TagResource", { params: fixed({ SecretId: SECRET, Tags: [{ Key: "team", Value: "web" }] }) }),
  step("secretsmanager", "UntagResource", { params: fixed({ SecretId: SECRET, TagKeys: ["team"] }) }),
  step("secretsmanager", "ListSecrets"),
  step("secretsmanager", "GetSecretValue", { params: fixed({ SecretId: "contract/missing" }) }, "missing"),
  step("secretsmanager", "DeleteSecret", { params: fixed({ SecretId: SECRET, RecoveryWindowInDays: 7 }) }),
  step("secretsmanager", "GetSecretValue", { params: fixed({ SecretId: SECRET }) }, "scheduled for deletion"),
  step("secretsmanager", "RestoreSecret", { params: fixed({ SecretId: SECRET }) }),
  step("secretsmanager", "DeleteSecret", { params: fixed({ SecretId: SECRET, ForceDeleteWithoutRecovery: true }) }, "without recovery"),
];

const SSM_STEPS: ScenarioStep[] = [
  step("ssm", "PutParameter", { params: fixed({ Name: "/contract/web/log-level", Value: "info", Type: "String" }) }),
  step("ssm", "PutParameter", { params: fixed({ Name: "/contract/web/db-password", Value: "s3cret", Type: "SecureString" }) }, "SecureString"),
  step("ssm", "PutParameter", { params: fixed({ Name: "/contract/web/log-level", Value: "debug", Type: "String" }) }, "exists"),
  step("ssm", "PutParameter", { params: fixed({ Name: "/contract/web/log-level", Value: "debug", Type: "String", Overwrite: true }) }, "overwrite"),
  step("ssm", "GetParameter", { params: fixed({ Name: "/contract/web/db-password", WithDecryption: true }) }, "decrypted"),
  step("ssm", "GetParameter", { params: fixed({ Name: "/contract/web/db-password" }) }, "encrypted"),
  step("ssm", "GetParameters", { params: fixed({ Names: ["/contract/web/log-level", "/contract/web/missing"], WithDecryption: true }) }),
  step("ssm", "GetParametersByPath", { params: fixed({ Path: "/contract", Recursive: true, WithDecryption: true }) }),
  step("ssm", "DescribeParameters", { params: fixed({ ParameterFilters: [{ Key: "Path", Option: "Recursive", Values: ["/contract"] }] }) }),
  step("ssm", "LabelParameterVersion", { params: fixed({ Name: "/contract/web/log-level", ParameterVersion: 2, Labels: ["prod"] }) }),
  step("ssm", "GetParameterHistory", { params: fixed({ Name: "/contract/web/log-level" }) }),
  step("ssm", "GetParameter", { params: fixed({ Name: "/contract/web/missing" }) }, "missing"),
  step("ssm", "DeleteParameter", { params: fixed({ Name: "/contract/web/log-level" }) }),
  step("ssm", "DeleteParameter", { params: fixed({ Name: "/contract/web/log-level" }) }, "again"),
  step("ssm", "DeleteParameters", { params: fixed({ Names: ["/contract/web/db-password", "/contract/web/missing"] }) }),
];

const group = (context: ScenarioContext) => context.groupId ?? "sg-none";
const endpoint = (context: ScenarioContext) => context.endpointId ?? "vpce-none";
const inVpc = (context: ScenarioContext) => ({ Filters: [{ Name: "vpc-id", Values: [context.vpcId] }] });
const HTTPS_FROM_ANYWHERE = [{ IpProtocol: "tcp", FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: "0.0.0.0/0", Description: "HTTPS" }] }];
const POSTGRES_OUT = [{ IpProtocol: "tcp", FromPort: 5432, ToPort: 5432, IpRanges: [{ CidrIp: "10.0.0.0/16" }] }];

const EC2_STEPS: ScenarioStep[] = [
  step("ec2", "DescribeVpcs", {
    remember(output, context) {
      context.vpcId = (output.Vpcs as Array<{ VpcId: string }>)[0].VpcId;
    },
  }),
  step("ec2", "DescribeSubnets", {
    params: inVpc,
    remember(output, context) {
      const subnets = output.Subnets as Array<{ SubnetId: string; AvailabilityZone: string; CidrBlock: string }>;
      context.subnetId = subnets[0].SubnetId;
      // For the load balancer: subnets in two zones, and an address in the first one for an ip target.
      const zones = subnets.filter((s, i) => subnets.findIndex((o) => o.AvailabilityZone === s.AvailabilityZone) === i);
      context.lbSubnets = zones.slice(0, 2).map((s) => s.SubnetId).join(",");
      context.targetIp = subnets[0].CidrBlock.split("/")[0].replace(/\.0$/, ".10");
    },
  }),
  step("ec2", "DescribeRouteTables", {
    params: inVpc,
    remember(output, context) {
      context.routeTableId = (output.RouteTables as Array<{ RouteTableId: string }>)[0].RouteTableId;
    },
  }),
  step("ec2", "DescribeInternetGateways", { params: (context) => ({ Filters: [{ Name: "attachment.vpc-id", Values: [context.vpcId] }] }) }),
  step("ec2", "DescribeNatGateways", { params: (context) => ({ Filter: [{ Name: "vpc-id", Values: [context.vpcId] }] }) }),
  step("ec2", "DescribeAvailabilityZones"),
  step("ec2", "CreateSecurityGroup", {
    params: (context) => ({ GroupName: "contract-web", Description: "web tasks", VpcId: context.vpcId }),
    remember(output, context) {
      context.groupId = output.GroupId as string;
    },
  }),
  step("ec2", "CreateSecurityGroup", { params: (context) => ({ GroupName: "contract-web", Description: "web tasks", VpcId: context.vpcId }) }, "again"),
  step("ec2", "AuthorizeSecurityGroupIngress", { params: (context) => ({ GroupId: group(context), IpPermissions: HTTPS_FROM_ANYWHERE }) }),
  step("ec2", "AuthorizeSecurityGroupIngress", { params: (context) => ({ GroupId: group(context), IpPermissions: HTTPS_FROM_ANYWHERE }) }, "duplicate"),
  step("ec2", "AuthorizeSecurityGroupEgress", { params: (context) => ({ GroupId: group(context), IpPermissions: POSTGRES_OUT }) }),
  step("ec2", "DescribeSecurityGroups", { params: (context) => ({ GroupIds: [group(context)] }) }),
  // L503's private subnet: an interface endpoint for image pulls, and the S3 gateway endpoint for the layers.
  step("ec2", "CreateVpcEndpoint", {
    params: (context) => ({
      VpcEndpointType: "Interface",
      VpcId: context.vpcId,
      ServiceName: "com.amazonaws.ap-northeast-1.ecr.dkr",
      SubnetIds: [context.subnetId],
      SecurityGroupIds: [group(context)],
      PrivateDnsEnabled: true,
    }),
    remember(output, context) {
      context.endpointId = (output.VpcEndpoint as { VpcEndpointId: string }).VpcEndpointId;
    },
  }),
  step(
    "ec2",
    "CreateVpcEndpoint",
    {
      params: (context) => ({
        VpcEndpointType: "Gateway",
        VpcId: context.vpcId,
        ServiceName: "com.amazonaws.ap-northeast-1.s3",
        RouteTableIds: [context.routeTableId],
      }),
      remember(output, context) {
        context.gatewayEndpointId = (output.VpcEndpoint as { VpcEndpointId: string }).VpcEndpointId;
      },
    },
    "S3 gateway",
  ),
  step("ec2", "DescribeVpcEndpoints", { params: (context) => ({ VpcEndpointIds: [endpoint(context)] }) }),
  step("ec2", "ModifyVpcEndpoint", { params: (context) => ({ VpcEndpointId: endpoint(context), PrivateDnsEnabled: false }) }),
  step("ec2", "DescribeNetworkInterfaces", { params: (context) => ({ Filters: [{ Name: "subnet-id", Values: [context.subnetId] }] }) }),
  step("ec2", "DeleteVpcEndpoints", { params: (context) => ({ VpcEndpointIds: [endpoint(context), context.gatewayEndpointId ?? "vpce-none"] }) }),
  step("ec2", "RevokeSecurityGroupIngress", { params: (context) => ({ GroupId: group(context), IpPermissions: HTTPS_FROM_ANYWHERE }) }),
  step("ec2", "RevokeSecurityGroupEgress", { params: (context) => ({ GroupId: group(context), IpPermissions: POSTGRES_OUT }) }),
  step("ec2", "DeleteSecurityGroup", { params: (context) => ({ GroupId: group(context) }) }),
  step("ec2", "DescribeSecurityGroups", { params: (context) => ({ GroupIds: [group(context)] }) }, "deleted"),
  step("ec2", "DeleteSecurityGroup", { params: fixed({ GroupId: "sg-0123456789abcdef0" }) }, "missing"),
];

// L504: an ALB in two zones of the VPC, an ip target group, a listener and a rule, a target, tags; then taken down.
const ELB = "elasticloadbalancing";
const lbArn = (context: ScenarioContext) => context.lbArn ?? "arn:aws:elasticloadbalancing:ap-northeast-1:000000000000:loadbalancer/app/none/0000000000000000";
const tgArn = (context: ScenarioContext) => context.tgArn ?? "arn:aws:elasticloadbalancing:ap-northeast-1:000000000000:targetgroup/none/0000000000000000";
const listenerArn = (context: ScenarioContext) => context.listenerArn ?? `${lbArn(context).replace(":loadbalancer/", ":listener/")}/0000000000000000`;
const ruleArn = (context: ScenarioContext) => context.ruleArn ?? `${listenerArn(context).replace(":listener/", ":listener-rule/")}/0000000000000000`;
const forward = (context: ScenarioContext) => [{ Type: "forward", TargetGroupArn: tgArn(context) }];
const target = (context: ScenarioContext) => ({ TargetGroupArn: tgArn(context), Targets: [{ Id: context.targetIp, Port: 80 }] });

const ELB_STEPS: ScenarioStep[] = [
  step(ELB, "CreateLoadBalancer", {
    params: (context) => ({ Name: "contract-alb", Subnets: (context.lbSubnets ?? "").split(",") }),
    remember(output, context) {
      context.lbArn = (output.LoadBalancers as { LoadBalancerArn: string }[])[0].LoadBalancerArn;
    },
  }),
  step(ELB, "CreateLoadBalancer", { params: (context) => ({ Name: "contract-lonely", Subnets: [context.subnetId] }) }, "one zone"),
  step(ELB, "DescribeLoadBalancers", { params: fixed({ Names: ["contract-alb"] }) }),
  step(ELB, "DescribeLoadBalancers", { params: fixed({ Names: ["contract-missing"] }) }, "missing"),
  step(ELB, "DescribeLoadBalancerAttributes", { params: (context) => ({ LoadBalancerArn: lbArn(context) }) }),
  step(ELB, "ModifyLoadBalancerAttributes", { params: (context) => ({ LoadBalancerArn: lbArn(context), Attributes: [{ Key: "idle_timeout.timeout_seconds", Value: "120" }] }) }),
  step(ELB, "CreateTargetGroup", {
    params: (context) => ({ Name: "contract-tg", Protocol: "HTTP", Port: 80, VpcId: context.vpcId, TargetType: "ip", HealthCheckPath: "/health" }),
    remember(output, context) {
      context.tgArn = (output.TargetGroups as { TargetGroupArn: string }[])[0].TargetGroupArn;
    },
  }),
  step(ELB, "CreateTargetGroup", { params: (context) => ({ Name: "contract-tg", Protocol: "HTTP", Port: 80, VpcId: context.vpcId, TargetType: "ip", HealthCheckPath: "/health" }) }, "again"),
  step(ELB, "DescribeTargetGroups", { params: fixed({ Names: ["contract-tg"] }) }),
  step(ELB, "ModifyTargetGroup", { params: (context) => ({ TargetGroupArn: tgArn(context), HealthCheckIntervalSeconds: 10 }) }),
  step(ELB, "DescribeTargetGroupAttributes", { params: (context) => ({ TargetGroupArn: tgArn(context) }) }),
  step(ELB, "ModifyTargetGroupAttributes", { params: (context) => ({ TargetGroupArn: tgArn(context), Attributes: [{ Key: "deregistration_delay.timeout_seconds", Value: "30" }] }) }),
  step(ELB, "CreateListener", {
    params: (context) => ({ LoadBalancerArn: lbArn(context), Protocol: "HTTP", Port: 80, DefaultActions: forward(context) }),
    remember(output, context) {
      context.listenerArn = (output.Listeners as { ListenerArn: string }[])[0].ListenerArn;
    },
  }),
  step(ELB, "CreateListener", { params: (context) => ({ LoadBalancerArn: lbArn(context), Protocol: "HTTP", Port: 80, DefaultActions: forward(context) }) }, "same port"),
  step(ELB, "DescribeListeners", { params: (context) => ({ LoadBalancerArn: lbArn(context) }) }),
  step(ELB, "ModifyListener", { params: (context) => ({ ListenerArn: listenerArn(context), Port: 8080 }) }),
  step(ELB, "CreateRule", {
    params: (context) => ({ ListenerArn: listenerArn(context), Priority: 10, Conditions: [{ Field: "path-pattern", Values: ["/api/*"] }], Actions: forward(context) }),
    remember(output, context) {
      context.ruleArn = (output.Rules as { RuleArn: string }[])[0].RuleArn;
    },
  }),
  step(ELB, "DescribeRules", { params: (context) => ({ ListenerArn: listenerArn(context) }) }),
  step(ELB, "ModifyRule", { params: (context) => ({ RuleArn: ruleArn(context), Conditions: [{ Field: "path-pattern", Values: ["/v2/*"] }] }) }),
  step(ELB, "SetRulePriorities", { params: (context) => ({ RulePriorities: [{ RuleArn: ruleArn(context), Priority: 20 }] }) }),
  step(ELB, "RegisterTargets", { params: target }),
  step(ELB, "DescribeTargetHealth", { params: (context) => ({ TargetGroupArn: tgArn(context) }) }),
  step(ELB, "DeregisterTargets", { params: target }),
  step(ELB, "AddTags", { params: (context) => ({ ResourceArns: [lbArn(context), tgArn(context)], Tags: [{ Key: "team", Value: "web" }] }) }),
  step(ELB, "DescribeTags", { params: (context) => ({ ResourceArns: [lbArn(context), tgArn(context)] }) }),
  step(ELB, "RemoveTags", { params: (context) => ({ ResourceArns: [tgArn(context)], TagKeys: ["team"] }) }),
  step(ELB, "DeleteTargetGroup", { params: (context) => ({ TargetGroupArn: tgArn(context) }) }, "in use"),
  step(ELB, "DeleteRule", { params: (context) => ({ RuleArn: ruleArn(context) }) }),
  step(ELB, "DeleteListener", { params: (context) => ({ ListenerArn: listenerArn(context) }) }),
  step(ELB, "DeleteTargetGroup", { params: (context) => ({ TargetGroupArn: tgArn(context) }) }),
  step(ELB, "DeleteLoadBalancer", { params: (context) => ({ LoadBalancerArn: lbArn(context) }) }),

  // A Network Load Balancer with a TCP target group and listener (L504's comparison of the two).
  step(ELB, "CreateLoadBalancer", {
    params: (context) => ({ Name: "contract-nlb", Type: "network", Subnets: (context.lbSubnets ?? "").split(",") }),
    remember(output, context) {
      context.nlbArn = (output.LoadBalancers as { LoadBalancerArn: string }[])[0].LoadBalancerArn;
    },
  }, "network"),
  step(ELB, "CreateTargetGroup", {
    params: (context) => ({ Name: "contract-tcp", Protocol: "TCP", Port: 80, VpcId: context.vpcId, TargetType: "ip" }),
    remember(output, context) {
      context.tcpTgArn = (output.TargetGroups as { TargetGroupArn: string }[])[0].TargetGroupArn;
    },
  }, "TCP"),
  step(ELB, "DescribeTargetGroupAttributes", { params: (context) => ({ TargetGroupArn: context.tcpTgArn ?? tgArn(context) }) }, "TCP"),
  step(ELB, "CreateListener", {
    params: (context) => ({ LoadBalancerArn: context.nlbArn ?? lbArn(context), Protocol: "TCP", Port: 80, DefaultActions: [{ Type: "forward", TargetGroupArn: context.tcpTgArn ?? tgArn(context) }] }),
    remember(output, context) {
      context.nlbListenerArn = (output.Listeners as { ListenerArn: string }[])[0].ListenerArn;
    },
  }, "TCP"),
  step(ELB, "DescribeLoadBalancers", { params: fixed({ Names: ["contract-nlb"] }) }, "network"),
  step(ELB, "DeleteListener", { params: (context) => ({ ListenerArn: context.nlbListenerArn ?? listenerArn(context) }) }, "TCP"),
  step(ELB, "DeleteLoadBalancer", { params: (context) => ({ LoadBalancerArn: context.nlbArn ?? lbArn(context) }) }, "network"),
  step(ELB, "DeleteTargetGroup", { params: (context) => ({ TargetGroupArn: context.tcpTgArn ?? tgArn(context) }) }, "TCP"),
];

// CloudWatch (botocore speaks it in Smithy RPC v2 CBOR) and Application Auto Scaling for an ECS service (L701): an
// alarm on a service's CPU and the metrics' reads; a scalable target with a target tracking policy (its two alarms)
// and a scheduled action. The ECS service the target needs is made first on each side, not compared.
const CW = "monitoring";
const AAS = "application-autoscaling";
const CPU_ALARM = {
  AlarmName: "contract-cpu-high",
  Namespace: "AWS/ECS",
  MetricName: "CPUUtilization",
  Dimensions: [{ Name: "ClusterName", Value: "contract" }, { Name: "ServiceName", Value: "web" }],
  Statistic: "Average",
  Period: 60,
  EvaluationPeriods: 3,
  Threshold: 70,
  ComparisonOperator: "GreaterThanThreshold",
};
const CW_STEPS: ScenarioStep[] = [
  step(CW, "PutMetricAlarm", { params: fixed(CPU_ALARM) }),
  step(CW, "DescribeAlarms", { params: fixed({ AlarmNames: ["contract-cpu-high"] }) }),
  step(CW, "ListMetrics", { params: fixed({ Namespace: "AWS/ECS", MetricName: "CPUUtilization" }) }),
  step(CW, "GetMetricStatistics", {
    params: fixed({ Namespace: "AWS/ECS", MetricName: "CPUUtilization", Dimensions: CPU_ALARM.Dimensions, StartTime: new Date(EVENT_TIME - 600_000), EndTime: new Date(EVENT_TIME), Period: 60, Statistics: ["Average"] }),
  }),
  step(CW, "GetMetricData", {
    params: fixed({
      StartTime: new Date(EVENT_TIME - 600_000),
      EndTime: new Date(EVENT_TIME),
      MetricDataQueries: [{ Id: "cpu", MetricStat: { Metric: { Namespace: "AWS/ECS", MetricName: "CPUUtilization", Dimensions: CPU_ALARM.Dimensions }, Period: 60, Stat: "Average" } }],
    }),
  }),
  step(CW, "DeleteAlarms", { params: fixed({ AlarmNames: ["contract-cpu-high"] }) }),
  step(CW, "DeleteAlarms", { params: fixed({ AlarmNames: ["contract-cpu-high"] }) }, "again"),
];
const SCALABLE = { ServiceNamespace: "ecs", ResourceId: "service/contract/web", ScalableDimension: "ecs:service:DesiredCount" };
async function ecsService(side: ScenarioSide) {
  // A subnet and a security group of the side's own VPC (moto checks that they exist).
  const subnets = await side.call("ec2", "DescribeSubnets", {});
  const subnet = "output" in subnets ? (subnets.output.Subnets as { SubnetId: string }[])[0].SubnetId : "";
  const groups = await side.call("ec2", "DescribeSecurityGroups", {});
  const group = "output" in groups ? (groups.output.SecurityGroups as { GroupId: string }[])[0].GroupId : "";
  await side.call("ecs", "CreateCluster", { clusterName: "contract" });
  await side.call("ecs", "RegisterTaskDefinition", {
    family: "contract-web",
    networkMode: "awsvpc",
    requiresCompatibilities: ["FARGATE"],
    cpu: "256",
    memory: "512",
    containerDefinitions: [{ name: "web", image: "sbx/web:1.0", essential: true, portMappings: [{ containerPort: 80 }] }],
  });
  await side.call("ecs", "CreateService", {
    cluster: "contract",
    serviceName: "web",
    taskDefinition: "contract-web",
    desiredCount: 2,
    launchType: "FARGATE",
    networkConfiguration: { awsvpcConfiguration: { subnets: [subnet], securityGroups: [group], assignPublicIp: "ENABLED" } },
  });
}
const AAS_STEPS: ScenarioStep[] = [
  step(AAS, "RegisterScalableTarget", { before: ecsService, params: fixed({ ...SCALABLE, MinCapacity: 2, MaxCapacity: 6 }) }),
  step(AAS, "RegisterScalableTarget", { params: fixed({ ...SCALABLE, ResourceId: "service/contract/none", MinCapacity: 1, MaxCapacity: 4 }) }, "no service"),
  step(AAS, "PutScalingPolicy", {
    params: fixed({
      ...SCALABLE,
      ResourceId: "service/contract/unregistered",
      PolicyName: "orphan",
      PolicyType: "TargetTrackingScaling",
      TargetTrackingScalingPolicyConfiguration: { TargetValue: 50, PredefinedMetricSpecification: { PredefinedMetricType: "ECSServiceAverageCPUUtilization" } },
    }),
  }, "no target"),
  step(AAS, "DescribeScalableTargets", { params: fixed({ ServiceNamespace: "ecs" }) }),
  step(AAS, "PutScalingPolicy", {
    params: fixed({
      ...SCALABLE,
      PolicyName: "cpu50",
      PolicyType: "TargetTrackingScaling",
      TargetTrackingScalingPolicyConfiguration: { TargetValue: 50, PredefinedMetricSpecification: { PredefinedMetricType: "ECSServiceAverageCPUUtilization" } },
    }),
  }),
  step(AAS, "DescribeScalingPolicies", { params: fixed({ ServiceNamespace: "ecs", ResourceId: SCALABLE.ResourceId }) }),
  // The two alarms target tracking made, once the sandbox has evaluated them for a few minutes.
  step(CW, "DescribeAlarms", { before: (side) => side.passTime(240), params: fixed({ AlarmNamePrefix: "TargetTracking-" }) }, "target tracking"),
  step(AAS, "PutScheduledAction", { params: fixed({ ...SCALABLE, ScheduledActionName: "nightly", Schedule: "cron(0 22 * * ? *)", ScalableTargetAction: { MinCapacity: 1, MaxCapacity: 2 } }) }),
  // L702's morning rush: weekdays at 08:45 in Tokyo.
  step(AAS, "PutScheduledAction", {
    params: fixed({ ...SCALABLE, ScheduledActionName: "morning-rush", Schedule: "cron(45 8 ? * MON-FRI *)", Timezone: "Asia/Tokyo", ScalableTargetAction: { MinCapacity: 6 } }),
  }, "time zone"),
  // Both day fields given (a `?` is missing): AWS refuses it.
  step(AAS, "PutScheduledAction", { params: fixed({ ...SCALABLE, ScheduledActionName: "weekdays", Schedule: "cron(0 16 * * MON-FRI *)", ScalableTargetAction: { MinCapacity: 1 } }) }, "bad cron"),
  step(AAS, "DescribeScheduledActions", { params: fixed({ ServiceNamespace: "ecs", ResourceId: SCALABLE.ResourceId }) }),
  step(AAS, "DescribeScalingActivities", { params: fixed({ ServiceNamespace: "ecs", ResourceId: SCALABLE.ResourceId }) }),
  step(AAS, "DeleteScheduledAction", { params: fixed({ ...SCALABLE, ScheduledActionName: "nightly" }) }),
  step(AAS, "DeleteScheduledAction", { params: fixed({ ...SCALABLE, ScheduledActionName: "morning-rush" }) }, "time zone"),
  step(AAS, "DeleteScalingPolicy", { params: fixed({ ...SCALABLE, PolicyName: "cpu50" }) }),
  step(AAS, "DeleteScalingPolicy", { params: fixed({ ...SCALABLE, PolicyName: "cpu50" }) }, "again"),
  step(AAS, "DeregisterScalableTarget", { params: fixed(SCALABLE) }),
];

export const SCENARIO: ScenarioStep[] = [
  step("sts", "GetCallerIdentity"),
  ...ECR_STEPS,
  ...LOGS_STEPS,
  ...IAM_STEPS,
  ...SECRETS_STEPS,
  ...SSM_STEPS,
  ...EC2_STEPS,
  ...ELB_STEPS,
  ...CW_STEPS,
  ...AAS_STEPS,
];

/** Runs the scenario on one side; every step's outcome by step name. */
export async function runScenario(side: ScenarioSide): Promise<Map<string, BotocoreOutcome>> {
  const context: ScenarioContext = {};
  const outcomes = new Map<string, BotocoreOutcome>();
  for (const s of SCENARIO) {
    await s.before?.(side);
    const outcome = await side.call(s.service, s.operation, s.params?.(context) ?? {});
    if ("output" in outcome) s.remember?.(outcome.output, context);
    outcomes.set(s.name, outcome);
  }
  return outcomes;
}
