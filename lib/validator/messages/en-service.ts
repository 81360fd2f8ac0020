/** English messages of the service rules (sections K and L, and the service parts of H, J and M). */
import type { Catalog } from "./params";

type Rules = Catalog["rules"];

export const enService = {
  "SVC-NAME-FORMAT": { summary: "serviceName: letters, digits, - and _ (1–255).", explain: (p) => `"${p.value}" may contain only letters, digits, hyphens and underscores (at most 255).` },
  "SVC-TD-REQUIRED": { summary: "CreateService needs taskDefinition (unless the controller is EXTERNAL).", explain: () => "Add \"taskDefinition\": the family, family:revision or ARN of the task definition the service runs." },
  "SVC-EXTERNAL-NO-TD": {
    summary: "With an EXTERNAL deployment controller, no taskDefinition and no loadBalancers.",
    explain: (p) => `With the EXTERNAL controller, task sets carry the ${p.value === "taskDefinition" ? "task definition" : "load balancers"}. Remove "${p.value}" from the service.`,
  },
  "SVC-LAUNCHTYPE-XOR-CPS": { summary: "launchType and capacityProviderStrategy are not both set.", explain: () => "Choose one: a launchType, or a capacityProviderStrategy (which can include FARGATE and FARGATE_SPOT)." },
  "SVC-MANAGED-INSTANCES": { summary: "Managed Instances is chosen through a capacity provider, not launchType.", explain: () => "Use a capacityProviderStrategy with your Managed Instances capacity provider instead of launchType MANAGED_INSTANCES." },
  "SVC-DESIREDCOUNT-REPLICA": { summary: "A REPLICA service needs desiredCount.", explain: () => "Add \"desiredCount\": how many copies of the task the service keeps running." },
  "SVC-DAEMON-DESIREDCOUNT": { summary: "A DAEMON service has no desiredCount.", explain: () => "DAEMON runs one task per container instance; remove desiredCount." },
  "SVC-DAEMON-PLACEMENT-STRATEGY": { summary: "A DAEMON service has no placementStrategy.", explain: () => "DAEMON places one task on every instance; remove placementStrategy." },
  "SVC-DAEMON-CPS": { summary: "A DAEMON service cannot use a capacity provider strategy.", explain: () => "Remove capacityProviderStrategy and set \"launchType\": \"EC2\" (a cluster default strategy applies otherwise)." },
  "SVC-DAEMON-FARGATE": { summary: "DAEMON is not available with Fargate or with CODE_DEPLOY/EXTERNAL controllers.", explain: (p) => `DAEMON needs container instances and the ECS controller; it does not work with ${p.value}. Use REPLICA.` },
  "SVC-DAEMON-MAXPERCENT": { summary: "A DAEMON service's maximumPercent is 100.", explain: (p) => `maximumPercent ${p.value} is not allowed for DAEMON; set it to 100 (or omit it).` },
  "SVC-DAEMON-AZ-REBALANCING": { summary: "Availability Zone rebalancing does not apply to DAEMON.", explain: () => "Set availabilityZoneRebalancing to DISABLED or remove it." },
  "SVC-PERCENT-BOUNDS": {
    summary: "minimumHealthyPercent ≤ 100 ≤ maximumPercent, not both 100.",
    explain: (p) =>
      p.detail === "min"
        ? "minimumHealthyPercent cannot be above 100."
        : p.detail === "max"
          ? "maximumPercent cannot be below 100 for a REPLICA service."
          : "With both at 100 ECS can neither stop an old task nor start a new one: deployments would block. Lower minimumHealthyPercent or raise maximumPercent.",
  },
  "SVC-PERCENT-CAPACITY": {
    summary: "With this desiredCount the min/max percent leave no room to replace a task.",
    explain: (p) =>
      `With desiredCount ${p.value} and min/max ${p.detail}, ECS may neither stop a running task nor start an extra one, so a deployment cannot make progress. Lower minimumHealthyPercent or raise maximumPercent.`,
  },
  "SVC-PERCENT-CODEDEPLOY-EC2": { summary: "Custom min/max percent with a CODE_DEPLOY or EXTERNAL controller.", explain: (p) => `With the ${p.value} controller the rolling-update percentages do not apply; remove them.` },
  "SVC-CIRCUIT-BREAKER-CONTROLLER": { summary: "The circuit breaker and alarms work only with the ECS controller.", explain: (p) => `${p.detail} is an ECS rolling-update feature; the ${p.value} controller does not use it. Remove it.` },
  "SVC-STRATEGY-CONFIG": {
    summary: "Deployment strategy settings match the strategy and stay in range.",
    explain: (p) =>
      p.detail?.startsWith("needs:")
        ? `${p.value} applies only with "strategy": "${p.detail.slice(6)}".`
        : p.detail === "bake"
          ? "A BLUE_GREEN deployment needs bakeTimeInMinutes."
          : `${p.value} is outside ${p.detail?.slice(6)} (percentages in steps of 0.1).`,
  },
  "SVC-LIFECYCLE-HOOKS": { summary: "Each lifecycle hook has hookTargetArn, roleArn and lifecycleStages.", explain: (p) => `This lifecycle hook is missing ${p.value}.` },
  "SVC-CODEDEPLOY-LB": { summary: "A CODE_DEPLOY service needs an ALB or NLB target group.", explain: () => "CodeDeploy blue/green shifts traffic between two target groups: add a loadBalancers entry with a targetGroupArn." },
  "SVC-PLATFORMVERSION-EC2": { summary: "platformVersion only with Fargate.", explain: () => "Platform versions belong to Fargate; remove platformVersion for EC2." },
  "SVC-PLATFORMVERSION-VALUE": { summary: "platformVersion is LATEST, 1.4.0, 1.3.0 or (Windows) 1.0.0.", explain: (p) => `"${p.value}" is not a Fargate platform version. Use LATEST.` },
  "SVC-NETCONF-SUBNETS": {
    summary: "awsvpcConfiguration: 1–16 subnets and up to 5 security groups, with valid IDs.",
    explain: (p) =>
      ({
        empty: "subnets cannot be empty: the tasks need somewhere to get their network interface.",
        subnetCount: "At most 16 subnets are allowed.",
        groupCount: "At most 5 security groups are allowed.",
        subnetId: `"${p.value}" is not a subnet ID (subnet- followed by 8 or 17 hexadecimal characters).`,
        groupId: `"${p.value}" is not a security group ID (sg- followed by 8 or 17 hexadecimal characters).`,
      })[p.detail as "empty"] ?? "",
  },
  "SVC-PUBLICIP-EC2": { summary: "assignPublicIp ENABLED works only on Fargate.", explain: () => "EC2 tasks in awsvpc mode cannot get a public IP. Use DISABLED and a NAT gateway, or run on Fargate." },
  "SVC-PLACEMENT-FARGATE": { summary: "Fargate services take no placement constraints or strategies.", explain: (p) => `Fargate decides where tasks run; remove ${p.value}.` },
  "SVC-PLACEMENT-STRATEGY-FIELD": {
    summary: "binpack takes cpu or memory, random no field, spread instanceId/host/attribute:…; at most 5.",
    explain: (p) =>
      ({
        count: "At most 5 placement strategies are allowed.",
        binpack: `binpack field "${p.value}" is invalid: use cpu or memory.`,
        random: "random takes no field; remove it.",
        spread: `spread field "${p.value}" is invalid: use instanceId, host or attribute:<name>.`,
      })[p.detail as "count"] ?? "",
  },
  "SVC-PLACEMENT-CONSTRAINT": {
    summary: "distinctInstance has no expression; memberOf needs one; at most 10.",
    explain: (p) =>
      ({ count: "At most 10 placement constraints are allowed.", distinct: "distinctInstance takes no expression; remove it.", memberOf: "memberOf needs an expression." })[p.detail as "count"] ?? "",
  },
  "SVC-CPS-RULES": {
    summary: "Capacity provider strategy: ≤20 items, weight 0–1000, base 0–100000, one base, a positive weight, unique providers.",
    explain: (p) =>
      ({
        count: "At most 20 capacity providers are allowed.",
        weight: `weight ${p.value} is outside 0–1000.`,
        base: `base ${p.value} is outside 0–100000.`,
        multipleBase: "Only one capacity provider can have a base greater than 0.",
        duplicate: `${p.value} appears twice.`,
        zeroWeight: "At least one capacity provider needs a weight greater than 0, or no task is ever placed beyond the base.",
      })[p.detail as "count"] ?? "",
  },
  "SVC-ROLE-NEEDS-LB": { summary: "role is only for services with load balancers.", explain: () => "Remove role: it only lets ECS register tasks with a Classic Load Balancer or target group (and awsvpc services use the service-linked role)." },
  "SVC-LB-EXCLUSIVE": {
    summary: "Each load balancer entry has targetGroupArn or loadBalancerName, not both; all entries of one kind.",
    explain: (p) => (p.detail === "mixed" ? "Do not mix Classic Load Balancers and target groups in one service." : "Give either targetGroupArn (ALB/NLB) or loadBalancerName (Classic), not both."),
  },
  "SVC-LB-FIELDS": {
    summary: "Each load balancer entry names containerName and containerPort; at most 5 target groups.",
    explain: (p) => (p.detail === "count" ? "A service can use at most 5 target groups." : `Add ${p.value}: the container and port the load balancer sends traffic to.`),
  },
  "SVC-REGISTRIES-MAX": { summary: "At most one service registry.", explain: () => "A service can register with one Cloud Map service only." },
  "SVC-ECSMANAGEDTAGS": { summary: "enableECSManagedTags without propagateTags.", explain: () => "ECS-managed tags only reach the tasks with propagateTags SERVICE or TASK_DEFINITION." },
  "SVC-SC-ALIASES": {
    summary: "Service Connect: one client alias with port 0–65535, valid dnsName and discoveryName.",
    explain: (p) =>
      ({
        count: `${p.value} client aliases given; exactly 1 is allowed.`,
        port: `port ${p.value} is outside 0–65535.`,
        dns: `"${p.value}" is not a valid DNS name (up to 127 lower-case letters, digits, _ . -, not starting with -).`,
        discovery: `"${p.value}" is not a valid discoveryName (up to 64 lower-case letters, digits, _ -, not starting with -).`,
      })[p.detail as "count"] ?? "",
  },
  "SVC-SC-NAMESPACE": {
    summary: "Service Connect enabled without a namespace: needs the cluster's default namespace.",
    explain: () => "Without \"namespace\" ECS uses the cluster's default Service Connect namespace and rejects the request (\"Namespace is missing\") when the cluster has none. Name the Cloud Map namespace here to be sure.",
  },
  "SVC-SC-ACCESSLOG-NEEDS-LOG": { summary: "Service Connect access logs need a logConfiguration.", explain: () => "Add serviceConnectConfiguration.logConfiguration so the access logs have somewhere to go." },
  "SVC-EBS-CONFIG": {
    summary: "Managed EBS volume settings fit the volume type.",
    explain: (p) =>
      ({
        size: "Give sizeInGiB or snapshotId.",
        sizeRange: `The size is outside what ${p.value?.split(":")[0]} allows (${p.value?.split(":")[1]} GiB).`,
        iops: `iops applies only to gp3, io1 and io2, not ${p.value}.`,
        iopsRequired: `${p.value} volumes need iops.`,
        throughput: "throughput applies only to gp3, up to 1000 MiB/s.",
        rate: "volumeInitializationRate applies only with snapshotId.",
        standard: "Fargate does not support standard (magnetic) volumes.",
      })[p.detail as "size"] ?? "",
  },
  "SVC-HCGP-NO-CHECKS": { summary: "healthCheckGracePeriodSeconds with nothing to wait for.", explain: () => "No load balancer, no VPC Lattice and no container health check uses the grace period; remove it." },
  "SVC-EXEC-NEEDS-TASKROLE": {
    summary: "ECS Exec needs a task role (ssmmessages permissions).",
    explain: () => "enableExecuteCommand is on, but the task definition has no taskRoleArn, so the SSM agent cannot connect and execute-command fails. Add a task role with ssmmessages:* permissions.",
  },
  "XR-NETCONF-REQUIRED": { summary: "An awsvpc task definition needs the service's networkConfiguration.", explain: () => "Add networkConfiguration.awsvpcConfiguration with subnets (and security groups) for the tasks' network interfaces." },
  "XR-NETCONF-FORBIDDEN": { summary: "networkConfiguration only with an awsvpc task definition.", explain: (p) => `The task definition uses ${p.value}; remove networkConfiguration, or switch the task definition to awsvpc.` },
  "XR-FARGATE-COMPAT": {
    summary: "A Fargate service needs a Fargate-compatible task definition.",
    explain: () => "Add \"FARGATE\" to the task definition's requiresCompatibilities (with awsvpc and a valid Fargate cpu/memory), or run the service on EC2.",
  },
  "XR-FARGATE-LOGDRIVER": { summary: "A Fargate service's task definition uses a log driver Fargate lacks.", explain: (p) => `Container '${p.detail}' logs with ${p.value}; Fargate offers awslogs, splunk and awsfirelens.` },
  "XR-LB-CONTAINER": { summary: "The load balancer's containerName exists in the task definition.", explain: (p) => `The task definition has no container named '${p.value}'.` },
  "XR-LB-PORT": { summary: "The load balancer's containerPort is mapped by that container.", explain: (p) => `Container '${p.value}' has no port mapping with containerPort ${p.detail}. Add one, or fix the port.` },
  "XR-LB-CLB-AWSVPC": { summary: "Classic Load Balancers do not work with awsvpc or Fargate.", explain: () => "Use an Application or Network Load Balancer target group (target type ip)." },
  "XR-LB-CLB-HOSTPORT": { summary: "A Classic Load Balancer needs a static host port.", explain: (p) => `Map container port ${p.value} to a fixed hostPort: Classic Load Balancers cannot follow dynamic ports.` },
  "XR-ROLE-AWSVPC": { summary: "No service role with an awsvpc task definition.", explain: () => "awsvpc services use the ECS service-linked role; remove role." },
  "XR-REGISTRY-PORTS": {
    summary: "Service registry ports fit the network mode.",
    explain: (p) => (p.detail === "bridge" ? "With bridge or host networking, the registry needs containerName and containerPort." : "With awsvpc, give either port or containerName/containerPort, not both."),
  },
  "XR-SC-PORTNAME": { summary: "Service Connect and VPC Lattice portName names a port mapping.", explain: (p) => `No port mapping in the task definition is named "${p.value}". Add "name" to the port mapping.` },
  "XR-EBS-NAME": {
    summary: "volumeConfigurations match the task definition's configuredAtLaunch volume.",
    explain: (p) =>
      p.detail === "missing"
        ? `The task definition's volume "${p.value}" is configured at launch; add a volumeConfigurations entry for it.`
        : `No configuredAtLaunch volume named "${p.value}" in the task definition.`,
  },
  "XR-DAEMON-PORTS": {
    summary: "A static host port allows one task per instance.",
    explain: (p) => `Container '${p.detail}' binds host port ${p.value}; only one task per instance can, so the service cannot place more tasks than there are instances. Use dynamic ports (hostPort 0) or awsvpc.`,
  },
  "XR-PV-FEATURES": { summary: "platformVersion 1.3.0 lacks features the task definition uses.", explain: (p) => `${p.value} needs Fargate platform version 1.4.0 or later; use LATEST.` },
  "XR-HCGP-SLOW-START": { summary: "The grace period is shorter than the container health check's startPeriod.", explain: (p) => `healthCheckGracePeriodSeconds ${p.value} is shorter than startPeriod ${p.detail}: the load balancer may kill tasks still starting.` },
  "BP-PUBLIC-IP": { summary: "Tasks get public IP addresses (Security Hub ECS.2).", explain: () => "Public IPs expose the tasks to the internet; prefer private subnets with a NAT gateway or VPC endpoints." },
  "BP-FARGATE-LATEST": { summary: "A Fargate service pinned to an older platform version (Security Hub ECS.10).", explain: (p) => `Platform version ${p.value} misses security fixes; use LATEST.` },
  "BP-CIRCUIT-BREAKER": { summary: "No deployment circuit breaker or alarms.", explain: () => "Enable deploymentCircuitBreaker with rollback so a failing deployment rolls back by itself." },
  "LP-INIT-FOR-EXEC": { summary: "ECS Exec works best with initProcessEnabled.", explain: (p) => `Set linuxParameters.initProcessEnabled true in ${p.value}, so the processes ECS Exec starts are reaped.` },
  "FG-SPOT-LIMITS": {
    summary: "FARGATE_SPOT runs neither Windows nor ARM64 before platform 1.4.0.",
    explain: (p) => (p.detail === "windows" ? "Fargate Spot does not run Windows tasks; use FARGATE." : "ARM64 on Fargate Spot needs platform version 1.4.0 or later."),
  },
} satisfies Partial<Rules>;
