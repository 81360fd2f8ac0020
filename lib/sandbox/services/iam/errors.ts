/**
 * IAM's errors, AWS's code (the model's shape name; the gateway writes its wire code and status) and AWS's text.
 * Texts are as AWS answers them: observed in AWS-validated snapshots (localstack tests/aws/services/iam, recorded
 * against AWS 2025–2026) unless marked [inferred].
 */
import { EcsError } from "../../engine/errors";
import { IAM_QUOTAS, SANDBOX_IAM_LIMITS } from "./limits";

export const noSuchRole = (name: string) => new EcsError("NoSuchEntityException", `The role with name ${name} cannot be found.`);

export const roleExists = (name: string) => new EcsError("EntityAlreadyExistsException", `Role with name ${name} already exists.`);

export const roleHasManagedPolicies = () => new EcsError("DeleteConflictException", "Cannot delete entity, must detach all policies first.");

export const roleHasInlinePolicies = () => new EcsError("DeleteConflictException", "Cannot delete entity, must delete policies first.");

export const noSuchRolePolicy = (name: string) => new EcsError("NoSuchEntityException", `The role policy with name ${name} cannot be found.`);

/** AttachRolePolicy (and a PermissionsBoundary's policy lookup by GetPolicyVersion) for a policy that is not there. */
export const policyNotAttachable = (arn: string) => new EcsError("NoSuchEntityException", `Policy ${arn} does not exist or is not attachable.`);

/** GetPolicy, DeletePolicy, DetachRolePolicy of a policy that is not there (or not attached). */
export const policyNotFound = (arn: string) => new EcsError("NoSuchEntityException", `Policy ${arn} was not found.`);

export const policyVersionNotFound = (arn: string, versionId: string) =>
  new EcsError("NoSuchEntityException", `Policy ${arn} version ${versionId} does not exist or is not attachable.`);

export const policyExists = (name: string) =>
  new EcsError("EntityAlreadyExistsException", `A policy called ${name} already exists. Duplicate names are not allowed.`);

export const policyInUse = () => new EcsError("DeleteConflictException", "Cannot delete a policy attached to entities.");

/** A PolicyArn that is no ARN at all (AttachRolePolicy, DetachRolePolicy, GetPolicy…). */
export const invalidPolicyArn = (arn: string) => new EcsError("ValidationError", `ARN ${arn} is not valid.`);

/** CreateRole's PermissionsBoundary that is not a policy ARN. */
export const invalidBoundaryArn = (arn: string) => new EcsError("InvalidInputException", `ARN ${arn} is not valid.`);

export const boundaryNotFound = (arn: string) => new EcsError("NoSuchEntityException", `Scope ARN: ${arn} does not exist or is not attachable.`);

export const malformedPolicy = (message: string) => new EcsError("MalformedPolicyDocumentException", message);

/** AWS's quota errors name the quota (observed: "Cannot exceed quota for AccessKeysPerUser: 2", "…PoliciesPerRole: 10"). */
export const quotaExceeded = (quota: string, value: number) => new EcsError("LimitExceededException", `Cannot exceed quota for ${quota}: ${value}`);

export const tooManyManagedPolicies = () => quotaExceeded("PoliciesPerRole", IAM_QUOTAS.managedPoliciesPerRole);
export const trustPolicyTooLarge = () => quotaExceeded("ACLSizePerRole", IAM_QUOTAS.trustPolicyCharacters);
export const managedPolicyTooLarge = () => quotaExceeded("PolicySize", IAM_QUOTAS.managedPolicyCharacters);
// [inferred] the quota names AWS would write for the two account-wide counts.
export const tooManyRoles = () => quotaExceeded("RolesPerAccount", IAM_QUOTAS.rolesPerAccount);
export const tooManyPolicies = () => quotaExceeded("PoliciesPerAccount", IAM_QUOTAS.customerManagedPoliciesPerAccount);

export const inlinePoliciesTooLarge = (roleName: string) =>
  new EcsError("LimitExceededException", `Maximum policy size of ${IAM_QUOTAS.inlinePolicyCharactersPerRole} bytes exceeded for role ${roleName}`);

export const duplicateTagKeys = () =>
  new EcsError("InvalidInputException", "Duplicate tag keys found. Please note that Tag keys are case insensitive.");

// [inferred] observed for OpenID Connect providers' tags; the same check guards every taggable IAM resource.
export const tooManyTags = () => new EcsError("LimitExceededException", "The number of tags has reached the maximum limit.");

export const invalidMarker = () => new EcsError("ValidationError", "Invalid Marker.");

/** Constraint failures of the request, AWS's way: "N validation error(s) detected: a; b". */
export function validationFailed(failures: string[]): EcsError {
  const count = failures.length;
  return new EcsError("ValidationError", `${count} validation error${count === 1 ? "" : "s"} detected: ${failures.join("; ")}`);
}

/** The sandbox's own bound (limits.ts SANDBOX_IAM_LIMITS), worded as the sandbox's other limits are. */
export const sandboxDocumentsFull = () =>
  new EcsError(
    "LimitExceededException",
    `This ECS Dojo sandbox holds at most ${SANDBOX_IAM_LIMITS.documentCharacters} characters of IAM policy documents. This is a limit of the sandbox, not of IAM.`,
  );
