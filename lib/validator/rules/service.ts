/** Section K: the CreateService / UpdateService input on its own (and the service part of section M). */
import { keySpan, valueSpan, type RuleContext, type Span } from "../engine/context";
import type { RuleDefinition } from "../engine/rule";
import type { PathSegment } from "../json/pointer";
import type { JsonNode } from "../json/tree";
import type { ServiceParams } from "../messages/params";
import { bool, defineRule, int, list, obj, objectsOf, present, str, stringsOf } from "./define";

const SERVICE_NAME = /^[A-Za-z0-9_-]{1,255}$/;
const SUBNET = /^subnet-(?:[0-9a-f]{8}|[0-9a-f]{17})$/;
const SECURITY_GROUP = /^sg-(?:[0-9a-f]{8}|[0-9a-f]{17})$/;
const PLATFORM_VERSIONS = new Set(["LATEST", "1.4.0", "1.3.0", "1.0.0"]);
const PORT_DNS = /^[a-z0-9_.][a-z0-9_.-]{0,126}$/;
const DISCOVERY_NAME = /^[a-z0-9_][a-z0-9_-]{0,63}$/;

/** The service input, when it is an object and a service is being checked. */
function svc(ctx: RuleContext): JsonNode | undefined {
  return ctx.operation === "RegisterTaskDefinition" ? undefined : ctx.service.object;
}

function keyOf(object: JsonNode | undefined, member: string): Span | undefined {
  const prop = object?.props?.find((p) => p.key === member && p.node.kind !== "null");
  return prop ? keySpan(prop) : undefined;
}


function rule(id: ServiceRuleId, level: "error" | "runtime" | "warning", section: "K" | "L" | "M" | "H" | "J", source: string, check: (ctx: RuleContext, service: JsonNode) => void): RuleDefinition {
  return defineRule(id, level, section, source, (ctx) => {
    const service = svc(ctx);
    if (service) check(ctx, service);
  }) as unknown as RuleDefinition;
}

export type ServiceRuleId = Extract<keyof import("../messages/params").MessageParams, `SVC-${string}` | `XR-${string}` | "BP-PUBLIC-IP" | "BP-FARGATE-LATEST" | "BP-CIRCUIT-BREAKER" | "LP-INIT-FOR-EXEC" | "FG-SPOT-LIMITS">;

function report(ctx: RuleContext, id: ServiceRuleId, span: Span, path: PathSegment[], params: ServiceParams = {}): void {
  ctx.report(id as "SVC-NAME-FORMAT", params, span, path);
}

function deployment(ctx: RuleContext, service: JsonNode) {
  return obj(ctx, service, "deploymentConfiguration")?.value;
}

export const serviceName = rule("SVC-NAME-FORMAT", "error", "K", "[AWS-obs] cdk-preflight pf-ecs-service-name", (ctx, service) => {
  const name = str(ctx, service, "serviceName");
  if (name && !SERVICE_NAME.test(name.value)) report(ctx, "SVC-NAME-FORMAT", name.span, ["serviceName"], { value: name.value });
});

export const taskDefinitionRequired = rule("SVC-TD-REQUIRED", "error", "K", "[AWS-doc] CreateService.taskDefinition", (ctx, service) => {
  if (ctx.operation !== "CreateService" || ctx.service.controller === "EXTERNAL" || present(service, "taskDefinition")) return;
  report(ctx, "SVC-TD-REQUIRED", ctx.service.span, ["taskDefinition"]);
});

export const externalController = rule("SVC-EXTERNAL-NO-TD", "error", "K", "[AWS-obs] cdk-preflight pf-ecs-svc-external-with-taskdef / -with-load-balancers", (ctx, service) => {
  if (ctx.service.controller !== "EXTERNAL" || ctx.operation !== "CreateService") return;
  for (const member of ["taskDefinition", "loadBalancers"]) {
    const span = keyOf(service, member);
    if (span && !(member === "loadBalancers" && list(ctx, service, member)?.value.length === 0)) report(ctx, "SVC-EXTERNAL-NO-TD", span, [member], { value: member });
  }
});

export const launchTypeXorStrategy = rule("SVC-LAUNCHTYPE-XOR-CPS", "error", "K", "[AWS-obs] tflint-ruleset-aws#349, pulumi-awsx#599; cdk-preflight", (ctx, service) => {
  const strategy = list(ctx, service, "capacityProviderStrategy");
  if (str(ctx, service, "launchType") && strategy && strategy.value.length > 0) report(ctx, "SVC-LAUNCHTYPE-XOR-CPS", keyOf(service, "capacityProviderStrategy")!, ["capacityProviderStrategy"]);
});

