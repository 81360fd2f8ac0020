/**
 * ECR images: the sandbox's way to push one (DojoSandbox.PushImage, and scenario files), DescribeImages, ListImages,
 * BatchGetImage and BatchDeleteImage, and `findImage` for ECS (what a task's image URI resolves to).
 *
 * An image is its manifest: a Docker image manifest (schema 2) built from the push's `build` (what the image's content
 * is) and size, so the same build pushed twice is the same image, and its digest is the manifest's real SHA-256.
 * A push without a `build` is a fresh build, as `docker build` + `docker push` of changed code would be.
 */
import { hashHex, nextHex } from "../../engine/ids";
import { optInteger, optObject, optObjectList, optString, type Input } from "../../engine/input";
import type { Operation } from "../../engine/operation";
import type { SandboxState } from "../../engine/state";
import { peek } from "../../engine/transition";
import { epochSeconds } from "../../engine/wire";
import { constraint, ECR_ERRORS, IMAGE_FAILURES, type RepositoryRef } from "./errors";
import { ECR_QUOTAS, ECR_SANDBOX_ERRORS, ECR_SANDBOX_LIMITS, PAGE_LIMITS } from "./quotas";
import { imageKeysOf, tagIsImmutable } from "./repositories";
import { checkRepositoryName, paginate, readImageId, registryHost, requiredString, requireRepository } from "./requests";
import { scanDetail, startScan } from "./scanning";
import { sha256Hex } from "./sha256";
import { imageKey, type EcrImageRecord, type EcrRepositoryRecord } from "./state";

export const MANIFEST_MEDIA_TYPE = "application/vnd.docker.distribution.manifest.v2+json";
export const CONFIG_MEDIA_TYPE = "application/vnd.docker.container.image.v1+json";
const LAYER_MEDIA_TYPE = "application/vnd.docker.image.rootfs.diff.tar.gzip";
/** [AWS-doc] Docker's tag grammar (docs.docker.com, `docker image tag`): what `docker push` can send. */
const DOCKER_TAG = /^[\w][\w.-]{0,127}$/;
/** [observed] the digest check of BatchGetImage/BatchDeleteImage (IMAGE_FAILURES.invalidDigest). */
const DIGEST = /^[a-zA-Z0-9-_+.]+:[a-fA-F0-9]+$/;
/** A pushed image's size when the push names none: 20–80 MiB, from its build (a small service image). */
const DEFAULT_SIZE = { min: 20 * 1024 * 1024, spread: 60 * 1024 * 1024 };
/** What a push may claim as its size: 1 byte to 10 GiB ([inferred] a sandbox bound; AWS's layer limit is 52,000 MiB). */
const MAX_PUSH_SIZE = 10 * 1024 * 1024 * 1024;
const MAX_BUILD_CHARACTERS = 256;

/** The manifest of an image as BatchGetImage returns it: three layers and a config, all derived from the build. */
export function manifestOf(build: string, sizeInBytes: number): string {
  const layerSizes = [Math.floor(sizeInBytes * 0.6), Math.floor(sizeInBytes * 0.3)];
  layerSizes.push(sizeInBytes - layerSizes[0] - layerSizes[1]);
  const manifest = {
    schemaVersion: 2,
    mediaType: MANIFEST_MEDIA_TYPE,
    config: { mediaType: CONFIG_MEDIA_TYPE, size: 1024 + (parseInt(hashHex(`config-size|${build}`, 4), 16) % 4096), digest: `sha256:${sha256Hex(`config|${build}`)}` },
    layers: layerSizes.map((size, i) => ({ mediaType: LAYER_MEDIA_TYPE, size, digest: `sha256:${sha256Hex(`layer|${build}|${i}`)}` })),
  };
  // Registries write manifests as `docker push` sends them: indented by three spaces.
  return JSON.stringify(manifest, null, 3);
}

export const digestOf = (build: string, sizeInBytes: number) => `sha256:${sha256Hex(manifestOf(build, sizeInBytes))}`;

/** The images of one repository, in push order. */
export function imagesOf(state: SandboxState, repositoryName: string): EcrImageRecord[] {
  return imageKeysOf(state, repositoryName).map((key) => peek(state.ecrImages, key)!);
}

function imageByDigest(state: SandboxState, repositoryName: string, digest: string): EcrImageRecord | undefined {
  return peek(state.ecrImages, imageKey(repositoryName, digest));
}

function imageByTag(state: SandboxState, repositoryName: string, tag: string): EcrImageRecord | undefined {
  return imagesOf(state, repositoryName).find((image) => image.imageTags.includes(tag));
}

