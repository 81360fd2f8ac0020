/**
 * Every number Amazon ECR's sandbox enforces, in one place, each with where it comes from (as engine/quotas.ts):
 * [AWS-doc] with the page, [observed] with where AWS's answer was seen, [inferred] where we chose.
 *
 * A sandbox is one account in one Region, so AWS's "per Region" quotas are per sandbox state. ECS Dojo's own bounds
 * keep one learner's stored state small (a repository document stays under ~45 KiB with both policies at their
 * maximum length, an image under 1 KiB); their messages say they are the sandbox's.
 */
import { EcsError } from "../../engine/errors";

/** [AWS-doc] userguide/service-quotas.html, "Amazon ECR service quotas", and the API reference's member constraints. */
export const ECR_QUOTAS = {
  /**
   * "Registered repositories" per Region. The page has said 10,000 (2019–2023 copies) and now says 100,000 (the
   * figure issue 10 cites); the sandbox bound below sits far under either.
   */
  repositoriesPerRegion: 100_000,
  /** "Images per repository": 10,000, then 20,000 (issue 10), 100,000 on the 2025 docs.amazonaws.cn copy. */
  imagesPerRepository: 20_000,
  /** "Lifecycle policy length": 30,720 characters (also LifecyclePolicyText's max in the API model; min 100). */
  lifecyclePolicyCharacters: 30_720,
  lifecyclePolicyMinCharacters: 100,
  /** API model RepositoryPolicyText: max 10,240 characters. */
  repositoryPolicyCharacters: 10_240,
  /** [AWS-doc] userguide/ecr-using-tags.html, "Tag restrictions": 50 tags per repository; keys ≤ 128, values ≤ 256. */
  tagsPerRepository: 50,
  tagKeyCharacters: 128,
  tagValueCharacters: 256,
  /** API model: BatchGetImage/BatchDeleteImage/DescribeImages imageIds 1–100; DescribeRepositories names 1–100. */
  imageIdsPerRequest: 100,
  repositoryNamesPerRequest: 100,
  /** API model RepositoryName: 2–256 characters. */
  repositoryNameCharacters: { min: 2, max: 256 },
  /**
   * [AWS-doc] userguide/lifecycle_policy_parameters.html, tagPatternList: "You can use up to four wildcards (*) per
   * string."
   */
  wildcardsPerTagPattern: 4,
} as const;

/** [AWS-doc] API reference: maxResults ranges and the page size used when maxResults is omitted ("up to 100 results"). */
export const PAGE_LIMITS = {
  DescribeRepositories: { max: 1000, default: 100 },
  DescribeImages: { max: 1000, default: 100 },
  ListImages: { max: 1000, default: 100 },
  DescribeImageScanFindings: { max: 1000, default: 100 },
  GetLifecyclePolicyPreview: { max: 100, default: 100 },
} as const;

/** Time in the registry, on the simulated clock. */
export const ECR_TIMES = {
  /** [AWS-doc] API_AuthorizationData: "The authorization token is valid for 12 hours." */
  authorizationTokenMs: 12 * 3600_000,
  /**
   * [inferred] How long a basic scan takes: AWS documents no figure; scans of small images finish within a minute or
   * so. 10 simulated seconds keeps `aws ecr wait image-scan-complete` to one or two polls.
   */
  scanMs: 10_000,
  /**
   * [AWS-doc] userguide/image-scanning-basic.html: "Each container image may be scanned once per 24 hours", and "This
   * limit includes the initial scan on push, if enabled, and any manual scans"; a StartImageScan sooner is refused.
   */
  scanQuotaMs: 24 * 3600_000,
  /** [AWS-doc] userguide/LifecyclePolicies.html: countUnit `days`. */
  dayMs: 86_400_000,
  /**
   * When a saved lifecycle policy first acts. [AWS-doc] userguide/LifecyclePolicies.html: "Once a lifecycle policy is
   * applied to a repository, you should expect that images become expired within 24 hours after they meet the
   * expiration criteria." [inferred] the sandbox acts one simulated hour after the policy is saved, so that a lesson
   * sees it happen, then once a day.
   */
  lifecycleFirstRunMs: 3600_000,
  lifecycleRunMs: 86_400_000,
} as const;

/**
 * ECS Dojo's own bounds, far under AWS's quotas above: one L202 exercise uses one repository of 25 images; a
 * pipeline lesson a few repositories of tens of images.
 */
export const ECR_SANDBOX_LIMITS = {
  /** Repositories in one sandbox (account and Region): AWS allows 100,000. */
  repositories: 100,
  /** Images in one repository: AWS allows 20,000. */
  imagesPerRepository: 1_000,
  /** Images in all repositories together. */
  images: 5_000,
  /** Tags on one image (AWS documents no limit of its own). */
  tagsPerImage: 100,
  /** Image tags in all repositories together (with Docker's 128-character tags, at most ~1.3 MB of them). */
  imageTags: 10_000,
} as const;

/** A Dojo bound's error: AWS's exception type, and a message that says whose limit it is. */
function sandboxLimit(what: string): EcsError {
  return new EcsError("LimitExceededException", `This ECS Dojo sandbox ${what}. This is a limit of the sandbox, not of Amazon ECR.`);
}

export const ECR_SANDBOX_ERRORS = {
  repositories: () => sandboxLimit(`holds at most ${ECR_SANDBOX_LIMITS.repositories} ECR repositories`),
  imagesPerRepository: (repositoryName: string) =>
    sandboxLimit(`holds at most ${ECR_SANDBOX_LIMITS.imagesPerRepository} images in one ECR repository, and '${repositoryName}' is full`),
  images: () => sandboxLimit(`holds at most ${ECR_SANDBOX_LIMITS.images} ECR images in all repositories together`),
  tagsPerImage: () => sandboxLimit(`puts at most ${ECR_SANDBOX_LIMITS.tagsPerImage} tags on one ECR image`),
  imageTags: () => sandboxLimit(`holds at most ${ECR_SANDBOX_LIMITS.imageTags} ECR image tags in all repositories together`),
};