export const managedInstancesLaunchType = rule("SVC-MANAGED-INSTANCES", "error", "K", "[AWS-doc] CreateService.launchType", (ctx, service) => {
  const launch = str(ctx, service, "launchType");
  if (launch?.value === "MANAGED_INSTANCES") report(ctx, "SVC-MANAGED-INSTANCES", launch.span, ["launchType"]);
});

export const desiredCountReplica = rule("SVC-DESIREDCOUNT-REPLICA", "error", "K", "[AWS-doc] CreateService.desiredCount", (ctx, service) => {
  if (ctx.operation !== "CreateService" || ctx.service.daemon || ctx.service.controller === "EXTERNAL" || present(service, "desiredCount")) return;
  report(ctx, "SVC-DESIREDCOUNT-REPLICA", ctx.service.span, ["desiredCount"]);
});

function daemonRule(id: ServiceRuleId, source: string, find: (ctx: RuleContext, service: JsonNode) => { span: Span; path: PathSegment[]; value?: string } | undefined) {
  return rule(id, "error", "K", source, (ctx, service) => {
    if (!ctx.service.daemon) return;
    const hit = find(ctx, service);
    if (hit) report(ctx, id, hit.span, hit.path, { value: hit.value });
  });
}

export const daemonDesiredCount = daemonRule("SVC-DAEMON-DESIREDCOUNT", "[AWS-obs] Shippable/support#4567, kayac/ecspresso#20", (ctx, service) => {
  const count = int(ctx, service, "desiredCount");
  return count ? { span: count.span, path: ["desiredCount"] } : undefined;
});

export const daemonPlacementStrategy = daemonRule("SVC-DAEMON-PLACEMENT-STRATEGY", "[AWS-obs] kayac/ecspresso#402", (ctx, service) => {
  const strategy = list(ctx, service, "placementStrategy");
  return strategy && strategy.value.length > 0 ? { span: strategy.span, path: ["placementStrategy"] } : undefined;
});

export const daemonCapacityProviders = daemonRule("SVC-DAEMON-CPS", "[AWS-obs] aws/containers-roadmap#692", (ctx, service) => {
  const strategy = list(ctx, service, "capacityProviderStrategy");
  return strategy && strategy.value.length > 0 ? { span: strategy.span, path: ["capacityProviderStrategy"] } : undefined;
});

export const daemonFargate = daemonRule("SVC-DAEMON-FARGATE", "[AWS-doc]; cfn-lint E3044", (ctx, service) => {
  const strategy = str(ctx, service, "schedulingStrategy")!;
  if (ctx.service.launch === "FARGATE") return { span: strategy.span, path: ["schedulingStrategy"], value: "FARGATE" };
  if (ctx.service.controller !== "ECS") return { span: strategy.span, path: ["schedulingStrategy"], value: ctx.service.controller };
  return undefined;
});

export const daemonMaxPercent = daemonRule("SVC-DAEMON-MAXPERCENT", "[AWS-obs] cdk-preflight pf-ecs-svc-daemon-max-percent; CDK", (ctx, service) => {
  const max = int(ctx, deployment(ctx, service), "maximumPercent");
  return max && max.value !== 100 ? { span: max.span, path: ["deploymentConfiguration", "maximumPercent"], value: String(max.value) } : undefined;
});

export const daemonAzRebalancing = daemonRule("SVC-DAEMON-AZ-REBALANCING", "[AWS-obs] cdk-preflight pf-ecs-svc-az-rebalancing-with-daemon", (ctx, service) => {
  const rebalancing = str(ctx, service, "availabilityZoneRebalancing");
  return rebalancing?.value === "ENABLED" ? { span: rebalancing.span, path: ["availabilityZoneRebalancing"] } : undefined;
});

export const percentBounds = rule("SVC-PERCENT-BOUNDS", "error", "K", "[AWS-obs] cdk-preflight pf-ecs-service-deployment-percent / pf-ecs-svc-min-healthy-over-max-percent", (ctx, service) => {
  const config = deployment(ctx, service);
  const min = int(ctx, config, "minimumHealthyPercent");
  const max = int(ctx, config, "maximumPercent");
  if (min && min.value > 100) report(ctx, "SVC-PERCENT-BOUNDS", min.span, ["deploymentConfiguration", "minimumHealthyPercent"], { detail: "min" });
  if (max && max.value < 100 && !ctx.service.daemon) report(ctx, "SVC-PERCENT-BOUNDS", max.span, ["deploymentConfiguration", "maximumPercent"], { detail: "max" });
  if (min && max && min.value === 100 && max.value === 100) report(ctx, "SVC-PERCENT-BOUNDS", max.span, ["deploymentConfiguration", "maximumPercent"], { detail: "both" });
});

