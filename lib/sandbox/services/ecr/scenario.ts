/**
 * The `ecr` member of a lesson scenario (engine/scenarios.ts): repositories and the images already in them, e.g. L202's
 * 25 images (`release-*`, `dev-*`, untagged) pushed over the past weeks:
 *
 *   "ecr": { "repositories": [{ "name": "web", "imageTagMutability": "MUTABLE",
 *     "images": [{ "tag": "release-1", "pushedDaysAgo": 40, "source": "sbx/web:1.0" }, { "pushedDaysAgo": 12 }] }] }
 *
 * An image without `tag` is pushed untagged. Each image has a build of its own, fixed by its place in the file, so
 * applying the same scenario again pushes nothing new; ResetScenario deletes the scenario's repositories with their
 * images first, so they come back as the file describes them.
 */
import { NEW_ACCOUNT } from "../../engine/account";
import { invalidParameter } from "../../engine/errors";
import type { SandboxState } from "../../engine/state";
import { defaultSizeOf, digestOf, pushImage } from "./images";
import { ECR_TIMES } from "./quotas";
import { imageKeysOf, repositoryOperations } from "./repositories";
import { checkRepositoryName } from "./requests";
import { imageKey, type ImageTagMutability } from "./state";

export interface EcrScenario {
  repositories: {
    name: string;
    imageTagMutability?: ImageTagMutability;
    /** In push order. */
    images?: { tag?: string; pushedDaysAgo?: number; source?: string }[];
  }[];
}

/** How far back a scenario image may have been pushed: ten years. */
const MAX_DAYS_AGO = 3650;

export const ECR_SCENARIO_SCHEMA = {
  type: "object",
  additionalProperties: false,
  required: ["repositories"],
  properties: {
    repositories: {
      type: "array",
      items: {
        type: "object",
        additionalProperties: false,
        required: ["name"],
        properties: {
          name: { type: "string", description: "An ECR repository name (lowercase, e.g. `web` or `team/web`)" },
          imageTagMutability: { enum: ["MUTABLE", "IMMUTABLE", "IMMUTABLE_WITH_EXCLUSION", "MUTABLE_WITH_EXCLUSION"] },
          images: {
            type: "array",
            description: "Images in push order; one without `tag` is untagged",
            items: {
              type: "object",
              additionalProperties: false,
              properties: {
                tag: { type: "string" },
                pushedDaysAgo: { type: "number", minimum: 0, maximum: MAX_DAYS_AGO },
                source: { type: "string", description: "The catalog image it behaves like when run, e.g. `sbx/web:1.0`" },
              },
            },
          },
        },
      },
    },
  },
} as const;

const bad = (path: string, what: string) => invalidParameter(`Scenario ${path} ${what}.`);
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** Checks a scenario's `ecr` member against ECR_SCENARIO_SCHEMA's rules. */
export function readEcrScenario(value: unknown): EcrScenario {
  if (!isObject(value) || !Array.isArray(value.repositories)) throw bad("ecr.repositories", "must be a list");
  for (const key of Object.keys(value)) if (key !== "repositories") throw bad(`ecr.${key}`, "is not a scenario member");
  value.repositories.forEach((repository: unknown, i: number) => {
    const path = `ecr.repositories[${i}]`;
    if (!isObject(repository) || typeof repository.name !== "string") throw bad(`${path}.name`, "is required");
    for (const key of Object.keys(repository)) if (!["name", "imageTagMutability", "images"].includes(key)) throw bad(`${path}.${key}`, "is not a scenario member");
    try {
      checkRepositoryName(repository.name);
    } catch {
      throw bad(`${path}.name`, "must be an ECR repository name");
    }
    const mutability = repository.imageTagMutability;
    if (mutability !== undefined && !ECR_SCENARIO_SCHEMA.properties.repositories.items.properties.imageTagMutability.enum.includes(mutability as never)) {
      throw bad(`${path}.imageTagMutability`, "must be MUTABLE, IMMUTABLE, IMMUTABLE_WITH_EXCLUSION or MUTABLE_WITH_EXCLUSION");
    }
    const images = repository.images ?? [];
    if (!Array.isArray(images)) throw bad(`${path}.images`, "must be a list");
    images.forEach((image: unknown, j: number) => {
      const at = `${path}.images[${j}]`;
      if (!isObject(image)) throw bad(at, "must be an object");
      for (const key of Object.keys(image)) if (!["tag", "pushedDaysAgo", "source"].includes(key)) throw bad(`${at}.${key}`, "is not a scenario member");
      if (image.tag !== undefined && typeof image.tag !== "string") throw bad(`${at}.tag`, "must be a string");
      if (image.source !== undefined && typeof image.source !== "string") throw bad(`${at}.source`, "must be a string");
      const days = image.pushedDaysAgo;
      if (days !== undefined && (typeof days !== "number" || !Number.isFinite(days) || days < 0 || days > MAX_DAYS_AGO)) {
        throw bad(`${at}.pushedDaysAgo`, `must be a number of days from 0 to ${MAX_DAYS_AGO}`);
      }
    });
  });
  return value as unknown as EcrScenario;
}

/**
 * Creates the scenario's repositories (through CreateRepository, so they answer as a learner's would) and pushes their
 * images, dated `pushedDaysAgo` before `clockMs`. A repository that exists is kept, with the mutability the scenario
 * gives it.
 */
export function applyEcrScenario(state: SandboxState, scenario: EcrScenario, clockMs: number): void {
  for (const spec of scenario.repositories) {
    const mutability = spec.imageTagMutability ?? "MUTABLE";
    if (!state.ecrRepositories[spec.name]) {
      repositoryOperations.CreateRepository.run(state, { repositoryName: spec.name, imageTagMutability: mutability }, clockMs, NEW_ACCOUNT);
    } else if (!mutability.endsWith("_WITH_EXCLUSION")) {
      state.ecrRepositories[spec.name].imageTagMutability = mutability;
    }
    const repository = state.ecrRepositories[spec.name];
    const ref = { repositoryName: spec.name, registryId: state.accountId };
    (spec.images ?? []).forEach((image, i) => {
      const build = `scenario|${spec.name}|${i}|${image.tag ?? ""}`;
      const existing = state.ecrImages[imageKey(spec.name, digestOf(build, defaultSizeOf(build)))];
      if (existing && (image.tag === undefined || existing.imageTags.includes(image.tag))) return;
      const pushedAtMs = Math.round(clockMs - (image.pushedDaysAgo ?? 0) * ECR_TIMES.dayMs);
      pushImage(state, repository, ref, { imageTag: image.tag, build, source: image.source, pushedAtMs }, clockMs);
    });
  }
}

/** Deletes the scenario's repositories and their images (ResetScenario). */
export function removeEcrScenario(state: SandboxState, scenario: EcrScenario): void {
  for (const spec of scenario.repositories) {
    if (!state.ecrRepositories[spec.name]) continue;
    for (const key of imageKeysOf(state, spec.name)) delete state.ecrImages[key];
    delete state.ecrRepositories[spec.name];
  }
}
