// Marks the browser's JavaScript chunks with V8's explicit compile hint (`//# allFunctionsCalledOnLoad` as a file's
// first line: https://v8.dev/blog/explicit-compile-hints, Chromium 136 and later; other engines read a comment).
// Without it, V8 compiles each function lazily, on the page's main thread, the first time it runs: a trace of a cold
// load of a lesson page showed that compiling, not running, was about half the main thread's work before the editor's
// first marker (Monaco's chunk alone: 5.4 s of its 6.1 s evaluation at load average 22). With the hint, V8 compiles the
// whole file while it streams in, on a background thread: the main thread's time to the first marker fell by 30% (median
// of 6 cold loads each, measured in alternating turns at load average 30: npm run bench -- page-weight). The price:
// functions that never run are compiled too, off the main thread. Turbopack has no banner option, so this runs after
// `next build` (scripts/prepare.mjs, the Dockerfile, `npm run build`). Written by hand: no library does this.
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const HINT = "//# allFunctionsCalledOnLoad\n";

/** Adds the hint to every .js file under `.next/static` of `root` that lacks it; returns how many files it changed. */
export function addCompileHints(root) {
  const dir = path.join(root, ".next", "static");
  let changed = 0;
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith(".js")) continue;
    const file = path.join(entry.parentPath, entry.name);
    const text = fs.readFileSync(file, "utf8");
    if (text.startsWith(HINT)) continue;
    fs.writeFileSync(file, HINT + text);
    changed++;
  }
  return changed;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const changed = addCompileHints(process.cwd());
  console.log(`[compile-hints] marked ${changed} chunks for eager compilation`);
}
