/**
 * ECR repositories: create (with AWS's defaults: MUTABLE tags, scan on push off, AES256 encryption), describe (with
 * pagination), delete (refused while images remain unless `force`), tag mutability, scan-on-push setting, and the
 * repository's tags (TagResource/UntagResource/ListTagsForResource by repository ARN).
 */
import { nextUuid } from "../../engine/ids";
import { optBoolean, optObject, optObjectList, optString, optStringList, type Input } from "../../engine/input";
import type { Operation } from "../../engine/operation";
import type { SandboxState } from "../../engine/state";
import { peek } from "../../engine/transition";
import { epochSeconds } from "../../engine/wire";
import { constraint, ECR_ERRORS, type RepositoryRef } from "./errors";
import { ECR_QUOTAS, ECR_SANDBOX_ERRORS, ECR_SANDBOX_LIMITS, PAGE_LIMITS } from "./quotas";
import {
  checkRepositoryName,
  paginate,
  readRegistryId,
  registryHost,
  repositoryArn,
  requiredString,
  requireRepository,
} from "./requests";
import type { EcrRepositoryRecord, ImageTagMutability } from "./state";

const MUTABILITIES: readonly ImageTagMutability[] = ["MUTABLE", "IMMUTABLE", "IMMUTABLE_WITH_EXCLUSION", "MUTABLE_WITH_EXCLUSION"];
const ENCRYPTION_TYPES = ["AES256", "KMS", "KMS_DSSE"] as const;
/** [AWS-doc] API model ImageTagMutabilityExclusionFilterValue. */
const EXCLUSION_FILTER = /^[0-9a-zA-Z._*-]{1,128}$/;

/** The Repository object of ECR's answers. */
export function presentRepository(state: SandboxState, record: EcrRepositoryRecord): object {
  return {
    repositoryArn: repositoryArn(state, record.repositoryName),
    registryId: state.accountId,
    repositoryName: record.repositoryName,
    repositoryUri: `${registryHost(state.accountId, state.region)}/${record.repositoryName}`,
    createdAt: epochSeconds(record.createdAtMs),
    imageTagMutability: record.imageTagMutability,
    ...(record.imageTagMutabilityExclusionFilters && { imageTagMutabilityExclusionFilters: record.imageTagMutabilityExclusionFilters }),
    imageScanningConfiguration: { scanOnPush: record.scanOnPush },
    encryptionConfiguration: record.encryptionConfiguration,
  };
}

/** Whether `text` matches a wildcard filter (`*` = any run of characters), whole. Tag mutability and lifecycle rules. */
export function matchesWildcard(text: string, pattern: string): boolean {
  const parts = pattern.split("*");
  if (parts.length === 1) return text === pattern;
  if (!text.startsWith(parts[0]) || !text.endsWith(parts[parts.length - 1])) return false;
  let at = parts[0].length;
  const end = text.length - parts[parts.length - 1].length;
  for (const part of parts.slice(1, -1)) {
    const found = text.indexOf(part, at);
    if (found < 0 || found + part.length > end) return false;
    at = found + part.length;
  }
  return at <= end;
}

/**
 * Whether a push may not move `tag` once an image holds it. [AWS-doc] userguide/image-tag-mutability.html: with
 * IMMUTABLE every tag is immutable; the *_WITH_EXCLUSION settings turn the tags their filters match the other way.
 */
export function tagIsImmutable(repository: EcrRepositoryRecord, tag: string): boolean {
  const excluded = (repository.imageTagMutabilityExclusionFilters ?? []).some((f) => matchesWildcard(tag, f.filter));
  switch (repository.imageTagMutability) {
    case "MUTABLE":
      return false;
    case "IMMUTABLE":
      return true;
    case "IMMUTABLE_WITH_EXCLUSION":
      return !excluded;
    case "MUTABLE_WITH_EXCLUSION":
      return excluded;
  }
}

