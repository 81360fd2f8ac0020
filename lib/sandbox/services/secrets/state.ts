/**
 * Secrets Manager's part of a sandbox state: one record per secret of the learner's account in one Region, stored
 * as one document (state-documents.ts). Plain JSON; times are simulated epoch milliseconds.
 */
export interface SecretVersionRecord {
  /** The ClientRequestToken the version was created with (the CLI sends a fresh UUID), or one the sandbox made. */
  versionId: string;
  secretString?: string;
  /** Base64, as on the wire. */
  secretBinary?: string;
  /** Staging labels (AWSCURRENT, AWSPREVIOUS, AWSPENDING, the learner's own). None = deprecated. */
  stages: string[];
  createdAtMs: number;
}

export interface SecretRecord {
  name: string;
  /** The full ARN, with the six random-looking characters Secrets Manager appends to the name. */
  arn: string;
  description?: string;
  /** Absent = the AWS managed key aws/secretsmanager (DescribeSecret omits KmsKeyId then). */
  kmsKeyId?: string;
  createdAtMs: number;
  lastChangedAtMs: number;
  /** When DeleteSecret scheduled the deletion (DescribeSecret's DeletedDate); absent while the secret is active. */
  deletedAtMs?: number;
  /** The end of the recovery window (DeleteSecret's DeletionDate): from then on the secret no longer exists. */
  deletionAtMs?: number;
  /** Oldest first. */
  versions: SecretVersionRecord[];
  tags: { Key: string; Value: string }[];
}

export interface SecretsState {
  /** By secret name. */
  secrets: Record<string, SecretRecord>;
}

export const SECRETS_MAPS = ["secrets"] as const;
