/**
 * The base images the sandbox's builder can start from: the official images a Node.js or Python service and the
 * course's Dockerfiles use, on Docker Hub and on its ECR Public mirror (`public.ecr.aws/docker/library/…`). Sizes are
 * round figures of the order `docker images` shows ([inferred]: they vary by tag and architecture); what matters to
 * the lessons is that slim and alpine variants are smaller and that `latest` is a moving tag.
 */

export interface BaseImage {
  /** What a container of it runs when the Dockerfile names no CMD of its own. */
  app: "node" | "python" | "nginx" | null;
  sizeInBytes: number;
  /** Accounts in its /etc/passwd that a USER may name. */
  users: string[];
}

const MB = 1_000_000;
const VERSION = String.raw`(?:latest|lts|current|stable|mainline|\d+(?:\.\d+){0,2})`;
const VARIANT = String.raw`(?:-(?:slim|alpine(?:\d+(?:\.\d+)?)?|bookworm|bullseye|bookworm-slim|bullseye-slim|trixie|trixie-slim))?`;

interface Family {
  names: string[];
  tag: RegExp;
  base: (tag: string) => BaseImage;
}

const sized = (full: number, tag: string) => (/alpine/.test(tag) ? full / 6 : /slim/.test(tag) ? full / 4 : full);

const FAMILIES: Family[] = [
  { names: ["node"], tag: new RegExp(`^${VERSION}${VARIANT}$`), base: (tag) => ({ app: "node", sizeInBytes: sized(1_100 * MB, tag), users: ["root", "node"] }) },
  { names: ["python"], tag: new RegExp(`^${VERSION}${VARIANT}$`), base: (tag) => ({ app: "python", sizeInBytes: sized(1_000 * MB, tag), users: ["root", "nobody"] }) },
  { names: ["nginx"], tag: new RegExp(`^${VERSION}${VARIANT}$`), base: (tag) => ({ app: "nginx", sizeInBytes: sized(190 * MB, tag), users: ["root", "nginx", "nobody"] }) },
  { names: ["alpine"], tag: new RegExp(`^${VERSION}$`), base: () => ({ app: null, sizeInBytes: 8 * MB, users: ["root", "nobody"] }) },
  { names: ["debian", "ubuntu"], tag: /^[a-z0-9.-]+$/, base: () => ({ app: null, sizeInBytes: 80 * MB, users: ["root", "nobody"] }) },
  { names: ["amazonlinux"], tag: /^(latest|2|2023(?:\.[0-9.]+)?)$/, base: () => ({ app: null, sizeInBytes: 150 * MB, users: ["root", "nobody"] }) },
  { names: ["busybox"], tag: /^[a-z0-9.-]+$/, base: () => ({ app: null, sizeInBytes: 4 * MB, users: ["root", "nobody"] }) },
];

/** Registries that serve the official images under these names. */
const MIRRORS = ["", "docker.io/library/", "library/", "docker.io/", "public.ecr.aws/docker/library/"];

/**
 * Windows base images: the builder is Linux, and so is every Fargate and EC2 Linux host — a Windows image needs a
 * Windows host ([Docker-doc]/[AWS-doc]: containers share the host's kernel).
 */
const WINDOWS = /^mcr\.microsoft\.com\/(windows|dotnet\/framework)\b/;

export type BaseLookup = { found: BaseImage } | { windows: true } | { unknown: true };

export function lookupBase(image: string, tag: string | null): BaseLookup {
  if (WINDOWS.test(image)) return { windows: true };
  const name = MIRRORS.reduce((n, prefix) => (prefix && n.startsWith(prefix) ? n.slice(prefix.length) : n), image);
  const family = FAMILIES.find((f) => f.names.includes(name));
  const effective = tag ?? "latest";
  if (!family || !family.tag.test(effective)) return { unknown: true };
  return { found: family.base(effective) };
}

/** The full name a pull of `image` goes to, as BuildKit prints it: `docker.io/library/node:22` for `node:22`. */
export function canonicalName(image: string): string {
  if (image.includes(".") && image.split("/")[0].includes(".")) return image;
  return image.includes("/") ? `docker.io/${image}` : `docker.io/library/${image}`;
}
