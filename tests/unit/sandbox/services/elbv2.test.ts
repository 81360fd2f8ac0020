/**
 * Elastic Load Balancing v2's logic: the health-check state machine planned ahead on the simulated clock (health.ts),
 * what checks find (probe.ts: no task, a closed port, a wrong path, a security group), draining, the target group's
 * use by listeners and zones, and the operations' rules (idempotent creates, pages, attributes, rules, tags).
 */
import { describe, expect, test } from "vitest";
import { AWS_MODELS } from "@/lib/aws-models";
import { sandboxNetwork } from "@/lib/sandbox/services/ec2/network";
import { elbv2Provider } from "@/lib/sandbox/services/elbv2";
import { HEALTH, planChecks, VERDICTS, type Segment } from "@/lib/sandbox/services/elbv2/health";
import { matcherAccepts } from "@/lib/sandbox/services/elbv2/probe";
import { defaultHealthCheck } from "@/lib/sandbox/services/elbv2/quotas";
import { providerDriver } from "../support/provider-driver";

const T0 = Date.UTC(2026, 0, 1);
const check = { ...defaultHealthCheck("HTTP"), intervalSeconds: 10, healthyThreshold: 3, unhealthyThreshold: 2 };
const FIRST = T0 + 10_000;
const at = (seconds: number) => T0 + seconds * 1000;
const ALWAYS = Number.NEGATIVE_INFINITY;

describe("planChecks: the health-check state machine", () => {
  test("a target that answers at once: registration, initial checks, healthy after HealthyThresholdCount checks", () => {
    expect(planChecks(HEALTH.registering, [{ fromMs: ALWAYS, verdict: null }], FIRST, check)).toEqual([
      { atMs: at(10), ...HEALTH.initialChecks },
      { atMs: at(30), state: "healthy" },
    ]);
  });

  test("a target that never answers: unhealthy after UnhealthyThresholdCount checks, then nothing more", () => {
    expect(planChecks(HEALTH.registering, [{ fromMs: ALWAYS, verdict: VERDICTS.timeout }], FIRST, check)).toEqual([
      { atMs: at(10), ...HEALTH.initialChecks },
      { atMs: at(20), state: "unhealthy", reason: "Target.Timeout", description: "Request timed out" },
    ]);
  });

  test("a slow starter: unhealthy (503) until it is ready, then healthy at the third passing check", () => {
    const segments: Segment[] = [
      { fromMs: ALWAYS, verdict: VERDICTS.codes(503) },
      { fromMs: at(45), verdict: null },
    ];
    expect(planChecks(HEALTH.registering, segments, FIRST, check)).toEqual([
      { atMs: at(10), ...HEALTH.initialChecks },
      { atMs: at(20), state: "unhealthy", reason: "Target.ResponseCodeMismatch", description: "Health checks failed with these codes: [503]" },
      // Checks at 50, 60, 70 pass.
      { atMs: at(70), state: "healthy" },
    ]);
  });

  test("an unhealthy target's reason follows what the next check finds (503 while starting, then 404 on a wrong path)", () => {
    const segments: Segment[] = [
      { fromMs: ALWAYS, verdict: VERDICTS.codes(503) },
      { fromMs: at(35), verdict: VERDICTS.codes(404) },
    ];
    expect(planChecks(HEALTH.registering, segments, FIRST, check).map((c) => [c.atMs - T0, c.state, c.description])).toEqual([
      [10_000, "initial", "Initial health checks in progress"],
      [20_000, "unhealthy", "Health checks failed with these codes: [503]"],
      [40_000, "unhealthy", "Health checks failed with these codes: [404]"],
    ]);
  });

  test("a healthy target that starts failing needs UnhealthyThresholdCount failures in a row", () => {
    const segments: Segment[] = [
      { fromMs: ALWAYS, verdict: null },
      { fromMs: at(100), verdict: VERDICTS.failed },
    ];
    expect(planChecks(HEALTH.healthy, segments, FIRST, check)).toEqual([{ atMs: at(110), state: "unhealthy", ...VERDICTS.failed }]);
  });

  test("a plan does not grow with time: a change a year away is one jump", () => {
    const year = 365 * 86_400_000;
    const plan = planChecks(HEALTH.registering, [{ fromMs: ALWAYS, verdict: VERDICTS.timeout }, { fromMs: at(0) + year, verdict: null }], FIRST, check);
    expect(plan.map((c) => c.state)).toEqual(["initial", "unhealthy", "healthy"]);
    expect(plan[2].atMs).toBe(FIRST + Math.ceil((year - 10_000) / 10_000) * 10_000 + 20_000);
  });

  test("matchers: single codes, lists and ranges", () => {
    expect([matcherAccepts("200", 200), matcherAccepts("200", 204), matcherAccepts("200,204", 204), matcherAccepts("200-299", 299), matcherAccepts("200-299", 301)]).toEqual([
      true,
      false,
      true,
      true,
      false,
    ]);
  });
});

