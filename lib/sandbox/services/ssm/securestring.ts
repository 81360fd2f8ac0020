/**
 * What a SecureString value looks like without WithDecryption: AWS answers the KMS ciphertext blob, base64
 * (`AQICAHh…`: a version-1 KMS envelope, then the key's material id, then the encrypted bytes). [AWS-doc]
 * API_GetParameter WithDecryption: "Return decrypted values for secure string parameters. This flag is ignored for
 * String and StringList parameter types."
 *
 * The sandbox keeps the plain value and writes a ciphertext-shaped stand-in on the way out: deterministic from the
 * account, Region, key, name, version and value (no randomness), as long as the value grows with it, and not
 * reversible without the state — nothing in it reveals the value.
 */
import { hashHex } from "../../engine/ids";

/** The KMS key Parameter Store uses when PutParameter names none. */
export const DEFAULT_SSM_KEY = "alias/aws/ssm";

/** [observed] KMS ciphertext blobs start with bytes 01 02 02 00 78 (`AQICAHh…`, `AQICAHi…` in base64). */
const ENVELOPE_HEADER = [0x01, 0x02, 0x02, 0x00, 0x78];

function bytesOfHex(hex: string): number[] {
  const out: number[] = [];
  for (let i = 0; i + 1 < hex.length; i += 2) out.push(parseInt(hex.slice(i, i + 2), 16));
  return out;
}

export function ciphertextOf(context: { accountId: string; region: string; name: string; version: number; keyId: string }, value: string): string {
  const plain = new TextEncoder().encode(value);
  const keyMaterial = bytesOfHex(hashHex(`kms-key|${context.accountId}|${context.region}|${context.keyId}`, 64));
  // The value is hashed once; the mask comes from that short digest (hashing the whole value per 4 bytes of mask would
  // cost quadratic time on a 4 KB value).
  const digest = hashHex(`kms-data|${context.accountId}|${context.region}|${context.name}|${context.version}|${value}`, 32);
  const mask = bytesOfHex(hashHex(digest, (plain.length + 40) * 2));
  const body = Array.from(plain, (byte, i) => byte ^ mask[i]);
  // The envelope: header, the key's 32-byte material id, the data key (24 bytes here), the ciphertext, a 16-byte tag.
  const bytes = [...ENVELOPE_HEADER, ...keyMaterial, ...mask.slice(plain.length, plain.length + 24), ...body, ...mask.slice(plain.length + 24, plain.length + 40)];
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}
