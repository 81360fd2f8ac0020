/**
 * Secret ARNs and the ways a request names a secret: its name, its full ARN, or a partial ARN (the ARN without the
 * random suffix). [AWS-doc] secretsmanager/latest/userguide/troubleshoot.html#ARN_secretnamehyphen ("Finding a
 * secret from a partial ARN") and API_CreateSecret ("Secrets Manager automatically adds a hyphen and six random
 * characters after the secret name at the end of the ARN").
 */
import { nextHex } from "../../engine/ids";
import type { SandboxState } from "../../engine/state";
import { SECRETS_ERRORS } from "./errors";
import type { SecretRecord } from "./state";

/**
 * The suffix's alphabet: upper- and lowercase ASCII letters. [observed] suffixes in the wild are letters only
 * (`-EaPYTy`, `-TxmoDc`, `-qRoJel` in GiamPy5/terraform-aws-directus#10, Kong/kong-mesh-ecs#44,
 * ufoships docs); moto generates them the same way.
 */
const SUFFIX_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
export const SUFFIX_LENGTH = 6;

/** [AWS-doc] API_CreateSecret Name: "ASCII letters, numbers, and the following characters: /_+=.@-". */
export const SECRET_NAME = /^[A-Za-z0-9/_+=.@-]+$/;
/** What a SecretId's name part may hold: the set AWS's ValidationException lists ("-/_+=.@!"). */
const SECRET_ID_NAME = /^[A-Za-z0-9/_+=.@!-]+$/;

export function partitionOf(region: string): string {
  if (region.startsWith("cn-")) return "aws-cn";
  if (region.startsWith("us-gov-")) return "aws-us-gov";
  return "aws";
}

export function secretArnPrefix(accountId: string, region: string): string {
  return `arn:${partitionOf(region)}:secretsmanager:${region}:${accountId}:secret:`;
}

/** Six letters from 9 hex digits' worth of a hash (two hex digits per letter; the bias is invisible here). */
export function suffixOfHex(hex: string): string {
  let out = "";
  for (let i = 0; i < SUFFIX_LENGTH; i++) out += SUFFIX_ALPHABET[parseInt(hex.slice(i * 2, i * 2 + 2), 16) % SUFFIX_ALPHABET.length];
  return out;
}

/** A new secret's ARN: a fresh suffix from the state's seed and sequence (deterministic, never Math.random). */
export function newSecretArn(state: SandboxState, name: string): string {
  return `${secretArnPrefix(state.accountId, state.region)}${name}-${suffixOfHex(nextHex(state, "secret-arn", SUFFIX_LENGTH * 2))}`;
}

export interface Arn {
  partition: string;
  service: string;
  region: string;
  accountId: string;
  /** Everything after the fifth colon (colons included). */
  resource: string;
}

/** The parts of `arn:partition:service:region:account:resource`, or null when `text` is not shaped so. */
export function parseArn(text: string): Arn | null {
  const parts = text.split(":");
  if (parts.length < 6 || parts[0] !== "arn" || !parts[1] || !parts[2]) return null;
  return { partition: parts[1], service: parts[2], region: parts[3], accountId: parts[4], resource: parts.slice(5).join(":") };
}

/** A secret that still exists at clockMs: absent, or its recovery window ended, = none. */
export function liveSecret(record: SecretRecord | undefined, clockMs: number): SecretRecord | undefined {
  if (!record) return undefined;
  if (record.deletionAtMs !== undefined && record.deletionAtMs <= clockMs) return undefined;
  return record;
}

/** What part of the secrets map a SecretId points at: the map key (name) of the secret, or null for none. */
export function secretKeyOf(
  secrets: Record<string, SecretRecord>,
  accountId: string,
  region: string,
  secretId: string,
  clockMs: number,
): string | null {
  if (secretId.startsWith("arn:")) {
    const arn = parseArn(secretId);
    const prefix = secretArnPrefix(accountId, region);
    if (!arn || arn.service !== "secretsmanager" || !arn.resource.startsWith("secret:")) throw SECRETS_ERRORS.invalidName();
    const rest = arn.resource.slice("secret:".length);
    if (!SECRET_ID_NAME.test(rest)) throw SECRETS_ERRORS.invalidName();
    if (!secretId.startsWith(prefix)) return null;
    // A full ARN: the name is the ARN minus "-XXXXXX"; the record must carry exactly this ARN.
    const full = rest.length > SUFFIX_LENGTH + 1 ? rest.slice(0, -(SUFFIX_LENGTH + 1)) : undefined;
    if (full !== undefined && liveSecret(secrets[full], clockMs)?.arn === secretId) return full;
    // A partial ARN: the name itself.
    return liveSecret(secrets[rest], clockMs) ? rest : null;
  }
  if (!SECRET_ID_NAME.test(secretId)) throw SECRETS_ERRORS.invalidName();
  return liveSecret(secrets[secretId], clockMs) ? secretId : null;
}
