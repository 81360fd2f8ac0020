/**
 * Parity of `npx ecs-dojo aws` (the AWS CLI interpreter, lib/aws-cli) with the real AWS CLI v2 (2.9.19 at /usr/bin/aws):
 * every command line below runs with both as a command line — `/usr/bin/aws …` and `node bin/ecs-dojo.mjs aws …`, the
 * file npx runs, each a process of its own with the learner's keys in its environment, so argument handling, exit
 * codes, stdout and stderr are compared as a learner's shell sees them — each against its own sandbox endpoint — two endpoints started at the same
 * wall clock, one learner each (the same account id), moved by the same ticks, so both sandboxes hold the same state —
 * and must print the same stdout and end with the same exit code (and, for failures, the same stderr).
 *
 * A line marked `known` is a known difference, with its reason; it must still differ (so the reason stays true),
 * every other line must match.
 */
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { AWS_CLI_V2, cliEnvironment, requireAwsCliV2, type CliTarget } from "./support/aws-cli";
import { LEARNER_REGION, startGatewayEndpoint, type GatewayEndpoint } from "./support/gateway-endpoint";

const exec = promisify(execFile);

interface Outcome {
  exitCode: number;
  stdout: string;
  stderr: string;
}

interface Context {
  workDir: string;
  taskArn?: string;
  ec2TaskArn?: string;
  containerInstanceArn?: string;
  clusterArn?: string;
  token?: string;
}

interface Line {
  /** The words after `aws` (without --endpoint-url, which each side adds). */
  args: (context: Context) => string[];
  /** Seconds both sandboxes' clocks move before the line runs. */
  tick?: number;
  /** What to keep from the real CLI's answer for later lines. */
  capture?: (stdout: string, context: Context) => void;
  /** A known difference: why this line's output differs. The line must still differ (so the reason stays true). */
  known?: string;
}

/**
 * v2.9.19 reads answers with its January 2023 model, which drops members AWS has added since; the interpreter reads
 * them with botocore's current model and prints them (as a current AWS CLI does).
 */
const NEWER_MEMBER = (member: string) => `the answer has \`${member}\`, a member added to the API after v2.9.19's model (January 2023): v2.9.19 drops it, the interpreter (current model) prints it`;
const NEWER_OPERATIONS =
  "the list of operations comes from the model: the interpreter's (current) model has operations added since January 2023 (delete-task-definitions, the daemon and express-gateway operations, service deployments …)";

const NETWORK = "awsvpcConfiguration={subnets=[subnet-0a1b2c3d],securityGroups=[sg-0a1b2c3d],assignPublicIp=ENABLED}";
const NETWORK_JSON = JSON.stringify({ awsvpcConfiguration: { subnets: ["subnet-0a1b2c3d"], securityGroups: ["sg-0a1b2c3d"], assignPublicIp: "ENABLED" } });
const TASK_DEFINITION = {
  family: "web",
  networkMode: "awsvpc",
  requiresCompatibilities: ["FARGATE"],
  cpu: "256",
  memory: "512",
  containerDefinitions: [{ name: "web", image: "public.ecr.aws/nginx/nginx:1.27", portMappings: [{ containerPort: 80 }], essential: true }],
};
const BRIDGE_TASK_DEFINITION = { family: "bridge", containerDefinitions: [{ name: "app", image: "public.ecr.aws/nginx/nginx:1.27", memory: 128, essential: true }] };
const IDENTITY = JSON.stringify({ instanceId: "i-0123456789abcdef0", instanceType: "t3.medium" });
const file = (context: Context, name: string) => `file://${path.join(context.workDir, name)}`;
const fixed = (...args: string[]) => () => args;

