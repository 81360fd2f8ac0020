/**
 * Section L: a service checked against the task definition it names (options.taskDefinitions), plus the
 * service rules of other sections that need that task definition.
 */
import type { RuleContext, Span } from "../engine/context";
import type { ReferencedTaskDefinition } from "../engine/service-view";
import { parseTaskCpu, parseTaskMemory, isFargateSize } from "../fargate/sizes";
import type { JsonNode } from "../json/tree";
import { bool, int, list, logConfigurationOf, obj, objectsOf, present, str } from "./define";
import { keyOf, reportService as report, serviceRule as rule } from "./service";
import { FARGATE_LOG_DRIVERS } from "./logging";

/** The service and the task definition it names, when both are known. */
function withTaskDefinition(check: (ctx: RuleContext, service: JsonNode, td: ReferencedTaskDefinition) => void) {
  return (ctx: RuleContext, service: JsonNode) => {
    const td = ctx.service.taskDefinition;
    if (td?.view.object) check(ctx, service, td);
  };
}

function networkMode(td: ReferencedTaskDefinition): string | undefined {
  return td.view.networkMode;
}

export const networkConfigurationRequired = rule("XR-NETCONF-REQUIRED", "error", "L", "[AWS-obs] many (RunTask/CreateService); cfn-lint E3052; moto", withTaskDefinition((ctx, service, td) => {
  if (ctx.operation === "CreateService" && networkMode(td) === "awsvpc" && !present(service, "networkConfiguration")) report(ctx, "XR-NETCONF-REQUIRED", ctx.service.span, ["networkConfiguration"]);
}));

export const networkConfigurationForbidden = rule("XR-NETCONF-FORBIDDEN", "error", "L", "[AWS-obs] ufo#112, DataDog test-infra#57, amazon-ecs-deploy-task-definition#616; cdk-preflight", withTaskDefinition((ctx, service, td) => {
  const mode = networkMode(td);
  const span = keyOf(service, "networkConfiguration");
  if (span && mode !== undefined && mode !== "awsvpc") report(ctx, "XR-NETCONF-FORBIDDEN", span, ["networkConfiguration"], { value: mode });
}));

/** ECS computes Fargate compatibility for an awsvpc definition with a valid Fargate size, even without requiresCompatibilities. */
function fargateCompatible(ctx: RuleContext, td: ReferencedTaskDefinition): boolean {
  if (td.view.fargate) return true;
  const object = td.view.object;
  const cpu = str(td.ctx, object, "cpu");
  const memory = str(td.ctx, object, "memory");
  const units = cpu && parseTaskCpu(cpu.value);
  const mib = memory && parseTaskMemory(memory.value);
  const compat = list(td.ctx, object, "requiresCompatibilities");
  return !compat?.value.length && td.view.networkMode === "awsvpc" && units !== undefined && mib !== undefined && isFargateSize(units, mib);
}

export const fargateCompatibility = rule("XR-FARGATE-COMPAT", "error", "L", "[AWS-obs] buildkite ecs-deploy plugin PR #54, aws/aws-cli#3983; cfn-lint E3054 (partial)", withTaskDefinition((ctx, service, td) => {
  if (ctx.service.launch !== "FARGATE" || fargateCompatible(ctx, td)) return;
  report(ctx, "XR-FARGATE-COMPAT", str(ctx, service, "taskDefinition")?.span ?? ctx.service.span, ["taskDefinition"]);
}));

export const fargateLogDriver = rule("XR-FARGATE-LOGDRIVER", "error", "L", "cfn-lint E3713; same AWS rule as LOG-FARGATE-DRIVER", withTaskDefinition((ctx, service, td) => {
  // A FARGATE-compatible definition already fails registration (LOG-FARGATE-DRIVER); this catches the others.
  if (ctx.service.launch !== "FARGATE" || td.view.fargate) return;
  for (const container of td.view.containers) {
    const driver = logConfigurationOf(td.ctx, container)?.driver?.value;
    if (driver && !(FARGATE_LOG_DRIVERS as readonly string[]).includes(driver)) {
      report(ctx, "XR-FARGATE-LOGDRIVER", str(ctx, service, "taskDefinition")?.span ?? ctx.service.span, ["taskDefinition"], { value: driver, detail: container.label });
      return;
    }
  }
}));

function loadBalancers(ctx: RuleContext, service: JsonNode) {
  return objectsOf(ctx, service, "loadBalancers").map(({ node, index }) => ({
    node,
    index,
    containerName: str(ctx, node, "containerName"),
    containerPort: int(ctx, node, "containerPort"),
    classic: present(node, "loadBalancerName") !== undefined && present(node, "targetGroupArn") === undefined,
  }));
}

