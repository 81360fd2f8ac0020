import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

let cached: string | undefined;

/**
 * The server's secret, from which every learner's sandbox secret access key is derived (so none is stored).
 * DOJO_SECRET_KEY wins; otherwise a random key is created once in .data/server.key. Several app instances over
 * one database must share DOJO_SECRET_KEY.
 */
export function serverKey(): string {
  if (cached) return cached;
  const fromEnv = process.env.DOJO_SECRET_KEY;
  if (fromEnv) {
    if (fromEnv.length < 32) throw new Error("DOJO_SECRET_KEY must be at least 32 characters");
    return (cached = fromEnv);
  }
  const file = path.join(process.cwd(), ".data", "server.key");
  try {
    cached = fs.readFileSync(file, "utf8").trim();
  } catch {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const key = crypto.randomBytes(32).toString("base64url");
    try {
      fs.writeFileSync(file, key, { mode: 0o600, flag: "wx" });
      cached = key;
    } catch {
      cached = fs.readFileSync(file, "utf8").trim(); // another process created it first
    }
  }
  return cached;
}
