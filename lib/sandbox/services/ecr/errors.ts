/**
 * Amazon ECR's errors, code and message as AWS writes them. Sources: [observed] where AWS's answer was seen (issue
 * threads, Q&A posts; moto's texts, copied from AWS answers, where they agree), [AWS-doc] the API reference, and
 * [inferred] where no answer was found and the wording follows ECR's own pattern.
 */
import { EcsError } from "../../engine/errors";

/** The registry id in AWS's texts: the account's own, or the one the request named. */
export interface RepositoryRef {
  repositoryName: string;
  registryId: string;
}

/** ECR's image id in error texts: `{imageDigest:'…', imageTag:'…'}`, `null` for a member the request left out. */
export function imageIdText(id: { imageDigest?: string; imageTag?: string }): string {
  return `{imageDigest:'${id.imageDigest ?? "null"}', imageTag:'${id.imageTag ?? "null"}'}`;
}

/**
 * [observed] ECR's validation failures: `Invalid parameter at 'repositoryName' failed to satisfy constraint: 'must
 * satisfy regular expression '…''` (jenkins-x/jx#1344, boto/boto3#3191, int128/create-ecr-repository-action#231) and
 * the lifecycle-policy ones below; other constraints are worded in the same frame ([inferred] their inner text).
 */
export function constraint(member: string, text: string): EcsError {
  return new EcsError("InvalidParameterException", `Invalid parameter at '${member}' failed to satisfy constraint: '${text}'`);
}

