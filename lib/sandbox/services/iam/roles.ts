/**
 * IAM roles: CreateRole, GetRole, ListRoles, DeleteRole, UpdateAssumeRolePolicy, TagRole, UntagRole.
 *
 * What each answer holds follows AWS's (AWS-validated snapshots): CreateRole's Role has no Description,
 * MaxSessionDuration or RoleLastUsed; GetRole's has them (RoleLastUsed empty: the sandbox never uses a role's
 * credentials for real); ListRoles' items have Description and MaxSessionDuration but neither Tags nor RoleLastUsed.
 * Policy documents leave URL-encoded, as AWS sends them (the CLI decodes them into JSON).
 */
import type { Operation } from "../../engine/operation";
import type { SandboxState } from "../../engine/state";
import { byName, checkArn, checkDocumentRoom, epochSeconds, findRole, iamUniqueId, managedPolicy, page, roleArn, roleKey } from "./common";
import {
  boundaryNotFound,
  duplicateTagKeys,
  invalidBoundaryArn,
  roleExists,
  roleHasInlinePolicies,
  roleHasManagedPolicies,
  tooManyRoles,
  tooManyTags,
  trustPolicyTooLarge,
} from "./errors";
import { DEFAULT_MAX_SESSION_DURATION, IAM_CONSTRAINTS, IAM_QUOTAS } from "./limits";
import { countedCharacters, decodeDocument, encodeDocument, parsePolicy } from "./policy-document";
import type { IamRoleRecord, IamTag } from "./state";
import { RequestReader } from "./validate";

type View = "create" | "get" | "list";

export function roleOutput(role: IamRoleRecord, view: View): Record<string, unknown> {
  const out: Record<string, unknown> = {
    Path: role.path,
    RoleName: role.roleName,
    RoleId: role.roleId,
    Arn: role.arn,
    CreateDate: epochSeconds(role.createdAtMs),
    AssumeRolePolicyDocument: encodeDocument(role.assumeRolePolicyDocument),
  };
  if (view !== "create" && role.description !== undefined) out.Description = role.description;
  if (view !== "create") out.MaxSessionDuration = role.maxSessionDuration;
  if (view !== "list" && role.permissionsBoundaryArn) {
    out.PermissionsBoundary = { PermissionsBoundaryType: "Policy", PermissionsBoundaryArn: role.permissionsBoundaryArn };
  }
  if (view !== "list" && role.tags.length > 0) out.Tags = role.tags.map((tag) => ({ ...tag }));
  if (view === "get") out.RoleLastUsed = {};
  return out;
}

/** A trust policy as IAM takes it: valid, and within the account's trust policy length quota. */
function trustPolicyText(raw: string): string {
  const text = decodeDocument(raw);
  parsePolicy(text, "trust");
  if (countedCharacters(text) > IAM_QUOTAS.trustPolicyCharacters) throw trustPolicyTooLarge();
  return text;
}

/** No two tag keys alike, whatever their case (AWS's rule for IAM tags). */
function checkDuplicateKeys(tags: IamTag[]): void {
  const keys = new Set<string>();
  for (const tag of tags) {
    const key = tag.Key.toLowerCase();
    if (keys.has(key)) throw duplicateTagKeys();
    keys.add(key);
  }
}