function sandbox() {
  const driver = providerDriver((name) => elbv2Provider.operations[name], T0, "123456789012", "ap-northeast-1");
  const net = sandboxNetwork(driver.state);
  const alb = (name = "web-alb", subnets = net.publicSubnetIds.slice(0, 2)) =>
    driver.call("CreateLoadBalancer", { Name: name, Subnets: subnets, SecurityGroups: [net.securityGroupIds.alb] }).LoadBalancers[0].LoadBalancerArn as string;
  const ipGroup = (name = "web-tg", extra: object = {}) =>
    driver.call("CreateTargetGroup", { Name: name, Protocol: "HTTP", Port: 80, VpcId: net.vpcId, TargetType: "ip", HealthCheckIntervalSeconds: 10, ...extra }).TargetGroups[0]
      .TargetGroupArn as string;
  const listen = (lb: string, group: string, port = 80) =>
    driver.call("CreateListener", { LoadBalancerArn: lb, Protocol: "HTTP", Port: port, DefaultActions: [{ Type: "forward", TargetGroupArn: group }] }).Listeners[0].ListenerArn as string;
  const health = (group: string) =>
    (driver.call("DescribeTargetHealth", { TargetGroupArn: group }).TargetHealthDescriptions as { Target: { Id: string }; TargetHealth: { State: string; Reason?: string; Description?: string } }[]).map(
      (d) => `${d.Target.Id} ${d.TargetHealth.State} ${d.TargetHealth.Reason ?? ""}`.trim(),
    );
  return { driver, net, alb, ipGroup, listen, health };
}

