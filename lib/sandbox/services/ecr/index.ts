/**
 * Amazon ECR (AWS JSON 1.1, signing name `ecr`): the private registry of the learner's sandbox account, one per
 * Region. Every operation scripts/generate-aws-models.py lists for ECR is answered here; pushing an image, which the
 * AWS CLI cannot do (Docker does), is DojoSandbox.PushImage (images.ts) or a scenario's `ecr` member (scenario.ts).
 *
 * | Module               | Operations                                                                             |
 * |----------------------|----------------------------------------------------------------------------------------|
 * | repositories.ts      | CreateRepository, DescribeRepositories, DeleteRepository, PutImageTagMutability,        |
 * |                      | PutImageScanningConfiguration, TagResource, UntagResource, ListTagsForResource          |
 * | repository-policy.ts | SetRepositoryPolicy, GetRepositoryPolicy, DeleteRepositoryPolicy                        |
 * | images.ts            | DescribeImages, ListImages, BatchGetImage, BatchDeleteImage (+ DojoSandbox.PushImage)   |
 * | lifecycle-policy.ts  | Put/Get/DeleteLifecyclePolicy, StartLifecyclePolicyPreview, GetLifecyclePolicyPreview   |
 * | scanning.ts          | StartImageScan, DescribeImageScanFindings                                               |
 * | authorization.ts     | GetAuthorizationToken                                                                   |
 *
 * For ECS: `findImage(state, imageUri)` and `parseEcrImageUri(uri)` (images.ts).
 */
import type { Operation } from "../../engine/operation";
import type { ServiceProvider } from "../provider";
import { authorizationOperations } from "./authorization";
import { imageOperations, pushImageOperation } from "./images";
import { lifecycleOperations } from "./lifecycle-policy";
import { repositoryOperations } from "./repositories";
import { repositoryPolicyOperations } from "./repository-policy";
import { scanningOperations } from "./scanning";

export const ecrProvider: ServiceProvider = {
  service: "ecr",
  global: false,
  operations: {
    ...repositoryOperations,
    ...repositoryPolicyOperations,
    ...imageOperations,
    ...lifecycleOperations,
    ...scanningOperations,
    ...authorizationOperations,
  },
};

/** The DojoSandbox operations ECR adds (engine/sandbox-operations.ts). */
export const ecrSandboxOperations: Record<string, Operation> = {
  PushImage: pushImageOperation,
};

export { findImage, parseEcrImageUri, registryOf, type EcrImageUri } from "./images";
export type { EcrImageRecord, EcrRepositoryRecord } from "./state";
