/**
 * Listeners and their rules: CreateListener, DescribeListeners, ModifyListener, DeleteListener, CreateRule,
 * DescribeRules, ModifyRule, DeleteRule, SetRulePriorities. Actions `forward` (one target group, or weighted ones in
 * ForwardConfig), `redirect` and `fixed-response`. A listener's default rule is its default actions (it is not stored
 * apart). Forwarding to a target group is what puts its targets in use: their health checks start (health.ts) and a
 * group no listener or rule forwards to any more goes back to `unused`.
 */
import type { Input } from "../../engine/input";
import type { Operation } from "../../engine/operation";
import type { SandboxState } from "../../engine/state";
import {
  bounded,
  forwardedTargetGroups,
  int,
  list,
  listenerArn,
  loadBalancersOf,
  newElbId,
  oneOf,
  pageOf,
  readTags,
  requiredStr,
  ruleArn,
  str,
  strList,
  throwIfFailed,
} from "./common";
import {
  actionTargetGroupRequired,
  certificateRequired,
  conditionField,
  conditionValueRequired,
  constraint,
  defaultRulePriority,
  defaultRuleUndeletable,
  duplicateListener,
  incompatibleProtocols,
  listenerOrLoadBalancer,
  listenerOrRules,
  listenerProtocol,
  listenersNotFound,
  mustBeSpecified,
  nothingToModify,
  priorityInUse,
  rulesNotFound,
  targetGroupOfOtherLoadBalancer,
  targetGroupsNotFound,
  tooManyListeners,
  tooManyRules,
  tooManyTargetGroupsPerAction,
  validation,
  validationFailed,
} from "./errors";
import { replanTargetGroup } from "./health";
import { requireLoadBalancer } from "./load-balancers";
import { ELB_QUOTAS } from "./quotas";
import type { ElbAction, ElbCondition, ElbListenerRecord, ElbLoadBalancerRecord, ElbRuleRecord } from "./state";
import { isHttp } from "./target-groups";

const LISTENER_PROTOCOLS = { application: ["HTTP", "HTTPS"], network: ["TCP", "TLS", "UDP", "TCP_UDP"] } as const;
const ACTION_TYPES = ["forward", "authenticate-oidc", "authenticate-cognito", "redirect", "fixed-response", "jwt-validation"] as const;
/** [AWS-doc] CreateListener SslPolicy: the default policy of HTTPS and TLS listeners. */
const DEFAULT_SSL_POLICY = "ELBSecurityPolicy-2016-08";
const CONDITION_FIELDS: Record<string, string | undefined> = {
  "path-pattern": "PathPatternConfig",
  "host-header": "HostHeaderConfig",
  "http-header": "HttpHeaderConfig",
  "http-request-method": "HttpRequestMethodConfig",
  "query-string": "QueryStringConfig",
  "source-ip": "SourceIpConfig",
};

// --- actions --------------------------------------------------------------------------------------------------------

/** A request's actions as the API shows them back (a forward always with its ForwardConfig, as AWS answers). */
function readActions(state: SandboxState, lb: ElbLoadBalancerRecord, given: Input[] | undefined, path: string): ElbAction[] {
  if (!given || given.length === 0) throw validationFailed([constraint.notNull(path)]);
  const failures: string[] = [];
  given.forEach((action, i) => oneOf(str(action, "Type"), `${path}.${i + 1}.member.type`, ACTION_TYPES, failures));
  throwIfFailed(failures);
  return given.map((action, i) => {
    const type = str(action, "Type");
    if (type === undefined) throw validationFailed([constraint.notNull(`${path}.${i + 1}.member.type`)]);
    const order = int(action, "Order");
    const ordered = order === undefined ? {} : { Order: order };
    switch (type) {
      case "forward":
        return { Type: type, ...forwardOf(state, lb, action), ...ordered };
      case "redirect": {
        const config = (action.RedirectConfig ?? {}) as Input;
        const StatusCode = oneOf(str(config, "StatusCode"), `${path}.${i + 1}.member.redirectConfig.statusCode`, ["HTTP_301", "HTTP_302"] as const, failures);
        throwIfFailed(failures);
        if (!StatusCode) throw validationFailed([constraint.notNull(`${path}.${i + 1}.member.redirectConfig.statusCode`)]);
        const RedirectConfig = {
          Protocol: str(config, "Protocol") ?? "#{protocol}",
          Port: str(config, "Port") ?? "#{port}",
          Host: str(config, "Host") ?? "#{host}",
          Path: str(config, "Path") ?? "/#{path}",
          Query: str(config, "Query") ?? "#{query}",
          StatusCode,
        };
        return { Type: type, RedirectConfig, ...ordered };
      }
      case "fixed-response": {
        const config = (action.FixedResponseConfig ?? {}) as Input;
        const StatusCode = str(config, "StatusCode");
        // [AWS-doc] FixedResponseActionConfig StatusCode: "^(2|4|5)\d\d$".
        if (!StatusCode || !/^(2|4|5)\d\d$/.test(StatusCode)) {
          throw validationFailed([
            StatusCode === undefined
              ? constraint.notNull(`${path}.${i + 1}.member.fixedResponseConfig.statusCode`)
              : `Value '${StatusCode}' at '${path}.${i + 1}.member.fixedResponseConfig.statusCode' failed to satisfy constraint: Member must satisfy regular expression pattern: ^(2|4|5)\\d\\d$`,
          ]);
        }
        const body = str(config, "MessageBody");
        const contentType = str(config, "ContentType");
        return { Type: type, FixedResponseConfig: { ...(body !== undefined ? { MessageBody: body } : {}), StatusCode, ...(contentType ? { ContentType: contentType } : {}) }, ...ordered };
      }
      default:
        // [inferred] authentication actions need Cognito/OIDC, which the sandbox does not have.
        throw validation(`The ECS Dojo sandbox does not emulate '${type}' actions`);
    }
  });
}