describe("targets on the simulated clock", () => {
  test("unused until a listener forwards to the group; unused again when the listener goes", () => {
    const { driver, alb, ipGroup, listen, health } = sandbox();
    const group = ipGroup();
    driver.call("RegisterTargets", { TargetGroupArn: group, Targets: [{ Id: "10.0.0.10" }] });
    expect(health(group)).toEqual(["10.0.0.10 unused Target.NotInUse"]);
    const listener = listen(alb(), group);
    expect(health(group)).toEqual(["10.0.0.10 initial Elb.RegistrationInProgress"]);
    driver.tick(10_000);
    expect(health(group)).toEqual(["10.0.0.10 initial Elb.InitialHealthChecking"]);
    driver.tick(10_000);
    expect(health(group)).toEqual(["10.0.0.10 unhealthy Target.Timeout"]);
    driver.call("DeleteListener", { ListenerArn: listener });
    expect(health(group)).toEqual(["10.0.0.10 unused Target.NotInUse"]);
    // Nothing left pending for it: the sandbox's clock has no timer of that target.
    expect(driver.state.timers.filter((t) => t.step === "elb-target")).toEqual([]);
  });

  test("a target in a zone the load balancer does not have is unused", () => {
    const { driver, net, alb, ipGroup, listen } = sandbox();
    const group = ipGroup();
    listen(alb("two-zones", net.publicSubnetIds.slice(0, 2)), group);
    // 10.0.32.10 is in the third zone's public subnet (10.0.32.0/20).
    driver.call("RegisterTargets", { TargetGroupArn: group, Targets: [{ Id: "10.0.32.10" }] });
    expect(driver.call("DescribeTargetHealth", { TargetGroupArn: group }).TargetHealthDescriptions[0].TargetHealth).toEqual({
      State: "unused",
      Reason: "Target.NotInUse",
      Description: "Target is in an Availability Zone that is not enabled for the load balancer",
    });
  });

  test("deregistering drains for the deregistration delay, then the target is gone", () => {
    const { driver, alb, ipGroup, listen, health } = sandbox();
    const group = ipGroup();
    listen(alb(), group);
    driver.call("ModifyTargetGroupAttributes", { TargetGroupArn: group, Attributes: [{ Key: "deregistration_delay.timeout_seconds", Value: "45" }] });
    driver.call("RegisterTargets", { TargetGroupArn: group, Targets: [{ Id: "10.0.0.10" }, { Id: "10.0.0.11", Port: 8080 }] });
    driver.call("DeregisterTargets", { TargetGroupArn: group, Targets: [{ Id: "10.0.0.10" }] });
    expect(health(group)).toEqual(["10.0.0.10 draining Target.DeregistrationInProgress", "10.0.0.11 initial Elb.RegistrationInProgress"]);
    driver.tick(44_999);
    expect(health(group)[0]).toBe("10.0.0.10 draining Target.DeregistrationInProgress");
    driver.tick(1);
    expect(health(group)).toEqual(["10.0.0.11 unhealthy Target.Timeout"]);
    expect(driver.fail("DeregisterTargets", { TargetGroupArn: group, Targets: [{ Id: "10.0.0.10" }] })).toEqual({
      code: "InvalidTargetException",
      message: "The specified target does not exist, is not in the same VPC as the target group, or has an unsupported instance type.",
    });
  });

  test("health checks disabled: unavailable; enabled again: checks start over", () => {
    const { driver, alb, ipGroup, listen, health } = sandbox();
    const group = ipGroup();
    listen(alb(), group);
    driver.call("RegisterTargets", { TargetGroupArn: group, Targets: [{ Id: "10.0.0.10" }] });
    driver.call("ModifyTargetGroup", { TargetGroupArn: group, HealthCheckEnabled: false });
    expect(health(group)).toEqual(["10.0.0.10 unavailable Target.HealthCheckDisabled"]);
    driver.call("ModifyTargetGroup", { TargetGroupArn: group, HealthCheckEnabled: true });
    expect(health(group)).toEqual(["10.0.0.10 initial Elb.RegistrationInProgress"]);
  });

  test("the same calls at the same instants give the same state, timers and answers", () => {
    const run = () => {
      const { driver, alb, ipGroup, listen, health } = sandbox();
      const group = ipGroup("a-tg");
      listen(alb("a-alb"), group);
      driver.call("RegisterTargets", { TargetGroupArn: group, Targets: [{ Id: "10.0.0.10" }, { Id: "10.0.16.10" }] });
      const seen: string[][] = [];
      for (let i = 0; i < 5; i++) {
        driver.tick(7_000);
        seen.push(health(group));
      }
      return JSON.stringify({ seen, state: driver.state });
    };
    expect(run()).toBe(run());
  });
});