function containerPorts(td: ReferencedTaskDefinition, name: string) {
  const container = td.view.byName.get(name);
  if (!container) return undefined;
  return objectsOf(td.ctx, container.node, "portMappings").map(({ node }) => ({ containerPort: int(td.ctx, node, "containerPort")?.value, hostPort: int(td.ctx, node, "hostPort")?.value, range: str(td.ctx, node, "containerPortRange")?.value }));
}

export const loadBalancerContainer = rule("XR-LB-CONTAINER", "error", "L", "[AWS-obs] aws/amazon-ecs-agent#1276; cdk-preflight pf-ecs-svc-lb-container-name-missing", withTaskDefinition((ctx, service, td) => {
  if (!td.view.namesKnown) return;
  for (const lb of loadBalancers(ctx, service)) {
    if (lb.containerName && !td.view.byName.has(lb.containerName.value)) report(ctx, "XR-LB-CONTAINER", lb.containerName.span, ["loadBalancers", lb.index, "containerName"], { value: lb.containerName.value });
  }
}));

function inRange(range: string | undefined, port: number): boolean {
  const match = range && /^(\d+)-(\d+)$/.exec(range);
  return !!match && port >= Number(match[1]) && port <= Number(match[2]);
}

export const loadBalancerPort = rule("XR-LB-PORT", "error", "L", "[AWS-obs] pulumi/pulumi-awsx#1172; cdk-preflight pf-ecs-svc-lb-container-port-missing", withTaskDefinition((ctx, service, td) => {
  for (const lb of loadBalancers(ctx, service)) {
    const ports = lb.containerName && containerPorts(td, lb.containerName.value);
    if (!ports || !lb.containerPort) continue;
    if (!ports.some((p) => p.containerPort === lb.containerPort!.value || inRange(p.range, lb.containerPort!.value))) {
      report(ctx, "XR-LB-PORT", lb.containerPort.span, ["loadBalancers", lb.index, "containerPort"], { value: lb.containerName!.value, detail: String(lb.containerPort.value) });
    }
  }
}));

export const classicWithAwsvpc = rule("XR-LB-CLB-AWSVPC", "error", "L", "[AWS-obs] cdk-preflight pf-ecs-svc-classic-lb-with-fargate; [AWS-doc]", withTaskDefinition((ctx, service, td) => {
  if (networkMode(td) !== "awsvpc" && ctx.service.launch !== "FARGATE") return;
  for (const lb of loadBalancers(ctx, service)) if (lb.classic) report(ctx, "XR-LB-CLB-AWSVPC", keyOf(lb.node, "loadBalancerName")!, ["loadBalancers", lb.index, "loadBalancerName"]);
}));

export const classicNeedsHostPort = rule("XR-LB-CLB-HOSTPORT", "error", "L", "[AWS-obs] aws/aws-sdk-go#818", withTaskDefinition((ctx, service, td) => {
  if (networkMode(td) !== "bridge") return;
  for (const lb of loadBalancers(ctx, service)) {
    const ports = lb.classic && lb.containerName && lb.containerPort ? containerPorts(td, lb.containerName.value) : undefined;
    const mapping = ports?.find((p) => p.containerPort === lb.containerPort!.value);
    if (mapping && !mapping.hostPort) report(ctx, "XR-LB-CLB-HOSTPORT", lb.containerPort!.span, ["loadBalancers", lb.index, "containerPort"], { value: String(lb.containerPort!.value) });
  }
}));

export const roleWithAwsvpc = rule("XR-ROLE-AWSVPC", "error", "L", "[AWS-obs] cdk-preflight pf-ecs-svc-role-with-awsvpc", withTaskDefinition((ctx, service, td) => {
  const role = str(ctx, service, "role");
  if (role && networkMode(td) === "awsvpc") report(ctx, "XR-ROLE-AWSVPC", role.span, ["role"]);
}));

export const registryPorts = rule("XR-REGISTRY-PORTS", "error", "L", "[AWS-obs] cdk-preflight pf-ecs-svc-registries-port-with-awsvpc; [AWS-doc] ServiceRegistry", withTaskDefinition((ctx, service, td) => {
  const mode = networkMode(td);
  for (const { node, index } of objectsOf(ctx, service, "serviceRegistries")) {
    const port = keyOf(node, "port");
    const hasName = present(node, "containerName") !== undefined;
    const hasPort = present(node, "containerPort") !== undefined;
    if ((mode === "bridge" || mode === "host") && (!hasName || !hasPort)) report(ctx, "XR-REGISTRY-PORTS", { start: node.start, end: node.start + 1 }, ["serviceRegistries", index], { detail: "bridge" });
    if (mode === "awsvpc" && port && (hasName || hasPort)) report(ctx, "XR-REGISTRY-PORTS", port, ["serviceRegistries", index, "port"], { detail: "both" });
  }
}));

