/**
 * What the rest of the sandbox asks IAM (the ECS engine, when a task starts): which role an ARN names, whether a
 * role may do something, whether a service may assume a role. Narrow on purpose: callers hand over the account's
 * IAM maps (its GLOBAL_REGION state's) and get answers, never records to change.
 */
import { managedPolicy, roleKey } from "./common";
import { evaluatePolicies, type Decision, type EvaluationRequest, type RequestContext, type RequestPrincipal, type SourcedPolicy } from "./evaluate";
import { EVALUATION_CACHES } from "./limits";
import { awsManagedPolicyText } from "./managed-policies";
import { parsePolicy, type PolicyDocument, type PolicyKind } from "./policy-document";
import type { IamRoleRecord, IamState } from "./state";

/** The role an ARN names (`arn:aws:iam::<account>:role<path><name>`), or undefined. Names match whatever their case, as in IAM. */
export function roleByArn(iam: Pick<IamState, "iamRoles">, arn: string): IamRoleRecord | undefined {
  const match = /^arn:aws:iam::(\d{12}):role(\/(?:.*\/)?)([^/]+)$/.exec(arn);
  if (!match) return undefined;
  const key = roleKey(match[3]);
  const role = Object.hasOwn(iam.iamRoles, key) ? iam.iamRoles[key] : undefined;
  if (!role) return undefined;
  return role.arn.toLowerCase() === arn.toLowerCase() ? role : undefined;
}

const parsed = new Map<string, PolicyDocument>();

/** A stored document, read once: stored documents were validated when they were stored. */
function documentOf(text: string, kind: PolicyKind): PolicyDocument {
  const key = `${kind}\u0000${text}`;
  let document = parsed.get(key);
  if (!document) {
    document = parsePolicy(text, kind);
    if (parsed.size >= EVALUATION_CACHES.parsedDocuments) parsed.delete(parsed.keys().next().value!);
    parsed.set(key, document);
  }
  return document;
}

/** A role's permission policies, in IAM's terms for SimulatePrincipalPolicy (SourcePolicyId/SourcePolicyType). */
export function permissionPolicies(iam: IamState, role: IamRoleRecord): SourcedPolicy[] {
  const out: SourcedPolicy[] = role.inlinePolicies.map((inline) => ({ id: inline.policyName, type: "role", document: documentOf(inline.document, "inline") }));
  for (const arn of role.attachedPolicyArns) {
    const source = managedSource(iam, arn);
    if (source) out.push(source);
  }
  return out;
}

/** The role's permissions boundary as a policy, if it has one. */
export function boundaryPolicy(iam: IamState, role: IamRoleRecord): SourcedPolicy | undefined {
  return role.permissionsBoundaryArn ? managedSource(iam, role.permissionsBoundaryArn) : undefined;
}

function managedSource(iam: IamState, arn: string): SourcedPolicy | undefined {
  const policy = managedPolicy(iam, arn);
  if (!policy) return undefined;
  return policy.kind === "aws"
    ? { id: policy.policy.name, type: "aws-managed", document: documentOf(awsManagedPolicyText(policy.policy), "managed") }
    : { id: policy.record.policyName, type: "user-managed", document: documentOf(policy.record.document, "managed") };
}

export type AccessReason = "explicit-deny" | "implicit-deny" | "allowed";

const REASONS: Record<Decision, AccessReason> = { allowed: "allowed", explicitDeny: "explicit-deny", implicitDeny: "implicit-deny" };

/**
 * Whether the role may perform `action` (`ecr:BatchGetImage`) on `resource` (an ARN, or `*`), with request
 * `context` keys (`aws:SourceAccount`…). A role that does not exist is allowed nothing (implicit deny): callers
 * that must tell the two apart ask roleByArn first.
 */
export function isAllowed(
  iam: IamState,
  roleArn: string,
  action: string,
  resource: string,
  context?: RequestContext,
): { allowed: boolean; reason: AccessReason } {
  const role = roleByArn(iam, roleArn);
  if (!role) return { allowed: false, reason: "implicit-deny" };
  const request: EvaluationRequest = { action, resource, context };
  const { decision } = evaluatePolicies(permissionPolicies(iam, role), request, boundaryPolicy(iam, role));
  return { allowed: decision === "allowed", reason: REASONS[decision] };
}

/** `ecs-tasks.amazonaws.com` is a service; an account id or an ARN is an AWS principal. */
export function principalOf(principal: string): RequestPrincipal {
  if (/^\d{12}$/.test(principal) || principal.startsWith("arn:")) return { type: "AWS", id: principal };
  return { type: "Service", id: principal };
}

/**
 * Whether `principal` (a service such as `ecs-tasks.amazonaws.com`, or an AWS principal's ARN) may assume the role:
 * its trust policy must allow `sts:AssumeRole` to that principal (conditions evaluated against `context`, e.g.
 * `aws:SourceAccount`), and nothing in it deny it.
 */
export function canAssume(iam: IamState, roleArn: string, principal: string, context?: RequestContext): boolean {
  const role = roleByArn(iam, roleArn);
  if (!role) return false;
  const trust: SourcedPolicy = { id: "trust", type: "role", document: documentOf(role.assumeRolePolicyDocument, "trust") };
  return evaluatePolicies([trust], { action: "sts:AssumeRole", principal: principalOf(principal), context }).decision === "allowed";
}
