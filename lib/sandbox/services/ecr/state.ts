/**
 * Amazon ECR's part of a sandbox state (the provider in this folder owns these records). Plain JSON: each record is
 * one stored document (state-documents.ts). Times are simulated epoch milliseconds; the operations turn them into the
 * wire's epoch seconds.
 */

export type ImageTagMutability = "MUTABLE" | "IMMUTABLE" | "IMMUTABLE_WITH_EXCLUSION" | "MUTABLE_WITH_EXCLUSION";

export interface EcrRepositoryRecord {
  repositoryName: string;
  createdAtMs: number;
  imageTagMutability: ImageTagMutability;
  /** Only with the *_WITH_EXCLUSION settings: the tags (wildcards) that behave the other way. */
  imageTagMutabilityExclusionFilters?: { filterType: "WILDCARD"; filter: string }[];
  scanOnPush: boolean;
  encryptionConfiguration: { encryptionType: "AES256" | "KMS" | "KMS_DSSE"; kmsKey?: string };
  /** As AWS returns it (reformatted, repository-policy.ts). */
  policyText?: string;
  /** As AWS returns it (compact JSON, lifecycle-policy.ts). */
  lifecyclePolicyText?: string;
  /** When the saved policy last expired images (lifecycle-policy.ts, runLifecyclePolicy); GetLifecyclePolicy's lastEvaluatedAt. */
  lifecycleEvaluatedAtMs?: number;
  /** The last lifecycle policy preview, evaluated when it was started (lifecycle-policy.ts). */
  lifecyclePreview?: EcrLifecyclePreview;
  tags: { Key: string; Value: string }[];
}

export interface EcrLifecyclePreview {
  lifecyclePolicyText: string;
  evaluatedAtMs: number;
  /** The images the policy would expire, oldest push first, as they were then, and the rule that expires each. */
  results: { imageDigest: string; imageTags: string[]; pushedAtMs: number; appliedRulePriority: number }[];
}

/** One image (a manifest) in a repository, by digest; its tags point at it. */
export interface EcrImageRecord {
  repositoryName: string;
  imageDigest: string;
  /** In the order they were put on the image. */
  imageTags: string[];
  pushedAtMs: number;
  sizeInBytes: number;
  /**
   * What the image's content is made of (images.ts builds its manifest, and so its digest, from it): two pushes with
   * the same build are the same image.
   */
  build: string;
  /**
   * The simulated catalog image this one behaves like when a task runs it (e.g. `sbx/web:1.0`), when the push said so
   * (curriculum §3.2); ECS reads it through findImage.
   */
  source?: string;
  /** The last basic scan (scanning.ts). */
  scan?: { startedAtMs: number };
}

export interface EcrState {
  /** By repository name. */
  ecrRepositories: Record<string, EcrRepositoryRecord>;
  /** By `<repository name>@<digest>`, in push order. */
  ecrImages: Record<string, EcrImageRecord>;
}

export const ECR_MAPS = ["ecrRepositories", "ecrImages"] as const;

export const imageKey = (repositoryName: string, digest: string) => `${repositoryName}@${digest}`;
