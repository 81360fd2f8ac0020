/**
 * IAM policy evaluation for one request (an action on a resource, with request context keys), following the IAM
 * User Guide's "Policy evaluation logic" for identity-based policies in one account:
 *
 *   1. every statement of every policy is matched: Action/NotAction (wildcards `*` `?`, case-insensitive),
 *      Resource/NotResource (wildcards, case-sensitive; a `*` ending an ARN segment runs on past colons),
 *      Principal/NotPrincipal (trust policies), and Condition (all operators and keys must hold);
 *   2. a matching Deny anywhere is an explicit deny — it wins over every Allow;
 *   3. otherwise a matching Allow allows; otherwise the request is implicitly denied.
 *   A permissions boundary (when the role has one) must allow too: the identity policies and the boundary are
 *   intersected, and a Deny in either denies.
 *
 * Condition operators: String*, Arn*, Numeric*, Bool and Null are evaluated, with the IfExists suffix and the
 * ForAnyValue:/ForAllValues: set prefixes. Date*, IpAddress/NotIpAddress and BinaryEquals are not: a statement using
 * one of them does not match (so its Allow grants nothing and its Deny denies nothing), and the evaluation says so in
 * `unsupportedOperators`. Condition keys are case-insensitive, as in IAM; values are compared as text. Policy
 * variables (`${aws:username}`…) in Resource and condition values are replaced from the request context; one the
 * context lacks leaves the element unmatched, as IAM does.
 */
import { EVALUATION_CACHES } from "./limits";
import { baseOperator, globMatches, type PolicyDocument, type Principal, type Statement } from "./policy-document";

export type Decision = "allowed" | "explicitDeny" | "implicitDeny";

/** Request context keys (aws:SourceAccount, aws:SourceArn, iam:PassedToService…) and their values. */
export type RequestContext = Record<string, string | string[]>;

/** Who asks, for trust policies: a service (`ecs-tasks.amazonaws.com`) or an AWS principal (an account or ARN). */
export interface RequestPrincipal {
  type: "Service" | "AWS" | "Federated";
  id: string;
}

export interface EvaluationRequest {
  action: string;
  /** The resource ARN, or `*` (SimulatePrincipalPolicy's default). Trust policies have no resource. */
  resource?: string;
  context?: RequestContext;
  principal?: RequestPrincipal;
}

/** A policy and where it comes from (SimulatePrincipalPolicy's SourcePolicyId/SourcePolicyType). */
export interface SourcedPolicy {
  id: string;
  type: string;
  document: PolicyDocument;
}

export interface MatchedStatement {
  source: SourcedPolicy;
  statement: Statement;
}

export interface Evaluation {
  decision: Decision;
  /** The statements that decided: the Deny ones for explicitDeny, the Allow ones for allowed, none otherwise. */
  matched: MatchedStatement[];
  /** Condition keys a statement that otherwise matched asked for and the context lacked. */
  missingContextKeys: string[];
  /** Operators met in a statement that otherwise matched and that this evaluator does not evaluate. */
  unsupportedOperators: string[];
}

/** Evaluates `request` against identity policies (and a permissions boundary's policy, when there is one). */
export function evaluatePolicies(policies: SourcedPolicy[], request: EvaluationRequest, boundary?: SourcedPolicy): Evaluation {
  const identity = evaluateSet(policies, request);
  if (!boundary) return identity;
  const limit = evaluateSet([boundary], request);
  const missingContextKeys = union(identity.missingContextKeys, limit.missingContextKeys);
  const unsupportedOperators = union(identity.unsupportedOperators, limit.unsupportedOperators);
  if (identity.decision === "explicitDeny" || limit.decision === "explicitDeny") {
    const matched = [...(identity.decision === "explicitDeny" ? identity.matched : []), ...(limit.decision === "explicitDeny" ? limit.matched : [])];
    return { decision: "explicitDeny", matched, missingContextKeys, unsupportedOperators };
  }
  if (identity.decision === "allowed" && limit.decision === "allowed") return { ...identity, missingContextKeys, unsupportedOperators };
  return { decision: "implicitDeny", matched: [], missingContextKeys, unsupportedOperators };
}

function evaluateSet(policies: SourcedPolicy[], request: EvaluationRequest): Evaluation {
  const allows: MatchedStatement[] = [];
  const denies: MatchedStatement[] = [];
  const missing = new Set<string>();
  const unsupported = new Set<string>();
  for (const source of policies) {
    for (const statement of source.document.statements) {
      const result = statementApplies(statement, request, source.document.version);
      for (const key of result.missing) missing.add(key);
      for (const operator of result.unsupported) unsupported.add(operator);
      if (!result.applies) continue;
      (statement.effect === "Deny" ? denies : allows).push({ source, statement });
    }
  }
  const rest = { missingContextKeys: [...missing], unsupportedOperators: [...unsupported] };
  if (denies.length > 0) return { decision: "explicitDeny", matched: denies, ...rest };
  if (allows.length > 0) return { decision: "allowed", matched: allows, ...rest };
  return { decision: "implicitDeny", matched: [], ...rest };
}