function forwardOf(state: SandboxState, lb: ElbLoadBalancerRecord, action: Input): Record<string, unknown> {
  const single = str(action, "TargetGroupArn");
  const config = (action.ForwardConfig ?? undefined) as Input | undefined;
  const weighted = (config ? (list<Input>(config, "TargetGroups") ?? []) : []).map((g) => ({ TargetGroupArn: str(g, "TargetGroupArn") ?? "", Weight: int(g, "Weight") ?? 1 }));
  const groups = weighted.length > 0 ? weighted : single !== undefined ? [{ TargetGroupArn: single, Weight: 1 }] : [];
  if (groups.length === 0) throw actionTargetGroupRequired();
  if (groups.length > ELB_QUOTAS.targetGroupsPerAction) throw tooManyTargetGroupsPerAction();
  for (const { TargetGroupArn } of groups) {
    const group = state.elbTargetGroups[TargetGroupArn];
    if (!group) throw targetGroupsNotFound();
    if (isHttp(group.protocol) !== (lb.type === "application")) throw incompatibleProtocols(TargetGroupArn);
    if (loadBalancersOf(state, TargetGroupArn).some((arn) => arn !== lb.arn)) throw targetGroupOfOtherLoadBalancer(TargetGroupArn);
  }
  const stickiness = (config?.TargetGroupStickinessConfig ?? {}) as Input;
  const enabled = stickiness.Enabled === true || stickiness.Enabled === "true";
  return {
    ...(groups.length === 1 && weighted.length <= 1 ? { TargetGroupArn: groups[0].TargetGroupArn } : {}),
    ForwardConfig: {
      TargetGroups: groups,
      TargetGroupStickinessConfig: enabled ? { Enabled: true, DurationSeconds: int(stickiness, "DurationSeconds") ?? 3600 } : { Enabled: false },
    },
  };
}

// --- listeners ------------------------------------------------------------------------------------------------------

function presentListener(listener: ElbListenerRecord): object {
  return {
    ListenerArn: listener.arn,
    LoadBalancerArn: listener.loadBalancerArn,
    Port: listener.port,
    Protocol: listener.protocol,
    ...(listener.certificates ? { Certificates: listener.certificates } : {}),
    ...(listener.sslPolicy ? { SslPolicy: listener.sslPolicy } : {}),
    DefaultActions: listener.defaultActions,
  };
}

export function requireListener(state: SandboxState, arn: string): ElbListenerRecord {
  const listener = state.elbListeners[arn];
  if (!listener) throw listenersNotFound();
  return listener;
}