/**
 * The image an imageId names: by digest and/or tag (both must agree). `mismatch` when the tag is on another image
 * than the digest names.
 */
function resolveImageId(
  state: SandboxState,
  repositoryName: string,
  id: { imageDigest?: string; imageTag?: string },
): EcrImageRecord | "mismatch" | undefined {
  if (id.imageDigest !== undefined) {
    const image = imageByDigest(state, repositoryName, id.imageDigest);
    if (!image || id.imageTag === undefined || image.imageTags.includes(id.imageTag)) return image;
    return imageByTag(state, repositoryName, id.imageTag) ? "mismatch" : undefined;
  }
  return id.imageTag === undefined ? undefined : imageByTag(state, repositoryName, id.imageTag);
}

/** The image an imageId names, or ImageNotFoundException (DescribeImages, StartImageScan, DescribeImageScanFindings). */
export function requireImage(state: SandboxState, ref: RepositoryRef, id: { imageDigest?: string; imageTag?: string }): EcrImageRecord {
  const image = resolveImageId(state, ref.repositoryName, id);
  if (!image || image === "mismatch") throw ECR_ERRORS.imageNotFound(id, ref);
  return image;
}

function readImageIds(input: Input): { imageDigest?: string; imageTag?: string }[] {
  const items = optObjectList(input, "imageIds");
  if (items === undefined) throw constraint("imageIds", "Member must not be null");
  if (items.length < 1) throw constraint("imageIds", "Member must have length greater than or equal to 1");
  if (items.length > ECR_QUOTAS.imageIdsPerRequest) throw constraint("imageIds", `Member must have length less than or equal to ${ECR_QUOTAS.imageIdsPerRequest}`);
  return items.map(readImageId);
}

function readTagStatus(input: Input): "TAGGED" | "UNTAGGED" | "ANY" {
  const filter = optObject(input, "filter");
  const status = filter ? optString(filter, "tagStatus") : undefined;
  if (status === undefined) return "ANY";
  if (status !== "TAGGED" && status !== "UNTAGGED" && status !== "ANY") {
    throw constraint("filter.tagStatus", "Member must satisfy enum value set: [TAGGED, UNTAGGED, ANY]");
  }
  return status;
}

/** Whether an image is shown under `filter.imageStatus`: every sandbox image is ACTIVE (archiving is not emulated). */
function imageStatusShows(input: Input): boolean {
  const filter = optObject(input, "filter");
  const status = filter ? optString(filter, "imageStatus") : undefined;
  if (status === undefined) return true;
  if (!["ACTIVE", "ARCHIVED", "ACTIVATING", "ANY"].includes(status)) {
    throw constraint("filter.imageStatus", "Member must satisfy enum value set: [ACTIVE, ARCHIVED, ACTIVATING, ANY]");
  }
  return status === "ACTIVE" || status === "ANY";
}

const tagStatusShows = (status: "TAGGED" | "UNTAGGED" | "ANY", image: EcrImageRecord) =>
  status === "ANY" || (status === "TAGGED") === image.imageTags.length > 0;

/** An ImageDetail of DescribeImages. */
function imageDetail(state: SandboxState, image: EcrImageRecord, clockMs: number): object {
  return {
    registryId: state.accountId,
    repositoryName: image.repositoryName,
    imageDigest: image.imageDigest,
    ...(image.imageTags.length > 0 && { imageTags: image.imageTags }),
    imageSizeInBytes: image.sizeInBytes,
    imagePushedAt: epochSeconds(image.pushedAtMs),
    ...scanDetail(image, clockMs),
    imageManifestMediaType: MANIFEST_MEDIA_TYPE,
    artifactMediaType: CONFIG_MEDIA_TYPE,
  };
}

function describeImages(state: SandboxState, input: Input, clockMs: number): object {
  const { repository, ref } = requireRepository(state, input);
  const status = readTagStatus(input);
  const active = imageStatusShows(input);
  const ids = input.imageIds === undefined || input.imageIds === null ? undefined : readImageIds(input);
  // Named images must all exist (ImageNotFoundException names the first that does not); each is shown once.
  const images = ids ? [...new Set(ids.map((id) => requireImage(state, ref, id)))] : imagesOf(state, repository.repositoryName);
  const shown = images.filter((image) => active && tagStatusShows(status, image));
  const { page, nextToken } = paginate(shown, input, PAGE_LIMITS.DescribeImages);
  return { imageDetails: page.map((image) => imageDetail(state, image, clockMs)), ...(nextToken && { nextToken }) };
}

