/**
 * IAM's part of a sandbox state: kept only in the account's GLOBAL_REGION state (IAM is global). The provider in
 * this folder owns these records and may extend them.
 */
export interface IamRoleRecord {
  roleName: string;
  roleId: string;
  path: string;
  createdAtMs: number;
  assumeRolePolicyDocument: string;
  description?: string;
  /** Managed policy ARNs attached to the role. */
  attachedPolicyArns: string[];
  /** Inline policies by name. */
  inlinePolicies: Record<string, string>;
  tags: { Key: string; Value: string }[];
}

/** A customer managed policy (AWS managed ones are built in, not stored). */
export interface IamPolicyRecord {
  policyName: string;
  policyId: string;
  path: string;
  createdAtMs: number;
  document: string;
  description?: string;
}

export interface IamState {
  /** By role name. */
  iamRoles: Record<string, IamRoleRecord>;
  /** By policy ARN. */
  iamPolicies: Record<string, IamPolicyRecord>;
}

export const IAM_MAPS = ["iamRoles", "iamPolicies"] as const;