function readMutability(input: Input): Pick<EcrRepositoryRecord, "imageTagMutability" | "imageTagMutabilityExclusionFilters"> {
  const value = optString(input, "imageTagMutability") ?? "MUTABLE";
  if (!(MUTABILITIES as readonly string[]).includes(value)) {
    // [inferred] ECR's frame around the enum constraint (moto words it alike).
    throw constraint("imageTagMutability", `Member must satisfy enum value set: [${MUTABILITIES.join(", ")}]`);
  }
  const mutability = value as ImageTagMutability;
  const items = optObjectList(input, "imageTagMutabilityExclusionFilters");
  const withExclusion = mutability.endsWith("_WITH_EXCLUSION");
  if (!withExclusion && items !== undefined) {
    // [inferred]
    throw constraint(
      "imageTagMutabilityExclusionFilters",
      `ImageTagMutabilityExclusionFilters can only be specified when imageTagMutability is set as MUTABLE_WITH_EXCLUSION or IMMUTABLE_WITH_EXCLUSION`,
    );
  }
  if (!withExclusion) return { imageTagMutability: mutability };
  // [observed] moto's text for the *_WITH_EXCLUSION settings without filters.
  if (!items?.length) {
    throw constraint("imageTagMutabilityExclusionFilters", `ImageTagMutabilityExclusionFilters can't be null when imageTagMutability is set as ${mutability}`);
  }
  // [AWS-doc] API model: 1–5 filters, each WILDCARD with ^[0-9a-zA-Z._*-]{1,128}$. [inferred] the texts.
  if (items.length > 5) throw constraint("imageTagMutabilityExclusionFilters", "Member must have length less than or equal to 5");
  const filters = items.map((item) => {
    const filterType = optString(item, "filterType");
    const filter = optString(item, "filter") ?? "";
    if (filterType !== "WILDCARD") throw constraint("imageTagMutabilityExclusionFilters", `Invalid value for 'filterType' in mutability exclusion filter: ${filterType ?? "null"}`);
    if (!EXCLUSION_FILTER.test(filter)) throw constraint("imageTagMutabilityExclusionFilters", "must satisfy regular expression '^[0-9a-zA-Z._*-]{1,128}$'");
    return { filterType: "WILDCARD" as const, filter };
  });
  return { imageTagMutability: mutability, imageTagMutabilityExclusionFilters: filters };
}

function readEncryption(state: SandboxState, input: Input): EcrRepositoryRecord["encryptionConfiguration"] {
  const config = optObject(input, "encryptionConfiguration");
  if (config === undefined) return { encryptionType: "AES256" };
  const type = optString(config, "encryptionType");
  if (type === undefined) throw constraint("encryptionConfiguration.encryptionType", "Member must not be null");
  if (!(ENCRYPTION_TYPES as readonly string[]).includes(type)) {
    throw constraint("encryptionConfiguration.encryptionType", `Member must satisfy enum value set: [${ENCRYPTION_TYPES.join(", ")}]`);
  }
  const kmsKey = optString(config, "kmsKey");
  if (type === "AES256") {
    // [inferred] AES256 is S3-managed encryption: a KMS key makes no sense with it.
    if (kmsKey !== undefined) throw constraint("encryptionConfiguration.kmsKey", "A KMS key can only be specified when encryptionType is KMS or KMS_DSSE");
    return { encryptionType: "AES256" };
  }
  // [AWS-doc] userguide/encryption-at-rest.html: without kmsKey, ECR uses the AWS managed key `aws/ecr`. Its id here
  // is made up, deterministically.
  const key = kmsKey ?? `arn:aws:kms:${state.region}:${state.accountId}:key/${nextUuid(state, "ecr-kms-key")}`;
  return { encryptionType: type as "KMS" | "KMS_DSSE", kmsKey: key };
}

