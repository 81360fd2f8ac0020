import { randomInt } from "node:crypto";

/**
 * Join codes are read off a projector and typed on phones, so they use only characters nobody confuses: the digits
 * 2–9 and the capital letters without I, L, O and U — 0/O and 1/I/L look alike in many fonts, and U is left out (as
 * in Crockford's Base32) so that codes spell fewer accidental words. 30 characters, 6 of them: 729 million codes,
 * so with join attempts limited per address (lib/limits/rate-limits.ts) guessing one takes years. Shown as ABC-234;
 * typed in any case, with or without the hyphen or spaces.
 */
export const JOIN_CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ";
export const JOIN_CODE_LENGTH = 6;

export function newJoinCode(): string {
  let code = "";
  for (let i = 0; i < JOIN_CODE_LENGTH; i++) code += JOIN_CODE_ALPHABET[randomInt(JOIN_CODE_ALPHABET.length)];
  return code;
}

/** The stored form of what someone typed, or null when it cannot be a join code. */
export function normalizeJoinCode(typed: unknown): string | null {
  if (typeof typed !== "string") return null;
  const code = typed.toUpperCase().replace(/[\s-]/g, "");
  if (code.length !== JOIN_CODE_LENGTH) return null;
  for (const c of code) if (!JOIN_CODE_ALPHABET.includes(c)) return null;
  return code;
}

/** ABC234 → ABC-234, for reading aloud and off a screen. */
export function displayJoinCode(code: string): string {
  return `${code.slice(0, 3)}-${code.slice(3)}`;
}
