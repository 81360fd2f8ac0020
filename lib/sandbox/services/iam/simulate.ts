/**
 * SimulatePrincipalPolicy for a role: the role's inline and attached policies (plus PolicyInputList's), limited by
 * its permissions boundary (or PermissionsBoundaryPolicyInputList's), evaluated for each action on the resources
 * (`*` when none are given) with the ContextEntries as request context.
 *
 * As AWS answers today, there is one EvaluationResult per action whatever the number of resources: its decision is
 * the most restrictive of the resources' (explicitDeny over implicitDeny over allowed), and ResourceSpecificResults
 * hold each resource's own (IAM API reference, EvaluationResult). Resource-based policies (ResourcePolicy,
 * ResourceOwner, CallerArn, ResourceHandlingOption) are not evaluated: the sandbox's resources have none.
 */
import { EcsError } from "../../engine/errors";
import type { Operation } from "../../engine/operation";
import { page } from "./common";
import { boundaryPolicy, permissionPolicies, roleByArn } from "./access";
import { noSuchRole } from "./errors";
import { evaluatePolicies, type Decision, type Evaluation, type MatchedStatement, type RequestContext, type SourcedPolicy } from "./evaluate";
import { IAM_CONSTRAINTS } from "./limits";
import { decodeDocument, parsePolicy } from "./policy-document";
import { RequestReader } from "./validate";

const SEVERITY: Record<Decision, number> = { allowed: 0, implicitDeny: 1, explicitDeny: 2 };

function statementsOut(matched: MatchedStatement[]) {
  return matched.map(({ source, statement }) => {
    const out: Record<string, unknown> = { SourcePolicyId: source.id, SourcePolicyType: source.type };
    // [inferred] 1-based lines and columns of the statement's braces in the document's text.
    if (statement.start && statement.end) {
      out.StartPosition = { ...statement.start };
      out.EndPosition = { ...statement.end };
    }
    return out;
  });
}

/** Extra policies given in the request, read as IAM reads them; a malformed one is the caller's error. */
function inputPolicies(texts: string[] | undefined, list: string): SourcedPolicy[] {
  return (texts ?? []).map((text, i) => {
    try {
      return { id: `${list}.${i + 1}`, type: "IAM Policy", document: parsePolicy(decodeDocument(text), "inline") };
    } catch (error) {
      // [inferred] SimulatePrincipalPolicy's model declares InvalidInput for the request's own faults.
      if (error instanceof EcsError) throw new EcsError("InvalidInputException", error.message);
      throw error;
    }
  });
}

/** The role a PolicySourceArn names; users and groups do not exist in the sandbox. */
function sourceRole(state: Parameters<Operation["run"]>[0], arn: string) {
  const match = /^arn:aws:iam::(\d{12}):(role|user|group)((?:\/.*)?\/)([^/]+)$/.exec(arn);
  // [inferred] the text AWS answers other IAM operations with for an ARN it cannot read.
  if (!match) throw new EcsError("InvalidInputException", "Invalid ARN:  Could not be parsed!");
  const [, , kind, , name] = match;
  if (kind === "user") throw new EcsError("NoSuchEntityException", `The user with name ${name} cannot be found.`);
  if (kind === "group") throw new EcsError("NoSuchEntityException", `The group with name ${name} cannot be found.`);
  const role = roleByArn(state, arn);
  if (!role) throw noSuchRole(name);
  return role;
}