export const percentCapacity = rule("SVC-PERCENT-CAPACITY", "runtime", "K", "[AWS-doc] rolling update arithmetic; our addition", (ctx, service) => {
  const count = int(ctx, service, "desiredCount")?.value;
  const config = deployment(ctx, service);
  if (count === undefined || count === 0 || ctx.service.controller !== "ECS" || ctx.service.daemon) return;
  const min = int(ctx, config, "minimumHealthyPercent")?.value ?? 100;
  const maxField = int(ctx, config, "maximumPercent");
  const max = maxField?.value ?? 200;
  // The scheduler keeps at least ceil(desired × min%) running and at most floor(desired × max%): with no gap there is no room to replace a task.
  const floorRunning = Math.ceil((count * min) / 100);
  const ceilingRunning = Math.floor((count * max) / 100);
  if (ceilingRunning <= floorRunning && floorRunning >= count) {
    report(ctx, "SVC-PERCENT-CAPACITY", maxField?.span ?? keyOf(service, "desiredCount")!, ["deploymentConfiguration", "maximumPercent"], { value: String(count), detail: `${min}/${max}` });
  }
});

export const percentWithCodeDeploy = rule("SVC-PERCENT-CODEDEPLOY-EC2", "error", "K", "[AWS-doc] DeploymentConfiguration", (ctx, service) => {
  if (ctx.service.controller === "ECS") return;
  const config = deployment(ctx, service);
  for (const member of ["minimumHealthyPercent", "maximumPercent"]) {
    const value = int(ctx, config, member);
    if (!value) continue;
    const finding = ctx.report("SVC-PERCENT-CODEDEPLOY-EC2", { value: ctx.service.controller }, value.span, ["deploymentConfiguration", member]);
    if (ctx.service.launch === "FARGATE") {
      finding.level = "warning";
      finding.stage = "advice";
    }
  }
});

export const circuitBreakerController = rule("SVC-CIRCUIT-BREAKER-CONTROLLER", "error", "K", "[AWS-doc] DeploymentCircuitBreaker, DeploymentAlarms", (ctx, service) => {
  if (ctx.service.controller === "ECS") return;
  const config = deployment(ctx, service);
  for (const member of ["deploymentCircuitBreaker", "alarms"]) {
    const span = keyOf(config, member);
    if (span) report(ctx, "SVC-CIRCUIT-BREAKER-CONTROLLER", span, ["deploymentConfiguration", member], { value: ctx.service.controller, detail: member });
  }
});

export const strategyConfiguration = rule("SVC-STRATEGY-CONFIG", "error", "K", "[AWS-doc]; CFN schema min/max (cfn-lint E3034)", (ctx, service) => {
  const config = deployment(ctx, service);
  if (!config) return;
  const strategy = str(ctx, config, "strategy")?.value ?? "ROLLING";
  const pairs: Array<[string, string]> = [["linearConfiguration", "LINEAR"], ["canaryConfiguration", "CANARY"]];
  for (const [member, needs] of pairs) {
    const span = keyOf(config, member);
    if (span && strategy !== needs) report(ctx, "SVC-STRATEGY-CONFIG", span, ["deploymentConfiguration", member], { value: member, detail: `needs:${needs}` });
  }
  const ranges: Array<[JsonNode | undefined, string, number, number, PathSegment[]]> = [
    [config, "bakeTimeInMinutes", 0, 1440, ["deploymentConfiguration", "bakeTimeInMinutes"]],
    [obj(ctx, config, "canaryConfiguration")?.value, "canaryBakeTimeInMinutes", 0, 1440, ["deploymentConfiguration", "canaryConfiguration", "canaryBakeTimeInMinutes"]],
    [obj(ctx, config, "linearConfiguration")?.value, "stepBakeTimeInMinutes", 0, 1440, ["deploymentConfiguration", "linearConfiguration", "stepBakeTimeInMinutes"]],
  ];
  for (const [object, member, min, max, path] of ranges) {
    const value = int(ctx, object, member);
    if (value && (value.value < min || value.value > max)) report(ctx, "SVC-STRATEGY-CONFIG", value.span, path, { value: String(value.value), detail: `range:${min}-${max}` });
  }
  const percents: Array<[string, string, number]> = [["canaryConfiguration", "canaryPercent", 0.1], ["linearConfiguration", "stepPercent", 3]];
  for (const [parent, member, min] of percents) {
    const node = present(obj(ctx, config, parent)?.value, member);
    if (node?.kind === "number" && ((node.value as number) < min || (node.value as number) > 100 || Math.abs(Math.round((node.value as number) * 10) - (node.value as number) * 10) > 1e-9)) {
      report(ctx, "SVC-STRATEGY-CONFIG", valueSpan(node), ["deploymentConfiguration", parent, member], { value: String(node.value), detail: `range:${min}-100` });
    }
  }
  if (strategy === "BLUE_GREEN" && !present(config, "bakeTimeInMinutes")) report(ctx, "SVC-STRATEGY-CONFIG", keyOf(service, "deploymentConfiguration")!, ["deploymentConfiguration", "bakeTimeInMinutes"], { value: "bakeTimeInMinutes", detail: "bake" });
});

