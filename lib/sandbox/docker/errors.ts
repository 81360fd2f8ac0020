/**
 * What Docker says when a command fails, as the learner's terminal would show it. The code names the failure for the
 * call history (a lesson's `calls` check reads it); the message is Docker's. Sources: [observed] texts seen in Docker's
 * and BuildKit's output (moby/buildkit, docker/cli and their issue threads), [inferred] where none was found.
 */
import type { ParseProblem } from "@/lib/docker/dockerfile";
import { EcsError } from "../engine/errors";

const solve = (detail: string) => new EcsError("BuildFailed", `ERROR: failed to solve: ${detail}`);
const daemon = (code: string, detail: string) => new EcsError(code, `docker: Error response from daemon: ${detail}`);

export const DOCKER_ERRORS = {
  /** [observed] BuildKit: `dockerfile parse error on line 3: unknown instruction: RUNN`. */
  parse: (line: number, detail: string) => solve(`dockerfile parse error on line ${line}: ${detail}`),
  unparsable(problem: ParseProblem): EcsError {
    switch (problem.kind) {
      case "unknown-instruction":
        return DOCKER_ERRORS.parse(problem.line, `unknown instruction: ${problem.word}`);
      // [observed] moby: "FROM requires either one or three arguments".
      case "bad-from":
        return DOCKER_ERRORS.parse(problem.line, "FROM requires either one or three arguments");
      // [inferred] BuildKit's wording for an instruction without arguments.
      case "missing-arguments":
        return DOCKER_ERRORS.parse(problem.line, `${problem.word} requires at least one argument`);
      // [observed] BuildKit, for an instruction other than ARG before the first FROM or a file without FROM.
      default:
        return solve("no build stage in current context");
    }
  },
  /** [observed] BuildKit's answer for an image no registry has. */
  unknownBase: (ref: string, canonical: string) =>
    solve(`${ref}: failed to resolve source metadata for ${canonical}: pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed`),
  /** [observed] A Windows image built on a Linux builder. */
  windowsBase: (ref: string) => solve(`${ref}: failed to resolve source metadata for ${ref}: no match for platform in manifest: not found`),
  /** [observed] `failed to calculate checksum of ref …: "/missing.txt": not found`. */
  copySourceMissing: (path: string) => solve(`failed to compute cache key: failed to calculate checksum of ref: "${path}": not found`),
  /** [inferred] COPY --from naming no earlier stage (BuildKit would try to pull an image of that name). */
  unknownStage: (name: string) => solve(`${name}: failed to resolve source metadata for docker.io/library/${name}:latest: pull access denied, repository does not exist or may require authorization`),
  /** [observed] `docker tag`, `docker run`, `docker history` of an image the daemon does not have. */
  noSuchImage: (ref: string) => new EcsError("ImageNotFound", `Error response from daemon: No such image: ${ref}`),
  /** [observed] docker run's "Unable to find image … locally" followed by the failed pull. */
  runPullDenied: (ref: string) =>
    new EcsError("ImageNotFound", `Unable to find image '${ref}' locally\ndocker: Error response from daemon: pull access denied for ${ref.split(":")[0]}, repository does not exist or may require 'docker login': denied: requested access to the resource is denied.`),
  /** [observed] docker rmi of an image a container still uses. */
  imageInUse: (ref: string, id: string) =>
    new EcsError("ImageInUse", `Error response from daemon: conflict: unable to remove repository reference "${ref}" (must force) - container ${id.slice(0, 12)} is using its referenced image`),
  noSuchContainer: (name: string) => new EcsError("ContainerNotFound", `Error response from daemon: No such container: ${name}`),
  /** [observed] `The container name "/api" is already in use by container "…". You have to remove (or rename) that container to be able to reuse that name.` */
  nameInUse: (name: string, id: string) =>
    daemon("ContainerNameInUse", `Conflict. The container name "/${name}" is already in use by container "${id}". You have to remove (or rename) that container to be able to reuse that name.`),
  /** [observed] `Bind for 0.0.0.0:8080 failed: port is already allocated`. */
  portAllocated: (name: string, port: number) =>
    daemon("PortAllocated", `driver failed programming external connectivity on endpoint ${name}: Bind for 0.0.0.0:${port} failed: port is already allocated.`),
  /** [observed] `unable to find user bob: no matching entries in passwd file`. */
  unknownUser: (user: string) => daemon("UnknownUser", `unable to find user ${user}: no matching entries in passwd file.`),
  /** [observed] `docker rm` of a running container without -f. */
  containerRunning: (id: string) =>
    new EcsError("ContainerRunning", `Error response from daemon: cannot remove container "${id}": container is running: stop the container before removing or force remove`),
  /** [observed] docker login against ECR with a bad password or username. */
  loginFailed: (registry: string) =>
    new EcsError("LoginFailed", `Error response from daemon: login attempt to https://${registry}/v2/ failed with status: 400 Bad Request`),
  /** Not Docker's: the sandbox's Docker reaches only the learner's own ECR registries. */
  registryOutOfReach: (registry: string) =>
    new EcsError("RegistryOutOfReach", `The ECS Dojo sandbox's Docker reaches only your sandbox's Amazon ECR registries (<account>.dkr.ecr.<region>.amazonaws.com), not ${registry}.`),
  /** [observed] docker push without docker login (or with an expired one) to ECR. */
  noCredentials: () => new EcsError("NoBasicAuthCredentials", "no basic auth credentials"),
  /** [observed] docker push to Docker Hub without rights to the repository. */
  pushDenied: () => new EcsError("RequestedAccessDenied", "denied: requested access to the resource is denied"),
  /** [observed] ECR's registry API for a repository that does not exist. */
  repositoryNotFound: (repository: string, registryId: string) =>
    new EcsError("RepositoryNotFound", `name unknown: The repository with name '${repository}' does not exist in the registry with id '${registryId}'`),
  /** [observed] `An image does not exist locally with the tag: …`. */
  notLocal: (repository: string) => new EcsError("ImageNotFound", `An image does not exist locally with the tag: ${repository}`),
  /** [observed] `tag does not exist: …`. */
  tagMissing: (ref: string) => new EcsError("ImageNotFound", `tag does not exist: ${ref}`),
  /** [observed] ECR's answer to a push over an immutable tag. */
  tagImmutable: (tag: string, repository: string) =>
    new EcsError("ImageTagAlreadyExists", `tag invalid: The image tag '${tag}' already exists in the '${repository}' repository and cannot be overwritten because the repository is immutable.`),
  /** [observed] curl's exit 7. */
  connectionRefused: (port: number) => new EcsError("ConnectionRefused", `curl: (7) Failed to connect to localhost port ${port} after 0 ms: Connection refused`),
  /** [observed] curl's exit 56: Docker's proxy accepted, nothing listens on the container port behind it. */
  connectionReset: () => new EcsError("ConnectionReset", "curl: (56) Recv failure: Connection reset by peer"),
  /** [observed] curl's exit 6; the sandbox adds why. */
  unknownHost: (host: string) =>
    new EcsError("CouldNotResolveHost", `curl: (6) Could not resolve host: ${host} (the sandbox's curl reaches only the ports your containers publish on localhost)`),
  badUrl: (url: string) => new EcsError("MalformedUrl", `curl: (3) URL using bad/illegal format or missing URL: ${url}`),
  /** Not Docker's: `-p 8080` alone publishes on a random host port, which a learner could not curl without docker port. */
  badPort: (spec: string) => new EcsError("InvalidPort", `Publish a port as -p HOSTPORT:CONTAINERPORT (for example -p 8080:8080), not '${spec}'.`),
  /** Bounds of the workstation (not Docker's: the sandbox keeps a learner's workstation small). */
  tooMany: (what: string, limit: number) => new EcsError("SandboxLimitExceeded", `The sandbox keeps at most ${limit} ${what} per learner; remove some first (docker rmi / docker rm).`),
};
