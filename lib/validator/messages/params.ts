/**
 * What each rule's message needs to know. Both languages' catalogs are typed against this, so a rule
 * without a translation, or a translation reading a parameter the rule does not give, fails to compile.
 */

/** A JSON value's type as the learner sees it (and as the explanation names it). */
export type JsonTypeName = "string" | "integer" | "float" | "boolean" | "object" | "array" | "null";

/** A JSON value's type as the API model expects it. */
export type ExpectedType = "string" | "integer" | "number" | "boolean" | "object" | "array" | "timestamp";

export type SyntaxProblem =
  | "empty"
  | "trailingComma"
  | "comment"
  | "singleQuote"
  | "invalidSymbol"
  | "invalidNumber"
  | "propertyNameExpected"
  | "valueExpected"
  | "colonExpected"
  | "commaExpected"
  | "closeBraceExpected"
  | "closeBracketExpected"
  | "endOfFileExpected"
  | "unterminatedString"
  | "unterminatedComment"
  | "invalidUnicode"
  | "invalidEscape"
  | "controlCharacter";

/** Parameters of botocore's "Invalid type for parameter" message and of our explanation of it. */
export interface TypeMismatch {
  /** botocore's parameter path, e.g. `containerDefinitions[0].memory`. */
  path: string;
  member: string;
  expected: ExpectedType;
  actual: JsonTypeName;
  /** The value as Python prints it (`256`, `True`, `None`, `['a']`). */
  pyValue: string;
  pyType: string;
  pyValidTypes: string;
  /**
   * botocore lets a JSON boolean through where an integer is expected (Python's bool is an int), so the
   * CLI sends it and the ECS service fails to read it instead.
   */
  passesCli: boolean;
}