export const lifecycleHooks = rule("SVC-LIFECYCLE-HOOKS", "error", "K", "API model; CFN schema", (ctx, service) => {
  for (const { node, index } of objectsOf(ctx, deployment(ctx, service), "lifecycleHooks")) {
    const missing = ["hookTargetArn", "roleArn", "lifecycleStages"].filter((member) => !present(node, member) || (member === "lifecycleStages" && list(ctx, node, member)?.value.length === 0));
    if (missing.length > 0) report(ctx, "SVC-LIFECYCLE-HOOKS", { start: node.start, end: node.start + 1 }, ["deploymentConfiguration", "lifecycleHooks", index], { value: missing.join(", ") });
  }
});

export const codeDeployNeedsLoadBalancer = rule("SVC-CODEDEPLOY-LB", "error", "K", "[AWS-obs] cdk-preflight pf-ecs-service-codedeploy-lb", (ctx, service) => {
  if (ctx.service.controller !== "CODE_DEPLOY" || ctx.operation !== "CreateService") return;
  const targetGroups = objectsOf(ctx, service, "loadBalancers").filter(({ node }) => present(node, "targetGroupArn"));
  if (targetGroups.length === 0) report(ctx, "SVC-CODEDEPLOY-LB", keyOf(service, "deploymentController")!, ["loadBalancers"]);
});

export const platformVersionOnEc2 = rule("SVC-PLATFORMVERSION-EC2", "error", "K", "[AWS-obs] aws/amazon-ecs-cli#1040/#1047; cdk-preflight pf-ecs-service-platform-version-ec2", (ctx, service) => {
  const version = str(ctx, service, "platformVersion");
  if (version && ctx.service.launch === "EC2") report(ctx, "SVC-PLATFORMVERSION-EC2", version.span, ["platformVersion"]);
});

export const platformVersionValue = rule("SVC-PLATFORMVERSION-VALUE", "error", "K", "[AWS-doc] Fargate platform versions", (ctx, service) => {
  const version = str(ctx, service, "platformVersion");
  if (version && !PLATFORM_VERSIONS.has(version.value)) report(ctx, "SVC-PLATFORMVERSION-VALUE", version.span, ["platformVersion"], { value: version.value });
});

function awsvpcConfiguration(ctx: RuleContext, service: JsonNode) {
  return obj(ctx, obj(ctx, service, "networkConfiguration")?.value, "awsvpcConfiguration")?.value;
}

export const networkSubnets = rule("SVC-NETCONF-SUBNETS", "error", "K", "[CLI] (subnets required); [AWS-doc] limits; moto; cfn-lint E1154/E1150", (ctx, service) => {
  const vpc = awsvpcConfiguration(ctx, service);
  if (!vpc) return;
  const subnets = list(ctx, vpc, "subnets");
  const path = ["networkConfiguration", "awsvpcConfiguration"];
  if (subnets && subnets.value.length === 0) report(ctx, "SVC-NETCONF-SUBNETS", subnets.span, [...path, "subnets"], { detail: "empty" });
  if (subnets && subnets.value.length > 16) report(ctx, "SVC-NETCONF-SUBNETS", subnets.span, [...path, "subnets"], { detail: "subnetCount" });
  const groups = list(ctx, vpc, "securityGroups");
  if (groups && groups.value.length > 5) report(ctx, "SVC-NETCONF-SUBNETS", groups.span, [...path, "securityGroups"], { detail: "groupCount" });
  for (const subnet of stringsOf(ctx, vpc, "subnets")) if (!SUBNET.test(subnet.value)) report(ctx, "SVC-NETCONF-SUBNETS", subnet.span, [...path, "subnets", subnet.index], { value: subnet.value, detail: "subnetId" });
  for (const group of stringsOf(ctx, vpc, "securityGroups")) if (!SECURITY_GROUP.test(group.value)) report(ctx, "SVC-NETCONF-SUBNETS", group.span, [...path, "securityGroups", group.index], { value: group.value, detail: "groupId" });
});

