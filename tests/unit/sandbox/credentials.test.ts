import { describe, expect, test } from "vitest";
import { deriveSecretAccessKey, newAccessKeyId, newAccountId } from "@/lib/sandbox/credentials";

describe("sandbox credentials", () => {
  test("access key ids are 20 upper-case characters starting ADOJ, and differ", () => {
    const ids = Array.from({ length: 50 }, newAccessKeyId);
    for (const id of ids) expect(id).toMatch(/^ADOJ[A-Z2-7]{16}$/);
    expect(new Set(ids).size).toBe(ids.length);
  });

  test("secrets are derived: 40 base64 characters, stable per key, different per key and per server key", () => {
    const secret = deriveSecretAccessKey("server-key-1", "ADOJAAAAAAAAAAAAAAAA");
    expect(secret).toMatch(/^[A-Za-z0-9+/]{40}$/);
    expect(deriveSecretAccessKey("server-key-1", "ADOJAAAAAAAAAAAAAAAA")).toBe(secret);
    expect(deriveSecretAccessKey("server-key-1", "ADOJAAAAAAAAAAAAAAAB")).not.toBe(secret);
    expect(deriveSecretAccessKey("server-key-2", "ADOJAAAAAAAAAAAAAAAA")).not.toBe(secret);
  });

  test("account ids are 12 digits", () => {
    for (let i = 0; i < 50; i++) expect(newAccountId()).toMatch(/^\d{12}$/);
  });
});
