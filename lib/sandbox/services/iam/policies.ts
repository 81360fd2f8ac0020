/**
 * Managed policies (the account's own — CreatePolicy, GetPolicy, GetPolicyVersion, DeletePolicy, ListPolicies — and
 * AWS's built-in ones, managed-policies.ts), attaching them to roles (AttachRolePolicy, DetachRolePolicy,
 * ListAttachedRolePolicies), and roles' inline policies (PutRolePolicy, GetRolePolicy, DeleteRolePolicy,
 * ListRolePolicies).
 *
 * A customer managed policy has one version, v1: CreatePolicyVersion is not emulated.
 */
import { EcsError } from "../../engine/errors";
import type { Input } from "../../engine/input";
import type { Operation } from "../../engine/operation";
import type { SandboxState } from "../../engine/state";
import { peek } from "../../engine/transition";
import { byName, checkArn, checkDocumentRoom, epochSeconds, findRole, iamUniqueId, managedPolicy, page, policyArn, type ManagedPolicy } from "./common";
import {
  duplicateTagKeys,
  inlinePoliciesTooLarge,
  managedPolicyTooLarge,
  noSuchRolePolicy,
  policyExists,
  policyInUse,
  policyNotAttachable,
  policyNotFound,
  policyVersionNotFound,
  tooManyManagedPolicies,
  tooManyPolicies,
} from "./errors";
import { IAM_CONSTRAINTS, IAM_QUOTAS } from "./limits";
import { AWS_MANAGED_POLICIES, awsManagedPolicyArn, awsManagedPolicyText } from "./managed-policies";
import { countedCharacters, decodeDocument, encodeDocument, parsePolicy } from "./policy-document";
import type { IamPolicyRecord, IamRoleRecord, IamState } from "./state";
import { RequestReader } from "./validate";

const SCOPES = ["All", "AWS", "Local"] as const;
const USAGES = ["PermissionsPolicy", "PermissionsBoundary"] as const;

function usage(iam: IamState, arn: string): { attachments: number; boundaries: number } {
  let attachments = 0;
  let boundaries = 0;
  for (const key of Object.keys(iam.iamRoles)) {
    const role = peek(iam.iamRoles, key)!;
    if (role.attachedPolicyArns.includes(arn)) attachments += 1;
    if (role.permissionsBoundaryArn === arn) boundaries += 1;
  }
  return { attachments, boundaries };
}

type PolicyView = "create" | "get" | "list";

/** The Policy structure. GetPolicy adds Description and Tags (an empty list too); ListPolicies' items have neither. */
function policyOutput(iam: IamState, policy: ManagedPolicy, view: PolicyView): Record<string, unknown> {
  const { attachments, boundaries } = usage(iam, policy.arn);
  const fields =
    policy.kind === "aws"
      ? {
          name: policy.policy.name,
          id: policy.policy.policyId,
          path: policy.policy.path,
          version: policy.policy.versionId,
          created: Date.parse(policy.policy.createDate) / 1000,
          updated: Date.parse(policy.policy.updateDate) / 1000,
          description: policy.policy.description,
          tags: [],
        }
      : {
          name: policy.record.policyName,
          id: policy.record.policyId,
          path: policy.record.path,
          version: "v1",
          created: epochSeconds(policy.record.createdAtMs),
          updated: epochSeconds(policy.record.createdAtMs),
          description: policy.record.description,
          tags: policy.record.tags,
        };
  const out: Record<string, unknown> = {
    PolicyName: fields.name,
    PolicyId: fields.id,
    Arn: policy.arn,
    Path: fields.path,
    DefaultVersionId: fields.version,
    AttachmentCount: attachments,
    PermissionsBoundaryUsageCount: boundaries,
    IsAttachable: true,
  };
  // Description "is included in the response to the GetPolicy operation" (IAM API reference, Policy); as CreateRole's
  // answer leaves a role's out, CreatePolicy's leaves it out [inferred].
  if (view === "get" && fields.description !== undefined) out.Description = fields.description;
  out.CreateDate = fields.created;
  out.UpdateDate = fields.updated;
  if (view === "get" || (view === "create" && fields.tags.length > 0)) out.Tags = fields.tags.map((tag) => ({ ...tag }));
  return out;
}