const union = (a: string[], b: string[]) => [...new Set([...a, ...b])];

/** Whether one statement applies to the request; the context keys its conditions missed; the operators it could not evaluate. */
export function statementApplies(
  statement: Statement,
  request: EvaluationRequest,
  version?: string,
): { applies: boolean; missing: string[]; unsupported: string[] } {
  const none = { applies: false, missing: [], unsupported: [] };
  if (!actionApplies(statement, request.action)) return none;
  // Policy variables exist only in the 2012-10-17 language; older documents read "${…}" literally.
  const variables = version === "2012-10-17" ? request.context : undefined;
  if (request.resource !== undefined && !resourceApplies(statement, request.resource, variables)) return none;
  if (request.principal && !principalApplies(statement, request.principal)) return none;
  if (!statement.condition) return { applies: true, missing: [], unsupported: [] };
  return conditionHolds(statement.condition, request.context ?? {}, variables);
}

function actionApplies(statement: Statement, action: string): boolean {
  if (statement.action) return statement.action.some((pattern) => actionMatches(pattern, action));
  if (statement.notAction) return !statement.notAction.some((pattern) => actionMatches(pattern, action));
  return false;
}

function resourceApplies(statement: Statement, resource: string, variables: RequestContext | undefined): boolean {
  const matches = (pattern: string) => {
    const expanded = substitute(pattern, variables);
    return expanded !== undefined && resourceMatches(expanded, resource);
  };
  if (statement.resource) return statement.resource.some(matches);
  if (statement.notResource) return !statement.notResource.some(matches);
  // A trust policy's statement has no resource: it is about the role itself.
  return true;
}

/** An action pattern (`ecr:Get*`, `*`, `s3:?etObject`) against an action; IAM actions are case-insensitive. */
export function actionMatches(pattern: string, action: string): boolean {
  return globMatches(pattern, action, true);
}

const resourceRegexes = new Map<string, RegExp>();

/**
 * A Resource pattern against a resource ARN, case-sensitively. A wildcard stays within its ARN segment (the parts
 * between colons), except a `*` that ends a segment, which may run past colons (IAM User Guide, "IAM JSON policy
 * elements: Resource": "If the * wildcard is the last character of a resource ARN segment, it can expand to match
 * beyond the colon boundaries").
 */
export function resourceMatches(pattern: string, resource: string): boolean {
  if (pattern === "*") return true;
  let regex = resourceRegexes.get(pattern);
  if (!regex) {
    let source = "";
    for (let i = 0; i < pattern.length; i++) {
      const c = pattern[i];
      if (c === "*") source += i === pattern.length - 1 || pattern[i + 1] === ":" ? ".*" : "[^:]*";
      else if (c === "?") source += "[^:]";
      else source += c.replace(/[.+^${}()|[\]\\]/g, "\\$&");
    }
    regex = new RegExp(`^${source}$`, "s");
    if (resourceRegexes.size >= EVALUATION_CACHES.patterns) resourceRegexes.clear();
    resourceRegexes.set(pattern, regex);
  }
  return regex.test(resource);
}

function principalApplies(statement: Statement, principal: RequestPrincipal): boolean {
  if (statement.principal) return principalIncludes(statement.principal, principal);
  if (statement.notPrincipal) return !principalIncludes(statement.notPrincipal, principal);
  return false;
}

/** Whether a Principal element names the principal: `*` names everyone; `{"AWS": "*"}` every AWS principal. */
function principalIncludes(element: Principal, principal: RequestPrincipal): boolean {
  if (element === "*") return true;
  const ids = element[principal.type] ?? [];
  return ids.some((id) => {
    if (id === "*") return true;
    if (principal.type === "Service") return id.toLowerCase() === principal.id.toLowerCase();
    if (principal.type === "AWS") return awsPrincipalIncludes(id, principal.id);
    return id === principal.id;
  });
}

/** An AWS principal element: an account (`123456789012`, `arn:aws:iam::123456789012:root`) names every principal in it. */
function awsPrincipalIncludes(id: string, principal: string): boolean {
  const account = /^\d{12}$/.test(id) ? id : /^arn:aws:iam::(\d{12}):root$/.exec(id)?.[1];
  if (account !== undefined) return principal === account || principal.split(":")[4] === account;
  return id === principal;
}

/** Replaces `${key}` from the context; undefined when a variable has no single value (the element then matches nothing). */
function substitute(text: string, variables: RequestContext | undefined): string | undefined {
  if (variables === undefined || !text.includes("${")) return text;
  let unresolved = false;
  const out = text.replace(/\$\{([^}]+)\}/g, (_whole, name: string) => {
    if (name === "*" || name === "?" || name === "$") return name;
    const value = contextValue(variables, name);
    if (value === undefined || value.length !== 1) {
      unresolved = true;
      return "";
    }
    return value[0];
  });
  return unresolved ? undefined : out;
}

