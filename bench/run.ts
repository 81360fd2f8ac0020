// `npm run bench`: runs every suite in bench/suites/ (or only those named on the command line) in order.
// Each suite prints its own table: medians, p95 and side-by-side ratios against peer tools where one exists.
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

// The in-process suites run the engine with its libraries' production builds, as the server does (tests/support's
// startApp sets NODE_ENV=production): Mutative's development build checks every freeze for circular references.
// (Next.js types NODE_ENV as read-only.)
Object.assign(process.env, { NODE_ENV: process.env.NODE_ENV ?? "production" });

const dir = path.join(import.meta.dirname, "suites");
const wanted = process.argv.slice(2);
const suites = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith(".ts"))
  .sort()
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.includes(w)));

for (const file of suites) {
  console.log(`\n## ${file.replace(/\.ts$/, "")}\n`);
  const suite = (await import(pathToFileURL(path.join(dir, file)).href)) as { default: () => Promise<void> };
  await suite.default();
}
