#!/usr/bin/env node
// The ecs-dojo command line. The commands are TypeScript in lib/cli/; tsx compiles them on the fly.
import { fileURLToPath } from "node:url";
import { register } from "tsx/esm/api";

// The repository's tsconfig, wherever the command is run from: it maps the "@/" imports.
register({ tsconfig: fileURLToPath(new URL("../tsconfig.json", import.meta.url)) });
const { main } = await import("../lib/cli/main.ts");
process.exitCode = await main(process.argv.slice(2));