/** A managed policy named by a PolicyArn, or AWS's answer for one that is not there. */
function policyByArn(iam: IamState, arn: string, missing: (arn: string) => EcsError): ManagedPolicy {
  checkArn(arn);
  const policy = managedPolicy(iam, arn);
  if (!policy) throw missing(arn);
  return policy;
}

const createPolicy: Operation = {
  readOnly: false,
  run(state: SandboxState, input, clockMs) {
    const reader = new RequestReader(input);
    const name = reader.requiredString("PolicyName", IAM_CONSTRAINTS.policyName);
    const path = reader.string("Path", IAM_CONSTRAINTS.policyPath) ?? "/";
    const raw = reader.requiredString("PolicyDocument", IAM_CONSTRAINTS.policyDocument);
    const description = reader.string("Description", IAM_CONSTRAINTS.policyDescription);
    const tags = reader.tags() ?? [];
    reader.done();
    const keys = new Set<string>();
    for (const tag of tags) {
      if (keys.has(tag.Key.toLowerCase())) throw duplicateTagKeys();
      keys.add(tag.Key.toLowerCase());
    }
    // Policy names are unique in an account whatever their path (and their case). [inferred] the case rule, as for roles.
    if (Object.values(state.iamPolicies).some((policy) => policy.policyName.toLowerCase() === name.toLowerCase())) throw policyExists(name);
    const document = decodeDocument(raw);
    parsePolicy(document, "managed");
    if (countedCharacters(document) > IAM_QUOTAS.managedPolicyCharacters) throw managedPolicyTooLarge();
    if (Object.keys(state.iamPolicies).length >= IAM_QUOTAS.customerManagedPoliciesPerAccount) throw tooManyPolicies();
    checkDocumentRoom(state, document.length);
    const arn = policyArn(state.accountId, path, name);
    const record: IamPolicyRecord = { policyName: name, policyId: iamUniqueId(state, "ANPA"), arn, path, createdAtMs: clockMs, document, tags };
    if (description !== undefined) record.description = description;
    state.iamPolicies[arn] = record;
    return { Policy: policyOutput(state, { kind: "local", arn, record }, "create") };
  },
};

const getPolicy: Operation = {
  readOnly: true,
  run(state, input) {
    const reader = new RequestReader(input);
    const arn = reader.requiredString("PolicyArn", IAM_CONSTRAINTS.arn);
    reader.done();
    return { Policy: policyOutput(state, policyByArn(state, arn, policyNotFound), "get") };
  },
};

const getPolicyVersion: Operation = {
  readOnly: true,
  run(state, input) {
    const reader = new RequestReader(input);
    const arn = reader.requiredString("PolicyArn", IAM_CONSTRAINTS.arn);
    const versionId = reader.requiredString("VersionId", IAM_CONSTRAINTS.versionId);
    reader.done();
    checkArn(arn);
    const policy = managedPolicy(state, arn);
    const notThere = () => policyVersionNotFound(arn, versionId);
    if (!policy) throw notThere();
    if (policy.kind === "aws") {
      // Only the default version of an AWS managed policy is built in.
      if (versionId !== policy.policy.versionId) throw notThere();
      const text = awsManagedPolicyText(policy.policy);
      return { PolicyVersion: { Document: encodeDocument(text), VersionId: versionId, IsDefaultVersion: true, CreateDate: Date.parse(policy.policy.updateDate) / 1000 } };
    }
    if (versionId !== "v1") throw notThere();
    return {
      PolicyVersion: { Document: encodeDocument(policy.record.document), VersionId: "v1", IsDefaultVersion: true, CreateDate: epochSeconds(policy.record.createdAtMs) },
    };
  },
};

const deletePolicy: Operation = {
  readOnly: false,
  run(state, input) {
    const reader = new RequestReader(input);
    const arn = reader.requiredString("PolicyArn", IAM_CONSTRAINTS.arn);
    reader.done();
    const policy = policyByArn(state, arn, policyNotFound);
    if (policy.kind === "aws") {
      // [inferred] AWS managed policies belong to AWS: the account's root may not delete them.
      throw new EcsError("AccessDenied", `User: arn:aws:iam::${state.accountId}:root is not authorized to perform: iam:DeletePolicy on resource: policy ${arn}`);
    }
    const { attachments, boundaries } = usage(state, arn);
    if (attachments + boundaries > 0) throw policyInUse();
    delete state.iamPolicies[arn];
    return {};
  },
};

