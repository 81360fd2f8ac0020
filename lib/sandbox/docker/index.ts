/**
 * The learner's workstation Docker, reached as DojoSandbox operations (Docker is not an AWS API): `ecs-dojo docker …`
 * and `ecs-dojo curl …` (lib/cli/docker.ts) send them; a lesson's `calls` checks read them as `dojo:<Operation>`.
 * Nothing a learner writes is executed: builds read the Dockerfile and the context's file list, containers are
 * simulated.
 *
 * | Operation | Input | Runs on |
 * |---|---|---|
 * | `DockerBuild` | `{dockerfile, context: [{path, size, sha256}], tags?, platform?}` | workstation |
 * | `DockerImages`, `DockerHistory {image}`, `DockerInspect {image}`, `DockerTag {source, target}`, `DockerRemoveImage {image, force?}` | | workstation |
 * | `DockerRun` | `{image, name?, ports?: ["8080:8080"], env?: ["K=V"], rm?, command?}` | workstation |
 * | `DockerContainers {all?}`, `DockerLogs {container}`, `DockerStop {container}`, `DockerRemoveContainer {container, force?}` | | workstation |
 * | `LocalRequest` | `{url, method?}`: curl to a published port | workstation |
 * | `DockerLogin` | `{registry, username, password}` | the registry's Region |
 * | `DockerPush` | `{image}` (`<account>.dkr.ecr.<region>.amazonaws.com/<repo>:<tag>`) | the registry's Region |
 *
 * The workstation is the account's GLOBAL_REGION state: Docker has no Region.
 */
import { GLOBAL_REGION } from "../services/provider";
import type { Operation } from "../engine/operation";
import { containerOperations } from "./containers";
import { imageOperations } from "./images";
import { registryOperations, registryRegion } from "./registry";

const DOCKER_OPERATIONS: Record<string, Operation> = { ...imageOperations, ...containerOperations, ...registryOperations };

export function dockerOperation(operation: string): Operation | undefined {
  return Object.hasOwn(DOCKER_OPERATIONS, operation) ? DOCKER_OPERATIONS[operation] : undefined;
}

/** The Region of the state `operation` runs on. Throws Docker's error for a registry outside the sandbox. */
export function dockerRegionOf(operation: string, input: unknown): string {
  return operation === "DockerLogin" || operation === "DockerPush" ? registryRegion(operation, input) : GLOBAL_REGION;
}