export const publicIpOnEc2 = rule("SVC-PUBLICIP-EC2", "error", "K", "[AWS-obs] aws/amazon-ecs-cli#627, aws-cdk#13348, waypoint#643", (ctx, service) => {
  const assign = str(ctx, awsvpcConfiguration(ctx, service), "assignPublicIp");
  if (assign?.value === "ENABLED" && (ctx.service.launch === "EC2" || ctx.service.launch === "EXTERNAL")) {
    report(ctx, "SVC-PUBLICIP-EC2", assign.span, ["networkConfiguration", "awsvpcConfiguration", "assignPublicIp"]);
  }
});

export const placementOnFargate = rule("SVC-PLACEMENT-FARGATE", "error", "K", "[AWS-obs] cdk-preflight pf-ecs-service-fargate-placement", (ctx, service) => {
  if (ctx.service.launch !== "FARGATE") return;
  for (const member of ["placementConstraints", "placementStrategy"]) {
    const items = list(ctx, service, member);
    if (items && items.value.length > 0) report(ctx, "SVC-PLACEMENT-FARGATE", items.span, [member], { value: member });
  }
});

export const placementStrategyField = rule("SVC-PLACEMENT-STRATEGY-FIELD", "error", "K", "[AWS-obs] cdk-preflight pf-ecs-svc-binpack-field / -random-with-field / -placement-strategies-max6", (ctx, service) => {
  const items = objectsOf(ctx, service, "placementStrategy");
  if (items.length > 5) report(ctx, "SVC-PLACEMENT-STRATEGY-FIELD", keyOf(service, "placementStrategy")!, ["placementStrategy"], { detail: "count" });
  for (const { node, index } of items) {
    const type = str(ctx, node, "type")?.value;
    const field = str(ctx, node, "field");
    const fieldNode = present(node, "field");
    const path = ["placementStrategy", index, "field"];
    if (type === "binpack" && field && !["cpu", "memory"].includes(field.value.toLowerCase())) report(ctx, "SVC-PLACEMENT-STRATEGY-FIELD", field.span, path, { value: field.value, detail: "binpack" });
    if (type === "random" && fieldNode) report(ctx, "SVC-PLACEMENT-STRATEGY-FIELD", valueSpan(fieldNode), path, { detail: "random" });
    if (type === "spread" && field && !/^(instanceId|host|attribute:.+)$/i.test(field.value)) report(ctx, "SVC-PLACEMENT-STRATEGY-FIELD", field.span, path, { value: field.value, detail: "spread" });
  }
});

export const placementConstraint = rule("SVC-PLACEMENT-CONSTRAINT", "error", "K", "[AWS-obs] cdk-preflight pf-ecs-svc-placement-constraint-distinct-instance-expression", (ctx, service) => {
  const items = objectsOf(ctx, service, "placementConstraints");
  if (items.length > 10) report(ctx, "SVC-PLACEMENT-CONSTRAINT", keyOf(service, "placementConstraints")!, ["placementConstraints"], { detail: "count" });
  for (const { node, index } of items) {
    const type = str(ctx, node, "type")?.value;
    const expression = present(node, "expression");
    if (type === "distinctInstance" && expression) report(ctx, "SVC-PLACEMENT-CONSTRAINT", valueSpan(expression), ["placementConstraints", index, "expression"], { detail: "distinct" });
    if (type === "memberOf" && !expression) report(ctx, "SVC-PLACEMENT-CONSTRAINT", { start: node.start, end: node.start + 1 }, ["placementConstraints", index, "expression"], { detail: "memberOf" });
  }
});