function readPortAndProtocol(input: Input, lb: ElbLoadBalancerRecord, current?: ElbListenerRecord) {
  const failures: string[] = [];
  const port = int(input, "Port");
  bounded(port, "port", 1, 65535, failures);
  const protocol = oneOf(str(input, "Protocol"), "protocol", ["HTTP", "HTTPS", "TCP", "TLS", "UDP", "TCP_UDP", "GENEVE", "QUIC", "TCP_QUIC"] as const, failures);
  throwIfFailed(failures);
  const valid = LISTENER_PROTOCOLS[lb.type];
  if (protocol !== undefined && !(valid as readonly string[]).includes(protocol)) throw listenerProtocol(protocol, [...valid].reverse());
  // [moto] "A listener port must be specified" / "A listener protocol must be specified".
  if (!current && port === undefined) throw mustBeSpecified("listener port");
  if (!current && protocol === undefined) throw mustBeSpecified("listener protocol");
  return { port: port ?? current!.port, protocol: protocol ?? current!.protocol };
}

function readCertificates(input: Input): { CertificateArn: string }[] | undefined {
  return list<Input>(input, "Certificates")?.map((c) => ({ CertificateArn: str(c, "CertificateArn") ?? "" }));
}

const secure = (protocol: string) => protocol === "HTTPS" || protocol === "TLS";

/** Target groups whose use changed (forwarded to or not): their targets start checking or go unused. */
function replanGroups(state: SandboxState, groups: Iterable<string>, nowMs: number): void {
  for (const group of new Set(groups)) if (state.elbTargetGroups[group]) replanTargetGroup(state, group, nowMs);
}

const createListener: Operation = {
  readOnly: false,
  run(state: SandboxState, input, clockMs) {
    const lb = requireLoadBalancer(state, requiredStr(input, "LoadBalancerArn"));
    const { port, protocol } = readPortAndProtocol(input, lb);
    const certificates = readCertificates(input);
    if (secure(protocol) && !certificates?.length) throw certificateRequired();
    const listeners = Object.values(state.elbListeners).filter((l) => l.loadBalancerArn === lb.arn);
    if (listeners.some((l) => l.port === port)) throw duplicateListener(lb.arn);
    if (listeners.length >= ELB_QUOTAS.listenersPerLoadBalancer) throw tooManyListeners();
    const defaultActions = readActions(state, lb, list<Input>(input, "DefaultActions"), "defaultActions");
    const tags = readTags(input) ?? [];
    const arn = listenerArn(lb.arn, newElbId(state, "listener"));
    const listener: ElbListenerRecord = {
      arn,
      loadBalancerArn: lb.arn,
      port,
      protocol,
      defaultActions,
      ...(secure(protocol) ? { sslPolicy: str(input, "SslPolicy") ?? DEFAULT_SSL_POLICY, certificates } : {}),
      defaultRuleArn: ruleArn(arn, newElbId(state, "rule")),
      tags,
    };
    state.elbListeners[arn] = listener;
    replanGroups(state, forwardedTargetGroups(defaultActions), clockMs);
    return { Listeners: [presentListener(listener)] };
  },
};

const describeListeners: Operation = {
  readOnly: true,
  run(state: SandboxState, input) {
    const lbArn = str(input, "LoadBalancerArn");
    const arns = strList(input, "ListenerArns");
    if (lbArn === undefined && !arns?.length) throw listenerOrLoadBalancer();
    let found = Object.values(state.elbListeners);
    if (lbArn !== undefined) {
      requireLoadBalancer(state, lbArn);
      found = found.filter((l) => l.loadBalancerArn === lbArn);
    }
    if (arns?.length) {
      if (arns.some((arn) => !state.elbListeners[arn])) throw listenersNotFound();
      found = found.filter((l) => arns.includes(l.arn));
    }
    const { page, NextMarker } = pageOf(found, input);
    return { Listeners: page.map(presentListener), ...(NextMarker ? { NextMarker } : {}) };
  },
};

const modifyListener: Operation = {
  readOnly: false,
  run(state: SandboxState, input, clockMs) {
    const listener = requireListener(state, requiredStr(input, "ListenerArn"));
    const lb = requireLoadBalancer(state, listener.loadBalancerArn);
    const { port, protocol } = readPortAndProtocol(input, lb, listener);
    const others = Object.values(state.elbListeners).filter((l) => l.loadBalancerArn === lb.arn && l.arn !== listener.arn);
    if (others.some((l) => l.port === port)) throw duplicateListener(lb.arn);
    const certificates = readCertificates(input) ?? listener.certificates;
    if (secure(protocol) && !certificates?.length) throw certificateRequired();
    const given = list<Input>(input, "DefaultActions");
    const before = forwardedTargetGroups(listener.defaultActions);
    const defaultActions = given ? readActions(state, lb, given, "defaultActions") : listener.defaultActions;
    listener.port = port;
    listener.protocol = protocol;
    listener.defaultActions = defaultActions;
    if (secure(protocol)) {
      listener.certificates = certificates;
      listener.sslPolicy = str(input, "SslPolicy") ?? listener.sslPolicy ?? DEFAULT_SSL_POLICY;
    } else {
      delete listener.certificates;
      delete listener.sslPolicy;
    }
    replanGroups(state, [...before, ...forwardedTargetGroups(defaultActions)], clockMs);
    return { Listeners: [presentListener(listener)] };
  },
};

