// Whether dist/<name>/ (scripts/compile.mjs) was compiled from the source files as they are now: every file that went
// in still has the modification time it had then. Standard library only: the command line asks this on every run.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));

export function compiledIsFresh(name) {
  if (process.env.DOJO_FROM_SOURCE === "1") return false;
  try {
    const inputs = JSON.parse(fs.readFileSync(path.join(root, "dist", name, "inputs.json"), "utf8"));
    return Object.entries(inputs).every(([file, mtimeMs]) => fs.statSync(path.join(root, file)).mtimeMs === mtimeMs);
  } catch {
    return false;
  }
}