export const capacityProviderStrategy = rule("SVC-CPS-RULES", "error", "K", "[AWS-obs] cdk-preflight pf-ecs-svc-capacity-provider-multiple-base / -zero-weight; API model ranges", (ctx, service) => {
  const items = objectsOf(ctx, service, "capacityProviderStrategy");
  if (items.length === 0) return;
  const path = (index: number, member: string): PathSegment[] => ["capacityProviderStrategy", index, member];
  if (items.length > 20) report(ctx, "SVC-CPS-RULES", keyOf(service, "capacityProviderStrategy")!, ["capacityProviderStrategy"], { detail: "count" });
  const names = new Set<string>();
  let withBase = 0;
  let positiveWeight = false;
  for (const { node, index } of items) {
    const weight = int(ctx, node, "weight");
    const base = int(ctx, node, "base");
    const name = str(ctx, node, "capacityProvider");
    if (weight && (weight.value < 0 || weight.value > 1000)) report(ctx, "SVC-CPS-RULES", weight.span, path(index, "weight"), { value: String(weight.value), detail: "weight" });
    if (base && (base.value < 0 || base.value > 100000)) report(ctx, "SVC-CPS-RULES", base.span, path(index, "base"), { value: String(base.value), detail: "base" });
    if (base && base.value > 0 && ++withBase === 2) report(ctx, "SVC-CPS-RULES", base.span, path(index, "base"), { detail: "multipleBase" });
    if ((weight?.value ?? 0) > 0) positiveWeight = true;
    if (name && names.has(name.value)) report(ctx, "SVC-CPS-RULES", name.span, path(index, "capacityProvider"), { value: name.value, detail: "duplicate" });
    if (name) names.add(name.value);
  }
  if (!positiveWeight && items.every(({ node }) => present(node, "weight") === undefined || int(ctx, node, "weight") !== undefined)) {
    report(ctx, "SVC-CPS-RULES", keyOf(service, "capacityProviderStrategy")!, ["capacityProviderStrategy"], { detail: "zeroWeight" });
  }
});

export const roleNeedsLoadBalancer = rule("SVC-ROLE-NEEDS-LB", "error", "K", "[AWS-obs] cdk-preflight pf-ecs-svc-role-without-load-balancers", (ctx, service) => {
  const role = str(ctx, service, "role");
  if (role && (list(ctx, service, "loadBalancers")?.value.length ?? 0) === 0) report(ctx, "SVC-ROLE-NEEDS-LB", role.span, ["role"]);
});

export const loadBalancerExclusive = rule("SVC-LB-EXCLUSIVE", "error", "K", "[AWS-obs] cdk-preflight pf-ecs-service-lb-target-exclusive", (ctx, service) => {
  const items = objectsOf(ctx, service, "loadBalancers");
  const kinds = new Set<string>();
  for (const { node, index } of items) {
    const both = present(node, "targetGroupArn") && present(node, "loadBalancerName");
    if (both) report(ctx, "SVC-LB-EXCLUSIVE", keyOf(node, "loadBalancerName")!, ["loadBalancers", index, "loadBalancerName"]);
    kinds.add(present(node, "targetGroupArn") ? "tg" : present(node, "loadBalancerName") ? "clb" : "none");
  }
  if (kinds.has("tg") && kinds.has("clb")) report(ctx, "SVC-LB-EXCLUSIVE", keyOf(service, "loadBalancers")!, ["loadBalancers"], { detail: "mixed" });
});

export const loadBalancerFields = rule("SVC-LB-FIELDS", "error", "K", "[AWS-obs] aws/amazon-ecs-cli#359; [AWS-doc] quota", (ctx, service) => {
  const items = objectsOf(ctx, service, "loadBalancers");
  for (const { node, index } of items) {
    for (const member of ["containerName", "containerPort"]) {
      if (!present(node, member)) report(ctx, "SVC-LB-FIELDS", { start: node.start, end: node.start + 1 }, ["loadBalancers", index, member], { value: member });
    }
  }
  if (items.filter(({ node }) => present(node, "targetGroupArn")).length > 5) report(ctx, "SVC-LB-FIELDS", keyOf(service, "loadBalancers")!, ["loadBalancers"], { detail: "count" });
});

export const registriesMax = rule("SVC-REGISTRIES-MAX", "error", "K", "[AWS-obs] cdk-preflight pf-ecs-svc-registries-multiple", (ctx, service) => {
  const registries = list(ctx, service, "serviceRegistries");
  if (registries && registries.value.length > 1) report(ctx, "SVC-REGISTRIES-MAX", registries.span, ["serviceRegistries"]);
});

