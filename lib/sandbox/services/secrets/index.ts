/**
 * AWS Secrets Manager (AWS JSON 1.1, target prefix `secretsmanager`): the operations scripts/generate-aws-models.py
 * lists for it. Regional: each Region of a learner's account has its own secrets. ECS reads them through
 * resolve.ts, never through these operations.
 */
import type { ServiceProvider } from "../provider";
import {
  createSecret,
  deleteSecret,
  describeSecretOperation,
  listSecrets,
  restoreSecret,
  tagResource,
  untagResource,
  updateSecret,
} from "./secrets";
import { getSecretValue, listSecretVersionIds, putSecretValue } from "./versions";

export const secretsManagerProvider: ServiceProvider = {
  service: "secretsmanager",
  global: false,
  operations: {
    CreateSecret: createSecret,
    DeleteSecret: deleteSecret,
    DescribeSecret: describeSecretOperation,
    GetSecretValue: getSecretValue,
    ListSecretVersionIds: listSecretVersionIds,
    ListSecrets: listSecrets,
    PutSecretValue: putSecretValue,
    RestoreSecret: restoreSecret,
    TagResource: tagResource,
    UntagResource: untagResource,
    UpdateSecret: updateSecret,
  },
};
