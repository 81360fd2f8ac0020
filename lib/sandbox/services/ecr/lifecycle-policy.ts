/**
 * Lifecycle policies: Put/Get/DeleteLifecyclePolicy, and Start/GetLifecyclePolicyPreview evaluated for real on the
 * repository's images at the simulated instant the preview starts.
 *
 * Semantics, [AWS-doc] userguide/LifecyclePolicies.html ("Lifecycle policy evaluation rules") and
 * lifecycle_policy_parameters.html / lifecycle_policy_examples.html:
 * - rules apply in rulePriority order, lowest first; an image is expired by one rule or none;
 * - a rule selects images by tagStatus: `untagged` (no tags), `any` (all), `tagged` with tagPrefixList (every prefix
 *   starts one of the image's tags) or tagPatternList (every pattern, `*` wildcards, matches one of its tags, whole);
 * - `imageCountMoreThan` N: the rule's images sorted youngest first (pushed at), all past the N-th are expired;
 *   `sinceImagePushed` N `days`: those pushed more than N days ago (simulated clock) are expired; older first;
 * - an image that matches the tagging requirements of a rule cannot be expired by a rule of lower priority, but later
 *   rules still count it ("Rules can never mark images that are marked by higher priority rules, but can still
 *   identify them as if they haven't been expired"): Examples A and B of the multiple-rules examples hold.
 * A saved policy runs on the simulated clock (runLifecyclePolicy: an hour after it is saved, then daily; AWS expires
 * images within 24 hours of their meeting it), and GetLifecyclePolicy's lastEvaluatedAt shows the last run (the epoch
 * before the first, as AWS shows it). Archive storage (`transition` actions, `storageClass: archive`, `sinceImagePulled`,
 * `sinceImageTransitioned`) is not emulated.
 */
import { MAX_JSON_DEPTH, nestingDepth } from "@/lib/http/json-body";
import type { Input } from "../../engine/input";
import { optObject, optObjectList, optString } from "../../engine/input";
import type { Operation } from "../../engine/operation";
import type { SandboxState } from "../../engine/state";
import { scheduleOnce } from "../../engine/timers";
import { epochSeconds } from "../../engine/wire";
import { constraint, ECR_ERRORS, type RepositoryRef } from "./errors";
import { imagesOf } from "./images";
import { matchesWildcard } from "./repositories";
import { ECR_QUOTAS, ECR_TIMES, PAGE_LIMITS } from "./quotas";
import { paginate, readImageId, requiredString, requireRepository } from "./requests";
import { imageKey, type EcrLifecyclePreview, type EcrRepositoryRecord } from "./state";

export interface LifecycleRule {
  rulePriority: number;
  selection: {
    tagStatus: "tagged" | "untagged" | "any";
    tagPrefixList?: string[];
    tagPatternList?: string[];
    countType: "imageCountMoreThan" | "sinceImagePushed";
    countNumber: number;
  };
}

/** An image as the evaluator sees it. */
export interface LifecycleImage {
  imageDigest: string;
  imageTags: string[];
  pushedAtMs: number;
}

/**
 * [observed] `Invalid parameter at 'LifecyclePolicyText' failed to satisfy constraint: 'Lifecycle policy validation
 * failure: …'` (cloudposse/terraform-aws-ecr#132 and #158, simple-container-com/api#34; moto). The inner texts are
 * those of the JSON Schema validator AWS uses (fge json-schema-validator) where seen, ECR's own where quoted below.
 */
const invalidPolicy = (detail: string) => constraint("LifecyclePolicyText", `Lifecycle policy validation failure: ${detail}`);

const jsonType = (value: unknown) =>
  value === null ? "null" : Array.isArray(value) ? "array" : typeof value === "number" ? (Number.isInteger(value) ? "integer" : "number") : typeof value;

function expectType(value: unknown, allowed: "object" | "array" | "integer" | "string"): void {
  const actual = jsonType(value);
  if (actual !== allowed) throw invalidPolicy(`instance type (${actual}) does not match any allowed primitive type (allowed: ["${allowed}"])`);
}

function checkProperties(value: Record<string, unknown>, required: string[], allowed: string[]): void {
  const missing = required.filter((key) => !(key in value)).sort();
  if (missing.length) throw invalidPolicy(`object has missing required properties (${JSON.stringify(missing)})`);
  const extra = Object.keys(value).filter((key) => !allowed.includes(key)).sort();
  if (extra.length) throw invalidPolicy(`object instance has properties which are not allowed by the schema: (${JSON.stringify(extra)})`);
}