export const ECR_ERRORS = {
  /** [observed] e.g. terraform-provider-aws, moto's RepositoryNotFoundException. */
  repositoryNotFound: (ref: RepositoryRef) =>
    new EcsError(
      "RepositoryNotFoundException",
      `The repository with name '${ref.repositoryName}' does not exist in the registry with id '${ref.registryId}'`,
    ),
  /** [observed] moto's RepositoryAlreadyExistsException. */
  repositoryAlreadyExists: (ref: RepositoryRef) =>
    new EcsError(
      "RepositoryAlreadyExistsException",
      `The repository with name '${ref.repositoryName}' already exists in the registry with id '${ref.registryId}'`,
    ),
  /** [observed] terraform `aws_ecr_repository` destroy failures; moto's RepositoryNotEmptyException. */
  repositoryNotEmpty: (ref: RepositoryRef) =>
    new EcsError(
      "RepositoryNotEmptyException",
      `The repository with name '${ref.repositoryName}' in registry with id '${ref.registryId}' cannot be deleted because it still contains images`,
    ),
  /** [observed] moto's RepositoryPolicyNotFoundException. */
  repositoryPolicyNotFound: (ref: RepositoryRef) =>
    new EcsError(
      "RepositoryPolicyNotFoundException",
      `Repository policy does not exist for the repository with name '${ref.repositoryName}' in the registry with id '${ref.registryId}'`,
    ),
  /** [observed] iann0036/former2#16 (GetLifecyclePolicy on a repository without one). */
  lifecyclePolicyNotFound: (ref: RepositoryRef) =>
    new EcsError(
      "LifecyclePolicyNotFoundException",
      `Lifecycle policy does not exist for the repository with name '${ref.repositoryName}' in the registry with id '${ref.registryId}'`,
    ),
  /** [inferred] worded like the lifecycle policy's own. */
  lifecyclePreviewNotFound: (ref: RepositoryRef) =>
    new EcsError(
      "LifecyclePolicyPreviewNotFoundException",
      `Lifecycle policy preview does not exist for the repository with name '${ref.repositoryName}' in the registry with id '${ref.registryId}'`,
    ),
  /** [observed] DescribeImages/StartImageScan on a missing tag (Stack Overflow posts; moto's ImageNotFoundException). */
  imageNotFound: (id: { imageDigest?: string; imageTag?: string }, ref: RepositoryRef) =>
    new EcsError(
      "ImageNotFoundException",
      `The image with imageId ${imageIdText(id)} does not exist within the repository with name '${ref.repositoryName}' in the registry with id '${ref.registryId}'`,
    ),
  /** [observed] moto's ScanNotFoundException (DescribeImageScanFindings before any scan). */
  scanNotFound: (id: { imageDigest?: string; imageTag?: string }, ref: RepositoryRef) =>
    new EcsError(
      "ScanNotFoundException",
      `Image scan does not exist for the image with '${imageIdText(id)}' in the repository with name '${ref.repositoryName}' in the registry with id '${ref.registryId}'`,
    ),
  /** [observed] moto's LimitExceededException for a second basic scan within 24 hours. */
  scanQuota: () => new EcsError("LimitExceededException", "The scan quota per image has been exceeded. Wait and try again."),
  /**
   * [observed] pushing a tag that exists in an immutable repository: `tag invalid: The image tag 'latest' already
   * exists in the 'app_service_image' repository and cannot be overwritten because the repository is immutable.`
   * (aws/containers-roadmap#862, moby/buildkit#3776; Docker prefixes `tag invalid: `, PutImage answers the text alone).
   */
  imageTagAlreadyExists: (tag: string, repositoryName: string) =>
    new EcsError(
      "ImageTagAlreadyExistsException",
      `The image tag '${tag}' already exists in the '${repositoryName}' repository and cannot be overwritten because the repository is immutable.`,
    ),
  /** [observed] PutImage of the manifest a tag already points at (moto's ImageAlreadyExistsException). */
  imageAlreadyExists: (digest: string, tag: string, ref: RepositoryRef) =>
    new EcsError(
      "ImageAlreadyExistsException",
      `Image with digest '${digest}' and tag '${tag}' already exists in the repository with name '${ref.repositoryName}' in registry with id '${ref.registryId}'`,
    ),
  /**
   * [inferred] PutImage of a manifest whose layers were never uploaded to the repository (the sandbox has no layer
   * upload: a manifest is known only as one an image of the repository already has), worded like ECR's other errors.
   */
  layersNotFound: (digest: string, ref: RepositoryRef) =>
    new EcsError(
      "LayersNotFoundException",
      `Layers required for pushing the image with digest '${digest}' into the repository with name '${ref.repositoryName}' in the registry with id '${ref.registryId}' do not exist`,
    ),
  /** [inferred] PutImage's imageDigest that is not the manifest's, as the exception's documented meaning. */
  digestDoesNotMatch: () => new EcsError("ImageDigestDoesNotMatchException", "The specified image digest does not match the digest that Amazon ECR calculated for the image."),
  /** [observed] moto's tag/untag answer for a malformed ARN. */
  invalidArn: () => constraint("resourceArn", "Invalid ARN"),
  /** [observed] moto's SetRepositoryPolicy answer for a policy IAM would refuse. */
  invalidRepositoryPolicy: () => constraint("PolicyText", "Invalid repository policy provided"),
  /** [inferred] InvalidTagParameterException's documented meaning as its message. */
  invalidTag: (text: string) => new EcsError("InvalidTagParameterException", text),
  /** [inferred] TooManyTagsException's documented meaning ("The list of tags on the repository is over the limit"). */
  tooManyTags: (limit: number) =>
    new EcsError("TooManyTagsException", `The list of tags on the repository is over the limit. The maximum number of tags per repository is ${limit}.`),
};

/** ECR's item failures (BatchGetImage, BatchDeleteImage): failureCode and failureReason. */
export const IMAGE_FAILURES = {
  /** [observed] `"failureCode": "ImageNotFound", "failureReason": "Requested image not found"`. */
  notFound: { failureCode: "ImageNotFound", failureReason: "Requested image not found" },
  /** [observed] moto, from AWS's answer to an imageId without either member. */
  missingDigestAndTag: { failureCode: "MissingDigestAndTag", failureReason: "Invalid request parameters: both tag and digest cannot be null" },
  /** [observed] moto, from AWS's answer to a malformed digest. */
  invalidDigest: {
    failureCode: "InvalidImageDigest",
    failureReason: "Invalid request parameters: image digest should satisfy the regex '[a-zA-Z0-9-_+.]+:[a-fA-F0-9]+'",
  },
  /** [inferred] the failure code exists in the model; its reason worded like the others. */
  tagDoesNotMatchDigest: { failureCode: "ImageTagDoesNotMatchDigest", failureReason: "Invalid request parameters: image tag does not match digest" },
} as const;
