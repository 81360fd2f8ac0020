/** Finding the secret a request names, and forgetting secrets whose recovery window has ended. */
import { optString, type Input } from "../../engine/input";
import type { SandboxState } from "../../engine/state";
import { peek } from "../../engine/transition";
import { secretKeyOf } from "./arns";
import { missing, SECRETS_ERRORS, tooLong } from "./errors";
import { SECRETS_QUOTAS } from "./quotas";
import type { SecretRecord } from "./state";

/** The request's SecretId, present and within the model's length. */
export function readSecretId(input: Input): string {
  const secretId = optString(input, "SecretId");
  if (secretId === undefined) throw missing("secretId");
  if (secretId.length === 0) throw SECRETS_ERRORS.invalidName();
  if (secretId.length > SECRETS_QUOTAS.secretIdLength) throw tooLong("secretId", SECRETS_QUOTAS.secretIdLength, secretId);
  return secretId;
}

/** The secret `SecretId` names (scheduled for deletion or not), or ResourceNotFoundException. */
export function requireSecret(state: SandboxState, input: Input, clockMs: number): SecretRecord {
  const key = secretKeyOf(state.secrets, state.accountId, state.region, readSecretId(input), clockMs);
  if (key === null) throw SECRETS_ERRORS.notFound();
  return state.secrets[key];
}

/** The same, refused with AWS's InvalidRequestException while the secret is scheduled for deletion. */
export function requireActiveSecret(state: SandboxState, input: Input, clockMs: number): SecretRecord {
  const record = requireSecret(state, input, clockMs);
  if (record.deletedAtMs !== undefined) throw SECRETS_ERRORS.markedForDeletion();
  return record;
}

/**
 * Scheduled deletions happen on the simulated clock: a secret whose DeletionDate has passed no longer exists
 * (every lookup ignores it, arns.ts liveSecret); a write also drops its record, so that the name is free again and
 * the state does not keep it. [AWS-doc] API_DeleteSecret: "At the end of the recovery window, Secrets Manager
 * deletes the secret permanently" (AWS adds "some time after"; the sandbox does it exactly then).
 */
export function forgetExpiredSecrets(state: SandboxState, clockMs: number): void {
  for (const key of Object.keys(state.secrets)) {
    const record = peek(state.secrets, key)!;
    if (record.deletionAtMs !== undefined && record.deletionAtMs <= clockMs) delete state.secrets[key];
  }
}