const listPolicies: Operation = {
  readOnly: true,
  run(state, input) {
    const reader = new RequestReader(input);
    const scope = reader.enumOf("Scope", SCOPES) ?? "All";
    const onlyAttached = reader.boolean("OnlyAttached") ?? false;
    const prefix = reader.string("PathPrefix", IAM_CONSTRAINTS.policyPath) ?? "/";
    const usageFilter = reader.enumOf("PolicyUsageFilter", USAGES);
    const marker = reader.string("Marker", IAM_CONSTRAINTS.marker);
    const maxItems = reader.integer("MaxItems", IAM_CONSTRAINTS.maxItems);
    reader.done();
    const all: ManagedPolicy[] = [
      ...(scope === "Local" ? [] : AWS_MANAGED_POLICIES.map((policy): ManagedPolicy => ({ kind: "aws", arn: awsManagedPolicyArn(policy), policy }))),
      ...(scope === "AWS" ? [] : Object.values(state.iamPolicies).map((record): ManagedPolicy => ({ kind: "local", arn: record.arn, record }))),
    ];
    const pathOf = (policy: ManagedPolicy) => (policy.kind === "aws" ? policy.policy.path : policy.record.path);
    const nameOf = (policy: ManagedPolicy) => (policy.kind === "aws" ? policy.policy.name : policy.record.policyName);
    const kept = all
      .filter((policy) => pathOf(policy).startsWith(prefix))
      .filter((policy) => {
        if (!onlyAttached) return true;
        const { attachments, boundaries } = usage(state, policy.arn);
        if (usageFilter === "PermissionsPolicy") return attachments > 0;
        if (usageFilter === "PermissionsBoundary") return boundaries > 0;
        return attachments + boundaries > 0;
      })
      .sort(byName(nameOf));
    const { items, ...rest } = page(kept, marker, maxItems);
    return { Policies: items.map((policy) => policyOutput(state, policy, "list")), ...rest };
  },
};

/** AttachRolePolicy's and DetachRolePolicy's request: the role (RoleName) and a managed policy's ARN (PolicyArn). */
function readRoleAndPolicyArn(state: SandboxState, input: Input): { role: IamRoleRecord; arn: string } {
  const reader = new RequestReader(input);
  const name = reader.requiredString("RoleName", IAM_CONSTRAINTS.name);
  const arn = reader.requiredString("PolicyArn", IAM_CONSTRAINTS.arn);
  reader.done();
  checkArn(arn);
  return { role: findRole(state, name), arn };
}

/** GetRolePolicy's and DeleteRolePolicy's request: the role (RoleName) and an inline policy's name (PolicyName). */
function readRoleAndPolicyName(state: SandboxState, input: Input): { role: IamRoleRecord; policyName: string } {
  const reader = new RequestReader(input);
  const name = reader.requiredString("RoleName", IAM_CONSTRAINTS.name);
  const policyName = reader.requiredString("PolicyName", IAM_CONSTRAINTS.policyName);
  reader.done();
  return { role: findRole(state, name), policyName };
}

const attachRolePolicy: Operation = {
  readOnly: false,
  run(state, input) {
    const { role, arn } = readRoleAndPolicyArn(state, input);
    if (!managedPolicy(state, arn)) throw policyNotAttachable(arn);
    // Attaching a policy the role already has changes nothing and is no error.
    if (role.attachedPolicyArns.includes(arn)) return {};
    if (role.attachedPolicyArns.length >= IAM_QUOTAS.managedPoliciesPerRole) throw tooManyManagedPolicies();
    role.attachedPolicyArns.push(arn);
    return {};
  },
};

const detachRolePolicy: Operation = {
  readOnly: false,
  run(state, input) {
    const { role, arn } = readRoleAndPolicyArn(state, input);
    const at = role.attachedPolicyArns.indexOf(arn);
    if (at < 0) throw policyNotFound(arn);
    role.attachedPolicyArns.splice(at, 1);
    return {};
  },
};