/** ListImages: one imageId per tag, and one with the digest alone per untagged image. */
function listImages(state: SandboxState, input: Input): object {
  const { repository } = requireRepository(state, input);
  const status = readTagStatus(input);
  const active = imageStatusShows(input);
  const ids = imagesOf(state, repository.repositoryName)
    .filter((image) => active && tagStatusShows(status, image))
    .flatMap((image) =>
      image.imageTags.length ? image.imageTags.map((imageTag) => ({ imageDigest: image.imageDigest, imageTag })) : [{ imageDigest: image.imageDigest }],
    );
  const { page, nextToken } = paginate(ids, input, PAGE_LIMITS.ListImages);
  return { imageIds: page, ...(nextToken && { nextToken }) };
}

/** Why an imageId of a batch call is refused before it is looked up, or null. */
function badImageId(id: { imageDigest?: string; imageTag?: string }) {
  if (id.imageDigest === undefined && id.imageTag === undefined) return IMAGE_FAILURES.missingDigestAndTag;
  if (id.imageDigest !== undefined && !DIGEST.test(id.imageDigest)) return IMAGE_FAILURES.invalidDigest;
  return null;
}

/** The image a batch call's imageId names, or the item failure ECR answers for it. */
function lookUpImageId(state: SandboxState, repositoryName: string, id: { imageDigest?: string; imageTag?: string }) {
  const bad = badImageId(id);
  if (bad) return { failure: { imageId: id, ...bad } };
  const image = resolveImageId(state, repositoryName, id);
  if (!image || image === "mismatch") return { failure: { imageId: id, ...(image === "mismatch" ? IMAGE_FAILURES.tagDoesNotMatchDigest : IMAGE_FAILURES.notFound) } };
  return { image };
}

/** An image with its manifest, as BatchGetImage and PutImage answer it. */
function imageWithManifest(state: SandboxState, image: EcrImageRecord, tag: string | undefined): object {
  return {
    registryId: state.accountId,
    repositoryName: image.repositoryName,
    imageId: { imageDigest: image.imageDigest, ...(tag !== undefined && { imageTag: tag }) },
    imageManifest: manifestOf(image.build, image.sizeInBytes),
    imageManifestMediaType: MANIFEST_MEDIA_TYPE,
  };
}

function batchGetImage(state: SandboxState, input: Input): object {
  const { repository } = requireRepository(state, input);
  const images: object[] = [];
  const failures: object[] = [];
  for (const id of readImageIds(input)) {
    const found = lookUpImageId(state, repository.repositoryName, id);
    if (found.failure) failures.push(found.failure);
    else images.push(imageWithManifest(state, found.image, id.imageTag));
  }
  return { images, failures };
}

/**
 * BatchDeleteImage. [AWS-doc] userguide/delete_image.md: deleting by tag removes that tag, and the image with its last
 * tag; deleting by digest removes the image and every tag on it (one imageId answered per tag).
 */
function batchDeleteImage(state: SandboxState, input: Input): object {
  const { repository } = requireRepository(state, input);
  const deleted: object[] = [];
  const failures: object[] = [];
  for (const id of readImageIds(input)) {
    const found = lookUpImageId(state, repository.repositoryName, id);
    if (found.failure) {
      failures.push(found.failure);
      continue;
    }
    const image = found.image;
    const key = imageKey(image.repositoryName, image.imageDigest);
    if (id.imageDigest === undefined && image.imageTags.length > 1) {
      deleted.push({ imageDigest: image.imageDigest, imageTag: id.imageTag });
      state.ecrImages[key].imageTags = image.imageTags.filter((tag) => tag !== id.imageTag);
      continue;
    }
    if (image.imageTags.length === 0) deleted.push({ imageDigest: image.imageDigest });
    for (const imageTag of image.imageTags) deleted.push({ imageDigest: image.imageDigest, imageTag });
    delete state.ecrImages[key];
  }
  return { imageIds: deleted, failures };
}

/** Image tags in all repositories (read without making drafts). */
function tagCount(state: SandboxState): number {
  let count = 0;
  for (const key of Object.keys(state.ecrImages)) count += peek(state.ecrImages, key)!.imageTags.length;
  return count;
}

/** The size of a pushed image whose push names none. */
export const defaultSizeOf = (build: string) => DEFAULT_SIZE.min + (parseInt(hashHex(`size|${build}`, 8), 16) % DEFAULT_SIZE.spread);