const deleteListener: Operation = {
  readOnly: false,
  run(state: SandboxState, input, clockMs) {
    const listener = requireListener(state, requiredStr(input, "ListenerArn"));
    const groups = forwardedTargetGroups(listener.defaultActions);
    for (const key of Object.keys(state.elbRules)) {
      if (state.elbRules[key].listenerArn !== listener.arn) continue;
      groups.push(...forwardedTargetGroups(state.elbRules[key].actions));
      delete state.elbRules[key];
    }
    delete state.elbListeners[listener.arn];
    replanGroups(state, groups, clockMs);
    return {};
  },
};

// --- rules ----------------------------------------------------------------------------------------------------------

function readConditions(given: Input[] | undefined, path: string): ElbCondition[] {
  if (!given || given.length === 0) throw validationFailed([constraint.notNull(path)]);
  return given.map((condition) => {
    const field = str(condition, "Field");
    if (field === undefined || !(field in CONDITION_FIELDS)) throw conditionField(field ?? "");
    const configName = CONDITION_FIELDS[field]!;
    const config = condition[configName] as Input | undefined;
    const values = strList(condition, "Values") ?? (config ? strList(config, "Values") : undefined);
    const simple = field === "path-pattern" || field === "host-header";
    if (simple) {
      if (!values?.length) throw conditionValueRequired();
      return { Field: field, Values: values, [configName]: { Values: values } };
    }
    if (!config) throw conditionValueRequired();
    return { Field: field, [configName]: config };
  });
}

function presentRule(rule: ElbRuleRecord): object {
  return { RuleArn: rule.arn, Priority: String(rule.priority), Conditions: rule.conditions, Actions: rule.actions, IsDefault: false };
}

function presentDefaultRule(listener: ElbListenerRecord): object {
  return { RuleArn: listener.defaultRuleArn, Priority: "default", Conditions: [], Actions: listener.defaultActions, IsDefault: true };
}

const rulesOf = (state: SandboxState, listenerArn: string) =>
  Object.values(state.elbRules)
    .filter((r) => r.listenerArn === listenerArn)
    .sort((a, b) => a.priority - b.priority);

function readPriority(input: Input, path: string): number {
  const failures: string[] = [];
  const priority = int(input, "Priority");
  if (priority === undefined) throw validationFailed([constraint.notNull(path)]);
  bounded(priority, path, ELB_QUOTAS.rulePriority.min, ELB_QUOTAS.rulePriority.max, failures);
  throwIfFailed(failures);
  return priority;
}

const createRule: Operation = {
  readOnly: false,
  run(state: SandboxState, input, clockMs) {
    const listener = requireListener(state, requiredStr(input, "ListenerArn"));
    const lb = requireLoadBalancer(state, listener.loadBalancerArn);
    const priority = readPriority(input, "priority");
    const conditions = readConditions(list<Input>(input, "Conditions"), "conditions");
    const actions = readActions(state, lb, list<Input>(input, "Actions"), "actions");
    if (rulesOf(state, listener.arn).some((r) => r.priority === priority)) throw priorityInUse(priority);
    const lbRules = Object.values(state.elbRules).filter((r) => state.elbListeners[r.listenerArn]?.loadBalancerArn === lb.arn);
    if (lbRules.length >= ELB_QUOTAS.rulesPerLoadBalancer) throw tooManyRules();
    const rule: ElbRuleRecord = { arn: ruleArn(listener.arn, newElbId(state, "rule")), listenerArn: listener.arn, priority, conditions, actions, tags: readTags(input) ?? [] };
    state.elbRules[rule.arn] = rule;
    replanGroups(state, forwardedTargetGroups(actions), clockMs);
    return { Rules: [presentRule(rule)] };
  },
};

/** A rule ARN: a stored rule, or a listener's default rule. */
function findRule(state: SandboxState, arn: string): { rule?: ElbRuleRecord; listener?: ElbListenerRecord } {
  const rule = state.elbRules[arn];
  if (rule) return { rule };
  const listener = Object.values(state.elbListeners).find((l) => l.defaultRuleArn === arn);
  return listener ? { listener } : {};
}

