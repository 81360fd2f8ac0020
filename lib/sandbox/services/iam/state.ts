/**
 * IAM's part of a sandbox state: kept only in the account's GLOBAL_REGION state (IAM is global). The provider in
 * this folder owns these records; they are plain JSON, one stored document each.
 */
export interface IamTag {
  Key: string;
  Value: string;
}

export interface IamInlinePolicy {
  policyName: string;
  document: string;
}

export interface IamRoleRecord {
  roleName: string;
  roleId: string;
  /** `arn:aws:iam::<account>:role<path><name>`, fixed at creation (the account is the sandbox's). */
  arn: string;
  path: string;
  createdAtMs: number;
  /** The trust policy exactly as the learner sent it (AWS keeps the text, whitespace included). */
  assumeRolePolicyDocument: string;
  description?: string;
  /** Seconds (CreateRole's MaxSessionDuration; AWS's default 3600). */
  maxSessionDuration: number;
  /** A managed policy ARN that caps the role's permissions (CreateRole's PermissionsBoundary). */
  permissionsBoundaryArn?: string;
  /** Managed policy ARNs attached to the role, in attachment order. */
  attachedPolicyArns: string[];
  /** Inline policies, in the order they were first put, each document as sent. */
  inlinePolicies: IamInlinePolicy[];
  tags: IamTag[];
}

/** A customer managed policy (AWS managed ones are built in, managed-policies.ts, never stored). */
export interface IamPolicyRecord {
  policyName: string;
  policyId: string;
  arn: string;
  path: string;
  createdAtMs: number;
  /** The document of its only version, v1, as sent (CreatePolicyVersion is not emulated). */
  document: string;
  description?: string;
  tags: IamTag[];
}

export interface IamState {
  /**
   * By `role/<name in lower case>` (IAM role names are unique whatever their case; the prefix keeps a name such as
   * `__proto__`, which IAM allows, from ever being an object's own special key).
   */
  iamRoles: Record<string, IamRoleRecord>;
  /** By policy ARN. */
  iamPolicies: Record<string, IamPolicyRecord>;
}

export const IAM_MAPS = ["iamRoles", "iamPolicies"] as const;
