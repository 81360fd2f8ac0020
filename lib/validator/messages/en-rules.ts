/** English messages of the section A–J and M rules beyond the first release (see en.ts for the others). */
import type { Catalog, HealthRange } from "./params";

type Rules = Catalog["rules"];

const healthRange = (member: string, unit: string) => (p: HealthRange) =>
  `In container '${p.container}', healthCheck.${member} is ${p.value}${unit}; it must be between ${p.min} and ${p.max}${unit}.`;

const TAG_PROBLEMS = {
  count: "A resource can have at most 50 tags. Remove some.",
  keyLength: "A tag key can have at most 128 characters.",
  keyChars: "A tag key may contain letters, digits, spaces and _ . : / = + - @ only.",
  reserved: "Tag keys starting with \"aws:\" are reserved for AWS. Choose another key.",
  duplicate: "This tag key is used twice. Tag keys must be unique.",
  valueLength: "A tag value can have at most 256 characters.",
  valueChars: "A tag value may contain letters, digits, spaces and _ . : / = + - @ only.",
} as const;

export const enRules = {
  "CLI-DESCRIBE-OUTPUT": {
    summary: "describe-task-definition output pasted as register input (read-only fields or the taskDefinition wrapper).",
    explain: (p) =>
      (p.wrapped
        ? "This is describe-task-definition output: the definition sits under \"taskDefinition\". The AWS CLI wants the definition itself at the top level."
        : "This is describe-task-definition output.") +
      (p.fields ? ` Remove the read-only fields AWS adds on registration: ${p.fields}.` : "") +
      " The quick fix converts the document to register-task-definition input.",
  },
  "API-ENUM": {
    summary: "A value outside the API's list of allowed values (enum).",
    explain: (p) =>
      `"${p.value}" is not a valid ${p.member}. Allowed: ${p.values}.` + (p.suggestion ? ` Did you mean "${p.suggestion}"?` : "") + " The CLI sends it, and ECS rejects the request.",
  },
  "API-TAGS": {
    summary: "Tags: at most 50, keys 1–128 characters, values up to 256, no aws: prefix, unique keys.",
    explain: (p) => TAG_PROBLEMS[p.problem],
  },
  "TPL-PLACEHOLDER": {
    summary: "A template placeholder is still in the document; substitute it before registering.",
    explain: (p) =>
      p.syntax === "skeleton"
        ? "This looks like generate-cli-skeleton output: \"string\" stands for a value you must fill in. Checks of those values were skipped."
        : `"${p.value}" is a template placeholder (${p.syntax}). Substitute it before registering; the checks that depend on this value were skipped.`,
  },
  "TD-SUM-MEMORY-EFFECTIVE": {
    summary: "The memory the containers reserve (memoryReservation, else memory) should fit in the task memory.",
    explain: (p) =>
      `The containers reserve ${p.sum} MiB in total (memoryReservation, or memory where no reservation is set), more than the task's ${p.taskMemory} MiB. The task may not start or may be killed for lack of memory.`,
  },
  "TD-PLACEMENT-CONSTRAINT": {
    summary: "Task definition placement constraints: type memberOf with an expression (≤2000 characters), at most 10.",
    explain: (p) =>
      ({
        type: `A task definition accepts only "memberOf" constraints, not "${p.value}" (distinctInstance belongs on the service or run-task).`,
        expression: "A memberOf constraint needs an \"expression\" in the cluster query language, for example \"attribute:ecs.instance-type =~ t3.*\".",
        length: `The expression has ${p.value} characters; at most 2000 are allowed.`,
        count: `There are ${p.value} placement constraints; at most 10 are allowed (task definition and run time together).`,
      })[p.problem],
  },
  "TD-EPHEMERAL-RANGE": {
    summary: "ephemeralStorage.sizeInGiB must be between 21 and 200.",
    explain: (p) => `Ephemeral storage of ${p.size} GiB is ${p.tooSmall ? "below the minimum" : "above the maximum"}; use ${p.bound} (allowed: 21–200 GiB; 20 GiB is the free default).`,
  },
  "TD-EPHEMERAL-EC2": {
    summary: "ephemeralStorage is for Fargate only; EC2-compatible task definitions cannot set it.",
    explain: (p) =>
      p.compatibilitiesGiven
        ? "ephemeralStorage is a Fargate setting. Remove EC2 from requiresCompatibilities, or remove ephemeralStorage (on EC2 the instance's disk is used)."
        : "Without requiresCompatibilities ECS checks the definition for EC2, which has no ephemeralStorage. Add \"requiresCompatibilities\": [\"FARGATE\"] or remove ephemeralStorage.",
  },
  "TD-INFERENCE-RETIRED": {
    summary: "Elastic Inference (inferenceAccelerators) is retired.",
    explain: (p) => `Amazon Elastic Inference is retired, so ${p.member === "inferenceAccelerators" ? "inferenceAccelerators" : "an InferenceAccelerator resource requirement"} is rejected. Remove it; use GPU instances or AWS Inferentia instead.`,
  },
  "TD-ROLE-ARN-FORMAT": {
    summary: "executionRoleArn must be a full IAM role ARN; taskRoleArn an ARN or a role name.",
    explain: (p) =>
      p.member === "executionRoleArn"
        ? `"${p.value}" is not an IAM role ARN. Write it as arn:aws:iam::123456789012:role/ecsTaskExecutionRole.`
        : `"${p.value}" is neither an IAM role ARN (arn:aws:iam::123456789012:role/name) nor a role name.`,
  },
  "TD-RUNTIME-ARM-WINDOWS": {
    summary: "Windows task definitions cannot use ARM64.",
    explain: () => "Windows containers run on X86_64 only. Set cpuArchitecture to X86_64, or use a Linux operating system family for ARM64 (Graviton).",
  },
  "TD-SIZE": {
    summary: "A task definition may be at most 64 KiB.",
    explain: (p) => `This task definition is ${p.bytes} bytes; ECS accepts at most ${p.max}. Move large values (long commands, big environment lists) into environment files, SSM parameters or the image.`,
  },
  "TD-REQCOMPAT-UNIQUE": {
    summary: "requiresCompatibilities lists each launch type once.",
    explain: (p) => `"${p.value}" appears twice in requiresCompatibilities. Remove the duplicate.`,
  },
  "CD-NAME-FORMAT": {
    summary: "Container names may contain only letters, digits, hyphens and underscores (1–255).",
    explain: (p) => `The container name '${p.name}' may contain only letters, digits, hyphens (-) and underscores (_).`,
  },
  "CD-IMAGE-FORMAT": {
    summary: "The image reference uses characters, a length or a digest ECS does not accept.",
    explain: (p) =>
      ({
        chars: `The image "${p.image}" of container '${p.container}' contains characters ECS does not accept (allowed: letters, digits and - _ : . / #). Check for spaces or quotes.`,
        length: `The image name of container '${p.container}' is longer than 255 characters.`,
        digest: `The digest after "@" in the image of container '${p.container}' must be sha256: followed by exactly 64 hexadecimal characters.`,
      })[p.problem],
  },
  "CD-IMAGE-REF-GRAMMAR": {
    summary: "The image reference is not a valid Docker reference, so the pull will fail.",
    explain: (p) =>
      `ECS accepts "${p.image}", but Docker cannot parse it (${
        { uppercase: "repository names must be lower case", leadingSlash: "it starts with /", emptyTag: "the tag after : is empty", doubleColon: "it contains ::" }[p.problem]
      }). The task stops with CannotPullContainerError: invalid reference format.`,
  },
  "CD-MEMORY-MIN": {
    summary: "A container needs at least 6 MiB of memory.",
    explain: (p) => `${p.member} ${p.value} MiB in container '${p.container}' is below Docker's minimum of ${p.min} MiB; the container cannot be created (CannotCreateContainerError).`,
  },
  "CD-CPU-SHARES-RANGE": {
    summary: "Container cpu outside 2–262144 is silently clamped.",
    explain: (p) => `Container cpu ${p.value} is outside 2–262144 CPU shares; the agent clamps it, so it does not do what it says. 1024 units = 1 vCPU.`,
  },
  "CD-VERSION-CONSISTENCY": {
    summary: "versionConsistency is enabled or disabled.",
    explain: (p) =>
      `"${p.value}" is not valid for container '${p.container}': use "enabled" (the default: ECS pins the image tag to its digest at deployment, so every task runs the same image) or "disabled".`,
  },
  "NET-AWSVPC-HOSTPORT": {
    summary: "With awsvpc, hostPort must be omitted or equal containerPort.",
    explain: (p) => `In awsvpc mode the task has its own network interface, so container '${p.container}' listens on ${p.containerPort} directly. Remove hostPort or set it to ${p.containerPort} (not ${p.hostPort}).`,
  },
  "NET-HOST-HOSTPORT": {
    summary: "With host networking, hostPort must be omitted or equal containerPort.",
    explain: (p) => `In host mode container '${p.container}' uses the instance's ports directly: there is no mapping from ${p.hostPort} to ${p.containerPort}. Remove hostPort or set it to ${p.containerPort}.`,
  },
  "NET-NONE-PORTS": {
    summary: "With networkMode none there can be no port mappings.",
    explain: (p) => `networkMode "none" gives the task no external network, so container '${p.container}' cannot map ports. Remove portMappings or choose another network mode.`,
  },
  "NET-AWSVPC-PORT-UNIQUE": {
    summary: "With awsvpc, each protocol and container port may be used once in the whole task.",
    explain: (p) => `All containers of an awsvpc task share one network interface, so ${p.protocol} port ${p.port} can be used by only one container. Choose another port.`,
  },
  "NET-PORT-MULTI-PROTOCOL": {
    summary: "One container port cannot be exposed for two protocols.",
    explain: (p) => `Container '${p.container}' maps port ${p.port} for both tcp and udp; ECS does not allow that. Use one protocol per port.`,
  },
  "NET-PORT-RANGE": {
    summary: "Ports are 1–65535 (hostPort 0 = dynamic in bridge mode); each mapping needs containerPort or containerPortRange.",
    explain: (p) =>
      p.value === undefined
        ? `A port mapping of container '${p.container}' has neither containerPort nor containerPortRange. Add the port the container listens on.`
        : `${p.member} ${p.value} of container '${p.container}' is not a valid port (1–65535${p.member === "hostPort" ? "; 0 means a dynamic port in bridge mode only" : ""}).`,
  },
  "NET-PORTRANGE-FORMAT": {
    summary: "containerPortRange is \"start-end\" with 1 ≤ start < end ≤ 65535.",
    explain: (p) => `"${p.value}" is not a port range. Write "start-end" with the smaller port first, for example "8000-8010".`,
  },
  "NET-PORTRANGE-EXCLUSIVE": {
    summary: "A mapping with containerPortRange has no containerPort and no hostPort.",
    explain: (p) => `Container '${p.container}' gives both a port range and ${p.member} in one mapping. Remove ${p.member}: ECS assigns host ports for a range itself.`,
  },
  "NET-PORTRANGE-MODE": {
    summary: "containerPortRange only with bridge or awsvpc, and at most 100 ranges per container.",
    explain: (p) =>
      p.networkMode
        ? `Port ranges work only in bridge and awsvpc mode, not ${p.networkMode}.`
        : `Container '${p.container}' has ${p.count} port ranges; at most ${p.max} are allowed.`,
  },
  "NET-PORTNAME-FORMAT": {
    summary: "Port mapping names: up to 64 lower-case letters, digits, _ and -, not starting with -.",
    explain: (p) => `The port name "${p.name}" may contain only lower-case letters, digits, _ and -, must not start with -, and has at most 64 characters.`,
  },
  "NET-PORTNAME-UNIQUE": {
    summary: "Port mapping names are unique across the task definition.",
    explain: (p) => `The port name "${p.name}" is used twice. Service Connect finds ports by name, so each must be unique in the task definition.`,
  },
  "NET-APPPROTOCOL-NONAME": {
    summary: "appProtocol without a port name has no effect.",
    explain: (p) => `appProtocol on a port of container '${p.container}' only matters to Service Connect, which selects ports by name. Add a "name" to the mapping, or remove appProtocol.`,
  },
  "NET-HOSTNAME-AWSVPC": {
    summary: "hostname cannot be set with awsvpc.",
    explain: (p) => `Container '${p.container}': in awsvpc mode the hostname comes from the task's network interface. Remove "hostname".`,
  },
  "NET-EXTRAHOSTS-AWSVPC": {
    summary: "extraHosts cannot be set with awsvpc.",
    explain: (p) => `Container '${p.container}': awsvpc mode does not support extraHosts. Use DNS (Route 53 or Service Connect) instead.`,
  },
  "NET-DNS-AWSVPC": {
    summary: "dnsServers and dnsSearchDomains cannot be set with awsvpc.",
    explain: (p) => `Container '${p.container}': in awsvpc mode DNS comes from the VPC (its DHCP options). Remove "${p.member}".`,
  },
  "NET-DISABLENET-AWSVPC": {
    summary: "disableNetworking cannot be set with awsvpc.",
    explain: (p) => `Container '${p.container}': awsvpc mode does not support disableNetworking. Remove it (use networkMode "none" on EC2 for a task without network).`,
  },
  "NET-LINKS-MODE": {
    summary: "links work only in bridge mode.",
    explain: (p) => `links connect containers on Docker's bridge network, which networkMode ${p.networkMode} does not use. Remove links; in ${p.networkMode === "awsvpc" ? "awsvpc mode containers reach each other on localhost" : "this mode containers share the host network"}.`,
  },
  "NET-LINKS-TARGET": {
    summary: "Each links entry names another container of the task.",
    explain: (p) => `Container '${p.container}' links to '${p.target}', which is not another container in this task definition.`,
  },
  "NET-STATIC-HOSTPORT": {
    summary: "A static host port in the ephemeral range or on a reserved port cannot be placed.",
    explain: (p) =>
      p.reserved
        ? `Host port ${p.port} of container '${p.container}' is reserved on container instances (SSH, Docker or the ECS agent); the task cannot be placed (RESOURCE:PORTS).`
        : `Host port ${p.port} of container '${p.container}' is in the ephemeral range Docker uses for dynamic ports; placement can fail (RESOURCE:PORTS). Use hostPort 0 (dynamic) or a port below 32768.`,
  },
  "LOG-DRIVER-ENUM": {
    summary: "logDriver is one of json-file, syslog, journald, gelf, fluentd, awslogs, splunk, awsfirelens.",
    explain: (p) => `"${p.driver}" is not a log driver ECS knows.` + (p.suggestion ? ` Did you mean "${p.suggestion}"?` : " Use awslogs to send logs to CloudWatch Logs."),
  },
  "LOG-FARGATE-DRIVER": {
    summary: "Fargate supports only the awslogs, splunk and awsfirelens log drivers.",
    explain: (p) => `Container '${p.container}' uses ${p.driver}, which Fargate does not offer. Use awslogs (CloudWatch Logs), splunk or awsfirelens.`,
  },
  "LOG-AWSLOGS-REQUIRED": {
    summary: "The awslogs driver needs the awslogs-group and awslogs-region options.",
    explain: (p) => `Container '${p.container}' uses awslogs without ${p.missing}. Add them to logConfiguration.options (the log group and its Region).`,
  },
  "LOG-AWSLOGS-PREFIX-FARGATE": {
    summary: "On Fargate, awslogs needs awslogs-stream-prefix.",
    explain: (p) => `Add "awslogs-stream-prefix" to the options of container '${p.container}': Fargate names each log stream prefix/container-name/task-id.`,
  },
  "LOG-AWSLOGS-CREATEGROUP": {
    summary: "awslogs-create-group, when present, must be \"true\".",
    explain: (p) => `awslogs-create-group is "${p.value}". Set it to "true" or remove the option (the default is not to create the group).`,
  },
  "LOG-AWSLOGS-GROUP-FORMAT": {
    summary: "awslogs-group must be a valid CloudWatch Logs group name.",
    explain: (p) => `"${p.group}" is not a log group name: use 1–512 letters, digits and . - _ / #.`,
  },
  "LOG-AWSLOGS-UNKNOWN-OPT": {
    summary: "An awslogs option ECS does not document.",
    explain: (p) => `"${p.key}" is not an awslogs option ECS documents.` + (p.suggestion ? ` Did you mean "${p.suggestion}"?` : " Check the spelling; Docker ignores or rejects unknown options."),
  },
  "LOG-AWSLOGS-DATETIME-MULTILINE": {
    summary: "awslogs-datetime-format and awslogs-multiline-pattern together: the pattern is ignored.",
    explain: (p) => `Container '${p.container}' sets both awslogs-datetime-format and awslogs-multiline-pattern; the multiline pattern is then ignored. Keep one.`,
  },
  "LOG-MODE": {
    summary: "Log option mode is blocking or non-blocking; max-buffer-size only matters with non-blocking.",
    explain: (p) =>
      p.problem === "value"
        ? `mode "${p.value}" is not valid: use "non-blocking" (the default since June 2025) or "blocking".`
        : `max-buffer-size has no effect with mode "blocking". Remove it or use "non-blocking".`,
  },
  "LOG-AWSLOGS-GROUP-MISSING": {
    summary: "The awslogs log group must exist unless awslogs-create-group is \"true\".",
    explain: (p) =>
      `The log group "${p.group}" must already exist: without "awslogs-create-group": "true" the task stops with ResourceInitializationError: failed to validate logger args: ... The specified log group does not exist. Create it first, or add the option (the execution role then needs logs:CreateLogGroup).`,
  },
  "LOG-FIRELENS-ROUTER": {
    summary: "With the awsfirelens driver, exactly one container has firelensConfiguration.",
    explain: (p) =>
      p.count === 0
        ? "A container logs through awsfirelens, but no container is the log router. Add a Fluent Bit container with \"firelensConfiguration\": {\"type\": \"fluentbit\"}."
        : `${p.count} containers have firelensConfiguration; a task has exactly one log router. Remove it from the others.`,
  },
  "LOG-FIRELENS-FARGATE-S3": {
    summary: "On Fargate, FireLens config-file-type must be file, not s3.",
    explain: (p) => `Container '${p.container}': Fargate cannot read a FireLens configuration from S3. Bake the file into the image and use config-file-type "file".`,
  },
  "LOG-SPLUNK-OPTS": {
    summary: "The splunk driver needs splunk-url and splunk-token.",
    explain: (p) => `Container '${p.container}' uses splunk without ${p.missing}; the log driver fails to start and so does the container. Add them (the token preferably in secretOptions).`,
  },
  "LOG-MISSING": {
    summary: "A container without logConfiguration: its output is lost.",
    explain: (p) => `Container '${p.container}' has no logConfiguration, so you will not see its output. Add awslogs (Security Hub ECS.9).`,
  },
  "SEC-SECRETS-EXECROLE": {
    summary: "secrets (or log secretOptions) need executionRoleArn.",
    explain: () => "ECS reads secrets with the task execution role before the container starts. Add \"executionRoleArn\" with a role that may read these secrets.",
  },
  "SEC-REPOCREDS-EXECROLE": {
    summary: "repositoryCredentials need executionRoleArn.",
    explain: () => "ECS fetches private registry credentials with the task execution role. Add \"executionRoleArn\".",
  },
  "SEC-ECR-EXECROLE-FARGATE": {
    summary: "On Fargate, a private ECR image needs executionRoleArn.",
    explain: () => "Fargate pulls from your private ECR repository with the task execution role. Add \"executionRoleArn\" (a role with AmazonECSTaskExecutionRolePolicy).",
  },
  "SEC-AWSLOGS-EXECROLE-FARGATE": {
    summary: "On Fargate, the awslogs driver needs executionRoleArn.",
    explain: () => "Fargate writes awslogs output with the task execution role. Add \"executionRoleArn\" (a role with AmazonECSTaskExecutionRolePolicy).",
  },
  "SEC-EXECROLE-EC2-HINT": {
    summary: "On EC2 without executionRoleArn, the instance role must carry the pull and log permissions.",
    explain: (p) =>
      `Container '${p.container}' uses ${{ ecr: "a private ECR image", awslogs: "awslogs", environmentFiles: "environment files" }[p.reason]} and the task has no execution role, so the container instance's role must allow it. Prefer an explicit executionRoleArn.`,
  },
  "SEC-VALUEFROM-FORMAT": {
    summary: "valueFrom is a Secrets Manager ARN, an SSM parameter ARN, or an SSM parameter name.",
    explain: (p) => `"${p.value}" is neither a Secrets Manager secret ARN (arn:aws:secretsmanager:region:account:secret:name), an SSM parameter ARN (arn:aws:ssm:region:account:parameter/name) nor a parameter name.`,
  },
  "SEC-VALUEFROM-CROSS-ACCOUNT": {
    summary: "An SSM parameter ARN from another account is rejected.",
    explain: (p) => `The parameter belongs to account ${p.arnAccount}, not ${p.current}. ECS reads SSM parameters from the task's own account only; use Secrets Manager for cross-account secrets.`,
  },
  "SEC-SECRET-NAME-DUP": {
    summary: "Two secrets, or a secret and an environment variable, share a name.",
    explain: (p) => `In container '${p.container}', "${p.name}" is defined ${p.inEnvironment ? "both as a secret and as an environment variable" : "twice in secrets"}; only one value wins. Remove one.`,
  },
  "SEC-ENV-DUP": {
    summary: "The same environment variable is defined twice in one container.",
    explain: (p) => `In container '${p.container}', "${p.name}" is defined twice; only one value wins. Remove one.`,
  },
  "SEC-ENVFILES-MAX": {
    summary: "At most 10 environment files per container.",
    explain: (p) => `${p.count} environment files given; at most ${p.max} are allowed. Merge some of them.`,
  },
  "SEC-ENVFILES-VALUE": {
    summary: "environmentFiles[].value is the ARN of an S3 object ending in .env.",
    explain: (p) =>
      p.problem === "arn"
        ? `"${p.value}" is not an S3 object ARN. Write arn:aws:s3:::bucket/path/file.env.`
        : `"${p.value}" should end in .env, as the documentation requires for environment files.`,
  },
  "SEC-ENV-PLAINTEXT-SECRET": {
    summary: "A secret-looking environment variable in plain text.",
    explain: (p) =>
      `Container '${p.container}' sets "${p.name}" in plain text: anyone who can describe the task definition can read it. Move it to "secrets" (Secrets Manager or SSM Parameter Store).`,
  },
  "SEC-ROLES-DISTINCT": {
    summary: "executionRoleArn and taskRoleArn are the same role.",
    explain: () => "The execution role (used by ECS to pull images and read secrets) and the task role (used by your application) should be different roles with least privilege each.",
  },
  "SEC-S3FILES-TASKROLE": {
    summary: "An S3 Files volume needs taskRoleArn.",
    explain: () => "S3 Files volumes are mounted with the task role. Add \"taskRoleArn\" with access to the file system.",
  },
  "SEC-EFS-IAM-TASKROLE": {
    summary: "EFS IAM authorization without taskRoleArn: the mount fails.",
    explain: () => "With EFS IAM authorization the mount uses the task role, and this task has none. The task fails to start (ResourceInitializationError). Add \"taskRoleArn\".",
  },
  "HC-INTERVAL-RANGE": { summary: "healthCheck.interval is 5–300 seconds.", explain: healthRange("interval", " s") },
  "HC-TIMEOUT-RANGE": { summary: "healthCheck.timeout is 2–60 seconds.", explain: healthRange("timeout", " s") },
  "HC-RETRIES-RANGE": { summary: "healthCheck.retries is 1–10.", explain: healthRange("retries", "") },
  "HC-STARTPERIOD-RANGE": { summary: "healthCheck.startPeriod is 0–300 seconds.", explain: healthRange("startPeriod", " s") },
  "HC-COMMAND-PREFIX": {
    summary: "healthCheck.command starts with CMD or CMD-SHELL.",
    explain: (p) =>
      `The health check of container '${p.container}' starts with "${p.first}". The first element must be "CMD" (run directly) or "CMD-SHELL" (run in a shell), e.g. ["CMD-SHELL", "curl -f http://localhost/ || exit 1"]. Otherwise the check never passes and the service replaces the task as unhealthy.`,
  },
  "HC-CMDSHELL-ONE-STRING": {
    summary: "With CMD-SHELL, give the shell command as one string.",
    explain: (p) => `After CMD-SHELL, container '${p.container}' gives ${p.count} strings; the shell runs only the first, the rest become its arguments. Join them into one string.`,
  },
  "HC-TIMEOUT-LT-INTERVAL": {
    summary: "A health check timeout at least as long as its interval.",
    explain: (p) => `In container '${p.container}' the health check timeout (${p.timeout} s) is not shorter than the interval (${p.interval} s): checks overlap. Make the timeout shorter.`,
  },
  "HC-MISSING": {
    summary: "An essential container without a health check.",
    explain: (p) => `Essential container '${p.container}' has no healthCheck, so ECS only knows whether it runs, not whether it works. Add one (needed too for HEALTHY dependencies).`,
  },
  "DEP-UNKNOWN-CONTAINER": {
    summary: "dependsOn names a container of the same task.",
    explain: (p) => `No container in this task definition is named '${p.name}'. Check the spelling: dependsOn refers to containers by name.`,
  },
  "DEP-COMPLETE-ON-ESSENTIAL": {
    summary: "A COMPLETE or SUCCESS dependency's target must be non-essential.",
    explain: (p) => `'${p.target}' is expected to exit (${p.condition}), but it is essential (essential omitted means true), and an essential container that exits stops the task. Set "essential": false on '${p.target}'.`,
  },
  "DEP-HEALTHY-NEEDS-HC": {
    summary: "A HEALTHY dependency's target needs a healthCheck.",
    explain: (p) => `'${p.target}' has no healthCheck, so it can never become HEALTHY. Add a healthCheck to '${p.target}', or use condition START.`,
  },
  "DEP-CYCLE": {
    summary: "dependsOn forms a cycle, so no container in it can start.",
    explain: (p) => `These containers wait for each other: ${p.cycle}. None of them can ever start. Remove one of the dependencies.`,
  },
  "DEP-DUP": {
    summary: "The same container appears twice in one dependsOn.",
    explain: (p) => `Container '${p.container}' depends on '${p.target}' twice. Keep one entry.`,
  },
  "DEP-STARTTIMEOUT": {
    summary: "startTimeout is 2–120 on Fargate and must give a HEALTHY target time to pass its checks.",
    explain: (p) =>
      p.problem === "range"
        ? `startTimeout ${p.value} of container '${p.container}' is outside Fargate's 2–120 seconds.`
        : `'${p.container}' may need ${p.needed} s to become HEALTHY (startPeriod + interval × retries), longer than its startTimeout of ${p.value} s; the dependent container then gives up and the task stops.`,
  },
  "DEP-LINK-ORDER": {
    summary: "dependsOn contradicts the start order links or volumesFrom imply.",
    explain: (p) => `'${p.target}' already starts after '${p.container}' (through links or volumesFrom), so '${p.container}' waiting for '${p.target}' can never be met. Remove one of them.`,
  },
  "LP-CAP-VALUES": {
    summary: "Capabilities are upper case names from the documented list, without CAP_.",
    explain: (p) => `"${p.value}" is not a capability ECS knows.` + (p.suggestion ? ` Write "${p.suggestion}".` : "") + " The container fails to start with an unknown capability.",
  },
  "LP-CAP-ADD-FARGATE": {
    summary: "On Fargate, capabilities.add may contain only SYS_PTRACE.",
    explain: (p) => `Fargate does not let tasks add ${p.capability}; only SYS_PTRACE is allowed. Remove it.`,
  },
  "LP-CAP-PRIVILEGED-NOOP": {
    summary: "capabilities with privileged: true are ignored.",
    explain: (p) => `Container '${p.container}' is privileged, so it already has every capability and the add/drop lists are ignored. Prefer privileged false with a minimal add list.`,
  },
  "LP-SWAPPINESS-RANGE": {
    summary: "swappiness is 0–100 and takes effect only with maxSwap.",
    explain: (p) => (p.problem === "range" ? `swappiness ${p.value} is outside 0–100.` : `swappiness has no effect without maxSwap in container '${p.container}'. Add maxSwap or remove swappiness.`),
  },
  "LP-MAXSWAP-MIN": {
    summary: "maxSwap is 0 or more.",
    explain: (p) => `maxSwap ${p.value} is negative. Use 0 (no swap) or a size in MiB.`,
  },
  "LP-TMPFS-OPTIONS": {
    summary: "tmpfs needs a positive size and documented mount options.",
    explain: (p) => (p.problem === "size" ? `tmpfs size ${p.value} must be a positive number of MiB.` : `"${p.value}" is not a tmpfs mount option Docker knows; the container fails to start.`),
  },
  "LP-DEVICE-PERMS": {
    summary: "Device permissions are read, write or mknod, each once.",
    explain: (p) => (p.duplicate ? `"${p.value}" is listed twice.` : `"${p.value}" is not a device permission: use read, write or mknod.`),
  },
  "UL-SOFT-LE-HARD": {
    summary: "A ulimit's softLimit cannot exceed its hardLimit.",
    explain: (p) => `For ulimit ${p.name} the soft limit ${p.soft} is above the hard limit ${p.hard}. Lower softLimit or raise hardLimit.`,
  },
  "UL-DUP-NAME": {
    summary: "The same ulimit name appears twice.",
    explain: (p) => `Container '${p.container}' sets ulimit ${p.name} twice. Keep one.`,
  },
  "SYSCTL-NAMESPACE": {
    summary: "systemControls are namespaced sysctls (IPC or net.*), compatible with the task's modes.",
    explain: (p) =>
      ({
        namespace: `"${p.namespace}" is not a namespaced sysctl; only IPC sysctls (kernel.msg*, kernel.sem, kernel.shm*, fs.mqueue.*) and net.* can be set per container.`,
        hostNetwork: `net.* sysctls cannot be set with networkMode host: they would change the instance.`,
        hostIpc: `IPC sysctls cannot be set with ipcMode host: they would change the instance.`,
      })[p.problem],
  },
  "RESTART-PERIOD-RANGE": {
    summary: "restartPolicy.restartAttemptPeriod is 60–1800 seconds.",
    explain: (p) => `restartAttemptPeriod ${p.value} of container '${p.container}' is outside 60–1800 seconds.`,
  },
  "RESTART-EXITCODES-MAX": {
    summary: "restartPolicy.ignoredExitCodes has at most 50 entries.",
    explain: (p) => `${p.count} ignored exit codes given; at most ${p.max} are allowed.`,
  },
  "CD-USER-FORMAT": {
    summary: "user is user, user:group, uid or uid:gid.",
    explain: (p) => `"${p.value}" is not a user for container '${p.container}'. Write a name or UID, optionally with :group or :GID, e.g. "1000:1000".`,
  },
  "CD-DOCKERSECOPT-FORMAT": {
    summary: "dockerSecurityOptions take the forms no-new-privileges, apparmor:…, label:…, credentialspec:….",
    explain: (p) => `"${p.value}" is not a Docker security option ECS accepts. Use no-new-privileges, apparmor:PROFILE, label:VALUE or credentialspec:ARN.`,
  },
  "CD-CREDENTIALSPECS": {
    summary: "credentialSpecs: at most one, credentialspec: or credentialspecdomainless: followed by an SSM or S3 ARN.",
    explain: (p) =>
      p.problem === "count" ? "A container can have at most one credential spec." : `"${p.value}" must be credentialspec:ARN or credentialspecdomainless:ARN, with an SSM parameter or S3 object ARN.`,
  },
  "CD-GPU-VALUE": {
    summary: "A GPU resource requirement is a positive whole number (as a string).",
    explain: (p) => `"${p.value}" is not a number of GPUs for container '${p.container}'. Write a positive whole number as a string, e.g. "1".`,
  },
  "CD-INTERACTIVE-TTY": {
    summary: "interactive or pseudoTerminal on a service container has no effect.",
    explain: (p) => `${p.member} in container '${p.container}' usually comes from copying docker run -it; nothing attaches to a service container. Remove it.`,
  },
  "VOL-NAME-FORMAT": {
    summary: "Volume names: letters, digits, - and _ (1–255); required for EFS, S3 Files and configuredAtLaunch volumes.",
    explain: (p) => (p.problem === "required" ? "This volume needs a \"name\": mountPoints refer to it by name." : `The volume name "${p.name}" may contain only letters, digits, - and _.`),
  },
  "VOL-NAME-UNIQUE": {
    summary: "Volume names are unique in the task definition.",
    explain: (p) => `Two volumes are named "${p.name}"; mount points could not tell them apart. Rename one.`,
  },
  "VOL-ONE-TYPE": {
    summary: "A volume sets at most one volume type.",
    explain: (p) => `Volume "${p.name}" sets ${p.types}. Choose one type per volume.`,
  },
  "VOL-CONFIGURED-AT-LAUNCH-MAX1": {
    summary: "At most one volume is configuredAtLaunch.",
    explain: (p) => `${p.count} volumes are configuredAtLaunch; only one is allowed.`,
  },
  "VOL-UNREFERENCED": {
    summary: "Every volume is mounted by at least one container.",
    explain: (p) => `No container mounts ${p.names}. Add a mountPoints entry with this sourceVolume, or remove the volume.`,
  },
  "MP-UNKNOWN-VOLUME": {
    summary: "mountPoints[].sourceVolume names a volume of the task.",
    explain: (p) => `No volume is named '${p.name}'. Declare it in "volumes" or fix the name.`,
  },
  "MP-CONTAINERPATH": {
    summary: "mountPoints need an absolute containerPath, each used once per container.",
    explain: (p) =>
      ({
        missing: "This mount point has no containerPath: say where in the container the volume appears.",
        relative: `"${p.value}" is not an absolute path; start it with /. Docker refuses to mount it and the container fails to start.`,
        duplicate: `Container '${p.container}' mounts "${p.value}" twice; the container fails to start (duplicate mount point).`,
      })[p.problem],
  },
  "VF-UNKNOWN-CONTAINER": {
    summary: "volumesFrom names another container of the task.",
    explain: (p) => `'${p.name}' is not another container in this task definition.`,
  },
  "VOL-DOCKER-AUTOPROVISION": {
    summary: "autoprovision matters only with scope shared.",
    explain: (p) => `Volume "${p.name}": autoprovision only applies to shared Docker volumes. Set scope to "shared" or remove autoprovision.`,
  },
  "VOL-EFS-IAM-TLS": {
    summary: "EFS IAM authorization requires transitEncryption ENABLED.",
    explain: (p) => `Volume "${p.name}" uses EFS IAM authorization; set "transitEncryption": "ENABLED".`,
  },
  "VOL-EFS-AP-TLS": {
    summary: "An EFS access point requires transitEncryption ENABLED.",
    explain: (p) => `Volume "${p.name}" uses an access point; set "transitEncryption": "ENABLED".`,
  },
  "VOL-EFS-AP-ROOTDIR": {
    summary: "With an EFS access point, rootDirectory is omitted or /.",
    explain: (p) => `Volume "${p.name}" has an access point, which sets the directory itself; remove rootDirectory ("${p.value}") or set it to "/".`,
  },
  "VOL-EFS-PORT-TLS": {
    summary: "transitEncryptionPort only with transitEncryption ENABLED.",
    explain: (p) => `Volume "${p.name}" sets transitEncryptionPort without transit encryption. Enable transitEncryption or remove the port.`,
  },
  "VOL-EFS-FSID-FORMAT": {
    summary: "fileSystemId looks like fs-12345678.",
    explain: (p) => `"${p.value}" is not an EFS file system ID (fs- followed by 8 or 17 hexadecimal characters); the mount will fail.`,
  },
  "VOL-FSX-WINDOWS-ONLY": {
    summary: "FSx for Windows File Server volumes only in Windows task definitions.",
    explain: () => "FSx for Windows File Server volumes work only with Windows containers; this task definition is Linux.",
  },
  "VOL-READONLY-ROOT-NEEDS-SCRATCH": {
    summary: "A read-only root file system without any writable mount.",
    explain: (p) => `Container '${p.container}' has a read-only root file system and no writable volume; most programs need somewhere to write (/tmp). Mount a writable volume there.`,
  },
  "FG-PLACEMENT-CONSTRAINTS": {
    summary: "Fargate task definitions cannot have placement constraints.",
    explain: () => "Fargate chooses where tasks run, so placementConstraints are not supported. Remove them.",
  },
  "FG-PRIVILEGED": {
    summary: "Fargate does not run privileged containers.",
    explain: (p) => `Container '${p.container}' is privileged; Fargate does not allow that. Set privileged to false (or remove it).`,
  },
  "FG-PIDMODE": {
    summary: "On Fargate, pidMode may only be task.",
    explain: () => "Fargate tasks cannot share the host's process namespace. Use \"pidMode\": \"task\" or remove it.",
  },
  "FG-IPCMODE": {
    summary: "Fargate does not support ipcMode.",
    explain: () => "Remove ipcMode: Fargate tasks cannot set it.",
  },
  "FG-DOCKER-VOLUME": {
    summary: "Fargate does not support Docker volumes (dockerVolumeConfiguration).",
    explain: () => "Use a bind mount (a volume with just a name), EFS, or ephemeral storage instead of dockerVolumeConfiguration.",
  },
  "FG-HOST-SOURCEPATH": {
    summary: "Fargate does not support host.sourcePath.",
    explain: () => "A Fargate task has no host directory to mount. Remove sourcePath (an empty host object or a name-only volume is a bind mount) or use EFS.",
  },
  "FG-DEVICES": { summary: "Fargate does not support linuxParameters.devices.", explain: () => "Fargate gives containers no host devices. Remove devices." },
  "FG-SHM": { summary: "Fargate does not support linuxParameters.sharedMemorySize.", explain: () => "Remove sharedMemorySize: Fargate does not let tasks size /dev/shm." },
  "FG-MAXSWAP": { summary: "Fargate does not support maxSwap or swappiness.", explain: (p) => `Fargate tasks have no swap. Remove ${p.member}.` },
  "FG-TMPFS": { summary: "Fargate does not support tmpfs mounts.", explain: () => "Remove tmpfs: use a bind mount (name-only volume) for scratch space on Fargate." },
  "FG-DOCKERSECOPTS": { summary: "Fargate does not support dockerSecurityOptions.", explain: () => "Remove dockerSecurityOptions: Fargate manages container security itself." },
  "FG-GPU": { summary: "Fargate does not support GPU resource requirements.", explain: () => "Fargate has no GPUs. Use the EC2 launch type with GPU instances." },
  "FG-STOPTIMEOUT": {
    summary: "On Fargate, stopTimeout is 2–120 seconds.",
    explain: (p) => `stopTimeout ${p.value} of container '${p.container}' is outside Fargate's 2–120 seconds.`,
  },
  "FG-WINDOWS-SIZE": {
    summary: "Windows on Fargate: 1, 2 or 4 vCPU, X86_64 only.",
    explain: (p) =>
      p.problem === "arch"
        ? "Windows on Fargate runs on X86_64 only."
        : `Windows on Fargate needs cpu 1024, 2048 or 4096 (1, 2 or 4 vCPU); ${p.cpu} is not offered.`,
  },
  "WIN-UNSUPPORTED": {
    summary: "A setting Windows containers do not support.",
    explain: (p) => `Windows containers do not support ${p.member}${p.container ? ` (container '${p.container}')` : ""}. Remove it.`,
  },
  "WIN-NETWORKMODE-EC2": {
    summary: "Windows on EC2 supports only the default network mode or awsvpc.",
    explain: (p) => `Windows container instances cannot run networkMode ${p.value}; omit networkMode (NAT) or use awsvpc. The task will not start otherwise.`,
  },
  "WIN-TASK-SIZE-IGNORED": {
    summary: "On EC2 Windows, task-level cpu and memory are ignored.",
    explain: (p) => `Task-level ${p.member} is ignored for Windows containers on EC2. Set ${p.member} on each container instead.`,
  },
  "BP-PRIVILEGED": {
    summary: "A privileged container (Security Hub ECS.4).",
    explain: (p) => `Container '${p.container}' is privileged: it has full access to the host. Remove privileged and add only the capabilities it needs.`,
  },
  "BP-READONLY-ROOT": {
    summary: "The root file system is writable (Security Hub ECS.5).",
    explain: (p) => `Container '${p.container}' ${p.explicit ? "sets readonlyRootFilesystem false" : "does not set readonlyRootFilesystem"}. Set it to true and mount a writable volume where the app must write.`,
  },
  "BP-HOST-PID": { summary: "The task shares the host's process namespace (Security Hub ECS.3).", explain: () => "pidMode host lets containers see and signal every process on the instance. Use \"task\" or omit it." },
  "BP-HOST-IPC": { summary: "The task shares the host's IPC namespace.", explain: () => "ipcMode host exposes the instance's shared memory to the containers. Use \"task\" or \"none\"." },
  "BP-HOST-NETWORK": { summary: "Host network mode (Security Hub ECS.17).", explain: () => "networkMode host puts containers on the instance's network with no isolation. Prefer awsvpc." },
  "BP-NOT-AWSVPC": {
    summary: "Not awsvpc: tasks get no security group of their own.",
    explain: (p) => `With networkMode ${p.networkMode} tasks share the instance's security groups. awsvpc gives each task its own network interface and security group.`,
  },
  "BP-HOST-NETWORK-ROOT": {
    summary: "Host network mode with a container running as root.",
    explain: (p) => `Container '${p.container}' runs as root on the host's network. Set a non-root "user".`,
  },
  "BP-NONROOT-LINUX": {
    summary: "A Linux container running as root (Security Hub ECS.20).",
    explain: (p) => `Container '${p.container}' runs as root${p.user ? ` ("${p.user}")` : " (no user set)"}. Set "user" to a non-root UID, e.g. "1000".`,
  },
  "BP-NONADMIN-WINDOWS": {
    summary: "A Windows container running as administrator (Security Hub ECS.21).",
    explain: (p) => `Container '${p.container}' runs as ContainerAdministrator. Set "user" to ContainerUser. (The API reference still says user is not supported on Windows; Security Hub expects it.)`,
  },
  "BP-EFS-TLS": {
    summary: "An EFS volume without encryption in transit (Security Hub ECS.18).",
    explain: (p) => `EFS volume "${p.volume}" sends data unencrypted. Set "transitEncryption": "ENABLED".`,
  },
  "BP-MEMORY-HARD-LIMIT": {
    summary: "A container without a memory hard limit.",
    explain: (p) => `Container '${p.container}' has no "memory" limit, so it can use all the task's memory and starve the others.`,
  },
  "BP-TAGS": {
    summary: "No tags (Security Hub ECS.13/ECS.15).",
    explain: () => "Add tags (for example owner, environment) so costs and resources can be attributed.",
  },
  "BP-IMAGE-PINNING": {
    summary: "An image without a tag or with latest.",
    explain: (p) =>
      `Container '${p.container}' uses ${p.tag === "" ? "no tag (which means latest)" : "the latest tag"}: each deployment may run different code. Use a version tag or an @sha256: digest.`,
  },
  "BP-CAPS-ADD-DANGEROUS": {
    summary: "A powerful Linux capability is added.",
    explain: (p) => `Container '${p.container}' adds ${p.capability}, which gives broad control of the host or other containers. Drop ALL and add only what the app needs.`,
  },
  "BP-NO-NEW-PRIVS": {
    summary: "On EC2 Linux, no-new-privileges is not set.",
    explain: (p) => `Add "dockerSecurityOptions": ["no-new-privileges"] to container '${p.container}' so processes cannot gain privileges through setuid binaries.`,
  },
  "BP-SECRETS-IN-COMMAND": {
    summary: "A credential-looking literal in command, entryPoint, dockerLabels or environment.",
    explain: (p) => `Container '${p.container}' has what looks like a credential in ${p.member}, readable by anyone who can describe the task definition. Use "secrets" instead.`,
  },
  "BP-APPMESH-EOL": {
    summary: "App Mesh proxy configuration: App Mesh support ends 2026-09-30.",
    explain: () => "AWS App Mesh reaches end of support on 2026-09-30. Plan a move to ECS Service Connect.",
  },
  "BL-COMMAND-ONE-STRING": {
    summary: "A whole command line in one array element is run as one program name.",
    explain: (p) =>
      `${p.member} of container '${p.container}' is one string with spaces: unless the image's entrypoint is a shell, Docker looks for a program literally named "${p.binary} …" and the container fails. Split the words into separate elements, or use ["sh", "-c", "…"].`,
  },
  "BL-WORKDIR-RELATIVE": {
    summary: "workingDirectory should be an absolute path.",
    explain: (p) => `"${p.value}" is relative; write an absolute path such as /app.`,
  },
  "BL-ENV-NAME": {
    summary: "Environment variable names should be letters, digits and _, not starting with a digit.",
    explain: (p) => `"${p.name}" is not a portable environment variable name; shells and many programs cannot read it.`,
  },
  "BL-LABEL-RESERVED": {
    summary: "Docker labels starting with com.amazonaws.ecs. are set by ECS.",
    explain: (p) => `ECS sets ${p.label} itself; your value is overwritten. Use your own prefix.`,
  },
  "BL-REGION-MISMATCH": {
    summary: "An ECR image or secret in another Region than the task's logs.",
    explain: (p) =>
      `This ${p.what === "image" ? "image" : "secret"} is in ${p.region}, the task logs to ${p.taskRegion}. ${p.what === "image" ? "Cross-Region pulls work but are slower and cost data transfer." : "Make sure the execution role may read it there."}`,
  },
} satisfies Partial<Rules>;