function namedPorts(td: ReferencedTaskDefinition): Set<string> {
  const names = new Set<string>();
  for (const container of td.view.containers) {
    for (const { node } of objectsOf(td.ctx, container.node, "portMappings")) {
      const name = str(td.ctx, node, "name");
      if (name) names.add(name.value);
    }
  }
  return names;
}

export const serviceConnectPortName = rule("XR-SC-PORTNAME", "error", "L", "[AWS-doc] ServiceConnectService.portName", withTaskDefinition((ctx, service, td) => {
  const names = namedPorts(td);
  const connect = obj(ctx, service, "serviceConnectConfiguration")?.value;
  for (const { node, index } of objectsOf(ctx, connect, "services")) {
    const port = str(ctx, node, "portName");
    if (port && !names.has(port.value)) report(ctx, "XR-SC-PORTNAME", port.span, ["serviceConnectConfiguration", "services", index, "portName"], { value: port.value });
  }
  for (const { node, index } of objectsOf(ctx, service, "vpcLatticeConfigurations")) {
    const port = str(ctx, node, "portName");
    if (port && !names.has(port.value)) report(ctx, "XR-SC-PORTNAME", port.span, ["vpcLatticeConfigurations", index, "portName"], { value: port.value });
  }
}));

export const ebsVolumeName = rule("XR-EBS-NAME", "error", "L", "[AWS-obs] cdk-preflight pf-ecs-svc-ebs-name-not-in-taskdef", withTaskDefinition((ctx, service, td) => {
  const atLaunch = new Set(
    objectsOf(td.ctx, td.view.object, "volumes").flatMap(({ node }) => (bool(td.ctx, node, "configuredAtLaunch")?.value === true && str(td.ctx, node, "name") ? [str(td.ctx, node, "name")!.value] : [])),
  );
  const configured = objectsOf(ctx, service, "volumeConfigurations").map(({ node, index }) => ({ index, name: str(ctx, node, "name") }));
  for (const { index, name } of configured) {
    if (name && !atLaunch.has(name.value)) report(ctx, "XR-EBS-NAME", name.span, ["volumeConfigurations", index, "name"], { value: name.value, detail: "unknown" });
  }
  if (ctx.operation === "CreateService") {
    const given = new Set(configured.flatMap((c) => (c.name ? [c.name.value] : [])));
    for (const name of atLaunch) if (!given.has(name)) report(ctx, "XR-EBS-NAME", ctx.service.span, ["volumeConfigurations"], { value: name, detail: "missing" });
  }
}));

export const staticPortsPerInstance = rule("XR-DAEMON-PORTS", "runtime", "L", "[AWS-doc] networkMode host note", withTaskDefinition((ctx, service, td) => {
  const count = int(ctx, service, "desiredCount");
  if (ctx.service.daemon || !count || count.value < 2 || ctx.service.launch === "FARGATE") return;
  const mode = networkMode(td);
  if (mode !== "bridge" && mode !== "host") return;
  for (const container of td.view.containers) {
    for (const { node } of objectsOf(td.ctx, container.node, "portMappings")) {
      const host = int(td.ctx, node, "hostPort")?.value ?? (mode === "host" ? int(td.ctx, node, "containerPort")?.value : undefined);
      if (host) {
        report(ctx, "XR-DAEMON-PORTS", count.span, ["desiredCount"], { value: String(host), detail: container.label });
        return;
      }
    }
  }
}));

export const platformVersionFeatures = rule("XR-PV-FEATURES", "error", "L", "[AWS-doc] platform version feature notes", withTaskDefinition((ctx, service, td) => {
  const version = str(ctx, service, "platformVersion");
  if (version?.value !== "1.3.0") return;
  const object = td.view.object;
  const feature =
    objectsOf(td.ctx, object, "volumes").some(({ node }) => present(node, "efsVolumeConfiguration")) ? "EFS volumes"
    : present(object, "ephemeralStorage") ? "ephemeralStorage"
    : td.view.containers.some((c) => present(c.node, "environmentFiles")) ? "environmentFiles"
    : (parseTaskCpu(str(td.ctx, object, "cpu")?.value ?? "") ?? 0) >= 8192 ? "8 or 16 vCPU"
    : undefined;
  if (feature) report(ctx, "XR-PV-FEATURES", version.span, ["platformVersion"], { value: feature });
}));