/** The command lines, in order (later lines see what earlier ones created). */
const LINES: Line[] = [
  // Clusters
  { args: fixed("ecs", "create-cluster", "--cluster-name", "parity") },
  { args: fixed("ecs", "create-cluster", "--cluster-name", "second", "--tags", "key=team,value=dojo", "key=env,value=test", "--settings", "name=containerInsights,value=enabled") },
  { args: fixed("ecs", "create-cluster", "--cluster-name", "third", "--tags", '[{"key":"team","value":"json"}]') },
  { args: fixed("ecs", "list-clusters") },
  { args: fixed("ecs", "list-clusters", "--output", "text") },
  { args: fixed("ecs", "list-clusters", "--output", "table") },
  { args: fixed("ecs", "list-clusters", "--output", "yaml") },
  { args: fixed("ecs", "list-clusters", "--output", "yaml-stream") },
  { args: fixed("ecs", "list-clusters", "--max-items", "1"), capture: (stdout, c) => void (c.token = JSON.parse(stdout).NextToken) },
  { args: (c) => ["ecs", "list-clusters", "--max-items", "1", "--starting-token", c.token!] },
  { args: fixed("ecs", "list-clusters", "--page-size", "1") },
  { args: fixed("ecs", "list-clusters", "--page-size", "1", "--output", "text") },
  { args: fixed("ecs", "list-clusters", "--max-items", "2", "--output", "text") },
  { args: fixed("ecs", "list-clusters", "--no-paginate", "--max-results", "1") },
  { args: fixed("ecs", "list-clusters", "--query", "clusterArns[0]") },
  { args: fixed("ecs", "list-clusters", "--query", "length(clusterArns)", "--output", "text") },
  { args: fixed("ecs", "describe-clusters", "--clusters", "parity", "second", "missing") },
  { args: fixed("ecs", "describe-clusters", "--clusters", "second", "--include", "TAGS", "SETTINGS", "--output", "table") },
  { args: fixed("ecs", "describe-clusters", "--clusters", "second", "--include", "TAGS", "--output", "text") },
  { args: fixed("ecs", "describe-clusters", "--clusters", "second", "--include", "TAGS", "--output", "yaml") },
  { args: fixed("ecs", "describe-clusters", "--clus", "parity", "--query", "clusters[].{name:clusterName,status:status}", "--output", "table") },
  {
    args: fixed("ecs", "describe-clusters", "--clusters", "second", "--include", "TAGS", "--query", "clusters[0].{name:clusterName,tags:tags}", "--output", "table", "--color", "on"),
    known:
      "--color on: the same table and the same colour codes, but the real CLI's colorama stream (autoreset) also writes a reset code (ESC[0m) after every write call; the interpreter does not (the terminal shows the two alike)",
  },
  { args: fixed("--output", "text", "--region", "ap-northeast-1", "ecs", "list-clusters", "--query", "sort(clusterArns)") },
  { args: fixed("ecs", "update-cluster-settings", "--cluster", "parity", "--settings", "name=containerInsights,value=enabled") },
  { args: fixed("ecs", "put-cluster-capacity-providers", "--cluster", "parity", "--capacity-providers", "FARGATE", "FARGATE_SPOT", "--default-capacity-provider-strategy", "capacityProvider=FARGATE,weight=1,base=1") },
  // Task definitions
  { args: (c) => ["ecs", "register-task-definition", "--cli-input-json", file(c, "td.json")], known: NEWER_MEMBER("taskDefinition.enableFaultInjection") },
  { args: (c) => ["ecs", "register-task-definition", "--cli-input-json", file(c, "td.json"), "--query", "taskDefinition.revision"] },
  { args: (c) => ["ecs", "register-task-definition", "--family", "bridge", "--container-definitions", file(c, "bridge-containers.json")], known: NEWER_MEMBER("taskDefinition.enableFaultInjection") },
  {
    args: fixed("ecs", "register-task-definition", "--family", "short", "--container-definitions", "name=app,image=nginx,memory=128,essential=true,portMappings=[{containerPort=80,hostPort=8080}]"),
    known: NEWER_MEMBER("taskDefinition.enableFaultInjection"),
  },
  { args: fixed("ecs", "describe-task-definition", "--task-definition", "web:1"), known: NEWER_MEMBER("taskDefinition.enableFaultInjection") },
  { args: fixed("ecs", "describe-task-definition", "--task-definition", "web", "--query", "taskDefinition.[containerDefinitions,requiresCompatibilities,cpu]", "--output", "yaml") },
  { args: fixed("ecs", "describe-task-definition", "--task-definition", "short", "--query", "taskDefinition.containerDefinitions", "--output", "text") },
  { args: fixed("ecs", "describe-task-definition", "--task-definition", "short", "--query", "taskDefinition.{family:family,revision:revision,containers:containerDefinitions}", "--output", "table") },
  { args: fixed("ecs", "describe-task-definition", "--task-definition", "short", "--output", "table"), known: NEWER_MEMBER("taskDefinition.enableFaultInjection") },
  { args: fixed("ecs", "list-task-definitions") },
  { args: fixed("ecs", "list-task-definitions", "--family-prefix", "web", "--sort", "DESC", "--output", "text") },
  { args: fixed("ecs", "list-task-definition-families", "--status", "ACTIVE") },
  { args: fixed("ecs", "deregister-task-definition", "--task-definition", "web:1", "--query", "taskDefinition.status") },
  { args: fixed("ecs", "list-task-definitions", "--status", "INACTIVE") },
  // Services
  {
    args: fixed("ecs", "create-service", "--cluster", "parity", "--service-name", "web", "--task-definition", "web", "--desired-count", "2", "--launch-type", "FARGATE", "--network-configuration", NETWORK),
    known: NEWER_MEMBER("service.availabilityZoneRebalancing"),
  },
  { args: fixed("ecs", "create-service", "--cluster", "parity", "--service-name", "short", "--task-definition", "web", "--desired-count", "0", "--launch-type", "FARGATE", "--network-configuration", NETWORK, "--deployment-configuration", "maximumPercent=200,minimumHealthyPercent=50,deploymentCircuitBreaker={enable=true,rollback=true}", "--query", "service.[serviceName,deploymentConfiguration,networkConfiguration]", "--output", "yaml") },
  { args: fixed("ecs", "create-service", "--cluster", "parity", "--service-name", "json", "--task-definition", "web:2", "--desired-count", "1", "--launch-type", "FARGATE", "--network-configuration", NETWORK_JSON, "--query", "service.networkConfiguration") },
  { args: fixed("ecs", "wait", "services-stable", "--cluster", "parity", "--services", "web", "json"), tick: 300 },
  { args: fixed("ecs", "describe-services", "--cluster", "parity", "--services", "web", "--query", "services[0].[serviceName,status,runningCount,desiredCount]", "--output", "text") },
  { args: fixed("ecs", "describe-services", "--cluster", "parity", "--services", "web", "json", "--query", "services[].{name:serviceName,running:runningCount}", "--output", "table") },
  { args: fixed("ecs", "describe-services", "--cluster", "parity", "--services", "web", "--query", "services[0].deployments[0].rolloutState") },
  { args: fixed("ecs", "list-services", "--cluster", "parity") },
  { args: fixed("ecs", "list-services", "--cluster", "parity", "--output", "text") },
  { args: fixed("ecs", "update-service", "--cluster", "parity", "--service", "web", "--desired-count", "1", "--query", "service.desiredCount") },
  { args: fixed("ecs", "update-service", "--cluster", "parity", "--service", "web", "--enable-execute-command", "--query", "service.enableExecuteCommand") },
  { args: fixed("ecs", "update-service", "--cluster", "parity", "--service", "web", "--disable-execute-command", "--query", "service.enableExecuteCommand") },
  // Tasks
  { args: fixed("ecs", "list-tasks", "--cluster", "parity", "--service-name", "web", "--output", "text"), tick: 120 },
  {
    args: fixed("ecs", "run-task", "--cluster", "parity", "--task-definition", "web", "--launch-type", "FARGATE", "--network-configuration", NETWORK, "--query", "tasks[0].taskArn", "--output", "text"),
    capture: (stdout, c) => void (c.taskArn = stdout.trim()),
  },
  { args: (c) => ["ecs", "wait", "tasks-running", "--cluster", "parity", "--tasks", c.taskArn!], tick: 120 },
  { args: (c) => ["ecs", "describe-tasks", "--cluster", "parity", "--tasks", c.taskArn!, "--query", "tasks[0].{status:lastStatus,desired:desiredStatus,launch:launchType}"] },
  { args: (c) => ["ecs", "describe-tasks", "--cluster", "parity", "--tasks", c.taskArn!, "--query", "tasks[0].containers[].{name:name,status:lastStatus}", "--output", "yaml"] },
  { args: (c) => ["ecs", "stop-task", "--cluster", "parity", "--task", c.taskArn!, "--reason", "parity test", "--query", "task.desiredStatus"] },
  { args: (c) => ["ecs", "wait", "tasks-stopped", "--cluster", "parity", "--tasks", c.taskArn!], tick: 120 },
  { args: (c) => ["ecs", "describe-tasks", "--cluster", "parity", "--tasks", c.taskArn!, "--query", "tasks[0].[lastStatus,stopCode,stoppedReason]", "--output", "text"] },
  { args: fixed("ecs", "list-tasks", "--cluster", "parity", "--desired-status", "STOPPED", "--query", "length(taskArns)") },
  // Container instances (EC2 launch type)
  {
    args: fixed("ecs", "register-container-instance", "--cluster", "parity", "--instance-identity-document", IDENTITY, "--query", "containerInstance.containerInstanceArn", "--output", "text"),
    capture: (stdout, c) => void (c.containerInstanceArn = stdout.trim()),
  },
  { args: fixed("ecs", "list-container-instances", "--cluster", "parity") },
  { args: (c) => ["ecs", "describe-container-instances", "--cluster", "parity", "--container-instances", c.containerInstanceArn!, "--query", "containerInstances[0].[status,agentConnected,runningTasksCount]"] },
  {
    args: (c) => ["ecs", "start-task", "--cluster", "parity", "--task-definition", "bridge", "--container-instances", c.containerInstanceArn!, "--query", "tasks[0].taskArn", "--output", "text"],
    capture: (stdout, c) => void (c.ec2TaskArn = stdout.trim()),
  },
  { args: (c) => ["ecs", "update-container-instances-state", "--cluster", "parity", "--container-instances", c.containerInstanceArn!, "--status", "DRAINING", "--query", "containerInstances[0].status"] },
  { args: (c) => ["ecs", "deregister-container-instance", "--cluster", "parity", "--container-instance", c.containerInstanceArn!, "--force", "--query", "containerInstance.status"] },
  // Tags and account settings
  { args: fixed("ecs", "describe-clusters", "--clusters", "parity", "--query", "clusters[0].clusterArn", "--output", "text"), capture: (stdout, c) => void (c.clusterArn = stdout.trim()) },
  { args: (c) => ["ecs", "tag-resource", "--resource-arn", c.clusterArn!, "--tags", "key=owner,value=parity", "key=tier,value=gold"] },
  { args: (c) => ["ecs", "list-tags-for-resource", "--resource-arn", c.clusterArn!] },
  { args: (c) => ["ecs", "list-tags-for-resource", "--resource-arn", c.clusterArn!, "--output", "text"] },
  { args: (c) => ["ecs", "untag-resource", "--resource-arn", c.clusterArn!, "--tag-keys", "tier"] },
  { args: fixed("ecs", "put-account-setting", "--name", "containerInsights", "--value", "enabled"), known: NEWER_MEMBER("setting.type") },
  { args: fixed("ecs", "put-account-setting", "--name", "containerInsights", "--value", "enabled", "--query", "setting.[name,value]", "--output", "text") },
  { args: fixed("ecs", "list-account-settings", "--name", "containerInsights", "--effective-settings"), known: NEWER_MEMBER("settings[].type") },
  { args: fixed("ecs", "list-account-settings", "--name", "containerInsights", "--effective-settings", "--output", "table", "--query", "settings[].{name:name,value:value}") },
  // Parameter validation, argument errors, service errors
  { args: fixed("ecs", "create-service", "--service-name", "x", "--desired-count", "abc") },
  { args: fixed("ecs", "create-service") },
  { args: fixed("ecs", "create-service", "--service-name", "x", "--desired-count") },
  { args: fixed("ecs", "create-service", "--service-name", "x", "--network-configuration", "awsvpcConfiguration={subnets=[a,b],bogus=1}") },
  { args: fixed("ecs", "create-service", "--service-name", "x", "--network-configuration", "awsvpcConfiguration={subnets=[a,b}") },
  { args: fixed("ecs", "create-service", "--service-name", "x", "--network-configuration", '{"awsvpcConfiguration": {"subnets": ["a"],}}') },
  { args: fixed("ecs", "create-service", "--service-name", "x", "--deployment-configuration", "maximumPercent=lots") },
  { args: fixed("ecs", "list-clusters", "--foo", "bar") },
  { args: fixed("ecs", "list-clusters", "--max-items", "x") },
  { args: fixed("ecs", "list-clusters", "--no-paginate", "--page-size", "1") },
  { args: fixed("ecs", "list-clusters", "--output", "xml") },
  { args: fixed("ecs", "list-clusters", "--cli") },
  { args: fixed("ecs", "list-clusters", "--no-paginate=yes") },
  { args: fixed("ecs", "describe-clusters", "--cluster") },
  { args: fixed("ecs", "nope-operation"), known: NEWER_OPERATIONS },
  { args: fixed("ecs", "describ-clusters"), known: NEWER_OPERATIONS },
  { args: fixed("nope-service", "list"), known: "the invalid-choice message lists the services: the real CLI's ~300, the interpreter's the 11 the sandbox answers" },
  { args: fixed("ecs", "create-service", "--cluster", "parity", "--service-name", "lb", "--task-definition", "web", "--load-balancers", "targetGroupArn=arn:aws:elasticloadbalancing:ap-northeast-1:100000000000:targetgroup/nope/0123456789abcdef,containerName=web,containerPort=80", "--launch-type", "FARGATE", "--network-configuration", NETWORK) },
  { args: fixed("ecs", "run-task", "--cluster", "parity", "--task-definition", "web", "--count", "0", "--launch-type", "FARGATE", "--network-configuration", NETWORK) },
  { args: fixed("ecs", "list-tasks", "--cluster", "parity", "--launch-type", "SPOT") },
  { args: fixed("ecs", "register-task-definition", "--family", "x", "--container-definitions", "file:///nonexistent/containers.json") },
  { args: fixed("ecs", "register-task-definition", "--cli-input-json", "{not json") },
  { args: (c) => ["ecs", "register-task-definition", "--cli-input-json", file(c, "td-incomplete.json")] },
  { args: fixed("ecs", "describe-services", "--cluster", "parity", "--services", "web", "--query", "services[") },
  { args: fixed("ecs", "describe-services", "--cluster", "parity", "--services", "web", "--query", "services[].{name:serviceName") },
  { args: fixed("ecs", "list-clusters", "--query", "clusterArns[?name=='x'") },
  { args: fixed("ecs", "list-clusters", "--query", "length(clusterArns, 2)") },
  { args: fixed("ecs", "run-task", "--cluster", "nope", "--task-definition", "web", "--launch-type", "FARGATE", "--network-configuration", NETWORK) },
  { args: fixed("ecs", "describe-task-definition", "--task-definition", "nope") },
  { args: fixed("ecs", "delete-cluster", "--cluster", "parity") },
  { args: fixed("ecs", "wait", "tasks-running", "--cluster", "parity", "--tasks", "arn:aws:ecs:ap-northeast-1:100000000000:task/parity/0123456789abcdef0123456789abcdef") },
  { args: fixed("ecs", "wait", "services-inactive", "--cluster", "parity", "--services", "nope") },
  { args: fixed("ecs", "create-cluster", "--generate-cli-skeleton"), known: NEWER_MEMBER("configuration.managedStorageConfiguration (input)") },
  { args: fixed("ecs", "delete-service", "--generate-cli-skeleton") },
  { args: fixed("ecs", "list-clusters", "--generate-cli-skeleton", "output") },
  { args: fixed("ecs", "list-services", "--cluster", "parity", "--region", "us-east-1") },
  // Clean up: delete what was created, in the order AWS requires.
  { args: fixed("ecs", "delete-service", "--cluster", "parity", "--service", "json", "--force", "--query", "service.status") },
  { args: fixed("ecs", "delete-service", "--cluster", "parity", "--service", "web", "--force", "--query", "service.[serviceName,status]", "--output", "text") },
  { args: fixed("ecs", "wait", "services-inactive", "--cluster", "parity", "--services", "web", "json"), tick: 600 },
  { args: fixed("ecs", "delete-cluster", "--cluster", "third", "--query", "cluster.status") },
  // Other services the sandbox answers, in their own protocols.
  { args: fixed("sts", "get-caller-identity", "--query", "Account", "--output", "text") },
  { args: fixed("iam", "list-roles", "--query", "length(Roles) > `0`") },
  { args: fixed("logs", "create-log-group", "--log-group-name", "/ecs/parity") },
  { args: fixed("logs", "describe-log-groups", "--log-group-name-prefix", "/ecs/", "--query", "logGroups[].logGroupName") },
  { args: fixed("ec2", "describe-vpcs", "--query", "Vpcs[].IsDefault", "--output", "text") },
  { args: (c) => ["iam", "create-role", "--role-name", "parity-task", "--assume-role-policy-document", file(c, "trust.json"), "--tags", "Key=team,Value=dojo"] },
  { args: fixed("iam", "get-role", "--role-name", "parity-task", "--output", "yaml") },
  { args: fixed("iam", "attach-role-policy", "--role-name", "parity-task", "--policy-arn", "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy") },
  { args: fixed("iam", "list-attached-role-policies", "--role-name", "parity-task", "--output", "table") },
  { args: fixed("iam", "get-role", "--role-name", "nope") },
  { args: fixed("logs", "put-retention-policy", "--log-group-name", "/ecs/parity", "--retention-in-days", "7") },
  { args: fixed("logs", "describe-log-groups", "--output", "yaml"), known: NEWER_MEMBER("logGroups[].logGroupArn and logGroupClass (CloudWatch Logs)") },
  { args: fixed("logs", "describe-log-groups", "--query", "logGroups[].[logGroupName,retentionInDays,storedBytes]", "--output", "yaml") },
  { args: fixed("ssm", "put-parameter", "--name", "/parity/db", "--value", "s3cr3t", "--type", "SecureString") },
  { args: fixed("ssm", "get-parameter", "--name", "/parity/db", "--with-decryption", "--query", "Parameter.[Name,Type,Value]", "--output", "text") },
  { args: fixed("secretsmanager", "create-secret", "--name", "parity/db", "--secret-string", '{"password":"x"}', "--query", "Name") },
  { args: fixed("ec2", "describe-security-groups", "--output", "text"), known: NEWER_MEMBER("SecurityGroups[].SecurityGroupArn (EC2)") },
  { args: fixed("ec2", "describe-security-groups", "--query", "SecurityGroups[].{id:GroupId,name:GroupName,ingress:IpPermissions}", "--output", "text") },
  { args: fixed("ec2", "describe-subnets", "--query", "Subnets[].{id:SubnetId,az:AvailabilityZone,default:DefaultForAz}", "--output", "table") },
  { args: fixed("elbv2", "create-target-group", "--name", "parity-tg", "--protocol", "HTTP", "--port", "80", "--vpc-id", "vpc-0a1b2c3d", "--target-type", "ip", "--query", "TargetGroups[0].[TargetGroupName,Protocol,Port,TargetType]") },
  { args: fixed("elbv2", "describe-target-groups", "--names", "parity-tg", "--query", "TargetGroups[0].HealthCheckPath") },
  { args: fixed("application-autoscaling", "describe-scalable-targets", "--service-namespace", "ecs") },
  { args: fixed("ecr", "create-repository", "--repository-name", "parity", "--query", "repository.[repositoryName,imageTagMutability]", "--output", "text") },
  { args: fixed("ecr", "describe-repositories", "--repository-names", "nope") },
];

