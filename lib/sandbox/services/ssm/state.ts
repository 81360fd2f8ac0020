/** SSM Parameter Store's part of a sandbox state (the provider in this folder owns these records and may extend them). */
export interface ParameterVersionRecord {
  version: number;
  value: string;
  modifiedAtMs: number;
  labels: string[];
}

export interface ParameterRecord {
  name: string;
  type: "String" | "StringList" | "SecureString";
  description?: string;
  keyId?: string;
  tier: "Standard" | "Advanced";
  dataType: string;
  /** Oldest first; the last is the current value. */
  versions: ParameterVersionRecord[];
}

export interface SsmState {
  /** By parameter name (with its leading '/' when it has one). */
  parameters: Record<string, ParameterRecord>;
}

export const SSM_MAPS = ["parameters"] as const;
