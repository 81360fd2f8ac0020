// The fixed mixed sequence the services bench times: what a learner's lesson does outside ECS before a task runs —
// a repository with its lifecycle policy and a registry login (L201–L202), a log group and stream the awslogs driver
// writes to and the learner reads (L307), the task execution role (L305), a secret and a SecureString parameter for
// the container (L306), a security group for the service (L503), an Application Load Balancer with a target group,
// a listener and a target (L504), an alarm on a service's CPU and a read of its metric (L801), and a scalable target
// with a target tracking policy and a cron scheduled action (L701) — each made, read and removed again, so that every
// pass starts from the same state. Every call is timed. Besides what a pass makes, one ECS service (the one the
// scalable target scales) is made once per target by `prepare`, untimed.
//
// moto_server 5.2 does not implement Application Auto Scaling's DescribeScalingActivities (it answers HTTP 500): that
// call is timed on the sandbox only (`motoLacks`), and left out of both sides' sums so that they stay comparable.
import type { ModelledService } from "@/lib/aws-models";
import { LIFECYCLE_POLICY, READ_SECRET, TASK_EXECUTION_POLICY, TRUST_ECS_TASKS } from "../../tests/integration/support/services-scenario";
import type { AwsCall, QueryParams } from "./aws-call";

/** Where a target's passes make their network resources: its first VPC, subnets in two zones, an address in one. */
export interface Network {
  vpcId: string;
  /** The first subnet of each of two zones (an ALB needs two). */
  lbSubnets: [string, string];
  /** An address in the first subnet, for an `ip` target. */
  targetIp: string;
}

/** One pass's names (every pass makes its own resources) and the ids its calls hand on. */
export interface Pass extends Network {
  i: number;
  groupId?: string;
  loadBalancerArn?: string;
  targetGroupArn?: string;
  listenerArn?: string;
}

export interface SequenceStep {
  service: ModelledService;
  operation: string;
  input: (pass: Pass) => object | QueryParams;
  /** Reads what later steps need from the answer (text: JSON or XML). */
  remember?: (answer: string, pass: Pass) => void;
  /** Why moto_server cannot answer this call: it is timed on the sandbox only. */
  motoLacks?: string;
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

const ELB = "elasticloadbalancing";
const xmlValue = (answer: string, element: string) => new RegExp(`<${element}>([^<]+)</${element}>`).exec(answer)?.[1];
const loadBalancer = (p: Pass) => ({ LoadBalancerArn: p.loadBalancerArn ?? "none" });
const targetGroup = (p: Pass) => ({ TargetGroupArn: p.targetGroupArn ?? "none" });
const oneTarget = (p: Pass) => ({ ...targetGroup(p), "Targets.member.1.Id": p.targetIp, "Targets.member.1.Port": "80" });

const CW = "monitoring";
const alarm = (p: Pass) => ({ AlarmName: `bench-cpu-${p.i}` });
const SERVICE_DIMENSIONS = [
  { Name: "ClusterName", Value: "bench" },
  { Name: "ServiceName", Value: "web" },
];
/** The last ten minutes (the CLI sends timestamps as epoch seconds in JSON). */
const lastTenMinutes = () => ({ StartTime: Math.floor(Date.now() / 1000) - 600, EndTime: Math.floor(Date.now() / 1000) });

const AAS = "application-autoscaling";
/** The ECS service `prepare` makes on each target, as a scalable target. */
const SCALABLE = { ServiceNamespace: "ecs", ResourceId: "service/bench/web", ScalableDimension: "ecs:service:DesiredCount" };
const policy = (p: Pass) => ({ ...SCALABLE, PolicyName: `cpu50-${p.i}` });
const scheduled = (p: Pass) => ({ ...SCALABLE, ScheduledActionName: `nightly-${p.i}` });

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

  step(
    ELB,
    "CreateLoadBalancer",
    (p) => ({ Name: `bench-alb-${p.i}`, "Subnets.member.1": p.lbSubnets[0], "Subnets.member.2": p.lbSubnets[1] }),
    (answer, p) => {
      p.loadBalancerArn = xmlValue(answer, "LoadBalancerArn");
    },
  ),
  step(
    ELB,
    "CreateTargetGroup",
    (p) => ({ Name: `bench-tg-${p.i}`, Protocol: "HTTP", Port: "80", VpcId: p.vpcId, TargetType: "ip", HealthCheckPath: "/health" }),
    (answer, p) => {
      p.targetGroupArn = xmlValue(answer, "TargetGroupArn");
    },
  ),
  step(
    ELB,
    "CreateListener",
    (p) => ({ ...loadBalancer(p), Protocol: "HTTP", Port: "80", "DefaultActions.member.1.Type": "forward", "DefaultActions.member.1.TargetGroupArn": targetGroup(p).TargetGroupArn }),
    (answer, p) => {
      p.listenerArn = xmlValue(answer, "ListenerArn");
    },
  ),
  step(ELB, "RegisterTargets", oneTarget),
  step(ELB, "DescribeTargetHealth", targetGroup),
  step(ELB, "DescribeLoadBalancers", (p) => ({ "Names.member.1": `bench-alb-${p.i}` })),
  step(ELB, "DescribeTargetGroups", (p) => ({ "Names.member.1": `bench-tg-${p.i}` })),
  step(ELB, "DeregisterTargets", oneTarget),
  step(ELB, "DeleteListener", (p) => ({ ListenerArn: p.listenerArn ?? "none" })),
  step(ELB, "DeleteLoadBalancer", loadBalancer),
  step(ELB, "DeleteTargetGroup", targetGroup),

