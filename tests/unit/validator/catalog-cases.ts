/**
 * One failing and one passing document per catalog rule. catalog.test.ts checks that every rule in RULES
 * has its pair, that the failing document triggers the rule and that the passing one does not.
 */
import type { InputKind } from "@/lib/validator";
import { fargateTaskDefinition } from "./helpers";

type Doc = Record<string, unknown>;

export interface RuleCase {
  fail: Doc | string;
  pass: Doc | string;
  kind?: InputKind;
  /** Task definitions the service input can name (section L). */
  taskDefinitions?: Doc[];
  accountId?: string;
}

const IMAGE = "public.ecr.aws/nginx/nginx:1.27";

/** A valid Fargate task definition with one container; `container` is merged into that container. */
export function fg(top: Doc = {}, container: Doc = {}): Doc {
  const base = fargateTaskDefinition({ executionRoleArn: "arn:aws:iam::123456789012:role/ecsTaskExecutionRole" });
  const [web] = base.containerDefinitions as Doc[];
  return { ...base, containerDefinitions: [{ ...web, ...container }], ...top };
}

/** A valid EC2 task definition (bridge by default) with one container. */
export function ec(top: Doc = {}, container: Doc = {}): Doc {
  return { family: "web", containerDefinitions: [{ name: "web", image: IMAGE, memory: 512, ...container }], ...top };
}

/** Two containers: "app" (given settings) and "side" (given settings), EC2 bridge. */
function two(app: Doc, side: Doc, top: Doc = {}): Doc {
  return ec({ containerDefinitions: [{ name: "app", image: IMAGE, memory: 256, ...app }, { name: "side", image: IMAGE, memory: 256, ...side }], ...top });
}

const awslogs = (options: Doc = {}) => ({ logDriver: "awslogs", options: { "awslogs-group": "/ecs/web", "awslogs-region": "eu-west-1", "awslogs-stream-prefix": "web", ...options } });
const efs = (config: Doc) => ({ volumes: [{ name: "data", efsVolumeConfiguration: { fileSystemId: "fs-12345678", ...config } }] });
const mount = { mountPoints: [{ sourceVolume: "data", containerPath: "/data" }] };
const hc = { healthCheck: { command: ["CMD-SHELL", "curl -f http://localhost/ || exit 1"] } };
const win = { runtimePlatform: { operatingSystemFamily: "WINDOWS_SERVER_2022_CORE", cpuArchitecture: "X86_64" } };
const SECRET = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf";

/** The task definition services in these cases name. */
export const SERVICE_TD = fg({}, { portMappings: [{ containerPort: 80, name: "http" }] });
const BRIDGE_TD = ec({ family: "bridge" }, { portMappings: [{ containerPort: 80, hostPort: 0 }] });
const VPC = { awsvpcConfiguration: { subnets: ["subnet-12345678"], securityGroups: ["sg-12345678"] } };

/** A valid CreateService input for SERVICE_TD. */
export function sv(over: Doc = {}): Doc {
  return {
    serviceName: "web",
    taskDefinition: "web",
    desiredCount: 2,
    launchType: "FARGATE",
    networkConfiguration: VPC,
    deploymentConfiguration: { deploymentCircuitBreaker: { enable: true, rollback: true } },
    tags: [{ key: "team", value: "a" }],
    ...over,
  };
}

const svcCase = (fail: Doc, pass: Doc, taskDefinitions: Doc[] = [SERVICE_TD]): RuleCase => ({ fail, pass, kind: "CreateService", taskDefinitions });
const ec2Svc = (over: Doc = {}) => sv({ taskDefinition: "bridge", launchType: "EC2", networkConfiguration: undefined, ...over });

