import type { SandboxState } from "./state";

/**
 * Identifiers must look like AWS's (32-hex task ids, UUIDs, eni-…) yet be reproducible from the state alone,
 * so they come from a non-cryptographic hash of (seed, account, region, purpose, counter) instead of randomness.
 */
function hash32(text: string, lane: number): number {
  let h = (0x811c9dc5 ^ Math.imul(lane + 1, 0x9e3779b1)) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
    h = (h << 13) | (h >>> 19);
  }
  h ^= text.length;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** `length` lowercase hex characters derived from `text`. */
export function hashHex(text: string, length: number): string {
  let out = "";
  for (let lane = 0; out.length < length; lane++) out += hash32(text, lane).toString(16).padStart(8, "0");
  return out.slice(0, length);
}

/** A fresh hex id; advances the state's counter. */
export function nextHex(state: SandboxState, purpose: string, length = 32): string {
  state.sequence += 1;
  return hashHex(`${state.seed}|${state.accountId}|${state.region}|${purpose}|${state.sequence}`, length);
}

/** A fresh RFC 4122 version-4-shaped UUID. */
export function nextUuid(state: SandboxState, purpose: string): string {
  const h = nextHex(state, purpose, 32);
  const variant = ((parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** `length` decimal digits (deployment ids are `ecs-svc/` + 19 digits); the first is never 0. */
export function nextDigits(state: SandboxState, purpose: string, length: number): string {
  const hex = nextHex(state, purpose, length * 2);
  let out = "";
  for (let i = 0; i < length; i++) out += String(parseInt(hex.slice(i * 2, i * 2 + 2), 16) % 10);
  return (out[0] === "0" ? "1" : out[0]) + out.slice(1);
}

/** The id at the end of a container instance ARN. */
export const idOfInstanceArn = (arn: string) => arn.slice(arn.lastIndexOf("/") + 1);