  step(CW, "PutMetricAlarm", (p) => ({
    ...alarm(p),
    Namespace: "AWS/ECS",
    MetricName: "CPUUtilization",
    Dimensions: SERVICE_DIMENSIONS,
    Statistic: "Average",
    Period: 60,
    EvaluationPeriods: 3,
    Threshold: 70,
    ComparisonOperator: "GreaterThanThreshold",
  })),
  step(CW, "DescribeAlarms", (p) => ({ AlarmNames: [alarm(p).AlarmName] })),
  step(CW, "GetMetricStatistics", () => ({ Namespace: "AWS/ECS", MetricName: "CPUUtilization", Dimensions: SERVICE_DIMENSIONS, Period: 60, Statistics: ["Average"], ...lastTenMinutes() })),
  step(CW, "DeleteAlarms", (p) => ({ AlarmNames: [alarm(p).AlarmName] })),

  step(AAS, "RegisterScalableTarget", () => ({ ...SCALABLE, MinCapacity: 1, MaxCapacity: 4 })),
  step(AAS, "PutScalingPolicy", (p) => ({
    ...policy(p),
    PolicyType: "TargetTrackingScaling",
    TargetTrackingScalingPolicyConfiguration: { TargetValue: 50, PredefinedMetricSpecification: { PredefinedMetricType: "ECSServiceAverageCPUUtilization" } },
  })),
  step(AAS, "DescribeScalingPolicies", () => ({ ServiceNamespace: "ecs", ResourceId: SCALABLE.ResourceId })),
  step(AAS, "PutScheduledAction", (p) => ({ ...scheduled(p), Schedule: "cron(0 22 * * ? *)", ScalableTargetAction: { MinCapacity: 1, MaxCapacity: 2 } })),
  { ...step(AAS, "DescribeScalingActivities", () => ({ ServiceNamespace: "ecs", ResourceId: SCALABLE.ResourceId })), motoLacks: "moto: HTTP 500" },
  step(AAS, "DeleteScheduledAction", scheduled),
  step(AAS, "DeleteScalingPolicy", policy),
  step(AAS, "DeregisterScalableTarget", () => SCALABLE),
];

/** The `<item>` elements directly inside `<set>` of an EC2 answer (items nest: a subnet's tags are items too). */
function topLevelItems(answer: string, set: string): string[] {
  const body = answer.slice(answer.indexOf(`<${set}>`) + set.length + 2, answer.lastIndexOf(`</${set}>`));
  const items: string[] = [];
  let depth = 0;
  let start = 0;
  for (const tag of body.matchAll(/<(\/?)item>/g)) {
    if (tag[1] === "") {
      if (depth++ === 0) start = tag.index + tag[0].length;
    } else if (--depth === 0) items.push(body.slice(start, tag.index));
  }
  return items;
}

/**
 * Where a target's passes make their network resources: the first VPC DescribeVpcs names (the sandbox's seeded one,
 * moto's default one) and its subnets. Also makes, untimed, the ECS service the scalable target scales (no tasks).
 */
export async function prepare(call: AwsCall): Promise<Network> {
  const vpcId = xmlValue(await call("ec2", "DescribeVpcs"), "vpcId");
  if (!vpcId) throw new Error("DescribeVpcs named no VPC");
  const subnets = topLevelItems(await call("ec2", "DescribeSubnets", { "Filter.1.Name": "vpc-id", "Filter.1.Value.1": vpcId }), "subnetSet")
    .map((item) => ({ id: xmlValue(item, "subnetId"), zone: xmlValue(item, "availabilityZone"), cidr: xmlValue(item, "cidrBlock") }))
    .filter((s) => s.id && s.zone && s.cidr);
  const firstOfZone = subnets.filter((s, k) => subnets.findIndex((o) => o.zone === s.zone) === k);
  if (firstOfZone.length < 2) throw new Error(`the VPC ${vpcId} has subnets in fewer than two zones`);
  await call("ecs", "CreateCluster", { clusterName: "bench" });
  await call("ecs", "RegisterTaskDefinition", { family: "bench-web", containerDefinitions: [{ name: "web", image: "public.ecr.aws/nginx/nginx:1.27", memory: 128, essential: true }] });
  await call("ecs", "CreateService", { cluster: "bench", serviceName: "web", taskDefinition: "bench-web", desiredCount: 0 });
  return {
    vpcId,
    lbSubnets: [firstOfZone[0].id!, firstOfZone[1].id!],
    targetIp: firstOfZone[0].cidr!.split("/")[0].replace(/\.0$/, ".10"),
  };
}

/**
 * Runs pass `i` of the sequence; the milliseconds each call took, in sequence order. With `onMoto`, a step moto lacks
 * is not sent (NaN).
 */
export async function runPass(call: AwsCall, i: number, network: Network, onMoto = false): Promise<number[]> {
  const pass: Pass = { i, ...network };
  const times: number[] = [];
  for (const s of SEQUENCE) {
    if (onMoto && s.motoLacks) {
      times.push(NaN);
      continue;
    }
    const started = performance.now();
    const answer = await call(s.service, s.operation, s.input(pass));
    times.push(performance.now() - started);
    s.remember?.(answer, pass);
  }
  return times;
}
