/**
 * Image references as Docker reads them ([Docker-doc] "docker image tag": `[HOST[:PORT]/]NAMESPACE/REPOSITORY[:TAG]`,
 * lowercase path components, tags of up to 128 word characters, dots and dashes). Docker Hub's official images
 * (`docker.io/library/node`) are shown without their prefix.
 */
import { EcsError } from "../engine/errors";

const COMPONENT = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
const REFERENCE = new RegExp(`^(?:([a-zA-Z0-9.-]+(?::[0-9]+)?)/)?(${COMPONENT}(?:/${COMPONENT})*)(?::([\\w][\\w.-]{0,127}))?$`);

export interface ImageName {
  /** Registry host, or null for Docker Hub. */
  registry: string | null;
  repository: string;
  tag: string;
  /** `repository:tag` with the host, as `docker images` and repoTags show it. */
  full: string;
}

/** [observed] Docker's answer to a malformed reference. */
export const invalidReference = (ref: string) =>
  new EcsError("InvalidReference", `invalid reference format${/[A-Z]/.test(ref) ? `: repository name (${ref.split(":")[0]}) must be lowercase` : ""}`);

export function parseImageName(ref: string): ImageName {
  const match = REFERENCE.exec(ref);
  if (!match) throw invalidReference(ref);
  let [, host, repository] = match;
  const tag = match[3] ?? "latest";
  // A first component without a dot or port is a Docker Hub namespace, not a host ("foo/bar").
  if (host !== undefined && !/[.:]/.test(host) && host !== "localhost") {
    repository = `${host}/${repository}`;
    host = undefined as unknown as string;
  }
  if (host === "docker.io" || host === "index.docker.io") host = undefined as unknown as string;
  if (host === undefined && repository.startsWith("library/")) repository = repository.slice("library/".length);
  const registry = host ?? null;
  return { registry, repository, tag, full: `${registry ? `${registry}/` : ""}${repository}:${tag}` };
}

/** `<account>.dkr.ecr.<region>.amazonaws.com` taken apart; undefined for any other registry. */
export function ecrRegistry(host: string | null): { registryId: string; region: string } | undefined {
  const match = host ? /^([0-9]{12})\.dkr\.ecr\.([a-z0-9-]+)\.amazonaws\.com$/.exec(host) : null;
  return match ? { registryId: match[1], region: match[2] } : undefined;
}
