/**
 * Reading ECR requests: the members every operation shares (repositoryName, registryId, imageIds, pagination),
 * checked as ECR checks them, failing with ECR's own codes and texts (errors.ts). The AWS CLI checks types and
 * minimum lengths before it sends anything; these checks are for every other client.
 */
import { optInteger, optObject, optString, type Input } from "../../engine/input";
import type { SandboxState } from "../../engine/state";
import { constraint, ECR_ERRORS, type RepositoryRef } from "./errors";
import { ECR_QUOTAS } from "./quotas";
import type { EcrRepositoryRecord } from "./state";

/** [AWS-doc] API model RepositoryName pattern, matched whole. */
export const REPOSITORY_NAME_PATTERN = "[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*(\\/[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*)*";
const REPOSITORY_NAME = new RegExp(`^(?:${REPOSITORY_NAME_PATTERN})$`);
const REGISTRY_ID = /^[0-9]{12}$/;

/** A required member; absent (or JSON null) fails the way ECR reports a missing member ([inferred] its inner text). */
export function requiredString(input: Input, member: string): string {
  const value = optString(input, member);
  if (value === undefined) throw constraint(member, "Member must not be null");
  return value;
}

/** A repository name as ECR accepts it. */
export function checkRepositoryName(name: string, member = "repositoryName"): string {
  const { min, max } = ECR_QUOTAS.repositoryNameCharacters;
  if (name.length < min) throw constraint(member, `Member must have length greater than or equal to ${min}`);
  if (name.length > max) throw constraint(member, `Member must have length less than or equal to ${max}`);
  if (!REPOSITORY_NAME.test(name)) throw constraint(member, `must satisfy regular expression '${REPOSITORY_NAME_PATTERN}'`);
  return name;
}

/** The registry a request names (registryId, default the caller's own account). */
export function readRegistryId(state: SandboxState, input: Input): string {
  const registryId = optString(input, "registryId");
  if (registryId === undefined) return state.accountId;
  if (!REGISTRY_ID.test(registryId)) throw constraint("registryId", "must satisfy regular expression '[0-9]{12}'");
  return registryId;
}

/** The repository a request names, with the names AWS's texts use; RepositoryNotFoundException when it has none. */
export function requireRepository(state: SandboxState, input: Input): { repository: EcrRepositoryRecord; ref: RepositoryRef } {
  const repositoryName = checkRepositoryName(requiredString(input, "repositoryName"));
  const ref = { repositoryName, registryId: readRegistryId(state, input) };
  // Another account's registry is out of reach of a sandbox: its repositories are never found.
  const repository = ref.registryId === state.accountId ? state.ecrRepositories[repositoryName] : undefined;
  if (!repository) throw ECR_ERRORS.repositoryNotFound(ref);
  return { repository, ref };
}

/** One imageId of a request (`{imageDigest?, imageTag?}`), as given. */
export function readImageId(value: Input): { imageDigest?: string; imageTag?: string } {
  const imageDigest = optString(value, "imageDigest");
  const imageTag = optString(value, "imageTag");
  return { ...(imageDigest !== undefined && { imageDigest }), ...(imageTag !== undefined && { imageTag }) };
}

/** The single `imageId` of StartImageScan / DescribeImageScanFindings. */
export function requiredImageId(input: Input): { imageDigest?: string; imageTag?: string } {
  const value = optObject(input, "imageId");
  if (value === undefined) throw constraint("imageId", "Member must not be null");
  return readImageId(value);
}

const TOKEN_PREFIX = "ecr-dojo-page:";

/**
 * One page of a paginated answer. ECR's tokens are opaque: the sandbox's carry the offset of the next item (the CLI
 * follows them itself to print every page). Limits per operation in quotas.ts, PAGE_LIMITS.
 */
export function paginate<T>(items: T[], input: Input, limits: { max: number; default: number }): { page: T[]; nextToken?: string } {
  const maxResults = optInteger(input, "maxResults");
  if (maxResults !== undefined && maxResults < 1) throw constraint("maxResults", "Member must have value greater than or equal to 1");
  if (maxResults !== undefined && maxResults > limits.max) {
    throw constraint("maxResults", `Member must have value less than or equal to ${limits.max}`);
  }
  const token = optString(input, "nextToken");
  let offset = 0;
  if (token !== undefined) {
    const decoded = decodeToken(token);
    // [inferred] ECR's answer to a token it did not issue.
    if (decoded === null || decoded > items.length) throw constraint("nextToken", "Invalid NextToken");
    offset = decoded;
  }
  const end = offset + (maxResults ?? limits.default);
  const page = items.slice(offset, end);
  return end < items.length ? { page, nextToken: btoa(`${TOKEN_PREFIX}${end}`) } : { page };
}

function decodeToken(token: string): number | null {
  let text: string;
  try {
    text = atob(token);
  } catch {
    return null;
  }
  if (!text.startsWith(TOKEN_PREFIX)) return null;
  const offset = Number(text.slice(TOKEN_PREFIX.length));
  return Number.isInteger(offset) && offset >= 0 ? offset : null;
}

/** `arn:aws:ecr:<region>:<account>:repository/<name>` — the ARN ECR gives a repository. */
export function repositoryArn(state: SandboxState, repositoryName: string): string {
  return `arn:${partition(state.region)}:ecr:${state.region}:${state.accountId}:repository/${repositoryName}`;
}

/** `<account>.dkr.ecr.<region>.amazonaws.com`: the registry's host (amazonaws.com.cn in China). */
export function registryHost(registryId: string, region: string): string {
  return `${registryId}.dkr.ecr.${region}.${region.startsWith("cn-") ? "amazonaws.com.cn" : "amazonaws.com"}`;
}

function partition(region: string): string {
  if (region.startsWith("cn-")) return "aws-cn";
  if (region.startsWith("us-gov-")) return "aws-us-gov";
  return "aws";
}