/** A context key's values; keys are case-insensitive. */
function contextValue(context: RequestContext, key: string): string[] | undefined {
  const wanted = key.toLowerCase();
  for (const [name, value] of Object.entries(context)) {
    if (name.toLowerCase() === wanted) return Array.isArray(value) ? value : [value];
  }
  return undefined;
}

type Comparison = (actual: string, expected: string) => boolean;

/** The operators evaluated here, by base name: how one request value compares with one policy value. */
const COMPARISONS: Record<string, { compare: Comparison; negated: boolean }> = {
  StringEquals: { compare: (a, e) => a === e, negated: false },
  StringNotEquals: { compare: (a, e) => a === e, negated: true },
  StringEqualsIgnoreCase: { compare: (a, e) => a.toLowerCase() === e.toLowerCase(), negated: false },
  StringNotEqualsIgnoreCase: { compare: (a, e) => a.toLowerCase() === e.toLowerCase(), negated: true },
  StringLike: { compare: (a, e) => globMatches(e, a, false), negated: false },
  StringNotLike: { compare: (a, e) => globMatches(e, a, false), negated: true },
  // ArnEquals and ArnLike behave alike: both read wildcards, segment by segment (IAM User Guide, "ARN condition operators").
  ArnEquals: { compare: (a, e) => resourceMatches(e, a), negated: false },
  ArnLike: { compare: (a, e) => resourceMatches(e, a), negated: false },
  ArnNotEquals: { compare: (a, e) => resourceMatches(e, a), negated: true },
  ArnNotLike: { compare: (a, e) => resourceMatches(e, a), negated: true },
  NumericEquals: { compare: numeric((a, e) => a === e), negated: false },
  NumericNotEquals: { compare: numeric((a, e) => a === e), negated: true },
  NumericLessThan: { compare: numeric((a, e) => a < e), negated: false },
  NumericLessThanEquals: { compare: numeric((a, e) => a <= e), negated: false },
  NumericGreaterThan: { compare: numeric((a, e) => a > e), negated: false },
  NumericGreaterThanEquals: { compare: numeric((a, e) => a >= e), negated: false },
  Bool: { compare: (a, e) => a.toLowerCase() === e.toLowerCase(), negated: false },
};

function numeric(compare: (actual: number, expected: number) => boolean): Comparison {
  return (a, e) => {
    const actual = Number(a);
    const expected = Number(e);
    return a.trim() !== "" && e.trim() !== "" && Number.isFinite(actual) && Number.isFinite(expected) && compare(actual, expected);
  };
}

/**
 * A Condition block: every operator, and within it every key, must hold; a key's policy values are alternatives
 * (OR). A key absent from the context fails a positive operator and satisfies a negated one; `…IfExists` makes
 * any operator hold on an absent key; `Null` tests absence itself.
 */
export function conditionHolds(
  condition: Record<string, Record<string, string[]>>,
  context: RequestContext,
  variables?: RequestContext,
): { applies: boolean; missing: string[]; unsupported: string[] } {
  const missing: string[] = [];
  const unsupported: string[] = [];
  let applies = true;
  for (const [operator, entries] of Object.entries(condition)) {
    const { base, set, ifExists } = baseOperator(operator);
    for (const [key, rawExpected] of Object.entries(entries)) {
      const actual = contextValue(context, key);
      if (base === "Null") {
        const absent = actual === undefined || actual.length === 0;
        if (!rawExpected.some((e) => (e.toLowerCase() === "true") === absent)) applies = false;
        continue;
      }
      const comparison = COMPARISONS[base];
      if (!comparison) {
        // Date*, IpAddress, NotIpAddress, BinaryEquals: not evaluated; the statement does not match.
        if (!unsupported.includes(operator)) unsupported.push(operator);
        applies = false;
        continue;
      }
      const expected = rawExpected.map((value) => substitute(value, variables)).filter((value): value is string => value !== undefined);
      if (actual === undefined || actual.length === 0) {
        // ForAllValues holds over no values at all; ForAnyValue never does; a single-valued operator fails unless
        // it is negated.
        if (!ifExists && set !== "ForAllValues") {
          if (!missing.includes(key)) missing.push(key);
          if (!comparison.negated || set === "ForAnyValue") applies = false;
        }
        continue;
      }
      const matchesOne = (value: string) => expected.some((e) => comparison.compare(value, e));
      let holds: boolean;
      if (set === "ForAllValues") {
        holds = actual.every((value) => (comparison.negated ? !matchesOne(value) : matchesOne(value)));
      } else if (set === "ForAnyValue") {
        holds = actual.some((value) => (comparison.negated ? !matchesOne(value) : matchesOne(value)));
      } else {
        holds = comparison.negated ? !actual.some(matchesOne) : actual.some(matchesOne);
      }
      if (!holds) applies = false;
    }
  }
  return { applies, missing, unsupported };
}