export const managedTags = rule("SVC-ECSMANAGEDTAGS", "warning", "K", "[AWS-doc] CreateService.enableECSManagedTags", (ctx, service) => {
  const managed = bool(ctx, service, "enableECSManagedTags");
  const propagate = str(ctx, service, "propagateTags")?.value;
  if (managed?.value === true && (propagate === undefined || propagate === "NONE") && !(propagate === undefined && present(service, "propagateTags"))) {
    report(ctx, "SVC-ECSMANAGEDTAGS", managed.span, ["enableECSManagedTags"]);
  }
});

export const serviceConnectAliases = rule("SVC-SC-ALIASES", "error", "K", "[AWS-obs] cdk-preflight pf-ecs-svc-connect-client-aliases-max / -client-alias-dns-name", (ctx, service) => {
  const connect = obj(ctx, service, "serviceConnectConfiguration")?.value;
  for (const { node, index } of objectsOf(ctx, connect, "services")) {
    const base: PathSegment[] = ["serviceConnectConfiguration", "services", index];
    const aliases = list(ctx, node, "clientAliases");
    if (aliases && aliases.value.length > 1) report(ctx, "SVC-SC-ALIASES", aliases.span, [...base, "clientAliases"], { value: String(aliases.value.length), detail: "count" });
    for (const { node: alias, index: aliasIndex } of objectsOf(ctx, node, "clientAliases")) {
      const port = int(ctx, alias, "port");
      if (port && (port.value < 0 || port.value > 65535)) report(ctx, "SVC-SC-ALIASES", port.span, [...base, "clientAliases", aliasIndex, "port"], { value: String(port.value), detail: "port" });
      const dns = str(ctx, alias, "dnsName");
      if (dns && !PORT_DNS.test(dns.value)) report(ctx, "SVC-SC-ALIASES", dns.span, [...base, "clientAliases", aliasIndex, "dnsName"], { value: dns.value, detail: "dns" });
    }
    const discovery = str(ctx, node, "discoveryName");
    if (discovery && !DISCOVERY_NAME.test(discovery.value)) report(ctx, "SVC-SC-ALIASES", discovery.span, [...base, "discoveryName"], { value: discovery.value, detail: "discovery" });
  }
});

export const serviceConnectNamespace = rule("SVC-SC-NAMESPACE", "warning", "K", "[AWS-obs] cdk-preflight pf-ecs-svc-connect-without-namespace", (ctx, service) => {
  // AWS rejects it ("Namespace is missing") unless the cluster has a default Service Connect namespace, which
  // the input does not show: so a warning that names both ways out.
  const connect = obj(ctx, service, "serviceConnectConfiguration")?.value;
  const enabled = bool(ctx, connect, "enabled");
  if (enabled?.value === true && !present(connect, "namespace")) report(ctx, "SVC-SC-NAMESPACE", enabled.span, ["serviceConnectConfiguration", "namespace"]);
});

export const serviceConnectAccessLog = rule("SVC-SC-ACCESSLOG-NEEDS-LOG", "error", "K", "[AWS-doc] ServiceConnectConfiguration.accessLogConfiguration", (ctx, service) => {
  const connect = obj(ctx, service, "serviceConnectConfiguration")?.value;
  const span = keyOf(connect, "accessLogConfiguration");
  if (span && !present(connect, "logConfiguration")) report(ctx, "SVC-SC-ACCESSLOG-NEEDS-LOG", span, ["serviceConnectConfiguration", "accessLogConfiguration"]);
});

const EBS_SIZE: Record<string, [number, number]> = { gp2: [1, 16384], gp3: [1, 16384], io1: [4, 16384], io2: [4, 65536], st1: [125, 16384], sc1: [125, 16384], standard: [1, 1024] };