describe("operations", () => {
  test("CreateLoadBalancer and CreateTargetGroup are idempotent; other settings under the same name are refused", () => {
    const { driver, net, alb, ipGroup } = sandbox();
    const lb = alb();
    expect(alb()).toBe(lb);
    expect(driver.fail("CreateLoadBalancer", { Name: "web-alb", Subnets: net.publicSubnetIds })).toEqual({
      code: "DuplicateLoadBalancerNameException",
      message: "A load balancer with the same name 'web-alb' exists, but with different settings",
    });
    const group = ipGroup();
    expect(ipGroup()).toBe(group);
    expect(driver.fail("CreateTargetGroup", { Name: "web-tg", Protocol: "HTTP", Port: 8080, VpcId: net.vpcId, TargetType: "ip" })).toEqual({
      code: "DuplicateTargetGroupNameException",
      message: "A target group with the same name 'web-tg' exists, but with different settings",
    });
  });

  test("an ALB's subnets: two zones or more, one subnet per zone, existing subnets and groups", () => {
    const { driver, net } = sandbox();
    const create = (subnets: string[], groups: string[] = []) => driver.fail("CreateLoadBalancer", { Name: "x", Subnets: subnets, SecurityGroups: groups });
    expect(create([net.publicSubnetIds[0]])).toEqual({ code: "ValidationError", message: "At least two subnets in two different Availability Zones must be specified" });
    expect(create([net.publicSubnetIds[0], net.privateSubnetIds[0]])).toEqual({
      code: "InvalidConfigurationRequestException",
      message: "A load balancer cannot be attached to multiple subnets in the same Availability Zone",
    });
    expect(create(["subnet-0123456789abcdef0", net.publicSubnetIds[1]])).toEqual({ code: "SubnetNotFoundException", message: "The specified subnet does not exist." });
    expect(create(net.publicSubnetIds, ["sg-0123456789abcdef0"])).toEqual({ code: "InvalidSecurityGroupException", message: "Security group 'sg-0123456789abcdef0' does not exist" });
    // An NLB may have one subnet and no security group; an ALB without groups gets the VPC's default group.
    const nlb = driver.call("CreateLoadBalancer", { Name: "net", Type: "network", Subnets: [net.publicSubnetIds[0]] }).LoadBalancers[0];
    expect([nlb.Type, nlb.SecurityGroups, nlb.DNSName]).toEqual(["network", undefined, expect.stringMatching(/^net-[0-9a-f]{16}\.elb\.ap-northeast-1\.amazonaws\.com$/)]);
    const bare = driver.call("CreateLoadBalancer", { Name: "bare", Scheme: "internal", Subnets: net.privateSubnetIds }).LoadBalancers[0];
    expect([bare.SecurityGroups, bare.DNSName]).toEqual([[net.securityGroupIds.default], expect.stringMatching(/^internal-bare-\d{10}\.ap-northeast-1\.elb\.amazonaws\.com$/)]);
  });

  test("health-check bounds and names, worded as AWS words them", () => {
    const { driver, net } = sandbox();
    const create = (extra: object, name = "tg") => driver.fail("CreateTargetGroup", { Name: name, Protocol: "HTTP", Port: 80, VpcId: net.vpcId, ...extra });
    expect(create({ HealthCheckIntervalSeconds: 301, HealthyThresholdCount: 11 })).toEqual({
      code: "ValidationError",
      message:
        "2 validation errors detected: Value '301' at 'healthCheckIntervalSeconds' failed to satisfy constraint: Member must have value less than or equal to 300; Value '11' at 'healthyThresholdCount' failed to satisfy constraint: Member must have value less than or equal to 10",
    });
    expect(create({ HealthCheckIntervalSeconds: 5 })).toEqual({ code: "ValidationError", message: "Health check interval must be greater than the timeout." });
    expect(create({}, "a".repeat(33))).toEqual({ code: "ValidationError", message: `Target group name '${"a".repeat(33)}' cannot be longer than '32' characters` });
    expect(create({}, "web_tg")).toEqual({ code: "ValidationError", message: "Target group name 'web_tg' can only contain characters that are alphanumeric characters or hyphens(-)" });
    expect(create({ Matcher: { HttpCode: "ok" } })).toEqual({ code: "InvalidConfigurationRequestException", message: "HttpCode must be like 200 | 200-399 | 200,201 ..." });
    expect(driver.fail("CreateTargetGroup", { Name: "tg", Protocol: "HTTP", Port: 80 })).toEqual({ code: "ValidationError", message: "A VPC ID must be specified" });
  });

  test("ModifyTargetGroup: the timeout stays below the interval; the new settings show", () => {
    const { driver, ipGroup, alb, listen } = sandbox();
    const group = ipGroup();
    listen(alb(), group);
    expect(driver.fail("ModifyTargetGroup", { TargetGroupArn: group, HealthCheckTimeoutSeconds: 10 })).toEqual({
      code: "ValidationError",
      message: "Health check timeout '10' must be smaller than the interval '10'",
    });
    expect(driver.call("ModifyTargetGroup", { TargetGroupArn: group, HealthCheckPath: "/health", Matcher: { HttpCode: "200-299" } }).TargetGroups[0]).toMatchObject({
      HealthCheckPath: "/health",
      Matcher: { HttpCode: "200-299" },
    });
  });

  test("listeners: one per port, protocols of the load balancer's kind, target groups of one load balancer", () => {
    const { driver, net, alb, ipGroup, listen } = sandbox();
    const lb = alb();
    const group = ipGroup();
    listen(lb, group);
    expect(driver.fail("CreateListener", { LoadBalancerArn: lb, Protocol: "HTTP", Port: 80, DefaultActions: [{ Type: "forward", TargetGroupArn: group }] })).toEqual({
      code: "DuplicateListenerException",
      message: `A listener already exists on this port for this load balancer '${lb}'`,
    });
    expect(driver.fail("CreateListener", { LoadBalancerArn: lb, Protocol: "TCP", Port: 81, DefaultActions: [{ Type: "forward", TargetGroupArn: group }] })).toEqual({
      code: "ValidationError",
      message: "Listener protocol 'TCP' must be one of 'HTTPS, HTTP'",
    });
    const other = alb("other-alb");
    expect(driver.fail("CreateListener", { LoadBalancerArn: other, Protocol: "HTTP", Port: 80, DefaultActions: [{ Type: "forward", TargetGroupArn: group }] })).toEqual({
      code: "TargetGroupAssociationLimitException",
      message: `The following target groups cannot be associated with more than one load balancer: ${group}`,
    });
    const nlbGroup = driver.call("CreateTargetGroup", { Name: "tcp-tg", Protocol: "TCP", Port: 80, VpcId: net.vpcId, TargetType: "ip" }).TargetGroups[0];
    expect(nlbGroup).toMatchObject({ HealthCheckProtocol: "TCP", HealthCheckTimeoutSeconds: 10 });
    expect(nlbGroup.HealthCheckPath).toBeUndefined();
    expect(driver.fail("CreateListener", { LoadBalancerArn: lb, Protocol: "HTTP", Port: 82, DefaultActions: [{ Type: "forward", TargetGroupArn: nlbGroup.TargetGroupArn }] }).code).toBe(
      "IncompatibleProtocolsException",
    );
    expect(driver.fail("DeleteTargetGroup", { TargetGroupArn: group })).toEqual({ code: "ResourceInUseException", message: `Target group '${group}' is currently in use by a listener or a rule` });
  });

  test("rules: priorities, the default rule last, SetRulePriorities, and a default rule that cannot go", () => {
    const { driver, alb, ipGroup, listen } = sandbox();
    const lb = alb();
    const listener = listen(lb, ipGroup());
    const api = ipGroup("api-tg");
    const rule = (priority: number, path: string) =>
      driver.call("CreateRule", { ListenerArn: listener, Priority: priority, Conditions: [{ Field: "path-pattern", Values: [path] }], Actions: [{ Type: "forward", TargetGroupArn: api }] }).Rules[0];
    const ten = rule(10, "/api/*");
    expect(ten.Conditions).toEqual([{ Field: "path-pattern", Values: ["/api/*"], PathPatternConfig: { Values: ["/api/*"] } }]);
    rule(5, "/v2/*");
    expect(driver.fail("CreateRule", { ListenerArn: listener, Priority: 5, Conditions: [{ Field: "path-pattern", Values: ["/x"] }], Actions: [{ Type: "forward", TargetGroupArn: api }] })).toEqual({
      code: "PriorityInUseException",
      message: "Priority '5' is currently in use",
    });
    const described = driver.call("DescribeRules", { ListenerArn: listener }).Rules;
    expect(described.map((r: { Priority: string }) => r.Priority)).toEqual(["5", "10", "default"]);
    driver.call("SetRulePriorities", { RulePriorities: [{ RuleArn: ten.RuleArn, Priority: 1 }] });
    expect(driver.call("DescribeRules", { ListenerArn: listener }).Rules.map((r: { Priority: string }) => r.Priority)).toEqual(["1", "5", "default"]);
    const defaultRule = described[2].RuleArn;
    expect(driver.fail("DeleteRule", { RuleArn: defaultRule })).toEqual({ code: "OperationNotPermittedException", message: `Default rule '${defaultRule}' cannot be deleted` });
    driver.call("ModifyRule", { RuleArn: defaultRule, Actions: [{ Type: "fixed-response", FixedResponseConfig: { StatusCode: "503" } }] });
    expect(driver.call("DescribeListeners", { ListenerArns: [listener] }).Listeners[0].DefaultActions).toEqual([{ Type: "fixed-response", FixedResponseConfig: { StatusCode: "503" } }]);
    expect(driver.call("DescribeTargetGroups", { LoadBalancerArn: lb }).TargetGroups.map((g: { TargetGroupName: string }) => g.TargetGroupName)).toEqual(["api-tg"]);
  });

  test("pages: PageSize and the marker of the next page", () => {
    const { driver, ipGroup } = sandbox();
    for (let i = 0; i < 5; i++) ipGroup(`tg-${i}`);
    const first = driver.call("DescribeTargetGroups", { PageSize: 2 });
    expect(first.TargetGroups.map((g: { TargetGroupName: string }) => g.TargetGroupName)).toEqual(["tg-0", "tg-1"]);
    const last = driver.call("DescribeTargetGroups", { PageSize: 3, Marker: first.NextMarker });
    expect([last.TargetGroups.length, last.NextMarker]).toEqual([3, undefined]);
    expect(driver.fail("DescribeTargetGroups", { Marker: "nope" })).toEqual({ code: "ValidationError", message: "Invalid value for marker" });
    expect(driver.fail("DescribeTargetGroups", { PageSize: 401 }).message).toBe(
      "1 validation error detected: Value '401' at 'pageSize' failed to satisfy constraint: Member must have value less than or equal to 400",
    );
  });

  test("attributes: defaults, changes, and the deregistration delay's range", () => {
    const { driver, alb, ipGroup } = sandbox();
    const lb = alb();
    expect(driver.call("ModifyLoadBalancerAttributes", { LoadBalancerArn: lb, Attributes: [{ Key: "deletion_protection.enabled", Value: "true" }] }).Attributes).toContainEqual({
      Key: "deletion_protection.enabled",
      Value: "true",
    });
    expect(driver.fail("DeleteLoadBalancer", { LoadBalancerArn: lb })).toEqual({
      code: "OperationNotPermittedException",
      message: `Load balancer '${lb}' cannot be deleted because deletion protection is enabled`,
    });
    const group = ipGroup();
    expect(driver.fail("ModifyTargetGroupAttributes", { TargetGroupArn: group, Attributes: [{ Key: "deregistration_delay.timeout_seconds", Value: "3601" }] })).toEqual({
      code: "ValidationError",
      message: "'deregistration_delay.timeout_seconds' value '3601' must be between '0-3600' inclusive",
    });
    expect(driver.fail("ModifyTargetGroupAttributes", { TargetGroupArn: group, Attributes: [{ Key: "nope", Value: "1" }] }).message).toBe("Attribute key 'nope' is not recognized");
    // DeleteLoadBalancer of a load balancer that is gone succeeds, as AWS's does.
    expect(driver.call("DeleteLoadBalancer", { LoadBalancerArn: `${lb}0` })).toEqual({});
  });

  test("tags on load balancers and target groups; a missing resource is named by its kind", () => {
    const { driver, alb, ipGroup } = sandbox();
    const lb = alb();
    const group = ipGroup();
    driver.call("AddTags", { ResourceArns: [lb, group], Tags: [{ Key: "team", Value: "web" }] });
    driver.call("AddTags", { ResourceArns: [lb], Tags: [{ Key: "team", Value: "shop" }, { Key: "env", Value: "dev" }] });
    driver.call("RemoveTags", { ResourceArns: [group], TagKeys: ["team"] });
    expect(driver.call("DescribeTags", { ResourceArns: [lb, group] }).TagDescriptions).toEqual([
      { ResourceArn: lb, Tags: [{ Key: "team", Value: "shop" }, { Key: "env", Value: "dev" }] },
      { ResourceArn: group, Tags: [] },
    ]);
    expect(driver.fail("DescribeTags", { ResourceArns: [`${group}0`] })).toEqual({ code: "TargetGroupNotFoundException", message: "One or more target groups not found" });
    expect(driver.fail("AddTags", { ResourceArns: [lb], Tags: [{ Key: "a" }, { Key: "a" }] })).toEqual({ code: "DuplicateTagKeysException", message: "Tag key was specified more than once: a" });
  });

  test("the provider answers every operation the model lists, and nothing else", () => {
    expect(Object.keys(elbv2Provider.operations).sort()).toEqual(Object.keys(AWS_MODELS.elasticloadbalancing.operations).sort());
  });

  test("a sandbox bounds its target groups", () => {
    const { driver, net } = sandbox();
    driver.direct((draft) => {
      for (let i = 0; i < 100; i++) draft.elbTargetGroups[`tg${i}`] = { name: `t${i}` } as never;
    });
    expect(driver.fail("CreateTargetGroup", { Name: "one-more", Protocol: "HTTP", Port: 80, VpcId: net.vpcId })).toEqual({
      code: "TooManyTargetGroupsException",
      message: "This ECS Dojo sandbox holds at most 100 target groups. This is a limit of the sandbox, not of Elastic Load Balancing.",
    });
  });
});