/** The `tags` of CreateRepository/TagResource, checked as ECR documents them (`Key`/`Value`, 128/256 characters). */
function readTags(input: Input, required: boolean): { Key: string; Value: string }[] {
  const items = optObjectList(input, "tags");
  if (items === undefined) {
    if (required) throw constraint("tags", "Member must not be null");
    return [];
  }
  return items.map((item) => {
    const Key = optString(item, "Key");
    const Value = optString(item, "Value");
    // [inferred] texts: InvalidTagParameterException's documented meaning.
    if (Key === undefined || Key.length < 1 || Key.length > ECR_QUOTAS.tagKeyCharacters) {
      throw ECR_ERRORS.invalidTag(`Tag keys can have a maximum character length of ${ECR_QUOTAS.tagKeyCharacters} characters.`);
    }
    if (Value === undefined) throw ECR_ERRORS.invalidTag("Tag values can't be null.");
    if (Value.length > ECR_QUOTAS.tagValueCharacters) {
      throw ECR_ERRORS.invalidTag(`Tag values can have a maximum length of ${ECR_QUOTAS.tagValueCharacters} characters.`);
    }
    if (Key.toLowerCase().startsWith("aws:")) throw ECR_ERRORS.invalidTag("Tag keys with the prefix 'aws:' are reserved for AWS use.");
    return { Key, Value };
  });
}

/** `tags` merged into `existing`: a key given again takes the new value (userguide/ecr-using-tags.html). */
function mergeTags(existing: { Key: string; Value: string }[], added: { Key: string; Value: string }[]): { Key: string; Value: string }[] {
  const byKey = new Map(existing.map((t) => [t.Key, t.Value]));
  for (const tag of added) byKey.set(tag.Key, tag.Value);
  if (byKey.size > ECR_QUOTAS.tagsPerRepository) throw ECR_ERRORS.tooManyTags(ECR_QUOTAS.tagsPerRepository);
  return [...byKey].map(([Key, Value]) => ({ Key, Value }));
}

function createRepository(state: SandboxState, input: Input, clockMs: number): object {
  const repositoryName = checkRepositoryName(requiredString(input, "repositoryName"));
  const registryId = readRegistryId(state, input);
  // [inferred] a sandbox has one registry, its own account's.
  if (registryId !== state.accountId) throw constraint("registryId", `A repository can only be created in your own registry, ${state.accountId}`);
  const ref = { repositoryName, registryId };
  const mutability = readMutability(input);
  const scanning = optObject(input, "imageScanningConfiguration");
  const scanOnPush = scanning ? (optBoolean(scanning, "scanOnPush") ?? false) : false;
  const tags = mergeTags([], readTags(input, false));
  if (state.ecrRepositories[repositoryName]) throw ECR_ERRORS.repositoryAlreadyExists(ref);
  if (Object.keys(state.ecrRepositories).length >= ECR_SANDBOX_LIMITS.repositories) throw ECR_SANDBOX_ERRORS.repositories();
  const record: EcrRepositoryRecord = {
    repositoryName,
    createdAtMs: clockMs,
    ...mutability,
    scanOnPush,
    encryptionConfiguration: readEncryption(state, input),
    tags,
  };
  state.ecrRepositories[repositoryName] = record;
  return { repository: presentRepository(state, record) };
}

function describeRepositories(state: SandboxState, input: Input): object {
  const registryId = readRegistryId(state, input);
  const names = optStringList(input, "repositoryNames");
  if (names !== undefined) {
    if (names.length < 1) throw constraint("repositoryNames", "Member must have length greater than or equal to 1");
    if (names.length > ECR_QUOTAS.repositoryNamesPerRequest) {
      throw constraint("repositoryNames", `Member must have length less than or equal to ${ECR_QUOTAS.repositoryNamesPerRequest}`);
    }
    // [AWS-doc] DescribeRepositories maxResults: "This option cannot be used when you specify repositories with
    // repositoryNames." [inferred] the text.
    if (input.maxResults !== undefined && input.maxResults !== null) {
      throw constraint("maxResults", "maxResults cannot be used when repositoryNames is specified");
    }
  }
  const own = registryId === state.accountId;
  if (names !== undefined) {
    const found = [...new Set(names)].map((name) => {
      const repository = own ? state.ecrRepositories[checkRepositoryName(name, "repositoryNames")] : undefined;
      if (!repository) throw ECR_ERRORS.repositoryNotFound({ repositoryName: name, registryId });
      return presentRepository(state, repository);
    });
    return { repositories: found };
  }
  const all = own ? Object.values(state.ecrRepositories) : [];
  const { page, nextToken } = paginate(all, input, PAGE_LIMITS.DescribeRepositories);
  return { repositories: page.map((r) => presentRepository(state, r)), ...(nextToken && { nextToken }) };
}