const simulatePrincipalPolicy: Operation = {
  readOnly: true,
  run(state, input) {
    const reader = new RequestReader(input);
    const sourceArn = reader.requiredString("PolicySourceArn", IAM_CONSTRAINTS.arn);
    const policyInputs = reader.stringList("PolicyInputList", IAM_CONSTRAINTS.policyDocument);
    const boundaryInputs = reader.stringList("PermissionsBoundaryPolicyInputList", IAM_CONSTRAINTS.policyDocument);
    const actions = reader.stringList("ActionNames", IAM_CONSTRAINTS.actionName, { required: true }) ?? [];
    const resourceArns = reader.stringList("ResourceArns", IAM_CONSTRAINTS.resourceName);
    const entries =
      reader.structureList("ContextEntries", undefined, (item, fields) => ({
        key: fields.string("ContextKeyName", IAM_CONSTRAINTS.contextKeyName) ?? "",
        values: fields.stringList("ContextKeyValues"),
      })) ?? [];
    const marker = reader.string("Marker", IAM_CONSTRAINTS.marker);
    const maxItems = reader.integer("MaxItems", IAM_CONSTRAINTS.maxItems);
    // Never evaluated (no sandbox resource has a policy of its own), but checked as AWS checks every member.
    reader.string("CallerArn", IAM_CONSTRAINTS.resourceName);
    reader.string("ResourceOwner", IAM_CONSTRAINTS.resourceName);
    reader.string("ResourceHandlingOption", IAM_CONSTRAINTS.resourceHandlingOption);
    reader.string("ResourcePolicy", IAM_CONSTRAINTS.policyDocument);
    reader.done();

    const role = sourceRole(state, sourceArn);
    const policies = [...permissionPolicies(state, role), ...inputPolicies(policyInputs, "PolicyInputList")];
    const boundaries = inputPolicies(boundaryInputs, "PermissionsBoundaryPolicyInputList");
    const boundary = boundaries.length > 0 ? mergeBoundaries(boundaries) : boundaryPolicy(state, role);
    const context: RequestContext = Object.fromEntries(entries.filter((entry) => entry.key !== "").map((entry) => [entry.key, entry.values]));
    const explicit = resourceArns !== undefined && resourceArns.length > 0;
    const resources = explicit ? resourceArns : ["*"];

    const results = actions.map((action) => {
      const perResource = resources.map((resource) => ({ resource, evaluation: evaluatePolicies(policies, { action, resource, context }, boundary) }));
      const worst = perResource.reduce((a, b) => (SEVERITY[b.evaluation.decision] > SEVERITY[a.evaluation.decision] ? b : a));
      const decision = worst.evaluation.decision;
      const deciding = perResource.filter((r) => r.evaluation.decision === decision).flatMap((r) => r.evaluation.matched);
      const result: Record<string, unknown> = {
        EvalActionName: action,
        // [inferred] with several resources the aggregate result names none of them.
        EvalResourceName: resources.length === 1 ? resources[0] : "*",
        EvalDecision: decision,
        MatchedStatements: statementsOut(unique(deciding)),
        MissingContextValues: explicit ? [] : missingKeys(perResource.map((r) => r.evaluation)),
      };
      if (explicit) {
        result.ResourceSpecificResults = perResource.map(({ resource, evaluation }) => ({
          EvalResourceName: resource,
          EvalResourceDecision: evaluation.decision,
          MatchedStatements: statementsOut(evaluation.matched),
          MissingContextValues: evaluation.missingContextKeys,
        }));
      }
      return result;
    });
    const { items, ...rest } = page(results, marker, maxItems);
    return { EvaluationResults: items, ...rest };
  },
};

function unique(matched: MatchedStatement[]): MatchedStatement[] {
  const seen = new Set<string>();
  return matched.filter(({ source, statement }) => {
    const key = `${source.type}\u0000${source.id}\u0000${statement.index}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

const missingKeys = (evaluations: Evaluation[]) => [...new Set(evaluations.flatMap((e) => e.missingContextKeys))];

/** Several boundary policies given in the request act as one policy: all of their statements. */
function mergeBoundaries(boundaries: SourcedPolicy[]): SourcedPolicy {
  return { id: boundaries[0].id, type: boundaries[0].type, document: { version: "2012-10-17", statements: boundaries.flatMap((b) => b.document.statements) } };
}

export const SIMULATE_OPERATIONS: Record<string, Operation> = { SimulatePrincipalPolicy: simulatePrincipalPolicy };