function startPeriods(td: ReferencedTaskDefinition): number {
  let longest = 0;
  for (const container of td.view.containers) longest = Math.max(longest, int(td.ctx, obj(td.ctx, container.node, "healthCheck")?.value, "startPeriod")?.value ?? 0);
  return longest;
}

export const gracePeriodSlowStart = rule("XR-HCGP-SLOW-START", "warning", "L", "our addition", withTaskDefinition((ctx, service, td) => {
  const grace = int(ctx, service, "healthCheckGracePeriodSeconds");
  const start = startPeriods(td);
  if (grace && (list(ctx, service, "loadBalancers")?.value.length ?? 0) > 0 && grace.value < start) report(ctx, "XR-HCGP-SLOW-START", grace.span, ["healthCheckGracePeriodSeconds"], { value: String(grace.value), detail: String(start) });
}));

export const gracePeriodUnused = rule("SVC-HCGP-NO-CHECKS", "warning", "K", "[AWS-doc] CreateService.healthCheckGracePeriodSeconds; cfn-lint history (E3056 removed)", (ctx, service) => {
  const grace = int(ctx, service, "healthCheckGracePeriodSeconds");
  if (!grace || (list(ctx, service, "loadBalancers")?.value.length ?? 0) > 0 || (list(ctx, service, "vpcLatticeConfigurations")?.value.length ?? 0) > 0) return;
  const td = ctx.service.taskDefinition;
  // Without the task definition, its container health checks are unknown, and they use the grace period too.
  if (!td?.view.object || td.view.containers.some((c) => present(c.node, "healthCheck"))) return;
  report(ctx, "SVC-HCGP-NO-CHECKS", grace.span, ["healthCheckGracePeriodSeconds"]);
});

export const execNeedsTaskRole = rule("SVC-EXEC-NEEDS-TASKROLE", "runtime", "K", "[AWS-doc] ECS Exec guide", withTaskDefinition((ctx, service, td) => {
  const exec = bool(ctx, service, "enableExecuteCommand");
  if (exec?.value === true && !td.view.hasTaskRole) report(ctx, "SVC-EXEC-NEEDS-TASKROLE", exec.span, ["enableExecuteCommand"]);
}));

export const initForExec = rule("LP-INIT-FOR-EXEC", "warning", "H", "[AWS-doc] ECS Exec guide", withTaskDefinition((ctx, service, td) => {
  const exec = bool(ctx, service, "enableExecuteCommand");
  if (exec?.value !== true || td.view.windows) return;
  const without = td.view.containers.filter((c) => bool(td.ctx, obj(td.ctx, c.node, "linuxParameters")?.value, "initProcessEnabled")?.value !== true);
  if (without.length > 0) report(ctx, "LP-INIT-FOR-EXEC", exec.span, ["enableExecuteCommand"], { value: without.map((c) => c.label).join(", ") });
}));

export const fargateSpotLimits = rule("FG-SPOT-LIMITS", "error", "J", "[AWS-doc] CapacityProviderStrategyItem", withTaskDefinition((ctx, service, td) => {
  if (!ctx.service.fargateSpot) return;
  const span: Span = keyOf(service, "capacityProviderStrategy")!;
  if (td.view.windows) report(ctx, "FG-SPOT-LIMITS", span, ["capacityProviderStrategy"], { detail: "windows" });
  const arch = str(td.ctx, obj(td.ctx, td.view.object, "runtimePlatform")?.value, "cpuArchitecture")?.value;
  if (arch === "ARM64" && str(ctx, service, "platformVersion")?.value === "1.3.0") report(ctx, "FG-SPOT-LIMITS", span, ["capacityProviderStrategy"], { detail: "arm" });
}));

export const crossRules = [
  networkConfigurationRequired,
  networkConfigurationForbidden,
  fargateCompatibility,
  fargateLogDriver,
  loadBalancerContainer,
  loadBalancerPort,
  classicWithAwsvpc,
  classicNeedsHostPort,
  roleWithAwsvpc,
  registryPorts,
  serviceConnectPortName,
  ebsVolumeName,
  staticPortsPerInstance,
  platformVersionFeatures,
  gracePeriodSlowStart,
  gracePeriodUnused,
  execNeedsTaskRole,
  initForExec,
  fargateSpotLimits,
];