const key = (args: string[]) => args.join(" ");
const ECS_DOJO_BIN = path.join(import.meta.dirname, "..", "..", "bin", "ecs-dojo.mjs");

/**
 * Simulated seconds per wall-clock second in both sandboxes: the ticks move the wall clock the gateway checks
 * signatures against, and the real CLI signs with the real time, so the ticks must stay well inside SigV4's 15 minutes.
 */
const SPEED = 20;

let realEndpoint: GatewayEndpoint;
let ourEndpoint: GatewayEndpoint;
let real: (args: string[]) => Promise<Outcome>;
let ours: (args: string[]) => Promise<Outcome>;
const context: Context = { workDir: "" };

beforeAll(async () => {
  await requireAwsCliV2();
  context.workDir = await mkdtemp(path.join(tmpdir(), "dojo-awscli-parity-"));
  await writeFile(path.join(context.workDir, "td.json"), JSON.stringify(TASK_DEFINITION));
  await writeFile(path.join(context.workDir, "bridge-containers.json"), JSON.stringify(BRIDGE_TASK_DEFINITION.containerDefinitions));
  await writeFile(path.join(context.workDir, "td-incomplete.json"), JSON.stringify({ family: "incomplete" }));
  await writeFile(path.join(context.workDir, "trust.json"), JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "ecs-tasks.amazonaws.com" }, Action: "sts:AssumeRole" }] }));
  const startMs = Date.now();
  realEndpoint = await startGatewayEndpoint({ startMs, speed: SPEED });
  ourEndpoint = await startGatewayEndpoint({ startMs, speed: SPEED });
  const realLearner = realEndpoint.newLearner();
  const ourLearner = ourEndpoint.newLearner();
  expect(ourLearner.accountId).toBe(realLearner.accountId);
  const target = (endpoint: GatewayEndpoint, learner: typeof realLearner): CliTarget => ({
    endpointUrl: endpoint.url,
    accessKeyId: learner.accessKeyId,
    secretAccessKey: learner.secretAccessKey,
    region: LEARNER_REGION,
    workDir: context.workDir,
  });
  /** Runs one command line as a process; a non-zero exit is an outcome like any other. */
  const processOutcome = async (file: string, args: string[], target: CliTarget): Promise<Outcome> => {
    try {
      const { stdout, stderr } = await exec(file, args, { env: { ...cliEnvironment(target), TZ: "UTC" }, maxBuffer: 16 * 1024 * 1024 });
      return { exitCode: 0, stdout, stderr };
    } catch (error) {
      const failed = error as { code?: number | string; stdout?: string; stderr?: string };
      if (typeof failed.code !== "number") throw error;
      return { exitCode: failed.code, stdout: failed.stdout ?? "", stderr: failed.stderr ?? "" };
    }
  };
  const realTarget = target(realEndpoint, realLearner);
  real = (args) => processOutcome(AWS_CLI_V2, [...args, "--endpoint-url", realEndpoint.url], realTarget);
  // `npx ecs-dojo aws` runs bin/ecs-dojo.mjs with Node: the same file, the same way, without npx's own start-up.
  const ourTarget = target(ourEndpoint, ourLearner);
  ours = (args) => processOutcome(process.execPath, [ECS_DOJO_BIN, "aws", ...args, "--endpoint-url", ourEndpoint.url], ourTarget);
});

