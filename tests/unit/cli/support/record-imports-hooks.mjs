// Module hooks for record-imports.mjs. They run on Node's loader thread, so they write to the file themselves.
import { appendFileSync } from "node:fs";

let log;

export function initialize(file) {
  log = file;
}

export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  appendFileSync(log, `${resolved.url}\n`);
  return resolved;
}
