/**
 * SSM Parameter Store's part of a sandbox state: one record per parameter of the learner's account in one Region,
 * stored as one document (state-documents.ts). Plain JSON; times are simulated epoch milliseconds.
 */
export type ParameterType = "String" | "StringList" | "SecureString";
export type ParameterTier = "Standard" | "Advanced";

/** One version as GetParameterHistory shows it: every attribute is the version's own (PutParameter may change them). */
export interface ParameterVersionRecord {
  version: number;
  /** Plain text, SecureString values too: the sandbox shows their ciphertext form only on the way out (securestring.ts). */
  value: string;
  type: ParameterType;
  description?: string;
  /** SecureString only: the KMS key (alias/aws/ssm unless the learner named another). */
  keyId?: string;
  allowedPattern?: string;
  tier: ParameterTier;
  dataType: string;
  modifiedAtMs: number;
  labels: string[];
}

export interface ParameterRecord {
  /** The name as first created (`/a` and `a` are one parameter: names.ts keyOf). */
  name: string;
  tags: { Key: string; Value: string }[];
  /** Oldest first; the last is the current value. At most 100 (quotas.ts). */
  versions: ParameterVersionRecord[];
}

export interface SsmState {
  /** By names.ts keyOf(name). */
  parameters: Record<string, ParameterRecord>;
}

export const SSM_MAPS = ["parameters"] as const;