const describeRules: Operation = {
  readOnly: true,
  run(state: SandboxState, input) {
    const listenerArnGiven = str(input, "ListenerArn");
    const arns = strList(input, "RuleArns");
    let rules: object[];
    if (listenerArnGiven !== undefined) {
      const listener = requireListener(state, listenerArnGiven);
      rules = [...rulesOf(state, listener.arn).map(presentRule), presentDefaultRule(listener)];
    } else if (arns?.length) {
      rules = arns.map((arn) => {
        const { rule, listener } = findRule(state, arn);
        if (rule) return presentRule(rule);
        if (listener) return presentDefaultRule(listener);
        throw rulesNotFound();
      });
    } else {
      throw listenerOrRules();
    }
    const { page, NextMarker } = pageOf(rules, input);
    return { Rules: page, ...(NextMarker ? { NextMarker } : {}) };
  },
};

const modifyRule: Operation = {
  readOnly: false,
  run(state: SandboxState, input, clockMs) {
    const arn = requiredStr(input, "RuleArn");
    const { rule, listener } = findRule(state, arn);
    if (!rule && !listener) throw rulesNotFound();
    const owner = listener ?? state.elbListeners[rule!.listenerArn];
    const lb = requireLoadBalancer(state, owner.loadBalancerArn);
    const givenConditions = list<Input>(input, "Conditions");
    const givenActions = list<Input>(input, "Actions");
    if (!givenConditions && !givenActions) throw nothingToModify();
    const actions = givenActions ? readActions(state, lb, givenActions, "actions") : undefined;
    if (listener) {
      // [inferred] a default rule has no conditions to change.
      if (givenConditions?.length) throw validation("A default rule cannot have conditions");
      const before = forwardedTargetGroups(listener.defaultActions);
      if (actions) listener.defaultActions = actions;
      replanGroups(state, [...before, ...forwardedTargetGroups(listener.defaultActions)], clockMs);
      return { Rules: [presentDefaultRule(listener)] };
    }
    const before = forwardedTargetGroups(rule!.actions);
    if (givenConditions) rule!.conditions = readConditions(givenConditions, "conditions");
    if (actions) rule!.actions = actions;
    replanGroups(state, [...before, ...forwardedTargetGroups(rule!.actions)], clockMs);
    return { Rules: [presentRule(rule!)] };
  },
};

const deleteRule: Operation = {
  readOnly: false,
  run(state: SandboxState, input, clockMs) {
    const arn = requiredStr(input, "RuleArn");
    const { rule, listener } = findRule(state, arn);
    if (listener) throw defaultRuleUndeletable(arn);
    if (!rule) throw rulesNotFound();
    delete state.elbRules[arn];
    replanGroups(state, forwardedTargetGroups(rule.actions), clockMs);
    return {};
  },
};

const setRulePriorities: Operation = {
  readOnly: false,
  run(state: SandboxState, input) {
    const pairs = (list<Input>(input, "RulePriorities") ?? []).map((pair, i) => ({
      arn: requiredStr(pair, "RuleArn", `rulePriorities.${i + 1}.member.ruleArn`),
      priority: readPriority(pair, `rulePriorities.${i + 1}.member.priority`),
    }));
    const moved = pairs.map(({ arn, priority }) => {
      const { rule, listener } = findRule(state, arn);
      if (listener) throw defaultRulePriority(arn);
      if (!rule) throw rulesNotFound();
      return { rule, priority };
    });
    for (const { rule, priority } of moved) {
      const clash = rulesOf(state, rule.listenerArn).some((r) => r.priority === priority && !moved.some((m) => m.rule.arn === r.arn));
      const twice = moved.filter((m) => m.rule.listenerArn === rule.listenerArn && m.priority === priority).length > 1;
      if (clash || twice) throw priorityInUse(priority);
    }
    for (const { rule, priority } of moved) state.elbRules[rule.arn].priority = priority;
    return { Rules: moved.map(({ rule }) => presentRule(state.elbRules[rule.arn])) };
  },
};

export const listenerOperations: Record<string, Operation> = {
  CreateListener: createListener,
  DescribeListeners: describeListeners,
  ModifyListener: modifyListener,
  DeleteListener: deleteListener,
  CreateRule: createRule,
  DescribeRules: describeRules,
  ModifyRule: modifyRule,
  DeleteRule: deleteRule,
  SetRulePriorities: setRulePriorities,
};
