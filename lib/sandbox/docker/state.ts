/**
 * The learner's workstation Docker as the sandbox keeps it: images built and containers run (in the account's
 * GLOBAL_REGION state: Docker has no Region), and registry logins (in the state of the registry's Region, next to the
 * repositories they open, on the same clock as the tokens ECR issued there). Plain JSON, one document per record.
 */

/** What a built image is: enough to show it (images, history, inspect), run it and push it. */
export interface DockerImageRecord {
  /** `sha256:` and 64 hex digits, from everything the build put in (build.ts): the same build is the same id. */
  id: string;
  /** `name:tag` as Docker shows them (`api:1.0`, `123456789012.dkr.ecr.ap-northeast-1.amazonaws.com/web:1.0.0`). */
  repoTags: string[];
  createdAtMs: number;
  sizeInBytes: number;
  architecture: "amd64" | "arm64";
  /** The base image as the Dockerfile's last FROM names it. */
  base: string;
  /** Users the base image has (a USER naming another fails at run, as Docker's does). */
  users: string[];
  config: {
    env: Record<string, string>;
    user: string | null;
    exposedPorts: string[];
    workingDir: string | null;
    entrypoint: string[] | null;
    cmd: string[] | null;
  };
  /** Newest first, as `docker history` lists them. */
  history: { createdBy: string; sizeInBytes: number }[];
  /** Paths of the files the build copied in (absolute); their contents never reach the sandbox. */
  files: string[];
  /** What the image does when it runs (run.ts). */
  app: "node" | "python" | "nginx" | null;
}

export interface DockerContainerRecord {
  /** 64 hex digits; Docker shows the first 12. */
  id: string;
  name: string;
  imageId: string;
  /** As `docker run` was given it. */
  image: string;
  createdAtMs: number;
  state: "running" | "exited";
  exitCode: number | null;
  finishedAtMs: number | null;
  /** `-p HOST:CONTAINER` (tcp). */
  ports: { hostPort: number; containerPort: number }[];
  env: Record<string, string>;
  /** The port the application listens on, while it runs. */
  listenPort: number | null;
  /** What the container wrote, oldest first (bounded: run.ts). */
  logs: { atMs: number; line: string }[];
  /** --rm: removed when it exits. */
  autoRemove: boolean;
}

export interface DockerLoginRecord {
  registry: string;
  username: string;
  atMs: number;
  /** When the token used expires (12 hours after ECR issued it). */
  expiresAtMs: number;
}

export interface DockerState {
  /** By image id. */
  dockerImages: Record<string, DockerImageRecord>;
  /** By container id. */
  dockerContainers: Record<string, DockerContainerRecord>;
  /** By registry host. */
  dockerLogins: Record<string, DockerLoginRecord>;
}

export const DOCKER_MAPS = ["dockerImages", "dockerContainers", "dockerLogins"] as const satisfies readonly (keyof DockerState)[];
