#!/usr/bin/env node
// The ecs-dojo command line. The commands are TypeScript in lib/cli/: prepare compiles them once into dist/cli/
// (scripts/compile.mjs), which starts in Node's time alone. Without that build, or when a source file changed since
// it (DOJO_FROM_SOURCE=1 forces this), tsx compiles them on the fly instead, about a second per run.
import { fileURLToPath } from "node:url";
import { compiledIsFresh } from "../scripts/compiled.mjs";

let main;
if (compiledIsFresh("cli")) {
  ({ main } = await import("../dist/cli/cli.js"));
} else {
  const { register } = await import("tsx/esm/api");
  // The repository's tsconfig, wherever the command is run from: it maps the "@/" imports.
  register({ tsconfig: fileURLToPath(new URL("../tsconfig.json", import.meta.url)) });
  ({ main } = await import("../lib/cli/main.ts"));
}
process.exitCode = await main(process.argv.slice(2));