/** What a push asks for (DojoSandbox.PushImage, scenario images). */
export interface PushRequest {
  imageTag?: string;
  /** What the image's content is; the same build is the same image. Default: a fresh build. */
  build?: string;
  /** The catalog image it behaves like when a task runs it (curriculum §3.2), e.g. `sbx/web:1.0`. */
  source?: string;
  sizeInBytes?: number;
  /** When it was pushed; default now. */
  pushedAtMs?: number;
}

/**
 * Pushes an image into a repository as `docker push` does: the tag moves to the new image from any older one (which
 * stays, untagged if that was its last tag), unless the repository keeps the tag immutable (ImageTagAlreadyExists).
 */
export function pushImage(state: SandboxState, repository: EcrRepositoryRecord, ref: RepositoryRef, push: PushRequest, clockMs: number): EcrImageRecord {
  const { repositoryName } = repository;
  const build = push.build ?? `push|${repositoryName}|${nextHex(state, "ecr-build", 16)}`;
  const sizeInBytes = push.sizeInBytes ?? defaultSizeOf(build);
  const imageDigest = digestOf(build, sizeInBytes);
  const existing = imageByDigest(state, repositoryName, imageDigest);
  const tag = push.imageTag;
  if (tag !== undefined) {
    if (existing?.imageTags.includes(tag)) throw ECR_ERRORS.imageAlreadyExists(imageDigest, tag, ref);
    const holder = imageByTag(state, repositoryName, tag);
    if (holder && tagIsImmutable(repository, tag)) throw ECR_ERRORS.imageTagAlreadyExists(tag, repositoryName);
    // A moved tag is not one more; a new one counts against the sandbox's bound.
    if (!holder && tagCount(state) >= ECR_SANDBOX_LIMITS.imageTags) throw ECR_SANDBOX_ERRORS.imageTags();
    if (holder) state.ecrImages[imageKey(repositoryName, holder.imageDigest)].imageTags = holder.imageTags.filter((t) => t !== tag);
  }
  const key = imageKey(repositoryName, imageDigest);
  if (existing) {
    if (tag === undefined) return existing;
    if (existing.imageTags.length >= ECR_SANDBOX_LIMITS.tagsPerImage) throw ECR_SANDBOX_ERRORS.tagsPerImage();
    state.ecrImages[key].imageTags.push(tag);
    return state.ecrImages[key];
  }
  const inRepository = imageKeysOf(state, repositoryName).length;
  if (inRepository >= ECR_SANDBOX_LIMITS.imagesPerRepository) throw ECR_SANDBOX_ERRORS.imagesPerRepository(repositoryName);
  if (Object.keys(state.ecrImages).length >= ECR_SANDBOX_LIMITS.images) throw ECR_SANDBOX_ERRORS.images();
  const image: EcrImageRecord = {
    repositoryName,
    imageDigest,
    imageTags: tag === undefined ? [] : [tag],
    pushedAtMs: push.pushedAtMs ?? clockMs,
    sizeInBytes,
    build,
    ...(push.source !== undefined && { source: push.source }),
  };
  // [AWS-doc] userguide/image-scanning.html: with scan on push, every pushed image is scanned.
  if (repository.scanOnPush) startScan(image, clockMs);
  state.ecrImages[key] = image;
  return image;
}

/** A push's members, checked. */
export function readPush(input: Input): PushRequest {
  const imageTag = optString(input, "imageTag");
  if (imageTag !== undefined && !DOCKER_TAG.test(imageTag)) throw constraint("imageTag", "must satisfy regular expression '[\\w][\\w.-]{0,127}'");
  const build = optString(input, "build");
  if (build !== undefined && (build.length < 1 || build.length > MAX_BUILD_CHARACTERS)) {
    throw constraint("build", `Member must have length between 1 and ${MAX_BUILD_CHARACTERS}`);
  }
  const source = optString(input, "source");
  if (source !== undefined && (source.length < 1 || source.length > MAX_BUILD_CHARACTERS)) {
    throw constraint("source", `Member must have length between 1 and ${MAX_BUILD_CHARACTERS}`);
  }
  const sizeInBytes = optInteger(input, "sizeInBytes");
  if (sizeInBytes !== undefined && (sizeInBytes < 1 || sizeInBytes > MAX_PUSH_SIZE)) {
    throw constraint("sizeInBytes", `Member must be between 1 and ${MAX_PUSH_SIZE}`);
  }
  return {
    ...(imageTag !== undefined && { imageTag }),
    ...(build !== undefined && { build }),
    ...(source !== undefined && { source }),
    ...(sizeInBytes !== undefined && { sizeInBytes }),
  };
}