const listAttachedRolePolicies: Operation = {
  readOnly: true,
  run(state, input) {
    const reader = new RequestReader(input);
    const name = reader.requiredString("RoleName", IAM_CONSTRAINTS.name);
    const prefix = reader.string("PathPrefix", IAM_CONSTRAINTS.policyPath) ?? "/";
    const marker = reader.string("Marker", IAM_CONSTRAINTS.marker);
    const maxItems = reader.integer("MaxItems", IAM_CONSTRAINTS.maxItems);
    reader.done();
    const role = findRole(state, name);
    const attached = role.attachedPolicyArns
      .map((arn) => managedPolicy(state, arn))
      .filter((policy): policy is ManagedPolicy => policy !== undefined)
      .map((policy) =>
        policy.kind === "aws"
          ? { PolicyName: policy.policy.name, PolicyArn: policy.arn, path: policy.policy.path }
          : { PolicyName: policy.record.policyName, PolicyArn: policy.arn, path: policy.record.path },
      )
      .filter((policy) => policy.path.startsWith(prefix));
    const { items, ...rest } = page(attached, marker, maxItems);
    return { AttachedPolicies: items.map(({ PolicyName, PolicyArn }) => ({ PolicyName, PolicyArn })), ...rest };
  },
};

const putRolePolicy: Operation = {
  readOnly: false,
  run(state, input) {
    const reader = new RequestReader(input);
    const name = reader.requiredString("RoleName", IAM_CONSTRAINTS.name);
    const policyName = reader.requiredString("PolicyName", IAM_CONSTRAINTS.policyName);
    const raw = reader.requiredString("PolicyDocument", IAM_CONSTRAINTS.policyDocument);
    reader.done();
    const role = findRole(state, name);
    const document = decodeDocument(raw);
    parsePolicy(document, "inline");
    const existing = role.inlinePolicies.find((inline) => inline.policyName === policyName);
    const others = role.inlinePolicies
      .filter((inline) => inline !== existing)
      .reduce((sum, inline) => sum + countedCharacters(inline.document), 0);
    if (others + countedCharacters(document) > IAM_QUOTAS.inlinePolicyCharactersPerRole) throw inlinePoliciesTooLarge(role.roleName);
    checkDocumentRoom(state, document.length, existing?.document.length ?? 0);
    if (existing) existing.document = document;
    else role.inlinePolicies.push({ policyName, document });
    return {};
  },
};

const getRolePolicy: Operation = {
  readOnly: true,
  run(state, input) {
    const { role, policyName } = readRoleAndPolicyName(state, input);
    const inline = role.inlinePolicies.find((policy) => policy.policyName === policyName);
    if (!inline) throw noSuchRolePolicy(policyName);
    return { RoleName: role.roleName, PolicyName: policyName, PolicyDocument: encodeDocument(inline.document) };
  },
};

const deleteRolePolicy: Operation = {
  readOnly: false,
  run(state, input) {
    const { role, policyName } = readRoleAndPolicyName(state, input);
    const at = role.inlinePolicies.findIndex((policy) => policy.policyName === policyName);
    if (at < 0) throw noSuchRolePolicy(policyName);
    role.inlinePolicies.splice(at, 1);
    return {};
  },
};

const listRolePolicies: Operation = {
  readOnly: true,
  run(state, input) {
    const reader = new RequestReader(input);
    const name = reader.requiredString("RoleName", IAM_CONSTRAINTS.name);
    const marker = reader.string("Marker", IAM_CONSTRAINTS.marker);
    const maxItems = reader.integer("MaxItems", IAM_CONSTRAINTS.maxItems);
    reader.done();
    const role = findRole(state, name);
    const names = role.inlinePolicies.map((policy) => policy.policyName).sort(byName((policyName) => policyName));
    const { items, ...rest } = page(names, marker, maxItems);
    return { PolicyNames: items, ...rest };
  },
};

export const POLICY_OPERATIONS: Record<string, Operation> = {
  CreatePolicy: createPolicy,
  GetPolicy: getPolicy,
  GetPolicyVersion: getPolicyVersion,
  DeletePolicy: deletePolicy,
  ListPolicies: listPolicies,
  AttachRolePolicy: attachRolePolicy,
  DetachRolePolicy: detachRolePolicy,
  ListAttachedRolePolicies: listAttachedRolePolicies,
  PutRolePolicy: putRolePolicy,
  GetRolePolicy: getRolePolicy,
  DeleteRolePolicy: deleteRolePolicy,
  ListRolePolicies: listRolePolicies,
};