const createRole: Operation = {
  readOnly: false,
  run(state: SandboxState, input, clockMs) {
    const reader = new RequestReader(input);
    const path = reader.string("Path", IAM_CONSTRAINTS.path) ?? "/";
    const name = reader.requiredString("RoleName", IAM_CONSTRAINTS.name);
    const document = reader.requiredString("AssumeRolePolicyDocument", IAM_CONSTRAINTS.policyDocument);
    const description = reader.string("Description", IAM_CONSTRAINTS.roleDescription);
    const maxSessionDuration = reader.integer("MaxSessionDuration", IAM_CONSTRAINTS.maxSessionDuration);
    const boundary = reader.string("PermissionsBoundary", IAM_CONSTRAINTS.arn);
    const tags = reader.tags() ?? [];
    reader.done();
    checkDuplicateKeys(tags);
    if (Object.hasOwn(state.iamRoles, roleKey(name))) throw roleExists(name);
    const trust = trustPolicyText(document);
    if (boundary !== undefined) {
      checkArn(boundary, invalidBoundaryArn);
      if (!/^arn:aws:iam::(aws|\d{12}):policy\//.test(boundary)) throw invalidBoundaryArn(boundary);
      if (!managedPolicy(state, boundary)) throw boundaryNotFound(boundary);
    }
    if (Object.keys(state.iamRoles).length >= IAM_QUOTAS.rolesPerAccount) throw tooManyRoles();
    checkDocumentRoom(state, trust.length);
    const role: IamRoleRecord = {
      roleName: name,
      roleId: iamUniqueId(state, "AROA"),
      arn: roleArn(state.accountId, path, name),
      path,
      createdAtMs: clockMs,
      assumeRolePolicyDocument: trust,
      maxSessionDuration: maxSessionDuration ?? DEFAULT_MAX_SESSION_DURATION,
      attachedPolicyArns: [],
      inlinePolicies: [],
      tags,
    };
    if (description !== undefined) role.description = description;
    if (boundary !== undefined) role.permissionsBoundaryArn = boundary;
    state.iamRoles[roleKey(name)] = role;
    return { Role: roleOutput(role, "create") };
  },
};

const getRole: Operation = {
  readOnly: true,
  run(state, input) {
    const reader = new RequestReader(input);
    const name = reader.requiredString("RoleName", IAM_CONSTRAINTS.name);
    reader.done();
    return { Role: roleOutput(findRole(state, name), "get") };
  },
};

const listRoles: Operation = {
  readOnly: true,
  run(state, input) {
    const reader = new RequestReader(input);
    const prefix = reader.string("PathPrefix", IAM_CONSTRAINTS.pathPrefix) ?? "/";
    const marker = reader.string("Marker", IAM_CONSTRAINTS.marker);
    const maxItems = reader.integer("MaxItems", IAM_CONSTRAINTS.maxItems);
    reader.done();
    const roles = Object.values(state.iamRoles)
      .filter((role) => role.path.startsWith(prefix))
      .sort(byName((role) => role.roleName));
    const { items, ...rest } = page(roles, marker, maxItems);
    return { Roles: items.map((role) => roleOutput(role, "list")), ...rest };
  },
};

const deleteRole: Operation = {
  readOnly: false,
  run(state, input) {
    const reader = new RequestReader(input);
    const name = reader.requiredString("RoleName", IAM_CONSTRAINTS.name);
    reader.done();
    const role = findRole(state, name);
    // [inferred] which conflict AWS names first when a role has both kinds of policies.
    if (role.attachedPolicyArns.length > 0) throw roleHasManagedPolicies();
    if (role.inlinePolicies.length > 0) throw roleHasInlinePolicies();
    delete state.iamRoles[roleKey(name)];
    return {};
  },
};

const updateAssumeRolePolicy: Operation = {
  readOnly: false,
  run(state, input) {
    const reader = new RequestReader(input);
    const name = reader.requiredString("RoleName", IAM_CONSTRAINTS.name);
    const document = reader.requiredString("PolicyDocument", IAM_CONSTRAINTS.policyDocument);
    reader.done();
    const role = findRole(state, name);
    const trust = trustPolicyText(document);
    checkDocumentRoom(state, trust.length, role.assumeRolePolicyDocument.length);
    role.assumeRolePolicyDocument = trust;
    return {};
  },
};

const tagRole: Operation = {
  readOnly: false,
  run(state, input) {
    const reader = new RequestReader(input);
    const name = reader.requiredString("RoleName", IAM_CONSTRAINTS.name);
    const tags = reader.tags("Tags", true) ?? [];
    reader.done();
    checkDuplicateKeys(tags);
    const role = findRole(state, name);
    const merged = role.tags.filter((old) => !tags.some((tag) => tag.Key.toLowerCase() === old.Key.toLowerCase()));
    merged.push(...tags);
    if (merged.length > IAM_QUOTAS.tagsPerResource) throw tooManyTags();
    role.tags = merged;
    return {};
  },
};

const untagRole: Operation = {
  readOnly: false,
  run(state, input) {
    const reader = new RequestReader(input);
    const name = reader.requiredString("RoleName", IAM_CONSTRAINTS.name);
    const keys = reader.stringList("TagKeys", IAM_CONSTRAINTS.tagKey, { required: true, maxCount: IAM_QUOTAS.tagsPerResource }) ?? [];
    reader.done();
    const role = findRole(state, name);
    const removed = new Set(keys.map((key) => key.toLowerCase()));
    role.tags = role.tags.filter((tag) => !removed.has(tag.Key.toLowerCase()));
    return {};
  },
};

export const ROLE_OPERATIONS: Record<string, Operation> = {
  CreateRole: createRole,
  GetRole: getRole,
  ListRoles: listRoles,
  DeleteRole: deleteRole,
  UpdateAssumeRolePolicy: updateAssumeRolePolicy,
  TagRole: tagRole,
  UntagRole: untagRole,
};
