/**
 * `docker login` and `docker push` to the learner's Amazon ECR registries. Both run on the state of the registry's
 * Region (the gateway routes them by the host, index.ts): a login is kept there, on the clock of the tokens ECR issued
 * there; a push reads the image from the workstation (the account's GLOBAL_REGION state, through `account`) and puts
 * it into the repository as ECR's own push does (services/ecr/images.ts). [AWS-doc] ECR user guide, "Private registry
 * authentication": the username is always AWS, the password the token get-login-password prints, valid 12 hours.
 */
import { GLOBAL_REGION } from "../services/provider";
import { EcsError } from "../engine/errors";
import { hashHex } from "../engine/ids";
import { inOwnAccount } from "../engine/account";
import { optString } from "../engine/input";
import type { Operation } from "../engine/operation";
import { passwordExpiry } from "../services/ecr/authorization";
import { pushImage } from "../services/ecr/images";
import { DOCKER_ERRORS } from "./errors";
import { findImage } from "./images";
import { ecrRegistry, parseImageName } from "./references";
import type { DockerImageRecord } from "./state";

/** `https://host/` or `host` as `docker login` takes it. */
export const registryHostOf = (value: string) => value.replace(/^https?:\/\//, "").replace(/\/.*$/, "");

/** The Region whose state a login to or push into `registry` runs on; throws for a registry outside the sandbox. */
export function registryRegion(operation: "DockerLogin" | "DockerPush", input: unknown): string {
  const record = (input ?? {}) as Record<string, unknown>;
  const host = operation === "DockerLogin" ? registryHostOf(String(record.registry ?? "")) : parseImageName(String(record.image ?? "")).registry;
  const ecr = ecrRegistry(host);
  if (ecr) return ecr.region;
  if (operation === "DockerPush" && host === null) throw DOCKER_ERRORS.pushDenied();
  throw DOCKER_ERRORS.registryOutOfReach(host ?? "Docker Hub");
}

/** The simulated workload a pushed image runs as in ECS (engine/workloads.ts): the sample apps behave as the web image. */
const sourceOf = (image: DockerImageRecord) => (image.app === null ? undefined : "ecs-dojo/web:1.0");

const login: Operation = {
  readOnly: false,
  run(state, input, clockMs) {
    // The curriculum's account id in a host names the learner's own registry (engine/account.ts).
    const registry = inOwnAccount(state, registryHostOf(optString(input, "registry") ?? ""));
    const username = optString(input, "username") ?? "";
    const password = optString(input, "password") ?? "";
    const ecr = ecrRegistry(registry)!;
    const expiresAtMs = ecr.registryId === state.accountId && username === "AWS" ? passwordExpiry(state.accountId, state.region, password) : undefined;
    if (expiresAtMs === undefined || expiresAtMs <= clockMs) throw DOCKER_ERRORS.loginFailed(registry);
    state.dockerLogins[registry] = { registry, username, atMs: clockMs, expiresAtMs };
    return { status: "Login Succeeded" };
  },
};

const push: Operation = {
  readOnly: false,
  run(state, input, clockMs, account) {
    const name = parseImageName(optString(input, "image") ?? "");
    const registry = inOwnAccount(state, name.registry!);
    const session = state.dockerLogins[registry];
    if (!session || session.expiresAtMs <= clockMs) throw DOCKER_ERRORS.noCredentials();
    const workstation = account.stateOf(GLOBAL_REGION);
    const image = workstation ? (findImage(workstation, name.full) ?? findImage(workstation, `${registry}/${name.repository}:${name.tag}`)) : undefined;
    if (!image) {
      const sameRepository = workstation && Object.values(workstation.dockerImages).some((i) => i.repoTags.some((t) => t.startsWith(`${registry}/${name.repository}:`)));
      throw sameRepository ? DOCKER_ERRORS.tagMissing(name.full) : DOCKER_ERRORS.notLocal(`${registry}/${name.repository}`);
    }
    const repository = state.ecrRepositories[name.repository];
    if (!repository) throw DOCKER_ERRORS.repositoryNotFound(name.repository, ecrRegistry(name.registry)!.registryId);
    let digest: string;
    try {
      const ref = { repositoryName: name.repository, registryId: state.accountId };
      digest = pushImage(state, repository, ref, { imageTag: name.tag, build: image.id, source: sourceOf(image), sizeInBytes: image.sizeInBytes }, clockMs).imageDigest;
    } catch (error) {
      if (!(error instanceof EcsError)) throw error;
      if (error.type === "ImageTagAlreadyExistsException") throw DOCKER_ERRORS.tagImmutable(name.tag, name.repository);
      // The tag already names this image: Docker finds every layer there and reports the same digest.
      if (error.type !== "ImageAlreadyExistsException") throw error;
      digest = Object.values(state.ecrImages).find((i) => i.repositoryName === name.repository && i.imageTags.includes(name.tag))!.imageDigest;
    }
    return { lines: pushLines(image, `${registry}/${name.repository}`, name.tag, digest), imageDigest: digest };
  },
};

/** What `docker push` prints: one line per layer, then the tag's digest. */
function pushLines(image: DockerImageRecord, repository: string, tag: string, digest: string): string[] {
  const layers = image.history.filter((h) => h.sizeInBytes > 0).map((h, i) => `${hashHex(`${image.id}|layer|${i}`, 12)}: Pushed`);
  return [`The push refers to repository [${repository}]`, ...layers, `${tag}: digest: ${digest} size: ${1_000 + 200 * layers.length}`];
}

export const registryOperations: Record<string, Operation> = { DockerLogin: login, DockerPush: push };