export interface MessageParams {
  "JSON-SYNTAX": { problem: SyntaxProblem; token: string };
  "JSON-LIMITS": { limit: "size" | "depth"; max: number };
  "JSON-DUPLICATE-KEY": { key: string };
  "CLI-UNKNOWN-KEY": {
    where: string;
    key: string;
    members: string;
    suggestion?: string;
    /** Where this key is a member instead (`containerDefinitions[]`; "" for the top level). */
    belongsIn?: string;
  };
  "CLI-PASCALCASE": { where: string; key: string; members: string; expected: string; cloudFormation: boolean };
  "CLI-REQUIRED": { where: string; member: string };
  "CLI-TYPE-TASK-CPU-MEM": TypeMismatch & { taskLevel: boolean };
  "CLI-TYPE": TypeMismatch;
  "CLI-NULL": TypeMismatch;
  "CLI-STRLEN": { path: string; length: number; min: number };
  "TD-FAMILY-FORMAT": { family: string; invalid: string };
  "TD-CONTAINERS-NONEMPTY": Record<string, never>;
  "TD-CONTAINERS-MAX": { count: number; max: number };
  "CD-NAME-REQUIRED": { index: number };
  "CD-IMAGE-REQUIRED": { container: string };
  "TD-NAME-UNIQUE": { name: string };
  "TD-MEM-REQUIRED": { container: string };
  "FG-CPU-MEM-REQUIRED": { member: "cpu" | "memory"; suggestion: string };
  "TD-CPU-FORMAT": { value: string; fargate: boolean; units?: number; validCpu: readonly number[]; minUnits: number; maxUnits: number };
  "TD-MEMORY-FORMAT": { value: string };
  "FG-CPU-MEM-COMBO": { cpu: number; memory: number; validMemory: readonly number[]; nearestMemory: number; cpuForMemory?: number };
  "FG-NETWORKMODE": { networkMode?: string };
  "TD-SUM-CPU": { sum: number; taskCpu: number };
  "TD-SUM-MEMRES": { sum: number; taskMemory: number };
  "TD-CONTAINER-MEM-GT-TASK": { container: string; containerMemory: number; taskMemory: number };
  "CD-MEMRES-LE-MEMORY": { container: string; memory: number; memoryReservation: number };
  "TD-ESSENTIAL": { count: number };
  "CLI-DESCRIBE-OUTPUT": { wrapped: boolean; fields: string };
  "API-ENUM": { member: string; value: string; values: string; suggestion?: string };
  "API-TAGS": { problem: "count" | "keyLength" | "keyChars" | "reserved" | "duplicate" | "valueLength" | "valueChars"; value: string };
  "TPL-PLACEHOLDER": { value: string; syntax: string };
  "TD-SUM-MEMORY-EFFECTIVE": { sum: number; taskMemory: number };
  "TD-PLACEMENT-CONSTRAINT": { problem: "type" | "expression" | "length" | "count"; value?: string };
  "TD-EPHEMERAL-RANGE": { size: number; bound: number; tooSmall: boolean };
  "TD-EPHEMERAL-EC2": { compatibilitiesGiven: boolean };
  "TD-INFERENCE-RETIRED": { member: string };
  "TD-ROLE-ARN-FORMAT": { member: string; value: string };
  "TD-RUNTIME-ARM-WINDOWS": Record<string, never>;
  "TD-SIZE": { bytes: number; max: number };
  "TD-REQCOMPAT-UNIQUE": { value: string };
  "CD-NAME-FORMAT": { name: string };
  "CD-IMAGE-FORMAT": { container: string; image: string; problem: "chars" | "length" | "digest" };
  "CD-IMAGE-REF-GRAMMAR": { container: string; image: string; problem: "uppercase" | "leadingSlash" | "emptyTag" | "doubleColon" };
  "CD-MEMORY-MIN": { container: string; member: string; value: number; min: number };
  "CD-CPU-SHARES-RANGE": { container: string; value: number };
  "CD-VERSION-CONSISTENCY": { container: string; value: string };
  "SVC-SC-NAMESPACE": ServiceParams;
  "NET-AWSVPC-HOSTPORT": { container: string; hostPort: number; containerPort: number };
  "NET-HOST-HOSTPORT": { container: string; hostPort: number; containerPort: number };
  "NET-NONE-PORTS": { container: string };
  "NET-AWSVPC-PORT-UNIQUE": { protocol: string; port: number };
  "NET-PORT-MULTI-PROTOCOL": { container: string; port: number };
  "NET-PORT-RANGE": { container: string; member: string; value?: number };
  "NET-PORTRANGE-FORMAT": { container: string; value: string };
  "NET-PORTRANGE-EXCLUSIVE": { container: string; member: string };
  "NET-PORTRANGE-MODE": { container: string; networkMode?: string; count: number; max: number };
  "NET-PORTNAME-FORMAT": { name: string };
  "NET-PORTNAME-UNIQUE": { name: string };
  "NET-APPPROTOCOL-NONAME": { container: string };
  "NET-HOSTNAME-AWSVPC": { container: string; member: string };
  "NET-EXTRAHOSTS-AWSVPC": { container: string; member: string };
  "NET-DNS-AWSVPC": { container: string; member: string };
  "NET-DISABLENET-AWSVPC": { container: string; member: string };
  "NET-LINKS-MODE": { container: string; networkMode: string };
  "NET-LINKS-TARGET": { container: string; target: string };
  "NET-STATIC-HOSTPORT": { container: string; port: number; reserved: boolean };
  "LOG-DRIVER-ENUM": { container: string; driver: string; suggestion?: string };
  "LOG-FARGATE-DRIVER": { container: string; driver: string };
  "LOG-AWSLOGS-REQUIRED": { container: string; missing: string };
  "LOG-AWSLOGS-PREFIX-FARGATE": { container: string };
  "LOG-AWSLOGS-CREATEGROUP": { container: string; value: string };
  "LOG-AWSLOGS-GROUP-FORMAT": { group: string };
  "LOG-AWSLOGS-UNKNOWN-OPT": { key: string; suggestion?: string };
  "LOG-AWSLOGS-DATETIME-MULTILINE": { container: string };
  "LOG-MODE": { container: string; value: string; problem: "value" | "buffer" };
  "LOG-AWSLOGS-GROUP-MISSING": { group: string };
  "LOG-FIRELENS-ROUTER": { count: number };
  "LOG-FIRELENS-FARGATE-S3": { container: string };
  "LOG-SPLUNK-OPTS": { container: string; missing: string };
  "LOG-MISSING": { container: string };
  "SEC-SECRETS-EXECROLE": Record<string, never>;
  "SEC-REPOCREDS-EXECROLE": Record<string, never>;
  "SEC-ECR-EXECROLE-FARGATE": Record<string, never>;
  "SEC-AWSLOGS-EXECROLE-FARGATE": Record<string, never>;
  "SEC-EXECROLE-EC2-HINT": { container: string; reason: "ecr" | "awslogs" | "environmentFiles" };
  "SEC-VALUEFROM-FORMAT": { value: string };
  "SEC-VALUEFROM-CROSS-ACCOUNT": { current: string; arnAccount: string };
  "SEC-SECRET-NAME-DUP": { container: string; name: string; inEnvironment: boolean };
  "SEC-ENV-DUP": { container: string; name: string };
  "SEC-ENVFILES-MAX": { count: number; max: number };
  "SEC-ENVFILES-VALUE": { value: string; problem: "arn" | "extension" };
  "SEC-ENV-PLAINTEXT-SECRET": { container: string; name: string };
  "SEC-ROLES-DISTINCT": Record<string, never>;
  "SEC-S3FILES-TASKROLE": Record<string, never>;
  "SEC-EFS-IAM-TASKROLE": Record<string, never>;
  "HC-INTERVAL-RANGE": HealthRange;
  "HC-TIMEOUT-RANGE": HealthRange;
  "HC-RETRIES-RANGE": HealthRange;
  "HC-STARTPERIOD-RANGE": HealthRange;
  "HC-COMMAND-PREFIX": { container: string; first: string };
  "HC-CMDSHELL-ONE-STRING": { container: string; count: number };
  "HC-TIMEOUT-LT-INTERVAL": { container: string; timeout: number; interval: number };
  "HC-MISSING": { container: string };
  "DEP-UNKNOWN-CONTAINER": { name: string };
  "DEP-COMPLETE-ON-ESSENTIAL": { target: string; condition: string };
  "DEP-HEALTHY-NEEDS-HC": { target: string };
  "DEP-CYCLE": { cycle: string };
  "DEP-DUP": { container: string; target: string };
  "DEP-STARTTIMEOUT": { container: string; value: number; problem: "range" | "timing"; needed?: number };
  "DEP-LINK-ORDER": { container: string; target: string };
  "LP-CAP-VALUES": { container: string; value: string; suggestion?: string };
  "LP-CAP-ADD-FARGATE": { capability: string };
  "LP-CAP-PRIVILEGED-NOOP": { container: string };
  "LP-SWAPPINESS-RANGE": { container: string; value: number; problem: "range" | "noMaxSwap" };
  "LP-MAXSWAP-MIN": { container: string; value: number };
  "LP-TMPFS-OPTIONS": { container: string; value: string; problem: "size" | "option" };
  "LP-DEVICE-PERMS": { container: string; value: string; duplicate: boolean };
  "UL-SOFT-LE-HARD": { name: string; soft: number; hard: number };
  "UL-DUP-NAME": { container: string; name: string };
  "SYSCTL-NAMESPACE": { container: string; namespace: string; problem: "namespace" | "hostNetwork" | "hostIpc" };
  "RESTART-PERIOD-RANGE": { container: string; value: number };
  "RESTART-EXITCODES-MAX": { count: number; max: number };
  "CD-USER-FORMAT": { container: string; value: string };
  "CD-DOCKERSECOPT-FORMAT": { container: string; value: string };
  "CD-CREDENTIALSPECS": { container: string; value: string; problem: "count" | "format" };
  "CD-GPU-VALUE": { container: string; value: string };
  "CD-INTERACTIVE-TTY": { container: string; member: string };
  "VOL-NAME-FORMAT": { name: string; problem: "format" | "required" };
  "VOL-NAME-UNIQUE": { name: string };
  "VOL-ONE-TYPE": { name: string; types: string };
  "VOL-CONFIGURED-AT-LAUNCH-MAX1": { count: number };
  "VOL-UNREFERENCED": { names: string };
  "MP-UNKNOWN-VOLUME": { name: string };
  "MP-CONTAINERPATH": { container: string; value: string; problem: "missing" | "relative" | "duplicate" };
  "VF-UNKNOWN-CONTAINER": { name: string };
  "VOL-DOCKER-AUTOPROVISION": { name: string };
  "VOL-EFS-IAM-TLS": { name: string };
  "VOL-EFS-AP-TLS": { name: string };
  "VOL-EFS-AP-ROOTDIR": { name: string; value: string };
  "VOL-EFS-PORT-TLS": { name: string };
  "VOL-EFS-FSID-FORMAT": { value: string };
  "VOL-FSX-WINDOWS-ONLY": { name: string; problem: "linux" };
  "VOL-READONLY-ROOT-NEEDS-SCRATCH": { container: string };
  "FG-PLACEMENT-CONSTRAINTS": Record<string, never>;
  "FG-PRIVILEGED": { container: string };
  "FG-PIDMODE": { value: string };
  "FG-IPCMODE": Record<string, never>;
  "FG-DOCKER-VOLUME": Record<string, never>;
  "FG-HOST-SOURCEPATH": Record<string, never>;
  "FG-DEVICES": { member: string };
  "FG-SHM": { member: string };
  "FG-MAXSWAP": { member: string };
  "FG-TMPFS": { member: string };
  "FG-DOCKERSECOPTS": Record<string, never>;
  "FG-GPU": Record<string, never>;
  "FG-STOPTIMEOUT": { container: string; value: number };
  "FG-WINDOWS-SIZE": { cpu: number; memory: number; problem: "cpu" | "arch" };
  "WIN-UNSUPPORTED": { member: string; container?: string };
  "WIN-NETWORKMODE-EC2": { value: string };
  "WIN-TASK-SIZE-IGNORED": { member: string };
  "BP-PRIVILEGED": { container: string };
  "BP-READONLY-ROOT": { container: string; explicit: boolean };
  "BP-HOST-PID": Record<string, never>;
  "BP-HOST-IPC": Record<string, never>;
  "BP-HOST-NETWORK": Record<string, never>;
  "BP-NOT-AWSVPC": { networkMode: string };
  "BP-HOST-NETWORK-ROOT": { container: string };
  "BP-NONROOT-LINUX": { container: string; user?: string };
  "BP-NONADMIN-WINDOWS": { container: string };
  "BP-EFS-TLS": { volume: string };
  "BP-MEMORY-HARD-LIMIT": { container: string };
  "BP-TAGS": { resource: "taskDefinition" | "service" };
  "BP-IMAGE-PINNING": { container: string; image: string; tag: string | undefined };
  "BP-CAPS-ADD-DANGEROUS": { container: string; capability: string };
  "BP-NO-NEW-PRIVS": { container: string };
  "BP-SECRETS-IN-COMMAND": { container: string; member: string };
  "BP-APPMESH-EOL": Record<string, never>;
  "BL-COMMAND-ONE-STRING": { container: string; member: string; binary: string };
  "BL-WORKDIR-RELATIVE": { container: string; value: string };
  "BL-ENV-NAME": { container: string; name: string };
  "BL-LABEL-RESERVED": { container: string; label: string };
  "BL-REGION-MISMATCH": { what: "image" | "secret"; region: string; taskRegion: string };
  "BP-CIRCUIT-BREAKER": ServiceParams;
  "BP-FARGATE-LATEST": ServiceParams;
  "BP-PUBLIC-IP": ServiceParams;
  "FG-SPOT-LIMITS": ServiceParams;
  "LP-INIT-FOR-EXEC": ServiceParams;
  "SVC-CIRCUIT-BREAKER-CONTROLLER": ServiceParams;
  "SVC-CODEDEPLOY-LB": ServiceParams;
  "SVC-CPS-RULES": ServiceParams;
  "SVC-DAEMON-AZ-REBALANCING": ServiceParams;
  "SVC-DAEMON-CPS": ServiceParams;
  "SVC-DAEMON-DESIREDCOUNT": ServiceParams;
  "SVC-DAEMON-FARGATE": ServiceParams;
  "SVC-DAEMON-MAXPERCENT": ServiceParams;
  "SVC-DAEMON-PLACEMENT-STRATEGY": ServiceParams;
  "SVC-DESIREDCOUNT-REPLICA": ServiceParams;
  "SVC-EBS-CONFIG": ServiceParams;
  "SVC-ECSMANAGEDTAGS": ServiceParams;
  "SVC-EXEC-NEEDS-TASKROLE": ServiceParams;
  "SVC-EXTERNAL-NO-TD": ServiceParams;
  "SVC-HCGP-NO-CHECKS": ServiceParams;
  "SVC-LAUNCHTYPE-XOR-CPS": ServiceParams;
  "SVC-LB-EXCLUSIVE": ServiceParams;
  "SVC-LB-FIELDS": ServiceParams;
  "SVC-LIFECYCLE-HOOKS": ServiceParams;
  "SVC-MANAGED-INSTANCES": ServiceParams;
  "SVC-NAME-FORMAT": ServiceParams;
  "SVC-NETCONF-SUBNETS": ServiceParams;
  "SVC-PERCENT-BOUNDS": ServiceParams;
  "SVC-PERCENT-CAPACITY": ServiceParams;
  "SVC-PERCENT-CODEDEPLOY-EC2": ServiceParams;
  "SVC-PLACEMENT-CONSTRAINT": ServiceParams;
  "SVC-PLACEMENT-FARGATE": ServiceParams;
  "SVC-PLACEMENT-STRATEGY-FIELD": ServiceParams;
  "SVC-PLATFORMVERSION-EC2": ServiceParams;
  "SVC-PLATFORMVERSION-VALUE": ServiceParams;
  "SVC-PUBLICIP-EC2": ServiceParams;
  "SVC-REGISTRIES-MAX": ServiceParams;
  "SVC-ROLE-NEEDS-LB": ServiceParams;
  "SVC-SC-ACCESSLOG-NEEDS-LOG": ServiceParams;
  "SVC-SC-ALIASES": ServiceParams;
  "SVC-STRATEGY-CONFIG": ServiceParams;
  "SVC-TD-REQUIRED": ServiceParams;
  "XR-DAEMON-PORTS": ServiceParams;
  "XR-EBS-NAME": ServiceParams;
  "XR-FARGATE-COMPAT": ServiceParams;
  "XR-FARGATE-LOGDRIVER": ServiceParams;
  "XR-HCGP-SLOW-START": ServiceParams;
  "XR-LB-CLB-AWSVPC": ServiceParams;
  "XR-LB-CLB-HOSTPORT": ServiceParams;
  "XR-LB-CONTAINER": ServiceParams;
  "XR-LB-PORT": ServiceParams;
  "XR-NETCONF-FORBIDDEN": ServiceParams;
  "XR-NETCONF-REQUIRED": ServiceParams;
  "XR-PV-FEATURES": ServiceParams;
  "XR-REGISTRY-PORTS": ServiceParams;
  "XR-ROLE-AWSVPC": ServiceParams;
  "XR-SC-PORTNAME": ServiceParams;
}

/** Parameters of the service rules: the value found and, where a rule has variants, which one. */
export interface ServiceParams {
  value?: string;
  detail?: string;
}

/** Parameters of the health-check range rules. */
export interface HealthRange {
  container: string;
  value: number;
  min: number;
  max: number;
}

export type RuleId = keyof MessageParams;

/** Quick-fix titles, also in both languages. */
export interface FixParams {
  renameKey: { from: string; to: string };
  replaceValue: { text: string };
  removeMember: { member: string };
  addMember: { member: string; text: string };
  convertDocument: { from: "describe" | "cloudFormation" };
}

export type FixKind = keyof FixParams;

export interface RuleText<P> {
  /** One line for the rule reference page. */
  summary: string;
  /** Our explanation and the fix, in the learner's language; AWS's own words are prefixed separately. */
  explain: (params: P) => string;
}

export interface Catalog {
  rules: { [K in RuleId]: RuleText<MessageParams[K]> };
  fixes: { [K in FixKind]: (params: FixParams[K]) => string };
}
