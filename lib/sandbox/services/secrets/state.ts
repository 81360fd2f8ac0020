/** Secrets Manager's part of a sandbox state (the provider in this folder owns these records and may extend them). */
export interface SecretVersionRecord {
  versionId: string;
  secretString?: string;
  /** Base64. */
  secretBinary?: string;
  stages: string[];
  createdAtMs: number;
}

export interface SecretRecord {
  name: string;
  /** The full ARN, with AWS's random six-character suffix. */
  arn: string;
  description?: string;
  kmsKeyId?: string;
  createdAtMs: number;
  lastChangedAtMs: number;
  deletedAtMs?: number;
  versions: SecretVersionRecord[];
  tags: { Key: string; Value: string }[];
}

export interface SecretsState {
  /** By secret name. */
  secrets: Record<string, SecretRecord>;
}

export const SECRETS_MAPS = ["secrets"] as const;