/** PutImage's answer for a pushed image. */
function pushAnswer(state: SandboxState, image: EcrImageRecord, tag: string | undefined): object {
  return { image: imageWithManifest(state, image, tag) };
}

/**
 * PutImage: a manifest and a tag, as `docker push` ends and as the retag idiom does (`aws ecr batch-get-image … --query
 * 'images[].imageManifest'` into `aws ecr put-image --image-tag …`). The sandbox has no layer uploads, so the manifest
 * must be one an image of the repository already has (its digest is the manifest's SHA-256): the tag moves to that
 * image, refused in an immutable repository as a push would be.
 */
function putImage(state: SandboxState, input: Input, clockMs: number): object {
  const { repository, ref } = requireRepository(state, input);
  const manifest = requiredString(input, "imageManifest");
  const tag = readPush({ imageTag: input.imageTag }).imageTag;
  const digest = `sha256:${sha256Hex(manifest)}`;
  const given = optString(input, "imageDigest");
  if (given !== undefined && given !== digest) throw ECR_ERRORS.digestDoesNotMatch();
  const image = imageByDigest(state, repository.repositoryName, digest);
  if (!image) throw ECR_ERRORS.layersNotFound(digest, ref);
  const pushed = pushImage(state, repository, ref, { build: image.build, sizeInBytes: image.sizeInBytes, ...(tag !== undefined && { imageTag: tag }) }, clockMs);
  return pushAnswer(state, pushed, tag);
}

export const imageOperations: Record<string, Operation> = {
  PutImage: { readOnly: false, run: putImage },
  DescribeImages: { readOnly: true, run: describeImages },
  ListImages: { readOnly: true, run: listImages },
  BatchGetImage: { readOnly: true, run: batchGetImage },
  BatchDeleteImage: { readOnly: false, run: batchDeleteImage },
};

/**
 * DojoSandbox.PushImage: `{repositoryName, imageTag?, build?, source?, sizeInBytes?}` → PutImage's answer (`image`
 * with its imageId, manifest and media type). What `docker push` of a freshly built image does to the registry.
 */
export const pushImageOperation: Operation = {
  readOnly: false,
  run(state, input, clockMs) {
    const { repository, ref } = requireRepository(state, input);
    const push = readPush(input);
    return pushAnswer(state, pushImage(state, repository, ref, push, clockMs), push.imageTag);
  },
};

/** An image URI of a private ECR registry, taken apart. */
export interface EcrImageUri {
  registryId: string;
  region: string;
  repositoryName: string;
  imageTag?: string;
  imageDigest?: string;
}

const ECR_URI = /^([0-9]{12})\.dkr\.ecr(?:-fips)?\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?\/([^:@]+)(?::([^@]+))?(?:@(sha256:[a-f0-9]{64}))?$/;

/**
 * `<account>.dkr.ecr.<region>.amazonaws.com/<repo>:<tag>` or `…/<repo>@sha256:…` (or both; the digest wins, as
 * Docker pulls by digest), taken apart; undefined for anything else (Docker Hub, ECR Public, a bad repository name).
 * No tag and no digest means `latest`, as Docker reads it.
 */
export function parseEcrImageUri(uri: string): EcrImageUri | undefined {
  const match = ECR_URI.exec(uri);
  if (!match) return undefined;
  const [, registryId, region, repositoryName, imageTag, imageDigest] = match;
  try {
    checkRepositoryName(repositoryName);
  } catch {
    return undefined;
  }
  if (imageDigest) return { registryId, region, repositoryName, imageDigest };
  return { registryId, region, repositoryName, imageTag: imageTag ?? "latest" };
}

/**
 * The image a task's image URI names in this sandbox's registry (this state's account and Region), or undefined: not
 * an ECR URI, another account's or Region's registry, no such repository, or no such tag/digest. For the ECS engine:
 * a task pulls only what this finds (its `source` says which simulated workload it runs).
 */
export function findImage(state: SandboxState, imageUri: string): EcrImageRecord | undefined {
  const uri = parseEcrImageUri(imageUri);
  if (!uri || uri.registryId !== state.accountId || uri.region !== state.region) return undefined;
  if (!peek(state.ecrRepositories, uri.repositoryName)) return undefined;
  const image = uri.imageDigest ? imageByDigest(state, uri.repositoryName, uri.imageDigest) : imageByTag(state, uri.repositoryName, uri.imageTag!);
  return image;
}

/** The registry's host for this state (`<account>.dkr.ecr.<region>.amazonaws.com`). */
export const registryOf = (state: SandboxState) => registryHost(state.accountId, state.region);
