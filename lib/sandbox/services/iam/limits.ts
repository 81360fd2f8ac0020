/**
 * Every number IAM's emulation depends on, with its source. The account quotas are AWS's defaults (a learner's
 * sandbox is a fresh account, which has never asked for an increase); they are also what keeps one sandbox's IAM
 * state bounded: at most 1,000 roles × (10,240 inline + 2,048 trust characters) and 1,500 policies × 6,144.
 */

/** https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html ("IAM object quotas", "character limits"). */
export const IAM_QUOTAS = {
  /** Roles in an AWS account (default). */
  rolesPerAccount: 1_000,
  /** Customer managed policies in an AWS account (default). */
  customerManagedPoliciesPerAccount: 1_500,
  /** Managed policies attached to an IAM role (default). */
  managedPoliciesPerRole: 10,
  /** Role trust policy length, in characters, white space not counted (default). */
  trustPolicyCharacters: 2_048,
  /** Inline policies of a role, all together, in characters, white space not counted. */
  inlinePolicyCharactersPerRole: 10_240,
  /** A managed policy, in characters, white space not counted. */
  managedPolicyCharacters: 6_144,
  /** Tags on one IAM resource. */
  tagsPerResource: 50,
} as const;

/**
 * Request members' constraints as the IAM API model states them (botocore iam 2010-05-08, the shapes of
 * lib/aws-models/generated/iam.json): what AWS checks first and answers with ValidationError.
 */
export const IAM_CONSTRAINTS = {
  name: { min: 1, max: 64, pattern: "[\\w+=,.@-]+" },
  policyName: { min: 1, max: 128, pattern: "[\\w+=,.@-]+" },
  path: { min: 1, max: 512, pattern: "(\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F)" },
  policyPath: { min: 1, max: 512, pattern: "((/[A-Za-z0-9\\.,\\+@=_-]+)*)/" },
  pathPrefix: { min: 1, max: 512, pattern: "\\u002F[\\u0021-\\u007F]*" },
  roleDescription: { max: 1000, pattern: "[\\u0009\\u000A\\u000D\\u0020-\\u007E\\u00A1-\\u00FF]*" },
  policyDescription: { max: 1000 },
  policyDocument: { min: 1, max: 131_072, pattern: "[\\u0009\\u000A\\u000D\\u0020-\\u00FF]+" },
  arn: { min: 20, max: 2048 },
  marker: { min: 1, max: 320, pattern: "[\\u0020-\\u00FF]+" },
  maxItems: { min: 1, max: 1000 },
  maxSessionDuration: { min: 3600, max: 43_200 },
  tagKey: { min: 1, max: 128, pattern: "[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+" },
  tagValue: { min: 0, max: 256, pattern: "[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*" },
  versionId: { pattern: "v[1-9][0-9]*(\\.[A-Za-z0-9-]*)?" },
  actionName: { min: 3, max: 128 },
  resourceName: { min: 1, max: 2048 },
  contextKeyName: { min: 5, max: 256 },
  resourceHandlingOption: { min: 1, max: 64 },
} as const;

/** MaxItems when a List call leaves it out: "the number of items defaults to 100" (IAM API reference, MaxItems). */
export const DEFAULT_MAX_ITEMS = 100;

/** CreateRole's MaxSessionDuration default (IAM API reference, CreateRole). */
export const DEFAULT_MAX_SESSION_DURATION = 3600;

/** The policy language versions IAM reads (IAM User Guide, "IAM JSON policy elements: Version"). */
export const POLICY_VERSIONS = ["2012-10-17", "2008-10-17"] as const;

/**
 * ECS Dojo's own bound, not AWS's: the policy text one sandbox stores, white space included. AWS's size quotas do
 * not count white space, so they alone would let 1,000 roles each keep megabytes of it. 4 MiB holds every quota's
 * worth of real, pretty-printed policies a course ever needs many times over.
 */
export const SANDBOX_IAM_LIMITS = {
  documentCharacters: 4 * 1024 * 1024,
} as const;

/** Memory the evaluator keeps between calls (no behaviour depends on them): parsed stored documents, compiled patterns. */
export const EVALUATION_CACHES = {
  parsedDocuments: 1000,
  patterns: 2000,
} as const;
