/**
 * AWS's own words for each failure, verbatim and untranslated: learners meet exactly these strings in
 * the AWS CLI and the console, so every language shows them first. Sources: validator-rules.md
 * (botocore's ParamValidator for the CLI-* rows; observed ECS ClientException texts for the rest).
 */
import type { MessageParams, RuleId, TypeMismatch } from "./params";

/** A template may return undefined for the variants of a rule AWS has no captured words for. */
type AwsTextCatalog = { [K in RuleId]?: (params: MessageParams[K]) => string | undefined };

const HC_LIMIT = (name: string) => (p: MessageParams["HC-INTERVAL-RANGE"]) =>
  p.value > p.max ? `Health check ${name} must be less than or equal to the maximum allowed value ${p.max} for container '${p.container}'` : undefined;

function invalidType(p: TypeMismatch): string {
  if (p.passesCli) return serializationText(p);
  return `Invalid type for parameter ${p.path}, value: ${p.pyValue}, type: ${p.pyType}, valid types: ${p.pyValidTypes}`;
}

/** What the ECS service answers when a member arrives with the wrong JSON type (no CLI check in front). */
export function serializationText(p: Pick<TypeMismatch, "path" | "expected" | "actual">): string {
  return `Cannot deserialize member '${p.path}': expected ${article(p.expected)}, got ${article(p.actual)}.`;
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

export const AWS_TEXT: AwsTextCatalog = {
  "CLI-UNKNOWN-KEY": (p) => `Unknown parameter in ${p.where}: "${p.key}", must be one of: ${p.members}`,
  "CLI-PASCALCASE": (p) => `Unknown parameter in ${p.where}: "${p.key}", must be one of: ${p.members}`,
  "CLI-REQUIRED": (p) => `Missing required parameter in ${p.where}: "${p.member}"`,
  "CLI-TYPE-TASK-CPU-MEM": invalidType,
  "CLI-TYPE": invalidType,
  "CLI-NULL": invalidType,
  "CLI-STRLEN": (p) => `Invalid length for parameter ${p.path}, value: ${p.length}, valid min length: ${p.min}`,
  "TD-FAMILY-FORMAT": () => "Family contains invalid characters.",
  "TD-CONTAINERS-NONEMPTY": () => "Container list cannot be empty.",
  "TD-CONTAINERS-MAX": () => "Too many containers.",
  "CD-NAME-REQUIRED": () => "Container.name should not be null or empty.",
  "CD-IMAGE-REQUIRED": () => "Container.image should not be null or empty.",
  "TD-NAME-UNIQUE": () => "Container names must be unique within a Task Definition.",
  "TD-MEM-REQUIRED": (p) =>
    `Invalid setting for container '${p.container}'. At least one of 'memory' or 'memoryReservation' must be specified.`,
  "FG-CPU-MEM-REQUIRED": (p) => `Fargate requires that '${p.member}' be defined at the task level.`,
  "TD-CPU-FORMAT": () => "Invalid 'cpu' setting for task.",
  "FG-CPU-MEM-COMBO": (p) =>
    `No Fargate configuration exists for given values: ${p.cpu} CPU, ${p.memory} memory. See the Amazon ECS documentation for the valid values.`,
  // AWS uses typographic quotes here.
  "FG-NETWORKMODE": () => "Fargate only supports network mode \u2018awsvpc\u2019.",
  "TD-SUM-CPU": () => "The sum of all container 'cpu' values cannot be greater than the value of the task 'cpu'.",
  "TD-SUM-MEMRES": () =>
    "The sum of all container 'memoryReservation' values cannot be greater than the value of the task 'memory'.",
  "TD-CONTAINER-MEM-GT-TASK": (p) => `The 'memory' setting for container '${p.container}' is greater than for the task.`,
  "CD-MEMRES-LE-MEMORY": () => "'memory' must be greater than or equal to 'memoryReservation'",
  "TD-ESSENTIAL": () => "Task definition doesn't have any essential container.",
  "TD-EPHEMERAL-RANGE": (p) => `EphemeralStorage size should be ${p.tooSmall ? "at least" : "at most"} ${p.bound}`,
  "TD-EPHEMERAL-EC2": () => "Tasks using the EC2 launch type do not support EphemeralStorage.",
  "TD-INFERENCE-RETIRED": () => "Unsupported field 'inferenceAccelerators'.",
  "TD-ROLE-ARN-FORMAT": () => "Role is not valid",
  "CD-NAME-FORMAT": () => "Container.name contains invalid characters.",
  "NET-AWSVPC-HOSTPORT": () => "When networkMode=awsvpc, the host ports and container ports in port mappings must match.",
  "NET-HOST-HOSTPORT": () => "When networkMode=host, the host ports and container ports in port mappings must match",
  "NET-AWSVPC-PORT-UNIQUE": (p) => `${p.protocol} container port '${p.port}' is used multiple times in task when networkMode=awsvpc.`,
  "NET-PORT-RANGE": (p) => (p.member === "containerPort" ? `Invalid 'containerPort' setting for container '${p.container}'.` : undefined),
  "NET-PORTRANGE-FORMAT": (p) => `Invalid 'containerPortRange' setting for container '${p.container}'.`,
  "NET-PORTRANGE-EXCLUSIVE": (p) => `Invalid port mapping for container '${p.container}', cannot specify both single port and port range.`,
  "NET-PORTNAME-UNIQUE": () => "When networkMode=awsvpc, port mapping name is already used",
  "NET-HOSTNAME-AWSVPC": () => "hostname is not supported on container when networkMode=awsvpc.",
  "NET-EXTRAHOSTS-AWSVPC": () => "Extra hosts are not supported on container when networkMode=awsvpc.",
  "NET-DNS-AWSVPC": (p) => (p.member === "dnsServers" ? "DNS servers are not supported on container when networkMode=awsvpc." : undefined),
  "NET-DISABLENET-AWSVPC": () => "Disable Networking is not supported on container when networkMode=awsvpc.",
  "NET-LINKS-MODE": (p) => (p.networkMode === "awsvpc" ? "Links are not supported when networkMode=awsvpc." : undefined),
  "LOG-FARGATE-DRIVER": (p) => `${p.driver} is not a valid log driver. Must be one of [awslogs,splunk,awsfirelens]`,
  "LOG-AWSLOGS-REQUIRED": (p) => `Log driver awslogs requires options: ${p.missing}`,
  "LOG-AWSLOGS-PREFIX-FARGATE": () => "Fargate requires log configuration options to include awslogs-stream-prefix to support log driver awslogs.",
  "LOG-AWSLOGS-CREATEGROUP": () => "Log driver awslogs option 'awslogs-create-group' should only be set to 'true', else omit option.",
  "LOG-FIRELENS-ROUTER": (p) =>
    p.count === 0 ? "When awsfirelens log driver is specified in log configuration, a firelens configuration object must be configured in one of the containers." : undefined,
  "LOG-FIRELENS-FARGATE-S3": () => "Invalid arn syntax.",
  "SEC-SECRETS-EXECROLE": () => "When you are specifying container secrets, you must also specify a value for 'executionRoleArn'.",
  "SEC-REPOCREDS-EXECROLE": () => "Private repository authentication requires that the task definition specify a value for executionRoleArn.",
  "SEC-ECR-EXECROLE-FARGATE": () => "Fargate requires task definition to have execution role ARN to support ECR images.",
  "SEC-AWSLOGS-EXECROLE-FARGATE": () => "Fargate requires task definition to have execution role ARN to support log driver awslogs.",
  "SEC-VALUEFROM-FORMAT": (p) => (p.value.startsWith("arn:") ? "Invalid arn syntax." : undefined),
  "SEC-VALUEFROM-CROSS-ACCOUNT": (p) =>
    `The Systems Manager parameter ARN has a different account ID than the current account. The current account ID is ${p.current} and the ARN account ID is ${p.arnAccount}. Cross-account access for ARNs is not currently supported.`,
  "SEC-ENVFILES-MAX": () => "The maximum number of environment files was exceeded. Specify ten or less and try again.",
  "SEC-ENVFILES-VALUE": (p) => (p.problem === "arn" ? "Invalid arn syntax." : undefined),
  "HC-INTERVAL-RANGE": HC_LIMIT("interval"),
  "HC-TIMEOUT-RANGE": HC_LIMIT("timeout"),
  "HC-RETRIES-RANGE": HC_LIMIT("retries"),
  "HC-STARTPERIOD-RANGE": HC_LIMIT("startPeriod"),
  // The stray "+" is part of AWS's text.
  "DEP-UNKNOWN-CONTAINER": (p) => `Cannot depend on container + '${p.name}' because it does not exist`,
  "DEP-COMPLETE-ON-ESSENTIAL": () => "A dependency container with SUCCESS or COMPLETE condition cannot be an essential container",
  "DEP-HEALTHY-NEEDS-HC": () => "A dependency container with HEALTHY condition must have health check configured",
  "LP-CAP-ADD-FARGATE": (p) => `${p.capability} is not allowed on Fargate.`,
  "UL-SOFT-LE-HARD": (p) => `Soft limit exceeds hard limit for ulimit ${p.name}`,
  "RESTART-PERIOD-RANGE": (p) => `The 'restartAttemptPeriod' setting for container '${p.container}' must be between 60 and 1800.`,
  "VOL-UNREFERENCED": (p) => `Volumes [${p.names}] are not referenced by any of the containers`,
  "MP-UNKNOWN-VOLUME": (p) => `Unknown volume '${p.name}'.`,
  "VF-UNKNOWN-CONTAINER": (p) => `Invalid 'volumesFrom' setting. Unknown container: '${p.name}'.`,
  "VOL-EFS-IAM-TLS": () => "EFS IAM authorization requires TransitEncryption to be enabled.",
  "VOL-EFS-AP-ROOTDIR": () => 'When using an EFS access point, the root directory must either be set to "/" or be omitted.',
  "VOL-EFS-PORT-TLS": () => "TransitEncryptionPort requires that TransitEncryption is enabled.",
  "FG-PLACEMENT-CONSTRAINTS": () => "Fargate compatible task definitions do not support constraints",
  // AWS uses typographic quotes here.
  "FG-PRIVILEGED": () => "Fargate requires that the \u2018privileged\u2019 setting be \u2018false\u2019 at the container level.",
  "FG-PIDMODE": (p) => `Tasks using the Fargate launch type do not support pidMode '${p.value}'. The supported value for pidMode is 'task'.`,
  "FG-IPCMODE": () => "Tasks using the Fargate launch type do not support ipcMode.",
  "FG-DOCKER-VOLUME": () => "Fargate compatible task definitions do not support dockerVolumeConfiguration",
  "FG-HOST-SOURCEPATH": () => "Fargate compatible task definitions do not support sourcePath",
  "FG-DEVICES": () => "Fargate compatible task definitions do not support devices",
  "FG-SHM": () => "Fargate compatible task definitions do not support sharedMemorySize",
  "FG-MAXSWAP": (p) => (p.member === "maxSwap" ? "Fargate compatible task definitions do not support maxSwap" : undefined),
  "FG-DOCKERSECOPTS": () => "Fargate compatible task definitions do not support dockerSecurityOptions",
  "FG-GPU": () => "Tasks using the Fargate launch type do not support GPU resource requirements.",
  "SVC-NAME-FORMAT": (p) => `ServiceName must match ^[a-zA-Z0-9\\-_]{1,255}$, but was ${p.value}`,
  "SVC-EXTERNAL-NO-TD": (p) => (p.value === "taskDefinition" ? "TaskDefinition must be blank." : "LoadBalancers must be empty or null."),
  "SVC-LAUNCHTYPE-XOR-CPS": () => "Specifying both a launch type and capacity provider strategy is not supported. Remove one and try again.",
  "SVC-DAEMON-DESIREDCOUNT": () => "The daemon scheduling strategy does not support a desired count for services. Remove the desired count value and try again",
  "SVC-DAEMON-PLACEMENT-STRATEGY": () => "The daemon scheduling strategy does not support placement strategies. Remove the placement strategy and try again",
  "SVC-DAEMON-CPS": () => "Specifying a capacity provider strategy is not supported when you create a service using the DAEMON scheduling strategy.",
  "SVC-DAEMON-MAXPERCENT": () =>
    "The daemon scheduling strategy does not support values above 100 for maximumPercent on a deployment configuration. Change the maximumPercent value to 100, and try again",
  "SVC-DAEMON-AZ-REBALANCING": () =>
    "The service couldn't be created because Availability Zone Rebalancing does not support DAEMON as scheduling strategy. Update scheduling strategy and try again.",
  "SVC-PERCENT-BOUNDS": (p) =>
    p.detail === "min" ? "minimumHealthyPercent must be at most 100" : p.detail === "both" ? "Both maximumPercent and minimumHealthyPercent cannot be 100 as this will block deployments." : undefined,
  "SVC-CODEDEPLOY-LB": () => "When specifying the CODE_DEPLOY deployment controller type, the service requires an Application Load Balancer or Network Load Balancer.",
  "SVC-PLATFORMVERSION-EC2": () => "The platform version must be null when specifying an EC2 launch type.",
  "SVC-NETCONF-SUBNETS": (p) => (p.detail === "empty" ? "subnets can not be empty." : undefined),
  "SVC-PUBLICIP-EC2": () => "Assign public IP is not supported for this launch type.",
  "SVC-PLACEMENT-FARGATE": (p) => `Placement ${p.value === "placementStrategy" ? "strategies" : "constraints"} are not supported with FARGATE launch type.`,
  "SVC-PLACEMENT-STRATEGY-FIELD": (p) =>
    p.detail === "binpack" ? `binpack field '${p.value}' is invalid.` : p.detail === "random" ? "random field should not be specified." : p.detail === "count" ? "Maximum number of strategies is 5." : undefined,
  "SVC-PLACEMENT-CONSTRAINT": (p) => (p.detail === "distinct" ? "distinctInstance expression should not be specified" : undefined),
  "SVC-CPS-RULES": (p) =>
    p.detail === "multipleBase"
      ? "There are multiple capacity providers in the specified capacity provider strategy with a base value greater than zero. Only one capacity provider can have a base value greater than zero. Specify a valid capacity provider strategy and try again."
      : p.detail === "zeroWeight"
        ? "There are no capacity providers in the capacity provider strategy with a weight value greater than zero"
        : undefined,
  "SVC-ROLE-NEEDS-LB": () => "IAM roles are only valid for services configured to use load balancers.",
  "SVC-LB-EXCLUSIVE": () =>
    "loadBalancerName and targetGroupArn cannot both be specified. You must specify either a loadBalancerName or a targetGroupArn in all loadBalancer entries",
  "SVC-LB-FIELDS": (p) => (p.value === "containerName" ? "Container Name can not be blank." : undefined),
  "SVC-REGISTRIES-MAX": () => "service registries can have at most 1 items.",
  "SVC-SC-ALIASES": (p) => (p.detail === "count" ? `${p.value} clientAliases exceeds the max limit of 1` : undefined),
  "XR-NETCONF-REQUIRED": () => "Network Configuration must be provided when networkMode 'awsvpc' is specified.",
  "XR-NETCONF-FORBIDDEN": () => "Network Configuration is not valid for the given networkMode of this task definition.",
  "XR-FARGATE-COMPAT": () => "Task definition does not support launch_type FARGATE.",
  "XR-FARGATE-LOGDRIVER": (p) => `${p.value} is not a valid log driver. Must be one of [awslogs,splunk,awsfirelens]`,
  "XR-LB-CONTAINER": (p) => `The container ${p.value} does not exist in the task definition.`,
  "XR-LB-PORT": (p) => `The container ${p.value} did not have a container port ${p.detail} defined.`,
  "XR-LB-CLB-AWSVPC": () => "Classic Load Balancers are not supported with Fargate.",
  "XR-LB-CLB-HOSTPORT": (p) => `A host port mapping for the container port ${p.value} is required.`,
  "XR-ROLE-AWSVPC": () => "You cannot specify an IAM role for services that require a service linked role.",
  "XR-EBS-NAME": (p) =>
    p.detail === "unknown"
      ? `The volume name '${p.value}' in your request does not have a matching volume in your Task Definition that is configurable at launch.`
      : undefined,
  "FG-WINDOWS-SIZE": (p) =>
    p.problem === "cpu" && p.memory > 0
      ? `No Fargate configuration exists for given values: ${p.cpu} CPU, ${p.memory} memory. See the Amazon ECS documentation for the valid values.`
      : undefined,
};



export function awsText<K extends RuleId>(ruleId: K, params: MessageParams[K]): string | undefined {
  const template = AWS_TEXT[ruleId] as ((p: MessageParams[K]) => string | undefined) | undefined;
  return template?.(params);
}
