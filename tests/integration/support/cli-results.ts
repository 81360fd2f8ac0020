/**
 * What the AWS CLI integration tests share. Vitest only (it asserts): Playwright specs must not import it, as
 * aws-cli.ts is shared with them.
 */
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { expect } from "vitest";
import type { CliResult } from "./aws-cli";

/** The JSON a CLI call printed, once it has succeeded without a word on stderr. */
export async function ok(run: Promise<CliResult>) {
  const result = await run;
  expect(result.stderr).toBe("");
  expect(result.code).toBe(0);
  return result.json;
}

/** Writes `content` as JSON into `dir`; answers the `file://` argument that names it. */
export async function jsonFile(dir: string, name: string, content: unknown): Promise<string> {
  await writeFile(path.join(dir, name), JSON.stringify(content));
  return `file://${path.join(dir, name)}`;
}