function checkEnum(value: unknown, values: string[]): void {
  expectType(value, "string");
  if (!values.includes(value as string)) {
    throw invalidPolicy(`instance value (${JSON.stringify(value)}) not found in enum (possible values: ${JSON.stringify(values)})`);
  }
}

function checkMinimum(value: unknown): number {
  expectType(value, "integer");
  if ((value as number) < 1) throw invalidPolicy(`numeric instance is lower than the required minimum (minimum: 1, found: ${value})`);
  return value as number;
}

function checkStringList(value: unknown): string[] {
  expectType(value, "array");
  const list = value as unknown[];
  for (const item of list) expectType(item, "string");
  // [inferred] fge's minItems text.
  if (list.length === 0) throw invalidPolicy("array is too short: must have at least 1 elements but instance has 0 elements");
  return list as string[];
}

/** Archive storage and pull-based counting exist in AWS and are refused here, saying so. */
const notEmulated = (what: string) =>
  constraint("LifecyclePolicyText", `Lifecycle policy validation failure: ${what} is not emulated by the ECS Dojo sandbox`);

function readRule(value: unknown): LifecycleRule {
  expectType(value, "object");
  const rule = value as Record<string, unknown>;
  checkProperties(rule, ["action", "rulePriority", "selection"], ["action", "description", "rulePriority", "selection"]);
  const rulePriority = checkMinimum(rule.rulePriority);
  if (rule.description !== undefined) expectType(rule.description, "string");

  expectType(rule.action, "object");
  const action = rule.action as Record<string, unknown>;
  checkProperties(action, ["type"], ["type", "targetStorageClass"]);
  if (action.type === "transition") throw notEmulated("the transition action (archive storage)");
  checkEnum(action.type, ["expire"]);
  // [observed] an expire action with targetStorageClass (even null) fails this way (cloudposse/terraform-aws-ecr#158).
  if ("targetStorageClass" in action) throw invalidPolicy("instance failed to match exactly one schema (matched 0 out of 2)");

  expectType(rule.selection, "object");
  const selection = rule.selection as Record<string, unknown>;
  checkProperties(
    selection,
    ["countNumber", "countType", "tagStatus"],
    ["countNumber", "countType", "countUnit", "storageClass", "tagPatternList", "tagPrefixList", "tagStatus"],
  );
  if (selection.storageClass !== undefined) {
    checkEnum(selection.storageClass, ["archive", "standard"]);
    if (selection.storageClass === "archive") throw notEmulated("storageClass archive");
  }
  checkEnum(selection.tagStatus, ["any", "tagged", "untagged"]);
  const tagStatus = selection.tagStatus as LifecycleRule["selection"]["tagStatus"];
  if (selection.countType === "sinceImagePulled" || selection.countType === "sinceImageTransitioned") {
    throw notEmulated(`countType ${selection.countType}`);
  }
  // [observed] a countType outside the two schemas, or a countUnit where the count type takes none (or null), fails
  // both of the selection's schemas (cloudposse/terraform-aws-ecr#132; cloud-custodian#5597).
  const countType = selection.countType;
  const unitFits = countType === "sinceImagePushed" ? selection.countUnit === "days" : countType === "imageCountMoreThan" && !("countUnit" in selection);
  if (!unitFits) throw invalidPolicy("instance failed to match exactly one schema (matched 0 out of 2)");
  const countNumber = checkMinimum(selection.countNumber);

  const prefixes = selection.tagPrefixList === undefined ? undefined : checkStringList(selection.tagPrefixList);
  const patterns = selection.tagPatternList === undefined ? undefined : checkStringList(selection.tagPatternList);
  if (tagStatus === "tagged" && !prefixes && !patterns) {
    // [observed] (a 2025 deployment log): "Must specify tagPrefixList or tagPatternList when tagStatus=TAGGED."
    throw invalidPolicy("Must specify tagPrefixList or tagPatternList when tagStatus=TAGGED.");
  }
  // [inferred] the parameters page: "If you specify untagged, then you must omit both tagPrefixList and
  // tagPatternList"; both lists at once are not allowed either ("Required: yes, … and tagPrefixList isn't specified").
  if (tagStatus !== "tagged" && (prefixes || patterns)) {
    throw invalidPolicy(`tagPrefixList and tagPatternList must be omitted when tagStatus=${tagStatus.toUpperCase()}.`);
  }
  if (prefixes && patterns) throw invalidPolicy("Specify either tagPrefixList or tagPatternList, not both.");
  for (const pattern of patterns ?? []) {
    if (pattern.split("*").length - 1 > ECR_QUOTAS.wildcardsPerTagPattern) {
      // [inferred] the parameters page: "You can use up to four wildcards (*) per string."
      throw invalidPolicy(`tagPatternList value ${pattern} has more than ${ECR_QUOTAS.wildcardsPerTagPattern} wildcards.`);
    }
  }
  return {
    rulePriority,
    selection: {
      tagStatus,
      ...(prefixes && { tagPrefixList: prefixes }),
      ...(patterns && { tagPatternList: patterns }),
      countType: countType as LifecycleRule["selection"]["countType"],
      countNumber,
    },
  };
}