export const CASES: Record<string, RuleCase> = {
  "JSON-SYNTAX": { fail: '{"family": "web",}', pass: JSON.stringify(ec()) },
  "JSON-LIMITS": { fail: "[".repeat(200) + "]".repeat(200), pass: JSON.stringify(ec()) },
  "JSON-DUPLICATE-KEY": { fail: '{"family": "a", "family": "web", "containerDefinitions": [{"name": "web", "image": "nginx:1", "memory": 64}]}', pass: JSON.stringify(ec()) },
  "CLI-UNKNOWN-KEY": { fail: ec({ colour: "red" }), pass: ec() },
  "CLI-PASCALCASE": { fail: ec({}, { Essential: true }), pass: ec({}, { essential: true }) },
  "CLI-DESCRIBE-OUTPUT": { fail: ec({ revision: 3, status: "ACTIVE" }), pass: ec() },
  "CLI-REQUIRED": { fail: { containerDefinitions: [{ name: "web", image: IMAGE, memory: 64 }] }, pass: ec() },
  "CLI-TYPE-TASK-CPU-MEM": { fail: fg({ cpu: 256 }), pass: fg() },
  "CLI-TYPE": { fail: ec({}, { essential: "true" }), pass: ec({}, { essential: true }) },
  "CLI-NULL": { fail: ec({ ipcMode: null }), pass: ec() },
  "CLI-STRLEN": { fail: ec({ tags: [{ key: "", value: "x" }] }), pass: ec({ tags: [{ key: "k", value: "x" }] }) },
  "API-ENUM": { fail: ec({ networkMode: "default" }), pass: ec({ networkMode: "bridge" }) },
  "API-TAGS": { fail: ec({ tags: [{ key: "aws:owner", value: "me" }] }), pass: ec({ tags: [{ key: "owner", value: "me" }] }) },
  "TPL-PLACEHOLDER": { fail: ec({}, { image: "${IMAGE}" }), pass: ec() },
  "TD-FAMILY-FORMAT": { fail: ec({ family: "my app" }), pass: ec({ family: "my-app" }) },
  "TD-CONTAINERS-NONEMPTY": { fail: { family: "web", containerDefinitions: [] }, pass: ec() },
  "TD-CONTAINERS-MAX": {
    fail: ec({ containerDefinitions: Array.from({ length: 11 }, (_, i) => ({ name: `c${i}`, image: IMAGE, memory: 32 })) }),
    pass: ec({ containerDefinitions: Array.from({ length: 10 }, (_, i) => ({ name: `c${i}`, image: IMAGE, memory: 32 })) }),
  },
  "TD-NAME-UNIQUE": { fail: two({ name: "a" }, { name: "a" }), pass: two({}, {}) },
  "TD-ESSENTIAL": { fail: ec({}, { essential: false }), pass: ec({}, { essential: true }) },
  "TD-CPU-FORMAT": { fail: fg({ cpu: "300" }), pass: fg({ cpu: "256" }) },
  "TD-MEMORY-FORMAT": { fail: ec({ memory: "lots" }), pass: ec({ memory: "1 GB" }) },
  "TD-MEM-REQUIRED": { fail: ec({}, { memory: undefined }), pass: ec({}, { memory: undefined, memoryReservation: 128 }) },
  "TD-CONTAINER-MEM-GT-TASK": { fail: ec({ memory: "256" }, { memory: 512 }), pass: ec({ memory: "512" }, { memory: 512 }) },
  "TD-SUM-MEMRES": { fail: two({ memoryReservation: 200 }, { memoryReservation: 200 }, { memory: "256" }), pass: two({ memoryReservation: 100 }, { memoryReservation: 100 }, { memory: "512" }) },
  "TD-SUM-CPU": { fail: fg({}, { cpu: 512 }), pass: fg({}, { cpu: 256 }) },
  "TD-SUM-MEMORY-EFFECTIVE": { fail: two({ memory: 256 }, { memory: 256 }, { memory: "300" }), pass: two({ memory: 256 }, { memory: 256 }, { memory: "512" }) },
  "TD-PLACEMENT-CONSTRAINT": {
    fail: ec({ placementConstraints: [{ type: "distinctInstance" }] }),
    pass: ec({ placementConstraints: [{ type: "memberOf", expression: "attribute:ecs.instance-type =~ t3.*" }] }),
  },
  "TD-EPHEMERAL-RANGE": { fail: fg({ ephemeralStorage: { sizeInGiB: 10 } }), pass: fg({ ephemeralStorage: { sizeInGiB: 21 } }) },
  "TD-EPHEMERAL-EC2": { fail: ec({ ephemeralStorage: { sizeInGiB: 30 } }), pass: fg({ ephemeralStorage: { sizeInGiB: 30 } }) },
  "TD-INFERENCE-RETIRED": { fail: ec({ inferenceAccelerators: [{ deviceName: "d", deviceType: "eia2.medium" }] }), pass: ec() },
  "TD-ROLE-ARN-FORMAT": { fail: ec({ executionRoleArn: "arn:aws:iam::123:role/x" }), pass: ec({ executionRoleArn: "arn:aws:iam::123456789012:role/x", taskRoleArn: "app-role" }) },
  "TD-RUNTIME-ARM-WINDOWS": {
    fail: ec({ runtimePlatform: { operatingSystemFamily: "WINDOWS_SERVER_2022_CORE", cpuArchitecture: "ARM64" } }),
    pass: ec({ runtimePlatform: { operatingSystemFamily: "LINUX", cpuArchitecture: "ARM64" } }),
  },
  "TD-SIZE": { fail: ec({}, { command: ["echo", "x".repeat(70_000)] }), pass: ec({}, { command: ["echo", "x".repeat(1000)] }) },
  "TD-REQCOMPAT-UNIQUE": { fail: fg({ requiresCompatibilities: ["FARGATE", "FARGATE"] }), pass: fg({ requiresCompatibilities: ["FARGATE", "EC2"] }) },
  "CD-NAME-REQUIRED": { fail: ec({}, { name: "" }), pass: ec() },
  "CD-NAME-FORMAT": { fail: ec({}, { name: "web app" }), pass: ec({}, { name: "web_app-1" }) },
  "CD-IMAGE-REQUIRED": { fail: ec({}, { image: "" }), pass: ec() },
  "CD-IMAGE-FORMAT": { fail: ec({}, { image: "nginx@sha256:abc" }), pass: ec({}, { image: `nginx@sha256:${"a".repeat(64)}` }) },
  "CD-IMAGE-REF-GRAMMAR": { fail: ec({}, { image: "MyOrg/App:1" }), pass: ec({}, { image: "registry.Example.com:5000/myorg/app:1" }) },
  "CD-MEMRES-LE-MEMORY": { fail: ec({}, { memory: 128, memoryReservation: 256 }), pass: ec({}, { memory: 256, memoryReservation: 256 }) },
  "CD-MEMORY-MIN": { fail: ec({}, { memory: 4 }), pass: ec({}, { memory: 6 }) },
  "CD-CPU-SHARES-RANGE": { fail: ec({}, { cpu: 1 }), pass: ec({}, { cpu: 0 }) },
  "CD-VERSION-CONSISTENCY": { fail: ec({}, { versionConsistency: "Enabled" }), pass: ec({}, { versionConsistency: "disabled" }) },
  "NET-AWSVPC-HOSTPORT": { fail: fg({}, { portMappings: [{ containerPort: 80, hostPort: 8080 }] }), pass: fg({}, { portMappings: [{ containerPort: 80, hostPort: 80 }] }) },
  "NET-HOST-HOSTPORT": { fail: ec({ networkMode: "host" }, { portMappings: [{ containerPort: 80, hostPort: 8080 }] }), pass: ec({ networkMode: "host" }, { portMappings: [{ containerPort: 80 }] }) },
  "NET-NONE-PORTS": { fail: ec({ networkMode: "none" }, { portMappings: [{ containerPort: 80 }] }), pass: ec({ networkMode: "none" }) },
  "NET-AWSVPC-PORT-UNIQUE": {
    fail: fg({ containerDefinitions: [{ name: "a", image: IMAGE, portMappings: [{ containerPort: 80 }] }, { name: "b", image: IMAGE, portMappings: [{ containerPort: 80 }] }] }),
    pass: fg({ containerDefinitions: [{ name: "a", image: IMAGE, portMappings: [{ containerPort: 80 }] }, { name: "b", image: IMAGE, portMappings: [{ containerPort: 81 }] }] }),
  },
  "NET-PORT-MULTI-PROTOCOL": {
    fail: ec({}, { portMappings: [{ containerPort: 53, protocol: "tcp" }, { containerPort: 53, protocol: "udp" }] }),
    pass: ec({}, { portMappings: [{ containerPort: 53, protocol: "udp" }, { containerPort: 54, protocol: "tcp" }] }),
  },
  "NET-PORT-RANGE": { fail: ec({}, { portMappings: [{ containerPort: 70000 }] }), pass: ec({}, { portMappings: [{ containerPort: 8080, hostPort: 0 }] }) },
  "NET-PORTRANGE-FORMAT": { fail: ec({}, { portMappings: [{ containerPortRange: "9000-8000" }] }), pass: ec({}, { portMappings: [{ containerPortRange: "8000-9000" }] }) },
  "NET-PORTRANGE-EXCLUSIVE": { fail: ec({}, { portMappings: [{ containerPortRange: "8000-9000", hostPort: 8000 }] }), pass: ec({}, { portMappings: [{ containerPortRange: "8000-9000" }] }) },
  "NET-PORTRANGE-MODE": { fail: ec({ networkMode: "host" }, { portMappings: [{ containerPortRange: "8000-9000" }] }), pass: ec({ networkMode: "bridge" }, { portMappings: [{ containerPortRange: "8000-9000" }] }) },
  "NET-PORTNAME-FORMAT": { fail: fg({}, { portMappings: [{ containerPort: 80, name: "Web" }] }), pass: fg({}, { portMappings: [{ containerPort: 80, name: "web" }] }) },
  "NET-PORTNAME-UNIQUE": {
    fail: fg({}, { portMappings: [{ containerPort: 80, name: "web" }, { containerPort: 81, name: "web" }] }),
    pass: fg({}, { portMappings: [{ containerPort: 80, name: "web" }, { containerPort: 81, name: "admin" }] }),
  },
  "NET-APPPROTOCOL-NONAME": { fail: fg({}, { portMappings: [{ containerPort: 80, appProtocol: "http" }] }), pass: fg({}, { portMappings: [{ containerPort: 80, name: "web", appProtocol: "http" }] }) },
  "NET-HOSTNAME-AWSVPC": { fail: fg({}, { hostname: "web" }), pass: ec({}, { hostname: "web" }) },
  "NET-EXTRAHOSTS-AWSVPC": { fail: fg({}, { extraHosts: [{ hostname: "db", ipAddress: "10.0.0.1" }] }), pass: ec({}, { extraHosts: [{ hostname: "db", ipAddress: "10.0.0.1" }] }) },
  "NET-DNS-AWSVPC": { fail: fg({}, { dnsServers: ["10.0.0.2"] }), pass: ec({}, { dnsServers: ["10.0.0.2"] }) },
  "NET-DISABLENET-AWSVPC": { fail: fg({}, { disableNetworking: true }), pass: ec({}, { disableNetworking: true }) },
  "NET-LINKS-MODE": { fail: two({ links: ["side"] }, {}, { networkMode: "awsvpc" }), pass: two({ links: ["side"] }, {}) },
  "NET-LINKS-TARGET": { fail: two({ links: ["db"] }, {}), pass: two({ links: ["side:db"] }, {}) },
  "NET-STATIC-HOSTPORT": { fail: ec({}, { portMappings: [{ containerPort: 80, hostPort: 22 }] }), pass: ec({}, { portMappings: [{ containerPort: 80, hostPort: 8080 }] }) },
  "LOG-DRIVER-ENUM": { fail: ec({}, { logConfiguration: { logDriver: "aws-logs" } }), pass: ec({}, { logConfiguration: { logDriver: "json-file" } }) },
  "LOG-FARGATE-DRIVER": { fail: fg({}, { logConfiguration: { logDriver: "json-file" } }), pass: fg({}, { logConfiguration: awslogs() }) },
  "LOG-AWSLOGS-REQUIRED": { fail: fg({}, { logConfiguration: { logDriver: "awslogs", options: { "awslogs-stream-prefix": "web" } } }), pass: fg({}, { logConfiguration: awslogs() }) },
  "LOG-AWSLOGS-PREFIX-FARGATE": {
    fail: fg({}, { logConfiguration: { logDriver: "awslogs", options: { "awslogs-group": "/ecs/web", "awslogs-region": "eu-west-1" } } }),
    pass: ec({}, { logConfiguration: { logDriver: "awslogs", options: { "awslogs-group": "/ecs/web", "awslogs-region": "eu-west-1" } } }),
  },
  "LOG-AWSLOGS-CREATEGROUP": { fail: fg({}, { logConfiguration: awslogs({ "awslogs-create-group": "false" }) }), pass: fg({}, { logConfiguration: awslogs({ "awslogs-create-group": "true" }) }) },
  "LOG-AWSLOGS-GROUP-FORMAT": { fail: fg({}, { logConfiguration: awslogs({ "awslogs-group": "my group!" }) }), pass: fg({}, { logConfiguration: awslogs({ "awslogs-group": "/ecs/my_group-1" }) }) },
  "LOG-AWSLOGS-UNKNOWN-OPT": { fail: fg({}, { logConfiguration: awslogs({ "awslogs-stream-prefx": "x" }) }), pass: fg({}, { logConfiguration: awslogs({ mode: "non-blocking" }) }) },
  "LOG-AWSLOGS-DATETIME-MULTILINE": {
    fail: fg({}, { logConfiguration: awslogs({ "awslogs-datetime-format": "%Y", "awslogs-multiline-pattern": "^x" }) }),
    pass: fg({}, { logConfiguration: awslogs({ "awslogs-datetime-format": "%Y" }) }),
  },
  "LOG-MODE": { fail: fg({}, { logConfiguration: awslogs({ mode: "async" }) }), pass: fg({}, { logConfiguration: awslogs({ mode: "non-blocking", "max-buffer-size": "25m" }) }) },
  "LOG-AWSLOGS-GROUP-MISSING": { fail: fg({}, { logConfiguration: awslogs() }), pass: fg({}, { logConfiguration: awslogs({ "awslogs-create-group": "true" }) }) },
  "LOG-FIRELENS-ROUTER": {
    fail: fg({}, { logConfiguration: { logDriver: "awsfirelens" } }),
    pass: fg({ containerDefinitions: [{ name: "web", image: IMAGE, logConfiguration: { logDriver: "awsfirelens" } }, { name: "router", image: IMAGE, firelensConfiguration: { type: "fluentbit" } }] }),
  },
  "LOG-FIRELENS-FARGATE-S3": {
    fail: fg({}, { firelensConfiguration: { type: "fluentd", options: { "config-file-type": "s3", "config-file-value": "arn:aws:s3:::b/x.conf" } } }),
    pass: fg({}, { firelensConfiguration: { type: "fluentd", options: { "config-file-type": "file", "config-file-value": "/x.conf" } } }),
  },
  "LOG-SPLUNK-OPTS": {
    fail: ec({}, { logConfiguration: { logDriver: "splunk", options: { "splunk-url": "https://s" } } }),
    pass: ec({ executionRoleArn: "arn:aws:iam::123456789012:role/x" }, { logConfiguration: { logDriver: "splunk", options: { "splunk-url": "https://s" }, secretOptions: [{ name: "splunk-token", valueFrom: SECRET }] } }),
  },
  "LOG-MISSING": { fail: ec(), pass: ec({}, { logConfiguration: { logDriver: "json-file" } }) },
  "SEC-SECRETS-EXECROLE": { fail: ec({}, { secrets: [{ name: "DB", valueFrom: SECRET }] }), pass: ec({ executionRoleArn: "arn:aws:iam::123456789012:role/x" }, { secrets: [{ name: "DB", valueFrom: SECRET }] }) },
  "SEC-REPOCREDS-EXECROLE": {
    fail: ec({}, { repositoryCredentials: { credentialsParameter: SECRET } }),
    pass: ec({ executionRoleArn: "arn:aws:iam::123456789012:role/x" }, { repositoryCredentials: { credentialsParameter: SECRET } }),
  },
  "SEC-ECR-EXECROLE-FARGATE": {
    fail: fg({ executionRoleArn: undefined }, { image: "123456789012.dkr.ecr.eu-west-1.amazonaws.com/app:1" }),
    pass: fg({}, { image: "123456789012.dkr.ecr.eu-west-1.amazonaws.com/app:1" }),
  },
  "SEC-AWSLOGS-EXECROLE-FARGATE": { fail: fg({ executionRoleArn: undefined }, { logConfiguration: awslogs() }), pass: fg({}, { logConfiguration: awslogs() }) },
  "SEC-EXECROLE-EC2-HINT": { fail: ec({}, { logConfiguration: awslogs() }), pass: ec({ executionRoleArn: "arn:aws:iam::123456789012:role/x" }, { logConfiguration: awslogs() }) },
  "SEC-VALUEFROM-FORMAT": {
    fail: fg({}, { secrets: [{ name: "DB", valueFrom: "arn:aws:secretsmanager:eu-west-1:123:secret" }] }),
    pass: fg({}, { secrets: [{ name: "DB", valueFrom: SECRET }, { name: "P", valueFrom: "/prod/db/password" }] }),
  },
  "SEC-VALUEFROM-CROSS-ACCOUNT": {
    fail: fg({}, { secrets: [{ name: "DB", valueFrom: "arn:aws:ssm:eu-west-1:999999999999:parameter/db" }] }),
    pass: fg({}, { secrets: [{ name: "DB", valueFrom: "arn:aws:ssm:eu-west-1:123456789012:parameter/db" }] }),
    accountId: "123456789012",
  },
  "SEC-SECRET-NAME-DUP": {
    fail: fg({}, { environment: [{ name: "DB", value: "x" }], secrets: [{ name: "DB", valueFrom: SECRET }] }),
    pass: fg({}, { environment: [{ name: "MODE", value: "x" }], secrets: [{ name: "DB", valueFrom: SECRET }] }),
  },
  "SEC-ENV-DUP": { fail: ec({}, { environment: [{ name: "A", value: "1" }, { name: "A", value: "2" }] }), pass: ec({}, { environment: [{ name: "A", value: "1" }, { name: "B", value: "2" }] }) },
  "SEC-ENVFILES-MAX": {
    fail: fg({}, { environmentFiles: Array.from({ length: 11 }, (_, i) => ({ value: `arn:aws:s3:::b/${i}.env`, type: "s3" })) }),
    pass: fg({}, { environmentFiles: Array.from({ length: 10 }, (_, i) => ({ value: `arn:aws:s3:::b/${i}.env`, type: "s3" })) }),
  },
  "SEC-ENVFILES-VALUE": { fail: fg({}, { environmentFiles: [{ value: "s3://b/app.env", type: "s3" }] }), pass: fg({}, { environmentFiles: [{ value: "arn:aws:s3:::bucket/app.env", type: "s3" }] }) },
  "SEC-ENV-PLAINTEXT-SECRET": { fail: ec({}, { environment: [{ name: "DB_PASSWORD", value: "hunter2" }] }), pass: ec({}, { environment: [{ name: "DB_PASSWORD_ARN", value: SECRET }] }) },
  "SEC-ROLES-DISTINCT": {
    fail: fg({ taskRoleArn: "arn:aws:iam::123456789012:role/ecsTaskExecutionRole" }),
    pass: fg({ taskRoleArn: "arn:aws:iam::123456789012:role/app" }),
  },
  "SEC-S3FILES-TASKROLE": {
    fail: fg({ volumes: [{ name: "s3", s3filesVolumeConfiguration: { fileSystemArn: "arn:aws:s3files:eu-west-1:123456789012:file-system/fs-1" } }] }, { mountPoints: [{ sourceVolume: "s3", containerPath: "/s3" }] }),
    pass: fg({ taskRoleArn: "arn:aws:iam::123456789012:role/app", volumes: [{ name: "s3", s3filesVolumeConfiguration: { fileSystemArn: "arn:aws:s3files:eu-west-1:123456789012:file-system/fs-1" } }] }, { mountPoints: [{ sourceVolume: "s3", containerPath: "/s3" }] }),
  },
  "SEC-EFS-IAM-TASKROLE": {
    fail: fg(efs({ transitEncryption: "ENABLED", authorizationConfig: { iam: "ENABLED" } }), mount),
    pass: fg({ taskRoleArn: "arn:aws:iam::123456789012:role/app", ...efs({ transitEncryption: "ENABLED", authorizationConfig: { iam: "ENABLED" } }) }, mount),
  },
  "HC-INTERVAL-RANGE": { fail: ec({}, { healthCheck: { command: ["CMD", "true"], interval: 400 } }), pass: ec({}, { healthCheck: { command: ["CMD", "true"], interval: 300 } }) },
  "HC-TIMEOUT-RANGE": { fail: ec({}, { healthCheck: { command: ["CMD", "true"], timeout: 1 } }), pass: ec({}, { healthCheck: { command: ["CMD", "true"], timeout: 2 } }) },
  "HC-RETRIES-RANGE": { fail: ec({}, { healthCheck: { command: ["CMD", "true"], retries: 11 } }), pass: ec({}, { healthCheck: { command: ["CMD", "true"], retries: 10 } }) },
  "HC-STARTPERIOD-RANGE": { fail: ec({}, { healthCheck: { command: ["CMD", "true"], startPeriod: 301 } }), pass: ec({}, { healthCheck: { command: ["CMD", "true"], startPeriod: 0 } }) },
  "HC-COMMAND-PREFIX": { fail: ec({}, { healthCheck: { command: ["curl -f http://localhost/"] } }), pass: ec({}, hc) },
  "HC-CMDSHELL-ONE-STRING": { fail: ec({}, { healthCheck: { command: ["CMD-SHELL", "curl", "-f", "http://localhost/"] } }), pass: ec({}, hc) },
  "HC-TIMEOUT-LT-INTERVAL": { fail: ec({}, { healthCheck: { command: ["CMD", "true"], interval: 10, timeout: 10 } }), pass: ec({}, { healthCheck: { command: ["CMD", "true"], interval: 10, timeout: 5 } }) },
  "HC-MISSING": { fail: ec(), pass: ec({}, hc) },
  "DEP-UNKNOWN-CONTAINER": { fail: two({ dependsOn: [{ containerName: "db", condition: "START" }] }, {}), pass: two({ dependsOn: [{ containerName: "side", condition: "START" }] }, {}) },
  "DEP-COMPLETE-ON-ESSENTIAL": {
    fail: two({ dependsOn: [{ containerName: "side", condition: "SUCCESS" }] }, {}),
    pass: two({ dependsOn: [{ containerName: "side", condition: "SUCCESS" }] }, { essential: false }),
  },
  "DEP-HEALTHY-NEEDS-HC": { fail: two({ dependsOn: [{ containerName: "side", condition: "HEALTHY" }] }, {}), pass: two({ dependsOn: [{ containerName: "side", condition: "HEALTHY" }] }, hc) },
  "DEP-CYCLE": {
    fail: two({ dependsOn: [{ containerName: "side", condition: "START" }] }, { dependsOn: [{ containerName: "app", condition: "START" }] }),
    pass: two({ dependsOn: [{ containerName: "side", condition: "START" }] }, {}),
  },
  "DEP-DUP": {
    fail: two({ dependsOn: [{ containerName: "side", condition: "START" }, { containerName: "side", condition: "START" }] }, {}),
    pass: two({ dependsOn: [{ containerName: "side", condition: "START" }] }, {}),
  },
  "DEP-STARTTIMEOUT": { fail: fg({}, { startTimeout: 200 }), pass: fg({}, { startTimeout: 120 }) },
  "DEP-LINK-ORDER": { fail: two({ links: ["side"] }, { dependsOn: [{ containerName: "app", condition: "START" }] }), pass: two({ links: ["side"], dependsOn: [{ containerName: "side", condition: "START" }] }, {}) },
  "LP-CAP-VALUES": { fail: ec({}, { linuxParameters: { capabilities: { add: ["CAP_NET_ADMIN"] } } }), pass: ec({}, { linuxParameters: { capabilities: { add: ["NET_ADMIN"] } } }) },
  "LP-CAP-ADD-FARGATE": { fail: fg({}, { linuxParameters: { capabilities: { add: ["NET_ADMIN"] } } }), pass: fg({}, { linuxParameters: { capabilities: { add: ["SYS_PTRACE"] } } }) },
  "LP-CAP-PRIVILEGED-NOOP": { fail: ec({}, { privileged: true, linuxParameters: { capabilities: { drop: ["ALL"] } } }), pass: ec({}, { linuxParameters: { capabilities: { drop: ["ALL"] } } }) },
  "LP-SWAPPINESS-RANGE": { fail: ec({}, { linuxParameters: { maxSwap: 512, swappiness: 101 } }), pass: ec({}, { linuxParameters: { maxSwap: 512, swappiness: 60 } }) },
  "LP-MAXSWAP-MIN": { fail: ec({}, { linuxParameters: { maxSwap: -1 } }), pass: ec({}, { linuxParameters: { maxSwap: 0 } }) },
  "LP-TMPFS-OPTIONS": {
    fail: ec({}, { linuxParameters: { tmpfs: [{ containerPath: "/tmp", size: 64, mountOptions: ["nosuid", "fast"] }] } }),
    pass: ec({}, { linuxParameters: { tmpfs: [{ containerPath: "/tmp", size: 64, mountOptions: ["nosuid", "mode=1777"] }] } }),
  },
  "LP-DEVICE-PERMS": {
    fail: ec({}, { linuxParameters: { devices: [{ hostPath: "/dev/fuse", permissions: ["read", "read"] }] } }),
    pass: ec({}, { linuxParameters: { devices: [{ hostPath: "/dev/fuse", permissions: ["read", "write"] }] } }),
  },
  "UL-SOFT-LE-HARD": { fail: ec({}, { ulimits: [{ name: "nofile", softLimit: 4096, hardLimit: 1024 }] }), pass: ec({}, { ulimits: [{ name: "nofile", softLimit: 1024, hardLimit: 4096 }] }) },
  "UL-DUP-NAME": {
    fail: ec({}, { ulimits: [{ name: "nofile", softLimit: 1, hardLimit: 1 }, { name: "nofile", softLimit: 2, hardLimit: 2 }] }),
    pass: ec({}, { ulimits: [{ name: "nofile", softLimit: 1, hardLimit: 1 }, { name: "nproc", softLimit: 2, hardLimit: 2 }] }),
  },
  "SYSCTL-NAMESPACE": { fail: ec({}, { systemControls: [{ namespace: "vm.swappiness", value: "10" }] }), pass: ec({}, { systemControls: [{ namespace: "net.core.somaxconn", value: "1024" }] }) },
  "RESTART-PERIOD-RANGE": { fail: ec({}, { restartPolicy: { enabled: true, restartAttemptPeriod: 30 } }), pass: ec({}, { restartPolicy: { enabled: true, restartAttemptPeriod: 60 } }) },
  "RESTART-EXITCODES-MAX": {
    fail: ec({}, { restartPolicy: { enabled: true, ignoredExitCodes: Array.from({ length: 51 }, (_, i) => i) } }),
    pass: ec({}, { restartPolicy: { enabled: true, ignoredExitCodes: [0] } }),
  },
  "CD-USER-FORMAT": { fail: ec({}, { user: "app user" }), pass: ec({}, { user: "1000:1000" }) },
  "CD-DOCKERSECOPT-FORMAT": { fail: ec({}, { dockerSecurityOptions: ["nonewprivileges"] }), pass: ec({}, { dockerSecurityOptions: ["no-new-privileges"] }) },
  "CD-CREDENTIALSPECS": { fail: ec({}, { credentialSpecs: ["s3://b/spec.json"] }), pass: ec({}, { credentialSpecs: ["credentialspec:arn:aws:s3:::b/spec.json"] }) },
  "CD-GPU-VALUE": { fail: ec({}, { resourceRequirements: [{ type: "GPU", value: "0.5" }] }), pass: ec({}, { resourceRequirements: [{ type: "GPU", value: "1" }] }) },
  "CD-INTERACTIVE-TTY": { fail: ec({}, { interactive: true }), pass: ec({}, { interactive: false }) },
  "VOL-NAME-FORMAT": { fail: ec({ volumes: [{ name: "my data" }] }, { mountPoints: [{ sourceVolume: "my data", containerPath: "/d" }] }), pass: ec({ volumes: [{ name: "data" }] }, mount) },
  "VOL-NAME-UNIQUE": { fail: ec({ volumes: [{ name: "data" }, { name: "data" }] }, mount), pass: ec({ volumes: [{ name: "data" }] }, mount) },
  "VOL-ONE-TYPE": { fail: ec({ volumes: [{ name: "data", host: { sourcePath: "/srv" }, dockerVolumeConfiguration: { scope: "task" } }] }, mount), pass: ec({ volumes: [{ name: "data", host: { sourcePath: "/srv" } }] }, mount) },
  "VOL-CONFIGURED-AT-LAUNCH-MAX1": {
    fail: fg({ volumes: [{ name: "data", configuredAtLaunch: true }, { name: "more", configuredAtLaunch: true }] }, { mountPoints: [{ sourceVolume: "data", containerPath: "/d" }, { sourceVolume: "more", containerPath: "/m" }] }),
    pass: fg({ volumes: [{ name: "data", configuredAtLaunch: true }] }, mount),
  },
  "VOL-UNREFERENCED": { fail: ec({ volumes: [{ name: "data" }] }), pass: ec({ volumes: [{ name: "data" }] }, mount) },
  "MP-UNKNOWN-VOLUME": { fail: ec({}, mount), pass: ec({ volumes: [{ name: "data" }] }, mount) },
  "MP-CONTAINERPATH": { fail: ec({ volumes: [{ name: "data" }] }, { mountPoints: [{ sourceVolume: "data", containerPath: "data" }] }), pass: ec({ volumes: [{ name: "data" }] }, mount) },
  "VF-UNKNOWN-CONTAINER": { fail: two({ volumesFrom: [{ sourceContainer: "db" }] }, {}), pass: two({ volumesFrom: [{ sourceContainer: "side" }] }, {}) },
  "VOL-DOCKER-AUTOPROVISION": {
    fail: ec({ volumes: [{ name: "data", dockerVolumeConfiguration: { scope: "task", autoprovision: true } }] }, mount),
    pass: ec({ volumes: [{ name: "data", dockerVolumeConfiguration: { scope: "shared", autoprovision: true } }] }, mount),
  },
  "VOL-EFS-IAM-TLS": { fail: fg(efs({ authorizationConfig: { iam: "ENABLED" } }), mount), pass: fg(efs({ transitEncryption: "ENABLED", authorizationConfig: { iam: "ENABLED" } }), mount) },
  "VOL-EFS-AP-TLS": { fail: fg(efs({ authorizationConfig: { accessPointId: "fsap-1234" } }), mount), pass: fg(efs({ transitEncryption: "ENABLED", authorizationConfig: { accessPointId: "fsap-1234" } }), mount) },
  "VOL-EFS-AP-ROOTDIR": {
    fail: fg(efs({ rootDirectory: "/app", transitEncryption: "ENABLED", authorizationConfig: { accessPointId: "fsap-1234" } }), mount),
    pass: fg(efs({ rootDirectory: "/", transitEncryption: "ENABLED", authorizationConfig: { accessPointId: "fsap-1234" } }), mount),
  },
  "VOL-EFS-PORT-TLS": { fail: fg(efs({ transitEncryptionPort: 2049 }), mount), pass: fg(efs({ transitEncryption: "ENABLED", transitEncryptionPort: 2049 }), mount) },
  "VOL-EFS-FSID-FORMAT": { fail: fg(efs({ fileSystemId: "my-efs" }), mount), pass: fg(efs({ fileSystemId: "fs-0123456789abcdef0" }), mount) },
  "VOL-FSX-WINDOWS-ONLY": {
    fail: ec({ runtimePlatform: { operatingSystemFamily: "LINUX" }, volumes: [{ name: "data", fsxWindowsFileServerVolumeConfiguration: { fileSystemId: "fs-1", rootDirectory: "share", authorizationConfig: { credentialsParameter: SECRET, domain: "corp" } } }] }, mount),
    pass: ec({ ...win, volumes: [{ name: "data", fsxWindowsFileServerVolumeConfiguration: { fileSystemId: "fs-1", rootDirectory: "share", authorizationConfig: { credentialsParameter: SECRET, domain: "corp" } } }] }, { mountPoints: [{ sourceVolume: "data", containerPath: "C:\\data" }] }),
  },
  "VOL-READONLY-ROOT-NEEDS-SCRATCH": { fail: ec({}, { readonlyRootFilesystem: true }), pass: ec({ volumes: [{ name: "data" }] }, { readonlyRootFilesystem: true, ...mount }) },
  "FG-NETWORKMODE": { fail: fg({ networkMode: "bridge" }), pass: fg() },
  "FG-CPU-MEM-REQUIRED": { fail: fg({ cpu: undefined }), pass: fg() },
  "FG-CPU-MEM-COMBO": { fail: fg({ memory: "4096" }), pass: fg({ memory: "2048" }) },
  "FG-PLACEMENT-CONSTRAINTS": { fail: fg({ placementConstraints: [{ type: "memberOf", expression: "attribute:x == y" }] }), pass: fg({ placementConstraints: [] }) },
  "FG-PRIVILEGED": { fail: fg({}, { privileged: true }), pass: fg({}, { privileged: false }) },
  "FG-PIDMODE": { fail: fg({ pidMode: "host" }), pass: fg({ pidMode: "task" }) },
  "FG-IPCMODE": { fail: fg({ ipcMode: "task" }), pass: fg() },
  "FG-DOCKER-VOLUME": { fail: fg({ volumes: [{ name: "data", dockerVolumeConfiguration: { scope: "task" } }] }, mount), pass: fg({ volumes: [{ name: "data" }] }, mount) },
  "FG-HOST-SOURCEPATH": { fail: fg({ volumes: [{ name: "data", host: { sourcePath: "/srv" } }] }, mount), pass: fg({ volumes: [{ name: "data", host: {} }] }, mount) },
  "FG-DEVICES": { fail: fg({}, { linuxParameters: { devices: [{ hostPath: "/dev/fuse" }] } }), pass: fg({}, { linuxParameters: { initProcessEnabled: true } }) },
  "FG-SHM": { fail: fg({}, { linuxParameters: { sharedMemorySize: 64 } }), pass: fg({}, { linuxParameters: { initProcessEnabled: true } }) },
  "FG-MAXSWAP": { fail: fg({}, { linuxParameters: { swappiness: 10 } }), pass: fg({}, { linuxParameters: { initProcessEnabled: true } }) },
  "FG-TMPFS": { fail: fg({}, { linuxParameters: { tmpfs: [{ containerPath: "/tmp", size: 64 }] } }), pass: ec({}, { linuxParameters: { tmpfs: [{ containerPath: "/tmp", size: 64 }] } }) },
  "FG-DOCKERSECOPTS": { fail: fg({}, { dockerSecurityOptions: ["no-new-privileges"] }), pass: fg() },
  "FG-GPU": { fail: fg({}, { resourceRequirements: [{ type: "GPU", value: "1" }] }), pass: ec({}, { resourceRequirements: [{ type: "GPU", value: "1" }] }) },
  "FG-STOPTIMEOUT": { fail: fg({}, { stopTimeout: 300 }), pass: fg({}, { stopTimeout: 120 }) },
  "FG-WINDOWS-SIZE": { fail: fg({ ...win, cpu: "512", memory: "1024" }), pass: fg({ ...win, cpu: "1024", memory: "2048" }) },
  "WIN-UNSUPPORTED": { fail: ec(win, { privileged: true }), pass: ec(win) },
  "WIN-NETWORKMODE-EC2": { fail: ec({ ...win, networkMode: "bridge" }), pass: ec({ ...win, networkMode: "awsvpc" }) },
  "WIN-TASK-SIZE-IGNORED": { fail: ec({ ...win, cpu: "1024" }), pass: ec(win) },
  "BP-PRIVILEGED": { fail: ec({}, { privileged: true }), pass: ec() },
  "BP-READONLY-ROOT": { fail: ec({}, { readonlyRootFilesystem: false }), pass: ec({}, { readonlyRootFilesystem: true }) },
  "BP-HOST-PID": { fail: ec({ pidMode: "host" }), pass: ec({ pidMode: "task" }) },
  "BP-HOST-IPC": { fail: ec({ ipcMode: "host" }), pass: ec({ ipcMode: "task" }) },
  "BP-HOST-NETWORK": { fail: ec({ networkMode: "host" }), pass: ec({ networkMode: "awsvpc" }) },
  "BP-NOT-AWSVPC": { fail: ec({ networkMode: "bridge" }), pass: ec({ networkMode: "awsvpc" }) },
  "BP-HOST-NETWORK-ROOT": { fail: ec({ networkMode: "host" }), pass: ec({ networkMode: "host" }, { user: "1000" }) },
  "BP-NONROOT-LINUX": { fail: ec({}, { user: "root" }), pass: ec({}, { user: "1000" }) },
  "BP-NONADMIN-WINDOWS": { fail: ec(win, { user: "ContainerAdministrator" }), pass: ec(win, { user: "ContainerUser" }) },
  "BP-EFS-TLS": { fail: fg(efs({}), mount), pass: fg(efs({ transitEncryption: "ENABLED" }), mount) },
  "BP-MEMORY-HARD-LIMIT": { fail: ec({}, { memory: undefined, memoryReservation: 256 }), pass: ec() },
  "BP-TAGS": { fail: ec(), pass: ec({ tags: [{ key: "team", value: "a" }] }) },
  "BP-IMAGE-PINNING": { fail: ec({}, { image: "nginx:latest" }), pass: ec({}, { image: "nginx:1.27" }) },
  "BP-CAPS-ADD-DANGEROUS": { fail: ec({}, { linuxParameters: { capabilities: { add: ["SYS_ADMIN"] } } }), pass: ec({}, { linuxParameters: { capabilities: { add: ["NET_BIND_SERVICE"], drop: ["ALL"] } } }) },
  "BP-NO-NEW-PRIVS": { fail: ec(), pass: ec({}, { dockerSecurityOptions: ["no-new-privileges"] }) },
  "BP-SECRETS-IN-COMMAND": { fail: ec({}, { command: ["app", "--password=hunter2x"] }), pass: ec({}, { command: ["app", "--port=8080"] }) },
  "BP-APPMESH-EOL": {
    fail: fg({ proxyConfiguration: { type: "APPMESH", containerName: "web", properties: [{ name: "IgnoredUID", value: "1337" }] } }),
    pass: fg(),
  },
  "BL-COMMAND-ONE-STRING": { fail: ec({}, { command: ["npm run start"] }), pass: ec({}, { command: ["npm", "run", "start"] }) },
  "BL-WORKDIR-RELATIVE": { fail: ec({}, { workingDirectory: "app" }), pass: ec({}, { workingDirectory: "/app" }) },
  "BL-ENV-NAME": { fail: ec({}, { environment: [{ name: "my-var", value: "1" }] }), pass: ec({}, { environment: [{ name: "MY_VAR", value: "1" }] }) },
  "BL-LABEL-RESERVED": { fail: ec({}, { dockerLabels: { "com.amazonaws.ecs.cluster": "x" } }), pass: ec({}, { dockerLabels: { "com.example.team": "x" } }) },
  "BL-REGION-MISMATCH": {
    fail: fg({}, { image: "123456789012.dkr.ecr.us-east-1.amazonaws.com/app:1", logConfiguration: awslogs() }),
    pass: fg({}, { image: "123456789012.dkr.ecr.eu-west-1.amazonaws.com/app:1", logConfiguration: awslogs() }),
  },
  "SVC-NAME-FORMAT": svcCase(sv({ serviceName: "web service" }), sv()),
  "SVC-TD-REQUIRED": svcCase(sv({ taskDefinition: undefined }), sv()),
  "SVC-EXTERNAL-NO-TD": svcCase(sv({ deploymentController: { type: "EXTERNAL" }, launchType: undefined }), sv({ deploymentController: { type: "EXTERNAL" }, launchType: undefined, taskDefinition: undefined, networkConfiguration: undefined })),
  "SVC-LAUNCHTYPE-XOR-CPS": svcCase(sv({ capacityProviderStrategy: [{ capacityProvider: "FARGATE", weight: 1 }] }), sv({ launchType: undefined, capacityProviderStrategy: [{ capacityProvider: "FARGATE", weight: 1 }] })),
  "SVC-MANAGED-INSTANCES": svcCase(sv({ launchType: "MANAGED_INSTANCES" }), sv()),
  "SVC-DESIREDCOUNT-REPLICA": svcCase(sv({ desiredCount: undefined }), sv()),
  "SVC-DAEMON-DESIREDCOUNT": svcCase(ec2Svc({ schedulingStrategy: "DAEMON" }), ec2Svc({ schedulingStrategy: "DAEMON", desiredCount: undefined }), [BRIDGE_TD]),
  "SVC-DAEMON-PLACEMENT-STRATEGY": svcCase(
    ec2Svc({ schedulingStrategy: "DAEMON", desiredCount: undefined, placementStrategy: [{ type: "spread", field: "host" }] }),
    ec2Svc({ schedulingStrategy: "DAEMON", desiredCount: undefined }),
    [BRIDGE_TD],
  ),
  "SVC-DAEMON-CPS": svcCase(
    ec2Svc({ schedulingStrategy: "DAEMON", desiredCount: undefined, launchType: undefined, capacityProviderStrategy: [{ capacityProvider: "my-asg", weight: 1 }] }),
    ec2Svc({ schedulingStrategy: "DAEMON", desiredCount: undefined }),
    [BRIDGE_TD],
  ),
  "SVC-DAEMON-FARGATE": svcCase(sv({ schedulingStrategy: "DAEMON", desiredCount: undefined }), sv({ schedulingStrategy: "REPLICA" })),
  "SVC-DAEMON-MAXPERCENT": svcCase(
    ec2Svc({ schedulingStrategy: "DAEMON", desiredCount: undefined, deploymentConfiguration: { maximumPercent: 200, deploymentCircuitBreaker: { enable: true, rollback: true } } }),
    ec2Svc({ schedulingStrategy: "DAEMON", desiredCount: undefined, deploymentConfiguration: { maximumPercent: 100, deploymentCircuitBreaker: { enable: true, rollback: true } } }),
    [BRIDGE_TD],
  ),
  "SVC-DAEMON-AZ-REBALANCING": svcCase(
    ec2Svc({ schedulingStrategy: "DAEMON", desiredCount: undefined, availabilityZoneRebalancing: "ENABLED" }),
    ec2Svc({ schedulingStrategy: "DAEMON", desiredCount: undefined, availabilityZoneRebalancing: "DISABLED" }),
    [BRIDGE_TD],
  ),
  "SVC-PERCENT-BOUNDS": svcCase(sv({ deploymentConfiguration: { minimumHealthyPercent: 100, maximumPercent: 100 } }), sv({ deploymentConfiguration: { minimumHealthyPercent: 100, maximumPercent: 200 } })),
  "SVC-PERCENT-CAPACITY": svcCase(sv({ desiredCount: 1, deploymentConfiguration: { minimumHealthyPercent: 100, maximumPercent: 150 } }), sv({ desiredCount: 1, deploymentConfiguration: { minimumHealthyPercent: 100, maximumPercent: 200 } })),
  "SVC-PERCENT-CODEDEPLOY-EC2": svcCase(
    ec2Svc({ deploymentController: { type: "CODE_DEPLOY" }, loadBalancers: [{ targetGroupArn: "arn:aws:elasticloadbalancing:tg", containerName: "web", containerPort: 80 }], deploymentConfiguration: { minimumHealthyPercent: 50 } }),
    ec2Svc({ deploymentController: { type: "CODE_DEPLOY" }, loadBalancers: [{ targetGroupArn: "arn:aws:elasticloadbalancing:tg", containerName: "web", containerPort: 80 }], deploymentConfiguration: undefined }),
    [BRIDGE_TD],
  ),
  "SVC-CIRCUIT-BREAKER-CONTROLLER": svcCase(
    sv({ deploymentController: { type: "CODE_DEPLOY" }, loadBalancers: [{ targetGroupArn: "arn:aws:elasticloadbalancing:tg", containerName: "web", containerPort: 80 }] }),
    sv({ deploymentController: { type: "CODE_DEPLOY" }, loadBalancers: [{ targetGroupArn: "arn:aws:elasticloadbalancing:tg", containerName: "web", containerPort: 80 }], deploymentConfiguration: undefined }),
  ),
  "SVC-STRATEGY-CONFIG": svcCase(
    sv({ deploymentConfiguration: { strategy: "ROLLING", canaryConfiguration: { canaryPercent: 10, canaryBakeTimeInMinutes: 5 }, deploymentCircuitBreaker: { enable: true, rollback: true } } }),
    sv({ deploymentConfiguration: { strategy: "CANARY", bakeTimeInMinutes: 10, canaryConfiguration: { canaryPercent: 10, canaryBakeTimeInMinutes: 5 }, deploymentCircuitBreaker: { enable: true, rollback: true } } }),
  ),
  "SVC-LIFECYCLE-HOOKS": svcCase(
    sv({ deploymentConfiguration: { strategy: "BLUE_GREEN", bakeTimeInMinutes: 5, lifecycleHooks: [{ hookTargetArn: "arn:aws:lambda:eu-west-1:123456789012:function:f" }] } }),
    sv({ deploymentConfiguration: { strategy: "BLUE_GREEN", bakeTimeInMinutes: 5, lifecycleHooks: [{ hookTargetArn: "arn:aws:lambda:eu-west-1:123456789012:function:f", roleArn: "arn:aws:iam::123456789012:role/h", lifecycleStages: ["POST_SCALE_UP"] }] } }),
  ),
  "SVC-CODEDEPLOY-LB": svcCase(
    sv({ deploymentController: { type: "CODE_DEPLOY" }, deploymentConfiguration: undefined }),
    sv({ deploymentController: { type: "CODE_DEPLOY" }, deploymentConfiguration: undefined, loadBalancers: [{ targetGroupArn: "arn:aws:elasticloadbalancing:tg", containerName: "web", containerPort: 80 }] }),
  ),
  "SVC-PLATFORMVERSION-EC2": svcCase(ec2Svc({ platformVersion: "LATEST" }), ec2Svc(), [BRIDGE_TD]),
  "SVC-PLATFORMVERSION-VALUE": svcCase(sv({ platformVersion: "1.5.0" }), sv({ platformVersion: "LATEST" })),
  "SVC-NETCONF-SUBNETS": svcCase(sv({ networkConfiguration: { awsvpcConfiguration: { subnets: [] } } }), sv()),
  "SVC-PUBLICIP-EC2": svcCase(
    sv({ launchType: "EC2", networkConfiguration: { awsvpcConfiguration: { subnets: ["subnet-12345678"], assignPublicIp: "ENABLED" } } }),
    sv({ networkConfiguration: { awsvpcConfiguration: { subnets: ["subnet-12345678"], assignPublicIp: "ENABLED" } } }),
    [ec({ networkMode: "awsvpc", requiresCompatibilities: ["EC2", "FARGATE"], cpu: "256", memory: "512" })],
  ),
  "SVC-PLACEMENT-FARGATE": svcCase(sv({ placementConstraints: [{ type: "distinctInstance" }] }), sv()),
  "SVC-PLACEMENT-STRATEGY-FIELD": svcCase(ec2Svc({ placementStrategy: [{ type: "binpack", field: "instanceId" }] }), ec2Svc({ placementStrategy: [{ type: "binpack", field: "memory" }] }), [BRIDGE_TD]),
  "SVC-PLACEMENT-CONSTRAINT": svcCase(ec2Svc({ placementConstraints: [{ type: "distinctInstance", expression: "x" }] }), ec2Svc({ placementConstraints: [{ type: "distinctInstance" }] }), [BRIDGE_TD]),
  "SVC-CPS-RULES": svcCase(
    sv({ launchType: undefined, capacityProviderStrategy: [{ capacityProvider: "FARGATE", weight: 0 }, { capacityProvider: "FARGATE_SPOT", weight: 0 }] }),
    sv({ launchType: undefined, capacityProviderStrategy: [{ capacityProvider: "FARGATE", base: 1, weight: 1 }, { capacityProvider: "FARGATE_SPOT", weight: 3 }] }),
  ),
  "SVC-ROLE-NEEDS-LB": svcCase(ec2Svc({ role: "ecsServiceRole" }), ec2Svc({ role: "ecsServiceRole", loadBalancers: [{ loadBalancerName: "clb", containerName: "web", containerPort: 80 }] }), [ec({ family: "bridge" }, { portMappings: [{ containerPort: 80, hostPort: 80 }] })]),
  "SVC-LB-EXCLUSIVE": svcCase(sv({ loadBalancers: [{ targetGroupArn: "arn:tg", loadBalancerName: "clb", containerName: "web", containerPort: 80 }] }), sv({ loadBalancers: [{ targetGroupArn: "arn:tg", containerName: "web", containerPort: 80 }] })),
  "SVC-LB-FIELDS": svcCase(sv({ loadBalancers: [{ targetGroupArn: "arn:tg", containerPort: 80 }] }), sv({ loadBalancers: [{ targetGroupArn: "arn:tg", containerName: "web", containerPort: 80 }] })),
  "SVC-REGISTRIES-MAX": svcCase(sv({ serviceRegistries: [{ registryArn: "arn:a" }, { registryArn: "arn:b" }] }), sv({ serviceRegistries: [{ registryArn: "arn:a" }] })),
  "SVC-ECSMANAGEDTAGS": svcCase(sv({ enableECSManagedTags: true }), sv({ enableECSManagedTags: true, propagateTags: "SERVICE" })),
  "SVC-SC-ALIASES": svcCase(
    sv({ serviceConnectConfiguration: { enabled: true, namespace: "ns", services: [{ portName: "http", clientAliases: [{ port: 80, dnsName: "Web" }] }] } }),
    sv({ serviceConnectConfiguration: { enabled: true, namespace: "ns", services: [{ portName: "http", clientAliases: [{ port: 80, dnsName: "web.local" }] }] } }),
  ),
  "SVC-SC-NAMESPACE": svcCase(sv({ serviceConnectConfiguration: { enabled: true } }), sv({ serviceConnectConfiguration: { enabled: true, namespace: "shop" } })),
  "SVC-SC-ACCESSLOG-NEEDS-LOG": svcCase(
    sv({ serviceConnectConfiguration: { enabled: true, namespace: "ns", accessLogConfiguration: { format: "JSON" } } }),
    sv({ serviceConnectConfiguration: { enabled: true, namespace: "ns", logConfiguration: { logDriver: "awslogs", options: { "awslogs-group": "/sc" } }, accessLogConfiguration: { format: "JSON" } } }),
  ),
  "SVC-EBS-CONFIG": svcCase(
    sv({ volumeConfigurations: [{ name: "data", managedEBSVolume: { roleArn: "arn:aws:iam::123456789012:role/ebs", volumeType: "gp2", sizeInGiB: 20, iops: 3000 } }] }),
    sv({ volumeConfigurations: [{ name: "data", managedEBSVolume: { roleArn: "arn:aws:iam::123456789012:role/ebs", volumeType: "gp3", sizeInGiB: 20, iops: 3000 } }] }),
    [fg({ volumes: [{ name: "data", configuredAtLaunch: true }] }, mount)],
  ),
  "SVC-HCGP-NO-CHECKS": svcCase(sv({ healthCheckGracePeriodSeconds: 60 }), sv({ healthCheckGracePeriodSeconds: 60, loadBalancers: [{ targetGroupArn: "arn:tg", containerName: "web", containerPort: 80 }] })),
  "SVC-EXEC-NEEDS-TASKROLE": svcCase(sv({ enableExecuteCommand: true }), sv({ enableExecuteCommand: true }), undefined),
  "XR-NETCONF-REQUIRED": svcCase(sv({ networkConfiguration: undefined }), sv()),
  "XR-NETCONF-FORBIDDEN": svcCase(ec2Svc({ networkConfiguration: VPC }), ec2Svc(), [BRIDGE_TD]),
  "XR-FARGATE-COMPAT": svcCase(sv(), sv(), undefined),
  "XR-FARGATE-LOGDRIVER": svcCase(sv(), sv(), undefined),
  "XR-LB-CONTAINER": svcCase(sv({ loadBalancers: [{ targetGroupArn: "arn:tg", containerName: "app", containerPort: 80 }] }), sv({ loadBalancers: [{ targetGroupArn: "arn:tg", containerName: "web", containerPort: 80 }] })),
  "XR-LB-PORT": svcCase(sv({ loadBalancers: [{ targetGroupArn: "arn:tg", containerName: "web", containerPort: 8080 }] }), sv({ loadBalancers: [{ targetGroupArn: "arn:tg", containerName: "web", containerPort: 80 }] })),
  "XR-LB-CLB-AWSVPC": svcCase(sv({ loadBalancers: [{ loadBalancerName: "clb", containerName: "web", containerPort: 80 }] }), sv({ loadBalancers: [{ targetGroupArn: "arn:tg", containerName: "web", containerPort: 80 }] })),
  "XR-LB-CLB-HOSTPORT": svcCase(
    ec2Svc({ loadBalancers: [{ loadBalancerName: "clb", containerName: "web", containerPort: 80 }] }),
    ec2Svc({ loadBalancers: [{ targetGroupArn: "arn:tg", containerName: "web", containerPort: 80 }] }),
    [BRIDGE_TD],
  ),
  "XR-ROLE-AWSVPC": svcCase(sv({ role: "ecsServiceRole", loadBalancers: [{ targetGroupArn: "arn:tg", containerName: "web", containerPort: 80 }] }), sv({ loadBalancers: [{ targetGroupArn: "arn:tg", containerName: "web", containerPort: 80 }] })),
  "XR-REGISTRY-PORTS": svcCase(ec2Svc({ serviceRegistries: [{ registryArn: "arn:a" }] }), ec2Svc({ serviceRegistries: [{ registryArn: "arn:a", containerName: "web", containerPort: 80 }] }), [BRIDGE_TD]),
  "XR-SC-PORTNAME": svcCase(
    sv({ serviceConnectConfiguration: { enabled: true, namespace: "ns", services: [{ portName: "web" }] } }),
    sv({ serviceConnectConfiguration: { enabled: true, namespace: "ns", services: [{ portName: "http" }] } }),
  ),
  "XR-EBS-NAME": svcCase(
    sv({ volumeConfigurations: [{ name: "logs", managedEBSVolume: { roleArn: "arn:aws:iam::123456789012:role/ebs", sizeInGiB: 20 } }] }),
    sv({ volumeConfigurations: [{ name: "data", managedEBSVolume: { roleArn: "arn:aws:iam::123456789012:role/ebs", sizeInGiB: 20 } }] }),
    [fg({ volumes: [{ name: "data", configuredAtLaunch: true }] }, mount)],
  ),
  "XR-DAEMON-PORTS": svcCase(ec2Svc(), ec2Svc(), undefined),
  "XR-PV-FEATURES": svcCase(sv({ platformVersion: "1.3.0" }), sv({ platformVersion: "1.4.0" }), [fg(efs({ transitEncryption: "ENABLED" }), mount)]),
  "XR-HCGP-SLOW-START": svcCase(
    sv({ healthCheckGracePeriodSeconds: 10, loadBalancers: [{ targetGroupArn: "arn:tg", containerName: "web", containerPort: 80 }] }),
    sv({ healthCheckGracePeriodSeconds: 120, loadBalancers: [{ targetGroupArn: "arn:tg", containerName: "web", containerPort: 80 }] }),
    [fg({}, { portMappings: [{ containerPort: 80 }], healthCheck: { command: ["CMD", "true"], startPeriod: 60 } })],
  ),
  "BP-PUBLIC-IP": svcCase(sv({ networkConfiguration: { awsvpcConfiguration: { subnets: ["subnet-12345678"], assignPublicIp: "ENABLED" } } }), sv()),
  "BP-FARGATE-LATEST": svcCase(sv({ platformVersion: "1.3.0" }), sv({ platformVersion: "LATEST" })),
  "BP-CIRCUIT-BREAKER": svcCase(sv({ deploymentConfiguration: undefined }), sv()),
  "LP-INIT-FOR-EXEC": svcCase(sv({ enableExecuteCommand: true }), sv({ enableExecuteCommand: true }), undefined),
  "FG-SPOT-LIMITS": svcCase(
    sv({ launchType: undefined, capacityProviderStrategy: [{ capacityProvider: "FARGATE_SPOT", weight: 1 }] }),
    sv({ launchType: undefined, capacityProviderStrategy: [{ capacityProvider: "FARGATE", weight: 1 }] }),
    [fg({ ...win, cpu: "1024", memory: "2048" }, { portMappings: [{ containerPort: 80, name: "http" }] })],
  ),
};

