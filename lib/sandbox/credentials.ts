import { createHmac, randomBytes, randomInt } from "node:crypto";

const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
const ACCESS_KEY_PREFIX = "ADOJ";

/** A new access key id: 20 upper-case characters like AWS's `AKIA…`, marked `ADOJ…` as the sandbox's own. */
export function newAccessKeyId(): string {
  // 32 symbols = 5 bits each, so every byte maps without bias.
  const body = [...randomBytes(16)].map((byte) => BASE32[byte & 31]).join("");
  return ACCESS_KEY_PREFIX + body;
}

/**
 * The secret for an access key, derived rather than stored: HMAC-SHA256 of the key id under the server key,
 * cut to AWS's 40-character base64 form. A leaked database therefore reveals no secret.
 */
export function deriveSecretAccessKey(serverKey: string, accessKeyId: string): string {
  return createHmac("sha256", serverKey).update(accessKeyId).digest().subarray(0, 30).toString("base64");
}

/** A new 12-digit account id. */
export function newAccountId(): string {
  return String(randomInt(0, 1_000_000_000_000)).padStart(12, "0");
}