/**
 * A lifecycle policy text checked as ECR checks it, with its rules in priority order, and the text as ECR stores it:
 * compact JSON ([observed] get-lifecycle-policy answers `{"rules":[{"rulePriority":1,…` for a policy sent with spaces,
 * cloud-custodian#9036).
 */
export function readLifecyclePolicy(text: string): { rules: LifecycleRule[]; normalized: string } {
  if (text.length < ECR_QUOTAS.lifecyclePolicyMinCharacters) {
    throw constraint("lifecyclePolicyText", `Member must have length greater than or equal to ${ECR_QUOTAS.lifecyclePolicyMinCharacters}`);
  }
  if (text.length > ECR_QUOTAS.lifecyclePolicyCharacters) {
    throw constraint("lifecyclePolicyText", `Member must have length less than or equal to ${ECR_QUOTAS.lifecyclePolicyCharacters}`);
  }
  let parsed: unknown;
  try {
    // A policy is four levels deep; anything far deeper is refused before it is parsed.
    parsed = nestingDepth(text) > MAX_JSON_DEPTH ? undefined : JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  // [observed] moto, from AWS: text that is not a JSON object.
  if (jsonType(parsed) !== "object") throw invalidPolicy("Could not map policyString into LifecyclePolicy.");
  const policy = parsed as Record<string, unknown>;
  checkProperties(policy, ["rules"], ["rules"]);
  expectType(policy.rules, "array");
  const rules = (policy.rules as unknown[]).map(readRule);
  if (rules.length === 0) throw invalidPolicy("array is too short: must have at least 1 elements but instance has 0 elements");
  const sorted = [...rules].sort((a, b) => a.rulePriority - b.rulePriority);
  for (let i = 1; i < sorted.length; i++) {
    // [inferred] userguide: "you must give them each a unique value for rulePriority".
    if (sorted[i].rulePriority === sorted[i - 1].rulePriority) throw invalidPolicy(`Rule priorities must be unique; ${sorted[i].rulePriority} is used more than once.`);
  }
  // [observed] "Only one rule can select Untagged images per storage class." (a 2025 deployment log).
  if (sorted.filter((r) => r.selection.tagStatus === "untagged").length > 1) throw invalidPolicy("Only one rule can select Untagged images per storage class.");
  // [observed] "Rule for tagStatus=ANY must have the lowest priority per storage class" (a deployment runbook).
  const anyAt = sorted.findIndex((r) => r.selection.tagStatus === "any");
  if (anyAt >= 0 && anyAt !== sorted.length - 1) throw invalidPolicy("Rule for tagStatus=ANY must have the lowest priority per storage class.");
  // [AWS-doc] "The set of rules must contain a unique set of tag prefixes." [inferred] the text.
  const prefixSets = sorted.filter((r) => r.selection.tagPrefixList).map((r) => JSON.stringify([...r.selection.tagPrefixList!].sort()));
  if (new Set(prefixSets).size !== prefixSets.length) throw invalidPolicy("The set of rules must contain a unique set of tag prefixes.");
  return { rules: sorted, normalized: JSON.stringify(parsed) };
}

function selects(rule: LifecycleRule, image: LifecycleImage): boolean {
  const { tagStatus, tagPrefixList, tagPatternList } = rule.selection;
  if (tagStatus === "any") return true;
  if (tagStatus === "untagged") return image.imageTags.length === 0;
  if (image.imageTags.length === 0) return false;
  if (tagPrefixList) return tagPrefixList.every((prefix) => image.imageTags.some((tag) => tag.startsWith(prefix)));
  return tagPatternList!.every((pattern) => image.imageTags.some((tag) => matchesWildcard(tag, pattern)));
}

/**
 * The images a policy expires at `nowMs`, oldest push first, each with the priority of the rule that expires it.
 * `images` in push order (ties in push time are broken by it: the later push is the younger image).
 */
export function evaluateLifecyclePolicy(
  rules: LifecycleRule[],
  images: LifecycleImage[],
  nowMs: number,
): { image: LifecycleImage; appliedRulePriority: number }[] {
  const order = new Map(images.map((image, i) => [image, i]));
  const oldestFirst = [...images].sort((a, b) => a.pushedAtMs - b.pushedAtMs || order.get(a)! - order.get(b)!);
  const matchedEarlier = new Set<LifecycleImage>();
  const expired = new Map<LifecycleImage, number>();
  for (const rule of [...rules].sort((a, b) => a.rulePriority - b.rulePriority)) {
    const selected = oldestFirst.filter((image) => selects(rule, image));
    const { countType, countNumber } = rule.selection;
    const marked =
      countType === "imageCountMoreThan"
        ? selected.slice(0, Math.max(0, selected.length - countNumber))
        : selected.filter((image) => nowMs - image.pushedAtMs > countNumber * ECR_TIMES.dayMs);
    for (const image of marked) if (!matchedEarlier.has(image) && !expired.has(image)) expired.set(image, rule.rulePriority);
    for (const image of selected) matchedEarlier.add(image);
  }
  return oldestFirst.filter((image) => expired.has(image)).map((image) => ({ image, appliedRulePriority: expired.get(image)! }));
}

function putLifecyclePolicy(state: SandboxState, input: Input, clockMs: number): object {
  const { repository, ref } = requireRepository(state, input);
  const { normalized } = readLifecyclePolicy(requiredString(input, "lifecyclePolicyText"));
  repository.lifecyclePolicyText = normalized;
  scheduleOnce(state, lifecycleTimerId(repository.repositoryName), "ecr-lifecycle", clockMs + ECR_TIMES.lifecycleFirstRunMs);
  return { registryId: ref.registryId, repositoryName: ref.repositoryName, lifecyclePolicyText: normalized };
}

const LIFECYCLE_TIMER = "ecr-lifecycle:";
/** The timer id of a repository's lifecycle runs (no ECS timer id has a colon: task ids are hex, service keys cluster/name). */
const lifecycleTimerId = (repositoryName: string) => `${LIFECYCLE_TIMER}${repositoryName}`;

/**
 * A lifecycle run (the engine's "ecr-lifecycle" timer): the repository's saved policy expires the images it selects
 * now, exactly as its preview would show them, and runs again a day later; a repository without a policy (deleted
 * since) stops there.
 */
export function runLifecyclePolicy(state: SandboxState, timerId: string, atMs: number): void {
  const repository = state.ecrRepositories[timerId.slice(LIFECYCLE_TIMER.length)];
  if (!repository?.lifecyclePolicyText) return;
  const { rules } = readLifecyclePolicy(repository.lifecyclePolicyText);
  for (const { image } of evaluateLifecyclePolicy(rules, imagesOf(state, repository.repositoryName), atMs)) {
    delete state.ecrImages[imageKey(repository.repositoryName, image.imageDigest)];
  }
  repository.lifecycleEvaluatedAtMs = atMs;
  scheduleOnce(state, lifecycleTimerId(repository.repositoryName), "ecr-lifecycle", atMs + ECR_TIMES.lifecycleRunMs);
}

function requirePolicy(repository: EcrRepositoryRecord, ref: RepositoryRef): string {
  if (repository.lifecyclePolicyText === undefined) throw ECR_ERRORS.lifecyclePolicyNotFound(ref);
  return repository.lifecyclePolicyText;
}

/** [observed] lastEvaluatedAt before ECR has evaluated the policy: the epoch (cloud-custodian#9036). */
const NEVER_EVALUATED = 0;

function getLifecyclePolicy(state: SandboxState, input: Input): object {
  const { repository, ref } = requireRepository(state, input);
  const text = requirePolicy(repository, ref);
  const lastEvaluatedAt = repository.lifecycleEvaluatedAtMs === undefined ? NEVER_EVALUATED : epochSeconds(repository.lifecycleEvaluatedAtMs);
  return { registryId: ref.registryId, repositoryName: ref.repositoryName, lifecyclePolicyText: text, lastEvaluatedAt };
}

function deleteLifecyclePolicy(state: SandboxState, input: Input): object {
  const { repository, ref } = requireRepository(state, input);
  const text = requirePolicy(repository, ref);
  delete repository.lifecyclePolicyText;
  delete repository.lifecycleEvaluatedAtMs;
  return { registryId: ref.registryId, repositoryName: ref.repositoryName, lifecyclePolicyText: text, lastEvaluatedAt: NEVER_EVALUATED };
}

/**
 * StartLifecyclePolicyPreview: the policy given (not saved), else the repository's. Evaluated at once; AWS answers
 * IN_PROGRESS here and the preview is COMPLETE by the time GetLifecyclePolicyPreview asks.
 */
function startLifecyclePolicyPreview(state: SandboxState, input: Input, clockMs: number): object {
  const { repository, ref } = requireRepository(state, input);
  const given = optString(input, "lifecyclePolicyText");
  const { rules, normalized } = readLifecyclePolicy(given ?? requirePolicy(repository, ref));
  const images = imagesOf(state, repository.repositoryName);
  const preview: EcrLifecyclePreview = {
    lifecyclePolicyText: normalized,
    evaluatedAtMs: clockMs,
    results: evaluateLifecyclePolicy(rules, images, clockMs).map(({ image, appliedRulePriority }) => ({
      imageDigest: image.imageDigest,
      imageTags: [...image.imageTags],
      pushedAtMs: image.pushedAtMs,
      appliedRulePriority,
    })),
  };
  repository.lifecyclePreview = preview;
  return { registryId: ref.registryId, repositoryName: ref.repositoryName, lifecyclePolicyText: normalized, status: "IN_PROGRESS" };
}

function getLifecyclePolicyPreview(state: SandboxState, input: Input): object {
  const { repository, ref } = requireRepository(state, input);
  const preview = repository.lifecyclePreview;
  if (!preview) throw ECR_ERRORS.lifecyclePreviewNotFound(ref);
  const filter = optObject(input, "filter");
  const tagStatus = filter ? optString(filter, "tagStatus") : undefined;
  if (tagStatus !== undefined && !["TAGGED", "UNTAGGED", "ANY"].includes(tagStatus)) {
    throw constraint("filter.tagStatus", "Member must satisfy enum value set: [TAGGED, UNTAGGED, ANY]");
  }
  const ids = optObjectList(input, "imageIds")?.map(readImageId);
  let results = preview.results.filter(
    (r) => tagStatus === undefined || tagStatus === "ANY" || (tagStatus === "TAGGED") === r.imageTags.length > 0,
  );
  if (ids) {
    results = results.filter((r) =>
      ids.some((id) => (id.imageDigest === undefined || id.imageDigest === r.imageDigest) && (id.imageTag === undefined || r.imageTags.includes(id.imageTag))),
    );
  }
  const { page, nextToken } = paginate(results, input, PAGE_LIMITS.GetLifecyclePolicyPreview);
  return {
    registryId: ref.registryId,
    repositoryName: ref.repositoryName,
    lifecyclePolicyText: preview.lifecyclePolicyText,
    status: "COMPLETE",
    previewResults: page.map((r) => ({
      imageDigest: r.imageDigest,
      ...(r.imageTags.length > 0 && { imageTags: r.imageTags }),
      imagePushedAt: epochSeconds(r.pushedAtMs),
      action: { type: "EXPIRE" },
      appliedRulePriority: r.appliedRulePriority,
    })),
    ...(nextToken && { nextToken }),
    summary: { expiringImageTotalCount: results.length },
  };
}

export const lifecycleOperations: Record<string, Operation> = {
  PutLifecyclePolicy: { readOnly: false, run: putLifecyclePolicy },
  GetLifecyclePolicy: { readOnly: true, run: getLifecyclePolicy },
  DeleteLifecyclePolicy: { readOnly: false, run: deleteLifecyclePolicy },
  StartLifecyclePolicyPreview: { readOnly: false, run: startLifecyclePolicyPreview },
  GetLifecyclePolicyPreview: { readOnly: true, run: getLifecyclePolicyPreview },
};