// Cases whose failing and passing documents differ only in the task definition they name.
const TASK_ROLE_TD = fg({ taskRoleArn: "arn:aws:iam::123456789012:role/app" }, { portMappings: [{ containerPort: 80, name: "http" }], linuxParameters: { initProcessEnabled: true } });

/** Per rule: the task definition for the failing document and the one for the passing document. */
export const TASK_DEFINITION_PAIRS: Record<string, [Doc, Doc]> = {
  "SVC-EXEC-NEEDS-TASKROLE": [SERVICE_TD, TASK_ROLE_TD],
  "LP-INIT-FOR-EXEC": [SERVICE_TD, TASK_ROLE_TD],
  "XR-FARGATE-COMPAT": [ec({ networkMode: "awsvpc" }, { portMappings: [{ containerPort: 80 }] }), ec({ networkMode: "awsvpc", cpu: "256", memory: "512" }, { portMappings: [{ containerPort: 80 }] })],
  "XR-FARGATE-LOGDRIVER": [
    ec({ networkMode: "awsvpc", cpu: "256", memory: "512" }, { logConfiguration: { logDriver: "json-file" } }),
    ec({ networkMode: "awsvpc", cpu: "256", memory: "512" }, { logConfiguration: awslogs() }),
  ],
  "XR-DAEMON-PORTS": [ec({ family: "bridge" }, { portMappings: [{ containerPort: 80, hostPort: 80 }] }), BRIDGE_TD],
};