/** Every image key of one repository (reads without making drafts). */
export function imageKeysOf(state: SandboxState, repositoryName: string): string[] {
  return Object.keys(state.ecrImages).filter((key) => peek(state.ecrImages, key)!.repositoryName === repositoryName);
}

function deleteRepository(state: SandboxState, input: Input): object {
  const { repository, ref } = requireRepository(state, input);
  const force = optBoolean(input, "force") ?? false;
  const images = imageKeysOf(state, repository.repositoryName);
  if (images.length > 0 && !force) throw ECR_ERRORS.repositoryNotEmpty(ref);
  const answer = { repository: presentRepository(state, repository) };
  for (const key of images) delete state.ecrImages[key];
  delete state.ecrRepositories[repository.repositoryName];
  return answer;
}

function putImageTagMutability(state: SandboxState, input: Input): object {
  const { repository, ref } = requireRepository(state, input);
  requiredString(input, "imageTagMutability");
  const mutability = readMutability(input);
  repository.imageTagMutability = mutability.imageTagMutability;
  if (mutability.imageTagMutabilityExclusionFilters) repository.imageTagMutabilityExclusionFilters = mutability.imageTagMutabilityExclusionFilters;
  else delete repository.imageTagMutabilityExclusionFilters;
  return { registryId: ref.registryId, repositoryName: ref.repositoryName, ...mutability };
}

function putImageScanningConfiguration(state: SandboxState, input: Input): object {
  const { repository, ref } = requireRepository(state, input);
  const scanning = optObject(input, "imageScanningConfiguration");
  if (scanning === undefined) throw constraint("imageScanningConfiguration", "Member must not be null");
  repository.scanOnPush = optBoolean(scanning, "scanOnPush") ?? false;
  return { registryId: ref.registryId, repositoryName: ref.repositoryName, imageScanningConfiguration: { scanOnPush: repository.scanOnPush } };
}

/** [AWS-doc] the ARN of a repository: `arn:aws:ecr:<region>:<account>:repository/<name>`. */
const REPOSITORY_ARN = /^arn:(aws|aws-cn|aws-us-gov):ecr:([a-z0-9-]+):([0-9]{12}):repository\/(.+)$/;

/** The repository an ARN names: of this sandbox's account and Region, or RepositoryNotFoundException. */
function repositoryOfArn(state: SandboxState, input: Input): EcrRepositoryRecord {
  const arn = requiredString(input, "resourceArn");
  const match = REPOSITORY_ARN.exec(arn);
  if (!match) throw ECR_ERRORS.invalidArn();
  const [, , region, registryId, repositoryName] = match;
  const ref: RepositoryRef = { repositoryName, registryId };
  const repository = region === state.region && registryId === state.accountId ? state.ecrRepositories[repositoryName] : undefined;
  if (!repository) throw ECR_ERRORS.repositoryNotFound(ref);
  return repository;
}

export const repositoryOperations: Record<string, Operation> = {
  CreateRepository: { readOnly: false, run: createRepository },
  DescribeRepositories: { readOnly: true, run: describeRepositories },
  DeleteRepository: { readOnly: false, run: deleteRepository },
  PutImageTagMutability: { readOnly: false, run: putImageTagMutability },
  PutImageScanningConfiguration: { readOnly: false, run: putImageScanningConfiguration },
  TagResource: {
    readOnly: false,
    run(state, input) {
      const repository = repositoryOfArn(state, input);
      repository.tags = mergeTags(repository.tags, readTags(input, true));
      return {};
    },
  },
  UntagResource: {
    readOnly: false,
    run(state, input) {
      const repository = repositoryOfArn(state, input);
      const keys = optStringList(input, "tagKeys");
      if (keys === undefined) throw constraint("tagKeys", "Member must not be null");
      repository.tags = repository.tags.filter((t) => !keys.includes(t.Key));
      return {};
    },
  },
  ListTagsForResource: {
    readOnly: true,
    run: (state, input) => ({ tags: repositoryOfArn(state, input).tags }),
  },
};