afterAll(async () => {
  await realEndpoint?.stop();
  await ourEndpoint?.stop();
  if (context.workDir) await rm(context.workDir, { recursive: true, force: true });
});

describe("the interpreter prints what AWS CLI v2 prints", () => {
  const results: { line: string; same: boolean }[] = [];

  test("at least 60 command lines, every emulated ECS operation of v2.9.19's model among them", () => {
    expect(LINES.length).toBeGreaterThanOrEqual(60);
  });

  for (const [index, line] of LINES.entries()) {
    test(`line ${index + 1}`, { timeout: 120_000 }, async () => {
      if (line.tick) {
        realEndpoint.tick(line.tick / SPEED);
        ourEndpoint.tick(line.tick / SPEED);
      }
      const args = line.args(context);
      const expected = await real(args);
      const actual = await ours(args);
      line.capture?.(expected.stdout, context);
      const normalize = (text: string, url: string) => text.replaceAll(url, "<endpoint>");
      const same =
        actual.exitCode === expected.exitCode && actual.stdout === expected.stdout && (expected.exitCode === 0 || normalize(actual.stderr, ourEndpoint.url) === normalize(expected.stderr, realEndpoint.url));
      results.push({ line: key(args), same });
      const reason = line.known;
      if (reason) {
        expect(same, `listed as a known difference (${reason}) but identical: aws ${key(args)}`).toBe(false);
        return;
      }
      expect({ command: `aws ${key(args)}`, exitCode: actual.exitCode, stdout: actual.stdout }).toEqual({ command: `aws ${key(args)}`, exitCode: expected.exitCode, stdout: expected.stdout });
      if (expected.exitCode !== 0) expect(normalize(actual.stderr, ourEndpoint.url)).toBe(normalize(expected.stderr, realEndpoint.url));
    });
  }

  test("summary", () => {
    const identical = results.filter((r) => r.same).length;
    console.log(`awscli parity (/usr/bin/aws vs node bin/ecs-dojo.mjs aws, a process each per line): ${identical} of ${results.length} command lines identical (stdout, exit code, stderr on failure)`);
    expect(identical).toBe(results.length - LINES.filter((l) => l.known).length);
  });
});
