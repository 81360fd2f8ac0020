/** Amazon ECR's part of a sandbox state (the provider in this folder owns these records and may extend them). */
export interface EcrRepositoryRecord {
  repositoryName: string;
  createdAtMs: number;
  imageTagMutability: "MUTABLE" | "IMMUTABLE";
  scanOnPush: boolean;
  policyText?: string;
  lifecyclePolicyText?: string;
  tags: { Key: string; Value: string }[];
}

/** One image (a manifest) in a repository, by digest; its tags point at it. */
export interface EcrImageRecord {
  repositoryName: string;
  imageDigest: string;
  imageTags: string[];
  pushedAtMs: number;
  sizeInBytes: number;
}

export interface EcrState {
  /** By repository name. */
  ecrRepositories: Record<string, EcrRepositoryRecord>;
  /** By `<repository name>@<digest>`. */
  ecrImages: Record<string, EcrImageRecord>;
}

export const ECR_MAPS = ["ecrRepositories", "ecrImages"] as const;
