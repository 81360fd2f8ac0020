/**
 * The workstation's images: `docker build` (build.ts does the work), `docker images`, `docker tag`, `docker history`,
 * `docker inspect`, `docker rmi`. Tags are `name:tag` strings on the image they point at; a tag moves to the newest
 * image given it, and an image left without tags stays, shown as `<none>` (a dangling image), as Docker does.
 */
import { optBoolean, optObjectList, optString, optStringList } from "../engine/input";
import type { Operation } from "../engine/operation";
import type { SandboxState } from "../engine/state";
import { constraint } from "../services/ecr/errors";
import { BUILD_LIMITS, buildImage, type ContextFile } from "./build";
import { DOCKER_ERRORS } from "./errors";
import { parseImageName } from "./references";
import type { DockerImageRecord } from "./state";

/** Images a workstation keeps. */
export const IMAGE_LIMIT = 50;

/** The image a reference names: `name[:tag]`, a full id, or an id prefix of at least 4 hex digits, as Docker accepts. */
export function findImage(state: SandboxState, ref: string): DockerImageRecord | undefined {
  const id = ref.startsWith("sha256:") ? ref : `sha256:${ref}`;
  if (/^sha256:[0-9a-f]{4,64}$/.test(id)) {
    const byId = Object.values(state.dockerImages).find((image) => image.id.startsWith(id));
    if (byId) return byId;
  }
  let full: string;
  try {
    full = parseImageName(ref).full;
  } catch {
    return undefined;
  }
  return Object.values(state.dockerImages).find((image) => image.repoTags.includes(full));
}

/** Puts `full` on `image`, taking it from whichever image had it. */
function tagImage(state: SandboxState, image: DockerImageRecord, full: string): void {
  for (const other of Object.values(state.dockerImages)) {
    if (other.id !== image.id && other.repoTags.includes(full)) state.dockerImages[other.id].repoTags = other.repoTags.filter((t) => t !== full);
  }
  if (!image.repoTags.includes(full)) state.dockerImages[image.id].repoTags.push(full);
}

function readContext(input: Record<string, unknown>): ContextFile[] {
  const files = optObjectList(input, "context") ?? [];
  if (files.length > BUILD_LIMITS.contextFiles) throw constraint("context", `Member must have length less than or equal to ${BUILD_LIMITS.contextFiles}`);
  return files.map((file, i) => {
    const path = optString(file, "path");
    const sha256 = optString(file, "sha256");
    const size = Number(file.size);
    if (!path || path.startsWith("/") || path.split("/").includes("..") || !sha256 || !/^[0-9a-f]{64}$/.test(sha256) || !Number.isInteger(size) || size < 0) {
      throw constraint(`context[${i}]`, "each file needs a relative path, its size in bytes and the SHA-256 of its content");
    }
    return { path, sha256, size };
  });
}

const build: Operation = {
  readOnly: false,
  run(state, input, clockMs) {
    const dockerfile = optString(input, "dockerfile") ?? "";
    if (dockerfile.length > BUILD_LIMITS.dockerfileChars) throw constraint("dockerfile", `Member must have length less than or equal to ${BUILD_LIMITS.dockerfileChars}`);
    const tags = (optStringList(input, "tags") ?? []).map((tag) => parseImageName(tag).full);
    if (tags.length > BUILD_LIMITS.tags) throw constraint("tags", `Member must have length less than or equal to ${BUILD_LIMITS.tags}`);
    const architecture = optString(input, "platform")?.endsWith("arm64") ? "arm64" : "amd64";
    const { image, warnings, steps } = buildImage(dockerfile, readContext(input), architecture);
    const known = state.dockerImages[image.id];
    if (!known) {
      if (Object.keys(state.dockerImages).length >= IMAGE_LIMIT) throw DOCKER_ERRORS.tooMany("images", IMAGE_LIMIT);
      state.dockerImages[image.id] = { ...image, repoTags: [], createdAtMs: clockMs };
    }
    for (const tag of tags) tagImage(state, state.dockerImages[image.id], tag);
    return { imageId: image.id, tags, warnings, steps, cached: Boolean(known) };
  },
};

function imageOf(state: SandboxState, ref: string): DockerImageRecord {
  const image = findImage(state, ref);
  if (!image) throw DOCKER_ERRORS.noSuchImage(ref);
  return image;
}

export const imageOperations: Record<string, Operation> = {
  DockerBuild: build,
  DockerImages: {
    readOnly: true,
    run: (state) => ({
      images: Object.values(state.dockerImages)
        .reverse()
        .flatMap((image) => {
          const row = { id: image.id, createdAt: image.createdAtMs / 1000, size: image.sizeInBytes };
          if (image.repoTags.length === 0) return [{ repository: "<none>", tag: "<none>", ...row }];
          return image.repoTags.map((full) => ({ repository: full.slice(0, full.lastIndexOf(":")), tag: full.slice(full.lastIndexOf(":") + 1), ...row }));
        }),
    }),
  },
  DockerTag: {
    readOnly: false,
    run(state, input) {
      const image = imageOf(state, optString(input, "source") ?? "");
      const target = parseImageName(optString(input, "target") ?? "").full;
      tagImage(state, image, target);
      return { imageId: image.id, tag: target };
    },
  },
  DockerHistory: {
    readOnly: true,
    run(state, input) {
      const image = imageOf(state, optString(input, "image") ?? "");
      return { imageId: image.id, createdAt: image.createdAtMs / 1000, history: image.history };
    },
  },
  DockerInspect: {
    readOnly: true,
    run(state, input) {
      const image = imageOf(state, optString(input, "image") ?? "");
      const { config } = image;
      return {
        Id: image.id,
        RepoTags: image.repoTags,
        Architecture: image.architecture,
        Os: "linux",
        Size: image.sizeInBytes,
        Config: {
          User: config.user ?? "",
          ExposedPorts: Object.fromEntries(config.exposedPorts.map((p) => [p, {}])),
          Env: Object.entries(config.env).map(([k, v]) => `${k}=${v}`),
          Cmd: config.cmd,
          Entrypoint: config.entrypoint,
          WorkingDir: config.workingDir ?? "",
        },
      };
    },
  },
  DockerRemoveImage: {
    readOnly: false,
    run(state, input) {
      const ref = optString(input, "image") ?? "";
      const image = imageOf(state, ref);
      const users = Object.values(state.dockerContainers).filter((c) => c.imageId === image.id);
      if (users.length > 0 && !optBoolean(input, "force")) throw DOCKER_ERRORS.imageInUse(ref, users[0].id);
      let full: string | undefined;
      try {
        full = parseImageName(ref).full;
      } catch {
        full = undefined;
      }
      // Removing one of several tags only untags ([Docker-doc] docker rmi).
      if (full && image.repoTags.includes(full) && image.repoTags.length > 1) {
        state.dockerImages[image.id].repoTags = image.repoTags.filter((t) => t !== full);
        return { untagged: [full], deleted: [] };
      }
      delete state.dockerImages[image.id];
      return { untagged: image.repoTags, deleted: [image.id] };
    },
  },
};