export const managedEbs = rule("SVC-EBS-CONFIG", "error", "K", "[AWS-doc] ServiceManagedEBSVolumeConfiguration", (ctx, service) => {
  for (const { node, index } of objectsOf(ctx, service, "volumeConfigurations")) {
    const ebs = obj(ctx, node, "managedEBSVolume")?.value;
    if (!ebs) continue;
    const path: PathSegment[] = ["volumeConfigurations", index, "managedEBSVolume"];
    const at = { start: ebs.start, end: ebs.start + 1 };
    const type = str(ctx, ebs, "volumeType")?.value ?? "gp3";
    const size = int(ctx, ebs, "sizeInGiB");
    if (!present(ebs, "sizeInGiB") && !present(ebs, "snapshotId")) report(ctx, "SVC-EBS-CONFIG", at, [...path, "sizeInGiB"], { detail: "size" });
    const range = EBS_SIZE[type];
    if (size && range && (size.value < range[0] || size.value > range[1])) report(ctx, "SVC-EBS-CONFIG", size.span, [...path, "sizeInGiB"], { value: `${type}:${range[0]}-${range[1]}`, detail: "sizeRange" });
    const iops = keyOf(ebs, "iops");
    if (iops && !["gp3", "io1", "io2"].includes(type)) report(ctx, "SVC-EBS-CONFIG", iops, [...path, "iops"], { value: type, detail: "iops" });
    if (!iops && (type === "io1" || type === "io2")) report(ctx, "SVC-EBS-CONFIG", at, [...path, "iops"], { value: type, detail: "iopsRequired" });
    const throughput = int(ctx, ebs, "throughput");
    if (throughput && (type !== "gp3" || throughput.value > 1000)) report(ctx, "SVC-EBS-CONFIG", throughput.span, [...path, "throughput"], { value: type, detail: "throughput" });
    const rate = keyOf(ebs, "volumeInitializationRate");
    if (rate && !present(ebs, "snapshotId")) report(ctx, "SVC-EBS-CONFIG", rate, [...path, "volumeInitializationRate"], { detail: "rate" });
    if (type === "standard" && ctx.service.launch === "FARGATE") report(ctx, "SVC-EBS-CONFIG", at, [...path, "volumeType"], { detail: "standard" });
  }
});

export const publicIp = rule("BP-PUBLIC-IP", "warning", "M", "Security Hub ECS.2; CT.ECS.PR.9; checkov CKV_AWS_333", (ctx, service) => {
  const assign = str(ctx, awsvpcConfiguration(ctx, service), "assignPublicIp");
  if (assign?.value === "ENABLED") report(ctx, "BP-PUBLIC-IP", assign.span, ["networkConfiguration", "awsvpcConfiguration", "assignPublicIp"]);
});

export const fargateLatest = rule("BP-FARGATE-LATEST", "warning", "M", "Security Hub ECS.10; Config ecs-fargate-latest-platform-version; checkov CKV_AWS_332", (ctx, service) => {
  const version = str(ctx, service, "platformVersion");
  if (version && version.value !== "LATEST" && ctx.service.launch === "FARGATE") report(ctx, "BP-FARGATE-LATEST", version.span, ["platformVersion"], { value: version.value });
});

export const circuitBreaker = rule("BP-CIRCUIT-BREAKER", "warning", "M", "AWS ECS deployment best practices", (ctx, service) => {
  if (ctx.operation !== "CreateService" || ctx.service.controller !== "ECS") return;
  const config = deployment(ctx, service);
  const breaker = obj(ctx, config, "deploymentCircuitBreaker")?.value;
  const enabled = bool(ctx, breaker, "enable")?.value === true && bool(ctx, breaker, "rollback")?.value === true;
  const alarms = bool(ctx, obj(ctx, config, "alarms")?.value, "enable")?.value === true;
  if (!enabled && !alarms) report(ctx, "BP-CIRCUIT-BREAKER", keyOf(service, "deploymentConfiguration") ?? ctx.service.span, ["deploymentConfiguration", "deploymentCircuitBreaker"]);
});

export const serviceInputRules: RuleDefinition[] = [
  serviceName,
  taskDefinitionRequired,
  externalController,
  launchTypeXorStrategy,
  managedInstancesLaunchType,
  desiredCountReplica,
  daemonDesiredCount,
  daemonPlacementStrategy,
  daemonCapacityProviders,
  daemonFargate,
  daemonMaxPercent,
  daemonAzRebalancing,
  percentBounds,
  percentCapacity,
  percentWithCodeDeploy,
  circuitBreakerController,
  strategyConfiguration,
  lifecycleHooks,
  codeDeployNeedsLoadBalancer,
  platformVersionOnEc2,
  platformVersionValue,
  networkSubnets,
  publicIpOnEc2,
  placementOnFargate,
  placementStrategyField,
  placementConstraint,
  capacityProviderStrategy,
  roleNeedsLoadBalancer,
  loadBalancerExclusive,
  loadBalancerFields,
  registriesMax,
  managedTags,
  serviceConnectAliases,
  serviceConnectNamespace,
  serviceConnectAccessLog,
  managedEbs,
  publicIp,
  fargateLatest,
  circuitBreaker,
];

export { rule as serviceRule, report as reportService, awsvpcConfiguration, keyOf, deployment };
